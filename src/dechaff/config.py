"""Cleaning options: a frozen, validated record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from .errors import ConfigError

# Every per-document rule, in the order the pipeline runs them. Readers' comments below the
# article go first, then lines outside the article's prose, then lines a model learned as
# chrome (they split the article's prose from what follows), so that the body the other rules
# read is the article's; rules that read the head and tail of a page come next; blank_lines
# runs last so that it tidies what the others left.
RULE_NAMES: tuple[str, ...] = (
    "comment_thread",
    "boilerplate_line",
    "site_template",
    "date_header",
    "scaffolding",
    "photo_credit",
    "repeated_headline",
    "repeated_paragraph",
    "blank_lines",
)


def parse_rule_list(names: str | Iterable[str]) -> tuple[str, ...]:
    """Rule names from "a,b" or an iterable, checked against :data:`RULE_NAMES`.

    >>> parse_rule_list("blank_lines, scaffolding")
    ('blank_lines', 'scaffolding')
    """
    items = names.split(",") if isinstance(names, str) else list(names)
    parsed = tuple(item.strip() for item in items if item.strip())
    unknown = [name for name in parsed if name not in RULE_NAMES]
    if unknown:
        raise ConfigError(
            f"unknown rule {unknown[0]!r}: choose among {', '.join(RULE_NAMES)}"
        )
    return parsed


@dataclass(frozen=True)
class Config:
    """Which rules run, and their thresholds. Invalid values raise :class:`ConfigError`.

    >>> Config().without("photo_credit").runs("photo_credit")
    False
    >>> Config(headline_similarity=1.5)
    Traceback (most recent call last):
    ...
    dechaff.errors.ConfigError: headline_similarity must be between 0.5 and 1.0 (got 1.5): ...
    """

    rules: tuple[str, ...] = RULE_NAMES
    # Longest line (in characters) that can be a headline; the seed's headline has 137.
    headline_max_chars: int = 250
    # Shortest headline: shorter repeated lines ("Home", "Share") are left to scaffolding.
    headline_min_chars: int = 16
    # How many content lines at the head of a page may hold the headline.
    headline_search_lines: int = 8
    # rapidfuzz similarity (0-1) at which a later line counts as a copy of the headline.
    headline_similarity: float = 0.92
    # Shortest line that repeated_paragraph compares (shorter repeats are left alone).
    paragraph_min_chars: int = 60
    # Blank lines kept between paragraphs.
    max_blank_lines: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", parse_rule_list(self.rules))
        _check_range("headline_max_chars", self.headline_max_chars, 20, 2000)
        _check_range("headline_min_chars", self.headline_min_chars, 1, self.headline_max_chars)
        _check_range("headline_search_lines", self.headline_search_lines, 1, 1000)
        _check_range("headline_similarity", self.headline_similarity, 0.5, 1.0)
        _check_range("paragraph_min_chars", self.paragraph_min_chars, 10, 100_000)
        _check_range("max_blank_lines", self.max_blank_lines, 0, 100)

    def runs(self, rule: str) -> bool:
        """Whether ``rule`` is enabled."""
        return rule in self.rules

    def without(self, *rules: str) -> Config:
        """The same configuration with ``rules`` switched off."""
        skipped = set(parse_rule_list(rules))
        return replace(self, rules=tuple(name for name in self.rules if name not in skipped))

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        return tuple(item.name for item in fields(cls))


def _check_range(name: str, value: object, low: float, high: float) -> None:
    number_types = (int, float) if isinstance(low, float) or isinstance(high, float) else (int,)
    if isinstance(value, bool) or not isinstance(value, number_types):
        kind = "a number" if float in number_types else "an integer"
        raise ConfigError(f"{name} must be {kind} (got {value!r}): pass e.g. {name}={low!r}")
    if not low <= value <= high:
        raise ConfigError(
            f"{name} must be between {low} and {high} (got {value}): "
            f"pass a value in that range, e.g. {name}={high if value > high else low}"
        )
