"""Peers for the quality benchmark: trafilatura and jusText run on the pages' raw HTML.

Run by ``benchmarks/quality.py`` with the interpreter of a separate environment, never as part
of dechaff (neither is a dechaff dependency):

    python3 -m venv benchmarks/.env
    benchmarks/.env/bin/pip install trafilatura justext lxml_html_clean

    benchmarks/.env/bin/python benchmarks/peers.py HTML_TAR_XZ OUT.json

Writes ``{"versions": {...}, "texts": {system: {file name: text}}}``. trafilatura runs with
its defaults (comments left out, as in its own benchmark); jusText with default thresholds
and the stoplist of the page's language, guessed as the language whose 80 most frequent words
(dechaff's function-word table, drawn from jusText's own stoplists) are most often in the
page (trafilatura's benchmark gives it the German one for every page, which
costs it most of its recall on the pages in other languages), keeping the paragraphs it
classes as good.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path


def visible_text(raw: bytes) -> str:
    """The page's text without its scripts and styles (they would pass for English)."""
    import lxml.html  # type: ignore[import-not-found,unused-ignore]

    try:
        root = lxml.html.fromstring(raw)
    except Exception:  # an unparsable page: guess from its bytes
        return raw.decode("utf-8", errors="replace")
    for element in root.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return str(root.text_content())


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    archive, output = argv
    import justext  # type: ignore[import-not-found,unused-ignore]
    import trafilatura  # type: ignore[import-not-found,unused-ignore]

    table = Path(__file__).resolve().parents[1] / "src" / "dechaff" / "data" / "function_words.json"
    top_words = {name: frozenset(words) for name, words in
                 json.loads(table.read_text(encoding="utf-8"))["languages"].items()}
    stoplists: dict[str, frozenset[str]] = {}
    texts: dict[str, dict[str, str]] = {"trafilatura": {}, "justext": {}}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".html"):
                continue
            stream = tar.extractfile(member)
            if stream is None:
                continue
            raw = stream.read()
            html = raw.decode("utf-8", errors="replace")
            name = member.name.rsplit("/", 1)[-1]
            try:
                texts["trafilatura"][name] = trafilatura.extract(
                    html, include_comments=False
                ) or ""
            except Exception as exc:  # a peer's failure on one page is that page's empty text
                print(f"peers: trafilatura failed on {name}: {exc!r}", file=sys.stderr)
                texts["trafilatura"][name] = ""
            try:
                words = re.findall(r"[^\W\d_]+", visible_text(raw).lower())
                language = max(top_words, key=lambda name: sum(map(top_words[name].__contains__,
                                                                   words)))
                if language not in stoplists:
                    stoplists[language] = justext.get_stoplist(language)
                paragraphs = justext.justext(raw, stoplists[language])
                texts["justext"][name] = "\n".join(
                    paragraph.text for paragraph in paragraphs if not paragraph.is_boilerplate
                )
            except Exception as exc:
                print(f"peers: justext failed on {name}: {exc!r}", file=sys.stderr)
                texts["justext"][name] = ""
    result = {
        "versions": {"trafilatura": version("trafilatura"), "justext": version("justext")},
        "texts": texts,
    }
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".peers.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(result, out, ensure_ascii=False)
    os.replace(temporary, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
