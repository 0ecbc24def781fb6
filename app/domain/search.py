"""Typo-tolerant search over muscles, conditions and symptoms.

Each query word must match some word of an entry (prefix, or within a small edit distance);
entries score by how well and where they match (names beat symptom text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent transpositions), stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _word_score(query: str, word: str) -> float:
    if word == query:
        return 1.0
    if word.startswith(query):
        return 0.9 if len(query) >= 3 else 0.6
    common = len(_common_prefix(query, word))
    if len(query) >= 5 and common >= len(query) - 1:
        return 0.6  # same stem: "dizzy" ~ "dizziness"
    limit = 0 if len(query) < 4 else 1 if len(query) < 8 else 2
    if limit:
        distance = _edit_distance(query, word[: len(query) + limit] if len(word) > len(query) + limit else word, limit)
        if distance <= limit:
            return 0.75 - 0.1 * distance
    return 0.0


@dataclass(frozen=True)
class SearchEntry:
    kind: str  # muscle | condition | symptom
    target_id: str  # muscle or condition id
    title: str
    text: str  # what is matched
    weight: float  # names 1.0, synonyms 0.9, symptoms 0.6


@dataclass(frozen=True)
class SearchHit:
    kind: str
    target_id: str
    title: str
    detail: str
    score: float


class SearchIndex:
    def __init__(self, entries: list[SearchEntry]) -> None:
        self._entries = [(e, _words(e.text)) for e in entries]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        terms = _words(query)
        if not terms:
            return []
        best: dict[tuple[str, str], SearchHit] = {}
        for entry, words in self._entries:
            total = 0.0
            for term in terms:
                s = max((_word_score(term, w) for w in words), default=0.0)
                if s == 0.0:
                    break
                total += s
            else:
                value = round(entry.weight * total / len(terms), 4)
                key = (entry.kind if entry.kind != "symptom" else "muscle", entry.target_id)
                detail = entry.text if entry.kind == "symptom" else ""
                if key not in best or value > best[key].score:
                    best[key] = SearchHit(entry.kind, entry.target_id, entry.title, detail, value)
        return sorted(best.values(), key=lambda h: (-h.score, h.title))[:limit]
