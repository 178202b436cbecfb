"""Carrying on after an interruption: what a sharded run has finished, kept on disk.

A run with ``--shard-size`` keeps a small state directory beside its shards
(``.NAME.EXT.dechaff-resume/``). Each time a shard is complete, one line is appended to its
journal and flushed to disk: the shard's name and size, how many input items were done, the
summary counts so far, and how far the report (written under a fixed temporary name) and the
log of dedup decisions had got (the id of each kept document, whose text is in the shards,
and the id and text of each duplicate). ``--resume`` checks that the finished shards are
still there as written, cuts the report and the log back to the last checkpoint, decides the
logged documents again (which rebuilds the dedup state exactly), skips the input items done,
and numbers the next shard after the last one; the run then ends exactly as an uninterrupted
run would. The state directory is removed when the run completes.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO

from .errors import InputError, UsageError
from .outputs import TEMP_SUFFIX, json_line, remove_file, sync_directory, umask
from .shards import ShardNames

VERSION = 1
_JOURNAL = "journal.jsonl"
_DECIDED = "decided.jsonl"
_MODEL = "model.json"


def state_directory(names: ShardNames) -> str:
    directory, stem = os.path.split(names.stem)
    return os.path.join(directory, f".{stem}{names.suffix}.dechaff-resume")


def partial_path(path: str) -> str:
    """The fixed temporary name of a file that a resumable run writes (the report)."""
    directory, name = os.path.split(path)
    return os.path.join(directory, f".{name}.dechaff-partial")


@dataclass(frozen=True)
class Checkpoint:
    """The state of a run just after shard ``shard`` was finished."""

    shard: int
    file: str
    records: int
    bytes: int
    position: int
    summary: dict[str, Any]
    report_bytes: int
    ids_bytes: int  # the length of the dedup log


class AppendFile:
    """A file appended to, flushed to disk at each checkpoint; on resume, cut back to the
    length of the last checkpoint (``keep``) and appended to from there."""

    def __init__(self, path: str, keep: int | None = None) -> None:
        self.path = path
        self._file: BinaryIO
        if keep is None:
            self._file = open(path, "w+b")  # noqa: SIM115 (closed by commit or abort)
            return
        try:
            self._file = open(path, "r+b")  # noqa: SIM115
        except FileNotFoundError:
            raise InputError(
                f"cannot resume: {path} is gone; rerun without --resume to start over"
            ) from None
        size = self._file.seek(0, os.SEEK_END)
        if size < keep:
            self._file.close()
            raise InputError(
                f"cannot resume: {path} holds {size} bytes, fewer than the {keep} recorded; "
                "rerun without --resume to start over"
            )
        self._file.truncate(keep)
        self._file.seek(keep)

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def checkpoint(self) -> int:
        """Flush to disk; the length so far."""
        self._file.flush()
        os.fsync(self._file.fileno())
        return self._file.tell()

    def close(self) -> None:
        if not self._file.closed:
            self._file.flush()
            self._file.close()


class PartialFile(AppendFile):
    """An :class:`AppendFile` under a fixed temporary name that is renamed to ``final`` when
    the run completes (a :class:`~dechaff.outputs.Writer`). Aborting keeps it for --resume."""

    def __init__(self, final: str, keep: int | None = None) -> None:
        self.final = final
        super().__init__(partial_path(final), keep)

    def commit(self) -> None:
        self.checkpoint()
        self.close()
        os.chmod(self.path, 0o666 & ~umask())
        os.replace(self.path, self.final)
        sync_directory(os.path.dirname(os.path.abspath(self.final)))

    def abort(self) -> None:
        self.close()


class Journal:
    """The state directory of one sharded output, and the checkpoints it holds."""

    def __init__(self, names: ShardNames, options: dict[str, Any]) -> None:
        self.names = names
        self.options = options
        self.directory = state_directory(names)
        self.checkpoints: list[Checkpoint] = []
        self._file: Any = None

    @property
    def last(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None

    @property
    def model_path(self) -> str:
        """Where the model the run cleans with is kept (none: the run uses no model)."""
        return os.path.join(self.directory, _MODEL)

    @property
    def decided_path(self) -> str:
        """Where the documents the dedup step decided are noted (see ``ids_bytes``)."""
        return os.path.join(self.directory, _DECIDED)

    def start(self, resume: bool) -> list[str]:
        """Start afresh, or (``resume``) load the checkpoints whose shards are intact.

        Returns warnings to show (shards recorded but changed since, and so redone).
        """
        warnings: list[str] = []
        path = os.path.join(self.directory, _JOURNAL)
        if resume and os.path.exists(path):
            warnings = self._load(path)
        else:
            shutil.rmtree(self.directory, ignore_errors=True)
            os.makedirs(self.directory)
        self._remove_stale_temporaries()
        # Rewritten whole (then appended to): only the checkpoints that still hold.
        temporary = path + ".tmp"
        with open(temporary, "wb") as file:
            file.write(json_line({"dechaff_resume": VERSION, "options": self.options}))
            for checkpoint in self.checkpoints:
                file.write(json_line(asdict(checkpoint)))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        sync_directory(self.directory)
        self._file = open(path, "ab")  # noqa: SIM115 (closed by finish or close)
        return warnings

    def _load(self, path: str) -> list[str]:
        lines = _read_lines(path)
        header = next(lines, None)
        if not header or header.get("dechaff_resume") != VERSION:
            raise UsageError(f"--resume: {path} is not a dechaff journal; rerun without --resume")
        before = header.get("options", {})
        if before != self.options:
            changed = sorted(k for k in {*before, *self.options} if before.get(k) !=
                             self.options.get(k))
            what = ", ".join(f"{k}: {before.get(k)!r} then, {self.options.get(k)!r} now"
                             for k in changed[:3])
            raise UsageError(
                f"--resume: the interrupted run was started with other options ({what}); "
                "rerun with the same options, or without --resume to start over"
            )
        for entry in lines:
            try:
                checkpoint = Checkpoint(**entry)
            except TypeError:
                break
            shard = self.names.path(checkpoint.shard)
            intact = (
                checkpoint.shard == len(self.checkpoints)
                and os.path.isfile(shard) and os.path.getsize(shard) == checkpoint.bytes
            )
            if not intact:
                return [f"{shard} is missing or changed since it was written; "
                        "it and the shards after it are written again"]
            self.checkpoints.append(checkpoint)
        return []

    def _remove_stale_temporaries(self) -> None:
        """Temporary shard files of a killed run (never finished, never to be)."""
        directory, stem = os.path.split(self.names.stem)
        prefix = f".{stem}-"
        try:
            names = os.listdir(directory or os.curdir)
        except OSError:
            return
        for name in names:
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
                shard = name[1:].rsplit(".", 2)[0]
                if self.names.index_of(os.path.join(directory, shard)) is not None:
                    remove_file(os.path.join(directory, name))

    def record(self, checkpoint: Checkpoint) -> None:
        """Append a checkpoint and flush it to disk."""
        self._file.write(json_line(asdict(checkpoint)))
        self._file.flush()
        os.fsync(self._file.fileno())
        self.checkpoints.append(checkpoint)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def finish(self) -> None:
        """The run completed: the state is no longer needed."""
        self.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def discard_partials(self, paths: list[str]) -> None:
        """Remove temporary files of earlier runs (a fresh start leaves none behind)."""
        for path in paths:
            remove_file(partial_path(path))


def _read_lines(path: str) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as file:
        for line in file:
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                return  # a line cut off by the interruption: not a checkpoint
            if isinstance(value, dict):
                yield value
