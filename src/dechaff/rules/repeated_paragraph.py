"""``repeated_paragraph``: a paragraph printed again (a lead, a description): the first stays."""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, repeat

from ..config import Config
from ..page import Page
from ..page_text import paragraph_keys
from ..textnorm import ELLIPSES

RULE = "repeated_paragraph"


def paragraph_key(text: str) -> str:
    """What two printings of one paragraph share: words and their case-folded spelling."""
    return " ".join(text.split()).casefold()


def find_repeated_paragraphs(page: Page, config: Config) -> None:
    kept = page.kept
    for index, first_line_number in later_copies(page, config).items():
        if kept[index]:
            page.remove_line(index, RULE, f"paragraph already printed on line {first_line_number}")


def removed_copies(page: Page, config: Config) -> frozenset[int]:
    """The lines this rule removes, for the rules that ask before it runs (a copy that will
    go is no neighbour and holds no article text): none when it does not run."""
    if not config.runs(RULE):
        return frozenset()
    copies = page.memo.get("removed_copies")
    if copies is None:
        copies = page.memo["removed_copies"] = frozenset(later_copies(page, config))
    assert isinstance(copies, frozenset)
    return copies


def later_copies(page: Page, config: Config) -> dict[int, int]:
    """The kept lines that print again an earlier paragraph, with the earlier one's line
    number. Other rules ask for it (a copy that will go is no neighbour), so it is found once
    per page: removing other lines never changes which lines are copies of which.
    """
    copies = page.memo.get("later_copies")
    if copies is None:
        copies = page.memo["later_copies"] = _find_later_copies(page, config)
    assert isinstance(copies, dict)
    return copies


def _find_later_copies(page: Page, config: Config) -> dict[int, int]:
    keys = paragraph_keys(page)
    stripped = page.stripped
    shortest = config.paragraph_min_chars
    content = page.kept_content()
    long_enough = list(
        compress(content, map(shortest.__le__, map(len, map(stripped.__getitem__, content))))
    )
    long_keys = list(map(keys.__getitem__, long_enough))
    copies: dict[int, int] = {}
    # Most pages print every paragraph once: the copies are looked for only when some key is
    # there twice.
    if len(set(long_keys)) < len(long_keys):
        first_seen: dict[str, int] = {}
        for index, key in zip(long_enough, long_keys, strict=True):
            earlier = first_seen.setdefault(key, index + 1)
            if earlier != index + 1:
                copies[index] = earlier
    # Truncated copies ("lead…") are looked up apart.
    truncated = compress(long_enough, map(str.endswith, long_keys, repeat(ELLIPSES)))
    for index in truncated:
        if index not in copies:
            earlier_keys = long_keys[: bisect_left(long_enough, index)]
            line_number = _truncated_copy_of(keys[index], earlier_keys, long_enough, shortest)
            if line_number is not None:
                copies[index] = line_number
    return dict(sorted(copies.items()))


def _truncated_copy_of(
    key: str, earlier_keys: list[str], lines: list[int], shortest: int
) -> int | None:
    """The line number of the first of ``earlier_keys`` (the keys of ``lines``, in order) that
    goes on where the truncated ``key`` stops, or None."""
    prefix = key.rstrip(".…").rstrip()
    if len(prefix) < shortest:
        return None
    starting_alike = map(str.startswith, earlier_keys, repeat(prefix))
    for position in compress(range(len(earlier_keys)), starting_alike):
        seen = earlier_keys[position]
        if len(seen) > len(prefix) and seen != key:
            return lines[position] + 1
    return None
