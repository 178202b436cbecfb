"""Parallel cleaning: worker processes change nothing in what is written, in any order of
batches, and stop when the run stops."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dechaff import InputError
from dechaff.parallel import batched, ordered_map
from dechaff.runner import CleanRequest, run_clean

CHAFF = "Friday 31 December 2021\n\n\n\n"


def corpus() -> bytes:
    """Records with duplicates, near duplicates, empty, rejected and duplicate-id ones."""
    lines = []
    for n in range(300):
        story = n - 100 if n % 5 == 0 and n >= 100 else n
        words = " ".join(f"w{story}_{k}" for k in range(30))
        if n % 37 == 1:
            lines.append(b"{not json")
            continue
        text = "   \n" if n % 41 == 2 else f"{CHAFF}Story {story}: {words}.\n\nShare this:\n"
        lines.append(json.dumps({"id": f"r{n % 250}", "text": text, "n": n}).encode())
    return b"\n".join(lines) + b"\n"


def outputs(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def run_in(directory: Path, jobs: int, **options: object) -> tuple[dict[str, bytes], list[str]]:
    directory.mkdir()
    (directory / "in.jsonl").write_bytes(corpus())
    messages: list[str] = []
    request = CleanRequest(
        inputs=(str(directory / "in.jsonl"),), output=str(directory / "out.jsonl.gz"),
        report=str(directory / "report.jsonl"), index=str(directory / "crawl.index"),
        jobs=jobs, **options,  # type: ignore[arg-type]
    )
    summary = run_clean(request, lambda kind, text: messages.append(f"{kind}: {text}"),
                        batch_items=7, batch_bytes=4096)
    files = outputs(directory)
    files["summary"] = summary.line().replace(str(directory), "DIR").encode()
    return {k: v.replace(str(directory).encode(), b"DIR") for k, v in files.items()}, [
        m.replace(str(directory), "DIR") for m in messages
    ]


def test_any_number_of_jobs_writes_the_same_bytes(tmp_path: Path) -> None:
    one, told_one = run_in(tmp_path / "one", jobs=1)
    two, told_two = run_in(tmp_path / "two", jobs=2)
    three, _ = run_in(tmp_path / "three", jobs=3)
    assert one == two == three
    assert told_one == told_two
    report = [json.loads(line) for line in one["report.jsonl"].splitlines()]
    assert {r["status"] for r in report} == {"kept", "duplicate", "rejected", "empty"}
    assert any("was used by an earlier record" in message for message in told_one)


def test_sharded_output_is_the_same_for_any_number_of_jobs(tmp_path: Path) -> None:
    one, _ = run_in(tmp_path / "one", jobs=1, shard_size=40)
    two, _ = run_in(tmp_path / "two", jobs=2, shard_size=40)
    assert one == two
    assert "out-00005.jsonl.gz" in one


def test_workers_stop_with_the_run(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--strict stops at the first rejected record"):
        run_in(tmp_path / "strict", jobs=2, strict=True)
    # A terminated process is reaped by the operating system a moment later on a busy machine.
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
    assert sorted(p.name for p in (tmp_path / "strict").iterdir()) == ["in.jsonl"]


def test_ordered_map_keeps_the_order_of_batches() -> None:
    batches = [list(range(n, n + n % 4)) for n in range(40)]
    assert list(ordered_map(sum, batches, jobs=2)) == [sum(batch) for batch in batches]
    assert list(ordered_map(sum, [], jobs=2)) == []
    assert list(ordered_map(sum, [[1]], jobs=2)) == [1]


@settings(max_examples=50)
@given(st.lists(st.integers(0, 50)), st.integers(1, 5), st.integers(1, 100))
def test_batches_keep_every_item_in_order(sizes: list[int], items: int, limit: int) -> None:
    batches = list(batched(sizes, items, limit, size=lambda size: size))
    assert [item for batch in batches for item in batch] == sizes
    assert all(0 < len(batch) <= items for batch in batches)
    # A batch closes at the item that reaches the byte limit.
    assert all(sum(batch[:-1]) < limit for batch in batches)
