"""What `tpx` says when a command is typed wrong: the exit code and the one line a user reads."""

from __future__ import annotations

import pytest


def _refused(run, *args: str) -> tuple[int, str]:
    try:
        code, _out, err = run(*args)
    except SystemExit as exc:  # argparse's own refusals leave through SystemExit; capsys holds their text
        code, err = int(exc.code or 0), ""
    return code, err


def test_erasing_a_client_needs_yes(cli, capsys) -> None:
    code, err = _refused(cli, "erase-client", "3")
    assert (code, err) == (1, "tpx: error: erasing a client cannot be undone: add --yes to confirm\n")


def test_an_id_no_record_can_have_is_named_with_the_range(cli, capsys) -> None:
    code, err = _refused(cli, "erase-client", str(2**63), "--yes")
    assert code == 2
    assert f"no record has id {2**63} (ids are 1 to {2**63 - 1})" in err + capsys.readouterr().err


@pytest.mark.parametrize(("args", "words"), [
    (("nerves", "--area", "temple", "--side", "middle"), "invalid choice: 'middle'"),
    (("build-atlas",), "the following arguments are required: --meshes"),
    (("report", "--visit", "1"), "--out"),
], ids=["nerves side", "build-atlas meshes", "report out"])
def test_a_missing_or_impossible_option_is_refused_by_name(cli, capsys, args, words: str) -> None:
    code, err = _refused(cli, *args)
    assert code == 2
    assert words in err + capsys.readouterr().err
