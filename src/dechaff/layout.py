"""Where the article sits in a page: the span from its first to its last line of prose.

Lines above it are the page's head, lines below it its tail; chrome phrases that could also
be an article's own words count only there. Lines that other rules remove (chrome, credits,
repeated copies) never mark the body, so the head and tail stay the same when a cleaned text
is cleaned again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lineshape import is_prose
from .page import Page
from .rules.photo_credit import credit_matcher
from .rules.repeated_paragraph import paragraph_key
from .tables import scaffolding_table
from .textnorm import collapse, fold

# Chrome lines are short; longer lines are never compared with the table.
LONGEST_CHROME_LINE = 600


@dataclass(frozen=True)
class Body:
    """Line indices (in the page's numbering) of the first and last prose line."""

    first: int
    last: int

    def holds(self, line_index: int) -> bool:
        return self.first <= line_index <= self.last

    def where(self, line_index: int) -> str:
        return "head" if line_index < self.first else "tail"


def chrome_forms(text: str) -> tuple[str, str] | None:
    """The folded and collapsed forms of a line short enough to be chrome, else None."""
    if len(text) > LONGEST_CHROME_LINE:
        return None
    collapsed = collapse(text)
    return fold(collapsed), collapsed


def find_body(page: Page) -> Body | None:
    """The page's body, or None when it holds no prose (then all of it is head)."""
    table = scaffolding_table()
    credits = credit_matcher()
    seen: set[str] = set()
    first = last = -1
    for line in page.kept_content():
        text = line.stripped
        if not is_prose(text) or credits.matches(text):
            continue
        forms = chrome_forms(text)
        if forms is not None and table.match_anywhere(*forms) is not None:
            continue
        key = paragraph_key(text)
        if key in seen:
            continue
        seen.add(key)
        if first < 0:
            first = line.index
        last = line.index
    return None if first < 0 else Body(first, last)
