"""The neuro screen: only tested items are kept, values are checked, and the summary says which
findings fit a root (never a diagnosis) with the red flags first."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import neuro_screen as ns
from app.domain.records import Visit


def _screen(**items) -> dict:
    """_screen(light_touch__C6__left="reduced", slr_angle__left=40)"""
    return ns.normalized({name.replace("__", ".").replace("S4_5", "S4-5"): value for name, value in items.items()})


def test_nothing_is_invented_an_empty_screen_has_no_findings_and_no_document() -> None:
    empty = ns.empty_neuro_screen()
    assert set(v for k, v in empty.items() if k != "note") == {None}
    assert ns.findings(empty) == [] and ns.to_document(empty) is None and ns.summarize(empty).empty
    assert len(empty) == 28 * 2 * 2 + 10 * 2 + 5 * 2 + 6 * 2 + 2 + 1


def test_document_round_trip_keeps_exactly_the_tested_items() -> None:
    screen = _screen(light_touch__C6__left="reduced", pinprick__S4_5__right="normal", strength__L5__right=4,
                     reflex__achilles__left="absent", provocation__straight_leg_raise__left="positive",
                     slr_angle__left=35, note="SLR reproduces calf pain")
    document = ns.to_document(screen)
    assert document["light_touch"] == {"C6": {"left": "reduced"}} and document["strength"] == {"L5": {"right": 4}}
    assert document["slr_angle"] == {"left": 35} and document["pinprick"] == {"S4-5": {"right": "normal"}}
    assert ns.from_document(document) == screen
    assert len(ns.tested(screen)) == 7


@pytest.mark.parametrize(("name", "value"), [
    ("light_touch.C6.left", "numb"), ("light_touch.C9.left", "normal"), ("light_touch.C6.front", "normal"),
    ("pinprick.C6.left", 1), ("strength.C6.left", 6), ("strength.C6.left", "4"), ("strength.C6.left", True),
    ("strength.C2.left", 5), ("reflex.biceps.left", "hyper"), ("reflex.knee.left", "normal"),
    ("provocation.spurling.left", "equivocal"), ("provocation.lasegue.left", "positive"),
    ("slr_angle.left", 91), ("slr_angle.left", 45.5), ("slr_angle.up", 45), ("note", None), ("colour", "red"),
])
def test_wrong_items_and_values_are_refused(name: str, value) -> None:
    with pytest.raises(ValueError, match="neuro screen"):
        ns.normalized({name: value})


def test_sensory_loss_and_reflex_at_one_root_fit_that_root_on_that_side() -> None:
    summary = ns.summarize(_screen(light_touch__C6__left="reduced", reflex__brachioradialis__left="reduced",
                                   light_touch__C6__right="normal", reflex__brachioradialis__right="normal"))
    assert summary.fits == ["Findings fit C6 on the client's left (reduced light touch at the C6 key point; "
                            "reduced brachioradialis reflex): refer for assessment."]
    assert summary.red_flags == [] and [f.side for f in summary.abnormal] == ["left", "left"]
    assert len(summary.normal) == 2


def test_a_single_finding_is_not_a_fit_but_a_reason_to_retest() -> None:
    (line,) = ns.summarize(_screen(strength__L5__right=4)).fits
    assert line.startswith("A single finding at L5 on the client's right") and "re-test" in line


def test_a_positive_provocation_joins_the_root_it_loads_on_the_same_side_only() -> None:
    summary = ns.summarize(_screen(pinprick__L5__left="reduced", provocation__straight_leg_raise__left="positive",
                                   pinprick__C6__right="reduced"))
    assert summary.fits[0].startswith("A single finding at C6 on the client's right")
    assert summary.fits[1].startswith("Findings fit L5 on the client's left") and "Straight-leg raise" in summary.fits[1]
    assert "points toward the sciatic nerve" in summary.fits[2]


@pytest.mark.parametrize(("items", "flag"), [
    ({"reflex__patellar__right": "brisk"}, "upper-motor-neuron"),
    ({"pinprick__S4_5__left": "absent"}, "cauda equina"),
    ({"strength__S1__left": 3}, "Marked weakness"),
    ({"light_touch__L5__left": "reduced", "light_touch__L5__right": "reduced"}, "both sides at L5"),
    ({"light_touch__C5__left": "reduced", "light_touch__C6__left": "reduced", "strength__C7__left": 4},
     "three or more roots on the client's left (C5, C6, C7)"),
])
def test_red_flags(items: dict, flag: str) -> None:
    flags = ns.summarize(_screen(**items)).red_flags
    assert len(flags) == 1 and flag in flags[0]


def test_normal_findings_raise_no_flag_and_no_fit() -> None:
    summary = ns.summarize(_screen(reflex__patellar__right="normal", strength__S1__left=5,
                                   provocation__slump__left="negative", pinprick__S3__left="normal"))
    assert summary.red_flags == [] and summary.fits == [] and summary.abnormal == []


def test_wording_never_diagnoses() -> None:
    screen = _screen(light_touch__C6__left="reduced", reflex__brachioradialis__left="absent", strength__C6__left=2,
                     provocation__spurling__left="positive", reflex__triceps__right="brisk")
    summary = ns.summarize(screen)
    text = " ".join(summary.fits + summary.red_flags).lower()
    for word in ("diagnos", "radiculopathy", "you have", "confirms"):
        assert word not in text
    assert "refer" in text


def test_a_brisk_reflex_is_a_red_flag_not_a_root_finding() -> None:
    summary = ns.summarize(_screen(reflex__patellar__right="brisk", light_touch__L4__right="reduced"))
    assert len(summary.red_flags) == 1 and "upper-motor-neuron" in summary.red_flags[0]
    assert summary.fits == ["A single finding at L4 on the client's right (reduced light touch at the L4 key point): "
                            "re-test, and refer for assessment if it persists or other findings join it."]


def test_visits_without_a_screen_share_one_read_only_empty_screen() -> None:
    a, b = Visit(None, 1, date(2026, 1, 1)), ns.from_document(None)
    assert a.neuro_screen is b is ns.NOTHING_TESTED and a.neuro_screen == ns.empty_neuro_screen()
    with pytest.raises(TypeError):
        a.neuro_screen["reflex.biceps.left"] = "normal"  # type: ignore[index]  # edits replace, never mutate


def test_a_screen_without_a_note_is_saved_with_an_empty_note_and_reads_back() -> None:
    """The records file stores the note as text: a screen tested but not annotated has ``""``."""
    screen = _screen(reflex__patellar__right="reduced")
    document = ns.to_document(screen)
    assert document["note"] == "" and document["reflex"] == {"patellar": {"right": "reduced"}}
    assert ns.from_document(document) == screen


def test_the_report_table_names_each_site_and_value_as_the_clinician_reads_them() -> None:
    screen = _screen(strength__C6__left=4, reflex__achilles__right="absent", light_touch__L5__left="reduced",
                     provocation__spurling__left="positive", reflex__biceps__left="brisk")
    rows = [(f.site_label, f.value_label) for f in ns.findings(screen)]
    assert rows == [("L5 key point", "reduced"), ("C6 wrist extensors", "4/5"), ("Biceps (C5)", "brisk"),
                    ("Achilles (S1)", "absent"), ("Spurling", "positive")]


def test_a_straight_leg_raise_of_ninety_degrees_is_recorded() -> None:
    assert ns.normalized({"slr_angle.left": 90})["slr_angle.left"] == 90
