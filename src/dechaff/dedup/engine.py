"""The local streaming engine: documents in, keep/duplicate decisions out, in input order.

Documents are read in batches. For a batch, the vectorised steps run once (shingle, look up
exact keys, sign, cut signatures into band keys, look the keys up in the band table, group
equal keys inside the batch); then documents are decided one at a time, in input order, each
compared only with documents kept before it (earlier batches, earlier runs through the index,
and earlier documents of its batch), so the decisions do not depend on the batch size.

Deciding one document (the keep rule of :mod:`.keep`):

1. No token: kept, with nothing to compare (it can neither repeat nor be repeated).
2. Exact keys first: a document whose token sequence was seen before is compared with the
   kept document that its first occurrence was decided against (itself if kept).
3. Otherwise its LSH candidates (kept documents sharing a band), in input order; the first
   whose exact Jaccard similarity reaches the threshold is the one it duplicates.

Step 2 gives what step 3 would: documents with equal token sequences have equal shingle
sets, hence equal candidates and similarities. Every answer is verified on shingle sets.
Memory: the index (kept documents) plus one batch and a bounded cache of sorted shingle sets.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import numpy as np

from ..document import Document
from .banding import band_keys
from .config import DedupConfig
from .index import DedupIndex
from .keep import Decision
from .minhash import Permutations, sign, sign_one, signature_hashes
from .mixing import U32, U64
from .shingles import ShingledBatch, shingle_batch
from .table import KeyTable
from .verify import as_set, jaccard

T = TypeVar("T")
DEFAULT_BATCH = 1024
_CACHE = 4096


class Deduplicator:
    """Decides, for each document of a stream, whether it repeats a document kept before.

    ``index`` holds what earlier runs kept (see :meth:`load` and :meth:`save`); this run's
    kept documents are added to it. ``batch_size`` changes speed and memory, never decisions.

    >>> dedup = Deduplicator()
    >>> text = "One story, told once and then copied to another site word for word."
    >>> [d.status for d in dedup.decide([Document("a", text), Document("b", text.upper())])]
    ['kept', 'duplicate']
    """

    def __init__(
        self,
        config: DedupConfig | None = None,
        index: DedupIndex | None = None,
        *,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.config = config or DedupConfig()
        self.index = index if index is not None else DedupIndex.empty(self.config)
        self.index.check(self.config)
        self.batch_size = max(1, batch_size)
        self._permutations = Permutations.datasketch(self.config.num_perm, self.config.seed)
        self._banding = self.config.banding
        self._bands = KeyTable()
        self._sets: OrderedDict[int, U64] = OrderedDict()
        self._pending: dict[int, U64] = {}
        self._position = 0
        start = 0
        for signatures in self.index.signatures():
            self._add_bands(np.asarray(signatures), np.arange(start, start + len(signatures)))
            start += len(signatures)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], config: DedupConfig | None = None, *,
        batch_size: int = DEFAULT_BATCH,
    ) -> Deduplicator:
        """A deduplicator that starts from the index saved at ``path`` (a new one if absent)."""
        config = config or DedupConfig()
        if not os.path.exists(path):
            return cls(config, batch_size=batch_size)
        index = DedupIndex.load(path)
        index.check(config, os.fspath(path))
        return cls(config, index, batch_size=batch_size)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Save the index (every kept document so far) atomically to ``path``."""
        self.index.save(path)

    # -- the stream --------------------------------------------------------------------------

    def decide(self, documents: Iterable[Document]) -> Iterator[Decision]:
        """A decision for every document, in order, as soon as its batch is read."""
        for _, decision in self.stream(documents, lambda doc: doc.text, lambda doc: doc.id):
            assert decision is not None
            yield decision

    def stream(
        self, items: Iterable[T], text: Callable[[T], str | None], name: Callable[[T], str]
    ) -> Iterator[tuple[T, Decision | None]]:
        """Each item with its decision, in order. An item whose ``text`` is None is not a
        document to deduplicate (a rejected record, say): it passes with ``None``."""
        waiting: list[T] = []
        texts: list[str] = []
        ids: list[str] = []
        for item in items:
            waiting.append(item)
            value = text(item)
            if value is not None:
                texts.append(value)
                ids.append(name(item))
                if len(texts) >= self.batch_size:
                    yield from self._flush(waiting, text, ids, texts)
                    waiting, texts, ids = [], [], []
        yield from self._flush(waiting, text, ids, texts)

    def _flush(
        self, waiting: list[T], text: Callable[[T], str | None], ids: list[str], texts: list[str]
    ) -> Iterator[tuple[T, Decision | None]]:
        decisions = iter(self._decide_batch(ids, texts) if texts else [])
        for item in waiting:
            yield item, (next(decisions) if text(item) is not None else None)

    # -- one batch ---------------------------------------------------------------------------

    def _decide_batch(self, ids: list[str], texts: list[str]) -> list[Decision]:
        batch = shingle_batch(texts, self.config.shingle_size)
        count = len(texts)
        counts = batch.counts()
        exact_hits = self.index.exact.lookup(batch.exact_keys)
        _, first, inverse = np.unique(batch.exact_keys, return_index=True, return_inverse=True)
        representative = first[inverse]
        signed = np.flatnonzero(
            (counts > 0) & (exact_hits < 0) & (representative == np.arange(count))
        )
        signatures = self._sign(batch, signed)
        keys = band_keys(signatures, self._banding)
        earlier = self._bands.lookup(keys.ravel()).reshape(keys.shape)
        groups = _groups(keys)
        run = _BatchRun(self, batch, ids, signed, signatures, keys, earlier, groups)
        for j, (tokens, hit, rep) in enumerate(
            zip(counts.tolist(), exact_hits.tolist(), representative.tolist(), strict=True)
        ):
            run.decide(j, tokens, hit, rep)
        return run.finish()

    def _sign(self, batch: ShingledBatch, rows: np.ndarray) -> U32:
        counts = batch.counts()[rows]
        offsets = np.zeros(rows.size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        if rows.size == len(batch):
            hashes = batch.hashes
        else:
            hashes = batch.hashes[np.repeat(np.isin(np.arange(len(batch)), rows), batch.counts())]
        return sign(signature_hashes(hashes), offsets, self._permutations)

    def _add_bands(self, signatures: U32, slots: np.ndarray) -> None:
        if len(slots):
            keys = band_keys(signatures, self._banding)
            self._bands.insert(keys.ravel(), np.repeat(slots, self._banding.bands))

    def _set_of(self, slot: int) -> U64:
        """A kept document's shingle set, sorted (recently used sets are kept sorted)."""
        cached = self._sets.get(slot)
        if cached is not None:
            self._sets.move_to_end(slot)
            return cached
        raw = self._pending.get(slot)
        result = as_set(raw if raw is not None else np.asarray(self.index.shingles_of(slot)))
        self._sets[slot] = result
        if len(self._sets) > _CACHE:
            self._sets.popitem(last=False)
        return result

    def _band_candidates(self, keys: U64) -> set[int]:
        """Kept documents of earlier batches that share a band with ``keys``."""
        found = self._bands.lookup(keys)
        candidates = set(found[found >= 0].tolist())
        for key in keys[found >= 0].tolist():
            candidates.update(self._bands.more(key))
        return candidates


def _groups(keys: U64) -> np.ndarray:
    """For each (document, band) of a batch, a group number shared with the other documents
    of the batch that have the same band key, or -1 when no other document has it."""
    flat = keys.ravel()
    groups = np.full(flat.size, -1, dtype=np.int64)
    if flat.size < 2:
        return groups.reshape(keys.shape)
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    new_run = np.ones(flat.size, dtype=np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=new_run[1:])
    run = np.cumsum(new_run) - 1
    shared = np.bincount(run)[run] >= 2
    groups[order[shared]] = run[shared]
    return groups.reshape(keys.shape)


class _BatchRun:
    """The sequential part of one batch: decisions in input order, then the index updated."""

    def __init__(self, engine: Deduplicator, batch: ShingledBatch, ids: list[str],
                 signed: np.ndarray, signatures: U32, keys: U64, earlier: np.ndarray,
                 groups: np.ndarray) -> None:
        self.engine = engine
        self.batch = batch
        self.ids = ids
        self.threshold = engine.config.threshold
        self.signatures = signatures
        self.keys = keys
        self.earlier = earlier
        self.groups = groups
        self.row = dict(zip(signed.tolist(), range(signed.size), strict=True))
        self.has_earlier: list[bool] = list(np.any(earlier >= 0, axis=1).tolist())
        self.has_group: list[bool] = list(np.any(groups >= 0, axis=1).tolist())
        self.group_kept: dict[int, list[int]] = {}
        self.next_slot = len(engine.index)
        self.slot_of: dict[int, int] = {}         # batch document -> its slot, when kept
        self.document_at: dict[int, int] = {}     # slot -> batch document, for this batch
        self.target_of: dict[int, int] = {}       # batch document -> slot it duplicates
        self.late: dict[int, tuple[U32, U64]] = {}  # signatures computed on the way
        self.decisions: list[Decision] = []

    def decide(self, j: int, tokens: int, hit: int, rep: int) -> None:
        engine = self.engine
        position = engine._position
        engine._position += 1
        engine.index.documents_seen += 1
        if tokens == 0:
            self.decisions.append(Decision(position, self.ids[j]))
            return
        own: U64 | None = None
        shortcut = hit if hit >= 0 else (
            self.slot_of.get(rep, self.target_of.get(rep, -1)) if rep != j else -1
        )
        if shortcut >= 0:
            own = as_set(self.batch.of(j))
            similarity = jaccard(own, engine._set_of(shortcut))
            if similarity >= self.threshold:
                self._duplicate(j, position, shortcut, similarity)
                return
        for slot in sorted(self._candidates(j)):
            if own is None:
                own = as_set(self.batch.of(j))
            similarity = jaccard(own, engine._set_of(slot))
            if similarity >= self.threshold:
                self._duplicate(j, position, slot, similarity)
                return
        slot = self.next_slot
        self.next_slot += 1
        self.slot_of[j] = slot
        self.document_at[slot] = j
        engine._pending[slot] = self.batch.of(j)
        row = self.row.get(j)
        if row is not None and self.has_group[row]:
            for group in self.groups[row][self.groups[row] >= 0].tolist():
                self.group_kept.setdefault(group, []).append(slot)
        self.decisions.append(Decision(position, self.ids[j]))

    def _duplicate(self, j: int, position: int, slot: int, similarity: float) -> None:
        self.target_of[j] = slot
        self.decisions.append(Decision(position, self.ids[j], self._id_of(slot), similarity))

    def _id_of(self, slot: int) -> str:
        if slot >= len(self.engine.index):
            return self.ids[self.document_at[slot]]
        return self.engine.index.id_of(slot)

    def _candidates(self, j: int) -> set[int]:
        row = self.row.get(j)
        if row is None:  # an exact-key shortcut failed: sign it now (practically never)
            signature = sign_one(self.batch.of(j), self.engine._permutations)
            keys = band_keys(signature[None, :], self.engine._banding)[0]
            self.late[j] = (signature, keys)
            found = self.engine._band_candidates(keys)
            for other, slot in self.slot_of.items():
                other_keys = self.late[other][1] if other in self.late else \
                    self.keys[self.row[other]]
                if np.any(other_keys == keys):
                    found.add(slot)
            return found
        found = set()
        if self.has_earlier[row]:
            found = self.engine._band_candidates(self.keys[row])
        if self.has_group[row]:
            for group in self.groups[row][self.groups[row] >= 0].tolist():
                found.update(self.group_kept.get(group, ()))
        return found

    def finish(self) -> list[Decision]:
        engine = self.engine
        kept = sorted(self.slot_of, key=self.slot_of.__getitem__)
        if kept:
            rows = [self.row.get(j) for j in kept]
            signatures = np.stack([
                self.signatures[row] if row is not None else self.late[j][0]
                for j, row in zip(kept, rows, strict=True)
            ])
            first = engine.index.add(
                [self.ids[j] for j in kept], signatures, [self.batch.of(j) for j in kept]
            )
            engine._add_bands(signatures, np.arange(first, first + len(kept)))
        decided = {**self.slot_of, **self.target_of}
        if decided:
            order = sorted(decided)
            engine.index.exact.insert(
                self.batch.exact_keys[order], [decided[j] for j in order], only_new=True
            )
        engine._pending.clear()
        return self.decisions


def deduplicate(
    documents: Iterable[Document], config: DedupConfig | None = None
) -> Iterator[Decision]:
    """Keep/duplicate decisions for ``documents``, in order (a fresh index, not saved).

    >>> docs = [Document(str(i), t) for i, t in enumerate(["a b c d e f", "x y z", "A B C D E F!"])]
    >>> [(d.id, d.status, d.duplicate_of) for d in deduplicate(docs)]
    [('0', 'kept', None), ('1', 'kept', None), ('2', 'duplicate', '0')]
    """
    return Deduplicator(config).decide(documents)
