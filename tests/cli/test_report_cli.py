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
