"""Attribution lines and the LICENSE file of the derived atlas assets (CC BY-SA 4.0)."""

from __future__ import annotations

import shutil
from pathlib import Path

ATTRIBUTION = (
    "BodyParts3D, © The Database Center for Life Science licensed under CC Attribution 4.0 International "
    "(BodyParts3D 4.0 meshes)",
    "BodyParts3D, © The Database Center for Life Science licensed under CC Attribution-Share Alike 2.1 Japan "
    "(BodyParts3D 3.0 meshes; decimation by Nikola Lukic, maximumroulette.com, CC BY-SA 2.1 JP)",
    "Z-Anatomy – The libre 3D atlas of anatomy – CC BY-SA 4.0 (Gauthier Kervyn, Marcin Zielinski, Lluís Vinent "
    "and contributors; based on BodyParts3D, DBCLS, CC BY-SA 2.1 JP)",
)

_LICENCE_TEXT = """Trigger Point Explorer body atlas (assets/body_svgs/)
=====================================================

The SVG drawings and atlas.json in this folder are adaptations of 3D anatomy meshes and are
licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence
(CC BY-SA 4.0).  Full legal code: LICENSES/CC-BY-SA-4.0.txt (this folder), also at
https://creativecommons.org/licenses/by-sa/4.0/legalcode

Attribution
-----------
{attribution}

Changes made
------------
* The meshes were converted to glTF binaries, put into one frame (metres, +Y up, +Z anterior),
  registered by rigid translations, split into left/right halves where merged, and mirrored
  (x -> -x) for some left-side structures, as documented by the mesh dataset.
* For this atlas they were projected orthographically onto five views (anterior, posterior,
  right lateral, left lateral, plantar), rasterised with a z-buffer at 0.5 mm per pixel, the
  front-most structure kept per pixel, small specks merged into their neighbours, and the
  result vectorised and simplified into one outline per structure and layer.  Deeper layers
  omit the structures drawn above them.  Small bones were grouped (e.g. carpals, ribs).
* The sternalis and scalenus minimus, absent from the meshes, were drawn schematically
  (data-authored="true").  The body outline is derived from the Z-Anatomy body surface and
  the union of all structures, smoothed (a contour of the blurred silhouette).
* The skin areas ({{view}}_skin.svg) were derived from the body surface and the bones by
  rules (data/atlas/skin_areas.yaml of the application) and their borders smoothed.

Licences of the sources
-----------------------
* BodyParts3D 4.0: CC BY 4.0 (current DBCLS licence page); originally CC BY-SA 2.1 JP.
* BodyParts3D 3.0: CC BY-SA 2.1 JP, https://creativecommons.org/licenses/by-sa/2.1/jp/
* Z-Anatomy: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/
CC BY-SA 2.1 JP allows adaptations to be released under a later version of the licence with
the same licence elements; this folder uses CC BY-SA 4.0.  The application code is not part of
this licence (see the project's own licence).
"""


def licence_text() -> str:
    return _LICENCE_TEXT.format(attribution="\n".join(f"* {line}" for line in ATTRIBUTION))


def write_licence(out_dir: Path, dataset_dir: Path | None) -> None:
    """LICENSE plus a copy of the CC BY-SA 4.0 legal code (from the dataset, when given)."""
    (out_dir / "LICENSE").write_text(licence_text(), encoding="utf-8")
    if dataset_dir is None:
        return
    for root in (dataset_dir, dataset_dir.parent):
        src = root / "LICENSES" / "CC-BY-SA-4.0.txt"
        if src.exists():
            (out_dir / "LICENSES").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out_dir / "LICENSES" / "CC-BY-SA-4.0.txt")
            return
