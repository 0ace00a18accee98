"""The reference article read end to end, checked against every entry of the golden file.

The golden file is ../shared/golden/seed-article.yaml; a mirror in this folder keeps the test
running on a fresh clone (it never skips). When the shared copy exists the two must agree.
The seed text itself ships with the package's samples.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from watchfloor.extract import Extractor
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import AnnotatedDocument, Document, Genre, MarkerKind, StatementKind
from watchfloor.samples import sample_paths
from watchfloor.store import open_store

HERE = Path(__file__).resolve().parent
MIRROR = HERE / "seed-article.yaml"
SHARED = HERE.parents[1].parent / "shared" / "golden" / "seed-article.yaml"

# The golden file names events descriptively; these are the ontology codes they stand for.
EVENT_CODES = {
    "prison escape": "prison_escape",
    "agreement": "agreement",
    "armed clash": "armed_clash",
    "withdrawal": "withdrawal",
    "border fortification": "border_fortification",
}

# The golden claims describe what is claimed; these snippets find the sentence that claims it.
CLAIM_ANCHORS = {
    "a large number of ISIS elements fled the prison": "a large number of ISIS elements fled",
    "continued conflicts risk collapsing prison security": "risks collapsing prison security",
    "fire on anyone approaching the border barriers": "will be met with direct fire",
}

# What the counted things of the golden quantities may be called in a unit or role.
COUNT_WORDS = {
    "detainees": ("detain", "held", "prison"),
    "ISIS members who escaped": ("escap", "fled"),
    "ISIS members who escaped from al-Shaddadi prison": ("escap", "fled"),
    "ISIS fighters in Syria's deserts": ("fighter",),
}


def _golden() -> dict[str, Any]:
    mirror = yaml.safe_load(MIRROR.read_text(encoding="utf-8"))
    if SHARED.exists():
        shared = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
        assert shared == mirror, "tests/golden/seed-article.yaml is out of date with shared/"
    return mirror


GOLDEN = _golden()


def _seed_path() -> Path:
    (path,) = [p for p in sample_paths() if p.name.startswith("isis-revival-opinion")]
    return path


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> AnnotatedDocument:
    """The seed article ingested with the golden metadata, read, stored and read back."""
    meta = GOLDEN["ingest"]
    published = meta["published"]
    if isinstance(published, date) and not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day)
    options = IngestOptions(
        outlet=meta["outlet"],
        url=meta["url"],
        published=published.replace(tzinfo=UTC) if published.tzinfo is None else published,
        language=meta["language"],
    )
    items = list(read_inputs([str(_seed_path())], options))
    assert len(items) == 1 and isinstance(items[0], Document), items
    document = items[0]
    annotated = Extractor().extract_one(document)
    store = open_store(str(tmp_path_factory.mktemp("golden") / "golden.db"))
    store.write_document(document, annotated, "golden")
    back = store.get_annotated(document.id)
    assert back == annotated
    return annotated


def _norm(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _strip_article(name: str) -> str:
    return re.sub(r"^(al|ash|ad|ar|as|az|el)[- ]", "", _norm(name))


def _contains_words(text: str, words: str) -> bool:
    """True when `words` occur in `text` as whole words ("UN" is not in "council")."""
    return re.search(rf"(?<!\w){re.escape(_norm(words))}(?!\w)", _norm(text)) is not None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _sentence_with(reading: AnnotatedDocument, snippet: str) -> int:
    wanted = _norm(snippet)
    found = [s.index for s in reading.sentences if wanted in _norm(s.text)]
    assert found, f"no sentence contains {snippet!r}"
    return found[0]


def _chain_names(chain: tuple[Any, ...]) -> list[str]:
    """The chain without the publishing outlet at its head."""
    return [source.name for source in chain[1:]]


# -- document -----------------------------------------------------------------------------


def test_golden_document_metadata(reading):
    expected = GOLDEN["document"]
    genre = reading.genre or reading.document.genre
    assert genre is Genre(expected["genre"])
    assert reading.document.author == expected["author"]
    assert reading.document.outlet == GOLDEN["ingest"]["outlet"]
    assert reading.document.language == GOLDEN["ingest"]["language"]


@pytest.mark.parametrize("furniture", GOLDEN["document"]["boilerplate_removed"])
def test_golden_boilerplate_removed(reading, furniture):
    assert _norm(furniture) not in _norm(reading.document.text)
    assert any(_norm(furniture) in _norm(line) for line in reading.document.removed)
    for sentence in reading.sentences:
        assert _norm(furniture) not in _norm(sentence.text)


# -- actors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "surface"),
    [(row["canonical"], s) for row in GOLDEN["actors"] for s in row["surfaces"]],
)
def test_golden_actor_resolves(reading, canonical, surface):
    matches = [a for a in reading.actors if _contains_words(a.text, surface)]
    assert matches, f"{surface!r} not found among actor mentions"
    assert {a.name for a in matches} == {canonical}, [(a.text, a.name) for a in matches]
    assert all(a.actor_id for a in matches)


def test_golden_cited_outlets_are_sources_not_parties(reading):
    cited = {s.name for a in reading.attributions for s in a.chain[1:]}
    parties = {
        actor.name
        for event in reading.events
        for actor in (event.actor1, event.actor2, event.target)
        if actor is not None
    }
    for outlet in GOLDEN["cited_outlets"]:
        assert outlet in cited, f"{outlet} is not cited in any attribution chain"
        assert outlet not in parties


# -- places -------------------------------------------------------------------------------


@pytest.mark.parametrize("place", GOLDEN["places"], ids=lambda p: p["name"])
def test_golden_place_geocoded(reading, place):
    name = _strip_article(place["name"])
    matches = [
        p
        for p in reading.places
        if name in _strip_article(p.text) or name in _strip_article(p.name)
    ]
    assert matches, f"{place['name']} not among {[p.text for p in reading.places]}"
    if place.get("kind") == "country":
        assert any(
            p.country_code == place["country_code"] and p.precision.value == "country"
            for p in matches
        )
        return
    located = [p for p in matches if p.lat is not None and p.lon is not None]
    assert located, f"{place['name']} has no coordinates"
    best = min(_km(p.lat, p.lon, place["lat"], place["lon"]) for p in located)
    assert best <= place["tolerance_km"], f"{place['name']} is {best:.0f} km off"
    if place.get("kind") == "camp":
        assert any(p.precision.value == "facility" for p in located)
    if place.get("kind") == "facility-or-town":
        assert any(p.precision.value in ("facility", "town") for p in located)


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", GOLDEN["dates"], ids=lambda d: d["text"])
def test_golden_date_resolved(reading, expected):
    day = expected["resolves_to"]
    matches = [d for d in reading.dates if _norm(expected["text"]) in _norm(d.text)]
    assert matches, f"{expected['text']} not found"
    assert any(d.start == day and d.end == day for d in matches), matches


# -- quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize("expected", GOLDEN["quantities"], ids=lambda q: q["text"])
def test_golden_quantity(reading, expected):
    matches = [q for q in reading.quantities if _norm(expected["text"]) == _norm(q.text)]
    assert matches, f"{expected['text']!r} not among {[q.text for q in reading.quantities]}"
    q = matches[0]
    if "value" in expected:
        assert q.low == q.high == expected["value"]
    else:
        assert (q.low, q.high) == (expected["low"], expected["high"])
    assert q.qualifier.value == expected["qualifier"]
    counted = _norm(f"{q.unit or ''} {q.role or ''}")
    assert any(word in counted for word in COUNT_WORDS[expected["counts"]]), (q.unit, q.role)


# -- claims -------------------------------------------------------------------------------


def _figures(reading: AnnotatedDocument) -> list[Any]:
    return [f for event in reading.events for f in event.figures]


@pytest.mark.parametrize("claim", GOLDEN["claims"], ids=lambda c: c["about"])
def test_golden_claim_chain(reading, claim):
    if "quantity" in claim:
        figures = [
            f for f in _figures(reading) if _norm(f.quantity.text) == _norm(claim["quantity"])
        ]
        quantity_ok = [q for q in reading.quantities if _norm(q.text) == _norm(claim["quantity"])]
        assert quantity_ok, f"{claim['quantity']} not extracted"
        chains = [_chain_names(f.chain) for f in figures]
        if not chains:  # a standing figure outside any event: the sentence's chain carries it
            index = quantity_ok[0].evidence.sentence
            chains = [_chain_names(s.chain) for s in reading.statements if s.sentence == index]
        assert claim["chain"] in chains, chains
        return
    index = _sentence_with(reading, CLAIM_ANCHORS[claim["about"]])
    chains = [_chain_names(s.chain) for s in reading.statements if s.sentence == index]
    chains += [_chain_names(a.chain) for a in reading.attributions if a.evidence.sentence == index]
    assert claim["chain"] in chains, chains


# -- events -------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", GOLDEN["events"], ids=lambda e: e["kind"])
def test_golden_event(reading, expected):
    code = EVENT_CODES[expected["kind"]]
    events = [e for e in reading.events if e.event_type == code]
    assert events, f"no {code} event among {[e.event_type for e in reading.events]}"

    def fits(event: Any) -> bool:
        names = {a.name for a in (event.actor1, event.actor2, event.target) if a is not None}
        if not set(expected["actors"]) <= names:
            return False
        places = [event.place.name, event.place.text] if event.place else []
        if "where" in expected and not any(
            _strip_article(expected["where"]) in _strip_article(p) for p in places
        ):
            return False
        if "where_any" in expected and not any(
            _strip_article(w) in _strip_article(p) for w in expected["where_any"] for p in places
        ):
            return False
        texts = {_norm(f.quantity.text) for f in event.figures}
        return all(_norm(f) in texts for f in expected.get("figures", ()))

    assert any(fits(e) for e in events), [
        (e.actor1, e.actor2, e.place and e.place.name, [f.quantity.text for f in e.figures])
        for e in events
    ]


def test_golden_escape_is_one_event_with_both_voices(reading):
    escapes = [e for e in reading.events if e.event_type == "prison_escape"]
    assert len(escapes) == 1, [(e.trigger, e.evidence.sentence) for e in escapes]
    figures = {_norm(f.quantity.text): f for f in escapes[0].figures}
    assert _chain_names(figures["approximately 1,500"].chain) == ["Rudaw", "SDF"]
    assert _chain_names(figures["hundreds"].chain) == []  # the author's own voice


# -- discrepancies ------------------------------------------------------------------------


@pytest.mark.parametrize("expected", GOLDEN["discrepancies"], ids=lambda d: d["about"])
def test_golden_discrepancy(reading, expected):
    from watchfloor.extract.reading import find_discrepancies

    wanted = {_norm(f) for f in expected["figures"]}
    found = [{_norm(f.quantity.text) for f in pair} for pair in find_discrepancies(reading.events)]
    assert wanted in found, found


# -- statements ---------------------------------------------------------------------------

STATEMENT_KINDS = {
    "unsupported_assertions": StatementKind.UNSUPPORTED_ASSERTION,
    "vague_attributions": StatementKind.VAGUE_ATTRIBUTION,
    "calls_to_action": StatementKind.CALL_TO_ACTION,
    "attributed_reports": StatementKind.ATTRIBUTED_CLAIM,
}


@pytest.mark.parametrize(
    ("group", "snippet"),
    [(group, snippet) for group in STATEMENT_KINDS for snippet in GOLDEN["statements"][group]],
)
def test_golden_statement_kind(reading, group, snippet):
    index = _sentence_with(reading, snippet)
    kinds = {s.kind for s in reading.statements if s.sentence == index}
    assert STATEMENT_KINDS[group] in kinds, (snippet, kinds)


def test_golden_scare_quotes(reading):
    scare = [m for m in reading.markers if m.kind is MarkerKind.SCARE_QUOTE]
    assert len(scare) >= GOLDEN["statements"]["scare_quotes_min"], [m.text for m in scare]
    for name in GOLDEN["statements"]["not_scare_quotes"]:
        assert not any(_norm(name) == _norm(m.text).strip('"') for m in scare), name
