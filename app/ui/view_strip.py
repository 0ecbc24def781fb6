"""A strip of small thumbnails of every view: the whole pattern at once, whichever view the map
shows; clicking a thumbnail shows that view on the map."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from app.paths import assets_dir
from app.ui import worker_post
from app.ui.atlas_pictures import AtlasPictures
from app.ui.body_map import ESSENTIAL_COLOR, SPILLOVER_COLOR, spillover_brush
from app.ui.patterns import PatternOnView
from app.ui.qt_geometry import to_painter_path

THUMB_HEIGHT_PX = 132
# After the click's own frame, once the event loop has gone idle: at 16 ms the timer still fired
# inside any click that took longer than a frame (a click that turns the view), adding its
# ~2 ms of strokes to the slowest clicks.  Five frames later is still "at once" to the eye.
_THUMBS_AFTER_MS = 80


def _render_base(svg: str, width_px: int) -> QImage:
    """The view's superficial chart, faded, as an image (safe on a worker thread: no QPixmap).

    Read with ``QImageReader``, which releases the GIL while it renders; ``QSvgRenderer.render``
    held it ~45 ms per view, stalling every Python handler of the UI thread at start-up.  The
    chart is faded as one picture (before: shape by shape; overlaps differ by at most 14/255)."""
    reader = QImageReader(svg)
    reader.setScaledSize(QSize(width_px, THUMB_HEIGHT_PX))
    return _faded(reader.read())


def _faded(chart: QImage) -> QImage:
    """The chart at 55 % over white, as one picture."""
    image = QImage(chart.width(), chart.height(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setOpacity(0.55)
    painter.drawImage(0, 0, chart)
    painter.end()
    return image


def _thumb_width_px(width_mm: float, height_mm: float) -> int:
    """A view's thumbnail width at the strip's height, its proportions kept."""
    return max(1, round(THUMB_HEIGHT_PX * width_mm / height_mm))


def _render_and_post(token: int, view: str, svg: str, width_px: int) -> None:
    worker_post.post(token, (view, _render_base(svg, width_px)))


class ViewStrip(QWidget):
    sig_view_chosen = Signal(str)
    """The user clicked this view's thumbnail."""

    def __init__(self, views: dict[str, tuple[str, float, float]], parent: QWidget | None = None,
                 pictures: AtlasPictures | None = None) -> None:
        """views: name -> (title, width mm, height mm), in display order.  ``pictures``: the map's
        pictures (atlas_pictures.py), from which the backgrounds are scaled down as they arrive (the
        map renders every view's superficial chart ahead); without, the strip renders its own."""
        super().__init__(parent)
        self._pictures = pictures
        if pictures is not None:
            pictures.sig_ready.connect(self._picture_ready)
        self.views = dict(views)
        self.buttons: dict[str, QToolButton] = {}
        self._bases: dict[str, QPixmap] = {}
        self._patterns: dict[str, PatternOnView] = {}
        self._group = QButtonGroup(self)
        # The five chart backgrounds are scaled down from the map's pictures as they arrive (the window
        # has them before it shows: start_up.py); a strip without pictures renders its own on a worker
        # when first shown (~6-27 ms each), titles showing until then.
        self._token = worker_post.new_token()  # the backgrounds rendered for this strip come back with it
        worker_post.relay().sig_posted.connect(self._base_rendered)
        self._rendering: set[str] = set()
        self._drawn: dict[str, tuple[int, PatternOnView | None]] = {}  # per view: its icon's background, pattern
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        for name, (title, width_mm, height_mm) in self.views.items():
            button = QToolButton(self)
            button.setObjectName(f"thumb_{name}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setText(title)
            button.setToolTip(f"Show the {title.lower()} view")
            button.clicked.connect(lambda _checked=False, view=name: self.sig_view_chosen.emit(view))
            self._hold_width(button, title, width_mm, height_mm)
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)
        # The thumbnails are drawn after the click's frame: the map and the card come first, and the
        # small pictures (~2-4 ms of strokes) follow (_THUMBS_AFTER_MS).  A zero timer ran inside the
        # same settle and painted the window a second time: no frame came sooner.
        self._redraw_soon = QTimer(self)
        self._redraw_soon.setSingleShot(True)
        self._redraw_soon.setInterval(_THUMBS_AFTER_MS)
        self._redraw_soon.timeout.connect(self._redraw)

    @staticmethod
    def _hold_width(button: QToolButton, title: str, width_mm: float, height_mm: float) -> None:
        """Give the button, from the start, its icon's size and the width its title takes with the
        pattern's mark (●).  Otherwise the mark coming and going on a click resized the buttons, the
        strip was laid out again and the window repainted the strip and what borders it."""
        button.setIconSize(QSize(_thumb_width_px(width_mm, height_mm), THUMB_HEIGHT_PX))
        button.setText(f"{title} ●")
        button.setMinimumWidth(button.sizeHint().width())
        button.setText(title)

    def set_current(self, view: str) -> None:
        if view in self.buttons:
            self.buttons[view].setChecked(True)

    def set_patterns(self, patterns: dict[str, PatternOnView]) -> None:
        """Draw this pattern on every thumbnail (an empty dict clears them)."""
        self._patterns = dict(patterns)
        for name, button in self.buttons.items():
            title = self.views[name][0]
            shown = name in self._patterns
            button.setText(f"{title} ●" if shown else title)
            button.setToolTip(f"Show the {title.lower()} view" + (" (part of the pattern is here)" if shown else ""))
        self._redraw_soon.start()

    def views_with_pattern(self) -> list[str]:
        return [v for v in self.views if v in self._patterns]

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._redraw()

    def _svg(self, view: str) -> str:
        return str(assets_dir() / f"{view}_superficial.svg")

    def _picture_ready(self, path: str) -> None:
        for view in self.views:
            if view not in self._bases and path == self._svg(view):
                self._redraw()
                return

    def _scaled_from_pictures(self, view: str, width_px: int) -> QPixmap | None:
        """The background scaled down from the map's picture of the chart (well under a millisecond;
        rendering the SVG again, even this small, takes 6-27 ms: its cost is the paths, not the
        pixels), or None while there is none."""
        found = self._pictures.any_of(self._svg(view)) if self._pictures is not None else None
        if found is None:
            return None
        chart = found[0].scaled(width_px, THUMB_HEIGHT_PX, Qt.AspectRatioMode.IgnoreAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
        return QPixmap.fromImage(_faded(chart))

    def _base(self, view: str) -> QPixmap:
        if view not in self._bases:
            _title, width, height = self.views[view]
            width_px = _thumb_width_px(width, height)
            scaled = self._scaled_from_pictures(view, width_px)
            if scaled is not None:
                self._bases[view] = scaled
                return scaled
            if self._pictures is None and view not in self._rendering:
                self._rendering.add(view)
                svg, token = self._svg(view), self._token
                QThreadPool.globalInstance().start(lambda: _render_and_post(token, view, svg, width_px))
            blank = QPixmap(width_px, THUMB_HEIGHT_PX)
            blank.fill(QColor("white"))
            return blank
        return self._bases[view]

    def _base_rendered(self, token: int, view_and_image: object) -> None:
        if token != self._token:
            return  # another window's strip, or another worker's post
        view, image = view_and_image
        self._bases[view] = QPixmap.fromImage(image)
        self._rendering.discard(view)
        self._redraw()

    def wait_for_thumbnails(self) -> None:
        """Tests and screenshots: block until every background is drawn (normally never needed)."""
        from PySide6.QtWidgets import QApplication

        if self._pictures is not None:
            self._pictures.wait_until_idle()
        while self._rendering:
            QThreadPool.globalInstance().waitForDone(50)
            QApplication.processEvents()
        if self._redraw_soon.isActive():
            self._redraw_soon.stop()
            self._redraw()

    def _redraw(self) -> None:
        if not self.isVisible():
            return  # drawn when first shown
        for name, button in self.buttons.items():
            base = self._base(name)
            pattern = self._patterns.get(name)
            # A thumbnail whose background and pattern are unchanged keeps its icon: a new selection
            # usually shows on two or three of the five views, and redrawing costs ~0.5 ms each.
            drawn = self._drawn.get(name)
            if drawn is not None and drawn[0] == base.cacheKey() and drawn[1] is pattern:
                continue
            self._drawn[name] = (base.cacheKey(), pattern)
            pixmap = QPixmap(base)
            if pattern is not None:
                _title, width, _height = self.views[name]
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.scale(pixmap.width() / width, pixmap.width() / width)
                outline = QPen(SPILLOVER_COLOR, 1.5)
                outline.setCosmetic(True)  # tiny zones stay visible at thumbnail scale
                painter.setPen(outline)
                painter.setBrush(spillover_brush())
                # The zones' vertices are ~1 mm apart, a tenth of a pixel here: a vertex every ~0.4 px is
                # the same picture and strokes several times faster.
                every = max(1, int(0.4 * width / pixmap.width()))
                painter.drawPath(to_painter_path(pattern.spillover, every))
                painter.setBrush(QBrush(ESSENTIAL_COLOR))
                painter.drawPath(to_painter_path(pattern.essential, every))
                dot = QPen(QColor(10, 10, 10), 4.0)
                dot.setCosmetic(True)
                painter.setPen(dot)
                for x, y, _label in pattern.markers:
                    painter.drawPoint(QRectF(x, y, 0, 0).topLeft())
                painter.end()
            button.setIcon(QIcon(pixmap))
            button.setIconSize(QSize(pixmap.width(), pixmap.height()))
