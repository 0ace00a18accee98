"""Sense: what a trigger acts on decides its type, and one trigger gives one event (issue 12, 5).

Sentences written for these tests. Recapture takes people as its object (retaking a place is
territory); a trigger that is another trigger's object is the same happening; a word that only
names the toll ("killing 4") beside one naming the means ("shelled") is the means' event; the
killing of armed people is a battle, of unarmed people an attack on civilians.
"""

from __future__ import annotations

import pytest

from helpers.reading import read_news
from watchfloor.extract import Extractor
from watchfloor.model import AnnotatedDocument
from watchfloor.resolve.ontology import Ontology

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


def _read(extractor: Extractor, text: str) -> AnnotatedDocument:
    return read_news(extractor, text)


def _types(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events]


_CASES = [
    ("The SDF recaptured the town of Baghuz on Saturday.", "territory_seized", "recapture"),
    ("The SDF retook the final enclave in Baghuz.", "territory_seized", "recapture"),
    ("Security forces recaptured 20 escapees near Hasakah.", "recapture", "territory_seized"),
    ("The coalition executed an airstrike on an ISIS cell.", "airstrike", "armed_attack"),
    ("Police discovered and defused 3 IEDs near Baghdad.", "disrupted_weapons_use", "ied"),
    ("Regime forces shelled Ariha with rockets, killing 4 children.", "shelling", "armed_attack"),
    ("An IED exploded near a patrol in Hama, killing a regime soldier.", "ied", "armed_clash"),
    ("Shelling exchange with rockets took place between the SDF and the SNA.", "armed_clash", None),
    ("Militants killed a civilian in his house near Qamishli.", "armed_attack", "armed_clash"),
    ("Unknown gunmen shot and killed a member of military intelligence.", "armed_clash", None),
    (
        "Police discovered and destroyed an IS hideout in the Anbar desert.",
        "looting_destruction",
        None,
    ),
]


@pytest.mark.parametrize(("text", "main", "absent"), _CASES)
def test_sense_type_follows_what_the_trigger_acts_on(
    extractor: Extractor, text: str, main: str, absent: str | None
) -> None:
    types = _types(_read(extractor, text))
    assert types and types[0] == main, types
    assert absent not in types


def test_sense_a_person_recaptured_is_never_a_place(extractor: Extractor) -> None:
    # The escapee is the object: an arrest of escapees, not a place taken.
    doc = _read(extractor, "Iraqi police recaptured two escaped prisoners in Mosul.")
    assert "territory_seized" not in _types(doc)


def test_sense_fighting_amid_shelling_is_a_battle(extractor: Extractor) -> None:
    text = "Clashes took place between the SDF and the SNA near Manbij, amid Turkish shelling."
    doc = _read(extractor, text)
    ontology = Ontology.load()
    assert ontology.get(doc.events[0].event_type).acled_event_type == "Battles"
    assert "shelling" in _types(doc)  # the shelling is kept, as a circumstance
