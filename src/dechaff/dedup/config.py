"""Deduplication options: a frozen, validated record.

>>> DedupConfig().banding
Banding(bands=16, rows=6)
>>> DedupConfig(threshold=0)
Traceback (most recent call last):
...
dechaff.errors.ConfigError: threshold must be above 0 and at most 1 (got 0): pass e.g. 0.8
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError
from .banding import Banding, choose_banding
from .shingles import DEFAULT_SIZE


@dataclass(frozen=True)
class DedupConfig:
    """What counts as a duplicate, and how candidates are found.

    ``threshold``: the Jaccard similarity of shingle sets at which two documents are
    duplicates. ``num_perm``: MinHash permutations per signature. ``shingle_size``: tokens
    per shingle. ``seed``: draws the permutations (datasketch's default, 1).
    ``recall``: the probability that a pair *at* the threshold becomes a candidate.
    """

    threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = DEFAULT_SIZE
    seed: int = 1
    recall: float = 0.99

    def __post_init__(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float)) \
                or not 0 < self.threshold <= 1:
            raise ConfigError(
                f"threshold must be above 0 and at most 1 (got {self.threshold!r}): pass e.g. 0.8"
            )
        _check_int("num_perm", self.num_perm, 2, 1024)
        _check_int("shingle_size", self.shingle_size, 1, 64)
        _check_int("seed", self.seed, 0, 2**32 - 1)
        if not 0.5 <= self.recall < 1:
            raise ConfigError(f"recall must be in [0.5, 1) (got {self.recall!r}): pass e.g. 0.99")
        choose_banding(float(self.threshold), self.num_perm, self.recall)  # fails early

    @property
    def banding(self) -> Banding:
        return choose_banding(float(self.threshold), self.num_perm, self.recall)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(
            f"{name} must be an integer from {low} to {high} (got {value!r}): "
            f"pass a value in that range"
        )
