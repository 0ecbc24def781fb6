"""The referral pattern picture of an Anki card or exam report, read back as an SVG viewer reads
it: framed on the pattern, the outline (with its holes) in skin colour, the essential zone solid
red, the spillover stippled with a pattern the file defines, a cross on every trigger point."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from app.domain.study.pattern_svg import crop_box, path_data, pattern_svg

SVG = "{http://www.w3.org/2000/svg}"
OUTLINE = box(100, 50, 500, 1650).difference(box(280, 700, 320, 760))  # a body with a hole (between the arms)
ESSENTIAL = Point(300, 420).buffer(40)
SPILLOVER = box(220, 380, 420, 620).union(box(600, 900, 640, 940)).difference(ESSENTIAL)  # two parts
MARKERS = [(300.0, 430.0), (310.0, 452.5)]


def _shape(d: str) -> shapely.Geometry:
    """The even-odd area an SVG path of closed rings fills."""
    rings = [Polygon([tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", part)])
             for part in d.split("Z") if part.strip()]
    filled = shapely.Polygon()
    for ring in rings:
        filled = shapely.symmetric_difference(filled, ring)
    return filled


@pytest.fixture(scope="module")
def svg() -> ET.Element:
    return ET.fromstring(pattern_svg(OUTLINE, 684.0, 1745.0, ESSENTIAL, SPILLOVER, MARKERS,
                                     title='Infraspinatus <TrP1> & "2"', pixels=420))


def test_the_picture_is_framed_on_the_pattern_at_the_size_asked(svg: ET.Element) -> None:
    x, y, w, h = crop_box([ESSENTIAL, SPILLOVER], MARKERS, 684.0, 1745.0)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("viewBox") == f"{x:.1f} {y:.1f} {w:.1f} {h:.1f}"
    assert max(float(svg.get("width")), float(svg.get("height"))) == 420
    assert float(svg.get("width")) / float(svg.get("height")) == pytest.approx(w / h, rel=0.01)
    assert svg.find(f"{SVG}title").text == 'Infraspinatus <TrP1> & "2"'
    background = svg.find(f"{SVG}rect")
    assert [float(background.get(k)) for k in ("x", "y", "width", "height")] == pytest.approx([x, y, w, h], abs=0.05)
    assert background.get("fill") == "white"


def test_outline_zones_and_crosses_are_drawn_as_the_card_shows_them(svg: ET.Element) -> None:
    outline, spillover, essential, *crosses = svg.findall(f"{SVG}path")
    for path, shape in ((outline, OUTLINE), (spillover, SPILLOVER), (essential, ESSENTIAL)):
        assert path.get("fill-rule") == "evenodd"
        drawn = _shape(path.get("d"))
        assert shapely.symmetric_difference(drawn, shape).area < 0.01 * shape.area  # holes and parts kept
    assert (outline.get("fill"), outline.get("stroke"), outline.get("stroke-width")) == ("#f1e4da", "#6b5b50", "1.6")
    assert (essential.get("fill"), essential.get("fill-opacity")) == ("#c8141e", "0.85")
    assert (spillover.get("fill"), spillover.get("stroke"), spillover.get("stroke-width")) == (
        "url(#stipple)", "#c8141e", "1")
    stipple = svg.find(f"{SVG}defs/{SVG}pattern")
    assert (stipple.get("id"), stipple.get("width"), stipple.get("height"), stipple.get("patternUnits")) == (
        "stipple", "6", "6", "userSpaceOnUse")
    dots = stipple.findall(f"{SVG}circle")
    assert [(d.get("cx"), d.get("cy"), d.get("r"), d.get("fill")) for d in dots] == [
        ("1.5", "1.5", "1.3", "#c8141e"), ("4.5", "4.5", "1.3", "#c8141e")]
    assert len(crosses) == 2 * len(MARKERS)
    for (x, y), halo, cross in zip(MARKERS, crosses[0::2], crosses[1::2]):
        assert (halo.get("stroke"), halo.get("stroke-width"), halo.get("fill")) == ("white", "7", "none")
        assert (cross.get("stroke"), cross.get("stroke-width"), cross.get("fill")) == ("black", "3.5", "none")
        for path in (halo, cross):
            ends = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", path.get("d"))]
            assert ends == [(x - 9, y - 9), (x + 9, y + 9), (x - 9, y + 9), (x + 9, y - 9)]


def test_nothing_to_draw_gives_an_empty_path() -> None:
    assert path_data(None) == "" and path_data(Polygon()) == ""
    assert path_data(box(0, 0, 1, 2)) == "M1.0,0.0 L1.0,2.0 L0.0,2.0 L0.0,0.0 L1.0,0.0 Z"
