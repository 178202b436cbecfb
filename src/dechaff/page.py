"""A line view of one document that the rules read while removals accumulate.

Rules never edit text: they look at the lines still kept and return removals; the
pipeline records them here so that later rules see what earlier ones left. Lines are
plain parallel lists indexed by line number, because cleaning touches every line of a
corpus and per-line objects would cost more than the rules themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from itertools import accumulate, compress, repeat
from operator import and_
from typing import Any

from .document import Removal

# Characters that make a line look empty: Unicode spaces, NBSP, zero-width characters, BOM.
BLANK_CHARACTERS = (
    " \t\f\v\r\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)


class Page:
    """The lines of one text, and which of them are still kept.

    ``contents[i]`` is line ``i`` without its terminator ("\\n" or "\\r\\n"), ``stripped[i]``
    the same without surrounding blank characters (empty for a blank line), ``starts[i]``
    its offset in the text and ``ends[i]`` the offset just past its terminator. ``kept[i]``
    changes only through :meth:`remove_line` and :meth:`remove_lines`.

    >>> page = Page("a \\r\\n\\nb")
    >>> page.contents, page.stripped, page.starts, page.ends
    (['a ', '', 'b'], ['a', '', 'b'], [0, 4, 5], [4, 5, 6])
    """

    def __init__(self, text: str) -> None:
        self.text = text
        terminated = text.split("\n")
        tail = terminated.pop()  # the unterminated last line, "" when the text ends with "\n"
        self.ends = list(accumulate(map((1).__add__, map(len, terminated))))
        if "\r" in text:
            self.contents = [piece[:-1] if piece[-1:] == "\r" else piece for piece in terminated]
        else:
            self.contents = terminated
        if tail:
            self.ends.append(len(text))
            self.contents.append(tail)
        self.starts = [0, *self.ends[:-1]] if self.ends else []
        # map with the unbound method runs at C speed, with no Python frame per line.
        self.stripped = list(map(str.strip, self.contents, repeat(BLANK_CHARACTERS)))
        self._nonblank = list(map(bool, self.stripped))
        # Lines go only through remove_line and remove_lines, which keep this up to date.
        self.kept = [True] * len(self.contents)
        self._kept_content: list[int] | None = None
        self.removals: list[Removal] = []
        # Lines of which a part was removed, with those removals: a rule that removes
        # the whole line later takes those removals' place.
        self._trimmed: dict[int, list[Removal]] = {}
        self.metadata: dict[str, str] = {}
        # Facts about the page that several rules read, computed once (see layout.py).
        self.memo: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.contents)

    def content_end(self, index: int) -> int:
        return self.starts[index] + len(self.contents[index])

    def kept_lines(self) -> list[int]:
        """Indices of the lines no rule has removed, in order."""
        return list(compress(range(len(self.kept)), self.kept))

    def kept_content(self) -> list[int]:
        """Indices of the kept lines that are not blank (a list of the caller's own)."""
        if self._kept_content is None:
            # Several rules ask in a row, with no line removed between: found once.
            self._kept_content = list(
                compress(range(len(self.kept)), map(and_, self.kept, self._nonblank))
            )
        return self._kept_content.copy()

    def remove_line(self, index: int, rule: str, reason: str) -> None:
        """Remove a whole line with its terminator."""
        self.kept[index] = False
        self._kept_content = None
        if self._trimmed:
            self._drop_spans_of([index])
        self.removals.append(_removal((rule, self.starts[index], self.ends[index], reason)))

    def remove_lines(self, reasons: Mapping[int, str], rule: str) -> None:
        """Remove whole lines, each with its reason (rules often remove hundreds at once)."""
        kept = self.kept
        for index in reasons:
            kept[index] = False
        self._kept_content = None
        if self._trimmed:
            self._drop_spans_of(reasons)
        spans = zip(
            repeat(rule), map(self.starts.__getitem__, reasons),
            map(self.ends.__getitem__, reasons), reasons.values(), strict=False,
        )
        self.removals.extend(map(_removal, spans))

    def remove_span(self, start: int, end: int, rule: str, reason: str) -> None:
        """Remove part of a kept line (the line itself stays)."""
        if end > start:
            self.removals.append(_removal((rule, start, end, reason)))

    def remove_from_line(self, index: int, start: int, end: int, rule: str, reason: str) -> None:
        """Remove part of a kept line that stays; a rule that removes the whole line later
        takes this removal's place."""
        if end > start:
            removal = _removal((rule, start, end, reason))
            self._trimmed.setdefault(index, []).append(removal)
            self.removals.append(removal)

    def trimmed(self, index: int) -> bool:
        """Whether part of kept line ``index`` was removed (see :meth:`remove_from_line`)."""
        return index in self._trimmed

    def _drop_spans_of(self, lines: Iterable[int]) -> None:
        dropped = {removal for index in lines for removal in self._trimmed.pop(index, ())}
        if dropped:
            self.removals = [removal for removal in self.removals if removal not in dropped]


# Removal(...) runs Python code to build the tuple; this builds the same record in C.
_removal = partial(tuple.__new__, Removal)
