"""Shared fixtures and helpers: where the golden cases, the seed and the real corpora are;
running the command line in a test."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from dechaff.cli import main

# HYPOTHESIS_PROFILE=thorough runs many more examples (minutes); the default keeps CI quick.
settings.register_profile("default", max_examples=300, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
EXPECTED_MARKER = "~~~ expected ~~~\n"


def read_case(path: Path) -> tuple[str, str]:
    """A golden case: its input and the expected output (the input itself when none is given)."""
    raw = path.read_bytes().decode("utf-8")
    if EXPECTED_MARKER in raw:
        source, expected = raw.split(EXPECTED_MARKER, 1)
        return source, expected
    return raw, raw


@pytest.fixture
def shared() -> Path:
    """The real corpora beside the project; tests that need them skip when they are absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora is not present on this machine")
    return SHARED


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the test in its own temporary directory (command lines name relative paths)."""
    monkeypatch.chdir(tmp_path)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``dechaff ARGS`` in this process: the exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]
