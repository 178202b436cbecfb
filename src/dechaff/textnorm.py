"""Normal forms of lines, used to compare them with table phrases and with each other.

Built from ``str`` methods rather than regular expressions: they run on every short line
of a corpus. :func:`trie_pattern` shapes a word list as a regular expression for the sieves
that pick those lines.
"""

from __future__ import annotations

import re

# List bullets that text extractors put before menu items.
BULLETS = "*+•·◦▪▸‣⁃-–—>»"
# Punctuation trimmed from both ends before a line is compared with a phrase.
EDGE_PUNCTUATION = (
    " \t\u00a0:;,.!?¡¿…|/\\*+•·◦▪▸►▶‣⁃-–—_~#=<>«»‹›\"'“”‘’„()[]{}"
)


# What joins a headline and a site's name in a page's title ("Title | Site", "Site: Title").
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", ": ")


# Icon fonts draw their glyphs from the Private Use Area: a naive text keeps them as odd
# characters before a heading or a link ("\ue019 Mehr zum Thema:").
ICON_GLYPHS = "\ue000-\uf8ff"
_ICONS = re.compile(f"(?:[{ICON_GLYPHS}] ?)+")


def collapse(text: str) -> str:
    """Text with whitespace collapsed, case kept, a leading list bullet or icon glyphs removed.

    >>> collapse(" * Share  this:"), collapse("\ue019 Mehr zum Thema:")
    ('Share this:', 'Mehr zum Thema:')
    """
    text = " ".join(text.split())
    if text and text[0] in BULLETS and text[1:2] == " ":
        text = text[2:]
    elif text[:1] >= "\ue000":  # past the Private Use Area's start: perhaps an icon
        icons = _ICONS.match(text)
        if icons:
            text = text[icons.end() :]
    return text


def fold(text: str) -> str:
    """Case-folded text with whitespace collapsed and punctuation trimmed at both ends.

    >>> fold("  * Newer Post   Older Post  Home… ")
    'newer post older post home'
    """
    return " ".join(text.casefold().split()).strip(EDGE_PUNCTUATION)


def fold_collapsed(collapsed: str) -> str:
    """:func:`fold` of a text that :func:`collapse` already returned (cheaper)."""
    return collapsed.casefold().strip(EDGE_PUNCTUATION)


# What ends a line cut off short: a teaser, a truncated copy of a title or a paragraph.
ELLIPSES = ("...", "…")

# A line quoted in a removal's reason is cut to this many characters.
LONGEST_SHOWN = 60


def shown(line: str) -> str:
    """A line as a removal's reason quotes it: repr, cut off with "..." past ``LONGEST_SHOWN``.

    >>> shown("Share this:"), shown("x" * 70)[-5:]
    ("'Share this:'", "...'")
    """
    return repr(line if len(line) <= LONGEST_SHOWN else line[: LONGEST_SHOWN - 3] + "...")


def find_all(text: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``text``: str.find runs at memory speed, where a regular
    expression steps through the text.

    >>> find_all("a cookie, two cookies", "cookie")
    [2, 14]
    """
    offsets = []
    position = text.find(word)
    while position >= 0:
        offsets.append(position)
        position = text.find(word, position + 1)
    return offsets


_TrieNode = dict[str, "_TrieNode"]


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, shaped as a trie.

    >>> trie_pattern(["he", "help"])
    '(?:h(?:e(?:l(?:p))?))'
    """
    root: _TrieNode = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def render(node: _TrieNode) -> str:
        branches = [re.escape(key) + render(child) for key, child in sorted(node.items()) if key]
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return render(root)
