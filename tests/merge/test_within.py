"""Within a document first, evidence by precision, facets, modality, order and neighbourhoods."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.merge import (
    GHWAYRAN,
    HASAKAH_GOV,
    ISIS,
    RAQQA,
    SDF_ACTOR,
    SHADDADI,
    SHADDADI_PRISON,
    X,
    mention,
    place,
    published,
)
from watchfloor.merge import MergeOptions, merge_mentions, search_keys
from watchfloor.merge.blocking import incident_keys
from watchfloor.merge.claims import claim_from_mention
from watchfloor.merge.similarity import sufficient, time_evidence
from watchfloor.merge.sites import place_evidence, site
from watchfloor.merge.within import document_units
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import DateMention, DatePrecision, Evidence, Precision
from watchfloor.model.serialize import to_plain

OPTIONS = MergeOptions()
SYRIA = place("Syria", 35.0, 38.5, None, Precision.COUNTRY)
AFRIN_TOWN = place("Afrin", 36.51, 36.87, "Aleppo", Precision.TOWN, pid="afrin-town")
AFRIN_DISTRICT = place("Afrin", 36.5, 36.8, "Aleppo", Precision.DISTRICT, pid="afrin-district")
NIGHT = date(2022, 1, 20)


def told(
    doc: str,
    sentence: int,
    start: int,
    event_type: str,
    *,
    where=SHADDADI,
    day: date | None = NIGHT,
    span: int = 0,
    actor1=ISIS,
    modality: str = "asserted",
) -> EventMention:
    """A mention at a given sentence and offset of a document."""
    base = mention(
        doc, event_type=event_type, where=where, day=day, span=span, actor1=actor1, start=start
    )
    evidence = Evidence(doc, sentence, start, start + 7, X)
    when = base.date
    if when is not None:
        when = dataclasses.replace(when, evidence=evidence)
    return dataclasses.replace(base, evidence=evidence, date=when, modality=modality)


def vague(day: date) -> DateMention:
    """'In recent weeks' before a day: a month-long interval."""
    ev = Evidence("d", 0, 0, 1, X)
    return DateMention("in recent weeks", day - timedelta(days=30), day, DatePrecision.VAGUE, ev)


def documents(mentions: list[EventMention]) -> dict[str, DocumentInfo]:
    """Each mention's document, published the morning after the night."""
    docs = {m.evidence.document_id for m in mentions}
    return {d: DocumentInfo(f"outlet {d}", published(NIGHT + timedelta(days=1))) for d in docs}


def incidents_of(mentions: list[EventMention]) -> list[set[str]]:
    result = merge_mentions(mentions, documents=documents(mentions))
    return sorted((set(i.mention_ids) for i in result.incidents), key=sorted)


# --- within a document -------------------------------------------------------------------


def test_within_one_trigger_is_one_event():
    # "successfully executed an airstrike": an attack and an airstrike read from one phrase.
    attack = told("doc-a", 0, 93, "armed_attack", where=None)
    strike = told("doc-a", 0, 105, "airstrike", where=None)
    units = document_units([claim_from_mention(attack), claim_from_mention(strike)], OPTIONS)
    assert len(units) == 1
    assert len(merge_mentions([attack, strike]).incidents) == 1


def test_within_far_apart_triggers_of_one_family_stay_two_events():
    attack = told("doc-a", 0, 10, "armed_attack", where=None)
    strike = told("doc-a", 0, 200, "airstrike", where=None)
    units = document_units([claim_from_mention(attack), claim_from_mention(strike)], OPTIONS)
    assert len(units) == 2


def test_within_title_and_lead_are_one_group():
    # The title names the town and no date; the lead names the prison and the night.
    title = told("doc-a", 0, 10, "attack_on_detention_facility", where=None, day=None)
    title = dataclasses.replace(title, date=vague(NIGHT + timedelta(days=1)))
    lead = told("doc-a", 2, 150, "attack_on_detention_facility", where=SHADDADI_PRISON)
    escape = told("doc-a", 3, 300, "prison_escape", where=SHADDADI, actor1=None)
    claims = [claim_from_mention(m) for m in (title, lead, escape)]
    assert [len(u) for u in document_units(claims, OPTIONS)] == [3]


def test_within_different_places_or_actors_stay_apart():
    here = told("doc-a", 0, 10, "airstrike", where=SHADDADI)
    there = told("doc-a", 4, 400, "airstrike", where=RAQQA)
    other_actor = told("doc-a", 5, 500, "airstrike", actor1=SDF_ACTOR)
    claims = [claim_from_mention(m) for m in (here, there, other_actor)]
    assert len(document_units(claims, OPTIONS)) == 3


def test_within_facets_in_one_sentence_join():
    # "attacked the prison, setting off a car bomb at the gate and clashing with guards"
    attack = told("doc-a", 1, 147, "attack_on_detention_facility", where=GHWAYRAN)
    bomb = told("doc-a", 1, 268, "ied", where=None, actor1=None)
    clash = told("doc-a", 1, 294, "armed_clash", where=None, actor1=None)
    claims = [claim_from_mention(m) for m in (attack, bomb, clash)]
    assert [len(u) for u in document_units(claims, OPTIONS)] == [3]


# --- across documents: evidence by precision -----------------------------------------------


def test_evidence_vague_date_and_country_stay_apart():
    a = dataclasses.replace(told("doc-a", 0, 0, "airstrike", where=SYRIA), date=vague(NIGHT))
    b = dataclasses.replace(told("doc-b", 0, 0, "airstrike", where=SYRIA), date=vague(NIGHT))
    assert len(incidents_of([a, b])) == 2


def test_evidence_precise_day_country_and_actor_merge():
    a = told("doc-a", 0, 0, "airstrike", where=SYRIA)
    b = told("doc-b", 0, 0, "airstrike", where=SYRIA)
    assert len(incidents_of([a, b])) == 1


def test_evidence_precise_day_country_without_actor_stays_apart():
    a = told("doc-a", 0, 0, "airstrike", where=SYRIA, actor1=None)
    b = told("doc-b", 0, 0, "airstrike", where=SYRIA, actor1=None)
    assert len(incidents_of([a, b])) == 2


def test_evidence_same_town_with_vague_dates_merges():
    a = dataclasses.replace(told("doc-a", 0, 0, "territory_seized", where=RAQQA), date=vague(NIGHT))
    b = dataclasses.replace(
        told("doc-b", 0, 0, "territory_seized", where=RAQQA, actor1=None),
        date=vague(NIGHT + timedelta(days=5)),
    )
    assert len(incidents_of([a, b])) == 1


def test_evidence_governorate_needs_a_precise_date():
    a = dataclasses.replace(
        told("doc-a", 0, 0, "airstrike", where=HASAKAH_GOV, actor1=None), date=vague(NIGHT)
    )
    b = dataclasses.replace(
        told("doc-b", 0, 0, "airstrike", where=HASAKAH_GOV, actor1=None), date=vague(NIGHT)
    )
    assert len(incidents_of([a, b])) == 2
    c = told("doc-c", 0, 0, "airstrike", where=HASAKAH_GOV, actor1=None)
    d = dataclasses.replace(
        c, id="evm-d", evidence=dataclasses.replace(c.evidence, document_id="doc-d")
    )
    assert len(incidents_of([c, d])) == 1


def test_evidence_levels():
    assert place_evidence(site(SHADDADI), site(SHADDADI_PRISON), OPTIONS) == 3
    assert place_evidence(site(AFRIN_TOWN), site(AFRIN_DISTRICT), OPTIONS) == 2
    assert place_evidence(site(SHADDADI), site(HASAKAH_GOV), OPTIONS) == 1
    assert place_evidence(site(SYRIA), site(SYRIA), OPTIONS) == 0
    assert place_evidence(site(None), site(SHADDADI), OPTIONS) == 0
    day = (NIGHT, NIGHT)
    month = (NIGHT - timedelta(days=30), NIGHT)
    assert time_evidence(day, day, 0) == 2
    assert time_evidence(day, month, 0) == 1
    assert time_evidence(month, month, 0) == 0
    assert not sufficient(0, 0, True, True)  # a vague date and a country: never
    assert not sufficient(1, 0, True, False)
    assert sufficient(1, 1, False, False)
    assert sufficient(3, 0, False, False)


# --- type families and facets ---------------------------------------------------------------


def test_facets_prison_attack_and_clashes_at_the_prison_are_one_incident():
    attack = told("doc-a", 0, 0, "attack_on_detention_facility", where=GHWAYRAN)
    clashes = told("doc-b", 0, 0, "armed_clash", where=GHWAYRAN, actor1=None)
    assert clashes.date is not None
    clashes = dataclasses.replace(
        clashes, date=dataclasses.replace(clashes.date, end=NIGHT + timedelta(days=2))
    )
    assert len(incidents_of([attack, clashes])) == 1


def test_facets_need_the_same_place():
    attack = told("doc-a", 0, 0, "attack_on_detention_facility", where=GHWAYRAN)
    clashes = told("doc-b", 0, 0, "armed_clash", where=HASAKAH_GOV, actor1=None)
    assert len(incidents_of([attack, clashes])) == 2


def test_family_types_merge_only_at_one_place():
    strike = told("doc-a", 0, 0, "airstrike", where=SHADDADI)
    clash = told("doc-b", 0, 0, "armed_clash", where=SHADDADI)
    assert len(incidents_of([strike, clash])) == 1
    far = told("doc-c", 0, 0, "armed_clash", where=HASAKAH_GOV)
    assert len(incidents_of([strike, far])) == 2


# --- modality ----------------------------------------------------------------------------------


def test_modality_failed_or_planned_is_no_incident():
    done = told("doc-a", 0, 0, "prison_escape")
    failed = told("doc-b", 0, 0, "prison_escape", modality="failed")
    planned = told("doc-c", 0, 0, "prison_escape", modality="planned")
    result = merge_mentions([done, failed, planned])
    assert [i.mention_ids for i in result.incidents] == [(done.id,)]


def test_modality_reread_as_failed_leaves_its_incident():
    first = merge_mentions([told("doc-a", 0, 0, "prison_escape")])
    again = merge_mentions(
        [told("doc-a", 0, 0, "prison_escape", modality="failed")], first.incidents
    )
    assert again.incidents == ()
    assert again.retired == (first.incidents[0].id,)


# --- incremental and order-invariant -----------------------------------------------------------


def test_incremental_new_document_touches_only_its_neighbourhood():
    far = [told(f"doc-r{i}", 0, 0, "airstrike", where=RAQQA) for i in range(3)]
    near = [told("doc-s1", 0, 0, "prison_escape"), told("doc-s2", 0, 0, "prison_escape")]
    stored = merge_mentions(far + near, documents=documents(far + near)).incidents
    newcomer = told("doc-s3", 0, 0, "prison_escape", where=SHADDADI_PRISON)
    keys = search_keys(newcomer, OPTIONS)
    neighbours = [i for i in stored if incident_keys(i, OPTIONS) & keys]
    assert len(neighbours) == 1 and set(neighbours[0].mention_ids) == {m.id for m in near}
    result = merge_mentions([newcomer], neighbours, documents=documents([newcomer]))
    assert [set(i.mention_ids) for i in result.incidents] == [{m.id for m in near} | {newcomer.id}]
    everything = merge_mentions(
        [*far, *near, newcomer], documents=documents([*far, *near, newcomer])
    )
    same = next(i for i in everything.incidents if newcomer.id in i.mention_ids)
    assert to_plain(same) == to_plain(result.incidents[0])


_TYPES = ["attack_on_detention_facility", "prison_escape", "armed_clash", "airstrike", "recapture"]
_PLACES = [SHADDADI, SHADDADI_PRISON, GHWAYRAN, HASAKAH_GOV, SYRIA, None]

told_st = st.builds(
    lambda d, s, o, t, p, day, a: told(
        f"doc-{d}", s, o, t, where=p, day=NIGHT + timedelta(days=day), actor1=a
    ),
    st.integers(0, 3),
    st.integers(0, 2),
    st.integers(0, 400),
    st.sampled_from(_TYPES),
    st.sampled_from(_PLACES),
    st.integers(0, 12),
    st.sampled_from([ISIS, SDF_ACTOR, None]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(told_st, min_size=1, max_size=8, unique_by=lambda m: m.id), st.randoms())
def test_properties_units_keep_merge_order_invariant(mentions, rnd):
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    docs = documents(mentions)
    assert to_plain(merge_mentions(shuffled, documents=docs)) == to_plain(
        merge_mentions(mentions, documents=docs)
    )


# --- follow-ups ----------------------------------------------------------------------------


def test_follow_up_links_to_an_escape_told_as_part_of_an_attack():
    from types import MappingProxyType

    from watchfloor.merge import DEFAULT_RULES
    from watchfloor.model.incidents import RelationKind

    rules = dataclasses.replace(
        DEFAULT_RULES, follow_ups=MappingProxyType({"recapture": ("prison_escape",)})
    )
    options = MergeOptions(rules=rules)
    attack = told("doc-a", 0, 0, "attack_on_detention_facility", where=SHADDADI_PRISON)
    attack2 = told("doc-b", 0, 0, "attack_on_detention_facility", where=SHADDADI_PRISON)
    escape = told("doc-c", 0, 0, "prison_escape", where=SHADDADI_PRISON)
    retaken = told("doc-d", 0, 0, "recapture", where=SHADDADI_PRISON)
    assert retaken.date is not None
    retaken = dataclasses.replace(
        retaken, date=dataclasses.replace(retaken.date, start=NIGHT + timedelta(days=6),
                                          end=NIGHT + timedelta(days=6)),
    )  # fmt: skip
    mentions = [attack, attack2, escape, retaken]
    result = merge_mentions(mentions, documents=documents(mentions), options=options)
    assert len(result.incidents) == 2
    main = next(i for i in result.incidents if attack.id in i.mention_ids)
    assert main.event_type == "attack_on_detention_facility"
    assert [r.kind for r in main.related] == [RelationKind.FOLLOWED_BY]


# --- figures as evidence -------------------------------------------------------------------


def test_figures_told_alike_stand_for_a_precise_date():
    from helpers.merge import figure, outlet

    def at_gov(doc, text, low, high):
        m = told(doc, 0, 0, "airstrike", where=HASAKAH_GOV, actor1=None)
        fig = figure(text, low, high, "killed", (outlet(doc),), doc=doc)
        return dataclasses.replace(m, date=vague(NIGHT), figures=(fig,))

    same = [at_gov("doc-a", "120", 120, 120), at_gov("doc-b", "about 120", 110, 130)]
    assert len(incidents_of(same)) == 1
    other = [at_gov("doc-a", "120", 120, 120), at_gov("doc-b", "12", 12, 12)]
    assert len(incidents_of(other)) == 2
