"""The facility register, facility mentions and the claims read about facilities."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from helpers.facilities import build_reading
from watchfloor.errors import ConfigError
from watchfloor.extract.facilities import read_facility_claims
from watchfloor.model import Qualifier
from watchfloor.model.facilities import FacilityClaimKind
from watchfloor.resolve.facilities import load_register
from watchfloor.resolve.gazetteer import Gazetteer
from watchfloor.resolve.indicators import noun_head

pytestmark = pytest.mark.issue(9)


@pytest.fixture(scope="module")
def register():
    return load_register()


def test_register_links_gazetteer_places(register):
    gazetteer = Gazetteer.load()
    linked = [f for f in register if f.place_id]
    assert len(linked) >= 10
    for facility in linked:
        place = gazetteer.get(facility.place_id)
        assert place is not None, facility.id
        assert place.facility_kind in {"prison", "camp"}
    for facility in register:
        assert facility.lat is not None and facility.lon is not None, facility.id
        assert facility.type in {"prison", "camp", "detention_centre", "rehabilitation_centre"}


def test_register_has_the_sdf_run_facilities(register):
    ids = {f.id for f in register}
    assert {"al-hol-camp", "roj-camp", "ghwayran-prison", "shaddadi-prison"} <= ids
    admin1s = {f.admin1 for f in register if f.country == "SY"}
    assert {"Al-Hasakah", "Raqqa", "Deir ez-Zor"} <= admin1s


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting near the Ghwayran prison went on.", "ghwayran-prison"),
        ("The al-Sina’a prison was attacked.", "ghwayran-prison"),
        ("Guards at Panorama prison fled.", "ghwayran-prison"),
        ("Families in al-Hawl camp protested.", "al-hol-camp"),
        ("Women in the Roj camp were moved.", "roj-camp"),
        ("The Shaddadi prison held hundreds.", "shaddadi-prison"),
    ],
)
def test_register_finds_names_and_aliases(register, text, expected):
    found = register.find(text)
    assert [f.id for f, _, _ in found] == [expected]


def test_register_bare_neighbourhood_is_not_the_prison(register):
    assert register.find("Civilians fled Ghwayran and al-Zuhur neighbourhoods.") == []


def test_register_rejects_unknown_gazetteer_place(tmp_path):
    path = tmp_path / "register.yaml"
    path.write_text(
        yaml.safe_dump(
            {"facilities": [{"id": "x", "name": "X camp", "type": "camp", "place": "nope"}]}
        )
    )
    with pytest.raises(ConfigError, match="not in the gazetteer"):
        load_register(path)


def test_mentions_example_and_reference(register):
    doc = build_reading(
        "ISIS is radicalising children in camps like al-Hol. "
        "The SDF attacked near the Ghwayran prison. The prison holds 3,000 men."
    )
    mentions = register.mentions(doc)
    assert [(m.facility.id, m.how, m.is_example) for m in mentions] == [
        ("al-hol-camp", "name", True),
        ("ghwayran-prison", "name", False),
        ("ghwayran-prison", "reference", False),
    ]


@pytest.mark.parametrize(
    ("text", "controller"),
    [
        ("Ghwayran prison is under SDF control, officials said.", "sdf"),
        ("The SDF-run Ghwayran prison was attacked.", "sdf"),
        ("al-Hol camp was handed over to Damascus on Monday.", "syrian_government_transitional"),
        ("al-Hol camp is run by the SDF.", "sdf"),
        (
            "The United States commends the SDF, who, along with Coalition forces, completed "
            "operations to re-take full control of the Ghwayran prison.",
            "sdf",
        ),
        ("The Syrian government seized control of al-Hol camp.", "syrian_government_transitional"),
    ],
)
def test_claims_control(register, text, controller):
    claims = read_facility_claims(build_reading(text), register)
    control = [c for c in claims if c.kind is FacilityClaimKind.CONTROL]
    assert [c.actor_id for c in control] == [controller]
    assert control[0].cue and control[0].sentence


def test_claims_control_loss_and_moved_people_are_not_control(register):
    text = (
        "The SDF lost control of Ghwayran prison for a day. "
        "The SDF handed over 50 detainees at Ghwayran prison to Iraq."
    )
    claims = read_facility_claims(build_reading(text), register)
    assert [c for c in claims if c.kind is FacilityClaimKind.CONTROL] == []


def test_claims_population_capacity_and_foreign(register):
    text = (
        "The prison, known as Ghwayran prison, holds about 3,500 suspected ISIS members, "
        "according to the SDF. "
        "Ghwayran prison was built for 1,200 inmates. "
        "al-Hol camp is home to 2,000 foreign women. "
        "About 1,000 detainees were moved from Ghwayran prison to other facilities."
    )
    doc = build_reading(
        text,
        quantities=[
            ("about 3,500", 3500, 3500, Qualifier.APPROXIMATELY, "ISIS members", "held"),
            ("1,200", 1200, 1200, Qualifier.EXACT, "inmates", "held"),
            ("2,000", 2000, 2000, Qualifier.EXACT, "foreign women", None),
            ("About 1,000", 1000, 1000, Qualifier.APPROXIMATELY, "detainees", "held"),
        ],
        attributions=[("holds about 3,500 suspected ISIS members", ("SDF",))],
    )
    claims = read_facility_claims(doc, register)
    kinds = [(c.facility_id, c.kind, c.quantity.low) for c in claims if c.quantity]
    assert kinds == [
        ("ghwayran-prison", FacilityClaimKind.POPULATION, 3500),
        ("ghwayran-prison", FacilityClaimKind.CAPACITY, 1200),
        ("al-hol-camp", FacilityClaimKind.FOREIGN, 2000),
    ]
    assert [s.name for s in claims[0].chain] == ["Test Wire", "SDF"]


def test_claims_escaped_figure_is_not_population(register):
    doc = build_reading(
        "Some 1,500 members of ISIS held in Ghwayran prison escaped.",
        quantities=[("Some 1,500", 1500, 1500, Qualifier.APPROXIMATELY, "members", "escaped")],
        events=[("escaped", "prison_escape")],
    )
    claims = read_facility_claims(doc, register)
    assert [(c.kind, c.event_type) for c in claims] == [
        (FacilityClaimKind.INCIDENT, "prison_escape")
    ]


def test_claims_incident_needs_a_facility_family(register):
    doc = build_reading(
        "Talks about al-Hol camp reached an agreement. Fighters stormed Ghwayran prison.",
        events=[("agreement", "agreement"), ("stormed", "attack_on_detention_facility")],
    )
    claims = read_facility_claims(doc, register)
    assert [(c.facility_id, c.event_type) for c in claims] == [
        ("ghwayran-prison", "attack_on_detention_facility")
    ]


def test_claims_are_dated_by_publication(register):
    doc = build_reading("al-Hol camp is under SDF control.", published=date(2025, 3, 4))
    (claim,) = read_facility_claims(doc, register)
    assert claim.as_of == date(2025, 3, 4)
    assert claim.evidence.document_id == doc.document.id


@pytest.mark.parametrize(
    ("unit", "head"),
    [("ISIS detainees", "detainee"), ("children", "child"), ("families", "family"), (None, None)],
)
def test_noun_head_is_rough_singular(unit, head):
    assert noun_head(unit) == head
