"""Cross-record checks: every id a record names must exist, every record must carry a source."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog.schema import MuscleSource, ZoneElement, as_point
from app.catalog.sources import CatalogSources
from app.domain import vocabulary as vocab

_LANDMARKS = frozenset(vocab.PAIRED_LANDMARKS) | frozenset(vocab.MIDLINE_LANDMARKS)


def _zone_problems(where: str, elements: Iterable[ZoneElement]) -> list[str]:
    problems = []
    for element in elements:
        if element.area is not None and element.area not in vocab.SKIN_AREAS:
            problems.append(f"{where}: unknown skin area '{element.area}'")
        points = []
        if element.disk is not None:
            points.append(element.disk.at)
        if element.band is not None:
            points.extend([element.band.from_, element.band.to])
        if element.curve is not None:
            points.extend(element.curve.through)
        for point in points:
            for name in as_point(point).landmarks():
                if name not in _LANDMARKS:
                    problems.append(f"{where}: unknown landmark '{name}'")
    return problems


def _muscle_problems(muscle: MuscleSource, path: str, known_refs: set[str]) -> list[str]:
    problems = []
    if muscle.id not in vocab.MUSCLE_IDS:
        problems.append(f"{path}: muscle id '{muscle.id}' is not in the canonical list")
    elif muscle.id not in vocab.MUSCLES_BY_REGION[muscle.region]:
        problems.append(f"{path}: muscle '{muscle.id}' belongs to another region than '{muscle.region}'")
    if not path.endswith(f"{muscle.region}/{muscle.id}.yaml"):
        problems.append(f"{path}: file must be muscles/{muscle.region}/{muscle.id}.yaml")
    refs = [("muscle", muscle.source.ref)]
    for trp in muscle.trigger_points:
        where = f"{path}: {trp.id}"
        refs.append((trp.id, trp.source.ref))
        if not trp.id.startswith(muscle.id):
            problems.append(f"{where}: trigger point id must start with the muscle id")
        if trp.part is not None and trp.part not in muscle.parts:
            problems.append(f"{where}: part '{trp.part}' is not one of {muscle.parts}")
        for name in as_point(trp.location.at).landmarks():
            if name not in _LANDMARKS:
                problems.append(f"{where}: location uses unknown landmark '{name}'")
        problems += _zone_problems(f"{where} essential", trp.essential)
        problems += _zone_problems(f"{where} spillover", trp.spillover)
        for other in trp.associated:
            if other not in vocab.MUSCLE_IDS:
                problems.append(f"{where}: associated muscle '{other}' is not a canonical muscle id")
    if known_refs:
        for owner, ref in refs:
            if ref not in known_refs:
                problems.append(f"{path}: {owner}: source ref '{ref}' is not in sources.yaml")
    return problems


def validate(sources: CatalogSources, *, complete: bool) -> list[str]:
    """All problems; ``complete`` also demands that conditions only name existing records."""
    problems = list(sources.problems)
    known_refs = {w.id for w in sources.works}
    seen_trps: dict[str, str] = {}
    for muscle in sources.muscles:
        path = str(sources.muscle_files.get(muscle.id, muscle.id))
        problems += _muscle_problems(muscle, path, known_refs)
        for trp in muscle.trigger_points:
            if trp.id in seen_trps:
                problems.append(f"{path}: trigger point id '{trp.id}' also used in {seen_trps[trp.id]}")
            seen_trps[trp.id] = muscle.id
    muscle_ids = {m.id for m in sources.muscles}
    factor_ids = {f.id for f in sources.factors}
    technique_ids = {t.id for t in sources.techniques}
    for condition in sources.conditions:
        where = f"conditions/{condition.id}.yaml"
        if known_refs and condition.source.ref not in known_refs:
            problems.append(f"{where}: source ref '{condition.source.ref}' is not in sources.yaml")
        for link in condition.links:
            if link.muscle not in vocab.MUSCLE_IDS:
                problems.append(f"{where}: unknown muscle '{link.muscle}'")
            elif complete and link.muscle not in muscle_ids:
                problems.append(f"{where}: muscle '{link.muscle}' has no catalog file")
            for trp_id in link.trigger_points:
                if complete and seen_trps.get(trp_id) != link.muscle:
                    problems.append(f"{where}: trigger point '{trp_id}' is not a TrP of '{link.muscle}'")
        for factor in condition.factors:
            if factor_ids and factor not in factor_ids:
                problems.append(f"{where}: unknown factor '{factor}'")
        for technique in condition.techniques:
            if technique_ids and technique not in technique_ids:
                problems.append(f"{where}: unknown technique '{technique}'")
    return problems
