"""Records as read, before and after parsing: raw items, documents, and what could not be read.

Reading is split in two so that parsing can run in worker processes. The parent *scans* its
inputs into raw items (a JSONL line as bytes, a text file's bytes, a Parquet row or a WARC
record as a dict), which are small to send; :func:`parse_raw` turns each one into exactly one
:class:`~dechaff.Document` or a note of what became of it: :class:`Rejected` (with its
location and the reason), :class:`EmptyInput` (a file that holds no record),
:class:`Unreadable` (an input that could not be opened or read on) or :class:`Notice` (a
warning about input that was read all the same).

>>> parse_raw(RawLine("a.jsonl:1", 0, b'{"id": 7, "text": "Hi"}'), ReadOptions())
Document(id='7', text='Hi', url=None, source='a.jsonl:1')
>>> parse_raw(RawLine("a.jsonl:2", 25, b'[1]'), ReadOptions()).error
'the record is an array, not a JSON object; write one object per line, e.g. ...'
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from .document import Document
from .errors import InputError

# A lone surrogate can come from a JSON escape ("\ud800"); UTF-8 cannot encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    """How records are read: the field names, and what to do with invalid UTF-8."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    errors: Literal["strict", "replace"] = "strict"


@dataclass(frozen=True)
class Rejected:
    """A record that could not be read: where it is (``FILE:LINE``), why, and its id if known."""

    source: str
    error: str
    id: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """An input path that could not be opened, listed or read on (it holds no records we know
    of, or no more)."""

    path: str
    error: str


@dataclass(frozen=True)
class EmptyInput:
    """A file that was read to its end and holds no record (an ``empty`` outcome)."""

    source: str
    path: str


@dataclass(frozen=True)
class Notice:
    """A warning about input that was read all the same (a WARC record with a wrong length)."""

    source: str
    message: str


class RawLine(NamedTuple):
    """One line of a JSONL file; ``offset`` is where it starts in the (decompressed) file."""

    location: str
    offset: int
    data: bytes


class RawText(NamedTuple):
    """A whole text file: one document named ``name``."""

    location: str
    name: str
    data: bytes


class RawRecord(NamedTuple):
    """A record already split into fields (a Parquet row, a WARC record)."""

    location: str
    record: dict[str, Any]


Raw = RawLine | RawText | RawRecord | Rejected | Unreadable | EmptyInput | Notice
Item = Document | Rejected
Parsed = Document | Rejected | Unreadable | EmptyInput | Notice


def raw_size(item: Raw, text_field: str = "text") -> int:
    """About how many bytes ``item`` holds (for batching and progress)."""
    if isinstance(item, (RawLine, RawText)):
        return len(item.data)
    if isinstance(item, RawRecord):
        text = item.record.get(text_field)
        return len(text) if isinstance(text, (str, bytes)) else 64
    return 64


def parse_raw(item: Raw, options: ReadOptions) -> Parsed:
    """The document that a raw item holds, or what became of it. Never raises on bad input."""
    if isinstance(item, RawLine):
        return parse_jsonl_line(item.data, item.location, options, item.offset)
    if isinstance(item, RawText):
        try:
            text = decode_utf8(item.data, options.errors)
        except InputError as error:
            return Rejected(item.location, str(error), item.name)
        return Document(id=item.name, text=text, source=item.location)
    if isinstance(item, RawRecord):
        return parse_record(item.record, item.location, options)
    return item


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
    except RecursionError:
        return Rejected(location, "JSON nested too deeply to read; flatten or remove the record")
    if not isinstance(value, dict):
        return Rejected(
            location,
            f"the record is {_kind(value)}, not a JSON object; write one object per line, "
            'e.g. {"id": "1", "text": "..."}',
        )
    return parse_record(value, location, options)


def parse_record(record: dict[str, Any], location: str, options: ReadOptions) -> Item:
    """A record of named fields as a document (every field kept, in order), or why not."""
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
    if isinstance(text, bytes):  # a binary column of a Parquet file
        try:
            text = decode_utf8(text, options.errors)
        except InputError as error:
            return Rejected(location, f"the {options.text_field!r} field: {error}", record_id)
        record[options.text_field] = text
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
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def json_value(value: object) -> object:
    """A JSON form of values that JSON has no type for (from Parquet): dates and times in
    ISO 8601, decimals as strings, bytes as base64 (``json.dumps(default=json_value)``).

    >>> json_value(datetime.date(2024, 3, 1)), json_value(b"\\x00\\x01")
    ('2024-03-01', 'AAE=')
    """
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"a {type(value).__name__} value cannot be written as JSON")
