"""The Arabic data files: every catalogue actor has an Arabic name, every id exists."""

from __future__ import annotations

import pytest

from watchfloor.extract.arabic.lexicon import load_lexicon, load_names
from watchfloor.extract.resources import Resources, load_resources
from watchfloor.resolve.ontology import Ontology


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


def test_every_actor_has_an_arabic_name(resources: Resources) -> None:
    names = load_names()["actors"]
    missing = [a for a in resources.catalogue.actors if not names.get(a)]
    assert not missing, f"actors with no Arabic name in names_ar.yaml: {missing}"


def test_arabic_names_point_at_known_ids(resources: Resources) -> None:
    names = load_names()
    assert all(a in resources.catalogue for a in names["actors"])
    for section in ("facilities", "places"):
        unknown = [i for i in names[section] if resources.gazetteer.get(i) is None]
        assert not unknown, f"{section}: unknown gazetteer ids {unknown}"


def test_triggers_map_to_ontology_codes() -> None:
    ontology = Ontology.load()
    lexicon = load_lexicon()
    unknown = [t for t in lexicon.triggers if t not in ontology]
    assert not unknown, f"trigger types missing from the ontology: {unknown}"
    assert set(lexicon.figure_roles) <= set(lexicon.triggers) | {"recapture"}
