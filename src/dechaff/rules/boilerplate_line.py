"""``boilerplate_line``: lines outside the article's running text (see :mod:`dechaff.article`).

Menus, breadcrumbs, teaser lists, comment forms and footers that no table names: runs of lines
away from the clusters of prose that make the article. Lines that a table names, photo credits
and repeated paragraphs are left to their own rules.
"""

from __future__ import annotations

from collections.abc import Callable

from ..article import find_boilerplate
from ..config import Config
from ..page import Page
from .repeated_paragraph import removed_copies

RULE = "boilerplate_line"
# Times the rules run again when what they removed moved the article (rarely more than once).
MOST_SETTLING_ROUNDS = 3


def find_boilerplate_lines(page: Page, config: Config) -> bool:
    """Remove the boilerplate lines of the page as it is now; whether any went."""
    found = find_boilerplate(page, removed_copies(page, config))
    page.remove_lines(found, RULE)
    return bool(found)


def settle_boilerplate_lines(
    page: Page, config: Config, rerun: Callable[[], None],
    learned: Callable[[], bool] | None = None,
) -> None:
    """Look again once the other rules have run: a headline copy or a date line they removed
    can leave more lines outside the article, or move the article that ``learned`` (the
    learned lines' rule) measures from. If some go, ``rerun`` the other rules (the body
    they read may have moved), and look again, so that cleaning the output removes nothing
    more."""
    for _ in range(MOST_SETTLING_ROUNDS):
        found = find_boilerplate_lines(page, config)
        if learned is not None:
            found = learned() or found
        if not found:
            return
        page.memo.pop("body", None)
        rerun()
