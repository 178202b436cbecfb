"""What became of one input record: kept, duplicate, rejected or empty, and why.

:func:`outcome_of` is a pure function of a record and a configuration, so records can be
judged in any order or in parallel and the results put back in input order.

>>> from dechaff import Document
>>> outcome_of(Document("a", "\\n\\n  \\n")).status
'empty'
>>> outcome_of(Document("b", "Some text.\\n")).status
'kept'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .config import Config
from .document import CleanResult, Document
from .pipeline import clean
from .sources import Rejected

Status = Literal["kept", "duplicate", "rejected", "empty"]
# Every status, in the order summaries list them.
STATUSES: tuple[Status, ...] = ("kept", "duplicate", "rejected", "empty")
# Characters that show nothing but are not whitespace to str.isspace: BOM and zero-widths.
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060")


@dataclass(frozen=True)
class Outcome:
    """One input record's fate.

    ``result`` is set for every record that was read (kept, duplicate, empty); ``error`` for a
    rejected one. ``duplicate_of`` and ``similarity`` name the earlier document that a
    duplicate repeats.
    """

    source: str
    status: Status
    id: str | None = None
    result: CleanResult | None = None
    error: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def text(self) -> str:
        """The cleaned text ("" for a rejected record)."""
        return self.result.text if self.result is not None else ""

    @property
    def document(self) -> Document | None:
        return self.result.document if self.result is not None else None


def is_empty(text: str) -> bool:
    """Whether nothing but whitespace is left.

    >>> is_empty(" \\n\\ufeff\\n"), is_empty("a")
    (True, False)
    """
    # Stops at the first visible character, which usually comes early.
    return all(char.isspace() or char in _INVISIBLE for char in text)


def outcome_of(item: Document | Rejected, config: Config | None = None) -> Outcome:
    """Clean a record that was read, or pass a rejected one on, and say what became of it."""
    if isinstance(item, Rejected):
        return Outcome(item.source, "rejected", id=item.id, error=item.error)
    result = clean(item, config)
    status: Status = "empty" if is_empty(result.text) else "kept"
    return Outcome(item.source or item.id, status, id=item.id, result=result)
