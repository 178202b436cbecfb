"""What a line looks like: prose of the article, a headline, or a short link-like item."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?。！？;:…](?:[\"'”’»)\]]*)$")
_INNER_SENTENCE = re.compile(r"\w[.!?]\s+[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Lines this long are article text whatever their punctuation.
PROSE_MIN_CHARS_UNPUNCTUATED = 260
PROSE_MIN_CHARS = 60


def is_prose(text: str) -> bool:
    """A sentence (or several) of running text, as opposed to a title, label or menu item.

    >>> is_prose("Juru Bicara Kremlin Dmitry Peskov telah mengkonfirmasi kepada Sputnik bahwa ada.")
    True
    >>> is_prose("Newer Post Older Post Home")
    False
    """
    length = len(text)
    if length >= PROSE_MIN_CHARS_UNPUNCTUATED:
        return True
    if length < PROSE_MIN_CHARS and not (_CJK.search(text) and length >= 25):
        return False
    return bool(_SENTENCE_END.search(text.rstrip())) and text.count(" ") >= 6 or bool(
        _CJK.search(text) and _SENTENCE_END.search(text.rstrip())
    )


def is_headline_like(text: str, min_chars: int, max_chars: int) -> bool:
    """A short line that could be a title: no closing full stop, not several sentences.

    >>> is_headline_like("Rusia Menekankan Perlu Hasil Pembicaraan, Biden Memahami Itu", 16, 250)
    True
    >>> is_headline_like("The talks ended. Both sides agreed to meet again.", 16, 250)
    False
    """
    stripped = text.strip()
    if not min_chars <= len(stripped) <= max_chars:
        return False
    if stripped.endswith(".") and not stripped.endswith("..."):
        return False
    return _INNER_SENTENCE.search(stripped) is None
