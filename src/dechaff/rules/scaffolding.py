"""``scaffolding``: page chrome from the phrase table, anywhere or at the head and tail.

A phrase counts only when it is the whole line: inside a sentence of the article it is content.
Phrases that could be an article's own words ("Home", "Related") count only at the head or the
tail of the page, outside the span from the first to the last line of prose.
"""

from __future__ import annotations

from ..config import Config
from ..dates import parse_date_line
from ..lineshape import is_prose
from ..page import Line, Page
from ..tables import scaffolding_table
from ..textnorm import collapse, fold
from .photo_credit import credit_matcher
from .repeated_paragraph import paragraph_key

RULE = "scaffolding"
# Chrome lines are short; longer lines are never compared with the table.
LONGEST_CHROME_LINE = 600


def find_scaffolding(page: Page, config: Config) -> None:
    table = scaffolding_table()
    content = page.kept_content()
    normal_forms: list[tuple[str, str] | None] = []
    reasons: dict[int, str] = {}
    for position, line in enumerate(content):
        text = line.stripped
        if len(text) > LONGEST_CHROME_LINE:
            normal_forms.append(None)
            continue
        collapsed = collapse(text)
        folded = fold(collapsed)
        normal_forms.append((folded, collapsed))
        source = table.match_anywhere(folded, collapsed)
        if source is not None:
            reasons[position] = source.describe(text)

    bounds = _body_bounds(content, reasons)
    for position, line in enumerate(content):
        forms = normal_forms[position]
        if forms is None or position in reasons:
            continue
        if bounds is not None and bounds[0] <= position <= bounds[1]:
            continue
        where = "head" if bounds is None or position < bounds[0] else "tail"
        source = table.match_edge(*forms)
        if source is not None:
            reasons[position] = f"{source.describe(line.stripped)} at the {where} of the page"
        elif where == "tail" and parse_date_line(line.stripped) is not None:
            reasons[position] = "date line at the tail of the page"

    for position in sorted(reasons):
        page.remove_line(content[position], RULE, reasons[position])


def _body_bounds(content: list[Line], chrome: dict[int, str]) -> tuple[int, int] | None:
    """First and last prose line, ignoring chrome, credits and repeated copies.

    Other rules remove credits and copies; ignoring them here keeps the head and tail the
    same when a cleaned text is cleaned again.
    """
    credits = credit_matcher()
    seen: set[str] = set()
    first = last = -1
    for position, line in enumerate(content):
        text = line.stripped
        if position in chrome or not is_prose(text) or credits.matches(text):
            continue
        key = paragraph_key(text)
        if key in seen:
            continue
        seen.add(key)
        if first < 0:
            first = position
        last = position
    return None if first < 0 else (first, last)
