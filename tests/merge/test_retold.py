"""Background that retells its report's happening: a toll without a place, an escape beside
the clashes at one prison; other happenings and old ones stay out."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.merge import GHWAYRAN, ISIS, SDF, SHADDADI, X, figure, mention, place, published
from watchfloor.merge import DEFAULT_RULES, MergeOptions, merge_mentions
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import DateMention, DatePrecision, Evidence
from watchfloor.model.serialize import to_plain

OPTIONS = MergeOptions()
NIGHT = date(2022, 1, 20)
# The town the prison lies in, 2 km from it (within `nested_km`).
HASAKAH = place("Al-Hasakah", 36.50, 40.75)


def told(start, event_type, *, where=GHWAYRAN, day=NIGHT, actor1=None, figures=(), bg=False,
         doc="doc-a"):  # fmt: skip
    """A mention of a document (doc-a) at an offset; background when `bg`."""
    base = mention(doc, event_type=event_type, where=where, day=day, actor1=actor1,
                   start=start, figures=figures)  # fmt: skip
    evidence = Evidence(doc, start // 100, start, start + 7, X)
    return dataclasses.replace(base, evidence=evidence, background=bg)


def toll(killed: int | None, **fields) -> EventMention:
    """A toll told again ("the SDF said 121 of its fighters had been killed"): no place or date."""
    figures = () if killed is None else (figure(str(killed), killed, killed, "killed", (SDF,)),)
    fields = {"where": None, "day": None, **fields}
    return told(900, "armed_attack", figures=figures, bg=True, **fields)


def _incidents(mentions: list[EventMention]):
    docs = {
        "doc-a": DocumentInfo("Wire", published(NIGHT + timedelta(days=1))),
        "doc-b": DocumentInfo("Monitor", published(NIGHT + timedelta(days=2))),
    }
    return merge_mentions(mentions, documents=docs, options=OPTIONS).incidents


def test_kin_types_are_one_incident_with_a_common_third_type():
    # The clashes and the escape are each one incident with an attack on the prison.
    assert DEFAULT_RULES.kin("armed_clash", "prison_escape")
    assert DEFAULT_RULES.kin("armed_attack", "armed_clash")
    # An air strike is no facet of an attack on a prison; a recapture follows an escape.
    assert not DEFAULT_RULES.kin("airstrike", "armed_clash")
    assert not DEFAULT_RULES.kin("recapture", "armed_clash")


def test_a_toll_told_again_without_a_place_rides_with_the_attack_and_brings_its_figure():
    attack = told(100, "attack_on_detention_facility", actor1=ISIS)
    clash = told(150, "armed_clash")
    (incident,) = _incidents([attack, clash, toll(121)])
    assert len(incident.mention_ids) == 3
    (killed,) = [f for f in incident.figures if f.role == "killed"]
    assert (killed.low, killed.high) == (121, 121)
    # The passenger says nothing of where and when: those stay the lead's.
    assert incident.place == GHWAYRAN and incident.start == NIGHT


def test_a_retelling_without_a_place_or_a_figure_stays_out():
    attack = told(100, "attack_on_detention_facility", actor1=ISIS)
    (incident,) = _incidents([attack, toll(None)])
    assert incident.mention_ids == (attack.id,)


def test_an_old_toll_at_the_same_prison_stays_out():
    attack = told(100, "attack_on_detention_facility", actor1=ISIS)
    old = DateMention("2019", date(2019, 1, 1), date(2019, 12, 31), DatePrecision.YEAR,
                      Evidence("doc-a", 9, 900, 904, X))  # fmt: skip
    history = dataclasses.replace(toll(60, where=GHWAYRAN), date=old)
    (incident,) = _incidents([attack, history])
    assert incident.mention_ids == (attack.id,)


def test_an_escape_told_again_in_the_prisons_town_joins_the_clashes_at_the_prison():
    clash = told(100, "armed_clash")
    escaped = told(500, "prison_escape", where=HASAKAH, bg=True)
    (incident,) = _incidents([clash, escaped])
    assert len(incident.mention_ids) == 2


def test_kin_needs_a_facility_and_never_reaches_another_family_member():
    # In a town, shelling told again beside the battles may be another happening.
    battles = told(100, "armed_clash", where=SHADDADI)
    shells = told(500, "shelling", where=SHADDADI, bg=True)
    (incident,) = _incidents([battles, shells])
    assert incident.mention_ids == (battles.id,)
    # At the prison, the coalition's air strikes beside the fighting are their own happening.
    fighting = told(100, "armed_clash")
    strikes = told(500, "airstrike", bg=True)
    (incident,) = _incidents([fighting, strikes])
    assert incident.mention_ids == (fighting.id,)


def test_a_figure_told_again_by_a_later_report_revises_the_timeline():
    dozens = figure("dozens", 24, 99, "escaped", (SDF,))
    first = told(100, "attack_on_detention_facility", actor1=ISIS, figures=(dozens,))
    second = told(100, "attack_on_detention_facility", actor1=ISIS, doc="doc-b")
    escaped = figure("around 400", 400, 400, "escaped", (SDF,), doc="doc-b")
    fled = told(500, "prison_escape", where=HASAKAH, bg=True, doc="doc-b", figures=(escaped,))
    (incident,) = _incidents([first, second, fled])
    (told_escaped,) = [f for f in incident.figures if f.role == "escaped"]
    assert (told_escaped.low, told_escaped.high) == (24, 400)
    later = incident.timeline[-1]
    assert later.document_id == "doc-b" and fled.id in later.claims
    assert later.what == "new figures for ['escaped']"


# Reports of one prison night: the types a retelling may take, the prison, its town, a town
# elsewhere and no place, with or without a toll, some told again.
retold_st = st.lists(
    st.builds(
        lambda doc, start, t, where, d, killed, bg: told(
            start, t, where=where, day=None if d is None else NIGHT + timedelta(days=d),
            figures=() if killed is None else (figure(str(killed), killed, killed, "killed",
                                                      (SDF,), doc=f"doc-{doc}"),),
            bg=bg, doc=f"doc-{doc}",
        ),
        st.sampled_from("ab"),
        st.integers(0, 1_200),
        st.sampled_from(["attack_on_detention_facility", "armed_clash", "armed_attack",
                         "prison_escape", "airstrike", "recapture"]),
        st.sampled_from([GHWAYRAN, HASAKAH, SHADDADI, None]),
        st.sampled_from([None, 0, 3]),
        st.sampled_from([None, 121]),
        st.booleans(),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda m: m.id,
)  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(retold_st, st.randoms(use_true_random=False))
def test_properties_retellings_ride_with_their_own_report_in_any_order(mentions, rnd):
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    incidents = _incidents(mentions)
    assert to_plain(_incidents(shuffled)) == to_plain(incidents)
    for incident in incidents:
        for claim in incident.claims:
            if claim.background:  # rides with a happening its own report tells
                assert any(
                    not c.background and c.document_id == claim.document_id for c in incident.claims
                )
