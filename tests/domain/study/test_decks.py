"""Deck files: a good file reads back whole; every kind of bad file is refused with one line."""

from __future__ import annotations

import json

import pytest

from app.domain.study.cards import Card, CardKeyError
from app.domain.study.decks import MAX_FILE_BYTES, Deck, DeckFileError, dumps_deck, parse_deck

KNOWN = {"name:trapezius_trp1", "paint:trapezius_trp1", "locate:supinator_trp1", "condition:tension_type_headache"}
CARDS = [Card.from_key(k) for k in sorted(KNOWN)]


def _doc(**changes) -> bytes:
    doc = json.loads(dumps_deck("Headache muscles", "For week 3", CARDS))
    doc.update(changes)
    return json.dumps(doc).encode()


def test_a_deck_file_round_trips() -> None:
    name, description, cards = parse_deck(dumps_deck("Headache muscles", "For week 3", CARDS).encode(), KNOWN)
    assert (name, description, list(cards)) == ("Headache muscles", "For week 3", CARDS)


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "not JSON"),
    (b"\xff\xfe\x00garbage", "not a text"),
    (b"[1, 2, 3]", "not a tpx study deck"),
    (b'{"format": "anki"}', "not a tpx study deck"),
    (_doc(version=2), "version 2"),
    (_doc(name=""), "no name"),
    (_doc(name="a\nb"), "one line"),
    (_doc(name="x" * 500), "one line"),
    (_doc(description=["x"]), "description"),
    (_doc(cards=[]), "non-empty list"),
    (_doc(cards="name:trapezius_trp1"), "non-empty list"),
    (_doc(cards=["name:trapezius_trp1", "name:trapezius_trp1"]), "appears twice"),
    (_doc(cards=["name:trapezius_trp1", "draw:trapezius_trp1"]), "unknown kind"),
    (_doc(cards=["name:trapezius_trp1", 42]), "not 'kind:target'"),
    (_doc(cards=["name:"]), "names no target"),
    (_doc(cards=["paint:deltoid_trp9"]), "not a card of this catalog"),
    (_doc(cards=[f"name:m{i}" for i in range(5001)]), "5001 cards; a deck holds at most 5000"),
    (b"[" * 100_000 + b"]" * 100_000, "not"),
])
def test_bad_files_are_refused_with_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(DeckFileError) as caught:
        parse_deck(raw, KNOWN, "week3.json")
    text = str(caught.value)
    assert message in text and "\n" not in text and text.startswith("week3.json")


def test_an_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(DeckFileError, match="too large"):
        parse_deck(b" " * (MAX_FILE_BYTES + 1), KNOWN)


def test_card_keys() -> None:
    assert Card.from_key("paint:a:b") == Card("paint", "a:b")
    with pytest.raises(CardKeyError):
        Card.from_key("paint")


def test_a_deck_lists_its_cards_keys_in_order() -> None:
    deck = Deck("custom:1", "Headache muscles", "custom", tuple(CARDS))
    assert deck.keys == sorted(KNOWN)
