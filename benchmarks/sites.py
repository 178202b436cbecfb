"""Template learning on multi-page sites: how precision and recall move as a site has more pages.

Real sites with many pages are scarce in ../shared (trafilatura-dev has about one page per
host), so sites are built from real pages of ``trafilatura-dev``:

- a *chrome donor* page gives a site its chrome: its lines above the first and below the last
  line holding one of its ``with`` snippets (menus, footers, teasers, comment forms, as its
  extractor printed them);
- each page of the site is that chrome around the article region (first to last line with a
  ``with`` snippet) of another real page, the *content donor*;
- from page to page every digit of the chrome changes (dates, counters, years), and each chrome
  line of 40 characters or more is, with probability one half, swapped for a line of another
  donor's chrome (teasers and "most read" lists change from page to page).

Labels: the content donor's ``with`` snippets (to keep) and ``without`` snippets inside its
region, and the chrome donor's ``without`` snippets in its chrome that hold no digit (to
remove). Figures use the metric of quality.py, summed over all pages of all sites.

For each number of pages per site (1, 2, 5, 20), every site's pages are built, a model is
fitted on all of them (``dechaff.fit``, as ``dechaff clean`` does on its input), and each page
is scored naive, cleaned alone, and cleaned with the model.

A held-out check uses real multi-page sites, the hosts with two pages or more in the Common
Crawl WET excerpts of ../shared/corpora/wet. They have no labels: the check counts the lines
that the model removes beyond cleaning alone, and how many of them are running text (content
the model should never take), with examples.

    .venv/bin/python benchmarks/sites.py [--sites N] [--seed S] [--examples N]

Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import dechaff
from dechaff.warc import read_warc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import Counts, Page, load_pages, normalise

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
PAGES_PER_SITE = (1, 2, 5, 20)
SWAPPED_LINE_CHARS = 40
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Donor:
    """A real page cut in three: chrome above its article region, the region, chrome below."""

    page: Page
    head: list[str]
    region: list[str]
    tail: list[str]


def cut(page: Page, variant: str) -> Donor | None:
    lines = page.texts[variant].split("\n")
    flat = [normalise(line) for line in lines]
    holding = [number for number, line in enumerate(flat)
               if any(snippet in line for snippet in page.keep)]
    if not holding:
        return None
    first, last = holding[0], holding[-1]
    return Donor(page, lines[:first], lines[first:last + 1], lines[last + 1:])


def vary(lines: list[str], rng: random.Random, swaps: list[str], protected: set[str]) -> list[str]:
    """The chrome of one page of a site: digits changed, some long lines swapped."""
    varied = []
    for line in lines:
        if (len(line.strip()) >= SWAPPED_LINE_CHARS and normalise(line).strip() not in protected
                and swaps and rng.random() < 0.5):
            line = rng.choice(swaps)
        varied.append(DIGIT.sub(lambda _: str(rng.randrange(10)), line))
    return varied


@dataclass(frozen=True)
class SitePage:
    document: dechaff.Document
    keep: tuple[str, ...]
    drop: tuple[str, ...]


def build_sites(donors: list[Donor], chrome_donors: list[Donor], per_site: int,
                rng: random.Random) -> list[SitePage]:
    swaps = [line for donor in chrome_donors for line in donor.head + donor.tail
             if len(line.strip()) >= SWAPPED_LINE_CHARS]
    built = []
    for number, chrome in enumerate(chrome_donors):
        drop_chrome = tuple(
            snippet for snippet in chrome.page.drop
            if not DIGIT.search(snippet)
            and any(snippet in normalise(line) for line in chrome.head + chrome.tail)
        )
        protected = {
            normalise(line).strip() for line in chrome.head + chrome.tail
            if any(snippet in normalise(line) for snippet in drop_chrome)
        }
        others = [donor for donor in donors if donor.page.id != chrome.page.id]
        for page_number in range(per_site):
            content = rng.choice(others)
            region = "\n".join(content.region)
            flat_region = normalise(region)
            head = vary(chrome.head, rng, swaps, protected)
            tail = vary(chrome.tail, rng, swaps, protected)
            text = "\n".join([*head, region, *tail])
            keep = tuple(snippet for snippet in content.page.keep if snippet in flat_region)
            drop = drop_chrome + tuple(
                snippet for snippet in content.page.drop if snippet in flat_region
            )
            url = f"https://site{number}.example/{page_number}"
            built.append(SitePage(dechaff.Document(f"site{number}/{page_number}", text, url),
                                  keep, drop))
    return built


def score(counts: Counts, page: SitePage, text: str) -> None:
    counts.add_snippets(page.keep, page.drop, page.document.text, text)


def synthetic_table(pages: list[Page], sites: int, seed: int) -> None:
    header = (f"{'variant':<11} {'pages/site':>10} {'pages':>6} {'system':<12} {'P':>6} "
              f"{'R':>6} {'F1':>6} {'kept':>6}")
    print(header)
    print("-" * len(header))
    for variant in ("html_text", "inscriptis"):
        donors = [donor for page in pages if (donor := cut(page, variant)) is not None]
        chrome_donors = random.Random(seed).sample(donors, min(sites, len(donors)))
        for per_site in PAGES_PER_SITE:
            built = build_sites(donors, chrome_donors, per_site, random.Random(seed + per_site))
            model = dechaff.fit(page.document for page in built)
            table = {system: Counts() for system in ("naive", "dechaff", "dechaff+fit")}
            for page in built:
                score(table["naive"], page, page.document.text)
                score(table["dechaff"], page, dechaff.clean(page.document).text)
                score(table["dechaff+fit"], page, dechaff.clean(page.document, model=model).text)
            for system, counts in table.items():
                print(f"{variant:<11} {per_site:>10} {counts.pages:>6} {system:<12} "
                      f"{counts.precision:>6.3f} {counts.recall:>6.3f} {counts.f1:>6.3f} "
                      f"{counts.chars_out / max(counts.chars_in, 1):>6.1%}")
        print()


def held_out(wet: Path, examples: int) -> None:
    """Real multi-page sites of the WET excerpts: what the model removes beyond cleaning alone."""
    from dechaff.anchors import anchor_weights
    from dechaff.page import Page as LinePage

    documents = [item.document for path in sorted(wet.glob("*.warc.wet.gz"))
                 for item in read_warc(path) if item.document is not None]
    by_host: dict[str | None, list[dechaff.Document]] = defaultdict(list)
    for document in documents:
        by_host[dechaff.templates.host_of(document.url)].append(document)
    sites = {host: docs for host, docs in by_host.items() if host and len(docs) >= 2}
    model = dechaff.fit(documents)
    removed = Counter[str]()
    running = Counter[str]()
    shown: list[str] = []
    prose: list[str] = []
    for host, docs in sorted(sites.items()):
        for document in docs:
            learned = dechaff.clean(document, model=model)
            extra = [removal for removal in learned.removals if removal.rule == "site_template"]
            page = LinePage(document.text)
            starts = {start: number for number, start in enumerate(page.starts)}
            lines = [starts[removal.start] for removal in extra if removal.start in starts]
            weights = anchor_weights(page, lines, model.function_words)
            removed[host] += len(extra)
            running[host] += sum(1 for weight in weights if weight)
            prose.extend(f"{host}: {page.stripped[line][:90]!r}"
                         for line, weight in zip(lines, weights, strict=True) if weight)
            for line in lines:
                example = f"{host}: {page.stripped[line][:70]!r}"
                if example not in shown and sum(item.startswith(host + ":") for item in shown) < 2:
                    shown.append(example)
            assert dechaff.apply_removals(document.text, learned.removals) == learned.text
    pages = sum(len(docs) for docs in sites.values())
    print(f"held out: {len(sites)} real sites with 2+ pages ({pages} pages) in the WET "
          f"excerpts; the model was fitted on all {len(documents)} WET records")
    print(f"  lines removed by site_template: {sum(removed.values())} "
          f"({sum(1 for host in sites if removed[host])} sites); of them running text: "
          f"{sum(running.values())}")
    for line in prose:
        print(f"    running text removed: {line}")
    print(f"  examples (at most two a site, {examples} in all):")
    for line in shown[:examples]:
        print(f"    {line}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--sites", type=int, default=60, help="sites built (default 60)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", type=int, default=16,
                        help="lines shown that the model removed on real sites")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpora" / "trafilatura-dev"
    if not (corpus / "evaldata.json").is_file():
        print(f"sites: {corpus} is not here (the corpora live in ../shared beside the repo); "
              "nothing to measure, skipping")
        return 0
    pages = load_pages(corpus)
    print(f"sites built from {len(pages)} trafilatura-dev pages: {args.sites} sites per size, "
          f"seed {args.seed}")
    print()
    synthetic_table(pages, args.sites, args.seed)
    wet = args.shared / "corpora" / "wet"
    if wet.is_dir():
        held_out(wet, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
