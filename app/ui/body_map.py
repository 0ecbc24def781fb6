"""The body map: a QGraphicsView over the atlas SVG of one view and layer, with overlays.

The widget knows only drawing: it reports where the pointer is and where the user clicked,
in the view's own units (mm), and draws what it is given (highlight, selection, referral
patterns, trigger point markers).  What lies under a point is the controller's business.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsView, QLabel

from app.ui.atlas_item import AtlasItem, fitted_size
from app.ui.atlas_pictures import shared_pictures
from app.ui.map_legend import MapLegend
from app.ui.map_markers import NumberBadge, place_badges

ESSENTIAL_COLOR = QColor(200, 20, 30, 190)
SPILLOVER_COLOR = QColor(200, 20, 30, 200)
HIGHLIGHT_COLOR = QColor(255, 200, 0, 90)
SELECTION_COLOR = QColor(20, 90, 200)
MARKED_COLOR = QColor(20, 90, 200, 80)
_CLICK_SLOP_PX = 5
# Combining Qt enum flags in Python costs about a millisecond the first time in each call site's
# frame (the enum machinery): made once.
_EXTEND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
_PRERENDER_DELAY_MS = 150  # a window being resized asks for the pictures once it rests
_PAN_STEP_PX = 60
_MARGIN_SCREENS = 1.5  # room around the body so zooming can keep any point under the pointer


def essential_brush() -> QBrush:
    return QBrush(ESSENTIAL_COLOR)


def spillover_brush() -> QBrush:
    brush = QBrush(SPILLOVER_COLOR, Qt.BrushStyle.Dense6Pattern)
    return brush


def cross_path(x: float, y: float, size: float = 9.0) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(x - size, y - size)
    path.lineTo(x + size, y + size)
    path.moveTo(x - size, y + size)
    path.lineTo(x + size, y - size)
    return path


class OverlayPathItem(QGraphicsPathItem):
    """A path drawn over the map with a cosmetic pen, whose bounds are its points' box.

    ``QGraphicsPathItem`` finds its bounds (for the scene's index and its update regions) and its
    hit shape by stroking the whole path with the pen, every time the path changes and on every
    mouse press over it: milliseconds for a referral pattern's thousands of points.  The map never
    hit-tests these items (clicks go through the catalog's lookup) and their pens are cosmetic, a
    pixel or two at any zoom, so the box of the path's points, widened by the pen, is enough."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds = QRectF()

    def setPath(self, path: QPainterPath) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().setPath(path)
        margin = max(self.pen().widthF(), 1.0) if self.pen().style() != Qt.PenStyle.NoPen else 0.0
        self._bounds = path.controlPointRect().adjusted(-margin, -margin, margin, margin)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.path()


class BodyMapView(QGraphicsView):
    sig_hovered = Signal(float, float)
    """The pointer is over this point (view units, mm)."""
    sig_left = Signal()
    """The pointer left the map."""
    sig_clicked = Signal(float, float)
    """A click (not a drag) at this point (view units, mm)."""
    sig_extended_click = Signal(float, float)
    """A Ctrl- or Shift-click (add to / remove from a selection) at this point (view units, mm)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 400)
        self._press_pos: QPointF | None = None
        self._base: AtlasItem | None = None
        self._skin: AtlasItem | None = None
        self.pictures = shared_pictures()
        self.pictures.sig_ready.connect(self._picture_ready)
        self._ahead: list[tuple[Path, float, float]] = []
        self._prerender_timer = QTimer(self)
        self._prerender_timer.setSingleShot(True)
        self._prerender_timer.setInterval(_PRERENDER_DELAY_MS)
        self._prerender_timer.timeout.connect(self._prerender)
        self._highlight = self._path_item(QPen(Qt.PenStyle.NoPen), QBrush(HIGHLIGHT_COLOR), 30)
        self._selection = self._path_item(QPen(SELECTION_COLOR, 1.6), QBrush(Qt.BrushStyle.NoBrush), 31)
        self._marked = self._path_item(QPen(SELECTION_COLOR, 2.0), QBrush(MARKED_COLOR), 19)  # under patterns
        # Side labels and legend float over the viewport at one screen size whatever the zoom.  They are
        # children of the view, not of the viewport: scrolling moves the viewport's children.
        self.side_labels = (self._overlay_label(), self._overlay_label())
        self.legend = MapLegend(self)
        self.legend.hide()
        self._legend_used = False
        self._pattern_items: list[QGraphicsItem] = []
        self._labels: list[QGraphicsItem] = []
        self._scene_rect = QRectF()
        self._fitted = True  # until the user zooms, the body is kept fitted to the window
        self._press_modifiers = Qt.KeyboardModifier.NoModifier
        self.tool = None  # painting tools (records) take over mouse input when set
        self.base_opacity = 1.0  # the client screen fades the chart so painted pain stands out

    def _path_item(self, pen: QPen, brush: QBrush, z: float) -> QGraphicsPathItem:
        item = OverlayPathItem()
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setBrush(brush)
        item.setZValue(z)
        self.scene().addItem(item)
        return item

    def _overlay_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("side_label")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(4, 1, 4, 1)
        label.setAutoFillBackground(True)  # the palette's window colour: follows light and dark themes
        label.hide()
        return label

    def _place_overlays(self) -> None:
        left, right = self.side_labels
        for label in self.side_labels:
            label.adjustSize()
        area = self.viewport().geometry()
        left.move(area.left() + 6, area.top() + 6)
        right.move(area.right() - right.width() - 6, area.top() + 6)
        self.legend.move(area.left() + 6, area.bottom() - self.legend.height() - 6)
        for widget in (left, right, self.legend):
            widget.raise_()

    # Content ------------------------------------------------------------------------------
    def _atlas_item(self, svg_file: Path, z: float, opacity: float = 1.0) -> AtlasItem:
        # Drawn from pictures rendered on a worker at the map's scale (app/ui/atlas_pictures.py):
        # rasterising the SVG on the UI thread cost more than a frame whenever the view changed.
        item = AtlasItem(svg_file, self._scene_rect, self.pictures)
        item.setZValue(z)
        item.setOpacity(opacity)
        self.scene().addItem(item)
        return item

    def show_atlas(self, base_svg: Path, skin_svg: Path | None, width: float, height: float,
                   side_labels: tuple[str, str] | None, keep_legend: bool = False) -> None:
        """Replace the picture: a view/layer SVG and optionally the skin-area overlay.
        ``keep_legend``: see ``clear_pattern``."""
        for item in (self._base, self._skin, *self._labels):
            if item is not None:
                self.scene().removeItem(item)
        self._labels = []
        self._scene_rect = QRectF(0, 0, width, height)
        self._base = self._atlas_item(base_svg, 0, self.base_opacity)
        self._skin = self._atlas_item(skin_svg, 10, 0.85) if skin_svg is not None and skin_svg.exists() else None
        for label, text in zip(self.side_labels, side_labels or ("", "")):
            label.setText(text)
            label.setVisible(bool(text))
        self._place_overlays()
        self._set_scene_margin()
        self.set_highlight(None)
        self.set_selection(None)
        self.set_marked(None)
        self.clear_pattern(keep_legend)

    def set_atlas_pictures(self, pictures: list[tuple[Path, float, float]]) -> None:
        """Every picture this map may show, (SVG file, width, height in mm): each is rendered ahead,
        on a worker, at the size it has when fitted, so turning to another view is a blit.  Again
        whenever the map's size settles after a change."""
        self._ahead = list(pictures)
        self._prerender_timer.start()

    def prerender_now(self) -> None:
        """Ask for the pictures ahead at once, at the map's present size (the window does before it
        first shows, when its layout has given the map its size)."""
        self._prerender_timer.stop()
        self._prerender()

    def _prerender(self) -> None:
        size = self.viewport().size()
        for svg_file, width, height in self._ahead:
            self.pictures.request(str(svg_file), fitted_size(size, width, height), superseding=False)

    def _picture_ready(self, path: str) -> None:
        for item in (self._base, self._skin):
            if item is not None and item.path == path:
                item.update()

    def set_highlight(self, path: QPainterPath | None) -> None:
        self._highlight.setPath(path or QPainterPath())

    def set_selection(self, path: QPainterPath | None) -> None:
        self._selection.setPath(path or QPainterPath())

    def set_marked(self, path: QPainterPath | None) -> None:
        """Chosen areas (several skin areas in Where does it hurt?): filled and outlined."""
        self._marked.setPath(path or QPainterPath())

    def side_label_texts(self) -> tuple[str, str]:
        left, right = self.side_labels
        return (left.text() if left.isVisible() else "", right.text() if right.isVisible() else "")

    def clear_pattern(self, keep_legend: bool = False) -> None:
        """Remove the pattern or zones.  ``keep_legend``: the caller draws again at once and then
        calls ``hide_unused_legend``; hiding the legend only to show it again costs a millisecond or
        two of widget work per click."""
        for item in self._pattern_items:
            self.scene().removeItem(item)
        self._pattern_items = []
        self._dim(False)
        self._legend_used = False
        if not keep_legend:
            self.legend.hide()

    def hide_unused_legend(self) -> None:
        """After ``clear_pattern(keep_legend=True)`` and a redraw: hide the legend unless it was shown again."""
        if not self._legend_used:
            self.legend.hide()

    def _dim(self, dimmed: bool) -> None:
        # Red zones on a red muscle chart are unreadable: fade the chart under a pattern.
        if self._base is not None:
            self._base.setOpacity(min(0.38, self.base_opacity) if dimmed else self.base_opacity)

    def show_pattern(self, essential: QPainterPath, spillover: QPainterPath,
                     markers: list[tuple[float, float]] | list[tuple[float, float, str]],
                     marker_color: QColor | None = None) -> None:
        """Draw a referral pattern: essential solid red, spillover stippled, TrPs as crosses, each
        numbered when the marker carries a label (the number of the TrP on the muscle's card)."""
        if not (essential.isEmpty() and spillover.isEmpty()):
            self._dim(True)
            self._legend_used = True
            self.legend.show_pattern_keys()
            self._place_overlays()
        spill = self._path_item(QPen(SPILLOVER_COLOR, 1.0), spillover_brush(), 20)
        spill.setPath(spillover)
        ess = self._path_item(QPen(Qt.PenStyle.NoPen), essential_brush(), 21)
        ess.setPath(essential)
        self._pattern_items += [spill, ess]
        for marker in markers:
            x, y = marker[0], marker[1]
            halo = self._path_item(QPen(QColor(255, 255, 255, 230), 6.0), QBrush(Qt.BrushStyle.NoBrush), 40)
            halo.setPath(cross_path(x, y))
            cross = self._path_item(QPen(marker_color or QColor(10, 10, 10), 3.0), QBrush(Qt.BrushStyle.NoBrush), 41)
            cross.setPath(cross_path(x, y))
            self._pattern_items += [halo, cross]
            if len(marker) > 2 and marker[2]:
                badge = NumberBadge(str(marker[2]))
                badge.setPos(x, y)
                badge.setZValue(42)
                self.scene().addItem(badge)
                self._pattern_items.append(badge)
        self._layout_badges()

    def _layout_badges(self) -> None:
        """Badges keep one screen size whatever the zoom, so which side of its cross each one takes is
        decided on the screen, again after every zoom."""
        badges = [item for item in self._pattern_items if isinstance(item, NumberBadge)]
        if not badges:
            return
        anchors = [self.mapFromScene(badge.pos()) for badge in badges]
        places = place_badges([(a.x(), a.y()) for a in anchors], [badge.width for badge in badges])
        for badge, where in zip(badges, places):
            badge.place(where)

    def show_zones(self, zones: list[tuple[str, QPainterPath, QColor]]) -> None:
        """Several named shapes in their own colours (a condition's muscles, most relevant first: drawn on
        top), with a legend naming them in that order."""
        self._dim(bool(zones))
        for i, (_name, path, color) in enumerate(zones):
            item = self._path_item(QPen(color.darker(140), 1.0), QBrush(color), 21 + 0.01 * (len(zones) - i))
            item.setPath(path)
            self._pattern_items.append(item)
        self._legend_used = True
        self.legend.show_named_keys([(name, color) for name, _path, color in zones])
        self._place_overlays()

    def essential_path(self) -> QPainterPath:
        """The essential zones now drawn (empty when none): what a test or a print reads back."""
        path = QPainterPath()
        for item in self._pattern_items:
            if isinstance(item, QGraphicsPathItem) and 21 <= item.zValue() < 22:
                path.addPath(item.path())
        return path

    def pattern_item_count(self) -> int:
        return len(self._pattern_items)

    # Zoom and pan ---------------------------------------------------------------------------
    def _set_scene_margin(self) -> None:
        """A scene far larger than the body: the view can always scroll so that a zoom keeps the
        point under the pointer where it is, even at the edge of the body."""
        if self._scene_rect.isEmpty():
            return
        w, h = self._scene_rect.width() * _MARGIN_SCREENS, self._scene_rect.height() * _MARGIN_SCREENS
        self.scene().setSceneRect(self._scene_rect.adjusted(-w, -h, w, h))

    def fit(self) -> None:
        """Show the whole body; the map then keeps fitting itself as the window resizes."""
        self._fitted = True
        if not self._scene_rect.isEmpty():
            self.fitInView(self._scene_rect, Qt.AspectRatioMode.KeepAspectRatio)
            self._layout_badges()

    def focus_on(self, rect: QRectF, margin: float = 90.0) -> None:
        """Zoom to a part of the body (with some context around it), never closer than life size."""
        area = rect.adjusted(-margin, -margin, margin, margin).intersected(self._scene_rect)
        if area.isEmpty():
            return
        self.fitInView(area, Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = False
        self._layout_badges()

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Scale by ``factor`` keeping the scene point under ``anchor`` (viewport pixels; default
        the centre) where it is on the screen."""
        current = self.transform().m11()
        if not 0.05 < current * factor < 60:
            return
        pixel = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        before = self.mapToScene(pixel.toPoint())
        self._fitted = False
        self.scale(factor, factor)
        after = self.mapToScene(pixel.toPoint())
        self.translate(after.x() - before.x(), after.y() - before.y())
        self._layout_badges()

    def pan(self, dx_px: int, dy_px: int) -> None:
        self._fitted = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx_px)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy_px)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.2 ** steps, event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        moves = {Qt.Key.Key_Left: (-_PAN_STEP_PX, 0), Qt.Key.Key_Right: (_PAN_STEP_PX, 0),
                 Qt.Key.Key_Up: (0, -_PAN_STEP_PX), Qt.Key.Key_Down: (0, _PAN_STEP_PX)}
        if event.key() in moves and self.tool is None:
            self.pan(*moves[event.key()])
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_overlays()
        if self._ahead:
            self._prerender_timer.start()
        if self._fitted:
            self.fit()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._place_overlays()
        if self._fitted:
            self.fit()

    # Pointer ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.press(self.mapToScene(event.position().toPoint()), event)
            return
        self._press_pos = event.position()
        self._press_modifiers = event.modifiers()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        scene = self.mapToScene(event.position().toPoint())
        if self.tool is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.tool.move(scene, event)
            return
        super().mouseMoveEvent(event)
        self.sig_hovered.emit(scene.x(), scene.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.release(self.mapToScene(event.position().toPoint()), event)
            return
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if press is not None and event.button() == Qt.MouseButton.LeftButton:
            if (event.position() - press).manhattanLength() <= _CLICK_SLOP_PX:
                scene = self.mapToScene(event.position().toPoint())
                if self._press_modifiers & _EXTEND_MODIFIERS:
                    self.sig_extended_click.emit(scene.x(), scene.y())
                else:
                    self.sig_clicked.emit(scene.x(), scene.y())
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor if self.tool is None else Qt.CursorShape.CrossCursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.tool is not None and hasattr(self.tool, "finish"):
            self.tool.finish()
            return
        super().mouseDoubleClickEvent(event)

    def set_tool(self, tool) -> None:
        """A painting tool takes the left button; None gives back click and pan."""
        self.tool = tool
        self.setDragMode(QGraphicsView.DragMode.NoDrag if tool else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if tool else Qt.CursorShape.ArrowCursor)

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.sig_left.emit()
