"""Render the app's screens offscreen to PNG (README screenshot and visual review).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR

Writes explore.png (upper trapezius TrP1, on the view that shows its pattern best), pain.png (where does it hurt:
right temple), layers_<view>.png (every layer of every view side by side), quiz.png and
client.png (a painted demo visit in a throwaway records database).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtTest import QTest

from app.paths import assets_dir
from app.ui.launch import create_application


def _click(view, x: float, y: float) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(QPointF(x, y)))


def _settle(window) -> None:
    """Let the work a person would see land before the picture is taken: the pictures and thumbnails
    rendered on workers, the nerve comparison (the panel said "Click skin areas..." without it)."""
    from app.ui.atlas_pictures import shared_pictures

    QTest.qWait(300)
    if hasattr(window, "strip"):  # the explorer's view thumbnails
        window.strip.wait_for_thumbnails()
    shared_pictures().wait_until_idle()
    radicular = getattr(window, "radicular", None)
    if radicular is not None:
        radicular.presenter.wait()
    QTest.qWait(150)


def main(out: Path) -> None:
    app = create_application()
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from app.ui.main_window import MainWindow
    from app.ui.records.client_window import ClientWindow

    out.mkdir(parents=True, exist_ok=True)
    service = CatalogService.open()
    window = MainWindow(service)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.view_combo.setCurrentIndex(window.view_combo.findData("posterior"))
    window.controller.select_trigger_point("trapezius_trp1", "right")
    _settle(window)
    window.grab().save(str(out / "explore.png"))
    window.view_combo.setCurrentIndex(window.view_combo.findData("anterior"))
    window.pain_action.trigger()
    temple = next(a for a in service.skin_areas if (a.view, a.slug, a.side) == ("anterior", "temple", "right"))
    point = temple.geometry.representative_point()
    _click(window.body_map, point.x, point.y)
    window.candidates.list.setCurrentRow(0)
    _settle(window)
    window.grab().save(str(out / "pain.png"))
    window.explore_action.trigger()
    window.next_question(seed=4)
    app.processEvents()
    window.grab().save(str(out / "quiz.png"))
    for view, spec in service.views.items():
        scale = 900 / spec.height
        image = QImage(int((spec.width * scale + 20) * len(spec.layers)), 900, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        for i, layer in enumerate(spec.layers):
            QSvgRenderer(str(assets_dir() / f"{view}_{layer}.svg")).render(
                painter, QRectF(i * (spec.width * scale + 20), 0, spec.width * scale, spec.height * scale))
        painter.end()
        image.save(str(out / f"layers_{view}.png"))
    with tempfile.TemporaryDirectory() as tmp:
        records = RecordsService.open(f"sqlite:///{Path(tmp) / 'demo.db'}")
        clients = ClientWindow(records, service)
        clients.resize(1500, 950)
        clients.show()
        client = clients.presenter.new_client("Demo Client")
        clients._refresh_clients(select=client.id)
        clients.presenter.new_visit("Demo Therapist")
        app.processEvents()
        for stroke, (slug, intensity, quality) in enumerate((("temple", 8, "throbbing"), ("throat", 5, "aching"),
                                                             ("anterior_shoulder", 4, "aching")), start=1):
            for area in service.skin_areas:
                if (area.view, area.slug, area.side) == ("anterior", slug, "right"):
                    clients.presenter.paint("anterior", area.geometry.buffer(-2), intensity, quality, stroke)
        _settle(clients)
        clients.grab().save(str(out / "client.png"))
        clients.presenter.save_now()
        records.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/screens"))
