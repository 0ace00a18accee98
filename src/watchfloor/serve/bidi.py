"""Writing direction of text on the desk's pages: Arabic right to left, marked as Arabic.

`text_dir` gives the attributes for an element holding stored text: `dir="rtl" lang="ar"` when
the text is mostly Arabic letters (or its document's language is Arabic), otherwise
`dir="auto"`, which lets the browser take the direction from the first strong letter, so a
Latin line quoting an Arabic name stays left to right and an Arabic snippet in an English list
reads right to left. Highlights inside keep working: the bidi algorithm orders Latin names and
numbers inside an Arabic line, and `<mark>` elements do not break it.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from watchfloor.extract.arabic.languages import is_arabic_code

__all__ = ["is_rtl", "text_dir"]

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_SAMPLE = 2000  # characters looked at: the opening of a long text says which way it runs

RTL = Markup(' dir="rtl" lang="ar"')
AUTO = Markup(' dir="auto"')


def is_rtl(text: str | None, language: str | None = None) -> bool:
    """Whether text runs right to left: an Arabic document, or more Arabic letters than Latin."""
    if is_arabic_code(language):
        return True
    if not text:
        return False
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC_LETTER.findall(sample))
    return arabic > 0 and arabic >= len(_LATIN_LETTER.findall(sample))


def text_dir(text: str | None, language: str | None = None) -> Markup:
    """The `dir` (and `lang`) attributes, with their leading space, for an element of text."""
    return RTL if is_rtl(text, language) else AUTO
