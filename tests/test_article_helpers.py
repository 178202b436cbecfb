"""The fast helpers of dechaff.article give what the plain forms they replace give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dechaff.running_words import PUNCTUATION, bare_words

# Punctuation, letters and every kind of whitespace, beside arbitrary characters.
TRICKY = PUNCTUATION + "abé1 \u00a0\u2003\u200b\t\n\x1c\x85"
text = st.one_of(
    st.text(alphabet=TRICKY, max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
)


@given(text)
def test_bare_words_are_the_words_stripped_one_by_one(value: str) -> None:
    stripped = [word.strip(PUNCTUATION) for word in value.split()]
    assert bare_words(value) == [word for word in stripped if word]
