"""Rows of share buttons inside a page: "Facebook", "Twitter", "E-Mail" on lines of their own.

Each name is chrome at a page's head and tail (the phrase table says so), but extractors
also leave a row of them between the byline and the article, or between the article and its
comments, where a single name could be an item of the article's own list. Two or more button
lines in a row, one of them a name no article lists bare ("Facebook", not "X"), are a row of
buttons wherever they stand.

Only the lines the layout's sieve picked (see :func:`button_starts`) are tried.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .page import BLANK_CHARACTERS, Page
from .tables import load_table
from .textnorm import BULLETS, trie_pattern

SHORTEST_ROW = 2
LONGEST_BUTTON = 60


@dataclass(frozen=True)
class _Buttons:
    line: re.Pattern[str]  # a whole button line, case-folded, whitespace collapsed
    ambiguous: frozenset[str]
    starts: frozenset[str]  # the words a button line can start with


@lru_cache(maxsize=1)
def _buttons() -> _Buttons:
    data = load_table("share_buttons.json")
    # Each word list as a trie: a line costs a few character comparisons, not a try per word.
    bullet = "(?:[" + re.escape(BULLETS) + "][" + re.escape(BLANK_CHARACTERS) + "]*)?"
    line = re.compile(
        bullet + f"(?:(?:{trie_pattern(data['prefixes'])}) )?"
        + f"(?P<target>{trie_pattern(data['targets'])})"
        + f"(?: (?:{trie_pattern(data['endings'])}))?"
        + "(?: ?\\(?\\d+\\)?)?"
    )
    starts = frozenset(words.split()[0] for words in (*data["targets"], *data["prefixes"]))
    return _Buttons(line, frozenset(data["ambiguous"]), starts)


def button_starts() -> frozenset[str]:
    """The first words of button lines, for the sieve that picks the lines worth a look."""
    return _buttons().starts


def share_rows(page: Page, candidates: Iterable[int], keys: list[str]) -> dict[int, str]:
    """The kept lines among ``candidates`` (ascending line indices) that stand in a row of
    share buttons, with the reason; blank lines and lines already removed may part them.
    ``keys`` are the page's paragraph keys (case-folded, whitespace collapsed)."""
    buttons = _buttons()
    stripped, kept = page.stripped, page.kept
    rows: dict[int, str] = {}
    row: list[tuple[int, str]] = []
    for index in candidates:
        text = stripped[index]
        if not kept[index] or len(text) > LONGEST_BUTTON:
            continue
        match = buttons.line.fullmatch(keys[index])
        if match is None:
            continue
        if row and not _only_blank_between(stripped, kept, row[-1][0], index):
            _close(row, buttons.ambiguous, stripped, rows)
            row = []
        row.append((index, match.group("target")))
    _close(row, buttons.ambiguous, stripped, rows)
    return rows


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
