"""A compact hash table from 64-bit keys to document numbers, looked up and filled in bulk.

Open addressing with linear probing over two numpy arrays (12 bytes a slot, between a quarter
and half full), so an LSH band table costs 24 to 48 bytes per band per document instead of a
Python dict entry and two int objects. A key keeps the first value inserted in the slot;
later values for the same key (two kept documents sharing a band) go to a small dict, which
stays small because documents that share bands are mostly duplicates, which are not inserted.

>>> import numpy as np
>>> table = KeyTable()
>>> table.insert(np.array([7, 9, 7], dtype=np.uint64), np.array([0, 1, 2]))
>>> table.lookup(np.array([7, 8, 9], dtype=np.uint64)).tolist()
[0, -1, 1]
>>> table.values_of(7)
[0, 2]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .mixing import U64

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
_EMPTY_KEY = np.uint64(0)


class KeyTable:
    """uint64 key -> int64 values; ``-1`` means absent. Keys are expected to be well mixed."""

    def __init__(self, capacity: int = 1024) -> None:
        size = 1 << max(4, (capacity - 1).bit_length())
        self._keys = np.zeros(size, dtype=np.uint64)
        self._values = np.full(size, -1, dtype=np.int32)
        self._more: dict[int, list[int]] = {}
        self._used = 0

    def __len__(self) -> int:
        """How many distinct keys are stored."""
        return self._used

    @property
    def nbytes(self) -> int:
        return self._keys.nbytes + self._values.nbytes + 64 * len(self._more)

    @staticmethod
    def _normal(keys: U64) -> U64:
        # 0 marks an empty slot: key 0 is stored as 1 (a false candidate at worst).
        normal: U64 = np.maximum(keys.astype(np.uint64, copy=False), np.uint64(1))
        return normal

    def _find(self, keys: U64) -> tuple[I64, I64]:
        """For each key, its slot (or the empty slot where it would go) and its first value."""
        mask = np.uint64(len(self._keys) - 1)
        slots = (keys & mask).astype(np.int64)
        values = np.full(keys.size, -1, dtype=np.int64)
        pending = np.arange(keys.size)
        while pending.size:
            found = self._keys[slots[pending]]
            hit = found == keys[pending]
            values[pending[hit]] = self._values[slots[pending[hit]]]
            pending = pending[~hit & (found != _EMPTY_KEY)]
            slots[pending] = (slots[pending] + 1) & int(mask)
        return slots, values

    def lookup(self, keys: U64) -> I64:
        """The first value stored under each key, or -1."""
        return self._find(self._normal(keys))[1]

    def values_of(self, key: int) -> list[int]:
        """Every value stored under ``key``, in insertion order."""
        first = int(self.lookup(np.array([key], dtype=np.uint64))[0])
        if first < 0:
            return []
        return [first, *self._more.get(max(key, 1), ())]

    def has_more(self, key: int) -> bool:
        return max(key, 1) in self._more

    def more(self, key: int) -> list[int]:
        """The values after the first one stored under ``key``."""
        return self._more.get(max(key, 1), [])

    def insert(self, keys: U64, values: npt.ArrayLike, *, only_new: bool = False) -> None:
        """Store ``values[i]`` under ``keys[i]``, in order. With ``only_new``, a key that is
        already present keeps what it has and the new value is dropped."""
        keys = self._normal(keys)
        values = np.asarray(values, dtype=np.int64)
        if keys.size == 0:
            return
        if int(values.max()) >= 2**31:
            raise OverflowError("a KeyTable holds values below 2**31")
        unique, first = np.unique(keys, return_index=True)
        repeated = np.ones(keys.size, dtype=np.bool_)
        repeated[first] = False
        _, present = self._find(unique)
        extra: list[tuple[int, int]] = []
        if not only_new:
            extra = list(zip(unique[present >= 0].tolist(), values[first][present >= 0].tolist(),
                             strict=True))
            extra += zip(keys[repeated].tolist(), values[repeated].tolist(), strict=True)
        new = present < 0
        self._place(unique[new], values[first][new])
        for key, value in sorted(extra, key=lambda item: item[1]):
            self._more.setdefault(key, []).append(value)

    def _place(self, keys: U64, values: I64 | I32) -> None:
        """Put keys that are absent and distinct into empty slots."""
        if self._used + keys.size > len(self._keys) // 2:
            self._grow(self._used + keys.size)
        mask = len(self._keys) - 1
        slots = (keys & np.uint64(mask)).astype(np.int64)
        pending = np.arange(keys.size)
        while pending.size:
            free = self._keys[slots[pending]] == _EMPTY_KEY
            candidates = pending[free]
            taken, first = np.unique(slots[candidates], return_index=True)
            winners = candidates[first]
            self._keys[taken] = keys[winners]
            self._values[taken] = values[winners]
            placed = np.zeros(keys.size, dtype=np.bool_)
            placed[winners] = True
            moving = pending[~free]
            slots[moving] = (slots[moving] + 1) & mask
            pending = pending[~placed[pending]]
        self._used += keys.size

    def _grow(self, needed: int) -> None:
        occupied = self._keys != _EMPTY_KEY
        keys, values = self._keys[occupied], self._values[occupied]
        size = 1 << max(4, (2 * needed).bit_length())
        self._keys = np.zeros(size, dtype=np.uint64)
        self._values = np.full(size, -1, dtype=np.int32)
        self._used = 0
        self._place(keys, values)

    def items(self) -> tuple[U64, I64]:
        """The first value of every key (keys in slot order)."""
        occupied = self._keys != _EMPTY_KEY
        return self._keys[occupied], self._values[occupied].astype(np.int64)
