"""Which place an event takes among the places around it (issue 12 item 2, issue 13).

Sentences written for these tests: a place held by another ("Masyaf town in Hama
countryside") before the area that holds it; a reading outside the areas named around it
last; the finest fitting place inside an area; sources, agreements' names, origins and
countries named off-place are no place of the event; a part of a country ("northern Syria")
is only a last resort. The places are given by hand (name, point, precision, country, admin
area), so these tests do not depend on the gazetteer.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.reading import make, nlp
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.place_choice import is_origin, nest, tree_distance
from watchfloor.extract.statements import find_statements
from watchfloor.model import Anchor, AnnotatedDocument, EventMention, Precision

pytestmark = pytest.mark.issue(13)

TOWN, DISTRICT, GOV = Precision.TOWN, Precision.DISTRICT, Precision.GOVERNORATE
REGION, COUNTRY = Precision.REGION, Precision.COUNTRY
# name -> (lat, lon, precision, country, admin1, place_id)
PLACES: dict[str, tuple[float, float, Precision, str, str | None, str]] = {
    "Masyaf town": (35.07, 36.34, TOWN, "SY", "Hama", "masyaf"),
    "Hama countryside": (35.13, 36.76, GOV, "SY", "Hama", "sy-hama"),
    "Al Waraqa": (35.95, 39.01, TOWN, "SY", "Raqqa", "raqqa"),
    "Kani Masi town": (37.23, 43.44, TOWN, "IQ", "Duhok", "kani-masi"),
    "Duhok": (36.86, 42.99, TOWN, "IQ", "Duhok", "duhok"),
    "Shaca": (38.67, 29.41, TOWN, "TR", "Usak", "usak"),
    "Al Amadiya district": (37.09, 43.49, TOWN, "IQ", "Duhok", "amadiya"),
    "Al Laylia": (36.2, 41.3, TOWN, "SY", "Al-Hasakah", "laylia"),
    "Al-Hasakeh city": (36.5, 40.74, TOWN, "SY", "Al-Hasakah", "hasakah"),
    "Muthanna province": (31.31, 45.28, GOV, "IQ", "Al-Muthanna", "iq-muthanna"),
    "US": (38.0, -97.0, COUNTRY, "US", None, "cc-us"),
    "SANA": (15.35, 44.2, GOV, "YE", "Sanaa", "ye-sanaa"),
    "Homs": (34.73, 36.71, TOWN, "SY", "Homs", "homs"),
    "northern Syria": (36.15, 38.55, GOV, "SY", None, "cc-sy"),
    "Idlib": (35.93, 36.63, TOWN, "SY", "Idlib", "idlib"),
    "Riyadh": (24.69, 46.72, TOWN, "SA", "Riyadh", "riyadh"),
    "Afrin city": (36.51, 36.87, TOWN, "SY", "Aleppo", "afrin"),
    "Al Bab city": (36.37, 37.52, TOWN, "SY", "Aleppo", "al-bab"),
    "Aleppo": (36.2, 37.16, TOWN, "SY", "Aleppo", "aleppo"),
    "Digure": (36.87, 43.81, TOWN, "IQ", "Nineveh", "dawdi"),
    "Sinjar district": (36.32, 41.76, DISTRICT, "IQ", "Nineveh", "sinjar"),
}


def _doc(text: str) -> AnnotatedDocument:
    names = {name for name in PLACES if name in text}
    doc, context = make(text, places={n: PLACES[n][:3] for n in names})
    fixed = []
    for place in doc.places:
        _, _, _, country, admin1, place_id = PLACES[place.name]
        feature = "PPLC" if place.name == "Riyadh" else None
        fixed.append(
            replace(place, country_code=country, admin1=admin1, place_id=place_id, feature=feature)
        )
    doc = replace(doc, places=tuple(fixed))
    doc = find_statements(find_attributions(doc, context), context)
    return anchor_events(find_events(doc, context), context)


def _main(text: str) -> EventMention:
    doc = _doc(text)
    assert doc.events, text
    return doc.events[0]


def _placed(text: str) -> str | None:
    event = _main(text)
    return event.place.text if event.place is not None else None


def test_a_place_held_by_an_area_wins_over_the_area() -> None:
    event = _main("Turkish forces shelled Masyaf town in Hama countryside on Monday.")
    assert event.place is not None and event.place.text == "Masyaf town"
    assert event.place_anchor is Anchor.CLAUSE
    assert any("inside 'Hama countryside'" in r for r in event.reasons)


def test_the_sentence_lends_the_finest_fitting_place() -> None:
    # The toll's clause names no place: the sentence lends the village, not the area around
    # it, and not a neighbourhood read in another governorate.
    text = (
        "A girl's body was found near a hotel west of Al Waraqa neighborhood in Masyaf town "
        "in Hama countryside, killed by unknown gunmen."
    )
    assert _placed(text) == "Masyaf town"


def test_a_village_of_a_named_governorate_wins_over_its_capital() -> None:
    text = "PKK militants attacked the Turkish army base in Kani Masi town of Duhok."
    assert _placed(text) == "Kani Masi town"


def test_a_reading_outside_the_areas_named_around_it_loses() -> None:
    # "Shaca" read as Uşak in Turkey, beside a district of Duhok in Iraq.
    text = "Turkish warplanes carried out airstrikes in Shaca area in Al Amadiya district of Duhok."
    assert _placed(text) == "Al Amadiya district"


def test_a_name_held_by_a_city_lies_near_it() -> None:
    # A neighbourhood "in Al-Hasakeh city" read as a village 60 km away is the wrong reading.
    text = "QSD forces detained three people in Al Laylia neighborhood in Al-Hasakeh city."
    assert _placed(text) == "Al-Hasakeh city"


def test_a_reading_too_far_from_its_district_gives_way_to_the_district() -> None:
    # The events component gave the event "Digure" (read 190 km from Sinjar): the district the
    # text says holds it is the finest fitting place.
    event = _main(
        "Iraqi army forces attacked a security point belonging to Asayish forces in Digure "
        "village in Sinjar district on Monday."
    )
    assert event.place is not None and event.place.text == "Sinjar district"


def test_a_country_named_off_place_does_not_bound_the_event() -> None:
    text = (
        "Unknown militants detonated a roadside bomb targeting a convoy carrying materials "
        "for the US on the international highway in Muthanna province."
    )
    assert _placed(text) == "Muthanna province"


@pytest.mark.parametrize(
    "text",
    [
        "SANA said a car bomb exploded in a market in Homs on Monday.",
        "A car bomb exploded in a market in Homs on Monday, according to SANA.",
    ],
)
def test_a_source_is_no_place(text: str) -> None:
    assert _placed(text) == "Homs"


def test_a_part_of_a_country_is_refined_by_a_place_inside_it() -> None:
    event = _main(
        "Airstrikes killed 12 civilians in northern Syria on Monday. "
        "The strikes hit a market in Idlib, the monitor said."
    )
    assert event.place is not None and event.place.text == "Idlib"


def test_a_part_of_a_country_alone_is_only_an_area() -> None:
    event = _main("Airstrikes killed 12 civilians in northern Syria on Monday.")
    assert event.place is not None and event.place.text == "northern Syria"
    assert any("only an area" in r for r in event.reasons)


def _agreements_placed(text: str) -> list[str | None]:
    doc = _doc(text)
    agreements = [e for e in doc.events if e.event_type == "agreement"]
    assert agreements, "no agreement read"
    return [e.place.text if e.place else None for e in agreements]


def test_an_agreement_is_not_placed_by_its_name() -> None:
    # A deal is an incident only when its sentence names the fighting (events: deals).
    text = (
        "The Riyadh ceasefire agreement between the warring rivals collapsed in Aleppo on Monday."
    )
    assert "Riyadh" not in _agreements_placed(text)


def test_an_agreement_with_a_complement_is_not_placed_by_its_name() -> None:
    text = (
        "The Riyadh agreement to end the fighting between the rivals was signed in Aleppo on "
        "Monday."
    )
    assert "Riyadh" not in _agreements_placed(text)


def test_the_place_nearest_the_trigger_in_the_parse_wins_among_equals() -> None:
    text = (
        "Locals protested in support of opposition groups operating in Al Bab city during a "
        "demonstration in Afrin city, Aleppo."
    )
    assert _placed(text) == "Afrin city"


def test_origins_are_read_from_the_parse() -> None:
    doc, _ = make("Gunmen shot displaced people from Aleppo in Homs.", places={})
    parsed = nlp()(doc.document.text)
    aleppo = replace(_doc("Shelling hit Aleppo.").places[0])
    start = doc.document.text.index("Aleppo")
    evidence = replace(aleppo.evidence, start=start, end=start + len("Aleppo"))
    assert is_origin(parsed, replace(aleppo, evidence=evidence))
    patrol = nlp()("A patrol took place starting from Aleppo.")
    start = patrol.text.index("Aleppo")
    moved = replace(aleppo.evidence, start=start, end=start + len("Aleppo"))
    assert not is_origin(patrol, replace(aleppo, evidence=moved))


def test_nesting_reads_lists_apart_from_holders() -> None:
    doc = _doc("Regime forces shelled Al Bab city, Afrin city and Aleppo on Monday.")
    nesting = nest(list(doc.places), doc.document.text, set(), lambda _: True)
    assert not nesting.held  # a list names three places, none holding another
    held = _doc("Turkish forces shelled Masyaf town in Hama countryside.")
    nesting = nest(list(held.places), held.document.text, set(), lambda _: True)
    assert [p.text for p in nesting.held.values()] == ["Hama countryside"]


def test_tree_distance_counts_edges() -> None:
    parsed = nlp()("Forces shelled the town. Rebels fled.")
    assert tree_distance(parsed[1], parsed[1]) == 0
    assert tree_distance(parsed[1], parsed[3]) == 1
    assert tree_distance(parsed[1], parsed[5]) == 1000  # another sentence
