"""``repeated_headline``: the title printed again (page title, heading, share card).

The first printing stays. A later line is a copy when it matches the headline exactly or
nearly (rapidfuzz), with a site name added ("Title | Site", "Site: Title") or cut off with an
ellipsis. Copies must stand alone (a blank line or the page edge above and below), which keeps
the repeated lines of a song or a poem out of reach.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..config import Config
from ..lineshape import is_headline_like, is_prose
from ..page import Line, Page
from ..textnorm import fold

RULE = "repeated_headline"
# What a site name attached to a title may look like.
_SITE_SEPARATORS = re.compile(r"\s+[|–—·»:~-]+\s+|\s*::\s*|:\s+")
LONGEST_SITE_NAME = 60
SHORTEST_TRUNCATED_COPY = 12
_ELLIPSES = ("...", "…")


def find_repeated_headlines(page: Page, config: Config) -> None:
    lines = page.kept()
    content_positions = [position for position, line in enumerate(lines) if not line.is_blank]
    head = _head_candidates(lines, content_positions, config)
    if not head:
        return
    folded_heads = [(position, fold(lines[position].stripped)) for position in head]
    removed: set[int] = set()
    for head_position, headline in folded_heads:
        if head_position in removed or not headline:
            continue
        copies = [
            position
            for position in content_positions
            if position > head_position
            and position not in removed
            and _stands_alone(lines, position)
            and _is_copy(lines[position].stripped, headline, config)
        ]
        if not copies:
            continue
        page.metadata.setdefault("headline", lines[head_position].stripped)
        for position in copies:
            removed.add(position)
            page.remove_line(
                lines[position], RULE, f"copy of the headline on line {lines[head_position].index + 1}"
            )
    if "headline" not in page.metadata:
        page.metadata["headline"] = lines[head[0]].stripped


def _head_candidates(lines: list[Line], content_positions: list[int], config: Config) -> list[int]:
    candidates = []
    for position in content_positions[: config.headline_search_lines]:
        text = lines[position].stripped
        if is_prose(text):
            break
        if is_headline_like(text, config.headline_min_chars, config.headline_max_chars):
            candidates.append(position)
    return candidates


def _stands_alone(lines: list[Line], position: int) -> bool:
    before = position == 0 or lines[position - 1].is_blank
    after = position == len(lines) - 1 or lines[position + 1].is_blank
    return before and after


def _is_copy(text: str, headline: str, config: Config) -> bool:
    length = len(text)
    if length < SHORTEST_TRUNCATED_COPY or length > len(headline) + LONGEST_SITE_NAME + 10:
        return False
    line = fold(text)
    if not line:
        return False
    if line == headline or _similar(line, headline, config):
        return True
    if text.rstrip().endswith(_ELLIPSES):
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
