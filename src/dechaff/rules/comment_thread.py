"""``comment_thread``: readers' comments below the article (see :mod:`dechaff.comments`).

Every line from the thread's start to the page's end goes. Skipped, the rule keeps the comments
whole (a corpus of discussions wants them); they still never count as the article.
"""

from __future__ import annotations

from ..article import comment_thread_reasons
from ..config import Config
from ..page import Page
from .repeated_paragraph import removed_copies

RULE = "comment_thread"


def find_comment_thread(page: Page, config: Config) -> None:
    page.remove_lines(comment_thread_reasons(page, removed_copies(page, config)), RULE)
