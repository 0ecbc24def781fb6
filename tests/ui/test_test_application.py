"""The UI tests run the QApplication the app makes, not pytest-qt's default one."""

from __future__ import annotations

import os


def test_the_tests_qapplication_is_made_by_create_application(qapp) -> None:
    from app.ui.main_thread_gc import MainThreadCollector

    assert qapp.applicationName() == "Trigger Point Explorer"  # pytest-qt's own is "pytest-qt-qapp"
    assert qapp.style().name().lower() == "fusion"
    assert qapp.findChild(MainThreadCollector) is not None
    assert os.environ.get("QT_NO_GUI_THREADPOOL") == "1"
