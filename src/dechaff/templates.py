"""Line templates: the form a line of chrome keeps from page to page of a site.

A site prints the same chrome on every page with its numbers changed: "Posted by Anna at 10:32
AM", "© 2021 Example Ltd", "123 comments", "Friday, March 4, 2022". A template is the line
case-folded, its whitespace collapsed, a list mark at its start left out ("* Home" and
"Home", as two extractors print one menu), a space before a colon left out ("Hamburg : Fähren"
and "Hamburg: Fähren", as two crawls print one teaser's kicker and title), every run of digits
written "#" and, in a short line with numbers, every month or weekday name "@", so that those
variants share one template.
Templates are computed for a whole page at once, from the case-folded line keys the layout
computes anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

from .lineshape import is_prose
from .model import Model, SiteTemplates
from .page import Page
from .page_text import first_with_text, paragraph_keys
from .tables import date_table
from .textnorm import shown

# Longer lines are never a template: a site prints a long notice or disclaimer on every page
# (a site's paragraphs must recur on half of its pages), but a line this long is a whole page
# scraped as one line, and counting it would hold a copy of it in memory.
LONGEST_TEMPLATE_LINE = 100_000
# Month and weekday names are written "@" in lines with numbers up to this long (dates,
# bylines, counters); in longer lines they stay.
LONGEST_CALENDAR_LINE = 80
# "\d+" in a form whose first item is a character class: the engine then skips the other
# characters in a tight loop instead of trying a match at each of them (a third faster).
_DIGITS = re.compile(r"\d\d*")
# A list mark at the start of a line ("* Home", "• Home", "- Home", and "o Home" as
# inscriptis marks the third depth of a nested list): one extractor prints a menu with marks,
# another without, and a site's menu is one template either way.
_LIST_MARK = re.compile(r"^(?:[*+•·◦▪‣-]+|o) +", re.MULTILINE)
# The same after a newline, which the engine finds at memory speed (few pages hold a list
# mark, and looking for one at every position costs more than the removal).
_LIST_MARK_INSIDE = re.compile(r"\n(?:[*+•·◦▪‣-]+|o) +")
_LIST_MARKS = tuple("*+•·◦▪‣-o")


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    table = date_table()
    return frozenset({*table.month_numbers, *table.weekdays})


_WORD_EDGES = ".,;:!?()[]{}\"'«»“”„‘’/-–—|"


def _calendar_free(line: str, calendar: frozenset[str]) -> str:
    """The words of a line that name a month or a weekday written "@" (punctuation kept)."""
    words = line.split(" ")
    for position, word in enumerate(words):
        core = word.strip(_WORD_EDGES)
        if core in calendar:
            words[position] = word.replace(core, "@", 1)
    return " ".join(words)


def _has_list_mark(text: str) -> bool:
    """Whether a line of ``text`` starts with a list mark (see ``_LIST_MARK``)."""
    if text.startswith(_LIST_MARKS) and _LIST_MARK.match(text):
        return True
    return _LIST_MARK_INSIDE.search(text) is not None


def line_template(text: str) -> str:
    """The template of one line ("" for a blank line or one too long to be chrome).

    >>> line_template("Posted by Anna at 10:32 AM")
    'posted by anna at #:# am'
    >>> line_template("Friday,  March 4, 2022") == line_template("Monday, May 30, 2022")
    True
    >>> line_template("© 2021 Example Ltd"), line_template("123 comments")
    ('© # example ltd', '# comments')
    """
    return page_templates(text)[0]


def page_templates(text: str) -> list[str]:
    """The template of every line of ``text`` (split on "\\n"; a final "\\n" adds no line)."""
    return page_line_templates(Page(text))


def page_line_templates(page: Page) -> list[str]:
    """The template of every line of a page, from its paragraph keys (case-folded, whitespace
    collapsed: computed once per page and shared with the layout), computed once per page."""
    templates = page.memo.get("templates")
    if templates is None:
        keys = paragraph_keys(page)
        joined = "\n".join(keys)
        if _DIGITS.search(joined):
            joined = _DIGITS.sub("#", joined)
        if _has_list_mark(joined):
            joined = _LIST_MARK.sub("", joined)
        if " :" in joined:
            joined = joined.replace(" :", ":")
        templates = joined.split("\n") if keys else []
        if len(joined) > LONGEST_TEMPLATE_LINE:
            for index in [i for i, line in enumerate(templates)
                          if len(line) > LONGEST_TEMPLATE_LINE]:
                templates[index] = ""
        calendar = _calendar_words()
        # a date's month or weekday name varies with its numbers
        for index in [i for i, line in enumerate(templates)
                      if "#" in line and len(line) <= LONGEST_CALENDAR_LINE]:
            templates[index] = _calendar_free(templates[index], calendar)
        page.memo["templates"] = templates
    assert isinstance(templates, list)
    return templates


def host_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host name, lower case, without "www.".

    >>> host_of("https://WWW.Example.com:8080/news/1"), host_of("not a url"), host_of(None)
    ('example.com', None, None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


# A template found across sites counts anywhere when it has this many words ("skip to
# content", "leave a reply"); a shorter one ("sport", "video", a lone number) could be an
# article's own heading, and counts only at the head and tail of the page.
ANYWHERE_CROSS_SITE_WORDS = 3


@dataclass(frozen=True)
class LearnedChrome:
    """Lines a model learned as chrome: ``anywhere`` (a site's own templates, long templates
    found across sites) and ``edge`` (short templates found across sites), with reasons; and
    ``own_headline``, a line among them that is the page's own headline (see
    :func:`_own_headline`): the site_template rule leaves it, and the other rules see it as
    learned, as they do on the site's other pages."""

    anywhere: dict[int, str]
    edge: dict[int, str]
    own_headline: int | None = None


# A page's first line is its own headline, not the teaser that the site prints on other pages,
# when the model saw it open this many pages at most (one: this page), it is this short, and
# the page's prose starts within PROSE_BELOW_HEADLINE lines below it (a byline, a date, a share row
# between): a header that opens one page only ("Skip to content") has a menu below it.
MOST_HEADLINE_OPENINGS = 1
LONGEST_OWN_HEADLINE = 200
PROSE_BELOW_HEADLINE = 5


def _own_headline(page: Page, site: SiteTemplates | None) -> int | None:
    """The page's first line, when it is a site template that opens no other page: a story's
    headline at the head of its own page, that the site's other pages print among their
    teasers ("Latest news"). A template that opens many pages is the site's header."""
    if site is None or site.openers is None:
        return None
    first = first_with_text(page)
    if first is None or len(page.stripped[first]) > LONGEST_OWN_HEADLINE:
        return None
    template = page_line_templates(page)[first]
    if template not in site.templates or site.openers.get(template, 0) > MOST_HEADLINE_OPENINGS:
        return None
    below = islice(filter(None, islice(page.stripped, first + 1, None)), PROSE_BELOW_HEADLINE)
    return first if any(map(is_prose, below)) else None


def learned_chrome(page: Page) -> LearnedChrome:
    """The lines of the page that the page's model learned as chrome (computed once per page;
    none without a model). ``page.memo`` holds the model and the host."""
    found = page.memo.get("learned_chrome")
    if found is None:
        found = page.memo["learned_chrome"] = _learned_chrome(page)
    assert isinstance(found, LearnedChrome)
    return found


def _learned_chrome(page: Page) -> LearnedChrome:
    model = page.memo.get("model")
    if not isinstance(model, Model):
        return LearnedChrome({}, {})
    host = page.memo.get("host")
    host = host if isinstance(host, str) else None
    site = model.templates_for(host)
    cross_site = model.cross_site
    if not site and not cross_site:
        return LearnedChrome({}, {})
    templates = page_line_templates(page)
    stripped = page.stripped
    pages = model.sites[str(host)].pages if site else 0
    anywhere: dict[int, str] = {}
    edge: dict[int, str] = {}
    # Most lines are no template of the model: a comprehension finds the others (the
    # mappings' __contains__ methods are slot wrappers, slower to call from map()).
    learned = [
        index for index in page.kept_content()
        if templates[index] in site or templates[index] in cross_site
    ]
    for index in learned:
        template = templates[index]
        if template in site:
            anywhere[index] = (f"template of {host}, on {site[template]} of its {pages} pages: "
                               f"{shown(stripped[index])}")
        elif template in cross_site:
            reason = f"chrome found on {cross_site[template]} sites: {shown(stripped[index])}"
            if template.count(" ") + 1 >= ANYWHERE_CROSS_SITE_WORDS:
                anywhere[index] = reason
            else:
                edge[index] = reason
    headline = _own_headline(page, model.sites[str(host)] if site else None)
    return LearnedChrome(anywhere, edge, headline)
