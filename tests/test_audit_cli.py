"""``dechaff clean --html-report``: the page is written beside the other outputs, is the same
whatever ``--jobs``, and is refused where it would overwrite an input."""

from __future__ import annotations

from pathlib import Path

import pytest

from dechaff.cli import main
from test_audit import make_corpus

pytestmark = pytest.mark.usefixtures("in_tmp")


def test_html_report_is_written_and_the_same_for_any_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus.jsonl")
    pages = []
    for jobs in ("1", "2"):
        code = main(["clean", str(corpus), "-o", f"out{jobs}.jsonl", "--no-learn",
                     "--html-report", f"report{jobs}.html", "--jobs", jobs])
        assert code == 0
        pages.append((tmp_path / f"report{jobs}.html").read_bytes())
    assert pages[0] == pages[1]
    summary = capsys.readouterr().err.split("summary: ", 1)[1]
    documents = int(summary.split(" documents in", 1)[0])
    assert f'data-count="documents">{documents:,}<'.encode() in pages[0]
    assert b'title="scaffolding: ' in pages[0]
    assert not list(tmp_path.glob(".report*"))  # no temporary file left behind


def test_html_report_may_not_overwrite_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus.jsonl")
    before = corpus.read_bytes()
    assert main(["clean", str(corpus), "--html-report", str(corpus)]) == 2
    assert "--html-report" in capsys.readouterr().err
    assert corpus.read_bytes() == before
