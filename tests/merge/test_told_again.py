"""Background a report tells again rides with its report's happening; one family needs one time."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from helpers.merge import GHWAYRAN, ISIS, RAQQA, SHADDADI, SHADDADI_PRISON, X, mention, published
from watchfloor.merge import MergeOptions, merge_mentions, mergeable
from watchfloor.merge.claims import claim_from_mention
from watchfloor.merge.within import document_units
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import DateMention, DatePrecision, Evidence

OPTIONS = MergeOptions()
NIGHT = date(2022, 1, 20)


def told(doc, sentence, start, event_type, *, where=SHADDADI, day=NIGHT, actor1=ISIS):
    """A mention at a given sentence and offset of a document."""
    base = mention(doc, event_type=event_type, where=where, day=day, actor1=actor1, start=start)
    evidence = Evidence(doc, sentence, start, start + 7, X)
    when = base.date
    if when is not None:
        when = dataclasses.replace(when, evidence=evidence)
    return dataclasses.replace(base, evidence=evidence, date=when)


def vague(day: date) -> DateMention:
    """'In recent weeks' before a day: a month-long interval."""
    ev = Evidence("d", 0, 0, 1, X)
    return DateMention("in recent weeks", day - timedelta(days=30), day, DatePrecision.VAGUE, ev)


def documents(mentions: list[EventMention]) -> dict[str, DocumentInfo]:
    """Each mention's document, published the morning after the night."""
    docs = {m.evidence.document_id for m in mentions}
    return {d: DocumentInfo(f"outlet {d}", published(NIGHT + timedelta(days=1))) for d in docs}


def again(mention: EventMention) -> EventMention:
    """The mention as background: "the attack" of a later paragraph, its place borrowed."""
    return dataclasses.replace(mention, background=True)


def _incidents(mentions: list[EventMention]) -> list[set[str]]:
    result = merge_mentions(mentions, documents=documents(mentions), options=OPTIONS)
    return sorted((set(i.mention_ids) for i in result.incidents), key=sorted)


def test_background_told_again_joins_its_reports_happening():
    lead = told("doc-a", 1, 100, "attack_on_detention_facility", where=SHADDADI_PRISON)
    later = again(told("doc-a", 6, 900, "attack_on_detention_facility", where=SHADDADI))
    result = merge_mentions([lead, later], documents=documents([lead, later]), options=OPTIONS)
    assert [set(i.mention_ids) for i in result.incidents] == [{lead.id, later.id}]
    incident = result.incidents[0]
    # A passenger: it says nothing of the incident's place, id or count of reports.
    assert incident.place == SHADDADI_PRISON
    assert [c.mention_id for c in incident.claims if not c.background] == [lead.id]


def test_background_never_founds_an_incident():
    alone = again(told("doc-a", 6, 900, "airstrike"))
    assert merge_mentions([alone], documents=documents([alone]), options=OPTIONS).incidents == ()
    assert mergeable([alone]) == [alone]


def test_background_of_another_report_does_not_join():
    lead = told("doc-a", 1, 100, "airstrike")
    elsewhere = again(told("doc-b", 6, 900, "airstrike"))
    assert _incidents([lead, elsewhere]) == [{lead.id}]


def test_background_fitting_two_happenings_is_left_out():
    # Two strikes the report keeps apart (two towns) ...
    here = told("doc-a", 1, 100, "airstrike", where=SHADDADI)
    there = told("doc-a", 3, 400, "airstrike", where=RAQQA)
    # ... and an unplaced "the strike" of that night that could be either: it cannot say which.
    either = again(told("doc-a", 8, 900, "airstrike", where=None))
    units = document_units([claim_from_mention(m) for m in (here, there, either)], OPTIONS)
    assert sorted(len(u) for u in units) == [1, 1]
    # With one strike only, it rides along.
    units = document_units([claim_from_mention(m) for m in (here, either)], OPTIONS)
    assert [len(u) for u in units] == [2]


def test_background_of_another_type_or_a_follow_up_does_not_join():
    attack = told("doc-a", 1, 100, "attack_on_detention_facility", where=GHWAYRAN)
    strike = again(told("doc-a", 5, 600, "airstrike", where=GHWAYRAN, actor1=None))
    caught = again(told("doc-a", 7, 800, "recapture", where=GHWAYRAN, actor1=None))
    units = document_units([claim_from_mention(m) for m in (attack, strike, caught)], OPTIONS)
    assert [[c.mention_id for c in u] for u in units] == [[attack.id]]


def test_within_facets_paragraphs_apart_on_one_day_at_one_place_join():
    # The attack on the prison in the lead, the car bomb at its gate three paragraphs on.
    attack = told("doc-a", 1, 100, "attack_on_detention_facility", where=GHWAYRAN)
    bomb = told("doc-a", 4, 700, "ied", where=GHWAYRAN, actor1=None)
    units = document_units([claim_from_mention(m) for m in (attack, bomb)], OPTIONS)
    assert [len(u) for u in units] == [2]


def test_within_one_family_on_two_dates_of_one_report_stays_apart():
    clash = told("doc-a", 1, 100, "armed_clash", where=RAQQA)
    strike = told("doc-a", 4, 700, "airstrike", where=RAQQA, day=NIGHT - timedelta(days=5))
    units = document_units([claim_from_mention(m) for m in (clash, strike)], OPTIONS)
    assert len(units) == 2


def test_one_family_with_a_precise_day_outside_the_looser_date_stays_apart():
    # A clash "last week" and a bombardment on Sunday after it, in one town: two happenings.
    week = dataclasses.replace(
        told("doc-a", 0, 0, "armed_clash", where=SHADDADI, actor1=None),
        date=dataclasses.replace(
            vague(NIGHT - timedelta(days=3)),
            start=NIGHT - timedelta(days=10),
            end=NIGHT - timedelta(days=4),
        ),
    )
    sunday = told("doc-b", 0, 0, "shelling", where=SHADDADI, actor1=None)
    assert len(_incidents([week, sunday])) == 2
    # Inside the week, the same two are one happening at one place and time.
    six_days = NIGHT - timedelta(days=6)
    inside = told("doc-b", 0, 0, "shelling", where=SHADDADI, actor1=None, day=six_days)
    assert len(_incidents([week, inside])) == 1


def test_background_facet_at_the_very_place_rides_along():
    # "... guards were killed" at the prison whose attack the report tells in its lead.
    attack = told("doc-a", 1, 100, "attack_on_detention_facility", where=GHWAYRAN)
    killed = again(told("doc-a", 5, 600, "armed_attack", where=GHWAYRAN, actor1=None))
    units = document_units([claim_from_mention(m) for m in (attack, killed)], OPTIONS)
    assert [len(u) for u in units] == [2]
    # The same facet in another town of the governorate is not told again.
    elsewhere = again(told("doc-a", 5, 600, "armed_attack", where=SHADDADI, actor1=None))
    units = document_units([claim_from_mention(m) for m in (attack, elsewhere)], OPTIONS)
    assert [len(u) for u in units] == [1]


def test_one_family_with_a_named_month_holding_a_precise_day_stays_apart():
    # "the occupation of the town in March" and "the bombardment on Sunday": one town, a month.
    march = dataclasses.replace(
        told("doc-a", 0, 0, "territory_seized", where=SHADDADI, actor1=None),
        date=dataclasses.replace(
            vague(NIGHT), start=NIGHT - timedelta(days=19), end=NIGHT + timedelta(days=11)
        ),
    )
    sunday = told("doc-b", 0, 0, "shelling", where=SHADDADI, actor1=None)
    assert len(_incidents([march, sunday])) == 2
    # Of one type, the month and the day may be one happening at one town.
    same = told("doc-b", 0, 0, "territory_seized", where=SHADDADI, actor1=None)
    assert len(_incidents([march, same])) == 1
