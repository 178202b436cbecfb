"""Bad input: every case gets a clear message naming the file and line, the record is in the
report, and the rest of the corpus is processed. Nothing is lost.

(Cases also covered elsewhere: malformed JSON, missing or non-string text fields, invalid
UTF-8 in text files and --errors replace, binary text files, --strict and usage errors in
test_cli.py; truncated and corrupt compressed streams, WARC and Parquet damage in
test_formats.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import read_jsonl, run_cli

TEXT = "A paragraph of article text that is long enough to keep.\n"


pytestmark = pytest.mark.usefixtures("in_tmp")


def balanced(err: str) -> tuple[int, int, int, int, int]:
    found = re.search(r"(\d+) documents in, (\d+) kept, (\d+) empty, (\d+) rejected, "
                      r"(\d+) duplicates", err)
    assert found is not None, err
    total, kept, empty, rejected, duplicates = map(int, found.groups())
    assert total == kept + empty + rejected + duplicates
    assert f"in = kept + duplicates + rejected + empty: {total} = {kept} + {duplicates} + " \
        f"{rejected} + {empty}" in err
    return total, kept, empty, rejected, duplicates


def test_invalid_utf8_in_jsonl_is_rejected_with_its_offset_or_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "g", "text": TEXT}).encode() + b"\n"
    bad = b'{"id": "b", "text": "caf\xe9"}\n'
    (tmp_path / "in.jsonl").write_bytes(good + bad)
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "-o", "o.jsonl", "--report", "r.jsonl")
    assert code == 0
    offset = len(good) + bad.index(b"\xe9")
    assert f"dechaff: error: in.jsonl:2: invalid UTF-8 at byte {offset} (e9)" in err
    assert [r["status"] for r in read_jsonl(tmp_path / "r.jsonl")] == ["kept", "rejected"]
    code, _, _ = run_cli(capsys, "clean", "in.jsonl", "-o", "o.jsonl", "--errors", "replace")
    assert code == 0
    assert read_jsonl(tmp_path / "o.jsonl")[1]["text"] == "caf\ufffd"


def test_nul_bytes_in_a_record_and_a_binary_file_are_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "n", "text": "a\u0000b"}) + "\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ok.txt").write_text(TEXT)
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "image.txt", "ok.txt", "-o", "o.jsonl",
                       "--report", "r.jsonl")
    assert code == 0
    assert "dechaff: error: in.jsonl:1: binary content (a NUL character at index 1" in err
    assert "dechaff: error: image.txt:1: binary content (a NUL byte at byte 8)" in err
    assert [r["status"] for r in read_jsonl(tmp_path / "r.jsonl")] == \
        ["rejected", "rejected", "kept"]
    assert balanced(err) == (3, 1, 0, 2, 0)


def test_empty_files_and_records_are_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl.gz").write_bytes(__import__("gzip").compress(b"\n\n  \n"))
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "e", "text": ""}) + "\n" + json.dumps({"id": "k", "text": TEXT}) + "\n"
    )
    code, _, err = run_cli(capsys, "clean", "empty.txt", "empty.jsonl", "blank.jsonl.gz",
                       "records.jsonl", "-o", "o.jsonl", "--report", "r.jsonl")
    assert code == 0
    report = read_jsonl(tmp_path / "r.jsonl")
    assert [(r["source"], r["status"]) for r in report] == [
        ("empty.txt:1", "empty"), ("empty.jsonl:1", "empty"), ("blank.jsonl.gz:1", "empty"),
        ("records.jsonl:1", "empty"), ("records.jsonl:2", "kept"),
    ]
    assert "dechaff: warning: empty.jsonl:1: the file holds no record" in err
    assert "dechaff: warning: blank.jsonl.gz:1: the file holds no record" in err
    assert balanced(err) == (5, 1, 4, 0, 0)


def test_a_record_of_one_100_mb_line_is_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its speed and memory are measured in benchmarks/throughput.py, not here.
    line = "word " * 20_000_000
    with open(tmp_path / "big.jsonl", "w", encoding="utf-8") as file:
        file.write(json.dumps({"id": "small", "text": TEXT}) + "\n")
        file.write('{"id": "big", "text": "' + line + '"}\n')
    del line
    code, _, err = run_cli(capsys, "clean", "big.jsonl", "-o", "o.jsonl", "--no-dedup")
    assert code == 0
    with open(tmp_path / "o.jsonl", "rb") as file:
        small, big = file.readline(), file.readline()
    assert json.loads(small)["id"] == "small"
    text = json.loads(big)["text"]
    assert len(text) == 100_000_000 - 1  # the trailing space is removed
    assert text.startswith("word word ")
    assert text.endswith(" word")
    assert balanced(err) == (2, 2, 0, 0, 0)


def test_duplicate_ids_are_both_kept_and_told_apart_by_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": TEXT}) + "\n")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "y", "text": "Other text entirely, not a copy of anything.\n"}) + "\n"
        + json.dumps({"id": "x", "text": "A different story with the same id.\n"}) + "\n"
    )
    code, _, err = run_cli(capsys, "clean", "a.jsonl", "b.jsonl", "-o", "o.jsonl",
                       "--report", "r.jsonl")
    assert code == 0
    assert "dechaff: warning: b.jsonl:2: id 'x' was used by an earlier record; both are kept" \
        in err
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["x", "y", "x"]
    report = [(r["id"], r["source"], r["status"]) for r in read_jsonl(tmp_path / "r.jsonl")]
    assert report == [("x", "a.jsonl:1", "kept"), ("y", "b.jsonl:1", "kept"),
                      ("x", "b.jsonl:2", "kept")]


def test_an_unreadable_file_and_an_empty_directory_are_named_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.md").write_text("not a supported format")
    (tmp_path / "ok.jsonl").write_text(json.dumps({"id": "k", "text": TEXT}) + "\n")
    code, _, err = run_cli(capsys, "clean", "nothing", "missing.jsonl", "ok.jsonl",
                       "-o", "o.jsonl")
    assert code == 0
    assert "dechaff: error: nothing: no file of a supported format in this directory" in err
    assert "dechaff: error: missing.jsonl: No such file or directory; check the path" in err
    assert "; 2 unreadable inputs" in err
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["k"]


def test_nothing_readable_at_all_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nothing").mkdir()
    code, out, err = run_cli(capsys, "clean", "nothing", "-o", "o.jsonl")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "dechaff: error: nothing: no file of a supported format in this directory (*.txt, "
        "*.jsonl, *.ndjson, *.parquet, *.warc, *.wet, plain or .gz, .zst, .bz2, .xz)",
        "dechaff: error: no input could be read; nothing was written",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nothing"]


def test_strict_exits_1_when_anything_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "k", "text": TEXT}) + "\n{bad\n")
    assert run_cli(capsys, "clean", "in.jsonl", "-o", "o.jsonl")[0] == 0
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "-o", "o2.jsonl", "--strict")
    assert code == 1
    assert "in.jsonl:2: malformed JSON" in err
    assert not (tmp_path / "o2.jsonl").exists()
