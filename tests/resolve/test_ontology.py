"""The event ontology: loads, maps to ACLED's real vocabulary and PLOVER, refuses bad data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from watchfloor.errors import ConfigError
from watchfloor.resolve.ontology import Ontology

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

# ACLED's published event_type -> sub_event_type vocabulary (codebook 2023).
ACLED = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
PLOVER = {
    "AGREE", "ASSAULT", "AID", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND",
    "DISAPPROVE", "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT",
    "SANCTION", "SUPPORT", "THREATEN",
}  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_ontology_has_monitoring_types(ontology: Ontology) -> None:
    for code in (
        "prison_escape", "attack_on_detention_facility", "recapture", "detention_transfer",
        "camp_security_incident", "repatriation", "border_fortification", "withdrawal",
        "agreement", "ied", "assassination", "kidnapping", "raid_arrest", "armed_clash",
        "airstrike", "shelling", "suicide_bombing", "protest", "riot",
    ):  # fmt: skip
        assert ontology.get(code).definition


def test_ontology_acled_pairs_are_real_vocabulary(ontology: Ontology) -> None:
    for event_type in ontology.types():
        if event_type.acled_event_type is None:
            assert event_type.acled_sub_event_type is None
            continue
        assert event_type.acled_sub_event_type in ACLED[event_type.acled_event_type], event_type


def test_ontology_plover_codes_are_plover_categories(ontology: Ontology) -> None:
    for event_type in ontology.types():
        assert event_type.plover_code is None or event_type.plover_code in PLOVER
    covered = {t.plover_code for t in ontology.types()} - {None}
    assert covered == PLOVER


def test_ontology_plover_codes_match_gold_records(ontology: Ontology) -> None:
    path = DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        pytest.skip("../shared/data/plover_gsr is absent")
    records = json.loads(path.read_text(encoding="utf-8"))
    gold = {r["event"] for r in records if r.get("event") != "DOCUMENT"}
    assert gold <= {t.plover_code for t in ontology.types()}


def test_ontology_acled_sample_values_are_mapped(ontology: Ontology) -> None:
    path = DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
    if not path.exists():
        pytest.skip("../shared/data/acled_syria_iraq_2022 is absent")
    with path.open(encoding="utf-8") as handle:
        pairs = {(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(handle)}
    mapped = {(t.acled_event_type, t.acled_sub_event_type) for t in ontology.types()}
    # Every pair the sample uses, except ACLED's peaceful-protest-with-intervention nuance.
    assert pairs - mapped <= {("Protests", "Protest with intervention")}


def test_ontology_family_and_related(ontology: Ontology) -> None:
    assert ontology.family("prison_escape") == "detention"
    assert ontology.family("armed_clash") == "armed_conflict"
    relations = {(r.code, r.relation) for r in ontology.related("recapture")}
    assert ("prison_escape", "follow_up") in relations
    back = {(r.code, r.relation) for r in ontology.related("attack_on_detention_facility")}
    assert ("prison_escape", "alternative") in back


def test_ontology_lemma_triggers_need_context(ontology: Ontology) -> None:
    found = ontology.lemma_triggers("escape")
    assert any(t.code == "prison_escape" and "prison" in trig.context for t, trig in found)
    phrases = [p for p, _, _ in ontology.phrase_triggers()]
    assert phrases == sorted(phrases, key=len, reverse=True)


def test_ontology_unknown_code_is_config_error(ontology: Ontology) -> None:
    with pytest.raises(ConfigError, match="unknown event type"):
        ontology.get("picnic")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"types": []}, "lacks"),
        ({"version": "x", "types": [{"label": "no code"}]}, "without a code"),
        ({"version": "x", "types": [{"code": "a"}, {"code": "a"}]}, "twice"),
        (
            {"version": "x", "types": [{"code": "a", "related": [{"code": "b", "relation": "x"}]}]},
            "unknown relation",
        ),
        (
            {
                "version": "x",
                "types": [{"code": "a", "related": [{"code": "b", "relation": "precedes"}]}],
            },
            "is unknown",
        ),
    ],
)
def test_ontology_bad_data_is_config_error(data, message) -> None:
    with pytest.raises(ConfigError, match=message):
        Ontology.from_mapping(data)
