"""Parquet in and out, one row group at a time (the optional ``parquet`` extra, pyarrow).

Reading turns each row into a record of named fields, a few thousand rows at a time, so
that memory holds one row group however large the file. Writing buffers kept records until
a row group is full (by rows or by bytes of text) and writes it. The file's schema is the
inputs' when they are all Parquet files, else the one of its first row group, where a
column with no value yet is taken to hold strings; a later record that does not fit it
stops the run with a message that says so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .extras import pyarrow_parquet
from .outcome import Outcome
from .outputs import AtomicFile, Payload, PayloadKind, SinkContext
from .progress import Position
from .records import EmptyInput, Raw, RawRecord, Rejected

if TYPE_CHECKING:
    from .sources import Input

_BATCH_ROWS = 2048
ROW_GROUP_ROWS = 50_000
ROW_GROUP_BYTES = 32 * 1024 * 1024


def input_schema(paths: list[str]) -> Any:
    """The schema shared by these Parquet files (the output keeps it), or None if they
    cannot agree on one."""
    pq = pyarrow_parquet("reading Parquet")
    import pyarrow as pa

    try:
        return pa.unify_schemas([pq.read_schema(path) for path in paths])
    except (pa.ArrowException, OSError):
        return None


def kept_schema(inputs: Sequence[Input], output_kind: str) -> Any:
    """Parquet to Parquet keeps the inputs' schema: the schema they share when every input
    and the output are Parquet, else None."""
    if output_kind != "parquet" or not inputs:
        return None
    if any(source.format != "parquet" for source in inputs):
        return None
    return input_schema([source.path for source in inputs])


def scan_parquet(path: str, position: Position, batch_rows: int = _BATCH_ROWS) -> Iterator[Raw]:
    """Every row of a Parquet file as a raw record ``FILE:ROW`` (rows count from 1).

    A file that cannot be opened as Parquet raises :class:`InputError`; damage found later
    is one :class:`Rejected` at the row where it starts, after every row before it.
    """
    pq = pyarrow_parquet(f"reading {path}")
    import pyarrow as pa

    try:
        file = pq.ParquetFile(path)
    except pa.ArrowException as error:
        raise InputError(
            f"{path}: not a Parquet file that can be read ({error}); check the file"
        ) from None
    position.reading(None, path)
    row = 0
    try:
        groups = file.metadata.num_row_groups
        for group in range(groups):
            for batch in file.iter_batches(batch_size=batch_rows, row_groups=[group]):
                for record in batch.to_pylist():
                    row += 1
                    yield RawRecord(f"{path}:{row}", record)
            position.within((group + 1) / groups)
    except (pa.ArrowException, OSError) as error:
        row += 1
        yield Rejected(
            f"{path}:{row}",
            f"the Parquet file is damaged at row {row} ({error}); every row before it was read",
        )
    finally:
        file.close()
    if not row:
        yield EmptyInput(f"{path}:1", path)
    position.done()


class ParquetSink(SinkContext):
    """Kept records written to a Parquet file, a row group at a time, atomically."""

    payload: PayloadKind = "record"

    def __init__(
        self,
        path: str,
        text_field: str = "text",
        *,
        row_group_rows: int = ROW_GROUP_ROWS,
        row_group_bytes: int = ROW_GROUP_BYTES,
        schema: Any = None,
    ) -> None:
        self._pq = pyarrow_parquet(f"writing {path}")
        import pyarrow as pa

        self._pa = pa
        self.path = path
        self.text_field = text_field
        self.row_group_rows = max(1, row_group_rows)
        self.row_group_bytes = row_group_bytes
        self._file = AtomicFile(path)
        self._writer: Any = None
        self._schema: Any = schema
        self._rows: list[dict[str, Any]] = []
        self._sources: list[str] = []
        self._bytes = 0

    def write(self, outcome: Outcome, payload: Payload = None) -> None:
        if not isinstance(payload, dict):
            raise TypeError("a ParquetSink writes the record made by encode_payload('record')")
        self._rows.append(payload)
        self._sources.append(outcome.source)
        self._bytes += len(outcome.text)
        if len(self._rows) >= self.row_group_rows or self._bytes >= self.row_group_bytes:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        pa = self._pa
        if self._schema is None:
            table = pa.Table.from_pylist(self._rows)
            # A column with no value yet would refuse every later value: take it as strings.
            self._schema = pa.schema([
                field.with_type(pa.string()) if pa.types.is_null(field.type) else field
                for field in table.schema
            ])
        if self._writer is None:
            self._writer = self._pq.ParquetWriter(self._file.stream, self._schema)
        names = set(self._schema.names)
        for row, source in zip(self._rows, self._sources, strict=True):
            extra = [name for name in row if name not in names]
            if extra:
                raise InputError(self._misfit(source, f"has the field {extra[0]!r}, which"))
        try:
            table = pa.Table.from_pylist(self._rows, schema=self._schema)
        except (pa.ArrowException, TypeError, ValueError) as error:
            raise InputError(self._misfit(
                f"{self._sources[0]} .. {self._sources[-1]}", f"hold a value ({error}) that"
            )) from None
        self._writer.write_table(table, row_group_size=len(self._rows))
        self._rows, self._sources, self._bytes = [], [], 0

    def _misfit(self, where: str, what: str) -> str:
        return (
            f"{self.path}: the record(s) at {where} {what} does not fit the Parquet schema "
            f"taken from the first records written ({self._schema}); make the field uniform "
            "across records, or write JSONL (-o FILE.jsonl)"
        )

    def commit(self) -> None:
        try:
            self._flush()
            if self._writer is None:  # no record at all: a file with the text column only
                if self._schema is None:
                    self._schema = self._pa.schema([(self.text_field, self._pa.string())])
                self._writer = self._pq.ParquetWriter(self._file.stream, self._schema)
            self._writer.close()
        except BaseException:
            self.abort()
            raise
        self._file.commit()

    def abort(self) -> None:
        self._rows = []
        if self._writer is not None:
            # Closed first: a writer left open would write its footer into the closed file.
            with contextlib.suppress(Exception):
                self._writer.close()
            self._writer = None
        self._file.abort()
