"""``site_template``: lines that a model learned as chrome (see :func:`dechaff.fit`).

A line whose template recurs across the pages of the document's site (its host), or across
many sites, is removed wherever it stands (a short one found across sites, "Sport", "Video",
only at the head or tail of the page: it could be an article's heading). Two cases keep
learned running text:

- the page has no article of its own: less than ``OWN_PROSE_CHARS`` of its prose is not
  learned. It is probably printed twice on the site (a print view, a tag page), not chrome;
- a learned sentence inside the page's own article (its largest cluster of prose that is not
  learned): a quote or a paragraph that another page of the site printed too.

Learned prose outside the page's own article goes, however much of it there is: teasers of
other stories, comment threads and "about us" blurbs that the site prints on every page.
"""

from __future__ import annotations

from ..article import CLUSTER_GAP, prose_held, running_text_lines
from ..config import Config
from ..layout import page_body
from ..lineshape import is_prose
from ..page import Page
from ..templates import learned_chrome
from .repeated_paragraph import later_copies

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
        copies = later_copies(page, config) if config.runs("repeated_paragraph") else {}
        prose, matched = prose_held(page, list(found), frozenset(copies))
        learned_text = running_text_lines(page, list(found))
        if matched and prose - matched < OWN_PROSE_CHARS:
            protected = learned_text
        else:
            low, high = _own_article(page, found, frozenset(copies))
            protected = [index for index in learned_text if low < index < high]
        for index in protected:
            del found[index]
        page.remove_lines(found, RULE)
    removed = bool(found)
    if learned.edge:
        body = page_body(page)
        for index, reason in learned.edge.items():
            if kept[index] and (body is None or not body.holds(index)):
                where = "head" if body is None else body.where(index)
                page.remove_line(index, RULE, f"{reason} at the {where} of the page")
                removed = True
    return removed


def _own_article(
    page: Page, learned: dict[int, str], copies: frozenset[int]
) -> tuple[int, int]:
    """The first and last line of the page's own article: the cluster (lines at most
    ``CLUSTER_GAP`` apart) holding the most prose that the model did not learn. Copies of a
    paragraph are left out: another rule removes them."""
    stripped = page.stripped
    content = [index for index in page.kept_content()
               if index not in learned and index not in copies]
    own = [index for index in running_text_lines(page, content) if is_prose(stripped[index])]
    if not own:
        return -1, -1
    clusters = [[own[0]]]
    for index in own[1:]:
        if index - clusters[-1][-1] > CLUSTER_GAP:
            clusters.append([index])
        else:
            clusters[-1].append(index)
    article = max(clusters, key=lambda cluster: sum(len(stripped[i]) for i in cluster))
    return article[0], article[-1]
