"""Loading the spaCy pipeline once per process, with an entity ruler before the statistical NER.

On this domain the stock model tags local places (al-Hol, Ghwayran) as persons and splits
"Islamic State"; the ruler, fed by the actor catalogue and the gazetteer, labels them first and
the NER respects its spans. Line breaks always end a sentence: headings, bylines and list items
("One: ...") must not run into the next paragraph.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from watchfloor.errors import ConfigError

__all__ = ["LINE_BREAKS", "load_nlp"]

logger = logging.getLogger(__name__)

LINE_BREAKS = "watchfloor_line_breaks"
_LOADED: dict[tuple[str, int], Language] = {}


def _break_at_newlines(doc: Doc) -> Doc:
    """Start a sentence after every token that holds or is followed by a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def _register_line_breaks() -> None:
    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_break_at_newlines)


def load_nlp(model: str, patterns: Sequence[dict[str, Any]]) -> Language:
    """The spaCy pipeline `model` with watchfloor's ruler patterns, loaded once per process.

    Args:
        model: name of an installed spaCy package (never downloaded).
        patterns: entity-ruler patterns ({"label", "pattern", "id"}) from catalogue and gazetteer.
    """
    key = (model, hash(tuple(repr(p) for p in patterns)))
    if key in _LOADED:
        return _LOADED[key]
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed; install the project with `make run` "
            "(it is a PyPI dependency, nothing is downloaded at run time)"
        ) from exc
    _register_line_breaks()
    nlp.add_pipe(LINE_BREAKS, before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    logger.info("loaded %s with %d ruler patterns", model, len(patterns))
    _LOADED[key] = nlp
    return nlp
