"""Output split into shards of at most N records: ``NAME-00000.EXT``, ``NAME-00001.EXT``, ...

Each shard is an ordinary atomic output file: it appears under its name only when it is
complete, and a callback hears of it then (to record the run's progress for ``--resume``).

>>> names = ShardNames.of("out/clean.jsonl.zst")
>>> names.path(0), names.path(12)
('out/clean-00000.jsonl.zst', 'out/clean-00012.jsonl.zst')
>>> names.index_of("out/clean-00003.jsonl.zst"), names.index_of("out/clean.jsonl.zst")
(3, None)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .compression import split_compression
from .outcome import Outcome
from .outputs import Payload, PayloadKind, Sink, SinkContext, remove_temporaries

DIGITS = 5


@dataclass(frozen=True)
class ShardNames:
    """``stem-NNNNN.suffix``: ``stem`` is the output path without its extensions."""

    stem: str
    suffix: str

    @classmethod
    def of(cls, path: str) -> ShardNames:
        base, compression = split_compression(path)
        stem, extension = os.path.splitext(base)
        return cls(stem, extension + path[len(base):] if compression else extension)

    def path(self, index: int) -> str:
        return f"{self.stem}-{index:0{DIGITS}d}{self.suffix}"

    def index_of(self, path: str) -> int | None:
        """The shard number of ``path`` if it is one of these shards' names."""
        pattern = re.escape(self.stem) + rf"-(\d{{{DIGITS},}}){re.escape(self.suffix)}"
        found = re.fullmatch(pattern, path)
        return int(found.group(1)) if found else None


class Shard(NamedTuple):
    """A finished shard: its number, path, how many records and bytes it holds."""

    number: int
    path: str
    records: int
    size: int


class ShardedSink(SinkContext):
    """Kept documents spread over shards of ``shard_size`` records, opened by ``open_shard``.

    ``first`` is the number of the first shard to write (shards before it were written by an
    earlier, interrupted run). No record, no shard.
    """

    def __init__(
        self,
        names: ShardNames,
        shard_size: int,
        open_shard: Callable[[str], Sink],
        payload: PayloadKind,
        *,
        first: int = 0,
        on_shard: Callable[[Shard], None] | None = None,
    ) -> None:
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.names = names
        self.shard_size = shard_size
        self.open_shard = open_shard
        self.payload = payload
        self.index = first
        self.on_shard = on_shard
        self._current: Sink | None = None
        self._count = 0

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        if self._current is None:
            self._current = self.open_shard(self.names.path(self.index))
            self._count = 0
        self._current.write(outcome, payload)
        self._count += 1
        if self._count >= self.shard_size:
            self._finish()

    def _finish(self) -> None:
        assert self._current is not None
        current, self._current = self._current, None
        current.commit()
        path = self.names.path(self.index)
        shard = Shard(self.index, path, self._count, os.path.getsize(path))
        self.index += 1
        if self.on_shard is not None:
            self.on_shard(shard)

    def commit(self) -> None:
        if self._current is not None:
            self._finish()

    def abort(self) -> None:
        if self._current is not None:
            current, self._current = self._current, None
            current.abort()
        # An interrupt can fall while a shard is being opened, before it is ours to abort.
        remove_temporaries(self.names.path(self.index))
