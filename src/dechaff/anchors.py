"""How much running text each line of a page holds, the measure the article is found by (see
:mod:`dechaff.article`): a line's *weight* is its length when it is a sentence whose words are
in good part function words, half of it for a long unpunctuated line made mostly of them or a
sentence cut off with "...", and nothing for menus, labels and titles. Weights are facts about
single lines, computed once per page; the sums here tell the site_template rule how much
running text a page holds of its own."""

from __future__ import annotations

from collections.abc import Collection
from itertools import filterfalse

from .layout import page_layout
from .lineshape import (
    SCRIPT_SAMPLE_CHARS,
    ends_a_sentence,
    has_words,
    is_doubled,
    is_prose,
    is_unspaced,
    visible,
)
from .page import Page
from .page_text import paragraph_keys
from .running_words import bare_words, learned_words, with_learned
from .textnorm import ELLIPSES

# Shortest line that can be an anchor.
ANCHOR_MIN_CHARS = 25
# Share of function words a punctuated line of four words or more needs to be an anchor.
PROSE_FUNCTION_SHARE = 0.15
# An unpunctuated line is running text with this many words, this share of them function
# words; it counts half (a long headline or a lead without its full stop).
RUNNING_TEXT_WORDS = 8
RUNNING_TEXT_SHARE = 0.30
# Share of a line's words that must be plain words (not numbers or symbols).
WORDY_SHARE = 0.6
# A line this long that is no prose is text of the page's own too (a table row, a line-up).
LONG_LINE_CHARS = 100
# The marks that set a Chinese or Japanese sentence's clauses apart, and its inner full stops.
CLAUSE_MARKS = ("，", "、", "；", "。")
# How a sentence is cut off: a teaser's more often than an article's.
CUT_OFF = (*ELLIPSES, "[…]", "[...]")


def prose_held(page: Page, lines: list[int], absent: frozenset[int]) -> tuple[int, int]:
    """Characters of prose (punctuated running text, see :func:`anchor_weights`) in the page's
    kept lines, and in ``lines`` among them. ``absent`` lines, table chrome and credits count
    for nothing, and a line printed more than once counts once: the figures move only when
    prose of ``lines`` goes, never when another rule removes a copy, a headline or chrome."""
    content = _text_lines(page, absent)
    weight_of = line_weights(page, content)
    keys, stripped = paragraph_keys(page), page.stripped
    prose = [index for index in content if weight_of[index] and is_prose(stripped[index])]
    length = {index: len(visible(stripped[index])) for index in prose}
    total = {keys[index]: length[index] for index in prose}
    chosen = set(lines)
    held = {keys[index]: length[index] for index in prose if index in chosen}
    return sum(total.values()), sum(held.values())


def long_text_beside_prose(page: Page, lines: Collection[int], absent: frozenset[int]) -> int:
    """Characters of the page's kept lines of ``LONG_LINE_CHARS`` or more, ``lines`` left out,
    that :func:`prose_held` counts for nothing (no prose, or no running text: a table's rows,
    a line-up); ``absent`` lines, table chrome and credits count for nothing here either."""
    stripped = page.stripped
    long_lines = [
        index for index in _text_lines(page, absent)
        if len(stripped[index]) >= LONG_LINE_CHARS and index not in lines
    ]
    weight_of = line_weights(page, long_lines)
    return sum(
        len(visible(stripped[index])) for index in long_lines
        if not (weight_of[index] and is_prose(stripped[index]))
    )


def _text_lines(page: Page, absent: frozenset[int]) -> list[int]:
    """The page's kept lines with text, but for ``absent`` ones, table chrome and credits."""
    layout = page_layout(page)
    return [
        index for index in page.kept_content()
        if index not in absent and index not in layout.chrome and index not in layout.credits
    ]


def running_text_lines(page: Page, lines: list[int]) -> list[int]:
    """The lines of ``lines`` that hold running text (see :func:`anchor_weights`)."""
    weight_of = line_weights(page, lines)
    return [index for index in lines if weight_of[index]]


def line_weights(page: Page, lines: list[int]) -> dict[int, float]:
    """:func:`anchor_weights` of ``lines``, each line's computed once per page."""
    known = page.memo.setdefault("anchor_weights", {})
    assert isinstance(known, dict)
    missing = list(filterfalse(known.__contains__, lines))
    if missing:
        extra = learned_words(page)
        known.update(zip(missing, anchor_weights(page, missing, extra), strict=True))
    return known


def anchor_weights(page: Page, lines: list[int], extra_words: frozenset[str]) -> list[float]:
    """For each line, how much running text it holds (0.0 for none): its length (padding left
    out, see :func:`visible`), halved for an unpunctuated line. ``extra_words`` are function
    words learned from a corpus."""
    stripped = page.stripped
    keys = paragraph_keys(page)
    words_table = with_learned(extra_words)
    weights = [0.0] * len(lines)
    long_enough = [
        position for position, index in enumerate(lines)
        if len(stripped[index]) >= ANCHOR_MIN_CHARS
    ]
    for position in long_enough:
        index = lines[position]
        text = visible(stripped[index])
        if len(text) < ANCHOR_MIN_CHARS:
            continue
        prose = is_prose(text)
        if is_unspaced(text):
            weights[position] = _unspaced_weight(text, prose)
            continue
        if not prose and text.count(" ") < RUNNING_TEXT_WORDS - 1:
            continue
        if is_doubled(text):
            continue
        words = bare_words(keys[index])
        count = len(words)
        if count and sum(map(str.isalpha, words)) < WORDY_SHARE * count:
            continue
        share = sum(map(words_table.__contains__, words)) / count if count else 0.0
        if prose:
            if count < 4 or share >= PROSE_FUNCTION_SHARE:
                # A sentence cut off ("...") is a teaser's more often than an article's.
                weights[position] = len(text) / (2 if text.endswith(CUT_OFF) else 1)
        elif count >= RUNNING_TEXT_WORDS and share >= RUNNING_TEXT_SHARE:
            weights[position] = len(text) / 2
    return weights


def _unspaced_weight(text: str, prose: bool) -> float:
    """The weight of a line of Chinese or Japanese, which no function words between spaces
    measure: a sentence counts whole, and so does a long line of clauses; a long line without
    a stop counts half when it runs on through its clauses (the commas U+FF0C and "、"); a line of
    figures counts nothing, nor does a long row of titles and links run together, which has
    no clause at all."""
    characters = text[:SCRIPT_SAMPLE_CHARS].replace(" ", "")
    if sum(map(str.isalpha, characters)) < WORDY_SHARE * len(characters):
        return 0.0
    clauses = sum(map(text.count, CLAUSE_MARKS))
    if prose:
        if not clauses and not ends_a_sentence(text):
            return 0.0  # a prose line by its length alone: titles and links run together
        return len(text) / (2 if text.endswith(CUT_OFF) else 1)
    if clauses and has_words(text, RUNNING_TEXT_WORDS):
        return len(text) / 2
    return 0.0
