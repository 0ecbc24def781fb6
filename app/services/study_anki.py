"""A study deck as an Anki package (.apkg, via genanki), with the referral pattern pictures.

One note per card: the front asks, the back answers.  Pattern pictures are small SVG files
(body outline, essential zone solid red, spillover stippled, trigger point crosses) that Anki
shows like any image.  Ids are derived from the deck and card keys, so exporting again updates
the notes a student already has instead of duplicating them.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

import genanki

from app.domain.study.cards import CONDITION, KIND_TITLES, LOCATE, NAME, PAINT, Card, stable_card_number
from app.domain.study.paint_scoring import ViewZones
from app.domain.study.pattern_svg import pattern_svg
from app.services.study_service import StudyService
from app.storage.atomic_files import atomic_path

MODEL_ID = 1_607_392_319  # fixed: every tpx export shares one note type
MODEL = genanki.Model(
    MODEL_ID, "tpx referral pattern",
    fields=[{"name": "Key"}, {"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<div class=src>{{Source}}</div>"}],
    css=".card{font-family:sans-serif;font-size:18px;text-align:center}img{max-width:95%;max-height:70vh}"
        ".src{font-size:12px;color:#666;margin-top:1em}",
    sort_field_index=0)


def _image_name(trp_id: str) -> str:
    return f"tpx_{trp_id}.svg"


def _write_picture(service: StudyService, trp_id: str, folder: Path) -> str:
    study = service.study
    pattern = study.patterns[trp_id]
    view = study.best_view(trp_id) or next(iter(pattern.placements), "anterior")
    side = "right" if view in pattern.zones.get("right", {}) else next(iter(pattern.zones), "right")
    zones = pattern.zones.get(side, {}).get(view)
    spec = service.catalog.views[view]
    marks = [(x, y) for x, y, s in pattern.placements.get(view, []) if s == side]
    zones = zones or ViewZones()  # a trigger point with placements but no zone on this view
    svg = pattern_svg(spec.outline, spec.width, spec.height, zones.essential, zones.spillover, marks,
                      study.trp_title(trp_id))
    name = _image_name(trp_id)
    (folder / name).write_text(svg, encoding="utf-8")
    return name


def _note_fields(service: StudyService, card: Card, picture: str | None) -> tuple[str, str, str]:
    img = f'<img src="{picture}">' if picture else ""
    answer = escape(service.questions.answer_text(card))
    if card.kind == CONDITION:
        condition = service.catalog.condition(card.target)
        return (f"<b>{escape(condition.name)}</b><br>Which muscles are key to check?", answer,
                escape(condition.source.short()))
    trp = service.catalog.trigger_point(card.target)
    title = escape(service.study.trp_title(card.target))
    source = escape(trp.source.short())
    if card.kind == NAME:
        return f"Which muscle's trigger point refers pain in this pattern?<br>{img}", answer, source
    if card.kind == PAINT:
        return f"Draw the essential zone of <b>{title}</b>", f"{img}<br>{answer}", source
    return f"Where does <b>{title}</b> lie?", f"{escape(trp.location_text)}<br>{img}", source


def export_anki(service: StudyService, deck_id: str, out: Path) -> tuple[Path, int]:
    """Write the deck as ``out`` (.apkg), atomically; returns (path, number of notes)."""
    deck = service.deck(deck_id)
    anki_deck = genanki.Deck(stable_card_number(f"tpx-deck:{deck.id}") % (1 << 31) + (1 << 30), f"tpx::{deck.name}")
    with tempfile.TemporaryDirectory(prefix="tpx-anki-") as tmp:
        folder = Path(tmp)
        pictures: dict[str, str] = {}
        for card in deck.cards:
            picture = None
            if card.kind in (NAME, PAINT, LOCATE):
                if card.target not in pictures:
                    pictures[card.target] = _write_picture(service, card.target, folder)
                picture = pictures[card.target]
            front, back, source = _note_fields(service, card, picture)
            anki_deck.add_note(genanki.Note(model=MODEL, fields=[card.key, front, back, source],
                                            guid=genanki.guid_for("tpx", card.key),
                                            tags=["tpx", card.kind, KIND_TITLES[card.kind].replace(" ", "_")]))
        package = genanki.Package(anki_deck, media_files=[str(folder / p) for p in pictures.values()])
        with atomic_path(out, mode=0o644) as temp:
            package.write_to_file(str(temp), timestamp=0.0)
    return Path(out), len(deck.cards)
