"""Where the article lies in a page of naive text, found from the shape of its lines.

A text extractor keeps no DOM, so the article is told from chrome the way jusText tells
paragraphs apart, by their words and their neighbours:

- An *anchor* is a line of running text: a sentence (or several) whose words are in good part
  function words ("the", "und", "yang", ...: see :func:`dechaff.tables.function_words`), or a
  long unpunctuated line made mostly of them (it counts half, and so does a sentence cut off
  with "...", as teasers are). Menus, labels, teaser titles, counters and addresses hold few
  or none.
- Anchors close together form *clusters*. A line that the tables name as chrome ("Share
  this:", "Related posts", "Kommentare"), one a model learned as chrome (outside the page's own
  article, see :func:`own_article_span`), or a date line between two anchors splits them: what
  follows is another section. So does a time stamp that says how long ago ("19 hours ago")
  right below a teaser cut off with "...", where a page holds several: each entry of a list
  of other blogs' posts stands alone.
- The cluster with the most running text is the article. Clusters before it stay when they hold
  a sentence's worth of it (a lead above an inset box, an introduction; not a login prompt);
  clusters after it stay only when they hold at least half as much text (comment threads,
  teasers and footers hold less). A cluster between two that stay is the article's own,
  however small (a note under a chart, set apart by its share buttons). So is a cluster of
  full sentences just below a box of links that the article's last kept cluster runs into
  ("Related stories" and a few titles): the article goes on below the box, and so does the
  sentence that a page cut short breaks off there. Up to three short
  lines above a kept cluster stay with it, its headline, byline and date, up to the first
  one-word line (a menu item); further up (up to eight lines), so does the line that the
  page's first line, its title, repeats ("Headline | Section | Site"): its headline.
- Every other line is boilerplate, but a run of them goes only when it is long (a menu, a
  footer) or touches a line the tables name: a short list or a closing line just outside the
  prose is the article's own, and so is a list the prose introduces ("You will need:").
  Photo credits, chrome set inside the text (teaser links, rating prompts) and repeated
  paragraphs take no part, lines the tables name are left to the rule that names them, and a
  full sentence with few function words (names, figures) is never removed for its place alone.
- Lines the tables name as chrome only at a page's edges ("Tags", "Newsletter") go here when
  they lie beyond the outermost running text that stays: the scaffolding rule draws the edges
  from the first and last line of prose, which a stray sentence below the article can move.

The decision is made on the lines that survive it again, until nothing more goes, so that
cleaning a cleaned text removes nothing more. A page with no anchor loses nothing here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from functools import partial
from itertools import accumulate, compress, filterfalse

from .anchors import CUT_OFF, line_weights, running_text_lines
from .article_edges import (
    HEADLINE_MIN_CHARS,
    closing_appeal,
    drop_stranded_sentences,
    keep_code_next_to_kept_text,
    keep_headline_of_the_title,
    keep_introduced_list,
    keep_sections,
    keep_sentence_endings,
    keep_text_below_a_box,
    next_flagged,
    numbered_after,
)
from .comments import relative_time_lines, thread_starts
from .layout import date_lines, page_layout, section_openers
from .lineshape import (
    is_doubled,
    is_headline_like,
    is_one_word,
    is_prose,
    is_sentence,
    visible,
)
from .page import Page
from .page_text import next_with_text
from .shaped_chrome import is_person_name
from .templates import learned_chrome
from .textnorm import shown

# Anchors with at most this many lines between them are one cluster.
CLUSTER_GAP = 20
# A cluster after the article stays when it holds this share of the article's running text.
LATER_CLUSTER_SHARE = 0.5
# A cluster before the article stays when it holds this much running text, about one sentence
# of eight words: a lead or an introduction does, a login prompt in the page's head ("Noch kein
# Konto bei uns? Jetzt eins anlegen!") does not. A cluster without a line of prose (running
# words without a stop, counted half) needs twice as much: a page's title line ("Headline -
# Site") or a short prompt beside a long menu item is no lead; a standfirst cut off with "..."
# is prose, and counts half as a teaser's would.
EARLIER_CLUSTER_MASS = 45
# Lines above a kept cluster that stay with it (headline, byline, date), and their length.
HEAD_LINES = 3
HEAD_LINE_MAX_CHARS = 200
# Shortest run of lines outside the article that goes when no table names one of them.
SHORTEST_REMOVED_RUN = 4
# Running text above a comment thread's start for it to count as one (a paragraph or two).
THREAD_MIN_ARTICLE = 200
# Time stamps that say how long ago ("3 years ago") under a teaser cut off with "..." split
# clusters as date lines do when a page holds this many: a list of other blogs' latest posts
# or of a site's stories, each stamped. A live blog's entries, stamped alike, are whole
# paragraphs, and stay one article.
TIME_STAMPS_LEAST = 2
# Titles in a list of teasers, each set apart by a label the tables name, when this many are.
LISTED_TITLES_LEAST = 3
# Rounds of deciding again on what survived (one or two are enough in practice).
MOST_ROUNDS = 4


def find_boilerplate(page: Page, absent: frozenset[int] = frozenset()) -> dict[int, str]:
    """The kept lines of the page that are boilerplate, with their reasons, in line order.

    ``absent`` names lines that other rules remove in any case: they take no part. Asking again
    after other rules removed lines decides on what is left (facts about single lines are
    computed once per page).
    """
    lines = _taking_part(page, absent)
    weight_of = line_weights(page, lines)
    if not any(map(weight_of.__getitem__, lines)):
        return {}
    named, sentences, teasers, dates = _named_and_sentences(page, lines, weight_of, absent)
    thread_line = comment_thread_line(page, absent)
    edge_named = page_layout(page).edge_chrome
    boilerplate: dict[int, str] = {}
    for _ in range(MOST_ROUNDS):
        survivors = list(filterfalse(boilerplate.__contains__, lines)) if boilerplate else lines
        weights = _unnamed_weights(survivors, weight_of, named)
        found = _outside_article(
            page, survivors, weights, named, sentences, edge_named, teasers, dates, thread_line
        )
        found.update(_edge_phrases_outside(survivors, weights, found, edge_named))
        if not found:
            break
        boilerplate.update(found)
    return dict(sorted(boilerplate.items()))


def _taking_part(page: Page, absent: frozenset[int]) -> list[int]:
    """The kept lines that take part in finding the article.

    Table chrome stays among them (it splits clusters: "Share this:" closes an article), but
    it is left to the scaffolding rule, edge phrases beyond the running text aside; credits
    and inline chrome (a teaser link, a rating prompt) sit inside articles and take no part,
    nor do the ``absent`` lines that other rules remove in any case.
    """
    layout = page_layout(page)
    lines = page.kept_content()
    outside = absent | layout.credits | layout.inline
    if outside:
        lines = list(filterfalse(outside.__contains__, lines))
    return lines


def comment_thread_line(page: Page, absent: frozenset[int] = frozenset()) -> int | None:
    """The line where readers' comments start below the article, or None (found once per
    page, on its lines as they are when first asked): the first thread start (see
    :mod:`dechaff.comments`) with at least ``THREAD_MIN_ARTICLE`` characters of running text
    above it (a count of comments under a headline opens no thread) and some below it."""
    if "comment_thread" not in page.memo:
        page.memo["comment_thread"] = _find_comment_thread(page, absent)
    line = page.memo["comment_thread"]
    assert line is None or isinstance(line, int)
    return line


def _find_comment_thread(page: Page, absent: frozenset[int]) -> int | None:
    starts = thread_starts(page)
    if not starts:
        return None
    lines = _taking_part(page, absent)
    weight_of = line_weights(page, lines)
    named, _, _, _ = _named_and_sentences(page, lines, weight_of, absent)
    mass_before = list(accumulate(_unnamed_weights(lines, weight_of, named), initial=0.0))
    for start in starts:
        position = bisect_left(lines, start)
        # Running text below the start puts it before the last line.
        if mass_before[position] >= THREAD_MIN_ARTICLE and mass_before[-1] > mass_before[position]:
            return lines[position]
    return None


def _unnamed_weights(
    lines: list[int], weight_of: dict[int, float], named: set[int]
) -> list[float]:
    """The weights of ``lines``, none for a line the tables or a model name: it holds no
    article text, and splits the clusters around it."""
    weights = list(map(weight_of.__getitem__, lines))
    for position in compress(range(len(lines)), map(named.__contains__, lines)):
        weights[position] = 0.0
    return weights


def comment_thread_reasons(page: Page, absent: frozenset[int] = frozenset()) -> dict[int, str]:
    """The kept lines from the start of the readers' comments to the page's end, with their
    reason (none when the page has no comment thread)."""
    line = comment_thread_line(page, absent)
    if line is None:
        return {}
    reason = f"readers' comments below the article, from line {line + 1}: " + shown(
        page.stripped[line]
    )
    lines = page.kept_content()
    return dict.fromkeys(lines[bisect_left(lines, line) :], reason)


def _named_and_sentences(
    page: Page, lines: list[int], weight_of: dict[int, float], copies: frozenset[int]
) -> tuple[set[int], set[int], set[int], set[int]]:
    """Lines the tables name (edge chrome, date lines) or a model learned, full sentences that
    are no anchor (never removed for their place alone: names, figures, another alphabet), and
    the lines of lists of teasers, which are named too: the time stamps ("3 years ago") below
    teasers and the titles of a list set apart by labels. No other rule takes those, so they
    go with the run of boilerplate they stand in. Last, the date lines, named as well.

    A learned line inside the page's own article (a subheading or a quote that the site
    printed twice) is not named: it would split the article, and its parts would go."""
    memo = page.memo.get("named_and_sentences")
    if memo is None:
        stripped = page.stripped
        short = [index for index in lines if not weight_of[index]]
        dates = set(date_lines(page, short))
        teasers = _teaser_stamps(page, relative_time_lines(page, short)) | _listed_titles(page)
        # A sentence ends with a stop: most short lines (menu items, labels) fail that first.
        sentences = {
            index for index in short
            if is_sentence(stripped[index])
            and not is_doubled(stripped[index])
        }
        layout = page_layout(page)
        learned = learned_chrome(page).anywhere
        if learned:
            low, high = own_article_span(page, learned, copies)
            learned = {index: reason for index, reason in learned.items()
                       if not low < index < high}
        named = set(layout.chrome) | set(layout.edge_chrome) | dates | teasers | set(learned)
        memo = page.memo["named_and_sentences"] = (named, sentences, teasers, dates)
    assert isinstance(memo, tuple)
    return memo


def _listed_titles(page: Page) -> set[int]:
    """Titles of a list of teasers: ``LISTED_TITLES_LEAST`` lines or more of three words or
    more that are no sentence (a title, one cut off with "..."), each set apart from the next
    by one line that a table names ("Ver Video", "Read more"). An article's subheadings are
    followed by paragraphs, a poem's lines by more of the poem; a recipe's ingredients are set
    apart by their quantities ("1"), which no table names."""
    chrome = page_layout(page).chrome
    if len(chrome) < LISTED_TITLES_LEAST - 1:
        return set()
    stripped, kept = page.stripped, page.kept
    # The labels go by the scaffolding rule before this one asks: every line with text counts.
    content = list(compress(range(len(page)), stripped))

    def is_title(position: int) -> bool:
        if not 0 <= position < len(content):
            return False
        index = content[position]
        text = stripped[index]
        return (
            kept[index]
            and index not in chrome
            and text.count(" ") >= 2
            and len(text) <= HEAD_LINE_MAX_CHARS
            and not is_sentence(text)
        )

    # A label between two titles; labels two lines apart chain a list.
    labels = [
        position for position in map(partial(bisect_left, content), sorted(chrome))
        if is_title(position - 1) and is_title(position + 1)
    ]
    found: set[int] = set()
    chain: list[int] = []
    for position in [*labels, -2]:  # -2 closes the last chain
        if chain and position == chain[-1] + 2:
            chain.append(position)
            continue
        if len(chain) + 1 >= LISTED_TITLES_LEAST:
            found.update(content[label + side] for label in chain for side in (-1, 1))
        chain = [position]
    return found


def _teaser_stamps(page: Page, stamps: list[int]) -> set[int]:
    """The time ``stamps`` right below a teaser cut off with "..." (the next line with text
    above ends so), or below its author's name below its title ("Indagan polémico show: ..." /
    "Diego Ramírez" / "hace 21 minutos"), when at least ``TIME_STAMPS_LEAST`` are; none
    otherwise. A live blog's entry above its author's name ends with a full stop."""
    stripped = page.stripped
    below_teasers = set()
    for index in stamps:
        above = next_with_text(page, index, -1)
        if above is None:
            continue
        if stripped[above].endswith(CUT_OFF):
            below_teasers.add(index)
        elif is_person_name(stripped[above]):
            title = next_with_text(page, above, -1)
            if title is not None and is_headline_like(
                stripped[title], HEADLINE_MIN_CHARS, HEAD_LINE_MAX_CHARS
            ):
                below_teasers.add(index)
    return below_teasers if len(below_teasers) >= TIME_STAMPS_LEAST else set()


def _edge_phrases_outside(
    lines: list[int],
    weights: list[float],
    found: dict[int, str],
    edge_named: dict[int, str],
) -> dict[int, str]:
    """Edge phrases ("Tags", "Newsletter") beyond the outermost running text that survives
    this round.

    The scaffolding rule judges the edges from the first and last line of prose, and a stray
    sentence below the article's end (a newsletter's "Subscribe to our monthly newsletter!")
    moves that edge down past the chrome above it. Running text that stays sets the edge here
    instead; nothing is taken from between two lines of it, so no cluster of prose can join
    another when the output is cleaned again.
    """
    if not edge_named:
        return {}
    surviving = [
        position for position, weight in enumerate(weights)
        if weight and lines[position] not in found
    ]
    if not surviving:
        return {}
    first, last = lines[surviving[0]], lines[surviving[-1]]
    return {
        index: f"{reason}, {'above' if index < first else 'below'} the article's running text"
        for index, reason in edge_named.items()
        if not first <= index <= last and _holds(lines, index)
    }


def _holds(lines: list[int], index: int) -> bool:
    """Whether the ascending ``lines`` hold ``index``."""
    position = bisect_left(lines, index)
    return position < len(lines) and lines[position] == index


def _outside_article(
    page: Page,
    lines: list[int],
    weights: list[float],
    named: set[int],
    spared: set[int],
    edge_named: dict[int, str],
    teasers: set[int],
    dates: set[int],
    thread_line: int | None,
) -> dict[int, str]:
    """One round: the lines outside every kept cluster, in runs that may go. The lines the
    tables name go with their run only when they are edge phrases ("Netiquette", "Tags") above
    or below the kept clusters: the scaffolding rule takes the others, and such a line is
    beyond the article's edge, wherever the last stray sentence below it stands. The lines of
    lists of ``teasers`` (time stamps, listed titles) go with their run wherever it is, and
    so do ``dates`` below the article (a teaser's date: the date_header rule takes the dates
    above it, and the scaffolding rule those at the page's tail only).

    Readers' comments from ``thread_line`` on are no part of the article: the comment_thread
    rule removes them, and when it does not run they stay whole."""
    anchors = [position for position, weight in enumerate(weights) if weight]
    if not anchors:
        return {}
    is_named = [index in named for index in lines]
    named_before = list(accumulate(is_named, initial=0))  # named lines before each position
    # Where the comments start among the lines (past the last when they are gone).
    thread = len(lines) if thread_line is None else bisect_left(lines, thread_line)
    clusters: list[list[int]] = [[anchors[0]]]
    for position in anchors[1:]:
        previous = clusters[-1][-1]
        if (
            position - previous - 1 > CLUSTER_GAP
            or named_before[position] - named_before[previous + 1] > 0
            or previous < thread <= position
        ):
            clusters.append([position])
        else:
            clusters[-1].append(position)
    masses = [sum(weights[position] for position in cluster) for cluster in clusters]
    # Readers' comments are no part of the article, however much running text they hold.
    article_clusters = sum(1 for cluster in clusters if cluster[0] < thread)
    main = masses.index(max(masses[:article_clusters]))
    kept = [index in spared and index not in named for index in lines]
    openers = section_openers(page)
    opens = [index in openers for index in lines] if openers else None
    # A section ends at chrome a table names; a line a model learned may be the site's own
    # label inside it (a recipe card's "Servings", "1", "Prep time").
    layout = page_layout(page)
    closes = [index in layout.chrome or index in layout.edge_chrome
              for index in lines] if openers else []
    # The clusters that stay on their own mass, and every cluster between two of them: chrome
    # set inside an article (share buttons, an inset box) cuts a short paragraph off from
    # both its neighbours.
    top = next(number for number in range(main + 1) if number == main
               or masses[number] >= EARLIER_CLUSTER_MASS * _halving(page, lines, clusters[number]))
    bottom = next(number for number in range(article_clusters - 1, main - 1, -1)
                  if number == main or masses[number] >= LATER_CLUSTER_SHARE * masses[main])
    for cluster in clusters[top : bottom + 1]:
        first, last = cluster[0], cluster[-1]
        kept[first : last + 1] = [True] * (last + 1 - first)
        if opens is not None:
            first = keep_sections(opens, first, last, kept, closes)
        position, heads = first - 1, 0
        while position >= 0 and heads < HEAD_LINES:
            index = lines[position]
            if not (is_named[position] or index in spared):
                text = page.stripped[index]
                if len(text) > HEAD_LINE_MAX_CHARS or is_one_word(text):  # a menu item
                    break
                if numbered_after(page, index):  # a breadcrumb, "1. Home / 2. Sport / ..."
                    break
                kept[position] = True
                heads += 1
            position -= 1
        keep_introduced_list(page, lines, last, kept, is_named)
    appeal = closing_appeal(page, lines, kept, clusters[bottom][-1], weights)
    drop_stranded_sentences(page, lines, kept, clusters[bottom][-1], thread)
    keep_headline_of_the_title(page, lines, clusters[top][0], kept, is_named)
    keep_text_below_a_box(page, lines, clusters[bottom][-1], kept, is_named)
    keep_code_next_to_kept_text(page, lines, kept, is_named)
    keep_sentence_endings(page, lines, kept, is_named)
    span = (lines[clusters[main][0]], lines[clusters[main][-1]])
    article = (lines[clusters[top][0]], lines[clusters[bottom][-1]])
    found: dict[int, str] = {}
    kept[thread:] = [True] * (len(lines) - thread)  # readers' comments, kept
    position = next_flagged(kept, False, 0)
    while position < len(lines):
        end = next_flagged(kept, True, position)
        run = range(position, end)
        # A run that the comments follow is no closing line of the article's: it runs on
        # into them.
        if (
            len(run) >= SHORTEST_REMOVED_RUN
            or (run.stop == thread and thread_line is not None)
            or any(is_named[item] for item in run)
        ):
            where = _where(lines, run, span)
            reason = f"not article text: a run of {len(run)} lines {where}"
            for item in run:
                index = lines[item]
                if (
                    not is_named[item] or index in teasers
                    or (index in dates and index > article[1])
                ):
                    found[index] = reason
                elif index in edge_named and not article[0] < index < article[1]:
                    found[index] = f"{edge_named[index]}, in a run of {len(run)} lines {where}"
        position = next_flagged(kept, False, end)
    found.update(appeal)
    return found


def _halving(page: Page, lines: list[int], cluster: list[int]) -> int:
    """2 when no anchor of ``cluster`` is prose (all are running words without a stop,
    counted half), else 1. A sentence of prose cut off with "..." counts: a standfirst."""
    stripped = page.stripped
    return 1 if any(is_prose(stripped[lines[position]]) for position in cluster) else 2


def _where(lines: list[int], run: range, span: tuple[int, int]) -> str:
    first, last = lines[run.start], lines[run.stop - 1]
    article = f"the article's prose (lines {span[0] + 1}-{span[1] + 1})"
    if last < span[0]:
        return f"above {article}"
    if first > span[1]:
        return f"below {article}"
    return f"between parts of {article}"


def own_article_span(
    page: Page, learned: Collection[int], copies: frozenset[int]
) -> tuple[int, int]:
    """The first and last line of the page's own article: the cluster (lines at most
    ``CLUSTER_GAP`` apart) holding the most prose that the model did not learn (-1, -1 when
    there is none). Copies of a paragraph are left out: another rule removes them."""
    stripped = page.stripped
    content = [index for index in page.kept_content()
               if index not in learned and index not in copies]
    own = [index for index in running_text_lines(page, content) if is_prose(stripped[index])]
    if not own:
        return -1, -1
    clusters = [[own[0]]]
    for index in own[1:]:
        if index - clusters[-1][-1] > CLUSTER_GAP:
            clusters.append([index])
        else:
            clusters[-1].append(index)
    article = max(clusters, key=lambda cluster: sum(len(visible(stripped[i])) for i in cluster))
    return article[0], article[-1]
