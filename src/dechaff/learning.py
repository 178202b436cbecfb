"""Which learned model a run cleans with: one loaded from a file, one learned from the
inputs in a first pass over them, or none.

Learning reads the inputs twice (once to learn, once to clean), so it needs inputs that can be
read again: on stdin nothing is learned unless a model file is given. Problems met in the
learning pass are not told: the cleaning pass meets and reports the same ones.

>>> LearningPlan(learn=True, model_path=None, save_path=None).learns(rereadable=False)
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from .document import Document
from .errors import InputError, UsageError
from .fit import fit
from .model import Model
from .progress import Position, Progress
from .records import ReadOptions, parse_raw
from .sources import Input, scan_inputs


@dataclass(frozen=True)
class LearningPlan:
    """What the command line asked for: ``--no-learn`` (``learn=False``), ``--model FILE``
    (``model_path``), ``--save-model FILE`` (``save_path``)."""

    learn: bool = True
    model_path: str | None = None
    save_path: str | None = None

    def check(self, rereadable: bool) -> None:
        """Raise :class:`UsageError` for options that contradict each other."""
        if self.model_path is not None and not self.learn:
            raise UsageError("--model applies a learned model and --no-learn turns learned "
                             "boilerplate off: give one of them")
        if self.save_path is not None:
            if self.model_path is not None:
                raise UsageError("--save-model saves what is learned from the inputs; with "
                                 "--model nothing is learned: leave one out")
            if not self.learn:
                raise UsageError("--save-model saves what is learned from the inputs; leave "
                                 "out --no-learn")
            if not rereadable:
                raise UsageError("--save-model: learning reads the inputs twice and stdin "
                                 "cannot be read again; name files")
            if self.save_path == "-":
                raise UsageError("--save-model needs a file name, not -")

    def learns(self, rereadable: bool) -> bool:
        """Whether a first pass over the inputs learns a model."""
        return self.learn and self.model_path is None and rereadable


def choose_model(
    plan: LearningPlan,
    inputs: Sequence[Input],
    options: ReadOptions,
    rereadable: bool,
    progress: TextIO | None = None,
    learner: Learner | None = None,
) -> Model | None:
    """The model to clean with (loaded or learned; saved when asked), or None.

    ``progress`` is a terminal to draw the learning pass's progress bar on. ``learner``
    learns elsewhere what :func:`dechaff.fit` learns here (an engine's own way, e.g. on a
    cluster).
    """
    plan.check(rereadable)
    if plan.model_path is not None:
        return Model.load(plan.model_path)
    if not plan.learns(rereadable):
        return None
    model = (learner or _learn_here)(inputs, options, progress)
    if plan.save_path is not None:
        try:
            model.save(plan.save_path)
        except OSError as error:
            raise InputError(f"--save-model {plan.save_path}: cannot write it ({error})") \
                from None
    return model


# Learns a model from the inputs: (inputs, read options, terminal for a progress bar).
Learner = Callable[[Sequence[Input], ReadOptions, TextIO | None], Model]


def _learn_here(
    inputs: Sequence[Input], options: ReadOptions, progress: TextIO | None
) -> Model:
    """:func:`dechaff.fit` over the inputs' documents, in this process."""
    position = Position.of_paths([source.path for source in inputs])
    bar = Progress(progress, position, label="learning: ") if progress is not None else None
    try:
        return fit(documents_of(inputs, options, position, bar))
    finally:
        if bar is not None:
            bar.close()


def documents_of(
    inputs: Sequence[Input],
    options: ReadOptions,
    position: Position | None = None,
    bar: Progress | None = None,
) -> Iterator[Document]:
    """The documents the inputs hold, in order; whatever cannot be read is passed over."""
    documents = characters = 0
    for raw in scan_inputs(inputs, options, position):
        parsed = parse_raw(raw, options)
        if isinstance(parsed, Document):
            yield parsed
            if bar is not None:
                documents += 1
                characters += len(parsed.text)
                bar.update(documents, characters)
