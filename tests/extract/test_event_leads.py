"""Which happening leads a report and how it is named (issue 12: Guardian main events, wave 4).

Sentences written for these tests, plus real rows from the development Guardian articles
(skipped when ../shared/data is absent):

- an armed side driven out of, ousted from or expelled from a place is territory taken, and
  the place it left is the event's place; people driven from their homes are not;
- a lead that only announces a happening names what the report is about: a later clause
  saying it took place leads;
- a definite name of a happening the report told only as announced ("the US withdrawal")
  keeps that modality; a named happening with its own arguments does not;
- "negotiated a ceasefire" reports the ceasefire, "negotiate to transfer" plans;
- the lead is the title and the first three sentences.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers.data import guardian_text
from helpers.reading import PUBLISHED, read_news
from watchfloor.extract import Extractor
from watchfloor.model import AnnotatedDocument, Modality, StatementKind

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


def _read(extractor: Extractor, text: str, published: datetime | None = None) -> AnnotatedDocument:
    return read_news(extractor, text, published or PUBLISHED)


def _types(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events if e.modality is Modality.ASSERTED]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The hated Isis were driven out of Raqqa in October.", "Ar Raqqah"),
        (
            "The campaign culminated in the extremists' ousting from Raqqa late last year.",
            "Ar Raqqah",
        ),
        ("Kurdish fighters ousted Islamic State from Manbij on Sunday.", "Manbij"),
        ("The army expelled militants from the village of Tal Abyad on Friday.", "Tall Abyad"),
    ],
)
def test_an_armed_side_driven_out_of_a_place_is_territory_there(
    extractor: Extractor, text: str, place: str
) -> None:
    doc = _read(extractor, text)
    taken = [e for e in doc.events if e.event_type == "territory_seized"]
    assert taken and taken[0].place is not None, [(e.event_type, e.reasons) for e in doc.events]
    assert taken[0].place.name == place


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of families were driven out of Raqqa by the fighting.",
        "Residents were forced out of Mosul.",
        "He was ousted from power in 2003.",
        "The opposition wants to oust the Syrian leadership.",
    ],
)
def test_people_driven_out_are_no_territory(extractor: Extractor, text: str) -> None:
    assert "territory_seized" not in _types(_read(extractor, text))


def test_a_happening_the_lead_announced_leads_when_a_clause_says_it_happened(
    extractor: Extractor,
) -> None:
    text = (
        "That's it for today. We'll be back with you in the new year. "
        "Donald Trump plans to withdraw all US troops from Syria, according to reports. "
        "Kurdish-led forces have been fighting Isis fiercely in villages of Deir ez-Zor province "
        "on Wednesday, killing 20 militants and losing 12 fighters. "
        "On Wednesday the White House confirmed that the US has begun withdrawing troops from "
        "Syria."
    )
    doc = _read(extractor, text, published=datetime(2018, 12, 19, tzinfo=UTC))
    main = doc.events[0]
    assert main.event_type == "withdrawal" and main.modality is Modality.ASSERTED, [
        (e.event_type, e.reasons) for e in doc.events
    ]
    assert any("the lead announced it" in r for r in main.reasons)


def test_a_name_of_the_announced_happening_is_no_happening(extractor: Extractor) -> None:
    text = (
        "Donald Trump has announced a rapid troop withdrawal from Syria. "
        "Kurdish fighters appealed to Damascus for help in the face of the US withdrawal."
    )
    doc = _read(extractor, text)
    withdrawals = [e for e in doc.events if e.event_type == "withdrawal"]
    assert withdrawals and all(e.modality is Modality.PLANNED for e in withdrawals)
    assert any("told before" in r for e in withdrawals for r in e.reasons)


def test_a_happening_named_with_its_own_arguments_is_told_anew(extractor: Extractor) -> None:
    text = (
        "Turkish troops are making final plans to attack the Kurds. "
        "The SDF led the battle against Isis in Raqqa."
    )
    assert "armed_clash" in _types(_read(extractor, text))


@pytest.mark.parametrize(
    ("text", "asserted"),
    [
        ("De Mistura said on Tuesday that Russia had negotiated a ceasefire in Ghouta.", True),
        ("The sides agreed a truce in Deraa on Monday.", True),
        ("Iraq is negotiating to transfer the detainees to Baghdad.", False),
    ],
)
def test_an_agreement_negotiated_is_reached(
    extractor: Extractor, text: str, asserted: bool
) -> None:
    doc = _read(extractor, text)
    said = [e for e in doc.events if e.event_type in ("agreement", "detention_transfer")]
    assert said, [(e.event_type, e.modality) for e in doc.events]
    assert (said[0].modality is Modality.ASSERTED) is asserted, said[0].reasons


def test_the_third_sentence_is_in_the_lead(extractor: Extractor) -> None:
    text = (
        "In the crowded towns of Idlib province, the displaced have nowhere left to run. "
        "Up to 3 million people are bracing for an imminent attack by Russian forces. "
        "On Friday the Turkish army sent an armoured convoy deep into Idlib province. "
        "All have a stake in the battle for Aleppo, a conflict that has crushed the old and "
        "frail and killed hundreds of thousands of people in fighting across the country."
    )
    doc = _read(extractor, text, published=datetime(2018, 9, 1, tzinfo=UTC))
    assert doc.events[0].event_type == "deployment", [(e.event_type, e.reasons) for e in doc.events]


def test_guardian_live_blog_leads_with_the_withdrawal_it_announced(extractor: Extractor) -> None:
    # "Donald Trump plans to withdraw all US troops from Syria" in the lead; later "Sarah
    # Sanders confirms the US has begun withdrawing troops from Syria".
    doc = _read(extractor, guardian_text(155), published=datetime(2018, 12, 19, tzinfo=UTC))
    assert doc.events[0].event_type == "withdrawal", doc.events[0].reasons


@pytest.mark.parametrize(
    ("row", "published", "trigger"),
    [
        # "the moment when the black flags were taken down and the hated Isis were driven out"
        (721, datetime(2017, 10, 19, tzinfo=UTC), "driven"),
        # "culminating in the extremists' ousting from Raqqa late last year"
        (530, datetime(2018, 3, 18, tzinfo=UTC), "ousting"),
    ],
)
def test_guardian_rows_read_driving_out_as_territory(
    extractor: Extractor, row: int, published: datetime, trigger: str
) -> None:
    doc = _read(extractor, guardian_text(row), published=published)
    taken = [e for e in doc.events if e.event_type == "territory_seized" and e.trigger == trigger]
    assert taken and taken[0].modality is Modality.ASSERTED


def test_not_until_is_no_negation_and_caught_people_are_arrested(extractor: Extractor) -> None:
    text = (
        "It was not until mid-January, a week after their capture in eastern Syria, that the "
        "Kurds knew who they had. They had finally been caught."
    )
    arrests = [e for e in _read(extractor, text).events if e.event_type == "raid_arrest"]
    assert arrests and arrests[0].modality is Modality.ASSERTED
    assert "raid_arrest" not in _types(_read(extractor, "The army did not arrest anyone."))


def test_forces_moved_out_of_a_place_withdraw_and_keep_their_own_event(
    extractor: Extractor,
) -> None:
    # "allowed the Turkish strikes" is the object of "allowed", not of the moving: the strikes
    # do not swallow the withdrawal.
    text = "Moscow moved personnel from Afrin and allowed the Turkish strikes in its airspace."
    types = _types(_read(extractor, text))
    assert "withdrawal" in types and "airstrike" in types, types
    assert "withdrawal" not in _types(_read(extractor, "Israel moved its embassy from Tel Aviv."))
    moved = _types(_read(extractor, "Turkey moved troops to the border near Kilis."))
    assert moved == ["deployment"], moved
    # Objects still shared by coordinated verbs are one event.
    assert _types(_read(extractor, "Police discovered and defused 3 IEDs near Baghdad.")) == [
        "disrupted_weapons_use"
    ]


def test_a_report_without_a_lead_happening_hangs_on_its_news_peg(extractor: Extractor) -> None:
    text = (
        "This year is ending on a note of triumph for the regime. "
        "Its friends are many and its enemies are tired. "
        "Several countries are expected to re-establish ties in the coming year. "
        "The fighting in Deraa, the fighting in Ghouta and the fighting in Aleppo wore the "
        "rebels down over seven years of war. "
        "By Friday Syria's military had arrived at the frontline in Manbij."
    )
    doc = _read(extractor, text, published=datetime(2018, 12, 30, tzinfo=UTC))
    main = doc.events[0]
    assert main.event_type == "deployment", [(e.event_type, e.reasons) for e in doc.events]
    assert any("news peg" in r for r in main.reasons)


def test_a_convoy_is_a_deployment_only_when_armed(extractor: Extractor) -> None:
    aid = "A rare convoy carrying food and medical aid entered eastern Ghouta on Tuesday."
    assert "deployment" not in _types(_read(extractor, aid))
    armed = "The Turkish army sent an armoured convoy deep into Idlib province on Friday."
    assert "deployment" in _types(_read(extractor, armed))


def test_a_fear_told_with_be_is_no_happening(extractor: Extractor) -> None:
    doc = _read(extractor, "My big fear was of stepping on a landmine that would blow us up.")
    mines = [e for e in doc.events if e.event_type == "ied"]
    assert mines and mines[0].modality is Modality.FEARED, mines
    attack = "The attack was a disaster for the army in Idlib."
    assert "armed_clash" in _types(_read(extractor, attack))


def test_a_clause_describing_an_actor_is_background(extractor: Extractor) -> None:
    text = (
        "Tensions spiked when Washington said it would raise a border force from the Syrian "
        "Defence Force, which led the battle against Isis in north-east Syria."
    )
    battle = [e for e in _read(extractor, text).events if e.event_type == "armed_clash"]
    assert battle and not battle[0].is_incident
    assert any("describing 'Syrian Defence Force'" in r for r in battle[0].reasons)
    # A clause on a place tells what happened there; a dated clause tells a happening.
    fled = "Some British jihadists fled to north-eastern Syria, where they were rounded up."
    assert "raid_arrest" in _types(_read(extractor, fled))
    taken = _read(extractor, "Turkey shelled Afrin, which the YPG captured in March.")
    assert "territory_seized" in _types(taken) and "raid_arrest" not in _types(taken)


def test_a_preposition_s_verb_decides_a_gerund_trigger(extractor: Extractor) -> None:
    text = "Iran saw these areas as havens for forces whose mandate could change to fighting Iran."
    fights = [e for e in _read(extractor, text).events if e.event_type == "armed_clash"]
    assert fights and fights[0].modality is Modality.HYPOTHETICAL
    warned = list(_read(extractor, "The army warned of attacking Afrin.").events)
    assert warned and warned[0].modality is Modality.FEARED
    done = "Police succeeded in arresting the suspect in Mosul on Monday."
    assert "raid_arrest" in _types(_read(extractor, done))


def test_a_state_lasting_years_is_background(extractor: Extractor) -> None:
    text = (
        "The Kurdish guerrilla insurgents have been fighting for autonomy in south-east Turkey "
        "since the 1990s. Turkish jets bombed Afrin on Monday."
    )
    doc = _read(extractor, text)
    assert doc.events[0].event_type == "airstrike"
    fighting = [e for e in doc.events if e.event_type == "armed_clash"]
    assert fighting and not fighting[0].is_incident
    assert any("over more than a year" in r for r in fighting[0].reasons)


def test_a_trigger_coordinated_with_an_object_is_that_object(extractor: Extractor) -> None:
    text = "Kurdish-led fighters are still clearing militants and landmines inside Raqqa."
    assert _types(_read(extractor, text)) == ["disrupted_weapons_use"]


def test_a_protest_is_about_the_bombardment_it_names(extractor: Extractor) -> None:
    text = (
        "On 2 May 2022, dozens protested Turkish presence and bombardment in northern Iraq in "
        "front of the Turkish Consulate in Baghdad."
    )
    doc = _read(extractor, text, published=datetime(2022, 5, 3, tzinfo=UTC))
    assert doc.events[0].event_type == "protest", [e.event_type for e in doc.events]


@pytest.mark.parametrize(
    ("text", "battle"),
    [
        ("Isolated in the Gulf, Qatar has clashed with other Arab states.", False),
        ("Turkey clashed with the YPG in Afrin on Monday.", True),
        ("Turkish-backed factions clashed with each other in Afrin.", True),
        ("Two clans clashed in Deir ez-Zor on Monday.", True),
    ],
)
def test_states_that_clash_quarrel(extractor: Extractor, text: str, battle: bool) -> None:
    assert ("armed_clash" in _types(_read(extractor, text))) is battle


def test_a_report_asserts_what_any_sentence_of_its_happening_asserts(extractor: Extractor) -> None:
    # The telegraphic headline may read as opinion to the subjectivity model; the body tells
    # the same strike as fact, so the event is the outlet's report, and can corroborate.
    doc = _read(
        extractor,
        "Syria: Air strike on market in Azaz kills seven\n\n"
        "An air strike hit a crowded market in the town of Azaz in Aleppo province on Tuesday, "
        "killing seven civilians.",
    )
    headline = next(s for s in doc.statements if s.sentence == 0)
    event = doc.events[0]
    assert event.kind is StatementKind.REPORTED_FACT
    if headline.kind is not StatementKind.REPORTED_FACT:
        assert any(r.startswith("told as reported_fact") for r in event.reasons)


def test_an_event_told_only_as_opinion_stays_opinion(extractor: Extractor) -> None:
    doc = _read(extractor, "The bombing of Azaz market on Tuesday was, frankly, a disgrace.")
    kinds = {e.kind for e in doc.events}
    assert StatementKind.REPORTED_FACT not in kinds
