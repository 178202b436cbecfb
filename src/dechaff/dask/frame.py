"""The Python API: clean and deduplicate a Dask DataFrame of documents.

Rows are documents (an ``id`` and a ``text`` column, and a ``url`` one if present); their
order is the frame's order, partition after partition. The answer is that of the local
engine over the same documents in the same order (:func:`dechaff.outcome.outcome_of`, then
:class:`dechaff.dedup.Deduplicator`), whatever the partitions.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..config import Config
from ..dedup import DedupConfig
from ..dedupstep import Processed
from ..document import Document
from .engine import EDGE_LIMIT, find_duplicates
from .finish import apply_duplicates, report_row
from .parts import CleanedPart, clean_documents

REPORT_COLUMNS = {"id": "object", "source": "object", "status": "object",
                  "duplicate_of": "object", "similarity": "float64", "removals": "object",
                  "metadata": "object", "error": "object"}


def clean(
    frame: Any,
    config: Config | None = None,
    *,
    dedup: bool = True,
    threshold: float = 0.8,
    num_perm: int = 128,
    client: Any = None,
    edge_limit: int = EDGE_LIMIT,
    id_column: str = "id",
    text_column: str = "text",
    url_column: str = "url",
) -> tuple[Any, Any]:
    """The cleaned frame (kept documents: id, text and url columns, cleaned text) and the
    report frame (one row per document, the fields of ``dechaff clean --report``).

    The cleaning and the near-duplicate search run now, on the cluster of ``client`` (the
    current ``distributed`` client by default); the frames returned are read from what the
    workers hold. ``threshold`` and ``num_perm`` are those of :class:`~dechaff.DedupConfig`.
    """
    from dask.delayed import delayed
    from distributed import get_client

    client = client if client is not None else get_client()
    settings = DedupConfig(threshold=threshold, num_perm=num_perm) if dedup else None
    columns = [id_column, text_column]
    url = url_column if url_column in frame.columns else None
    if url is not None:
        columns.append(url)
    parts = client.persist([
        delayed(_clean_partition, pure=True)(partition, config, id_column, text_column, url)
        for partition in frame[columns].to_delayed()
    ])
    finished = parts
    if settings is not None and parts:
        duplicates = find_duplicates(client, parts, settings, edge_limit)
        finished = client.persist([
            delayed(apply_duplicates, pure=True)(part, number, duplicates.own[number],
                                                 duplicates.everyone, duplicates.copies[number])
            for number, part in enumerate(parts)
        ])
    import dask.dataframe as dd

    kept_meta = pd.DataFrame({name: pd.Series([], dtype="object") for name in
                              ([id_column, text_column] + ([url] if url else []))})
    cleaned = dd.from_delayed(
        [delayed(_kept_rows)(part, id_column, text_column, url) for part in finished],
        meta=kept_meta, verify_meta=False,
    )
    report = dd.from_delayed(
        [delayed(_report_rows)(part) for part in finished],
        meta=pd.DataFrame({name: pd.Series([], dtype=kind)
                           for name, kind in REPORT_COLUMNS.items()}),
        verify_meta=False,
    )
    return cleaned, report


def _clean_partition(
    frame: pd.DataFrame, config: Config | None, id_column: str, text_column: str,
    url_column: str | None,
) -> CleanedPart:
    ids = frame[id_column].tolist()
    texts = frame[text_column].tolist()
    urls = frame[url_column].tolist() if url_column else [None] * len(ids)
    documents = [
        Document(str(name), text, url=url if isinstance(url, str) else None)
        for name, text, url in zip(ids, texts, urls, strict=True)
    ]
    return clean_documents(documents, config)


def _kept_rows(part: CleanedPart, id_column: str, text_column: str,
               url_column: str | None) -> pd.DataFrame:
    rows: dict[str, list[Any]] = {id_column: [], text_column: []}
    if url_column:
        rows[url_column] = []
    for step in part.steps:
        if isinstance(step, Processed) and step.outcome.status == "kept":
            rows[id_column].append(step.outcome.id)
            rows[text_column].append(step.outcome.text)
            if url_column:
                payload = step.payload
                rows[url_column].append(payload.get("url") if isinstance(payload, dict)
                                        else None)
    return pd.DataFrame(rows, dtype="object")


def _report_rows(part: CleanedPart) -> pd.DataFrame:
    rows = [report_row(step.outcome) for step in part.steps if isinstance(step, Processed)]
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return frame.astype(REPORT_COLUMNS)


def report_json(row: dict[str, Any]) -> dict[str, Any]:
    """A report frame row back as the report record of ``dechaff clean --report``."""
    record = dict(row)
    record["removals"] = json.loads(record["removals"])
    record["metadata"] = json.loads(record["metadata"])
    return record
