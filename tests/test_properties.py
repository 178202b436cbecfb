"""Invariants of cleaning, checked on generated text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import dechaff
from dechaff.spans import sorted_removals

# Lines that look like chrome, titles, dates and prose, mixed with arbitrary text, so that the
# rules meet each other's leftovers.
CHROME_LIKE = [
    "No comments:", "Post a Comment", "Home", "Share this:", "Related", "Labels: news, town",
    "Newer Post Older Post Home", "Posted by Anna at 10:32 AM", "Friday 31 December 2021",
    "2019-07-14", "Foto: dpa", "©Jane Doe/Agency", "© 2021 Example Ltd. All rights reserved.",
    "Leave a Reply", "Like Loading...", "Tidak ada komentar:", "Beranda", "Twitter", "Facebook",
    "Thank you!", "This field is required.", "Lee también...", "Skip to the content", "Gazette",
    "Camionero herido sigue grave en el hospital Domingo 01 Mayo, 2022 | 13:05",
    "Ich bin damit einverstanden, personalisierte E-Mails der Gazette zu erhalten.",
]
TITLES = [
    "The harbour plans are approved at last", "The harbour plans are approved at last | Gazette",
    "THE HARBOUR PLANS ARE APPROVED AT LAST", "The harbour plans are approved…",
    "Gazette: The harbour plans are approved at last",
]
PROSE = [
    "The council met on Monday and approved the harbour plans after a long debate about costs.",
    "Work is due to start in spring, and the first ships should dock there in two years.",
    "Residents said they welcomed the decision but worried about traffic on the coast road.",
]
BLANKS = ["", " ", "\t", "\u00a0", "\u200b", "\ufeff", "  \u3000 "]

line = st.one_of(
    st.sampled_from(CHROME_LIKE + TITLES + PROSE + BLANKS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
)
document = st.builds(
    lambda lines, endings, final: "".join(
        text + ending for text, ending in zip(lines, endings, strict=False)
    ) + final,
    st.lists(line, max_size=30),
    st.lists(st.sampled_from(["\n", "\r\n", "\n"]), min_size=30, max_size=30),
    st.sampled_from(["", "\n", "tail"]),
)


@given(document)
def test_cleaning_is_idempotent(text: str) -> None:
    once = dechaff.clean_text(text)
    assert dechaff.clean_text(once) == once


@given(document)
def test_cleaning_a_page_with_its_address_is_idempotent(text: str) -> None:
    # With an address, the site's name under the page's title ("... | Gazette") is chrome.
    page = dechaff.Document("1", text, url="https://www.gazette.example/1")
    once = dechaff.clean(page).text
    assert dechaff.clean(page.with_text(once)).text == once


@given(document)
def test_output_is_never_longer_and_is_a_subsequence(text: str) -> None:
    cleaned = dechaff.clean_text(text)
    assert len(cleaned) <= len(text)
    characters = iter(text)
    assert all(character in characters for character in cleaned)


@given(document)
def test_replaying_removals_rebuilds_the_output(text: str) -> None:
    result = dechaff.clean(text)
    sorted_removals(result.removals, len(text))  # raises on overlap or out-of-range spans
    assert dechaff.apply_removals(text, result.removals) == result.text
    assert all(removal.rule in dechaff.RULE_NAMES and removal.reason for removal in result.removals)
    assert all(removal.end > removal.start for removal in result.removals)


WORDS = [
    "river", "market", "bread", "teacher", "window", "garden", "village", "winter", "morning",
    "letter", "station", "music", "harvest", "bridge", "painter", "kitchen", "lantern", "meadow",
    "orchard", "harbour", "council", "engine", "forest",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=8, max_size=20).map(
    lambda words: " ".join(words).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
clean_document = st.builds(
    lambda title, paragraphs: title + "\n\n" + "\n\n".join(paragraphs) + "\n",
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
        lambda words: " ".join(words).title()
    ),
    st.lists(paragraph, min_size=1, max_size=8, unique=True),
)


@given(clean_document)
def test_clean_text_comes_out_unchanged(text: str) -> None:
    result = dechaff.clean(text)
    assert result.text == text
    assert result.removals == ()


@given(clean_document, st.data())
def test_injected_chaff_is_removed_exactly(text: str, data: st.DataObject) -> None:
    title, _, body = text.partition("\n\n")
    paragraphs = body.rstrip("\n").split("\n\n")
    gap = data.draw(st.sampled_from(["\n\n\n\n", "\n \n\u00a0\n\n", "\n\n\u200b\n\t\n\n"]))
    credits = ["Foto: Reuters", "(Photo by John Roe/AFP)", "©Ana Ruiz/EFE"]
    credit = data.draw(st.sampled_from(credits))
    position = data.draw(st.integers(min_value=0, max_value=len(paragraphs)))
    noisy_paragraphs = [*paragraphs[:position], credit, *paragraphs[position:]]
    footer = data.draw(
        st.sampled_from([
            "No comments:\n\nPost a Comment\n\nNewer Post Older Post Home\n",
            "Share this:\nTwitter\nFacebook\n\nLike this:\nLike Loading...\n\nLeave a Reply\n",
            "Tidak ada komentar:\n\nPoskan Komentar\n",
            "Keine Kommentare:\n",
        ])
    )
    date = data.draw(st.sampled_from(["Friday 31 December 2021", "Kamis, 30 Desember 2021"]))
    noisy = (
        f"\n\n{date}\n\n{title}\n\n{title.upper()}\n{gap}"
        + gap.join(noisy_paragraphs)
        + f"{gap}{footer}\n\n\n"
    )
    assert dechaff.clean_text(noisy) == text


@given(document)
def test_shared_paragraph_keys_equal_paragraph_key(text: str) -> None:
    """The per-page key cache is a faster road to the same keys."""
    from dechaff.page import Page
    from dechaff.page_text import paragraph_keys
    from dechaff.rules.repeated_paragraph import paragraph_key

    page = Page(text)
    assert paragraph_keys(page) == [paragraph_key(line) for line in page.stripped]
