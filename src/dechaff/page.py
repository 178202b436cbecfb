"""A line view of one document that the rules read while removals accumulate.

Rules never edit text: they look at the lines still kept and return removals; the
pipeline records them here so that later rules see what earlier ones left.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Removal

# Characters that make a line look empty: Unicode spaces, NBSP, zero-width characters, BOM.
BLANK_CHARACTERS = (
    " \t\f\v\r\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)


@dataclass(frozen=True)
class Line:
    """One line of the input: ``text`` excludes the terminator ("\\n" or "\\r\\n")."""

    index: int
    start: int
    text: str
    terminator: str

    @property
    def content_end(self) -> int:
        return self.start + len(self.text)

    @property
    def end(self) -> int:
        return self.content_end + len(self.terminator)

    @property
    def stripped(self) -> str:
        return self.text.strip(BLANK_CHARACTERS)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip(BLANK_CHARACTERS)


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; "\\r\\n" stays one terminator.

    >>> [(line.start, line.text, line.terminator) for line in split_lines("a\\r\\nb")]
    [(0, 'a', '\\r\\n'), (3, 'b', '')]
    """
    lines = []
    start = 0
    pieces = text.split("\n")
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        if index == last:
            if piece or not lines:
                lines.append(Line(index, start, piece, ""))
            break
        if piece.endswith("\r"):
            lines.append(Line(index, start, piece[:-1], "\r\n"))
        else:
            lines.append(Line(index, start, piece, "\n"))
        start += len(piece) + 1
    return lines


class Page:
    """The lines of one text, and which of them are still kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text) if text else []
        self._removed: set[int] = set()
        self.removals: list[Removal] = []
        self.metadata: dict[str, str] = {}

    def kept(self) -> list[Line]:
        """The lines no rule has removed, in order."""
        removed = self._removed
        return [line for line in self.lines if line.index not in removed]

    def kept_content(self) -> list[Line]:
        """The kept lines that are not blank."""
        removed = self._removed
        return [line for line in self.lines if line.index not in removed and not line.is_blank]

    def remove_line(self, line: Line, rule: str, reason: str) -> None:
        """Remove a whole line with its terminator."""
        self._removed.add(line.index)
        self.removals.append(Removal(rule, line.start, line.end, reason))

    def remove_span(self, start: int, end: int, rule: str, reason: str) -> None:
        """Remove part of a kept line (the line itself stays)."""
        if end > start:
            self.removals.append(Removal(rule, start, end, reason))
