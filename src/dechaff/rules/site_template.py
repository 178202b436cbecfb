"""``site_template``: lines that a model learned as chrome (see :func:`dechaff.fit`).

A line whose template recurs across the pages of the document's site (its host), or across
many sites, is removed wherever it stands (a short one found across sites, "Sport", "Video",
only at the head or tail of the page: it could be an article's heading). When such lines
would take most of a page's prose, the page is probably printed twice on the site (an
update, a print view), not chrome: its running text stays.
"""

from __future__ import annotations

from ..article import prose_held, running_text_lines
from ..config import Config
from ..layout import page_body
from ..page import Page
from ..templates import learned_chrome
from .repeated_paragraph import later_copies

RULE = "site_template"


def find_site_templates(page: Page, config: Config) -> None:
    learned = learned_chrome(page)
    kept = page.kept
    found = {index: reason for index, reason in learned.anywhere.items() if kept[index]}
    if found:
        # Copies of a paragraph go anyway: they count for nothing here.
        copies = later_copies(page, config) if config.runs("repeated_paragraph") else {}
        prose, matched = prose_held(page, list(found), frozenset(copies))
        if matched and 2 * matched > prose:
            for index in running_text_lines(page, list(found)):
                del found[index]
        page.remove_lines(found, RULE)
    if learned.edge:
        body = page_body(page)
        for index, reason in learned.edge.items():
            if kept[index] and (body is None or not body.holds(index)):
                where = "head" if body is None else body.where(index)
                page.remove_line(index, RULE, f"{reason} at the {where} of the page")
