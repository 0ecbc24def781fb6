"""Which scored zones become candidates, in which order: one rule for every ranking path.

The lookup engine scores zones on one or more views ("parts"); the command line scores the
overlaps the compiler stored.  Both keep each (TrP, side)'s best zone and order the survivors
the same way, here, in numpy only (no geometry library: `tpx candidates` starts fast).
"""

from __future__ import annotations

import numpy as np


def best_per_key(scores: np.ndarray, keys: np.ndarray, part_of: np.ndarray, key_rank: np.ndarray,
                 limit: int | None = None) -> np.ndarray:
    """Indices of the rows kept, best first.

    Per key -- an int per (TrP, side) -- the row with the highest score wins; on equal scores the
    earlier part, then the earlier row.  The winners are ordered by score, then by ``key_rank[key]``
    (the rank of (trp id, side) in sorted order), and cut to ``limit``.
    """
    order = np.lexsort((part_of, -scores, keys))  # stable: equal rows keep their input order
    first = np.ones(order.size, dtype=bool)
    first[1:] = keys[order][1:] != keys[order][:-1]
    best = order[first]
    return best[np.lexsort((key_rank[keys[best]], -scores[best]))][:limit]
