"""``scaffolding``: page chrome from the phrase table, anywhere or at the head and tail.

A phrase counts only when it is the whole line: inside a sentence of the article it is content.
Phrases that could be an article's own words ("Home", "Related") count only at the head or the
tail of the page, outside the span from the first to the last line of prose. Date lines there
are chrome too (the first one at the head is the date header, a rule of its own).
"""

from __future__ import annotations

from ..config import Config
from ..dates import parse_date_line
from ..layout import page_layout
from ..page import Page

RULE = "scaffolding"
LONGEST_DATE_LINE = 80


def find_scaffolding(page: Page, config: Config) -> None:
    layout = page_layout(page)
    body, chrome, edge_chrome = layout.body, layout.chrome, layout.edge_chrome
    stripped = page.stripped
    for index in page.kept_content():
        reason = chrome.get(index)
        if reason is not None:
            page.remove_line(index, RULE, reason)
            continue
        if body is not None and body.holds(index):
            continue
        where = "head" if body is None else body.where(index)
        reason = edge_chrome.get(index)
        if reason is not None:
            page.remove_line(index, RULE, f"{reason} at the {where} of the page")
        elif len(stripped[index]) <= LONGEST_DATE_LINE and parse_date_line(stripped[index]):
            page.remove_line(index, RULE, f"date line at the {where} of the page")
