"""The near-duplicate step of a corpus run: decisions in input order, in this process.

Items that are not cleaned records (an unreadable input, a warning) pass through in their
place. The engine starts with the second record (one record alone has nothing to repeat),
or at once when an index is given or when an interrupted run is resumed (:meth:`replay`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from .errors import InputError
from .outcome import Outcome
from .outputs import Payload
from .records import Notice, Unreadable, describe_os_error

if TYPE_CHECKING:
    from .dedup import DedupConfig, Deduplicator


class Processed(NamedTuple):
    """A record's outcome and, for a kept one, what the sink writes for it."""

    outcome: Outcome
    payload: Payload


# What a corpus run hands on, item by item, in input order.
Step = Processed | Unreadable | Notice


class DedupStep:
    """Marks kept records that repeat an earlier kept one as ``duplicate``."""

    def __init__(self, config: DedupConfig, index: str | None = None) -> None:
        self.config = config
        self.index = index
        self.engine: Deduplicator | None = self._engine() if index is not None else None
        self._replay: Iterator[_Replayed] = iter(())

    def _engine(self) -> Deduplicator:
        from .dedup import Deduplicator

        if self.index is None:
            return Deduplicator(self.config)
        try:
            return Deduplicator.load(self.index, self.config)
        except OSError as error:
            raise InputError(describe_os_error(error, self.index)) from None

    def replay(self, decided: Iterable[tuple[str, str, bool]]) -> None:
        """Carry on from an interrupted run: the documents it decided, in order, as (id,
        cleaned text, whether it was a duplicate). They are decided again ahead of the next
        :meth:`apply`'s items, in the same stream, so that the engine's state (batches
        included) comes out as in an uninterrupted run; each decision must be the same."""
        if self.engine is None:
            self.engine = self._engine()
        self._replay = (_Replayed(*entry) for entry in decided)

    def apply(self, items: Iterable[Step]) -> Iterator[Step]:
        """Every item in order; a kept record that repeats an earlier one becomes a duplicate."""
        stream = iter(items)
        if self.engine is None:
            head: list[Step] = []
            records = 0
            for step in stream:
                head.append(step)
                records += isinstance(step, Processed)
                if records >= 2:
                    break
            if records < 2:
                yield from head
                return
            self.engine = self._engine()
            stream = itertools.chain(head, stream)
        replayed: Iterator[Step | _Replayed] = itertools.chain(self._replay, stream)
        for item, decision in self.engine.stream(replayed, _text, _name):
            if isinstance(item, _Replayed):
                if decision is None or (decision.duplicate_of is not None) != item.duplicate:
                    raise InputError(
                        f"cannot resume: {item.id} is decided otherwise than by the interrupted "
                        "run (did its outputs change?); rerun without --resume to start over"
                    )
                continue
            if decision is not None and decision.duplicate_of is not None:
                assert isinstance(item, Processed)
                outcome = replace(
                    item.outcome, status="duplicate", duplicate_of=decision.duplicate_of,
                    similarity=decision.similarity,
                )
                yield Processed(outcome, None)
            else:
                yield item

    def save(self) -> None:
        """Save the index (atomically), when one was asked for."""
        if self.index is not None and self.engine is not None:
            try:
                self.engine.save(self.index)
            except OSError as error:
                raise InputError(describe_os_error(error, self.index)) from None


class _Replayed(NamedTuple):
    id: str
    text: str
    duplicate: bool


def _text(item: Step | _Replayed) -> str | None:
    if isinstance(item, _Replayed):
        return item.text
    if isinstance(item, Processed) and item.outcome.status == "kept":
        return item.outcome.text
    return None


def _name(item: Step | _Replayed) -> str:
    if isinstance(item, _Replayed):
        return item.id
    assert isinstance(item, Processed)
    outcome = item.outcome
    return outcome.id if outcome.id is not None else outcome.source
