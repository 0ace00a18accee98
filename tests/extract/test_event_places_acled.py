"""Where the real ACLED notes of the development data put their main event (issues 12, 13).

Skips when ../shared/data is absent. ACLED's coded point is the reference; nothing here names
a row: one floor over all notes (the main event within 25 and 161 km of ACLED's point), and
one pattern ("X town/village in Y countryside/governorate/province", both read inside the
same admin area, gives the event X, never Y, whenever the event is placed from that
sentence).
"""

from __future__ import annotations

import csv
import itertools
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from helpers.data import shared_path
from watchfloor.extract import Extractor
from watchfloor.model import Anchor, AnnotatedDocument, Document, Genre
from watchfloor.model.geo import haversine_km

pytestmark = [pytest.mark.issue(13), pytest.mark.slow]

_HELD = re.compile(
    r"\b(?:town|village)\s+in\s+(?:the\s+)?[\w' -]+?\s+(?:countryside|governorate|province)\b"
)


@pytest.fixture(scope="module")
def read_notes() -> list[tuple[dict[str, Any], AnnotatedDocument]]:
    """Every development note, read by the whole pipeline."""
    path = shared_path("data", "acled_syria_iraq_2022", "acled_syria_iraq_2022.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    extractor = Extractor()
    documents = [
        Document.build(
            row["notes"],
            raw=row["notes"].encode(),
            media_type="text/plain",
            source=f"{row['event_id_cnty']}.txt",
            retrieved=datetime(2026, 1, 26, tzinfo=UTC),
            published=None,
            language="en",
            genre=Genre.NEWS,
        )
        for row in rows
    ]
    return list(zip(rows, extractor.extract(documents), strict=True))


def test_acled_main_events_lie_near_acleds_point(read_notes) -> None:
    near = within = 0
    for row, doc in read_notes:
        place = doc.events[0].place if doc.events else None
        if place is None or place.lat is None or place.lon is None:
            continue
        km = haversine_km(place.lat, place.lon, float(row["latitude"]), float(row["longitude"]))
        near += km <= 25
        within += km <= 161
    # Measured 0.72 / 0.967 when written (0.611 / 0.929 before the event took the held place).
    assert near / len(read_notes) >= 0.70
    assert within / len(read_notes) >= 0.93


def test_acled_a_town_held_by_an_area_is_the_events_place(read_notes) -> None:
    checked = 0
    for _, doc in read_notes:
        if not doc.events or not _HELD.search(doc.document.text):
            continue
        event = doc.events[0]
        if event.place is None or event.place_anchor not in (Anchor.CLAUSE, Anchor.SENTENCE):
            continue
        sentence = [p for p in doc.places if p.evidence.sentence == event.place.evidence.sentence]
        for inner, outer in itertools.pairwise(sentence):
            gap = doc.document.text[inner.evidence.end : outer.evidence.start]
            said = re.fullmatch(r"\s+in\s+(?:the\s+)?(?:al\s|as\s|ar\s)?", gap, re.IGNORECASE)
            if not (said and outer.text.endswith(("countryside", "governorate", "province"))):
                continue
            if inner.precision.value != "town" or inner.admin1 != outer.admin1:
                continue
            checked += 1
            assert event.place.evidence != outer.evidence, doc.document.text
    assert checked >= 10
