"""Reading inputs into documents: text files, JSONL files, directories of text files, stdin.

Every record read becomes a :class:`~dechaff.Document` or a :class:`Rejected` that says where
it came from and why it could not be read: nothing is dropped silently. An input that cannot
be opened at all becomes an :class:`Unreadable`. Files are read as bytes and decoded as UTF-8
here, so newlines are never translated and removal offsets refer to the exact text.

Readers are kept in :data:`READERS`, keyed by format name, and chosen by file suffix
(:data:`SUFFIXES`); a new format is one reader function and one or two suffixes.

>>> import io
>>> doc, bad = read_jsonl_stream(io.BytesIO(b'{"id": 7, "text": "Hi"}\\n[1]\\n'), "a.jsonl")
>>> doc.id, doc.text, doc.source
('7', 'Hi', 'a.jsonl:1')
>>> bad.error
'the record is an array, not a JSON object; write one object per line, e.g. ...'
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, BinaryIO, Literal

from .document import Document
from .errors import InputError, UsageError

STDIN = "-"
# A lone surrogate can come from a JSON escape ("\ud800"); UTF-8 cannot encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    """How records are read: the JSONL field names, and what to do with invalid UTF-8."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    errors: Literal["strict", "replace"] = "strict"


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
class Rejected:
    """A record that could not be read: where it is (``FILE:LINE``), why, and its id if known."""

    source: str
    error: str
    id: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """An input path that could not be opened or listed (it holds no records we know of)."""

    path: str
    error: str


@dataclass(frozen=True)
class InputPlan:
    """What the command line's INPUT arguments name, expanded before anything is read."""

    inputs: tuple[Input, ...]
    unreadable: tuple[Unreadable, ...] = ()
    # Directories given on the command line that hold no ``*.txt`` file.
    empty_directories: tuple[str, ...] = ()
    directories: tuple[str, ...] = ()


Item = Document | Rejected
Reader = Callable[[Input, ReadOptions], Iterator[Item]]


def describe_os_error(error: OSError, path: str | None = None) -> str:
    """A one-line message for an I/O error that names the file.

    >>> describe_os_error(FileNotFoundError(2, "No such file or directory", "a.txt"))
    'a.txt: No such file or directory; check the path'
    """
    name = path if path is not None else error.filename
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError):
        advice = "check the path"
    elif isinstance(error, PermissionError):
        advice = "check its permissions"
    else:
        advice = "check the file and the disk"
    return f"{name}: {reason}; {advice}" if name is not None else f"{reason}; {advice}"


def decode_utf8(data: bytes, errors: str = "strict", offset: int = 0) -> str:
    """``data`` as text; :class:`InputError` for binary content or (``errors="strict"``)
    invalid UTF-8. ``offset`` is where ``data`` starts in its file, for the message.

    >>> decode_utf8(b"caf\\xc3\\xa9")
    'café'
    >>> decode_utf8(b"caf\\xe9", errors="replace")
    'caf\\ufffd'
    >>> decode_utf8(b"ab\\xe9", offset=10)
    Traceback (most recent call last):
    ...
    dechaff.errors.InputError: invalid UTF-8 at byte 12 (e9); re-encode it as UTF-8, or ...
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary content (a NUL byte at byte {offset + nul}); "
            "dechaff reads UTF-8 text: convert it to UTF-8 text or leave it out"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if errors == "replace":
            return data.decode("utf-8", "replace")
        bad = data[error.start:error.end].hex()
        raise InputError(
            f"invalid UTF-8 at byte {offset + error.start} ({bad}); re-encode it as UTF-8, "
            "or read it with --errors replace to keep it with U+FFFD"
        ) from None


# ---------------------------------------------------------------------------------------------
# Formats


def read_text(source: Input, options: ReadOptions) -> Iterator[Item]:
    """One document per text file; its id is the file's path relative to its input root."""
    with open_binary(source.path) as stream:
        data = stream.read()
    location = f"{source.path}:1"
    try:
        text = decode_utf8(data, options.errors)
    except InputError as error:
        yield Rejected(location, str(error), source.name)
        return
    yield Document(id=source.name, text=text, source=location)


def read_jsonl(source: Input, options: ReadOptions) -> Iterator[Item]:
    """One document per line of a JSONL file, read line by line."""
    with open_binary(source.path) as stream:
        yield from read_jsonl_stream(stream, source.path, options)


def read_jsonl_stream(
    stream: Iterable[bytes], name: str, options: ReadOptions | None = None
) -> Iterator[Item]:
    """Documents from the lines of a binary stream; ``name`` is the file named in sources.

    Blank lines are skipped (they hold no record). The whole record is kept, in order, in
    the document's ``fields`` so that it can be written back with only its text replaced.
    """
    options = options or ReadOptions()
    offset = 0
    for number, line in enumerate(stream, 1):
        start = offset
        offset += len(line)
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
            start += len(codecs.BOM_UTF8)
        if not line.strip():
            continue
        yield parse_jsonl_line(line.rstrip(b"\r\n"), f"{name}:{number}", options, start)


def parse_jsonl_line(line: bytes, location: str, options: ReadOptions, offset: int = 0) -> Item:
    """One JSONL record as a document, or why it is rejected."""
    try:
        value = json.loads(decode_utf8(line, options.errors, offset))
    except InputError as error:
        return Rejected(location, str(error))
    except json.JSONDecodeError as error:
        return Rejected(
            location, f"malformed JSON at column {error.colno}: {error.msg}; fix or remove the line"
        )
    if not isinstance(value, dict):
        return Rejected(
            location,
            f"the record is {_kind(value)}, not a JSON object; write one object per line, "
            'e.g. {"id": "1", "text": "..."}',
        )
    record: dict[str, Any] = value
    raw_id = record.get(options.id_field)
    if raw_id is None:
        # Records without an id are common; the location names them uniquely.
        record_id = location
    elif isinstance(raw_id, str):
        record_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        record_id = str(raw_id)
    else:
        return Rejected(
            location,
            f"the {options.id_field!r} field is {_kind(raw_id)}, not a string or an integer; "
            "fix it, or name another id field with --id-field",
        )
    text = record.get(options.text_field)
    problem = _text_problem(record, text, options)
    if problem is not None:
        return Rejected(location, problem, record_id)
    assert isinstance(text, str)
    if options.errors == "replace" and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        record[options.text_field] = text
    url = record.get(options.url_field)
    return Document(
        id=record_id,
        text=text,
        url=url if isinstance(url, str) else None,
        source=location,
        fields=MappingProxyType(record),
    )


def _text_problem(record: dict[str, Any], text: object, options: ReadOptions) -> str | None:
    field = options.text_field
    if field not in record:
        names = ", ".join(repr(name) for name in list(record)[:8]) or "none"
        return f"no {field!r} field (fields: {names}); name the text field with --text-field"
    if not isinstance(text, str):
        return f"the {field!r} field is {_kind(text)}, not a string; make it a string"
    nul = text.find("\x00")
    if nul >= 0:
        return (
            f"binary content (a NUL character at index {nul} of {field!r}); "
            "remove it or leave the record out"
        )
    surrogate = _SURROGATE.search(text)
    if surrogate is not None and options.errors != "replace":
        return (
            f"the {field!r} field holds a lone surrogate ({surrogate.group()!a}) at index "
            f"{surrogate.start()}, which UTF-8 cannot encode; fix it, or read it with "
            "--errors replace to keep it with U+FFFD"
        )
    return None


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null"


READERS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl}
# File suffixes and their formats; any other file is read as text.
SUFFIXES: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text"}
DEFAULT_FORMAT = "text"


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
    lowered = path.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return SUFFIXES[suffix]
    return DEFAULT_FORMAT


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


def expand_inputs(arguments: Sequence[str], input_format: str = "auto") -> InputPlan:
    """The files that the command line's INPUT arguments name, in order.

    A directory stands for its ``*.txt`` files, recursively, sorted by path; ``-`` is stdin
    (text unless ``input_format`` says otherwise). Missing paths stay in the plan: opening
    them fails and names them.
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
            inputs.append(Input(STDIN, STDIN, fmt))
        elif os.path.isdir(argument):
            directories.append(argument)
            names, errors = list_text_files(argument)
            unreadable.extend(errors)
            if not names and not errors:
                empty.append(argument)
            inputs.extend(
                Input(os.path.join(argument, *name.split("/")), name, "text", argument)
                for name in names
            )
        else:
            inputs.append(
                Input(argument, os.path.basename(argument), detect_format(argument, input_format))
            )
    return InputPlan(tuple(inputs), tuple(unreadable), tuple(empty), tuple(directories))


def list_text_files(root: str) -> tuple[list[str], list[Unreadable]]:
    """The ``*.txt`` files under ``root`` as ``/``-separated relative paths, sorted as strings.

    Symbolic links to directories are not followed (they could loop).
    """
    names: list[str] = []
    errors: list[Unreadable] = []

    def failed(error: OSError) -> None:
        path = error.filename if isinstance(error.filename, str) else root
        errors.append(Unreadable(path, describe_os_error(error, path)))

    for directory, _, files in os.walk(root, onerror=failed):
        relative = os.path.relpath(directory, root)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        for file in files:
            if file.endswith(".txt") and os.path.isfile(os.path.join(directory, file)):
                names.append("/".join((*parts, file)))
    return sorted(names), errors


def read_input(source: Input, options: ReadOptions) -> Iterator[Item]:
    """The records of one input, read by its format's reader."""
    return READERS[source.format](source, options)


def read_inputs(
    inputs: Iterable[Input], options: ReadOptions
) -> Iterator[Item | Unreadable]:
    """The records of every input in order; an input that fails to open or read becomes an
    :class:`Unreadable` (after the records read before the failure) and the rest go on."""
    for source in inputs:
        try:
            yield from read_input(source, options)
        except OSError as error:
            path = "stdin" if source.path == STDIN else source.path
            yield Unreadable(path, describe_os_error(error, path))
