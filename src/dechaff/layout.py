"""Where the article sits in a page, and which of its lines are chrome or credits.

The body spans from the first to the last line of prose. Lines above it are the page's head,
lines below it its tail; chrome phrases that could also be an article's own words count only
there. Lines that rules remove (chrome, credits, repeated copies) never mark the body, so the
head and tail stay the same when a cleaned text is cleaned again.

Every line of a corpus passes through here, so the first sieve is a regular expression over
the whole case-folded text, shaped as a trie of the tables' keys; Python code runs only for
the few lines that start like a phrase or a pattern, and for lines long enough to be prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from .config import Config
from .dates import LONGEST_DATE_LINE, DateLine, parse_date_line, year_offsets
from .keyword_lines import add_keyword_lines, caption_lines
from .lineshape import PROSE_MIN_CHARS_CJK, is_prose
from .page import BLANK_CHARACTERS, Page
from .page_text import (
    folded_text,
    line_numbers,
    line_start_text,
    next_with_text,
    paragraph_keys,
)
from .rules.photo_credit import credit_matcher
from .rules.repeated_paragraph import removed_copies
from .shaped_chrome import (
    WEB_FORMS,
    author_box_lines,
    category_lines,
    cookie_declarations,
    feed_links,
    form_thanks,
    site_name_lines,
    stamped_teasers,
    teaser_links,
)
from .share_rows import button_starts
from .tables import PhraseSource, scaffolding_table, section_table, start_keys
from .textnorm import (
    EDGE_PUNCTUATION,
    ICON_GLYPHS,
    collapse,
    fold_collapsed,
    shown,
    trie_pattern,
)

# Chrome lines are short; longer lines are never compared with the table.
LONGEST_CHROME_LINE = 600


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

    ``chrome`` maps the lines that are chrome wherever they stand to their reasons;
    ``edge_chrome`` the lines that are chrome at the head or tail; ``credits`` holds the photo
    credits, ``captions`` those among them that end a caption; ``inline`` the chrome lines
    that sit inside an article's text (teaser links, rating prompts), which, like credits,
    take no part in finding the article; ``topics`` the topic of each line that a keyword line
    of the table names ("appeals for support"). The body is apart
    (:func:`page_body`): it is found once the rules that run first (learned templates,
    boilerplate lines) have had their say.
    """

    chrome: dict[int, str]
    edge_chrome: dict[int, str]
    credits: frozenset[int]
    inline: frozenset[int] = frozenset()
    captions: frozenset[int] = frozenset()  # the credits that end a caption
    topics: dict[int, str] = field(default_factory=dict)
    # The lines the sieve picked: those that start like chrome, a credit or a share button.
    candidates: tuple[int, ...] = ()


def page_layout(page: Page) -> Layout:
    """The layout of the page as it was when first asked for (computed once per page)."""
    layout = page.memo.get("layout")
    if layout is None:
        layout = page.memo["layout"] = _find_layout(page)
    assert isinstance(layout, Layout)
    return layout


def page_body(page: Page, config: Config) -> Body | None:
    """The body of the page: its first and last prose line that no rule removes (computed once
    per page, when first asked for; None when the page has no prose, then all of it is head).
    """
    if "body" not in page.memo:
        layout = page_layout(page)
        page.memo["body"] = _find_body(
            page, layout.chrome, layout.credits, layout.inline, removed_copies(page, config)
        )
    body = page.memo["body"]
    assert body is None or isinstance(body, Body)
    return body


@dataclass(frozen=True)
class _Sieve:
    """Regular expressions that find, in a case-folded text, the lines worth a closer look.

    Each starts with a newline, which the regular expression engine finds at memory speed,
    and tries the table's keys as a trie, so a line costs a few character comparisons.
    """

    words: re.Pattern[str]
    characters: re.Pattern[str]

    def candidate_offsets(self, text: str) -> list[int]:
        """Offsets of the lines that start like chrome or a credit, in a case-folded text
        searched with a newline put in front (see :func:`line_start_text`)."""
        offsets = [match.start() for match in self.words.finditer(text)]
        offsets.extend(match.start() for match in self.characters.finditer(text))
        return offsets


@lru_cache(maxsize=1)
def _sieve() -> _Sieve:
    table = scaffolding_table()
    keys = table.starts | table.chain_starts | credit_matcher().starts | button_starts()
    words = sorted(key for key in keys if not (len(key) == 1 and not key.isalpha()))
    characters = sorted(key for key in keys if len(key) == 1 and not key.isalpha())
    word_pattern = line_start_words(words)
    first = re.escape("".join(key for key in characters if not (key == "#" or key.isdigit())))
    blanks = "[" + re.escape(BLANK_CHARACTERS) + "]*"
    # A line starting with a number is worth a look only when a "#" pattern goes on to match.
    after_numbers = table.anywhere_patterns.after_numbers + table.edge_patterns.after_numbers
    numbered = "|".join(f"(?:{rest})" for rest in after_numbers)
    digits = f"|\\d+ (?:{numbered})" if numbered else ""
    character_pattern = re.compile("\n" + blanks + "(?:[" + first + "]" + digits + ")")
    return _Sieve(word_pattern, character_pattern)


def line_start_words(words: list[str]) -> re.Pattern[str]:
    """A regular expression finding, in a case-folded text with "\\n" put in front, the lines
    that start with one of ``words`` as a whole word (after blanks and punctuation)."""
    lead = "[" + re.escape(EDGE_PUNCTUATION + BLANK_CHARACTERS) + ICON_GLYPHS + "]*"
    return re.compile("\n" + lead + "(?:" + trie_pattern(words) + ")(?![^\\W_])")


@lru_cache(maxsize=1)
def _chain_starts() -> frozenset[str]:
    return scaffolding_table().chain_starts


def _find_layout(page: Page) -> Layout:
    stripped = page.stripped
    folded = folded_text(page)
    candidates = line_numbers(page, folded, _sieve().candidate_offsets(line_start_text(page)))

    table = scaffolding_table()
    chain_starts = _chain_starts()
    credit = credit_matcher()
    kept = page.kept
    chrome: dict[int, str] = {}
    edge_chrome: dict[int, str] = {}
    credits: set[int] = set()
    inline: set[int] = set()
    labels: list[int] = []  # "Foto:" lines, the credited name perhaps on the next line
    forms: list[int] = []  # the lines of web forms the table names
    for index in candidates:
        text = stripped[index]
        if not kept[index] or not text or len(text) > LONGEST_CHROME_LINE:
            continue
        collapsed = collapse(text)
        line_folded = fold_collapsed(collapsed)
        if credit.is_label(text, line_folded):
            labels.append(index)
        line_keys = start_keys(collapsed, line_folded)
        source: PhraseSource | None = table.match_anywhere(line_folded, collapsed, line_keys)
        if source is not None:
            chrome[index] = source.describe(text)
            if source.inline:
                inline.add(index)
            if source.platform == WEB_FORMS:
                forms.append(index)
        elif credit.matches(collapsed, line_keys):
            credits.add(index)
        else:
            source = table.match_edge(line_folded, collapsed, line_keys)
            if source is not None:
                edge_chrome[index] = source.describe(text)
            elif line_keys[0] in chain_starts:
                where = table.match_chain(line_folded)
                if where is not None:
                    reason = f"chrome phrases strung together: {shown(text)}"
                    (chrome if where == "anywhere" else edge_chrome)[index] = reason
    for index in labels:
        name = _credited_name(page, index)
        if name is not None and name not in chrome and name not in edge_chrome:
            chrome.pop(index, None)  # "Foto" is a menu item, too
            edge_chrome.pop(index, None)
            credits.update((index, name))
    topics: dict[int, str] = {}
    add_keyword_lines(page, folded, chrome, edge_chrome, credits, inline, topics)
    named_boxes = (teaser_links(page, folded) | category_lines(page) | feed_links(page, folded)
                   | cookie_declarations(page, folded))
    for index, reason in named_boxes.items():
        if kept[index] and index not in credits:
            chrome.setdefault(index, reason)
    # Set inside the article (a form in its hero, a box of teasers): the article goes on below.
    inline_boxes = form_thanks(page, folded, forms) | stamped_teasers(page, chrome)
    for index, reason in inline_boxes.items():
        if kept[index] and index not in credits and index not in chrome:
            chrome[index] = reason
            inline.add(index)
    for index, reason in site_name_lines(page).items():
        if kept[index] and index not in chrome and index not in credits:
            edge_chrome.setdefault(index, reason)
            inline.add(index)  # a logo: no part in finding the article
    for index, reason in author_box_lines(page).items():
        if kept[index] and index not in credits:
            chrome.setdefault(index, reason)
            edge_chrome.pop(index, None)  # chrome anywhere, and the box's reason says more
    captions = caption_lines(page, folded, chrome, edge_chrome, credits)
    return Layout(chrome, edge_chrome, frozenset(credits | captions), frozenset(inline),
                  frozenset(captions), topics, tuple(candidates))


# The credited name below a credit word ("Foto:" / "WITTERS", "Photo:" / "Getty Images / Jo
# Smith"): a short line that ends no sentence.
LONGEST_CREDITED_NAME = 80
MOST_CREDITED_NAME_WORDS = 10


def _credited_name(page: Page, label: int) -> int | None:
    """The line naming whom a credit word alone on line ``label`` credits, if the next line
    with text looks like a name."""
    following = next_with_text(page, label, 1)
    if following is None or not page.kept[following]:
        return None
    name = page.stripped[following]
    if (
        len(name) > LONGEST_CREDITED_NAME
        or len(name.split()) > MOST_CREDITED_NAME_WORDS
        or name[-1] in ".!?:;,…"
    ):
        return None
    return following


def _find_body(
    page: Page,
    chrome: dict[int, str],
    credits: frozenset[int],
    inline: frozenset[int],
    copies: Collection[int],
) -> Body | None:
    """The first and the last prose line that is no chrome, no credit, no inline chrome (an
    appeal for support may read like prose) and no repeated copy.

    Only the first occurrence of a paragraph marks the body: a copy (``copies``, the lines
    repeated_paragraph removes, a lead cut off with "..." among them) is gone once the text
    is cleaned, and the body must not move when it is cleaned again.
    """
    stripped, kept = page.stripped, page.kept
    long_enough = list(
        compress(range(len(stripped)), map(PROSE_MIN_CHARS_CJK.__le__, map(len, stripped)))
    )

    def marks_body(index: int) -> bool:
        text = stripped[index]
        return (
            kept[index] and index not in chrome and index not in credits
            and index not in inline and is_prose(text)
        )

    first = next((index for index in long_enough if marks_body(index)), -1)
    if first < 0:
        return None
    keys = paragraph_keys(page)
    for index in reversed(long_enough):
        if index <= first:
            break
        # The first printing of its paragraph (a copy is no body line).
        if marks_body(index) and index not in copies and keys.index(keys[index]) == index:
            return Body(first, index)
    return Body(first, first)


# The lead: a standfirst (this many paragraphs of prose) may stand above an article's date,
# byline and share row, the body below them. Only prose counts (a paragraph printed twice
# once): other rules may remove the lines between, and cleaning again must change nothing.
LEAD_PARAGRAPHS = 1


def lead_end(page: Page, content: list[int], first: int) -> int:
    """The line that ends the lead of an article whose first prose line is ``first``: its
    next paragraph of prose after ``LEAD_PARAGRAPHS`` (among ``content``, ascending; past the
    last line when there is none). Chrome and credits that read as prose ("Your email address
    will not be published.") are no paragraph: another rule removes them."""
    stripped, keys = page.stripped, paragraph_keys(page)
    layout = page_layout(page)
    paragraphs: set[str] = set()
    for index in content[bisect_left(content, first) :]:
        if is_prose(stripped[index]) and not (
            index in layout.chrome or index in layout.credits
        ):
            paragraphs.add(keys[index])
            if len(paragraphs) > LEAD_PARAGRAPHS:
                return index
    return len(stripped)


def date_lines(page: Page, lines: list[int]) -> dict[int, DateLine]:
    """The lines of ``lines`` (ascending) that hold only a date, with their dates, in order.

    Several rules ask about overlapping sets of lines: the page's lines that hold a year (every
    date line does) are found once, and each line among them is read when first asked about.
    """
    year_lines = page.memo.get("year_lines")
    if year_lines is None:
        year_lines = page.memo["year_lines"] = _short_lines_with_a_year(page)
    parsed = page.memo.setdefault("parsed_date_lines", {})
    assert isinstance(year_lines, list)
    assert isinstance(parsed, dict)
    stripped = page.stripped
    found = {}
    for index in year_lines:
        position = bisect_left(lines, index)
        if position < len(lines) and lines[position] == index:
            if index not in parsed:
                parsed[index] = parse_date_line(stripped[index])
            date = parsed[index]
            if date is not None:
                found[index] = date
    return found


def _short_lines_with_a_year(page: Page) -> list[int]:
    """The lines short enough for a date line that hold a year, in order."""
    stripped = page.stripped
    holding_a_year = line_numbers(page, page.text, year_offsets(page.text), at_line_start=False)
    return [index for index in holding_a_year if len(stripped[index]) <= LONGEST_DATE_LINE]


def section_openers(page: Page) -> frozenset[int]:
    """The lines that open a section of an article's own content: a recipe's "Ingredients",
    "Zubereitung:", "Prep time: 10 min" (computed once per page).

    A regular expression over the case-folded text finds the few lines that start like one.
    """
    openers = page.memo.get("section_openers")
    if openers is None:
        folded = folded_text(page)
        offsets = [match.start() for match in _section_sieve().finditer(line_start_text(page))]
        table, keys = section_table(), paragraph_keys(page)
        openers = page.memo["section_openers"] = frozenset(
            index for index in line_numbers(page, folded, offsets)
            if table.opens_section(keys[index])
        )
    assert isinstance(openers, frozenset)
    return openers


@lru_cache(maxsize=1)
def _section_sieve() -> re.Pattern[str]:
    table = section_table()
    return line_start_words(sorted({*table.headings, *table.facts}))
