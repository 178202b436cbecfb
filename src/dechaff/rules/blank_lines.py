"""``blank_lines``: runs of empty lines shrink to one; none at the ends; no trailing spaces."""

from __future__ import annotations

from ..config import Config
from ..page import BLANK_CHARACTERS, Page

RULE = "blank_lines"


def find_blank_lines(page: Page, config: Config) -> None:
    lines = page.kept_lines()
    stripped, contents, starts = page.stripped, page.contents, page.starts
    content = [position for position, index in enumerate(lines) if stripped[index]]
    if not content:
        for index in lines:
            page.remove_line(index, RULE, "document holds only blank lines")
        return
    first, last = content[0], content[-1]
    most = config.max_blank_lines
    run = 0
    for position, index in enumerate(lines):
        if position < first:
            page.remove_line(index, RULE, "blank line at the start of the document")
        elif position > last:
            page.remove_line(index, RULE, "blank line at the end of the document")
        elif not stripped[index]:
            run += 1
            if run > most:
                page.remove_line(index, RULE, f"blank line beyond {most} in a row")
            elif contents[index]:
                end = starts[index] + len(contents[index])
                page.remove_span(starts[index], end, RULE, "whitespace on an empty line")
        else:
            run = 0
            text = contents[index]
            if text[-1] in BLANK_CHARACTERS:
                trimmed = len(text.rstrip(BLANK_CHARACTERS))
                page.remove_span(
                    starts[index] + trimmed, starts[index] + len(text), RULE, "trailing whitespace"
                )
