"""The page's text line by line, as the rules read it: each line's paragraph key (case-folded,
whitespace collapsed), the case-folded text, the line that holds an offset of it, and the first
and the next line with text. What is computed is computed once per page (in ``page.memo``)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate, repeat

from .page import BLANK_CHARACTERS, Page

# Whitespace that paragraph_key would change inside a line, besides runs of spaces.
_ODD_SPACES = "".join(
    character for character in map(chr, range(0x3001)) if character.isspace()
).replace(" ", "").replace("\n", "")
_ODD_SPACE = re.compile("[" + re.escape(_ODD_SPACES) + "]")


def line_numbers(
    page: Page, folded_text: str, offsets: list[int], at_line_start: bool = True
) -> list[int]:
    """The line indices of lines starting at ``offsets`` of the case-folded text (or, when
    not ``at_line_start``, holding them)."""
    if len(folded_text) == len(page.text):
        starts = page.starts  # case folding kept every length: the same offsets
    else:
        own = page.memo.get("folded_text") is folded_text
        cached = page.memo.get("folded_starts") if own else None
        if isinstance(cached, list):
            starts = cached  # several searches map offsets of the page's folded text
        else:
            pieces = folded_text.split("\n")
            starts = list(accumulate(map((1).__add__, map(len, pieces)), initial=0))
            if own:
                page.memo["folded_starts"] = starts
    count = len(page.starts)
    if at_line_start:
        lines = set(map(partial(bisect_left, starts), offsets))
    else:
        lines = {line - 1 for line in map(partial(bisect_right, starts), offsets)}
    numbers = sorted(lines)
    del numbers[bisect_left(numbers, count) :]  # offsets past the last line
    return numbers


def first_with_text(page: Page) -> int | None:
    """The page's first line with text (in a whole page's text, its title), or None."""
    return next((index for index, line in enumerate(page.stripped) if line), None)


def next_with_text(page: Page, index: int, step: int) -> int | None:
    """The line with text next to ``index`` (above for a ``step`` of -1, below for 1), with
    one blank line between at most; None when there is none."""
    nearby = range(index + step, min(max(index + 3 * step, -1), len(page)), step)
    return next((line for line in nearby if page.stripped[line]), None)


def paragraph_keys(page: Page) -> list[str]:
    """:func:`paragraph_key` of every line, computed once per page.

    The keys come from the page's case-folded text, and whitespace is collapsed only in the
    lines that need it: the same keys, for a fraction of the work.
    """
    keys = page.memo.get("paragraph_keys")
    if keys is None:
        folded = folded_text(page)
        keys = list(map(str.strip, folded.split("\n"), repeat(BLANK_CHARACTERS)))
        del keys[len(page.stripped) :]  # the empty piece after a final "\n"
        uneven = _uneven_space_offsets(folded)
        for index in line_numbers(page, folded, uneven, at_line_start=False):
            keys[index] = " ".join(keys[index].split())
        page.memo["paragraph_keys"] = keys
    assert isinstance(keys, list)
    return keys


def _uneven_space_offsets(text: str) -> list[int]:
    """Offsets of whitespace that is not a single space between words (newlines aside).

    String searches run at memory speed, a regular expression an order slower: the expression
    runs only when a string search found an odd space.
    """
    offsets = []
    position = text.find("  ")
    while position >= 0:
        offsets.append(position)
        position = text.find("  ", text.find("\n", position) + 1 or len(text))
    if any(character in text for character in _ODD_SPACES):
        offsets.extend(match.start() for match in _ODD_SPACE.finditer(text))
    return offsets


def line_start_text(page: Page) -> str:
    """The page's case-folded text with a newline put in front (computed once per page): there
    a regular expression that starts with a newline finds every line's start, the first
    line's too, and a match starts at its line's offset in the case-folded text."""
    text = page.memo.get("line_start_text")
    if text is None:
        text = page.memo["line_start_text"] = "\n" + folded_text(page)
    assert isinstance(text, str)
    return text


def folded_text(page: Page) -> str:
    """The page's text, case-folded (computed once per page)."""
    text = page.memo.get("folded_text")
    if text is None:
        text = page.memo["folded_text"] = page.text.casefold()
    assert isinstance(text, str)
    return text
