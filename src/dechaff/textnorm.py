"""Normal forms of lines, used to compare them with table phrases and with each other."""

from __future__ import annotations

import re

from .page import BLANK_CHARACTERS

_SPACES = re.compile(f"[{BLANK_CHARACTERS}\\s]+")
# List bullets and quote marks that text extractors put before menu items.
_BULLET = re.compile(r"^(?:[*+•·◦▪▸►▶‣⁃o-]\s+|\d{1,3}[.)]\s+)")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def fold(text: str) -> str:
    """Case-folded text with whitespace collapsed and punctuation trimmed at both ends.

    >>> fold("  * Newer Post   Older Post  Home… ")
    'newer post older post home'
    """
    text = _SPACES.sub(" ", text).strip()
    text = _BULLET.sub("", text)
    return _EDGE_PUNCTUATION.sub("", text.casefold())


def collapse(text: str) -> str:
    """Text with whitespace collapsed, case kept, list bullet removed.

    >>> collapse(" * Share  this:")
    'Share this:'
    """
    return _BULLET.sub("", _SPACES.sub(" ", text).strip())
