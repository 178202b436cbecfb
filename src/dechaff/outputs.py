"""Writing cleaned documents and reports: atomic files, JSON lines, trees of text files.

A file is written under a temporary name in its own directory, flushed to disk and renamed
to its final name only when complete, so an interrupted run never leaves a finished-looking
file. Sinks take the kept documents one at a time; they commit when the run completes and
abort (leaving no final file) when it does not.

>>> json_line({"id": "é", "n": 1})
b'{"id": "\\xc3\\xa9", "n": 1}\\n'
>>> output_record(Document("a", "old", fields={"text": "old", "id": "a", "lang": "en"}), "new")
{'text': 'new', 'id': 'a', 'lang': 'en'}
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Protocol, TypeVar

from .document import Document
from .errors import InputError
from .records import json_value

if TYPE_CHECKING:
    from .outcome import Outcome

_Self = TypeVar("_Self", bound="SinkContext")

# Temporary files end in this suffix, which no reader takes for input.
TEMP_SUFFIX = ".tmp"


def json_line(record: Mapping[str, Any]) -> bytes:
    """One JSON record as a UTF-8 line, ``"\\n"``-terminated, non-ASCII kept as is.

    A value holding a lone surrogate (which UTF-8 cannot encode) makes the line fall back to
    ASCII escapes: the same JSON value, still valid UTF-8. Values JSON has no type for (dates
    and bytes from Parquet) are written as :func:`~dechaff.records.json_value` says.
    """
    try:
        return (json.dumps(record, ensure_ascii=False, default=json_value) + "\n").encode()
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True, default=json_value) + "\n").encode()


@dataclass(frozen=True)
class RecordFields:
    """The JSONL field names used when a record is built from a text file."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"


def output_record(
    document: Document, text: str, names: RecordFields | None = None
) -> dict[str, Any]:
    """The document's record with ``text`` as its text; every other field unchanged, in order.

    A document read from a text file has no fields: its record is its id and text (and url).
    """
    names = names or RecordFields()
    if document.fields:
        record = dict(document.fields)
    else:
        record = {names.id_field: document.id}
        if document.url is not None:
            record[names.url_field] = document.url
    record[names.text_field] = text  # an existing key keeps its place
    return record


class Writer(Protocol):
    """Where bytes go: :class:`AtomicFile` or :class:`StdoutWriter`."""

    def write(self, data: bytes) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class AtomicFile:
    """A binary file that appears under ``path`` only when :meth:`commit` is called.

    Used as a context manager, it commits on a normal exit and aborts on an exception
    (KeyboardInterrupt included): the temporary file is removed and ``path`` is untouched.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        directory, name = os.path.split(os.path.abspath(self.path))
        try:
            descriptor, self.temp_path = tempfile.mkstemp(
                prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory
            )
        except OSError as error:
            # Name the file the user asked for, not the temporary one.
            raise type(error)(error.errno, error.strerror, self.path) from None
        try:
            self._file: BinaryIO | None = os.fdopen(descriptor, "wb")
        except BaseException:
            os.close(descriptor)
            remove_file(self.temp_path)
            raise

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    @property
    def stream(self) -> BinaryIO:
        """The open temporary file, for writers that want a file object (Parquet)."""
        if self._file is None:
            raise ValueError(f"{self.path} is already committed or aborted")
        return self._file

    def commit(self) -> None:
        if self._file is None:
            raise ValueError(f"{self.path} is already committed or aborted")
        file, self._file = self._file, None
        try:
            file.flush()
            os.fsync(file.fileno())
            file.close()
            os.chmod(self.temp_path, 0o666 & ~umask())
            os.replace(self.temp_path, self.path)
        except BaseException:
            file.close()
            remove_file(self.temp_path)
            raise
        sync_directory(os.path.dirname(os.path.abspath(self.path)))

    def abort(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            file.close()
            remove_file(self.temp_path)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


class StdoutWriter:
    """Bytes to standard output, unchanged (no newline translation, always UTF-8)."""

    def __init__(self) -> None:
        sys.stdout.flush()
        self._stream: BinaryIO | None = getattr(sys.stdout, "buffer", None)

    def write(self, data: bytes) -> None:
        if self._stream is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            self._stream.write(data)

    def commit(self) -> None:
        (self._stream or sys.stdout).flush()

    def abort(self) -> None:
        self.commit()


def umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_file(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def remove_temporaries(path: str) -> None:
    """Remove the temporary files of ``path`` that an interrupted write left (an interrupt
    can fall between the creation of a temporary file and the code that would remove it)."""
    directory, name = os.path.split(os.path.abspath(path))
    prefix = f".{name}."
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for found in names:
        middle = found[len(prefix):-len(TEMP_SUFFIX)]
        if found.startswith(prefix) and found.endswith(TEMP_SUFFIX) and "." not in middle:
            remove_file(os.path.join(directory, found))


def sync_directory(directory: str) -> None:
    """Make the rename itself durable; not every platform can open a directory."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# ---------------------------------------------------------------------------------------------
# Sinks: where kept documents go


# What a sink needs for each kept document besides its outcome, made where the document was
# cleaned (in a worker process, say): nothing, a JSON line, or the output record itself.
PayloadKind = Literal["none", "jsonl", "record"]
Payload = bytes | dict[str, Any] | None


def encode_payload(
    kind: PayloadKind, document: Document, text: str, names: RecordFields
) -> Payload:
    """The payload of one kept document for a sink that takes ``kind``."""
    if kind == "jsonl":
        return json_line(output_record(document, text, names))
    if kind == "record":
        return output_record(document, text, names)
    return None


class Sink(Protocol):
    payload: PayloadKind

    def write(self, outcome: Outcome, payload: Payload) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class SinkContext:
    """A sink that commits on a normal exit and aborts on an exception."""

    payload: PayloadKind = "none"

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


class TextSink(SinkContext):
    """Cleaned text, exactly, with nothing added between documents."""

    payload: PayloadKind = "none"

    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        self.writer.write(outcome.text.encode("utf-8"))

    def commit(self) -> None:
        self.writer.commit()

    def abort(self) -> None:
        self.writer.abort()


class JsonlSink(TextSink):
    """One JSON record per kept document (see :func:`output_record`), as its payload holds."""

    payload: PayloadKind = "jsonl"

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        if not isinstance(payload, bytes):
            raise TypeError("a JsonlSink writes the JSON line made by encode_payload('jsonl')")
        self.writer.write(payload)


class JsonLinesWriter(SinkContext):
    """Plain JSON records, one a line (the report)."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    def write_record(self, record: Mapping[str, Any]) -> None:
        self.writer.write(json_line(record))

    def commit(self) -> None:
        self.writer.commit()

    def abort(self) -> None:
        self.writer.abort()


class TreeSink(SinkContext):
    """One text file per kept document at ``ROOT/ID``; the id is a relative ``/`` path.

    Each file is written atomically as soon as its document is cleaned, so an interrupted
    run leaves the files already finished and no partial one.
    """

    payload: PayloadKind = "none"

    def __init__(self, root: str) -> None:
        self.root = root
        os.makedirs(root, exist_ok=True)

    def target(self, name: str) -> str:
        """Where the document named ``name`` goes; refuses names that would leave the root."""
        parts = name.split("/")
        if os.path.isabs(name) or any(part in ("", ".", "..") for part in parts):
            raise InputError(
                f"{name!r} cannot name a file under {self.root}: "
                "write such documents to -o FILE.jsonl"
            )
        return os.path.join(self.root, *parts)

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        path = self.target(outcome.id or "")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with AtomicFile(path) as file:
            file.write(outcome.text.encode("utf-8"))

    def commit(self) -> None:
        return None

    def abort(self) -> None:
        return None
