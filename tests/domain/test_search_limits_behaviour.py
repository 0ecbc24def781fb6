"""The search box's edges: where typo tolerance steps up (7 vs 8 letters) and how many rows
a search shows when no limit is given."""

from __future__ import annotations

from app.domain.search import SearchEntry, SearchIndex, edit_limit

INDEX = SearchIndex([
    SearchEntry("muscle", "rhomboid_major", "Rhomboid major", "Rhomboid major", 1.0),
    SearchEntry("muscle", "gluteus_medius", "Gluteus medius", "Gluteus medius", 1.0),
    SearchEntry("muscle", "soleus", "Soleus", "Soleus", 1.0),
])


def test_a_word_of_eight_letters_forgives_two_typos_and_of_seven_only_one() -> None:
    assert [edit_limit(w) for w in ("abc", "abcd", "abcdefg", "abcdefgh")] == [0, 1, 1, 2]
    assert [h.target_id for h in INDEX.search("rhxmbxid")] == ["rhomboid_major"]  # 8 letters, 2 typos
    assert INDEX.search("rhxmbxxd") == []  # 8 letters, 3 typos
    assert [h.target_id for h in INDEX.search("glutxus")] == ["gluteus_medius"]  # 7 letters, 1 typo
    assert INDEX.search("glxtexs") == []  # 7 letters, 2 typos


def test_without_a_limit_a_search_shows_twenty_rows_best_first() -> None:
    entries = [SearchEntry("muscle", f"m{n:02d}", f"Muscle {n:02d}", f"Sample muscle {n:02d}", 1.0 - n / 100)
               for n in range(30)]
    index = SearchIndex(entries)
    hits = index.search("sample")
    assert len(hits) == 20
    assert [h.target_id for h in hits] == [f"m{n:02d}" for n in range(20)]
    assert len(index.search("sample", limit=30)) == 30
