"""Rebuild ``src/dechaff/data/function_words.json`` from jusText's stoplists.

jusText (BSD 2-Clause, Copyright (c) 2011 Jan Pomikálek) ships, for about a hundred languages,
the words that are most frequent in that language's Wikipedia, most frequent first. dechaff
keeps the first ``--per-language`` of them that are plain words (letters only, case-folded):
the function words whose share in a line tells running text from menus and labels.

    python -m venv /tmp/fw && /tmp/fw/bin/pip install justext
    /tmp/fw/bin/python scripts/build_function_words.py [--per-language 80]

Only this script needs jusText; dechaff reads the JSON file it writes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "dechaff" / "data" / "function_words.json"
WORD = re.compile(r"[^\W\d_]+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=80, metavar="N")
    args = parser.parse_args()
    try:
        import justext  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("build_function_words: install justext first (see this script's docstring)",
              file=sys.stderr)
        return 2
    folder = Path(justext.__file__).parent / "stoplists"
    languages: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        words: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip().casefold()
            if word and WORD.fullmatch(word) and word not in words:
                words.append(word)
            if len(words) >= args.per_language:
                break
        languages[path.stem] = words
    table = {
        "source": "jusText stoplists (BSD 2-Clause, Copyright (c) 2011 Jan Pomikalek): the "
        f"{args.per_language} most frequent plain words of each language's Wikipedia",
        "languages": languages,
    }
    # One language a line: a diff of the table shows which languages changed.
    rows = [f"  {json.dumps(name)}: {json.dumps(words, ensure_ascii=False)}"
            for name, words in languages.items()]
    text = ('{\n  "source": ' + json.dumps(table["source"]) + ',\n  "languages": {\n'
            + ",\n".join("  " + row for row in rows) + "\n  }\n}\n")
    json.loads(text)  # the hand-laid file is still JSON
    handle, temporary = tempfile.mkstemp(dir=OUTPUT.parent, prefix=".function_words.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, OUTPUT)
    print(f"wrote {OUTPUT}: {len(languages)} languages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
