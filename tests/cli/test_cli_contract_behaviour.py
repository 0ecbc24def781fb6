"""What scripts and people rely on in `tpx`: the JSON of `tpx show` holds the catalog's record
field by field (read independently through SQLAlchemy), usage errors are one line with exit 2,
defaults are the ones the help promises, and every help text is there for a person to read."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.cli.main import build_parser
from app.paths import catalog_db_path
from tests.support.sqlalchemy_catalog import CatalogRepository, open_catalog_engine


@pytest.fixture(scope="module")
def oracle() -> CatalogRepository:
    return CatalogRepository(open_catalog_engine(catalog_db_path()))


def test_show_json_is_the_catalog_record_field_by_field(run_cli, oracle: CatalogRepository) -> None:
    muscle = next(m for m in oracle.muscles() if m.id == "trapezius")
    code, out, err = run_cli("show", "trapezius", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert {k: shown[k] for k in ("id", "name", "latin", "region", "layer", "parts", "innervation", "actions",
                                  "attachments")} == {
        "id": muscle.id, "name": muscle.name, "latin": muscle.latin, "region": muscle.region, "layer": muscle.layer,
        "parts": list(muscle.parts), "innervation": {"nerve": muscle.nerve, "roots": list(muscle.roots)},
        "actions": list(muscle.actions), "attachments": {"origin": muscle.origin, "insertion": muscle.insertion}}
    ids = [t.id for t in muscle.trigger_points]
    placements = oracle.placements(ids)
    assert [t["id"] for t in shown["trigger_points"]] == ids
    for trp, row in zip(muscle.trigger_points, shown["trigger_points"]):
        assert (row["label"], row["part"], row["prevalence"], row["location"]) == (
            trp.label, trp.part, trp.prevalence, trp.location_text)
        assert row["placements"] == [{"view": p.view, "side": p.side, "layer": p.layer, "x": p.x, "y": p.y}
                                     for p in placements.get(trp.id, [])]
        assert row["symptoms"] == list(trp.symptoms) and row["treatment"] == trp.treatment
    assert any(row["placements"] for row in shown["trigger_points"])


def test_usage_errors_are_one_line_with_exit_2(run_cli, capsys) -> None:
    for args, message in [(("candidates", "--limit", "x"), "argument --limit: invalid int value: 'x'"),
                          (("root",), "the following arguments are required: ROOT"),
                          (("show",), "the following arguments are required: muscle_id")]:
        with pytest.raises(SystemExit) as usage:
            run_cli(*args)
        assert usage.value.code == 2
        assert capsys.readouterr().err == f"tpx: error: {message}\n"
    assert run_cli("nerves", "--limit", "3") == (
        2, "", "tpx: error: give either --area AREA[:SIDE] (repeatable) or --pain FILE.json\n")
    assert run_cli("candidates", "--limit", "3") == (
        2, "", "tpx: error: give either --area AREA[:SIDE] (repeatable), --view VIEW --at X,Y, or --pain FILE.json\n")
    assert run_cli("candidates", "--area", "temple", "--limit", "0") == (
        2, "", "tpx: error: --limit must be at least 1, got 0\n")


def test_the_default_limits_are_those_the_help_promises(run_cli, oracle: CatalogRepository) -> None:
    every = json.loads(run_cli("candidates", "--area", "temple", "--area", "posterior_neck", "--area",
                               "upper_thoracic_back", "--limit", "500", "--json")[1])
    assert len(every) > 25
    default = json.loads(run_cli("candidates", "--area", "temple", "--area", "posterior_neck", "--area",
                                 "upper_thoracic_back", "--json")[1])
    assert default == every[:25]
    areas = [a for slug in sorted({s.slug for s in oracle.skin_areas() if s.side == "right"})[::3]
             for a in ("--area", slug)]
    nerves = json.loads(run_cli("nerves", *areas, "--limit", "100", "--json")[1])
    assert len(nerves) > 10
    assert json.loads(run_cli("nerves", *areas, "--json")[1]) == nerves[:10]
    right = json.loads(run_cli("candidates", "--area", "temple", "--side", "right", "--json")[1])
    assert json.loads(run_cli("candidates", "--area", "temple", "--json")[1]) == right
    assert {r["side"] for r in right} == {"right"}


def _actions(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name in action.choices:
                yield f"tpx {name}", helps.get(name)
            for name, sub in action.choices.items():
                for where, text in _actions(sub):
                    yield where.replace("tpx ", f"tpx {name} ", 1) if where.startswith("tpx ") else f"tpx {name} {where}", text
        elif action.option_strings and not isinstance(action, argparse._HelpAction | argparse._VersionAction):
            yield "/".join(action.option_strings) or action.dest, action.help


def test_every_command_and_option_has_a_help_sentence_in_lower_case(run_cli) -> None:
    """`tpx --help` and `tpx CMD --help` are the command line's manual: nothing undocumented,
    and written as argparse writes its own (lower case), not shouted."""
    seen = 0
    for where, text in _actions(build_parser()):
        assert text, f"{where} has no help"
        assert text != text.upper(), f"{where}: {text!r}"
        seen += 1
    assert seen > 60


def test_the_records_export_is_indented_for_a_person_to_read(run_cli, tmp_path: Path, monkeypatch) -> None:
    from datetime import date

    from app.services.records_service import RecordsService
    from tests.storage.records_samples import fill_visit, sample_client

    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    with RecordsService.open(url) as service:
        client = service.save_client(sample_client("Zoë Ünïcode"))
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
    out = tmp_path / "all.json"
    assert run_cli("export", "--out", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('{\n "format": "tpx-records",\n') and '"name": "Zoë Ünïcode"' in text
    assert json.loads(text)["clients"][0]["name"] == "Zoë Ünïcode"


def test_a_long_file_name_in_an_error_is_cut_to_one_readable_line(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    name = "x" * 700 + "\n.json"
    code, out, err = run_cli("restore", str(tmp_path / name))
    assert (code, out) == (1, "")
    message = err.removeprefix("tpx: error: ").removesuffix("\n")
    assert len(message) == 500 and message.endswith("…") and "\n" not in message


def test_build_catalog_writes_where_asked_or_lists_the_problems(run_cli, tmp_path: Path) -> None:
    import yaml

    from tests.support.mini_catalog import write_atlas, write_sources

    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    out = tmp_path / "built.db"
    where = ("--sources", str(tmp_path / "catalog"), "--assets", str(tmp_path / "assets"))
    code, stdout, err = run_cli("build-catalog", *where, "--out", str(out))
    assert (code, err) == (0, "")
    assert stdout.startswith(f"wrote {out}: 2 muscles, 2 trigger points, 1 conditions, ") and out.is_file()
    supinator = tmp_path / "catalog" / "muscles" / "forearm_hand" / "supinator.yaml"
    data = yaml.safe_load(supinator.read_text())
    data["trigger_points"][0]["associated"] = ["bicep"]
    supinator.write_text(yaml.safe_dump(data))
    again = tmp_path / "again.db"
    assert run_cli("build-catalog", *where, "--out", str(again)) == (
        1, "", f"{supinator}: supinator_trp1: associated muscle 'bicep' is not a canonical muscle id\n"
               "tpx: error: catalog not built: 1 problem(s) listed above\n")
    assert not again.exists()


def test_a_missing_client_id_is_named_as_the_help_names_it(run_cli, capsys) -> None:
    with pytest.raises(SystemExit) as usage:
        run_cli("erase-client")
    assert usage.value.code == 2
    assert capsys.readouterr().err == "tpx: error: the following arguments are required: ID\n"
