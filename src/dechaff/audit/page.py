"""The audit report: one self-contained HTML page, written atomically.

The page holds no script and loads nothing: its styles are inline, its charts are CSS bars,
and a Content-Security-Policy forbids every fetch, so it opens from disk anywhere and shows
the same thing offline. It depends only on what the collector kept, so the same corpus and
options give the same bytes whatever the number of worker processes.

>>> from dechaff import Document
>>> from dechaff.outcome import outcome_of
>>> audit = AuditCollector()
>>> audit(outcome_of(Document("a", "<script>alert(1)</script>  \\n")).compact(removed_texts=True))
>>> page = render_report(audit)
>>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .. import __version__
from ..outputs import AtomicFile
from ..report import Summary
from .collector import BINS, AuditCollector
from .style import STYLE
from .views import (
    clusters,
    document_list,
    esc,
    number,
    percent,
    plural,
    rejected,
    rule_class,
    rule_order,
)

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def write_report(
    path: str | os.PathLike[str],
    audit: AuditCollector,
    summary: Summary | None = None,
    inputs: Sequence[str] = (),
) -> None:
    """Write the report to ``path`` (atomically: the file appears only when complete)."""
    data = render_report(audit, summary, inputs).encode("utf-8")
    with AtomicFile(path) as file:
        file.write(data)


def render_report(
    audit: AuditCollector, summary: Summary | None = None, inputs: Sequence[str] = ()
) -> str:
    """The report as HTML. ``summary`` is the run's (it may count more than the collector
    heard of: inputs that could not be read, an earlier part of a resumed run); ``inputs``
    name what was cleaned."""
    summary = summary if summary is not None else audit.summary
    limits = audit.limits
    sections = [
        ("summary", "Summary", _summary(summary, audit)),
        ("rules", "Removals per rule", _rules(summary, audit)),
        ("hosts", "Removals per host", _hosts(audit)),
        ("histogram", "Share of text removed per document", _histogram(audit)),
        ("most", "Most changed documents", document_list(
            audit.most_changed.items(), "No document had anything removed.")),
        ("least", "Least changed documents", document_list(
            audit.least_changed.items(), "No document had anything removed.")),
        ("random", "A random sample", document_list(
            audit.random.items(), "No document was read.")),
        ("duplicates", "Duplicate clusters", clusters(audit)),
        ("rejected", "Rejected records", rejected(audit.rejected, audit.summary.rejected)),
    ]
    notes = {
        "most": "The documents with the largest share of their bytes removed. Removed text is "
                "highlighted in place, coloured by rule; hover over it for the reason.",
        "least": "Of the documents with at least one removal, those with the smallest share "
                 "removed.",
        "random": f"{limits.random} documents drawn by a fixed hash of each record's source "
                  "and id: the same corpus always gives the same sample.",
    }
    nav = " ".join(f'<a href="#{key}">{esc(title)}</a>' for key, title, _ in sections)
    body = []
    for key, title, content in sections:
        note = f'<p class="note">{esc(notes[key])}</p>' if key in notes else ""
        legend = _legend(audit) if key == "most" else ""
        body.append(f'<section id="{key}">\n<h2>{esc(title)}</h2>\n{note}{legend}{content}\n'
                    "</section>")
    shown = ", ".join(esc(item) for item in inputs)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        "<title>dechaff audit report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>dechaff audit report</h1>",
        f'<p class="inputs">{shown}</p>' if shown else "",
        f"<nav>{nav}</nav>",
        "</header>",
        "<main>",
        *body,
        "</main>",
        f'<footer>dechaff {esc(__version__)} · samples, not everything: at most '
        f"{limits.most_changed} most and {limits.least_changed} least changed documents, "
        f"{limits.random} at random, {limits.clusters} duplicate clusters and "
        f"{limits.rejected} rejected records, each cut short.</footer>",
        "</body>",
        "</html>",
        "",
    ])


def _summary(summary: Summary, audit: AuditCollector) -> str:
    cards = [
        ("documents", "documents in", summary.documents),
        ("kept", "kept", summary.kept),
        ("duplicates", "duplicates", summary.duplicates),
        ("rejected", "rejected", summary.rejected),
        ("empty", "empty", summary.empty),
        ("unreadable", "unreadable inputs", summary.unreadable),
        ("bytes_in", "bytes in", summary.bytes_in),
        ("bytes_out", "bytes out", summary.bytes_out),
    ]
    html = "".join(
        f'<div class="card"><span class="value" data-count="{key}">{number(value)}</span>'
        f'<span class="label">{esc(label)}</span></div>'
        for key, label, value in cards
    )
    removed = 1 - summary.bytes_out / summary.bytes_in if summary.bytes_in else 0.0
    lines = [f'<div class="cards">{html}</div>',
             f'<p class="note">{percent(removed)} of the bytes read are not in the output '
             "(removed by rules, or in dropped or empty documents).</p>"]
    if audit.summary.documents != summary.documents:
        lines.append(
            f'<p class="note">The samples below cover {number(audit.summary.documents)} of '
            f"the {number(summary.documents)} documents (the rest were handled by an "
            "earlier, interrupted run).</p>")
    if audit.removed_text_missing:
        lines.append('<p class="note">The removed text was not carried with the documents: '
                     "the samples show the cleaned text only.</p>")
    return "\n".join(lines)


def _bar(label: str, value: int, largest: int, extra: str, css: str = "") -> str:
    width = 100 * value / largest if largest else 0.0
    return (f'<div class="row"><span class="name">{label}</span>'
            f'<span class="track"><span class="bar {css}" style="width:{width:.1f}%"></span>'
            f'</span><span class="num">{number(value)}</span>'
            f'<span class="extra">{extra}</span></div>')


def _rules(summary: Summary, audit: AuditCollector) -> str:
    counts = summary.removals
    rules = rule_order([rule for rule, count in counts.items() if count])
    if not rules:
        return '<p class="note">Nothing was removed.</p>'
    largest = max(counts[rule] for rule in rules)
    rows = [
        _bar(f'<i class="swatch {rule_class(rule)}"></i>{esc(rule)}', counts[rule], largest,
             f"{number(audit.rule_chars[rule])} characters" if audit.rule_chars[rule] else "",
             rule_class(rule))
        for rule in rules
    ]
    return '<div class="chart">' + "\n".join(rows) + "</div>"


def _hosts(audit: AuditCollector) -> str:
    ranked = audit.hosts.ranked()
    shown = [(host, counts) for host, counts in ranked[:audit.limits.hosts] if counts.removals]
    if not shown:
        return '<p class="note">Nothing was removed.</p>'
    largest = shown[0][1].removals
    rows = [
        _bar(esc(host), counts.removals, largest,
             f"{plural(counts.documents, 'document')}, "
             f"{percent(counts.bytes_removed / counts.bytes_in if counts.bytes_in else 0)} "
             "of bytes")
        for host, counts in shown
    ]
    notes = []
    rest = len(ranked) - len(shown)
    if rest > 0:
        notes.append(f"{number(rest)} more hosts are not shown.")
    if audit.hosts.approximate:
        notes.append("The run met too many hosts to count them all: counts are lower bounds.")
    note = f'<p class="note">{" ".join(notes)}</p>' if notes else ""
    return '<div class="chart">' + "\n".join(rows) + f"</div>{note}"


def _histogram(audit: AuditCollector) -> str:
    counts = audit.histogram
    largest = max(counts) or 1
    labels = ["0%"] + [f"≤{10 * index}%" for index in range(1, BINS)]
    columns = "".join(
        f'<div class="col"><span class="num">{number(count)}</span>'
        f'<span class="vbar" style="height:{100 * count / largest:.1f}%"></span>'
        f'<span class="name">{label}</span></div>'
        for count, label in zip(counts, labels, strict=True)
    )
    return (f'<div class="histogram">{columns}</div><p class="note">Documents read (kept, '
            "duplicate or empty) by the share of their bytes removed by the rules; the "
            "first column had nothing removed.</p>")


def _legend(audit: AuditCollector) -> str:
    rules = rule_order([rule for rule, count in audit.summary.removals.items() if count])
    if not rules:
        return ""
    items = "".join(f'<span><i class="swatch {rule_class(rule)}"></i>{esc(rule)}</span>'
                    for rule in rules)
    return f'<p class="legend">{items}<span>↵ a removed line break</span></p>'
