"""Where a landmark hidden on a view lies on it: the view's projection of the model's 3D landmark.

The atlas builder projects each 3D landmark orthographically onto every view and keeps it only
where it can be seen (C7's spinous process, say, is behind the neck's own contour from the side).
A trigger point located from such a landmark then had no cross on that view, although its muscle
faces the viewer there: upper trapezius TrP1 from the side, the deltoid's and vastus lateralis'
TrPs on the lateral views.  The projection is recovered from the visible landmarks (an affine map
from 3D to the view's millimetres, exact to well under a millimetre here) and applied to the
hidden ones.  Pure numpy.
"""

from __future__ import annotations

import numpy as np

from app.domain.atlas import Atlas

# The fit must reproduce the visible landmarks this closely, or it is not the views' projection.
MAX_FIT_ERROR_MM = 0.5
_MIN_LANDMARKS = 6


def landmarks_with_hidden(atlas: Atlas, view: str) -> dict[str, tuple[float, float]]:
    """The view's landmarks, plus every hidden landmark projected onto it (visible ones unchanged).
    Only the visible ones when the atlas carries no 3D landmarks or the projection cannot be
    recovered from them."""
    visible = atlas.views[view].landmarks
    shared = [name for name in visible if name in atlas.landmarks3d]
    if len(shared) < _MIN_LANDMARKS:
        return dict(visible)
    model = np.array([[*atlas.landmarks3d[name], 1.0] for name in shared])
    screen = np.array([visible[name] for name in shared])
    projection, *_ = np.linalg.lstsq(model, screen, rcond=None)
    if np.abs(model @ projection - screen).max() > MAX_FIT_ERROR_MM:
        return dict(visible)
    out = dict(visible)
    for name, xyz in atlas.landmarks3d.items():
        if name not in out:
            x, y = np.array([*xyz, 1.0]) @ projection
            out[name] = (float(x), float(y))
    return out
