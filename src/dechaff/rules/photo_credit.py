"""``photo_credit``: lines that only credit a picture ("©Name/Agency", "Foto: dpa")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Config
from ..page import Page
from ..tables import load_table

RULE = "photo_credit"


class CreditMatcher:
    def __init__(self) -> None:
        table = load_table("credits.json")
        self.max_chars: int = table["max_chars"]
        patterns = [entry["pattern"] for entry in table["patterns"]]
        self._pattern = re.compile("|".join(f"(?:{item})" for item in patterns), re.IGNORECASE)

    def matches(self, text: str) -> bool:
        return len(text) <= self.max_chars and self._pattern.fullmatch(text) is not None


@lru_cache(maxsize=1)
def credit_matcher() -> CreditMatcher:
    return CreditMatcher()


def find_photo_credits(page: Page, config: Config) -> None:
    matcher = credit_matcher()
    for line in page.kept_content():
        text = line.stripped
        if matcher.matches(text):
            page.remove_line(line, RULE, f"photo credit ({text[:60]!r})")
