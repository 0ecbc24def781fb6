"""Where does it hurt? on the shipped catalog: skin areas clicked with the mouse (Ctrl+click adds),
the radicular panel beside the candidates ranks the textbook root or nerve near the top, with the
comparison sentence and the red flags; a row selected with the mouse draws its territory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tests.ui.nerves.driving import click_area, click_row

# (areas clicked, client's right) -> roots or nerves one of which must lead, and one that must be in the top 3.
PRESENTATIONS = [
    (["thumb_radial_hand", "dorsal_forearm"], {"C6", "musculocutaneous", "radial"}, "C6"),
    (["dorsal_fingers"], {"ulnar", "C8"}, "C8"),  # little finger and the ulnar hand: the atlas's finger area
    (["dorsal_foot", "great_toe"], {"L5", "superficial_fibular", "deep_fibular"}, "L5"),
    (["lateral_ankle", "heel"], {"S1", "sural", "tibial"}, "S1"),
    (["lateral_thigh"], {"lateral_femoral_cutaneous"}, "lateral_femoral_cutaneous"),
]


def _choose(window, qtbot, areas: list[str], side: str = "right"):
    rv = window.radicular
    window.menus.pain_action.trigger()
    with qtbot.waitSignal(rv.presenter.sig_result, timeout=20000):
        for i, slug in enumerate(areas):
            spot = click_area(window, slug, side, add=i > 0)
    assert window.controller.areas == [(slug, side) for slug in areas]  # each click chose its area
    return rv, spot


@pytest.mark.parametrize(("areas", "leaders", "in_top"), PRESENTATIONS, ids=[p[2] for p in PRESENTATIONS])
def test_textbook_presentations_rank_their_root_or_nerve_near_the_top(real_window, qtbot, areas, leaders, in_top):
    rv, _spot = _choose(real_window, qtbot, areas)
    ids = [ref for _kind, ref, _side in rv.panel.row_keys()]
    assert ids[0] in leaders, ids
    assert in_top in ids[:3], ids
    assert all(side == "right" for _k, _r, side in rv.panel.row_keys()[:3])
    assert real_window.candidates.labels()  # the TrP candidates are still listed beside them
    summary = rv.panel.summary.text()
    assert "screen" in summary and "refer if" in summary and "diagnos" not in summary
    assert "refer at once" in rv.panel.red_flags.text() and rv.panel.red_flags.isVisible()


def test_selecting_a_root_draws_it_on_the_pains_side_with_the_muscles_it_supplies(real_window, qtbot) -> None:
    rv, spot = _choose(real_window, qtbot, ["dorsal_foot", "great_toe"], side="left")
    row = next(i for i, key in enumerate(rv.panel.row_keys()) if key == ("root", "L5", "left"))
    click_row(rv.panel.list, row)
    assert rv.highlight.text == "L5"
    muscles, territory = (item.path() for item in rv.highlight.childItems()[:2])
    assert territory.contains(QPointF(spot.x, spot.y))  # the client's left foot, not the right
    assert not muscles.isEmpty()  # tibialis anterior, extensor hallucis longus ... on this view
    real_window.menus.view_actions["posterior"].trigger()
    assert rv.highlight.text == "L5" and not rv.highlight.childItems()[1].path().isEmpty()  # redrawn on the new view
