"""``scaffolding``: page chrome from the phrase table, anywhere or at the head and tail.

A phrase counts only when it is the whole line: inside a sentence of the article it is content.
Phrases that could be an article's own words ("Home", "Related") count only at the head or the
tail of the page, outside the span from the first to the last line of prose. Date lines there
are chrome too (the first one at the head is the date header, a rule of its own), and so are
menus: runs of short link-like lines of which a good share are known chrome.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress

from ..config import Config
from ..dates import could_be_date_lines, parse_date_line
from ..layout import Body, page_layout
from ..page import Page

RULE = "scaffolding"
_CLOSERS = "\"'”’»“)]"
_SENTENCE_ENDS = ".!?。！？…"
# A menu: at least this many short lines in a row, two and a third of them known chrome.
SHORTEST_MENU = 3
LONGEST_MENU_ITEM_CHARS = 40
MOST_MENU_ITEM_WORDS = 4


def find_scaffolding(page: Page, config: Config) -> None:
    layout = page_layout(page)
    body, chrome, edge_chrome = layout.body, layout.chrome, layout.edge_chrome
    stripped, kept = page.stripped, page.kept
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
    maybe_dates = could_be_date_lines([stripped[index] for index in unknown])
    for index in compress(unknown, maybe_dates):
        if parse_date_line(stripped[index]):
            found[index] = f"date line at the {_where(body, index)} of the page"
    found.update(_menus(page, body, edge_lines, found, layout.credits))
    for index in sorted(found):
        page.remove_line(index, RULE, found[index])


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
    menus: dict[int, str] = {}
    run: list[int] = []

    def close_run() -> None:
        known = [index for index in run if index in found]
        if len(run) >= SHORTEST_MENU and len(known) >= 2 and 3 * len(known) >= len(run):
            example = stripped[known[0]]
            for index in run:
                if index not in found:
                    menus[index] = f"menu of {len(run)} short lines around {example!r}"
        run.clear()

    previous = -1
    for index in edge_lines:
        if body is not None and previous < body.first < index:
            close_run()  # the body lies between the head and the tail
        previous = index
        text = stripped[index]
        if index in found or index in credits or (
            len(text) <= LONGEST_MENU_ITEM_CHARS
            and text.count(" ") < MOST_MENU_ITEM_WORDS
            and text.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS
        ):
            run.append(index)
        else:
            close_run()
    close_run()
    return menus
