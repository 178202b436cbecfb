"""Where a run is: how far reading has got through the input files, and a progress bar.

:class:`Position` is told which file is being read and asks it where it is, so that the
fraction done counts bytes on disk (compressed bytes for a compressed file). :class:`Progress`
draws one line on a terminal, at most a few times a second: documents, MB of text, rate,
percentage and time left.

>>> bar = Progress(io.StringIO(), Position(total=200), clock=iter([0.0, 10.0]).__next__)
>>> bar.position.finished = 50
>>> bar.line(documents=1234, bytes_in=20_000_000)
'1,234 documents, 20.0 MB, 2.0 MB/s, 25%, ETA 0:00:30'
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from typing import BinaryIO, TextIO

MB = 1_000_000


class Position:
    """Bytes of the input files read so far, out of ``total`` (None when unknown: stdin)."""

    def __init__(self, total: int | None = None) -> None:
        self.total = total
        self.finished = 0
        self._file: BinaryIO | None = None
        self._size = 0
        self._within: float | None = None

    @classmethod
    def of_paths(cls, paths: list[str]) -> Position:
        """A position over these files; the total is unknown if one of them is stdin."""
        total = 0
        for path in paths:
            if path == "-":
                return cls(None)
            total += _size(path)
        return cls(total)

    def reading(self, file: BinaryIO | None, path: str | None = None) -> None:
        """A new file is being read: ``file`` (the raw file, asked for its offset) or, when
        the reader opens it itself, only its ``path``."""
        self._file = file
        self._within = None
        if file is not None:
            try:
                self._size = os.fstat(file.fileno()).st_size
            except (OSError, ValueError, io.UnsupportedOperation):
                self._size = 0
        else:
            self._size = _size(path) if path is not None else 0

    def within(self, fraction: float) -> None:
        """How far into the current file reading is, for readers without a raw file."""
        self._within = fraction

    def done(self) -> None:
        """The current file is read to its end (or given up)."""
        self.finished += self._size
        self._file, self._size, self._within = None, 0, None

    def fraction(self) -> float | None:
        if not self.total:
            return None
        current = 0.0
        if self._within is not None:
            current = self._within * self._size
        elif self._file is not None:
            try:
                current = min(self._file.tell(), self._size)
            except (OSError, ValueError):
                current = 0.0
        return min(1.0, (self.finished + current) / self.total)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if os.path.isfile(path) else 0
    except OSError:
        return 0


class Progress:
    """A one-line progress bar on ``stream`` (a terminal), redrawn at most every ``interval``."""

    def __init__(
        self,
        stream: TextIO,
        position: Position,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 0.25,
        label: str = "",
    ) -> None:
        self.stream = stream
        self.label = label
        self.position = position
        self.clock = clock
        self.interval = interval
        self.started = clock()
        self._last = float("-inf")
        self._drawn = False

    def line(self, documents: int, bytes_in: int, done: float = 1.0) -> str:
        """The bar's text; ``done`` is the share of the records read so far that are done
        (reading runs ahead of cleaning by the batches in flight)."""
        now = self.clock()
        elapsed = max(now - self.started, 1e-9)
        parts = [f"{documents:,} documents", f"{bytes_in / MB:.1f} MB",
                 f"{bytes_in / MB / elapsed:.1f} MB/s"]
        fraction = self.position.fraction()
        if fraction is not None:
            fraction *= done
        if fraction is not None:
            parts.append(f"{fraction:.0%}")
            if fraction >= 0.01:  # before that, a guess at the time left is noise
                left = int(elapsed * (1 - fraction) / fraction)
                parts.append(f"ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}")
        return self.label + ", ".join(parts)

    def update(self, documents: int, bytes_in: int, done: float = 1.0) -> None:
        """Redraw, unless the last redraw was less than ``interval`` ago."""
        now = self.clock()
        if now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r" + self.line(documents, bytes_in, done) + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar (the summary line takes its place)."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
