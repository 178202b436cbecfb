"""The near-duplicate steps that run on the workers, as pure functions of pandas frames.

1. :func:`sketch_part`: a cleaned partition's kept texts become *band rows* (one per band
   of each text: band key, position, copy key, whether it is the first band) and a
   :class:`ShingleStore` (their shingle sets, which stay on the worker that made them).
2. The band rows are shuffled by band key, so that each bucket (the texts sharing a band)
   is in one partition: :func:`bucket_pairs` makes the candidate pairs. Texts of a bucket
   that share a copy key (equal shingle sets) count once, as the first of them in input
   order: the others are *copies* of it, paired with it once, from the first band's bucket.
3. The pairs are routed to the partition of their second document (:func:`attach_second`
   adds its shingle set), then of their first (:func:`verify_first` computes the exact
   Jaccard similarity). What comes out are verified edges: candidate pairs that reach the
   threshold, and every copy pair.

The keep rule then runs over the edges (:func:`dechaff.dedup.decide_edges`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..dedup import DedupConfig, jaccard, sketch
from ..dedup.mixing import U64
from .parts import CleanedPart, position_of

LSH, COPY = 0, 1
BAND_COLUMNS = {"key": "uint64", "position": "int64", "copy": "uint64", "first": "bool"}
PAIR_COLUMNS = {"first": "int64", "second": "int64", "kind": "int8"}
EDGE_COLUMNS = {"first": "int64", "second": "int64", "kind": "int8", "similarity": "float64",
                "name": "object"}


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """A frame with no row and these column types (what Dask takes as ``meta``)."""
    return pd.DataFrame({name: pd.Series([], dtype=kind) for name, kind in columns.items()})


@dataclass(frozen=True)
class ShingleStore:
    """The shingle sets and names of a partition's kept texts, found by position."""

    positions: npt.NDArray[np.int64]
    names: tuple[str, ...]
    sets: U64
    offsets: npt.NDArray[np.int64]

    def find(self, positions: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The row of each position (all of them must be here)."""
        rows = np.searchsorted(self.positions, positions)
        if positions.size and (rows.max() >= self.positions.size
                               or (self.positions[rows] != positions).any()):
            raise ValueError("a pair names a document that this partition does not hold")
        return rows

    def set_at(self, row: int) -> U64:
        return self.sets[self.offsets[row]:self.offsets[row + 1]]


def sketch_part(
    part: CleanedPart, number: int, config: DedupConfig
) -> tuple[pd.DataFrame, ShingleStore]:
    """The band rows and the shingle store of partition ``number``."""
    places, names, texts = part.dedup_items()
    found = sketch(texts, config)
    rows = found.rows.tolist()
    positions = np.array([position_of(number, places[row]) for row in rows], dtype=np.int64)
    bands = found.keys.shape[1]
    frame = pd.DataFrame({
        "key": found.keys.ravel(),
        "position": np.repeat(positions, bands),
        "copy": np.repeat(found.copy_keys, bands),
        "first": np.tile(np.arange(bands) == 0, len(rows)),
    })
    store = ShingleStore(positions, tuple(names[row] for row in rows), found.sets,
                         found.offsets)
    return frame.astype(BAND_COLUMNS), store


def bucket_pairs(bands: pd.DataFrame) -> pd.DataFrame:
    """The candidate and copy pairs of the buckets in a partition of band rows (every row of
    a bucket is in the partition)."""
    if bands.empty:
        return empty_frame(PAIR_COLUMNS)
    rows = bands.sort_values(["key", "position"], kind="stable")
    keys = rows["key"].to_numpy()
    positions = rows["position"].to_numpy()
    copies = rows["copy"].to_numpy()
    first_band = rows["first"].to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], keys.size]
    shared = ends - starts >= 2  # most buckets hold one text: no pair, no Python loop
    starts, ends = starts[shared], ends[shared]
    pairs: list[tuple[int, int, int]] = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        representative: dict[int, int] = {}
        members: list[int] = []
        for position, copy in zip(positions[start:end].tolist(), copies[start:end].tolist(),
                                  strict=True):
            earlier = representative.get(copy)
            if earlier is None:
                representative[copy] = position
                members.append(position)
            elif first_band[start]:
                pairs.append((earlier, position, COPY))
        for i, first in enumerate(members):
            pairs.extend((first, second, LSH) for second in members[i + 1:])
    if not pairs:
        return empty_frame(PAIR_COLUMNS)
    return pd.DataFrame(pairs, columns=list(PAIR_COLUMNS)).astype(PAIR_COLUMNS)


def attach_second(pairs: pd.DataFrame, store: ShingleStore) -> pd.DataFrame:
    """Pairs whose second document is in ``store`` (the partition's pairs, indexed by the
    second position), each once, with that document's shingle set as bytes."""
    frame = pairs.reset_index().rename(columns={pairs.index.name or "index": "second"})
    frame = frame.drop_duplicates(["first", "second"])
    if frame.empty:
        return pd.DataFrame({"first": pd.Series([], dtype="int64"),
                             "second": pd.Series([], dtype="int64"),
                             "kind": pd.Series([], dtype="int8"),
                             "shingles": pd.Series([], dtype="object")})
    rows = store.find(frame["second"].to_numpy(dtype=np.int64))
    shingles = [store.set_at(row).tobytes() for row in rows.tolist()]
    return pd.DataFrame({
        "first": frame["first"].to_numpy(dtype=np.int64),
        "second": frame["second"].to_numpy(dtype=np.int64),
        "kind": frame["kind"].to_numpy(dtype=np.int8),
        "shingles": pd.Series(shingles, dtype="object"),
    })


def verify_first(pairs: pd.DataFrame, store: ShingleStore, threshold: float) -> pd.DataFrame:
    """The verified edges of pairs whose first document is in ``store`` (the partition's
    pairs, indexed by the first position): the exact similarity, and the first's name.
    Candidate pairs below ``threshold`` are dropped; copy pairs must be equal sets."""
    if pairs.empty:
        return empty_frame(EDGE_COLUMNS)
    firsts = pairs.index.to_numpy(dtype=np.int64)
    rows = store.find(firsts).tolist()
    kinds = pairs["kind"].to_numpy().tolist()
    keep: list[int] = []
    similarities: list[float] = []
    for k, (row, blob, kind) in enumerate(zip(rows, pairs["shingles"].tolist(), kinds,
                                              strict=True)):
        similarity = jaccard(store.set_at(row), np.frombuffer(blob, dtype=np.uint64))
        if kind == COPY and similarity != 1.0:
            # Two texts with equal copy keys but different shingle sets: a 64-bit hash
            # clash, which deciding it as a copy would turn into a wrong answer.
            raise RuntimeError("two different texts share a copy key; please report this")
        if kind == COPY or similarity >= threshold:
            keep.append(k)
            similarities.append(similarity)
    return pd.DataFrame({
        "first": firsts[keep],
        "second": pairs["second"].to_numpy(dtype=np.int64)[keep],
        "kind": pairs["kind"].to_numpy(dtype=np.int8)[keep],
        "similarity": np.array(similarities, dtype=np.float64),
        "name": pd.Series([store.names[rows[k]] for k in keep], dtype="object"),
    }).astype(EDGE_COLUMNS)
