"""``dechaff clean --engine dask``: the request of :func:`dechaff.runner.run_clean`, run on a
Dask cluster.

Each input file is a partition: a worker reads and cleans it (the local engine's
:class:`~dechaff.corpus.CleanJob`) and keeps the result; the near-duplicate steps run over
the cluster (:mod:`dechaff.dask.engine`); then each worker writes its partitions' kept
records and report lines to part files (:mod:`dechaff.dask.partfiles`). The client holds the
plan, the verified edges and the counts, never the records. The output and the report
are those of the local engine, record for record, in the same order.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..corpus import Notify
from ..dedup import DedupConfig
from ..errors import ConfigError, InputError, UsageError
from ..extras import dask_distributed
from ..learning import choose_model
from ..model import Model
from ..parquet import kept_schema
from ..records import ReadOptions
from ..report import Summary
from ..sources import STDIN, Input, InputPlan, expand_inputs
from .engine import EDGE_LIMIT, find_duplicates
from .finish import PartResult, apply_duplicates, merge_summaries, problems, write_part
from .partfiles import PartLayout, choose_layout, join_parts, open_part, remove_parts
from .parts import CleanedPart, clean_inputs, count_for_fit, job_for, merge_counts, model_of

if TYPE_CHECKING:
    from ..runner import CleanRequest


def run_clean_dask(
    request: CleanRequest,
    notify: Notify | None = None,
    *,
    scheduler: str = "local:2",
    edge_limit: int = EDGE_LIMIT,
    client: Any = None,
    stats: dict[str, float] | None = None,
) -> Summary:
    """Run a :class:`~dechaff.runner.CleanRequest` on the cluster ``scheduler`` names
    (``tcp://HOST:PORT`` or ``local:N``), or through ``client``; the summary of the run.

    ``stats``, when given, is filled with the seconds each step took (``learn``, ``clean``,
    ``dedup``, ``write``, ``join``) and the verified edges (``edges``, ``copy_edges``)."""
    dask_distributed("--engine dask")
    say: Notify = notify or (lambda kind, text: None)
    try:
        config = Config().without(*request.skip)
    except ConfigError as error:
        raise UsageError(f"--skip: {error}") from None
    for flag, value in (("--index", request.index), ("--resume", request.resume),
                        ("--shard-size", request.shard_size),
                        ("--html-report", request.html_report)):
        if value:
            raise UsageError(f"{flag} is not supported with --engine dask; leave it out, or "
                             "use --engine local")
    if STDIN in request.inputs:
        raise UsageError("--engine dask reads its inputs on the workers: name files, not stdin")
    plan = expand_inputs(request.inputs, request.input_format)
    layout = choose_layout(request.output, request.output_format)
    _check_outputs(plan, layout, request.report)
    dedup = _dedup_config(request) if request.dedup else None
    for problem in [item.error for item in plan.unreadable] + [
        f"{directory}: no file of a supported format in this directory"
        for directory in plan.empty_directories
    ]:
        if request.strict:
            raise InputError(f"{problem} (--strict stops at the first unreadable input)")
        say("error", problem)
    listed_unreadable = len(plan.unreadable) + len(plan.empty_directories)
    if client is not None:
        return _run(client, request, plan, layout, config, dedup, say, edge_limit,
                    listed_unreadable, _Clock(stats))
    from .cluster import connect

    with connect(scheduler) as connected:
        return _run(connected, request, plan, layout, config, dedup, say, edge_limit,
                    listed_unreadable, _Clock(stats))


class _Clock:
    """Seconds per step, into ``stats`` (when asked for)."""

    def __init__(self, stats: dict[str, float] | None) -> None:
        self.stats = stats
        self.start = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        if self.stats is not None:
            self.stats[step] = now - self.start
        self.start = now

    def note(self, name: str, value: float) -> None:
        if self.stats is not None:
            self.stats[name] = value


def _run(
    client: Any,
    request: CleanRequest,
    plan: InputPlan,
    layout: PartLayout,
    config: Config,
    dedup: DedupConfig | None,
    say: Notify,
    edge_limit: int,
    listed_unreadable: int,
    clock: _Clock,
) -> Summary:
    from dask.delayed import delayed
    from distributed import wait

    options: ReadOptions = request.read
    model = _model(client, request, plan)
    clock.lap("learn")
    job = job_for(config, options, "jsonl" if layout.kind == "jsonl" else "record",
                  request.report is not None, model)
    shared_job = delayed(job, traverse=False)  # one key, however many partitions
    parts = client.persist([delayed(clean_inputs, pure=True)([source], shared_job)
                            for source in plan.inputs])
    wait(parts)
    clock.lap("clean")
    if request.strict:
        for found in client.gather(client.compute([delayed(problems)(p) for p in parts])):
            for kind, text in found:
                if kind == "error":
                    raise InputError(f"{text} (--strict stops at the first rejected record "
                                     "or unreadable input)")
    finished = parts
    if dedup is not None and parts:
        duplicates = find_duplicates(client, parts, dedup, edge_limit)
        clock.note("edges", duplicates.edges)
        clock.note("copy_edges", duplicates.copy_edges)
        clock.lap("dedup")
        finished = [
            delayed(apply_duplicates, pure=True)(part, number, duplicates.own[number],
                                                 duplicates.everyone, duplicates.copies[number])
            for number, part in enumerate(parts)
        ]
    os.makedirs(layout.directory, exist_ok=True)
    schema = kept_schema(plan.inputs, layout.kind)
    written = [
        delayed(_write, pure=True)(part, number, layout, options.text_field, schema,
                                   request.report is not None)
        for number, part in enumerate(finished)
    ]
    try:
        results: list[PartResult] = client.gather(client.compute(written))
        clock.lap("write")
        for result in results:
            for kind, text in result.messages:
                say(kind, text)
        summary = merge_summaries([result.summary for result in results])
        summary.unreadable += listed_unreadable
        summary.learned_from = model.documents if model is not None else None
        if summary.unreadable and not summary.documents:
            raise InputError("no input could be read; nothing was written")
        if layout.joined is not None:
            join_parts([layout.path(n) for n in range(len(results))], layout.joined,
                       layout.kind)
        if request.report is not None:
            join_parts([layout.report_path(n) for n in range(len(results))], request.report,
                       "jsonl")
            if layout.joined is None:
                for number in range(len(results)):
                    os.remove(layout.report_path(number))
        clock.lap("join")
    finally:
        remove_parts(layout)
    return summary


def _model(client: Any, request: CleanRequest, plan: InputPlan) -> Model | None:
    """The model the local engine would clean with: loaded, or learned from the inputs (on
    the workers, see :func:`_learn`), or none."""
    def learner(inputs: Sequence[Input], options: ReadOptions, progress: object) -> Model:
        return _learn(client, inputs, options)

    return choose_model(request.learning, plan.inputs, request.read, plan.rereadable,
                        learner=learner)


def _learn(client: Any, inputs: Sequence[Input], options: ReadOptions) -> Model:
    """:func:`dechaff.fit` on the cluster: each partition's lines are counted on its worker,
    the counts merged pairwise in input order (a tree of merges, so no worker adds them all
    up one by one), and the model built from the total on a worker."""
    counts = [client.submit(count_for_fit, source, options, pure=False) for source in inputs]
    if not counts:
        return Model()
    while len(counts) > 1:
        merged = [client.submit(merge_counts, first, later, pure=False)
                  for first, later in zip(counts[::2], counts[1::2], strict=False)]
        counts = merged + counts[len(merged) * 2:]
    model: Model = client.submit(model_of, counts[0], pure=False).result()
    return model


def _write(part: CleanedPart, number: int, layout: PartLayout, text_field: str, schema: Any,
           report: bool) -> PartResult:
    sink = open_part(layout, number, text_field, schema)
    return write_part(part, sink, layout.report_path(number) if report else None)


def _dedup_config(request: CleanRequest) -> DedupConfig:
    try:
        return DedupConfig(threshold=request.threshold, num_perm=request.num_perm)
    except ConfigError as error:
        flag = "--threshold" if "threshold" in str(error).split(" ", 1)[0] else "--num-perm"
        raise UsageError(f"{flag}: {error}") from None


def _check_outputs(plan: InputPlan, layout: PartLayout, report: str | None) -> None:
    from ..destination import Destination, check_paths
    from ..runner import check_extras

    destination = Destination("parquet" if layout.kind == "parquet" else "jsonl",
                              layout.joined or os.path.join(layout.directory, "part"),
                              layout.compression)
    check_paths(plan, destination, report)
    check_extras(plan, destination)
    inputs = {os.path.realpath(source.path) for source in plan.inputs}
    real = os.path.realpath(layout.directory)
    if any(path.startswith(real.rstrip(os.sep) + os.sep) for path in inputs):
        raise UsageError(f"-o {layout.directory} holds input files; write the parts elsewhere")


