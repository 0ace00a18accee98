"""The printed and stored forms of a place: a resolved name (PlaceMatch) and a place read in a
text (PlaceMention) share one field list, and every form they are written in keeps its keys in
the order it had before they did (store rows, exports, `analyze`/`geoparse` output)."""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import text as sql

from watchfloor.extract.geoparse import toponym_record
from watchfloor.extract.reading import _place
from watchfloor.model import AnnotatedDocument, Evidence, PlaceMention, Precision, Sentence
from watchfloor.model.serialize import from_plain, to_plain
from watchfloor.resolve.places_data import Place
from watchfloor.resolve.places_match import PlaceMatch

EV = Evidence(document_id="doc-1", sentence=0, start=10, end=15, extractor="watchfloor.places.v1")

MENTION = PlaceMention(
    text="Raqqa",
    name="Ar Raqqah",
    place_id="163345",
    lat=35.95,
    lon=39.01,
    country_code="SY",
    admin1="Ar Raqqah",
    precision=Precision.TOWN,
    score=0.93,
    feature="PPLA",
    evidence=EV,
    note="beat Raqqa (IQ)",
)

PLAIN = (
    '{"text": "Raqqa", "name": "Ar Raqqah", "place_id": "163345", "lat": 35.95, "lon": 39.01, '
    '"country_code": "SY", "admin1": "Ar Raqqah", "precision": "town", "score": 0.93, '
    '"feature": "PPLA", "evidence": {"document_id": "doc-1", "sentence": 0, "start": 10, '
    '"end": 15, "extractor": "watchfloor.places.v1"}, "note": "beat Raqqa (IQ)"}'
)


def test_place_mention_plain_form_keeps_its_key_order():
    assert json.dumps(to_plain(MENTION)) == PLAIN
    assert from_plain(PlaceMention, json.loads(PLAIN)) == MENTION


def test_place_mention_positional_order_and_defaults_are_kept():
    names = [f.name for f in dataclasses.fields(PlaceMention)]
    assert names == [
        "text", "name", "place_id", "lat", "lon", "country_code", "admin1", "precision",
        "score", "feature", "evidence", "note",
    ]  # fmt: skip
    assert dataclasses.replace(MENTION, note="").note == ""
    bare = PlaceMention(**{n: getattr(MENTION, n) for n in names if n != "note"})
    assert bare.note == ""
    assert repr(MENTION).startswith("PlaceMention(text='Raqqa', name='Ar Raqqah', place_id=")


def test_place_match_fields_are_the_mention_fields_without_text_and_evidence():
    mention = [f.name for f in dataclasses.fields(PlaceMention)]
    match = [f.name for f in dataclasses.fields(PlaceMatch)]
    assert match == [n for n in mention if n not in ("text", "evidence")]
    place = Place(
        id="163345", name="Ar Raqqah", kind="city", lat=35.95, lon=39.01, country="SY",
        admin1="Ar Raqqah", admin2=None, feature="PPLA", population=0, precision=Precision.TOWN,
        names=("Ar Raqqah",), keys=("ar raqqah",),
    )  # fmt: skip
    found = PlaceMatch.of(place, 1.2, note="n")
    assert (found.score, found.precision, found.note) == (1.0, place.precision, "n")
    assert json.dumps(to_plain(found)) == (
        '{"name": "Ar Raqqah", "place_id": "163345", "lat": 35.95, "lon": 39.01, '
        '"country_code": "SY", "admin1": "Ar Raqqah", "precision": "'
        + place.precision.value
        + '", "score": 1.0, "feature": "PPLA", "note": "n"}'
    )


def test_analyze_and_geoparse_place_rows_keep_their_key_order():
    assert json.dumps(_place(MENTION)) == (
        '{"text": "Raqqa", "name": "Ar Raqqah", "place_id": "163345", "lat": 35.95, '
        '"lon": 39.01, "precision": "town", "country_code": "SY", "admin1": "Ar Raqqah", '
        '"sentence": 0, "start": 10, "end": 15}'
    )
    assert json.dumps(toponym_record(MENTION)) == (
        '{"text": "Raqqa", "start": 10, "end": 15, "name": "Ar Raqqah", "lat": 35.95, '
        '"lon": 39.01, "country_code": "SY", "admin1": "Ar Raqqah", "precision": "town", '
        '"score": 0.93, "note": "beat Raqqa (IQ)"}'
    )


def test_stored_reading_keeps_the_place_key_order(memory_store, make_document):
    doc = make_document("We went to Raqqa today.")
    evidence = dataclasses.replace(EV, document_id=doc.id)
    place = dataclasses.replace(MENTION, evidence=evidence)
    sentence = Sentence(index=0, start=0, end=len(doc.text), text=doc.text)
    memory_store.write_document(doc)
    memory_store.replace_annotations(
        AnnotatedDocument(document=doc, sentences=(sentence,), places=(place,)), "test"
    )
    with memory_store.engine.connect() as conn:
        stored = conn.execute(sql("SELECT data FROM readings")).scalar_one()
    data = json.loads(stored) if isinstance(stored, str) else stored
    assert json.dumps(data["places"][0]) == PLAIN.replace('"doc-1"', json.dumps(doc.id))
    assert memory_store.get_annotated(doc.id).places == (place,)
