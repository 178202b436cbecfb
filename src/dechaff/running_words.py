"""The words of a line as the article finder weighs them: its bare words (the punctuation around
each left out) and the function words they are counted against, the table's and a model's."""

from __future__ import annotations

import re
from functools import lru_cache

from .page import Page
from .tables import function_words

# Punctuation around a word ("(the", "und,") hides it from the function-word table.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„‘’‚–—…·•|¡¿"
# That punctuation at the start or end of each word of a line (a word of it alone goes whole):
# removed from the whole line in one pass, it leaves the words that str.strip would leave one
# by one, in a third less time. Starting with the character class, the pattern skips letters in
# a tight loop; a match is a run at a word's start (the look-behind) or at its end. (No
# possessive "*+": Python 3.10 lacks it, and a shorter run can never end before a space.)
_PUNCTUATION_CHARACTER = f"[{re.escape(PUNCTUATION)}]"
_EDGE_PUNCTUATION = re.compile(
    rf"{_PUNCTUATION_CHARACTER}(?:(?<=(?<!\S){_PUNCTUATION_CHARACTER}){_PUNCTUATION_CHARACTER}*"
    rf"|{_PUNCTUATION_CHARACTER}*(?!\S))"
)


def learned_words(page: Page) -> frozenset[str]:
    """The function words a model learned from the page's corpus (none without a model)."""
    extra = page.memo.get("extra_function_words", frozenset())
    assert isinstance(extra, frozenset)
    return extra


def bare_words(text: str) -> list[str]:
    """The words of ``text`` (split at whitespace), each without the punctuation around it;
    words of punctuation alone are left out.

    >>> bare_words("(the cat's) ... «mat»!")
    ['the', "cat's", 'mat']
    """
    return _EDGE_PUNCTUATION.sub("", text).split()


@lru_cache(maxsize=8)
def with_learned(extra_words: frozenset[str]) -> frozenset[str]:
    """The function-word table with a model's learned words (merged once per model)."""
    return function_words() | extra_words if extra_words else function_words()
