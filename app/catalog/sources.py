"""Load the catalog's YAML sources into validated schema objects, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from app.catalog.schema import ConditionSource, MuscleSource, SourceWork, Vocabulary

if TYPE_CHECKING:
    from app.catalog.nerves_compile import NerveSources

M = TypeVar("M", bound=BaseModel)
# libyaml's safe loader when installed (several times faster), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogError(Exception):
    """The sources do not form a valid catalog; ``problems`` lists each one with its file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog sources:\n" + "\n".join(problems))
        self.problems = problems


@dataclass
class CatalogSources:
    muscles: list[MuscleSource] = field(default_factory=list)
    muscle_files: dict[str, Path] = field(default_factory=dict)
    conditions: list[ConditionSource] = field(default_factory=list)
    works: list[SourceWork] = field(default_factory=list)
    factors: list[Vocabulary] = field(default_factory=list)
    techniques: list[Vocabulary] = field(default_factory=list)
    bones: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    nerves: NerveSources | None = None  # data/catalog/nerves (nerves_compile.py)


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "; ".join(parts)


def _read_yaml(path: Path, problems: list[str]) -> object | None:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot read YAML: {exc}".replace("\n", " "))
        return None


def _parse(model: type[M], data: object, path: Path, problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.append(f"{path}: {_describe(exc)}")
        return None


def _parse_list(model: type[M], path: Path, problems: list[str]) -> list[M]:
    if not path.exists():
        return []
    data = _read_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(f"{path}: expected a list of records")
        return []
    return [r for r in (_parse(model, item, path, problems) for item in data) if r is not None]


def load_sources(root: Path, only: list[Path] | None = None) -> CatalogSources:
    """Read everything under ``root`` (data/catalog); ``only`` restricts muscle/condition files."""
    result = CatalogSources()
    problems = result.problems
    muscle_paths = sorted((root / "muscles").glob("*/*.yaml"))
    condition_paths = sorted((root / "conditions").glob("*.yaml"))
    if only is not None:
        wanted = {p.resolve() for p in only}
        muscle_paths = [p for p in muscle_paths if p.resolve() in wanted or p.parent.resolve() in wanted]
        condition_paths = [p for p in condition_paths if p.resolve() in wanted or p.parent.resolve() in wanted]
    for path in muscle_paths:
        data = _read_yaml(path, problems)
        muscle = _parse(MuscleSource, data, path, problems) if data is not None else None
        if muscle is not None:
            result.muscles.append(muscle)
            result.muscle_files[muscle.id] = path
    for path in condition_paths:
        data = _read_yaml(path, problems)
        condition = _parse(ConditionSource, data, path, problems) if data is not None else None
        if condition is not None:
            result.conditions.append(condition)
    result.works = _parse_list(SourceWork, root / "sources.yaml", problems)
    result.factors = _parse_list(Vocabulary, root / "factors.yaml", problems)
    result.techniques = _parse_list(Vocabulary, root / "techniques.yaml", problems)
    bones_path = root / "bones.yaml"
    if bones_path.exists():
        bones = _read_yaml(bones_path, problems)
        result.bones = bones if isinstance(bones, list) else []
    if only is None:
        from app.catalog.nerves_compile import load_nerve_sources

        result.nerves = load_nerve_sources(root, problems)
    return result
