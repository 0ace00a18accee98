"""Where the real Guardian development articles put their events (issue 12 item 2).

Skips when ../shared/data is absent. Nothing here names an article: properties over every
event of the articles the analyst read.
- a place from the clause lies in the event's own sentence (the events component's place
  from another mention or another clause is no clause place);
- no event takes a name written in lower case (a common word: "a hole");
- no event takes a name said as where someone came from ("a pharmacist from Birmingham").
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest

from helpers.data import shared_path
from helpers.reading import nlp
from watchfloor.extract import Extractor
from watchfloor.extract.place_choice import is_origin
from watchfloor.model import Anchor, AnnotatedDocument, Document, Genre

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


@pytest.fixture(scope="module")
def read_articles() -> list[AnnotatedDocument]:
    """The development articles the analyst read, through the whole pipeline."""
    folder = shared_path("data", "guardian_syria_isis_2017_2019")
    gold = json.loads((folder / "analyst_incidents.json").read_text(encoding="utf-8"))
    with (folder / "guardian_syria_sample.csv").open(encoding="utf-8") as handle:
        rows = {int(r[""]): r for r in csv.DictReader(handle)}
    documents = [
        Document.build(
            rows[a["row"]]["text"],
            raw=rows[a["row"]]["text"].encode(),
            media_type="text/plain",
            source=f"guardian-{a['row']}.txt",
            retrieved=datetime(2026, 1, 26, tzinfo=UTC),
            published=datetime.fromisoformat(a["published"]).replace(tzinfo=UTC),
            language="en",
            genre=Genre.NEWS,
        )
        for a in gold["articles"]
    ]
    return list(Extractor().extract(documents))


def test_a_clause_place_lies_in_the_events_own_sentence(read_articles) -> None:
    checked = 0
    for doc in read_articles:
        for event in doc.events:
            if event.place_anchor is Anchor.CLAUSE and event.place is not None:
                checked += 1
                assert event.place.evidence.sentence == event.evidence.sentence, event
    assert checked >= 20


def test_no_event_takes_a_common_word_or_an_origin(read_articles) -> None:
    placed = 0
    for doc in read_articles:
        parsed = nlp()(doc.document.text)
        for event in doc.events:
            if event.place is None or event.place_anchor is Anchor.DATELINE:
                continue
            placed += 1
            assert any(c.isupper() for c in event.place.text), event.place
            assert not is_origin(parsed, event.place), (event.trigger, event.place.text)
    assert placed >= 40
