"""``repeated_paragraph``: a paragraph printed again (a lead, a description): the first stays."""

from __future__ import annotations

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
    from ..layout import PROSE_MIN_CHARS_CJK, paragraph_keys  # layout imports this module

    shortest = config.paragraph_min_chars
    stripped = page.stripped
    known = paragraph_keys(page) if shortest >= PROSE_MIN_CHARS_CJK else {}
    first_seen: dict[str, int] = {}
    copies: dict[int, int] = {}
    content = page.kept_content()
    long_enough = map(shortest.__le__, map(len, map(stripped.__getitem__, content)))
    for index in compress(content, long_enough):
        key = known.get(index) or paragraph_key(stripped[index])
        earlier = first_seen.get(key)
        if earlier is None and key.endswith(_ELLIPSES):
            earlier = _truncated_copy_of(key, first_seen, shortest)
        if earlier is None:
            first_seen[key] = index + 1
        else:
            copies[index] = earlier
    return copies


def _truncated_copy_of(key: str, first_seen: dict[str, int], shortest: int) -> int | None:
    prefix = key.rstrip(".…").rstrip()
    if len(prefix) < shortest:
        return None
    for seen, line_number in first_seen.items():
        if len(seen) > len(prefix) and seen.startswith(prefix):
            return line_number
    return None
