"""Outcomes, report records and the run summary: every record is accounted for once."""

from __future__ import annotations

from dechaff import Config, Document
from dechaff.outcome import is_empty, outcome_of
from dechaff.report import Summary, report_record
from dechaff.sources import Rejected

REPORT_KEYS = [
    "id", "source", "status", "duplicate_of", "similarity", "removals", "metadata", "error"
]


def test_kept_record_lists_its_removals_and_metadata() -> None:
    text = "Friday 31 December 2021\n\nThe article itself, long enough.   \n"
    outcome = outcome_of(Document("d1", text, source="a.jsonl:3"))
    record = report_record(outcome)
    assert list(record) == REPORT_KEYS
    assert record["id"] == "d1"
    assert record["source"] == "a.jsonl:3"
    assert record["status"] == "kept"
    assert record["duplicate_of"] is None
    assert record["similarity"] is None
    assert record["error"] is None
    assert record["metadata"]["date"] == "2021-12-31"
    assert {"rule", "start", "end", "reason"} == set(record["removals"][0])
    # The recorded removals rebuild the output from the input.
    kept, position = [], 0
    for removal in record["removals"]:
        kept.append(text[position:removal["start"]])
        position = removal["end"]
    assert "".join(kept) + text[position:] == outcome.text


def test_rejected_record_has_its_error_and_nothing_else() -> None:
    outcome = outcome_of(Rejected("a.jsonl:2", "malformed JSON at column 3", "x"))
    assert report_record(outcome) == {
        "id": "x", "source": "a.jsonl:2", "status": "rejected", "duplicate_of": None,
        "similarity": None, "removals": [], "metadata": {},
        "error": "malformed JSON at column 3",
    }


def test_empty_before_and_after_cleaning() -> None:
    assert outcome_of(Document("a", "")).status == "empty"
    assert outcome_of(Document("b", "\n \n\t\n")).status == "empty"
    assert outcome_of(Document("c", "\ufeff\n")).status == "empty"
    # With blank_lines off the blank lines stay, but nothing visible is left.
    assert outcome_of(Document("d", "\n\n"), Config().without("blank_lines")).status == "empty"
    assert not is_empty(" x ")


def test_summary_accounts_for_every_record() -> None:
    summary = Summary()
    outcomes = [
        outcome_of(Document("a", "Some text.  \n")),
        outcome_of(Document("b", "\n\n")),
        outcome_of(Rejected("x.jsonl:3", "bad")),
        outcome_of(Document("c", "Other text é.\n")),
    ]
    for outcome in outcomes:
        summary.add(outcome)
    assert summary.documents == 4
    assert (summary.kept, summary.empty, summary.rejected, summary.duplicates) == (2, 1, 1, 0)
    assert summary.documents == summary.kept + summary.empty + summary.rejected + summary.duplicates
    assert summary.bytes_in == len(b"Some text.  \n") + 2 + len("Other text é.\n".encode())
    assert summary.bytes_out == len(b"Some text.\n") + len("Other text é.\n".encode())
    line = summary.line()
    assert line.startswith("4 documents in, 2 kept, 1 empty, 1 rejected, 0 duplicates; ")
    assert "removals: blank_lines 3" in line
    assert "\n" not in line


def test_summary_line_without_removals_and_with_unreadable_inputs() -> None:
    summary = Summary(unreadable=2)
    assert summary.line() == (
        "0 documents in, 0 kept, 0 empty, 0 rejected, 0 duplicates; "
        "0 bytes in, 0 bytes out; removals: none; 2 unreadable inputs; "
        "in = kept + duplicates + rejected + empty: 0 = 0 + 0 + 0 + 0"
    )
