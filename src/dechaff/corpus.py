"""The corpus driver: read, clean, deduplicate, write, for a corpus of any size.

Records stream through four stages, and only a few batches of them are in memory at once:

1. *scan* (this process): each input file is read into raw records (:mod:`dechaff.sources`);
2. *clean* (``jobs`` worker processes, or this one): each raw record is parsed, cleaned and
   encoded for the output by :class:`CleanJob`, a pure function of the record, so the
   results do not depend on where or in which batch it ran;
3. *deduplicate* (this process, in input order): :class:`~dechaff.dedupstep.DedupStep`;
4. *write* (this process, in input order): the sink, the report and the summary.

The driver knows nothing of the command line or of where work runs beyond ``jobs``: a
library caller, or another engine, can run the same stages. Its inputs are paths, so a
caller can make two passes over them (stdin aside).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from .config import Config
from .dedupstep import DedupStep, Processed, Step
from .errors import InputError
from .model import Model
from .outcome import Outcome, outcome_of
from .outputs import JsonLinesWriter, PayloadKind, RecordFields, Sink, encode_payload
from .parallel import batched, ordered_map
from .progress import Position, Progress
from .records import Notice, Raw, ReadOptions, Unreadable, parse_raw, raw_size
from .report import Summary, report_record
from .sources import Input, scan_inputs

if TYPE_CHECKING:
    from .dedup.table import KeyTable

Notify = Callable[[str, str], None]
BATCH_ITEMS = 1000
BATCH_BYTES = 1 << 20


@dataclass(frozen=True)
class CleanJob:
    """Per-record work, the same in this process or in a worker: parse, clean, encode.

    >>> from dechaff.records import RawLine
    >>> job = CleanJob(Config(), ReadOptions(), payload="jsonl")
    >>> [step] = job([RawLine("a.jsonl:1", 0, b'{"id": "a", "text": "Hi.  "}')])
    >>> step.outcome.status, step.payload
    ('kept', b'{"id": "a", "text": "Hi."}\\n')
    """

    config: Config = field(default_factory=Config)
    options: ReadOptions = field(default_factory=ReadOptions)
    payload: PayloadKind = "none"
    # Whether the results carry the cleaned text and the removals (dedup, text outputs and
    # the report need them); without, only what the payload and the summary need travels.
    keep_text: bool = True
    keep_removals: bool = True
    # Whether the results also carry the text each removal took out (an audit report draws
    # the input from them; off by default, as it adds the removed text to what travels).
    keep_removed_text: bool = False
    # Boilerplate learned from the corpus (or loaded), applied to every record.
    model: Model | None = None

    def __call__(self, batch: Sequence[Raw]) -> list[Step]:
        return [self.one(item) for item in batch]

    def one(self, item: Raw) -> Step:
        parsed = parse_raw(item, self.options)
        if isinstance(parsed, (Unreadable, Notice)):
            return parsed
        outcome = outcome_of(parsed, self.config, self.model)
        document = outcome.document
        payload = None
        if outcome.status == "kept" and self.payload != "none" and document is not None:
            names = RecordFields(self.options.text_field, self.options.id_field,
                                 self.options.url_field)
            payload = encode_payload(self.payload, document, outcome.text, names)
        compacted = outcome.compact(self.keep_text, self.keep_removals, self.keep_removed_text)
        return Processed(compacted, payload)


class CorpusRun:
    """One pass over ``inputs``: every record's outcome, written in input order.

    ``skip`` input items (records, and inputs that could not be read) are passed over, as
    done by an earlier run; ``handled`` counts the items done so far, those included.
    ``on_outcome`` hears of every outcome, in order, before a kept document is written.
    ``notify(kind, text)`` hears of each problem as it is met (``kind`` is ``error`` or
    ``warning``); with ``strict``, the first rejected record or unreadable input raises
    :class:`~dechaff.InputError` instead.
    """

    def __init__(
        self,
        inputs: Sequence[Input],
        job: CleanJob,
        *,
        jobs: int = 1,
        strict: bool = False,
        notify: Notify | None = None,
        dedup: DedupStep | None = None,
        report: JsonLinesWriter | None = None,
        summary: Summary | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        skip: int = 0,
        position: Position | None = None,
        progress: Progress | None = None,
        batch_items: int = BATCH_ITEMS,
        batch_bytes: int = BATCH_BYTES,
    ) -> None:
        self.inputs = inputs
        self.job = job
        self.jobs = max(1, jobs)
        self.strict = strict
        self.notify: Notify = notify or (lambda kind, text: None)
        self.dedup = dedup
        self.report = report
        self.summary = summary if summary is not None else Summary()
        self.on_outcome = on_outcome
        self.skip = skip
        self.handled = skip
        self.scanned = skip
        self.position = position or Position()
        self.progress = progress
        self.batch_items = batch_items
        self.batch_bytes = batch_bytes
        self._ids = _SeenIds()

    def steps(self) -> Generator[Step, None, None]:
        """Every item's outcome in input order: cleaned and deduplicated, not yet written.

        Worker processes stop when the iterator ends or is closed (close it if you stop early).
        """
        raws: Iterator[Raw] = scan_inputs(self.inputs, self.job.options, self.position)
        if self.skip:
            raws = islice(raws, self.skip, None)
        raws = self._count(raws)
        field_name = self.job.options.text_field
        # In this process a record is cleaned as soon as it is read (stdin can be a stream).
        items = self.batch_items if self.jobs > 1 else 1
        batches = batched(raws, items, self.batch_bytes, lambda item: raw_size(item, field_name))
        results = ordered_map(self.job, batches, self.jobs)
        try:
            steps = (step for batch in results for step in self._announce(batch))
            yield from self.dedup.apply(steps) if self.dedup is not None else steps
        finally:
            results.close()  # stops the workers at once, whatever ends the run

    def run(self, sink: Sink) -> Summary:
        """Write every kept document to ``sink`` (and every outcome to the report)."""
        summary = self.summary
        with contextlib.closing(self.steps()) as steps:
            self._write(steps, sink)
        return summary

    def _write(self, steps: Iterator[Step], sink: Sink) -> None:
        summary = self.summary
        for step in steps:
            self.handled += 1
            if isinstance(step, Processed):
                outcome = step.outcome
                summary.add(outcome)
                if self.report is not None:
                    self.report.write_record(report_record(outcome))
                if self.on_outcome is not None:
                    self.on_outcome(outcome)
                if outcome.status == "kept":
                    sink.write(outcome, step.payload)
            elif isinstance(step, Unreadable):
                summary.unreadable += 1
            if self.progress is not None:
                self.progress.update(summary.documents, summary.bytes_in,
                                     self.handled / max(self.scanned, 1))

    def _count(self, raws: Iterator[Raw]) -> Iterator[Raw]:
        for raw in raws:
            self.scanned += 1
            yield raw

    def _announce(self, batch: list[Step]) -> list[Step]:
        """Tell of each problem in a batch of results, in order (or stop, if strict)."""
        named = [step.outcome.id for step in batch if isinstance(step, Processed)
                 and step.outcome.status != "rejected" and step.outcome.id is not None]
        seen = iter(self._ids.check(named))
        for step in batch:
            if isinstance(step, Unreadable):
                if self.strict:
                    raise InputError(f"{step.error} (--strict stops at the first unreadable input)")
                self.notify("error", step.error)
            elif isinstance(step, Notice):
                self.notify("warning", step.message)
            elif step.outcome.status == "rejected":
                message = f"{step.outcome.source}: {step.outcome.error}"
                if self.strict:
                    raise InputError(f"{message} (--strict stops at the first rejected record)")
                self.notify("error", message)
            elif step.outcome.id is None:
                self.notify("warning", f"{step.outcome.source}: the file holds no record")
            elif next(seen):
                self.notify("warning", f"{step.outcome.source}: id {step.outcome.id!r} was used "
                            "by an earlier record; both are kept")
        return batch


class _SeenIds:
    """The ids met so far, as 64-bit hashes: in a set while few, then in a compact table
    (about 40 bytes an id), so that numpy is not imported for a small run."""

    _SMALL = 1 << 16

    def __init__(self) -> None:
        self._small: set[int] | None = set()
        self._table: KeyTable | None = None

    def check(self, ids: list[str]) -> list[bool]:
        """Whether each id was met before (earlier in ``ids`` included); remembers them all."""
        keys = [_hash(name) for name in ids]
        if self._small is not None:
            seen = []
            for key in keys:
                seen.append(key in self._small)
                self._small.add(key)
            if len(self._small) > self._SMALL:
                self._table = self._grow(list(self._small))
                self._small = None
            return seen
        import numpy as np

        assert self._table is not None
        array = np.array(keys, dtype=np.uint64)
        found = (self._table.lookup(array) >= 0).tolist()
        first: set[int] = set()
        result = []
        for key, hit in zip(keys, found, strict=True):
            result.append(bool(hit) or key in first)
            first.add(key)
        self._table.insert(array, np.zeros(len(keys), dtype=np.int64), only_new=True)
        return result

    @staticmethod
    def _grow(keys: list[int]) -> KeyTable:
        import numpy as np

        from .dedup.table import KeyTable

        table = KeyTable(2 * len(keys))
        table.insert(np.array(keys, dtype=np.uint64), np.zeros(len(keys), dtype=np.int64))
        return table


def _hash(name: str) -> int:
    # Keys 0 and 1 are one key to the table; a clash costs one wrong warning at worst.
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")
