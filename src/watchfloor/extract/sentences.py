"""Sentences from the spaCy parse, as character spans of the document text."""

from __future__ import annotations

from dataclasses import replace

from watchfloor.extract.components import Context, component
from watchfloor.model import AnnotatedDocument, Sentence

__all__ = ["find_sentences"]


@component("watchfloor.sentences.v1", requires={"parse"}, assigns={"sentences"})
def find_sentences(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """One `Sentence` per spaCy sentence, trimmed of surrounding whitespace; blanks dropped."""
    text = doc.document.text
    found: list[Sentence] = []
    for span in context.parsed.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Sentence(index=len(found), start=start, end=end, text=text[start:end]))
    return replace(doc, sentences=tuple(found))
