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

    Exactly one of ``document`` and ``error`` is set; ``warning`` says how a readable but
    malformed record was mended (a wrong Content-Length). ``source`` is ``FILE:RECORD`` where
    RECORD counts every WARC record of the file from 1 (the ``warcinfo`` record included),
    and ``offset`` is the record's first byte in the decompressed stream.
    """

    source: str
    offset: int
    document: Document | None = None
    error: str | None = None
    warning: str | None = None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.error is None):
            raise ValueError("a WarcItem holds either a document or an error, not both or none")
        if self.warning is not None and self.document is None:
            raise ValueError("only a WarcItem with a document carries a warning")

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
    path: str | os.PathLike[str],
    *,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    errors: str = "strict",
) -> Iterator[WarcItem]:
    """Every ``conversion`` record of a WARC/WET file, as a document or as an error.

    Other record types (``warcinfo``, ``response``, ``request``...) are skipped; their
    numbers still count in ``source``. A file that does not exist or cannot be opened raises
    :class:`dechaff.InputError` at once; damage inside the file is reported as items.
    A record whose body exceeds ``max_record_bytes`` is skipped with an error item; a body
    that is not UTF-8 is an error item too, unless ``errors="replace"`` (U+FFFD in its place).

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
    return _read(name, compressed, max_record_bytes, errors)


def _read(
    name: str, compressed: bool, max_record_bytes: int, errors: str
) -> Iterator[WarcItem]:
    stream: _Stream
    try:
        stream = gzip.open(name, "rb") if compressed else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        yield WarcItem(f"{name}:1", 0, error=f"{name}: cannot open ({exc})")
        return
    try:
        yield from _Records(name, stream, compressed, max_record_bytes, errors)
    finally:
        stream.close()


class _Stream(Protocol):
    def read(self, size: int, /) -> bytes: ...
    def readline(self, size: int, /) -> bytes: ...
    def close(self) -> None: ...


class _Cut(Exception):  # noqa: N818 (a control-flow signal, never raised to callers)
    """The data ended or broke: the reader reports it and stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Bytes:
    """A byte stream with an offset, bounded reads and push-back; stream errors become _Cut."""

    def __init__(self, name: str, stream: _Stream, compressed: bool) -> None:
        self.name = name
        self.stream = stream
        self.kind = "gzip stream" if compressed else "file"
        self.offset = 0
        self.pushed = b""
        self.record = 1

    def readline(self) -> bytes:
        """One line of at most _MAX_HEADER_LINE bytes (a longer one comes in pieces)."""
        if self.pushed:
            cut = self.pushed.find(b"\n", 0, _MAX_HEADER_LINE) + 1 or _MAX_HEADER_LINE
            line, self.pushed = self.pushed[:cut], self.pushed[cut:]
        else:
            line = self._guard(self.stream.readline, _MAX_HEADER_LINE)
        self.offset += len(line)
        return line

    def read(self, size: int, keep: bool) -> tuple[bytes, int]:
        """Up to ``size`` bytes (fewer at the end) and how many were read; dropped unless kept."""
        chunks = []
        done = 0
        if self.pushed:
            chunk, self.pushed = self.pushed[:size], self.pushed[size:]
            done = len(chunk)
            chunks.append(chunk)
        while done < size:
            chunk = self._guard(self.stream.read, min(size - done, _CHUNK))
            if not chunk:
                break
            done += len(chunk)
            if keep:
                chunks.append(chunk)
        self.offset += done
        return (b"".join(chunks) if keep else b""), done

    def unread(self, data: bytes) -> None:
        self.pushed = data + self.pushed
        self.offset -= len(data)

    def _guard(self, read: Callable[[int], bytes], size: int) -> bytes:
        try:
            return read(size)
        except _STREAM_ERRORS as exc:
            raise _Cut(
                f"{self.name}: the {self.kind} is damaged or cut off after byte "
                f"{self.offset + len(self.pushed)} of its data, in record {self.record} "
                f"({exc}); every record before it was read"
            ) from None


class _Records:
    """The records of one file, parsed one at a time."""

    def __init__(
        self, name: str, stream: _Stream, compressed: bool, limit: int, errors: str = "strict"
    ) -> None:
        self.name = name
        self.errors = errors
        self.data = _Bytes(name, stream, compressed)
        self.limit = limit
        self.number = 0
        # Whether the bytes after the last body ran past the limit (and were dropped).
        self.overflow = False

    def __iter__(self) -> Iterator[WarcItem]:
        while True:
            start = self.data.offset
            try:
                start, version = self._next_version_line()
                if version is None:
                    return
                self.number += 1
                self.data.record = self.number
                item = self._record(start, version)
            except _Cut as cut:
                yield WarcItem(self._source(), start, error=cut.message)
                return
            if item is not None:
                yield item

    def _source(self) -> str:
        return f"{self.name}:{max(self.number, 1)}"

    def _where(self, start: int) -> str:
        return f"{self.name}: record {self.number} at byte {start}"

    def _error(self, start: int, message: str) -> WarcItem:
        return WarcItem(self._source(), start, error=f"{self._where(start)} {message}")

    def _next_version_line(self) -> tuple[int, bytes | None]:
        """The offset and text of the next non-blank line (a ``WARC/1.0`` line if all is well)."""
        while True:
            start = self.data.offset
            line = self.data.readline()
            if not line:
                return start, None
            if line.strip():
                return start, line

    def _record(self, start: int, version: bytes) -> WarcItem | None:
        if len(version) < _MAX_HEADER_LINE and not version.endswith(b"\n"):
            raise self._cut_in_header(start)
        if not version.startswith(b"WARC/"):
            self._skip_to_next_record()
            return self._error(start, f"does not start with a 'WARC/1.0' line but with "
                               f"{_preview(version)}; skipped to the next record")
        headers, problem = self._headers(start)
        if problem is not None:
            self._skip_to_next_record()
            return self._error(start, f"{problem}; skipped to the next record")
        length_text = headers.get("content-length", "")
        if not length_text.isdigit():
            self._skip_to_next_record()
            return self._error(start, f"has no valid Content-Length ({length_text or 'none'}); "
                               "skipped to the next record")
        length = int(length_text)
        conversion = headers.get("warc-type", "") == "conversion"
        body_start = self.data.offset
        body, read = self.data.read(length, keep=length <= self.limit)
        if read < length:
            raise _Cut(f"{self._where(start)} is cut off: its Content-Length is {length} bytes "
                       f"but the {self.data.kind} ends after {read}; every record before it "
                       "was read")
        self.overflow = False
        body, warning = self._fix_length(body, length)
        if not conversion:
            return None
        if length > self.limit or self.overflow:
            return self._error(start, f"has more than max_record_bytes={self.limit} bytes; "
                               "skipped (raise the limit to read it)")
        try:
            text = body.decode("utf-8", self.errors)
        except UnicodeDecodeError as exc:
            return self._error(start, f"is not valid UTF-8 at byte {body_start + exc.start} "
                               f"({exc.reason}); skipped")
        source = f"{self.name}:{self.number}"
        if warning is not None:
            warning = f"{self._where(start)} {warning}"
        return WarcItem(source, start, document=_document(headers, text, source),
                        warning=warning)

    def _headers(self, start: int) -> tuple[dict[str, str], str | None]:
        """The header fields (lower-case names) up to the blank line, or what is wrong."""
        headers: dict[str, str] = {}
        last = ""
        for _ in range(_MAX_HEADER_LINES):
            line = self.data.readline()
            if len(line) < _MAX_HEADER_LINE and not line.endswith(b"\n"):
                raise self._cut_in_header(start)
            if not line.endswith(b"\n"):
                return headers, f"has a header line longer than {_MAX_HEADER_LINE} bytes"
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
        return headers, f"has more than {_MAX_HEADER_LINES} header lines"

    def _cut_in_header(self, start: int) -> _Cut:
        return _Cut(f"{self._where(start)} is cut off in its header; every record before it "
                    "was read")

    def _fix_length(self, body: bytes, length: int) -> tuple[bytes, str | None]:
        """The body, mended when its Content-Length is wrong, and a warning saying so.

        A well-formed body is followed by CRLF CRLF and the next ``WARC/1.0`` line (or the
        end of the file). Otherwise the Content-Length was too long (the body swallowed the
        separator or the start of the next record, which is pushed back) or too short (text
        follows the body: it is read up to the next record).
        """
        separator = self._blank_lines()
        line = self.data.readline()
        whole = body + separator + line
        if not line:
            end = None
        elif line.startswith(b"WARC/"):
            fine = len(separator) >= 4 or not whole.endswith(b"\r\n\r\n" + line)
            end = None if fine else len(whole) - len(line) - 4
        elif 0 <= (overrun := whole.find(b"\r\n\r\nWARC/1.")) < len(body):
            end = overrun
        elif line.startswith(b"WARC-") or (
            not line.endswith(b"\n") and b"WARC/1.0".startswith(line)
        ):
            # The next record lacks its version line, or the file stops inside it: the main
            # loop reports that record; this body is fine.
            end = None
        else:
            self.data.unread(separator + line)
            return self._read_on(body, length)
        if end is None:
            self.data.unread(separator + line)
            return body, None
        self.data.unread(whole[end + 4:])
        return body[:end], self._mended(length, end)

    def _read_on(self, body: bytes, length: int) -> tuple[bytes, str | None]:
        """The body followed by everything up to the next record (its Content-Length was short).

        Past max_record_bytes the bytes are dropped and ``overflow`` is set.
        """
        kept = [body]
        size = len(body)
        at_line_start = True
        while True:
            line = self.data.readline()
            if not line or (at_line_start and line.startswith(b"WARC/")):
                self.data.unread(line)
                break
            size += len(line)
            if size <= self.limit:
                kept.append(line)
            else:
                self.overflow = True
            at_line_start = line.endswith(b"\n")
        whole = b"".join(kept)
        if whole.endswith(b"\r\n\r\n"):
            whole = whole[:-4]
        return whole, self._mended(length, len(whole))

    def _blank_lines(self) -> bytes:
        lines: list[bytes] = []
        while True:
            line = self.data.readline()
            if line.strip() or not line:
                self.data.unread(line)
                return b"".join(lines)
            lines.append(line)

    @staticmethod
    def _mended(length: int, actual: int) -> str:
        return (f"has a Content-Length of {length} bytes but a body of {actual} bytes before "
                "the next record; read up to the next record")

    def _skip_to_next_record(self) -> None:
        """Drop lines up to the next one that starts a record (after a malformed header)."""
        at_line_start = True
        while True:
            line = self.data.readline()
            if not line:
                return
            if at_line_start and line.startswith(b"WARC/1."):
                self.data.unread(line)
                return
            at_line_start = line.endswith(b"\n")


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
