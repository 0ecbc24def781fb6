"""The visit report's neuro screen, read back from the PDF's text (pypdf): only what was tested,
abnormal rows first with the right sides, the screen's red flags at the top, and the pain's fit to
a root (NerveService.compare) shown when it beats every trigger point."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from app.domain import neuro_screen as ns
from app.domain.pain_map import PainMap
from app.domain.records import Client, Visit

SCREEN = {"light_touch.C5.left": "normal", "light_touch.C5.right": "normal", "light_touch.C6.left": "reduced", "light_touch.C6.right": "normal", "pinprick.C6.left": "absent",
          "strength.C6.left": 4, "strength.C6.right": 5, "reflex.brachioradialis.left": "reduced",
          "reflex.brachioradialis.right": "normal", "reflex.patellar.right": "brisk",
          "provocation.spurling.left": "positive", "provocation.ultt1_median.left": "negative",
          "slr_angle.right": 80, "note": "Spurling to the left brings on thumb tingling"}


def _brush(path: list[tuple[float, float]], seed: int) -> BaseGeometry:
    """Jittered dabs along a path, as a finger paints."""
    rng = random.Random(seed)
    dabs = []
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        steps = max(2, int(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 / 6))
        for i in range(steps + 1):
            t = i / steps
            x, y = ax + t * (bx - ax) + rng.uniform(-5, 5), ay + t * (by - ay) + rng.uniform(-5, 5)
            dabs.append(shapely.Point(x, y).buffer(rng.uniform(7, 13)))
    return shapely.union_all(dabs)


def _thumb_and_lateral_forearm(catalog) -> PainMap:
    """Tingling painted from above the left elbow's lateral side down to the thumb (the C6 picture)."""
    marks = catalog.landmarks["anterior"]
    at = lambda name, dy=0.0: (marks[f"{name}.left"][0], marks[f"{name}.left"][1] + dy)  # noqa: E731
    stroke = _brush([at("lateral_epicondyle", 30), at("radial_styloid"), at("first_mcp", 20)], seed=2)
    return PainMap().paint("anterior", stroke, 6, "tingling", catalog.views["anterior"].outline)


def _pdf_text(shipped_service, visit: Visit, tmp_path: Path) -> str:
    from pypdf import PdfReader

    from app.ui.records.report import write_report

    out = tmp_path / "report.pdf"
    write_report(out, shipped_service, Client(1, "Ann Example"), visit, [], "Harbour Clinic")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    return re.sub(r"\s+", " ", text.replace("ﬁ", "fi").replace("ﬂ", "fl"))


@pytest.fixture()
def c6_visit(shipped_service) -> Visit:
    return Visit(3, 1, date(2026, 12, 1), "Dana", "Neck pain, tingling into the left thumb",
                 pain=_thumb_and_lateral_forearm(shipped_service), neuro_screen=ns.normalized(SCREEN))


def test_the_report_lists_the_tested_items_with_their_sides_abnormal_first(shipped_service, c6_visit,
                                                                         tmp_path: Path) -> None:
    text = _pdf_text(shipped_service, c6_visit, tmp_path)
    section = text[text.index("Neuro screen Findings fit"):text.index("Pain over the visits")]
    assert section.startswith("Neuro screen Findings fit C6 on the client's left (reduced light touch at the C6 key "
                              "point; absent pinprick at the C6 key point; C6 wrist extensors 4/5; reduced "
                              "brachioradialis reflex; positive Spurling): refer for assessment.")
    rows = [  # test, where, client's left, client's right: in this order in the table
        "Light touch C6 key point reduced normal", "Pinprick C6 key point absent not tested",
        "Strength C6 wrist extensors 4/5 5/5", "Reflex Brachioradialis (C6) reduced normal",
        "Reflex Patellar (L4) not tested brisk", "Provocation Spurling positive not tested",
        "Light touch C5 key point normal normal", "Provocation ULTT1 (median) negative not tested",
    ]
    found = [section.index(row) for row in rows]
    assert found == sorted(found)  # all-normal rows (C5 touch, ULTT1) after every abnormal one, in form order
    assert "Straight-leg raise angle: client's right 80°" in section
    assert "Spurling to the left brings on thumb tingling" in section
    for untested in ("C7 key point", "Slump", "ULTT3", "Achilles", "L5 long toe"):
        assert untested not in text  # nothing invented


def test_red_flags_and_the_root_fit_come_first(shipped_service, c6_visit, tmp_path: Path) -> None:
    text = _pdf_text(shipped_service, c6_visit, tmp_path)
    flags = text.index("NEURO-SCREEN RED FLAGS — refer to a physician before treating:")
    assert "Brisk patellar reflex on the client's right: a possible upper-motor-neuron sign" in text
    pattern = text.index("PAIN PATTERN (client's left): Fits the C6 dermatome better than any trigger-point pattern")
    assert "The neuro screen's findings fit C6 too (client's left): refer for assessment." in text
    assert flags < pattern < text.index("Chief complaint") < text.index("Leading candidate trigger points")


def test_without_a_screen_the_report_says_none_was_recorded(shipped_service, c6_visit, tmp_path: Path) -> None:
    c6_visit.neuro_screen = ns.empty_neuro_screen()
    text = _pdf_text(shipped_service, c6_visit, tmp_path)
    assert "NEURO-SCREEN RED FLAGS" not in text and "No neuro screen recorded at this visit." in text
    assert "PAIN PATTERN (client's left)" in text
    assert "No neuro screen was recorded at this visit: screen before treating." in text


def test_a_myofascial_pain_gets_no_nerve_box(shipped_service, tmp_path: Path) -> None:
    marks = shipped_service.landmarks["posterior"]
    # Aching over the left upper trapezius, from the base of the neck towards the acromion.
    (x0, y0), (x1, y1) = marks["c7_spinous"], marks["acromion.left"]
    stroke = _brush([(x0 + 0.2 * (x1 - x0), y0 - 15), (x0 + 0.7 * (x1 - x0), y1 - 5)], seed=1)
    pain = PainMap().paint("posterior", stroke, 5, "aching", shipped_service.views["posterior"].outline)
    text = _pdf_text(shipped_service, Visit(4, 1, date(2026, 12, 1), pain=pain), tmp_path)
    assert "PAIN PATTERN" not in text and "NEURO-SCREEN RED FLAGS" not in text
