"""Short news items (a title and a sentence or two): what the merge may join on so little.

Such items rarely date what they report beyond "on Tuesday" and name one town; on one day a war
strikes several towns of one area, and a town sees several strikes a month.
"""

from __future__ import annotations

from datetime import date

from helpers.merge import GHWAYRAN, SHADDADI, documents, figure, mention, outlet, place, published
from watchfloor.merge import MergeOptions, merge_mentions

OPTIONS = MergeOptions()
DAY = date(2022, 3, 15)
# About 11 km from al-Shaddadi: within merge_km (40), beyond nested_km (5).
NEAR = place("Tell Hamis", 36.16, 40.72)


def _merge(*items):
    mentions = [m for m, _ in items]
    infos = documents(*((m.evidence.document_id, m.evidence.document_id, w) for m, w in items))
    return merge_mentions(mentions, documents=infos, options=OPTIONS).incidents


def killed(n, doc):
    return (figure(str(n), n, n, "killed", (outlet(doc),), doc=doc),)


def test_two_towns_near_each_other_the_same_day_stay_apart():
    a = mention("bbc", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None)
    b = mention("cnn", event_type="airstrike", where=NEAR, day=DAY, actor1=None)
    assert len(_merge((a, published(DAY)), (b, published(DAY, 18)))) == 2


def test_two_towns_near_each_other_with_one_toll_merge():
    # A village and the town it is counted under, told with one toll: one strike.
    a = mention("bbc", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None,
                figures=killed(7, "bbc"))  # fmt: skip
    b = mention("cnn", event_type="airstrike", where=NEAR, day=DAY, actor1=None,
                figures=killed(7, "cnn"))  # fmt: skip
    assert len(_merge((a, published(DAY)), (b, published(DAY, 18)))) == 1


def test_one_town_one_day_merges_without_a_figure():
    a = mention("bbc", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None)
    b = mention("cnn", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None)
    assert len(_merge((a, published(DAY)), (b, published(DAY, 18)))) == 1


def test_an_undated_report_a_week_later_is_not_the_dated_strike():
    # "An airstrike hit a hospital in al-Shaddadi" published six days after a strike there
    # dated that Tuesday: the undated report tells news of its last few days.
    dated = mention("bbc", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None)
    undated = mention("nyt", event_type="airstrike", where=SHADDADI, day=None, actor1=None)
    later = date(2022, 3, 21)
    assert len(_merge((dated, published(DAY)), (undated, published(later)))) == 2
    # Published the next day, it is the same strike.
    next_day = date(2022, 3, 16)
    assert len(_merge((dated, published(DAY)), (undated, published(next_day)))) == 1
    # A toll told alike joins them whatever the days between the reports.
    a = mention("bbc", event_type="airstrike", where=SHADDADI, day=DAY, actor1=None,
                figures=killed(7, "bbc"))  # fmt: skip
    b = mention("nyt", event_type="airstrike", where=SHADDADI, day=None, actor1=None,
                figures=killed(7, "nyt"))  # fmt: skip
    assert len(_merge((a, published(DAY)), (b, published(later)))) == 1


def test_a_facility_named_by_both_needs_no_date():
    # A statement a week on sums up "the attack on Ghwayran prison" without a date: one
    # facility, within the window, is one happening (a town is not: see above).
    dated = mention("wire", event_type="attack_on_detention_facility", where=GHWAYRAN, day=DAY,
                    actor1=None)  # fmt: skip
    summed = mention("statement", event_type="attack_on_detention_facility", where=GHWAYRAN,
                     day=None, actor1=None)  # fmt: skip
    later = date(2022, 3, 22)
    assert len(_merge((dated, published(DAY)), (summed, published(later)))) == 1


def test_an_undated_facet_does_not_veto_what_another_member_proves():
    # The attack on the prison (dated), the fighting there (undated, the next day's report),
    # then an undated report of the attack: it fits the attack by type and facility; that
    # nothing dates it together with the fighting is no reason to keep it out.
    attack = mention("a", event_type="attack_on_detention_facility", where=GHWAYRAN, day=DAY,
                     actor1=None)  # fmt: skip
    fighting = mention("b", event_type="armed_clash", where=GHWAYRAN, day=None, actor1=None)
    again = mention("c", event_type="attack_on_detention_facility", where=GHWAYRAN, day=None,
                    actor1=None)  # fmt: skip
    items = (
        (attack, published(DAY)),
        (fighting, published(date(2022, 3, 16))),
        (again, published(date(2022, 3, 17))),
    )
    assert len(_merge(*items)) == 1
    # Alone, two undated facets at one prison told a day apart are the days of one siege...
    assert len(_merge(items[1], items[2])) == 1
    # ... but told a week apart, nothing says they are one happening: they stay apart.
    late = (items[2][0], published(date(2022, 3, 23)))
    assert len(_merge(items[1], late)) == 2


def test_at_one_facility_a_facet_days_off_does_not_veto():
    # The clash and the attack at the prison on one day, then a report ten days on that sums up
    # the attack without a date: it is the attack; that the clash lies three days before its
    # undated week is no veto at one facility (in a town it stays apart: see above).
    def told(doc, kind, where, day, when):
        return mention(doc, event_type=kind, where=where, day=day, actor1=None), published(when)

    later = date(2022, 3, 25)
    for where, expected in ((GHWAYRAN, 1), (SHADDADI, 2)):
        items = (
            told("a", "armed_clash", where, DAY, DAY),
            told("b", "attack_on_detention_facility", where, DAY, DAY),
            told("c", "attack_on_detention_facility", where, None, later),
        )
        assert len(_merge(*items)) == expected, where.name
