"""A mention without a place against placed reports of one happening, and content order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from helpers.merge import (
    GHWAYRAN,
    SDF_ACTOR,
    documents,
    figure,
    mention,
    outlet,
    place,
    published,
)
from watchfloor.merge import MergeOptions, block_keys, merge_mentions, search_keys
from watchfloor.merge.claims import canonical_key, claim_from_mention
from watchfloor.model.mentions import Precision

OPTIONS = MergeOptions()
DAY = date(2022, 1, 20)


def _merge(*items):
    mentions = [m for m, _ in items]
    infos = documents(*((m.evidence.document_id, "Outlet", when) for m, when in items))
    result = merge_mentions(mentions, documents=infos, options=OPTIONS)
    return sorted(sorted(i.mention_ids) for i in result.incidents)


def test_unplaced_statement_joins_the_placed_report_of_its_actor():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    said = mention("statement", where=None, event_type="attack_on_detention_facility", day=None)
    groups = _merge((placed, published(DAY)), (said, published(DAY + timedelta(days=1))))
    assert groups == [sorted([placed.id, said.id])]


def test_unplaced_without_the_same_named_actor_stays_apart():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    said = mention(
        "statement", where=None, event_type="attack_on_detention_facility", actor1=SDF_ACTOR
    )
    nobody = mention("other", where=None, event_type="attack_on_detention_facility", actor1=None)
    groups = _merge((placed, published(DAY)), (said, published(DAY)), (nobody, published(DAY)))
    assert [placed.id] in groups


def test_unplaced_published_days_later_stays_apart():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    said = mention("statement", where=None, event_type="attack_on_detention_facility", day=None)
    groups = _merge((placed, published(DAY)), (said, published(DAY + timedelta(days=4))))
    assert len(groups) == 2


def test_unplaced_with_a_figure_that_cannot_be_the_same_stays_apart():
    chain = (outlet("report"),)
    placed = mention("report", where=GHWAYRAN, figures=[figure("200", 200, 200, "escaped", chain)])
    said = mention("statement", where=None, figures=[figure("12", 12, 12, "escaped", chain)])
    groups = _merge((placed, published(DAY)), (said, published(DAY)))
    assert len(groups) == 2


def test_unplaced_and_placed_of_one_actor_share_a_block_either_way():
    placed = mention("report", where=GHWAYRAN)
    said = mention("statement", where=None)
    when = published(DAY)
    assert block_keys(placed, OPTIONS, when) & search_keys(said, OPTIONS, when)
    assert block_keys(said, OPTIONS, when) & search_keys(placed, OPTIONS, when)
    # Two placed mentions never meet through the actor keys alone.
    far = mention(
        "far", where=replace(GHWAYRAN, place_id="x", lat=33.5, lon=36.3, admin1="Damascus")
    )
    assert not block_keys(placed, OPTIONS, when) & search_keys(far, OPTIONS, when)


def test_canonical_order_breaks_publication_ties_by_content_not_id():
    first = claim_from_mention(mention("a", start=10), None)
    second = claim_from_mention(mention("b", start=50), None)
    # The same claims under other ids keep their order.
    renamed = [replace(first, mention_id="zzz"), replace(second, mention_id="aaa")]
    assert sorted([first, second], key=canonical_key)[0] is first
    assert sorted(renamed, key=canonical_key)[0].mention_id == "zzz"


def test_newcomer_joins_the_incident_holding_the_most_similar_report():
    from helpers.merge import HASAKAH_GOV

    attack = "attack_on_detention_facility"
    first = mention("a1", where=GHWAYRAN, event_type=attack, day=DAY)
    later = mention("a2", where=GHWAYRAN, event_type=attack, day=DAY + timedelta(days=6))
    escape = mention("b", where=HASAKAH_GOV, event_type="prison_escape", actor1=SDF_ACTOR)
    again = mention("c", where=GHWAYRAN, event_type=attack, day=DAY, actor1=None)
    groups = _merge(
        (first, published(DAY)),
        (escape, published(DAY + timedelta(days=1))),
        (later, published(DAY + timedelta(days=6))),
        (again, published(DAY + timedelta(days=7))),
    )
    # "c" fits both incidents; it tells what "a1" tells, so it joins a1's incident, not the
    # escape's, even though a2 (six days later) is less like it than the escape report is.
    assert sorted([first.id, later.id, again.id]) in groups
    assert [escape.id] in groups


SYRIA = place("Syria", 35.0, 38.5, None, Precision.COUNTRY)
IRAQ = place("Iraq", 33.0, 44.0, None, Precision.COUNTRY, country="IQ")
NORTH_EAST = place("North and East Syria", 36.5, 40.7, "Al-Hasakah", Precision.REGION)


def test_country_only_report_joins_the_placed_report_of_its_actor_like_an_unplaced_one():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    in_syria = mention("wire", where=SYRIA, event_type="attack_on_detention_facility")
    groups = _merge((placed, published(DAY)), (in_syria, published(DAY + timedelta(days=1))))
    assert groups == [sorted([placed.id, in_syria.id])]
    # Blocks meet either way, as for an unplaced report.
    when = published(DAY)
    assert block_keys(placed, OPTIONS, when) & search_keys(in_syria, OPTIONS, when)
    assert block_keys(in_syria, OPTIONS, when) & search_keys(placed, OPTIONS, when)


def test_region_only_report_is_placed_no_better_than_its_country():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    region = mention("wire", where=NORTH_EAST, event_type="attack_on_detention_facility")
    groups = _merge((placed, published(DAY)), (region, published(DAY)))
    assert groups == [sorted([placed.id, region.id])]


def test_country_only_report_in_another_country_stays_apart():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    in_iraq = mention("wire", where=IRAQ, event_type="attack_on_detention_facility")
    assert len(_merge((placed, published(DAY)), (in_iraq, published(DAY)))) == 2


def test_country_only_report_without_the_same_actor_or_days_later_stays_apart():
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    nobody = mention("wire", where=SYRIA, event_type="attack_on_detention_facility", actor1=None)
    late = mention("late", where=SYRIA, event_type="attack_on_detention_facility")
    groups = _merge(
        (placed, published(DAY)),
        (nobody, published(DAY)),
        (late, published(DAY + timedelta(days=5))),
    )
    assert [placed.id] in groups and len(groups) == 3


def test_country_only_report_needs_its_date_told_precisely():
    # "Isis fighters attacked a prison in Syria in recent weeks": one country, one actor, a
    # month — every report of that war says as much.
    placed = mention("report", where=GHWAYRAN, event_type="attack_on_detention_facility")
    month = mention("wire", where=SYRIA, event_type="attack_on_detention_facility", span=29)
    assert len(_merge((placed, published(DAY)), (month, published(DAY)))) == 2
