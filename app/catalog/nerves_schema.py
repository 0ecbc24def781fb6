"""Schema of the nerve sources: data/catalog/nerves/roots/*.yaml (one dermatome per file),
data/catalog/nerves/peripheral/*.yaml (one cutaneous nerve per file) and
data/catalog/nerves/sources.yaml (works they cite besides the catalog's).  docs/nerves.md."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.catalog.schema import Point, SourceRef, Strict, Text, ViewName, ZoneElement

ROOT_ID_PATTERN = r"^(C[2-8]|T([1-9]|1[0-2])|L[1-5]|S[1-3]|S4-5)$"
NERVE_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class KeySensoryPoint(Strict):
    text: Text
    at: Point
    # The views whose surface shows the point (e.g. the dorsum of the hand: not the palm-forward anterior
    # view); none given: every view where it resolves inside the body outline.
    views: list[ViewName] | None = None


class KeyMuscle(Strict):
    text: Text
    muscles: list[str] = Field(default_factory=list)  # catalog muscle ids


class RootSource(Strict):
    id: str = Field(pattern=ROOT_ID_PATTERN)
    name: Text
    level: Literal["cervical", "thoracic", "lumbar", "sacral"]
    zone: list[ZoneElement] = Field(min_length=1)
    key_sensory_point: KeySensoryPoint
    key_muscle: KeyMuscle | None = None
    reflex: str | None = None
    note: Text
    source: SourceRef
    key_source: SourceRef


class EntrapmentSite(Strict):
    site: Text
    muscle: str | None = None  # catalog muscle id when a muscle entraps
    note: str | None = None


class NerveSource(Strict):
    id: str = Field(pattern=NERVE_ID_PATTERN)
    name: Text
    roots: list[str] = Field(min_length=1)
    region: Literal["head_neck", "upper_limb", "trunk", "lower_limb"]
    zone: list[ZoneElement] = Field(min_length=1)
    description: Text
    entrapments: list[EntrapmentSite] = Field(default_factory=list)
    source: SourceRef
