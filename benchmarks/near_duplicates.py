"""Near-duplicate detection quality on a labelled corpus built from real pages.

The corpus (../shared/corpora, or ``--corpus DIR`` with the same ``pages.jsonl.gz`` and
``evaldata.json`` layout, e.g. the held-out split):

- every trafilatura page whose main text can be located (from its first to its last gold
  ``with`` snippet, at least 150 words), as naively scraped (``html_text``): its *source*
  is that main text, its *chrome* (head and tail) the lines beyond the nearest gold
  ``without`` snippets around it (see ``--chrome`` below);
- the same page as the other extractor (``inscriptis``) saw it: a second crawl, another layout;
- variants of pages' main texts as they occur in the wild, each a random mix of: inside
  another page's chrome, 1-3% of the words changed, cut to 85-100% of its length, one
  paragraph of eight or more dropped, a syndication line added;
- hard negatives: different main texts inside the same chrome;
- the WET excerpts' records (at least 150 words) and the seed page, as they are.

Every page has a URL on a site of its own, and a page made inside another page's chrome is on
that page's site: the site's pages share its chrome, as they do in a real crawl.

Labels follow the definition, never how a document was made: a pair is a duplicate when the
Jaccard similarity of the word 5-gram sets of the two *source* texts is at least 0.8, not one
below 0.5, and unscored in between. Pairwise precision, recall and F1 count the pairs that an
engine puts in one cluster (a kept document and its duplicates). Engines, in this run:

- ``dechaff``: as ``dechaff clean`` does on files: ``dechaff.fit`` on the whole corpus, then
  ``dechaff.clean`` with that model, then ``dechaff.dedup.Deduplicator`` (verified, 0.8);
- ``dechaff, no learning``: the same without the model (``--no-learn``);
- ``dedup on sources``: the same dedup on the source texts, i.e. with perfect cleaning: what
  the dedup step itself is worth, apart from cleaning;
- ``datasketch raw``: ``MinHashLSH(threshold=0.8, num_perm=128)`` over the raw text, no
  cleaning, no verification; a document with a candidate among the kept ones is a duplicate.

    .venv/bin/python benchmarks/near_duplicates.py [--corpus DIR] [--wet DIR] [--seed N]
        [--chrome known|page] [--no-floor] [--analyse]

A page's gold snippets sample its article, so the article often goes on past the last one.
``--chrome known`` (the default) keeps only the chrome the gold names (see :func:`locate`)
and leaves the lines of unknown kind out of every document made from the page, so that a
page's source is all of the article text it holds. ``--chrome page`` takes everything outside
the gold snippets' span as chrome: the article's later paragraphs then stay in the page's
text but not in its source, and they are put around other stories as if they were chrome,
so its labels understate what cleaning should keep (kept for comparison).

``--analyse`` also says why dechaff's cleaned texts miss pairs: chrome left in, or article
text lost.

Floors for dechaff: precision >= 0.99, recall >= 0.95 (exit 1 when missed, unless --no-floor).
Without the corpora the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

import dechaff
from dechaff.dedup import Deduplicator, shingle_batch
from dechaff.lineshape import is_prose
from dechaff.warc import read_warc

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
MIN_WORDS = 150
# Shorter boilerplate snippets ("Home", "Artikel") could be words of the article.
MIN_BOILERPLATE_SNIPPET = 8
SYNDICATION = (
    "This article originally appeared on {site}.",
    "Reprinted with permission from {site}.",
    "Dieser Artikel erschien zuerst bei {site}.",
    "Cet article a été publié initialement sur {site}.",
    "Source: {site} - all rights reserved.",
)


@dataclass(frozen=True)
class Page:
    id: str
    head: str
    body: str
    tail: str
    second: tuple[str, str] | None  # the inscriptis text and its main text


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    source: str
    kind: str
    # The page's address: a page in a site's chrome is on that site (None: unknown).
    url: str | None = None


def locate(
    text: str, snippets: Sequence[str], boilerplate: Sequence[str] = (), known: bool = False
) -> tuple[str, str, str] | None:
    """(head, main text, tail): lines from the first to the last ``with`` snippet found.

    ``known`` keeps only chrome the gold names: the head ends with the last line above the
    main text that holds a ``without`` (boilerplate) snippet, the tail starts with the first
    such line below it, and the lines between, of unknown kind (often the article going on
    past its gold snippets), are left out of every document made from the page."""
    lines = text.split("\n")
    normal = [SPACE.sub(" ", line).strip() for line in lines]
    found = []
    for snippet in snippets:
        key = SPACE.sub(" ", snippet).strip()[:60]
        if len(key) >= 20:
            found.append([number for number, line in enumerate(normal) if key in line])
    # A snippet printed twice (the headline also in the page's title, a quote in a teaser)
    # counts where it lies nearest to the snippets printed once: its first copy, in the
    # title line, would stretch the main text over the menus below it.
    once = sorted(numbers[0] for numbers in found if len(numbers) == 1)
    middle = once[len(once) // 2] if once else None
    hits = [
        numbers[0] if middle is None else min(numbers, key=lambda n: (abs(n - middle), n))
        for numbers in found if numbers
    ]
    if len(hits) < 2:
        return None
    first, last = min(hits), max(hits)
    head, tail = lines[:first], lines[last + 1:]
    if known:
        chrome: set[int] = set()
        for snippet in boilerplate:
            key = SPACE.sub(" ", snippet).strip()
            if len(key) >= MIN_BOILERPLATE_SNIPPET:
                chrome.update(number for number, line in enumerate(normal) if key in line)
        head_end = max((number for number in chrome if number < first), default=-1)
        tail_start = min((number for number in chrome if number > last), default=len(lines))
        head, tail = lines[:head_end + 1], lines[tail_start:]
    return "\n".join(head), "\n".join(lines[first:last + 1]), "\n".join(tail)


def load_pages(corpus: Path, known: bool = False) -> list[Page]:
    gold = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    snippets = {entry["file"]: (entry["with"], entry["without"]) for entry in gold.values()}
    pages = []
    with gzip.open(corpus / "pages.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article, boilerplate = snippets.get(record["id"], ([], []))
            parts = locate(record["html_text"], article, boilerplate, known)
            if parts is None or len(WORD.findall(parts[1])) < MIN_WORDS:
                continue
            other = locate(record["inscriptis"], article, boilerplate, known)
            whole = "\n".join(other) if other and known else record["inscriptis"]
            second = (whole, other[1]) if other else None
            pages.append(Page(record["id"], *parts, second))
    return pages


def mutate(body: str, rng: random.Random, vocabulary: list[str], site: str) -> str:
    """A variant of a main text: a random mix of what happens to copies in the wild."""
    paragraphs = [part for part in re.split(r"\n\s*\n|\n", body) if part.strip()]
    if len(paragraphs) >= 8 and rng.random() < 0.5:
        del paragraphs[rng.randrange(len(paragraphs))]
    words = "\n\n".join(paragraphs).split(" ")
    if rng.random() < 0.6:
        for _ in range(max(1, round(len(words) * rng.uniform(0.01, 0.03)))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
    if rng.random() < 0.5:
        words = words[: max(1, int(len(words) * rng.uniform(0.85, 1.0)))]
    text = " ".join(words)
    if rng.random() < 0.5:
        line = rng.choice(SYNDICATION).format(site=site)
        text = f"{line}\n\n{text}" if rng.random() < 0.5 else f"{text}\n\n{line}"
    return text


def build(
    pages: list[Page], extra: list[tuple[str, str, str, str | None]], seed: int
) -> list[Item]:
    rng = random.Random(seed)
    vocabulary = [w for page in pages[:100] for w in WORD.findall(page.body)] or ["word"]
    site = {page.id: f"https://site{number}.example" for number, page in enumerate(pages)}
    items = [Item(f"page:{p.id}", f"{p.head}\n{p.body}\n{p.tail}", p.body, "page",
                  f"{site[p.id]}/{p.id}") for p in pages]
    items += [Item(f"crawl2:{p.id}", p.second[0], p.second[1], "second crawl",
                   f"{site[p.id]}/{p.id}?view=2")
              for p in pages if p.second is not None and rng.random() < 0.5]
    for page in pages:
        for number in range(rng.choice((0, 1, 1, 2, 3))):
            chrome = rng.choice(pages) if rng.random() < 0.8 else None
            name = chrome.id if chrome else "example.org"
            source = mutate(page.body, rng, vocabulary, name)
            text = f"{chrome.head}\n{source}\n{chrome.tail}" if chrome else source
            url = f"{site[chrome.id]}/copy{number}/{page.id}" if chrome else None
            items.append(Item(f"variant{number}:{page.id}", text, source, "variant", url))
    for number in range(len(pages) // 2):
        chrome, first, second = rng.sample(pages, 3)
        for page in (first, second):
            items.append(Item(f"same-chrome{number}:{page.id}",
                              f"{chrome.head}\n{page.body}\n{chrome.tail}", page.body,
                              "same chrome", f"{site[chrome.id]}/other{number}/{page.id}"))
    items += [Item(name, text, source, "as is", url) for name, text, source, url in extra]
    rng.shuffle(items)
    return items


def labels(sources: list[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs with source Jaccard >= 0.8 (duplicates), and in [0.5, 0.8) (not scored)."""
    batch = shingle_batch(sources)
    _, columns = np.unique(batch.hashes, return_inverse=True)
    rows = np.repeat(np.arange(len(sources)), batch.counts())
    matrix = sparse.csr_matrix(
        (np.ones(columns.size, dtype=np.int32), (rows, columns.ravel()))
    )
    matrix.data[:] = 1  # a repeated shingle counts once
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    common = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    union = sizes[common.row] + sizes[common.col] - common.data
    similarity = common.data / np.maximum(union, 1)
    pairs = list(zip(common.row.tolist(), common.col.tolist(), similarity.tolist(), strict=True))
    duplicates = {(i, j) for i, j, s in pairs if s >= 0.8}
    unscored = {(i, j) for i, j, s in pairs if 0.5 <= s < 0.8}
    return duplicates, unscored


def pairs_of(targets: list[int | None]) -> set[tuple[int, int]]:
    """Every pair inside a cluster: a kept document and the documents that duplicate it."""
    clusters: dict[int, list[int]] = {}
    for number, target in enumerate(targets):
        clusters.setdefault(number if target is None else target, []).append(number)
    return {(a, b) for members in clusters.values()
            for i, a in enumerate(members) for b in members[i + 1:]}


def cleaned(items: list[Item], learn: bool) -> list[str]:
    """The texts as ``dechaff clean`` cleans them: with what it learns from the corpus first
    (its default on files), or without."""
    documents = [dechaff.Document(item.id, item.text, url=item.url) for item in items]
    model = dechaff.fit(documents) if learn else None
    return [dechaff.clean(document, model=model).text for document in documents]


def dedup_targets(texts: list[str]) -> list[int | None]:
    documents = [dechaff.Document(str(number), text) for number, text in enumerate(texts)]
    return [None if d.duplicate_of is None else int(d.duplicate_of)
            for d in Deduplicator().decide(documents)]


def datasketch_raw(texts: list[str]) -> list[int | None]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    targets: list[int | None] = []
    for number, text in enumerate(texts):
        tokens = WORD.findall(text.lower())
        grams = {" ".join(tokens[i:i + 5]).encode() for i in range(max(len(tokens) - 4, 1))}
        minhash = MinHash(num_perm=128)
        minhash.update_batch(grams)
        found = lsh.query(minhash)
        targets.append(min(found) if found else None)
        if not found:
            lsh.insert(number, minhash)
    return targets


def shingle_sets(texts: list[str]) -> list[set[int]]:
    """Each text's set of shingle hashes, as dechaff's dedup takes them."""
    batch = shingle_batch(texts)
    return [set(batch.of(number).tolist()) for number in range(len(texts))]


def jaccard(first: set[int], second: set[int]) -> float:
    return len(first & second) / max(len(first | second), 1)


def analyse(items: list[Item], texts: list[str], duplicates: set[tuple[int, int]]) -> None:
    """Why cleaned texts miss: of the duplicate pairs whose cleaned texts fall below 0.8, how
    many would match with the chrome left in removed (shingles outside the gold text), and how
    many with what cleaning lost of the gold text put back; and the share of each kind's
    cleaned shingles that come from outside its gold text."""
    cleaned_sets = shingle_sets(texts)
    gold_sets = shingle_sets([item.source for item in items])
    below = [(a, b) for a, b in sorted(duplicates)
             if jaccard(cleaned_sets[a], cleaned_sets[b]) < 0.8]
    without_chrome = sum(
        jaccard(cleaned_sets[a] & gold_sets[a], cleaned_sets[b] & gold_sets[b]) >= 0.8
        for a, b in below
    )
    without_losses = sum(
        jaccard(cleaned_sets[a] | gold_sets[a], cleaned_sets[b] | gold_sets[b]) >= 0.8
        for a, b in below
    )
    print(f"analysis: {len(below)} duplicate pairs whose cleaned texts fall below 0.8; "
          f"{without_chrome} would match without the chrome left in, {without_losses} "
          f"without what cleaning lost")
    # What is left outside the gold text of those pages: paragraphs (another story, or the
    # article going on past its last gold snippet), or short lines (menus, labels)?
    paragraph_chars = other_chars = 0
    for number in {number for pair in below for number in pair}:
        gold_lines = {line.strip() for line in items[number].source.split("\n")}
        for line in texts[number].split("\n"):
            line = line.strip()
            if line and line not in gold_lines:
                if len(line) >= 100 and is_prose(line):
                    paragraph_chars += len(line)
                else:
                    other_chars += len(line)
    share = paragraph_chars / max(paragraph_chars + other_chars, 1)
    print(f"of the characters those pages keep outside their gold text, {share:.0%} are in "
          f"prose lines of 100 characters or more")
    outside: dict[str, list[float]] = {}
    for item, shingles, gold in zip(items, cleaned_sets, gold_sets, strict=True):
        if shingles:
            outside.setdefault(item.kind, []).append(len(shingles - gold) / len(shingles))
    print("share of cleaned shingles from outside the gold text, mean per document: "
          + ", ".join(f"{kind} {sum(v) / len(v):.1%}" for kind, v in outside.items()))


def score(predicted: set[tuple[int, int]], duplicates: set[tuple[int, int]],
          unscored: set[tuple[int, int]]) -> tuple[float, float, float, int, int, int]:
    true = len(predicted & duplicates)
    false = len(predicted - duplicates - unscored)
    missed = len(duplicates - predicted)
    precision = true / (true + false) if true + false else 1.0
    recall = true / (true + missed) if true + missed else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, true, false, missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "trafilatura-dev")
    parser.add_argument("--wet", type=Path, default=SHARED / "wet")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--chrome", choices=("known", "page"), default="known",
                        help="a page's chrome: only what the gold names (default, see "
                             "locate), or all of it outside the gold snippets' span")
    parser.add_argument("--analyse", action="store_true",
                        help="also say why dechaff's cleaned texts miss duplicate pairs")
    args = parser.parse_args()
    if not (args.corpus / "pages.jsonl.gz").exists():
        print(f"{args.corpus}: no pages.jsonl.gz here; nothing to measure")
        return 0
    pages = load_pages(args.corpus, known=args.chrome == "known")
    extra: list[tuple[str, str, str, str | None]] = []
    for path in sorted(args.wet.glob("*.warc.wet.gz")) if args.wet.is_dir() else []:
        for number, record in enumerate(read_warc(path)):
            document = record.document
            if document is not None and len(WORD.findall(document.text)) >= MIN_WORDS:
                extra.append((f"wet:{path.name}:{number}", document.text, document.text,
                              document.url))
    seed_page = REPO / "seeds" / "000_048e5db32382f57f.txt"
    if seed_page.exists():
        expected = seed_page.with_name("000_048e5db32382f57f.expected.txt")
        extra.append(("seed", seed_page.read_text(encoding="utf-8"),
                      expected.read_text(encoding="utf-8"), None))
    items = build(pages, extra, args.seed)
    duplicates, unscored = labels([item.source for item in items])
    kinds: dict[str, int] = {}
    for item in items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    print(f"{len(items)} documents ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
          f"{len(duplicates)} duplicate pairs, {len(unscored)} unscored")
    texts = cleaned(items, learn=True)
    engines: dict[str, Callable[[], list[int | None]]] = {
        "dechaff": lambda: dedup_targets(texts),
        "dechaff, no learning": lambda: dedup_targets(cleaned(items, learn=False)),
        "dedup on sources": lambda: dedup_targets([item.source for item in items]),
        "datasketch raw": lambda: datasketch_raw([item.text for item in items]),
    }
    print(f"{'engine':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>6} {'FP':>6} {'FN':>6}")
    results = {}
    for name, engine in engines.items():
        results[name] = score(pairs_of(engine()), duplicates, unscored)
        precision, recall, f1, true, false, missed = results[name]
        print(f"{name:<18} {precision:>9.4f} {recall:>7.4f} {f1:>6.4f} "
              f"{true:>6} {false:>6} {missed:>6}")
    if args.analyse:
        analyse(items, texts, duplicates)
    precision, recall = results["dechaff"][:2]
    missed_floors = [f"{what} {value:.4f} < {floor}" for what, value, floor in
                     (("precision", precision, 0.99), ("recall", recall, 0.95)) if value < floor]
    for message in missed_floors:
        print(f"FLOOR MISSED: dechaff {message}")
    return 1 if missed_floors and not args.no_floor else 0


if __name__ == "__main__":
    sys.exit(main())
