"""``date_header``: date lines at the head of a page leave the text; the first gives the date."""

from __future__ import annotations

from ..config import Config
from ..dates import parse_date_line
from ..lineshape import is_prose
from ..page import Page

RULE = "date_header"


def find_date_headers(page: Page, config: Config) -> None:
    """Remove every date-only line above the first prose line; keep the first date.

    A page without prose has no head to speak of, so only its first content line is looked at.
    """
    content = page.kept_content()
    head = content[:1]
    for position, line in enumerate(content):
        if is_prose(line.stripped):
            head = content[:position]
            break
    for line in head:
        parsed = parse_date_line(line.stripped)
        if parsed is None:
            continue
        if parsed.iso and "date" not in page.metadata:
            page.metadata["date"] = parsed.iso
        page.remove_line(line, RULE, f"date line at the head of the page ({line.stripped!r})")
