"""Client records: clients, visits, what the client reports and what the therapist finds.

Plain dataclasses with no storage concerns.  ``side`` is always the client's own left or
right (never the viewer's).  Ids are ``None`` until the record is first saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.pain_map import QUALITIES, PainMap, PainMark

__all__ = [
    "Client", "PainMap", "PainMark", "PalpatedTrP", "QUALITIES", "RED_FLAGS", "SOAP_FIELDS",
    "TREATMENT_SIDES", "TRP_SIDES", "TRP_STATUSES", "TreatmentGiven", "Visit",
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

    @property
    def any_red_flag(self) -> bool:
        return any(self.red_flags.values())
