"""``site_template``: lines that a model learned as chrome (see :func:`dechaff.fit`).

A line whose template recurs across the pages of the document's site (its host), or across
many sites, is removed wherever it stands (a short one found across sites, "Sport", "Video",
only at the head or tail of the page: it could be an article's heading). Two cases keep
learned running text:

- the page has no article of its own: less than ``OWN_PROSE_CHARS`` of its prose is not
  learned, and no more of its long lines (a table of results, a line-up: text that is no
  prose). It is probably printed twice on the site (a print view, a tag page), not chrome;
- a learned sentence inside the page's own article (its largest cluster of prose that is not
  learned): a quote or a paragraph that another page of the site printed too.

A learned line that opens the page right above its prose, and opens no other page the model
saw, is the page's own headline that the site's other pages list among their teasers
("Latest news"): it stays too.

Learned prose outside the page's own article goes, however much of it there is: teasers of
other stories, comment threads and "about us" blurbs that the site prints on every page.
"""

from __future__ import annotations

from ..anchors import long_text_beside_prose, prose_held, running_text_lines
from ..article import own_article_span
from ..config import Config
from ..layout import page_body
from ..page import Page
from ..templates import learned_chrome
from .repeated_paragraph import removed_copies

RULE = "site_template"
# Characters of prose a page must hold beside what its site's templates match, to have an
# article of its own (a few sentences).
OWN_PROSE_CHARS = 300


def find_site_templates(page: Page, config: Config) -> bool:
    """Remove the learned lines of the page as it is now; whether any went."""
    learned = learned_chrome(page)
    kept = page.kept
    found = {index: reason for index, reason in learned.anywhere.items() if kept[index]}
    if found:
        # Copies of a paragraph go anyway: they count for nothing here.
        copies = removed_copies(page, config)
        prose, matched = prose_held(page, list(found), copies)
        learned_text = running_text_lines(page, list(found))
        own = prose - matched
        if matched and own + long_text_beside_prose(page, found.keys(), copies) < OWN_PROSE_CHARS:
            protected = learned_text
        else:
            low, high = own_article_span(page, found, copies)
            protected = [index for index in learned_text if low < index < high]
        for index in protected:
            del found[index]
        if learned.own_headline is not None:
            found.pop(learned.own_headline, None)
        page.remove_lines(found, RULE)
    removed = bool(found)
    if learned.edge:
        body = page_body(page, config)
        for index, reason in learned.edge.items():
            if kept[index] and (body is None or not body.holds(index)):
                where = "head" if body is None else body.where(index)
                page.remove_line(index, RULE, f"{reason} at the {where} of the page")
                removed = True
    return removed

