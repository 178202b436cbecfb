"""One partition of a corpus, cleaned: the work a Dask task does on it, as pure functions.

A partition is a contiguous run of the corpus in input order: one input file, or one slice
of a frame. Its records are cleaned by the local engine's :class:`~dechaff.corpus.CleanJob`
(or :func:`~dechaff.outcome.outcome_of` for documents already in memory), so the cleaning is
the same wherever it runs. Each kept record gets a *position*: the partition's number in the
high 32 bits and the record's place in the partition in the low ones, so that sorting
positions is sorting by input order, across partitions.

>>> from dechaff import Document
>>> part = clean_documents([Document("a", "Some text.  "), Document("b", "  ")])
>>> [step.outcome.status for step in part.steps]
['kept', 'empty']
>>> part.dedup_items()
([0], ['a'], ['Some text.'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..corpus import CleanJob
from ..dedupstep import Processed, Step
from ..document import Document
from ..fit import FitCounts
from ..learning import documents_of
from ..model import Model
from ..outcome import outcome_of
from ..outputs import PayloadKind
from ..records import ReadOptions
from ..sources import Input, scan_inputs

PART_BITS = 32
MAX_RECORDS = 1 << PART_BITS


def position_of(partition: int, place: int) -> int:
    """The position of the record at ``place`` in partition ``partition``.

    >>> position_of(3, 5) >> PART_BITS, position_of(3, 5) & (MAX_RECORDS - 1)
    (3, 5)
    """
    return (partition << PART_BITS) | place


@dataclass(frozen=True)
class CleanedPart:
    """A partition's records, cleaned, in order: what the local engine's clean stage hands on
    (outcomes, their payloads, unreadable inputs and warnings), before deduplication."""

    steps: tuple[Step, ...]

    def dedup_items(self) -> tuple[list[int], list[str], list[str]]:
        """The places, names and cleaned texts of the kept records (what deduplication
        decides; a record is named by its id, or by its source if it has none)."""
        places, names, texts = [], [], []
        for place, step in enumerate(self.steps):
            if isinstance(step, Processed) and step.outcome.status == "kept":
                outcome = step.outcome
                places.append(place)
                names.append(outcome.id if outcome.id is not None else outcome.source)
                texts.append(outcome.text)
        return places, names, texts


def clean_inputs(inputs: Sequence[Input], job: CleanJob) -> CleanedPart:
    """Read and clean input files, as the local engine does (see :mod:`dechaff.corpus`)."""
    steps = [job.one(raw) for raw in scan_inputs(inputs, job.options)]
    if len(steps) > MAX_RECORDS:
        raise ValueError(f"a partition holds at most {MAX_RECORDS} records; split the input")
    return CleanedPart(tuple(steps))


def clean_documents(
    documents: Sequence[Document], config: Config | None = None
) -> CleanedPart:
    """Clean documents already read (a frame's rows), compactly (no input text kept); a
    kept document's payload holds its url."""
    steps: list[Step] = []
    for document in documents:
        outcome = outcome_of(document, config).compact()
        payload = {"url": document.url} if outcome.status == "kept" else None
        steps.append(Processed(outcome, payload))
    return CleanedPart(tuple(steps))


def job_for(
    config: Config, options: ReadOptions, payload: PayloadKind, report: bool,
    model: Model | None,
) -> CleanJob:
    """The clean job of a corpus run whose outputs take ``payload``."""
    return CleanJob(config, options, payload, keep_text=True, keep_removals=report, model=model)


def count_for_fit(source: Input, options: ReadOptions) -> FitCounts:
    """What :func:`dechaff.fit` counts in one input (a partition), counted on its worker."""
    counts = FitCounts()
    for document in documents_of([source], options):
        counts.add(document)
    return counts


def merge_counts(first: FitCounts, later: FitCounts) -> FitCounts:
    """The counts of two consecutive parts, in a new object (a task's inputs stay as they
    were, should it run again)."""
    return FitCounts().merge(first).merge(later)


def model_of(counts: FitCounts) -> Model:
    return counts.model()
