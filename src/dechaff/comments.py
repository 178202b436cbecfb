"""Where the readers' comments below an article start.

Blogs and news sites print readers' comments below the article, each under its commenter's
name and a time stamp, with "Reply" or "Melden" under it. Comments are running text, often
more of it than the article, so the shape of their lines alone keeps them. A thread starts at
a heading ("12 Kommentare", "Comments (3)", "3 thoughts on “Title”") or, without one, at the
first commenter's line ("Anna says:") right above its time stamp. A start counts only when
the lines below it show the thread's marks: time stamps, "Reply" lines, commenter lines (at
least ``THREAD_MARKS`` of them), so that an article's own subheading "Comments" or a quote
that "Merkel sagt:" opens stays with the article.

The table is ``data/comments.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .dates import parse_date_line
from .layout import line_start_words
from .page import Page
from .page_text import (
    folded_text,
    line_numbers,
    line_start_text,
    next_with_text,
    paragraph_keys,
)
from .shaped_chrome import feed_formats
from .tables import date_table, load_table
from .textnorm import EDGE_PUNCTUATION, fold, trie_pattern

# Marks of a thread (time stamps, actions, commenter lines) needed below its start.
THREAD_MARKS = 2
# How many lines below a start its marks are looked for, and the first of them.
MARKS_REACH = 60
FIRST_MARK_REACH = 8
# A commenter's line, a time stamp or an action is short; a heading holds at most a title.
LONGEST_MARK = 100
LONGEST_HEADING = 200
LONGEST_NAME = 60
# A line that says how long ago and nothing else ("Veröffentlicht/Aktualisiert: vor 50 Minuten").
LONGEST_AGO = 60
# A time of day: "13:47", "11h29" (a date line with no time counts too).
_TIME = re.compile(r"(?<!\d)\d{1,2}[:h]\d{2}(?!\d)")
_AROUND = EDGE_PUNCTUATION + "：»«›‹↓"


@dataclass(frozen=True)
class CommentTable:
    headings: frozenset[str]
    counted: re.Pattern[str]  # "12 antworten", "3 thoughts on “title”"
    with_count: re.Pattern[str]  # "comments (3)", "kommentare: 12"
    actions: frozenset[str]
    says: tuple[str, ...]  # " says", " sagt" ...: the end of a commenter's line, before ":"
    by: tuple[str, ...]  # "comment by " ...: the start of a commenter's line
    sieve: re.Pattern[str]  # finds the lines that start like a heading or a commenter's line
    ago: re.Pattern[str]  # "2 hours ago", "vor 3 tagen", "50 minuten 46 sekunden her"


@lru_cache(maxsize=1)
def comment_table() -> CommentTable:
    data = _comments_data()
    headings, counted, by = _merged(data, "headings"), _merged(data, "counted"), _merged(data, "by")
    ones = sorted(fold(word) for word in data["one"])
    count = _count(ones)
    starts = sorted({phrase.split()[0] for phrase in [*headings, *by]})
    # Lines that start with a word of a heading or a commenter's line, or with a count and a
    # counted word ("12 antworten", "ein kommentar"): not every line that starts with a number
    # or with "ein".
    lead = line_start_words(starts).pattern
    numbered = f"\n[ \t]*{count} " + trie_pattern(counted)
    return CommentTable(
        headings=frozenset(headings),
        counted=re.compile(counted_comments()),
        with_count=re.compile(f"{trie_pattern(headings)} ?(?:\\(\\d+\\)?|: ?\\d+)"),
        actions=frozenset(_merged(data, "actions")),
        says=tuple(f" {verb}" for verb in _merged(data, "says")),
        by=tuple(f"{phrase} " for phrase in by),
        sieve=re.compile(f"{lead}|{numbered}"),
        ago=_ago_pattern(data["ago"], ones),
    )


@lru_cache(maxsize=1)
def counted_comments() -> str:
    """The pattern of a count of comments, on case-folded text ("12 antworten", "ein
    kommentar", "3 thoughts on “title”"); the date lines read it too, without the table's
    other patterns to compile."""
    data = _comments_data()
    count = _count(sorted(fold(word) for word in data["one"]))
    links = sorted(fold(word) for word in data["title_links"])
    return f"{count} {trie_pattern(_merged(data, 'counted'))}(?: {trie_pattern(links)} .+)?"


def _count(ones: list[str]) -> str:
    """A count: a number or a word for one ("ein", "one")."""
    return "(?:\\d+|" + trie_pattern(ones) + ")"


@lru_cache(maxsize=1)
def _comments_data() -> Any:
    return load_table("comments.json")


def _merged(data: Any, name: str) -> list[str]:
    """The phrases of one part of the table, every language merged, case-folded."""
    return sorted({fold(phrase) for phrases in data[name].values() for phrase in phrases})


def _ago_pattern(table: dict[str, dict[str, list[str]]], ones: list[str]) -> re.Pattern[str]:
    """How long ago, in any of the table's languages: a count and a unit (once or twice)
    after a word of ``before`` or before one of ``after``."""
    branches = []
    for words in table.values():
        count = trie_pattern([*ones, *words["counts"]])
        amount = f"(?:\\d+|{count}) {trie_pattern(words['units'])}"
        amounts = f"{amount}(?:,? {amount})?"
        if words["before"]:
            branches.append(f"{trie_pattern(words['before'])} {amounts}")
        if words["after"]:
            branches.append(f"{amounts} {trie_pattern(words['after'])}")
    return re.compile("|".join(branches))


def thread_starts(page: Page) -> list[int]:
    """The lines where a comment thread starts, in order (computed once per page): headings
    and commenter lines with the thread's marks below them."""
    starts = page.memo.get("thread_starts")
    if starts is None:
        starts = page.memo["thread_starts"] = _find_thread_starts(page)
    assert isinstance(starts, list)
    return starts


def _find_thread_starts(page: Page) -> list[int]:
    table = comment_table()
    folded = folded_text(page)
    offsets = [match.start() for match in table.sieve.finditer(line_start_text(page))]
    # A commenter's line ends with a colon ("Anna says:"): few lines of a page do.
    offsets.extend(match.start() for match in _LINE_END_COLON.finditer(folded))
    if not offsets:
        return []
    candidates = line_numbers(page, folded, sorted(offsets), at_line_start=False)
    keys, stripped = paragraph_keys(page), page.stripped
    starts = []
    for index in candidates:
        if not page.kept[index] or len(stripped[index]) > LONGEST_HEADING:
            continue
        key = keys[index]
        opens = (_is_heading(table, key.strip(_AROUND)) and not _by_a_feed(page, index)) or (
            _names_a_commenter(table, key) and _stamped_below(page, index)
        )
        if opens and _marks_below(page, index) >= THREAD_MARKS:
            starts.append(index)
    return starts


_LINE_END_COLON = re.compile(r":[ \t\r]*\n")


def _is_heading(table: CommentTable, key: str) -> bool:
    """Whether a line (its key without the punctuation around it) heads a comment thread.

    >>> table = comment_table()
    >>> [_is_heading(table, key) for key in ("leserkommentare", "35 comments",
    ...  "3 thoughts on “why we wait”", "comments (3)", "kommentar", "3 antworten zu")]
    [True, True, True, True, False, False]
    """
    return (
        key in table.headings
        or table.counted.fullmatch(key) is not None
        or table.with_count.fullmatch(key) is not None
    )


def _by_a_feed(page: Page, index: int) -> bool:
    """Whether the line with text right above or below ``index`` names a feed's format: the
    "Comments" of a blog's "Subscribe To: Posts Atom Comments Atom" links no thread."""
    feeds, keys = feed_formats(), paragraph_keys(page)
    neighbours = (next_with_text(page, index, -1), next_with_text(page, index, 1))
    return any(line is not None and keys[line].strip(_AROUND) in feeds for line in neighbours)


def _names_a_commenter(table: CommentTable, key: str) -> bool:
    """Whether a line (its paragraph key) names a commenter: "Anna says:", "Comment by Anna —
    17.07.2011".

    >>> table = comment_table()
    >>> [_names_a_commenter(table, key) for key in ("anna says:", "comment by anna — 17.07.",
    ...  "anna says", "the minister says: no")]
    [True, True, False, False]
    """
    if key.lstrip(_AROUND).startswith(table.by):
        return True
    line = key.rstrip(" :：")
    if len(line) > LONGEST_NAME or len(line) == len(key):  # no colon: a title, a label
        return False
    return line.endswith(table.says) and line.count(" ") >= 1


def _stamped_below(page: Page, index: int) -> bool:
    """Whether the next line with text, right below ``index``, is a time stamp (or the line
    itself holds one: "Comment by Anna — 17.07.2011 @ 13:04")."""
    if _is_time_stamp(page, index):
        return True
    following = next_with_text(page, index, 1)
    return following is not None and _is_time_stamp(page, following)


def _is_time_stamp(page: Page, index: int) -> bool:
    """Whether a line is short and holds a time of day ("14. 01. 2020, 13:47", "Ben 19. Juni
    2018 um 15:28 Uhr - Antworten"), or is a date alone or how long ago ("vor 3 Tagen")."""
    text = page.stripped[index]
    return len(text) <= LONGEST_MARK and (
        _TIME.search(text) is not None
        or parse_date_line(text) is not None
        or comment_table().ago.fullmatch(paragraph_keys(page)[index].strip(_AROUND)) is not None
    )


def relative_time_lines(page: Page, lines: list[int]) -> list[int]:
    """The lines of ``lines`` that say how long ago and nothing else ("3 years ago", "vor 2
    Stunden"), perhaps after the word for published or updated ("Veröffentlicht/Aktualisiert:
    vor 48 Minuten"): the time stamps of comments and of the entries of a list."""
    folded = folded_text(page)
    offsets = [match.start() for match in _stamp_sieve().finditer(line_start_text(page))]
    if not offsets:
        return []
    wanted, stripped, keys = set(lines), page.stripped, paragraph_keys(page)
    stamp = _stamp_pattern()
    return [
        index for index in line_numbers(page, folded, offsets)
        if index in wanted
        and len(stripped[index]) <= LONGEST_AGO
        and stamp.fullmatch(keys[index].strip(_AROUND))
    ]


@lru_cache(maxsize=1)
def _stamp_pattern() -> re.Pattern[str]:
    """How long ago (see ``ago`` of :func:`comment_table`), after up to two of the dates
    table's lead words ("posted", "aktualisiert am") with a colon perhaps."""
    return re.compile(f"{_lead_words()}(?:{comment_table().ago.pattern})")


def _lead_words() -> str:
    leads = trie_pattern(sorted(date_table().lead_words))
    return f"(?:{leads}(?: ?/ ?{leads})?:? )?"


@lru_cache(maxsize=1)
def _stamp_sieve() -> re.Pattern[str]:
    """The lines of a case-folded text (with "\\n" put in front) that may be time stamps (see
    :func:`_stamp_pattern`): every language's words merged into one pattern, which the
    search tries at line starts only (the regular expression engine finds newlines at memory
    speed), where the exact pattern tries each language in turn."""
    data = _comments_data()
    table = data["ago"].values()
    merged = {part: sorted({word for words in table for word in words[part]})
              for part in ("counts", "units", "before", "after")}
    ago = _ago_pattern({"any": merged}, sorted(fold(word) for word in data["one"])).pattern
    around = "[" + re.escape(_AROUND) + " \\t\\r]*"
    return re.compile(f"\\n{around}{_lead_words()}(?:{ago}){around}(?=\\n|$)")


def _marks_below(page: Page, index: int) -> int:
    """How many lines below ``index`` (within ``MARKS_REACH``) mark a comment thread; none
    unless one is among the first ``FIRST_MARK_REACH`` lines with text: the first comment
    starts right below its heading, and a count of comments above an article ("44
    Kommentare", a button) has the article's lines below it."""
    table = comment_table()
    keys, stripped = paragraph_keys(page), page.stripped
    marks = seen = 0
    for line in range(index + 1, min(index + 1 + MARKS_REACH, len(page))):
        text = stripped[line]
        if not text:
            continue
        seen += 1
        key = keys[line]
        if len(text) <= LONGEST_MARK and (
            key.strip(_AROUND) in table.actions
            or _names_a_commenter(table, key)
            or _is_time_stamp(page, line)
        ):
            marks += 1
            if marks >= THREAD_MARKS:
                break
        elif not marks and seen >= FIRST_MARK_REACH:
            break
    return marks
