"""An Anki card's picture shows the pattern on the body: the body's outline of the view the
pattern is best seen on (not only the zones floating on white), and the card's title."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from app.services.study_anki import export_anki


def test_a_cards_picture_draws_the_body_outline_of_its_view(study, tmp_path: Path) -> None:
    path, _count = export_anki(study, "all", tmp_path / "all.apkg")
    with zipfile.ZipFile(path) as package:
        media = json.loads(package.read("media"))
        pictures = {name: package.read(number).decode() for number, name in media.items()}
    for trp in ("trapezius_trp1", "supinator_trp1"):
        svg = pictures[f"tpx_{trp}.svg"]
        (body,) = re.findall(r'<path d="([^"]*)" fill="#f1e4da"', svg)
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", body)]
        xs, ys = numbers[0::2], numbers[1::2]
        outline = study.catalog.views[study.study.best_view(trp)].outline
        x0, y0, x1, y1 = outline.bounds
        # the drawn body spans the view's outline, within a millimetre of rounding
        assert abs(min(xs) - x0) < 1 and abs(max(xs) - x1) < 1 and abs(min(ys) - y0) < 1 and abs(max(ys) - y1) < 1
        assert study.study.trp_title(trp) in svg
