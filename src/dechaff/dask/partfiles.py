"""Where a Dask run writes: one part file per partition, written by the worker that holds it.

``-o DIR`` keeps the parts (``DIR/part-00000.jsonl``, ...); ``-o FILE`` has them written
beside ``FILE`` in a hidden directory, then joined in order into ``FILE`` by the client,
streaming (a part at a time for JSONL, a row group at a time for Parquet), and removed.
Compressed JSONL parts are joined as they are: gzip, zstd, bzip2 and xz streams may follow
one another in one file. Workers and client must see the same file system.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any

from ..compression import CompressedWriter, split_compression
from ..destination import output_format_of
from ..errors import UsageError
from ..outputs import AtomicFile, JsonlSink, SinkContext, Writer

_COPY_BYTES = 1 << 20


@dataclass(frozen=True)
class PartLayout:
    """The part files of a run: in ``directory``, ``part-NNNNN`` + ``suffix``; ``joined``
    is the file they are joined into (None: the parts are the output)."""

    directory: str
    kind: str  # "jsonl" or "parquet"
    suffix: str
    compression: str | None
    joined: str | None

    def path(self, number: int) -> str:
        return os.path.join(self.directory, f"part-{number:05d}{self.suffix}")

    def report_path(self, number: int) -> str:
        return os.path.join(self.directory, f"report-{number:05d}.jsonl")


def choose_layout(output: str | None, output_format: str = "auto") -> PartLayout:
    """The layout for ``-o``: a file when its name says JSONL or Parquet, else a directory."""
    if output is None or output == "-":
        raise UsageError("--engine dask writes its outputs from the workers: pass -o FILE.jsonl, "
                         "-o FILE.parquet or -o DIR")
    if output_format not in ("auto", "jsonl", "parquet"):
        raise UsageError(f"--engine dask writes jsonl or parquet, not {output_format}")
    named = output_format_of(output)
    is_directory = output.endswith(("/", os.sep)) or os.path.isdir(output) or named is None
    kind = named or (output_format if output_format != "auto" else "jsonl")
    if output_format != "auto":
        kind = output_format
    if is_directory:
        return PartLayout(output, kind, ".parquet" if kind == "parquet" else ".jsonl", None,
                          None)
    base, compression = split_compression(output)
    if kind == "parquet" and compression is not None:
        raise UsageError(f"-o {output}: Parquet compresses its own pages; name it FILE.parquet")
    parent, name = os.path.split(os.path.abspath(output))
    directory = os.path.join(parent, f".{name}.parts")
    suffix = output[len(base):] if compression else ""
    return PartLayout(directory, kind, (".parquet" if kind == "parquet" else ".jsonl") + suffix,
                      compression, output)


def open_part(layout: PartLayout, number: int, text_field: str, schema: Any) -> SinkContext:
    """The sink that partition ``number``'s kept records go to."""
    path = layout.path(number)
    if layout.kind == "parquet":
        from ..parquet import ParquetSink

        return ParquetSink(path, text_field, schema=schema)
    writer: Writer = AtomicFile(path)
    if layout.compression is not None:
        writer = CompressedWriter(writer, layout.compression, path)
    return JsonlSink(writer)


def join_parts(paths: list[str], target: str, kind: str) -> None:
    """Join part files, in order, into ``target`` (atomically), streaming."""
    if kind == "parquet":
        _join_parquet(paths, target)
        return
    with AtomicFile(target) as out:
        for path in paths:
            with open(path, "rb") as part:
                while chunk := part.read(_COPY_BYTES):
                    out.write(chunk)


def _join_parquet(paths: list[str], target: str) -> None:
    import pyarrow.parquet as pq

    files = [pq.ParquetFile(path) for path in paths]
    filled = [file for file in files if file.metadata.num_rows] or files[:1]
    schema = filled[0].schema_arrow
    with AtomicFile(target) as out:
        writer = pq.ParquetWriter(out.stream, schema)
        try:
            for file in filled:
                if not file.schema_arrow.equals(schema):
                    raise UsageError(
                        f"{target}: the partitions' records have different fields "
                        f"({file.schema_arrow} and {schema}); write -o DIR to keep the parts"
                    )
                for group in range(file.num_row_groups):
                    writer.write_table(file.read_row_group(group))
        finally:
            writer.close()


def remove_parts(layout: PartLayout) -> None:
    """Remove the hidden directory of parts that were joined."""
    if layout.joined is not None:
        shutil.rmtree(layout.directory, ignore_errors=True)
