"""A human-readable view of what cleaning removed from a document, line by line.

Each line of the original text is shown once, prefixed by ``"  "`` when it is kept,
``"- [rule] "`` when it is removed (its reason follows ``"  # "``), or ``"~ "`` when only
part of it is removed; the removed part is shown in place as ``{-"..."-}`` (a JSON string,
so whitespace is visible) and the rules and reasons follow ``"  # "``.

>>> removals = [Removal("blank_lines", 5, 7, "trailing whitespace"),
...             Removal("repeated_headline", 8, 14, "copy of the headline on line 1")]
>>> print(render_lines("Title  \\nTitle\\nBody\\n", removals))
~ Title{-"  "-}  # [blank_lines] trailing whitespace
- [repeated_headline] Title  # copy of the headline on line 1
  Body
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence

from .config import RULE_NAMES
from .document import Removal
from .outcome import Outcome


def explain(outcome: Outcome) -> str:
    """The view of one record: a header, its metadata and removals, then its lines."""
    header = f"=== {outcome.id} ({outcome.source}): {outcome.status} ==="
    result = outcome.result
    if result is None:
        return f"{header}\nerror: {outcome.error}\n"
    lines = [header, "metadata: " + json.dumps(result.metadata.as_dict(), ensure_ascii=False)]
    if outcome.duplicate_of is not None:
        lines.append(f"duplicate of: {outcome.duplicate_of} (similarity {outcome.similarity})")
    counts = Counter(removal.rule for removal in result.removals)
    order = {rule: index for index, rule in enumerate(RULE_NAMES)}
    rules = sorted(counts, key=lambda rule: (order.get(rule, len(order)), rule))
    per_rule = ", ".join(f"{rule} {counts[rule]}" for rule in rules)
    lines.append(f"removals: {len(result.removals)}" + (f" ({per_rule})" if per_rule else ""))
    body = render_lines(result.document.text, result.removals)
    lines.append(body if body else "(no text)")
    return "\n".join(lines) + "\n"


def render_lines(text: str, removals: Sequence[Removal]) -> str:
    """The lines of ``text``, each marked as kept, removed or partly removed."""
    return "\n".join(_marked_lines(text, sorted(removals, key=lambda removal: removal.start)))


def _split(text: str) -> Iterator[tuple[int, str, str]]:
    """(start, content, terminator) for each line; "\\r\\n" is one terminator."""
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        line = text[start:end]
        content = line.rstrip("\r\n") if line.endswith("\n") else line
        yield start, content, line[len(content):]
        start = end


def _marked_lines(text: str, removals: list[Removal]) -> Iterator[str]:
    first = 0  # removals before this index end before the current line
    for start, content, terminator in _split(text):
        end = start + len(content) + len(terminator)
        while first < len(removals) and removals[first].end <= start:
            first += 1
        hits: list[Removal] = []
        index = first
        while index < len(removals) and removals[index].start < end:
            if removals[index].end > start:
                hits.append(removals[index])
            index += 1
        if not hits:
            yield f"  {content}"
            continue
        covered = sum(min(hit.end, end) - max(hit.start, start) for hit in hits)
        notes = _unique(f"{hit.reason}" for hit in hits)
        if covered == end - start:
            rules = ", ".join(_unique(hit.rule for hit in hits))
            yield f"- [{rules}] {content}  # {'; '.join(notes)}"
        else:
            shown = _show_partial(start, content + terminator, hits, len(content))
            reasons = "; ".join(_unique(f"[{hit.rule}] {hit.reason}" for hit in hits))
            yield f"~ {shown}  # {reasons}"


def _show_partial(start: int, line: str, hits: list[Removal], content_length: int) -> str:
    """The line with each removed piece shown as {-"..."-}; a kept terminator is not shown."""
    pieces = []
    position = 0
    for hit in hits:
        low, high = max(hit.start - start, 0), min(hit.end - start, len(line))
        pieces.append(line[position:min(low, content_length)])
        pieces.append("{-" + json.dumps(line[low:high]) + "-}")
        position = high
    pieces.append(line[position:content_length] if position < content_length else "")
    return "".join(pieces)


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))
