"""The document dechaff started from: a Blogger post in Indonesian."""

from __future__ import annotations

import dechaff
from conftest import SEEDS

SEED = SEEDS / "000_048e5db32382f57f.txt"
EXPECTED = SEEDS / "000_048e5db32382f57f.expected.txt"


def read(path: object) -> str:
    return SEED.read_bytes().decode("utf-8") if path is SEED else EXPECTED.read_bytes().decode()


def test_seed_comes_out_as_expected() -> None:
    result = dechaff.clean(read(SEED))
    assert result.text == read(EXPECTED)
    assert result.metadata.date == "2021-12-31"
    assert result.metadata.headline is not None
    assert result.metadata.headline.startswith("Rusia Membutuhkan Perjanjian")


def test_seed_removals_name_their_rules() -> None:
    rules = {removal.rule for removal in dechaff.clean(read(SEED)).removals}
    expected = {"date_header", "repeated_headline", "photo_credit", "scaffolding", "blank_lines"}
    assert rules == expected


def test_seed_expected_output_is_stable() -> None:
    expected = read(EXPECTED)
    assert dechaff.clean_text(expected) == expected


def test_seed_expected_paragraphs_are_unchanged_one_by_one() -> None:
    for paragraph in read(EXPECTED).split("\n\n"):
        text = paragraph.strip("\n") + "\n"
        assert dechaff.clean_text(text) == text
