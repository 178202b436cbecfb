"""The data tables (phrases, patterns, month names), compiled once for matching.

The tables themselves are JSON files under ``dechaff/data``: data, not code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .textnorm import EDGE_PUNCTUATION, find_all, fold, shown


def load_table(name: str) -> Any:
    """A JSON table shipped with the package."""
    path = resources.files("dechaff").joinpath("data").joinpath(name)
    with path.open(encoding="utf-8") as stream:
        return json.load(stream)


@dataclass(frozen=True)
class PhraseSource:
    """Where a table phrase comes from, for the reason of a removal. An ``inline`` phrase is
    chrome set inside an article's text (a teaser link, a rating prompt): the article goes on
    after it, so it must not split the article's prose."""

    platform: str
    language: str
    inline: bool = False

    def describe(self, line: str) -> str:
        return f"{self.platform} chrome ({self.language}): {shown(line)}"


class PatternSet:
    """Whole-line regular expressions, each tried only on lines that start as it can.

    ``starts`` name the first word of a matching line (case-folded), or its first character,
    or "#" for a digit: most lines start with none of them and cost one dictionary look-up.
    """

    def __init__(self, entries: list[tuple[list[str], str, Any]]) -> None:
        by_start: dict[str, list[tuple[str, Any]]] = {}
        for starts, pattern, source in entries:
            for start in starts:
                by_start.setdefault(start.casefold(), []).append((pattern, source))
        self._sources = by_start
        # Per start: one alternation that answers most lines in a single call, then the
        # patterns one by one (compiled once) to say which matched.
        self._by_start = {
            start: (
                _alternation([pattern for pattern, _ in items]),
                [(re.compile(pattern, re.IGNORECASE), source) for pattern, source in items],
            )
            for start, items in by_start.items()
        }
        # Starts whose alternation rewrites a pattern (see _alternation): always checked again.
        self._numbered = frozenset(
            start for start, items in by_start.items()
            if any(pattern.startswith(_NUMBER_FIRST) for pattern, _ in items)
        )

    @property
    def after_numbers(self) -> list[str]:
        """What follows the number in the patterns filed under "#" ("\\d+ comments?:")."""
        return [
            pattern[len(_NUMBER_FIRST) :]
            for pattern, _ in self._sources.get("#", [])
            if pattern.startswith(_NUMBER_FIRST)
        ]

    @property
    def starts(self) -> frozenset[str]:
        """Every word or character a matching line can start with ("#" stands for 0-9)."""
        keys = set(self._by_start)
        if "#" in keys:
            keys.update("0123456789")
        return frozenset(keys)

    def match(self, collapsed: str, folded: str) -> Any:
        """The source of the first pattern matching all of ``collapsed``, or None.

        ``folded`` is the same line case-folded with its edges trimmed (see textnorm).
        """
        return self.match_keys(collapsed, start_keys(collapsed, folded))

    def match_keys(self, collapsed: str, keys: tuple[str, ...]) -> Any:
        """:meth:`match`, with the line's :func:`start_keys` already known."""
        by_start = self._by_start
        for start in keys:
            candidate = by_start.get(start)
            if candidate and candidate[0].fullmatch(collapsed):
                patterns = candidate[1]
                if len(patterns) == 1 and start not in self._numbered:
                    return patterns[0][1]  # the alternation was this very pattern
                for pattern, source in patterns:
                    if pattern.fullmatch(collapsed):
                        return source
        return None


def start_keys(collapsed: str, folded: str) -> tuple[str, ...]:
    """The keys under which patterns that could match a line are filed: its first word, that
    word without trailing punctuation, and its first character when that is not a letter
    ("#" for a digit). A label that a colon ends inside the first word counts as a word of its
    own: Chinese and Japanese set no space after the colon ("上一篇" and a title)."""
    if not collapsed:
        return ()
    word = folded.partition(" ")[0]
    bare_word = word.rstrip(":.：,")
    first = collapsed[0]
    keys = (word,) if bare_word == word else (word, bare_word)
    colon = bare_word.find("：")
    if colon < 0:
        colon = bare_word.find(":")
    if colon > 0:
        keys = (*keys, bare_word[:colon])
    if first.isalpha():
        return keys
    return (*keys, "#" if first.isdigit() else first)


_NUMBER_FIRST = "\\d+ "


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """One regular expression matching what any of ``patterns`` matches.

    Patterns that start with a number ("\\d+ comments?:") share that start, so that the
    number is read once rather than once per pattern.
    """
    numbered = [
        pattern[len(_NUMBER_FIRST) :] for pattern in patterns if pattern.startswith(_NUMBER_FIRST)
    ]
    others = [pattern for pattern in patterns if not pattern.startswith(_NUMBER_FIRST)]
    branches = [f"(?:{pattern})" for pattern in others]
    if numbered:
        branches.append(_NUMBER_FIRST + "(?:" + "|".join(f"(?:{rest})" for rest in numbered) + ")")
    return re.compile("|".join(branches), re.IGNORECASE)


@dataclass(frozen=True)
class KeywordLine:
    """A short line holding ``keyword`` (and matching ``requires``, when given) is chrome
    about ``topic``; ``inline`` as for :class:`PhraseSource`. The keyword is a string, or a
    regular expression (``finds``) when one pass over a page should find several words."""

    keyword: str
    max_chars: int
    anywhere: bool
    requires: re.Pattern[str] | None
    inline: bool = False
    topic: str = ""
    finds: re.Pattern[str] | None = None

    def found_in(self, folded_text: str) -> list[int]:
        """Offsets of the keyword in a page's case-folded text."""
        if self.finds is not None:
            return [match.start() for match in self.finds.finditer(folded_text)]
        return find_all(folded_text, self.keyword)

    def matches(self, folded: str) -> bool:
        return (
            len(folded) <= self.max_chars
            and (self.keyword in folded if self.finds is None else bool(self.finds.search(folded)))
            and (self.requires is None or self.requires.search(folded) is not None)
        )


# What may stand between the phrases of a line that strings several together.
_CHAIN_BREAKS = re.compile(r"[\s|/&·•»›>]+")
LONGEST_CHAIN = 16


@dataclass(frozen=True)
class ScaffoldingTable:
    """Chrome phrases: 'anywhere' ones are chrome on any line, 'edge' ones at head and tail."""

    anywhere: dict[str, PhraseSource]
    edge: dict[str, PhraseSource]
    anywhere_patterns: PatternSet
    edge_patterns: PatternSet
    keyword_lines: tuple[KeywordLine, ...]

    @property
    def chain_starts(self) -> frozenset[str]:
        """First words of the phrases a chained line can start with."""
        return frozenset(
            phrase.partition(" ")[0] for phrase in (*self.anywhere, *self.edge) if len(phrase) > 3
        )

    def match_chain(self, folded: str) -> str | None:
        """"anywhere" or "edge" when the line strings two or more phrases together
        ("Impressum & Datenschutz", "Schreibe einen Kommentar Antworten abbrechen").

        >>> scaffolding_table().match_chain("weiterempfehlen drucken")
        'edge'
        >>> scaffolding_table().match_chain("drucken sie diesen artikel") is None
        True
        """
        words = [word for word in _CHAIN_BREAKS.split(folded) if word.strip("-–—")]
        if not 2 <= len(words) <= LONGEST_CHAIN:
            return None
        position = parts = 0
        where = "anywhere"
        while position < len(words):
            for size in range(min(6, len(words) - position), 0, -1):
                phrase = " ".join(words[position : position + size]).strip(EDGE_PUNCTUATION)
                if phrase in self.anywhere:
                    break
                if phrase in self.edge:
                    where = "edge"
                    break
            else:
                return None
            position += size
            parts += 1
        return where if parts >= 2 else None

    @property
    def starts(self) -> frozenset[str]:
        """Every key a line must have (its folded form, first word or first character) for
        some phrase or pattern of this table to match it."""
        return (
            frozenset(self.anywhere) | frozenset(self.edge)
            | self.anywhere_patterns.starts | self.edge_patterns.starts
        )

    def match_anywhere(
        self, folded: str, collapsed: str, keys: tuple[str, ...]
    ) -> PhraseSource | None:
        source = self.anywhere.get(folded)
        return source if source is not None else self.anywhere_patterns.match_keys(collapsed, keys)

    def match_edge(
        self, folded: str, collapsed: str, keys: tuple[str, ...]
    ) -> PhraseSource | None:
        source = self.edge.get(folded)
        return source if source is not None else self.edge_patterns.match_keys(collapsed, keys)


@lru_cache(maxsize=1)
def scaffolding_table() -> ScaffoldingTable:
    data = load_table("scaffolding.json")
    anywhere: dict[str, PhraseSource] = {}
    edge: dict[str, PhraseSource] = {}
    anywhere_patterns: list[tuple[list[str], str, Any]] = []
    edge_patterns: list[tuple[list[str], str, Any]] = []
    for entry in data["entries"]:
        source = PhraseSource(entry["platform"], entry["language"], entry.get("inline", False))
        for phrase in entry.get("anywhere", []):
            anywhere.setdefault(fold(phrase), source)
        for phrase in entry.get("edge", []):
            edge.setdefault(fold(phrase), source)
        for item in entry.get("anywhere_patterns", []):
            anywhere_patterns.append((item["starts"], item["pattern"], source))
        for item in entry.get("edge_patterns", []):
            edge_patterns.append((item["starts"], item["pattern"], source))
    for key in anywhere:
        edge.pop(key, None)
    keyword_lines = tuple(
        KeywordLine(
            item.get("keyword", ""),
            item["max_chars"],
            item["where"] == "anywhere",
            re.compile(item["requires"]) if "requires" in item else None,
            item.get("inline", False),
            item.get("topic", item.get("keyword", "")),
            re.compile(item["finds"]) if "finds" in item else None,
        )
        for item in data.get("keyword_lines", [])
    )
    return ScaffoldingTable(
        anywhere, edge, PatternSet(anywhere_patterns), PatternSet(edge_patterns), keyword_lines
    )


@dataclass(frozen=True)
class DateTable:
    """Month and weekday names of every supported language, merged."""

    month_numbers: dict[str, int]
    weekdays: frozenset[str]
    lead_words: tuple[str, ...]
    byline_words: tuple[str, ...]
    byline_joiners: tuple[str, ...]
    byline_particles: frozenset[str]
    byline_not_names: frozenset[str]
    comment_links: tuple[str, ...]


@lru_cache(maxsize=1)
def date_table() -> DateTable:
    data = load_table("dates.json")
    month_numbers: dict[str, int] = {}
    for months in data["months"].values():
        for number, spellings in enumerate(months, start=1):
            for spelling in spellings:
                month_numbers.setdefault(spelling.casefold(), number)
    weekdays = frozenset(day.casefold() for days in data["weekdays"].values() for day in days)
    return DateTable(
        month_numbers, weekdays, tuple(data["lead_words"]),
        tuple(data["byline_words"]), tuple(data["byline_joiners"]),
        frozenset(data["byline_particles"]), frozenset(data["byline_not_names"]),
        tuple(data["comment_links"]),
    )


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The most frequent plain words of about a hundred languages, case-folded, merged.

    Their share among a line's words tells running text from menus and labels, whatever the
    language: a menu item holds none, a sentence a third or more.

    >>> {"the", "und", "yang", "dans"} <= function_words()
    True
    """
    data = load_table("function_words.json")
    return frozenset(word for words in data["languages"].values() for word in words)


@dataclass(frozen=True)
class SectionTable:
    """Headings that open a section of an article's own content that is no running text (a
    recipe's ingredients and steps), and the facts of a recipe card ("Prep time: 10 min")."""

    headings: frozenset[str]
    facts: tuple[str, ...]

    def opens_section(self, key: str) -> bool:
        """Whether a line, given as its paragraph key (case-folded, whitespace collapsed),
        is such a heading or fact.

        >>> table = section_table()
        >>> table.opens_section("zutaten:"), table.opens_section("prep time: 10 minutes")
        (True, True)
        >>> table.opens_section("ingredients are listed below."), table.opens_section("yielding")
        (False, False)
        """
        line = key.lstrip(EDGE_PUNCTUATION)
        if line.rstrip(EDGE_PUNCTUATION + "：") in self.headings:
            return True
        if len(line) > LONGEST_FACT_LINE or not line.startswith(self.facts):
            return False
        fact = next(fact for fact in self.facts if line.startswith(fact))
        rest = line[len(fact) :]
        return not rest or rest[0] in ":：" or (rest[0] == " " and rest[1:2].isdigit())


# A recipe card's fact ("Zubereitungszeit: 25 Minuten (+ 15 Minuten backen)") is short.
LONGEST_FACT_LINE = 80


@lru_cache(maxsize=1)
def section_table() -> SectionTable:
    data = load_table("sections.json")
    headings = frozenset(fold(phrase) for phrases in data["headings"].values()
                         for phrase in phrases)
    facts = tuple(sorted({fold(phrase) for phrases in data["facts"].values()
                          for phrase in phrases}, key=len, reverse=True))
    return SectionTable(headings, facts)


def is_box_heading(key: str) -> bool:
    """Whether a line, given as its paragraph key (case-folded, whitespace collapsed), is the
    heading of a box of links set inside an article ("Related stories", "Mehr zum Thema"),
    in any language of the table; punctuation around it aside, as for section headings.

    >>> is_box_heading("related stories:"), is_box_heading("lesen sie auch »")
    (True, True)
    >>> is_box_heading("related stories from the harbour")
    False
    """
    return key.strip(EDGE_PUNCTUATION + "：") in _box_headings()


@lru_cache(maxsize=1)
def _box_headings() -> frozenset[str]:
    data = load_table("boxes.json")
    return frozenset(fold(phrase) for phrases in data["headings"].values() for phrase in phrases)
