from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from app.cli.main import main


@pytest.fixture()
def visit_id(tmp_path: Path, mini_catalog: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    from app.domain.records import Client
    from app.services.records_service import RecordsService

    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    with RecordsService.open(url) as records:
        client = records.save_client(Client(id=None, name="Report Test"))
        visit = records.new_visit(client.id, date(2026, 11, 2), "T. Therapist", "Temple headache")
        visit.pain = visit.pain.paint("anterior", box(110, 60, 190, 140), 7, "aching")
        return records.save_visit(visit).id


def test_report_writes_a_pdf(visit_id: int, tmp_path: Path, capsys) -> None:
    out = tmp_path / "visit.pdf"
    assert main(["report", "--visit", str(visit_id), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000


def test_report_errors_are_one_line_and_write_nothing(visit_id: int, tmp_path: Path, capsys) -> None:
    out = tmp_path / "nope.pdf"
    assert main(["report", "--visit", "9999", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "9999" in err and not out.exists()
    assert list(tmp_path.glob(".report-*")) == []
    assert main(["report", "--visit", str(visit_id), "--out", str(tmp_path / "x.txt")]) == 2


def test_a_full_disk_keeps_the_good_report_and_exits_non_zero(visit_id: int, tmp_path: Path, capsys,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.records.report as report

    out = tmp_path / "visit.pdf"
    assert main(["report", "--visit", str(visit_id), "--out", str(out)]) == 0
    good = out.read_bytes()
    capsys.readouterr()

    def disk_full(records, catalog, visit, path, *args, **kwargs) -> None:
        Path(path).write_bytes(b"")  # what QPdfWriter leaves when the disk is full: nothing

    monkeypatch.setattr(report, "write_visit_report", disk_full)
    assert main(["report", "--visit", str(visit_id), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "wrote" not in captured.out and "empty" in captured.err and captured.err.count("\n") == 1
    assert out.read_bytes() == good and [p.name for p in tmp_path.glob(".*.tmp")] == []

    def cut_off(records, catalog, visit, path, *args, **kwargs) -> None:
        Path(path).write_bytes(good[: len(good) // 2])  # stopped half way

    monkeypatch.setattr(report, "write_visit_report", cut_off)
    assert main(["report", "--visit", str(visit_id), "--out", str(out)]) == 1
    assert "incomplete" in capsys.readouterr().err and out.read_bytes() == good


def test_the_report_is_private(visit_id: int, tmp_path: Path) -> None:
    import stat

    out = tmp_path / "visit.pdf"
    assert main(["report", "--visit", str(visit_id), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("target, message", [("{tmp}/a-folder.pdf", "is a folder"), ("{tmp}/missing/r.pdf", "no such folder"),
                                             ("/proc/r.pdf", "cannot write in /proc")])
def test_impossible_report_targets_are_one_line(visit_id: int, tmp_path: Path, capsys, target: str,
                                                message: str) -> None:
    (tmp_path / "a-folder.pdf").mkdir()
    assert main(["report", "--visit", str(visit_id), "--out", target.format(tmp=tmp_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_the_report_of_a_brush_painted_visit_says_what_was_recorded(tmp_path: Path, mini_catalog: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Content, not just magic bytes: a realistic brush map, an escaped name, red flags, SOAP."""
    from hypothesis import HealthCheck, given, settings

    from app.domain.records import Client
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from tests.support.pain_strategies import catalog_views, pain_maps

    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    views = catalog_views(CatalogService.open(mini_catalog))
    with RecordsService.open(url) as records:
        client_id = records.save_client(Client(None, "Zoë <b>O'Brien</b> & Co")).id

    @settings(max_examples=3, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(pain=pain_maps(views, min_strokes=2, max_strokes=5))
    def run(pain) -> None:
        with RecordsService.open(url) as records:
            visit = records.new_visit(client_id, date(2026, 11, 2), "T. Therapist", "Temple headache")
            visit.pain = pain
            visit.red_flags["history_of_cancer"] = True
            visit.soap = dict(visit.soap, plan="stretch twice daily\nreview in one week")
            visit_id = records.save_visit(visit).id
        out = tmp_path / f"visit-{visit_id}.pdf"
        assert main(["report", "--visit", str(visit_id), "--out", str(out), "--database", url]) == 0
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
        flat = " ".join(text.split())
        assert "Zoë <b>O'Brien</b> & Co" in flat  # escaped into the page, shown as typed
        assert "History of cancer" in flat and "Temple headache" in flat and "2026-11-02" in flat
        assert "stretch twice daily" in flat and "review in one week" in flat

    run()
