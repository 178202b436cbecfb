"""``scaffolding``: page chrome from the phrase table, anywhere or at the head and tail.

A phrase counts only when it is the whole line: inside a sentence of the article it is content.
Phrases that could be an article's own words ("Home", "Related") count only at the head or the
tail of the page, outside the span from the first to the last line of prose.
"""

from __future__ import annotations

from ..config import Config
from ..dates import parse_date_line
from ..layout import chrome_forms, find_body
from ..page import Page
from ..tables import scaffolding_table

RULE = "scaffolding"


def find_scaffolding(page: Page, config: Config) -> None:
    table = scaffolding_table()
    body = find_body(page)
    for line in page.kept_content():
        text = line.stripped
        forms = chrome_forms(text)
        if forms is None:
            continue
        source = table.match_anywhere(*forms)
        if source is not None:
            page.remove_line(line, RULE, source.describe(text))
            continue
        if body is not None and body.holds(line.index):
            continue
        where = "head" if body is None else body.where(line.index)
        source = table.match_edge(*forms)
        if source is not None:
            page.remove_line(line, RULE, f"{source.describe(text)} at the {where} of the page")
        elif parse_date_line(text) is not None:
            page.remove_line(line, RULE, f"date line at the {where} of the page")
