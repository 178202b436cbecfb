"""``dechaff clean`` as a library call: inputs and options in, files written, summary out.

:func:`run_clean` checks the whole request before writing anything (a :class:`UsageError`
for a request that cannot work), then drives a :class:`~dechaff.corpus.CorpusRun` into the
chosen outputs. Every output file is atomic; a sharded output also keeps the state that
``resume=True`` needs to carry on after an interruption (:mod:`dechaff.resume`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO

from .audit import AuditCollector, write_report
from .compression import CompressedWriter
from .config import Config
from .corpus import CleanJob, CorpusRun, Notify
from .dedupstep import DedupStep
from .destination import Destination, check_paths, choose_destination
from .document import Document
from .errors import ConfigError, InputError, UsageError
from .extras import pyarrow_parquet, zstandard
from .learning import LearningPlan, choose_model
from .model import Model
from .outcome import Outcome
from .outputs import (
    AtomicFile,
    JsonLinesWriter,
    JsonlSink,
    PayloadKind,
    SinkContext,
    StdoutWriter,
    TextSink,
    TreeSink,
    Writer,
    remove_file,
    remove_temporaries,
)
from .parallel import available_cores
from .parquet import kept_schema
from .progress import Position, Progress
from .records import ReadOptions
from .report import Summary
from .resume import AppendFile, Checkpoint, Journal, PartialFile, partial_path
from .shards import Shard, ShardedSink
from .sources import Input, InputPlan, compression_of, expand_inputs, read_input


@dataclass(frozen=True)
class CleanRequest:
    """Everything ``dechaff clean`` is asked to do (the command line's options)."""

    inputs: tuple[str, ...]
    output: str | None = None
    output_format: str = "auto"
    report: str | None = None
    strict: bool = False
    skip: tuple[str, ...] = ()
    input_format: str = "auto"
    read: ReadOptions = field(default_factory=ReadOptions)
    dedup: bool = True
    threshold: float = 0.8
    num_perm: int = 128
    index: str | None = None
    jobs: int | None = None
    shard_size: int | None = None
    resume: bool = False
    learn: bool = True
    model: str | None = None
    save_model: str | None = None
    html_report: str | None = None
    engine: str = "local"
    scheduler: str | None = None

    @property
    def learning(self) -> LearningPlan:
        return LearningPlan(self.learn, self.model, self.save_model)

    def fingerprint(self) -> dict[str, Any]:
        """The options that decide what a run writes (``--resume`` must repeat them)."""
        options = asdict(self)
        for name in ("jobs", "resume", "strict", "save_model", "html_report", "engine",
                     "scheduler"):
            options.pop(name)
        options["inputs"] = list(self.inputs)
        options["skip"] = list(self.skip)
        return options


def run_clean(
    request: CleanRequest,
    notify: Notify | None = None,
    progress: TextIO | None = None,
    **batching: int,
) -> Summary:
    """Clean the request's inputs into its outputs; the summary of the run.

    ``notify(kind, text)`` hears of problems as they are met; ``progress`` is a terminal to
    draw a progress bar on. ``batching`` (``batch_items``, ``batch_bytes``) sizes the batches
    sent to worker processes.
    """
    say: Notify = notify or (lambda kind, text: None)
    if request.engine not in ("local", "dask"):
        raise UsageError(f"--engine must be local or dask (got {request.engine!r})")
    if request.engine == "dask":
        from .dask.run import run_clean_dask  # dask is imported only when asked for

        return run_clean_dask(request, notify,
                              scheduler=request.scheduler or f"local:{available_cores()}")
    if request.scheduler is not None:
        raise UsageError("--scheduler needs --engine dask")
    try:
        config = Config().without(*request.skip)
    except ConfigError as error:
        raise UsageError(f"--skip: {error}") from None
    if request.jobs is not None and request.jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {request.jobs})")
    plan = expand_inputs(request.inputs, request.input_format)
    destination = choose_destination(request.output, plan, request.inputs,
                                     request.output_format, request.shard_size)
    check_paths(plan, destination, request.report, request.index,
                ("--save-model", request.save_model), ("--html-report", request.html_report))
    if request.resume and destination.shards is None:
        raise UsageError("--resume carries on a sharded output: it needs --shard-size")
    if request.resume and not plan.rereadable:
        raise UsageError("--resume reads the inputs again: stdin cannot be, name files")
    check_extras(plan, destination)
    request.learning.check(plan.rereadable)
    dedup = _dedup_step(request)
    payload = _payload_kind(destination)
    position = Position.of_paths([source.path for source in plan.inputs])
    bar = Progress(progress, position) if progress is not None else None
    journal = None
    if destination.shards is not None:
        journal = Journal(destination.shards, request.fingerprint())
        for warning in journal.start(request.resume):
            say("warning", warning)
    try:
        model = _model(request, plan, journal, progress)
        job = CleanJob(config, request.read, payload,
                       keep_text=dedup is not None or payload == "none",
                       keep_removals=request.report is not None, model=model,
                       keep_removed_text=request.html_report is not None)
        summary = _run(request, plan, destination, job, journal, dedup, say, position, bar,
                       batching)
        summary.learned_from = model.documents if model is not None else None
    except BaseException:
        if journal is None and destination.path is not None and destination.kind != "tree":
            remove_temporaries(destination.path)
        if request.report is not None and journal is None:
            remove_temporaries(request.report)
        if request.html_report is not None:
            remove_temporaries(request.html_report)
        if journal is not None:
            journal.close()
            if not journal.checkpoints:  # nothing finished: nothing to carry on from
                journal.finish()
                if request.report is not None:
                    remove_file(partial_path(request.report))
        raise
    if dedup is not None:
        dedup.save()
    if journal is not None:
        journal.finish()
    return summary


def _run(
    request: CleanRequest,
    plan: InputPlan,
    destination: Destination,
    job: CleanJob,
    journal: Journal | None,
    dedup: DedupStep | None,
    say: Notify,
    position: Position,
    bar: Progress | None,
    batching: dict[str, int],
) -> Summary:
    with ExitStack() as stack:
        summary = Summary()
        skip = 0
        if journal is not None and journal.last is not None:
            skip = journal.last.position
            summary = Summary.from_dict(journal.last.summary)
        _announce(plan, summary, request.strict, say, count=journal is None or not skip)
        report, report_file = _open_report(request.report, journal, stack)
        audit = AuditCollector() if request.html_report is not None else None
        decided = None
        if journal is not None and dedup is not None:
            last = journal.last
            decided = AppendFile(journal.decided_path, last.ids_bytes if last else None)
            stack.callback(decided.close)
            if last is not None:
                dedup.replay(_decided(destination, journal, request.read))
        run = CorpusRun(plan.inputs, job, jobs=request.jobs or available_cores(),
                        strict=request.strict, notify=say, dedup=dedup, report=report,
                        summary=summary, on_outcome=_observers(_log(decided), audit), skip=skip,
                        position=position, progress=bar, **batching)

        def checkpoint(shard: Shard) -> None:
            assert journal is not None
            journal.record(Checkpoint(
                shard.number, os.path.basename(shard.path), shard.records, shard.size,
                run.handled, run.summary.as_dict(),
                report_file.checkpoint() if report_file is not None else 0,
                decided.checkpoint() if decided is not None else 0,
            ))

        schema = kept_schema(plan.inputs, destination.kind)
        sink = _open_sink(destination, request.read.text_field, schema, journal, checkpoint)
        stack.enter_context(sink)
        try:
            run.run(sink)
        finally:
            if bar is not None:
                bar.close()
        if summary.unreadable and not summary.documents:
            raise InputError("no input could be read; nothing was written")
    # Written once the other outputs are complete, so that it shows a finished run.
    if audit is not None and request.html_report is not None:
        write_report(request.html_report, audit, summary, request.inputs)
    return summary


def _model(
    request: CleanRequest, plan: InputPlan, journal: Journal | None, progress: TextIO | None
) -> Model | None:
    """The model to clean with. A resumed run cleans with the model of the run it carries
    on (kept beside its checkpoints), so that every shard is cleaned alike."""
    if journal is not None and journal.last is not None:
        return Model.load(journal.model_path) if os.path.exists(journal.model_path) else None
    model = choose_model(request.learning, plan.inputs, request.read, plan.rereadable, progress)
    if journal is not None and model is not None:
        model.save(journal.model_path)
    return model


def check_extras(plan: InputPlan, destination: Destination) -> None:
    """Raise :class:`~dechaff.MissingExtraError` now, before anything is read or written,
    when a format asked for needs an extra that is not installed."""
    for source in plan.inputs:
        if source.format == "parquet":
            pyarrow_parquet(f"reading {source.path}")
        elif compression_of(source) == "zstd":
            zstandard(f"reading {source.path}")
    if destination.kind == "parquet":
        pyarrow_parquet(f"writing {destination.path}")
    if destination.compression == "zstd":
        zstandard(f"writing {destination.path}")


def _dedup_step(request: CleanRequest) -> DedupStep | None:
    if not request.dedup:
        if request.index is not None:
            raise UsageError("--index needs deduplication: leave out --no-dedup")
        return None
    from .dedup import DedupConfig

    try:
        config = DedupConfig(threshold=request.threshold, num_perm=request.num_perm)
    except ConfigError as error:
        flag = "--threshold" if "threshold" in str(error).split(" ", 1)[0] else "--num-perm"
        raise UsageError(f"{flag}: {error}") from None
    return DedupStep(config, request.index)


def _announce(plan: InputPlan, summary: Summary, strict: bool, say: Notify, count: bool) -> None:
    """Tell of the inputs that could not even be listed, and count them (once a run)."""
    problems = [item.error for item in plan.unreadable] + [
        f"{directory}: no file of a supported format in this directory (*.txt, *.jsonl, "
        "*.ndjson, *.parquet, *.warc, *.wet, plain or .gz, .zst, .bz2, .xz)"
        for directory in plan.empty_directories
    ]
    for problem in problems:
        if strict:
            raise InputError(f"{problem} (--strict stops at the first unreadable input)")
        say("error", problem)
        if count:
            summary.unreadable += 1


def _payload_kind(destination: Destination) -> PayloadKind:
    if destination.kind == "jsonl":
        return "jsonl"
    if destination.kind == "parquet":
        return "record"
    return "none"


def _open_report(
    path: str | None, journal: Journal | None, stack: ExitStack
) -> tuple[JsonLinesWriter | None, PartialFile | None]:
    if path is None:
        return None, None
    if journal is None:
        return stack.enter_context(JsonLinesWriter(AtomicFile(path))), None
    last = journal.last
    partial = PartialFile(path, last.report_bytes if last else None)
    return stack.enter_context(JsonLinesWriter(partial)), partial


def _open_file(
    destination: Destination, path: str | None, text_field: str, schema: Any
) -> SinkContext:
    if destination.kind == "tree":
        assert path is not None
        return TreeSink(path)
    if destination.kind == "parquet":
        from .parquet import ParquetSink

        assert path is not None
        return ParquetSink(path, text_field, schema=schema)
    writer: Writer = AtomicFile(path) if path else StdoutWriter()
    if destination.kind == "jsonl":
        if destination.compression is not None:
            writer = CompressedWriter(writer, destination.compression, path or "stdout")
        return JsonlSink(writer)
    return TextSink(writer)


def _open_sink(
    destination: Destination,
    text_field: str,
    schema: Any,
    journal: Journal | None,
    checkpoint: Callable[[Shard], None],
) -> SinkContext:
    if destination.shards is None or destination.shard_size is None or journal is None:
        return _open_file(destination, destination.path, text_field, schema)
    return ShardedSink(
        destination.shards, destination.shard_size,
        lambda path: _open_file(destination, path, text_field, schema),
        _payload_kind(destination),
        first=len(journal.checkpoints), on_shard=checkpoint,
    )


def _log(decided: AppendFile | None) -> Callable[[Outcome], None] | None:
    """Notes each document the dedup step decided, for ``--resume`` to decide them again:
    the id of a kept one (its text is in the shards), the id and text of a duplicate."""
    if decided is None:
        return None
    log = decided

    def note(outcome: Outcome) -> None:
        name = outcome.id if outcome.id is not None else outcome.source
        if outcome.status == "kept":
            log.write(json.dumps([name]).encode() + b"\n")
        elif outcome.status == "duplicate":
            log.write(json.dumps([name, outcome.text]).encode() + b"\n")

    return note


def _observers(
    *observers: Callable[[Outcome], None] | None,
) -> Callable[[Outcome], None] | None:
    """One ``on_outcome`` that tells each of ``observers`` (those not None), in order."""
    present = [observer for observer in observers if observer is not None]
    if len(present) <= 1:
        return present[0] if present else None

    def tell(outcome: Outcome) -> None:
        for observer in present:
            observer(outcome)

    return tell


def _decided(
    destination: Destination, journal: Journal, options: ReadOptions
) -> Iterator[tuple[str, str, bool]]:
    """What the dedup step of the interrupted run decided, in order: (id, text, duplicate)."""
    assert destination.shards is not None
    assert journal.last is not None

    def shard_texts() -> Iterator[str]:
        assert destination.shards is not None
        for checkpoint in journal.checkpoints:
            path = destination.shards.path(checkpoint.shard)
            source = Input(path, os.path.basename(path), destination.kind)
            for item in read_input(source, options):
                if not isinstance(item, Document):
                    raise InputError(f"cannot resume: {path} cannot be read back ({item}); "
                                     "rerun without --resume to start over")
                yield item.text

    texts = shard_texts()
    with open(journal.decided_path, "rb") as file:
        for line in file.read(journal.last.ids_bytes).splitlines():
            entry = json.loads(line)
            if len(entry) == 2:
                yield entry[0], entry[1], True
                continue
            text = next(texts, None)
            if text is None:
                raise InputError("cannot resume: the finished shards hold fewer documents than "
                                 "were kept; rerun without --resume to start over")
            yield entry[0], text, False
