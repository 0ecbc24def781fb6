"""Study cards: what is asked, about which record.

A card is a kind and a target; its key (``"paint:upper_trapezius_trp1"``) is what review
logs, schedules and deck files store, so cards survive a catalog rebuild as long as ids do.
"""

from __future__ import annotations

from dataclasses import dataclass

NAME = "name"            # a referral pattern on the map -> which muscle (typed or chosen)
PAINT = "paint"          # a trigger point -> paint its essential zone
LOCATE = "locate"        # a trigger point -> click where it lies
CONDITION = "condition"  # a condition -> pick its key muscles

KINDS: tuple[str, ...] = (NAME, PAINT, LOCATE, CONDITION)
KIND_TITLES: dict[str, str] = {
    NAME: "Name the pattern", PAINT: "Paint the pattern", LOCATE: "Find the trigger point",
    CONDITION: "Key muscles of a condition",
}


class CardKeyError(ValueError):
    """A card key that is not ``kind:target`` with a known kind."""


@dataclass(frozen=True, order=True)
class Card:
    kind: str
    target: str  # a trigger point id (name, paint, locate) or a condition id (condition)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target}"

    @classmethod
    def from_key(cls, key: object) -> Card:
        if not isinstance(key, str) or ":" not in key:
            raise CardKeyError(f"card {key!r} is not 'kind:target'")
        kind, _, target = key.partition(":")
        if kind not in KINDS:
            raise CardKeyError(f"card {key!r}: unknown kind '{kind}' (one of {', '.join(KINDS)})")
        if not target.strip():
            raise CardKeyError(f"card {key!r} names no target")
        return cls(kind, target)


def stable_card_number(key: str) -> int:
    """A positive integer from a card key, the same in every run (FSRS and Anki want int ids)."""
    number = 0
    for byte in key.encode("utf-8"):
        number = (number * 131 + byte) % (2**61 - 1)
    return number or 1
