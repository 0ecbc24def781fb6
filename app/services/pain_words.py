"""Skin areas in words: the names the explorer shows, and the pain a ranked reason speaks of.

A clicked skin area is ranked on every view that shows it well, and a candidate keeps the view
where its zone fits best -- often not the view the person clicked on (the buttock clicked on the
posterior view scores best on the lateral one).  So a reason for clicked areas names the areas,
which are the same on every view, never the view its shares happened to be measured on.
"""

from __future__ import annotations

from collections.abc import Iterable

_SPECIAL_NAMES = {"ear_tmj": "Ear and TMJ", "sacrum_si": "Sacrum and SI joint", "eye_eyebrow": "Eye and eyebrow"}


def area_name(slug: str) -> str:
    """'low_back' -> 'Low back' (as the explorer's chips and headings show it)."""
    return _SPECIAL_NAMES.get(slug, slug.replace("_", " ").capitalize())


def _lower_name(slug: str) -> str:
    name = area_name(slug)
    return name[0].lower() + name[1:]  # keeps 'TMJ' and 'SI' capitals


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def areas_in_words(areas: Iterable[tuple[str, str]]) -> str:
    """The pain made of these skin areas (slug, side), as a reason names it:
    [('low_back', 'right'), ('buttock', 'right')] -> "the client's right low back and buttock";
    sides are named where they change: "the client's right temple and left occiput"."""
    areas = list(dict.fromkeys(areas))
    if not areas:
        return "the pain"
    parts: list[str] = []
    previous_side = None
    for slug, side in areas:
        name = _lower_name(slug)
        if side != previous_side:
            name = f"{side} {name}" if side in ("left", "right") else f"{name} ({side})"
        parts.append(name)
        previous_side = side
    return "the client's " + _joined(parts)
