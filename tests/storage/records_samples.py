"""Small, fully filled records shared by the storage, service and CLI tests."""

from __future__ import annotations

from datetime import date

from shapely.geometry import Point, box

from app.domain.pain_map import PainMap
from app.domain.records import Client, PalpatedTrP, TreatmentGiven, Visit


def sample_client(name: str = "Ann Example") -> Client:
    return Client(None, name, date(1980, 5, 17), "ann@example.org", "prefers mornings", True, date(2026, 1, 10))


def sample_pain() -> PainMap:
    pain = PainMap().paint("posterior", box(100, 100, 140, 130), 6, "aching")
    pain = pain.paint("posterior", Point(120, 115).buffer(8), 9, "stabbing")
    return pain.paint("right_lateral", box(10, 10, 30, 20), 3, "tingling")


def fill_visit(visit: Visit) -> Visit:
    visit.soap = {"subjective": "neck pain 3 weeks", "objective": "taut band R upper trapezius",
                  "assessment": "myofascial pain", "plan": "weekly x3"}
    visit.red_flags["history_of_cancer"] = False
    visit.red_flags["recent_significant_trauma"] = True
    visit.pain = sample_pain()
    visit.findings = [PalpatedTrP("trapezius", "trapezius_trp1", "right", "active"),
                      PalpatedTrP("levator_scapulae", None, "left", "latent")]
    visit.treatments = [TreatmentGiven("ischemic_compression", "trapezius", "right", 4.5, "eased"),
                        TreatmentGiven("self_care")]
    visit.notes = "tolerated well"
    return visit
