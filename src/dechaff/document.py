"""The immutable records that flow through dechaff: documents, removals and results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple


def _no_fields() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Document:
    """One document of a corpus.

    ``fields`` holds the record's other fields, written back unchanged on output.
    ``source`` says where the record came from (``FILE:LINE``) for reports.
    """

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    fields: Mapping[str, Any] = field(default_factory=_no_fields, compare=False, repr=False)

    def with_text(self, text: str) -> Document:
        """The same document with another text (documents are never changed in place)."""
        return Document(self.id, text, self.url, self.source, self.fields)


class Removal(NamedTuple):
    """A span ``text[start:end]`` that the rule ``rule`` removed, and why.

    ``start`` and ``end`` are code-point indices into the input text.
    """

    rule: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What cleaning learned about a document: its date (ISO 8601) and its headline."""

    date: str | None = None
    headline: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, value in (("date", self.date), ("headline", self.headline))
                if value is not None}


@dataclass(frozen=True)
class CleanResult:
    """The outcome of cleaning one document.

    Replaying ``removals`` on the input text rebuilds ``text`` exactly
    (see :func:`dechaff.apply_removals`).
    """

    text: str
    removals: tuple[Removal, ...]
    metadata: Metadata
    document: Document

    @property
    def changed(self) -> bool:
        return bool(self.removals)
