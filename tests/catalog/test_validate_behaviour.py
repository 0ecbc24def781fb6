"""The compiler refuses a catalog whose records name things that do not exist, and says what is
wrong in one line naming the file: one broken record at a time, on the small test catalog.

Each case breaks one field the way an editor would (a typo, a wrong folder, a copied id) and
expects exactly that line among the problems; nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from app.catalog.compile import compile_catalog
from app.catalog.sources import CatalogError
from tests.support.mini_catalog import write_atlas, write_sources

Edit = Callable[[dict], None]
TRAPEZIUS = "muscles/neck/trapezius.yaml"
SUPINATOR = "muscles/forearm_hand/supinator.yaml"
CONDITION = "conditions/tension_type_headache.yaml"


def _set(*path) -> Edit:
    """_set("trigger_points", 0, "part", "lowest"): the keys down to a field, then its new value."""
    *keys, value = path

    def edit(data: dict) -> None:
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value
    return edit


def _essential_behind_spillover_in_front(data: dict) -> None:
    trp = data["trigger_points"][0]
    for element in trp["essential"]:
        element["views"] = ["posterior"]
    for element in trp["spillover"]:
        element["views"] = ["anterior"]


def _copy_first_trigger_point(data: dict) -> None:
    data["trigger_points"].append(dict(data["trigger_points"][0], label="A copy"))


# (file edited, edit, the problem line expected; {file} is that file's path as the compiler names it)
CASES = {
    "muscle id not canonical": (
        SUPINATOR, _set("id", "supinatr"), "{file}: muscle id 'supinatr' is not in the canonical list"),
    "muscle in another region's folder": (
        SUPINATOR, _set("region", "neck"), "{file}: muscle 'supinator' belongs to another region than 'neck'"),
    "file named after another muscle": (
        SUPINATOR, _set("region", "neck"), "{file}: file must be muscles/neck/supinator.yaml"),
    "trigger point id of another muscle": (
        SUPINATOR, _set("trigger_points", 0, "id", "radialis_trp1"),
        "{file}: radialis_trp1: trigger point id must start with the muscle id"),
    "part the muscle does not have": (
        TRAPEZIUS, _set("trigger_points", 0, "part", "lowest"),
        "{file}: trapezius_trp1: part 'lowest' is not one of ['upper', 'middle', 'lower']"),
    "location at an unknown landmark": (
        SUPINATOR, _set("trigger_points", 0, "location", "at", "landmark", "lateral_epicondle"),
        "{file}: supinator_trp1: location uses unknown landmark 'lateral_epicondle'"),
    "essential zone on an unknown skin area": (
        SUPINATOR, _set("trigger_points", 0, "essential", 0, "area", "lateral_epicondle"),
        "{file}: supinator_trp1 essential: unknown skin area 'lateral_epicondle'"),
    "spillover zone on an unknown skin area": (
        SUPINATOR, _set("trigger_points", 0, "spillover", 1, "area", "tempel"),
        "{file}: supinator_trp1 spillover: unknown skin area 'tempel'"),
    "disk around an unknown landmark": (
        TRAPEZIUS, _set("trigger_points", 0, "spillover", 0, "disk", "at", "acromiom"),
        "{file}: trapezius_trp1 spillover: unknown landmark 'acromiom'"),
    "associated muscle not canonical": (
        SUPINATOR, _set("trigger_points", 0, "associated", ["supinator", "bicep"]),
        "{file}: supinator_trp1: associated muscle 'bicep' is not a canonical muscle id"),
    "muscle citing an unknown work": (
        SUPINATOR, _set("source", "ref", "tsm9"), "{file}: muscle: source ref 'tsm9' is not in sources.yaml"),
    "trigger point citing an unknown work": (
        SUPINATOR, _set("trigger_points", 0, "source", {"ref": "tsm2", "chapter": "X"}),
        "{file}: supinator_trp1: source ref 'tsm2' is not in sources.yaml"),
    "essential and spillover never on one view": (
        SUPINATOR, _essential_behind_spillover_in_front,
        "{file}: supinator_trp1: essential and spillover zones do not both appear on any one view "
        "(essential on ['posterior'], spillover on ['anterior'])"),
    "one trigger point id twice": (
        SUPINATOR, _copy_first_trigger_point, "{file}: trigger point id 'supinator_trp1' also used in supinator"),
    "condition citing an unknown work": (
        CONDITION, _set("source", "ref", "nowhere"), "{file}: source ref 'nowhere' is not in sources.yaml"),
    "condition linking an unknown muscle": (
        CONDITION, _set("links", 1, "muscle", "supinatr"), "{file}: unknown muscle 'supinatr'"),
    "condition linking a muscle without a file": (
        CONDITION, _set("links", 1, "muscle", "levator_scapulae"), "{file}: muscle 'levator_scapulae' has no catalog file"),
    "condition naming another muscle's trigger point": (
        CONDITION, _set("links", 1, "trigger_points", ["trapezius_trp1"]),
        "{file}: trigger point 'trapezius_trp1' is not a TrP of 'supinator'"),
    "condition naming an unknown factor": (
        CONDITION, _set("factors", ["stress", "worry"]), "{file}: unknown factor 'worry'"),
    "condition naming an unknown technique": (
        CONDITION, _set("techniques", ["massage"]), "{file}: unknown technique 'massage'"),
}


def _sources(tmp_path: Path) -> tuple[Path, Path]:
    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    return tmp_path / "catalog", tmp_path / "assets"


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_record_is_refused_with_one_line_naming_its_file(tmp_path: Path, case: str) -> None:
    catalog, assets = _sources(tmp_path)
    relative, edit, expected = CASES[case]
    path = catalog / relative
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data))
    out = tmp_path / "out.db"
    with pytest.raises(CatalogError) as refused:
        compile_catalog(catalog, assets, out)
    problems = refused.value.problems
    named = relative if relative.startswith("conditions/") else str(path)
    assert expected.format(file=named) in problems
    assert all("\n" not in p for p in problems)
    assert str(refused.value).startswith(f"{len(problems)} problem(s) in the catalog sources:\n")
    assert not out.exists()


def test_the_untouched_small_catalog_compiles(tmp_path: Path) -> None:
    catalog, assets = _sources(tmp_path)
    report = compile_catalog(catalog, assets, tmp_path / "out.db")
    assert (report.muscles, report.trigger_points) == (2, 2)


def test_the_check_command_passes_the_shipped_sources_and_counts_what_it_read(capsys) -> None:
    """`python -m app.catalog.check`: the counts must be those the compiled catalog holds."""
    from app.catalog.check import main
    from app.paths import CATALOG_SOURCES_DIR, catalog_db_path
    from app.storage.catalog_reader import open_catalog_reader

    reader = open_catalog_reader(catalog_db_path())
    muscles, conditions = reader.muscles(), reader.conditions()
    trapezius = reader.muscle("trapezius")
    reader.close()
    assert main([]) == 0
    assert capsys.readouterr().out == (f"{len(muscles)} muscles, {sum(len(m.trigger_points) for m in muscles)} "
                                       f"trigger points, {len(conditions)} conditions: 0 problem(s)\n")
    assert main([str(CATALOG_SOURCES_DIR / "muscles" / "neck" / "trapezius.yaml")]) == 0
    assert capsys.readouterr().out == (f"1 muscles, {len(trapezius.trigger_points)} trigger points, "
                                       "0 conditions: 0 problem(s)\n")


def test_the_check_command_lists_each_problem_and_fails(tmp_path: Path, monkeypatch, capsys) -> None:
    from app.catalog import check

    catalog, _ = _sources(tmp_path)
    path = catalog / SUPINATOR
    data = yaml.safe_load(path.read_text())
    data["trigger_points"][0]["associated"] = ["bicep"]
    data["source"] = {"ref": "tsm9", "chapter": "Test"}  # the muscle's own citation only
    path.write_text(yaml.safe_dump(data))
    monkeypatch.setattr(check, "CATALOG_SOURCES_DIR", catalog)
    assert check.main([]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: supinator_trp1: associated muscle 'bicep' is not a canonical muscle id",
        f"{path}: muscle: source ref 'tsm9' is not in sources.yaml",
        "2 muscles, 2 trigger points, 1 conditions: 2 problem(s)"]
