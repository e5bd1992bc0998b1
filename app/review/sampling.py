"""The random draw of a spot-check: per department, repeatable from the recorded seed.

Pure functions. Each department gets its own generator seeded with the campaign's seed and
the department's name, so the draw of one department never depends on which other
departments are in the scope or in which order they are listed.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def draw(
    candidates: Mapping[str, Sequence[K]], per_department: int, seed: int
) -> dict[str, list[K]]:
    """Up to ``per_department`` keys from each department, in a stable order.

    The same candidates and seed always give the same draw; candidates are sorted first so
    that the order the rows were read in does not matter."""
    if per_department < 1:
        raise ValueError("per_department must be at least 1")
    drawn: dict[str, list[K]] = {}
    for department in sorted(candidates):
        pool = sorted(set(candidates[department]), key=repr)
        rng = random.Random(f"{seed}/{department}")
        chosen = rng.sample(pool, min(per_department, len(pool)))
        drawn[department] = sorted(chosen, key=repr)
    return drawn
