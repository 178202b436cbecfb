"""The audit report: rebuilding the input, bounded samples, duplicate clusters, escaping,
determinism, and a size that stays bounded whatever the corpus."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dechaff import Document, Removal, apply_removals
from dechaff.audit import AuditCollector, AuditLimits, render_report, write_report
from dechaff.audit.diff import word_diff
from dechaff.corpus import CleanJob, CorpusRun
from dechaff.dedup import DedupConfig
from dechaff.dedupstep import DedupStep
from dechaff.outcome import Outcome, outcome_of, restore_input
from dechaff.outputs import SinkContext
from dechaff.report import Summary
from dechaff.sources import expand_inputs

HOSTILE = '</script><script>alert("x")</script><img src=x onerror="alert(1)"> & </pre>'
CHAFF = ["Share this article", "Post a Comment", "Read more", "Leave a Reply"]
BODY = ("The committee met on Tuesday to discuss the budget for the coming year, and "
        "members agreed that the new library should open before the end of the summer. ")


class NullSink(SinkContext):
    """Takes the kept documents and writes nothing."""

    def write(self, outcome: Outcome, payload: object = None) -> None:
        pass

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass


def make_corpus(path: Path, documents: int = 60) -> Path:
    """A JSONL corpus with chaff, duplicates, a hostile page and rejected records."""
    lines = []
    previous = ""
    for number in range(documents):
        host = f"site{number % 7}.example.org"
        chaff = CHAFF[number % len(CHAFF)]
        words = " ".join(f"word{number}x{index}" for index in range(30))
        text = f"{chaff}\n\n\n\nArticle {number}. {words} {BODY * (1 + number % 3)}  \n{chaff}\n"
        if number % 10 == 9:  # a copy of the document before it, with a word changed
            text = previous.replace("Article", "Item", 1)
        if number == 5:
            text = f"{HOSTILE}\n\n\n{BODY}\n"
        previous = text
        lines.append(json.dumps({"id": f"doc-{number}", "url": f"https://{host}/p/{number}",
                                 "text": text}))
        if number % 25 == 3:
            lines.append('{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def audit_run(
    paths: list[Path], jobs: int = 1, limits: AuditLimits | None = None
) -> tuple[AuditCollector, Summary]:
    """Clean ``paths`` as ``dechaff clean`` does, telling a collector of every outcome."""
    plan = expand_inputs([str(path) for path in paths], "auto")
    audit = AuditCollector(limits)
    run = CorpusRun(plan.inputs, CleanJob(keep_removed_text=True), jobs=jobs,
                    dedup=DedupStep(DedupConfig()), on_outcome=audit, batch_items=7)
    summary = run.run(NullSink())
    return audit, summary


def report_of(tmp_path: Path, documents: int = 60, jobs: int = 1) -> tuple[str, Summary]:
    corpus = make_corpus(tmp_path / "corpus.jsonl", documents)
    audit, summary = audit_run([corpus], jobs)
    path = tmp_path / f"report-{jobs}.html"
    write_report(path, audit, summary, [corpus.name])
    return path.read_text(encoding="utf-8"), summary


# --- rebuilding the input ---------------------------------------------------------------

@st.composite
def text_and_removals(draw: st.DrawFn) -> tuple[str, list[Removal]]:
    text = draw(st.text(st.characters(codec="utf-8"), max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    removals = [Removal("rule", start, end, "why") for start, end in pairs]
    return text, draw(st.permutations(removals))


@given(text_and_removals())
def test_restore_input_rebuilds_the_input_exactly(case: tuple[str, list[Removal]]) -> None:
    text, removals = case
    cleaned = apply_removals(text, removals)
    removed = [text[removal.start:removal.end] for removal in removals]
    assert restore_input(cleaned, removals, removed) == text


@given(st.lists(st.sampled_from([*CHAFF, "", "   ", BODY, "Title line here", "\t"]),
                max_size=12), st.text(max_size=30))
def test_a_compacted_outcome_rebuilds_its_input(lines: list[str], extra: str) -> None:
    text = "\n".join([*lines, extra])
    outcome = outcome_of(Document("a", text)).compact(removed_texts=True)
    assert outcome.result is None
    assert restore_input(outcome.text, outcome.removals, outcome.removed_texts) == text


def test_removed_text_is_carried_only_when_asked() -> None:
    outcome = outcome_of(Document("a", "Share this article\nBody text here.\n",
                                  url="https://a.example/x"))
    assert outcome.compact().removed_texts == ()
    assert outcome.url == "https://a.example/x"
    carried = outcome.compact(text=False, removals=False, removed_texts=True)
    assert carried.removed_texts == ("Share this article\n",)
    assert carried.text == "Body text here.\n"
    assert outcome.compact(text=False, removals=False).removals == ()
    with pytest.raises(ValueError, match="removed texts"):
        restore_input(outcome.text, outcome.removals, ())


def test_clean_job_carries_removed_text_on_request() -> None:
    from dechaff.records import RawLine

    raw = RawLine("a.jsonl:1", 0, b'{"id": "a", "text": "Post a Comment\\nHi there."}')
    [plain] = CleanJob()([raw])
    [carried] = CleanJob(keep_removed_text=True)([raw])
    assert plain.outcome.removed_texts == ()  # type: ignore[union-attr]
    assert carried.outcome.removed_texts == ("Post a Comment\n",)  # type: ignore[union-attr]


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_pieces_rebuild_both_texts(left: str, right: str) -> None:
    left_pieces, right_pieces = word_diff(left, right)
    assert "".join(text for text, _ in left_pieces) == left
    assert "".join(text for text, _ in right_pieces) == right
    if left.split() == right.split():
        assert not any(changed for _, changed in left_pieces + right_pieces)


# --- the report --------------------------------------------------------------------------

class Tags(HTMLParser):
    """Every start tag and attribute of a page, to check that no document text became markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_report_shows_summary_samples_clusters_and_rejected(tmp_path: Path) -> None:
    page, summary = report_of(tmp_path)
    assert summary.duplicates >= 5
    assert summary.rejected == 3
    for key in ("documents", "kept", "duplicates", "rejected", "empty", "bytes_in", "bytes_out"):
        value = f"{getattr(summary, key):,}"
        assert f'data-count="{key}">{value}<' in page
    assert page.count('<article class="doc">') == 8 + 8 + 12
    assert 'title="scaffolding: ' in page  # removed text in place, its reason on hover
    assert "↵" in page
    assert "similarity 0." in page or "similarity 1.000" in page
    assert "<ins>Item</ins>" in page
    assert "<ins>Article</ins>" in page
    assert "Expecting value" in page or "JSON" in page  # a rejected record's error
    assert "site0.example.org" in page


def test_hostile_text_never_becomes_markup(tmp_path: Path) -> None:
    page, _ = report_of(tmp_path)
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in page
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "img" not in parser.tags
    assert not [name for name in parser.attributes if name.startswith("on")]
    assert "http-equiv" in parser.attributes  # the policy that forbids every fetch


def test_report_is_the_same_whatever_the_number_of_processes(tmp_path: Path) -> None:
    one, _ = report_of(tmp_path, jobs=1)
    two, _ = report_of(tmp_path, jobs=2)
    assert one == two


def test_report_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    audit = AuditCollector()
    audit(outcome_of(Document("a", "Hi.")).compact(removed_texts=True))
    target = tmp_path / "out" / "report.html"
    with pytest.raises(FileNotFoundError):
        write_report(target, audit)
    target.parent.mkdir()
    write_report(target, audit)
    assert [path.name for path in target.parent.iterdir()] == ["report.html"]


def test_clusters_say_when_the_kept_document_is_not_shown(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus.jsonl")
    audit, summary = audit_run([corpus], limits=AuditLimits(kept_texts=0))
    page = render_report(audit, summary)
    assert "Its text is not shown" in page
    assert audit.clusters_unseen == len(audit.clusters) == 4
    assert audit.duplicates_not_shown == summary.duplicates - 4


def test_without_removed_text_the_cleaned_text_is_shown() -> None:
    audit = AuditCollector()
    audit(outcome_of(Document("a", "Post a Comment\nThe body.\n")).compact())
    page = render_report(audit)
    assert "only the cleaned text is shown" in page
    assert "The body." in page
    assert "Post a Comment" not in page


# --- bounded whatever the corpus ---------------------------------------------------------

def _worst_outcome(number: int, status: str) -> Outcome:
    """An outcome built to make the report as large as it can: long names, text that
    escapes to five times its size, a removal every other character with a long reason."""
    piece = "&<" * 2
    removals = tuple(Removal(f"rule{number % 30}", 8 * index, 8 * index + 4, "&" * 500)
                     for index in range(800))
    text = piece * 800 + "\U0001f600" * 3000
    long = "&" * 5000
    return Outcome(
        f"{long}:{number}", status, id=f"{long}{number}", text=text, removals=removals,
        removed_texts=(piece,) * 800, bytes_in=100_000, bytes_out=90_000 - number,
        rules=tuple((f"rule{index}", 1) for index in range(30)),
        url=f"https://h{number}.example/{long}", duplicate_of=(
            f"{long}{number - 1}" if status == "duplicate" else None),
        similarity=0.9 if status == "duplicate" else None, metadata=None,
        error=long if status == "rejected" else None,
    )


def test_report_stays_under_5_mb_whatever_the_corpus() -> None:
    audit = AuditCollector()
    for number in range(600):
        status = ("kept", "duplicate", "rejected")[number % 3]
        audit(_worst_outcome(number, status))
    assert len(audit.kept) <= audit.limits.kept_texts
    size = len(render_report(audit).encode("utf-8"))
    assert size < 5_000_000, size


def test_samples_are_bounded_and_pick_the_extremes() -> None:
    audit = AuditCollector(AuditLimits(most_changed=2, least_changed=2, random=3))
    for number in range(1, 400):
        text = "Share this article\n" + "body " * number
        audit(outcome_of(Document(f"d{number}", text)).compact(removed_texts=True))
    most = [view.name for view in audit.most_changed.items()]
    least = [view.name for view in audit.least_changed.items()]
    assert most == ["d1", "d2"]
    assert least == ["d399", "d398"]
    assert len(audit.random.items()) == 3
    assert audit.summary.documents == 399
    assert sum(audit.histogram) == 399


def test_random_sample_does_not_depend_on_the_order_of_documents() -> None:
    outcomes = [outcome_of(Document(f"d{n}", f"Text {n}.\n", source=f"a.jsonl:{n}"))
                for n in range(200)]
    names = []
    for order in (outcomes, outcomes[::-1]):
        audit = AuditCollector(AuditLimits(random=5))
        for outcome in order:
            audit(outcome.compact(removed_texts=True))
        names.append(sorted(view.name for view in audit.random.items()))
    assert names[0] == names[1]


def test_hosts_are_counted_in_bounded_memory() -> None:
    audit = AuditCollector(AuditLimits(host_capacity=10))
    for number in range(100):
        outcome = outcome_of(Document(f"d{number}", "Post a Comment\nBody.\n",
                                      url=f"https://h{number % 40}.example/"))
        audit(outcome.compact())
    audit(outcome_of(Document("x", "Body.\n")).compact())
    assert len(audit.hosts.hosts) <= 10
    assert audit.hosts.approximate
    assert "lower bounds" in render_report(audit)
    assert re.search(r"\(no url\)", render_report(audit)) is None  # nothing removed there
