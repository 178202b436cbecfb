"""Chrome that the page's layout tells from the shape of lines and their neighbours, where no
single phrase of the table names it: teaser links that end alike, the category lines of a list
of teasers, a box of feed links, teasers stamped with their dates below a box's heading, a
form's thanks beside its fields, the site's name below the page's title, an author box, and the
fields of a cookie declaration.
Each finder returns the lines it names with their reasons; :mod:`dechaff.layout` decides
where they count."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

from .dates import date_stamp_start
from .lineshape import is_prose
from .page import Page
from .page_text import (
    first_with_text,
    line_numbers,
    line_start_text,
    next_with_text,
    paragraph_keys,
)
from .tables import is_box_heading, load_table
from .textnorm import EDGE_PUNCTUATION, ELLIPSES, TITLE_SEPARATORS, find_all, fold, shown

# What joins a page's title and the site's name at its end ("Headline | Site": after ": " comes
# the headline, "Site: Headline"); the name is this short, and the headline before it this
# long at least.
_SITE_NAME_JOINTS = tuple(joint for joint in TITLE_SEPARATORS if joint != ": ")
LONGEST_SITE_NAME = 40
MOST_SITE_NAME_WORDS = 4
SHORTEST_TITLED_HEADLINE = 20
# Letters and digits alone, to compare a name with a host ("tennis MAGAZIN", tennismagazin.de).
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def site_name_lines(page: Page) -> dict[int, str]:
    """The lines above the page's first line of prose that print the site's name, as the
    page's title (its first line) ends with it and the page's host spells it ("Zverev zieht
    ins Viertelfinale ein - tennis MAGAZIN" and the logo's "tennis MAGAZIN" on
    tennismagazin.de): chrome at the head of the page. A title's last part that the host does
    not spell names the page's own subject ("... - Camera - I-64 @ Breckenridge Ln.")."""
    host = page.memo.get("host")
    stripped = page.stripped
    first = first_with_text(page)
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


def form_thanks(page: Page, folded: str, forms: list[int]) -> dict[int, str]:
    """The lines that thank alone ("Vielen Dank!") right beside a web form's field or message
    ("Bitte gib deine E-Mail ein"): the message the form shows once it is sent. A thanks at
    an article's end, or in a comment, has no form beside it."""
    if not forms:
        return {}
    offsets = [match.start() for match in _THANKS.finditer(line_start_text(page))]
    found = {}
    for index in line_numbers(page, folded, offsets):
        above, below = next_with_text(page, index, -1), next_with_text(page, index, 1)
        if above in forms or below in forms:
            found[index] = f"a form's thanks beside its fields: {shown(page.stripped[index])}"
    return found


# A box lists at most this many teasers; a teaser with its date stamp is at most this long, and
# its title at least this many words (not a byline's name: "Anna Berg, 3. Mai 2021").
BOX_MOST_TEASERS = 6
LONGEST_STAMPED_TEASER = 300
LEAST_TEASER_TITLE_WORDS = 3
_SENTENCE_STOPS = (".", "!", "?")


def stamped_teasers(page: Page, chrome: dict[int, str]) -> dict[int, str]:
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


# A teaser link's words after the ellipsis ("... diese Seite aufrufen", "… Read more"): a few,
# and the same on this many lines of the page.
TEASER_TAIL_MOST_WORDS = 4
TEASER_TAIL_MOST_CHARS = 40
TEASER_LINKS_LEAST = 3


def teaser_links(page: Page, folded: str) -> dict[int, str]:
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


def category_lines(page: Page) -> dict[int, str]:
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


def feed_links(page: Page, folded: str) -> dict[int, str]:
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


def author_box_lines(page: Page) -> dict[int, str]:
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


# A cookie declaration (a consent dialog's list of cookies) gives each cookie's expiry on a
# line of its own; a page holding this many such lines holds one. Its fields ("Name: _ga",
# "Anbieter: Google", "Zweck: Sammelt Informationen ...") within FIELD_REACH lines of an expiry
# go with it; a field line is at most LONGEST_COOKIE_FIELD long.
COOKIE_EXPIRIES_LEAST = 2
FIELD_REACH = 8
LONGEST_COOKIE_FIELD = 400
_EXPIRY_LABELS = (
    "fristablauf|ablauf|laufzeit|cookie-laufzeit|speicherdauer|expiry|expiration|expires"
    "|durée|caducidad|vencimiento|scadenza"
)
_COOKIE_LABELS = (
    _EXPIRY_LABELS + "|name|cookie-name|cookie name|anbieter|provider|fournisseur|proveedor"
    "|zweck|purpose|finalité|finalidad|typ|type|auftragsverarbe?iter(?: datenschutzerklärung)?"
    "|datenschutzerklärung|privacy policy|host|hosts|domain"
)
_EXPIRY_LINE = re.compile(rf"\n[^\S\n]*(?:{_EXPIRY_LABELS})[^\S\n]*:")
_COOKIE_FIELD_LINE = re.compile(rf"\n[^\S\n]*(?:{_COOKIE_LABELS})[^\S\n]*:")


def cookie_declarations(page: Page, folded: str) -> dict[int, str]:
    """The fields of a cookie declaration, when the page lists the expiry of
    ``COOKIE_EXPIRIES_LEAST`` cookies or more ("Fristablauf: ein Jahr"): the lines that start
    with a field's label ("Name:", "Anbieter:", "Zweck:", "Typ:") near an expiry. An article's
    own "Name:" or "Zweck:" has no cookie's expiry beside it."""
    text = line_start_text(page)
    expiries = line_numbers(page, folded, [match.start() for match in _EXPIRY_LINE.finditer(text)])
    if len(expiries) < COOKIE_EXPIRIES_LEAST:
        return {}
    stripped = page.stripped
    fields = line_numbers(page, folded, [m.start() for m in _COOKIE_FIELD_LINE.finditer(text)])
    found: dict[int, str] = {}
    for index in fields:
        if len(stripped[index]) > LONGEST_COOKIE_FIELD:
            continue
        position = bisect_right(expiries, index)
        near = expiries[max(position - 1, 0) : position + 1]
        if any(abs(expiry - index) <= FIELD_REACH for expiry in near):
            found[index] = f"field of a cookie declaration: {shown(stripped[index])}"
    return found
