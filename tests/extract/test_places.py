"""The places component on the seed article and on descriptive locations."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from watchfloor.extract.components import ExtractOptions
from watchfloor.extract.extractor import Extractor
from watchfloor.model import Document, Precision
from watchfloor.resolve.places_names import distance_km
from watchfloor.samples import sample_paths

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "places.yaml").read_text())


def _seed_text() -> str:
    """The reference article, which ships with the package's samples (never skipped)."""
    (path,) = [p for p in sample_paths() if p.name == "isis-revival-opinion.txt"]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractOptions(components=("watchfloor.sentences.v1", "watchfloor.places.v1")))


def _annotate(extractor: Extractor, text: str):
    doc = Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="t",
        retrieved=datetime.now(UTC),
        language="en",
    )
    return extractor.extract_one(doc)


@pytest.fixture(scope="module")
def seed(extractor):
    return _annotate(extractor, _seed_text())


@pytest.mark.parametrize("case", CASES["seed"], ids=lambda c: c["name"])
def test_places_seed_article_golden(seed, case):
    key = case["name"].lower().replace("al-", "")
    found = [p for p in seed.places if key in p.text.lower() or key in p.name.lower()]
    assert found, f"{case['name']} not found in {[p.text for p in seed.places]}"
    if "lat" in case:
        best = min(distance_km(p.lat, p.lon, case["lat"], case["lon"]) for p in found if p.lat)
        assert best <= case["tolerance_km"]
    if "country_code" in case:
        assert any(p.country_code == case["country_code"] for p in found)
    if "precision" in case:
        assert any(p.precision.value == case["precision"] for p in found)


def test_places_evidence_points_at_the_text(seed):
    text = seed.document.text
    for place in seed.places:
        ev = place.evidence
        assert text[ev.start : ev.end] == place.text
        assert ev.extractor == "watchfloor.places.v1"
        sentence = seed.sentences[ev.sentence]
        assert sentence.start <= ev.start < sentence.end


def test_places_nationalities_are_not_places(seed):
    assert not any(p.text.lower() in {"iraqi", "syrian", "israeli", "kurdish"} for p in seed.places)


def test_places_person_tagged_place_is_found(extractor):
    doc = _annotate(extractor, "Women and children were moved to al-Hol on Tuesday.")
    assert [p.precision for p in doc.places] == [Precision.FACILITY]


def test_places_prison_construction_is_facility(extractor):
    doc = _annotate(extractor, "Guards at Ghwayran prison repelled the attack in Hasakah.")
    kinds = {p.text: p.precision for p in doc.places}
    assert kinds.get("Ghwayran prison") is Precision.FACILITY


def test_places_context_settles_ambiguous_name(extractor):
    text = "Shelling hit Maarat al-Numan in Idlib. Later a drone struck Sinjar, south of the city."
    doc = _annotate(extractor, text)
    sinjar = [p for p in doc.places if p.text == "Sinjar"]
    assert sinjar and sinjar[0].country_code == "SY"


@pytest.mark.parametrize("case", CASES["descriptive"], ids=lambda c: c["span"])
def test_places_descriptive_locations(extractor, case):
    doc = _annotate(extractor, case["text"])
    found = [p for p in doc.places if p.text == case["span"]]
    assert found, [p.text for p in doc.places]
    place = found[0]
    assert place.precision.value == case["precision"]
    assert distance_km(place.lat, place.lon, case["lat"], case["lon"]) <= case["tolerance_km"]
