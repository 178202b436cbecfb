"""The Dask engine gives the local engine's answer: a real cluster of worker processes, a
corpus split into several partitions with duplicates across them, and a worker killed on
the way."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

import dechaff.dask as dechaff_dask
from dechaff import Document
from dechaff.dedup import DedupConfig, Deduplicator
from dechaff.outcome import outcome_of
from dechaff.report import report_record
from dechaff.runner import CleanRequest, run_clean

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = 5


def _sentences() -> list[str]:
    """Real-looking sentences: those of the golden pages."""
    found: list[str] = []
    for path in sorted(GOLDEN.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 6 and not line.startswith("~~~"):
                found.append(" ".join(words))
    return found


def corpus(count: int = 400, seed: int = 3) -> Iterator[dict[str, Any]]:
    """Pages of a few sites: articles in site chrome, with exact copies (other case and
    punctuation), near copies (words changed, the end cut, other chrome) and documents
    with nothing to compare, in an order that puts copies far from their source."""
    rng = random.Random(seed)
    sentences = _sentences()
    chrome = {
        "news.example": ("Home | World | Sport | Contact", "© 2024 News Example. All rights"),
        "blog.example": ("Skip to content", "Powered by a blog engine. Share this:"),
        "mirror.example": ("Latest posts", "Copyright mirror.example"),
    }
    articles: list[str] = []
    for number in range(count):
        roll = rng.random()
        if articles and roll < 0.12:
            body = rng.choice(articles).upper().replace(".", "!")
        elif articles and roll < 0.3:
            words = rng.choice(articles).split(" ")
            for _ in range(max(1, len(words) // 60)):
                words[rng.randrange(len(words))] = rng.choice(["river", "market", "council"])
            body = " ".join(words[: int(len(words) * rng.uniform(0.93, 1.0))])
        elif roll < 0.33:
            body = "... !!! ---"
        else:
            paragraphs = [" ".join(rng.sample(sentences, rng.randint(2, 4)))
                          for _ in range(rng.randint(3, 7))]
            body = "\n\n".join(paragraphs)
        articles.append(body)
        site = rng.choice(sorted(chrome))
        top, bottom = chrome[site]
        yield {"id": f"doc-{number:04d}", "url": f"https://{site}/{number}",
               "text": f"{top}\n\n{body}\n\n{bottom}\n"}


def write_corpus(directory: Path, count: int = 400) -> list[Path]:
    """The corpus in :data:`FILES` JSONL files (so, partitions), with one bad line and one
    empty record."""
    records = list(corpus(count))
    paths = []
    for part in range(FILES):
        path = directory / f"crawl-{part}.jsonl"
        lines = [json.dumps(record) for record in records[part::FILES]]
        if part == 1:
            lines.insert(3, '{"id": "broken", "text": ')
            lines.append(json.dumps({"id": "blank", "text": "   "}))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


def run_both(tmp_path: Path, client: Client, **options: Any) -> None:
    """The corpus through the local engine (one process) and the Dask one, each writing
    ``NAME.jsonl`` and ``NAME-report.jsonl``; their summaries must be equal."""
    inputs = tuple(str(path) for path in write_corpus(tmp_path))
    local = CleanRequest(inputs, output=str(tmp_path / "local.jsonl"),
                         report=str(tmp_path / "local-report.jsonl"), jobs=1, **options)
    local_summary = run_clean(local)
    remote = CleanRequest(inputs, output=str(tmp_path / "dask.jsonl"),
                          report=str(tmp_path / "dask-report.jsonl"), **options)
    remote_summary = dechaff_dask.run_clean_dask(remote, client=client)
    assert remote_summary == local_summary
    assert local_summary.duplicates > 20


def test_cli_engine_gives_the_local_answer(tmp_path: Path, client: Client) -> None:
    run_both(tmp_path, client)
    for name in ("{}.jsonl", "{}-report.jsonl"):
        local = (tmp_path / name.format("local")).read_bytes()
        remote = (tmp_path / name.format("dask")).read_bytes()
        assert remote == local
    report = [json.loads(line) for line in (tmp_path / "dask-report.jsonl").open()]
    crossing = [r for r in report if r["status"] == "duplicate"
                and r["source"].split(":")[0] != _source_of(report, r["duplicate_of"])]
    assert crossing  # duplicates found across partitions


def test_the_model_counted_on_the_workers_is_the_local_one(
    tmp_path: Path, client: Client
) -> None:
    inputs = tuple(str(path) for path in write_corpus(tmp_path))
    local, remote = tmp_path / "local-model.json", tmp_path / "dask-model.json"
    run_clean(CleanRequest(inputs, output=str(tmp_path / "local.jsonl"), jobs=1,
                           save_model=str(local)))
    dechaff_dask.run_clean_dask(CleanRequest(inputs, output=str(tmp_path / "dask.jsonl"),
                                             save_model=str(remote)), client=client)
    assert remote.read_bytes() == local.read_bytes()
    assert json.loads(local.read_text())["sites"]  # templates were learned


def _source_of(report: list[dict[str, Any]], name: str) -> str:
    return next(r["source"].split(":")[0] for r in report if r["id"] == name)


class KillOnce(WorkerPlugin):
    """Ends the worker process (as a crash would) when it starts the first task whose name
    starts with ``prefix``; the marker file makes it happen once in the whole cluster."""

    def __init__(self, prefix: str, marker: str) -> None:
        self.prefix = prefix
        self.marker = marker
        self.name = f"kill-once-{prefix}"

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        name = key[0] if isinstance(key, tuple) else key
        if finish == "executing" and str(name).startswith(self.prefix):
            try:
                descriptor = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return
            os.close(descriptor)
            os._exit(1)


@pytest.mark.parametrize("prefix", ["shuffle-transfer", "verify_first"])
def test_a_worker_killed_on_the_way_changes_nothing(
    tmp_path: Path, client: Client, prefix: str
) -> None:
    marker = tmp_path / "killed"
    plugin = KillOnce(prefix, str(marker))
    client.register_plugin(plugin)
    try:
        run_both(tmp_path, client)
    finally:
        client.unregister_worker_plugin(plugin.name)
    assert marker.exists()  # a worker did die
    for name in ("{}.jsonl", "{}-report.jsonl"):
        assert (tmp_path / name.format("dask")).read_bytes() == \
            (tmp_path / name.format("local")).read_bytes()


def test_frame_api_gives_the_local_answer(client: Client) -> None:
    import dask.dataframe as dd
    import pandas as pd

    records = list(corpus(300, seed=5))
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=4)
    cleaned, report = dechaff_dask.clean(frame, client=client)
    got = report.compute()
    outcomes = [outcome_of(Document(r["id"], r["text"], url=r["url"])) for r in records]
    kept = [o for o in outcomes if o.status == "kept"]
    decisions = {d.id: d for d in Deduplicator(DedupConfig()).decide(
        Document(o.id or "", o.text) for o in kept)}
    expected = []
    for outcome in outcomes:
        record = report_record(outcome)
        decision = decisions.get(outcome.id or "")
        if decision is not None and decision.duplicate_of is not None:
            record.update(status="duplicate", duplicate_of=decision.duplicate_of,
                          similarity=decision.similarity)
        expected.append(record)
    rows = [dechaff_dask_report(row) for row in got.to_dict("records")]
    assert sorted(rows, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    assert sum(r["status"] == "duplicate" for r in expected) > 20
    texts = cleaned.compute()
    assert sorted(texts["id"]) == sorted(r["id"] for r in expected if r["status"] == "kept")
    assert set(texts["url"]) <= {r["url"] for r in records}


def dechaff_dask_report(row: dict[str, Any]) -> dict[str, Any]:
    from dechaff.dask.frame import report_json

    record = report_json(row)
    for name in ("duplicate_of", "error"):
        if record[name] is None or record[name] != record[name]:  # NaN from pandas
            record[name] = None
    if record["similarity"] != record["similarity"]:
        record["similarity"] = None
    return record


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from dechaff.errors import MissingExtraError
    from dechaff.extras import dask_distributed

    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("distributed"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.delitem(__import__("sys").modules, "distributed")
    with pytest.raises(MissingExtraError, match=r"pip install 'dechaff\[dask\]'"):
        dask_distributed("--engine dask")


def test_edge_limit_says_what_to_do(tmp_path: Path, client: Client) -> None:
    inputs = tuple(str(path) for path in write_corpus(tmp_path))
    request = CleanRequest(inputs, output=str(tmp_path / "out.jsonl"), learn=False)
    with pytest.raises(dechaff_dask.TooManyEdgesError, match="raise the limit"):
        dechaff_dask.run_clean_dask(request, client=client, edge_limit=3)
    assert not (tmp_path / "out.jsonl").exists()



def test_directory_output_has_one_part_per_partition(tmp_path: Path, client: Client) -> None:
    inputs = tuple(str(path) for path in write_corpus(tmp_path))
    run_clean(CleanRequest(inputs, output=str(tmp_path / "local.jsonl"), jobs=1))
    parts = tmp_path / "parts"
    dechaff_dask.run_clean_dask(CleanRequest(inputs, output=f"{parts}/"), client=client)
    names = sorted(path.name for path in parts.iterdir())
    assert names == [f"part-{n:05d}.jsonl" for n in range(FILES)]
    joined = b"".join((parts / name).read_bytes() for name in names)
    assert joined == (tmp_path / "local.jsonl").read_bytes()


def test_parquet_output_is_the_local_one(tmp_path: Path, client: Client) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    inputs = tuple(str(path) for path in write_corpus(tmp_path, 150))
    run_clean(CleanRequest(inputs, output=str(tmp_path / "local.parquet"), jobs=1))
    dechaff_dask.run_clean_dask(CleanRequest(inputs, output=str(tmp_path / "dask.parquet")),
                                client=client)
    local = pq.read_table(tmp_path / "local.parquet")
    remote = pq.read_table(tmp_path / "dask.parquet")
    assert remote.equals(local)
    assert not (tmp_path / ".dask.parquet.parts").exists()


def test_dask_only_options_are_refused(tmp_path: Path, client: Client) -> None:
    from dechaff.errors import UsageError

    inputs = tuple(str(path) for path in write_corpus(tmp_path, 20))
    for request in (CleanRequest(inputs), CleanRequest(inputs, output="x.jsonl", index="i"),
                    CleanRequest(("-",), output="x.jsonl")):
        with pytest.raises(UsageError):
            dechaff_dask.run_clean_dask(request, client=client)
