"""Opening the client window on a current records database, choosing a client, drawing their visit
and comparing its pain with the nerve territories imports neither Alembic (with Mako and Pygments)
nor pydantic: those serve schema upgrades and reading a records file (or the catalog's sources), and
cost the window ~25 MB of memory it would keep all session; nor rapidfuzz (~2 MB), which only a typed
client name needs.  (The fresh-clone CI caught the nerve
comparison importing the catalog schema, which the first version of this test finished too early to see.)"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.services.catalog_service import CatalogService
from app.services.records_service import RecordsService
from app.ui.records.client_window import ClientWindow
records = RecordsService.open(sys.argv[1])
window = ClientWindow(records, CatalogService.open())
window.show()
clients = window.left.clients
QTest.mouseClick(clients.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                 clients.visualItemRect(clients.item(0)).center())
for _ in range(20):
    app.processEvents()
assert window.presenter.visit is not None and not window.presenter.visit.pain.is_empty(), "no painted visit opened"
assert window.radicular.presenter.wait(20000), "the nerve comparison did not finish"  # its worker's work is done
for _ in range(20):
    app.processEvents()
print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'mako', 'pygments', 'pydantic', 'pydantic_core', 'rapidfuzz'}))
window.close()
records.close()
"""


def test_a_client_opens_without_the_upgrade_or_file_reading_stacks(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as records:
        client = records.save_client(sample_client("Ann Example"))
        records.save_visit(fill_visit(records.new_visit(client.id, date(2026, 4, 1))))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _SCRIPT, url], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
