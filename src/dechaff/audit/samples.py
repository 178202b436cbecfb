"""Bounded keepers for an audit: the k best items by a key, and counts per host.

Each keeps at most a fixed number of items whatever it is shown, so that an audit of a
corpus of any size fits in a fixed amount of memory. Ties are broken by the order in which
items are met, and a corpus run meets them in input order, so what is kept does not depend
on how many processes cleaned the corpus.

>>> best = TopK[str](2)
>>> for key, item in [(3, "c"), (1, "a"), (5, "e"), (4, "d")]:
...     best.offer((key,), lambda: item)
>>> best.items()
['e', 'd']
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
Key = tuple[float, ...]


class TopK(Generic[T]):
    """The ``k`` items with the largest keys met so far (the earliest first among equals).

    An item is built (``make()``) only when it gets in, so that offering is cheap.
    """

    def __init__(self, k: int) -> None:
        self.k = k
        self._heap: list[tuple[Key, int, T]] = []  # smallest key (latest among equals) first
        self._count = 0

    def would_take(self, key: Key) -> bool:
        """Whether an item with ``key`` offered now would get in."""
        if self.k <= 0:
            return False
        return len(self._heap) < self.k or key > self._heap[0][0]

    def offer(self, key: Key, make: Callable[[], T]) -> None:
        self._count += 1
        if not self.would_take(key):
            return
        # A later item ranks below an earlier one with an equal key.
        entry = (key, -self._count, make())
        if len(self._heap) < self.k:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def items(self) -> list[T]:
        """The items kept, largest key first."""
        return [item for _, _, item in sorted(self._heap, key=lambda entry: entry[:2],
                                                 reverse=True)]


def stable_hash(*parts: str) -> int:
    """A 64-bit hash of ``parts`` that is the same in every process and every run: a
    sample drawn by it is random-looking, yet fixed for a given corpus.

    >>> stable_hash("a.jsonl:1", "x") == stable_hash("a.jsonl:1", "x")
    True
    """
    data = "\x00".join(parts).encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(data, digest_size=8, person=b"dechaff-audit").digest()
    return int.from_bytes(digest, "big")


def host_of(url: str | None) -> str:
    """The host name of a URL, lower-cased; ``(no url)`` when there is none.

    >>> host_of("https://News.Example.com:8080/a?b"), host_of(None), host_of("not a url")
    ('news.example.com', '(no url)', '(no host)')
    """
    if not url:
        return "(no url)"
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        host = None
    return host or "(no host)"


@dataclass
class HostCounts:
    """What cleaning did to the documents of one host."""

    documents: int = 0
    removals: int = 0
    bytes_in: int = 0
    bytes_removed: int = 0


class HostTable:
    """Counts per host, for at most ``capacity`` hosts at a time.

    When a run meets more hosts than that, the half with the fewest removals is dropped
    (and counted under ``other``); a dropped host met again starts from zero, so counts
    are then lower bounds, and ``approximate`` says so. Hosts that matter (many removals)
    stay in the table.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(2, capacity)
        self.hosts: dict[str, HostCounts] = {}
        self.other = HostCounts()
        self.approximate = False

    def add(self, host: str, removals: int, bytes_in: int, bytes_removed: int) -> None:
        counts = self.hosts.get(host)
        if counts is None:
            if len(self.hosts) >= self.capacity:
                self._prune()
            counts = self.hosts[host] = HostCounts()
        counts.documents += 1
        counts.removals += removals
        counts.bytes_in += bytes_in
        counts.bytes_removed += bytes_removed

    def _prune(self) -> None:
        self.approximate = True
        ranked = self.ranked()
        for host, counts in ranked[self.capacity // 2:]:
            del self.hosts[host]
            self.other.documents += counts.documents
            self.other.removals += counts.removals
            self.other.bytes_in += counts.bytes_in
            self.other.bytes_removed += counts.bytes_removed

    def ranked(self) -> list[tuple[str, HostCounts]]:
        """Hosts with the most removals first (then the most documents, then by name)."""
        return sorted(self.hosts.items(),
                      key=lambda item: (-item[1].removals, -item[1].documents, item[0]))


class HashSample(Generic[T]):
    """The items whose names hash lowest (at most ``k``), looked up by name: a sample that
    is the same whatever order the names come in. The first item of a name is kept."""

    def __init__(self, k: int) -> None:
        self.k = k
        self._items: dict[str, T] = {}
        self._heap: list[tuple[int, str]] = []  # (-hash, name): the highest hash first

    def offer(self, name: str, make: Callable[[], T]) -> None:
        if self.k <= 0 or name in self._items:
            return
        key = stable_hash(name)
        if len(self._heap) >= self.k:
            if key >= -self._heap[0][0]:
                return
            _, evicted = heapq.heapreplace(self._heap, (-key, name))
            del self._items[evicted]
        else:
            heapq.heappush(self._heap, (-key, name))
        self._items[name] = make()

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def __len__(self) -> int:
        return len(self._items)
