"""Recognising a line that is only a date, in any supported language, and reading the date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .lineshape import has_cjk
from .tables import date_table

LONGEST_DATE_LINE = 80
_YEAR_ANYWHERE = re.compile(r"(?:19|20)\d\d")


def year_offsets(text: str) -> list[int]:
    """Where a year starts in each line of ``text`` that holds one (one or two per line, not
    all). Every date line holds a year: a page's lines without one need no closer look, and
    one sweep of string searches over the page finds the others at memory speed.

    >>> year_offsets("Home\\nJuly 4, 2020, 2021\\n1999-2001")
    [24, 13, 29]
    """
    found = []
    find = text.find
    for century in ("19", "20"):
        position = find(century)
        while position >= 0:
            # The two digits after the century: Unicode decimal digits, as "\\d" reads them.
            if position + 4 <= len(text) and text[position + 2 : position + 4].isdecimal():
                found.append(position)
                position = find("\n", position)  # one year is enough for a line
                if position < 0:
                    break
            position = find(century, position + 1)
    return found


_ORDINAL = r"(?:st|nd|rd|th|er|º|ª|\.)?"
_TIME = (
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:wib|wita|wit|utc|gmt|cet|cest|est|edt|pst|pdt|bst|msk|uhr|h))?"
)
# A byline's name: up to four words ("Anja Schmoll-Trautmann", "Isabella.DiBiase").
_NAME_WORD = r"[^\W\d_][\w.'’-]*"
MOST_NAME_WORDS = 4
_TIME_JOINER = r"(?:\s*(?:,|-|–|—|\||/|•|·|@|at|um|à|a las|às|alle|om|o|pukul|jam|в)\s*|\s+)"


@dataclass(frozen=True)
class DateLine:
    """A line that holds only a date; ``iso`` is None when the date is ambiguous (03/04/2020)."""

    iso: str | None


def _alternation(words: list[str]) -> str:
    """Any of ``words``, the longest first, behind a look-ahead for their first characters.

    The regular expression engine tries the words one by one, several hundred of them when
    case is ignored; the look-ahead turns most places where none can start away at once. It
    only ever rejects what no word could match, so matches and groups stay the same.
    """
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    longest_first = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return f"(?=[{firsts}])(?:{longest_first})"


@lru_cache(maxsize=1)
def _date_line_pattern() -> re.Pattern[str]:
    table = date_table()
    months = _alternation(list(table.month_numbers))
    weekdays = _alternation(list(table.weekdays))
    leads = _alternation(list(table.lead_words))
    by_words = _alternation(list(table.byline_words))
    name = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,{MOST_NAME_WORDS - 1}}}?"
    # "By Jane Doe on" before the date, or "by Jane Doe" after it ("Posted on May 4, 2020 by").
    byline = (
        rf"(?P<by>{by_words})\s+(?P<name>{name})"
        rf"\s*(?:[,|/•·–—-]\s*)?(?:(?:{_alternation(list(table.byline_joiners))})\s+)?"
    )
    byline_after = rf"\s*(?:[,|/•·–—-]\s*)?(?:{by_words})\s+(?P<name_after>{name})"
    # "— Leave a comment", "| 3 Comments" after the byline: the link to the post's comments,
    # counted as the comments table counts them.
    from .comments import counted_comments  # comments reads date lines: imported late

    comments = (
        rf"\s*[,|/•·–—-]\s*(?:{_alternation(list(table.comment_links))}|{counted_comments()})"
    )
    day_month_year = (
        rf"(?P<d1>\d{{1,2}}){_ORDINAL}\s*(?:de\s+)?(?P<m1>{months})\.?,?\s+(?:de\s+)?"
        r"(?P<y1>(?:19|20)\d{2})(?:\s*(?:г\.?|года|r\.?))?"
    )
    month_day_year = (
        rf"(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>(?:19|20)\d{{2}})"
    )
    iso = r"(?P<y3>(?:19|20)\d{2})[-/.](?P<n3>\d{1,2})[-/.](?P<d3>\d{1,2})"
    numeric = r"(?P<a4>\d{1,2})(?P<sep>[./-])(?P<b4>\d{1,2})(?P=sep)(?P<y4>(?:19|20)\d{2})"
    # Chinese, Japanese and Korean: "2024年5月6日", "2024년 5월 6일".
    east_asian = (
        r"(?P<y5>(?:19|20)\d{2})\s*[年년]\s*(?P<n5>\d{1,2})\s*[月월]\s*(?P<d5>\d{1,2})\s*[日일]"
    )
    date_part = f"(?:{day_month_year}|{month_day_year}|{iso}|{numeric}|{east_asian})"
    # The date a post was updated, after the date it was published, is read past.
    updated = re.sub(r"\(\?P<(\w+)>", "(?:", date_part).replace("(?P=sep)", "[./-]")
    timed = rf"(?:{_TIME_JOINER}{_TIME})?"
    pattern = (
        rf"(?:{byline})?(?:(?:{leads})\s*:?\s*)?(?:(?:{weekdays})\.?,?\s+)?{date_part}{timed}"
        rf"(?:\s+(?:(?:{weekdays})\.?,?\s+)?{updated}{timed})?(?:{byline_after})?(?:{comments})?"
        r"\.?"
    )
    return re.compile(pattern, re.IGNORECASE)


def parse_date_line(text: str) -> DateLine | None:
    """The date of a line that is nothing but a date (with weekday, time or 'Posted on').

    >>> parse_date_line("Friday 31 December 2021")
    DateLine(iso='2021-12-31')
    >>> parse_date_line("Kamis, 30 Desember 2021")
    DateLine(iso='2021-12-30')
    >>> parse_date_line("July 4, 2020").iso, parse_date_line("2019-07-14").iso
    ('2020-07-04', '2019-07-14')
    >>> parse_date_line("2024年5月6日").iso, parse_date_line("2024년 5월 6일 14:30").iso
    ('2024-05-06', '2024-05-06')
    >>> parse_date_line("It rained on July 4, 2020") is None
    True
    >>> parse_date_line("By Jane Doe on Thu, Nov 9, 2023 at 4:00 am").iso
    '2023-11-09'
    """
    if len(text) > LONGEST_DATE_LINE or _YEAR_ANYWHERE.search(text) is None:
        return None
    match = _date_line_pattern().fullmatch(text.strip())
    if match is None:
        return None
    groups = match.groupdict()
    for name in (groups["name"], groups["name_after"]):
        if name is not None and not _is_name(name):
            return None
    months = date_table().month_numbers
    if groups["d1"]:
        day, month, year = int(groups["d1"]), months[groups["m1"].casefold()], int(groups["y1"])
    elif groups["d2"]:
        day, month, year = int(groups["d2"]), months[groups["m2"].casefold()], int(groups["y2"])
    elif groups["y3"]:
        day, month, year = int(groups["d3"]), int(groups["n3"]), int(groups["y3"])
    elif groups["y5"]:
        day, month, year = int(groups["d5"]), int(groups["n5"]), int(groups["y5"])
    else:
        first, second, year = int(groups["a4"]), int(groups["b4"]), int(groups["y4"])
        if groups["sep"] == "/" and first <= 12 and second <= 12 and first != second:
            return DateLine(None) if _valid(1, 1, year) else None
        day, month = (second, first) if second > 12 else (first, second)
    if not _valid(day, month, year):
        return None
    return DateLine(date(year, month, day).isoformat())


# A date stamp after a title: at most this many words ("Lunes 02 Mayo, 2022 | 09:37").
MOST_STAMP_WORDS = 8


def date_stamp_start(text: str) -> int | None:
    """Where a date stamp that ends ``text`` starts (the title before it left aside), or None.

    >>> text = "Camionero herido sigue grave Domingo 01 Mayo, 2022 | 13:05"
    >>> text[date_stamp_start(text):]
    'Domingo 01 Mayo, 2022 | 13:05'
    >>> date_stamp_start("It rained on the harbour all day.") is None
    True
    """
    if _YEAR_ANYWHERE.search(text) is None:
        return None
    words = list(re.finditer(r"\S+", text))
    # The longest stamp first: it holds the weekday before the date.
    for count in range(min(MOST_STAMP_WORDS, len(words) - 1), 1, -1):
        start = words[-count].start()
        if parse_date_line(text[start:]) is not None:
            return start
    return None


def _is_name(words: str) -> bool:
    """Whether the words after a byline word name a person or a desk ("Jane Doe", "Redaktion"):
    capitalised (or written in Chinese, Japanese or Korean, which have no capitals: "みゆき"),
    particles aside, no month or weekday ("By Monday, May 4, 2020"), and no article after the
    first word (German capitalises nouns: "von Jane Ein Kommentar")."""
    table = date_table()
    for number, word in enumerate(words.split()):
        folded = word.casefold().rstrip(".")
        if folded in table.month_numbers or folded in table.weekdays:
            return False
        if number and folded in table.byline_not_names:  # "Jane Ein Kommentar"
            return False
        if not (word[0].isupper() or has_cjk(word[0])) and (
            number == 0 or folded not in table.byline_particles
        ):
            return False
    return True


def _valid(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
