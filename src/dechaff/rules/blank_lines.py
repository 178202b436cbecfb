"""``blank_lines``: runs of empty lines shrink to one; none at the ends; no trailing spaces."""

from __future__ import annotations

from itertools import compress
from operator import is_not, not_

from ..config import Config
from ..page import BLANK_CHARACTERS, Page

RULE = "blank_lines"


def find_blank_lines(page: Page, config: Config) -> None:
    lines = page.kept_lines()
    stripped, contents, starts = page.stripped, page.contents, page.starts
    filled = list(map(bool, map(stripped.__getitem__, lines)))
    content = list(compress(range(len(lines)), filled))
    if not content:
        for index in lines:
            page.remove_line(index, RULE, "document holds only blank lines")
        return
    first, last = content[0], content[-1]
    for position in range(first):
        page.remove_line(lines[position], RULE, "blank line at the start of the document")
    for position in range(last + 1, len(lines)):
        page.remove_line(lines[position], RULE, "blank line at the end of the document")
    most = config.max_blank_lines
    run = 0
    previous = -1
    for position in compress(range(first, last), map(not_, filled[first:last])):
        run = run + 1 if position == previous + 1 else 1
        previous = position
        index = lines[position]
        if run > most:
            page.remove_line(index, RULE, f"blank line beyond {most} in a row")
        elif contents[index]:
            end = starts[index] + len(contents[index])
            page.remove_span(starts[index], end, RULE, "whitespace on an empty line")
    # Only a line that strip changed can end with a blank: str.strip returns the line itself
    # when there is nothing to take away, so most lines are passed over at C speed.
    kept = page.kept
    for index in compress(range(len(contents)), map(is_not, contents, stripped)):
        text = contents[index]
        if not (kept[index] and stripped[index] and text.endswith(_BLANKS)):
            continue
        trimmed = len(text.rstrip(BLANK_CHARACTERS))
        page.remove_span(
            starts[index] + trimmed, starts[index] + len(text), RULE, "trailing whitespace"
        )


_BLANKS = tuple(BLANK_CHARACTERS)
