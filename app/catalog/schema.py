"""Schema of the human-written catalog sources (data/catalog/**/*.yaml).

Pydantic models reject unknown keys, so a typo in a source file is an error, not silently
ignored data.  Cross-record checks (ids that must exist elsewhere) live in validate.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Text = Annotated[str, Field(min_length=1)]
Side = Literal["same", "opposite", "both"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    ref: Text
    chapter: str | None = None
    pages: str | None = None
    note: str | None = None


class PointSpec(Strict):
    """A landmark or a point between two, moved by anatomical offsets in millimetres."""

    landmark: str | None = None
    between: tuple[str, str] | None = None
    t: float = Field(default=0.5, ge=0.0, le=1.0)
    superior: float = 0.0
    inferior: float = 0.0
    medial: float = 0.0
    lateral: float = 0.0
    anterior: float = 0.0
    posterior: float = 0.0

    @model_validator(mode="after")
    def _one_anchor(self) -> PointSpec:
        if (self.landmark is None) == (self.between is None):
            raise ValueError("a point needs exactly one of 'landmark' or 'between'")
        return self

    def landmarks(self) -> tuple[str, ...]:
        return (self.landmark,) if self.landmark else tuple(self.between or ())


Point = str | PointSpec


def as_point(value: Point) -> PointSpec:
    return PointSpec(landmark=value) if isinstance(value, str) else value


class Disk(Strict):
    at: Point
    r: float = Field(gt=0, le=400)


class Band(Strict):
    from_: Point = Field(alias="from")
    to: Point
    width: float = Field(gt=0, le=400)


class Curve(Strict):
    """A closed smooth curve through landmark-relative points, in order around the shape."""

    through: list[Point] = Field(min_length=3)


class PolygonSpec(Strict):
    view: Literal["anterior", "posterior", "right_lateral", "left_lateral", "plantar"]
    points: list[tuple[float, float]] = Field(min_length=3)


# "same_lateral" is the lateral view of the element's own side (right_lateral for the right).
ViewName = Literal["anterior", "posterior", "right_lateral", "left_lateral", "plantar", "same_lateral"]


class ZoneElement(Strict):
    area: str | None = None
    disk: Disk | None = None
    band: Band | None = None
    polygon: PolygonSpec | None = None
    curve: Curve | None = None
    side: Side = "same"
    # Restrict the element to these views (e.g. a disk at the wrist meant for the palm side only).
    views: list[ViewName] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> ZoneElement:
        shapes = [s for s in (self.area, self.disk, self.band, self.polygon, self.curve) if s is not None]
        if len(shapes) != 1:
            raise ValueError("a zone element needs exactly one of area, disk, band, curve or polygon")
        return self


class Location(Strict):
    text: Text
    at: Point
    views: list[ViewName] | None = None  # place the TrP only on these views
    # Only these sides of the body (the Manual's arrhythmia TrP is a right-sided one); default both.
    sides: list[Literal["right", "left"]] | None = None


class FactorNote(Strict):
    factor: Literal[
        "trigger_points", "ischemia", "nerve_entrapment", "postural_distortion",
        "biomechanical_dysfunction", "nutrition", "stress",
    ]
    note: Text


class Treatment(Strict):
    ischemic_compression: str | None = None
    positional_release: str | None = None
    stretch: str | None = None
    self_care: str | None = None
    cautions: list[Text] = []


# What a TrP refers: pain (the usual), or an autonomic/other phenomenon that is not pain.
Phenomenon = Literal["pain", "pilomotor", "cardiac_arrhythmia"]


class TriggerPointSource(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: Text
    part: str | None = None
    prevalence: Literal["very_common", "common", "occasional", "rare"]
    # Not "pain": the zones (if any) show where the phenomenon appears; pain ranking leaves it out.
    phenomenon: Phenomenon = "pain"
    # Set when the Manual gives no pattern for this TrP: how the pattern was inferred instead.
    inferred: Text | None = None
    location: Location
    essential: list[ZoneElement] = []
    spillover: list[ZoneElement] = []
    symptoms: list[Text] = Field(min_length=1)
    perpetuating: list[FactorNote] = []
    associated: list[str] = []
    entrapment: list[Text] = []
    differential: list[Text] = []
    treatment: Treatment
    source: SourceRef

    @model_validator(mode="after")
    def _pain_needs_zones(self) -> TriggerPointSource:
        if self.phenomenon == "pain" and not (self.essential and self.spillover):
            raise ValueError("a TrP that refers pain needs an essential and a spillover zone")
        return self


class Innervation(Strict):
    nerve: Text
    roots: list[Annotated[str, Field(pattern=r"^(C|T|L|S|CN ?)[0-9IVX]+$")]] = Field(min_length=1)


class Attachments(Strict):
    origin: Text
    insertion: Text


class MuscleSource(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: Text
    latin: Text
    region: Literal[
        "head_face", "neck", "shoulder", "arm", "forearm_hand", "chest_abdomen",
        "back", "pelvis_hip", "thigh", "leg", "foot",
    ]
    layer: Literal["superficial", "middle", "deep"]
    parts: list[str] = []
    innervation: Innervation
    actions: list[Text] = Field(min_length=1)
    attachments: Attachments
    source: SourceRef
    trigger_points: list[TriggerPointSource] = Field(min_length=1)


class ConditionLink(Strict):
    muscle: Text
    trigger_points: list[str] = []
    relation: Literal["refers", "mimics", "entraps", "perpetuates"]
    note: Text


class ConditionSource(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: Text
    description: Text
    red_flags: list[Text] = Field(min_length=1)
    # Other causes of the same complaint to rule out (differential diagnosis), most pressing first.
    differentials: list[Text] = []
    links: list[ConditionLink] = Field(min_length=1)
    factors: list[str] = []
    techniques: list[str] = []
    source: SourceRef


class SourceWork(Strict):
    id: Text
    title: Text
    authors: str | list[str] | None = None
    edition: str | None = None
    year: int | str | None = None
    publisher: str | None = None
    kind: str | None = None
    note: str | None = None


class Vocabulary(Strict):
    """A factor or technique record."""

    id: Text
    name: Text
    description: Text
    source: SourceRef | None = None
