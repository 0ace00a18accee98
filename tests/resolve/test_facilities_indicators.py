"""Indicator definitions and the figures that feed them."""

from __future__ import annotations

import pytest
import yaml

from helpers.facilities import build_reading
from watchfloor.errors import ConfigError
from watchfloor.extract.facilities import read_facility_claims
from watchfloor.extract.indicators import read_indicator_points
from watchfloor.model import Qualifier
from watchfloor.resolve.facilities import load_register
from watchfloor.resolve.indicators import load_indicators

pytestmark = pytest.mark.issue(9)
V, R, AL, AP = Qualifier.VAGUE, Qualifier.RANGE, Qualifier.AT_LEAST, Qualifier.APPROXIMATELY


@pytest.fixture(scope="module")
def register():
    return load_register()


@pytest.fixture(scope="module")
def indicators(register):
    return load_indicators(register=register)


def _points(text, quantities, register, indicators, **kwargs):
    doc = build_reading(text, quantities=quantities, **kwargs)
    claims = read_facility_claims(doc, register)
    return read_indicator_points(doc, indicators, register, claims)


def test_indicators_packaged_file_loads(indicators):
    ids = {i.id for i in indicators}
    assert {"isis-fighters-syria", "isis-detainees-nes", "al-hol-population"} <= ids
    assert all(i.patterns and 0 < i.threshold < 5 for i in indicators)


def test_indicators_unknown_facility_is_a_config_error(tmp_path, register):
    path = tmp_path / "ind.yaml"
    entry = {"id": "x", "name": "X", "facility": "nowhere", "patterns": [{"nouns": ["person"]}]}
    path.write_text(yaml.safe_dump({"indicators": [entry]}))
    with pytest.raises(ConfigError, match="not in the register"):
        load_indicators(path, register)


@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        (
            "In Syria, ISIS networks have between 1,500 and 3,000 fighters in the deserts.",
            ("between 1,500 and 3,000", 1500, 3000, R, "fighters", "fighters"),
            ["isis-fighters-syria"],
        ),
        (
            "In Iraq, ISIS has between 1,500 and 3,000 fighters.",
            ("between 1,500 and 3,000", 1500, 3000, R, "fighters", "fighters"),
            ["isis-fighters-iraq"],
        ),
        (
            "In Syria, the SDF has 5,000 fighters.",
            ("5,000", 5000, 5000, Qualifier.EXACT, "fighters", "fighters"),
            [],
        ),
        (
            "Hasakah holds tens of thousands of ISIS detainees.",
            ("tens of thousands", 10000, 99999, V, "ISIS detainees", "held"),
            ["isis-detainees-nes"],
        ),
        (
            "In Idlib, ISIS detainees number at least 500.",
            ("at least 500", 500, None, AL, "ISIS detainees", "held"),
            [],
        ),
        (
            "In Syria, hundreds of ISIS fighters escaped.",
            ("hundreds", 100, 999, V, "ISIS fighters", "escaped"),
            [],
        ),
        (
            "In Syria 120 people were killed, among them 77 ISIS fighters.",
            ("77", 77, 77, Qualifier.EXACT, "ISIS fighters", "fighters"),
            [],
        ),
        (
            "In Syria, some 300 ISIS fighters inside Ghwayran prison surrendered.",
            ("some 300", 300, 300, AP, "ISIS fighters", "fighters"),
            [],
        ),
        (
            "In Syria, 520 foreign ISIS fighters are in SDF custody.",
            ("520", 520, 520, Qualifier.EXACT, "ISIS fighters", "fighters"),
            ["isis-detainees-nes"],
        ),
        (
            "In Syria, tens of thousands of ISIS fighters are believed to have been killed.",
            ("tens of thousands", 10000, 99999, V, "ISIS fighters", "fighters"),
            [],
        ),
        (
            "In Syria, up to 10 ISIS fighters on motorbikes attacked a base.",
            ("up to 10", 0, 10, Qualifier.AT_MOST, "ISIS fighters", "fighters"),
            [],
        ),
        (
            "ISIS fighters gathered in Syria. Some 2,200 ISIS fighters are dug in along the "
            "border with Iraq.",
            ("Some 2,200", 2200, 2200, AP, "ISIS fighters", "fighters"),
            ["isis-fighters-syria"],
        ),
    ],
)
def test_indicator_points_match(register, indicators, text, quantity, expected):
    points = _points(text, [quantity], register, indicators)
    assert [p.indicator_id for p in points] == expected


def test_indicator_points_area_from_earlier_sentence(register, indicators):
    text = (
        "Recent developments in northeastern Syria raised alarms. "
        "Statistics indicate at least 12,000 detainees affiliated with ISIS."
    )
    points = _points(
        text, [("at least 12,000", 12000, None, AL, "detainees", "held")], register, indicators
    )
    assert [(p.indicator_id, p.place) for p in points] == [
        ("isis-detainees-nes", "northeastern Syria")
    ]
    assert points[0].quantity.high is None


def test_indicator_points_facility_population(register, indicators):
    text = "al-Hol camp is home to 56,000 people."
    points = _points(
        text, [("56,000", 56000, 56000, Qualifier.EXACT, "people", None)], register, indicators
    )
    assert [(p.indicator_id, p.place) for p in points] == [("al-hol-population", "al-hol-camp")]


def test_indicator_points_foreign_children(register, indicators):
    text = "Some 7,000 foreign children live in camps in Syria."
    points = _points(
        text,
        [("Some 7,000", 7000, 7000, AP, "foreign children", None)],
        register,
        indicators,
    )
    assert [p.indicator_id for p in points] == ["foreign-children-camps"]


def test_indicator_points_keep_chain(register, indicators):
    text = "In Syria, according to UN reports, ISIS has between 1,500 and 3,000 fighters."
    points = _points(
        text,
        [("between 1,500 and 3,000", 1500, 3000, R, "fighters", "fighters")],
        register,
        indicators,
        attributions=[("ISIS has between 1,500 and 3,000 fighters", ("United Nations",))],
    )
    assert [s.name for s in points[0].chain] == ["Test Wire", "United Nations"]
    assert points[0].origin == "actor:united nations"


def test_indicator_points_arrivals_and_foreigners_are_not_camp_population(register, indicators):
    text = (
        "Some 12,000 women and children have arrived at al-Hol camp since Wednesday. "
        "There are 3,000 children from 43 countries in al-Hol camp."
    )
    points = _points(
        text,
        [
            ("Some 12,000", 12000, 12000, AP, "women and children", None),
            ("3,000", 3000, 3000, Qualifier.EXACT, "children", None),
        ],
        register,
        indicators,
    )
    assert [(p.indicator_id, p.quantity.low) for p in points] == [("foreign-children-camps", 3000)]


@pytest.mark.issue(12)
def test_indicator_points_a_whole_with_a_part_of_the_actor_is_a_broader_group(register, indicators):
    # A figure counts what its noun phrase counts: "of them ... affiliated with ISIS" is the
    # ISIS share; the whole ("terrorist detainees") is everyone held.
    text = (
        "Prisons in north-eastern Syria hold tens of thousands of terrorist detainees, "
        "with at least 12,000 of them affiliated with ISIS."
    )
    quantities = [
        ("tens of thousands", 10000, 99999, V, "terrorist detainees", None),
        ("at least 12,000", 12000, None, AL, "terrorist detainees", None),
    ]
    points = _points(text, quantities, register, indicators)
    assert [(p.indicator_id, p.quantity.text) for p in points] == [
        ("isis-detainees-nes", "at least 12,000")
    ]


@pytest.mark.issue(12)
def test_indicator_points_a_whole_without_a_part_still_counts(register, indicators):
    text = "Prisons in north-eastern Syria hold tens of thousands of ISIS detainees."
    quantities = [("tens of thousands", 10000, 99999, V, "ISIS detainees", None)]
    points = _points(text, quantities, register, indicators)
    assert [p.quantity.text for p in points] == ["tens of thousands"]
