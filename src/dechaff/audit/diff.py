"""Which words differ between two texts, for showing a kept document beside its copy.

>>> kept, copy = word_diff("the cat sat on the mat", "the dog sat on the mat today")
>>> [(text, changed) for text, changed in kept if changed]
[('cat', True)]
>>> [(text, changed) for text, changed in copy if changed]
[('dog', True), ('today', True)]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")

# Pieces of a text in order, each marked whether it differs from the other text.
Pieces = list[tuple[str, bool]]


def word_diff(left: str, right: str) -> tuple[Pieces, Pieces]:
    """Both texts in pieces, the words that the other text lacks marked ``True``.

    Whitespace never counts as a difference, and neighbouring changed words are joined
    into one piece (with the whitespace between them), so that a long change is one mark.
    """
    left_words = [match.span() for match in _WORD.finditer(left)]
    right_words = [match.span() for match in _WORD.finditer(right)]
    matcher = SequenceMatcher(
        None, [left[a:b] for a, b in left_words], [right[a:b] for a, b in right_words],
        autojunk=False,
    )
    left_changed = [True] * len(left_words)
    right_changed = [True] * len(right_words)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            left_changed[block.a + offset] = False
            right_changed[block.b + offset] = False
    return _pieces(left, left_words, left_changed), _pieces(right, right_words, right_changed)


def _pieces(text: str, words: list[tuple[int, int]], changed: list[bool]) -> Pieces:
    pieces: Pieces = []
    position = 0
    index = 0
    while index < len(words):
        start, end = words[index]
        if not changed[index]:
            index += 1
            continue
        while index + 1 < len(words) and changed[index + 1]:
            index += 1
        end = words[index][1]
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
        index += 1
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
