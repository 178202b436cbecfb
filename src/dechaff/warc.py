"""Streaming reader of Common Crawl WARC and WET files: one document per ``conversion`` record.

The reader holds one record in memory at a time: it parses the header lines, then reads
exactly ``Content-Length`` bytes. Gzip is detected from the file's first bytes, so a file
compressed as one stream and one compressed as one gzip member per record (as Common Crawl
publishes them) read the same way.

Damaged input never raises out of the iterator: a record that cannot be read becomes a
:class:`WarcItem` whose ``error`` names the file, the record number and the byte offset, and
the reader goes on with the next record where it can find one (after a malformed header or
a body that is not UTF-8) or stops (where the file or the gzip stream is cut off).
Offsets count bytes of the decompressed stream, which is what ``zcat FILE | tail -c +N``
shows.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from .document import Document
from .errors import InputError

# File names the reader is meant for (the content decides gzip or not, not the name).
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet",
                                  ".warc.wet.gz")

# Headers that become Document attributes rather than fields, or that only frame the record.
_FRAMING_HEADERS = frozenset({"warc-record-id", "warc-target-uri", "warc-type", "content-length"})
_GZIP_MAGIC = b"\x1f\x8b"
# Bounds that keep a damaged or hostile file from taking unbounded memory.
_MAX_HEADER_LINE = 64 * 1024
_MAX_HEADER_LINES = 512
_CHUNK = 1024 * 1024
DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024
# Everything a damaged file or gzip stream can raise while being read.
_STREAM_ERRORS = (EOFError, OSError, zlib.error)


@dataclass(frozen=True)
class WarcItem:
    """One conversion record of a WARC file, read or not.

    Exactly one of ``document`` and ``error`` is set. ``source`` is ``FILE:RECORD`` where
    RECORD counts every WARC record of the file from 1 (the ``warcinfo`` record included),
    and ``offset`` is the record's first byte in the decompressed stream.
    """

    source: str
    offset: int
    document: Document | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.error is None):
            raise ValueError("a WarcItem holds either a document or an error, not both or none")

    @property
    def ok(self) -> bool:
        return self.document is not None


def looks_like_warc(path: str | os.PathLike[str]) -> bool:
    """Whether a file name has one of the WARC/WET suffixes.

    >>> looks_like_warc("CC-MAIN-2014-10-excerpt.warc.wet.gz"), looks_like_warc("a.jsonl.gz")
    (True, False)
    """
    return os.fspath(path).lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: str | os.PathLike[str], *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[WarcItem]:
    """Every ``conversion`` record of a WARC/WET file, as a document or as an error.

    Other record types (``warcinfo``, ``response``, ``request``...) are skipped; their
    numbers still count in ``source``. A file that does not exist or cannot be opened raises
    :class:`dechaff.InputError` at once; damage inside the file is reported as items.
    A record whose body exceeds ``max_record_bytes`` is skipped with an error item.

    Each document has ``id`` = WARC-Record-ID, ``url`` = WARC-Target-URI, ``fields``
    ``crawl_date`` (WARC-Date) and the record's other headers in snake case
    (``warc_refers_to``, ``warc_identified_content_language``, ``content_type``...).
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as probe:
            compressed = probe.read(2) == _GZIP_MAGIC
    except OSError as exc:
        raise InputError(
            f"{name}: cannot open the WARC file ({exc.strerror or exc}): check the path"
        ) from None
    if max_record_bytes < 1:
        raise InputError(f"max_record_bytes must be positive (got {max_record_bytes})")
    return _read(name, compressed, max_record_bytes)


def _read(name: str, compressed: bool, max_record_bytes: int) -> Iterator[WarcItem]:
    stream: _Stream
    try:
        stream = gzip.open(name, "rb") if compressed else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        yield WarcItem(f"{name}:1", 0, error=f"{name}: cannot open ({exc})")
        return
    try:
        yield from _Records(name, stream, compressed, max_record_bytes)
    finally:
        stream.close()


class _Stream(Protocol):
    def read(self, size: int, /) -> bytes: ...
    def readline(self, size: int, /) -> bytes: ...
    def close(self) -> None: ...


class _Cut(Exception):  # noqa: N818 (a control-flow signal, not an error raised to callers)
    """The stream ended or broke: the reader reports it and stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Records:
    """The parsing state of one file: position, record number and a pushed-back line."""

    def __init__(self, name: str, stream: _Stream, compressed: bool, limit: int) -> None:
        self.name = name
        self.stream = stream
        self.kind = "gzip stream" if compressed else "file"
        self.limit = limit
        self.offset = 0
        self.number = 0
        self.pending: bytes | None = None

    def __iter__(self) -> Iterator[WarcItem]:
        while True:
            try:
                start, version = self._next_version_line()
            except _Cut as cut:
                yield self._item(self.offset, error=cut.message)
                return
            if version is None:
                return
            self.number += 1
            try:
                item = self._record(start, version)
            except _Cut as cut:
                yield self._item(start, error=cut.message)
                return
            if item is not None:
                yield item

    # -- reading -------------------------------------------------------------------------------

    def _readline(self) -> bytes:
        if self.pending is not None:
            line, self.pending = self.pending, None
        else:
            line = self._guard(self.stream.readline, _MAX_HEADER_LINE)
        self.offset += len(line)
        return line

    def _unread(self, line: bytes) -> None:
        self.pending = line
        self.offset -= len(line)

    def _read_exactly(self, size: int, keep: bool) -> bytes:
        """``size`` bytes (or fewer at the end of the data); dropped as read when not ``keep``."""
        chunks = []
        remaining = size
        while remaining:
            chunk = self._guard(self.stream.read, min(remaining, _CHUNK))
            if not chunk:
                break
            self.offset += len(chunk)
            remaining -= len(chunk)
            if keep:
                chunks.append(chunk)
        return b"".join(chunks)

    def _guard(self, read: Callable[[int], bytes], size: int) -> bytes:
        try:
            return read(size)
        except _STREAM_ERRORS as exc:
            raise _Cut(
                f"{self.name}: the {self.kind} is damaged or cut off after byte {self.offset} "
                f"of its data, while reading record {self.number or 1} ({exc}); "
                "every record before it was read"
            ) from None

    # -- parsing -------------------------------------------------------------------------------

    def _next_version_line(self) -> tuple[int, bytes | None]:
        """The offset and text of the next ``WARC/x.y`` line, skipping blank separator lines."""
        while True:
            start = self.offset
            line = self._readline()
            if not line:
                return start, None
            if line.strip():
                return start, line

    def _record(self, start: int, version: bytes) -> WarcItem | None:
        if not version.startswith(b"WARC/"):
            self._skip_to_next_record()
            return self._item(
                start,
                error=f"{self.name}: record {self.number} at byte {start}: expected a "
                f"'WARC/1.0' line, found {_preview(version)}; skipped to the next record",
            )
        headers, problem = self._headers(start)
        if problem is not None:
            return self._item(start, error=problem)
        length_text = headers.get("content-length", "")
        if not length_text.isdigit():
            self._skip_to_next_record()
            return self._item(
                start,
                error=f"{self.name}: record {self.number} at byte {start} has no valid "
                f"Content-Length ({length_text or 'missing'}); skipped to the next record",
            )
        length = int(length_text)
        wanted = headers.get("warc-type", "") == "conversion"
        too_big = length > self.limit
        body_start = self.offset
        body = self._read_exactly(length, keep=wanted and not too_big)
        read = self.offset - body_start
        if read < length:
            raise _Cut(
                f"{self.name}: record {self.number} at byte {start} is cut off: its "
                f"Content-Length is {length} bytes but the {self.kind} ends after {read}; "
                "every record before it was read"
            )
        if not wanted:
            return None
        if too_big:
            return self._item(
                start,
                error=f"{self.name}: record {self.number} at byte {start} has {length} bytes, "
                f"more than max_record_bytes={self.limit}; skipped (raise the limit to read it)",
            )
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._item(
                start,
                error=f"{self.name}: record {self.number} at byte {start} is not valid UTF-8 "
                f"(byte {body_start + exc.start}: {exc.reason}); skipped",
            )
        return self._item(start, document=_document(headers, text, self.source))

    def _headers(self, start: int) -> tuple[dict[str, str], str | None]:
        """The header fields (lower-case names) up to the blank line, or what went wrong."""
        headers: dict[str, str] = {}
        last = ""
        for _ in range(_MAX_HEADER_LINES):
            line = self._readline()
            if not line:
                raise _Cut(
                    f"{self.name}: record {self.number} at byte {start} is cut off in its "
                    f"header; every record before it was read"
                )
            if not line.endswith(b"\n"):
                self._skip_to_next_record()
                return headers, (
                    f"{self.name}: record {self.number} at byte {start} has a header line "
                    f"longer than {_MAX_HEADER_LINE} bytes; skipped to the next record"
                )
            text = line.decode("utf-8", errors="replace").rstrip("\r\n")
            if not text.strip():
                return headers, None
            if text[0] in " \t" and last:
                headers[last] += " " + text.strip()
                continue
            name, colon, value = text.partition(":")
            if colon:
                last = name.strip().lower()
                headers[last] = value.strip()
        self._skip_to_next_record()
        return headers, (
            f"{self.name}: record {self.number} at byte {start} has more than "
            f"{_MAX_HEADER_LINES} header lines; skipped to the next record"
        )

    def _skip_to_next_record(self) -> None:
        """Drop lines up to the next one that starts a record (used after a malformed header)."""
        while True:
            line = self._readline()
            if not line:
                return
            if line.startswith(b"WARC/1."):
                self._unread(line)
                return

    @property
    def source(self) -> str:
        return f"{self.name}:{self.number}"

    def _item(
        self, offset: int, document: Document | None = None, error: str | None = None
    ) -> WarcItem:
        return WarcItem(f"{self.name}:{max(self.number, 1)}", offset, document, error)


def _document(headers: dict[str, str], text: str, source: str) -> Document:
    fields: dict[str, str] = {"crawl_date": headers.get("warc-date", "")}
    for name, value in headers.items():
        if name not in _FRAMING_HEADERS and name != "warc-date":
            fields[name.replace("-", "_")] = value
    return Document(
        id=headers.get("warc-record-id", "") or source,
        text=text,
        url=headers.get("warc-target-uri") or None,
        source=source,
        fields=MappingProxyType(fields),
    )


def _preview(line: bytes) -> str:
    return repr(line[:40].decode("utf-8", errors="replace"))
