"""What a line looks like: prose of the article, or a headline."""

from __future__ import annotations

import re

# What may close a sentence after its stop: quotes as each language writes them ("...",
# „...“, »...«, « ... », 「...」) and brackets, with the space French sets before a closing
# guillemet.
CLOSERS = "\"'”’“»«›‹)]）」』 \u00a0\u202f"
_SENTENCE_ENDS = ".!?。！？;:…"
_FULL_STOPS = ".!?。！？"
_INNER_SENTENCE = re.compile(r"\w[.!?]\s+[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Chinese and Japanese set no spaces between words (Korean does). Where a line's words are
# counted, this many of their characters count as one: a menu item ("关于我们", "公司首页")
# is one word, a headline of twenty characters five.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
UNSPACED_CHARS_PER_WORD = 4
# A line of Chinese or Japanese this short is a label or a menu item, one "word" however many
# words it holds ("お問い合わせ", "公司简介"), unless it ends as a sentence does (a short
# headline that asks); a headline says more.
LONGEST_UNSPACED_LABEL = 8
# A line's script is judged from its first characters: a page scraped as one line of
# hundreds of megabytes is not counted character by character.
SCRIPT_SAMPLE_CHARS = 10_000

# Lines this long are article text whatever their punctuation (longer than any headline).
PROSE_MIN_CHARS_UNPUNCTUATED = 260
PROSE_MIN_CHARS = 60
PROSE_MIN_CHARS_CJK = 25
# A label printed twice is a menu's: a longer line that says one thing twice is text.
LONGEST_DOUBLED_LINE = 300
# Padding is looked for in lines up to this long; a longer line (a page scraped as one line)
# is text whatever its padding, and collapsing it again at every look would cost more.
LONGEST_PADDED_LINE = 10_000


def visible(text: str) -> str:
    """The line with runs of whitespace inside it made one space.

    Text extractors pad lines to lay out columns ("+ Mais<200 spaces>+ Biene"): the padding
    is no text, and must not make a menu row look as long as a paragraph.

    >>> visible("Home" + " " * 80 + "News")
    'Home News'
    """
    if len(text) <= LONGEST_PADDED_LINE and ("  " in text or "\t" in text):
        return " ".join(text.split())
    return text


def is_prose(text: str) -> bool:
    """A sentence (or several) of running text, as opposed to a title, label or menu item.

    >>> is_prose("Juru Bicara Kremlin Dmitry Peskov telah mengkonfirmasi kepada Sputnik bahwa ada.")
    True
    >>> is_prose("Newer Post Older Post Home")
    False
    >>> is_prose("+ Mostereien" + " " * 300 + "Agrarwetter")
    False
    >>> is_prose("» Wir haben uns sehr wohl gefühlt. Vielen Dank, wir kommen gerne wieder. «")
    True
    """
    text = visible(text)
    length = len(text)
    if length >= PROSE_MIN_CHARS_UNPUNCTUATED:
        return True
    if length < PROSE_MIN_CHARS_CJK:
        return False
    if not ends_a_sentence(text):
        return False
    if length >= PROSE_MIN_CHARS and text.count(" ") >= 6:
        return True
    return has_cjk(text)


def ends_a_sentence(text: str) -> bool:
    """Whether a line ends as a sentence or a clause does (closing quotes and brackets aside).

    >>> ends_a_sentence("Er sagte: »Wir kommen.«"), ends_a_sentence("Home")
    (True, False)
    """
    last = text.rstrip(CLOSERS)[-1:]
    return last != "" and last in _SENTENCE_ENDS


def has_cjk(text: str) -> bool:
    """Whether a line holds Chinese, Japanese or Korean characters.

    >>> has_cjk("一分公司收到业主表扬信"), has_cjk("Hello")
    (True, False)
    """
    return not text.isascii() and _CJK.search(text) is not None


def is_unspaced(text: str) -> bool:
    """Whether a line is written mostly in Chinese or Japanese, without spaces between words.

    >>> is_unspaced("11月17日一分公司收到了来自业主的表扬信。"), is_unspaced("Hello 世界")
    (True, False)
    """
    if not has_cjk(text):
        return False
    sample = text[:SCRIPT_SAMPLE_CHARS]
    return 2 * _unspaced_count(sample) >= len(sample) - sample.count(" ")


def _unspaced_count(text: str) -> int:
    """How many characters of ``text`` are Chinese or Japanese (counted in C, with no list of
    them made)."""
    return _UNSPACED.subn("", text)[1]


def is_sentence(text: str) -> bool:
    """A full sentence of five words or more, closed by its stop (not cut off with "...").

    >>> is_sentence("Beat the eggs with the sugar until pale."), is_sentence("Read more...")
    (True, False)
    >>> is_sentence("Home News Sport Contact About")
    False
    """
    last = text.rstrip(CLOSERS)
    return (
        last[-1:] in _FULL_STOPS
        and last[-1:] != ""
        and not last.endswith(("...", "…"))
        and has_words(visible(text), 5)
    )


def is_one_word(text: str) -> bool:
    """Whether a line is a single word: no space in it, or a short line of Chinese or
    Japanese that ends no sentence (see ``LONGEST_UNSPACED_LABEL``).

    >>> is_one_word("Home"), is_one_word("お問い合わせ"), is_one_word("島へ行ってきました")
    (True, True, False)
    """
    if " " in text:
        return False
    if not is_unspaced(text):
        return True
    return len(text) <= LONGEST_UNSPACED_LABEL and text.rstrip(CLOSERS)[-1:] not in _FULL_STOPS


def has_words(text: str, least: int) -> bool:
    """Whether a line holds ``least`` words or more: its words between spaces, and in Chinese
    or Japanese a word for every ``UNSPACED_CHARS_PER_WORD`` characters.

    >>> has_words("Home News Sport", 3), has_words("Home News", 3)
    (True, False)
    >>> has_words("关于我们", 2), has_words("青岛大学莘园餐厅食堂餐饮服务采购项目更正公告", 5)
    (False, True)
    """
    spaces = text.count(" ")
    if spaces + 1 >= least:
        return True
    if not has_cjk(text):
        return False
    unspaced = _unspaced_count(text[:SCRIPT_SAMPLE_CHARS])
    return unspaced > 0 and spaces + 1 + (unspaced - 1) // UNSPACED_CHARS_PER_WORD >= least


def is_doubled(text: str) -> bool:
    """A label printed twice on one line, with at most two words between: a menu entry and
    its submenu's button ("Luftqualität Submenu Luftqualität"), not running text. A sentence
    said twice in a row is still prose.

    >>> is_doubled("Warum zum UBA? Submenu Warum zum UBA?"), is_doubled("Über uns Über uns")
    (True, True)
    >>> is_doubled("Wir sind wir, und das bleibt so, wir sind wir.")
    False
    >>> is_doubled("Go on, go on. Go on, go on.")
    False
    """
    # The second copy starts past the middle with the first word: most lines fail at once.
    first = text[: text.find(" ") + 1]
    if not first or len(text) > LONGEST_DOUBLED_LINE or text.find(first, len(text) // 2) < 0:
        return False
    words = text.split()
    for glue in (0, 1, 2):
        half, odd = divmod(len(words) - glue, 2)
        if half >= 2 and not odd and words[:half] == words[half + glue :]:
            return glue > 0 or words[half - 1][-1:] not in _FULL_STOPS
    return False


def is_headline_like(text: str, min_chars: int, max_chars: int) -> bool:
    """A short line that could be a title: no closing full stop, not several sentences.

    >>> is_headline_like("Rusia Menekankan Perlu Hasil Pembicaraan, Biden Memahami Itu", 16, 250)
    True
    >>> is_headline_like("The talks ended. Both sides agreed to meet again.", 16, 250)
    False
    """
    if not min_chars <= len(text) <= max_chars:
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    return _INNER_SENTENCE.search(text) is None
