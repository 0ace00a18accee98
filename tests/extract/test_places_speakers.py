"""Places and sides that split incidents (issue 14, extraction faults): sentences written for
these tests.

- A bare name said with the definite article as its own determiner ("the White House said",
  "over the Middle East") is an institution, a building or an area, never a village of that
  name; a town whose name carries the article ("The Hague") keeps it; an article of another
  noun ("the Fairfield home") or of a list leaves the town alone.
- A country naming whose forces or side are meant ("U.S. assault forces", "on the U.S. side")
  places no event; nor is "the U.S." in running prose a dateline.
- The dateline's country ("HASAKAH, Syria (Wire) —") is no side of the clause it opens, nor is
  a town the statistical NER took for an organisation ("the shelling of Sarmada").
- A region named in another sentence ("the wider Middle East") places no incident, as a
  country does not.
- A clause naming towns far apart ("attacks all around the world in Paris, Brussels") lends
  none of them to another mention of an event.
- No gazetteer place is nameless: "None of these figures ..." names no Turkish province.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers.reading import read_news
from watchfloor.extract import Extractor
from watchfloor.extract.geoparse import geoparse_texts
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import AnnotatedDocument, Document, Precision
from watchfloor.resolve.gazetteer import Gazetteer
from watchfloor.resolve.places_data import read_places
from watchfloor.samples import sample_paths

pytestmark = [pytest.mark.issue(14), pytest.mark.slow]


def _read(extractor: Extractor, text: str) -> AnnotatedDocument:
    return read_news(
        extractor, text, datetime(2022, 2, 2, tzinfo=UTC), datetime(2022, 2, 3, tzinfo=UTC)
    )


def _names(doc: AnnotatedDocument) -> list[str]:
    return [p.name for p in doc.places]


@pytest.mark.parametrize(
    "sentence",
    [
        "The White House on Sunday welcomed the end of the siege of the prison in Raqqa. "
        "The prisoners are a risk to the United States.",
        "The raid on the jail in Raqqa was a risk, a concern the White House repeated. US "
        "CENTCOM said its aircraft had struck the attackers.",
        "Reporters gathered at the White House after the bombing in Raqqa. Syria and the "
        "United States said little.",
    ],
)
def test_the_white_house_is_no_town(extractor: Extractor, sentence: str) -> None:
    doc = _read(extractor, sentence)
    assert "White House" not in _names(doc)  # no town, and no place at all in a reading
    assert all(e.place is None or e.place.name != "White House" for e in doc.events)


def test_a_town_named_without_the_article_stays_a_town(extractor: Extractor) -> None:
    doc = _read(extractor, "The pastor drove from White House to Nashville, Tennessee, on Friday.")
    towns = {p.name: p for p in doc.places}
    assert towns["White House"].admin1 == "Tennessee"


def test_a_country_read_as_the_events_side_is_not_its_place(extractor: Extractor) -> None:
    doc = _read(extractor, "Daesh leader al-Qurashi dead after US raid, officials confirm")
    raid = next(e for e in doc.events if e.event_type == "raid_arrest")
    assert raid.actor1 is not None and raid.actor1.actor_id == "united_states"
    assert raid.place is None  # the raiding state is not where it raided
    elsewhere = _read(extractor, "US forces carried out a raid in Syria's Idlib province.")
    assert elsewhere.events[0].place is not None
    assert elsewhere.events[0].place.country_code == "SY"


def test_a_town_whose_name_carries_the_article_keeps_it() -> None:
    (record,) = geoparse_texts(
        [("t.txt", "The tribunal in The Hague heard the case; lawyers flew to the Hague.")]
    )
    hague = [t for t in record["toponyms"] if "Hague" in t["text"]]
    assert len(hague) == 2
    assert all(t["country_code"] == "NL" and t["precision"] == "town" for t in hague)


def test_a_name_with_its_article_is_an_area_before_a_village() -> None:
    (record,) = geoparse_texts(
        [("t.txt", "In Baltimore, Maryland, hopes spread over the Middle East this year.")]
    )
    (east,) = [t for t in record["toponyms"] if t["text"] == "Middle East"]
    assert east["precision"] == "region" and east["country_code"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Protesters walked to the Fairfield home of a banker in Fairfield County, Connecticut.",
        "Firefighters from the Fairfield, Weston and Easton departments helped in Connecticut.",
    ],
)
def test_an_article_of_another_noun_leaves_the_town(text: str) -> None:
    (record,) = geoparse_texts([("t.txt", text)])
    fairfield = next(t for t in record["toponyms"] if t["text"] == "Fairfield")
    assert fairfield["admin1"] == "Connecticut"


def test_the_gazetteer_keeps_the_article_of_a_name_that_has_it() -> None:
    gaz = Gazetteer.load()
    gaz.load_world()
    hague = gaz.resolve("The Hague")
    assert hague is not None and hague.country_code == "NL"
    assert gaz.resolve("the Euphrates") == gaz.resolve("Euphrates")


def test_a_country_naming_whose_forces_places_nothing(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Last night, the commander chose to engage U.S. assault forces with rifles.\n"
        "So, there were no casualties on the U.S. side throughout.",
    )
    engaged = [e for e in doc.events if e.place is not None]
    assert all(e.place is None or e.place.country_code != "US" for e in doc.events), engaged


def test_the_side_of_a_border_is_a_place(extractor: Extractor) -> None:
    doc = _read(extractor, "Fighting broke out on the Syria side of the border on Monday.")
    fights = [e for e in doc.events if e.event_type == "armed_clash"]
    assert fights and fights[0].place is not None and fights[0].place.country_code == "SY"


def test_an_initialism_in_prose_is_no_dateline(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Officials described the operation on Thursday.\n"
        "So, no casualties on the U.S. side, he said.\n"
        "Gunmen later attacked a checkpoint, killing two guards.",
    )
    attacks = [e for e in doc.events if e.event_type in {"armed_attack", "armed_clash"}]
    assert attacks and all(e.place is None for e in attacks)


def test_a_dateline_country_is_no_side(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "QAMISHLI, Syria (Example Wire) — Islamic State fighters attacked a checkpoint "
        "near Qamishli on Tuesday, killing three guards.",
    )
    attack = next(e for e in doc.events if e.trigger == "attacked")
    assert attack.actor1 is not None and attack.actor1.actor_id == "isis"


def test_a_capitals_dateline_still_places_a_report(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Bomb kills three\nQAMISHLI Syria A car bomb exploded on Tuesday, killing three people.",
    )
    assert doc.events and doc.events[0].place is not None
    assert doc.events[0].place.country_code == "SY"


def test_no_gazetteer_place_is_nameless() -> None:
    for name in ("gazetteer_places.tsv.gz", "gazetteer_countries.tsv.gz"):
        nameless = [p.id for p in read_places(name) if p.name in {"", "None", "nan"}]
        assert nameless == [], name


def test_none_is_no_place(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Estimates of how many prisoners escaped differ. None of these figures can be "
        "checked independently.",
    )
    assert all(p.precision is not Precision.GOVERNORATE for p in doc.places)
    assert "None" not in _names(doc)


def test_a_town_the_ner_took_for_an_organisation_is_no_side(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Helicopters landed near Atmeh in Idlib province on Thursday.\n"
        "The shelling of Sarmada killed two people on Friday, residents said.",
    )
    shelling = next(e for e in doc.events if e.trigger == "shelling")
    assert shelling.actor1 is None or shelling.actor1.text != "Sarmada"


def test_the_press_call_places_no_raid_abroad(extractor: Extractor) -> None:
    """The bundled background press call on the Atmeh raid (3 February 2022) never names
    Atmeh: its events take no place from "the U.S. side", "the White House Situation Room" or
    "attacks all around the world in Paris, Brussels"."""
    (path,) = [p for p in sample_paths() if p.name.startswith("2022-02-03-background-press")]
    docs = [d for d in read_inputs([str(path)], IngestOptions()) if isinstance(d, Document)]
    (doc,) = extractor.extract(docs)
    placed = {e.place.name for e in doc.events if e.place is not None}
    assert not placed & {"United States", "Paris", "Brussels", "White House"}, placed


def test_a_region_from_another_sentence_places_no_incident(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Gunmen kill two at checkpoint\n"
        "Gunmen attacked a checkpoint near Qamishli on Monday, killing two guards.\n\n"
        "The minister spoke of the wider Middle East on Tuesday. Rebels later shelled a "
        "village, killing a child.\n",
    )
    shelling = next(e for e in doc.events if e.trigger == "shelled")
    assert shelling.place is not None and shelling.place.name == "Middle East"
    assert shelling.background
    assert "background: only a region named in another sentence" in shelling.reasons


def test_a_states_institution_with_its_article_places_nothing(extractor: Extractor) -> None:
    doc = _read(
        extractor,
        "Biden: IS leader blew himself up as US troops closed in\n\n"
        "In remarks at the White House, the president said the raid had removed a threat.",
    )
    assert all(p.name != "White House" for p in doc.places)
    assert all(e.place is None or e.place.name != "White House" for e in doc.events)
