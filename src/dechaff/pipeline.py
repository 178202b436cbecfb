"""Cleaning one document: run the enabled rules in order, then apply their removals once."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from .config import RULE_NAMES, Config
from .document import CleanResult, Document, Metadata
from .model import Model
from .page import Page
from .rules.blank_lines import find_blank_lines
from .rules.boilerplate_line import find_boilerplate_lines, settle_boilerplate_lines
from .rules.comment_thread import find_comment_thread
from .rules.date_header import find_date_headers
from .rules.photo_credit import find_photo_credits
from .rules.repeated_headline import find_repeated_headlines
from .rules.repeated_paragraph import find_repeated_paragraphs
from .rules.scaffolding import find_scaffolding
from .rules.site_template import find_site_templates
from .spans import apply_removals
from .templates import host_of

RuleFinder = Callable[[Page, Config], object]

FINDERS: dict[str, RuleFinder] = {
    "comment_thread": find_comment_thread,
    "boilerplate_line": find_boilerplate_lines,
    "site_template": find_site_templates,
    "date_header": find_date_headers,
    "scaffolding": find_scaffolding,
    "photo_credit": find_photo_credits,
    "repeated_headline": find_repeated_headlines,
    "repeated_paragraph": find_repeated_paragraphs,
    "blank_lines": find_blank_lines,
}
assert tuple(FINDERS) == RULE_NAMES

DEFAULT_CONFIG = Config()


def clean(
    text_or_document: str | Document, config: Config | None = None, model: Model | None = None
) -> CleanResult:
    """Clean one text or document; the result says what was removed and why.

    With a ``model`` (see :func:`dechaff.fit`), lines learned as chrome of the document's site
    (from its ``url``) or of many sites go too, and the model's function words join the table.

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
    if model is not None and not isinstance(model, Model):
        raise TypeError(f"model must be a dechaff.Model (from dechaff.fit or Model.load), "
                        f"not {type(model).__name__}")
    page = Page(document.text)
    page.memo["host"] = host_of(document.url)
    if model is not None:
        page.memo["model"] = model
        page.memo["extra_function_words"] = model.function_words
    for name in RULE_NAMES:
        if name == "blank_lines" and config.runs("boilerplate_line"):
            learned = (
                (lambda: find_site_templates(page, config))
                if model is not None and config.runs("site_template") else None
            )
            settle_boilerplate_lines(page, config, lambda: _run_again(page, config), learned)
        if config.runs(name):
            FINDERS[name](page, config)
    removals = tuple(sorted(page.removals, key=_start))
    text = apply_removals(document.text, removals)
    metadata = Metadata(date=page.metadata.get("date"), headline=page.metadata.get("headline"))
    return CleanResult(text=text, removals=removals, metadata=metadata, document=document)


_start = attrgetter("start")


def _run_again(page: Page, config: Config) -> None:
    """The rules that read the article's body, once more (see settle_boilerplate_lines)."""
    for name in RULE_NAMES[RULE_NAMES.index("site_template") + 1 : -1]:
        if config.runs(name):
            FINDERS[name](page, config)


def clean_text(text: str) -> str:
    """The cleaned text, with the default options.

    >>> clean_text("Harbour plans approved\\n\\n\\n\\nHarbour plans approved\\n\\nBody text.\\n")
    'Harbour plans approved\\n\\nBody text.\\n'
    """
    return clean(text).text
