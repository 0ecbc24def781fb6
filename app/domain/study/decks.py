"""Decks: built-in (everything, one per body region, one per condition) and custom decks a
teacher builds and shares as a file.

Deck file (JSON, UTF-8)::

    {"format": "tpx-study-deck", "version": 1, "name": "Headache muscles",
     "description": "…", "cards": ["name:upper_trapezius_trp1", "paint:…", …]}

A file is read whole and checked whole (format, version, name, every card known to this
catalog, no duplicates) before anything is stored: a bad file is refused with one line naming
the first problem, and nothing of it is kept.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from app.domain.study.cards import Card, CardKeyError

FORMAT = "tpx-study-deck"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
MAX_CARDS = 5000
MAX_NAME = 120

ALL, REGION, CONDITION, CUSTOM = "all", "region", "condition", "custom"


class DeckFileError(ValueError):
    """A deck file that cannot be imported; the message is one line."""


@dataclass(frozen=True)
class Deck:
    id: str  # "all", "region:neck", "condition:tension_type_headache", "custom:<uid>"
    name: str
    kind: str
    cards: tuple[Card, ...]
    description: str = ""

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.cards]


def deck_document(name: str, description: str, cards: Sequence[Card]) -> dict[str, object]:
    return {"format": FORMAT, "version": VERSION, "name": name, "description": description,
            "cards": [c.key for c in cards]}


def dumps_deck(name: str, description: str, cards: Sequence[Card]) -> str:
    return json.dumps(deck_document(name, description, cards), indent=2, ensure_ascii=False) + "\n"


def parse_deck(raw: bytes, known: Collection[str], source: str = "deck file") -> tuple[str, str, tuple[Card, ...]]:
    """(name, description, cards) of a deck file, or DeckFileError naming the first problem."""
    if len(raw) > MAX_FILE_BYTES:
        raise DeckFileError(f"{source}: too large for a deck ({len(raw)} bytes; at most {MAX_FILE_BYTES})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DeckFileError(f"{source}: not a text (UTF-8) file") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = f"line {exc.lineno}: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise DeckFileError(f"{source}: not JSON ({detail})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DeckFileError(f"{source}: not a tpx study deck (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise DeckFileError(f"{source}: deck format version {data.get('version')!r} is not supported (this tpx reads {VERSION})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DeckFileError(f"{source}: the deck has no name")
    if len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
        raise DeckFileError(f"{source}: the deck name must be one line of at most {MAX_NAME} characters")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise DeckFileError(f"{source}: \"description\" must be text")
    keys = data.get("cards")
    if not isinstance(keys, list) or not keys:
        raise DeckFileError(f"{source}: \"cards\" must be a non-empty list of card keys")
    if len(keys) > MAX_CARDS:
        raise DeckFileError(f"{source}: {len(keys)} cards; a deck holds at most {MAX_CARDS}")
    cards: list[Card] = []
    seen: set[str] = set()
    for i, key in enumerate(keys):
        try:
            card = Card.from_key(key)
        except CardKeyError as exc:
            raise DeckFileError(f"{source}: cards[{i}]: {exc}") from None
        if card.key not in known:
            raise DeckFileError(f"{source}: cards[{i}]: '{card.key}' is not a card of this catalog")
        if card.key in seen:
            raise DeckFileError(f"{source}: cards[{i}]: '{card.key}' appears twice")
        seen.add(card.key)
        cards.append(card)
    return name.strip(), description.strip(), tuple(cards)
