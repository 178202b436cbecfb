"""Chrome lines found by a word they hold, not by how they start: the keyword lines of the
scaffolding table ("Ich bin damit einverstanden, ... E-Mails ... zu erhalten", "Alle Rechte
vorbehalten") and captions that end with a photo credit ("... Foto: dpa"). A quick search of the
page for each keyword or trigger says which the page holds; only the lines holding one are
tested, and only the short lines are searched where the phrase's lines are short.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from itertools import compress

from .page import Page
from .page_text import line_numbers, paragraph_keys
from .rules.photo_credit import credit_matcher
from .tables import scaffolding_table
from .textnorm import find_all, shown

# Most keyword lines are this short or shorter: their keywords are looked for in short lines.
SHORT_KEYWORD_LINE = 300


def add_keyword_lines(
    page: Page,
    folded: str,
    chrome: dict[int, str],
    edge_chrome: dict[int, str],
    credits: set[int],
    inline: set[int],
    topics: dict[int, str],
) -> None:
    """Add the lines that a keyword line of the table names (see KeywordLine) to ``chrome`` or
    ``edge_chrome``, among those not named yet, with their topics to ``topics``."""
    kept, stripped, keys = page.kept, page.stripped, paragraph_keys(page)
    # Most pages hold none of the keywords: one quick search for each says which they hold,
    # in the short lines alone when the keyword's lines are short (half a page's text is in
    # lines of prose too long to test).
    short_keys = _short_lines(keys, SHORT_KEYWORD_LINE)
    present = {
        keyword for keyword, longest in _plain_keywords()
        if keyword in (short_keys if longest <= SHORT_KEYWORD_LINE else folded)
    }
    holding: dict[object, list[int]] = {}  # the lines holding each keyword, found once a page
    for keyword_line in scaffolding_table().keyword_lines:
        if keyword_line.finds is None and keyword_line.keyword not in present:
            continue
        search = keyword_line.finds or keyword_line.keyword
        lines = holding.get(search)
        if lines is None:
            offsets = keyword_line.found_in(folded)
            lines = holding[search] = (
                line_numbers(page, folded, offsets, at_line_start=False) if offsets else []
            )
        if not lines:
            continue
        # Lines are tested case-folded with whitespace collapsed: their paragraph keys. Most
        # lines holding a keyword are prose, too long to test.
        short_enough = map(keyword_line.max_chars.__ge__, map(len, map(keys.__getitem__, lines)))
        for index in compress(lines, short_enough):
            if (
                kept[index]
                and index not in chrome
                and index not in edge_chrome
                and index not in credits
            ):
                if not keyword_line.matches(keys[index]):
                    continue
                reason = f"chrome line about {keyword_line.topic}: {shown(stripped[index])}"
                (chrome if keyword_line.anywhere else edge_chrome)[index] = reason
                topics[index] = keyword_line.topic
                if keyword_line.inline:
                    inline.add(index)


@lru_cache(maxsize=1)
def _plain_keywords() -> tuple[tuple[str, int], ...]:
    """The keywords of the table's keyword lines that are plain strings, each once, with the
    longest line any of them names."""
    longest: dict[str, int] = {}
    for line in scaffolding_table().keyword_lines:
        if line.finds is None:
            longest[line.keyword] = max(longest.get(line.keyword, 0), line.max_chars)
    return tuple(longest.items())


def _short_lines(keys: list[str], longest: int, lengths: list[str] | None = None) -> str:
    """The ``keys`` of the lines at most ``longest`` characters long (measured on ``lengths``
    when given, else on the keys), one a line: where a search for the words of short lines
    need not read the long lines of prose."""
    measured = keys if lengths is None else lengths
    pairs = zip(keys, measured, strict=True)
    return "\n".join([key for key, line in pairs if len(line) <= longest])


def caption_lines(
    page: Page, folded: str, *named: Collection[int]
) -> set[int]:
    """Kept lines that end with a photo credit (a caption), among those not ``named`` yet.

    A caption can start with any word, so no sieve finds it by its start: each credit ending
    is tried only on the lines holding one of its triggers ("©", "foto", "stock"), and only
    on a line's last characters (credits are short)."""
    credit = credit_matcher()
    stripped, kept = page.stripped, page.kept
    found: set[int] = set()
    holding: dict[str, list[int]] = {}  # the lines holding each trigger, found once a page
    # A trigger is looked for in the lines short enough to end with a credit, as their keys
    # (no trigger holds a space, which is all that a key changes but case).
    short_keys = _short_lines(paragraph_keys(page), credit.max_chars, stripped)
    present = {trigger for trigger in _triggers() if trigger in short_keys}
    for pattern, triggers in credit.tails:
        lines: set[int] = set()
        for trigger in triggers:
            if trigger not in present:
                continue
            if trigger not in holding:
                offsets = find_all(folded, trigger)
                holding[trigger] = (
                    line_numbers(page, folded, offsets, at_line_start=False) if offsets else []
                )
            lines.update(holding[trigger])
        for index in lines:
            text = stripped[index]
            if (
                kept[index]
                and len(text) <= credit.max_chars
                and index not in found
                and not any(index in chosen for chosen in named)
                and _ends_with(pattern, text)
            ):
                found.add(index)
    return found


@lru_cache(maxsize=1)
def _triggers() -> tuple[str, ...]:
    """The triggers of the credits that end a caption, each once."""
    return tuple(dict.fromkeys(trigger for _, triggers in credit_matcher().tails
                               for trigger in triggers))


# Longest credit at the end of a caption that the patterns of credits.json can match.
_LONGEST_CREDIT_TAIL = 160


def _ends_with(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` (anchored at the end) matches the end of ``text``, searched from
    its last characters only ("^" matches at the true start of a line, never where a search
    begins)."""
    return pattern.search(text, max(0, len(text) - _LONGEST_CREDIT_TAIL)) is not None
