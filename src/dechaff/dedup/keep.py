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
    duplicates = decide_edges(edges, threshold)
    return [duplicates.get(document) for document in range(count)]


def decide_edges(
    edges: Iterable[tuple[int, int, float]], threshold: float
) -> dict[int, tuple[int, float]]:
    """The keep rule over documents numbered in input order (any integers, not necessarily
    dense): each duplicate mapped to ``(first kept match, similarity)``. A document that is
    in no edge, or in none that reaches ``threshold``, is kept and left out of the result,
    so the cost grows with the edges, not with the corpus.

    >>> decide_edges([(10, 70, 0.9), (70, 99, 0.85), (10, 99, 0.8), (5, 6, 0.5)], 0.8)
    {70: (10, 0.9), 99: (10, 0.8)}
    """
    later: dict[int, list[tuple[int, float]]] = {}
    for i, j, similarity in edges:
        if similarity >= threshold and i != j:
            first, second = min(i, j), max(i, j)
            later.setdefault(second, []).append((first, similarity))
    duplicates: dict[int, tuple[int, float]] = {}
    for document in sorted(later):
        matches = sorted(
            (first, similarity) for first, similarity in later[document]
            if first not in duplicates
        )
        if matches:
            duplicates[document] = matches[0]
    return duplicates


def follow_copies(
    copies: Iterable[tuple[int, int]], duplicates: dict[int, tuple[int, float]]
) -> dict[int, tuple[int, float]]:
    """The keep rule for documents whose shingle set equals that of an earlier document.

    ``copies`` are ``(copy, representative)``: the representative is the first document in
    input order with that set, and ``duplicates`` is the keep rule's answer for
    representatives (:func:`decide_edges`). A copy has every similarity its representative
    has, so its first kept match is the representative when that is kept (similarity 1.0), or
    the representative's own match otherwise; an engine can thus decide copies without
    comparing them with anything.

    >>> follow_copies([(5, 2), (7, 3)], {3: (1, 0.9)})
    {5: (2, 1.0), 7: (1, 0.9)}
    """
    return {
        copy: duplicates.get(representative, (representative, 1.0))
        for copy, representative in copies
    }
