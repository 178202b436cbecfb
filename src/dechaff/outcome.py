"""What became of one input record: kept, duplicate, rejected or empty, and why.

:func:`outcome_of` is a pure function of a record and a configuration, so records can be
judged in any order or in parallel and the results put back in input order. An outcome is
small: the cleaned text, the removals and the metadata, not the input text, so it travels
cheaply between processes (:meth:`Outcome.compact` drops the full result, which only a view
of the input such as ``explain`` needs).

>>> from dechaff import Document
>>> outcome_of(Document("a", "\\n\\n  \\n")).status
'empty'
>>> kept = outcome_of(Document("b", "Some text.  \\n"))
>>> kept.status, kept.text, kept.bytes_in
('kept', 'Some text.\\n', 13)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from .config import Config
from .document import CleanResult, Document, Metadata, Removal
from .model import Model
from .pipeline import clean
from .records import EmptyInput, Rejected

Status = Literal["kept", "duplicate", "rejected", "empty"]
# Every status, in the order summaries list them.
STATUSES: tuple[Status, ...] = ("kept", "duplicate", "rejected", "empty")
# Characters that show nothing but are not whitespace to str.isspace: BOM and zero-widths.
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060")


@dataclass(frozen=True)
class Outcome:
    """One input record's fate.

    ``text``, ``removals`` and ``metadata`` are set for every record that was read (kept,
    duplicate, empty); ``error`` for a rejected one. ``bytes_in`` and ``bytes_out`` are the
    UTF-8 sizes of the text read and of the cleaned text; ``rules`` counts the removals per
    rule. ``duplicate_of`` and ``similarity`` name the earlier document that a duplicate
    repeats. ``result`` is the whole :class:`~dechaff.CleanResult`, input document included,
    where the record was cleaned in this process and not yet compacted.
    """

    source: str
    status: Status
    id: str | None = None
    result: CleanResult | None = field(default=None, compare=False, repr=False)
    error: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    text: str = ""
    removals: tuple[Removal, ...] = ()
    metadata: Metadata | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    rules: tuple[tuple[str, int], ...] = ()

    @property
    def document(self) -> Document | None:
        """The input document, while the full result is held."""
        return self.result.document if self.result is not None else None

    @property
    def read(self) -> bool:
        """Whether the record was read (and cleaned), whatever its status."""
        return self.metadata is not None

    def compact(self, text: bool = True, removals: bool = True) -> Outcome:
        """The same outcome without the full result (and so without the input text), and
        without the cleaned text or the list of removals unless asked for: what is left
        (sizes, counts per rule) is what a summary needs."""
        return replace(
            self, result=None, text=self.text if text else "",
            removals=self.removals if removals else (),
        )


def is_empty(text: str) -> bool:
    """Whether nothing but whitespace is left.

    >>> is_empty(" \\n\\ufeff\\n"), is_empty("a")
    (True, False)
    """
    # Stops at the first visible character, which usually comes early.
    return all(char.isspace() or char in _INVISIBLE for char in text)


def outcome_of(
    item: Document | Rejected | EmptyInput, config: Config | None = None,
    model: Model | None = None,
) -> Outcome:
    """Clean a record that was read (with ``model``'s learned boilerplate, if given), or pass
    a rejected one on, and say what became of it.

    A file that holds no record at all (:class:`~dechaff.records.EmptyInput`) is ``empty``.
    """
    if isinstance(item, Rejected):
        return Outcome(item.source, "rejected", id=item.id, error=item.error)
    if isinstance(item, EmptyInput):
        return Outcome(item.source, "empty", metadata=Metadata())
    result = clean(item, config, model)
    status: Status = "empty" if is_empty(result.text) else "kept"
    return Outcome(
        item.source or item.id, status, id=item.id, result=result, text=result.text,
        removals=result.removals, metadata=result.metadata,
        bytes_in=_utf8_size(item.text), bytes_out=_utf8_size(result.text),
        rules=tuple(Counter(removal.rule for removal in result.removals).items()),
    )


def _utf8_size(text: str) -> int:
    # ASCII text (most of the web) is measured without encoding it.
    return len(text) if text.isascii() else len(text.encode("utf-8"))
