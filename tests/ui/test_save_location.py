"""A Save dialog opens where the person saves things, not in the directory tpx was started from."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.support.client_window_driver import answers, client_window, drag, records_url  # noqa: F401 - fixtures


def test_the_visit_report_dialog_opens_in_documents_then_where_the_last_report_went(
        client_window, monkeypatch, answers, tmp_path: Path) -> None:
    win = client_window
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])
    offered: list[str] = []
    chosen = tmp_path / "reports" / "ada.pdf"
    chosen.parent.mkdir()

    def save_as(_parent, _title, suggested, _filter, *args, **kwargs):
        offered.append(suggested)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    monkeypatch.chdir(tmp_path)  # wherever tpx was started from
    for _ in range(2):
        answers.queue.append("Harbour Clinic")
        win.report_action.trigger()
    first, second = (Path(p) for p in offered)
    assert first.name.startswith("visit-") and first.parent != Path(os.getcwd())
    assert first.is_absolute() and first.parent.is_dir()  # Documents, or home where there is none
    assert second.parent == chosen.parent  # the folder the person just chose
    assert chosen.exists()
