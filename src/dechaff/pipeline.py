"""Cleaning one document: run the enabled rules in order, then apply their removals once."""

from __future__ import annotations

from collections.abc import Callable

from .config import RULE_NAMES, Config
from .document import CleanResult, Document, Metadata
from .page import Page
from .rules.blank_lines import find_blank_lines
from .rules.date_header import find_date_headers
from .rules.photo_credit import find_photo_credits
from .rules.repeated_headline import find_repeated_headlines
from .rules.repeated_paragraph import find_repeated_paragraphs
from .rules.scaffolding import find_scaffolding
from .spans import apply_removals

RuleFinder = Callable[[Page, Config], None]

FINDERS: dict[str, RuleFinder] = {
    "date_header": find_date_headers,
    "scaffolding": find_scaffolding,
    "photo_credit": find_photo_credits,
    "repeated_headline": find_repeated_headlines,
    "repeated_paragraph": find_repeated_paragraphs,
    "blank_lines": find_blank_lines,
}
assert tuple(FINDERS) == RULE_NAMES

DEFAULT_CONFIG = Config()


def clean(text_or_document: str | Document, config: Config | None = None) -> CleanResult:
    """Clean one text or document; the result says what was removed and why.

    >>> result = clean("Friday 31 December 2021\\n\\n\\n\\nHello world.\\nNo comments:")
    >>> result.text
    'Hello world.\\n'
    >>> result.metadata.date
    '2021-12-31'
    >>> [removal.rule for removal in result.removals]
    ['date_header', 'blank_lines', 'blank_lines', 'blank_lines', 'scaffolding']
    """
    document = (
        text_or_document
        if isinstance(text_or_document, Document)
        else Document(id="-", text=text_or_document)
    )
    if not isinstance(document.text, str):
        raise TypeError(f"a document's text must be a str, not {type(document.text).__name__}")
    config = config or DEFAULT_CONFIG
    page = Page(document.text)
    for name in RULE_NAMES:
        if config.runs(name):
            FINDERS[name](page, config)
    removals = tuple(sorted(page.removals, key=lambda removal: removal.start))
    text = apply_removals(document.text, removals)
    metadata = Metadata(date=page.metadata.get("date"), headline=page.metadata.get("headline"))
    return CleanResult(text=text, removals=removals, metadata=metadata, document=document)


def clean_text(text: str) -> str:
    """The cleaned text, with the default options.

    >>> clean_text("Harbour plans approved\\n\\n\\n\\nHarbour plans approved\\n\\nBody text.\\n")
    'Harbour plans approved\\n\\nBody text.\\n'
    """
    return clean(text).text
