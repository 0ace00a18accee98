"""Which type a happening takes, and which happenings are incidents (issue 12: Guardian events).

Sentences written for these tests, plus real rows from the development Guardian articles
(skipped when ../shared/data is absent). Fighters giving themselves up are a surrender (a
strategic development), not a battle; forces arriving, amassing or sent somewhere are a
deployment; capturing people is an arrest, capturing a place is territory; an attack on a place
is a battle for it; only deals about the fighting are incidents (a trade or legal deal is not);
what was announced or is expected has not happened; a verbal act ACLED does not code is shown
as background; mentions dated apart are two happenings; the earliest lead sentence leads.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers.data import guardian_text
from helpers.reading import PUBLISHED, read_news
from watchfloor.extract import Extractor
from watchfloor.extract.reading import reading_of
from watchfloor.model import AnnotatedDocument, Modality
from watchfloor.resolve.ontology import Ontology

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


def _read(extractor: Extractor, text: str, published: datetime | None = None) -> AnnotatedDocument:
    return read_news(extractor, text, published or PUBLISHED)


def _incidents(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events if e.is_incident]


def _asserted(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events if e.modality is Modality.ASSERTED]


_TYPES = [
    # surrender
    ("Hundreds of ISIS fighters surrendered to the SDF in Baghuz on Tuesday.", "surrender"),
    ("The surrender of rebel forces in Deraa ended the siege.", "surrender"),
    # deployment
    ("By Friday the Syrian military had arrived at the frontline in Manbij.", "deployment"),
    ("A Turkish army is amassing on the border near Kobani.", "deployment"),
    ("Israel placed troops in the Golan Heights on high alert on Tuesday.", "deployment"),
    # capture of people is an arrest, of a place territory
    ("The SDF captured three foreigners near Hajin on Saturday.", "raid_arrest"),
    ("Government forces captured the town of Khan Sheikhoun.", "territory_seized"),
    ("The fall of Raqqa came in October.", "territory_seized"),
    # an attack on a place is a battle; an air onslaught an airstrike
    ("Turkey's attack on the Kurdish enclave of Afrin killed dozens of civilians.", "armed_clash"),
    ("Syrian troops mounted a new offensive against the rebels in Idlib.", "armed_clash"),
    ("A Syrian air force onslaught continued against rebel-held areas of Ghouta.", "airstrike"),
    # a gas attack is a chemical weapon; a drone brought down a disrupted weapon
    ("A sarin gas attack on Khan Sheikhoun killed at least 87 people in April.", "chemical_attack"),
    (
        "Israel said it downed an armed Iranian drone over the Golan on Monday.",
        "disrupted_weapons_use",
    ),
    # deals about the fighting
    ("A ceasefire took effect in eastern Ghouta on Tuesday.", "agreement"),
    ("Rebels agreed to hand over their heavy weapons and leave Deraa.", "agreement"),
]


@pytest.mark.parametrize(("text", "expected"), _TYPES)
def test_type_of_the_happening(extractor: Extractor, text: str, expected: str) -> None:
    types = _incidents(_read(extractor, text))
    assert types and types[0] == expected, types


@pytest.mark.parametrize(
    "text",
    [
        "Trump lashed out a day after agreeing to dissolve his charitable foundation.",
        "Iran signed a trade deal with China on Monday.",
        "The talks produced an agreement on a unified opposition delegation.",
    ],
)
def test_a_deal_outside_the_fighting_is_no_incident(extractor: Extractor, text: str) -> None:
    assert "agreement" not in _asserted(_read(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump has announced a rapid troop withdrawal from Syria.",
        "Ahead of a widely expected incursion, Erdogan threatened the Kurds in Afrin.",
        "The autonomous Kurdish region of Rojava faces invasion.",
        "Residents of Idlib fear a repeat of airstrikes, barrel bombs and chemical attacks.",
        "Iran is engaged in multiple conflicts across the Middle East.",
    ],
)
def test_announced_expected_feared_or_a_state_is_not_a_happening(
    extractor: Extractor, text: str
) -> None:
    doc = _read(extractor, text)
    assert not _incidents(doc), [(e.event_type, e.modality, e.reasons) for e in doc.events]


def test_a_verbal_act_is_background_with_its_reason(extractor: Extractor) -> None:
    doc = _read(extractor, "Kurdish officials in Qamishli denounced the Turkish government.")
    verbal = [e for e in doc.events if e.event_type == "disapprove"]
    assert verbal and all(not e.is_incident for e in verbal)
    assert any("statement or political act" in r for r in verbal[0].reasons)


def test_mentions_dated_apart_are_two_happenings(extractor: Extractor) -> None:
    text = (
        "Houthi rebels fired missiles at Riyadh on Wednesday. "
        "Last year, Houthi militants began firing missiles at Riyadh."
    )
    doc = _read(extractor, text, published=datetime(2018, 5, 9, tzinfo=UTC))
    shelling = [e for e in doc.events if e.event_type == "shelling"]
    assert len(shelling) == 2, [(e.trigger, e.date) for e in shelling]


def test_the_earliest_lead_sentence_leads(extractor: Extractor) -> None:
    text = (
        "US-backed fighters retook the final enclave of ISIS in Baghuz on Saturday. "
        "Thousands of ISIS fighters and their families surrendered to the SDF, and hundreds "
        "more surrendered on Sunday."
    )
    doc = _read(extractor, text, published=datetime(2019, 3, 26, tzinfo=UTC))
    assert doc.events[0].event_type == "territory_seized", [e.event_type for e in doc.events]


def test_acled_pair_follows_who_acts_and_where() -> None:
    raid = Ontology.load().get("raid_arrest")
    assert raid.acled_pair("government_forces", "IQ") == ("Strategic developments", "Arrests")
    assert raid.acled_pair("government_forces", "SY")[1] == "Abduction/forced disappearance"
    assert raid.acled_pair("armed_group", None)[1] == "Abduction/forced disappearance"
    assert raid.acled_pair(None, "SY") == ("Strategic developments", "Arrests")


def test_turkish_backed_police_is_not_iraqs(extractor: Extractor) -> None:
    text = "Turkish-backed National Police Forces detained a civilian in Qastal on Monday."
    doc = _read(extractor, text)
    raid = next(e for e in doc.events if e.event_type == "raid_arrest")
    assert raid.actor1 is not None and raid.actor1.actor_id == "syrian_national_police"
    reading = reading_of(doc, Ontology.load())
    assert reading["events"][0]["acled_sub_event_type"] == "Abduction/forced disappearance"


@pytest.mark.parametrize(
    ("row", "published", "sentence", "expected"),
    [
        # "Thousands more Islamic State fighters and their families surrendered to the SDF"
        (23, datetime(2019, 3, 12, tzinfo=UTC), 1, "surrender"),
        # "by Friday Syria's military had arrived at the frontline in Manbij"
        (132, datetime(2018, 12, 30, tzinfo=UTC), 22, "deployment"),
        # "Turkey's attack on the Kurdish enclave of Afrin"
        (622, datetime(2018, 1, 24, tzinfo=UTC), 0, "armed_clash"),
        # "a Syrian air force onslaught has continued against rebel-held areas"
        (683, datetime(2017, 11, 28, tzinfo=UTC), 18, "airstrike"),
    ],
)
def test_guardian_rows_read_the_analysts_type(
    extractor: Extractor, row: int, published: datetime, sentence: int, expected: str
) -> None:
    doc = _read(extractor, guardian_text(row), published=published)
    said = {
        e.event_type
        for e in doc.events
        if e.is_incident and sentence in {e.evidence.sentence, *(s.sentence for s in e.support)}
    }
    assert expected in said, said


def test_a_place_the_places_component_read_is_a_place_object() -> None:
    """ "Ghouta" is no place entity for the parser; the places component's reading decides."""
    from helpers.reading import make
    from watchfloor.extract.attribution import find_attributions
    from watchfloor.extract.events import find_events
    from watchfloor.extract.statements import find_statements
    from watchfloor.model import Precision

    text = "Rebels left after the fall of Ghouta on Monday."
    doc, context = make(text, places={"Ghouta": (33.52, 36.36, Precision.DISTRICT)})
    doc = find_events(find_statements(find_attributions(doc, context), context), context)
    assert "territory_seized" in {e.event_type for e in doc.events}


def test_between_placed_lead_happenings_the_earliest_leads() -> None:
    """Two lead happenings with places of their own: the earlier sentence's leads, even when
    the later one has more figures."""
    from helpers.reading import make
    from watchfloor.extract.anchoring import anchor_events
    from watchfloor.extract.attribution import find_attributions
    from watchfloor.extract.events import find_events
    from watchfloor.extract.statements import find_statements
    from watchfloor.model import Precision

    text = "Warplanes bombed Hama. Gunmen shot and killed 10 civilians in Idlib."
    places = {
        "Idlib": (35.93, 36.63, Precision.GOVERNORATE),
        "Hama": (35.13, 36.75, Precision.TOWN),
    }
    doc, context = make(text, places=places)
    doc = find_statements(find_attributions(doc, context), context)
    doc = anchor_events(find_events(doc, context), context)
    assert doc.events[0].event_type == "airstrike", [e.event_type for e in doc.events]
