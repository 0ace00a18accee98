"""A standalone geoparser: toponyms of plain texts with coordinates, precision and score.

Like Mordecai, but offline and regional: the spaCy pipeline runs with the gazetteer's ruler
patterns, and each toponym is resolved by extract/places.py in the context of its own text.
Models load once for all inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from watchfloor.extract.components import ExtractOptions
from watchfloor.extract.nlp import load_nlp
from watchfloor.extract.places import locate_places
from watchfloor.model import PlaceMention
from watchfloor.resolve.gazetteer import Gazetteer

__all__ = ["geoparse_texts", "toponym_record"]


def toponym_record(mention: PlaceMention) -> dict[str, Any]:
    """One toponym as the geoparse output row (see docs/geoparse.md)."""
    return {
        "text": mention.text,
        "start": mention.evidence.start,
        "end": mention.evidence.end,
        "name": mention.name,
        "lat": mention.lat,
        "lon": mention.lon,
        "country_code": mention.country_code,
        "admin1": mention.admin1,
        "precision": mention.precision.value if mention.place_id or mention.lat else None,
        "score": mention.score,
        "note": mention.note,
    }


def geoparse_texts(
    items: Iterable[tuple[str, str]], options: ExtractOptions | None = None
) -> Iterator[dict[str, Any]]:
    """(file label, text) pairs to {"file", "toponyms"} records, in input order.

    Offsets are character offsets into the text as given.
    """
    options = options or ExtractOptions()
    gazetteer = Gazetteer.load()
    nlp = load_nlp(options.spacy_model, gazetteer.ruler_patterns())
    pairs = list(items)
    parsed = nlp.pipe((text for _, text in pairs), batch_size=options.batch_size)
    for (label, _), doc in zip(pairs, parsed, strict=True):
        mentions = locate_places(doc, gazetteer, document_id=label, every_name=True)
        yield {"file": label, "toponyms": [toponym_record(m) for m in mentions]}
