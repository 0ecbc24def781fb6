"""The search box: what a student types, with its typos, finds the muscle or condition meant.

Written against ``SearchIndex`` as the search box uses it, over a small index with entries
like the catalog's (names, synonyms, symptom sentences).
"""

from __future__ import annotations

import pytest

from app.domain.search import SearchEntry, SearchIndex

ENTRIES = [
    SearchEntry("muscle", "trapezius", "Trapezius", "Trapezius", 1.0),
    SearchEntry("muscle", "trapezius", "Trapezius", "Upper trapezius", 0.9),
    SearchEntry("muscle", "sternocleidomastoid", "Sternocleidomastoid", "Sternocleidomastoid", 1.0),
    SearchEntry("muscle", "sternocleidomastoid", "Sternocleidomastoid", "SCM", 0.9),
    SearchEntry("symptom", "sternocleidomastoid", "Sternocleidomastoid", "Dizziness when turning the head", 0.6),
    SearchEntry("muscle", "temporalis", "Temporalis", "Temporalis", 1.0),
    SearchEntry("symptom", "temporalis", "Temporalis", "Headache at the temple", 0.6),
    SearchEntry("symptom", "trapezius", "Trapezius", "Headache at the temple", 0.6),
    SearchEntry("condition", "tension_type_headache", "Tension-type headache", "Tension-type headache", 1.0),
    SearchEntry("condition", "tmd", "Temporomandibular disorder", "Temporomandibular disorder", 1.0),
    SearchEntry("muscle", "gluteus_medius", "Gluteus medius", "Gluteus medius", 1.0),
    SearchEntry("muscle", "gluteus_minimus", "Gluteus minimus", "Gluteus minimus", 1.0),
    SearchEntry("muscle", "serratus_anterior", "Serratus anterior", "Serratus anterior", 1.0),
    SearchEntry("muscle", "sartorius", "Sartorius", "Sartorius", 1.0),
    SearchEntry("muscle", "soleus", "Soleus", "Soleus", 1.0),
    SearchEntry("muscle", "rhomboid_major", "Rhomboid major", "Rhomboid major", 1.0),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(ENTRIES)


def _ids(hits) -> list[str]:
    return [h.target_id for h in hits]


def test_the_exact_name_comes_first_with_a_full_score(index: SearchIndex) -> None:
    hits = index.search("trapezius")
    assert _ids(hits)[0] == "trapezius" and hits[0].score == 1.0 and hits[0].kind == "muscle"
    assert hits[0].title == "Trapezius" and hits[0].detail == ""
    assert _ids(hits).count("trapezius") == 1  # its name, synonym and symptom make one row


def test_case_accents_and_punctuation_do_not_matter(index: SearchIndex) -> None:
    assert index.search("TRAPÉZIUS")[0].score == 1.0
    assert _ids(index.search("  tension-type  "))[0] == "tension_type_headache"
    assert index.search("") == [] and index.search("?!") == []


def test_a_prefix_finds_the_word_and_longer_prefixes_score_higher(index: SearchIndex) -> None:
    three = index.search("sol")
    assert _ids(three) == ["soleus"] and three[0].score == 0.9
    two = index.search("so")
    assert "soleus" in _ids(two) and max(h.score for h in two) == 0.6


@pytest.mark.parametrize("typo, meant", [
    ("trapezuis", "trapezius"),   # two letters swapped: one edit
    ("trapesius", "trapezius"),   # one letter wrong
    ("trapzius", "trapezius"),    # one letter missing
    ("sartoruis", "sartorius"),
    ("solues", "soleus"),         # six letters: one edit allowed
    ("rhombiod", "rhomboid_major"),
    ("temproalis", "temporalis"),
])
def test_common_typos_find_the_muscle(index: SearchIndex, typo: str, meant: str) -> None:
    hits = index.search(typo)
    assert hits and hits[0].target_id == meant
    assert 0.5 <= hits[0].score < 0.9  # ranked below a correct spelling would be


def test_typo_tolerance_grows_with_the_length_of_the_word(index: SearchIndex) -> None:
    assert index.search("sxleus") != []  # 6 letters, 1 edit
    assert index.search("sxlxus") == []  # 6 letters, 2 edits: too far
    assert _ids(index.search("trxpezxus")) == ["trapezius"]  # 9 letters, 2 edits
    assert index.search("trxpxzxus") == []  # 3 edits
    assert index.search("scm") and index.search("scn") == []  # 3 letters: no typo allowed
    assert index.search("smc") == []  # nor a swap
    assert _ids(index.search("solu")) == ["soleus"]  # 4 letters, 1 edit ("soleu")
    one, two = index.search("trapezxus")[0].score, index.search("trxpezxus")[0].score
    assert one == pytest.approx(0.65) and two == pytest.approx(0.55)


def test_a_shared_stem_finds_the_other_form(index: SearchIndex) -> None:
    hits = index.search("dizzy")
    assert _ids(hits) == ["sternocleidomastoid"]
    assert hits[0].kind == "symptom" and hits[0].detail == "Dizziness when turning the head"
    assert hits[0].score == pytest.approx(0.6 * 0.6)


def test_every_word_typed_must_match(index: SearchIndex) -> None:
    assert _ids(index.search("gluteus medius")) == ["gluteus_medius"]
    assert set(_ids(index.search("gluteus"))) == {"gluteus_medius", "gluteus_minimus"}
    assert index.search("gluteus sternocleidomastoid") == []


def test_names_beat_symptom_sentences(index: SearchIndex) -> None:
    hits = index.search("temporalis headache")
    assert hits == []  # no single entry holds both words
    headache = index.search("headache")
    assert _ids(headache)[0] == "tension_type_headache" and headache[0].score == 1.0
    symptom_rows = [h for h in headache if h.kind == "symptom"]
    assert {h.target_id for h in symptom_rows} == {"temporalis", "trapezius"}
    assert all(h.score == 0.6 and h.detail == "Headache at the temple" for h in symptom_rows)
    assert [h.title for h in symptom_rows] == ["Temporalis", "Trapezius"]  # equal scores: by title


def test_a_muscle_found_by_name_and_by_symptom_is_listed_once_with_its_best_match(index: SearchIndex) -> None:
    hits = index.search("temp")
    temporalis = [h for h in hits if h.target_id == "temporalis"]
    assert len(temporalis) == 1 and temporalis[0].kind == "muscle" and temporalis[0].score == 0.9
    trapezius = [h for h in hits if h.target_id == "trapezius"]
    assert len(trapezius) == 1 and trapezius[0].kind == "symptom"


def test_the_synonym_scores_below_the_name(index: SearchIndex) -> None:
    [scm] = index.search("scm")
    assert scm.target_id == "sternocleidomastoid" and scm.score == pytest.approx(0.9)
    upper = index.search("upper trapezius")
    assert upper[0].target_id == "trapezius" and upper[0].score == pytest.approx(0.9)


def test_limit_and_order(index: SearchIndex) -> None:
    every = index.search("s", limit=100)
    assert len(every) > 3
    assert [(-h.score, h.title) for h in every] == sorted((-h.score, h.title) for h in every)
    assert index.search("s", limit=2) == every[:2]
    assert len(index.search("s")) <= 20
