"""A new visit as the therapist opens it: empty notes, no red flag, nothing painted or tested,
not signed; the symptom severity scale refuses what its form cannot hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain import neuro_screen
from app.domain.records import RED_FLAGS, SOAP_FIELDS, SymptomSeverity, Visit


def test_a_new_visit_starts_blank_and_unsigned() -> None:
    visit = Visit(None, 7, date(2026, 6, 1))
    assert visit.soap == {"subjective": "", "objective": "", "assessment": "", "plan": ""}
    assert list(visit.soap) == list(SOAP_FIELDS)
    assert visit.red_flags == dict.fromkeys(RED_FLAGS, False) and not visit.any_red_flag
    assert visit.pain.views() == [] and visit.findings == [] and visit.treatments == []
    assert neuro_screen.tested(visit.neuro_screen) == {} and visit.symptom_severity is None
    assert not visit.signed and visit.amendments == []
    other = Visit(None, 7, date(2026, 6, 2))
    visit.soap["plan"] = "Ischaemic compression, upper trapezius"
    visit.red_flags["suspected_dvt"] = True
    assert other.soap["plan"] == "" and not other.any_red_flag  # each visit has its own notes
    assert visit.any_red_flag
    visit.signed_at = datetime(2026, 6, 1, 17, 30)
    assert visit.signed


def test_the_symptom_severity_scale_adds_up_and_refuses_what_the_form_cannot_hold() -> None:
    full = SymptomSeverity(3, 3, 3, 1, 1, 1)
    assert full.score == 12 and full.as_dict()["headaches"] == 1
    assert SymptomSeverity().score == 0
    for bad in ({"fatigue": 4}, {"headaches": 2}, {"depression": -1}, {"fatigue": 2.0}, {"fatigue": True}):
        with pytest.raises(ValueError, match="symptom severity"):
            SymptomSeverity(**bad)
