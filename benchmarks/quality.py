"""Extraction quality of dechaff on the trafilatura-dev pages: precision, recall and F1.

The metric is the one of ../shared/corpora/README.md (trafilatura's): whitespace runs become one
space in the text and in each snippet (snippets are also stripped, so that a snippet at the very
start of a cleaned text is not missed for want of a preceding space); a ``with`` snippet found
is a true positive, one missing a false negative; a ``without`` snippet still present is a false
positive. Figures are summed over all snippets of all pages.

    .venv/bin/python benchmarks/quality.py [--skip RULES] [--json OUT]
        [--show-losses N] [--show-kept-chrome N] [--shared PATH] [--no-floor] [--no-peers]

Systems: ``naive`` (the extractor's text untouched), ``dechaff`` (each page cleaned alone),
``dechaff+fit`` (a model fitted on all pages of that variant first, as ``dechaff clean`` does on
files), ``phrase rules`` (each page cleaned alone by the rules that work from the phrase, date
and credit tables and from repeats within the page, without the line classification of
``comment_thread``, ``boilerplate_line`` and ``site_template``: the cleaner that never judges a
line by its shape), and, on the same pages' HTML, ``trafilatura`` and ``justext`` when the peers'
environment exists (see benchmarks/peers.py; their texts are cached in benchmarks/.cache):

    python3 -m venv benchmarks/.env
    benchmarks/.env/bin/pip install trafilatura justext lxml_html_clean

Below the table, 95% intervals of each figure over pages (a percentile bootstrap: the pages
drawn again with replacement) say how far another set of pages of the same kind, such as a
held-out split, may move it.

Floors (exit 1 when one fails, on either naive-text variant): for dechaff and dechaff+fit,
recall >= 0.95, F1 >= 0.85, and precision >= naive precision + 0.05; for the phrase rules,
which only remove what a table or a repeat names, recall >= 0.97 and precision >= naive
precision + 0.05. Without ../shared the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

import dechaff

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import LINE_CLASSIFICATION_RULES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
CORPUS = Path("corpora") / "trafilatura-dev"
VARIANTS = ("html_text", "inscriptis")
GROUPS = (".de/.at/.ch", ".com", "other")
RECALL_FLOOR = 0.95
F1_FLOOR = 0.85
PRECISION_MARGIN = 0.05
PHRASE_RULES_RECALL_FLOOR = 0.97
SYSTEMS = ("naive", "dechaff", "dechaff+fit", "phrase rules")
PEERS = ("trafilatura", "justext")
PEER_ENV = REPO / "benchmarks" / ".env" / "bin" / "python"
PEER_CACHE = REPO / "benchmarks" / ".cache"
WHITESPACE = re.compile(r"\s+")
# Labels that end a host name in the file names of the "hard::" pages (no URL is given there).
KNOWN_TLDS = frozenset({"com", "org", "net", "de", "at", "ch", "info", "eu", "fr", "pl", "uk"})


def normalise(text: str) -> str:
    return WHITESPACE.sub(" ", text)


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    group: str
    texts: dict[str, str]
    keep: tuple[str, ...]  # the "with" snippets, normalised
    drop: tuple[str, ...]  # the "without" snippets, normalised


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages: int = 0
    chars_in: int = 0
    chars_out: int = 0

    def add(self, page: Page, raw: str, text: str) -> None:
        self.add_snippets(page.keep, page.drop, raw, text)

    def add_snippets(
        self, keep: tuple[str, ...], drop: tuple[str, ...], raw: str, text: str
    ) -> None:
        """Score ``text``, cleaned from ``raw``, against normalised ``with`` (``keep``) and
        ``without`` (``drop``) snippets."""
        flat = normalise(text)
        found = sum(snippet in flat for snippet in keep)
        kept_chrome = sum(snippet in flat for snippet in drop)
        self.tp += found
        self.fn += len(keep) - found
        self.fp += kept_chrome
        self.tn += len(drop) - kept_chrome
        self.pages += 1
        self.chars_in += len(raw)
        self.chars_out += len(text)

    def merge(self, other: Counts) -> None:
        """Add the counts of ``other`` (a page's) to these."""
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn
        self.pages += other.pages
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages, "tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "kept_fraction": round(self.chars_out / self.chars_in, 4) if self.chars_in else 1.0,
        }


@dataclass
class Loss:
    """A snippet that dechaff lost (``with``) or left in (``without``), with context."""

    variant: str
    page: str
    snippet: str
    culprits: list[tuple[str, str, str]] = field(default_factory=list)  # rule, reason, text
    line: str = ""
    at: float = 0.0  # where the snippet starts in the text, as a fraction of its length


def group_of(url: str) -> str:
    """The top-level-domain group of a page, from its URL or, for "hard::" pages, its name.

    >>> group_of("https://www.heise.de/x"), group_of("hard::dw.com.colonial.html")
    ('.de/.at/.ch', '.com')
    >>> group_of("hard::laestrella.com.pa-laboral.html")
    'other'
    """
    if url.startswith("hard::"):
        name = url.removeprefix("hard::").removesuffix(".html")
        labels = name.split("-", 1)[0].split(".")
        tld = labels[-1] if "-" in name else next(
            (label for label in labels[1:] if label in KNOWN_TLDS), labels[-1]
        )
    else:
        tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
    if tld in ("de", "at", "ch"):
        return ".de/.at/.ch"
    return ".com" if tld == "com" else "other"


def load_pages(corpus: Path) -> list[Page]:
    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    by_file = {entry["file"]: entry for entry in evaldata.values()}
    pages = []
    with gzip.open(corpus / "pages.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            entry = by_file[record["id"]]
            pages.append(Page(
                id=record["id"],
                url=record["url"],
                group=group_of(record["url"]),
                texts={variant: record[variant] or "" for variant in VARIANTS},
                keep=tuple(normalise(s).strip() for s in entry["with"] if s and s.strip()),
                drop=tuple(normalise(s).strip() for s in entry["without"] if s and s.strip()),
            ))
    return pages


def positions(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index of its source in ``text``.

    >>> positions("a \\n b")
    ('a b', [0, 1, 4])
    """
    pieces: list[str] = []
    where: list[int] = []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group()[0].isspace():
            pieces.append(" ")
            where.append(match.start())
        else:
            pieces.append(match.group())
            where.extend(range(match.start(), match.end()))
    return "".join(pieces), where


def spans_of(snippet: str, text: str) -> list[tuple[int, int]]:
    """Where ``snippet`` occurs in ``text`` once whitespace is normalised, as spans of ``text``."""
    flat, where = positions(text)
    spans = []
    start = flat.find(snippet)
    while start >= 0:
        spans.append((where[start], where[start + len(snippet) - 1] + 1))
        start = flat.find(snippet, start + 1)
    return spans


def line_around(text: str, start: int, end: int, width: int = 140) -> str:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    line = " ".join(text[first:len(text) if last < 0 else last].split())
    return line if len(line) <= width else line[: width - 3] + "..."


def explain_loss(variant: str, page: Page, snippet: str, raw: str,
                 result: dechaff.CleanResult) -> Loss:
    """Which removals (with real text in them) overlapped the snippet's places in the raw text."""
    loss = Loss(variant, page.id, snippet)
    seen = set()
    for start, end in spans_of(snippet, raw):
        loss.line = loss.line or line_around(raw, start, end)
        for removal in result.removals:
            overlap = raw[max(start, removal.start):min(end, removal.end)]
            if removal.start < end and removal.end > start and overlap.strip():
                key = (removal.rule, removal.reason, removal.start)
                if key not in seen:
                    seen.add(key)
                    removed = " ".join(raw[removal.start:removal.end].split())
                    loss.culprits.append((removal.rule, removal.reason, removed[:100]))
    return loss


PageScores = dict[tuple[str, str], list[tuple[int, int, int]]]


def evaluate(pages: Sequence[Page], config: dechaff.Config, learn: bool = True) -> tuple[
    dict[str, dict[str, dict[str, Counts]]], list[Loss], list[Loss], PageScores
]:
    """Counts per variant, system and group ("all" included), the losses and kept chrome (of
    ``dechaff``, each page alone), and each page's (tp, fn, fp) per variant and system."""
    phrase_rules = config.without(*LINE_CLASSIFICATION_RULES)
    # With the line classification skipped, "dechaff" is the phrase rules: no second row.
    left_out = {
        *(() if learn else ("dechaff+fit",)),
        *(() if phrase_rules != config else ("phrase rules",)),
    }
    table: dict[str, dict[str, dict[str, Counts]]] = {
        variant: {system: defaultdict(Counts) for system in SYSTEMS if system not in left_out}
        for variant in VARIANTS
    }
    losses: list[Loss] = []
    kept: list[Loss] = []
    per_page: PageScores = defaultdict(list)
    models = {
        variant: dechaff.fit(
            dechaff.Document(id=page.id, text=page.texts[variant], url=page.url) for page in pages
        ) if learn else None
        for variant in VARIANTS
    }
    for page in pages:
        for variant in VARIANTS:
            raw = page.texts[variant]
            document = dechaff.Document(id=page.id, text=raw, url=page.url)
            result = dechaff.clean(document, config)
            outputs = [("naive", raw), ("dechaff", result.text)]
            model = models[variant]
            if model is not None:
                outputs.append(("dechaff+fit", dechaff.clean(document, config, model).text))
            if "phrase rules" not in left_out:
                outputs.append(("phrase rules", dechaff.clean(document, phrase_rules).text))
            for system, text in outputs:
                scores = Counts()
                scores.add(page, raw, text)
                for group in ("all", page.group):
                    table[variant][system][group].merge(scores)
                per_page[variant, system].append((scores.tp, scores.fn, scores.fp))
            flat_raw, flat_out = normalise(raw), normalise(result.text)
            for snippet in page.keep:
                if snippet in flat_raw and snippet not in flat_out:
                    losses.append(explain_loss(variant, page, snippet, raw, result))
            for snippet in page.drop:
                if snippet in flat_out:
                    spans = spans_of(snippet, result.text) or [(0, 0)]
                    line = line_around(result.text, *spans[0])
                    at = spans[0][0] / max(len(result.text), 1)
                    kept.append(Loss(variant, page.id, snippet, line=line, at=at))
    return table, losses, kept, per_page


def intervals(per_page: PageScores, resamples: int = 1000, seed: int = 1) -> dict[
    tuple[str, str], dict[str, tuple[float, float]]
]:
    """95% intervals of precision, recall and F1 over pages (percentile bootstrap: pages drawn
    with replacement), for each variant and system: how far another set of pages of the same
    kind may move the figures."""
    pages = len(next(iter(per_page.values()), []))
    # The same draws for every system: their intervals come from the same sets of pages.
    draws = np.random.default_rng(seed).integers(0, max(pages, 1), size=(resamples, pages))
    found: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    for key, scores in per_page.items():
        counts = np.array(scores, dtype=np.float64)
        tp, fn, fp = (counts[:, column][draws].sum(axis=1) for column in range(3))
        precision = tp / np.maximum(tp + fp, 1)
        recall = tp / np.maximum(tp + fn, 1)
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
        found[key] = {
            name: (float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5)))
            for name, values in (("precision", precision), ("recall", recall), ("f1", f1))
        }
    return found


def print_intervals(per_page: PageScores) -> None:
    print("95% intervals over pages (bootstrap, 1000 resamples of the pages):")
    for (variant, system), bounds in intervals(per_page).items():
        if system == "naive":
            continue
        print(f"  {variant:<11} {system:<12} " + "  ".join(
            f"{name} {low:.3f}-{high:.3f}" for name, (low, high) in bounds.items()))
    print()


def print_table(table: dict[str, dict[str, dict[str, Counts]]]) -> None:
    header = f"{'variant':<11} {'system':<12} {'group':<12} {'pages':>5} {'with':>5} " \
             f"{'w/out':>5} {'P':>6} {'R':>6} {'F1':>6} {'kept':>6}"
    print(header)
    print("-" * len(header))
    for variant, systems in table.items():
        for group in ("all", *GROUPS):
            for system, groups in systems.items():
                counts = groups[group]
                print(f"{variant:<11} {system:<12} {group:<12} {counts.pages:>5} "
                      f"{counts.tp + counts.fn:>5} {counts.fp + counts.tn:>5} "
                      f"{counts.precision:>6.3f} {counts.recall:>6.3f} {counts.f1:>6.3f} "
                      f"{counts.chars_out / max(counts.chars_in, 1):>6.1%}")
        print()


def round_robin(items: Iterable[Loss], key: Any) -> list[Loss]:
    """Items taken one per group in turn, biggest groups first: varied examples of each pattern."""
    groups: dict[Any, list[Loss]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    queues = sorted(groups.values(), key=len, reverse=True)
    ordered: list[Loss] = []
    while any(queues):
        for queue in queues:
            if queue:
                ordered.append(queue.pop(0))
    return ordered


def short(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def show_losses(losses: list[Loss], limit: int) -> None:
    by_rule = Counter(
        culprit[0] + ": " + culprit[1] for loss in losses for culprit in loss.culprits or
        [("(no removal with text overlaps)", "", "")]
    )
    print(f"== `with` snippets lost by dechaff: {len(losses)} (by removal, a snippet may count "
          "under several) ==")
    for reason, count in by_rule.most_common():
        print(f"  {count:>4}  {reason}")
    print()
    ordered = round_robin(losses, lambda loss: tuple(c[:2] for c in loss.culprits[:1]))
    for loss in ordered[:limit]:
        print(f"[{loss.variant}] {loss.page}")
        print(f"    snippet: {short(loss.snippet)!r}")
        for rule, reason, removed in loss.culprits or [("?", "no removal with text", "")]:
            print(f"    cut by {rule}: {reason}")
            print(f"        removed: {short(removed, 100)!r}")
    print()


def show_kept_chrome(kept: list[Loss], limit: int) -> None:
    """The distinct snippets left in, most frequent first, with a line each appears in."""
    whole_line = sum(loss.line == loss.snippet for loss in kept)
    per_variant = Counter(loss.variant for loss in kept)
    print(f"== `without` snippets dechaff left in: {len(kept)} "
          f"({', '.join(f'{v} {n}' for v, n in sorted(per_variant.items()))}); "
          f"{whole_line} are a whole line of the output, {len(kept) - whole_line} part of a "
          "longer line ==")
    thirds = Counter(min(int(loss.at * 3), 2) for loss in kept)
    print(f"  where in the cleaned text: first third {thirds[0]}, middle third {thirds[1]}, "
          f"last third {thirds[2]}")
    by_snippet: dict[str, list[Loss]] = defaultdict(list)
    for loss in kept:
        by_snippet[loss.snippet].append(loss)
    ordered = sorted(by_snippet.items(), key=lambda item: (-len(item[1]), item[1][0].page))
    print(f"  {'n':>3}  snippet{'':<43}  example page, and the output line holding it")
    for snippet, found in ordered[:limit]:
        example = next((loss for loss in found if loss.line != snippet), found[0])
        where = "= whole line" if example.line == snippet else f"in {short(example.line, 80)!r}"
        print(f"  {len(found):>3}  {short(snippet, 48)!r:<50}  {short(example.page, 40)}: {where}")
    print()


def check_floors(table: dict[str, dict[str, dict[str, Counts]]]) -> list[str]:
    failed = []
    for variant, systems in table.items():
        if variant == "html":
            continue
        naive = systems["naive"]["all"]
        for system in ("dechaff", "dechaff+fit", "phrase rules"):
            if system not in systems:
                continue
            ours = systems[system]["all"]
            recall_floor = PHRASE_RULES_RECALL_FLOOR if system == "phrase rules" else RECALL_FLOOR
            if ours.recall < recall_floor:
                failed.append(f"{variant}: {system} recall {ours.recall:.3f} < {recall_floor}")
            if system != "phrase rules" and ours.f1 < F1_FLOOR:
                failed.append(f"{variant}: {system} F1 {ours.f1:.3f} < {F1_FLOOR}")
            if ours.precision < naive.precision + PRECISION_MARGIN:
                failed.append(f"{variant}: {system} precision {ours.precision:.3f} < naive "
                              f"{naive.precision:.3f} + {PRECISION_MARGIN}")
    return failed


def peer_texts(corpus: Path) -> tuple[dict[str, dict[str, str]], str]:
    """trafilatura's and jusText's texts of the pages' HTML, and a note on how they were had
    (empty texts and the reason when the peers' environment is missing)."""
    archive = corpus / "html.tar.xz"
    if not archive.is_file():
        return {}, f"peers skipped: {archive} is not here"
    if not PEER_ENV.is_file():
        return {}, ("peers skipped: trafilatura and jusText are not installed (python3 -m venv "
                    "benchmarks/.env && benchmarks/.env/bin/pip install trafilatura justext "
                    "lxml_html_clean)")
    stat = archive.stat()
    script = Path(__file__).with_name("peers.py")
    key = hashlib.sha256(
        f"{stat.st_size}:{stat.st_mtime_ns}:{script.read_bytes().hex()}".encode()
    ).hexdigest()[:16]
    cached = PEER_CACHE / f"peers-{key}.json"
    if not cached.is_file():
        began = time.perf_counter()
        done = subprocess.run([str(PEER_ENV), str(script), str(archive), str(cached)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or not cached.is_file():
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return {}, f"peers skipped: benchmarks/peers.py failed ({tail[0]})"
        note = f"peers run now ({time.perf_counter() - began:.0f} s)"
    else:
        note = f"peers from cache {cached.relative_to(REPO)}"
    data = json.loads(cached.read_text(encoding="utf-8"))
    versions = ", ".join(f"{name} {v}" for name, v in sorted(data["versions"].items()))
    return data["texts"], f"{note}: {versions}, on the pages' HTML"


def evaluate_peers(pages: Sequence[Page], texts: dict[str, dict[str, str]]
                   ) -> dict[str, dict[str, Counts]]:
    """Counts per peer and group; a page a peer has no text for counts with an empty text."""
    table: dict[str, dict[str, Counts]] = {peer: defaultdict(Counts) for peer in texts}
    for page in pages:
        raw = page.texts["html_text"]
        for peer, by_file in texts.items():
            for group in ("all", page.group):
                table[peer][group].add(page, raw, by_file.get(page.id, ""))
    return table


def write_json(path: Path, figures: dict[str, Any]) -> None:
    """Written to a temporary file then renamed, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=2, ensure_ascii=False)
        out.write("\n")
    os.replace(temporary, path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared folder holding corpora/ (default: the repo's ../shared)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument("--skip", default="", metavar="RULES",
                        help="comma-separated rules to switch off, among "
                        + ", ".join(dechaff.RULE_NAMES))
    parser.add_argument("--show-losses", type=int, default=0, metavar="N",
                        help="print N `with` snippets dechaff lost, and the removals that cut them")
    parser.add_argument("--show-kept-chrome", type=int, default=0, metavar="N",
                        help="print N `without` snippets dechaff left in")
    parser.add_argument("--no-floor", action="store_true", help="exit 0 even if a floor fails")
    parser.add_argument("--no-peers", action="store_true",
                        help="leave out trafilatura and jusText even when installed")
    parser.add_argument("--no-fit", action="store_true",
                        help="leave out dechaff+fit (a model fitted on the pages first)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.shared / CORPUS
    if not (corpus / "evaldata.json").is_file():
        print(f"quality: {corpus} is not here (the corpora live in ../shared beside the repo); "
              "nothing to measure, skipping")
        return 0
    skipped = [name.strip() for name in args.skip.split(",") if name.strip()]
    try:
        config = dechaff.Config().without(*skipped)
    except dechaff.ConfigError as exc:
        print(f"quality: --skip: {exc}", file=sys.stderr)
        return 2
    pages = load_pages(corpus)
    began = time.perf_counter()
    table, losses, kept, per_page = evaluate(pages, config, learn=not args.no_fit)
    elapsed = time.perf_counter() - began
    peers, peer_note = ({}, "peers skipped: --no-peers") if args.no_peers else peer_texts(corpus)
    if peers:
        table["html"] = evaluate_peers(pages, peers)
    print(f"trafilatura-dev: {len(pages)} pages; rules: {', '.join(config.rules)}"
          f"{' (skipped: ' + ', '.join(skipped) + ')' if skipped else ''}; {elapsed:.1f} s")
    groups = Counter(page.group for page in pages)
    print("pages per group: " + ", ".join(f"{group} {groups[group]}" for group in GROUPS))
    print(peer_note)
    print()
    print_table(table)
    print_intervals(per_page)
    if args.show_losses:
        show_losses(losses, args.show_losses)
    if args.show_kept_chrome:
        show_kept_chrome(kept, args.show_kept_chrome)
    failed = check_floors(table)
    for failure in failed:
        print(f"FLOOR FAILED: {failure}")
    if not failed:
        print(f"floors met on both variants: recall >= {RECALL_FLOOR}, F1 >= {F1_FLOOR} and "
              f"precision >= naive + {PRECISION_MARGIN} (dechaff, dechaff+fit); recall >= "
              f"{PHRASE_RULES_RECALL_FLOOR} and precision >= naive + {PRECISION_MARGIN} "
              "(phrase rules)")
    if args.json:
        write_json(args.json, {
            "corpus": str(corpus), "pages": len(pages), "rules": list(config.rules),
            "skipped": skipped, "floors_failed": failed,
            "figures": {
                variant: {system: {group: groups_[group].as_dict() for group in ("all", *GROUPS)}
                          for system, groups_ in systems.items()}
                for variant, systems in table.items()
            },
            "lost_with": len(losses), "kept_without": len(kept),
        })
    return 1 if failed and not args.no_floor else 0


if __name__ == "__main__":
    sys.exit(main())
