"""Short feed items of one happening told under several types, places and precisions.

A siege reported over a week at a prison or the town holding it, a country-only headline beside
the report naming the town, a town and the district named after it: what lets such items merge,
and the neighbours that must stay apart.
"""

from __future__ import annotations

from datetime import date, timedelta

from helpers.merge import GHWAYRAN, documents, mention, place, published
from watchfloor.merge import MergeOptions, merge_mentions
from watchfloor.model.mentions import Precision

OPTIONS = MergeOptions()
DAY = date(2022, 1, 20)
HASAKAH = place("Al-Hasakah", 36.50, 40.75)  # about 2 km from the prison: the town holding it
TELL_TAMR = place("Tell Tamr", 36.62, 40.85)  # about 18 km away: another town
SYRIA = place("Syria", 35.0, 38.5, None, Precision.COUNTRY)
JINDAYRIS = place("Jindayris", 36.395, 36.689, admin1="Aleppo")
JANDAIRIS = place("Jandairis", 36.414, 36.697, admin1="Aleppo", precision=Precision.DISTRICT)
AZAZ = place("Azaz", 36.586, 37.046, admin1="Aleppo", precision=Precision.DISTRICT)


def _count(*items, options=OPTIONS):
    mentions = [m for m, _ in items]
    infos = documents(*((m.evidence.document_id, m.evidence.document_id, w) for m, w in items))
    return len(merge_mentions(mentions, documents=infos, options=options).incidents)


def test_undated_facets_at_a_prison_and_the_town_holding_it_told_a_day_apart_merge():
    clash = mention("a", event_type="armed_clash", where=HASAKAH, day=None, actor1=None)
    attack = mention("b", event_type="attack_on_detention_facility", where=GHWAYRAN, day=None,
                     actor1=None)  # fmt: skip
    assert _count((clash, published(DAY)), (attack, published(DAY + timedelta(days=1)))) == 1
    # Another town of the area is not the prison's.
    elsewhere = mention("c", event_type="armed_clash", where=TELL_TAMR, day=None, actor1=None)
    assert _count((elsewhere, published(DAY)), (attack, published(DAY + timedelta(days=1)))) == 2
    # Nor are reports of the prison a week apart one siege by their publication alone.
    assert _count((clash, published(DAY)), (attack, published(DAY + timedelta(days=7)))) == 2


def test_at_a_prison_only_facets_of_one_happening_merge_undated():
    # The killing and the clashes at a prison under attack (both facets of the attack) told a
    # day apart are one siege; a transfer of detainees and a repatriation there are two acts.
    killing = mention("a", event_type="armed_attack", where=HASAKAH, day=None, actor1=None)
    clashes = mention("b", event_type="armed_clash", where=GHWAYRAN, day=None, actor1=None)
    assert _count((killing, published(DAY)), (clashes, published(DAY + timedelta(days=1)))) == 1
    moved = mention("c", event_type="detention_transfer", where=GHWAYRAN, day=None, actor1=None)
    sent = mention("d", event_type="repatriation", where=GHWAYRAN, day=None, actor1=None)
    assert _count((moved, published(DAY)), (sent, published(DAY + timedelta(days=1)))) == 2


def test_undated_reports_of_one_family_at_one_town_the_same_day_merge():
    # "Missile attack on the airport" and "air raid on the airport", hours apart.
    shelling = mention("a", event_type="shelling", where=HASAKAH, day=None, actor1=None)
    strike = mention("b", event_type="airstrike", where=HASAKAH, day=None, actor1=None)
    assert _count((shelling, published(DAY, 6)), (strike, published(DAY, 14))) == 1
    # Two days apart they may be two bombardments of one town.
    assert _count((shelling, published(DAY)), (strike, published(DAY + timedelta(days=2)))) == 2


def test_one_report_of_one_town_tells_two_happenings_of_one_family():
    # Its paragraphs share one publication time: that says nothing of their happenings.
    battles = mention("a", event_type="armed_clash", where=HASAKAH, day=None, actor1=None)
    found = mention("a", event_type="shelling", where=HASAKAH, day=None, actor1=None, start=300)
    assert _count((battles, published(DAY)), (found, published(DAY))) == 2


def test_the_days_of_one_battle_at_one_town_do_not_veto_a_later_summary():
    # The attack on the prison on the first day, fighting the next, and a summary of "the
    # week's fighting" whose dates begin three days after the attack: one happening.
    def told(doc, kind, start, span, pub):
        item = mention(doc, event_type=kind, where=HASAKAH, day=start, span=span, actor1=None)
        return item, published(pub)

    attack = told("a", "attack_on_detention_facility", DAY, 0, DAY)
    fighting = told("b", "armed_clash", DAY + timedelta(days=1), 0, DAY + timedelta(days=1))
    week = told("c", "armed_clash", DAY + timedelta(days=3), 6, DAY + timedelta(days=9))
    assert _count(attack, fighting, week) == 1
    # A clash whose dates begin six days after the attack is beyond the days of one battle.
    late = told("d", "armed_clash", DAY + timedelta(days=6), 6, DAY + timedelta(days=12))
    assert _count(attack, fighting, late) == 2


def test_a_country_only_headline_of_the_same_news_joins_the_report_naming_the_place():
    placed = mention("a", event_type="attack_on_detention_facility", where=GHWAYRAN, day=None)
    headline = mention("b", event_type="attack_on_detention_facility", where=SYRIA, day=None)
    assert _count((placed, published(DAY, 6)), (headline, published(DAY, 15))) == 1
    # Two days on, or without the same named actor, a country says too little.
    later = (headline, published(DAY + timedelta(days=2)))
    assert _count((placed, published(DAY, 6)), later) == 2
    nobody = mention("c", event_type="attack_on_detention_facility", where=SYRIA, day=None,
                     actor1=None)  # fmt: skip
    assert _count((placed, published(DAY, 6)), (nobody, published(DAY, 15))) == 2


def test_a_town_and_the_district_named_after_it_spelt_otherwise_are_one_place():
    # "killed near Jindayris" and "drone strike in Jandairis district", on one day.
    town = mention("a", event_type="armed_clash", where=JINDAYRIS, day=DAY, actor1=None)
    district = mention("b", event_type="airstrike", where=JANDAIRIS, day=DAY, actor1=None)
    assert _count((town, published(DAY)), (district, published(DAY, 18))) == 1
    # Another district of the governorate is no seat of the town.
    other = mention("c", event_type="airstrike", where=AZAZ, day=DAY, actor1=None)
    assert _count((town, published(DAY)), (other, published(DAY, 18))) == 2


def test_a_riot_and_a_raid_are_told_with_their_facets():
    riot = mention("a", event_type="riot", where=HASAKAH, day=DAY, actor1=None)
    attack = mention("b", event_type="attack_on_detention_facility", where=HASAKAH, day=DAY,
                     actor1=None)  # fmt: skip
    assert _count((riot, published(DAY)), (attack, published(DAY, 12))) == 1
    raid = mention("c", event_type="raid_arrest", where=HASAKAH, day=DAY, actor1=None)
    killed = mention("d", event_type="armed_attack", where=HASAKAH, day=DAY, actor1=None)
    assert _count((raid, published(DAY)), (killed, published(DAY, 12))) == 1
    # A raid and a riot are no facets of each other.
    assert _count((raid, published(DAY)), (riot, published(DAY, 12))) == 2


def test_escapees_rounded_up_after_a_prison_attack_are_linked_not_merged():
    # With the packaged ontology's rules: the recapture in the town holding the prison, told
    # a day after the attack, would be one siege by place and publication were it a facet.
    from watchfloor.pipeline import merge_options

    options = merge_options()
    attack = mention("a", event_type="attack_on_detention_facility", where=GHWAYRAN, day=None,
                     actor1=None)  # fmt: skip
    rounded = mention("b", event_type="recapture", where=HASAKAH, day=None, actor1=None)
    items = ((attack, published(DAY)), (rounded, published(DAY + timedelta(days=1))))
    infos = documents(*((m.evidence.document_id, m.evidence.document_id, w) for m, w in items))
    result = merge_mentions([attack, rounded], documents=infos, options=options)
    assert len(result.incidents) == 2
    assert {link.kind.value for link in result.links} == {"follow_up_of", "followed_by"}


IDLIB = place("Idlib", 35.93, 36.63, admin1="Idlib")  # the town bearing its governorate's name
ATMAH = place("Atmah", 36.21, 36.69, admin1="Idlib")  # about 31 km north, near the border
SARMADA = place("Sarmada", 36.18, 36.72, admin1="Idlib")
AZAZ_TOWN = place("Azaz", 36.586, 37.046, admin1="Aleppo")  # another governorate, ~45 km away


def test_a_town_bearing_its_governorates_name_may_mean_the_governorate():
    # "US raid in Syria's Idlib" overnight, and the raid in Atmeh reported the same day: one.
    far = MergeOptions(merge_km=25.0)  # Atmah lies beyond the towns' distance
    seat = mention("a", event_type="raid", where=IDLIB, day=DAY, actor1=None)
    town = mention("b", event_type="raid", where=ATMAH, day=None, actor1=None)
    assert _count((seat, published(DAY)), (town, published(DAY)), options=far) == 1
    # Two other towns of the governorate as far apart stay two places.
    other = mention("c", event_type="raid", where=SARMADA, day=DAY, actor1=None)
    near = MergeOptions(merge_km=2.0)
    assert _count((other, published(DAY)), (town, published(DAY)), options=near) == 2
    # And a town of another governorate is not inside Idlib.
    azaz = mention("d", event_type="raid", where=AZAZ_TOWN, day=DAY, actor1=None)
    assert _count((seat, published(DAY)), (azaz, published(DAY)), options=far) == 2


ALEPPO = place("Aleppo", 36.20, 37.16, admin1="Aleppo")
MANBIJ = place("Manbij", 36.53, 37.95, admin1="Aleppo")  # about 80 km east


def test_a_governorates_seat_dated_precisely_is_the_town():
    # Two air strikes dated to one day, on Aleppo city and on Manbij, are two happenings.
    city = mention("a", event_type="airstrike", where=ALEPPO, day=DAY, actor1=None)
    town = mention("b", event_type="airstrike", where=MANBIJ, day=DAY, actor1=None)
    assert _count((city, published(DAY)), (town, published(DAY))) == 2


DEIR = place("Deir ez-Zor", 35.33, 40.14, admin1="Deir ez-Zor")


def test_a_report_placed_nowhere_that_fits_two_incidents_stays_alone():
    # "A raid in Syria" the day raids are reported in Atmeh and in Deir ez-Zor picks neither.
    atmeh = mention("a", event_type="raid", where=ATMAH, day=None)
    deir = mention("b", event_type="raid", where=DEIR, day=None)
    syria = mention("c", event_type="raid", where=SYRIA, day=None)
    items = [(atmeh, published(DAY, 6)), (deir, published(DAY, 9)), (syria, published(DAY, 12))]
    assert _count(*items) == 3
    # Beside one placed report it is that report's news.
    assert _count(items[0], items[2]) == 1


def test_a_report_cannot_tell_another_act_that_began_after_it_was_published():
    # Clashes at a town reported on the 22nd are not the retaking dated the 23rd.
    clashes = mention("a", event_type="armed_clash", where=HASAKAH, day=None, actor1=None)
    taken = mention("b", event_type="territory_seized", where=HASAKAH, day=DAY + timedelta(days=1),
                    actor1=None)  # fmt: skip
    items = [(clashes, published(DAY)), (taken, published(DAY + timedelta(days=3)))]
    assert _count(*items) == 2
