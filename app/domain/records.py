"""Client records: clients, visits, what the client reports and what the therapist finds.

Plain dataclasses with no storage concerns.  ``side`` is always the client's own left or
right (never the viewer's).  Ids are ``None`` until the record is first saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain.neuro_screen import nothing_tested
from app.domain.pain_map import QUALITIES, PainMap, PainMark

__all__ = [
    "AUDIT_ACTIONS", "Amendment", "AuditEvent", "Client", "PainMap", "PainMark", "PalpatedTrP", "QUALITIES", "RED_FLAGS", "SOAP_FIELDS",
    "SSS_ITEMS", "SymptomSeverity", "TREATMENT_SIDES", "TRP_SIDES", "TRP_STATUSES", "TreatmentGiven", "Visit",
]

SOAP_FIELDS: tuple[str, ...] = ("subjective", "objective", "assessment", "plan")
TRP_STATUSES: tuple[str, ...] = ("active", "latent")
TRP_SIDES: tuple[str, ...] = ("left", "right", "midline")  # client's side; midline muscles
TREATMENT_SIDES: tuple[str, ...] = ("left", "right", "midline", "both")

# The screening checklist asked at every visit: any "yes" means refer before (or instead of)
# soft-tissue work.  Keys are stable ids; the UI shows the text.
RED_FLAGS: dict[str, str] = {
    "unexplained_weight_loss": "Unexplained weight loss",
    "fever_or_night_sweats": "Fever, chills or night sweats",
    "night_pain_at_rest": "Constant pain at night, not eased by rest or position",
    "history_of_cancer": "History of cancer",
    "saddle_anaesthesia_bladder_bowel": "Saddle numbness or new bladder/bowel problems",
    "progressive_neurological_deficit": "Progressive weakness, numbness or loss of coordination",
    "recent_significant_trauma": "Recent fall, accident or other significant trauma",
    "suspected_dvt": "Calf swelling, warmth and tenderness (possible DVT)",
    "chest_pain_or_breathlessness": "Chest pain or breathlessness on exertion",
    "sudden_severe_headache": "Sudden severe ('worst ever') headache",
    "anticoagulants_or_steroids": "Anticoagulant or long-term steroid use",
}


# The 2016 fibromyalgia Symptom Severity Scale (Wolfe et al. 2016, Semin Arthritis Rheum 46:319):
# three symptoms rated 0-3 over the past week and three present-or-not over the past 6 months.
# item -> (question shown to the therapist, highest score).
SSS_ITEMS: dict[str, tuple[str, int]] = {
    "fatigue": ("Fatigue (past week)", 3),
    "waking_unrefreshed": ("Waking unrefreshed (past week)", 3),
    "cognitive_symptoms": ("Cognitive symptoms (past week)", 3),
    "headaches": ("Headaches (past 6 months)", 1),
    "lower_abdominal_pain": ("Pain or cramps in the lower abdomen (past 6 months)", 1),
    "depression": ("Depression (past 6 months)", 1),
}


@dataclass(frozen=True)
class SymptomSeverity:
    """One Symptom Severity Scale entry; the score is 0-12.  Values out of range are refused."""

    fatigue: int = 0
    waking_unrefreshed: int = 0
    cognitive_symptoms: int = 0
    headaches: int = 0
    lower_abdominal_pain: int = 0
    depression: int = 0

    def __post_init__(self) -> None:
        for name, (_question, highest) in SSS_ITEMS.items():
            value = getattr(self, name)
            if type(value) is not int or not 0 <= value <= highest:
                raise ValueError(f"symptom severity {name} must be a whole number 0-{highest}, got {value!r}")

    @property
    def score(self) -> int:
        return sum(getattr(self, name) for name in SSS_ITEMS)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in SSS_ITEMS}


@dataclass
class Client:
    id: int | None
    name: str
    date_of_birth: date | None = None
    contact: str = ""
    notes: str = ""
    consent_given: bool = False
    consent_date: date | None = None
    created_at: datetime | None = None
    uid: str = ""  # stable across databases; import matches on it (docs/user-database.md)
    version: int = 0  # bumped by every save; a save of an older version is a conflict


@dataclass(frozen=True)
class PalpatedTrP:
    muscle_id: str
    trigger_point_id: str | None
    side: str  # client's left | right | midline
    status: str  # active | latent


@dataclass(frozen=True)
class TreatmentGiven:
    technique: str
    muscle_id: str | None = None
    side: str | None = None
    duration_min: float = 0.0
    response: str = ""


@dataclass(frozen=True)
class Amendment:
    """A change to a signed visit: who, when, why, and the visit as it was before (kept whole)."""

    author: str
    at: datetime
    reason: str
    original: dict  # the visit before this change, in the records JSON visit shape


AUDIT_ACTIONS: tuple[str, ...] = (
    "created", "changed", "signed", "amended", "exported", "imported", "erased", "deleted",
    "restored", "conflict",
)


@dataclass(frozen=True)
class AuditEvent:
    """One thing that happened to a client's records (the audit trail, oldest first)."""

    client_id: int
    at: datetime
    action: str  # one of AUDIT_ACTIONS
    actor: str = ""
    visit_id: int | None = None
    detail: str = ""  # plain words; a deleted or refused visit keeps its JSON here


def empty_soap() -> dict[str, str]:
    return {name: "" for name in SOAP_FIELDS}


def empty_red_flags() -> dict[str, bool]:
    return {key: False for key in RED_FLAGS}


@dataclass
class Visit:
    id: int | None
    client_id: int
    date: date
    therapist: str = ""
    chief_complaint: str = ""
    soap: dict[str, str] = field(default_factory=empty_soap)
    red_flags: dict[str, bool] = field(default_factory=empty_red_flags)
    pain: PainMap = field(default_factory=PainMap)
    findings: list[PalpatedTrP] = field(default_factory=list)
    treatments: list[TreatmentGiven] = field(default_factory=list)
    notes: str = ""
    symptom_severity: SymptomSeverity | None = None  # None: not asked at this visit
    # The neuro screen (app/domain/neuro_screen.py): every item, None where not tested.
    neuro_screen: Mapping[str, Any] = field(default_factory=nothing_tested)
    version: int = 0  # bumped by every save; a save of an older version is a conflict
    signed_at: datetime | None = None  # finalised: later changes are amendments
    signed_by: str = ""
    amendments: list[Amendment] = field(default_factory=list)  # oldest first

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def any_red_flag(self) -> bool:
        return any(self.red_flags.values())
