"""Widespread Pain Index regions (ACR 2010, revised 2016) and which skin areas fall in each.

The 19 regions are the ACR's.  The slug mapping below is a clinical judgement kept as plain,
reviewable data: change it here (and its test) if a reviewer disagrees.  Skin areas not listed
(head and face apart from the jaw, wrists, hands, feet) count towards no region, as in the
ACR's list.  Knees and ankles count with the lower leg; elbows with the lower arm.
"""

from __future__ import annotations

PAIRED_REGIONS: tuple[str, ...] = (
    "jaw", "shoulder_girdle", "upper_arm", "lower_arm", "hip_buttock_trochanter", "upper_leg",
    "lower_leg",
)
AXIAL_REGIONS: tuple[str, ...] = ("neck", "upper_back", "lower_back", "chest", "abdomen")
WPI_REGIONS: tuple[str, ...] = tuple(
    [f"{r}_{side}" for r in PAIRED_REGIONS for side in ("left", "right")] + list(AXIAL_REGIONS))
assert len(WPI_REGIONS) == 19

REGION_NAMES: dict[str, str] = {
    "jaw": "Jaw", "shoulder_girdle": "Shoulder girdle", "upper_arm": "Upper arm",
    "lower_arm": "Lower arm", "hip_buttock_trochanter": "Hip (buttock, trochanter)",
    "upper_leg": "Upper leg", "lower_leg": "Lower leg", "neck": "Neck", "upper_back": "Upper back",
    "lower_back": "Lower back", "chest": "Chest", "abdomen": "Abdomen",
}

# skin-area slug -> region (without side).  Paired regions take the skin area's side.
SLUG_TO_REGION: dict[str, str] = {
    "jaw": "jaw", "ear_tmj": "jaw",
    "posterior_shoulder": "shoulder_girdle", "anterior_shoulder": "shoulder_girdle",
    "axilla": "shoulder_girdle",
    "posterior_arm": "upper_arm", "anterior_arm": "upper_arm",
    "lateral_epicondyle": "lower_arm", "medial_epicondyle": "lower_arm", "olecranon": "lower_arm",
    "antecubital": "lower_arm", "dorsal_forearm": "lower_arm", "volar_forearm": "lower_arm",
    "buttock": "hip_buttock_trochanter", "lateral_hip": "hip_buttock_trochanter",
    "groin": "hip_buttock_trochanter",
    "lateral_thigh": "upper_leg", "posterior_thigh": "upper_leg", "anterior_thigh": "upper_leg",
    "medial_thigh": "upper_leg",
    "anterior_knee": "lower_leg", "medial_knee": "lower_leg", "lateral_knee": "lower_leg",
    "posterior_knee": "lower_leg", "anterior_leg": "lower_leg", "lateral_leg": "lower_leg",
    "calf": "lower_leg", "anterior_ankle": "lower_leg", "lateral_ankle": "lower_leg",
    "medial_ankle": "lower_leg",
    "throat": "neck", "posterior_neck": "neck",
    "upper_thoracic_back": "upper_back", "mid_thoracic_back": "upper_back",
    "low_back": "lower_back", "sacrum_si": "lower_back", "coccyx": "lower_back",
    "anterior_chest": "chest", "lateral_chest": "chest",
    "upper_abdomen": "abdomen", "lower_abdomen": "abdomen",
}


def region_for(slug: str, side: str) -> str | None:
    """The WPI region of a skin area on the client's ``side``; None if it counts for none."""
    region = SLUG_TO_REGION.get(slug)
    if region is None or region in AXIAL_REGIONS:
        return region
    return f"{region}_{side}" if side in ("left", "right") else None


def region_title(region: str) -> str:
    for side in ("left", "right"):
        if region.endswith(f"_{side}"):
            return f"{REGION_NAMES[region[: -len(side) - 1]]}, {side}"
    return REGION_NAMES[region]
