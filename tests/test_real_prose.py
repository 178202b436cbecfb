"""Real prose comes out unchanged: article text that pages are known to contain."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import dechaff

pytestmark = pytest.mark.shared


def long_snippets(shared: Path) -> list[tuple[str, str]]:
    evaldata = json.loads((shared / "corpora" / "trafilatura-dev" / "evaldata.json").read_text())
    return [
        (url, snippet)
        for url, entry in sorted(evaldata.items())
        for snippet in entry["with"]
        if len(snippet) >= 100
    ]


def test_article_snippets_come_out_unchanged(shared: Path) -> None:
    snippets = long_snippets(shared)
    assert len(snippets) > 30
    changed = [
        (url, snippet, [removal.reason for removal in dechaff.clean(snippet).removals])
        for url, snippet in snippets
        if dechaff.clean_text(snippet) != snippet
    ]
    assert changed == []


def test_article_snippets_as_lines_of_a_document_come_out_unchanged(shared: Path) -> None:
    """The same snippets, as one document per page (paragraphs apart), also stay whole."""
    by_page: dict[str, list[str]] = {}
    for url, snippet in long_snippets(shared):
        by_page.setdefault(url, []).append(" ".join(snippet.split()))
    for url, paragraphs in by_page.items():
        unique = list(dict.fromkeys(paragraphs))
        text = "\n\n".join(unique) + "\n"
        assert dechaff.clean_text(text) == text, url


def test_cleaning_real_pages_again_changes_nothing(shared: Path) -> None:
    """Every naively scraped page of the corpus, in both variants, is stable once cleaned."""
    pages = shared / "corpora" / "trafilatura-dev" / "pages.jsonl.gz"
    unstable = []
    with gzip.open(pages, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for variant in ("html_text", "inscriptis"):
                once = dechaff.clean_text(record[variant])
                if dechaff.clean_text(once) != once:
                    unstable.append((record["id"], variant))
    assert unstable == []
