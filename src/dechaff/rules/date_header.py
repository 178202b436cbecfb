"""``date_header``: date lines at the head of a page leave the text; the first gives the date."""

from __future__ import annotations

from bisect import bisect_left

from ..config import Config
from ..layout import date_lines, lead_end, page_body
from ..page import Page

RULE = "date_header"


def find_date_headers(page: Page, config: Config) -> None:
    """Remove every date-only line above the article's first prose line, or in its lead
    (below a standfirst, see :func:`dechaff.layout.lead_end`); the first one dates the page."""
    body = page_body(page, config)
    head = page.kept_content()
    if body is not None:
        head = head[: bisect_left(head, lead_end(page, head, body.first))]
    for index, parsed in date_lines(page, head).items():
        text = page.stripped[index]
        if parsed.iso and "date" not in page.metadata:
            page.metadata["date"] = parsed.iso
        where = "head of the page" if body is None or index < body.first else "article's lead"
        page.remove_line(index, RULE, f"date line at the {where} ({text!r})")
