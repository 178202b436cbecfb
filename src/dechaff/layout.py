"""Where the article sits in a page, and which of its lines are chrome or credits.

The body spans from the first to the last line of prose. Lines above it are the page's head,
lines below it its tail; chrome phrases that could also be an article's own words count only
there. Lines that rules remove (chrome, credits, repeated copies) never mark the body, so the
head and tail stay the same when a cleaned text is cleaned again.

Every line of a corpus passes through here, so the first sieve works on whole lists at C
speed (``map`` over ``str`` methods and dictionary look-ups); Python code runs only for the
few lines that start like a phrase or a pattern, and for lines long enough to be prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter, methodcaller

from .lineshape import PROSE_MIN_CHARS_CJK, is_prose
from .page import Page
from .rules.photo_credit import credit_matcher
from .rules.repeated_paragraph import paragraph_key
from .tables import PhraseSource, scaffolding_table, start_keys
from .textnorm import EDGE_PUNCTUATION, collapse, fold_collapsed

# Chrome lines are short; longer lines are never compared with the table.
LONGEST_CHROME_LINE = 600
_trim_edges = methodcaller("strip", EDGE_PUNCTUATION)
_first_word = methodcaller("partition", " ")
_bare_word = methodcaller("rstrip", ":.：,")
_first_character = itemgetter(slice(0, 1))


@dataclass(frozen=True)
class Body:
    """Line indices of the first and last prose line."""

    first: int
    last: int

    def holds(self, line_index: int) -> bool:
        return self.first <= line_index <= self.last

    def where(self, line_index: int) -> str:
        return "head" if line_index < self.first else "tail"


@dataclass(frozen=True)
class Layout:
    """What the rules need to know about a page's lines, found in one sweep.

    ``body`` is None when the page has no prose (then all of it is head). ``chrome`` maps the
    lines that are chrome wherever they stand to their reasons; ``edge_chrome`` the lines that
    are chrome at the head or tail; ``credits`` holds the photo credits.
    """

    body: Body | None
    chrome: dict[int, str]
    edge_chrome: dict[int, str]
    credits: frozenset[int]


def page_layout(page: Page) -> Layout:
    """The layout of the page as it was when first asked for (computed once per page)."""
    layout = page.memo.get("layout")
    if layout is None:
        layout = page.memo["layout"] = _find_layout(page)
    assert isinstance(layout, Layout)
    return layout


@lru_cache(maxsize=1)
def _sieve_keys() -> tuple[frozenset[str], frozenset[str]]:
    """What a line must show for a closer look: a whole phrase or the first word of a pattern
    (first set), or a first character that starts a pattern (second set: digits, "©", "(")."""
    table = scaffolding_table()
    keys = table.starts | table.chain_starts | credit_matcher().starts
    characters = frozenset(key for key in keys if len(key) == 1 and not key.isalpha())
    return keys, characters


def _folded_lines(folded: str) -> list[str]:
    """Each line of a case-folded text, tabs and NBSP made spaces, punctuation trimmed at both
    ends."""
    for blank in ("\t", "\u00a0", "\u3000"):
        if blank in folded:
            folded = folded.replace(blank, " ")
    # Runs of spaces inside a line are left: rare in chrome, and costly to find in a text
    # indented by its extractor. Such a line is still caught by its first word.
    return list(map(_trim_edges, folded.split("\n")))


def _find_layout(page: Page) -> Layout:
    stripped = page.stripped
    count = len(stripped)
    folded_text = page.text.casefold()
    folded = _folded_lines(folded_text)
    del folded[count:]  # the empty piece after a final "\n"
    words = list(map(itemgetter(0), map(_first_word, folded)))
    keys, first_characters = _sieve_keys()
    candidates = set(compress(range(count), map(keys.__contains__, folded)))
    candidates.update(compress(range(count), map(keys.__contains__, words)))
    candidates.update(compress(range(count), map(keys.__contains__, map(_bare_word, words))))
    candidates.update(
        compress(range(count), map(first_characters.__contains__, map(_first_character, stripped)))
    )

    table = scaffolding_table()
    credit = credit_matcher()
    kept = page.kept
    chrome: dict[int, str] = {}
    edge_chrome: dict[int, str] = {}
    credits: set[int] = set()
    for index in sorted(candidates):
        text = stripped[index]
        if not kept[index] or not text or len(text) > LONGEST_CHROME_LINE:
            continue
        collapsed = collapse(text)
        line_folded = fold_collapsed(collapsed)
        line_keys = start_keys(collapsed, line_folded)
        source: PhraseSource | None = table.match_anywhere(line_folded, collapsed, line_keys)
        if source is not None:
            chrome[index] = source.describe(text)
        elif credit.matches(collapsed, line_keys):
            credits.add(index)
        else:
            source = table.match_edge(line_folded, collapsed, line_keys)
            if source is not None:
                edge_chrome[index] = source.describe(text)
            else:
                where = table.match_chain(line_folded)
                if where is not None:
                    reason = f"chrome phrases strung together: {_shown(text)}"
                    (chrome if where == "anywhere" else edge_chrome)[index] = reason
    for keyword_line in table.keyword_lines:
        if keyword_line.keyword not in folded_text:
            continue
        for index, line_folded in enumerate(folded):
            if (
                keyword_line.keyword in line_folded
                and kept[index]
                and index not in chrome
                and index not in edge_chrome
                and index not in credits
                and keyword_line.matches(" ".join(line_folded.split()))
            ):
                reason = f"chrome line about {keyword_line.keyword}: {_shown(stripped[index])}"
                (chrome if keyword_line.anywhere else edge_chrome)[index] = reason
    return Layout(_find_body(page, chrome, credits), chrome, edge_chrome, frozenset(credits))


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _find_body(page: Page, chrome: dict[int, str], credits: set[int]) -> Body | None:
    stripped, kept = page.stripped, page.kept
    long_enough = map(PROSE_MIN_CHARS_CJK.__le__, map(len, stripped))
    seen: set[str] = set()
    first = last = -1
    for index in compress(range(len(stripped)), long_enough):
        text = stripped[index]
        if not kept[index] or index in chrome or index in credits or not is_prose(text):
            continue
        key = paragraph_key(text)
        if key in seen:
            continue
        seen.add(key)
        if first < 0:
            first = index
        last = index
    return None if first < 0 else Body(first, last)
