"""The Arabic reader: Arabic (and its dialect codes) read offline into an AnnotatedDocument.

One component per module: `normalise` (spaCy component setting token.norm_), `names`
(places, facilities, actors in Arabic script), `numbers` and `figures`, `dates`, `attribution`
(who says so, sentence kinds), `events` (trigger lexicon → ontology); `reader` assembles them.
`languages` says which language codes it reads and why others stay unread.
"""

from watchfloor.extract.arabic.languages import (
    ARABIC_CODES,
    is_arabic_code,
    reads_language,
    unread_reason,
)

__all__ = ["ARABIC_CODES", "is_arabic_code", "reads_language", "unread_reason"]
