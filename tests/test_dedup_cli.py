"""``dechaff clean`` with deduplication: flags, report fields, summary, incremental index."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from conftest import read_jsonl
from dechaff.cli import main

PROSE = (
    "the harbour council met on tuesday night and approved the long awaited plans for a "
    "new bridge across the river after years of debate about its cost and design "
    "residents who spoke at the meeting were mostly in favour while a few asked whether "
    "the old ferry would keep running once the work begins next spring and the mayor "
    "promised an answer before the summer holidays when the first stones are laid on the "
    "northern bank"
)
STORY = " ".join(
    f"{word}{random.Random(1).randrange(10)}" if i % 7 == 0 else word
    for i, word in enumerate(PROSE.split())
) + ".\n"
OTHER = ("A completely different article about the winter market, its stalls, the music "
         "and the crowds that came from every village around the town this weekend.\n")


pytestmark = pytest.mark.usefixtures("in_tmp")


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def crawl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "crawl.jsonl", [
        {"id": "a", "text": STORY},
        {"id": "b", "text": "Home | News | Contact\n\n" + STORY.upper()},
        {"id": "c", "text": OTHER},
        {"id": "d", "text": "   \n"},
        {"id": "e", "text": STORY.replace("tuesday", "monday")},
    ])


def test_duplicates_are_dropped_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["clean", str(crawl(tmp_path)), "-o", "out.jsonl", "--report", "rep.jsonl"])
    assert code == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["a", "c"]
    report = {r["id"]: r for r in read_jsonl(tmp_path / "rep.jsonl")}
    assert [r["status"] for r in report.values()] == [
        "kept", "duplicate", "kept", "empty", "duplicate"
    ]
    assert report["b"]["duplicate_of"] == "a"
    assert 0.8 <= report["e"]["similarity"] < 1.0
    assert report["a"]["duplicate_of"] is None
    assert report["a"]["similarity"] is None
    err = capsys.readouterr().err
    assert "5 documents in, 2 kept, 1 empty, 0 rejected, 2 duplicates" in err


def test_no_dedup_keeps_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(crawl(tmp_path)), "-o", "out.jsonl", "--no-dedup"]) == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["a", "b", "c", "e"]
    assert "0 duplicates" in capsys.readouterr().err


def test_threshold_decides_what_counts(tmp_path: Path) -> None:
    path = crawl(tmp_path)
    assert main(["clean", str(path), "-o", "strict.jsonl", "--threshold", "1.0", "-q"]) == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "strict.jsonl")] == ["a", "c", "e"]


@pytest.mark.parametrize(("flags", "message"), [
    (["--threshold", "0"], "--threshold"),
    (["--threshold", "1.5"], "--threshold"),
    (["--num-perm", "1"], "--num-perm"),
    (["--threshold", "0.3", "--num-perm", "2"], "--num-perm"),
    (["--no-dedup", "--index", "idx"], "--index needs deduplication"),
])
def test_bad_dedup_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    assert main(["clean", str(crawl(tmp_path)), "-o", "out.jsonl", *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "out.jsonl").exists()


def test_an_index_carries_documents_from_run_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "text": STORY}])
    second = write_jsonl(tmp_path / "two.jsonl", [
        {"id": "x", "text": OTHER}, {"id": "y", "text": STORY.upper()},
    ])
    assert main(["clean", str(first), "-o", "o1.jsonl", "--index", "seen.idx", "-q"]) == 0
    assert (tmp_path / "seen.idx").exists()
    assert main(["clean", str(second), "-o", "o2.jsonl", "--index", "seen.idx",
                 "--report", "r2.jsonl", "-q"]) == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "o2.jsonl")] == ["x"]
    report = read_jsonl(tmp_path / "r2.jsonl")
    # Earlier runs' documents are never reported again, only named.
    assert [(r["id"], r["status"], r["duplicate_of"]) for r in report] == [
        ("x", "kept", None), ("y", "duplicate", "a")
    ]
    # A third run sees both earlier runs; --num-perm must match the index.
    third = write_jsonl(tmp_path / "three.jsonl", [{"id": "z", "text": OTHER.lower()}])
    assert main(["clean", str(third), "-o", "o3.jsonl", "--index", "seen.idx",
                 "--report", "r3.jsonl", "-q"]) == 0
    assert read_jsonl(tmp_path / "r3.jsonl")[0]["duplicate_of"] == "x"
    capsys.readouterr()
    assert main(["clean", str(third), "-o", "o4.jsonl", "--index", "seen.idx",
                 "--num-perm", "64"]) == 2
    assert "--num-perm 128" in capsys.readouterr().err


def test_an_index_that_is_not_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "junk.idx").write_bytes(b"hello")
    assert main(["clean", str(crawl(tmp_path)), "-o", "out.jsonl", "--index", "junk.idx"]) == 1
    err = capsys.readouterr().err
    assert "junk.idx" in err
    assert "not a dechaff index" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_the_index_cannot_be_an_input_or_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = crawl(tmp_path)
    assert main(["clean", str(path), "-o", "out.jsonl", "--index", str(path)]) == 2
    assert "--index" in capsys.readouterr().err
    assert main(["clean", str(path), "-o", "out.jsonl", "--index", "out.jsonl"]) == 2


def test_a_tree_of_text_files_is_deduplicated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "1.txt").write_text(STORY, encoding="utf-8")
    (pages / "2.txt").write_text("Share this:\n" + STORY, encoding="utf-8")
    assert main(["clean", str(pages), "-o", "clean/", "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["1.txt"]
