"""``scaffolding``: page chrome from the phrase table, anywhere or at the head and tail.

A phrase counts only when it is the whole line: inside a sentence of the article it is content.
Phrases that could be an article's own words ("Home", "Related") count only at the head or the
tail of the page, outside the span from the first to the last line of prose. Date lines there
are chrome too (the first one at the head is the date header, a rule of its own), and so are
menus: runs of short link-like lines of which a good share are known chrome. Rows of share
buttons are chrome wherever they stand (see :mod:`dechaff.share_rows`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from itertools import compress, filterfalse
from operator import or_

from ..config import Config
from ..layout import Body, date_lines, lead_end, page_body, page_layout
from ..lineshape import CLOSERS, is_prose
from ..page import Page
from ..page_text import paragraph_keys
from ..share_rows import share_rows
from .repeated_paragraph import removed_copies

RULE = "scaffolding"
_SENTENCE_ENDS = ".!?。！？…"
# A menu: at least this many short lines in a row, two and a third of them known chrome.
SHORTEST_MENU = 3
LONGEST_MENU_ITEM_CHARS = 40
MOST_MENU_ITEM_WORDS = 3


def find_scaffolding(page: Page, config: Config) -> None:
    layout = page_layout(page)
    body, chrome, edge_chrome = page_body(page, config), layout.chrome, layout.edge_chrome
    kept, stripped = page.kept, page.stripped
    found = {index: reason for index, reason in chrome.items() if kept[index]}
    content = page.kept_content()
    edge_lines = _edge_lines(content, body)
    lead = _lead(page, body, content)
    # The lines other rules remove: no neighbour of a line in the lead.
    going = (chrome.keys() | layout.credits | removed_copies(page, config)) if lead else set()
    for index, reason in edge_chrome.items():
        if index not in found and kept[index] and stripped[index]:
            if _at_edge(body, index):
                found[index] = f"{reason} at the {_where(body, index)} of the page"
            elif index in lead and not _between_prose(page, index, content, going):
                found[index] = f"{reason} in the article's lead"
    unknown = list(filterfalse((found.keys() | edge_chrome.keys()).__contains__, edge_lines))
    for index in date_lines(page, unknown):
        found[index] = f"date line at the {_where(body, index)} of the page"
    found.update(_menus(page, body, edge_lines, found, layout.credits))
    # Asked of the lines kept now: the counters and tabs between buttons ("81K", "Save") that
    # other rules removed no longer part a row, as they would not in the cleaned text.
    for index, reason in share_rows(page, layout.candidates, paragraph_keys(page)).items():
        if index not in layout.credits:
            found.setdefault(index, reason)
    page.remove_lines({index: found[index] for index in sorted(found)}, RULE)


def _where(body: Body | None, index: int) -> str:
    return "head" if body is None else body.where(index)


def _lead(page: Page, body: Body | None, content: list[int]) -> range:
    """The lines below the article's first paragraph of prose and above its next one (a
    standfirst's byline, date and share row), see :func:`dechaff.layout.lead_end`."""
    if body is None:
        return range(0)
    return range(body.first + 1, lead_end(page, content, body.first))


def _between_prose(
    page: Page, index: int, content: list[int], going: Collection[int]
) -> bool:
    """Whether the line's neighbours among the kept ``content`` lines (those ``going`` left
    out: chrome, credits and copies, which other rules remove) are both prose: a subheading
    ("Home" between two paragraphs), where a byline or a menu has a date, a share row or
    other items beside it."""
    stripped = page.stripped
    position = bisect_left(content, index)
    before = (content[i] for i in range(position - 1, -1, -1))
    after = (content[i] for i in range(position + 1, len(content)))
    above = next((i for i in before if i not in going), None)
    below = next((i for i in after if i not in going), None)
    return (
        above is not None and below is not None
        and is_prose(stripped[above]) and is_prose(stripped[below])
    )


def _at_edge(body: Body | None, index: int) -> bool:
    return body is None or not body.holds(index)


def _edge_lines(content: list[int], body: Body | None) -> list[int]:
    """The kept ``content`` lines above and below the body (all of them when there is none)."""
    if body is None:
        return content
    head_end = bisect_left(content, body.first)
    tail_start = bisect_right(content, body.last)
    return content[:head_end] + content[tail_start:]


def _menus(
    page: Page,
    body: Body | None,
    edge_lines: list[int],
    found: dict[int, str],
    credits: frozenset[int],
) -> dict[int, str]:
    """Runs of short lines at the head or tail that are mostly known chrome: a menu.

    A menu holds two known lines or more, so only the runs around known lines are looked at,
    each grown from a known line to both sides.
    """
    known = list(
        map(or_, map(found.__contains__, edge_lines), map(credits.__contains__, edge_lines))
    )
    menus: dict[int, str] = {}
    if sum(known) < 2:
        return menus
    stripped = page.stripped
    body_first = -1 if body is None else body.first

    def joins(position: int) -> bool:
        """Whether the line at ``position`` may be part of a run (known, or short like a menu
        item)."""
        if known[position]:
            return True
        text = stripped[edge_lines[position]]
        return (
            len(text) <= LONGEST_MENU_ITEM_CHARS
            and text.count(" ") < MOST_MENU_ITEM_WORDS
            and not text.rstrip(CLOSERS).endswith(_SENTENCE_END_TUPLE)
        )

    def follows(position: int) -> bool:
        """Whether the line at ``position`` goes on the run of the line before it."""
        previous, index = edge_lines[position - 1], edge_lines[position]
        across_body = previous < body_first < index
        # An unknown line set apart by a blank line (a title, say) joins no menu.
        set_apart = index > previous + 1 and not known[position]
        return not (across_body or set_apart)

    end = 0  # the runs found so far end before this position
    for position in compress(range(len(edge_lines)), known):
        if position < end:
            continue
        first = position
        while first > end and follows(first) and joins(first - 1):
            first -= 1
        end = position + 1
        while end < len(edge_lines) and follows(end) and joins(end):
            end += 1
        _close_menu(edge_lines[first:end], sum(known[first:end]), found, credits, stripped, menus)
    return menus


def _close_menu(
    run: list[int],
    known_count: int,
    found: dict[int, str],
    credits: frozenset[int],
    stripped: list[str],
    menus: dict[int, str],
) -> None:
    if len(run) >= SHORTEST_MENU and known_count >= 2 and 3 * known_count >= len(run):
        example = stripped[next(index for index in run if index in found or index in credits)]
        for index in run:
            if index not in found and index not in credits:  # credits go with their reason
                menus[index] = f"menu of {len(run)} short lines around {example!r}"


_SENTENCE_END_TUPLE = tuple(_SENTENCE_ENDS)
