"""``repeated_headline``: the title printed again (page title, heading, share card).

The first printing stays. A later line is a copy when it matches the headline exactly or
nearly (rapidfuzz), with a site name added ("Title | Site", "Site: Title") or cut off with an
ellipsis. Copies must stand alone (a blank line or the page edge above and below), which keeps
the repeated lines of a song or a poem out of reach.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import and_, not_

from rapidfuzz import fuzz

from ..config import Config
from ..lineshape import is_headline_like, is_prose
from ..page import Page
from ..textnorm import ELLIPSES, fold
from .repeated_paragraph import removed_copies

RULE = "repeated_headline"
# What a site name attached to a title may look like.
_SITE_SEPARATORS = re.compile(r"\s+[|–—·»:~-]+\s+|\s*::\s*|:\s+")
LONGEST_SITE_NAME = 60
SHORTEST_TRUNCATED_COPY = 12


def find_repeated_headlines(page: Page, config: Config) -> None:
    lines = page.kept_lines()
    stripped = page.stripped
    filled = list(map(bool, map(stripped.__getitem__, lines)))
    content = list(compress(range(len(lines)), filled))
    head = _head_candidates(page, lines, content, config)
    if not head:
        return
    # A paragraph copy that repeated_paragraph removes next is no neighbour.
    doomed = removed_copies(page, config)
    around = (
        list(map(and_, filled, map(not_, map(doomed.__contains__, lines)))) if doomed else filled
    )
    longest_copy = max(len(stripped[lines[position]]) for position in head) + LONGEST_SITE_NAME
    # Lines that could be a copy of some headline: standing alone, short, not a sentence. A
    # line stands alone between two gaps (a blank line, a doomed copy or the page's edge):
    # there are few gaps in most pages.
    gaps = [-1, *compress(range(len(lines)), map(not_, around)), len(lines)]
    gap_set = set(gaps)
    eligible = [
        gap + 1
        for gap in gaps
        if gap + 2 in gap_set
        and filled[gap + 1]
        and is_headline_like(stripped[lines[gap + 1]], SHORTEST_TRUNCATED_COPY, longest_copy)
    ]
    removed: set[int] = set()
    for head_position in head:
        if head_position in removed:
            continue
        headline = fold(stripped[lines[head_position]])
        if not headline:
            continue
        # A copy keeps the headline's first or last word (site names go before or after it).
        words = headline.split()
        first_word, last_word = words[0], words[-1]
        copies = [
            position
            for position in eligible
            if position > head_position
            and position not in removed
            and _shares_a_word(stripped[lines[position]], first_word, last_word)
            and _is_copy(stripped[lines[position]], headline, config)
        ]
        if not copies:
            continue
        head_index = lines[head_position]
        page.metadata.setdefault("headline", stripped[head_index])
        for position in copies:
            removed.add(position)
            reason = f"copy of the headline on line {head_index + 1}"
            page.remove_line(lines[position], RULE, reason)
    if "headline" not in page.metadata:
        page.metadata["headline"] = stripped[lines[head[0]]]


def _head_candidates(
    page: Page, lines: list[int], content: list[int], config: Config
) -> list[int]:
    candidates = []
    for position in content[: config.headline_search_lines]:
        text = page.stripped[lines[position]]
        if is_prose(text):
            break
        if is_headline_like(text, config.headline_min_chars, config.headline_max_chars):
            candidates.append(position)
    return candidates


def _shares_a_word(text: str, first_word: str, last_word: str) -> bool:
    folded = text.casefold()
    return first_word in folded or last_word in folded


def _is_copy(text: str, headline: str, config: Config) -> bool:
    line = fold(text)
    if not line:
        return False
    if line == headline or _similar(line, headline, config):
        return True
    if text.rstrip().endswith(ELLIPSES):
        prefix = fold(text.rstrip().rstrip(".…"))
        if len(prefix) >= SHORTEST_TRUNCATED_COPY and _similar(
            prefix, headline[: len(prefix)], config
        ):
            return True
    return _differs_by_site_name(line, headline, config)


def _similar(first: str, second: str, config: Config) -> bool:
    longer = max(len(first), len(second))
    if longer == 0 or abs(len(first) - len(second)) > longer * (1 - config.headline_similarity):
        return False
    return fuzz.ratio(first, second) >= config.headline_similarity * 100


def _differs_by_site_name(line: str, headline: str, config: Config) -> bool:
    """"Title | Site", "Site: Title" and "Title" are one headline, whichever is printed where."""
    line_forms = _title_forms(line)
    headline_forms = _title_forms(headline)
    if len(line_forms) == 1 and len(headline_forms) == 1:
        return False
    return any(
        _similar(first, second, config) for first in line_forms for second in headline_forms
    )


def _title_forms(text: str) -> list[str]:
    """The text, and each part of it that remains once a site name is taken away."""
    forms = [text]
    parts = _SITE_SEPARATORS.split(text)
    if len(parts) > 1:
        for part in parts:
            part = part.strip()
            if len(part) >= SHORTEST_TRUNCATED_COPY and len(text) - len(part) <= LONGEST_SITE_NAME:
                forms.append(part)
    return forms
