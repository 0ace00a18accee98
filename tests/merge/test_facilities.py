"""Facility states and indicator series from claims and points (pure, hand-built)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from watchfloor.merge.facilities import facility_state, indicator_series, range_label
from watchfloor.model import (
    Evidence,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    StatementKind,
)
from watchfloor.model.facilities import FacilityClaim, FacilityClaimKind, IndicatorPoint
from watchfloor.model.incidents import Corroboration, Incident

pytestmark = pytest.mark.issue(9)
EV = Evidence("doc-1", 0, 0, 10, "test")


def _chain(*names: str) -> tuple[Source, ...]:
    return (Source("Wire", SourceKind.OUTLET), *(Source(n, SourceKind.ACTOR) for n in names))


def _quantity(low: int, high: int | None, qualifier: Qualifier = Qualifier.EXACT) -> Quantity:
    return Quantity(f"{low}", low, high, qualifier, "people", None, EV)


def _claim(n: int, kind: FacilityClaimKind, day: date, **fields) -> FacilityClaim:
    return FacilityClaim(
        id=f"fcl-{n}",
        facility_id=fields.pop("facility_id", "al-hol-camp"),
        kind=kind,
        document_id=f"doc-{n}",
        outlet="Wire",
        published=datetime(day.year, day.month, day.day, tzinfo=UTC),
        as_of=day,
        chain=_chain(*fields.pop("via", ())),
        statement=StatementKind.REPORTED_FACT,
        evidence=EV,
        sentence="…",
        cue="…",
        **fields,
    )


def _point(
    n: int,
    day: date,
    low: int,
    high: int | None,
    via: str,
    qualifier: Qualifier = Qualifier.EXACT,
) -> IndicatorPoint:
    return IndicatorPoint(
        id=f"ipt-{n}",
        indicator_id="ind",
        document_id=f"doc-{n}",
        outlet="Wire",
        published=None,
        as_of=day,
        chain=_chain(via),
        statement=StatementKind.ATTRIBUTED_CLAIM,
        quantity=_quantity(low, high, qualifier),
        evidence=EV,
        sentence="…",
    )


def test_state_control_latest_and_timeline():
    control = FacilityClaimKind.CONTROL
    claims = [
        _claim(1, control, date(2024, 1, 1), actor_id="sdf", actor_name="SDF"),
        _claim(2, control, date(2024, 1, 1), actor_id="sdf", actor_name="SDF", via=("SDF",)),
        _claim(3, control, date(2026, 1, 20), actor_id="syr", actor_name="Syrian government"),
    ]
    state = facility_state("al-hol-camp", claims)
    assert state.controller == "Syrian government"
    assert [(e.actor_name, len(e.claims)) for e in state.control] == [
        ("SDF", 2),
        ("Syrian government", 1),
    ]
    assert state.control_disputes == ()


def test_state_control_dispute_within_a_week():
    control = FacilityClaimKind.CONTROL
    claims = [
        _claim(1, control, date(2026, 1, 18), actor_id="sdf", actor_name="SDF"),
        _claim(2, control, date(2026, 1, 20), actor_id="syr", actor_name="Syrian government"),
    ]
    (dispute,) = facility_state("al-hol-camp", claims).control_disputes
    assert set(dispute.values) == {"SDF", "Syrian government"}


def test_state_population_latest_range_and_disagreement():
    pop = FacilityClaimKind.POPULATION
    claims = [
        _claim(1, pop, date(2019, 4, 1), quantity=_quantity(73000, 73000)),
        _claim(2, pop, date(2019, 4, 10), quantity=_quantity(60000, 60000)),
        _claim(3, pop, date(2023, 1, 1), quantity=_quantity(50000, 56000)),
    ]
    summary = facility_state("al-hol-camp", claims).population
    assert summary is not None
    assert (summary.latest, summary.latest_low, summary.latest_high) == ("fcl-3", 50000, 56000)
    assert (summary.low, summary.high) == (50000, 73000)
    # Only the two April 2019 figures are close enough in time to disagree.
    assert [d.claims for d in summary.disagreements] == [("fcl-1", "fcl-2")]


def test_state_hedged_figures_that_overlap_do_not_disagree():
    pop = FacilityClaimKind.POPULATION
    claims = [
        _claim(1, pop, date(2019, 4, 1), quantity=_quantity(1500, 1500, Qualifier.APPROXIMATELY)),
        _claim(2, pop, date(2019, 4, 2), quantity=_quantity(1600, 1600)),
    ]
    summary = facility_state("al-hol-camp", claims).population
    assert summary is not None and summary.disagreements == ()


def _incident(iid: str, mention: str, place_id: str | None = None) -> Incident:
    place = (
        PlaceMention(
            text="x",
            name="x",
            place_id=place_id,
            lat=36.0,
            lon=41.0,
            country_code="SY",
            admin1=None,
            precision=Precision.FACILITY,
            score=1.0,
            feature=None,
            evidence=EV,
        )
        if place_id
        else None
    )
    return Incident(
        id=iid,
        event_type="prison_escape",
        family="detention",
        place=place,
        places=(),
        start=date(2026, 1, 20),
        end=date(2026, 1, 20),
        actors=(),
        claims=(),
        figures=(),
        origins=(),
        corroboration=Corroboration.SINGLE_SOURCE,
        discrepancies=(),
        timeline=(),
        related=(),
        mention_ids=(mention,),
    )


def test_state_links_incidents_by_mention_and_place():
    claim = _claim(1, FacilityClaimKind.INCIDENT, date(2026, 1, 20), mention_id="evm-1")
    incidents = [
        _incident("inc-a", "evm-1"),
        _incident("inc-b", "evm-9", place_id="fac-al-hol-camp"),
        _incident("inc-c", "evm-8", place_id="fac-roj-camp"),
    ]
    state = facility_state("al-hol-camp", [claim], incidents, "fac-al-hol-camp")
    assert sorted(state.incidents) == ["inc-a", "inc-b"]


def test_series_ranges_per_source_and_date():
    points = [
        _point(1, date(2026, 1, 1), 1500, 3000, "United Nations"),
        _point(2, date(2026, 1, 1), 2000, 2000, "United Nations"),
        _point(3, date(2026, 1, 1), 2500, 2500, "SDF"),
    ]
    series = indicator_series("ind", points)
    # One source's value for a day is its most specific figure (2,000 over "1,500-3,000");
    # the day's latest range envelopes the sources, who may disagree.
    assert [(e.origin, e.low, e.high) for e in series.entries] == [
        ("actor:sdf", 2500, 2500),
        ("actor:united nations", 2000, 2000),
    ]
    assert (series.latest_low, series.latest_high) == (2000, 2500)
    assert series.flags == ()


def test_series_a_day_takes_the_most_specific_figure_not_a_blend():
    points = [
        _point(1, date(2026, 1, 1), 1000, 9999, "Outlet", qualifier=Qualifier.VAGUE),
        _point(2, date(2026, 1, 1), 12000, None, "Outlet", qualifier=Qualifier.AT_LEAST),
    ]
    series = indicator_series("ind", points)
    assert (series.latest_low, series.latest_high) == (12000, None)


def test_series_flags_contradiction_and_change():
    points = [
        _point(1, date(2025, 1, 1), 1500, 3000, "United Nations"),
        _point(2, date(2025, 6, 1), 10000, 12000, "SDF"),  # does not meet 1,500–3,000
        _point(3, date(2025, 9, 1), 8000, 15000, "SDF"),  # meets, floor down 20 %: no flag
        _point(4, date(2026, 1, 1), 2000, 20000, "Iraq"),  # meets, floor down 75 %: change
    ]
    series = indicator_series("ind", points, threshold=0.5)
    assert [(f.point, f.kind) for f in series.flags] == [
        ("ipt-2", "contradiction"),
        ("ipt-4", "change"),
    ]
    assert series.flags[1].ratio == pytest.approx(-0.75)


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(1500, 1500, "1,500"), (1500, 3000, "1,500–3,000"), (12000, None, "12,000+")],
)
def test_range_label(low, high, text):
    assert range_label(low, high) == text
