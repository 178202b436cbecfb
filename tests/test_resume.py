"""Crash safety: a real run killed in the middle of a shard, then resumed, ends as an
uninterrupted run does; Ctrl-C and SIGTERM stop cleanly; nothing looks finished that is not.

The input of the interrupted run is a named pipe: the test writes part of the corpus into
it, waits until the run has finished two shards and started the third, and kills it there
(it is blocked reading the rest). The resumed run reads the whole corpus from a regular file
at the same path.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dechaff.cli import main

DECHAFF = Path(sys.executable).with_name("dechaff")
SHARD = 400
# The dedup step decides 1024 documents at a time: 1100 records finish two shards of 400.
WRITTEN_BEFORE_KILL = 1100
TOTAL = 2600
# A pipe cannot be read twice, so the interrupted run learns nothing: neither does the other.
ARGS = ["clean", "in.jsonl", "-o", "out.jsonl", "--shard-size", str(SHARD),
        "--report", "report.jsonl", "--index", "crawl.index", "--no-learn"]

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def record(number: int) -> bytes:
    """A small record; every 7th repeats an earlier one (a duplicate), some are empty or bad."""
    if number % 97 == 5:
        return b'{"id": "bad", "text": 12}\n'
    if number % 89 == 3:
        return json.dumps({"id": f"e{number}", "text": "\n\n"}).encode() + b"\n"
    story = number - 600 if number % 7 == 0 and number >= 600 else number
    words = " ".join(f"word{story}x{k}" for k in range(40))
    text = f"Story {story}.\n\n\n{words}.\n\nShare this:\n"
    return json.dumps({"id": f"r{number}", "text": text, "n": number}).encode() + b"\n"


CORPUS = b"".join(record(number) for number in range(TOTAL))


def wait_for(condition: object, process: subprocess.Popen[bytes], what: str) -> None:
    """Wait (not time: there is no deadline on behaviour) until ``condition()`` holds."""
    for _ in range(6000):
        if condition():  # type: ignore[operator]
            return
        if process.poll() is not None:
            raise AssertionError(f"the run ended before {what}: {process.stderr.read()!r}")
        time.sleep(0.01)
    raise AssertionError(f"gave up waiting for {what}")


def files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file()}


def start_on_a_pipe(directory: Path, *extra: str) -> tuple[subprocess.Popen[bytes], int]:
    os.mkfifo(directory / "in.jsonl")
    process = subprocess.Popen(
        [str(DECHAFF), *ARGS, "--jobs", "1", *extra], cwd=directory,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    # Opening blocks until the run opens the pipe for reading.
    writer = os.open(directory / "in.jsonl", os.O_WRONLY)
    lines = CORPUS.splitlines(keepends=True)
    os.write(writer, b"".join(lines[:WRITTEN_BEFORE_KILL]))
    return process, writer


def mid_shard(directory: Path) -> bool:
    names = os.listdir(directory)
    return ("out-00001.jsonl" in names
            and any(name.startswith(".out-00002.jsonl.") for name in names))


def uninterrupted(directory: Path) -> tuple[dict[str, bytes], str]:
    directory.mkdir()
    (directory / "in.jsonl").write_bytes(CORPUS)
    done = subprocess.run([str(DECHAFF), *ARGS, "--jobs", "2"], cwd=directory,
                          capture_output=True, check=True)
    return files(directory), done.stderr.decode().splitlines()[-1]


def test_a_run_killed_in_the_middle_of_a_shard_resumes_to_the_same_result(tmp_path: Path) -> None:
    killed = tmp_path / "killed"
    killed.mkdir()
    process, writer = start_on_a_pipe(killed)
    try:
        wait_for(lambda: mid_shard(killed), process, "the third shard was started")
        process.kill()
        process.wait()
    finally:
        os.close(writer)
    names = set(os.listdir(killed))
    # Two finished shards; the third was being written: only its temporary file exists.
    assert {"out-00000.jsonl", "out-00001.jsonl"} <= names
    assert "out-00002.jsonl" not in names
    assert "report.jsonl" not in names
    assert "crawl.index" not in names
    journal = (killed / ".out.jsonl.dechaff-resume" / "journal.jsonl").read_text().splitlines()
    assert len(journal) == 3  # the header and two checkpoints
    assert len((killed / "out-00001.jsonl").read_bytes().splitlines()) == SHARD

    os.remove(killed / "in.jsonl")
    (killed / "in.jsonl").write_bytes(CORPUS)
    resumed = subprocess.run([str(DECHAFF), *ARGS, "--jobs", "2", "--resume"], cwd=killed,
                             capture_output=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    expected, summary = uninterrupted(tmp_path / "whole")
    assert files(killed) == expected
    assert resumed.stderr.decode().splitlines()[-1] == summary
    assert not any(name.startswith(".") for name in os.listdir(killed))
    report = [json.loads(line) for line in expected["report.jsonl"].splitlines()]
    assert len(report) == TOTAL
    assert {r["status"] for r in report} == {"kept", "duplicate", "rejected", "empty"}


@pytest.mark.parametrize(("sent", "code", "word"), [
    (signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated"),
])
def test_ctrl_c_and_sigterm_stop_cleanly(
    tmp_path: Path, sent: signal.Signals, code: int, word: str
) -> None:
    process, writer = start_on_a_pipe(tmp_path)
    try:
        wait_for(lambda: mid_shard(tmp_path), process, "the third shard was started")
        process.send_signal(sent)
        assert process.wait() == code
    finally:
        os.close(writer)
    assert process.stderr is not None
    assert process.stderr.read().decode().splitlines()[-1] == (
        f"dechaff: error: {word}; the run did not complete; rerun with --resume to carry on"
    )
    names = sorted(os.listdir(tmp_path))
    # The shard under way is gone; finished shards and the state for --resume stay.
    assert [name for name in names if not name.startswith(".")] == [
        "in.jsonl", "out-00000.jsonl", "out-00001.jsonl"
    ]
    assert ".out.jsonl.dechaff-resume" in names
    assert not any(name.endswith(".tmp") for name in names), names


def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_bytes(CORPUS[: CORPUS.index(record(900))])
    return tmp_path


def test_resume_with_other_options_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tmp(tmp_path, monkeypatch)
    (tmp_path / ".out.jsonl.dechaff-resume").mkdir()
    (tmp_path / ".out.jsonl.dechaff-resume" / "journal.jsonl").write_text(
        json.dumps({"dechaff_resume": 1, "options": {"threshold": 0.5}}) + "\n"
    )
    assert main([*ARGS, "--resume"]) == 2
    err = capsys.readouterr().err
    assert "--resume: the interrupted run was started with other options" in err
    assert "rerun with the same options, or without --resume" in err
    assert not (tmp_path / "out-00000.jsonl").exists()


def test_resume_needs_shards_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tmp(tmp_path, monkeypatch)
    assert main(["clean", "in.jsonl", "-o", "o.jsonl", "--resume"]) == 2
    assert "--resume carries on a sharded output: it needs --shard-size" in capsys.readouterr().err
    assert main(["clean", "-", "--input-format", "jsonl", "-o", "o.jsonl", "--shard-size", "5",
                 "--resume"]) == 2
    assert "stdin cannot be" in capsys.readouterr().err


def test_resume_without_a_journal_starts_afresh_and_a_changed_shard_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tmp(tmp_path, monkeypatch)
    sharded = ["clean", "in.jsonl", "-o", "out.jsonl", "--shard-size", "100", "-q"]
    assert main([*sharded, "--resume"]) == 0
    whole = files(tmp_path)
    # A journal left by a run that stopped after its second shard, whose first shard was
    # then changed by hand: the resumed run writes everything again, with a warning.
    state = tmp_path / ".out.jsonl.dechaff-resume"
    state.mkdir()
    options = {"dechaff_resume": 1, "options": None}
    from dechaff.runner import CleanRequest

    request = CleanRequest(inputs=("in.jsonl",), output="out.jsonl", shard_size=100)
    options["options"] = request.fingerprint()
    checkpoint = {"shard": 0, "file": "out-00000.jsonl", "records": 100, "bytes": 1,
                  "position": 100, "summary": {}, "report_bytes": 0, "ids_bytes": 0}
    (state / "journal.jsonl").write_text(json.dumps(options) + "\n" + json.dumps(checkpoint)
                                         + "\n")
    (state / "kept-ids.jsonl").write_text("")
    assert main([*sharded, "--resume"]) == 0
    assert "out-00000.jsonl is missing or changed since it was written" in capsys.readouterr().err
    assert files(tmp_path) == whole
    assert not state.exists()
