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
from collections.abc import Iterator, Sequence
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
    where the record was cleaned in this process and not yet compacted. ``url`` is the
    record's URL, if it has one. ``removed_texts`` holds, when asked for (see
    :meth:`compact`), the text each removal took out, parallel to ``removals``: with the
    cleaned text they rebuild the input (:func:`restore_input`).
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
    url: str | None = None
    removed_texts: tuple[str, ...] = ()

    @property
    def document(self) -> Document | None:
        """The input document, while the full result is held."""
        return self.result.document if self.result is not None else None

    @property
    def read(self) -> bool:
        """Whether the record was read (and cleaned), whatever its status."""
        return self.metadata is not None

    def compact(
        self, text: bool = True, removals: bool = True, removed_texts: bool = False
    ) -> Outcome:
        """The same outcome without the full result (and so without the input text), and
        without the cleaned text or the list of removals unless asked for: what is left
        (sizes, counts per rule) is what a summary needs.

        With ``removed_texts``, the text each removal took out is kept (and so are the
        cleaned text and the removals, which rebuilding the input needs), so that a view of
        the input can still be drawn after the input text is dropped.
        """
        cut = self.removed_texts
        if removed_texts and self.result is not None:
            source = self.result.document.text
            cut = tuple(source[removal.start:removal.end] for removal in self.removals)
        keep = removed_texts and len(cut) == len(self.removals)
        return replace(
            self, result=None, text=self.text if text or keep else "",
            removals=self.removals if removals or keep else (),
            removed_texts=cut if keep else (),
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
        url=item.url,
    )


def input_pieces(
    text: str, removals: Sequence[Removal], removed_texts: Sequence[str]
) -> Iterator[tuple[str, Removal | None]]:
    """The input text in order, in pieces: each kept piece with ``None``, each removed
    piece with its removal. ``text`` is the cleaned text and ``removed_texts`` the text of
    each removal, in the order of ``removals``.

    >>> pieces = input_pieces("Title\\nBody", [Removal("repeated_headline", 6, 12, "copy")],
    ...                       ["Title\\n"])
    >>> [(piece, removal.rule if removal else None) for piece, removal in pieces]
    [('Title\\n', None), ('Title\\n', 'repeated_headline'), ('Body', None)]
    """
    if len(removals) != len(removed_texts):
        raise ValueError(f"{len(removals)} removals but {len(removed_texts)} removed texts: "
                         "pass the text of each removal, in the same order")
    position = 0  # in the input
    taken = 0  # input characters removed so far
    for removal, cut in sorted(zip(removals, removed_texts, strict=True),
                               key=lambda pair: (pair[0].start, pair[0].end)):
        if removal.start < position or len(cut) != removal.end - removal.start:
            raise ValueError(f"removal {removal} overlaps an earlier one or does not match "
                             f"its removed text ({len(cut)} characters)")
        if removal.start > position:
            yield text[position - taken:removal.start - taken], None
        if cut:
            yield cut, removal
        taken += len(cut)
        position = removal.end
    if position - taken < len(text):
        yield text[position - taken:], None


def restore_input(text: str, removals: Sequence[Removal], removed_texts: Sequence[str]) -> str:
    """The input text, rebuilt from the cleaned text, the removals and the removed texts.

    >>> restore_input("Title\\nBody", [Removal("repeated_headline", 6, 12, "copy")],
    ...               ["Title\\n"])
    'Title\\nTitle\\nBody'
    """
    return "".join(piece for piece, _ in input_pieces(text, removals, removed_texts))


def _utf8_size(text: str) -> int:
    # ASCII text (most of the web) is measured without encoding it.
    return len(text) if text.isascii() else len(text.encode("utf-8"))
