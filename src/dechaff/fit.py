"""Learning boilerplate from a corpus: ``fit(documents) -> Model``, one pass over it.

- **Site templates.** Every line of every page becomes a template (:mod:`dechaff.templates`).
  A template found on at least a quarter of a site's pages (and on two at least) is that
  site's chrome: its menu, footer, byline pattern, comment counter. A paragraph must be found
  on half of them. Pages that print one story (the address crawled twice, a print view) count
  as one page first, so a paragraph on two pages that print different stories is the site's
  (a blurb, a newsletter box); a story's lead on a list of teasers is learned too, but a
  learned line inside a page's own article stays (see the site_template rule).
- **Chrome across sites.** A template found on many sites is platform chrome ("Share this:",
  "Powered by WordPress") and extends the phrase table. Content also recurs across sites when a
  story is syndicated; it is told apart by its companions: a syndicated line (a paragraph, a
  headline, a caption) comes with the rest of its story, so most pages that print it share
  paragraphs (hundreds of characters of them, though each copy is edited apart), while a line
  of chrome is printed on pages that share nothing but chrome (comment forms and newsletter
  boxes hold no paragraph).
- **Function words.** The short words found in the prose of many documents join the shipped
  function-word table, so that a corpus in a language the table lacks is still read right.

Documents are read once, as they come. Memory grows with the distinct lines of each site, plus
8 bytes per line of every page for the syndication test. Each text is counted once per site:
a page crawled twice is one page.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from hashlib import blake2b
from itertools import filterfalse
from math import ceil
from operator import attrgetter, methodcaller
from types import MappingProxyType

from .document import Document
from .errors import ConfigError
from .lineshape import is_prose
from .model import Model, SiteTemplates
from .page import Page
from .page_text import first_with_text
from .templates import host_of, page_line_templates

# Lines this long and prose-shaped teach function words; paragraphs this long are the
# companions that tell a syndicated story (the sentences of a comment form are shorter).
LONG_PROSE_CHARS = 60
PARAGRAPH_CHARS = 100
# A syndicated line comes with its story: paragraphs found on STORY_PARAGRAPH_SHARE of the
# pages printing it at least (copies are edited, cut and reworded where they are printed, so
# a paragraph is not on every copy), of which more than HOLDING_SHARE of those pages hold
# STORY_COMPANION_CHARS characters (a copy edited all through holds none).
STORY_COMPANION_CHARS = 150
STORY_PARAGRAPH_SHARE = 0.5
HOLDING_SHARE = 0.5
# Two pages of a site print one story when they share this many characters of paragraphs (a
# few paragraphs: a login form or a viewer's help text shared by two pages is shorter), most
# (STORY_SHARE) of each page's; a story printed more often than MOST_STORY_COPIES is left to
# the paragraph rule.
SHARED_STORY_CHARS = 500
STORY_SHARE = 0.8
MOST_STORY_COPIES = 8
# A learned function word is at most this long, and at most this many are kept.
FUNCTION_WORD_MAX_CHARS = 5
MOST_FUNCTION_WORDS = 100
# Longer lines found across sites are stories (or their summaries), never platform chrome:
# only a line's own site can teach that it is chrome.
LONGEST_CROSS_SITE_LINE = 500
# What _squeezed leaves out of a paragraph.
_NOT_A_WORD = re.compile(r"[\W_]+")
# A word of letters only, up to FUNCTION_WORD_MAX_CHARS long, between non-letters.
_SHORT_WORD = re.compile(rf"\b[^\W\d_]{{1,{FUNCTION_WORD_MAX_CHARS}}}\b")


@dataclass(frozen=True)
class FitOptions:
    """Thresholds of :func:`fit`; invalid values raise :class:`ConfigError`.

    ``site_share``: share of a site's pages a template must be found on (and at least two
    pages). ``cross_site_sites``: sites a template must be found on to be chrome everywhere.
    ``function_word_share``: share of documents whose prose must hold a short word for it to
    be learned as a function word (and at least three documents).
    """

    site_share: float = 0.25
    cross_site_sites: int = 5
    function_word_share: float = 0.1

    def __post_init__(self) -> None:
        if not 0.0 < self.site_share <= 1.0:
            raise ConfigError(f"site_share must be above 0 and at most 1 (got "
                              f"{self.site_share!r}): pass e.g. site_share=0.25")
        if isinstance(self.cross_site_sites, bool) or not isinstance(self.cross_site_sites, int) \
                or self.cross_site_sites < 2:
            raise ConfigError(f"cross_site_sites must be an integer of 2 or more (got "
                              f"{self.cross_site_sites!r}): pass e.g. cross_site_sites=5")
        if not 0.0 < self.function_word_share <= 1.0:
            raise ConfigError(f"function_word_share must be above 0 and at most 1 (got "
                              f"{self.function_word_share!r}): pass e.g. 0.1")


def fit(documents: Iterable[Document | str], options: FitOptions | None = None) -> Model:
    """Learn site templates, chrome across sites and function words from ``documents``.

    Documents without a URL teach only function words (their site is unknown).

    >>> stories = ["The harbour opens.", "The bridge closes.", "A ferry is late."]
    >>> pages = [Document(str(n), f"Home | News\\n{story}\\n© {2020 + n} Gazette",
    ...                   url=f"https://gazette.example/{n}") for n, story in enumerate(stories)]
    >>> model = fit(pages)
    >>> sorted(model.templates_for("gazette.example"))
    ['home | news', '© # gazette']
    """
    counts = FitCounts()
    for item in documents:
        counts.add(item)
    return counts.model(options)


class FitCounts:
    """What :func:`fit` counts, part by part: counts of separate parts of a corpus merge
    (:meth:`merge`, in corpus order) into the counts of the whole, so that a cluster can count
    its partitions on their workers and learn the model :func:`fit` learns from the whole.

    >>> pages = [Document(str(n), f"Menu\\nStory {n} is here.", url=f"https://a.example/{n}")
    ...          for n in range(4)]
    >>> first, second = FitCounts(), FitCounts()
    >>> for page in pages[:2]:
    ...     first.add(page)
    >>> for page in pages[2:]:
    ...     second.add(page)
    >>> first.merge(second).model() == fit(pages)
    True
    """

    def __init__(self) -> None:
        self.documents = 0
        self.site_pages: Counter[str] = Counter()
        self.site_counts: dict[str, Counter[str]] = defaultdict(Counter)
        # The template of each page's first line, counted per site (see SiteTemplates).
        self.site_openers: dict[str, Counter[str]] = defaultdict(Counter)
        self.page_lines: list[_PageLines] = []
        self.word_documents: Counter[str] = Counter()
        # Hashes of the (site, text) pairs counted: a text seen again on its site is a copy.
        self.texts_seen: set[int] = set()

    def add(self, item: Document | str) -> None:
        """Count one document's lines."""
        text, url = (item, None) if isinstance(item, str) else (item.text, item.url)
        self.documents += 1
        page = Page(text)
        templates = page_line_templates(page)
        long_lines: dict[str, int] = {}
        prose = [
            index for index, stripped in enumerate(page.stripped)
            if len(stripped) >= LONG_PROSE_CHARS and is_prose(stripped)
        ]
        for index in prose:
            if len(page.stripped[index]) >= PARAGRAPH_CHARS:
                long_lines[_squeezed(templates[index])] = len(page.stripped[index])
        self.word_documents.update(short_words("\n".join(map(templates.__getitem__, prose))))
        host = host_of(url)
        if host is None:
            return
        text_key = _text_key(host, text)
        if text_key in self.texts_seen:
            return  # a copy: its site's lines are counted once (see _without_copies)
        self.texts_seen.add(text_key)
        distinct = set(templates)
        distinct.discard("")
        self.site_pages[host] += 1
        self.site_counts[host].update(distinct)
        first = first_with_text(page)
        opener = templates[first] if first is not None else ""
        if opener:
            self.site_openers[host][opener] += 1
        self.page_lines.append(_PageLines(
            host,
            text_key,
            stable_hashes([opener] if opener else []),
            stable_hashes(distinct),
            stable_hashes(long_lines),
            array("l", long_lines.values()),
        ))

    def merge(self, later: FitCounts) -> FitCounts:
        """These counts with those of the part that follows them in the corpus added."""
        self.documents += later.documents
        self.site_pages.update(later.site_pages)
        for host, counts in later.site_counts.items():
            self.site_counts[host].update(counts)
        for host, counts in later.site_openers.items():
            self.site_openers[host].update(counts)
        self.page_lines.extend(later.page_lines)
        self.word_documents.update(later.word_documents)
        self.texts_seen |= later.texts_seen
        return self

    def model(self, options: FitOptions | None = None) -> Model:
        """The model these counts teach."""
        options = options or FitOptions()
        pages, copies = self._without_copies()
        story_copies = _story_copies(pages)
        site_pages, site_counts = _counted_once(copies, self.site_pages, self.site_counts)
        site_pages, site_counts = _counted_once(story_copies, site_pages, site_counts)
        site_openers = _each_once(copies, self.site_openers, attrgetter("opener"))
        site_openers = _each_once(story_copies, site_openers, attrgetter("opener"))
        sites = {}
        for host, page_count in site_pages.items():
            least = max(2, ceil(options.site_share * page_count))
            # A paragraph must be on half of the pages (story copies count as one page).
            least_paragraph = max(least, ceil(page_count / 2))
            found = {
                t: n for t, n in site_counts[host].items()
                if n >= (least_paragraph if len(t) >= PARAGRAPH_CHARS and is_prose(t) else least)
            }
            if found:
                openers = {t: n for t, n in site_openers.get(host, {}).items() if t in found}
                sites[host] = SiteTemplates(
                    page_count, MappingProxyType(found), MappingProxyType(openers)
                )
        cross_site = _cross_site(site_counts, pages, options.cross_site_sites)
        least_documents = max(3, ceil(options.function_word_share * self.documents))
        # Ties are broken by the word: the order a set yields words in changes between runs.
        ranked = sorted(self.word_documents.items(), key=lambda item: (-item[1], item[0]))
        learned = [word for word, n in ranked[:MOST_FUNCTION_WORDS] if n >= least_documents]
        return Model(
            documents=self.documents,
            sites=MappingProxyType(sites),
            cross_site=MappingProxyType(cross_site),
            function_words=frozenset(learned),
        )

    def _without_copies(self) -> tuple[list[_PageLines], list[list[_PageLines]]]:
        """The pages each text of a site first appears on, and the groups of a page and its
        copies: a page crawled twice (or a corpus repeated) is one page, or all its lines
        would look like the site's chrome. :meth:`add` skips the copies it sees; those of
        separate parts meet here, once the parts are merged."""
        first: dict[int, list[_PageLines]] = {}
        pages: list[_PageLines] = []
        for page in self.page_lines:
            printed = first.get(page.text_key)
            if printed is None:
                first[page.text_key] = [page]
                pages.append(page)
            else:
                printed.append(page)
        return pages, [group for group in first.values() if len(group) > 1]


def _counted_once(
    groups: list[list[_PageLines]],
    site_pages: Counter[str],
    site_counts: dict[str, Counter[str]],
) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """The page and template counts of each site with each group of pages (one site's
    pages) counted as one page: a template once, however many of the group's pages print
    it."""
    if not groups:
        return site_pages, site_counts
    site_pages = Counter(site_pages)
    for group in groups:
        site_pages[group[0].host] -= len(group) - 1
    return site_pages, _each_once(groups, site_counts, attrgetter("templates"))


def _each_once(
    groups: list[list[_PageLines]],
    site_counts: dict[str, Counter[str]],
    hashes_of: Callable[[_PageLines], array[int]],
) -> dict[str, Counter[str]]:
    """The counts of each site (of templates, or of the templates that open its pages) with
    each group of its pages counted as one page: a template once, however many of the
    group's pages hold it (``hashes_of`` a page: the hashes of the templates it holds)."""
    if not groups:
        return site_counts
    site_counts = dict(site_counts)
    by_site: dict[str, list[list[_PageLines]]] = defaultdict(list)
    for group in groups:
        by_site[group[0].host].append(group)
    for host, host_groups in by_site.items():
        counts = Counter(site_counts.get(host, {}))
        template_of = {stable_hash(template): template for template in counts}
        for group in host_groups:
            found: Counter[int] = Counter()
            for page in group:
                found.update(hashes_of(page))
            counts.subtract({template_of[key]: n - 1 for key, n in found.items() if n > 1})
        site_counts[host] = +counts  # a count that falls to nothing goes
    return site_counts


def _story_copies(pages: list[_PageLines]) -> list[list[_PageLines]]:
    """The groups of a site's pages that print one story: the same address crawled twice
    with another sidebar, a print view, an AMP copy. Their short lines (subheadings, list
    items, captions) would look like the site's chrome, found on two of its pages. Two pages
    print one story when most of the paragraph text of each is found on the other,
    ``SHARED_STORY_CHARS`` at least (paragraphs that the site prints on many pages, a
    disclaimer, left out)."""
    by_site: dict[str, list[_PageLines]] = defaultdict(list)
    for page in pages:
        by_site[page.host].append(page)
    return [group for printed in by_site.values() for group in _story_groups(printed)]


def _story_groups(pages: list[_PageLines]) -> list[list[_PageLines]]:
    """Groups of two or more of a site's pages that print one story (see
    :func:`_story_copies`), in page order."""
    printing: dict[int, list[int]] = defaultdict(list)
    length: dict[int, int] = {}
    for number, page in enumerate(pages):
        for key, size in zip(page.long_lines, page.long_lengths, strict=True):
            printing[key].append(number)
            length[key] = size
    common = max(3, ceil(len(pages) / 2))  # a paragraph on this many pages is the site's own
    shared: Counter[tuple[int, int]] = Counter()
    for key, numbers in printing.items():
        if 2 <= len(numbers) <= MOST_STORY_COPIES and len(numbers) < common:
            for position, first in enumerate(numbers):
                for second in numbers[position + 1 :]:
                    shared[first, second] += length[key]
    if not shared:
        return []
    own = [
        sum(size for key, size in zip(page.long_lines, page.long_lengths, strict=True)
            if len(printing[key]) < common)
        for page in pages
    ]
    parent = list(range(len(pages)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for (first, second), chars in sorted(shared.items()):
        if chars >= SHARED_STORY_CHARS and chars >= STORY_SHARE * min(own[first], own[second]):
            parent[max(root(first), root(second))] = min(root(first), root(second))
    groups: dict[int, list[_PageLines]] = defaultdict(list)
    for number, page in enumerate(pages):
        groups[root(number)].append(page)
    return [group for group in groups.values() if len(group) > 1]


def _squeezed(template: str) -> str:
    """A paragraph's template with its spaces and punctuation left out: two extractors of one
    page space a paragraph apart around its links and dashes ("humans— carbon", "humans—carbon"),
    and its copies must still meet.

    >>> _squeezed("humans— carbon dating, showed") == _squeezed("humans—carbon dating showed")
    True
    """
    return _NOT_A_WORD.sub("", template)


def short_words(text: str) -> set[str]:
    """The distinct words of ``text`` that ``_SHORT_WORD`` finds: runs of word characters,
    none of them a digit or "_", at most ``FUNCTION_WORD_MAX_CHARS`` long.

    A regular expression tries every position of the text; here it reads only the distinct
    tokens (between whitespace) that hold characters other than letters. A token of letters
    alone is a run of its own, one word whole.

    >>> sorted(short_words("The cat, the DOG and a_b 42 (l'été) naïve naïvely"))
    ['DOG', 'The', 'and', 'cat', 'l', 'naïve', 'the', 'été']
    """
    tokens = set(text.split())
    found = {token for token in filter(str.isalpha, tokens)
             if len(token) <= FUNCTION_WORD_MAX_CHARS}
    found.update(_SHORT_WORD.findall(" ".join(filterfalse(str.isalpha, tokens))))
    return found


def stable_hash(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process (``hash`` of a str is not),
    so that counts made on different machines can be merged."""
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


_HASHER = partial(blake2b, digest_size=8)
_DIGEST = methodcaller("digest")


def stable_hashes(texts: Iterable[str]) -> array[int]:
    """:func:`stable_hash` of each of ``texts``, in order: hashed and packed in C loops.

    >>> list(stable_hashes(["home", "news"])) == [stable_hash("home"), stable_hash("news")]
    True
    """
    hashes = array("q", b"".join(map(_DIGEST, map(_HASHER, map(str.encode, texts)))))
    if sys.byteorder == "big":  # stable_hash reads the digest little-endian
        hashes.byteswap()
    return hashes


def _text_key(host: str, text: str) -> int:
    """A stable 64-bit hash of a site and a text (without copying the text to join them)."""
    digest = blake2b(host.encode(), digest_size=8)
    digest.update(b"\n")
    digest.update(text.encode())
    return int.from_bytes(digest.digest(), "little", signed=True)


@dataclass(frozen=True)
class _PageLines:
    """What fit keeps of a page for the syndication test and to count each text of a site
    once: its site, a hash of its site and text, hashes of its first line's template, of its
    line templates, and of its paragraphs with their lengths (arrays: a page costs 8 bytes a
    line)."""

    host: str
    text_key: int
    opener: array[int]  # the template of its first line, if any
    templates: array[int]
    long_lines: array[int]
    long_lengths: array[int]


def _cross_site(
    site_counts: dict[str, Counter[str]], pages: list[_PageLines], least_sites: int
) -> dict[str, int]:
    """Templates found on ``least_sites`` sites or more, syndicated content left out."""
    sites_of: Counter[str] = Counter()
    for counts in site_counts.values():
        sites_of.update(counts.keys())
    candidates = {
        template: n for template, n in sites_of.items()
        if n >= least_sites and len(template) <= LONGEST_CROSS_SITE_LINE
    }
    by_hash = {stable_hash(template): template for template in candidates}
    pages_of: dict[int, list[_PageLines]] = defaultdict(list)
    for page in pages:
        for key in by_hash.keys() & set(page.templates):
            pages_of[key].append(page)
    for key, printing in pages_of.items():
        if _is_syndicated(by_hash[key], printing):
            del candidates[by_hash[key]]
    return dict(sorted(candidates.items()))


def _is_syndicated(template: str, pages: list[_PageLines]) -> bool:
    """Whether the pages printing a line share a story around it: most of them hold
    ``STORY_COMPANION_CHARS`` of its paragraphs (other than the line itself), those found on
    half of the pages at least. Chrome shares nothing but chrome with the pages it is printed
    on, and a chrome line printed beside one syndicated story is also printed beside others,
    on as many pages at least."""
    companions: Counter[int] = Counter()
    for page in pages:
        companions.update(page.long_lines)
    companions.pop(stable_hash(_squeezed(template)), None)
    least = STORY_PARAGRAPH_SHARE * len(pages)
    story = {line for line, n in companions.items() if n >= least}
    if not story:
        return False
    holding = sum(
        sum(size for line, size in zip(page.long_lines, page.long_lengths, strict=True)
            if line in story) >= STORY_COMPANION_CHARS
        for page in pages
    )
    return holding > HOLDING_SHARE * len(pages)
