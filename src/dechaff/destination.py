"""Where kept documents go, chosen from ``-o``, ``--output-format`` and ``--shard-size``, and
the checks that refuse, before anything is written, outputs that would overwrite an input.

>>> output_format_of("clean.jsonl.zst"), output_format_of("clean.parquet"), output_format_of("a")
('jsonl', 'parquet', None)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .compression import split_compression
from .errors import UsageError
from .shards import ShardNames
from .sources import STDIN, InputPlan

OUTPUT_FORMATS = ("auto", "text", "jsonl", "parquet")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Destination:
    """Text, JSONL (plain or compressed) or Parquet to a file (or stdout: ``path`` None), or
    a tree of text files; ``shard_size`` splits a JSONL or Parquet file into shards."""

    kind: Literal["text", "jsonl", "tree", "parquet"]
    path: str | None = None
    compression: str | None = None
    shard_size: int | None = None

    @property
    def shards(self) -> ShardNames | None:
        if self.shard_size is None or self.path is None:
            return None
        return ShardNames.of(self.path)


def output_format_of(path: str) -> str | None:
    """The record format an output path's suffix names (None: text, a file or a tree)."""
    base = split_compression(path.lower())[0]
    if base.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if base.endswith(".parquet"):
        return "parquet"
    return None


def choose_destination(
    output: str | None,
    plan: InputPlan,
    arguments: Sequence[str],
    output_format: str = "auto",
    shard_size: int | None = None,
) -> Destination:
    """The output for these inputs; :class:`UsageError` for a combination that cannot work."""
    if shard_size is not None and shard_size < 1:
        raise UsageError(f"--shard-size must be at least 1 (got {shard_size})")
    directories = plan.directories
    records = [source.path for source in plan.inputs if source.format != "text"]
    single_text = (
        len(arguments) == 1 and not directories
        and bool(plan.inputs) and plan.inputs[0].format == "text"
    )
    if output is None or output == STDIN:
        if output_format == "parquet":
            raise UsageError("Parquet cannot be written to stdout; pass -o FILE.parquet")
        if shard_size is not None:
            raise UsageError("--shard-size needs -o FILE.jsonl or -o FILE.parquet")
        if directories and output_format != "jsonl":
            raise UsageError(
                f"{directories[0]} is a directory: name an output directory with -o DIR "
                "(or -o FILE.jsonl)"
            )
        if output_format == "text" and not single_text:
            raise UsageError("text on stdout holds one document: pass --output-format jsonl "
                             "or -o DIR")
        use_text = single_text and output_format != "jsonl"
        return Destination("text" if use_text else "jsonl")
    chosen = output_format_of(output) if output_format == "auto" else output_format
    if chosen == "jsonl":
        return Destination("jsonl", output, split_compression(output)[1], shard_size)
    if chosen == "parquet":
        if split_compression(output)[1] is not None:
            raise UsageError(f"-o {output}: Parquet compresses its own pages; name the file "
                             "FILE.parquet")
        return Destination("parquet", output, None, shard_size)
    if shard_size is not None:
        raise UsageError("--shard-size needs -o FILE.jsonl (.gz, .zst, .bz2, .xz) or "
                         "-o FILE.parquet")
    names_directory = output.endswith(("/", os.sep)) or os.path.isdir(output)
    if directories or len(arguments) > 1 or names_directory:
        if records:
            raise UsageError(
                f"{records[0]}: records cannot be written as a tree of text files; "
                "pass -o FILE.jsonl or -o FILE.parquet"
            )
        if STDIN in arguments:
            raise UsageError("stdin cannot be written into a directory; pass -o FILE.jsonl")
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"-o {output} is a file; name a directory for several documents")
        return Destination("tree", output)
    if records:
        raise UsageError(f"-o {output}: record input needs -o FILE.jsonl or -o FILE.parquet")
    return Destination("text", output)


def check_paths(
    plan: InputPlan, destination: Destination, report: str | None, index: str | None = None,
    *others: tuple[str, str | None],
) -> None:
    """Refuse outputs that would overwrite an input, each other, or land in an input tree.

    ``others`` are more output files, as (option, path or None).
    """
    sources = {_canonical(source.path, source.root, source.name)
               for source in plan.inputs if source.path != STDIN}
    files = [(flag, path) for flag, path in (("--report", report), ("--index", index), *others)
             if path is not None]
    shards = destination.shards
    if destination.path is not None and destination.kind != "tree" and shards is None:
        files.insert(0, ("-o", destination.path))
    seen: dict[str, str] = {}
    for flag, path in files:
        assert path is not None
        real = os.path.realpath(path)
        if real in sources:
            raise UsageError(f"{flag} {path} is also an input; write to another path")
        if os.path.isdir(path):
            raise UsageError(f"{flag} {path} is a directory; name a file")
        if real in seen:
            raise UsageError(f"{flag} {path} is also the {seen[real]} file; name two files")
        seen[real] = flag
    if shards is not None:
        assert destination.path is not None
        real_shards = ShardNames.of(os.path.realpath(destination.path))
        for path in [*sources, *seen]:
            if real_shards.index_of(path) is not None:
                raise UsageError(
                    f"-o {destination.path} with --shard-size would overwrite {path}, "
                    "an input or another output; write the shards elsewhere"
                )
    if destination.kind == "tree" and destination.path is not None:
        _check_tree(plan, destination.path, sources, seen)


def _check_tree(plan: InputPlan, root: str, sources: set[str], files: dict[str, str]) -> None:
    real_root = os.path.realpath(root)
    for directory in plan.directories:
        real = os.path.realpath(directory)
        if real_root == real or real_root.startswith(real.rstrip(os.sep) + os.sep):
            raise UsageError(
                f"-o {root} is inside the input directory {directory}; a later run would "
                "read the output as input: write it elsewhere"
            )
    targets: dict[str, str] = {}
    for source in plan.inputs:
        target = os.path.join(real_root, *source.name.split("/"))
        if target in sources:
            raise UsageError(f"-o {root} would overwrite the input {source.path}")
        if target in files:
            raise UsageError(f"{files[target]} is also an output file under -o {root}")
        if target in targets:
            raise UsageError(
                f"{targets[target]} and {source.path} would both be written to "
                f"{os.path.join(root, source.name)}; clean them in separate runs"
            )
        targets[target] = source.path


def _canonical(path: str, root: str | None, name: str) -> str:
    # Resolving the root once, not every file under it, keeps large trees fast.
    if root is None:
        return os.path.realpath(path)
    return os.path.join(os.path.realpath(root), *name.split("/"))
