"""About box: what the app is for, its sources, the atlas licence and attribution, a disclaimer."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import __version__

DISCLAIMER = (
    "For education and for use by trained therapists. Trigger point referral patterns are typical, not "
    "certain; this program does not diagnose. Pain with red flags (see each condition) needs a physician."
)


def about_html(sources: list[tuple[str, str]], attribution: list[str]) -> str:
    src = "".join(f"<li>{escape(title)}</li>" for _id, title in sources)
    att = "".join(f"<li>{escape(a)}</li>" for a in attribution)
    return (
        f"<h2>Trigger Point Explorer {escape(__version__)}</h2>"
        "<p>Where does it hurt? Which trigger points refer pain there? A body map, a catalog of myofascial "
        "trigger points with their essential and spillover referral zones, and the conditions they relate to — "
        "for neuromuscular and massage therapists and their students.</p>"
        f"<p><b>Disclaimer.</b> {escape(DISCLAIMER)}</p>"
        "<h3>Clinical sources</h3><p>Descriptions are written in our own words; each record names its "
        f"source.</p><ul>{src}</ul>"
        "<h3>Body atlas</h3><p>The body outlines are projected from open 3D anatomy meshes and are "
        "distributed under CC BY-SA 4.0 (see <tt>assets/body_svgs/LICENSE</tt>).</p>"
        f"<ul>{att}</ul>"
        "<p>Program code: MIT licence.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, sources: list[tuple[str, str]], attribution: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Trigger Point Explorer")
        self.resize(640, 560)
        self.text = QTextBrowser(self)
        self.text.setHtml(about_html(sources, attribution))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
