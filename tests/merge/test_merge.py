"""Multi-outlet scenarios for merge_mentions: the traps an analyst's desk must get right."""

from __future__ import annotations

import itertools
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
    documents,
    figure,
    mention,
    outlet,
    published,
)
from watchfloor.merge import block_keys, incident_keys, merge_mentions, search_keys
from watchfloor.model.incidents import (
    Corroboration,
    DiscrepancyKind,
    Incident,
    MergeResult,
    RelationKind,
    TimelineKind,
    incident_id,
)
from watchfloor.model.mentions import Qualifier
from watchfloor.model.provenance import Source, SourceKind, StatementKind
from watchfloor.model.serialize import from_plain, to_plain

DAY = date(2022, 1, 20)


def four_outlets():
    """One escape told by four outlets: two cite the SDF, one reports itself, one is vague."""
    rudaw = (outlet("Rudaw"), SDF)
    hawar = (outlet("Hawar"), SDF)
    vague = (outlet("Al Jazeera"), Source("sources", SourceKind.VAGUE))
    mentions = [
        mention(
            "rudaw",
            chain=rudaw,
            kind=StatementKind.ATTRIBUTED_CLAIM,
            figures=[
                figure("approximately 1,500", 1500, 1500, "escaped", rudaw, Qualifier.APPROXIMATELY)
            ],
        ),
        mention(
            "hawar",
            where=SHADDADI_PRISON,
            chain=hawar,
            kind=StatementKind.ATTRIBUTED_CLAIM,
            figures=[figure("1,400", 1400, 1400, "escaped", hawar)],
        ),
        mention(
            "reuters",
            where=HASAKAH_GOV,
            figures=[
                figure("hundreds", 100, 999, "escaped", (outlet("reuters"),), Qualifier.VAGUE)
            ],
        ),
        mention(
            "aljazeera", chain=vague, kind=StatementKind.VAGUE_ATTRIBUTION, day=DAY.replace(day=21)
        ),
    ]
    docs = documents(
        ("rudaw", "Rudaw", published(DAY)),
        ("hawar", "Hawar", published(DAY, 10)),
        ("reuters", "Reuters", published(DAY.replace(day=21))),
        ("aljazeera", "Al Jazeera", published(DAY.replace(day=22))),
    )
    return mentions, docs


def when(docs, m):
    info = docs.get(m.evidence.document_id)
    return info.published if info else None


def only(result: MergeResult) -> Incident:
    assert len(result.incidents) == 1, [i.mention_ids for i in result.incidents]
    return result.incidents[0]


def test_merge_four_outlets_is_one_incident():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions, documents=docs))
    assert len(incident.claims) == 4
    assert incident.event_type == "prison_escape"
    assert incident.id == incident_id(mentions[0].id)  # Rudaw published first


def test_merge_four_outlets_origins_counted_by_root():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions, documents=docs))
    independent = {o.key for o in incident.origins if o.is_independent}
    assert independent == {"sdf", "outlet:reuters"}
    sdf = next(o for o in incident.origins if o.key == "sdf")
    assert sdf.outlets == ("Hawar", "Rudaw")
    assert incident.independent_origins == 2
    assert incident.corroboration is Corroboration.CORROBORATED


def test_merge_four_outlets_figures_side_by_side():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions, documents=docs))
    (escaped,) = incident.figures
    assert escaped.role == "escaped"
    assert [s.text for s in escaped.sources] == ["hundreds", "1,400", "approximately 1,500"]
    assert (escaped.low, escaped.high) == (100, 1650)
    (figures,) = [d for d in incident.discrepancies if d.kind is DiscrepancyKind.FIGURES]
    assert set(figures.values) == {"hundreds", "1,400", "approximately 1,500"}


def test_merge_four_outlets_place_is_best_precision():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions, documents=docs))
    assert incident.place == SHADDADI_PRISON
    assert {p.name: p.count for p in incident.places} == {
        "al-Shaddadi": 2,
        "al-Shaddadi prison": 1,
        "Al-Hasakah Governorate": 1,
    }
    # A prison inside its town and the governorate around them are one place told three ways.
    assert not [d for d in incident.discrepancies if d.kind is DiscrepancyKind.PLACE]


def test_merge_four_outlets_timeline():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions, documents=docs))
    kinds = [(e.outlet, e.kind) for e in incident.timeline]
    assert kinds == [
        ("Rudaw", TimelineKind.FIRST_REPORT),
        ("Hawar", TimelineKind.REVISION),  # names the prison itself: a new place
        ("Reuters", TimelineKind.REVISION),  # "hundreds" overlaps no figure given before
        ("Al Jazeera", TimelineKind.CONFIRMATION),
    ]


def test_merge_single_origin_across_outlets():
    mentions, docs = four_outlets()
    incident = only(merge_mentions(mentions[:2], documents=docs))
    assert incident.corroboration is Corroboration.SINGLE_ORIGIN
    alone = only(merge_mentions(mentions[:1], documents=docs))
    assert alone.corroboration is Corroboration.SINGLE_SOURCE


def test_merge_vague_source_never_corroborates():
    mentions, docs = four_outlets()
    incident = only(merge_mentions([mentions[0], mentions[3]], documents=docs))
    assert incident.independent_origins == 1
    assert incident.corroboration is Corroboration.SINGLE_ORIGIN


def test_merge_contested_when_origins_blame_different_actors():
    a = mention("a", actor1=ISIS)
    b = mention("b", actor1=SDF_ACTOR)
    incident = only(merge_mentions([a, b]))
    assert incident.corroboration is Corroboration.CONTESTED
    (actors,) = [d for d in incident.discrepancies if d.kind is DiscrepancyKind.ACTORS]
    assert actors.values == ("Islamic State", "SDF")


@pytest.mark.parametrize("year", [2020, 2022, 2024])
def test_merge_three_incidents_at_one_prison(year):
    """A 2020, a 2022 and a 2024 attack at one prison are three incidents, not one."""
    mentions = [
        mention(
            f"{y}-{o}",
            event_type="attack_on_detention_facility",
            where=GHWAYRAN,
            day=date(y, 1, 20),
        )
        for y in (2020, 2022, 2024)
        for o in ("a", "b")
    ]
    result = merge_mentions(mentions)
    assert len(result.incidents) == 3
    (this,) = [i for i in result.incidents if i.start is not None and i.start.year == year]
    assert {c.document_id for c in this.claims} == {f"{year}-a", f"{year}-b"}


def test_merge_town_and_governorate_are_one_incident():
    town = mention("town", where=SHADDADI)
    gov = mention("gov", where=HASAKAH_GOV)
    incident = only(merge_mentions([gov, town]))
    assert incident.place == SHADDADI


def test_merge_town_in_another_governorate_is_another_incident():
    result = merge_mentions([mention("gov", where=HASAKAH_GOV), mention("raqqa", where=RAQQA)])
    assert len(result.incidents) == 2


def test_merge_recapture_is_linked_not_merged():
    escape = mention(
        "escape", figures=[figure("1,500", 1500, 1500, "escaped", (outlet("escape"),))]
    )
    recapture = mention(
        "recap",
        event_type="recapture",
        where=HASAKAH_GOV,
        day=DAY.replace(day=25),
        figures=[figure("200", 200, 200, "recaptured", (outlet("recap"),))],
    )
    result = merge_mentions([recapture, escape])
    assert len(result.incidents) == 2
    by_type = {i.event_type: i for i in result.incidents}
    esc, rec = by_type["prison_escape"], by_type["recapture"]
    assert [f.role for f in esc.figures] == ["escaped"]
    assert [(r.kind, r.target) for r in rec.related] == [(RelationKind.FOLLOW_UP_OF, esc.id)]
    assert [(r.kind, r.target) for r in esc.related] == [(RelationKind.FOLLOWED_BY, rec.id)]
    assert len(result.links) == 2


def test_merge_recapture_before_escape_is_not_linked():
    escape = mention("escape", day=DAY.replace(day=25))
    recapture = mention("recap", event_type="recapture", day=DAY.replace(day=10))
    result = merge_mentions([recapture, escape])
    assert result.links == ()


def test_merge_result_does_not_depend_on_order():
    mentions, docs = four_outlets()
    extra = [
        mention("other", where=RAQQA),
        mention("later", event_type="recapture", day=DAY.replace(day=26)),
    ]
    pool = mentions + extra
    expected = merge_mentions(pool, documents=docs)
    for order in itertools.permutations(pool):
        assert merge_mentions(list(order), documents=docs) == expected


def test_merge_incremental_equals_all_at_once():
    mentions, docs = four_outlets()
    pool = [*mentions, mention("other", where=RAQQA)]
    expected = merge_mentions(pool, documents=docs)
    for first, second in [(pool[:2], pool[2:]), (pool[3:], pool[:3]), (pool[::2], pool[1::2])]:
        stored = merge_mentions(first, documents=docs).incidents
        wanted = set().union(*(search_keys(m, published=when(docs, m)) for m in second))
        candidates = [i for i in stored if incident_keys(i) & wanted]
        result = merge_mentions(second, candidates, documents=docs)
        kept = [i for i in stored if i.id not in {c.id for c in candidates}]
        final = sorted([*kept, *result.incidents], key=lambda i: i.id)
        assert to_plain(final) == to_plain(expected.incidents)


def test_merge_reprocessing_is_idempotent():
    mentions, docs = four_outlets()
    first = merge_mentions(mentions, documents=docs)
    again = merge_mentions(mentions, first.incidents, documents=docs)
    assert again.incidents == first.incidents
    assert again.created == () and again.retired == ()


def test_merge_result_round_trips_plain():
    mentions, docs = four_outlets()
    result = merge_mentions(mentions, documents=docs)
    assert from_plain(MergeResult, to_plain(result)) == result


def test_merge_block_keys_shared_by_mergeable_mentions():
    town, gov = mention("town", where=SHADDADI), mention("gov", where=HASAKAH_GOV)
    assert search_keys(town) & block_keys(gov)
    assert search_keys(gov) & block_keys(town)
    assert not block_keys(mention("x", day=date(2020, 1, 1))) & block_keys(town)
