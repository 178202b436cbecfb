"""The keep rule: which document each document duplicates, from input order and verified edges.

Documents are decided in input order. A document is a duplicate of the first *kept* document
(in input order) whose verified similarity with it reaches the threshold; otherwise it is
kept. There is no chaining: A~B and B~C put A and C together only if A~C. The answer depends
on nothing but the order and the edges, so every engine that finds the same edges gives it.

>>> edges = [(0, 1, 0.9), (1, 2, 0.85), (0, 3, 0.8), (2, 3, 0.95)]
>>> keep_rule(4, edges, threshold=0.8)
[None, (0, 0.9), None, (0, 0.8)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Target = tuple[int, float] | None


@dataclass(frozen=True)
class Decision:
    """What deduplication decided for one document.

    ``position`` counts documents from 0 in the order they were given (in this run).
    A duplicate names the kept document it repeats (``duplicate_of``, an id, possibly of an
    earlier run) and their verified Jaccard ``similarity``.
    """

    position: int
    id: str
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def status(self) -> Literal["kept", "duplicate"]:
        return "kept" if self.duplicate_of is None else "duplicate"


def keep_rule(
    count: int, edges: Iterable[tuple[int, int, float]], threshold: float
) -> list[Target]:
    """For each of ``count`` documents, ``None`` (kept) or ``(first kept match, similarity)``.

    ``edges`` are verified pairs ``(i, j, similarity)`` in any order and orientation; pairs
    below ``threshold`` are ignored.
    """
    later: dict[int, list[tuple[int, float]]] = {}
    for i, j, similarity in edges:
        if similarity >= threshold and i != j:
            first, second = min(i, j), max(i, j)
            later.setdefault(second, []).append((first, similarity))
    targets: list[Target] = []
    for document in range(count):
        matches = sorted(
            (first, similarity) for first, similarity in later.get(document, ())
            if targets[first] is None
        )
        targets.append(matches[0] if matches else None)
    return targets
