"""Reading inputs: text, JSONL, Parquet and WARC/WET files, plain or compressed, directories
of them, and stdin.

Every record read becomes a :class:`~dechaff.Document` or a note that says where it came from
and what became of it (see :mod:`dechaff.records`): nothing is dropped silently. Files are
read as bytes and decoded as UTF-8 here, so newlines are never translated and removal offsets
refer to the exact text. Files are streamed: one line, one row group or one WARC record at a
time (a text file is one document and is read whole).

Readers are kept in :data:`READERS`, keyed by format name, and chosen by file suffix
(:func:`detect_format`); a new format is one reader function and a suffix or two. A reader
*scans* a file into raw items (:mod:`dechaff.records`), which :func:`read_inputs` parses;
the corpus driver parses them in worker processes instead.

>>> import io
>>> doc, bad = read_jsonl_stream(io.BytesIO(b'{"id": 7, "text": "Hi"}\\n[1]\\n'), "a.jsonl")
>>> doc.id, doc.text, doc.source
('7', 'Hi', 'a.jsonl:1')
>>> bad.error
'the record is an array, not a JSON object; write one object per line, e.g. ...'
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from .compression import DAMAGE, open_read, split_compression
from .errors import InputError, UsageError
from .progress import Position
from .records import (
    EmptyInput,
    Item,
    Notice,
    Parsed,
    Raw,
    RawLine,
    RawRecord,
    RawText,
    ReadOptions,
    Rejected,
    Unreadable,
    decode_utf8,
    describe_os_error,
    parse_jsonl_line,
    parse_raw,
)
from .warc import WARC_SUFFIXES, read_warc

__all__ = [
    "READERS",
    "STDIN",
    "EmptyInput",
    "Input",
    "InputPlan",
    "Item",
    "Notice",
    "ReadOptions",
    "Rejected",
    "Unreadable",
    "decode_utf8",
    "describe_os_error",
    "detect_format",
    "expand_inputs",
    "parse_jsonl_line",
    "read_input",
    "read_inputs",
    "read_jsonl_stream",
    "scan_inputs",
]

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One file to read (``path`` is ``-`` for stdin).

    ``name`` is the path relative to its input root, with ``/`` separators: the directory
    given on the command line (``root``), or the file's own directory when the file itself
    was given. It is a text document's id and its place in a tree of output files.
    """

    path: str
    name: str
    format: str
    root: str | None = None


@dataclass(frozen=True)
class InputPlan:
    """What the command line's INPUT arguments name, expanded before anything is read."""

    inputs: tuple[Input, ...]
    unreadable: tuple[Unreadable, ...] = ()
    # Directories given on the command line that hold no file of a supported format.
    empty_directories: tuple[str, ...] = ()
    directories: tuple[str, ...] = ()

    @property
    def rereadable(self) -> bool:
        """Whether every input can be read again (for a second pass, or to resume): stdin
        and named pipes cannot; a file that cannot be opened is read alike both times."""
        return all(source.path != STDIN and not _is_stream(source.path)
                   for source in self.inputs)


Reader = Callable[[Input, ReadOptions, Position], Iterator[Raw]]


# ---------------------------------------------------------------------------------------------
# Formats


def read_text(source: Input, options: ReadOptions, position: Position) -> Iterator[Raw]:
    """One document per text file; its id is the file's path relative to its input root."""
    location = f"{source.path}:1"
    with _open_input(source, position) as (stream, compression):
        try:
            data = stream.read()
        except DAMAGE as error:
            if compression is None:
                raise
            yield Rejected(location, _damage(compression, 1, 0, error), source.name)
            return
    yield RawText(location, source.name, data)


def read_jsonl(source: Input, options: ReadOptions, position: Position) -> Iterator[Raw]:
    """One raw record per line of a JSONL file, read line by line."""
    with _open_input(source, position) as (stream, compression):
        yield from scan_jsonl_stream(stream, source.path, compression)


def scan_jsonl_stream(
    stream: Iterable[bytes], name: str, compression: str | None = None
) -> Iterator[Raw]:
    """The lines of a binary stream as raw records; ``name`` is the file named in sources.

    Blank lines are skipped (they hold no record); a file with no record at all is one
    :class:`EmptyInput`. Damage in a compressed stream is one :class:`Rejected` at the line
    where it starts, after every line before it.
    """
    offset = 0
    number = 0
    records = 0
    try:
        for number, line in enumerate(stream, 1):
            start = offset
            offset += len(line)
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
                start += len(codecs.BOM_UTF8)
            if not line or line.isspace():
                continue
            records += 1
            yield RawLine(f"{name}:{number}", start, line)
    except DAMAGE as error:
        if compression is None:
            raise
        records += 1
        yield Rejected(f"{name}:{number + 1}", _damage(compression, number + 1, offset, error))
    if not records:
        yield EmptyInput(f"{name}:1", name)


def read_jsonl_stream(
    stream: Iterable[bytes], name: str, options: ReadOptions | None = None
) -> Iterator[Item]:
    """Documents (or rejected records) from the lines of a binary stream.

    The whole record is kept, in order, in the document's ``fields`` so that it can be
    written back with only its text replaced.
    """
    options = options or ReadOptions()
    for raw in scan_jsonl_stream(stream, name):
        item = parse_raw(raw, options)
        if isinstance(item, Item):
            yield item


def read_warc_file(source: Input, options: ReadOptions, position: Position) -> Iterator[Raw]:
    """The conversion records of a WARC/WET file as records with the same four fields:
    ``id`` (the WARC record id), ``url``, ``crawl_date`` and the text."""
    position.reading(None, source.path)
    count = 0
    named = f"{source.path}: "
    for item in read_warc(source.path, errors=options.errors):
        count += 1
        if item.document is None:
            error = item.error or "unreadable record"
            yield Rejected(item.source, error[len(named):] if error.startswith(named) else error)
            continue
        if item.warning is not None:
            yield Notice(item.source, item.warning)
        document = item.document
        record = {
            options.id_field: document.id,
            options.url_field: document.url,
            "crawl_date": document.fields.get("crawl_date", ""),
            options.text_field: document.text,
        }
        yield RawRecord(item.source, record)
    if not count:
        yield EmptyInput(f"{source.path}:1", source.path)
    position.done()


def read_parquet_file(source: Input, options: ReadOptions, position: Position) -> Iterator[Raw]:
    """The rows of a Parquet file, one row group at a time (the ``parquet`` extra)."""
    from .parquet import scan_parquet

    return scan_parquet(source.path, position)


READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "parquet": read_parquet_file,
    "warc": read_warc_file,
}
# File suffixes (after any compression suffix) and their formats.
SUFFIXES: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text", ".parquet": "parquet",
}
DEFAULT_FORMAT = "text"
# Formats whose files carry their own compression (or none): no outer suffix is taken off.
_SELF_CONTAINED = ("parquet", "warc")


def supported_format(path: str) -> str | None:
    """The format a file's suffix names, or None for a suffix dechaff does not read.

    >>> [supported_format(p) for p in ["a.jsonl.zst", "b.warc.wet.gz", "c.md", "d.TXT.gz"]]
    ['jsonl', 'warc', None, 'text']
    """
    lowered = path.lower()
    if lowered.endswith(WARC_SUFFIXES):
        return "warc"
    base, compression = split_compression(lowered)
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if base.endswith(suffix):
            found = SUFFIXES[suffix]
            return None if compression is not None and found in _SELF_CONTAINED else found
    return None


def detect_format(path: str, requested: str = "auto") -> str:
    """The reader for ``path``: ``requested`` unless it is ``auto``, else by suffix.

    >>> detect_format("corpus.ndjson"), detect_format("page.html"), detect_format("-")
    ('jsonl', 'text', 'text')
    """
    if requested != "auto":
        if requested not in READERS:
            raise UsageError(
                f"unknown input format {requested!r}: choose among auto, {', '.join(READERS)}"
            )
        return requested
    return supported_format(path) or DEFAULT_FORMAT


def compression_of(source: Input) -> str | None:
    """The compression a file is read through (none for stdin, Parquet and WARC)."""
    if source.path == STDIN or source.format in _SELF_CONTAINED:
        return None
    return split_compression(source.path)[1]


def _damage(compression: str, line: int, offset: int, error: BaseException) -> str:
    return (
        f"the {compression} stream is damaged or cut off at line {line}, after byte {offset} "
        f"of its data ({error or type(error).__name__}); every record before it was read"
    )


# ---------------------------------------------------------------------------------------------
# Opening and expanding inputs


class _Stdin:
    """stdin's binary stream, left open when the reader is done with it."""

    def __enter__(self) -> BinaryIO:
        return sys.stdin.buffer

    def __exit__(self, *exc_info: object) -> None:
        return None


def open_binary(path: str) -> BinaryIO | _Stdin:
    """A context manager for reading ``path`` (``-``: stdin) as bytes."""
    if path == STDIN:
        return _Stdin()
    return open(path, "rb")


@contextmanager
def _open_input(source: Input, position: Position) -> Iterator[tuple[BinaryIO, str | None]]:
    compression = compression_of(source)
    with open_binary(source.path) as raw:
        position.reading(raw if source.path != STDIN else None)
        stream = open_read(raw, compression, source.path)
        try:
            yield stream, compression
        finally:
            if stream is not raw:
                stream.close()
    position.done()


def expand_inputs(arguments: Sequence[str], input_format: str = "auto") -> InputPlan:
    """The files that the command line's INPUT arguments name, in order.

    A directory stands for its files of a supported format, recursively, sorted by path;
    ``-`` is stdin (text unless ``input_format`` says otherwise). Missing paths stay in the
    plan: opening them fails and names them.
    """
    if list(arguments).count(STDIN) > 1:
        raise UsageError("stdin ('-') can be read only once; name it once")
    inputs: list[Input] = []
    unreadable: list[Unreadable] = []
    empty: list[str] = []
    directories: list[str] = []
    for argument in arguments:
        if argument == STDIN:
            fmt = DEFAULT_FORMAT if input_format == "auto" else detect_format("", input_format)
            if fmt in _SELF_CONTAINED:
                raise UsageError(f"stdin cannot be read as {fmt}: name the file instead")
            inputs.append(Input(STDIN, STDIN, fmt))
        elif os.path.isdir(argument):
            directories.append(argument)
            found, errors = list_supported_files(argument)
            unreadable.extend(errors)
            if not found and not errors:
                empty.append(argument)
            inputs.extend(
                Input(os.path.join(argument, *name.split("/")), name, fmt, argument)
                for name, fmt in found
            )
        else:
            inputs.append(
                Input(argument, os.path.basename(argument), detect_format(argument, input_format))
            )
    return InputPlan(tuple(inputs), tuple(unreadable), tuple(empty), tuple(directories))


def list_supported_files(root: str) -> tuple[list[tuple[str, str]], list[Unreadable]]:
    """The files under ``root`` that dechaff reads, as (``/``-separated relative path,
    format), sorted by path. Symbolic links to directories are not followed (they could loop).
    """
    found: list[tuple[str, str]] = []
    errors: list[Unreadable] = []

    def failed(error: OSError) -> None:
        path = error.filename if isinstance(error.filename, str) else root
        errors.append(Unreadable(path, describe_os_error(error, path)))

    for directory, _, files in os.walk(root, onerror=failed):
        relative = os.path.relpath(directory, root)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        for file in files:
            fmt = supported_format(file)
            if fmt is not None and os.path.isfile(os.path.join(directory, file)):
                found.append(("/".join((*parts, file)), fmt))
    return sorted(found), errors


def _is_stream(path: str) -> bool:
    """Whether ``path`` is something read only once, as a named pipe or a terminal."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def scan_inputs(inputs: Iterable[Input], options: ReadOptions,
                position: Position | None = None) -> Iterator[Raw]:
    """The raw records of every input in order; an input that fails to open or read becomes
    an :class:`Unreadable` (after the records read before the failure) and the rest go on."""
    position = position or Position()
    for source in inputs:
        try:
            yield from READERS[source.format](source, options, position)
        except OSError as error:
            path = "stdin" if source.path == STDIN else source.path
            position.done()
            yield Unreadable(path, describe_os_error(error, path))
        except InputError as error:  # the WARC reader names the file itself
            position.done()
            yield Unreadable(source.path, str(error))


def read_input(source: Input, options: ReadOptions) -> Iterator[Parsed]:
    """The records of one input, parsed."""
    for raw in READERS[source.format](source, options, Position()):
        yield parse_raw(raw, options)


def read_inputs(inputs: Iterable[Input], options: ReadOptions) -> Iterator[Parsed]:
    """The parsed records of every input in order (see :func:`scan_inputs`)."""
    for raw in scan_inputs(inputs, options):
        yield parse_raw(raw, options)
