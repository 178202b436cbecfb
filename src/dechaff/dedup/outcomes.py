"""Deduplication of cleaning outcomes, in the same pass as cleaning (what ``dechaff clean`` runs).

A kept outcome whose cleaned text repeats an earlier kept one becomes a ``duplicate`` that
names it; every other outcome passes unchanged, in order.

>>> from dechaff import Document
>>> from dechaff.outcome import outcome_of
>>> text = "The same story, syndicated to two sites with different chrome around it.\\n"
>>> outcomes = [outcome_of(Document("a", text)), outcome_of(Document("b", "Menu\\n" + text))]
>>> [(o.status, o.duplicate_of) for o in OutcomeDeduplicator(DedupConfig()).apply(outcomes)]
[('kept', None), ('duplicate', 'a')]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..errors import InputError
from ..outcome import Outcome
from ..sources import describe_os_error
from .config import DedupConfig
from .engine import Deduplicator


class OutcomeDeduplicator:
    """Near-duplicate removal after cleaning, in the same pass: a kept document that repeats
    an earlier kept one becomes a ``duplicate``. The engine starts with the second document
    read (one document alone has nothing to repeat), or at once when an index is given."""

    def __init__(self, config: DedupConfig, index: str | None = None) -> None:
        self.config = config
        self.index = index
        self.engine: Deduplicator | None = self._engine() if index is not None else None

    def _engine(self) -> Deduplicator:
        if self.index is not None:
            try:
                return Deduplicator.load(self.index, self.config)
            except OSError as error:
                raise InputError(describe_os_error(error, self.index)) from None
        return Deduplicator(self.config)

    def apply(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        items = iter(outcomes)
        head = list(itertools.islice(items, 2))
        if self.engine is None and len(head) < 2:
            yield from head
            return
        if self.engine is None:
            self.engine = self._engine()
        decided = self.engine.stream(
            itertools.chain(head, items),
            lambda outcome: outcome.text if outcome.status == "kept" else None,
            lambda outcome: outcome.id if outcome.id is not None else outcome.source,
        )
        for outcome, decision in decided:
            if decision is not None and decision.duplicate_of is not None:
                outcome = replace(
                    outcome, status="duplicate", duplicate_of=decision.duplicate_of,
                    similarity=decision.similarity,
                )
            yield outcome

    def save(self) -> None:
        """Save the index (atomically), when one was asked for."""
        if self.index is not None and self.engine is not None:
            try:
                self.engine.save(self.index)
            except OSError as error:
                raise InputError(describe_os_error(error, self.index)) from None
