"""`tpx chart` as a teacher uses it: the file opens, has the promised size, and shows the pattern.

The audit found the chart test checked magic bytes only, so a blank white page passed.  Here the
PNG is decoded and its red essential-zone pixels counted (the essential zone is painted solid
red, 200/20/30 at 75 % over the faint atlas); the SVG must hold the red zone as a filled path;
the PDF is one landscape A4 page naming the muscle.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path




def _red_and_white(path: Path) -> tuple[int, int, int, int, tuple[int, int, int, int]]:
    """(width, height, red pixels, white pixels, bounding box of the red) of a PNG."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull()
    width, height = image.width(), image.height()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())  # BGRA per pixel
    red = white = 0
    x0 = y0 = 10**9
    x1 = y1 = -1
    stride = image.bytesPerLine()
    for y in range(0, height, 2):  # every other row and column: plenty for counting a zone
        row = data[y * stride:(y + 1) * stride]
        for x in range(0, width, 2):
            b, g, r = row[4 * x], row[4 * x + 1], row[4 * x + 2]
            if r > 170 and g < 110 and b < 110:
                red += 1
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            elif r > 245 and g > 245 and b > 245:
                white += 1
    return width, height, red * 4, white * 4, (x0, y0, x1, y1)


def test_the_png_chart_has_its_size_and_shows_the_essential_zone_in_red(cli, tmp_path: Path, qapp) -> None:
    out = tmp_path / "trapezius.png"
    code, stdout, err = cli("chart", "trapezius", "--out", str(out))
    assert (code, err) == (0, "") and stdout == f"wrote {out}\n"
    width, height, red, white, (x0, y0, x1, y1) = _red_and_white(out)
    assert (width, height) == (1600, 1100)
    # Trapezius TrP1 refers to the temple and the back of the neck: a solid patch, not a speck,
    # on a white page (the atlas is drawn faintly).
    assert red > 0.02 * width * height
    assert white > 0.3 * width * height
    assert x1 - x0 > 100 and y1 - y0 > 100


def test_a_muscle_with_a_different_pattern_draws_a_different_chart(cli, tmp_path: Path, qapp) -> None:
    trapezius, supinator = tmp_path / "t.png", tmp_path / "s.png"
    assert cli("chart", "trapezius", "--out", str(trapezius))[0] == 0
    assert cli("chart", "supinator", "--out", str(supinator))[0] == 0
    assert _red_and_white(trapezius)[4] != _red_and_white(supinator)[4]


def test_the_svg_chart_holds_the_red_zone_as_vector_paths(cli, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    assert cli("chart", "trapezius", "--out", str(out))[0] == 0
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert root.get("width", "").startswith("1600") or "1600" in root.get("viewBox", "")
    ns = "{http://www.w3.org/2000/svg}"
    title = root.find(f"{ns}title")
    assert title is not None and title.text == "Trapezius referral pattern"
    red_fills = [el for el in root.iter() if el.get("fill", "").lower() == "#c8141e"]
    assert any(el.tag == f"{ns}path" or any(c.tag == f"{ns}path" for c in el.iter()) for el in red_fills)
    assert "Trapezius" in out.read_text()


def test_the_pdf_chart_is_one_landscape_a4_page_naming_the_muscle(cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "chart.pdf"
    assert cli("chart", "supinator", "--out", str(out))[0] == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 842) < 2 and abs(float(box.height) - 595) < 2  # A4 landscape, points
    text = " ".join(reader.pages[0].extract_text().split())
    assert text.startswith("Supinator — referral pattern (client's right side)")
    assert "Trigger Point Manual Vol. 1" in text and "Educational use" in text


def test_a_chart_for_an_unknown_muscle_or_folder_writes_nothing(cli, tmp_path: Path) -> None:
    code, out, err = cli("chart", "nope", "--out", str(tmp_path / "x.png"))
    assert code == 1 and out == "" and err.strip().endswith("unknown muscle id 'nope'")
    code, out, err = cli("chart", "trapezius", "--out", str(tmp_path / "missing" / "x.png"))
    assert code == 1 and out == "" and "folder does not exist" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
