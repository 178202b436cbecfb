"""Where the article's edges fall once its clusters of running text are chosen (see
:mod:`dechaff.article`): the lines around and between the kept clusters that stay with them (a
headline the page's title repeats, a list the article introduces, the text below a box of links,
the end of a broken sentence, code beside the text, an article's own sections) and those that go
with them (an appeal's box at the end, sentences stranded far below). Each function changes the
``kept`` flags of one round in place."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress
from operator import gt, lt

from .layout import page_layout
from .lineshape import CLOSERS, PROSE_MIN_CHARS, is_sentence
from .page import Page
from .page_text import next_with_text, paragraph_keys
from .running_words import bare_words, learned_words, with_learned
from .tables import is_box_heading
from .textnorm import TITLE_SEPARATORS

# How far above the article its headline may stand, and how long it is at least.
HEADLINE_REACH = 8
HEADLINE_MIN_CHARS = 20
# Most lines of a box of links inside an article, its heading aside ("Related stories" and
# the titles of a few stories).
BOX_MOST_LINES = 6
# An appeal's text at the article's end holds less than this share of the running text above.
APPEAL_MOST_SHARE = 0.1
# A heading of the article's own section (ingredients, steps) counts this many lines away from
# a kept cluster; a section below a cluster runs at most this many lines.
SECTION_REACH = 30
LONGEST_SECTION = 60
# A kept line this many words long that stops without a sentence end breaks off a sentence:
# shorter ones are labels and menu items ("Mehr lesen").
BROKEN_SENTENCE_MIN_WORDS = 6
# The number of a list's item: "3. ", "3) ".
_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)]\s")


def numbered_after(page: Page, index: int) -> bool:
    """Whether line ``index`` is an item of a numbered list whose previous item is the line
    with text above it ("3. HSV" below "2. Sport")."""
    number = _ITEM_NUMBER.match(page.stripped[index])
    above = next_with_text(page, index, -1)
    if number is None or above is None:
        return False
    previous = _ITEM_NUMBER.match(page.stripped[above])
    return previous is not None and int(previous[1]) + 1 == int(number[1])


def keep_headline_of_the_title(
    page: Page, lines: list[int], first: int, kept: list[bool], is_named: list[bool]
) -> None:
    """Keep the article's headline when the first line taking part (in a whole page's text,
    its title) repeats it ("Title | Section | Site"): a line at most ``HEADLINE_REACH`` lines
    above the article's first kept cluster at ``first``, which the tabs and bylines in between
    ("Photo", "Video") would otherwise cut off from it."""
    if not lines or first == 0:
        return
    keys = paragraph_keys(page)
    title = keys[lines[0]]
    for position in range(first - 1, max(first - 1 - HEADLINE_REACH, 0), -1):
        key = keys[lines[position]]
        if kept[position] or is_named[position] or len(key) < HEADLINE_MIN_CHARS:
            continue
        if _titled(title, key):
            kept[position] = True
            return


def _titled(title: str, headline: str) -> bool:
    """Whether a page's title is ``headline``, alone or with other parts joined to it
    ("Headline | Section | Site", "Site: Headline"); both case-folded.

    >>> _titled("update | crash victims named | news | the gleaner", "update | crash victims named")
    True
    >>> _titled("crash victims named in court", "crash victims named")
    False
    """
    return (
        title == headline
        or title.startswith(tuple(headline + joint for joint in TITLE_SEPARATORS))
        or title.endswith(tuple(joint + headline for joint in TITLE_SEPARATORS))
    )


def closing_appeal(
    page: Page, lines: list[int], kept: list[bool], last: int, weights: list[float]
) -> dict[int, str]:
    """Let the text go that two lines of one appeal frame at the article's end ("Unterstütze
    RosaMag bereits mit 2,50!", two sentences on why, "Bereits mit 2,50 Euro, kannst du unsere
    Arbeit unterstützen ..."): at most ``BOX_MOST_LINES`` lines, the last one the last kept
    anchor at ``last`` with the closing plea right below it, holding less than
    ``APPEAL_MOST_SHARE`` of the running text above them. Appeals may stand inside an
    article, so neither line splits it; a plea set before the article's last paragraphs has
    more of the article below it, or no second plea right below. The box's lines are no
    longer ``kept``; they are returned with their reason."""
    layout = page_layout(page)
    framing = {index: topic for index, topic in layout.topics.items()
               if index in layout.inline and index in layout.edge_chrome}
    if len(framing) < 2:
        return {}
    end = lines[last]
    closing = min((index for index in framing if index > end), default=None)
    opening = max((index for index in framing if index < end), default=None)
    if closing is None or opening is None or framing[opening] != framing[closing]:
        return {}
    start = bisect_left(lines, opening)
    if (
        last + 1 - start > BOX_MOST_LINES
        or next_with_text(page, end, 1) != closing
        or not all(kept[start : last + 1])
        or sum(weights[start : last + 1]) >= APPEAL_MOST_SHARE * sum(weights[:start])
    ):
        return {}
    kept[start : last + 1] = [False] * (last + 1 - start)
    reason = f"an appeal's text at the article's end, between {framing[opening]} on lines " \
        f"{opening + 1} and {closing + 1}"
    return dict.fromkeys(lines[start : last + 1], reason)


def drop_stranded_sentences(
    page: Page, lines: list[int], kept: list[bool], last: int, end: int
) -> None:
    """Let the short sentences go that stand alone far below the article: past the first run
    of more than ``BOX_MOST_LINES`` lines that go between its last kept anchor at ``last`` and
    the comments at ``end``. A box set inside the article is shorter; what stands below a
    longer run is lists of teasers, whose one-sentence summaries ("Diese Firmen haben die
    meisten Mitarbeiter.", "Braucht Gott all die prächtigen Kathedralen?") are no article
    text. A sentence with kept lines next to it stays, and so does a longer one or one without
    a word of the function-word table: running text in a language the table does not know (a
    transcript in Korean) is no anchor either."""
    words_table = with_learned(learned_words(page))
    keys = paragraph_keys(page)
    run = 0
    for position in range(last + 1, end):
        if not kept[position]:
            run += 1
        elif run > BOX_MOST_LINES:
            stranded = [
                later for later in range(position, end)
                if kept[later] and not kept[later - 1] and not (later + 1 < end and kept[later + 1])
                and len(page.stripped[lines[later]]) < PROSE_MIN_CHARS
                and any(map(words_table.__contains__, bare_words(keys[lines[later]])))
            ]
            for later in stranded:
                kept[later] = False
            return
        else:
            run = 0


def keep_text_below_a_box(
    page: Page, lines: list[int], last: int, kept: list[bool], is_named: list[bool]
) -> None:
    """Keep the full sentences that go on with the article below a box of links set inside it
    ("Related stories" and the titles of a few stories), when the box comes right after the
    article's last kept anchor at ``last``: the box's heading is a line the tables name, and
    it and its titles (no sentences) take at most ``BOX_MOST_LINES`` lines. Teasers are cut
    off or are titles; a comment thread comes below a heading of its own. A page cut short
    below the box ends on a broken sentence, which stays too."""
    count, stripped = len(lines), page.stripped
    end = min(count, last + 2 + BOX_MOST_LINES)
    heading = next((position for position in range(last + 1, end) if is_named[position]), None)
    if heading is None:
        return
    if not is_box_heading(paragraph_keys(page)[lines[heading]]):
        return
    last_words = lines[-1] if _cut_off_by_the_page_end(page, lines[-1]) else None

    def goes_on(position: int) -> bool:
        """Whether the line at ``position`` is the article's text: a sentence, or the page's
        last line where the page cuts a sentence off."""
        return is_sentence(stripped[lines[position]]) or lines[position] == last_words

    position = heading + 1
    while position < end and not is_named[position] and not goes_on(position):
        position += 1
    if position >= end:
        return  # more lines than a box holds
    start = position
    while position < count and not is_named[position] and goes_on(position):
        position += 1
    kept[start:position] = [True] * (position - start)


def _cut_off_by_the_page_end(page: Page, index: int) -> bool:
    """Whether line ``index`` is the page's last and breaks off a sentence there: running
    words that stop on a function word or a comma ("Según el dirigente, el acuerdo fue
    insistir en"), where a title stops on a noun. A crawl cut the page short."""
    stripped = page.stripped
    if any(stripped[index + 1 :]) or not _breaks_off(stripped[index]):
        return False
    if stripped[index].endswith(","):
        return True
    words = bare_words(paragraph_keys(page)[index])
    return bool(words) and words[-1] in with_learned(learned_words(page))


def keep_sections(
    opens: list[bool], first: int, last: int, kept: list[bool], closes: list[bool]
) -> int:
    """Keep the sections of the article's own content next to a kept cluster (from ``first``
    to ``last``): a recipe's ingredients and steps under their headings (see
    :func:`dechaff.tables.section_table`). A section above the cluster runs from its heading
    down to the cluster; one below, from its heading down to the next line the tables name
    (at most ``LONGEST_SECTION`` lines). Returns the new first kept position above."""
    top = None
    for position in range(first - 1, max(first - 1 - SECTION_REACH, -1), -1):
        if opens[position]:
            top = position
    if top is not None:
        kept[top:first] = [True] * (first - top)
        first = top
    count = len(opens)
    heading = next((position for position in range(last + 1, min(last + 1 + SECTION_REACH, count))
                    if opens[position]), None)
    if heading is not None:
        end = heading
        while end < count and end - heading < LONGEST_SECTION and not (
            end > heading and closes[end]
        ):
            kept[end] = True
            end += 1
    return first


def next_flagged(flags: list[bool], value: bool, start: int) -> int:
    """The first position from ``start`` on where ``flags`` holds ``value`` (or the end):
    list.index searches in C, where a loop would step through every line."""
    try:
        return flags.index(value, start)
    except ValueError:
        return len(flags)


def keep_introduced_list(
    page: Page, lines: list[int], last: int, kept: list[bool], is_named: list[bool]
) -> None:
    """Keep a list that the article introduces with its last anchor or right after it ("This
    is what you need:", "Zutaten:"): the introducing line, then its items. One blank line may follow
    the introduction; each item is then at most as far from the one before as that one was
    from its own predecessor (a page that sets every block apart puts a blank line between
    all of them; once two lines follow each other with none, a blank line ends the list).
    Among items set apart, a line with another right below it or a heading ending with a
    colon opens another block."""
    position = last + 1
    if position >= len(lines) or kept[position] or is_named[position]:
        return
    if _ends_with_a_colon(page.stripped[lines[last]]):
        position = last  # the last anchor is the introduction ("... Read about:")
    elif _ends_with_a_colon(page.stripped[lines[position]]):
        kept[position] = True
    else:
        return
    introduction, gap = position, 2
    while position + 1 < len(lines) and not is_named[position + 1]:
        step = lines[position + 1] - lines[position]
        set_apart = position > introduction and step == 2
        if step > gap or (set_apart and _opens_a_block(page, lines, position + 1, is_named)):
            break
        position += 1
        kept[position] = True
        gap = step


def _opens_a_block(page: Page, lines: list[int], position: int, is_named: list[bool]) -> bool:
    """Whether the line at ``position``, among items set apart by blank lines, opens a block of
    another kind: it has another line (not one the tables name) right below it (a list of
    tags, a menu), or it ends with a colon (a heading of its own: "Artikel empfehlen:")."""
    return (
        position + 1 < len(lines)
        and lines[position + 1] - lines[position] == 1
        and not is_named[position + 1]
    ) or _ends_with_a_colon(page.stripped[lines[position]])


def _ends_with_a_colon(text: str) -> bool:
    """Whether a line introduces what follows ("Zutaten:", "Artikel empfehlen:")."""
    return text.rstrip(CLOSERS).endswith((":", "："))


def keep_sentence_endings(
    page: Page, lines: list[int], kept: list[bool], is_named: list[bool]
) -> None:
    """Keep the end of a sentence that a kept line breaks off: the next line, with no blank
    line between, when the kept line is running words with no sentence end ("... laden zu
    ausgedehnten Touren ein, z.B. das") and the next line goes on in lower case
    ("abwechslungsreiche Freizeitangebot ab."). A text extractor or a fixed-width page broke
    the sentence; alone, its short tail looks like a label."""
    stripped = page.stripped
    for position in compress(range(1, len(lines)), map(gt, kept, kept[1:])):
        while (
            position < len(lines)
            and not kept[position]
            and not is_named[position]
            and lines[position] == lines[position - 1] + 1
            and _breaks_off(stripped[lines[position - 1]])
            and stripped[lines[position]][:1].islower()
        ):
            kept[position] = True
            position += 1


def _breaks_off(text: str) -> bool:
    """Whether a line of running words stops in the middle of a sentence: at least
    ``BROKEN_SENTENCE_MIN_WORDS`` words, the last a word or followed by a comma.

    >>> _breaks_off("Eine Vielzahl an Ausflugsmöglichkeiten, z.B. das")
    True
    >>> _breaks_off("Die Vermieter waren so freundlich.")
    False
    >>> _breaks_off("Home News Sport")
    False
    """
    last = text[-1:]
    return (
        (last.isalpha() or last == ",")
        and text.count(" ") + 1 >= BROKEN_SENTENCE_MIN_WORDS
    )


def keep_code_next_to_kept_text(
    page: Page, lines: list[int], kept: list[bool], is_named: list[bool]
) -> None:
    """Keep the lines of code that follow or precede kept text (a tutorial's commands and
    listings, see :func:`looks_like_code`): they are no running text, and a listing between
    two paragraphs would otherwise go as a run of short lines. One line that is not code may
    sit between two that are (``pass``, a closing word)."""
    stripped = page.stripped
    count = len(lines)

    def code(position: int) -> bool:
        return not kept[position] and not is_named[position] and looks_like_code(
            stripped[lines[position]]
        )

    # Where runs of lines that go begin after kept text, and end before it (found in C).
    after_kept = compress(range(1, count), map(gt, kept, kept[1:]))
    before_kept = compress(range(count - 1), map(lt, kept, kept[1:]))
    for starts, step in ((list(after_kept), 1), (list(before_kept), -1)):
        for position in starts:
            while 0 <= position < count:
                between = (  # a line that is not code, followed by code
                    0 <= position + step < count and not kept[position]
                    and not is_named[position] and code(position + step)
                )
                if not (code(position) or between):
                    break
                kept[position] = True
                position += step


_CODE_START = re.compile(
    r"import \w|from [\w.]+ import |def \w|class \w+[(:]|#include|sudo |pip3? |npm |git "
    r"|apt(?:-get)? |docker |curl |wget |\$ |>>> |FROM |RUN |COPY |WORKDIR |netsh "
)
# Each pattern starts with a plain character, which the engine finds at memory speed.
_CALL = re.compile(r"\((?<=\w\()")
_ASSIGNMENT = re.compile(r"=(?:(?<=[\w\])'\"]=)|(?<=[\w\])'\"] =))\s*\S")
_TAG = re.compile(r"<(?:/?[a-z]+[^<>]*)>")


def looks_like_code(text: str) -> bool:
    """Whether a line looks like a line of code or a shell command: a call, an assignment, a
    brace or semicolon at its end, an arrow, a tag, or a start like "import x", "$ ", "sudo".

    >>> looks_like_code("from django.conf import settings"), looks_like_code("x = load(path)")
    (True, True)
    >>> looks_like_code("Kontakt"), looks_like_code("games (5)"), looks_like_code("Home | News")
    (False, False, False)
    """
    if _CODE_START.match(text) or text.rstrip()[-1:] in ("{", "}", ";"):
        return True
    if "->" in text or "=>" in text or "::" in text:
        return True
    return bool(
        ("(" in text and _CALL.search(text))
        or ("=" in text and _ASSIGNMENT.search(text))
        or ("<" in text and _TAG.search(text))
    )
