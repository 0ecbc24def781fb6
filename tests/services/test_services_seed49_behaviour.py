"""Services behaviour the last services sample (seed 49, on the final code) found untested: symptom
search hits named by their muscle, a midline region named without a side, client search ignoring
case, a records file too large refused in words, a contact with a NUL refused, and study answers
keeping their region and answer text."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from app.domain.model import Region
from app.domain.records import Client
from app.domain.study.cards import NAME, PAINT, Card
from app.services.catalog_service import CatalogService
from app.services.records_io import MAX_FILE_BYTES, RecordsImportError, load_file
from app.services.records_service import RecordsService
from app.services.study_service import StudyService


@pytest.fixture(scope="module")
def catalog() -> CatalogService:
    return CatalogService.open()


def test_symptom_hits_are_named_by_their_muscle(catalog) -> None:
    hits = [h for h in catalog.search("headache", limit=40) if h.kind == "symptom"]
    assert hits and all(h.title and h.title == catalog.muscle(h.target_id).name for h in hits)


def test_a_midline_region_is_named_without_a_side(catalog) -> None:
    region = Region("posterior", "superficial", "muscle", "ligamentum_nuchae", None, "midline", Polygon())
    assert catalog.describe_region(region) == "Ligamentum nuchae"


def test_client_search_ignores_case_and_punctuation(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'r.db'}") as records:
        records.save_client(Client(None, "Ann O'Example"))
        records.save_client(Client(None, "Bob Other"))
        assert [c.name for c in records.search_clients("ANN EXAMPLE")] == ["Ann O'Example"]


def test_a_contact_with_a_nul_character_is_refused_and_nothing_saved(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'r.db'}") as records:
        with pytest.raises(ValueError, match="NUL character"):
            records.save_client(Client(None, "Ann Example", contact="ann\x00@example.org"))
        assert records.clients() == []


def test_a_records_file_over_the_limit_is_refused_in_words(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(RecordsImportError) as refused:
        load_file(big)
    assert str(refused.value) == f"{big}: larger than {MAX_FILE_BYTES // 2**20} MB"
    os.unlink(big)


@pytest.fixture(scope="module")
def study(catalog):
    service = StudyService(catalog, None)
    yield service
    service.close()


def test_a_cards_region_is_its_muscles(study) -> None:
    assert study.study.region_of_card(Card(NAME, "trapezius_trp1")) == study.study.region_of["trapezius"] != ""


def test_a_paint_answer_shows_the_right_answer(study) -> None:
    question = study.question(Card(PAINT, "supinator_trp1"))
    outcome = study.questions.answer_paint(question, {})
    assert outcome.answer_text == question.answer_text and "Supinator" in outcome.answer_text


def test_a_locate_question_shows_the_layer_its_view_draws_the_muscle_on(study) -> None:
    """Anconeus TrP1 is placed on the deep layer of the front view and the superficial layer of the
    others: the question asks on the layer of its own view."""
    from app.domain.study.cards import LOCATE

    question = study.question(Card(LOCATE, "anconeus_trp1"))
    expected = {"anterior": "deep", "posterior": "superficial", "right_lateral": "superficial",
                "left_lateral": "superficial"}[question.view]
    assert question.layer == expected
