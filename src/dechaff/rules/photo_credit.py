"""``photo_credit``: lines that only credit a picture ("©Name/Agency", "Foto: dpa"), and captions
that end with one ("Stau © aremac / Clipdealer"). A caption that is a full sentence keeps it
("Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)"): only its credit goes."""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Config
from ..lineshape import is_sentence
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

    def caption_sentence(self, caption: str) -> int | None:
        """The length of a caption's text before its credit when that text is a full
        sentence, else None (the caption is a label, a name or a fragment, and goes whole)."""
        for pattern, _ in self.tails:
            credit = pattern.search(caption)
            if credit is None:
                continue
            start = credit.start()
            # "... zu stark. Foto: GdP/Hagen Immel": the pattern starts at the stop.
            if caption[start] in ".,;":
                start += 1
            sentence = caption[:start].rstrip(" -–|/(")
            if is_sentence(sentence):
                return len(sentence)
        return None

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
    credit = credit_matcher()
    for index in sorted(layout.credits):
        # The rules run again once lines went (see settle_boilerplate_lines): a caption
        # keeps its sentence, and its credit went the first time.
        if not kept[index] or page.trimmed(index):
            continue
        text = stripped[index]
        if index not in layout.captions:
            page.remove_line(index, RULE, f"photo credit ({text[:60]!r})")
            continue
        sentence = credit.caption_sentence(text)
        if sentence is None:
            page.remove_line(index, RULE, f"caption ending in a photo credit ({text[:60]!r})")
            continue
        start = page.starts[index] + page.contents[index].index(text)
        page.remove_from_line(
            index, start + sentence, start + len(text), RULE,
            f"photo credit after a caption's sentence ({text[sentence:].strip()[:60]!r})",
        )
