"""Typo-tolerant search over muscles, conditions and symptoms.

Each query word must match some word of an entry (prefix, or within a small edit distance);
entries score by how well and where they match (names beat symptom text).

A keystroke must be answered within a frame, so each query word is scored once against the
distinct words of the whole index (about 1,500), the edit distances all in one call to
rapidfuzz's optimal-string-alignment distance (Damerau-Levenshtein with adjacent
transpositions), and entries then take the best score of their words with one numpy reduction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def edit_limit(query: str) -> int:
    """Typos tolerated in a query word: none under 4 letters, one under 8, else two."""
    return 0 if len(query) < 4 else 1 if len(query) < 8 else 2


def word_score(query: str, word: str) -> float:
    """How well one indexed word answers one query word (0 = not at all)."""
    if word == query:
        return 1.0
    if word.startswith(query):
        return 0.9 if len(query) >= 3 else 0.6
    if len(query) >= 5 and word.startswith(query[:-1]):
        return 0.6  # same stem: "dizzy" ~ "dizziness"
    limit = edit_limit(query)
    if limit:
        distance = OSA.distance(query, word[: len(query) + limit], score_cutoff=limit)
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
        words_of = [_words(e.text) for e in entries]
        vocabulary = sorted({w for words in words_of for w in words})
        position = {w: i for i, w in enumerate(vocabulary)}
        self._entries = [e for e, words in zip(entries, words_of) if words]
        self._vocabulary = vocabulary
        # Each entry's words as indices into the vocabulary, flattened; an entry's slice starts at _starts.
        self._word_ids = np.array([position[w] for words in words_of if words for w in words], dtype=np.int64)
        counts = np.array([len(words) for words in words_of if words], dtype=np.int64)
        self._starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._term_scores = lru_cache(maxsize=256)(self._score_vocabulary)

    def _score_vocabulary(self, term: str) -> np.ndarray:
        """word_score(term, w) for every word w of the vocabulary, at once."""
        vocabulary = self._vocabulary
        scores = np.zeros(len(vocabulary))
        limit = edit_limit(term)
        if limit:
            keep = len(term) + limit
            distances = cdist([term], [w[:keep] for w in vocabulary], scorer=OSA.distance, score_cutoff=limit,
                              dtype=np.int32, workers=1)[0]
            close = distances <= limit
            scores[close] = 0.75 - 0.1 * distances[close]
        if len(term) >= 5:
            stem = term[:-1]
            scores[[i for i, w in enumerate(vocabulary) if w.startswith(stem)]] = 0.6
        prefix_score = 0.9 if len(term) >= 3 else 0.6
        scores[[i for i, w in enumerate(vocabulary) if w.startswith(term)]] = prefix_score
        exact = np.searchsorted(vocabulary, term)
        if exact < len(vocabulary) and vocabulary[exact] == term:
            scores[exact] = 1.0
        return scores

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        terms = _words(query)
        if not terms or not self._entries:
            return []
        total = np.zeros(len(self._entries))
        matched = np.ones(len(self._entries), dtype=bool)
        for term in terms:
            best = np.maximum.reduceat(self._term_scores(term)[self._word_ids], self._starts)
            matched &= best > 0
            total += best
        best_hits: dict[tuple[str, str], SearchHit] = {}
        for i in np.flatnonzero(matched):
            entry = self._entries[i]
            value = round(entry.weight * float(total[i]) / len(terms), 4)
            key = (entry.kind if entry.kind != "symptom" else "muscle", entry.target_id)
            detail = entry.text if entry.kind == "symptom" else ""
            if key not in best_hits or value > best_hits[key].score:
                best_hits[key] = SearchHit(entry.kind, entry.target_id, entry.title, detail, value)
        return sorted(best_hits.values(), key=lambda h: (-h.score, h.title))[:limit]
