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

from .textnorm import fold


def load_table(name: str) -> Any:
    """A JSON table shipped with the package."""
    with resources.files("dechaff").joinpath("data", name).open(encoding="utf-8") as stream:
        return json.load(stream)


@dataclass(frozen=True)
class PhraseSource:
    """Where a table phrase comes from, for the reason of a removal."""

    platform: str
    language: str
    phrase: str

    def describe(self, line: str) -> str:
        shown = line if len(line) <= 60 else line[:57] + "..."
        return f"{self.platform} chrome ({self.language}): {shown!r}"


class PatternSet:
    """Whole-line regular expressions; one compiled alternation answers most lines at once."""

    def __init__(self, patterns: list[tuple[str, PhraseSource]]) -> None:
        self._patterns = [(re.compile(text, re.IGNORECASE), source) for text, source in patterns]
        joined = "|".join(f"(?:{text})" for text, _ in patterns) or r"(?!x)x"
        self._any = re.compile(f"(?:{joined})", re.IGNORECASE)

    def match(self, line: str) -> PhraseSource | None:
        if self._any.fullmatch(line) is None:
            return None
        for pattern, source in self._patterns:
            if pattern.fullmatch(line):
                return source
        return None  # pragma: no cover - the alternation matched, so one pattern does


@dataclass(frozen=True)
class ScaffoldingTable:
    """Chrome phrases: 'anywhere' ones are chrome on any line, 'edge' ones at head and tail."""

    anywhere: dict[str, PhraseSource]
    edge: dict[str, PhraseSource]
    anywhere_patterns: PatternSet
    edge_patterns: PatternSet

    def match_anywhere(self, folded: str, collapsed: str) -> PhraseSource | None:
        return self.anywhere.get(folded) or self.anywhere_patterns.match(collapsed)

    def match_edge(self, folded: str, collapsed: str) -> PhraseSource | None:
        return self.edge.get(folded) or self.edge_patterns.match(collapsed)


@lru_cache(maxsize=1)
def scaffolding_table() -> ScaffoldingTable:
    data = load_table("scaffolding.json")
    anywhere: dict[str, PhraseSource] = {}
    edge: dict[str, PhraseSource] = {}
    anywhere_patterns: list[tuple[str, PhraseSource]] = []
    edge_patterns: list[tuple[str, PhraseSource]] = []
    for entry in data["entries"]:
        platform, language = entry["platform"], entry["language"]
        for phrase in entry.get("anywhere", []):
            anywhere.setdefault(fold(phrase), PhraseSource(platform, language, phrase))
        for phrase in entry.get("edge", []):
            edge.setdefault(fold(phrase), PhraseSource(platform, language, phrase))
        for pattern in entry.get("anywhere_patterns", []):
            anywhere_patterns.append((pattern, PhraseSource(platform, language, pattern)))
        for pattern in entry.get("edge_patterns", []):
            edge_patterns.append((pattern, PhraseSource(platform, language, pattern)))
    for key in anywhere:
        edge.pop(key, None)
    return ScaffoldingTable(anywhere, edge, PatternSet(anywhere_patterns), PatternSet(edge_patterns))


@dataclass(frozen=True)
class DateTable:
    """Month and weekday names of every supported language, merged."""

    month_numbers: dict[str, int]
    weekdays: frozenset[str]
    lead_words: tuple[str, ...]


@lru_cache(maxsize=1)
def date_table() -> DateTable:
    data = load_table("dates.json")
    month_numbers: dict[str, int] = {}
    for months in data["months"].values():
        for number, spellings in enumerate(months, start=1):
            for spelling in spellings:
                month_numbers.setdefault(spelling.casefold(), number)
    weekdays = frozenset(day.casefold() for days in data["weekdays"].values() for day in days)
    return DateTable(month_numbers, weekdays, tuple(data["lead_words"]))
