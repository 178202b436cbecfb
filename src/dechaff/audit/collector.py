"""What an audit report shows, gathered from a run's outcomes in a fixed amount of memory.

:class:`AuditCollector` hears of every outcome in input order (it is a corpus run's
``on_outcome``) and keeps counts, a histogram and bounded samples: the most and the least
changed documents, a random sample drawn by a stable hash, duplicate clusters and the first
rejected records. Documents are kept as :class:`DocumentView`, already cut to what the
report shows, so memory does not grow with the corpus or with the length of a document.

To show removed text in place, the outcomes must carry it
(``CleanJob(keep_removed_text=True)``); without it a view shows the cleaned text alone.

>>> from dechaff import Document
>>> from dechaff.outcome import outcome_of
>>> audit = AuditCollector()
>>> text = "Share this article\\nThe body of the page.\\nPost a Comment\\n"
>>> audit(outcome_of(Document("a", text)).compact(removed_texts=True))
>>> audit.summary.kept, audit.histogram
(1, [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
>>> view = audit.most_changed.items()[0]
>>> for piece, mark in view.pieces:
...     print(repr(piece), view.marks[mark][0] if mark >= 0 else "kept")
'Share this article\\n' scaffolding
'The body of the page.\\n' kept
'Post a Comment\\n' scaffolding
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..outcome import Outcome, input_pieces
from ..report import Summary
from .samples import HashSample, HostTable, TopK, host_of, stable_hash

# Histogram bins of the share of bytes removed: none, then (0, 10%], ..., (90%, 100%].
BINS = 11
# The most bytes of HTML a character of text can become ("&quot;"), and what a highlight
# adds besides its rule and reason.
_ESCAPED = 6
_MARK = 60


@dataclass(frozen=True)
class AuditLimits:
    """How much an audit keeps. The defaults keep a report well under 5 MB."""

    most_changed: int = 8
    least_changed: int = 8
    random: int = 12
    # Input characters shown for each sampled document, and a bound on the HTML they make
    # (text may escape to 6 bytes a character, and each highlight carries its reason).
    shown_chars: int = 3000
    shown_bytes: int = 60_000
    reason_chars: int = 160
    # Kept documents whose cleaned text is retained, so that a cluster can show it.
    kept_texts: int = 2000
    cluster_chars: int = 1500
    clusters: int = 16
    # Clusters shown whose kept document was not retained (a dropped copy alone).
    clusters_unseen: int = 4
    copies: int = 3
    rejected: int = 30
    error_chars: int = 400
    # Ids, sources, URLs and host names are cut to this many characters.
    name_chars: int = 200
    hosts: int = 15
    host_capacity: int = 4000


@dataclass(frozen=True)
class DocumentView:
    """A document as the report shows it: its input in pieces, each kept (``mark`` -1) or
    removed (``mark`` indexes ``marks``, which hold each removal's rule and reason)."""

    name: str
    source: str
    url: str | None
    status: str
    bytes_in: int
    bytes_out: int
    removals: int
    pieces: tuple[tuple[str, int], ...]
    marks: tuple[tuple[str, str], ...]
    hidden_chars: int
    # False when the outcome did not carry the removed text: only the cleaned text is shown.
    input_shown: bool = True

    @property
    def share(self) -> float:
        return share_removed(self.bytes_in, self.bytes_out)


@dataclass(frozen=True)
class Copy:
    """A document as a duplicate cluster shows it: its cleaned text, cut short."""

    name: str
    source: str
    url: str | None
    text: str
    hidden_chars: int
    similarity: float | None = None


@dataclass
class Cluster:
    """A kept document (when it was retained) and the dropped copies of it met first."""

    kept_name: str
    kept: Copy | None
    copies: list[Copy] = field(default_factory=list)
    more: int = 0


@dataclass(frozen=True)
class RejectedRecord:
    source: str
    id: str | None
    error: str


def share_removed(bytes_in: int, bytes_out: int) -> float:
    """The share of a document's bytes that cleaning removed (0 for an empty input)."""
    return max(0, bytes_in - bytes_out) / bytes_in if bytes_in else 0.0


class AuditCollector:
    """Gathers an audit of a run, one outcome at a time, in input order."""

    def __init__(self, limits: AuditLimits | None = None) -> None:
        self.limits = limits = limits or AuditLimits()
        self.summary = Summary()
        self.histogram = [0] * BINS
        self.rule_chars: Counter[str] = Counter()
        self.hosts = HostTable(limits.host_capacity)
        self.most_changed = TopK[DocumentView](limits.most_changed)
        self.least_changed = TopK[DocumentView](limits.least_changed)
        self.random = TopK[DocumentView](limits.random)
        self.kept = HashSample[Copy](limits.kept_texts)
        self.clusters: dict[str, Cluster] = {}
        self.clusters_unseen = 0  # clusters shown whose kept document is not
        self.duplicates_not_shown = 0
        self.rejected: list[RejectedRecord] = []
        self.removed_text_missing = False

    def __call__(self, outcome: Outcome) -> None:
        self.add(outcome)

    def add(self, outcome: Outcome) -> None:
        self.summary.add(outcome)
        limits = self.limits
        if outcome.status == "rejected":
            if len(self.rejected) < limits.rejected:
                cut = limits.name_chars
                self.rejected.append(RejectedRecord(
                    _cut(outcome.source, cut),
                    _cut(outcome.id, cut) if outcome.id is not None else None,
                    _cut(outcome.error or "", limits.error_chars)))
            return
        removed = max(0, outcome.bytes_in - outcome.bytes_out)
        removals = sum(count for _, count in outcome.rules)
        if outcome.bytes_in:
            self.histogram[-(-removed * (BINS - 1) // outcome.bytes_in)] += 1
        for removal in outcome.removals:
            self.rule_chars[removal.rule] += removal.end - removal.start
        host = _cut(host_of(outcome.url), limits.name_chars)
        self.hosts.add(host, removals, outcome.bytes_in, removed)
        if outcome.removals and len(outcome.removed_texts) != len(outcome.removals):
            self.removed_text_missing = True
        self._sample(outcome, removed, removals)
        if outcome.status == "kept":
            name = _name(outcome)
            self.kept.offer(name, lambda: self._copy(outcome))
        elif outcome.status == "duplicate":
            self._cluster(outcome)

    def _sample(self, outcome: Outcome, removed: int, removals: int) -> None:
        views: list[DocumentView] = []

        def view() -> DocumentView:
            # One view per outcome, shared by every sample that takes it.
            if not views:
                views.append(self._view(outcome, removals))
            return views[0]

        share = share_removed(outcome.bytes_in, outcome.bytes_out)
        if removals:
            self.most_changed.offer((share, removed), view)
            self.least_changed.offer((-share, -removed), view)
        key = stable_hash(outcome.source, outcome.id or "")
        self.random.offer((-key,), view)

    def _view(self, outcome: Outcome, removals: int) -> DocumentView:
        limits = self.limits
        pieces: list[tuple[str, int]] = []
        marks: list[tuple[str, str]] = []
        shown = 0
        cost = 0  # bytes of HTML, at most
        total = 0
        input_shown = len(outcome.removed_texts) == len(outcome.removals)
        every = (input_pieces(outcome.text, outcome.removals, outcome.removed_texts)
                 if input_shown else iter([(outcome.text, None)]))
        for piece, removal in every:
            total += len(piece)
            room = min(limits.shown_chars - shown, (limits.shown_bytes - cost) // _ESCAPED)
            mark = None
            if removal is not None:
                mark = (removal.rule, _cut(removal.reason, limits.reason_chars))
                room -= (len(mark[0]) + len(mark[1])) + _MARK // _ESCAPED
            if room <= 0:
                shown = limits.shown_chars  # nothing more is shown after a cut
                continue
            piece = piece[:room]
            shown += len(piece)
            cost += _ESCAPED * len(piece)
            if mark is None:
                pieces.append((piece, -1))
            else:
                cost += _ESCAPED * (len(mark[0]) + len(mark[1])) + _MARK
                pieces.append((piece, len(marks)))
                marks.append(mark)
        hidden = total - sum(len(piece) for piece, _ in pieces)
        name, source, url = self._names(outcome)
        return DocumentView(
            name, source, url, outcome.status, outcome.bytes_in,
            outcome.bytes_out, removals, tuple(pieces), tuple(marks), hidden, input_shown,
        )

    def _copy(self, outcome: Outcome) -> Copy:
        text = outcome.text[:self.limits.cluster_chars]
        return Copy(*self._names(outcome), text, len(outcome.text) - len(text),
                    outcome.similarity)

    def _names(self, outcome: Outcome) -> tuple[str, str, str | None]:
        """The document's name, source and URL, as shown (cut short)."""
        limit = self.limits.name_chars
        url = _cut(outcome.url, limit) if outcome.url is not None else None
        return _cut(_name(outcome), limit), _cut(outcome.source, limit), url

    def _cluster(self, outcome: Outcome) -> None:
        limits = self.limits
        kept_name = outcome.duplicate_of or ""
        cluster = self.clusters.get(kept_name)
        if cluster is None:
            kept = self.kept.get(kept_name)
            shown = len(self.clusters) - self.clusters_unseen
            if kept is not None and shown < limits.clusters:
                cluster = self.clusters[kept_name] = Cluster(kept_name, kept)
            elif kept is None and self.clusters_unseen < limits.clusters_unseen:
                cluster = self.clusters[kept_name] = Cluster(kept_name, None)
                self.clusters_unseen += 1
            else:
                self.duplicates_not_shown += 1
                return
        if len(cluster.copies) < limits.copies:
            cluster.copies.append(self._copy(outcome))
        else:
            cluster.more += 1

    @property
    def sampled(self) -> int:
        """How many documents the samples hold, a document in two samples counted twice."""
        return sum(len(sample.items()) for sample in
                   (self.most_changed, self.least_changed, self.random))


def _name(outcome: Outcome) -> str:
    # The name the dedup step gives a document, which ``duplicate_of`` refers to.
    return outcome.id if outcome.id is not None else outcome.source


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
