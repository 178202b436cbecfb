"""``repeated_paragraph``: a paragraph printed again (a lead, a description): the first stays."""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress

from ..config import Config
from ..page import Page

RULE = "repeated_paragraph"
_ELLIPSES = ("...", "…")


def paragraph_key(text: str) -> str:
    """What two printings of one paragraph share: words and their case-folded spelling."""
    return " ".join(text.split()).casefold()


def find_repeated_paragraphs(page: Page, config: Config) -> None:
    kept = page.kept
    for index, first_line_number in later_copies(page, config).items():
        if kept[index]:
            page.remove_line(index, RULE, f"paragraph already printed on line {first_line_number}")


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
    from ..layout import paragraph_keys, repeated_paragraph_keys  # layout imports this module

    keys = paragraph_keys(page)
    repeated = repeated_paragraph_keys(page)
    stripped = page.stripped
    shortest = config.paragraph_min_chars
    content = page.kept_content()
    long_enough = [index for index in content if len(stripped[index]) >= shortest]
    copies: dict[int, int] = {}
    first_seen: dict[str, int] = {}
    # Only keys printed twice can have copies; truncated copies ("lead…") are looked up apart.
    printed_twice = map(repeated.__contains__, map(keys.__getitem__, long_enough))
    for index in compress(long_enough, printed_twice):
        earlier = first_seen.setdefault(keys[index], index + 1)
        if earlier != index + 1:
            copies[index] = earlier
    truncated = [index for index in long_enough if keys[index].endswith(_ELLIPSES)]
    for index in truncated:
        if index not in copies:
            earlier_lines = long_enough[: bisect_left(long_enough, index)]
            line_number = _truncated_copy_of(keys[index], keys, earlier_lines, shortest)
            if line_number is not None:
                copies[index] = line_number
    return dict(sorted(copies.items()))


def _truncated_copy_of(
    key: str, keys: list[str], earlier_lines: list[int], shortest: int
) -> int | None:
    prefix = key.rstrip(".…").rstrip()
    if len(prefix) < shortest:
        return None
    for line in earlier_lines:
        seen = keys[line]
        if len(seen) > len(prefix) and seen.startswith(prefix) and seen != key:
            return line + 1
    return None
