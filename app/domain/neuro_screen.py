"""The neuro screen of a visit: what the therapist tested, and which findings point toward a root
or nerve.

A screen is a flat mapping ``"<test>.<site>.<side>" -> value`` (``None``: not tested), plus
``"slr_angle.<side>"`` (degrees) and ``"note"``, so the client window edits it key by key as it
edits the red flags.  Only what was tested is stored; nothing is ever filled in.  The summary
never diagnoses: it says which findings fit a root or nerve and that the client should be
referred for assessment, and it lists the screen's red flags first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

SIDES: tuple[str, ...] = ("left", "right")  # the client's own sides
# ISNCSCI key sensory points, one per dermatome (light touch and pinprick are tested at each).
SENSORY_ROOTS: tuple[str, ...] = (
    "C2", "C3", "C4", "C5", "C6", "C7", "C8", *(f"T{i}" for i in range(1, 13)),
    "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4-5",
)
SENSATION_GRADES: tuple[str, ...] = ("normal", "reduced", "absent", "increased")
# ISNCSCI key muscles: root -> the movement tested.
KEY_MUSCLES: dict[str, str] = {
    "C5": "elbow flexors", "C6": "wrist extensors", "C7": "elbow extensors",
    "C8": "finger flexors (middle finger)", "T1": "little-finger abductors", "L2": "hip flexors",
    "L3": "knee extensors", "L4": "ankle dorsiflexors", "L5": "long toe extensors", "S1": "ankle plantar flexors",
}
STRENGTH_GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)  # MRC / ISNCSCI motor grades
# reflex -> (name, the root it mainly tests)
REFLEXES: dict[str, tuple[str, str]] = {
    "biceps": ("biceps", "C5"), "brachioradialis": ("brachioradialis", "C6"), "triceps": ("triceps", "C7"),
    "patellar": ("patellar", "L4"), "achilles": ("Achilles", "S1"),
}
REFLEX_GRADES: tuple[str, ...] = ("normal", "reduced", "absent", "brisk")
# provocation test -> (name, what a positive test points toward, roots it loads)
PROVOCATION_TESTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "spurling": ("Spurling", "a cervical nerve root", ("C4", "C5", "C6", "C7", "C8", "T1")),
    "ultt1_median": ("ULTT1 (median)", "the median nerve or its roots (C5-C7)", ("C5", "C6", "C7")),
    "ultt2_radial": ("ULTT2b (radial)", "the radial nerve or its roots (C5-C8)", ("C5", "C6", "C7", "C8")),
    "ultt3_ulnar": ("ULTT3 (ulnar)", "the ulnar nerve or its roots (C8-T1)", ("C8", "T1")),
    "straight_leg_raise": ("Straight-leg raise", "the sciatic nerve or the L4-S1 roots", ("L4", "L5", "S1")),
    "slump": ("Slump", "neural tension of the sciatic nerve or the lumbosacral roots", ("L4", "L5", "S1", "S2")),
}
PROVOCATION_RESULTS: tuple[str, ...] = ("negative", "positive")
SLR_MAX_DEGREES = 90
NOTE_MAX = 100_000
SADDLE_ROOTS = frozenset({"S3", "S4-5"})

# test -> (sites, allowed values); the order is the order of the form and the report.
TESTS: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {
    "light_touch": (SENSORY_ROOTS, SENSATION_GRADES),
    "pinprick": (SENSORY_ROOTS, SENSATION_GRADES),
    "strength": (tuple(KEY_MUSCLES), STRENGTH_GRADES),
    "reflex": (tuple(REFLEXES), REFLEX_GRADES),
    "provocation": (tuple(PROVOCATION_TESTS), PROVOCATION_RESULTS),
}
TEST_TITLES: dict[str, str] = {"light_touch": "Light touch", "pinprick": "Pinprick", "strength": "Strength",
                               "reflex": "Reflex", "provocation": "Provocation"}


def key(test: str, site: str, side: str) -> str:
    return f"{test}.{site}.{side}"


def slr_key(side: str) -> str:
    return f"slr_angle.{side}"


def all_keys() -> list[str]:
    keys = [key(test, site, side) for test, (sites, _values) in TESTS.items() for site in sites for side in SIDES]
    return [*keys, *(slr_key(side) for side in SIDES), "note"]


def empty_neuro_screen() -> dict[str, Any]:
    """Nothing tested (a new dict, to fill in)."""
    screen: dict[str, Any] = dict.fromkeys(all_keys())
    screen["note"] = ""
    return screen


# Most visits have no screen: they share this read-only one (157 items, ~3 kB a visit otherwise).
# Edits never change a screen in place; they replace it with a changed copy.
NOTHING_TESTED: Mapping[str, Any] = MappingProxyType(empty_neuro_screen())


def nothing_tested() -> Mapping[str, Any]:
    return NOTHING_TESTED


def check_value(name: str, value: Any) -> None:
    """ValueError in plain words when ``value`` cannot be the value of screen key ``name``."""
    if name == "note":
        if not isinstance(value, str) or len(value) > NOTE_MAX:
            raise ValueError(f"neuro screen note must be text of at most {NOTE_MAX} characters")
        return
    if value is None:
        return  # not tested
    test, _, rest = name.partition(".")
    if test == "slr_angle":
        if rest not in SIDES or type(value) is not int or not 0 <= value <= SLR_MAX_DEGREES:
            raise ValueError(f"neuro screen {name} must be whole degrees 0-{SLR_MAX_DEGREES}, got {value!r}")
        return
    site, _, side = rest.rpartition(".")
    if test not in TESTS or site not in TESTS[test][0] or side not in SIDES:
        raise ValueError(f"unknown neuro screen item {name!r}")
    allowed = TESTS[test][1]
    if value not in allowed or type(value) is not type(allowed[0]):
        raise ValueError(f"neuro screen {name} must be one of {', '.join(map(str, allowed))}, got {value!r}")


def normalized(entries: Mapping[str, Any]) -> dict[str, Any]:
    """A whole screen (every key) from any subset of valid entries; ValueError on anything else."""
    screen = empty_neuro_screen()
    for name, value in entries.items():
        if name not in screen:
            raise ValueError(f"unknown neuro screen item {name!r}")
        check_value(name, value)
        screen[name] = value
    return screen


def tested(screen: Mapping[str, Any]) -> dict[str, Any]:
    """Only what was tested (and the note, when there is one): what is stored and exported."""
    return {k: v for k, v in screen.items() if v is not None and not (k == "note" and v == "")}


def is_empty(screen: Mapping[str, Any]) -> bool:
    return not tested(screen)


# The nested JSON shape of the records file and the database column ---------------------------
def to_document(screen: Mapping[str, Any]) -> dict[str, Any] | None:
    """``{"light_touch": {"C6": {"left": "reduced"}}, ..., "slr_angle": {...}, "note": ""}`` with
    only the tested items; None when nothing was tested."""
    found = tested(screen)
    if not found:
        return None
    document: dict[str, Any] = {test: {} for test in TESTS}
    document["slr_angle"] = {}
    for name, value in found.items():
        if name == "note":
            continue
        test, _, rest = name.partition(".")
        if test == "slr_angle":
            document["slr_angle"][rest] = value
        else:
            site, _, side = rest.rpartition(".")
            document[test].setdefault(site, {})[side] = value
    document["note"] = found.get("note", "")
    return document


def from_document(document: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The whole flat screen from the nested shape (ValueError when an item or value is wrong)."""
    if not document:
        return NOTHING_TESTED
    entries: dict[str, Any] = {}
    for test, content in document.items():
        if test == "note":
            entries["note"] = content
        elif test == "slr_angle":
            entries.update({slr_key(side): v for side, v in dict(content).items()})
        else:
            for site, sides in dict(content).items():
                entries.update({key(test, site, side): v for side, v in dict(sides).items()})
    screen = normalized(entries)
    return screen if tested(screen) else NOTHING_TESTED


# What the screen shows -----------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    test: str
    site: str
    side: str
    value: Any

    @property
    def abnormal(self) -> bool:
        if self.test == "strength":
            return self.value < 5
        return self.value not in ("normal", "negative")

    @property
    def site_label(self) -> str:
        if self.test in ("light_touch", "pinprick"):
            return f"{self.site} key point"
        if self.test == "strength":
            return f"{self.site} {KEY_MUSCLES[self.site]}"
        if self.test == "reflex":
            name, root = REFLEXES[self.site]
            return f"{name[0].upper()}{name[1:]} ({root})"
        return PROVOCATION_TESTS[self.site][0]

    @property
    def value_label(self) -> str:
        return f"{self.value}/5" if self.test == "strength" else str(self.value)

    def sentence(self) -> str:
        """'reduced light touch at the C6 key point', 'C6 wrist extensors 4/5 on the left'."""
        if self.test in ("light_touch", "pinprick"):
            return f"{self.value} {TEST_TITLES[self.test].lower()} at the {self.site} key point"
        if self.test == "strength":
            return f"{self.site} {KEY_MUSCLES[self.site]} {self.value}/5"
        if self.test == "reflex":
            return f"{self.value} {REFLEXES[self.site][0]} reflex"
        return f"{self.value} {PROVOCATION_TESTS[self.site][0]}"

    @property
    def root(self) -> str | None:
        """The root this finding says something about: None for provocation tests, and for a brisk
        reflex (a sign above the root, flagged on its own, not a root finding)."""
        if self.test == "reflex":
            return REFLEXES[self.site][1] if self.value != "brisk" else None
        return None if self.test == "provocation" else self.site

    @property
    def sign(self) -> str:
        """sensory | motor | reflex | provocation: two kinds at one root are what make a fit."""
        return {"light_touch": "sensory", "pinprick": "sensory", "strength": "motor"}.get(self.test, self.test)


def findings(screen: Mapping[str, Any]) -> list[Finding]:
    """Every tested item in form order (sites, then left before right)."""
    found = []
    for test, (sites, _values) in TESTS.items():
        for site in sites:
            for side in SIDES:
                value = screen.get(key(test, site, side))
                if value is not None:
                    found.append(Finding(test, site, side, value))
    return found


@dataclass(frozen=True)
class ScreenSummary:
    red_flags: list[str]  # refer before treating; shown first
    fits: list[str]  # "Findings fit C6 on the client's left (...): refer for assessment."
    abnormal: list[Finding]
    normal: list[Finding]
    slr_angles: dict[str, int]
    note: str

    @property
    def empty(self) -> bool:
        return not (self.abnormal or self.normal or self.slr_angles or self.note)


def _root_order(root: str) -> int:
    return SENSORY_ROOTS.index(root)


def _red_flags(abnormal: list[Finding]) -> list[str]:
    flags: list[str] = []
    for f in abnormal:
        if f.test == "reflex" and f.value == "brisk":
            flags.append(f"Brisk {REFLEXES[f.site][0]} reflex on the client's {f.side}: a possible upper-motor-neuron "
                         "sign — refer to a physician before treating.")
        elif f.test in ("light_touch", "pinprick") and f.site in SADDLE_ROOTS and f.value in ("reduced", "absent"):
            flags.append(f"{f.value.capitalize()} {TEST_TITLES[f.test].lower()} at the {f.site} key point (saddle area) "
                         f"on the client's {f.side}: refer urgently (possible cauda equina compression).")
        elif f.test == "strength" and f.value <= 3:
            flags.append(f"Marked weakness of the {f.site} {KEY_MUSCLES[f.site]} ({f.value}/5) on the client's "
                         f"{f.side}: refer to a physician before treating.")
    roots_by_side: dict[str, set[str]] = {side: set() for side in SIDES}
    for f in abnormal:
        if f.root is not None and f.sign in ("sensory", "motor", "reflex"):
            roots_by_side[f.side].add(f.root)
    both = sorted(roots_by_side["left"] & roots_by_side["right"], key=_root_order)
    if both:
        flags.append(f"Findings on both sides at {', '.join(both)}: refer to a physician before treating.")
    for side in SIDES:
        if len(roots_by_side[side]) >= 3:
            levels = ", ".join(sorted(roots_by_side[side], key=_root_order))
            flags.append(f"Findings at three or more roots on the client's {side} ({levels}): refer to a physician "
                         "before treating.")
    return flags


def _fits(abnormal: list[Finding]) -> list[str]:
    by_root: dict[tuple[str, str], list[Finding]] = {}
    for f in abnormal:
        if f.root is not None:
            by_root.setdefault((f.root, f.side), []).append(f)
    positives = [f for f in abnormal if f.test == "provocation"]
    fits = []
    for (root, side), signs in sorted(by_root.items(), key=lambda item: (_root_order(item[0][0]), item[0][1])):
        kinds = {f.sign for f in signs}
        tests = [f for f in positives if f.side == side and root in PROVOCATION_TESTS[f.site][2]]
        what = "; ".join(f.sentence() for f in [*signs, *tests])
        if len(kinds) >= 2 or (kinds and tests):
            fits.append(f"Findings fit {root} on the client's {side} ({what}): refer for assessment.")
        else:
            fits.append(f"A single finding at {root} on the client's {side} ({what}): re-test, and refer for "
                        "assessment if it persists or other findings join it.")
    for f in positives:
        fits.append(f"Positive {PROVOCATION_TESTS[f.site][0]} on the client's {f.side} points toward "
                    f"{PROVOCATION_TESTS[f.site][1]}: refer for assessment if it reproduces the client's symptoms.")
    return fits


def summarize(screen: Mapping[str, Any]) -> ScreenSummary:
    everything = findings(screen)
    abnormal = [f for f in everything if f.abnormal]
    angles = {side: screen[slr_key(side)] for side in SIDES if screen.get(slr_key(side)) is not None}
    return ScreenSummary(_red_flags(abnormal), _fits(abnormal), abnormal, [f for f in everything if not f.abnormal],
                         angles, str(screen.get("note") or ""))
