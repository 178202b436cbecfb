"""``photo_credit``: lines that only credit a picture ("©Name/Agency", "Foto: dpa"), and captions
that end with one ("Stau © aremac / Clipdealer")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Config
from ..page import Page
from ..tables import PatternSet, load_table

RULE = "photo_credit"


class CreditMatcher:
    """The credit patterns of ``credits.json``."""

    def __init__(self) -> None:
        table = load_table("credits.json")
        self.max_chars: int = table["max_chars"]
        self._patterns = PatternSet(
            [(entry["starts"], entry["pattern"], entry["language"]) for entry in table["patterns"]]
        )
        # Credits that end a caption: (pattern searched at a line's end, its triggers).
        self.tails: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
            (re.compile(entry["pattern"], re.IGNORECASE), tuple(entry["triggers"]))
            for entry in table["tails"]
        ]
        self._labels = frozenset(table["labels"])

    def is_label(self, text: str, folded: str) -> bool:
        """Whether a line (stripped, and its :func:`fold_collapsed` form) is a credit word
        alone with its colon ("Foto:"), the credited name being on the next line."""
        return text[-1:] in (":", "：") and folded in self._labels

    @property
    def starts(self) -> frozenset[str]:
        return self._patterns.starts

    def matches(self, collapsed: str, keys: tuple[str, ...]) -> bool:
        """Whether a line (its :func:`collapse` form and its :func:`start_keys`) is a credit."""
        return (
            len(collapsed) <= self.max_chars
            and self._patterns.match_keys(collapsed, keys) is not None
        )


@lru_cache(maxsize=1)
def credit_matcher() -> CreditMatcher:
    return CreditMatcher()


def find_photo_credits(page: Page, config: Config) -> None:
    from ..layout import page_layout  # layout reads this module's table: import late

    layout = page_layout(page)
    kept, stripped = page.kept, page.stripped
    for index in sorted(layout.credits):
        if kept[index]:
            caption = index in layout.captions
            what = "caption ending in a photo credit" if caption else "photo credit"
            page.remove_line(index, RULE, f"{what} ({stripped[index][:60]!r})")
