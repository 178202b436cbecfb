"""The ``dechaff`` command, run in-process through ``dechaff.cli.main`` (and once for real)."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import read_jsonl, run_cli
from dechaff import RULE_NAMES, cli, corpus, sources
from dechaff.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_048e5db32382f57f.txt"
SEED_EXPECTED = REPO / "seeds" / "000_048e5db32382f57f.expected.txt"
CHAFFY = "Friday 31 December 2021\n\n\n\nThe article itself, long enough to keep.  \n\n\n"
CLEANED = "The article itself, long enough to keep.\n"


pytestmark = pytest.mark.usefixtures("in_tmp")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def summary_counts(stderr: str) -> dict[str, int]:
    line = next(line for line in stderr.splitlines() if line.startswith("dechaff: summary: "))
    counts = re.match(
        r"dechaff: summary: (\d+) documents in, (\d+) kept, (\d+) empty, (\d+) rejected, "
        r"(\d+) duplicates; (\d+) bytes in, (\d+) bytes out; removals: ",
        line,
    )
    assert counts is not None, line
    keys = ["in", "kept", "empty", "rejected", "duplicates", "bytes_in", "bytes_out"]
    return dict(zip(keys, map(int, counts.groups()), strict=True))


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- the seed and a real process --------------------------------------------------------------


def test_seed_prints_exactly_the_expected_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "clean", str(SEED))
    assert code == 0
    assert out == SEED_EXPECTED.read_bytes().decode("utf-8")
    assert summary_counts(err)["kept"] == 1


def test_console_script_runs_for_real(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("dechaff")
    assert script.exists(), "the dechaff console script is not installed in this environment"
    done = subprocess.run(
        [str(script), "clean", str(SEED)], capture_output=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 0
    assert done.stdout == SEED_EXPECTED.read_bytes()
    assert done.stderr.decode().startswith("dechaff: summary: 1 documents in, 1 kept")
    bad = subprocess.run(
        [str(script), "clean", "--no-such-flag", str(SEED)], capture_output=True, check=False
    )
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert bad.stderr.decode().count("\n") == 1
    assert b"Traceback" not in bad.stderr


# --- outputs ----------------------------------------------------------------------------------


def test_text_file_to_stdout_is_exactly_the_cleaned_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "page.txt", CHAFFY.replace("\n", "\r\n"))
    code, out, _ = run_cli(capsys, "clean", "page.txt")
    assert code == 0
    assert out == CLEANED.replace("\n", "\r\n")


def test_text_file_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    code, out, _ = run_cli(capsys, "clean", "page.txt", "-o", "clean.txt")
    assert (code, out) == (0, "")
    assert (tmp_path / "clean.txt").read_text() == CLEANED


def test_jsonl_output_keeps_every_other_field_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {"url": "http://a", "text": CHAFFY, "id": "a", "lang": "ru", "score": 0.5,
         "tags": ["é", {"x": None}]},
        {"id": 2, "text": "\n\n", "meta": 1},
        {"id": "c", "text": "Кремль заявил\n", "n": 10**20},
    ]
    write(tmp_path / "in.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--report", "rep.jsonl")
    assert code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert out == [{**records[0], "text": CLEANED}, records[2]]  # the empty record is not written
    assert [list(record) for record in out] == [list(records[0]), list(records[2])]
    raw = (tmp_path / "out.jsonl").read_bytes()
    assert "Кремль".encode() in raw  # ensure_ascii=False
    assert raw.endswith(b"\n")
    report = read_jsonl(tmp_path / "rep.jsonl")
    assert [(r["id"], r["source"], r["status"]) for r in report] == [
        ("a", "in.jsonl:1", "kept"), ("2", "in.jsonl:2", "empty"), ("c", "in.jsonl:3", "kept")
    ]
    assert summary_counts(err)["in"] == 3


def test_jsonl_input_without_output_goes_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in.ndjson", json.dumps({"id": "a", "text": CHAFFY, "k": 1}) + "\n")
    code, out, _ = run_cli(capsys, "clean", "in.ndjson")
    assert code == 0
    assert out == json.dumps({"id": "a", "text": CLEANED, "k": 1}) + "\n"


def test_renamed_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in.jsonl", json.dumps({"key": "k", "body": CHAFFY, "link": "u"}) + "\n")
    code, out, _ = run_cli(capsys, "clean", "in.jsonl", "--text-field", "body", "--id-field", "key",
                       "--url-field", "link", "--report", "r.jsonl")
    assert code == 0
    assert json.loads(out) == {"key": "k", "body": CLEANED, "link": "u"}
    assert read_jsonl(tmp_path / "r.jsonl")[0]["id"] == "k"


def test_text_files_to_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.txt", CHAFFY)
    write(tmp_path / "sub" / "b.txt", "Second page.\n")
    code, out, _ = run_cli(capsys, "clean", "a.txt", "sub/b.txt")  # several inputs: JSONL
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"id": "a.txt", "text": CLEANED}, {"id": "b.txt", "text": "Second page.\n"}
    ]
    assert run_cli(capsys, "clean", "a.txt", "-o", "out.jsonl")[0] == 0
    assert read_jsonl(tmp_path / "out.jsonl") == [{"id": "a.txt", "text": CLEANED}]


def test_directory_to_a_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "a.txt", CHAFFY)
    write(tmp_path / "in" / "deep" / "er" / "b.txt", "Kept as is.\n")
    write(tmp_path / "in" / "deep" / "empty.txt", "\n\n")
    write(tmp_path / "in" / "notes.md", "not read")
    code, out, err = run_cli(capsys, "clean", "in", "-o", "out", "--report", "r.jsonl")
    assert (code, out) == (0, "")
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["a.txt", "deep/er/b.txt"]
    assert (tmp_path / "out" / "a.txt").read_text() == CLEANED
    assert (tmp_path / "out" / "deep" / "er" / "b.txt").read_text() == "Kept as is.\n"
    report = read_jsonl(tmp_path / "r.jsonl")
    assert [(r["id"], r["source"], r["status"]) for r in report] == [
        ("a.txt", "in/a.txt:1", "kept"),
        ("deep/empty.txt", "in/deep/empty.txt:1", "empty"),
        ("deep/er/b.txt", "in/deep/er/b.txt:1", "kept"),
    ]
    counts = summary_counts(err)
    assert (counts["in"], counts["kept"], counts["empty"]) == (3, 2, 1)


@pytest.mark.parametrize(
    ("output", "written"),
    [("-", None), ("made/", "made/page.txt"), ("existing", "existing/page.txt")],
)
def test_one_text_file_to_stdout_or_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, written: str | None
) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    (tmp_path / "existing").mkdir()
    code, out, _ = run_cli(capsys, "clean", "page.txt", "-o", output)
    assert code == 0
    if written is None:
        assert out == CLEANED
    else:
        assert out == ""
        assert (tmp_path / written).read_text() == CLEANED


def test_strict_stops_at_an_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    code, out, err = run_cli(capsys, "clean", "page.txt", "missing.txt", "--strict",
                             "-o", "o.jsonl")
    assert (code, out) == (1, "")
    assert err.startswith("dechaff: error: missing.txt: No such file or directory")
    assert not (tmp_path / "o.jsonl").exists()


def test_output_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(5):
        write(tmp_path / "in" / f"{index}.txt", CHAFFY + f"Line {index}\n")
    for name in ["one", "two"]:
        assert run_cli(capsys, "clean", "in", "-o", f"{name}.jsonl", "--report", f"{name}-r.jsonl",
                   "-q")[0] == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert (tmp_path / "one-r.jsonl").read_bytes() == (tmp_path / "two-r.jsonl").read_bytes()


def test_stdin_text_and_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin_bytes(monkeypatch, CHAFFY.encode())
    code, out, _ = run_cli(capsys, "clean", "-", "--report", "r.jsonl")
    assert (code, out) == (0, CLEANED)
    assert read_jsonl(tmp_path / "r.jsonl")[0]["id"] == "-"
    assert read_jsonl(tmp_path / "r.jsonl")[0]["source"] == "-:1"
    stdin_bytes(monkeypatch, (json.dumps({"id": "s", "text": CHAFFY}) + "\n").encode())
    code, out, _ = run_cli(capsys, "clean", "-", "--input-format", "jsonl")
    assert (code, json.loads(out)) == (0, {"id": "s", "text": CLEANED})


def test_skip_turns_rules_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    code, out, err = run_cli(capsys, "clean", "page.txt", "--skip", ",".join(RULE_NAMES))
    assert (code, out) == (0, CHAFFY)
    assert "removals: none" in err
    half = len(RULE_NAMES) // 2
    code, out, _ = run_cli(capsys, "clean", "page.txt", "--skip", ",".join(RULE_NAMES[:half]),
                       "--skip", " , ".join(RULE_NAMES[half:]))
    assert (code, out) == (0, CHAFFY)
    code, out, _ = run_cli(capsys, "clean", "page.txt", "--skip", "blank_lines",
                           "--report", "r.jsonl")
    assert code == 0
    assert "\n\n\n" in out
    removals = read_jsonl(tmp_path / "r.jsonl")[0]["removals"]
    assert removals
    assert all(removal["rule"] != "blank_lines" for removal in removals)


def test_quiet_leaves_out_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    assert run_cli(capsys, "clean", "page.txt", "--quiet") == (0, CLEANED, "")


def test_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    write(tmp_path / "bad.txt", b"\xff")
    code, out, err = run_cli(capsys, "explain", "page.txt", "bad.txt")
    assert code == 0
    blocks = out.split("\n\n=== ")
    page = blocks[0].split("\n")
    assert page[0] == "=== page.txt (page.txt:1): kept ==="
    assert page[1] == 'metadata: {"date": "2021-12-31"}'
    assert page[2].startswith("removals: ")
    assert page[3] == (
        "- [date_header] Friday 31 December 2021  "
        "# date line at the head of the page ('Friday 31 December 2021')"
    )
    assert "  The article itself, long enough to keep." not in page  # trailing spaces removed
    assert '~ The article itself, long enough to keep.{-"  "-}  # [blank_lines] trailing ' \
        "whitespace" in page
    assert blocks[1].startswith("bad.txt (bad.txt:1): rejected ===\nerror: invalid UTF-8 at byte 0")
    assert "bad.txt:1: invalid UTF-8" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert (code, out.strip()) == (0, f"dechaff {cli.__version__}")
    code, out, _ = run_cli(capsys, "clean", "--help")
    assert code == 0
    assert "--report" in out


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Good start\n\xc3\x28 bad", "invalid UTF-8 at byte 11 (c3)"),
        (b"GIF89a\x00\x01\x00", "binary content (a NUL byte at byte 6)"),
        ("UTF-16".encode("utf-16"), "binary content"),
    ],
)
def test_bad_text_file_is_rejected_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    write(tmp_path / "bad.txt", data)
    write(tmp_path / "good.txt", CHAFFY)
    code, out, err = run_cli(capsys, "clean", "bad.txt", "good.txt", "-o", "out.jsonl",
                         "--report", "r.jsonl")
    assert (code, out) == (0, "")
    assert f"dechaff: error: bad.txt:1: {message}" in err
    assert "Traceback" not in err
    report = read_jsonl(tmp_path / "r.jsonl")
    assert report[0]["status"] == "rejected"
    assert message in report[0]["error"]
    assert report[0]["source"] == "bad.txt:1"
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["good.txt"]


def test_errors_replace_keeps_invalid_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "bad.txt", b"caf\xe9 au lait\n")
    code, out, _ = run_cli(capsys, "clean", "bad.txt", "--errors", "replace")
    assert (code, out) == (0, "caf\ufffd au lait\n")


def test_bad_jsonl_records_are_all_accounted_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "ok", "text": CHAFFY}),
        '{"id": "broken", "text": ',
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "body": "x"}),
        json.dumps({"id": "number", "text": 12}),
        json.dumps({"id": "blank", "text": ""}),
        "",
        json.dumps({"id": "ok", "text": "Same id again.\n"}),
    ]
    invalid = b'{"id": "u", "text": "\xff"}\n'
    write(tmp_path / "in.jsonl", "\n".join(lines).encode() + b"\n" + invalid)
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--report", "r.jsonl")
    assert code == 0
    report = read_jsonl(tmp_path / "r.jsonl")
    assert [(r["source"], r["status"]) for r in report] == [
        ("in.jsonl:1", "kept"), ("in.jsonl:2", "rejected"), ("in.jsonl:3", "rejected"),
        ("in.jsonl:4", "rejected"), ("in.jsonl:5", "rejected"), ("in.jsonl:6", "empty"),
        ("in.jsonl:8", "kept"), ("in.jsonl:9", "rejected"),
    ]
    for source, expected in [
        ("in.jsonl:2", "malformed JSON"), ("in.jsonl:3", "the record is an array"),
        ("in.jsonl:4", "no 'text' field"),
        ("in.jsonl:5", "the 'text' field is a number, not a string"),
        ("in.jsonl:9", "invalid UTF-8 at byte"),
    ]:
        assert f"dechaff: error: {source}: {expected}" in err
    assert "dechaff: warning: in.jsonl:8: id 'ok' was used by an earlier record" in err
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["ok", "ok"]
    counts = summary_counts(err)
    assert counts["in"] == len(report) == 8
    assert counts["in"] == counts["kept"] + counts["duplicates"] + counts["rejected"] + \
        counts["empty"]
    assert (counts["kept"], counts["rejected"], counts["empty"]) == (2, 5, 1)


def test_report_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    assert run_cli(capsys, "clean", "page.txt", "-o", "o.txt", "--report", "r.jsonl")[0] == 0
    (record,) = read_jsonl(tmp_path / "r.jsonl")
    assert list(record) == ["id", "source", "status", "duplicate_of", "similarity", "removals",
                            "metadata", "error"]
    assert record["id"] == "page.txt"
    assert record["source"] == "page.txt:1"
    assert record["status"] == "kept"
    assert (record["duplicate_of"], record["similarity"], record["error"]) == (None, None, None)
    assert record["metadata"] == {"date": "2021-12-31"}
    assert {removal["rule"] for removal in record["removals"]} == {"date_header", "blank_lines"}
    for removal in record["removals"]:
        assert list(removal) == ["rule", "start", "end", "reason"]
    # Offsets refer to the exact input text.
    kept, position = [], 0
    for removal in record["removals"]:
        kept.append(CHAFFY[position:removal["start"]])
        position = removal["end"]
    assert "".join(kept) + CHAFFY[position:] == CLEANED


def test_missing_input_is_named_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "good.txt", CHAFFY)
    code, out, err = run_cli(capsys, "clean", "missing.txt", "good.txt", "-o", "o.jsonl")
    assert (code, out) == (0, "")
    assert "dechaff: error: missing.txt: No such file or directory; check the path" in err
    assert "1 unreadable inputs" in err
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["good.txt"]


def test_unreadable_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "secret.jsonl", "{}\n")
    write(tmp_path / "good.jsonl", json.dumps({"id": "g", "text": "Fine.\n"}) + "\n")

    def guarded_open(path: str, mode: str) -> Any:
        if path.endswith("secret.jsonl"):
            raise PermissionError(13, "Permission denied", path)
        return open(path, mode)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    code, out, err = run_cli(capsys, "clean", "secret.jsonl", "good.jsonl")
    assert code == 0
    assert json.loads(out)["id"] == "g"
    assert "dechaff: error: secret.jsonl: Permission denied; check its permissions" in err


# --- exit codes -------------------------------------------------------------------------------


def test_nothing_readable_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "clean", "missing.jsonl", "-o", "o.jsonl", "--report", "r.jsonl")
    assert code == 1
    assert err.splitlines() == [
        "dechaff: error: missing.jsonl: No such file or directory; check the path",
        "dechaff: error: no input could be read; nothing was written",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_strict_stops_at_the_first_rejected_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "x"}) + "\n[]\n")
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "--strict", "-o", "o.jsonl",
                       "--report", "r.jsonl")
    assert code == 1
    assert err.startswith("dechaff: error: in.jsonl:2: the record is an array")
    assert "--strict" in err
    assert err.count("\n") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.jsonl"]
    # Without --strict the same input completes.
    assert run_cli(capsys, "clean", "in.jsonl", "-o", "o.jsonl")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "page.txt", "--bogus"], "unrecognized arguments: --bogus"),
        (["clean"], "the following arguments are required: INPUT"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["clean", "pages"], "pages is a directory: name an output directory with -o DIR"),
        (["clean", "page.txt", "-o", "page.txt"], "-o page.txt is also an input"),
        (["clean", "page.txt", "-o", "o.txt", "--report", "page.txt"],
         "--report page.txt is also an input"),
        (["clean", "page.txt", "-o", "o.jsonl", "--report", "o.jsonl"],
         "--report o.jsonl is also the -o file"),
        (["clean", "pages", "-o", "pages"], "-o pages is inside the input directory pages"),
        (["clean", "pages", "-o", "pages/clean"], "is inside the input directory pages"),
        (["clean", "pages", "-o", "page.txt"], "-o page.txt is a file"),
        (["clean", "in.jsonl", "-o", "out"], "record input needs -o FILE.jsonl or -o FILE.parquet"),
        (["clean", "in.jsonl", "pages", "-o", "out"], "records cannot be written as a tree"),
        (["clean", "-", "pages", "-o", "out"], "stdin cannot be written into a directory"),
        (["clean", "pages", "other/pages", "-o", "out"], "would both be written to"),
        (["clean", "-", "-"], "stdin ('-') can be read only once"),
        (["clean", "page.txt", "--skip", "blank_lines,nonsense"],
         "--skip: unknown rule 'nonsense': choose among " + ", ".join(RULE_NAMES)),
        (["explain", "page.txt", "--skip", "nonsense"], "unknown rule 'nonsense'"),
        (["clean", "page.txt", "--errors", "ignore"], "invalid choice: 'ignore'"),
    ],
)
def test_usage_errors_exit_2_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "x"}) + "\n")
    write(tmp_path / "pages" / "a.txt", CHAFFY)
    write(tmp_path / "other" / "pages" / "a.txt", CHAFFY)
    before = sorted(str(path) for path in tmp_path.rglob("*"))
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("dechaff: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert sorted(str(path) for path in tmp_path.rglob("*")) == before
    assert (tmp_path / "page.txt").read_text() == CHAFFY


def test_interrupt_exits_130_and_leaves_no_finished_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps({"id": str(index), "text": CHAFFY}) for index in range(5)]
    write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    real = cli.outcome_of
    calls = []

    def interrupted(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(corpus, "outcome_of", interrupted)
    code, _, err = run_cli(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--report", "r.jsonl")
    assert code == 130
    assert err == "dechaff: error: interrupted; the run did not complete\n"
    # Neither the output nor the report, nor any temporary file, is left behind.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.jsonl"]


def test_failed_write_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "page.txt", CHAFFY)
    code, _, err = run_cli(capsys, "clean", "page.txt", "-o", "no/such/dir/out.txt")
    assert code == 1
    assert err == "dechaff: error: no/such/dir/out.txt: No such file or directory; check the path\n"


# --- documentation ----------------------------------------------------------------------------


def all_options(parser: argparse.ArgumentParser) -> set[str]:
    """Every --flag of the parser and of its subcommands (argparse keeps them in _actions)."""
    flags: set[str] = set()
    for action in parser._actions:
        flags.update(option for option in action.option_strings if option.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                flags |= all_options(subparser)
    return flags


def test_every_option_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Command line" in readme
    section = readme.split("## Command line", 1)[1]
    options = all_options(build_parser())
    assert {"--output", "--report", "--skip", "--strict", "--quiet", "--errors"} <= options
    missing = sorted(option for option in options if f"`{option}" not in section)
    assert missing == []
    for command in ["dechaff clean", "dechaff explain"]:
        assert command in section
