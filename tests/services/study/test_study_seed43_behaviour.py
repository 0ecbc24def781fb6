"""Study behaviour found untested by a mutation sample of app/services (seed 43): the tags an Anki
user filters by, and a deck file of exactly the largest allowed size."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from app.domain.study.decks import MAX_FILE_BYTES
from app.services.study_anki import export_anki


def test_anki_notes_carry_the_app_tag_and_the_card_kind_in_words(study, tmp_path: Path) -> None:
    path, _count = export_anki(study, "all", tmp_path / "all.apkg")
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        tags = {tag for (row,) in db.execute("SELECT tags FROM notes") for tag in row.split()}
    db.close()
    assert {"tpx", "Name_the_pattern", "Paint_the_pattern"} <= tags


def test_a_deck_file_of_exactly_the_largest_size_is_imported(study, tmp_path: Path) -> None:
    text = json.dumps({"format": "tpx-study-deck", "version": 1, "name": "Big deck", "description": "",
                       "cards": ["paint:supinator_trp1"]})
    deck_file = tmp_path / "big.json"
    deck_file.write_text(text + " " * (MAX_FILE_BYTES - len(text.encode())), encoding="utf-8")
    assert deck_file.stat().st_size == MAX_FILE_BYTES
    assert study.import_deck(deck_file).name == "Big deck"


def test_a_pattern_best_seen_from_the_left_is_asked_on_the_left_side() -> None:
    """Masseter TrP2's pattern is best seen on the left lateral view, which shows no right-side
    zone: the question draws the left side's pattern there (forcing the right side failed)."""
    from app.domain.study.cards import NAME, Card
    from app.services.catalog_service import CatalogService
    from app.services.study_service import StudyService

    shipped = StudyService(CatalogService.open(), None)
    try:
        question = shipped.question(Card(NAME, "masseter_trp2"), seed=1)
    finally:
        shipped.close()
    assert (question.view, question.side) == ("left_lateral", "left")
    assert question.box is not None and ("masseter", "Masseter") in question.choices
