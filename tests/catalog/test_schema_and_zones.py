from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from app.catalog.schema import MuscleSource, PointSpec
from app.catalog.zones import resolve_point
from app.domain.atlas import Atlas, ViewInfo

GOOD = {
    "id": "supinator", "name": "Supinator", "latin": "Musculus supinator", "region": "forearm_hand",
    "layer": "deep", "innervation": {"nerve": "Radial nerve, deep branch", "roots": ["C5", "C6"]},
    "actions": ["Supinates"], "attachments": {"origin": "Lateral epicondyle", "insertion": "Radius"},
    "source": {"ref": "tsm1", "chapter": "Supinator"},
    "trigger_points": [{
        "id": "supinator_trp1", "label": "Supinator TrP", "prevalence": "common",
        "location": {"text": "Just distal to the lateral epicondyle", "at": {"landmark": "lateral_epicondyle", "inferior": 25}},
        "essential": [{"area": "lateral_epicondyle"}], "spillover": [{"area": "dorsal_forearm"}],
        "symptoms": ["Elbow pain"], "treatment": {}, "source": {"ref": "tsm1", "chapter": "Supinator"},
    }],
}


def test_valid_muscle_parses() -> None:
    assert MuscleSource.model_validate(GOOD).trigger_points[0].id == "supinator_trp1"


@pytest.mark.parametrize("path", [("source",), ("trigger_points", 0, "source"), ("trigger_points", 0, "spillover"),
                                  ("trigger_points", 0, "essential")])
def test_records_without_source_or_zones_are_rejected(path: tuple) -> None:
    bad = copy.deepcopy(GOOD)
    target = bad
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    with pytest.raises(ValidationError):
        MuscleSource.model_validate(bad)


def test_typos_in_keys_are_rejected() -> None:
    bad = copy.deepcopy(GOOD)
    bad["trigger_points"][0]["symptomz"] = ["x"]
    with pytest.raises(ValidationError):
        MuscleSource.model_validate(bad)


def _atlas() -> Atlas:
    marks = {"lateral_epicondyle.right": (100.0, 500.0), "lateral_epicondyle.left": (300.0, 500.0), "c7_spinous": (200.0, 200.0)}
    views = {v: ViewInfo(v, 400, 1000, ("superficial",), dict(marks)) for v in ("anterior", "posterior", "right_lateral")}
    return Atlas(views=views)


def test_offsets_follow_anatomy_per_view_and_side() -> None:
    atlas = _atlas()
    spec = PointSpec(landmark="lateral_epicondyle", inferior=20, lateral=10, anterior=5)
    # anterior view: the patient's right is screen left, so lateral is -x; inferior is +y; anterior is depth.
    assert resolve_point(atlas, "anterior", "right", spec) == (90.0, 520.0)
    assert resolve_point(atlas, "anterior", "left", spec) == (310.0, 520.0)
    # posterior view: lateral on the right is +x.
    assert resolve_point(atlas, "posterior", "right", spec) == (110.0, 520.0)
    # lateral view: lateral is depth; anterior is +x on the right lateral view.
    assert resolve_point(atlas, "right_lateral", "right", spec) == (105.0, 520.0)


def test_between_and_missing_landmarks() -> None:
    atlas = _atlas()
    mid = PointSpec(between=("c7_spinous", "lateral_epicondyle"), t=0.5)
    assert resolve_point(atlas, "anterior", "right", mid) == (150.0, 350.0)
    assert resolve_point(atlas, "anterior", "right", PointSpec(landmark="acromion")) is None


def test_views_restrict_an_element() -> None:
    from shapely.geometry import box

    from app.catalog.schema import ZoneElement
    from app.catalog.zones import zone_geometry
    from app.domain.model import SkinArea

    atlas = _atlas()
    atlas.skin_areas = [SkinArea(v, "temple", "right", box(0, 0, 10, 10)) for v in atlas.views]
    element = ZoneElement.model_validate({"disk": {"at": "lateral_epicondyle", "r": 10}, "views": ["anterior"]})
    assert not zone_geometry(atlas, "anterior", "right", [element]).is_empty
    assert zone_geometry(atlas, "posterior", "right", [element]).is_empty
    assert not zone_geometry(atlas, "posterior", "right", [ZoneElement(area="temple")]).is_empty
