"""Cleaning speed with learning on: ``dechaff.fit`` over the input, then ``dechaff.clean`` with
the model, both passes counted, beside cleaning alone, on the real WET excerpts (one core).

The records of ../shared/corpora/wet are repeated until the input holds ``--megabytes`` MB
(10^6 bytes) of UTF-8 text, as benchmarks/throughput.py does; only the library calls are
timed, in CPU time of this one process (the per-core figure).

    .venv/bin/python benchmarks/learning_speed.py [--megabytes N] [--no-floor]

Floors, both with learning on and both passes counted: at least 10 MB/s per core, and at least
0.5x the speed of cleaning alone measured in the same run (the ratio says what learning costs
on any machine; the absolute figure depends on the machine). Exit 1 when one is missed, unless
``--no-floor``.
Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import dechaff

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_documents, repeat_to, timed

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
MB = 1_000_000
FLOOR_RATIO = 0.5
FLOOR_MB_PER_S = 10.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20.0, metavar="N")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args(argv)
    wet = args.shared / "corpora" / "wet"
    if not wet.is_dir():
        print(f"learning_speed: {wet} is not here; nothing to measure, skipping")
        return 0
    base, _ = load_documents(wet)
    documents = repeat_to(base, args.megabytes)
    size = sum(len(document.text.encode("utf-8")) for document in documents) / MB
    for document in base:  # warm-up: tables, patterns
        dechaff.clean(document)
    learned: list[dechaff.Model] = []
    # Per core: the CPU time of this process (the wall clock counts other processes too).
    alone = timed(lambda: [dechaff.clean(document) for document in documents]).cpu
    fitting = timed(lambda: learned.append(dechaff.fit(documents))).cpu
    model = learned[0]
    cleaning = timed(
        lambda: [dechaff.clean(document, model=model) for document in documents]
    ).cpu
    print(f"input: {len(base)} WET records repeated to {len(documents)} documents, {size:.1f} MB "
          f"of UTF-8; Python {sys.version.split()[0]}, one process")
    print(f"model: {len(model.sites)} sites with templates, {len(model.cross_site)} templates "
          f"across sites, {len(model.function_words)} learned function words")
    print()
    print(f"{'what':<30} {'CPU s':>8} {'MB/s':>8}")
    rows = [
        ("clean alone", alone),
        ("fit (pass 1)", fitting),
        ("clean with the model (pass 2)", cleaning),
        ("learning on: both passes", fitting + cleaning),
    ]
    for name, seconds in rows:
        print(f"{name:<30} {seconds:>8.2f} {size / seconds:>8.2f}")
    ratio = alone / (fitting + cleaning)
    rate = size / (fitting + cleaning)
    print(f"learning on runs at {ratio:.2f}x the speed of cleaning alone")
    failed = False
    for met, text in (
        (rate >= FLOOR_MB_PER_S, f"learning on, both passes: {rate:.2f} MB/s per core "
                                 f"{'>=' if rate >= FLOOR_MB_PER_S else '<'} {FLOOR_MB_PER_S}"),
        (ratio >= FLOOR_RATIO, f"{ratio:.2f}x {'>=' if ratio >= FLOOR_RATIO else '<'} "
                               f"{FLOOR_RATIO}x the speed of cleaning alone"),
    ):
        print(f"{'floor met' if met else 'FLOOR FAILED'}: {text}")
        failed = failed or not met
    return 1 if failed and not args.no_floor else 0


if __name__ == "__main__":
    sys.exit(main())
