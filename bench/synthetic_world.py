"""The synthetic region behind the desk benchmark's store: places, actors, origins, documents.

Places come from the packaged gazetteer (Syrian and Iraqi towns and villages), actors and
origins from the actor catalogue, event types from the ontology. A few hundred shared
documents, each with a stored reading (sentences, statements, figures), are what the
synthetic claims cite. Everything is drawn from one seeded RNG.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time

from watchfloor.model import (
    AnnotatedDocument,
    Document,
    Evidence,
    Genre,
    Qualifier,
    Quantity,
    Sentence,
    Source,
    SourceKind,
    Statement,
    StatementKind,
)
from watchfloor.resolve.catalogue import Catalogue
from watchfloor.resolve.ontology import EventType, Ontology
from watchfloor.resolve.places_data import read_places

X = "bench.synthetic.v1"
END = date(2026, 1, 31)
DAYS = 730
OUTLETS = [
    "Rudaw",
    "Reuters",
    "AFP",
    "Al Jazeera",
    "Enab Baladi",
    "North Press",
    "Kurdistan 24",
    "SANA",
    "Shafaq News",
    "The National",
    "Hawar News",
    "Asharq Al-Awsat",
    "Syria Direct",
    "Iraqi News Agency",
    "BBC Monitoring",
    "AP",
    "Al-Monitor",
    "ANHA",
    "Baghdad Today",
    "Strategic Council Online",
]
VERBS = [
    "escaped from",
    "attacked",
    "were killed near",
    "were detained in",
    "were displaced from",
    "were recaptured near",
    "clashed near",
    "struck",
]
SAYERS = ["officials said", "a monitor said", "sources said", "the ministry said", "it said"]
SIZES = (3, 5, 12, 40, 150, 1500)  # the typical size of a happening, which sources then read
CLAIM_COUNTS = (1, 1, 1, 2, 2, 3, 4, 5, 6)  # most incidents rest on one or two reports


@dataclass(frozen=True, slots=True)
class SharedDocument:
    """A stored document the synthetic claims cite, with its sentences and outlet."""

    document: Document
    outlet: str
    published: datetime
    sentences: tuple[Sentence, ...]

    @property
    def id(self) -> str:
        """The document's content id."""
        return self.document.id


class World:
    """Places, actors, origins, event types and documents of the synthetic region."""

    def __init__(self, rng: random.Random, documents: int) -> None:
        self.rng = rng
        places = [
            p
            for p in read_places("gazetteer_places.tsv.gz")
            if p.country in ("SY", "IQ") and p.kind in ("locality", "city")
        ]
        self.places = rng.sample(places, min(4000, len(places)))
        catalogue = Catalogue.load()
        actors = list(catalogue.actors.values())
        self.armed = [a for a in actors if a.type in ("armed_group", "militia")]
        self.forces = [
            a for a in actors if a.type in ("government_forces", "security_forces", "coalition")
        ]
        self.origins = [
            Source(a.name, SourceKind.ACTOR, a.id)
            for a in actors
            if a.type in ("government_forces", "monitor", "un_body", "non_state_administration")
        ]
        self.types: list[EventType] = list(Ontology.load().types())
        # A few types dominate real monitoring; weigh the first types (detention, violence) up.
        self.type_weights = [max(1.0, 8.0 - n) for n in range(len(self.types))]
        self.documents = [self._document(n) for n in range(documents)]
        self.documents.sort(key=lambda d: d.published)
        self._doc_times = [d.published for d in self.documents]

    def _document(self, n: int) -> SharedDocument:
        rng = self.rng
        published = datetime.combine(
            END - timedelta(days=rng.randrange(DAYS)), day_time(rng.randrange(24)), tzinfo=UTC
        )
        pieces = [f"Report {n} from the region."]
        for _ in range(rng.randint(8, 20)):
            place = rng.choice(self.places).name
            figure = rng.choice(["Dozens of", "About 40", "Hundreds of", "At least 12", "Some"])
            pieces.append(f"{figure} people {rng.choice(VERBS)} {place}, {rng.choice(SAYERS)}.")
        outlet = OUTLETS[n % len(OUTLETS)]
        document = Document.build(
            " ".join(pieces),
            raw=" ".join(pieces).encode(),
            media_type="text/plain",
            source=f"synthetic-{n}.txt",
            retrieved=published,
            language="en",
            genre=Genre.OPINION if outlet == "Strategic Council Online" else Genre.NEWS,
            outlet=outlet,
            title=f"Synthetic report {n} from {outlet}",
            published=published,
        )
        # Offsets come from the normalised text, so they hold whatever normalising changed.
        sentences, start = [], 0
        for index, piece in enumerate(pieces):
            start = document.text.find(piece, start)
            if start < 0:
                raise RuntimeError(f"sentence {index} of report {n} changed on normalisation")
            sentences.append(Sentence(index, start, start + len(piece), piece))
            start += len(piece)
        return SharedDocument(document, outlet, published, tuple(sentences))

    def annotated(self, shared: SharedDocument) -> AnnotatedDocument:
        """The document with a reading: sentences, statements and the figures' spans."""
        doc_id = shared.document.id
        chain = (Source(shared.outlet, SourceKind.OUTLET),)
        statements = tuple(
            Statement(
                s.index,
                StatementKind.ATTRIBUTED_CLAIM if s.index else StatementKind.REPORTED_FACT,
                chain,
                (),
                Evidence(doc_id, s.index, s.start, s.end, X),
            )
            for s in shared.sentences
        )
        quantities = tuple(
            Quantity(
                s.text[: s.text.index(" people")],
                12,
                None,
                Qualifier.AT_LEAST,
                "people",
                None,
                Evidence(doc_id, s.index, s.start, s.start + s.text.index(" people"), X),
            )
            for s in shared.sentences[1:]
        )
        return AnnotatedDocument(
            document=shared.document,
            sentences=shared.sentences,
            quantities=quantities,
            statements=statements,
            genre=shared.document.genre,
            extractors=(X,),
        )

    def document_near(self, day: date) -> SharedDocument:
        """A document published within about a week after the day (or the nearest one)."""
        when = datetime.combine(day, day_time(), tzinfo=UTC)
        at = bisect_left(self._doc_times, when) + self.rng.randrange(3)
        return self.documents[min(at, len(self.documents) - 1)]
