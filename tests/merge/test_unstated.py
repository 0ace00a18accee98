"""A report that dates nothing: its mention falls in the week before publication, not a month."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from helpers.merge import SHADDADI, X, documents, mention, published
from watchfloor.merge import MergeOptions, merge_mentions
from watchfloor.merge.claims import claim_from_mention, claim_interval, is_unstated
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import DateMention, DatePrecision, Evidence

OPTIONS = MergeOptions()
DAY = date(2022, 3, 1)


def unstated(doc: str, day: date):
    """A mention whose only date is the extraction's month-long window before `day`."""
    window = DateMention(
        "", day - timedelta(days=30), day, DatePrecision.VAGUE, Evidence(doc, 0, 0, 1, X)
    )
    return dataclasses.replace(mention(doc, event_type="airstrike", where=SHADDADI), date=window)


def test_unstated_window_is_the_week_before_publication():
    item = unstated("a", DAY)
    assert is_unstated(item.date)
    claim = claim_from_mention(item, DocumentInfo("Outlet", published(DAY)))
    assert claim_interval(claim, OPTIONS) == (DAY - timedelta(days=OPTIONS.undated_days), DAY)
    # Without a publication time the window stays as given; a stated date is never replaced.
    assert claim_interval(claim_from_mention(item), OPTIONS) == (DAY - timedelta(days=30), DAY)
    stated = mention("b", day=DAY - timedelta(days=20))
    told = claim_interval(claim_from_mention(stated, DocumentInfo("O", published(DAY))), OPTIONS)
    assert told is not None and told[0] == DAY - timedelta(days=20)


def _groups(*items):
    mentions = [m for m, _ in items]
    infos = documents(*((m.evidence.document_id, "Outlet", when) for m, when in items))
    return merge_mentions(mentions, documents=infos, options=OPTIONS).incidents


def test_two_undated_reports_three_weeks_apart_stay_apart():
    early, late = unstated("a", DAY), unstated("b", DAY + timedelta(days=21))
    assert len(_groups((early, published(DAY)), (late, published(DAY + timedelta(days=21))))) == 2


def test_two_undated_reports_of_one_town_days_apart_still_merge():
    early, late = unstated("a", DAY), unstated("b", DAY + timedelta(days=2))
    assert len(_groups((early, published(DAY)), (late, published(DAY + timedelta(days=2))))) == 1


def test_incident_span_is_what_the_reports_state():
    stated = mention("a", where=SHADDADI, event_type="airstrike", day=DAY)
    undated = unstated("b", DAY + timedelta(days=1))
    incidents = _groups((stated, published(DAY)), (undated, published(DAY + timedelta(days=1))))
    assert len(incidents) == 1
    assert (incidents[0].start, incidents[0].end) == (DAY, DAY)
    # Only undated reports: their windows before publication are all there is.
    alone = _groups((undated, published(DAY + timedelta(days=1))))[0]
    assert alone.start == DAY + timedelta(days=1) - timedelta(days=30)


def test_two_undated_reports_of_one_town_need_close_publication():
    # Same type, same town, neither dated: their week-long windows overlap or nearly do up to
    # ~17 days apart, but nothing says they tell one happening. Published within
    # UNDATED_APART days they merge; ten or sixteen days apart they stay apart.
    for days, expected in ((3, 1), (5, 2), (10, 2), (16, 2)):
        early, late = unstated("a", DAY), unstated("b", DAY + timedelta(days=days))
        later = published(DAY + timedelta(days=days))
        assert len(_groups((early, published(DAY)), (late, later))) == expected, days


def test_stated_dates_sharing_a_day_merge_without_close_publication():
    # Both reports state a vague date ("last week") that shares days: told, not assumed.
    week = DateMention(
        "last week", DAY - timedelta(days=6), DAY, DatePrecision.VAGUE, Evidence("a", 0, 0, 1, X)
    )
    first = dataclasses.replace(mention("a", event_type="airstrike", where=SHADDADI), date=week)
    second = dataclasses.replace(first, id="m-b", evidence=Evidence("b", 0, 0, 1, X))
    second = dataclasses.replace(second, date=dataclasses.replace(week, evidence=second.evidence))
    later = published(DAY + timedelta(days=6))
    assert len(_groups((first, published(DAY)), (second, later))) == 1
    # The same pair with the second's date unstated stays apart at six days.
    undated = unstated("b", DAY + timedelta(days=6))
    assert len(_groups((first, published(DAY)), (undated, later))) == 2
