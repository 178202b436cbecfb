"""Golden cases: each input becomes its expected output, and cleaning it again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import dechaff
from conftest import GOLDEN, read_case

CASES = sorted(GOLDEN.rglob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[str(path.relative_to(GOLDEN)) for path in CASES])
def test_golden_case(path: Path) -> None:
    source, expected = read_case(path)
    result = dechaff.clean(source)
    assert result.text == expected
    assert dechaff.clean_text(result.text) == result.text
    assert dechaff.apply_removals(source, result.removals) == result.text


@pytest.mark.parametrize(
    "path", sorted(GOLDEN.glob("*-*.txt")), ids=lambda path: path.name
)
def test_golden_case_is_explained_by_its_rule(path: Path) -> None:
    """A case named after a rule is cleaned by that rule (blank_lines aside, which tidies)."""
    rule = path.name.split("-", 1)[0]
    source, _ = read_case(path)
    rules = {removal.rule for removal in dechaff.clean(source).removals} - {"blank_lines"}
    assert rule in rules | {"blank_lines"}
    if rule != "blank_lines":
        assert rule in rules


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 15
    assert any(path.parent.name == "unchanged" for path in CASES)
