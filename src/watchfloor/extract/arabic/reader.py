"""The Arabic reader: an Arabic document in, the same AnnotatedDocument as the English reader out.

spaCy's blank Arabic tokeniser and the `ar_normaliser` component parse the text; the modules of
this package then read names (places, facilities, actors), figures and their roles, dates,
who says so with the kind of each sentence, and events typed by the ontology. The merge, desk,
exports and watch rules take the result unchanged.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from datetime import date

import spacy
from spacy.language import Language

from watchfloor.extract.arabic import normalise as _normalise  # registers ar_normaliser
from watchfloor.extract.arabic.attribution import Reading, read_sentence
from watchfloor.extract.arabic.dates import DateHit, read_dates
from watchfloor.extract.arabic.events import TriggerHit, find_triggers
from watchfloor.extract.arabic.figures import figure_role, figure_unit
from watchfloor.extract.arabic.lexicon import ArabicLexicon, load_lexicon, load_names
from watchfloor.extract.arabic.names import NameHit, NameIndex
from watchfloor.extract.arabic.numbers import read_numbers
from watchfloor.extract.arabic.organisations import find_organisations, latin_names
from watchfloor.extract.arabic.roles import event_roles
from watchfloor.extract.arabic.tokens import Tok, sentence_spans, tokens_of
from watchfloor.extract.event_mentions import UNDATED_WINDOW  # one window for both readers
from watchfloor.extract.resources import Resources
from watchfloor.model import (
    ActorMention,
    Anchor,
    AnnotatedDocument,
    Attribution,
    DateMention,
    DatePrecision,
    Document,
    EventMention,
    Evidence,
    Figure,
    Modality,
    PlaceMention,
    Quantity,
    Sentence,
    Source,
    SourceKind,
    Statement,
    event_mention_id,
)

__all__ = ["ARABIC_EXTRACTORS", "ArabicReader", "build_nlp"]

NAMES = "watchfloor.arabic.names.v1"
FIGURES = "watchfloor.arabic.figures.v1"
DATES = "watchfloor.arabic.dates.v1"
SOURCES = "watchfloor.arabic.attribution.v1"
EVENTS = "watchfloor.arabic.events.v1"
ORGANISATIONS = "watchfloor.arabic.organisations.v1"
ARABIC_EXTRACTORS = (
    "watchfloor.arabic.normalise.v1", NAMES, FIGURES, DATES, SOURCES, EVENTS, ORGANISATIONS,
)  # fmt: skip
_COMPLEMENTISERS = frozenset({"ان", "بان", "وان"})
_PRISON_ATTACK = "attack_on_detention_facility"
_SPEAKERS = frozenset({"media_outlet", "monitor"})
assert _normalise.PROCLITICS  # the import registers the component


def build_nlp() -> Language:
    """spaCy's blank Arabic pipeline with the normaliser: no model download."""
    nlp = spacy.blank("ar")
    nlp.add_pipe("ar_normaliser")
    return nlp


class ArabicReader:
    """Reads Arabic documents; the name index and lexicon load once per reader."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.nlp = build_nlp()
        self.names = NameIndex(resources)
        self.lexicon: ArabicLexicon = load_lexicon()
        catalogue = resources.catalogue
        self._types = {a.id: a.type for a in catalogue.actors.values()}
        self._names = {a.id: a.name for a in catalogue.actors.values()}
        # Latin aliases of the catalogue, for names kept in Latin letters ("SDF", "CNN").
        self._latin = {
            alias: actor
            for actor in catalogue.actors.values()
            for alias in (*actor.aliases, *actor.case_sensitive)
            if alias.isascii()
        }
        names = load_names()
        self._org_heads = frozenset(names["organisation_heads"]["words"])
        self._org_construct = frozenset(names["organisation_heads_construct"]["words"])
        self._org_stops = frozenset(names["organisation_stops"]["words"])

    def read_many(self, documents: Sequence[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order."""
        for document, parsed in zip(
            documents, self.nlp.pipe(d.text for d in documents), strict=True
        ):
            yield _Read(self, document, tokens_of(parsed)).run()

    def read(self, document: Document) -> AnnotatedDocument:
        """Annotate one document."""
        return next(self.read_many([document]))


class _Read:
    """One document's reading in progress."""

    def __init__(self, reader: ArabicReader, document: Document, toks: list[Tok]) -> None:
        self.r = reader
        self.doc = document
        self.toks = toks
        self.lex = reader.lexicon
        spans = sentence_spans(document.text)
        self.sentences = tuple(
            Sentence(i, a, b, document.text[a:b]) for i, (a, b) in enumerate(spans)
        )
        starts = [t.start for t in toks]
        self.ranges = [
            (bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end))
            for s in self.sentences
        ]
        published = document.published or document.retrieved
        self.published: date = published.date()
        self.outlet = Source(name=document.outlet or "unknown outlet", kind=SourceKind.OUTLET)

    def _ev(self, sentence: int, first: int, last: int, extractor: str) -> Evidence:
        toks = self.toks
        return Evidence(self.doc.id, sentence, toks[first].start, toks[last - 1].end, extractor)

    def _text(self, first: int, last: int) -> str:
        return self.doc.text[self.toks[first].start : self.toks[last - 1].end]

    def run(self) -> AnnotatedDocument:
        actors: list[ActorMention] = []
        places: list[PlaceMention] = []
        dates: list[DateMention] = []
        quantities: list[Quantity] = []
        attributions: list[Attribution] = []
        statements: list[Statement] = []
        events: list[tuple[TriggerHit, int, Reading]] = []
        self.place_at: dict[int, list[tuple[int, PlaceMention, bool]]] = {}
        self.date_at: dict[int, list[tuple[int, DateMention]]] = {}
        self.figures_at: dict[int, list[Quantity]] = {}
        self.actors_at: dict[int, list[tuple[int, ActorMention]]] = {}
        readings: list[Reading] = []
        for index, (lo, hi) in enumerate(self.ranges):
            hits = self.r.names.find(self.toks, lo, hi)
            actor_hits = [h for h in hits if h.kind == "actor"]
            for hit in hits:
                self._name(index, hit, actors, places)
            self._organisations(index, lo, hi, hits, actors)
            reading = read_sentence(
                self.toks, lo, hi, self.sentences[index].text, actor_hits, self.lex,
                self.r._types, self.r._names,
            )  # fmt: skip
            readings.append(reading)
            chain = (self.outlet, reading.source) if reading.source else (self.outlet,)
            ev = Evidence(
                self.doc.id, index, self.sentences[index].start, self.sentences[index].end, SOURCES
            )
            statements.append(Statement(index, reading.kind, chain, reading.reasons, ev))
            if reading.source is not None:
                attributions.append(Attribution(chain, reading.verb, reading.vague, ev))
            self._dates(index, lo, hi, reading, dates)
            self._figures(index, lo, hi, quantities)
            near_prison = any(
                (p.feature or "") == "prison" for _, p, _ in self.place_at.get(index, ())
            )
            for trigger in find_triggers(self.toks, lo, hi, self.lex, near_prison=near_prison):
                events.append((trigger, index, reading))
        return AnnotatedDocument(
            document=self.doc,
            sentences=self.sentences,
            actors=tuple(actors),
            places=tuple(places),
            dates=tuple(dates),
            quantities=tuple(quantities),
            attributions=tuple(attributions),
            statements=tuple(statements),
            events=self._events(events),
            extractors=ARABIC_EXTRACTORS,
        )

    def _organisations(
        self, index: int, lo: int, hi: int, hits: list[NameHit], actors: list[ActorMention]
    ) -> None:
        """Organisations outside the catalogue, by the shape of their names (unresolved)."""
        taken = {i for h in hits for i in range(h.first, h.last)}
        found = find_organisations(
            self.toks, lo, hi, self.doc.text, taken,
            (self.r._org_heads, self.r._org_construct, self.r._org_stops),
        )  # fmt: skip
        for first, last in found:
            text = self._text(first, last)
            ev = self._ev(index, first, last, ORGANISATIONS)
            actors.append(ActorMention(text, None, text, None, None, ev, 0.5))
        taken.update(i for first, last in found for i in range(first, last))
        for first, last in latin_names(self.toks, lo, hi, taken):
            text = self._text(first, last)
            name = " ".join(t.text for t in self.toks[first:last])
            name = name[1:] if not name[0].isascii() else name  # "وDell": the clitic is Arabic
            actor = self.r._latin.get(name)
            ev = self._ev(index, first, last, ORGANISATIONS)
            if actor is None:
                actors.append(ActorMention(text, None, name, None, None, ev, 0.5))
            else:
                mention = ActorMention(text, actor.id, actor.name, actor.type, actor.country, ev)
                actors.append(mention)

    def _name(
        self, index: int, hit: NameHit, actors: list[ActorMention], places: list[PlaceMention]
    ) -> None:
        text = self._text(hit.first, hit.last)
        ev = self._ev(index, hit.first, hit.last, NAMES)
        if hit.kind == "actor":
            actor = self.r.resources.catalogue.actors.get(hit.ident)
            if actor is None:
                return
            mention = ActorMention(text, actor.id, actor.name, actor.type, actor.country, ev)
            actors.append(mention)
            self.actors_at.setdefault(index, []).append((hit.first, mention))
            return
        place = self.r.names.place(hit.ident)
        if place is None:
            return
        feature = place.facility_kind or place.feature
        found = PlaceMention(
            text=text, name=place.name, place_id=place.id, lat=place.lat, lon=place.lon,
            country_code=place.country, admin1=place.admin1, precision=place.precision,
            score=1.0, feature=feature, evidence=ev, note="Arabic name",
        )  # fmt: skip
        places.append(found)
        self.place_at.setdefault(index, []).append((hit.first, found, place.kind == "country"))

    def _dates(
        self, index: int, lo: int, hi: int, reading: Reading, out: list[DateMention]
    ) -> None:
        # A date between the reporting verb and its "أنّ" dates the saying, not the happening.
        saying_end = -1
        if reading.cue >= 0:
            saying_end = next(
                (i for i in range(reading.cue, hi) if self.toks[i].norm in _COMPLEMENTISERS), -1
            )
        hits: list[DateHit] = read_dates(self.toks[lo:hi], self.published, self.lex)
        for first, last, start, end, precision in hits:
            mention = DateMention(
                self._text(lo + first, lo + last), start, end, precision,
                self._ev(index, lo + first, lo + last, DATES),
            )  # fmt: skip
            out.append(mention)
            if not (reading.cue <= lo + first < saying_end):
                self.date_at.setdefault(index, []).append((lo + first, mention))

    def _figures(self, index: int, lo: int, hi: int, out: list[Quantity]) -> None:
        toks = self.toks[lo:hi]
        hits = read_numbers(toks, self.lex)
        for hit in hits:
            others = [o for o in hits if o is not hit]
            quantity = Quantity(
                self._text(lo + hit.hedge_first, lo + hit.last), hit.low, hit.high,
                hit.qualifier, figure_unit(toks, hit), figure_role(toks, hit, others, self.lex),
                self._ev(index, lo + hit.hedge_first, lo + hit.last, FIGURES),
            )  # fmt: skip
            out.append(quantity)
            self.figures_at.setdefault(index, []).append(quantity)

    def _place_for(self, index: int, at: int) -> tuple[PlaceMention | None, Anchor | None]:
        here = self.place_at.get(index, [])
        fine = [(abs(i - at), p) for i, p, is_country in here if not is_country]
        if fine:
            facilities = [c for c in fine if c[1].precision.value == "facility"]
            return min(facilities or fine, key=lambda c: c[0])[1], Anchor.SENTENCE
        for other in range(len(self.sentences)):
            found = [p for _, p, is_country in self.place_at.get(other, []) if not is_country]
            if found:
                anchor = Anchor.TITLE if other == 0 and self.doc.title else Anchor.PARAGRAPH
                return found[0], anchor
        countries = [p for i, p, _ in here] or [
            p for s in range(len(self.sentences)) for _, p, _ in self.place_at.get(s, [])
        ]
        return (countries[0], Anchor.COUNTRY) if countries else (None, None)

    def _date_for(self, index: int, at: int) -> tuple[DateMention | None, Anchor | None]:
        here = self.date_at.get(index, [])
        if here:
            return min(here, key=lambda c: abs(c[0] - at))[1], Anchor.SENTENCE
        for other in range(min(3, len(self.sentences))):
            if self.date_at.get(other):
                return self.date_at[other][0][1], Anchor.PARAGRAPH
        ev = Evidence(self.doc.id, index, self.toks[at].start, self.toks[at].end, EVENTS)
        window = DateMention(
            "", self.published - UNDATED_WINDOW, self.published, DatePrecision.VAGUE, ev
        )
        return window, Anchor.PUBLICATION

    def _events(self, found: list[tuple[TriggerHit, int, Reading]]) -> tuple[EventMention, ...]:
        groups: dict[tuple[str, Modality], list[tuple[TriggerHit, int, Reading]]] = {}
        prison = {t.modality for t, _, _ in found if t.event_type == _PRISON_ATTACK}
        for item in found:
            event_type = item[0].event_type
            if event_type == "armed_attack" and item[0].modality in prison:
                event_type = _PRISON_ATTACK  # "the attack", once the prison attack is read
            groups.setdefault((event_type, item[0].modality), []).append(item)
        out: list[EventMention] = []
        for order, ((event_type, modality), group) in enumerate(groups.items()):
            trigger, index, reading = group[0]
            ev = self._ev(index, trigger.first, trigger.last, EVENTS)
            support = tuple(self._ev(i, t.first, t.last, EVENTS) for t, i, _ in group[1:])
            place, place_anchor = self._place_for(index, trigger.first)
            when, date_anchor = self._date_for(index, trigger.first)
            sentences = sorted({i for _, i, _ in group})
            roles = self.lex.figure_roles.get(event_type)
            figures = tuple(
                Figure(q, q.role, self._chain(readings_at), readings_at.kind)
                for i in sentences
                for readings_at in [next(r for _, j, r in group if j == i)]
                for q in self.figures_at.get(i, ())
                if roles is None or q.role in roles
            )
            speakers = {r.source.actor_id for _, _, r in group if r.source is not None}
            lo = self.ranges[index][0]
            parties = event_roles(
                self.toks, lo, trigger.first, self.actors_at.get(index, ()), self.lex,
                speakers, _SPEAKERS,
            )  # fmt: skip
            actors = [a for i in sentences for _, a in self.actors_at.get(i, ())]
            actor1 = parties.actor1 or next(
                (
                    a
                    for a in actors
                    if a.actor_type not in _SPEAKERS
                    and a.actor_id not in speakers
                    and a not in (parties.actor2, parties.target)
                ),
                None,
            )
            out.append(
                EventMention(
                    id=event_mention_id(self.doc.id, ev.start, ev.end, event_type),
                    event_type=event_type,
                    trigger=self._text(trigger.first, trigger.last),
                    actor1=actor1,
                    actor2=parties.actor2,
                    target=parties.target,
                    place=place,
                    date=when,
                    figures=figures,
                    chain=self._chain(reading),
                    kind=reading.kind,
                    salience=round(1.0 / (1 + index + order / 10) + 0.05 * len(support), 4),
                    evidence=ev,
                    support=support,
                    modality=modality,
                    place_anchor=place_anchor,
                    date_anchor=date_anchor,
                    reasons=tuple(t.reason for t, _, _ in group[:3]),
                )
            )
        out.sort(key=lambda e: -e.salience)
        return tuple(out)

    def _chain(self, reading: Reading) -> tuple[Source, ...]:
        return (self.outlet, reading.source) if reading.source else (self.outlet,)
