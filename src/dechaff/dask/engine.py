"""Near-duplicates over a Dask cluster: LSH as a shuffle, verification on the workers, the
keep rule on the client.

The task graph, for cleaned partitions already held by the workers:

- sketch each partition (:func:`~dechaff.dask.lsh.sketch_part`): band rows, shingle store;
- shuffle the band rows by band key (p2p) and pair each bucket's texts;
- route the pairs to their second document's partition, then to their first's (two p2p
  shuffles to the partitions' known position ranges), verifying them on arrival;
- gather the verified candidate edges on the client (at most ``edge_limit`` of them) and
  run the keep rule (:func:`~dechaff.dedup.decide_edges`); copies of a text follow it
  (:func:`~dechaff.dedup.follow_copies`) on the workers, in their own partitions.

What stays on the workers grows with the corpus; what the client holds grows with the
number of candidate edges that reach the threshold (about 400 bytes each).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
from dask.delayed import Delayed, delayed

from ..dedup import DedupConfig, decide_edges
from ..errors import DechaffError
from .lsh import (
    BAND_COLUMNS,
    COPY,
    EDGE_COLUMNS,
    LSH,
    PAIR_COLUMNS,
    attach_second,
    bucket_pairs,
    empty_frame,
    sketch_part,
    verify_first,
)
from .parts import MAX_RECORDS, PART_BITS, position_of

# Edges the client takes by default. The keep rule costs about 400 bytes and 5 microseconds
# an edge on the client (benchmarks/dask_scaling.py): 10 million take 4 GB and a minute.
EDGE_LIMIT = 10_000_000
SHUFFLE = "p2p"
# A target: (position, similarity, name) of the kept document that a duplicate repeats.
Target = tuple[int, float, str]


class TooManyEdgesError(DechaffError):
    """More verified near-duplicate edges than the client is allowed to take."""


@dataclass(frozen=True)
class Duplicates:
    """Where the keep rule's answer is: per partition, the duplicates among texts found by
    LSH (a dict position -> target each); ``everyone`` all of them (a delayed dict, which
    copies need: a copy follows its representative, in any partition); and per partition,
    the copy edges that end there (delayed frames)."""

    own: list[dict[int, Target]]
    everyone: Any
    copies: list[Delayed]
    edges: int
    copy_edges: int


def divisions_of(partitions: int) -> tuple[int, ...]:
    """The position ranges of ``partitions`` partitions, as Dask divisions."""
    return (*(position_of(n, 0) for n in range(partitions)),
            position_of(partitions - 1, MAX_RECORDS - 1))


def find_duplicates(
    client: Any, parts: Sequence[Any], config: DedupConfig, edge_limit: int = EDGE_LIMIT
) -> Duplicates:
    """Run the near-duplicate steps over ``parts`` (futures or delayed objects of
    :class:`~dechaff.dask.parts.CleanedPart`, in input order)."""
    count = len(parts)
    divisions = divisions_of(count)
    with dask.config.set({"dataframe.convert-string": False}):
        sketches = [delayed(sketch_part, pure=True)(part, number, config)
                    for number, part in enumerate(parts)]
        sketches = client.persist(sketches)
        bands = dd.from_delayed([delayed(operator.getitem)(s, 0) for s in sketches],
                                meta=empty_frame(BAND_COLUMNS), verify_meta=False)
        stores = [delayed(operator.getitem)(s, 1) for s in sketches]
        buckets = bands.shuffle(on="key", shuffle_method=SHUFFLE)
        pairs = buckets.map_partitions(bucket_pairs, meta=empty_frame(PAIR_COLUMNS))
        by_second = pairs.set_index("second", divisions=divisions, shuffle_method=SHUFFLE)
        attached = dd.from_delayed(
            [delayed(attach_second)(frame, store)
             for frame, store in zip(_aligned(by_second, count), stores, strict=True)],
            meta=_attached_meta(), verify_meta=False,
        )
        by_first = attached.set_index("first", divisions=divisions, shuffle_method=SHUFFLE)
        edges = dd.from_delayed(
            [delayed(verify_first)(frame, store, config.threshold)
             for frame, store in zip(_aligned(by_first, count), stores, strict=True)],
            meta=empty_frame(EDGE_COLUMNS), verify_meta=False,
        )
        edges = client.persist(edges)
        kinds = edges["kind"].value_counts().compute()
        found = int(kinds.get(LSH, 0))
        if found > edge_limit:
            raise TooManyEdgesError(
                f"{found} verified near-duplicate edges, more than the {edge_limit} the client "
                f"takes (about 400 bytes each): raise the limit (edge_limit=, --edge-limit) "
                "on a client with more memory, or deduplicate the corpus in slices first"
            )
        candidate = edges[edges["kind"] == LSH][["first", "second", "similarity", "name"]]
        table: pd.DataFrame = candidate.compute()
        names = dict(zip(table["first"].tolist(), table["name"].tolist(), strict=True))
        decided = decide_edges(
            zip(table["first"].tolist(), table["second"].tolist(),
                table["similarity"].tolist(), strict=True),
            config.threshold,
        )
        del table
        own: list[dict[int, Target]] = [{} for _ in range(count)]
        everyone: dict[int, Target] = {}
        for second, (first, similarity) in decided.items():
            target = (first, similarity, names[first])
            own[second >> PART_BITS][second] = target
            everyone[second] = target
        copy_edges = edges[edges["kind"] == COPY][["first", "second", "similarity", "name"]]
        by_copy = copy_edges.set_index("second", divisions=divisions, shuffle_method=SHUFFLE)
        copies = client.persist(_aligned(by_copy, count))
        # One key in the graph (not a scattered value): a worker lost later recomputes it.
        shared = delayed(everyone, traverse=False)
    return Duplicates(own, shared, copies, found, int(kinds.get(COPY, 0)))


def _aligned(frame: dd.DataFrame, count: int) -> list[Delayed]:
    parts: list[Delayed] = frame.to_delayed()
    if len(parts) != count:  # divisions were given: one partition per range, always
        raise RuntimeError(f"expected {count} partitions after the shuffle, got {len(parts)}")
    return parts


def _attached_meta() -> pd.DataFrame:
    return pd.DataFrame({"first": pd.Series([], dtype="int64"),
                         "second": pd.Series([], dtype="int64"),
                         "kind": pd.Series([], dtype="int8"),
                         "shingles": pd.Series([], dtype="object")})
