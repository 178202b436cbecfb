"""Rows of share buttons inside a page: "Facebook", "Twitter", "E-Mail" on lines of their own.

Each name is chrome at a page's head and tail (the phrase table says so), but extractors
also leave a row of them between the byline and the article, or between the article and its
comments, where a single name could be an item of the article's own list. Two or more button
lines in a row, one of them a name no article lists bare ("Facebook", not "X"), are a row of
buttons wherever they stand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .page import BLANK_CHARACTERS, Page
from .tables import load_table
from .textnorm import BULLETS

SHORTEST_ROW = 2
LONGEST_BUTTON = 60


@dataclass(frozen=True)
class _Buttons:
    line: re.Pattern[str]  # a whole button line, case-folded, "\n" in front
    ambiguous: frozenset[str]


@lru_cache(maxsize=1)
def _buttons() -> _Buttons:
    data = load_table("share_buttons.json")

    def choice(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    blanks = "[" + re.escape(BLANK_CHARACTERS) + "]*"
    bullet = "(?:[" + re.escape(BULLETS) + "]" + blanks + ")?"
    line = re.compile(
        "\n" + blanks + bullet + f"(?:(?:{choice(data['prefixes'])}) )?"
        + f"(?P<target>{choice(data['targets'])})"
        + f"(?: (?:{choice(data['endings'])}))?"
        + "(?: ?\\(?\\d+\\)?)?" + blanks + "(?=\n)"
    )
    return _Buttons(line, frozenset(data["ambiguous"]))


def share_rows(page: Page, folded_text: str) -> dict[int, str]:
    """The lines of ``page`` that stand in a row of share buttons, with the reason.

    ``folded_text`` is the page's text case-folded, with the same line breaks.
    """
    buttons = _buttons()
    text = "\n" + folded_text + "\n"
    found = [
        (match.start(), match.group("target"))
        for match in buttons.line.finditer(text)
        if match.end() - match.start() <= LONGEST_BUTTON
    ]
    if len(found) < SHORTEST_ROW:
        return {}
    breaks = _line_starts(text)
    stripped, kept = page.stripped, page.kept
    rows: dict[int, str] = {}
    row: list[tuple[int, str]] = []
    for offset, target in found:
        index = bisect_right(breaks, offset) - 1
        if index >= len(stripped) or not kept[index]:
            continue
        if row and not _only_blank_between(stripped, kept, row[-1][0], index):
            _close(row, buttons.ambiguous, stripped, rows)
            row = []
        row.append((index, target))
    _close(row, buttons.ambiguous, stripped, rows)
    return rows


def _line_starts(text: str) -> list[int]:
    """Offsets of the "\\n" that opens each line of ``"\\n" + text``."""
    starts = []
    position = text.find("\n")
    while position >= 0:
        starts.append(position)
        position = text.find("\n", position + 1)
    return starts


def _only_blank_between(stripped: list[str], kept: list[bool], first: int, last: int) -> bool:
    return all(not stripped[index] or not kept[index] for index in range(first + 1, last))


def _close(
    row: list[tuple[int, str]], ambiguous: frozenset[str], stripped: list[str],
    rows: dict[int, str],
) -> None:
    if len(row) < SHORTEST_ROW or all(target in ambiguous for _, target in row):
        return
    names = ", ".join(repr(stripped[index]) for index, _ in row[:4])
    more = ", ..." if len(row) > 4 else ""
    for index, _ in row:
        rows[index] = f"row of {len(row)} share buttons: {names}{more}"
