"""HTML for the documents of an audit report: sampled documents with their removals in
place, duplicate clusters with their differing words, rejected records.

Everything that comes from a document is escaped (:func:`esc`): a page's text is hostile
and may hold markup or ``</script>``.

>>> esc('<b title="x">A & B</b>\\x00\\ud800')
'&lt;b title=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;\\ufffd\\ufffd'
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..config import RULE_NAMES
from .collector import AuditCollector, Cluster, Copy, DocumentView, RejectedRecord
from .diff import word_diff

# Characters HTML has no business holding: C0 controls but tab and line breaks, DEL, and
# lone surrogates (which UTF-8 cannot encode).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
PALETTE = 12


def esc(text: str) -> str:
    """``text`` as HTML text or attribute value: markup escaped, unshowable characters
    replaced by U+FFFD."""
    return html.escape(_UNSHOWABLE.sub("\ufffd", text), quote=True)


def number(value: int) -> str:
    """An integer as the report shows it: ``12,345``."""
    return f"{value:,}"


def plural(count: int, noun: str) -> str:
    """``1 removal``, ``2 removals``."""
    return f"{number(count)} {noun}{'' if count == 1 else 's'}"


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def rule_order(rules: Sequence[str]) -> list[str]:
    """Rules in pipeline order, then any other rule by name."""
    return [name for name in RULE_NAMES if name in rules] + sorted(
        name for name in set(rules) if name not in RULE_NAMES)


def rule_class(rule: str) -> str:
    """The CSS class colouring a rule: the same rule always has the same colour."""
    index = RULE_NAMES.index(rule) if rule in RULE_NAMES else (
        len(RULE_NAMES) + sum(rule.encode("utf-8", "surrogatepass")))
    return f"r{index % PALETTE}"


def document_list(views: Sequence[DocumentView], empty: str) -> str:
    if not views:
        return f'<p class="note">{esc(empty)}</p>'
    return "\n".join(document(view) for view in views)


def document(view: DocumentView) -> str:
    """One sampled document: a header, then its input with each removed piece marked."""
    details = [
        f'<span class="status s-{esc(view.status)}">{esc(view.status)}</span>',
        f"{percent(view.share)} of {number(view.bytes_in)} bytes removed",
        plural(view.removals, "removal"),
    ]
    body = "".join(_piece(piece, view.marks[mark] if mark >= 0 else None)
                   for piece, mark in view.pieces)
    tail = ""
    if view.hidden_chars:
        tail = f'<span class="more">… {number(view.hidden_chars)} more characters</span>'
    note = "" if view.input_shown else (
        '<p class="note">The removed text was not carried with this document: only the '
        "cleaned text is shown.</p>")
    return (
        f'<article class="doc">\n<header>{_title(view.name, view.source, view.url)}'
        f'<p class="facts">{" · ".join(details)}</p></header>\n{note}'
        f'<pre class="text">{body}{tail}</pre>\n</article>'
    )


def _piece(text: str, mark: tuple[str, str] | None) -> str:
    if mark is None:
        return esc(text)
    rule, reason = mark
    # A removed line break or space would be invisible: line breaks show as ↵.
    shown = esc(text).replace("\n", "↵\n")
    return f'<mark class="{rule_class(rule)}" title="{esc(rule)}: {esc(reason)}">{shown}</mark>'


def _title(name: str, source: str, url: str | None) -> str:
    parts = [f'<h4>{esc(name)}</h4><p class="where">{esc(source)}']
    if url:
        parts.append(f" · {esc(url)}")
    parts.append("</p>")
    return "".join(parts)


def clusters(audit: AuditCollector) -> str:
    """The duplicate clusters: each dropped copy beside the kept document."""
    shown = list(audit.clusters.values())
    if not shown:
        return '<p class="note">No duplicate was found.</p>'
    parts = [_cluster(cluster, audit.limits.kept_texts) for cluster in shown]
    if audit.duplicates_not_shown:
        parts.append(f'<p class="note">{number(audit.duplicates_not_shown)} more duplicates '
                     "are not shown (the report shows the first clusters met).</p>")
    return "\n".join(parts)


def _cluster(cluster: Cluster, kept_texts: int) -> str:
    rows = []
    for copy in cluster.copies:
        similarity = (f"similarity {copy.similarity:.3f}" if copy.similarity is not None
                      else "similarity unknown")
        if cluster.kept is not None:
            kept_pieces, copy_pieces = word_diff(cluster.kept.text, copy.text)
            kept_cell = _side("kept", cluster.kept, _diff_html(kept_pieces))
        else:
            copy_pieces = [(copy.text, False)]
            kept_cell = (
                f'<div class="side missing"><p class="label">kept: {esc(cluster.kept_name)}'
                "</p><p class=\"note\">Its text is not shown: the report retains a sample of "
                f"{number(kept_texts)} kept documents, or it was kept by an earlier run "
                "(--index).</p></div>")
        copy_cell = _side(f"dropped · {similarity}", copy, _diff_html(copy_pieces))
        rows.append(f'<div class="pair">{kept_cell}{copy_cell}</div>')
    if cluster.more:
        rows.append(f'<p class="note">and {number(cluster.more)} more dropped copies.</p>')
    return '<article class="cluster">\n' + "\n".join(rows) + "\n</article>"


def _side(label: str, copy: Copy, body: str) -> str:
    tail = (f'<span class="more">… {number(copy.hidden_chars)} more characters</span>'
            if copy.hidden_chars else "")
    return (f'<div class="side"><p class="label">{esc(label)}</p>'
            f"{_title(copy.name, copy.source, copy.url)}"
            f'<pre class="text">{body}{tail}</pre></div>')


def _diff_html(pieces: list[tuple[str, bool]]) -> str:
    return "".join(f"<ins>{esc(text)}</ins>" if changed else esc(text)
                   for text, changed in pieces)


def rejected(records: Sequence[RejectedRecord], total: int) -> str:
    if not records:
        return '<p class="note">No record was rejected.</p>'
    rows = "\n".join(
        f"<tr><td>{esc(record.source)}</td><td>{esc(record.id or '')}</td>"
        f"<td>{esc(record.error)}</td></tr>"
        for record in records
    )
    more = (f'<p class="note">The first {number(len(records))} of {number(total)} rejected '
            "records are shown.</p>" if total > len(records) else "")
    return (f'<table class="rejected"><thead><tr><th>source</th><th>id</th><th>error</th></tr>'
            f"</thead><tbody>\n{rows}\n</tbody></table>{more}")
