"""Speed of the whole dedup pass, dechaff against datasketch and rensa, in the same run.

Documents are generated (median about 3 KB of UTF-8): words drawn with their real frequencies
from ../shared/corpora (a synthetic vocabulary when it is absent), with exact copies (other
case and punctuation) and near copies (a few words changed, the end cut) mixed in. They are
generated in chunks that are not timed; each engine then runs on the same chunks, in a
process of its own:

- dechaff: ``Deduplicator.decide`` - tokenise, shingle, sign (128 permutations), index,
  verify every candidate exactly, decide by the keep rule.
- datasketch: word 5-grams in Python (``\\w+`` tokens, lower-cased), ``MinHash.bulk`` (128
  permutations) and ``MinHashLSH(threshold=0.8)``: query, and insert what has no candidate.
- rensa: the same Python 5-grams, ``RMinHash`` (128 permutations) per document and
  ``RMinHashLSH(0.8, 128, 16 bands)``: query, and insert what has no candidate.

Peers skip verification, so they do less work than dechaff. Reported per engine and size:
seconds, documents/s, MB/s of UTF-8 input, peak memory above the process's memory before the
pass (resident set, MB), and documents found to be duplicates; for dechaff also the index's
bytes per kept document.

    .venv/bin/python benchmarks/dedup_speed.py [--sizes 10000,100000,1000000]
        [--peer-max 100000] [--no-floor]

Floors (exit 1 when missed, unless ``--no-floor``): dechaff at least as fast as rensa at every
size both ran, and dechaff's cost per document at the largest size at most 1.5 times its cost
at the smallest (linear growth).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import regex

from dechaff import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
CHUNK = 10_000
NUM_PERM = 128
THRESHOLD = 0.8
WORD = regex.compile(r"\w+")
MB = 1_000_000


# --- the corpus -------------------------------------------------------------------------------


def vocabulary() -> tuple[list[str], np.ndarray]:
    """Words and their cumulative probabilities, from the real corpora when present."""
    counts: dict[str, int] = {}
    pages = SHARED / "trafilatura-dev" / "pages.jsonl.gz"
    if pages.exists():
        with gzip.open(pages, "rt", encoding="utf-8") as lines:
            for line in lines:
                for word in WORD.findall(json.loads(line)["html_text"]):
                    counts[word] = counts.get(word, 0) + 1
    else:
        rng = np.random.default_rng(7)
        letters = list("abcdefghijklmnopqrstuvwxyzäöüéè")
        for rank in range(50_000):
            word = "".join(rng.choice(letters, int(rng.integers(2, 11))))
            counts[word] = max(1, int(100_000 / (rank + 1)))
    words = sorted(counts, key=counts.__getitem__, reverse=True)
    weights = np.array([counts[word] for word in words], dtype=np.float64)
    return words, np.cumsum(weights) / weights.sum()


def documents(total: int, seed: int = 1) -> Iterator[list[Document]]:
    """``total`` documents in chunks of :data:`CHUNK`, the same for the same seed."""
    words, cumulative = vocabulary()
    rng = np.random.default_rng(seed)
    recent: list[str] = []
    number = 0
    while number < total:
        chunk: list[Document] = []
        for _ in range(min(CHUNK, total - number)):
            roll = rng.random()
            if recent and roll < 0.05:
                text = recent[int(rng.integers(len(recent)))].upper() + "!"
            elif recent and roll < 0.15:
                tokens = recent[int(rng.integers(len(recent)))].split(" ")
                for _ in range(int(rng.integers(1, 4))):
                    tokens[int(rng.integers(len(tokens)))] = "changed"
                text = " ".join(tokens[: int(len(tokens) * rng.uniform(0.9, 1.0))])
            else:
                length = int(rng.lognormal(np.log(420), 0.6)) + 20
                picks = np.searchsorted(cumulative, rng.random(length))
                text = " ".join([words[i] for i in picks.tolist()])
                text = text.replace(" ", ".\n", length // 40)
            chunk.append(Document(f"doc{number}", text))
            recent.append(text)
            if len(recent) > 5000:
                recent = recent[-2500:]
            number += 1
        yield chunk


# --- the engines ------------------------------------------------------------------------------


def python_shingles(text: str) -> list[str]:
    """Word 5-grams as the peers get them: lower-cased ``\\w+`` tokens joined by spaces."""
    tokens = WORD.findall(text.lower())
    if len(tokens) < 5:
        return [" ".join(tokens)] if tokens else []
    windows = zip(tokens, tokens[1:], tokens[2:], tokens[3:], tokens[4:], strict=False)
    return list(map(" ".join, windows))


class Dechaff:
    def __init__(self) -> None:
        from dechaff.dedup import Deduplicator

        self.engine = Deduplicator()

    def run(self, chunk: list[Document]) -> int:
        return sum(decision.duplicate_of is not None for decision in self.engine.decide(chunk))

    def extra(self) -> dict[str, Any]:
        index = self.engine.index
        return {"index_bytes_per_kept": index.nbytes / max(len(index), 1)}


class Datasketch:
    def __init__(self) -> None:
        from datasketch import MinHash, MinHashLSH

        self.minhash = MinHash
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)

    def run(self, chunk: list[Document]) -> int:
        sets = [[s.encode("utf-8") for s in python_shingles(d.text)] for d in chunk]
        duplicates = 0
        for document, minhash in zip(chunk, self.minhash.bulk(sets, num_perm=NUM_PERM),
                                     strict=True):
            if self.lsh.query(minhash):
                duplicates += 1
            else:
                self.lsh.insert(document.id, minhash)
        return duplicates

    def extra(self) -> dict[str, Any]:
        return {}


class Rensa:
    def __init__(self) -> None:
        import rensa

        self.rensa = rensa
        self.lsh = rensa.RMinHashLSH(THRESHOLD, NUM_PERM, 16)
        self.next = 0

    def run(self, chunk: list[Document]) -> int:
        duplicates = 0
        for document in chunk:
            minhash = self.rensa.RMinHash(num_perm=NUM_PERM, seed=1)
            minhash.update(python_shingles(document.text))
            if self.lsh.query(minhash):
                duplicates += 1
            else:
                self.lsh.insert(self.next, minhash)
                self.next += 1
        return duplicates

    def extra(self) -> dict[str, Any]:
        return {}


ENGINES = {"dechaff": Dechaff, "datasketch": Datasketch, "rensa": Rensa}


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / MB


def measure(engine_name: str, size: int) -> dict[str, Any]:
    """Run one engine over ``size`` documents in this process; only its work is timed."""
    chunks = documents(size)
    first = next(chunks)
    engine = ENGINES[engine_name]()
    engine.run([Document("warm-up", "one two three four five six")])  # imports, tables
    baseline = resident_mb()
    seconds = 0.0
    megabytes = 0.0
    duplicates = 0
    for chunk in [first, *chunks] if size <= CHUNK else _chain(first, chunks):
        megabytes += sum(len(d.text.encode("utf-8")) for d in chunk) / MB
        began = time.perf_counter()
        duplicates += engine.run(chunk)
        seconds += time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000  # kB on Linux
    return {"engine": engine_name, "documents": size, "seconds": seconds,
            "megabytes": megabytes, "peak_mb": peak - baseline, "duplicates": duplicates - 0,
            **engine.extra()}


def _chain(first: list[Document], rest: Iterator[list[Document]]) -> Iterator[list[Document]]:
    yield first
    yield from rest


def run_isolated(engine: str, size: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(size)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{engine} at {size} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--peer-max", type=int, default=100_000)
    parser.add_argument("--engines", default="dechaff,rensa,datasketch")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    rows: list[dict[str, Any]] = []
    print(f"{'engine':<11} {'documents':>9} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} "
          f"{'peak MB':>8} {'dups':>7}  notes", flush=True)
    for size in sizes:
        for engine in args.engines.split(","):
            if engine != "dechaff" and size > args.peer_max:
                continue
            row = run_isolated(engine, size)
            rows.append(row)
            notes = (f"index {row['index_bytes_per_kept']:.0f} bytes/kept document"
                     if "index_bytes_per_kept" in row else "")
            print(f"{engine:<11} {size:>9} {row['seconds']:>8.1f} "
                  f"{size / row['seconds']:>8.0f} {row['megabytes'] / row['seconds']:>6.1f} "
                  f"{row['peak_mb']:>8.0f} {row['duplicates']:>7}  {notes}", flush=True)
    return check_floors(rows, args.no_floor)


def check_floors(rows: list[dict[str, Any]], no_floor: bool) -> int:
    ours = {row["documents"]: row["seconds"] / row["documents"]
            for row in rows if row["engine"] == "dechaff"}
    rensa = {row["documents"]: row["seconds"] / row["documents"]
             for row in rows if row["engine"] == "rensa"}
    failures = [f"dechaff slower than rensa at {size} documents"
                for size in ours if size in rensa and ours[size] > rensa[size]]
    if len(ours) > 1:
        small, large = min(ours), max(ours)
        growth = ours[large] / ours[small]
        print(f"dechaff cost per document, {large} vs {small} documents: x{growth:.2f}")
        if growth > 1.5:
            failures.append(f"cost per document grew x{growth:.2f} from {small} to {large}")
    for size in sorted(set(ours) & set(rensa)):
        print(f"dechaff / rensa speed at {size}: x{rensa[size] / ours[size]:.2f}")
    for failure in failures:
        print(f"FLOOR MISSED: {failure}")
    return 1 if failures and not no_floor else 0


if __name__ == "__main__":
    sys.exit(main())
