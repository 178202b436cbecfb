"""The one function that applies removals, shared by every rule and by replay."""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from .document import Removal


def sorted_removals(removals: Iterable[Removal], text_length: int) -> list[Removal]:
    """Removals in text order, checked to lie inside the text and never to overlap.

    >>> sorted_removals([Removal("b", 4, 6, ""), Removal("a", 0, 2, "")], 6)[0].rule
    'a'
    """
    ordered = sorted(removals, key=_span)
    previous_end = 0
    for removal in ordered:
        if not 0 <= removal.start <= removal.end <= text_length:
            raise ValueError(f"removal {removal} lies outside a text of length {text_length}")
        if removal.start < previous_end:
            raise ValueError(f"removal {removal} overlaps an earlier removal")
        previous_end = removal.end
    return ordered


def apply_removals(text: str, removals: Iterable[Removal]) -> str:
    """The text with every removed span cut out.

    >>> apply_removals("Title\\nTitle\\nBody", [Removal("repeated_headline", 6, 12, "copy")])
    'Title\\nBody'
    """
    pieces = []
    position = 0
    for removal in sorted_removals(removals, len(text)):
        pieces.append(text[position:removal.start])
        position = removal.end
    pieces.append(text[position:])
    return "".join(pieces)


_span = itemgetter(1, 2)  # (start, end)
