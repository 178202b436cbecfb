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
from operator import or_

from ..config import Config
from ..layout import Body, date_lines, folded_text, page_body, page_layout
from ..page import Page
from ..share_rows import share_rows

RULE = "scaffolding"
_CLOSERS = "\"'”’»“)]"
_SENTENCE_ENDS = ".!?。！？…"
# A menu: at least this many short lines in a row, two and a third of them known chrome.
SHORTEST_MENU = 3
LONGEST_MENU_ITEM_CHARS = 40
MOST_MENU_ITEM_WORDS = 3


def find_scaffolding(page: Page, config: Config) -> None:
    layout = page_layout(page)
    body, chrome, edge_chrome = page_body(page, config), layout.chrome, layout.edge_chrome
    kept = page.kept
    found = {index: reason for index, reason in chrome.items() if kept[index]}
    edge_lines = _edge_lines(page, body)
    unknown = []
    for index in edge_lines:
        if index in found:
            continue
        reason = edge_chrome.get(index)
        if reason is not None:
            found[index] = f"{reason} at the {_where(body, index)} of the page"
        else:
            unknown.append(index)
    for index in date_lines(page, unknown):
        found[index] = f"date line at the {_where(body, index)} of the page"
    found.update(_menus(page, body, edge_lines, found, layout.credits))
    # Asked of the lines kept now: the counters and tabs between buttons ("81K", "Save") that
    # other rules removed no longer part a row, as they would not in the cleaned text.
    for index, reason in share_rows(page, folded_text(page)).items():
        if index not in layout.credits:
            found.setdefault(index, reason)
    page.remove_lines({index: found[index] for index in sorted(found)}, RULE)


def _where(body: Body | None, index: int) -> str:
    return "head" if body is None else body.where(index)


def _edge_lines(page: Page, body: Body | None) -> list[int]:
    """The kept content lines above and below the body (all of them when there is none)."""
    content = page.kept_content()
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
    """Runs of short lines at the head or tail that are mostly known chrome: a menu."""
    stripped = page.stripped
    texts = list(map(stripped.__getitem__, edge_lines))
    menu_like = [
        len(text) <= LONGEST_MENU_ITEM_CHARS
        and text.count(" ") < MOST_MENU_ITEM_WORDS
        and not text.rstrip(_CLOSERS).endswith(_SENTENCE_END_TUPLE)
        for text in texts
    ]
    known = list(
        map(or_, map(found.__contains__, edge_lines), map(credits.__contains__, edge_lines))
    )
    menus: dict[int, str] = {}
    run: list[int] = []
    known_count = 0
    for position, index in enumerate(edge_lines):
        is_known, is_menu_like = known[position], menu_like[position]
        if run:
            previous = run[-1]
            across_body = body is not None and previous < body.first < index
            # An unknown line set apart by a blank line (a title, say) joins no menu.
            set_apart = index > previous + 1 and not is_known
            if across_body or set_apart or not (is_known or is_menu_like):
                _close_menu(run, known_count, found, credits, stripped, menus)
                run, known_count = [], 0
        if is_known or is_menu_like:
            run.append(index)
            known_count += is_known
    _close_menu(run, known_count, found, credits, stripped, menus)
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
