"""Invariants of cleaning with a learned model and of the boilerplate_line rule, on generated
pages: a site's pages share chrome around different articles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import dechaff
from dechaff.fit import FitCounts
from dechaff.spans import sorted_removals
from test_properties import CHROME_LIKE, PROSE, TITLES, document

MENU = ["Home", "Town", "Coast", "Sport", "Weather", "Letters", "Archive", "Contact us"]
line = st.one_of(st.sampled_from(CHROME_LIKE + TITLES + PROSE + MENU), st.text(max_size=40))
chrome = st.lists(line, max_size=8)
site = st.builds(
    lambda head, tail, bodies, digits: [
        dechaff.Document(
            str(number),
            "\n".join([*head, f"{digits + number} comments", *body, *tail]),
            url=f"https://site.example/{number}",
        )
        for number, body in enumerate(bodies)
    ],
    chrome,
    chrome,
    st.lists(st.lists(st.sampled_from(PROSE + TITLES + [""]), max_size=6), min_size=1,
             max_size=4),
    st.integers(min_value=0, max_value=999),
)


@given(site)
def test_cleaning_with_a_model_keeps_the_invariants(pages: list[dechaff.Document]) -> None:
    model = dechaff.fit(pages)
    for page in pages:
        result = dechaff.clean(page, model=model)
        sorted_removals(result.removals, len(page.text))
        assert dechaff.apply_removals(page.text, result.removals) == result.text
        characters = iter(page.text)
        assert all(character in characters for character in result.text)
        again = dechaff.clean(page.with_text(result.text), model=model)
        assert again.text == result.text


@given(document)
def test_a_model_fitted_on_one_text_keeps_cleaning_idempotent(text: str) -> None:
    page = dechaff.Document("p", text, url="https://one.example/p")
    model = dechaff.fit([page, page.with_text(text + "\nHome\n")])
    once = dechaff.clean(page, model=model).text
    assert dechaff.clean(page.with_text(once), model=model).text == once


@given(site, st.data())
def test_counts_of_parts_merge_into_the_model_of_the_whole(
    pages: list[dechaff.Document], data: st.DataObject
) -> None:
    """However the corpus is cut into parts (and whatever copies of its pages it holds, in
    the same part or in another), merged counts teach the model of the whole."""
    copies = data.draw(st.lists(st.sampled_from(pages), max_size=3))
    corpus = [*pages, *copies]
    cut = data.draw(st.integers(min_value=0, max_value=len(corpus)))
    first, second = FitCounts(), FitCounts()
    for page in corpus[:cut]:
        first.add(page)
    for page in corpus[cut:]:
        second.add(page)
    model = dechaff.fit(corpus)
    assert first.merge(second).model() == model
    # A copy of a page is the same page: the site's templates do not change.
    assert model.sites == dechaff.fit(pages).sites


def test_a_line_beside_a_copy_of_the_standfirst_is_judged_alike_when_cleaned_again() -> None:
    # The copy goes (repeated_paragraph): the count below the standfirst is no subheading
    # between two paragraphs, on the first cleaning as on the second.
    standfirst = PROSE[0]
    page = dechaff.Document(
        "0", "\n".join([standfirst, "0 comments", standfirst, TITLES[0], PROSE[1]]),
        url="https://site.example/0",
    )
    model = dechaff.fit([page])
    once = dechaff.clean(page, model=model).text
    assert dechaff.clean(page.with_text(once), model=model).text == once
    assert "0 comments" not in once
