"""Catalog records as the rest of the app sees them: plain, immutable, no storage concerns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `tpx show` reads records without importing shapely
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class SourceCitation:
    ref: str
    title: str
    chapter: str | None = None
    pages: str | None = None
    note: str | None = None

    def short(self) -> str:
        bits = [self.title]
        if self.chapter:
            bits.append(f"chapter “{self.chapter}”")
        if self.pages:
            bits.append(f"pp. {self.pages}")
        return ", ".join(bits)


@dataclass(frozen=True)
class Region:
    """A clickable shape on one view and layer: a muscle (or one of its parts) or a bone."""

    view: str
    layer: str
    kind: str  # muscle | bone
    ref: str
    part: str | None
    side: str
    geometry: BaseGeometry

    @property
    def key(self) -> str:
        return ".".join(p for p in (self.ref, self.part, self.side) if p)


@dataclass(frozen=True)
class SkinArea:
    view: str
    slug: str
    side: str
    geometry: BaseGeometry
    cells: object = field(default=None, compare=False, repr=False)  # np.ndarray on the view's CellGrid


@dataclass(frozen=True)
class Placement:
    """Where a trigger point is drawn on one view (for one side of the body)."""

    view: str
    side: str
    layer: str | None
    x: float
    y: float


@dataclass(frozen=True)
class ZoneShape:
    """One referral zone of one trigger point on one view, for one side of the body."""

    trp_id: str
    kind: str  # essential | spillover
    view: str
    side: str
    geometry: BaseGeometry
    cells: object = field(default=None, compare=False, repr=False)  # np.ndarray on the view's CellGrid


@dataclass(frozen=True)
class TriggerPoint:
    id: str
    muscle_id: str
    label: str
    part: str | None
    prevalence: str
    location_text: str
    essential_text: str
    spillover_text: str
    symptoms: tuple[str, ...]
    perpetuating: tuple[tuple[str, str], ...]
    associated: tuple[str, ...]
    entrapment: tuple[str, ...]
    differential: tuple[str, ...]
    treatment: dict[str, object]
    source: SourceCitation
    phenomenon: str = "pain"  # what it refers: pain, or "pilomotor" / "cardiac_arrhythmia" (not pain)
    inferred: str | None = None  # how the pattern was inferred when the Manual gives none

    @property
    def refers_pain(self) -> bool:
        return self.phenomenon == "pain"


@dataclass(frozen=True)
class ConditionLink:
    condition_id: str
    muscle_id: str
    relation: str
    note: str
    trigger_point_ids: tuple[str, ...]
    rank: int


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    latin: str
    region: str
    layer: str
    parts: tuple[str, ...]
    nerve: str
    roots: tuple[str, ...]
    actions: tuple[str, ...]
    origin: str
    insertion: str
    source: SourceCitation
    trigger_points: tuple[TriggerPoint, ...] = ()


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    description: str
    red_flags: tuple[str, ...]
    factors: tuple[str, ...]
    techniques: tuple[str, ...]
    source: SourceCitation
    links: tuple[ConditionLink, ...] = field(default=())
    differentials: tuple[str, ...] = ()  # other causes to rule out


@dataclass(frozen=True)
class Term:
    """An NMT factor or technique."""

    id: str
    name: str
    description: str
