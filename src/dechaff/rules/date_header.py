"""``date_header``: date lines at the head of a page leave the text; the first gives the date."""

from __future__ import annotations

from bisect import bisect_left

from ..config import Config
from ..layout import date_lines, page_body, paragraph_keys
from ..lineshape import is_prose
from ..page import Page

RULE = "date_header"
# A date line below this many paragraphs of the article's prose still dates it: a standfirst
# often stands above the date, the body below it. Only prose counts (a paragraph printed twice
# once): other rules may remove the lines between, and cleaning again must change nothing.
LEAD_PARAGRAPHS = 1


def find_date_headers(page: Page, config: Config) -> None:
    """Remove every date-only line above the article's first prose line, or below its
    standfirst (``LEAD_PARAGRAPHS``); the first one dates the page."""
    body = page_body(page, config)
    head = page.kept_content()
    if body is not None:
        head = _head_and_lead(page, head, bisect_left(head, body.first))
    for index, parsed in date_lines(page, head).items():
        text = page.stripped[index]
        if parsed.iso and "date" not in page.metadata:
            page.metadata["date"] = parsed.iso
        where = "head of the page" if body is None or index < body.first else "article's lead"
        page.remove_line(index, RULE, f"date line at the {where} ({text!r})")


def _head_and_lead(page: Page, content: list[int], first: int) -> list[int]:
    """The lines of ``content`` above its ``first`` prose line, and below it up to the next
    paragraph of prose after ``LEAD_PARAGRAPHS``."""
    stripped, keys = page.stripped, paragraph_keys(page)
    paragraphs: set[str] = set()
    end = first
    for index in content[first:]:
        if is_prose(stripped[index]):
            paragraphs.add(keys[index])
            if len(paragraphs) > LEAD_PARAGRAPHS:
                break
        end += 1
    return content[:end]
