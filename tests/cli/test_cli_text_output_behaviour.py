"""What `tpx` prints for a person at a terminal (not --json): the words they read, and the JSON
keys scripts rely on, on the shipped catalog."""

from __future__ import annotations

import json

import pytest


def _refused(run, *args: str) -> tuple[int, str]:
    try:
        code, _out, err = run(*args)
    except SystemExit as exc:  # argparse's refusals leave through SystemExit; capsys holds their text
        code, err = int(exc.code or 0), ""
    return code, err


def test_show_prints_each_trigger_point_with_its_prevalence_in_words(run_cli) -> None:
    code, out, err = run_cli("show", "trapezius")
    assert code == 0 and err == ""
    assert out.startswith("Trapezius (Musculus trapezius) — neck, superficial\n")
    assert "\n  Upper trapezius TrP1 [very common]\n    at: In the most anterior" in out
    assert "\n    essential: back of the neck and temple" in out
    assert "_" not in "".join(line for line in out.splitlines() if line.startswith("  ") and "[" in line)


def test_show_json_names_links_and_sources_by_their_keys(run_cli) -> None:
    code, out, _ = run_cli("show", "trapezius", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"condition_id", "condition", "relation"} == set(data["links"][0])
    assert {"atypical_facial_pain", "dizziness_vertigo"} <= {link["condition_id"] for link in data["links"]}
    assert {link["relation"] for link in data["links"]} >= {"refers", "perpetuates"}
    assert all(set(s) == {"id", "title"} and s["title"] for s in data["sources"])
    assert data["sources"][0]["id"] == "tsm1" and "Trigger Point Manual. Vol. 1" in data["sources"][0]["title"]
    assert data["source"].startswith("Myofascial Pain and Dysfunction") and "Trapezius" in data["source"]


@pytest.mark.parametrize(("root", "reflex", "entrapments"), [
    ("C4", "none", "none"), ("S1", "Achilles", None)])
def test_root_card_as_a_table_says_none_in_words(run_cli, root: str, reflex: str, entrapments: str | None) -> None:
    code, out, _ = run_cli("root", root)
    rows = {line[:21].strip(): line[21:].strip() for line in out.splitlines()}
    assert code == 0 and rows["Root"].startswith(root)
    assert rows["Reflex"] == "none" if reflex == "none" else reflex.lower() in rows["Reflex"].lower()
    assert "Entrapment sites" in rows
    if entrapments:
        assert rows["Entrapment sites"] == entrapments


@pytest.mark.parametrize(("args", "missing"), [
    (("review-sheet",), "--out"),
    (("study", "export-anki", "--deck", "everything"), "--out"),
    (("study", "score", "--trp", "trapezius_trp1"), "--pain"),
], ids=["review-sheet out", "export-anki out", "score pain"])
def test_a_command_missing_its_required_file_is_refused_by_name(run_cli, capsys, args, missing: str) -> None:
    code, err = _refused(run_cli, *args)
    assert code == 2
    assert f"the following arguments are required: {missing}" in err + capsys.readouterr().err
