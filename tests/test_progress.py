"""The progress bar: drawn on a terminal, throttled, erased at the end; quiet otherwise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dechaff.cli import main
from dechaff.progress import Position, Progress
from dechaff.runner import CleanRequest, run_clean


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_says_documents_size_rate_share_and_time_left() -> None:
    clock = Clock()
    position = Position(total=1000)
    bar = Progress(io.StringIO(), position, clock=clock)
    clock.now += 20
    position.finished = 250
    assert bar.line(5000, 60_000_000) == "5,000 documents, 60.0 MB, 3.0 MB/s, 25%, ETA 0:01:00"
    # Half of the records read so far are done: reading is ahead of cleaning.
    assert bar.line(5000, 60_000_000, done=0.5).endswith(", 12%, ETA 0:02:20")
    assert Progress(io.StringIO(), Position(None), clock=clock).line(1, 0).endswith("0.0 MB/s")


def test_redraws_are_throttled_and_the_bar_is_erased() -> None:
    clock = Clock()
    stream = io.StringIO()
    bar = Progress(stream, Position(None), clock=clock, interval=1.0)
    bar.update(1, 10)
    clock.now += 0.5
    bar.update(2, 20)  # too soon: not drawn
    clock.now += 0.6
    bar.update(3, 30)
    bar.close()
    drawn = stream.getvalue().split("\r")
    assert [part.split(" ")[0] for part in drawn if part] == ["1", "3", "\x1b[K"]


def test_position_counts_bytes_of_the_files_read(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_bytes(b"x" * 300)
    second.write_bytes(b"y" * 100)
    position = Position.of_paths([str(first), str(second)])
    assert (position.total, position.fraction()) == (400, 0.0)
    with open(first, "rb") as file:
        position.reading(file)
        file.read(150)
        assert position.fraction() == 150 / 400
        position.done()
    position.reading(None, str(second))
    position.within(0.5)
    assert position.fraction() == 350 / 400
    assert Position.of_paths(["-"]).fraction() is None


def test_a_run_draws_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Some text.\n"}) + "\n")
    terminal = io.StringIO()
    run_clean(CleanRequest(inputs=(str(tmp_path / "in.jsonl"),),
                           output=str(tmp_path / "o.jsonl")), progress=terminal)
    # The learning pass has a bar of its own, then the cleaning pass.
    learning, cleaning = terminal.getvalue().split("\r\x1b[K")[:2]
    assert learning.startswith("\rlearning: 1 documents, 0.0 MB, ")
    assert cleaning.startswith("\r1 documents, 0.0 MB, ")
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_no_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Some text.\n"}) + "\n")
    assert main(["clean", "in.jsonl", "-o", "o.jsonl"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert err.startswith("dechaff: summary: 1 documents in")
    assert main(["clean", "in.jsonl", "-o", "o.jsonl", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
