"""The one function that applies removals, shared by every rule and by replay."""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter, le

from .document import Removal


def sorted_removals(removals: Iterable[Removal], text_length: int) -> list[Removal]:
    """Removals in text order, checked to lie inside the text and never to overlap.

    >>> sorted_removals([Removal("b", 4, 6, ""), Removal("a", 0, 2, "")], 6)[0].rule
    'a'
    """
    ordered = sorted(removals, key=_span)
    if not ordered:
        return ordered
    starts, ends = list(map(_start, ordered)), list(map(_end, ordered))
    # Checked at C speed; the removal at fault is looked for only when there is one.
    if not (
        starts[0] >= 0
        and max(ends) <= text_length
        and all(map(le, starts, ends))
        and all(map(le, ends[:-1], starts[1:]))
    ):
        _raise_for_the_first_bad_removal(ordered, text_length)
    return ordered


def _raise_for_the_first_bad_removal(ordered: list[Removal], text_length: int) -> None:
    previous_end = 0
    for removal in ordered:
        if not 0 <= removal.start <= removal.end <= text_length:
            raise ValueError(f"removal {removal} lies outside a text of length {text_length}")
        if removal.start < previous_end:
            raise ValueError(f"removal {removal} overlaps an earlier removal")
        previous_end = removal.end


def apply_removals(text: str, removals: Iterable[Removal]) -> str:
    """The text with every removed span cut out.

    >>> apply_removals("Title\\nTitle\\nBody", [Removal("repeated_headline", 6, 12, "copy")])
    'Title\\nBody'
    """
    ordered = sorted_removals(removals, len(text))
    kept_from = [0, *map(_end, ordered)]
    kept_to = [*map(_start, ordered), len(text)]
    return "".join(map(text.__getitem__, map(slice, kept_from, kept_to)))


_span = itemgetter(1, 2)  # (start, end)
_start = itemgetter(1)
_end = itemgetter(2)
