"""End-to-end throughput of ``dechaff clean`` on a JSONL.zst corpus, and its I/O ceiling.

Used by throughput.py. The corpus is made once from the real texts of ../shared/corpora (the
WET excerpts and the naive page extractions of trafilatura-dev), repeated with fresh ids until
its uncompressed JSONL reaches the size asked for, and cached under benchmarks/.cache.

Each configuration runs the real command in a subprocess; its peak memory is sampled (the
parent and every worker, added up) with psutil when it is installed, or read from the
kernel's count for the largest single process otherwise. The I/O ceiling is the same
corpus through a plain loop in this process: read, decompress, parse, serialise, compress,
write, with nothing cleaned. Last, one record whose text is a single 100 MB line: its speed
and memory (the tests only check that it is cleaned).
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000
CACHE = Path(__file__).resolve().parent / ".cache"
DECHAFF = Path(sys.executable).with_name("dechaff")
VERSION = 1


def real_texts(shared: Path) -> list[dict[str, str]]:
    """The real texts: every readable WET record, and both naive extractions of each page."""
    from dechaff.warc import read_warc

    texts: list[dict[str, str]] = []
    for path in sorted((shared / "corpora" / "wet").glob("*.warc.wet.gz")):
        for item in read_warc(path):
            if item.document is not None:
                texts.append({"url": item.document.url or "", "text": item.document.text})
    pages = shared / "corpora" / "trafilatura-dev" / "pages.jsonl.gz"
    if pages.exists():
        with gzip.open(pages, "rt", encoding="utf-8") as file:
            for line in file:
                page = json.loads(line)
                for field in ("html_text", "inscriptis"):
                    if page.get(field):
                        texts.append({"url": page["url"], "text": page[field]})
    return texts


def corpus(shared: Path, megabytes: float) -> tuple[Path, int, int, int]:
    """The cached corpus of at least ``megabytes`` MB of uncompressed JSONL (made if absent):
    its path, uncompressed bytes, bytes of text, and records."""
    import zstandard

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"throughput-corpus-v{VERSION}-{megabytes:g}MB.jsonl.zst"
    facts = path.with_suffix(".json")
    if path.exists() and facts.exists():
        known = json.loads(facts.read_text())
        return path, known["bytes"], known["text_bytes"], known["records"]
    texts = real_texts(shared)
    size = text_size = records = 0
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as raw, \
            zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False) as out:
        while size < megabytes * MB:
            for item in texts:
                line = json.dumps({"id": f"doc-{records}", "url": item["url"],
                                   "text": item["text"]}, ensure_ascii=False) + "\n"
                data = line.encode("utf-8")
                out.write(data)
                size += len(data)
                text_size += len(item["text"].encode("utf-8"))
                records += 1
                if size >= megabytes * MB:
                    break
    os.replace(temporary, path)
    facts.write_text(json.dumps({"bytes": size, "text_bytes": text_size, "records": records}))
    return path, size, text_size, records


def one_line(shared: Path, megabytes: float) -> Path:
    """A JSONL file of one record whose text is a single line of ``megabytes`` MB (the real
    texts with their line breaks made spaces), cached."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"throughput-one-line-v{VERSION}-{megabytes:g}MB.jsonl"
    if path.exists():
        return path
    pieces: list[str] = []
    size = 0
    texts = real_texts(shared)
    while size < megabytes * MB:
        for item in texts:
            piece = " ".join(item["text"].split())
            pieces.append(piece)
            size += len(piece.encode("utf-8")) + 1
            if size >= megabytes * MB:
                break
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"id": "one-line", "text": " ".join(pieces)},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


@dataclass(frozen=True)
class Measure:
    what: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    processes: int


def run_command(what: str, command: list[str]) -> Measure:
    """Run ``command``, sampling the memory of it and its children; fail loudly if it fails.

    CPU seconds (user and system, of the command and all its processes) come from the kernel:
    unlike wall time, they hardly move when other work shares the machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, processes = _watch(process)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{what} failed ({process.returncode}): {stderr.strip()}")
    return Measure(what, seconds, cpu, peak / MB, processes)


def _watch(process: subprocess.Popen[bytes]) -> tuple[float, int]:
    try:
        import psutil
    except ImportError:
        process.wait()
        # The kernel keeps the largest single descendant's peak (kilobytes on Linux).
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1000.0, 1
    peak = 0.0
    most = 1
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            members = [watched, *watched.children(recursive=True)]
            total = sum(member.memory_info().rss for member in members)
        except psutil.Error:
            total, members = 0, []
        peak = max(peak, total)
        most = max(most, len(members))
        time.sleep(0.25)  # rarely enough not to slow what is measured
    return peak, most


def io_ceiling(path: Path, out: Path) -> float:
    """Seconds to read, decompress, parse, serialise, compress and write the corpus."""
    import zstandard

    began = time.perf_counter()
    with open(path, "rb") as raw, open(out, "wb") as target:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        compressor = zstandard.ZstdCompressor(level=3).compressobj()
        pending: list[bytes] = []
        held = 0
        for line in _lines(reader):
            record = json.loads(line)
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            pending.append(data)
            held += len(data)
            if held >= MB:
                target.write(compressor.compress(b"".join(pending)))
                pending, held = [], 0
        target.write(compressor.compress(b"".join(pending)))
        target.write(compressor.flush())
    return time.perf_counter() - began


def _lines(reader: object) -> Iterator[bytes]:
    import io

    yield from io.BufferedReader(reader, 1 << 20)  # type: ignore[arg-type]


def measure(shared: Path, megabytes: float, jobs: list[int]) -> tuple[list[str], float]:
    """Lines of the end-to-end table, and the rate of the last ``jobs`` over the first."""
    path, size, text_size, records = corpus(shared, megabytes)
    small_mb = max(1.0, megabytes / 10)
    small, small_size, _, _ = corpus(shared, small_mb)
    lines = [
        f"corpus: {records} records, {size / MB:.0f} MB of JSONL ({text_size / MB:.0f} MB of "
        f"text), {path.stat().st_size / MB:.0f} MB as zstd; {os.cpu_count()} cores; "
        f"load average before: {os.getloadavg()[0]:.2f}",
        "",
        f"{'what':<42} {'seconds':>8} {'MB/s':>7} {'CPU s':>7} {'peak MB':>8} {'processes':>9}",
    ]
    results: dict[str, Measure] = {}
    with tempfile.TemporaryDirectory(prefix="dechaff-bench-") as scratch:
        out = Path(scratch) / "out.jsonl.zst"
        ceiling = io_ceiling(path, Path(scratch) / "ceiling.jsonl.zst")
        lines.append(f"{'I/O ceiling (read..write, no cleaning)':<42} {ceiling:>8.1f} "
                     f"{size / MB / ceiling:>7.1f} {'-':>7} {'-':>8} {1:>9}")
        # Cleaning alone scales with --jobs; learning (the first pass) runs in one process.
        runs = [(count, "--no-learn") for count in jobs] + [(jobs[-1], "")]
        for count, learning in runs:
            what = f"dechaff clean --no-dedup {learning} --jobs {count}".replace("  ", " ")
            result = run_command(what, [str(DECHAFF), "clean", str(path), "-o", str(out),
                                        "--no-dedup", "--jobs", str(count), "-q",
                                        *([learning] if learning else [])])
            results[what] = result
            lines.append(f"{what:<42} {result.seconds:>8.1f} {size / MB / result.seconds:>7.2f} "
                         f"{result.cpu_seconds:>7.1f} {result.peak_mb:>8.0f} "
                         f"{result.processes:>9}")
        what = f"same, --no-learn --jobs {jobs[0]}, on {small_size / MB:.0f} MB"
        result = run_command(what, [str(DECHAFF), "clean", str(small), "-o", str(out),
                                    "--no-dedup", "--no-learn", "--jobs", str(jobs[0]), "-q"])
        lines.append(f"{what:<42} {result.seconds:>8.1f} "
                     f"{small_size / MB / result.seconds:>7.2f} {result.cpu_seconds:>7.1f} "
                     f"{result.peak_mb:>8.0f} {result.processes:>9}")
        line = one_line(shared, 100)
        what = "one record, a single line of 100 MB"
        result = run_command(what, [str(DECHAFF), "clean", str(line), "-o", str(out),
                                    "--no-dedup", "--no-learn", "--jobs", "1", "-q"])
        line_size = line.stat().st_size
        lines.append(f"{what:<42} {result.seconds:>8.1f} "
                     f"{line_size / MB / result.seconds:>7.2f} {result.cpu_seconds:>7.1f} "
                     f"{result.peak_mb:>8.0f} {result.processes:>9}")
    first, last = results[f"dechaff clean --no-dedup --no-learn --jobs {jobs[0]}"], \
        results[f"dechaff clean --no-dedup --no-learn --jobs {jobs[-1]}"]
    lines.append("")
    speedup = first.seconds / last.seconds
    lines.append(f"--jobs {jobs[-1]} runs at {speedup:.2f}x the rate of --jobs {jobs[0]}; "
                 f"--jobs {jobs[0]} at {ceiling / first.seconds:.3f}x the I/O ceiling; "
                 f"load average after: {os.getloadavg()[0]:.2f}")
    lines.append(f"CPU spent by --jobs {jobs[-1]} over --jobs {jobs[0]} (workers starting, "
                 f"records sent and returned): {last.cpu_seconds / first.cpu_seconds - 1:+.1%}")
    return lines, speedup
