"""Unit tables for blocking, similarity, origins and discrepancies."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.merge import (
    GHWAYRAN,
    HASAKAH_GOV,
    ISIS,
    RAQQA,
    SDF,
    SDF_ACTOR,
    SHADDADI,
    SHADDADI_PRISON,
    figure,
    mention,
    outlet,
    place,
)
from watchfloor.merge import MergeOptions, compatibility
from watchfloor.merge.blocking import region_keys, time_keys
from watchfloor.merge.claims import claim_from_mention
from watchfloor.merge.discrepancies import figure_discrepancies, is_nested
from watchfloor.merge.origins import claim_origin, is_corroborating
from watchfloor.merge.similarity import type_factor
from watchfloor.merge.sites import place_factor
from watchfloor.model.mentions import Precision, Qualifier
from watchfloor.model.provenance import Source, SourceKind, StatementKind

OPTIONS = MergeOptions()
RULES = OPTIONS.rules


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("prison_escape", "prison_escape", 1.0),
        ("prison_escape", "attack_on_detention_facility", 0.9),
        ("prison_escape", "recapture", 0.0),  # a follow-up: linked, never merged
        ("prison_escape", "repatriation", 0.5),
        ("prison_escape", "airstrike", 0.0),
        ("unknown_a", "unknown_b", 0.0),
    ],
)
def test_similarity_type_factor(a, b, expected):
    assert type_factor(a, b, RULES) == expected
    assert type_factor(b, a, RULES) == expected


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (SHADDADI, SHADDADI_PRISON, True),
        (SHADDADI, HASAKAH_GOV, True),  # a town inside the governorate named
        (SHADDADI, GHWAYRAN, False),  # 47 km apart: more than merge_km
        (SHADDADI, RAQQA, False),
        (HASAKAH_GOV, RAQQA, False),  # a town in another governorate
        (HASAKAH_GOV, place("Raqqa Gov", 35.9, 39.0, "Ar-Raqqa", Precision.GOVERNORATE), False),
        (None, None, True),
        (SHADDADI, None, True),  # no gate; the evidence must come from elsewhere
    ],
)
def test_similarity_place_factor_is_precision_aware(a, b, compatible):
    assert (place_factor(a, b, OPTIONS) > 0) is compatible
    assert (place_factor(b, a, OPTIONS) > 0) is compatible


@pytest.mark.parametrize(
    ("gap", "merges"), [(0, True), (5, True), (10, True), (11, False), (700, False)]
)
def test_similarity_time_window(gap, merges):
    a = claim_from_mention(mention("a", day=date(2022, 1, 1)))
    b = claim_from_mention(mention("b", day=date.fromordinal(date(2022, 1, 1).toordinal() + gap)))
    assert (compatibility(a, b, OPTIONS) > 0) is merges


def test_similarity_conflicting_actor_lowers_score():
    same = compatibility(
        claim_from_mention(mention("a", actor1=ISIS)),
        claim_from_mention(mention("b", actor1=ISIS)),
        OPTIONS,
    )
    other = compatibility(
        claim_from_mention(mention("a", actor1=ISIS)),
        claim_from_mention(mention("b", actor1=SDF_ACTOR)),
        OPTIONS,
    )
    assert other < same


def test_blocking_point_is_also_in_its_admin1_block():
    # A governorate-level mention looks up the points filed in its admin1, and vice versa.
    assert region_keys(HASAKAH_GOV, OPTIONS, lookup=True) & region_keys(SHADDADI, OPTIONS)
    assert region_keys(SHADDADI, OPTIONS, lookup=True) & region_keys(HASAKAH_GOV, OPTIONS)
    assert len(region_keys(SHADDADI, OPTIONS)) == 2  # its grid cell and its admin1
    assert len(region_keys(SHADDADI, OPTIONS, lookup=True)) == 10  # 3×3 cells, admin1
    # Two points meet through the grid, not by scanning their whole governorate.
    assert not region_keys(SHADDADI, OPTIONS, lookup=True) & {"pt:a1:sy:al-hasakah"}


def test_blocking_country_level_stays_coarse():
    syria = place("Syria", 35.0, 38.5, None, Precision.COUNTRY)
    assert region_keys(syria, OPTIONS) == {"c:sy"}


@pytest.mark.parametrize(("span", "vague"), [(0, False), (30, False), (90, True)])
def test_blocking_time_keys_vague_intervals_apart(span, vague):
    start = date(2022, 1, 1)
    keys = time_keys((start, date.fromordinal(start.toordinal() + span)), OPTIONS)
    assert (keys == {"vague"}) is vague


@pytest.mark.parametrize(
    ("chain", "key"),
    [
        ((outlet("Rudaw"), SDF), "sdf"),
        ((outlet("Rudaw"),), "outlet:rudaw"),
        ((outlet("Rudaw"), Source("Jane Doe", SourceKind.AUTHOR)), "outlet:rudaw"),
        ((outlet("X"), outlet("Rudaw"), SDF), "sdf"),
    ],
)
def test_origins_chain_root(chain, key):
    assert claim_origin(chain) == key


@pytest.mark.parametrize(
    ("chain", "kind", "counts"),
    [
        ((outlet("A"), SDF), StatementKind.ATTRIBUTED_CLAIM, True),
        ((outlet("A"),), StatementKind.REPORTED_FACT, True),
        ((outlet("A"), Source("sources", SourceKind.VAGUE)), StatementKind.REPORTED_FACT, False),
        ((outlet("A"),), StatementKind.OPINION, False),
        ((outlet("A"),), StatementKind.CALL_TO_ACTION, False),
    ],
)
def test_origins_what_corroborates(chain, kind, counts):
    claim = claim_from_mention(mention("a", chain=chain, kind=kind))
    assert is_corroborating(claim) is counts


def test_discrepancies_hundreds_against_approximately_1500():
    chain = (outlet("a"),)
    claim = claim_from_mention(
        mention(
            "a",
            figures=[
                figure("hundreds", 100, 999, "escaped", chain, Qualifier.VAGUE),
                figure(
                    "approximately 1,500", 1500, 1500, "escaped", chain, Qualifier.APPROXIMATELY
                ),
                figure("200", 200, 200, "recaptured", chain),
            ],
        )
    )
    (found,) = figure_discrepancies([claim])
    assert found.values == ("approximately 1,500", "hundreds")


def test_discrepancies_overlapping_figures_agree():
    chain = (outlet("a"),)
    claim = claim_from_mention(
        mention(
            "a",
            figures=[
                figure("about 1,500", 1500, 1500, "escaped", chain, Qualifier.APPROXIMATELY),
                figure("1,400", 1400, 1400, "escaped", chain),
            ],
        )
    )
    assert figure_discrepancies([claim]) == []


@pytest.mark.parametrize(
    ("a", "b", "nested"),
    [
        (SHADDADI, SHADDADI_PRISON, True),
        (SHADDADI, HASAKAH_GOV, True),
        (SHADDADI, place("Tal Tamr", 36.65, 40.37), False),
        (HASAKAH_GOV, RAQQA, False),
    ],
)
def test_discrepancies_nested_places(a, b, nested):
    assert is_nested(a, b, OPTIONS) is nested
