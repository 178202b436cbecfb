"""Learning boilerplate from a corpus: site templates, chrome across sites, syndication, models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dechaff
from dechaff.fit import FitCounts
from dechaff.templates import line_template

STORIES = [
    [
        "The council met on Monday and approved the harbour plans after a long debate.",
        "Work is due to start in spring, and the first ships should dock there in two years.",
    ],
    [
        "The old bridge over the river will close for repairs from the first of June.",
        "Drivers are asked to use the ferry or the coast road while the work goes on.",
    ],
    [
        "Pupils of the harbour school planted a hundred trees along the river on Friday.",
        "The teachers said they hope to plant as many again next spring with the parents.",
    ],
    [
        "A night market with fish, bread and lanterns returned to the old quay this week.",
        "The stall holders said that the crowds were larger than at any market before.",
    ],
]


def site_page(number: int, story: list[str]) -> dechaff.Document:
    """A page of a blog: the same chrome, with its counters and dates changed."""
    text = "\n\n".join([
        "Harbour Notes",
        f"Posted by Anna at {number % 12 + 1}:{number * 7 % 60:02d} AM",
        *story,
        f"{number * 3 + 1} comments",
        "Older posts are in the archive",
        f"© {2015 + number} Harbour Notes Ltd",
    ]) + "\n"
    return dechaff.Document(f"page-{number}", text, url=f"https://notes.example/{number}")


def test_templates_ignore_digits_and_calendar_words() -> None:
    assert line_template("Posted by Anna at 10:32 AM") == line_template("Posted by Anna at 9:05 AM")
    assert line_template("© 2021 Example Ltd") == line_template("©  2024 Example Ltd ")
    assert line_template("123 comments") == line_template("7 comments")
    assert line_template("Friday, 4 March 2022") == line_template("Monday, 30 May 2021")
    assert line_template("Posted by Anna") != line_template("Posted by Bob")


def test_templates_ignore_list_marks() -> None:
    assert line_template("* Home") == line_template("• Home") == line_template("Home")
    assert line_template("- 3 comments") == line_template("12 comments")
    assert line_template("Home *") != line_template("Home")
    assert line_template("*Home") != line_template("Home")  # emphasis, not a list mark
    # One menu at three depths of a nested list, as inscriptis marks them: "*", "+", "o".
    assert line_template("o Wer ist Wer?") == line_template("+ Wer ist Wer?")
    assert line_template("ohne Titel") != line_template("Titel")


def test_templates_ignore_a_space_before_a_colon() -> None:
    # A teaser's kicker and title, printed by two crawls with and without the space.
    kicker = "Platzprobleme in Hamburg : Hafenfähren lassen Passagiere an Land"
    assert line_template(kicker) == line_template(kicker.replace(" :", ":"))
    assert line_template("Hamburg:Fähren") != line_template("Hamburg: Fähren")


def test_site_templates_are_learned_and_removed_with_their_numbers_changed() -> None:
    pages = [site_page(number, STORIES[number % len(STORIES)]) for number in range(8)]
    model = dechaff.fit(pages)
    learned = model.templates_for("notes.example")
    assert line_template("Posted by Anna at 10:32 AM") in learned
    assert line_template("© 2021 Harbour Notes Ltd") in learned
    assert line_template("12 comments") in learned
    unseen = site_page(40, ["The lighthouse keeper retired after forty years on the rock.",
                            "She said she will miss the storms more than the calm days."])
    result = dechaff.clean(unseen, model=model)
    assert "Posted by Anna" not in result.text
    assert "comments" not in result.text
    assert "©" not in result.text
    assert "The lighthouse keeper retired after forty years on the rock." in result.text
    assert "She said she will miss the storms more than the calm days." in result.text
    assert {"site_template"} <= {removal.rule for removal in result.removals}
    assert dechaff.apply_removals(unseen.text, result.removals) == result.text
    assert dechaff.clean(result.text, model=model).text == result.text


def test_templates_of_one_site_do_not_touch_another_site() -> None:
    model = dechaff.fit([site_page(number, STORIES[number % 4]) for number in range(6)])
    text = "Harbour Notes\n\nOlder posts are in the archive\n"
    other = dechaff.Document("x", text, url="https://elsewhere.example/")
    assert model.templates_for("elsewhere.example") == {}
    assert dechaff.clean(other, model=model).text == text
    assert dechaff.clean(dechaff.Document("y", text, url="https://notes.example/9"),
                         model=model).text == ""


def test_a_page_printed_twice_on_its_site_keeps_its_text() -> None:
    """Two printings of one story (an update, a print view) share every line: not chrome."""
    story = STORIES[0]
    pages = [site_page(1, story), site_page(2, story)]
    model = dechaff.fit(pages)
    for page in pages:
        text = dechaff.clean(page, model=model).text
        assert all(paragraph in text for paragraph in story)


# A site's chrome with more prose than an article: a blurb and teasers of other stories.
BLURB = [
    "Harbour Notes is written by Anna, who has lived by the old quay for thirty years and "
    "writes about the town, its boats and its people every week.",
    "Our newsletter comes out every Sunday morning. It holds the week's stories, the tide "
    "tables and the dates of the markets, and you can leave it whenever you like.",
    "Last week: the lighthouse keeper's daughter told us how the lamp was lit by hand until "
    "the year the power line finally reached the point.",
]


# Articles of a few paragraphs each (the pages hold more than a blurb's worth of their own).
LONG_STORIES = [
    [*STORIES[n], f"{extra} The paper will follow the story in the coming weeks, and readers "
     "can send their questions to the newsroom by letter or by email."]
    for n, extra in enumerate([
        "The harbour master said the new berths would take ships of twice the present size.",
        "The engineers found that the old stones had been cut from the quarry on the hill.",
        "Each child was given a tree to look after and a small sign with its name on it.",
        "Some stalls sold out of bread before dark, and the lantern makers ran out of wax.",
    ])
]


def test_prose_the_site_prints_around_each_article_goes() -> None:
    pages = [
        dechaff.Document(f"p{n}", "\n\n".join([BLURB[0], *story, *BLURB[1:]]) + "\n",
                         url=f"https://notes.example/{n}")
        for n, story in enumerate(LONG_STORIES)
    ]
    model = dechaff.fit(pages)
    for page, story in zip(pages, LONG_STORIES, strict=True):
        result = dechaff.clean(page, model=model)
        assert result.text == "\n\n".join(story) + "\n"
        assert {removal.rule for removal in result.removals} <= {"site_template", "blank_lines"}


# An article that is no prose: a table of results, each row a long line of names and figures.
RESULTS = [
    "1. Quay Rowing Club 6:12.4 (A. Berg, T. Lund, M. Holm, K. Dahl), 2. Harbour Rowers 6:15.9 "
    "(J. Vik, P. Ek, S. Moe, L. Aas), 3. Point Boat Club 6:21.0 (R. Nes, O. Lie, E. Sand)",
    "4. Old Town Oars 6:24.8 (H. Rud, B. Strand, F. Hauge, N. Bakke), 5. River Crew 6:30.2 "
    "(D. Foss, G. Lind, I. Hov, C. Dal), 6. Lighthouse 6:41.7 (U. Tveit, Y. Myhre, V. Eide)",
]


def test_prose_the_site_prints_around_a_table_of_results_goes() -> None:
    """A page whose article holds no prose still has text of its own: the site's blurbs
    around it go, as they do around the site's stories."""
    texts = [[BLURB[0], *story, *BLURB[1:]] for story in LONG_STORIES[:3]]
    texts.append([BLURB[0], *RESULTS, *BLURB[1:]])
    pages = [
        dechaff.Document(f"p{n}", "\n\n".join(text) + "\n", url=f"https://notes.example/{n}")
        for n, text in enumerate(texts)
    ]
    model = dechaff.fit(pages)
    assert dechaff.clean(pages[-1], model=model).text == "\n\n".join(RESULTS) + "\n"


def test_prose_around_the_articles_of_a_site_of_two_pages_goes() -> None:
    """Two pages that print different stories share only their chrome: a paragraph both
    print is the site's, not a story printed twice."""
    pages = [
        dechaff.Document(f"p{n}", "\n\n".join([*story, *BLURB]) + "\n",
                         url=f"https://notes.example/{n}")
        for n, story in enumerate(LONG_STORIES[:2])
    ]
    model = dechaff.fit(pages)
    for page, story in zip(pages, LONG_STORIES, strict=False):
        assert dechaff.clean(page, model=model).text == "\n\n".join(story) + "\n"


def test_a_lead_printed_on_a_list_of_teasers_stays_in_its_article() -> None:
    """A site of two pages: a story, and a list of leads holding its lead. The lead is the
    site's on both pages, and still the article's first paragraph."""
    story = LONG_STORIES[0]
    teasers = [story[0], *(paragraphs[0] for paragraphs in LONG_STORIES[1:])]
    pages = [
        dechaff.Document("story", "\n\n".join(story) + "\n", url="https://notes.example/a"),
        dechaff.Document("list", "\n\n".join(teasers) + "\n", url="https://notes.example/"),
    ]
    model = dechaff.fit(pages)
    assert line_template(story[0]) in model.templates_for("notes.example")
    assert dechaff.clean(pages[0], model=model).text == pages[0].text


def latest_news_site() -> list[dechaff.Document]:
    """A site whose pages each open with their story's headline and print the latest
    stories' headlines below the article: the first page's headline is among them."""
    headlines = [
        "Harbour plans approved after a long debate",
        "Old bridge to close for repairs in June",
        "Pupils plant a hundred trees along the river",
        "Night market returns to the old quay",
    ]
    latest = ["Latest news", headlines[0], headlines[1]]
    return [
        dechaff.Document(
            str(number),
            "\n\n".join([headline, *STORIES[number], *latest]) + "\n",
            url=f"https://gazette.example/{number}",
        )
        for number, headline in enumerate(headlines)
    ]


def test_a_headline_that_opens_its_own_page_stays_there() -> None:
    """The latest story's headline is the site's on every page (its list of the latest
    news); on its own page it opens the page above the article, and stays there."""
    pages = latest_news_site()
    model = dechaff.fit(pages)
    headline = pages[0].text.split("\n")[0]
    assert line_template(headline) in model.templates_for("gazette.example")
    assert model.sites["gazette.example"].openers[line_template(headline)] == 1
    own = dechaff.clean(pages[0], model=model).text
    assert own.startswith(headline + "\n")
    assert own.count(headline) == 1  # its copy in the list goes
    again = dechaff.clean(dechaff.Document("0", own, url=pages[0].url), model=model).text
    assert again == own
    # Below another page's article, it is a teaser.
    assert headline not in dechaff.clean(pages[2], model=model).text


def test_a_line_that_opens_many_pages_is_the_site_s_header() -> None:
    pages = [
        dechaff.Document(page.id, "Harbour Gazette\n\n" + page.text, url=page.url)
        for page in latest_news_site()[:3]
    ]
    model = dechaff.fit(pages)
    assert model.sites["gazette.example"].openers["harbour gazette"] == 3
    assert not dechaff.clean(pages[0], model=model).text.startswith("Harbour Gazette")


def test_a_model_of_version_1_is_read_without_openers(tmp_path: Path) -> None:
    pages = latest_news_site()
    data = dechaff.fit(pages).to_json()
    data["version"] = 1
    for site in data["sites"].values():
        del site["openers"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    model = dechaff.Model.load(path)
    assert model.sites["gazette.example"].openers is None
    headline = pages[0].text.split("\n")[0]
    assert headline not in dechaff.clean(pages[0], model=model).text


def test_openers_merge_as_they_are_counted_whole() -> None:
    site = latest_news_site()
    pages = [*site, dechaff.Document("copy", site[0].text, url="https://gazette.example/c")]
    first, second = FitCounts(), FitCounts()
    for page in pages[:2]:
        first.add(page)
    for page in pages[2:]:
        second.add(page)
    merged = first.merge(second).model()
    assert merged == dechaff.fit(pages)
    # The page crawled again at another address opens one page still.
    assert set(merged.sites["gazette.example"].openers.values()) == {1}


# A legal notice printed under every article of a site, as one long paragraph.
DISCLAIMER = " ".join([
    "The articles on this site are written for general information only and are not legal,",
    "financial or medical advice; the editors check them with care, but they cannot promise",
    "that every figure, date or name is right on the day you read it, and they are not",
    "liable for any loss that comes from acting on them.",
] * 3)


def test_a_long_paragraph_the_site_prints_on_every_page_goes() -> None:
    assert len(DISCLAIMER) > 500
    pages = [
        dechaff.Document(f"p{n}", "\n\n".join([*story, DISCLAIMER]) + "\n",
                         url=f"https://notes.example/{n}")
        for n, story in enumerate(LONG_STORIES)
    ]
    model = dechaff.fit(pages)
    assert line_template(DISCLAIMER) in model.templates_for("notes.example")
    for page, story in zip(pages, LONG_STORIES, strict=True):
        result = dechaff.clean(page, model=model)
        assert result.text == "\n\n".join(story) + "\n"


def test_long_paragraphs_found_across_sites_are_never_platform_chrome() -> None:
    """Across sites a long paragraph is a story (or its one-paragraph summary), never
    chrome: only its own site can teach that it is."""
    pages = [
        dechaff.Document(f"{site}", "\n\n".join([*STORIES[site % 4], DISCLAIMER]) + "\n",
                         url=f"https://daily{site}.example/story")
        for site in range(6)
    ]
    assert line_template(DISCLAIMER) not in dechaff.fit(pages).cross_site


def test_long_lines_do_not_make_platform_chrome_look_syndicated() -> None:
    """Pages that each hold a long paragraph of their own share no story."""
    pages = []
    for site in range(6):
        own = " ".join([f"Site {site} reports:", *LONG_STORIES[site % 4]] * 3)
        assert len(own) > 500
        text = "\n\n".join([own, "Share this story", "Leave a comment below"]) + "\n"
        pages.append(dechaff.Document(f"{site}", text, url=f"https://daily{site}.example/a"))
    model = dechaff.fit(pages)
    assert line_template("Share this story") in model.cross_site


def test_a_learned_sentence_inside_a_page_s_own_article_stays() -> None:
    """A quote printed by two stories of a site is learned, but not taken out of either."""
    quote = "\"We will not give up the harbour,\" the mayor said to the crowd on the quay."
    stories = [[*story[:1], quote, *story[1:]] for story in STORIES[:2]] + STORIES[2:]
    pages = [site_page(number, stories[number % len(stories)]) for number in range(4)]
    model = dechaff.fit(pages)
    assert line_template(quote) in model.templates_for("notes.example")
    for page, story in zip(pages, stories, strict=True):
        text = dechaff.clean(page, model=model).text
        assert all(paragraph in text for paragraph in story)


def test_a_learned_subheading_does_not_split_the_page_s_own_article() -> None:
    """A site prints one subheading in several stories (a column's heading): it is learned,
    and must not cut the article in two, the second part lost as a section."""
    heading = "Why the harbour matters"
    stories = [
        [*(paragraphs[part] for paragraphs in LONG_STORIES[:3]), heading, LONG_STORIES[3][part]]
        for part in (0, -1)
    ]
    pages = [site_page(0, stories[0]), site_page(1, stories[1]), site_page(2, STORIES[0])]
    model = dechaff.fit(pages)
    assert line_template(heading) in model.templates_for("notes.example")
    for page, story in zip(pages, stories, strict=False):
        text = dechaff.clean(page, model=model).text
        assert all(paragraph in text for paragraph in story if paragraph != heading)


def test_one_story_printed_on_two_pages_of_a_site_teaches_no_template() -> None:
    """A site printed one story twice with other chrome around it (the address crawled again
    with another sidebar, a print view): its short lines are the story's, not the site's
    chrome, and the two pages count as one."""
    story = [LONG_STORIES[0][-1], "Why the harbour matters", LONG_STORIES[1][-1],
             LONG_STORIES[2][-1]]
    first = site_page(0, story)
    again = dechaff.Document("again", first.text.replace("Older posts are in the archive",
                                                         "Newer posts: the harbour opens"),
                             url="https://notes.example/0?print=1")
    pages = [first, again, site_page(2, STORIES[0]), site_page(3, STORIES[1])]
    model = dechaff.fit(pages)
    assert line_template("Why the harbour matters") not in model.templates_for("notes.example")
    assert model.sites["notes.example"].pages == 3
    assert line_template("Harbour Notes") in model.templates_for("notes.example")
    assert all(paragraph in dechaff.clean(again, model=model).text for paragraph in story)


def test_one_story_spaced_apart_by_two_extractors_is_one_page() -> None:
    """Two extractors space a paragraph apart around a dash or a link ("humans— carbon",
    "humans—carbon"): the two printings of the story still count as one page, so that its
    paragraphs, on two of the site's three pages, are not taken for the site's."""
    story = [paragraphs[-1] for paragraphs in LONG_STORIES]
    spaced = [story[0], story[1].replace(", and ", " , and "), *story[2:]]
    assert spaced != story
    pages = [site_page(0, story), site_page(1, spaced), site_page(2, STORIES[0])]
    model = dechaff.fit(pages)
    assert model.sites["notes.example"].pages == 2
    for page, printed in zip(pages, [story, spaced], strict=False):
        text = dechaff.clean(page, model=model).text
        assert all(paragraph in text for paragraph in printed)


def test_a_page_crawled_twice_counts_once() -> None:
    """The same text at the same site twice (crawled twice, or a corpus repeated) is one
    page: its lines are not the site's chrome, so its headings stay."""
    story = ["The harbour reopens", *LONG_STORIES[0], "What comes next", *LONG_STORIES[1]]
    page = dechaff.Document("a", "\n\n".join(story) + "\n", url="https://notes.example/a")
    again = dechaff.Document("b", page.text, url="https://notes.example/a?from=feed")
    model = dechaff.fit([page, again, site_page(2, STORIES[2])])
    assert model.sites.get("notes.example") is None or \
        line_template("What comes next") not in model.templates_for("notes.example")
    assert dechaff.clean(page, model=model).text == page.text
    # Merged counts of parts agree with counting the whole.
    first, second = FitCounts(), FitCounts()
    first.add(page)
    for document in (again, site_page(2, STORIES[2])):
        second.add(document)
    assert first.merge(second).model() == model


def syndicated_corpus() -> list[dechaff.Document]:
    """One agency story printed by six sites, each in its own chrome and beside its own
    stories; and a line of platform chrome printed by the same six sites under other stories."""
    agency = [
        "The national weather service warned on Sunday that a strong storm will reach the "
        "coast late on Tuesday, with winds of up to one hundred kilometres an hour.",
        "Ferries to the islands will not sail on Tuesday and Wednesday, and the harbour "
        "authority asked boat owners to move their boats to the inner basin.",
        "Schools on the coast will close early on Tuesday, and the coast road may be closed "
        "at short notice if waves reach the sea wall, the police said.",
        "The storm is expected to weaken on Thursday, and the weather service said that the "
        "weekend should be dry and calm along the whole coast.",
    ]
    documents = []
    for site in range(6):
        chrome = f"Site {site} Daily"
        documents.append(dechaff.Document(
            f"{site}/agency", "\n\n".join([chrome, *agency, "Share this story"]) + "\n",
            url=f"https://daily{site}.example/storm",
        ))
        local = STORIES[site % len(STORIES)]
        documents.append(dechaff.Document(
            f"{site}/local", "\n\n".join([chrome, *local, f"Local desk {site}",
                                          "Share this story"]) + "\n",
            url=f"https://daily{site}.example/local",
        ))
    return documents


def test_syndicated_stories_are_no_chrome_but_platform_phrases_are() -> None:
    documents = syndicated_corpus()
    model = dechaff.fit(documents)
    assert line_template("Share this story") in model.cross_site
    agency_text = documents[0].text
    for paragraph in agency_text.split("\n\n")[1:5]:
        assert line_template(paragraph) not in model.cross_site
    for document in documents:
        cleaned = dechaff.clean(document, model=model).text
        assert "Share this story" not in cleaned
        for paragraph in document.text.split("\n\n")[1:3]:
            assert paragraph in cleaned


def test_a_syndicated_story_edited_on_each_site_is_no_chrome() -> None:
    """Copies of an agency story are edited where they are printed (a word changed, a
    paragraph cut), so no paragraph is on every copy; each is still on half of them or more,
    and the line all copies share is the story's, not chrome."""
    paragraphs = [
        f"{opening} the harbour authority said on Monday that the new ferry terminal will open "
        f"in the spring, after two years of work on the quay and the roads around it."
        for opening in ("First,", "Second,", "Third,", "Fourth,", "Fifth,")
    ]
    shared = ("The storm of last winter damaged the old terminal so badly that the ferries "
              "had to dock at the fishing harbour for months.")
    documents = []
    for site in range(6):
        edited = {site % 5, (site + 2) % 5}
        story = [text.replace("harbour authority", "port authority") if number in edited
                 else text for number, text in enumerate(paragraphs)]
        text = "\n\n".join([f"Site {site} Daily", story[0], shared, *story[1:]]) + "\n"
        documents.append(dechaff.Document(f"{site}", text, url=f"https://daily{site}.example/a"))
    model = dechaff.fit(documents)
    assert line_template(shared) not in model.cross_site
    for document in documents:
        assert shared in dechaff.clean(document, model=model).text


def test_learned_function_words_come_from_the_corpus() -> None:
    documents = [dechaff.Document(str(n), "\n\n".join(STORIES[n % 4]) + "\n") for n in range(8)]
    model = dechaff.fit(documents)
    assert {"the", "and"} <= model.function_words
    assert model.documents == 8
    assert model.sites == {}  # no URL, no site


def test_model_round_trips_through_json_and_is_written_atomically(tmp_path: Path) -> None:
    model = dechaff.fit([site_page(number, STORIES[number % 4]) for number in range(4)])
    path = tmp_path / "model.json"
    model.save(path)
    model.save(path)  # over an existing file
    assert dechaff.Model.load(path) == model
    assert sorted(item.name for item in tmp_path.iterdir()) == ["model.json"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "dechaff-model"
    assert data["version"] == 2


def test_model_pickles_for_worker_processes() -> None:
    import pickle

    model = dechaff.fit([site_page(number, STORIES[number % 4]) for number in range(4)])
    assert pickle.loads(pickle.dumps(model)) == model


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"format": "something else"}', "not a dechaff model"),
        ('{"format": "dechaff-model", "version": 99}', "version 99 is not supported"),
        ('{"format": "dechaff-model", "version": 1, "sites": 3}', "malformed model"),
    ],
)
def test_bad_model_files_raise_input_errors_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(dechaff.InputError, match=message) as raised:
        dechaff.Model.load(path)
    assert str(path) in str(raised.value)


def test_missing_model_file_raises_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(dechaff.InputError, match="cannot read the model"):
        dechaff.Model.load(tmp_path / "absent.json")


def test_fit_options_are_checked() -> None:
    with pytest.raises(dechaff.ConfigError, match="site_share"):
        dechaff.FitOptions(site_share=0.0)
    with pytest.raises(dechaff.ConfigError, match="cross_site_sites"):
        dechaff.FitOptions(cross_site_sites=1)


def test_clean_refuses_something_that_is_no_model() -> None:
    with pytest.raises(TypeError, match=r"dechaff\.Model"):
        dechaff.clean("text", model={"sites": {}})  # type: ignore[arg-type]


def test_site_template_can_be_skipped() -> None:
    pages = [site_page(number, STORIES[number % 4]) for number in range(8)]
    model = dechaff.fit(pages)
    config = dechaff.Config().without("site_template", "boilerplate_line")
    result = dechaff.clean(pages[0], config, model)
    assert "site_template" not in {removal.rule for removal in result.removals}


def test_the_same_corpus_gives_the_same_model_in_any_process() -> None:
    # Function words tied at the cut-off once came out in an order that varied between runs.
    script = (
        "import json, dechaff\n"
        "words = [a + b + c for a in 'bdfg' for b in 'aeiou' for c in 'klmnprst'][:300]\n"
        "def lines(d):\n"
        "    return '\\n'.join(' '.join(words[d % 7 + k:][:18]) + '.' for k in range(0, 140, 18))\n"
        "docs = [dechaff.Document(str(d), lines(d), url=f'https://s{d % 3}.example/{d}') "
        "for d in range(40)]\n"
        "print(json.dumps(dechaff.fit(docs).to_json(), sort_keys=True))\n"
    )
    models = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(models) == 1
    assert json.loads(models.pop())["function_words"]


def test_cleaning_with_a_model_twice_removes_nothing_more_when_a_copy_goes() -> None:
    """The page's own article is measured without the paragraph copies that another rule
    removes, so that the cleaned page measures the same."""
    story = "The council met on Monday and approved the harbour plans after a long debate."
    headline = "The harbour plans are approved at last | Gazette"
    pages = [
        dechaff.Document("0", f"0 comments\n{story}\n{headline}\n{story}",
                         url="https://site.example/0"),
        dechaff.Document("1", f"1 comments\n{headline}", url="https://site.example/1"),
    ]
    model = dechaff.fit(pages)
    once = dechaff.clean(pages[0], model=model).text
    twice = dechaff.clean(dechaff.Document("0", once, url="https://site.example/0"),
                          model=model).text
    assert once == twice
    assert story in once


def test_a_recipe_card_stays_though_its_numbers_look_like_the_site_s_counters() -> None:
    """The site prints bare counters ("0" shares) on every page, so a model learns a line
    holding only a number as its chrome; the recipe card's "Servings" / "4" under the
    article must still keep its ingredients and steps (its labels, "Ingredients" on every
    page, are the site's)."""
    dishes = [
        ("Fish soup", ["500 g white fish", "2 onions, diced", "Some parsley"]),
        ("Bean stew", ["400 g white beans", "3 carrots, sliced", "A bay leaf"]),
        ("Apple cake", ["4 sour apples", "200 g flour", "A pinch of cinnamon"]),
        ("Leek pie", ["3 leeks, washed", "1 sheet of pastry", "Some thyme"]),
    ]

    def page(number: int, story: list[str]) -> dechaff.Document:
        dish, ingredients = dishes[number]
        text = "\n".join([
            "Harbour Kitchen", "Recipes", "Shares", str(number * 5),
            *story,
            "Print",
            f"{dish} from the harbour",
            "Servings", str(number + 2), "Prep time", str(number * 5 + 10), "minutes",
            "Ingredients",
            *ingredients,
            *(f"{count} leaves of {dish.lower()} herbs, chopped" for count in range(1, 12)),
            "Directions",
            f"Put the {ingredients[0].split()[-1]} in a large pot with the rest.",
            f"Let the {dish.lower()} cook slowly for twenty minutes, then serve it.",
            "Popular", "Likes", str(number * 2 + 1), "© Harbour Kitchen",
        ]) + "\n"
        return dechaff.Document(f"p{number}", text, url=f"https://kitchen.example/{number}")

    pages = [page(number, story) for number, story in enumerate(LONG_STORIES)]
    model = dechaff.fit(pages)
    for number, document in enumerate(pages):
        cleaned = dechaff.clean(document, model=model).text
        dish, ingredients = dishes[number]
        for line in (*ingredients, f"Let the {dish.lower()} cook slowly for twenty minutes, "
                     "then serve it."):
            assert line + "\n" in cleaned
