"""The open ``tpx-records`` JSON file format, version 1, as pydantic models (import validation).

Unknown keys are errors, types are strict (no "5" for 5), geometry is WKT or a GeoJSON
Polygon/MultiPolygon in the view's millimetres.  docs/user-database.md describes the format.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Any, Literal

import shapely
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from app.domain.neuro_screen import (
    KEY_MUSCLES,
    NOTE_MAX,
    PROVOCATION_RESULTS,
    PROVOCATION_TESTS,
    REFLEX_GRADES,
    REFLEXES,
    SENSATION_GRADES,
    SENSORY_ROOTS,
    SIDES,
    SLR_MAX_DEGREES,
)
from app.domain.pain_map import QUALITIES
from app.domain.records import (
    AUDIT_ACTIONS,
    RED_FLAGS,
    SOAP_FIELDS,
    SSS_ITEMS,
    TREATMENT_SIDES,
    TRP_SIDES,
    TRP_STATUSES,
)
from app.domain.vocabulary import VIEWS
from app.storage.records_document import FORMAT, VERSION  # noqa: F401  (re-exported: the format's name and version)

MAX_VERTICES = 200_000  # per mark; a painted map has a few thousand
MAX_COORD_MM = 100_000.0
OVERLAP_TOLERANCE_MM2 = 1.0  # overlay residue is far below; a real overlap is far above

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,79}$")]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL; no backend gets one
Text = Annotated[str, Field(max_length=100_000, pattern=NO_NUL)]
Day = Annotated[date, Field(strict=False)]  # ISO "YYYY-MM-DD" in JSON
Moment = Annotated[datetime, Field(strict=False)]
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]  # what SQLite and PostgreSQL can store
RedFlagKey = Literal[tuple(RED_FLAGS)]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True)


def parse_geometry(value: Any) -> BaseGeometry:
    """WKT text or a GeoJSON mapping -> a valid, finite, non-empty (multi)polygon."""
    try:
        if isinstance(value, str):
            geometry = shapely.from_wkt(value)
        elif isinstance(value, dict):
            geometry = shape(value)
        else:
            raise ValueError("geometry must be WKT text or a GeoJSON object")
    except ValueError:
        raise
    except Exception as exc:  # shapely/GEOS raise several types for bad input
        raise ValueError(f"unreadable geometry ({type(exc).__name__})") from None
    if geometry is None or not isinstance(geometry, Polygon | MultiPolygon):
        raise ValueError("geometry must be a Polygon or MultiPolygon")
    if geometry.has_z or shapely.has_m(geometry):
        raise ValueError("geometry must be flat (x y millimetres on the drawing, no Z or M values)")
    if geometry.is_empty:
        raise ValueError("geometry is empty")
    coords = shapely.get_coordinates(geometry)
    if len(coords) > MAX_VERTICES:
        raise ValueError(f"geometry has more than {MAX_VERTICES} vertices")
    if not all(math.isfinite(c) and abs(c) <= MAX_COORD_MM for c in coords.ravel()):
        raise ValueError("geometry coordinates must be finite millimetres on the drawing")
    if not geometry.is_valid:
        raise ValueError(f"invalid geometry: {shapely.is_valid_reason(geometry)}")
    return geometry


class MarkModel(_Model):
    view: Literal[VIEWS]  # type: ignore[valid-type]
    geometry: Any
    intensity: int = Field(ge=0, le=10)
    quality: Literal[QUALITIES]  # type: ignore[valid-type]

    @field_validator("geometry", mode="plain")
    @classmethod
    def _geometry(cls, value: Any) -> BaseGeometry:
        return parse_geometry(value)


class FindingModel(_Model):
    muscle_id: Slug
    trigger_point_id: Slug | None = None
    side: Literal[TRP_SIDES]  # type: ignore[valid-type]
    status: Literal[TRP_STATUSES]  # type: ignore[valid-type]


class TreatmentModel(_Model):
    technique: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
    muscle_id: Slug | None = None
    side: Literal[TREATMENT_SIDES] | None = None  # type: ignore[valid-type]
    duration_min: float = Field(default=0.0, ge=0, le=1440, allow_inf_nan=False)
    response: Text = ""


class SoapModel(_Model):
    subjective: Text = ""
    objective: Text = ""
    assessment: Text = ""
    plan: Text = ""


class SymptomSeverityModel(_Model):
    """The Symptom Severity Scale entry: three items 0-3, three 0-1 (app/domain/records.py)."""

    fatigue: int = Field(ge=0, le=SSS_ITEMS["fatigue"][1])
    waking_unrefreshed: int = Field(ge=0, le=SSS_ITEMS["waking_unrefreshed"][1])
    cognitive_symptoms: int = Field(ge=0, le=SSS_ITEMS["cognitive_symptoms"][1])
    headaches: int = Field(ge=0, le=SSS_ITEMS["headaches"][1])
    lower_abdominal_pain: int = Field(ge=0, le=SSS_ITEMS["lower_abdominal_pain"][1])
    depression: int = Field(ge=0, le=SSS_ITEMS["depression"][1])


Side = Literal[SIDES]  # type: ignore[valid-type]
Sensation = dict[Literal[SENSORY_ROOTS], dict[Side, Literal[SENSATION_GRADES]]]  # type: ignore[valid-type]


class NeuroScreenModel(_Model):
    """The tested items of the neuro screen (app/domain/neuro_screen.py): anything not listed was not
    tested.  ``{"light_touch": {"C6": {"left": "reduced"}}, "strength": {"C6": {"left": 4}}, ...}``."""

    light_touch: Sensation = {}
    pinprick: Sensation = {}
    strength: dict[Literal[tuple(KEY_MUSCLES)], dict[Side, Annotated[int, Field(ge=0, le=5)]]] = {}  # type: ignore[valid-type]
    reflex: dict[Literal[tuple(REFLEXES)], dict[Side, Literal[REFLEX_GRADES]]] = {}  # type: ignore[valid-type]
    provocation: dict[Literal[tuple(PROVOCATION_TESTS)], dict[Side, Literal[PROVOCATION_RESULTS]]] = {}  # type: ignore[valid-type]
    slr_angle: dict[Side, Annotated[int, Field(ge=0, le=SLR_MAX_DEGREES)]] = {}
    note: Annotated[str, Field(max_length=NOTE_MAX, pattern=NO_NUL)] = ""


class AmendmentModel(_Model):
    author: Annotated[str, Field(min_length=1, max_length=500, pattern=NO_NUL)]
    at: Moment
    reason: Annotated[str, Field(min_length=1, max_length=100_000, pattern=NO_NUL)]
    original: dict[str, Any]  # the visit before the change, as it was exported


class AuditEventModel(_Model):
    at: Moment
    action: Literal[AUDIT_ACTIONS]  # type: ignore[valid-type]
    actor: Text = ""
    visit_id: RecordId | None = None
    detail: Annotated[str, Field(max_length=10_000_000, pattern=NO_NUL)] = ""


class VisitModel(_Model):
    id: RecordId | None = None
    date: Day
    therapist: Text = ""
    chief_complaint: Text = ""
    soap: SoapModel = SoapModel()
    red_flags: dict[RedFlagKey, bool] = {}
    notes: Text = ""
    symptom_severity: SymptomSeverityModel | None = None
    neuro_screen: NeuroScreenModel | None = None  # None or absent: no neuro screen at this visit
    pain: list[MarkModel] = []
    findings: list[FindingModel] = []
    treatments: list[TreatmentModel] = []
    signed_at: Moment | None = None
    signed_by: Text = ""
    amendments: list[AmendmentModel] = []

    @model_validator(mode="after")
    def _signature_is_whole(self) -> VisitModel:
        if (self.signed_at is None) != (not self.signed_by.strip()):
            raise ValueError("a signed visit needs both signed_at and signed_by")
        return self

    @model_validator(mode="after")
    def _marks_do_not_overlap(self) -> VisitModel:
        for view in VIEWS:
            shapes = [m.geometry for m in self.pain if m.view == view]
            for i, a in enumerate(shapes):
                for b in shapes[i + 1:]:
                    if a.intersects(b) and a.intersection(b).area > OVERLAP_TOLERANCE_MM2:
                        raise ValueError(f"pain marks overlap on the {view} view (marks must be disjoint)")
        return self


class ClientModel(_Model):
    id: RecordId | None = None
    uid: Annotated[str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")] | None = None
    name: Annotated[str, Field(min_length=1, max_length=500, pattern=NO_NUL)]
    date_of_birth: Day | None = None
    contact: Text = ""
    notes: Text = ""
    consent_given: bool = False
    consent_date: Day | None = None
    created_at: Moment | None = None
    visits: list[VisitModel] = []
    audit: list[AuditEventModel] = []

    @model_validator(mode="after")
    def _plausible_dates(self) -> ClientModel:
        if self.date_of_birth is not None and not date(1850, 1, 1) <= self.date_of_birth <= date.today():
            raise ValueError(f"date_of_birth {self.date_of_birth.isoformat()} is not a possible birth date")
        return self


def _first_duplicate(values: list[Any]) -> Any:
    seen: set[Any] = set()
    for value in values:
        if value is not None and value in seen:
            return value
        seen.add(value)
    return None


class RecordsDocument(_Model):
    format: Literal["tpx-records"]
    version: Literal[1]
    exported_at: Moment | None = None
    app_version: str | None = None
    geometry_encoding: Literal["wkt", "geojson"] = "wkt"
    clients: list[ClientModel]

    @model_validator(mode="after")
    def _unique_ids(self) -> RecordsDocument:
        # Ids in a file only have to be unique in it; import gives new ones (see the docs).
        checks = (("client id", [c.id for c in self.clients]), ("client uid", [c.uid for c in self.clients]),
                  ("visit id", [v.id for c in self.clients for v in c.visits]))
        for what, values in checks:
            duplicate = _first_duplicate(values)
            if duplicate is not None:
                raise ValueError(f"duplicate {what} {duplicate!r} in the file")
        return self


assert set(SoapModel.model_fields) == set(SOAP_FIELDS)
