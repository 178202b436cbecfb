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
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, compress, repeat

from .config import Config
from .dates import LONGEST_DATE_LINE, DateLine, date_stamp_start, parse_date_line, year_offsets
from .lineshape import PROSE_MIN_CHARS_CJK, is_prose
from .page import BLANK_CHARACTERS, Page
from .rules.photo_credit import credit_matcher
from .rules.repeated_paragraph import removed_copies
from .share_rows import button_starts
from .tables import (
    PhraseSource,
    is_box_heading,
    load_table,
    scaffolding_table,
    section_table,
    start_keys,
)
from .textnorm import (
    EDGE_PUNCTUATION,
    ELLIPSES,
    ICON_GLYPHS,
    collapse,
    find_all,
    fold,
    fold_collapsed,
    shown,
    trie_pattern,
)

# Whitespace that paragraph_key would change inside a line, besides runs of spaces.
_ODD_SPACES = "".join(
    character for character in map(chr, range(0x3001)) if character.isspace()
).replace(" ", "").replace("\n", "")
_ODD_SPACE = re.compile("[" + re.escape(_ODD_SPACES) + "]")
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

    def candidate_offsets(self, folded_text: str) -> list[int]:
        """Offsets (in ``folded_text``) of the lines that start like chrome or a credit."""
        text = "\n" + folded_text
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


def line_numbers(
    page: Page, folded_text: str, offsets: list[int], at_line_start: bool = True
) -> list[int]:
    """The line indices of lines starting at ``offsets`` of the case-folded text (or, when
    not ``at_line_start``, holding them)."""
    if len(folded_text) == len(page.text):
        starts = page.starts  # case folding kept every length: the same offsets
    else:
        own = page.memo.get("folded_text") is folded_text
        cached = page.memo.get("folded_starts") if own else None
        if isinstance(cached, list):
            starts = cached  # several searches map offsets of the page's folded text
        else:
            pieces = folded_text.split("\n")
            starts = list(accumulate(map((1).__add__, map(len, pieces)), initial=0))
            if own:
                page.memo["folded_starts"] = starts
    count = len(page.starts)
    if at_line_start:
        lines = set(map(partial(bisect_left, starts), offsets))
    else:
        lines = {line - 1 for line in map(partial(bisect_right, starts), offsets)}
    numbers = sorted(lines)
    del numbers[bisect_left(numbers, count) :]  # offsets past the last line
    return numbers


def _find_layout(page: Page) -> Layout:
    stripped = page.stripped
    folded = folded_text(page)
    candidates = line_numbers(page, folded, _sieve().candidate_offsets(folded))

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
    _add_keyword_lines(page, folded, chrome, edge_chrome, credits, inline, topics)
    named_boxes = _teaser_links(page, folded) | _category_lines(page) | _feed_links(page, folded)
    for index, reason in named_boxes.items():
        if kept[index] and index not in credits:
            chrome.setdefault(index, reason)
    for index in _form_thanks(page, folded, forms):
        if kept[index] and index not in chrome:
            chrome[index] = f"a form's thanks beside its fields: {shown(stripped[index])}"
            inline.add(index)
    for index, reason in _site_name_lines(page).items():
        if kept[index] and index not in chrome and index not in credits:
            edge_chrome.setdefault(index, reason)
            inline.add(index)  # a logo: no part in finding the article
    for index, reason in _stamped_teasers(page, chrome).items():
        if kept[index] and index not in credits and index not in chrome:
            chrome[index] = reason
            inline.add(index)  # a box set inside the article: the article goes on below it
    for index, reason in _author_box_lines(page).items():
        if kept[index] and index not in credits:
            chrome.setdefault(index, reason)
            edge_chrome.pop(index, None)  # chrome anywhere, and the box's reason says more
    captions = _caption_lines(page, folded, chrome, edge_chrome, credits)
    return Layout(chrome, edge_chrome, frozenset(credits | captions), frozenset(inline),
                  frozenset(captions), topics, tuple(candidates))


# The credited name below a credit word ("Foto:" / "WITTERS", "Photo:" / "Getty Images / Jo
# Smith"): a short line that ends no sentence.
LONGEST_CREDITED_NAME = 80
MOST_CREDITED_NAME_WORDS = 10


# What joins a page's title and the site's name at its end ("Headline | Site"); the name is
# this short, and the headline before it this long at least.
_SITE_NAME_JOINTS = (" | ", " - ", " – ", " — ", " :: ", " · ")
LONGEST_SITE_NAME = 40
MOST_SITE_NAME_WORDS = 4
SHORTEST_TITLED_HEADLINE = 20
# Letters and digits alone, to compare a name with a host ("tennis MAGAZIN", tennismagazin.de).
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def _site_name_lines(page: Page) -> dict[int, str]:
    """The lines above the page's first line of prose that print the site's name, as the
    page's title (its first line) ends with it and the page's host spells it ("Zverev zieht
    ins Viertelfinale ein - tennis MAGAZIN" and the logo's "tennis MAGAZIN" on
    tennismagazin.de): chrome at the head of the page. A title's last part that the host does
    not spell names the page's own subject ("... - Camera - I-64 @ Breckenridge Ln.")."""
    host = page.memo.get("host")
    stripped = page.stripped
    first = next((index for index, line in enumerate(stripped) if line), None)
    if not isinstance(host, str) or first is None:
        return {}
    keys = paragraph_keys(page)
    title = keys[first]
    cut = max(title.rfind(joint) for joint in _SITE_NAME_JOINTS)
    if cut < SHORTEST_TITLED_HEADLINE:
        return {}
    name = title[cut:].split(" ", 2)[-1]
    if len(name) > LONGEST_SITE_NAME or name.count(" ") >= MOST_SITE_NAME_WORDS:
        return {}
    if not _spells(host, name):
        return {}
    reason = f"the site's name, as the page's title ends: {shown(stripped[first])}"
    found: dict[int, str] = {}
    for index in range(first + 1, len(stripped)):
        if is_prose(stripped[index]):
            break
        if keys[index] == name:
            found[index] = reason
    return found


def _spells(host: str, name: str) -> bool:
    """Whether a site's host spells its name (case, spaces and punctuation aside): the name is
    in the host, or the host's own label is in the name ("lemire.me", "Daniel Lemire's blog").

    >>> _spells("tennismagazin.de", "tennis magazin"), _spells("lemire.me", "daniel lemire's blog")
    (True, True)
    >>> _spells("511.ky.gov", "i-64 @ breckenridge ln.")
    False
    """
    squeezed = _NOT_LETTER_OR_DIGIT.sub("", name)
    labels = host.split(".")
    own = max(labels[:-1] or labels, key=len)
    return len(squeezed) >= 3 and (
        squeezed in _NOT_LETTER_OR_DIGIT.sub("", host) or (len(own) >= 4 and own in squeezed)
    )


# The table's platform of web forms, whose fields and messages are chrome.
WEB_FORMS = "web forms"
# A thanks alone on a line ("Vielen Dank!", "Thank you!"), in the case-folded text.
_THANKS = re.compile(
    r"\n[^\S\n]*(?:vielen dank|danke(?: schön| sehr)?|thank you(?: very much)?|thanks"
    r"|merci(?: beaucoup)?|gracias|grazie|obrigad[oa]|dziękujemy|dank je(?:wel)?|bedankt"
    r"|terima kasih|спасибо)[^\S\n]*[!.]?[^\S\n]*(?=\n|$)"
)


def _form_thanks(page: Page, folded: str, forms: list[int]) -> list[int]:
    """The lines that thank alone ("Vielen Dank!") right beside a web form's field or message
    ("Bitte gib deine E-Mail ein"): the message the form shows once it is sent. A thanks at
    an article's end, or in a comment, has no form beside it."""
    if not forms:
        return []
    offsets = [match.start() for match in _THANKS.finditer("\n" + folded)]
    found = []
    for index in line_numbers(page, folded, offsets):
        above, below = next_with_text(page, index, -1), next_with_text(page, index, 1)
        if above in forms or below in forms:
            found.append(index)
    return found


# A box lists at most this many teasers; a teaser with its date stamp is at most this long, and
# its title at least this many words (not a byline's name: "Anna Berg, 3. Mai 2021").
BOX_MOST_TEASERS = 6
LONGEST_STAMPED_TEASER = 300
LEAST_TEASER_TITLE_WORDS = 3
_SENTENCE_STOPS = (".", "!", "?")


def _stamped_teasers(page: Page, chrome: dict[int, str]) -> dict[int, str]:
    """The lines below a box's heading ("Lee también...", "Ähnliche Artikel") that end with
    a date stamp after a title: the teasers of other stories that the box lists, wherever it
    stands. A sentence of the article ends with a stop, not a date."""
    keys = paragraph_keys(page)
    stripped = page.stripped
    found: dict[int, str] = {}
    for heading in sorted(chrome):
        if not is_box_heading(keys[heading]):
            continue
        line = heading
        for _ in range(BOX_MOST_TEASERS):
            index = next_with_text(page, line, 1)
            if index is None or index in chrome:
                break
            line = index
            text = stripped[index]
            start = date_stamp_start(text) if len(text) <= LONGEST_STAMPED_TEASER else None
            title = text[:start].rstrip(" |,-–—·•/") if start is not None else ""
            if (
                len(title.split()) < LEAST_TEASER_TITLE_WORDS
                or title.endswith(_SENTENCE_STOPS)
                or text.endswith(_SENTENCE_STOPS)  # a sentence that names a date at its end
            ):
                break
            found[index] = f"teaser below {shown(stripped[heading])}: a title and its date"
    return found


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


def _add_keyword_lines(
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
    kept, stripped = page.kept, page.stripped
    # Most pages hold none of the keywords: one quick search for each says which they hold.
    present = [keyword for keyword in _plain_keywords() if keyword in folded]
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
        keys = paragraph_keys(page)
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


# A teaser link's words after the ellipsis ("... diese Seite aufrufen", "… Read more"): a few,
# and the same on this many lines of the page.
TEASER_TAIL_MOST_WORDS = 4
TEASER_TAIL_MOST_CHARS = 40
TEASER_LINKS_LEAST = 3


def _teaser_links(page: Page, folded: str) -> dict[int, str]:
    """Lines that end like at least ``TEASER_LINKS_LEAST`` others with a link after an
    ellipsis: a teaser cut off and its link ("Taufe... diese Seite aufrufen", "The council
    met on … Read more"). A site's menu of such teasers can hold more running text than the
    article, and an article's own lines seldom end so, three times alike."""
    offsets = [offset for ellipsis in ELLIPSES for offset in find_all(folded, ellipsis)]
    if len(offsets) < TEASER_LINKS_LEAST:
        return {}
    keys = paragraph_keys(page)
    by_tail: dict[str, list[int]] = {}
    for index in line_numbers(page, folded, sorted(offsets), at_line_start=False):
        key = keys[index]
        cut = max(map(key.rfind, ELLIPSES))
        tail = key[cut:].lstrip(".… ").rstrip(" »>→›")
        if (
            any(map(str.isalpha, tail))  # a link's words, not the "]" of "[…]"
            and len(tail) <= TEASER_TAIL_MOST_CHARS
            and tail.count(" ") < TEASER_TAIL_MOST_WORDS
            and not any(stop in tail for stop in ".!?")
        ):
            by_tail.setdefault(tail, []).append(index)
    return {
        index: f"teaser link, one of {len(lines)} ending in {shown('... ' + tail)}"
        for tail, lines in by_tail.items() if len(lines) >= TEASER_LINKS_LEAST
        for index in lines
    }


# Capital letters of the alphabets a name or a category starts with.
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁŁŚŻŹĆŃĘĄŠČŽ"
# A teaser's categories on a line of their own, after its title: "in Community, USA",
# "19.11.2021 in Afrika, Flucht und Migration", "en Politique" (the word for "in" of de, en,
# nl, it, fr, es, pt, pl, id), each category capitalised, no sentence stop. The expression
# starts with a newline, which the engine finds at memory speed.
_CATEGORY_LINE = re.compile(
    r"\n[ \t]*(?:(?:in|en|em|w|di) |\d{1,2}\.\d{1,2}\.\d{2,4} (?:in|en|em|w|di) )"
    rf"[{_UPPER}][^,.!?\n]{{0,40}}(?:, [{_UPPER}][^,.!?\n]{{0,40}})*[ \t\r]*(?=\n|$)"
)
CATEGORY_LINES_LEAST = 3
LONGEST_CATEGORY_LINE = 120


def _category_lines(page: Page) -> dict[int, str]:
    """Lines that name a teaser's categories, when at least ``CATEGORY_LINES_LEAST`` do: a
    list of teasers, each title with its categories below ("in Community, USA"). An
    article's own line seldom starts with "in" and a capitalised name, three times, with
    nothing else."""
    text = page.text
    # Searched with a newline put in front: each match starts where its line does.
    offsets = [match.start() for match in _CATEGORY_LINE.finditer("\n" + text)]
    if len(offsets) < CATEGORY_LINES_LEAST:
        return {}
    stripped = page.stripped
    lines = [index for index in line_numbers(page, text, offsets)
             if len(stripped[index]) <= LONGEST_CATEGORY_LINE]
    if len(lines) < CATEGORY_LINES_LEAST:
        return {}
    return {index: f"categories of a teaser, one of {len(lines)} lines: {shown(stripped[index])}"
            for index in lines}


# A blog's box of feed links: "Subscribe To" over "Posts", "Atom", "Comments", "Atom", each on
# a line of its own. Two lines that name a feed's format, this few lines apart, make one; the
# short lines beside them say what each feed carries.
FEED_BOX_REACH = 6
FEED_LABEL_MOST_WORDS = 2


@lru_cache(maxsize=1)
def feed_formats() -> frozenset[str]:
    """The names of feed formats ("atom", "rss"), case-folded: ``feeds`` of comments.json."""
    return frozenset(fold(word) for word in load_table("comments.json")["feeds"])


def _feed_links(page: Page, folded: str) -> dict[int, str]:
    """The lines of a box of feed links: lines that name a feed's format alone, at least two
    within ``FEED_BOX_REACH`` lines, and the labels of one or two words right beside them.

    A line "Comments" in such a box heads no comment thread; left alone after the box's other
    lines go, it would look like one."""
    offsets = find_all(folded, "atom") + find_all(folded, "rss")
    if len(offsets) < 2:
        return {}
    keys, stripped = paragraph_keys(page), page.stripped
    formats = feed_formats()
    feeds = [index for index in line_numbers(page, folded, sorted(offsets), at_line_start=False)
             if keys[index].strip(EDGE_PUNCTUATION) in formats]
    boxed = [index for position, index in enumerate(feeds)
             if (position and index - feeds[position - 1] <= FEED_BOX_REACH)
             or (position + 1 < len(feeds) and feeds[position + 1] - index <= FEED_BOX_REACH)]
    found: set[int] = set(boxed)
    for index in boxed:
        for step in (-1, 1):
            label = next_with_text(page, index, step)
            if (
                label is not None
                and len(keys[label].split()) <= FEED_LABEL_MOST_WORDS
                and not any(map(stripped[label].endswith, ".!?:;,"))
            ):
                found.add(label)
    return {index: f"feed link in a box of feeds: {shown(stripped[index])}"
            for index in sorted(found) if page.kept[index]}


def next_with_text(page: Page, index: int, step: int) -> int | None:
    """The line with text next to ``index`` (above for a ``step`` of -1, below for 1), with
    one blank line between at most; None when there is none."""
    nearby = range(index + step, min(max(index + 3 * step, -1), len(page)), step)
    return next((line for line in nearby if page.stripped[line]), None)


@lru_cache(maxsize=1)
def _plain_keywords() -> tuple[str, ...]:
    """The keywords of the table's keyword lines that are plain strings, each once."""
    lines = scaffolding_table().keyword_lines
    return tuple(dict.fromkeys(line.keyword for line in lines if line.finds is None))


def _caption_lines(
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
    present = [trigger for trigger in _triggers() if trigger in folded]
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


_NAME_WORD = f"[{_UPPER}][^\\W\\d_]*(?:['’.-][^\\W\\d_]+)*\\.?"
_NAME = re.compile(
    f"{_NAME_WORD}(?: (?:{_NAME_WORD}|von|van|de|der|den|da|del|di|du|la|le|zu)){{1,3}}"
)


def is_person_name(text: str) -> bool:
    """Whether a line is a person's name and nothing else: two to four capitalised words,
    particles between ("Juan Carlos Muñoz C.", "Ludwig van Beethoven")."""
    return _NAME.fullmatch(text) is not None


# A short line starting with a capital, then (blank lines between) a paragraph that starts
# with it: the few lines worth a closer look. The look-ahead drops long lines at once.
_NAMED_PARAGRAPH = re.compile(
    f"\n(?=[^\\n]{{4,45}}\n)[ \\t]*([{_UPPER}][^\\n]{{3,40}}?)[ \\t\\r]*\n"
    "(?:[ \\t\\r]*\n)*[ \\t]*\\1(?=[ ,(])"
)
# How a byline names the author: "von Inga Buller", "By Anna Smith", "Autor: ...".
_BYLINE_WORDS = (
    "by|von|par|por|di|door|de|od|autor|autorin|author|text|texto|texte|redaktion|penulis|oleh"
)
LONGEST_BYLINE = 150
LONGEST_AUTHOR_BIO = 1000


def _author_box_lines(page: Page) -> dict[int, str]:
    """An author box: the byline's author named on a line of its own, then a paragraph that
    starts with the name ("Inga Buller" / "Inga Buller ist Head of Social bei CHIP ...").

    The byline ("19.03.2019 | von Inga Buller") tells it apart from an article's own
    paragraph about a person, who is its subject, not its author.
    """
    text = page.text
    found: dict[int, str] = {}
    for match in _named_paragraphs(page):
        name = match.group(1)
        name_start = match.start(1)
        if not _NAME.fullmatch(name) or text.find(name, 0, name_start) < 0:
            continue
        name_line = bisect_right(page.starts, name_start) - 1
        bio_line = bisect_right(page.starts, match.end() - 1) - 1
        bio = page.stripped[bio_line]
        if len(bio) > LONGEST_AUTHOR_BIO or not is_prose(bio):
            continue
        byline = re.compile(
            f"(?:^|[^\\w])(?i:{_BYLINE_WORDS})\\s*:?\\s+{re.escape(name)}(?![^\\W\\d_])"
        )
        stripped = page.stripped
        byline_line = next((
            line for line in range(name_line)
            if len(stripped[line]) <= LONGEST_BYLINE and byline.search(stripped[line])
        ), None)
        if byline_line is not None:
            reason = f"author box of the byline's author ({name!r}, line {byline_line + 1})"
            found[name_line] = reason
            found[bio_line] = reason
    return found


def _named_paragraphs(page: Page) -> list[re.Match[str]]:
    """The matches of _NAMED_PARAGRAPH in the page's text, as ``finditer`` finds them.

    The expression is tried only where a line is followed by a line (blank lines between)
    that starts with it, which a name line and its paragraph are: a few lines of a page.
    """
    stripped = page.stripped
    content = list(compress(range(len(stripped)), stripped))
    texts = list(compress(stripped, stripped))
    starting_alike = map(str.startswith, texts[1:], texts[:-1])
    matches = []
    searched_to = 0  # a match never starts inside an earlier one
    for index in compress(content, starting_alike):
        position = page.starts[index] - 1  # the newline before the line
        if position >= searched_to:
            match = _NAMED_PARAGRAPH.match(page.text, position)
            if match is not None:
                matches.append(match)
                searched_to = match.end()
    return matches


# Longest credit at the end of a caption that the patterns of credits.json can match.
_LONGEST_CREDIT_TAIL = 160


def _ends_with(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` (anchored at the end) matches the end of ``text``, searched from
    its last characters only ("^" matches at the true start of a line, never where a search
    begins)."""
    return pattern.search(text, max(0, len(text) - _LONGEST_CREDIT_TAIL)) is not None


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


def paragraph_keys(page: Page) -> list[str]:
    """:func:`paragraph_key` of every line, computed once per page.

    The keys come from the page's case-folded text, and whitespace is collapsed only in the
    lines that need it: the same keys, for a fraction of the work.
    """
    keys = page.memo.get("paragraph_keys")
    if keys is None:
        folded = folded_text(page)
        keys = list(map(str.strip, folded.split("\n"), repeat(BLANK_CHARACTERS)))
        del keys[len(page.stripped) :]  # the empty piece after a final "\n"
        uneven = _uneven_space_offsets(folded)
        for index in line_numbers(page, folded, uneven, at_line_start=False):
            keys[index] = " ".join(keys[index].split())
        page.memo["paragraph_keys"] = keys
    assert isinstance(keys, list)
    return keys


def _uneven_space_offsets(text: str) -> list[int]:
    """Offsets of whitespace that is not a single space between words (newlines aside).

    String searches run at memory speed, a regular expression an order slower: the expression
    runs only when a string search found an odd space.
    """
    offsets = []
    position = text.find("  ")
    while position >= 0:
        offsets.append(position)
        position = text.find("  ", text.find("\n", position) + 1 or len(text))
    if any(character in text for character in _ODD_SPACES):
        offsets.extend(match.start() for match in _ODD_SPACE.finditer(text))
    return offsets


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


def folded_text(page: Page) -> str:
    """The page's text, case-folded (computed once per page)."""
    text = page.memo.get("folded_text")
    if text is None:
        text = page.memo["folded_text"] = page.text.casefold()
    assert isinstance(text, str)
    return text


def section_openers(page: Page) -> frozenset[int]:
    """The lines that open a section of an article's own content: a recipe's "Ingredients",
    "Zubereitung:", "Prep time: 10 min" (computed once per page).

    A regular expression over the case-folded text finds the few lines that start like one.
    """
    openers = page.memo.get("section_openers")
    if openers is None:
        folded = folded_text(page)
        offsets = [match.start() for match in _section_sieve().finditer("\n" + folded)]
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
