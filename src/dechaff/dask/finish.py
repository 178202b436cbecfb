"""A partition's records with the keep rule's answer applied, and the part files it writes.

Each function here runs on a worker, on one partition: the duplicates of the partition become
``duplicate`` outcomes (copies follow their representative through
:func:`~dechaff.dedup.follow_copies`), then the kept records go to the partition's output
part and every record to its report part, as the local engine writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ..dedup import follow_copies
from ..dedupstep import Processed, Step
from ..outcome import Outcome
from ..outputs import AtomicFile, JsonLinesWriter, SinkContext
from ..records import Notice, Unreadable
from ..report import Summary, report_record
from .parts import CleanedPart, position_of

Target = tuple[int, float, str]


def apply_duplicates(
    part: CleanedPart,
    number: int,
    own: Mapping[int, Target],
    everyone: Mapping[int, Target],
    copies: pd.DataFrame | None,
) -> CleanedPart:
    """``part`` (partition ``number``) with its duplicates marked: ``own`` are its texts
    that LSH found to repeat a kept one, ``copies`` its copy edges (indexed by the copy;
    ``first`` the representative, ``name`` its name), ``everyone`` every LSH duplicate."""
    targets: dict[int, tuple[str, float]] = {
        position: (name, similarity) for position, (_, similarity, name) in own.items()
    }
    if copies is not None and not copies.empty:
        copy_of = dict(zip(copies.index.tolist(), copies["first"].tolist(), strict=True))
        names = dict(zip(copies["first"].tolist(), copies["name"].tolist(), strict=True))
        representatives = {
            rep: (everyone[rep][0], everyone[rep][1]) for rep in names if rep in everyone
        }
        names.update({everyone[rep][0]: everyone[rep][2] for rep in representatives})
        for copy, (target, similarity) in follow_copies(copy_of.items(),
                                                         representatives).items():
            targets[copy] = (names[target], similarity)
    if not targets:
        return part
    steps: list[Step] = []
    for place, step in enumerate(part.steps):
        found = targets.get(position_of(number, place))
        if found is not None and isinstance(step, Processed):
            step = Processed(replace(step.outcome, status="duplicate", duplicate_of=found[0],
                                     similarity=found[1]), None)
        steps.append(step)
    return CleanedPart(tuple(steps))


@dataclass
class PartResult:
    """What a written partition tells the client: its counts and its problems, in order."""

    summary: Summary = field(default_factory=Summary)
    messages: list[tuple[str, str]] = field(default_factory=list)
    kept: int = 0


def problems(part: CleanedPart) -> list[tuple[str, str]]:
    """The partition's problems, as the local engine tells them: (kind, text), in order."""
    found: list[tuple[str, str]] = []
    for step in part.steps:
        if isinstance(step, Unreadable):
            found.append(("error", step.error))
        elif isinstance(step, Notice):
            found.append(("warning", step.message))
        elif step.outcome.status == "rejected":
            found.append(("error", f"{step.outcome.source}: {step.outcome.error}"))
        elif step.outcome.id is None:
            found.append(("warning", f"{step.outcome.source}: the file holds no record"))
    return found


def write_part(
    part: CleanedPart,
    sink: SinkContext | None,
    report: str | None,
) -> PartResult:
    """Write the kept records to ``sink`` and every record's report line to ``report``."""
    result = PartResult(messages=problems(part))
    writer = JsonLinesWriter(AtomicFile(report)) if report is not None else None
    try:
        for step in part.steps:
            if isinstance(step, Processed):
                outcome: Outcome = step.outcome
                result.summary.add(outcome)
                if writer is not None:
                    writer.write_record(report_record(outcome))
                if outcome.status == "kept":
                    result.kept += 1
                    if sink is not None:
                        sink.write(outcome, step.payload)
            elif isinstance(step, Unreadable):
                result.summary.unreadable += 1
    except BaseException:
        if sink is not None:
            sink.abort()
        if writer is not None:
            writer.abort()
        raise
    if sink is not None:
        sink.commit()
    if writer is not None:
        writer.commit()
    return result


def merge_summaries(parts: list[Summary]) -> Summary:
    """The counts of a run from those of its partitions."""
    total = Summary()
    for summary in parts:
        for name in ("documents", "kept", "duplicates", "rejected", "empty", "bytes_in",
                     "bytes_out", "unreadable"):
            setattr(total, name, getattr(total, name) + getattr(summary, name))
        total.removals.update(summary.removals)
    return total


def report_row(outcome: Outcome) -> dict[str, Any]:
    """The report line of one record as a frame row (removals and metadata as JSON text)."""
    import json

    record = report_record(outcome)
    record["removals"] = json.dumps(record["removals"], ensure_ascii=False)
    record["metadata"] = json.dumps(record["metadata"], ensure_ascii=False)
    return record
