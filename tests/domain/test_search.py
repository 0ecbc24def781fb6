from __future__ import annotations

import random

from app.domain.search import SearchEntry, SearchHit, SearchIndex, _words, word_score

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


def _reference_search(entries: list[SearchEntry], query: str, limit: int = 20) -> list[SearchHit]:
    """The rule written out word by word, entry by entry (what the vectorised index must match)."""
    terms = _words(query)
    best: dict[tuple[str, str], SearchHit] = {}
    for entry in entries:
        words = _words(entry.text)
        scores = [max((word_score(t, w) for w in words), default=0.0) for t in terms]
        if not terms or min(scores) == 0.0:
            continue
        value = round(entry.weight * sum(scores) / len(terms), 4)
        key = (entry.kind if entry.kind != "symptom" else "muscle", entry.target_id)
        if key not in best or value > best[key].score:
            best[key] = SearchHit(entry.kind, entry.target_id, entry.title,
                                  entry.text if entry.kind == "symptom" else "", value)
    return sorted(best.values(), key=lambda h: (-h.score, h.title))[:limit]


def _typo(word: str, rng: random.Random) -> str:
    """One slip of the finger: a letter dropped, doubled, swapped with the next or replaced."""
    if len(word) < 3:
        return word
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice("aeiorstnlm") + word[i + 1:]


def test_the_whole_catalog_answers_as_the_rule_says_for_typed_prefixes_and_typos() -> None:
    """Every prefix a person types on the way to a word, with and without slips, on the real index."""
    from app.services.catalog_service import CatalogService

    service = CatalogService.open()
    entries = service._search_entries()  # noqa: SLF001
    index = SearchIndex(entries)
    rng = random.Random(3)
    vocabulary = sorted({w for e in entries for w in _words(e.text)})
    queries = ["", "x", "zz", "tennis elbow", "jaw pain", "carpel tunel", "pain at night", "héadache"]
    for word in rng.sample(vocabulary, 40):
        typed = _typo(word, rng) if rng.random() < 0.6 else word
        queries += [typed[:n] for n in range(1, len(typed) + 1)]
    queries += [f"{_typo(a, rng)} {b[:4]}" for a, b in zip(rng.sample(vocabulary, 15), rng.sample(vocabulary, 15))]
    for query in queries:
        assert index.search(query, 12) == _reference_search(entries, query, 12), query
