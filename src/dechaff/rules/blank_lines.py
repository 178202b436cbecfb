"""``blank_lines``: runs of empty lines shrink to one; none at the ends; no trailing spaces."""

from __future__ import annotations

from ..config import Config
from ..page import BLANK_CHARACTERS, Page

RULE = "blank_lines"


def find_blank_lines(page: Page, config: Config) -> None:
    lines = page.kept()
    content_positions = [position for position, line in enumerate(lines) if not line.is_blank]
    if not content_positions:
        for line in lines:
            page.remove_line(line, RULE, "document holds only blank lines")
        return
    first, last = content_positions[0], content_positions[-1]
    run = 0
    for position, line in enumerate(lines):
        if position < first:
            page.remove_line(line, RULE, "blank line at the start of the document")
        elif position > last:
            page.remove_line(line, RULE, "blank line at the end of the document")
        elif line.is_blank:
            run += 1
            if run > config.max_blank_lines:
                page.remove_line(line, RULE, f"blank line beyond {config.max_blank_lines} in a row")
            elif line.text:
                page.remove_span(line.start, line.content_end, RULE, "whitespace on an empty line")
        else:
            run = 0
            trimmed = line.text.rstrip(BLANK_CHARACTERS)
            if len(trimmed) < len(line.text):
                page.remove_span(
                    line.start + len(trimmed), line.content_end, RULE, "trailing whitespace"
                )
