"""Real prose comes out unchanged: article text that pages are known to contain."""

from __future__ import annotations

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
