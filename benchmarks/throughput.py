"""Cleaning throughput on real web text: per core in this process, then end to end.

Part 1, one core: the WET excerpts of ../shared/corpora/wet are read with
:func:`dechaff.warc.read_warc`, and their records repeated until the input holds at least
``--megabytes`` MB (10^6 bytes) of UTF-8 text. Only the ``dechaff.clean`` calls are timed
(then, separately, ``dechaff.clean_text``, and ``dechaff.clean`` with the phrase rules only,
without the line classification of ``comment_thread``, ``boilerplate_line`` and
``site_template``), in this one process. A trivial line filter over the same input is timed
as a peer, so that the ratio can be compared across machines. Each is timed on the wall
clock and in CPU time of this process; the per-core figures (and the floor) are CPU time,
which other processes on a shared machine do not inflate.

``--single-line`` also cleans the same text as one record of one line (its newlines made
spaces), the worst case for anything that looks back along a line.

Part 2, end to end (see end_to_end.py): ``dechaff clean --no-dedup --no-learn`` (and once
with learning on) as a command on a JSONL.zst corpus of ``--corpus-megabytes`` MB of
uncompressed JSONL (1000 by default) made from the real texts, with ``--jobs 1`` and
``--jobs 2``, peak memory for each (and for a corpus a tenth the size, to show memory does
not grow with the corpus), and the same corpus through a plain read-decompress-parse-
serialise-compress-write loop as the I/O ceiling.
``--no-end-to-end`` leaves part 2 out.

``--instructions`` counts instead the instructions (valgrind's cachegrind) that one pass of
``clean``, and of the phrase rules alone, over the WET records costs, start-up left out: unlike
time, the count does not move with the load on a shared machine.

    .venv/bin/python benchmarks/throughput.py [--megabytes N] [--corpus-megabytes N]
        [--no-end-to-end] [--profile] [--single-line] [--no-floor] [--instructions]

Floors: 20 MB/s per core for ``clean``; ``--jobs 2`` at least 1.6x the rate of ``--jobs 1``.
Exit 1 when one is not met (unless ``--no-floor``). Without ../shared the script says so and
exits 0.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import dechaff
from dechaff.warc import read_warc

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
FLOOR_MB_PER_S = 20.0
# The rules that classify lines from their shape and a model, beyond the phrase tables.
LINE_CLASSIFICATION_RULES = ("comment_thread", "boilerplate_line", "site_template")
FLOOR_SPEEDUP = 1.6
MB = 1_000_000


def load_documents(wet: Path) -> tuple[list[dechaff.Document], list[str]]:
    """The readable records of every WET file in ``wet``, and the reader's complaints."""
    documents: list[dechaff.Document] = []
    problems: list[str] = []
    for path in sorted(wet.glob("*.warc.wet.gz")):
        for item in read_warc(path):
            if item.document is not None:
                documents.append(item.document)
            if item.error or item.warning:
                problems.append(item.error or item.warning or "")
    return documents, problems


def repeat_to(documents: list[dechaff.Document], megabytes: float) -> list[dechaff.Document]:
    """The documents, repeated in order until their UTF-8 size reaches ``megabytes``."""
    wanted = megabytes * MB
    chosen: list[dechaff.Document] = []
    size = 0
    while size < wanted:
        for document in documents:
            chosen.append(document)
            size += len(document.text.encode("utf-8"))
            if size >= wanted:
                break
    return chosen


class Timing(NamedTuple):
    """Seconds of wall-clock time and of this process's CPU time spent on one piece of work.

    The CPU time is the per-core figure: on a shared or throttled machine the wall clock also
    counts the time other processes hold the core, and can vary twofold from run to run.
    """

    wall: float
    cpu: float


def timed(work: Callable[[], object]) -> Timing:
    began, began_cpu = time.perf_counter(), time.process_time()
    work()
    return Timing(time.perf_counter() - began, time.process_time() - began_cpu)


def line_filter(text: str) -> str:
    """The peer: drop blank lines and nothing else (the least any line-based cleaner does)."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def rule_costs(documents: Sequence[dechaff.Document]) -> dict[str, float]:
    """Seconds spent in each step of cleaning, in pipeline order (a diagnostic: it uses internals).

    The pipeline runs the rules on one shared page, so each rule is timed in its real context,
    after the removals of the rules before it. The page layout that several rules read is
    computed once per page by whichever rule asks first; it is timed apart, before the rules.
    """
    from dechaff.config import Config
    from dechaff.page import Page
    from dechaff.pipeline import FINDERS
    from dechaff.spans import apply_removals

    layout: Callable[[Page], object] | None
    try:
        from dechaff.layout import page_layout as layout
    except ImportError:
        layout = None
    config = Config()
    steps = ["(split into lines)", *(["(page layout, shared)"] if layout else []), *FINDERS]
    costs = dict.fromkeys([*steps, "(apply removals)"], 0.0)
    clock = time.process_time
    for document in documents:
        began = clock()
        page = Page(document.text)
        costs["(split into lines)"] += clock() - began
        if layout is not None:
            began = clock()
            layout(page)
            costs["(page layout, shared)"] += clock() - began
        for name, finder in FINDERS.items():
            began = clock()
            finder(page, config)
            costs[name] += clock() - began
        began = clock()
        apply_removals(document.text, page.removals)
        costs["(apply removals)"] += clock() - began
    return costs


def print_rule_costs(documents: Sequence[dechaff.Document]) -> None:
    size = sum(len(document.text.encode("utf-8")) for document in documents) / MB
    try:
        costs = rule_costs(documents)
    except (ImportError, AttributeError, TypeError) as exc:
        print(f"per-rule breakdown unavailable (the internals it reads have changed: {exc})")
        return
    total = sum(costs.values())
    print(f"per-step cost (diagnostic, CPU time of each step in pipeline order over "
          f"{size:.1f} MB):")
    print(f"  {'step':<24} {'seconds':>8} {'share':>6} {'MB/s alone':>11}")
    for name, seconds in costs.items():
        rate = f"{size / seconds:>11.1f}" if seconds else f"{'-':>11}"
        print(f"  {name:<24} {seconds:>8.3f} {seconds / total:>6.1%} {rate}")


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (MB if sys.platform == "darwin" else 1000)


def phrase_rules_config() -> dechaff.Config:
    return dechaff.Config(rules=tuple(
        name for name in dechaff.RULE_NAMES if name not in LINE_CLASSIFICATION_RULES
    ))


def one_pass(wet: Path, rules: str, clean_all: bool) -> None:
    """Clean the WET records once (or only the first, to count the start-up alone)."""
    documents, _ = load_documents(wet)
    config = dechaff.Config() if rules == "all" else phrase_rules_config()
    for document in documents if clean_all else documents[:1]:
        dechaff.clean(document, config)


def count_instructions(wet: Path) -> int:
    """Print the instructions one pass over the records costs, under valgrind: a run cleaning
    every record less a run cleaning only the first (start-up, imports, tables)."""
    if shutil.which("valgrind") is None:
        print("throughput: --instructions needs valgrind (apt-get install valgrind)",
              file=sys.stderr)
        return 2

    def counted(rules: str, clean_all: bool) -> int:
        command = [
            "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            sys.executable, __file__, "--shared", str(wet.parents[1]),
            "--one-pass", rules, *(["--all"] if clean_all else []),
        ]
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        refs = next(line for line in run.stderr.splitlines() if "I   refs:" in line)
        return int(refs.split(":")[1].replace(",", ""))

    print(f"instructions for one pass over the records of {wet} (valgrind, start-up left out):")
    for rules, name in (("all", "dechaff.clean"), ("phrase", "clean, phrase rules only")):
        spent = counted(rules, True) - counted(rules, False)
        print(f"  {name:<25} {spent / 1e6:>8,.0f} M")
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=100.0, metavar="N",
                        help="MB (10^6 bytes) of UTF-8 text to clean (default 100)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared folder holding corpora/ (default: the repo's ../shared)")
    parser.add_argument("--profile", action="store_true",
                        help="also run clean under cProfile; print the top 25 by cumulative time")
    parser.add_argument("--no-rules", action="store_true", help="skip the per-rule breakdown")
    parser.add_argument("--single-line", action="store_true",
                        help="also clean the whole input as one record of one line")
    parser.add_argument("--no-floor", action="store_true", help="exit 0 even below the floor")
    parser.add_argument("--corpus-megabytes", type=float, default=1000.0, metavar="N",
                        help="MB of uncompressed JSONL for the end-to-end runs (default 1000)")
    parser.add_argument("--no-end-to-end", action="store_true",
                        help="leave out the end-to-end runs of the dechaff command")
    parser.add_argument("--instructions", action="store_true",
                        help="count the instructions of one pass over the records (valgrind)")
    # What --instructions runs under valgrind.
    parser.add_argument("--one-pass", choices=["all", "phrase"], help=argparse.SUPPRESS)
    parser.add_argument("--all", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.megabytes <= 0 or args.corpus_megabytes <= 0:
        parser.error("--megabytes and --corpus-megabytes must be positive, e.g. 20")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    wet = args.shared / "corpora" / "wet"
    if not wet.is_dir():
        print(f"throughput: {wet} is not here (the corpora live in ../shared beside the repo); "
              "nothing to measure, skipping")
        return 0
    if args.one_pass:
        one_pass(wet, args.one_pass, args.all)
        return 0
    if args.instructions:
        return count_instructions(wet)
    base, problems = load_documents(wet)
    if not base:
        print(f"throughput: no readable record in {wet}", file=sys.stderr)
        return 2
    documents = repeat_to(base, args.megabytes)
    size = sum(len(document.text.encode("utf-8")) for document in documents)
    print(f"input: {len(base)} WET records from {wet} ({len(problems)} reader notes), repeated "
          f"to {len(documents)} documents, {size / MB:.1f} MB of UTF-8; Python "
          f"{sys.version.split()[0]}, one process")

    for document in base:  # warm-up: lazy imports, compiled patterns, data tables
        dechaff.clean(document)
    texts = [document.text for document in documents]
    clean, clean_text = dechaff.clean, dechaff.clean_text
    phrase_rules = phrase_rules_config()
    results = [
        ("dechaff.clean", timed(lambda: [clean(document) for document in documents])),
        ("dechaff.clean_text", timed(lambda: [clean_text(text) for text in texts])),
        ("clean, phrase rules only", timed(
            lambda: [clean(document, phrase_rules) for document in documents]
        )),
        ("peer: blank-line filter", timed(lambda: [line_filter(text) for text in texts])),
    ]
    print()
    print(f"{'what':<25} {'wall s':>8} {'MB/s':>8} {'CPU s':>8} {'MB/s CPU':>9} {'docs/s':>9}")
    for name, spent in results:
        print(f"{name:<25} {spent.wall:>8.2f} {size / MB / spent.wall:>8.2f} {spent.cpu:>8.2f} "
              f"{size / MB / spent.cpu:>9.2f} {len(documents) / spent.cpu:>9.0f}")
    # Per core: the CPU time this process spent (docs/s too), not the wall clock.
    clean_rate = size / MB / results[0][1].cpu
    print(f"clean is {results[-1][1].cpu / results[0][1].cpu:.3f}x the speed of the blank-line "
          f"filter (CPU time); 'phrase rules only' leaves out "
          f"{', '.join(LINE_CLASSIFICATION_RULES)}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")

    if args.single_line:
        one_line = " ".join(text.replace("\n", " ") for text in texts)
        seconds = timed(lambda: clean(one_line)).cpu
        print(f"one record of one line, {len(one_line.encode('utf-8')) / MB:.1f} MB: "
              f"{seconds:.2f} s CPU, {len(one_line.encode('utf-8')) / MB / seconds:.2f} MB/s")

    if not args.no_rules:
        print()
        print_rule_costs(repeat_to(base, min(args.megabytes, 20.0)))

    if args.profile:
        profiler = cProfile.Profile()
        sample = repeat_to(base, min(args.megabytes, 20.0))
        profiler.enable()
        for document in sample:
            clean(document)
        profiler.disable()
        print()
        print("cProfile of dechaff.clean, top 25 by cumulative time:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)

    speedup = None
    if not args.no_end_to_end:
        from end_to_end import measure

        print()
        print(f"end to end: dechaff clean on {args.corpus_megabytes:g} MB of JSONL.zst")
        table, speedup = measure(args.shared, args.corpus_megabytes, [1, 2])
        print("\n".join(table))

    print()
    failed = False
    if clean_rate >= FLOOR_MB_PER_S:
        print(f"floor met: clean runs at {clean_rate:.1f} MB/s per core >= {FLOOR_MB_PER_S}")
    else:
        failed = True
        print(f"FLOOR FAILED: clean runs at {clean_rate:.1f} MB/s per core < {FLOOR_MB_PER_S}")
    if speedup is not None:
        verdict = "floor met" if speedup >= FLOOR_SPEEDUP else "FLOOR FAILED"
        failed = failed or speedup < FLOOR_SPEEDUP
        print(f"{verdict}: --jobs 2 runs at {speedup:.2f}x --jobs 1 "
              f"({'>=' if speedup >= FLOOR_SPEEDUP else '<'} {FLOOR_SPEEDUP})")
    return 1 if failed and not args.no_floor else 0


if __name__ == "__main__":
    sys.exit(main())
