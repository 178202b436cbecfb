"""Report records (one per input record) and the run summary.

>>> from dechaff import Document
>>> from dechaff.outcome import outcome_of
>>> outcome = outcome_of(Document("a", "Text.  \\n", source="a.txt:1"))
>>> record = report_record(outcome)
>>> record["status"], record["removals"][0]["reason"]
('kept', 'trailing whitespace')
>>> summary = Summary()
>>> summary.add(outcome)
>>> for part in summary.line().split("; "):
...     print(part)
1 documents in, 1 kept, 0 empty, 0 rejected, 0 duplicates
8 bytes in, 6 bytes out
removals: blank_lines 1
in = kept + duplicates + rejected + empty: 1 = 1 + 0 + 0 + 0
>>> Summary.from_dict(summary.as_dict()) == summary
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .config import RULE_NAMES
from .outcome import Outcome

_COUNTS = ("documents", "kept", "duplicates", "rejected", "empty", "bytes_in", "bytes_out",
           "unreadable")


def report_record(outcome: Outcome) -> dict[str, Any]:
    """The report line of one input record, with the fields in a fixed order."""
    return {
        "id": outcome.id,
        "source": outcome.source,
        "status": outcome.status,
        "duplicate_of": outcome.duplicate_of,
        "similarity": outcome.similarity,
        "removals": [
            {"rule": removal.rule, "start": removal.start, "end": removal.end,
             "reason": removal.reason}
            for removal in outcome.removals
        ],
        "metadata": outcome.metadata.as_dict() if outcome.metadata is not None else {},
        "error": outcome.error,
    }


@dataclass
class Summary:
    """Counts over a run. Every record read is counted once:
    ``documents == kept + duplicates + rejected + empty``.

    Bytes are UTF-8 bytes of text: ``bytes_in`` of every record read (not rejected),
    ``bytes_out`` of the kept documents' cleaned text. ``unreadable`` counts inputs that
    could not be opened or read to the end. ``learned_from`` is the number of documents the
    learned model applied was learned from (None: no model).
    """

    documents: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0
    empty: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    unreadable: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    learned_from: int | None = None

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        if outcome.status == "kept":
            self.kept += 1
            self.bytes_out += outcome.bytes_out
        elif outcome.status == "duplicate":
            self.duplicates += 1
        elif outcome.status == "rejected":
            self.rejected += 1
        else:
            self.empty += 1
        self.bytes_in += outcome.bytes_in
        for rule, count in outcome.rules:
            self.removals[rule] += count

    @property
    def balanced(self) -> bool:
        """Whether every record is counted once: in = kept + duplicates + rejected + empty."""
        return self.documents == self.kept + self.duplicates + self.rejected + self.empty

    def as_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready values (to carry a run's state over to ``--resume``)."""
        counts: dict[str, Any] = {name: getattr(self, name) for name in _COUNTS}
        counts["removals"] = dict(self.removals)
        counts["learned_from"] = self.learned_from
        return counts

    @classmethod
    def from_dict(cls, counts: dict[str, Any]) -> Summary:
        summary = cls()
        for name in _COUNTS:
            setattr(summary, name, int(counts[name]))
        summary.removals.update({str(k): int(v) for k, v in counts["removals"].items()})
        learned = counts.get("learned_from")
        summary.learned_from = int(learned) if learned is not None else None
        return summary

    def line(self) -> str:
        """The one-line summary (without the program name)."""
        # Known rules in pipeline order first, then any other rule by name.
        rules = [name for name in RULE_NAMES if self.removals[name]]
        rules += sorted(name for name in self.removals if name not in RULE_NAMES)
        removed = ", ".join(f"{name} {self.removals[name]}" for name in rules) or "none"
        text = (
            f"{self.documents} documents in, {self.kept} kept, {self.empty} empty, "
            f"{self.rejected} rejected, {self.duplicates} duplicates; "
            f"{self.bytes_in} bytes in, {self.bytes_out} bytes out; removals: {removed}"
        )
        if self.learned_from is not None:
            text += f"; boilerplate learned from {self.learned_from} documents"
        if self.unreadable:
            text += f"; {self.unreadable} unreadable inputs"
        check = "" if self.balanced else " (MISMATCH: please report this bug)"
        return (
            f"{text}; in = kept + duplicates + rejected + empty: {self.documents} = "
            f"{self.kept} + {self.duplicates} + {self.rejected} + {self.empty}{check}"
        )
