from __future__ import annotations

from app.domain.search import SearchEntry, SearchIndex

INDEX = SearchIndex([
    SearchEntry("muscle", "trapezius", "Trapezius", "Trapezius", 1.0),
    SearchEntry("muscle", "sternocleidomastoid", "Sternocleidomastoid", "Sternocleidomastoid", 1.0),
    SearchEntry("symptom", "sternocleidomastoid", "Sternocleidomastoid", "Dizziness when turning the head", 0.6),
    SearchEntry("condition", "carpal_tunnel_syndrome", "Carpal tunnel syndrome", "Carpal tunnel syndrome", 1.0),
])


def test_typos_and_prefixes_are_tolerated() -> None:
    assert INDEX.search("trapezuis")[0].target_id == "trapezius"
    assert INDEX.search("sterno")[0].target_id == "sternocleidomastoid"
    assert INDEX.search("carpel tunel")[0].target_id == "carpal_tunnel_syndrome"


def test_symptoms_lead_to_their_muscle() -> None:
    hit = INDEX.search("dizzy")[0]
    assert (hit.kind, hit.target_id) == ("symptom", "sternocleidomastoid")


def test_unrelated_query_finds_nothing() -> None:
    assert INDEX.search("xylophone") == []
    assert INDEX.search("   ") == []
