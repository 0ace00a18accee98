"""Claims about facilities read from an annotated document: control, figures and incidents.

Rules, in a sentence that names a facility (not as one example among several):

- control: a control phrase near the name and the actor it points at. Phrases whose actor
  comes after them ("under the control of", "run by", "handed over to") take the first actor
  mention that follows; "under SDF control" and "SDF-run" take the actor inside; phrases
  whose actor is the clause's subject ("re-took full control of", "seized") take the nearest
  actor before them that is not an ally in a side phrase ("along with Coalition forces").
- population, capacity, foreign nationals: a figure near the name that counts people held
  there (its counted noun, or a "holds"/"home to" cue), and not people moved, freed, killed
  or escaped; a capacity cue ("built for") makes it a capacity, "foreign" a foreign count.
- incidents: event mentions of the facility families (detention, armed conflict, territory,
  riots) whose sentence names the facility or whose place resolved to it.

Every claim carries the chain of the clause that holds it, the sentence's statement kind, its
evidence and sentence text, and its date (`sentence_date`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from watchfloor.extract import facility_cues as cues
from watchfloor.extract.components import ANNOTATION_FIELDS, StoredReader
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    EventMention,
    Evidence,
    Quantity,
    Source,
    StatementKind,
)
from watchfloor.model.facilities import FacilityClaim, FacilityClaimKind, claim_id
from watchfloor.model.mentions import DatePrecision
from watchfloor.resolve.facilities import FacilityMention, FacilityRegister
from watchfloor.resolve.indicators import noun_head
from watchfloor.resolve.ontology import Ontology

__all__ = [
    "NAME",
    "READER",
    "read_facility_claims",
    "sentence_date",
    "statement_kind",
]

NAME = "watchfloor.facilities.v1"

_HELD_ROLES = frozenset({None, "held", "detained", "displaced"})
_EVENT_FAMILIES = frozenset({"detention", "armed_conflict", "territory"})
_EVENT_TYPES = frozenset({"riot", "protest"})
_NEAR = 250  # characters between a facility's name and a figure or cue said about it
_RECENT = timedelta(days=60)  # a sentence's own date older than this is history, not "as of"


def statement_kind(doc: AnnotatedDocument, sentence: int) -> StatementKind:
    """How the sentence asserts what it says (reported fact when extraction did not say)."""
    for statement in doc.statements:
        if statement.sentence == sentence:
            return statement.kind
    return StatementKind.REPORTED_FACT


def sentence_date(doc: AnnotatedDocument, sentence: int) -> date | None:
    """The date a sentence speaks for: its own recent day or week, else the publication date."""
    published = doc.document.published.date() if doc.document.published else None
    for mention in doc.dates:
        if mention.evidence.sentence != sentence:
            continue
        if mention.precision not in (DatePrecision.DAY, DatePrecision.WEEK):
            continue
        if published is None or published - _RECENT <= mention.end <= published:
            return mention.end
    return published


def _sentence_text(doc: AnnotatedDocument, index: int) -> str:
    for sentence in doc.sentences:
        if sentence.index == index:
            return sentence.text
    return ""


class _Reader:
    """Reads one document's facility claims."""

    def __init__(self, doc: AnnotatedDocument, register: FacilityRegister) -> None:
        self.doc = doc
        self.text = doc.document.text
        self.register = register
        self.mentions = [m for m in register.mentions(doc) if not m.is_example]
        self.by_sentence: dict[int, list[FacilityMention]] = {}
        for mention in self.mentions:
            self.by_sentence.setdefault(mention.sentence, []).append(mention)

    def claim(
        self,
        kind: FacilityClaimKind,
        mention: FacilityMention,
        evidence: Evidence,
        cue: str,
        **fields: object,
    ) -> FacilityClaim:
        doc, index = self.doc, evidence.sentence
        key = f"{mention.facility.id}|{kind.value}|{evidence.start}|{evidence.end}"
        return FacilityClaim(
            id=claim_id("fcl", doc.document.id, key),
            facility_id=mention.facility.id,
            kind=kind,
            document_id=doc.document.id,
            outlet=doc.document.outlet or "unknown outlet",
            published=doc.document.published,
            as_of=sentence_date(doc, index),
            chain=doc.chain_at(index, evidence.start, evidence.end),
            statement=statement_kind(doc, index),
            evidence=evidence,
            sentence=_sentence_text(doc, index),
            cue=cue,
            **fields,  # type: ignore[arg-type]
        )

    def nearest(self, index: int, offset: int) -> FacilityMention | None:
        """The facility mention of the sentence closest to an offset, within reach."""
        here = self.by_sentence.get(index, [])
        if not here:
            return None
        best = min(here, key=lambda m: min(abs(m.start - offset), abs(m.end - offset)))
        return best if min(abs(best.start - offset), abs(best.end - offset)) <= _NEAR else None

    # -- control --------------------------------------------------------------------------
    def control(self) -> Iterable[FacilityClaim]:
        for sentence in self.doc.sentences:
            if sentence.index not in self.by_sentence:
                continue
            actors = [a for a in self.doc.actors if a.evidence.sentence == sentence.index]
            seen: set[str] = set()
            for cue, actor, lost in self._controllers(sentence.start, sentence.end, actors):
                mention = self.nearest(sentence.index, cue[0])
                if mention is None or actor is None or lost:
                    continue
                key = f"{mention.facility.id}|{actor.actor_id or actor.name}"
                if key in seen:
                    continue
                seen.add(key)
                evidence = Evidence(
                    self.doc.document.id,
                    sentence.index,
                    min(cue[0], actor.evidence.start, mention.start),
                    max(cue[1], actor.evidence.end, mention.end),
                    NAME,
                )
                yield self.claim(
                    FacilityClaimKind.CONTROL,
                    mention,
                    evidence,
                    self.text[cue[0] : cue[1]].strip(),
                    actor_id=actor.actor_id,
                    actor_name=actor.name,
                )

    def _controllers(
        self, start: int, end: int, actors: list[ActorMention]
    ) -> Iterable[tuple[tuple[int, int], ActorMention | None, bool]]:
        """(cue span, actor, is a loss of control) for every control phrase of a sentence."""
        chunk = self.text[start:end]
        for match in cues.AFTER.finditer(chunk):
            between = match.group("between") or match.group("between2") or ""
            if re.search(r"\d|\b(?:detainee|prisoner|inmate|child|women|famil)", between, re.I):
                continue  # "handed over 50 detainees to Iraq" moves people, not the facility
            a, b = start + match.start(), start + match.end()
            after = [x for x in actors if b - 1 <= x.evidence.start <= b + 40]
            yield (a, b), min(after, key=lambda x: x.evidence.start, default=None), False
        for match in cues.INSIDE.finditer(chunk):
            group = "who" if match.group("who") else "who2"
            a, b = start + match.start(group), start + match.end(group)
            inside = [x for x in actors if a <= x.evidence.start and x.evidence.end <= b + 1]
            span = (start + match.start(), start + match.end())
            # "SDF-run" qualifies the noun right after it: "Isis-controlled Baghuz" says who
            # holds Baghuz, not the camp named later in the sentence.
            if group == "who2" and not self._names_next(span[1]):
                continue
            yield span, inside[-1] if inside else None, False
        for match in cues.BEFORE.finditer(chunk):
            a, b = start + match.start(), start + match.end()
            yield (a, b), self._subject(actors, a), bool(cues.LOSE.search(match.group(0)))

    def _names_next(self, offset: int) -> bool:
        """True when a facility mention starts just after the offset ("SDF-run al-Hol camp")."""
        return any(0 <= m.start - offset <= 12 for m in self.mentions)

    def _subject(self, actors: list[ActorMention], cue: int) -> ActorMention | None:
        """The nearest actor before a cue that is not an ally in a side phrase."""
        before = sorted(
            (x for x in actors if x.evidence.end <= cue and cue - x.evidence.end <= 200),
            key=lambda x: -x.evidence.end,
        )
        for actor in before:
            lead = self.text[max(0, actor.evidence.start - 30) : actor.evidence.start]
            if not cues.ALLY.search(lead):
                return actor
        return None

    # -- figures --------------------------------------------------------------------------
    def figures(self) -> Iterable[FacilityClaim]:
        for quantity in self.doc.quantities:
            ev = quantity.evidence
            mention = self.nearest(ev.sentence, ev.start)
            if mention is None:
                continue
            kind = self._figure_kind(quantity, mention)
            if kind is None:
                continue
            cue_start = min(ev.start, mention.start)
            evidence = Evidence(
                ev.document_id, ev.sentence, cue_start, max(ev.end, mention.end), NAME
            )
            claim = self.claim(kind, mention, evidence, quantity.text, quantity=quantity)
            # The chain is that of the figure's own clause, not of the span up to the name.
            yield _with_chain(claim, self.doc.chain_at(ev.sentence, ev.start, ev.end))

    def _figure_kind(
        self, quantity: Quantity, mention: FacilityMention
    ) -> FacilityClaimKind | None:
        """Population, capacity or foreign nationals, or None when the figure is not one."""
        if quantity.role not in _HELD_ROLES:
            return None
        ev = quantity.evidence
        lead = self.text[max(0, ev.start - 45) : ev.start]
        tail = self.text[ev.end : ev.end + 110]
        if cues.MOVED.search(tail[len(quantity.unit or "") :]):
            return None
        head = noun_head(quantity.unit)
        has_cue = bool(cues.HOLDING.search(lead) or cues.CAPACITY.search(lead))
        if head not in cues.POPULATION_NOUNS and not (head is None and has_cue):
            return None
        if cues.CAPACITY.search(lead):
            return FacilityClaimKind.CAPACITY
        if cues.FOREIGN.search(quantity.unit or "") or cues.FOREIGN.search(tail[:50]):
            return FacilityClaimKind.FOREIGN
        return FacilityClaimKind.POPULATION

    # -- incidents -------------------------------------------------------------------------
    def incidents(self) -> Iterable[FacilityClaim]:
        ontology = Ontology.load()
        for event in self.doc.events:
            if event.event_type not in ontology:
                continue
            family = ontology.get(event.event_type).family
            if family not in _EVENT_FAMILIES and event.event_type not in _EVENT_TYPES:
                continue
            mention = self._event_facility(event)
            if mention is None:
                continue
            yield self.claim(
                FacilityClaimKind.INCIDENT,
                mention,
                event.evidence,
                event.trigger,
                event_type=event.event_type,
                mention_id=event.id,
            )

    def _event_facility(self, event: EventMention) -> FacilityMention | None:
        """The facility an event happened at: the one named in (one of) its sentences."""
        for ev in (event.evidence, *event.support):
            here = self.by_sentence.get(ev.sentence, [])
            if here:
                return min(here, key=lambda m: abs(m.start - ev.start))
        return None


def _with_chain(claim: FacilityClaim, chain: tuple[Source, ...]) -> FacilityClaim:
    return replace(claim, chain=chain)


def read_facility_claims(
    doc: AnnotatedDocument, register: FacilityRegister
) -> tuple[FacilityClaim, ...]:
    """Every claim the document makes about the register's facilities, in text order."""
    reader = _Reader(doc, register)
    if not reader.mentions:
        return ()
    claims = [*reader.control(), *reader.figures(), *reader.incidents()]
    unique = {c.id: c for c in claims}
    return tuple(sorted(unique.values(), key=lambda c: (c.evidence.start, c.kind.value, c.id)))


# Registered in `registrations.register_builtins`: it reads a stored reading, no parse.
READER = StoredReader(NAME, ANNOTATION_FIELDS - {"parse", "markers", "genre"}, read_facility_claims)
