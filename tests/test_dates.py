"""Date lines: the quick sweeps that pick the lines worth parsing must never miss one."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dechaff.dates import parse_date_line, year_offsets
from dechaff.layout import date_lines
from dechaff.page import Page
from dechaff.tables import date_table

_YEAR = re.compile(r"(?:19|20)\d\d")


@given(st.lists(st.text(alphabet="0129 -/\n\u0661\u0662x", max_size=12), max_size=8))
def test_year_offsets_find_every_line_holding_a_year(pieces: list[str]) -> None:
    text = "".join(pieces)
    lines_with_a_year = {
        number for number, line in enumerate(text.split("\n")) if _YEAR.search(line)
    }
    found = {text.count("\n", 0, offset) for offset in year_offsets(text)}
    assert found == lines_with_a_year


def test_date_lines_are_the_lines_that_parse_as_dates() -> None:
    text = "Home\nFriday 31 December 2021\n© 2021 Example\nPosted on July 4, 2020\n2019-07-14\n"
    page = Page(text)
    everything = list(range(len(page)))
    expected = {
        index: parsed
        for index in everything
        if (parsed := parse_date_line(page.stripped[index])) is not None
    }
    assert date_lines(page, everything) == expected
    assert list(date_lines(page, [0, 2, 4])) == [4]


def test_month_and_weekday_names_are_read_in_any_case() -> None:
    table = date_table()
    for month, number in table.month_numbers.items():
        for written in {month, month.upper(), month.title()}:
            parsed = parse_date_line(f"4 {written} 2020")
            if parsed is None:  # a spelling that only reads after the day ("May 4, 2020")
                parsed = parse_date_line(f"{written} 4, 2020")
            assert parsed is not None, written
            assert parsed.iso == f"2020-{number:02d}-04", written
    for weekday in table.weekdays:
        for written in {weekday, weekday.upper(), weekday.title()}:
            parsed = parse_date_line(f"{written}, 4 July 2020")
            assert parsed is not None, written
            assert parsed.iso == "2020-07-04", written
    for lead in table.lead_words:
        parsed = parse_date_line(f"{lead.upper()} 2020-07-04")
        assert parsed is not None, lead
        assert parsed.iso == "2020-07-04", lead


def assert_dates(lines: dict[str, str]) -> None:
    """Each line parses as a date line, with its date."""
    for line, iso in lines.items():
        parsed = parse_date_line(line)
        assert parsed is not None, line
        assert parsed.iso == iso, line


def test_a_byline_before_the_date_makes_a_date_line() -> None:
    bylines = {
        "By Jane Slaughter on Thu, Nov 9, 2023 at 4:00 am": "2023-11-09",
        "von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr": "2014-05-14",
        "Von Redaktion, 24. Januar 2022": "2022-01-24",
        "par Didier Roy, 21 juin 2018": "2018-06-21",
        "Por Raúl Espina 4 mayo, 2022": "2022-05-04",
        "By John Walk - January 10, 2020": "2020-01-10",
        "by Ludwig van Beethoven on May 4, 2020": "2020-05-04",
        "von Herr_Rein Veröffentlicht am 11. Juni 2019": "2019-06-11",
        "Posted on 21. Juli 2019 by Realiberry": "2019-07-21",
        "02.02.2022, 11:30 Uhr von Markus Steinrisser": "2022-02-02",
        "jeudi 13 juin 2019, par Attac France": "2019-06-13",
        # Published, then updated: the first date is the page's.
        "Veröffentlicht am 19. Dezember 2022 20. Dezember 2022 von Redaktion": "2022-12-19",
    }
    assert_dates(bylines)


def test_a_link_to_the_comments_after_a_date_line_keeps_it_one() -> None:
    lines = {
        "Veröffentlicht am 6. Juli 2015 von Mark Hosak — Hinterlasse eine Antwort": "2015-07-06",
        "Posted on July 6, 2015 by Jane Doe — Leave a comment": "2015-07-06",
        "6. November 2023 | 3 Kommentare": "2023-11-06",
        "July 6, 2015 - No Comments": "2015-07-06",
    }
    assert_dates(lines)
    for line in ["July 6, 2015 - Leave a comment on the story", "July 6, 2015 - 3 new cases"]:
        assert parse_date_line(line) is None, line


def test_words_before_a_date_that_name_no_one_make_no_date_line() -> None:
    for line in [
        "By Monday, May 4, 2020",
        "By the end of May 4, 2020",
        "von heute am 5. Mai 2021",
        "May 4, 2020 by train",
        "12. Mai 2020 von Berlin nach Hamburg",
    ]:
        assert parse_date_line(line) is None, line


def test_an_article_after_the_first_word_of_a_name_ends_it() -> None:
    # German capitalises nouns: a count of comments after the author is no part of the name.
    assert parse_date_line("1. Januar 2016 von KleineGrüneMonster Ein Kommentar") is None
    parsed = parse_date_line("par La Rédaction, 5 mai 2020")
    assert parsed is not None
    assert parsed.iso == "2020-05-05"
