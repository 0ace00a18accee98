"""Property tests: order independence, and blocking never hides a mergeable pair."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.merge import ISIS, SDF_ACTOR, mention, place
from watchfloor.merge import MergeOptions, compatibility, merge_mentions
from watchfloor.merge.blocking import merge_keys
from watchfloor.merge.claims import claim_from_mention
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import Precision
from watchfloor.model.serialize import to_plain

BASE = date(2022, 1, 1)
PLACES = [
    place("A", 36.0, 40.0),
    place("B", 36.2, 40.2),
    place("C", 36.45, 40.49, admin1="Other"),  # near the grid cell edge, other admin1
    place("Gov", 36.1, 40.1, precision=Precision.GOVERNORATE),
    place("Far", 35.0, 38.0, admin1="Far"),
    place("Syria", 35.0, 38.5, None, Precision.COUNTRY),  # placed no better than none
    place("Iraq", 33.0, 44.0, None, Precision.COUNTRY, country="IQ"),
    None,
]
TYPES = ["prison_escape", "attack_on_detention_facility", "recapture", "airstrike"]

mentions_st = st.lists(
    st.builds(
        lambda i, t, p, d, s, a: mention(
            f"d{i}", event_type=t, where=p, day=BASE + timedelta(days=d), span=s, actor1=a
        ),
        st.integers(0, 10_000),
        st.sampled_from(TYPES),
        st.sampled_from(PLACES),
        st.integers(0, 40),
        st.sampled_from([0, 0, 3, 60]),
        st.sampled_from([ISIS, SDF_ACTOR, None]),
    ),
    min_size=1,
    max_size=7,
    unique_by=lambda m: m.id,
)


@settings(max_examples=60, deadline=None)
@given(mentions_st, st.randoms(use_true_random=False))
def test_properties_merge_is_order_independent(mentions, rnd):
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    assert to_plain(merge_mentions(shuffled)) == to_plain(merge_mentions(mentions))


@settings(max_examples=200, deadline=None)
@given(mentions_st)
def test_properties_blocks_hold_every_compatible_pair(mentions):
    options = MergeOptions()
    claims = [claim_from_mention(m) for m in mentions]
    for a in claims:
        for b in claims:
            if compatibility(a, b, options) >= options.threshold:
                assert merge_keys(a, options, lookup=True) & merge_keys(b, options)


@settings(max_examples=60, deadline=None)
@given(mentions_st)
def test_properties_every_mention_in_exactly_one_incident(mentions):
    result = merge_mentions(mentions)
    ids = [m for incident in result.incidents for m in incident.mention_ids]
    assert sorted(ids) == sorted(m.id for m in mentions)


# Few documents, several mentions each, some of them background told again: within-document
# grouping and passengers must not depend on the order either.
grouped_st = st.lists(
    st.builds(
        lambda i, start, t, p, d, a, bg: dataclasses.replace(
            mention(
                f"doc{i}", event_type=t, where=p, day=BASE + timedelta(days=d), actor1=a,
                start=start,
            ),
            background=bg,
        ),
        st.integers(0, 2),
        st.integers(0, 2_000),
        st.sampled_from(TYPES),
        st.sampled_from(PLACES),
        st.integers(0, 6),
        st.sampled_from([ISIS, None]),
        st.booleans(),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda m: m.id,
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(grouped_st, st.randoms(use_true_random=False))
def test_properties_within_documents_and_passengers_are_order_independent(mentions, rnd):
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    result = merge_mentions(mentions)
    assert to_plain(merge_mentions(shuffled)) == to_plain(result)
    ids = [m for incident in result.incidents for m in incident.mention_ids]
    assert len(ids) == len(set(ids))
    assert {m.id for m in mentions if not m.background} <= set(ids)
    # Every incident has a mention that is not a passenger.
    assert all(any(not c.background for c in i.claims) for i in result.incidents)


@settings(max_examples=200, deadline=None)
@given(mentions_st)
def test_properties_blocks_hold_every_compatible_pair_with_publication_times(mentions):
    # Published on their day: unplaced and country-only reports may then join placed ones.
    options = MergeOptions()
    claims = []
    for m in mentions:
        day = m.date.start if m.date is not None else BASE
        when = datetime.combine(day, time(8), UTC)
        claims.append(claim_from_mention(m, DocumentInfo("outlet", when)))
    for a in claims:
        for b in claims:
            if compatibility(a, b, options) >= options.threshold:
                assert merge_keys(a, options, lookup=True) & merge_keys(b, options)
