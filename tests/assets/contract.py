"""The skin-area slugs and landmark names of docs/catalog-format.md, for the asset tests."""

from __future__ import annotations

VIEWS = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")
REQUIRED_SKIN_AREAS = (
    "vertex", "forehead", "temple", "occiput", "eye_eyebrow", "cheek", "ear_tmj", "jaw", "throat",
    "posterior_neck", "upper_thoracic_back", "mid_thoracic_back", "anterior_chest", "lateral_chest",
    "upper_abdomen", "lower_abdomen", "low_back", "sacrum_si", "buttock", "posterior_shoulder",
    "anterior_shoulder", "posterior_arm", "anterior_arm", "lateral_epicondyle", "medial_epicondyle",
    "olecranon", "antecubital", "dorsal_forearm", "volar_forearm", "dorsal_wrist_hand",
    "thumb_radial_hand", "volar_wrist_palm", "dorsal_fingers", "volar_fingers", "lateral_hip",
    "lateral_thigh", "posterior_thigh", "anterior_thigh", "medial_thigh", "anterior_knee",
    "medial_knee", "lateral_knee", "posterior_knee", "anterior_leg", "lateral_leg", "calf",
    "anterior_ankle", "lateral_ankle", "medial_ankle", "heel", "dorsal_foot", "plantar_midfoot",
    "plantar_forefoot", "great_toe",
)
EXTRA_SKIN_AREAS = ("groin", "coccyx", "axilla")
PAIRED_LANDMARKS = (
    "mastoid_process", "tmj", "angle_of_mandible", "zygomatic_arch", "orbit", "acromion",
    "coracoid_process", "clavicle_mid", "sternoclavicular_joint", "scapula_superior_angle",
    "scapula_spine_root", "scapula_inferior_angle", "greater_tubercle", "deltoid_tuberosity",
    "lateral_epicondyle", "medial_epicondyle", "olecranon", "radial_head", "radial_styloid",
    "ulnar_styloid", "first_mcp", "middle_fingertip", "costal_margin", "rib12_tip", "iliac_crest",
    "asis", "psis", "pubic_tubercle", "ischial_tuberosity", "greater_trochanter", "patella",
    "tibial_tuberosity", "fibular_head", "lateral_malleolus", "medial_malleolus", "calcaneus",
    "first_metatarsal_head", "fifth_metatarsal_head", "fifth_metatarsal_base", "great_toe_tip",
)
MIDLINE_LANDMARKS = (
    "vertex", "nasion", "chin", "external_occipital_protuberance", "hyoid", "jugular_notch",
    "sternal_angle", "xiphoid", "umbilicus", "pubic_symphysis", "sacrum", "coccyx",
    *(f"c{i}_spinous" for i in range(2, 8)),
    *(f"t{i}_spinous" for i in range(1, 13)),
    *(f"l{i}_spinous" for i in range(1, 6)),
)
