"""Happenings told in headline grammar (issue 14: short feed items, title + one sentence).

Headlines drop articles and auxiliaries, put past events in the present tense ("X hits Y"),
name the act by a bare noun whose modifier says who did it ("Israeli strike"), and end in a
"says" tail. Sentences written for these tests: a strike, hit or bombing by a state (named or
by demonym) is an air or drone strike; an armed side striking a military target is an attack on
it; a person of an armed side killed is fighting; holdouts at a prison are the prison attack,
the end of its siege is the facility retaken; laying down arms is a surrender; people
fleeing their homes near a jail are no prison escape; a blast that kills is an explosion; a
means that modifies an attack ("missile attack") is that attack, one event.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from helpers.reading import read_news
from watchfloor.extract import Extractor
from watchfloor.extract.event_agents import agent_tokens
from watchfloor.extract.event_triggers import forms
from watchfloor.model import AnnotatedDocument, Modality

pytestmark = [pytest.mark.issue(14), pytest.mark.slow]


def _types(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events if e.modality is Modality.ASSERTED]


_HEADLINES = [
    # a strike by a state, named or by demonym, with or without a "says" tail
    ("Russian strike damages Idlib hospital, rescuers say", "airstrike"),
    ("Toll from Israeli strikes on Gaza rises to 40", "airstrike"),
    ("Turkey hits Kurdish positions in northern Iraq", "airstrike"),
    ("Israel strikes Syrian army depot near Homs", "airstrike"),
    ("Flights halted at Erbil airport after strike on runway", "airstrike"),
    ("Russian raids on Idlib province kill eight", "airstrike"),
    ("Senior al-Shabaab commander killed by a US drone in Somalia", "airstrike"),
    # an armed side strikes a military target; a raid on a post is an attack on it
    ("Four policemen dead as militants strike checkpoint near Tikrit", "armed_clash"),
    ("Iraqi soldiers killed in night raid on border outpost", "armed_clash"),
    ("Taliban ambush kills six Afghan police officers", "armed_clash"),
    # a person of an armed side killed: fighting, whoever kills
    ("Taliban chief killed by government troops in Kandahar, army says", "armed_clash"),
    ("Boko Haram Leader Was Killed in Clash in Borno, Officials Say", "armed_clash"),
    # siege, holdouts and its end at a prison
    ("Taliban holdouts refuse to surrender in Kandahar prison", "attack_on_detention_facility"),
    ("Army declares end of siege at Kandahar jail", "territory_seized"),
    ("Afghan forces retake Kandahar prison from the Taliban", "territory_seized"),
    # surrender idiom
    ("Army says the last Taliban fighters in the compound laid down their arms.", "surrender"),
    # words of a labour strike elsewhere in the sentence rule nothing out
    ("Israeli strike kills Iranian general in Damascus", "airstrike"),
    ("Russian strike on Idlib market kills 12", "airstrike"),
    ("Turkish strike hits train station in Qamishli", "airstrike"),
    ("Israeli strike killed a doctor and two nurses in Gaza", "airstrike"),
    # inmates running away
    ("Dozens of inmates ran away from the jail during the riot", "prison_escape"),
    # a blast that kills is an explosion
    ("Explosion on busy Kabul shopping street kills four", "ied"),
    ("Kabul blast: dozens injured near market", "ied"),
]


@pytest.mark.parametrize(("text", "expected"), _HEADLINES)
def test_a_headline_names_its_happening(extractor: Extractor, text: str, expected: str) -> None:
    doc = read_news(extractor, text)
    types = _types(doc)
    assert types and types[0] == expected, [(e.event_type, e.trigger) for e in doc.events]


@pytest.mark.parametrize(
    "text",
    [
        # a labour strike, and a state hitting back in words
        "French rail strike paralyses the network for a third day",
        "Turkey hits back at Sweden over protest permits",
        # a bare strike or hit says nothing of who attacked
        "Workers strike at Basra oil field over unpaid wages",
        # a toll of a strike says nothing of an air strike
        "Death toll from general strike protests in Baghdad rises to five",
        "Toll from Basra port strike rises as ships wait offshore",
        "General strike paralyses Beirut",
    ],
)
def test_no_escape_or_strike_where_none_happened(extractor: Extractor, text: str) -> None:
    types = _types(read_news(extractor, text))
    assert not {"prison_escape", "airstrike", "armed_clash"} & set(types), types


def test_fleeing_homes_near_a_jail_is_no_escape(extractor: Extractor) -> None:
    text = "Thousands flee homes as fighting spreads around Kandahar jail"
    types = _types(read_news(extractor, text))
    assert "prison_escape" not in types and "armed_clash" in types, types


def test_a_means_that_modifies_an_attack_is_one_event(extractor: Extractor) -> None:
    doc = read_news(extractor, "Kurds blame Turkey for missile attack on Qamishli airport")
    assert [(e.event_type, e.trigger) for e in doc.events] == [("shelling", "missile")]


def test_a_drone_that_kills_is_the_strike_itself(extractor: Extractor) -> None:
    doc = read_news(extractor, "Drone strike near Manbij kills two fighters")
    assert [(e.event_type, e.trigger) for e in doc.events] == [("airstrike", "strike")]


def test_a_prison_run_by_its_guards_is_no_escape(extractor: Extractor) -> None:
    text = "Militants attacked a prison run by Kurdish forces in Qamishli."
    types = _types(read_news(extractor, text))
    assert "prison_escape" not in types and "attack_on_detention_facility" in types, types


def test_a_surrender_refused_did_not_happen(extractor: Extractor) -> None:
    doc = read_news(extractor, "Taliban holdouts refuse to surrender in Kandahar prison")
    assert "surrender" not in _types(doc)


def test_a_headline_subject_the_parse_lost_still_acts(extractor: Extractor) -> None:
    # "as IS strikes": the parser hangs the subject on "as"; the words before the verb act.
    parsed: Doc = extractor.nlp("Eleven soldiers dead as IS strikes army post near Baquba")
    verb = next(t for t in parsed if t.lower_ == "strikes")
    assert "IS" in {t.text for t in agent_tokens(verb)}


def test_title_case_plurals_read_as_their_singular(extractor: Extractor) -> None:
    parsed: Doc = extractor.nlp("Warplanes Pound Rebel Towns")
    first = parsed[0]
    assert "warplane" in forms(first)
