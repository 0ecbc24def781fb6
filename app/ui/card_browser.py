"""The information panel: a text browser that lays a card out only when it can be seen.

In "Where does it hurt?" the candidates tab is in front; selecting a candidate still publishes
its muscle's card, and laying that card out in the hidden panel cost several milliseconds of the
click.  The card is kept and laid out when the panel is shown (or when its text is read).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser


class CardBrowser(QTextBrowser):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pending: str | None = None
        # Cards are short or long: a scroll bar that came and went with each one was a widget shown or
        # hidden on every click, and Qt asks the X server where the pointer is each time (a round trip).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def show_html(self, html: str) -> None:
        """Show this page: at once if the panel can be seen, else when it is shown."""
        if self.isVisible():
            self.setHtml(html)
        else:
            self._pending = html

    def setHtml(self, html: str) -> None:  # noqa: N802
        self._pending = None  # whatever is set directly supersedes a page waiting to be laid out
        super().setHtml(html)

    def _flush(self) -> None:
        if self._pending is not None:
            self.setHtml(self._pending)

    def showEvent(self, event) -> None:  # noqa: N802
        self._flush()  # before the first paint
        super().showEvent(event)

    def rehearse(self, html: str) -> None:
        """Lay out and draw this page off the screen, once, leaving the panel as it is: the fonts and
        glyphs of a card are loaded before the window shows rather than on its first click."""
        shown = super().document()
        page = QTextDocument()
        page.setDefaultFont(self.font())
        page.setDefaultStyleSheet(shown.defaultStyleSheet())
        page.setDocumentMargin(shown.documentMargin())
        page.setHtml(html)
        page.setTextWidth(max(200, self.viewport().width()))
        image = QImage(round(page.textWidth()), min(round(page.size().height()), 1500),
                       QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        page.drawContents(painter)
        painter.end()

    # What the page says, read by tests, prints and the find bar: always the latest page.
    def toPlainText(self) -> str:  # noqa: N802
        self._flush()
        return super().toPlainText()

    def toHtml(self) -> str:  # noqa: N802
        self._flush()
        return super().toHtml()

    def document(self) -> QTextDocument:
        self._flush()
        return super().document()
