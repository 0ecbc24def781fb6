"""The fixed vocabulary shared by atlas, catalog and code (docs/catalog-format.md)."""

from __future__ import annotations

VIEWS: tuple[str, ...] = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")
SIDES: tuple[str, ...] = ("left", "right", "midline")
REGIONS: tuple[str, ...] = (
    "head_face", "neck", "shoulder", "arm", "forearm_hand", "chest_abdomen",
    "back", "pelvis_hip", "thigh", "leg", "foot",
)
REGION_NAMES: dict[str, str] = {
    "head_face": "Head and face", "neck": "Neck", "shoulder": "Shoulder girdle", "arm": "Upper arm",
    "forearm_hand": "Forearm and hand", "chest_abdomen": "Chest and abdomen", "back": "Back",
    "pelvis_hip": "Pelvis and hip", "thigh": "Thigh", "leg": "Leg", "foot": "Foot",
}
MUSCLE_LAYERS: tuple[str, ...] = ("superficial", "middle", "deep")
PREVALENCE_WEIGHT: dict[str, float] = {"very_common": 1.0, "common": 0.8, "occasional": 0.6, "rare": 0.4}
FACTORS: tuple[str, ...] = (
    "trigger_points", "ischemia", "nerve_entrapment", "postural_distortion",
    "biomechanical_dysfunction", "nutrition", "stress",
)
# What a trigger point refers, in words for cards and JSON; all but "pain" stay out of pain ranking.
PHENOMENA: dict[str, str] = {
    "pain": "pain",
    "pilomotor": "gooseflesh (a pilomotor response), not pain",
    "cardiac_arrhythmia": "disturbed heart rhythm (ectopic beats), not pain",
}
INFERRED_LABEL = "inferred — not in the Manual"
RELATIONS: tuple[str, ...] = ("refers", "mimics", "entraps", "perpetuates")

REQUIRED_SKIN_AREAS: tuple[str, ...] = (
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
EXTRA_SKIN_AREAS: tuple[str, ...] = ("groin", "coccyx", "axilla")
SKIN_AREAS: tuple[str, ...] = REQUIRED_SKIN_AREAS + EXTRA_SKIN_AREAS

PAIRED_LANDMARKS: tuple[str, ...] = (
    "mastoid_process", "tmj", "angle_of_mandible", "zygomatic_arch", "orbit", "acromion",
    "coracoid_process", "clavicle_mid", "sternoclavicular_joint", "scapula_superior_angle",
    "scapula_spine_root", "scapula_inferior_angle", "greater_tubercle", "deltoid_tuberosity",
    "lateral_epicondyle", "medial_epicondyle", "olecranon", "radial_head", "radial_styloid",
    "ulnar_styloid", "first_mcp", "middle_fingertip", "costal_margin", "rib12_tip", "iliac_crest",
    "asis", "psis", "pubic_tubercle", "ischial_tuberosity", "greater_trochanter", "patella",
    "tibial_tuberosity", "fibular_head", "lateral_malleolus", "medial_malleolus", "calcaneus",
    "first_metatarsal_head", "fifth_metatarsal_head", "fifth_metatarsal_base", "great_toe_tip",
)
MIDLINE_LANDMARKS: tuple[str, ...] = (
    "vertex", "nasion", "chin", "external_occipital_protuberance", "hyoid", "jugular_notch",
    "sternal_angle", "xiphoid", "umbilicus", "pubic_symphysis", "sacrum", "coccyx",
    *(f"c{i}_spinous" for i in range(2, 8)),
    *(f"t{i}_spinous" for i in range(1, 13)),
    *(f"l{i}_spinous" for i in range(1, 6)),
)

MUSCLES_BY_REGION: dict[str, tuple[str, ...]] = {
    "head_face": ("temporalis", "masseter", "medial_pterygoid", "lateral_pterygoid", "digastric",
                  "orbicularis_oculi", "zygomaticus_major", "platysma", "buccinator", "frontalis",
                  "occipitalis"),
    "neck": ("trapezius", "sternocleidomastoid", "splenius_capitis", "splenius_cervicis",
             "semispinalis_capitis", "semispinalis_cervicis", "rectus_capitis_posterior_major",
             "rectus_capitis_posterior_minor", "obliquus_capitis_superior", "obliquus_capitis_inferior",
             "omohyoid", "levator_scapulae", "scalenus_anterior", "scalenus_medius", "scalenus_posterior",
             "scalenus_minimus", "longus_colli"),
    "shoulder": ("supraspinatus", "infraspinatus", "teres_minor", "teres_major", "subscapularis",
                 "latissimus_dorsi", "rhomboid_major", "rhomboid_minor", "deltoid", "coracobrachialis"),
    "arm": ("biceps_brachii", "brachialis", "triceps_brachii", "anconeus"),
    "forearm_hand": ("brachioradialis", "extensor_carpi_radialis_longus", "extensor_carpi_radialis_brevis",
                     "extensor_carpi_ulnaris", "extensor_digitorum", "extensor_indicis",
                     "extensor_digiti_minimi", "supinator", "palmaris_longus", "flexor_carpi_radialis",
                     "flexor_carpi_ulnaris", "flexor_digitorum_superficialis", "flexor_digitorum_profundus",
                     "flexor_pollicis_longus", "pronator_teres", "pronator_quadratus", "adductor_pollicis",
                     "opponens_pollicis", "flexor_pollicis_brevis", "abductor_pollicis_brevis",
                     "dorsal_interossei_hand", "palmar_interossei_hand", "abductor_digiti_minimi_hand",
                     "lumbricals_hand"),
    "chest_abdomen": ("pectoralis_major", "pectoralis_minor", "subclavius", "sternalis", "serratus_anterior",
                      "intercostals", "diaphragm", "external_oblique", "internal_oblique",
                      "transversus_abdominis", "rectus_abdominis", "pyramidalis"),
    "back": ("serratus_posterior_superior", "serratus_posterior_inferior", "iliocostalis_thoracis",
             "iliocostalis_lumborum", "longissimus_thoracis", "multifidus", "rotatores", "quadratus_lumborum"),
    "pelvis_hip": ("psoas_major", "iliacus", "levator_ani", "coccygeus", "obturator_internus",
                   "bulbospongiosus", "ischiocavernosus", "sphincter_ani", "gluteus_maximus",
                   "gluteus_medius", "gluteus_minimus", "piriformis", "superior_gemellus",
                   "inferior_gemellus", "quadratus_femoris", "tensor_fasciae_latae"),
    "thigh": ("sartorius", "pectineus", "adductor_longus", "adductor_brevis", "adductor_magnus", "gracilis",
              "rectus_femoris", "vastus_medialis", "vastus_intermedius", "vastus_lateralis",
              "biceps_femoris", "semitendinosus", "semimembranosus"),
    "leg": ("popliteus", "gastrocnemius", "soleus", "plantaris", "tibialis_anterior", "tibialis_posterior",
            "peroneus_longus", "peroneus_brevis", "peroneus_tertius", "extensor_digitorum_longus",
            "extensor_hallucis_longus", "flexor_digitorum_longus", "flexor_hallucis_longus"),
    "foot": ("extensor_digitorum_brevis", "extensor_hallucis_brevis", "abductor_hallucis",
             "flexor_digitorum_brevis", "abductor_digiti_minimi_foot", "quadratus_plantae", "lumbricals_foot",
             "flexor_hallucis_brevis", "adductor_hallucis", "flexor_digiti_minimi_brevis_foot",
             "dorsal_interossei_foot", "plantar_interossei_foot"),
}
MUSCLE_IDS: frozenset[str] = frozenset(m for ms in MUSCLES_BY_REGION.values() for m in ms)


def landmark_key(name: str, side: str) -> str:
    """'acromion', 'right' -> 'acromion.right'; midline landmarks keep their bare name."""
    return name if name in MIDLINE_LANDMARKS else f"{name}.{side}"


def opposite(side: str) -> str:
    return {"left": "right", "right": "left"}.get(side, side)


# The limbs' skin areas (a zone element anchored on one limb is kept off the others; a nerve fit reads
# them to tell a limb-long, dermatomal shape).  Here, not in app/catalog/zones.py: importing that module
# loads the catalog schema (pydantic), which the windows need not.
FOREARM_HAND = frozenset({
    "lateral_epicondyle", "medial_epicondyle", "olecranon", "antecubital", "dorsal_forearm", "volar_forearm",
    "dorsal_wrist_hand", "thumb_radial_hand", "volar_wrist_palm", "dorsal_fingers", "volar_fingers",
})
LOWER_LIMB = frozenset({
    "lateral_thigh", "posterior_thigh", "anterior_thigh", "medial_thigh", "anterior_knee", "medial_knee",
    "lateral_knee", "posterior_knee", "anterior_leg", "lateral_leg", "calf", "anterior_ankle", "lateral_ankle",
    "medial_ankle", "heel", "dorsal_foot", "plantar_midfoot", "plantar_forefoot", "great_toe",
})
