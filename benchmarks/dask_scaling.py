"""The Dask engine against the local engine, on one generated corpus at three sizes.

The corpus is ``dedup_speed.py``'s (median about 3 KB of text, exact and near copies mixed
in), written as JSONL files of 5,000 records: each file is a partition. Each run is a
separate process, so that peak memory is its own:

- ``local``: ``run_clean`` (the local engine) with ``--jobs 1``;
- ``dask-1``, ``dask-2``: ``run_clean_dask`` on a LocalCluster of 1 and 2 worker processes
  (one thread each).

Every run writes the cleaned JSONL and the report; the outputs of each Dask run are checked
to be byte for byte the local engine's. Learned boilerplate is off (``learn=False``) in every
run: it is one task on one worker in the Dask engine, so it would only add the same serial
time to each. Reported per run: seconds, documents/s, MB/s of text, peak resident memory of
the client process and of each worker, the p2p shuffle volume, and for the Dask runs the
seconds of each step (clean, dedup, write, join) and the verified edges.

A second table measures the client-side keep rule alone (``decide_edges``) on random edges:
seconds and peak memory above the edges' arrays, for 1, 3 and 10 million edges.

    .venv/bin/python benchmarks/dask_scaling.py [--sizes 20000,60000,200000]
        [--runs local,dask-1,dask-2] [--edges 1000000,3000000,10000000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MB = 1_000_000
PART = 5_000


def write_corpus(directory: Path, size: int) -> tuple[list[str], int]:
    """The corpus as JSONL files of :data:`PART` records; its bytes of text."""
    sys.path.insert(0, str(HERE))
    from dedup_speed import documents

    paths: list[str] = []
    text_bytes = 0
    out = None
    for number, document in enumerate(item for chunk in documents(size) for item in chunk):
        if number % PART == 0:
            if out is not None:
                out.close()
            paths.append(str(directory / f"part-{len(paths):03d}.jsonl"))
            out = open(paths[-1], "w", encoding="utf-8")  # noqa: SIM115
        text_bytes += len(document.text.encode("utf-8"))
        out.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
    if out is not None:
        out.close()
    return paths, text_bytes


def peak_mb() -> float:
    """This process's peak resident memory (MB): VmHWM, as ``ru_maxrss`` keeps the peak of
    the parent process across ``exec`` on Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def digest(*paths: str) -> str:
    """A hash of the files' bytes, one after the other (outputs are compared by it)."""
    total = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as file:
            while chunk := file.read(1 << 20):
                total.update(chunk)
    return total.hexdigest()


def run_one(kind: str, inputs: list[str], out: str) -> dict[str, Any]:
    """One run in this process (a child of the benchmark)."""
    from dechaff.runner import CleanRequest, run_clean

    request = CleanRequest(tuple(inputs), output=f"{out}.jsonl", report=f"{out}-report.jsonl",
                           jobs=1, learn=False)
    start = time.perf_counter()
    row: dict[str, Any] = {"run": kind}
    if kind == "local":
        summary = run_clean(request)
        row["seconds"] = time.perf_counter() - start
        row["workers_mb"] = []
        row["shuffle_mb"] = 0.0
    else:
        from distributed import Client, LocalCluster

        from dechaff.dask import run_clean_dask

        workers = int(kind.split("-")[1])
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, memory_limit=0) as cluster, \
                Client(cluster) as client:
            start = time.perf_counter()
            stats: dict[str, float] = {}
            summary = run_clean_dask(request, client=client, stats=stats)
            row["seconds"] = time.perf_counter() - start
            row["steps"] = stats
            row["workers_mb"] = sorted(client.run(peak_mb).values())
            metrics = client.run_on_scheduler(
                lambda dask_scheduler: dict(dask_scheduler.cumulative_worker_metrics))
            row["shuffle_mb"] = sum(
                value for key, value in metrics.items()
                if key[:2] == ("execute", "shuffle-transfer") and key[2:] == ("p2p-shards",
                                                                              "bytes")
            ) / MB
    row["client_mb"] = peak_mb()
    row["documents"] = summary.documents
    row["duplicates"] = summary.duplicates
    return row


def keep_rule_cost(edges: int) -> dict[str, Any]:
    """The client's keep rule alone on ``edges`` random edges (in this process)."""
    import numpy as np

    from dechaff.dedup import decide_edges

    rng = np.random.default_rng(1)
    first = rng.integers(0, edges * 4, edges)
    second = first + rng.integers(1, 1000, edges)
    similarity = rng.uniform(0.8, 1.0, edges)
    before = current_mb()
    start = time.perf_counter()
    decided = decide_edges(zip(first.tolist(), second.tolist(), similarity.tolist(),
                               strict=True), 0.8)
    return {"edges": edges, "seconds": time.perf_counter() - start,
            "peak_mb_above": peak_mb() - before, "duplicates": len(decided)}


def current_mb() -> float:
    """This process's resident memory now (MB)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / MB
    except OSError:
        return peak_mb()


def isolated(*arguments: str) -> dict[str, Any]:
    result = subprocess.run([sys.executable, __file__, *arguments], check=True,
                            capture_output=True, text=True)
    row: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000,60000,200000")
    parser.add_argument("--runs", default="local,dask-1,dask-2")
    parser.add_argument("--edges", default="1000000,3000000,10000000")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--keep-rule", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, inputs, out = options.child
        print(json.dumps(run_one(kind, inputs.split(","), out)))
        return 0
    if options.keep_rule:
        print(json.dumps(keep_rule_cost(options.keep_rule)))
        return 0
    print(f"{'docs':>8} {'run':>7} {'s':>7} {'docs/s':>7} {'MB/s':>5} {'client MB':>9} "
          f"{'worker MB':>13} {'shuffle MB':>10}  steps (s), edges")
    failed = 0
    for size in [int(value) for value in options.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix="dechaff-dask-") as directory:
            inputs, text_bytes = write_corpus(Path(directory), size)
            outputs: dict[str, str] = {}
            for kind in options.runs.split(","):
                out = str(Path(directory) / kind)
                row = isolated("--child", kind, ",".join(inputs), out)
                outputs[kind] = digest(f"{out}.jsonl", f"{out}-report.jsonl")
                same = "" if outputs[kind] == next(iter(outputs.values())) else "  DIFFERS"
                failed += bool(same)
                workers = "/".join(f"{value:.0f}" for value in row["workers_mb"]) or "-"
                steps = row.get("steps", {})
                detail = ", ".join(
                    f"{name} {steps[name]:.1f}" for name in ("clean", "dedup", "write", "join")
                    if name in steps
                )
                if steps:
                    detail += f"; {steps.get('edges', 0):.0f} edges, " \
                              f"{steps.get('copy_edges', 0):.0f} copies"
                print(f"{size:>8} {kind:>7} {row['seconds']:>7.1f} "
                      f"{size / row['seconds']:>7.0f} {text_bytes / MB / row['seconds']:>5.2f} "
                      f"{row['client_mb']:>9.0f} {workers:>13} {row['shuffle_mb']:>10.1f}  "
                      f"{detail}{same}", flush=True)
    print(f"\n{'edges':>10} {'keep rule s':>11} {'peak MB':>8}")
    for edges in [int(value) for value in options.edges.split(",") if value]:
        row = isolated("--keep-rule", str(edges))
        print(f"{edges:>10} {row['seconds']:>11.1f} {row['peak_mb_above']:>8.0f}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
