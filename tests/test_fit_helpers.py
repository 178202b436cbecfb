"""The fast helpers of dechaff.fit give what the plain forms they replace give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dechaff.fit import FUNCTION_WORD_MAX_CHARS, short_words, stable_hash, stable_hashes

# What short_words finds, as one regular expression over the whole text.
SHORT_WORD = re.compile(rf"\b[^\W\d_]{{1,{FUNCTION_WORD_MAX_CHARS}}}\b")

# Letters, digits that are letters to the regular expression ("²", "Ⅷ"), digits, "_",
# punctuation and every kind of whitespace, beside arbitrary characters.
TRICKY = "ab cdéßıİ²½Ⅷ٣4_'’-.,#@\u00a0\u2003\u200b\t\n\x1c\x85"
text = st.one_of(
    st.text(alphabet=TRICKY, max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
)


@given(text)
def test_short_words_are_what_the_expression_finds(value: str) -> None:
    assert short_words(value) == set(SHORT_WORD.findall(value))


@given(st.lists(text, max_size=8))
def test_stable_hashes_are_stable_hash_of_each(values: list[str]) -> None:
    assert list(stable_hashes(values)) == [stable_hash(value) for value in values]
