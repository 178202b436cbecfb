"""The explain view: every original line once, marked kept, removed or partly removed."""

from __future__ import annotations

from dechaff import Document, Removal, clean
from dechaff.explain import explain, render_lines
from dechaff.outcome import outcome_of
from dechaff.sources import Rejected


def test_every_line_is_marked() -> None:
    text = "Head\r\nGone\nsome  \n\nTail"
    removals = [
        Removal("scaffolding", 6, 11, "page chrome"),
        Removal("blank_lines", 15, 17, "trailing whitespace"),
    ]
    assert render_lines(text, removals).split("\n") == [
        "  Head",
        "- [scaffolding] Gone  # page chrome",
        '~ some{-"  "-}  # [blank_lines] trailing whitespace',
        "  ",
        "  Tail",
    ]


def test_a_removal_across_lines_marks_each_line() -> None:
    text = "keep\nrepeated one\nrepeated two\nkeep\n"
    removals = [Removal("repeated_paragraph", 5, 31, "copy of lines 8-9")]
    assert render_lines(text, removals).split("\n") == [
        "  keep",
        "- [repeated_paragraph] repeated one  # copy of lines 8-9",
        "- [repeated_paragraph] repeated two  # copy of lines 8-9",
        "  keep",
    ]


def test_line_removed_by_two_rules_and_terminator_only_removal() -> None:
    text = "ab\ncd\n"
    removals = [
        Removal("scaffolding", 0, 2, "chrome"),
        Removal("blank_lines", 2, 3, "joined"),
        Removal("blank_lines", 5, 6, "final newline"),
    ]
    assert render_lines(text, removals).split("\n") == [
        "- [scaffolding, blank_lines] ab  # chrome; joined",
        '~ cd{-"\\n"-}  # [blank_lines] final newline',
    ]


def test_explain_shows_header_metadata_and_counts() -> None:
    text = "Friday 31 December 2021\n\nThe article itself, long enough.\n"
    view = explain(outcome_of(Document("d1", text, source="in.txt:1")))
    lines = view.split("\n")
    assert lines[0] == "=== d1 (in.txt:1): kept ==="
    assert lines[1] == 'metadata: {"date": "2021-12-31"}'
    assert lines[2].startswith("removals: ")
    assert "date_header 1" in lines[2]
    assert lines[3].startswith("- [date_header] Friday 31 December 2021  # ")
    assert "  The article itself, long enough." in lines
    assert view.endswith("\n")


def test_explain_of_unchanged_empty_and_rejected_records() -> None:
    assert explain(outcome_of(Document("a", "Fine text.\n", source="a:1"))).split("\n")[2:4] == [
        "removals: 0", "  Fine text."
    ]
    assert "(no text)" in explain(outcome_of(Document("e", "", source="e:1")))
    assert explain(outcome_of(Rejected("x.jsonl:2", "malformed JSON at column 1"))) == (
        "=== None (x.jsonl:2): rejected ===\nerror: malformed JSON at column 1\n"
    )


def test_explain_lines_match_the_original_line_count() -> None:
    text = "A title that is long enough\n\n\n\nA title that is long enough\n\nBody.  \n"
    result = clean(text)
    assert len(render_lines(text, result.removals).split("\n")) == text.count("\n")
