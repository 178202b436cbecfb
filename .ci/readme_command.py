"""Print one of the two command lines the README opens with: `main` (install and clean the
seed) or `test` (install the test extras and run the whole suite)."""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def opening_commands(text: str) -> list[str]:
    """The lines of the README's first fenced code block."""
    lines = text.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("```"))
    end = next(number for number in range(start + 1, len(lines)) if lines[number].startswith("```"))
    return [line for line in lines[start + 1 : end] if line.strip()]


if __name__ == "__main__":
    commands = opening_commands(README.read_text(encoding="utf-8"))
    if len(commands) != 2:
        sys.exit(f"README.md must open with exactly two command lines, found {len(commands)}")
    print(commands[{"main": 0, "test": 1}[sys.argv[1]]])
