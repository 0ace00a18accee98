"""Anchoring events: each event's place and date, which event is the report's main one, and
which events are background rather than incidents.

Place: the event takes the place of its clause; else of its sentence (any sentence that
mentions it); else the nearest compatible place of its paragraph; else of the title; else of
the dateline. A country (or a coordinate-less region) is kept only when nothing finer is found
inside it, and then flagged (`Anchor.COUNTRY`: its point is the country's centroid). A capital
or a state that acts in its clause ("Ankara launched an offensive on Afrin", "Washington
said") stands for a government: it is an actor there, not the place of an event.

Date: the event's own clause, then its sentence, then the nearest recent date of its paragraph
or the title; else the window before publication the events component gave it
(`Anchor.PUBLICATION`).

Main event and background (the EMM lesson: Tanev, Piskorski & Atkinson 2008): the report's
main event is the most salient happening mentioned in its title or lead; only when the lead
reports none does a later one lead. A later event is an incident only when it is anchored: it
reports a happening (`Modality.ASSERTED`), has a place of its own (clause, sentence or
paragraph) and a date inside the report's window; otherwise it is background the desk may
show, never an incident. Each decision is written into the event's `reasons`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from watchfloor.extract.components import Context, component
from watchfloor.extract.dates import is_relative, reference_date
from watchfloor.extract.event_mentions import UNDATED_WINDOW
from watchfloor.extract.layout import Layout
from watchfloor.model import (
    Anchor,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    EventMention,
    Modality,
    PlaceMention,
    Precision,
)

__all__ = ["NAME", "RECENT", "REPORT_WINDOW", "anchor_events"]

NAME = "watchfloor.anchoring.v1"

# A date borrowed from a neighbouring sentence or the title must be this recent: older dates
# there date the background ("in 2014, ISIS declared ..."), not the event beside them.
RECENT = timedelta(days=31)
# A later event is anchored in time when its date reaches into this window before publication.
REPORT_WINDOW = timedelta(days=366)

_COARSE = frozenset({Precision.COUNTRY, Precision.REGION})
_RANK = {
    Precision.FACILITY: 0,
    Precision.TOWN: 1,
    Precision.DISTRICT: 2,
    Precision.GOVERNORATE: 3,
    Precision.REGION: 4,
    Precision.COUNTRY: 5,
}
# Dependencies through which a named capital or state acts in its clause.
_ACTING = frozenset({"nsubj", "poss"})
# "Britain-based", "US-led", "Iran-backed": the name modifies an actor, it places nothing.
_ACTOR_MODIFIERS = frozenset(
    {"based", "led", "backed", "funded", "supported", "allied", "run", "sponsored", "linked",
     "affiliated", "aligned", "controlled", "held", "born", "trained", "brokered"}
)  # fmt: skip
# A capital that undergoes the event ("Damascus experienced missile attacks", "Riyadh came
# under fire") is where it happened, not an actor, even as the subject of its clause.
_UNDERGO = frozenset({"experience", "suffer", "witness", "endure", "undergo", "see", "come"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "into", "across", "towards", "toward",
     "within", "on", "over", "through"}
)  # fmt: skip
_HYPHENATED = re.compile(r"\s?[-–]\s?([A-Za-z]+)")
_PRECISE_DATES = frozenset({DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH})
# Clauses that qualify a noun: a date inside one dates that clause's happening.
_RELATIVE = frozenset({"relcl", "acl"})
# Verbs of saying: a date they govern dates the statement.
_SAYING = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "declare",
     "quote", "release", "publish", "issue", "tweet", "write", "accuse", "deny"}
)  # fmt: skip
# Openings that turn to another incident: their dates are not lent to a neighbour's event.
_ELSEWHERE = (
    "meanwhile", "elsewhere", "separately", "in another", "in a separate", "in other ",
    "in relevant developments", "in a related", "in related",
)  # fmt: skip


@component(
    NAME,
    requires={"parse", "sentences", "actors", "places", "dates", "events"},
    assigns={"events"},
)
def anchor_events(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Events with their place and date anchored, main event first, background marked."""
    if not doc.events:
        return doc
    anchorer = _Anchorer(doc, context.parsed)
    events = [anchorer.anchor(event) for event in doc.events]
    return replace(doc, events=tuple(anchorer.order(events)))


class _Anchorer:
    def __init__(self, doc: AnnotatedDocument, parsed: Doc) -> None:
        self.doc = doc
        self.parsed = parsed
        self.layout = Layout.of(doc)
        self.acting = {(p.evidence.start, p.evidence.end) for p in doc.places if self._acts(p)}
        # One sense per discourse: a capital or state that acts for its government somewhere
        # in the report ("Tehran has entrenched its military") is read as that government
        # wherever it is not inside the event's own clause ("despite posturing from Tehran").
        self.acting_names = {
            p.place_id or p.name for p in doc.places if self._key(p) in self.acting
        }
        # Places an event may take: not capitals acting for governments, and not the dateline
        # (where the report was filed, a last resort of its own).
        skip = self.acting | {self._key(p) for p in self.layout.dateline_places}
        self.places: dict[int, list[PlaceMention]] = {}
        for place in doc.places:
            if self._key(place) not in skip:
                self.places.setdefault(place.evidence.sentence, []).append(place)
        self.dates: dict[int, list[DateMention]] = {}
        for mention in doc.dates:
            self.dates.setdefault(mention.evidence.sentence, []).append(mention)
        published = doc.document.published
        self.published: date | None = published.date() if published else None
        # Without a publication date, relative dates were read against the text's own latest
        # date (or left out): the reasons say so.
        self.reference, self.reference_note = reference_date(doc)
        self.sentence_text = {s.index: s.text for s in doc.sentences}

    # -- place ----------------------------------------------------------------------------
    def _acts(self, place: PlaceMention) -> bool:
        """A capital or a state that is the subject or possessor of its clause: an actor.

        A name that only modifies an actor ("a Britain-based monitor", "US-led strikes") is
        no place of the event either.
        """
        after = _HYPHENATED.match(self.doc.document.text, place.evidence.end)
        if after is not None and after.group(1).lower() in _ACTOR_MODIFIERS:
            return True
        span = self.parsed.char_span(
            place.evidence.start, place.evidence.end, alignment_mode="expand"
        )
        if span is None:
            return False
        if place.precision is not Precision.COUNTRY and not (place.feature or "").startswith(
            "PPLC"
        ):
            return False
        token = span.root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        if token.dep_ in _ACTING:
            return not (token.dep_ == "nsubj" and self._undergoes(token.head))
        # "by Ankara" as the agent of a passive verb
        return token.dep_ == "pobj" and token.head.dep_ == "agent"

    def _undergoes(self, verb: Token) -> bool:
        """Whether a verb's subject undergoes an event named in its object or "under X"."""
        if verb.lemma_.lower() not in _UNDERGO:
            return False
        for child in verb.children:
            node = child
            if child.dep_ == "prep" and child.lower_ == "under":
                node = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in ("dobj", "obj"):
                continue
            if any(
                e.evidence.start <= t.idx < e.evidence.end
                for t in node.subtree
                for e in self.doc.events
            ):
                return True
        return False

    def _trigger(self, event: EventMention) -> Token | None:
        span = self.parsed.char_span(
            event.evidence.start, event.evidence.end, alignment_mode="expand"
        )
        return span.root if span is not None and len(span) else None

    def _clause(self, trigger: Token) -> set[int]:
        """Token indices of the trigger's clause: its verb's subtree without other clauses."""
        head = trigger
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        inside = {trigger.i} | {t.i for t in trigger.subtree}
        skip = {
            t.i
            for child in head.children
            if child.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis")
            and trigger.i not in {t.i for t in child.subtree}
            for t in child.subtree
        }
        # A relative clause on one of its arguments is another clause too ("a soldier who
        # fought in Baghuz in 2015 was arrested in Hasakah": the arrest is not in Baghuz);
        # one on a nominal trigger tells the event itself ("the attack, which hit Baghuz").
        other = {
            t.i
            for node in head.subtree
            if node.dep_ == "relcl"
            and node.head.i != trigger.i
            and trigger.i not in {t.i for t in node.subtree}
            for t in node.subtree
        }
        return (inside | ({t.i for t in head.subtree} - skip)) - other

    def _in_clause(self, start: int, end: int, clause: set[int]) -> bool:
        span = self.parsed.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.i in clause

    def _sentences(self, event: EventMention) -> list[int]:
        return sorted({event.evidence.sentence, *(e.sentence for e in event.support)})

    def _neighbourhood(self, event: EventMention, own: list[int]) -> list[int]:
        """Sentences near the event's own, nearest first; a title event reads its lead."""
        found: list[int] = []
        for index in own:
            found += self.layout.neighbours(index, list(self.doc.sentences))
        if set(own) <= self.layout.title:
            found += sorted(self.layout.lead - self.layout.title)
        seen: set[int] = set(own)
        ordered = []
        for index in found:
            if index not in seen:
                seen.add(index)
                ordered.append(index)
        return ordered

    def _place(
        self, event: EventMention, trigger: Token | None, clause: set[int]
    ) -> tuple[PlaceMention | None, Anchor | None, str]:
        own = self._sentences(event)
        near = self._neighbourhood(event, own)
        skip = self.acting | {self._key(p) for p in self.layout.dateline_places}
        clause_places = [
            p
            for p in self.places.get(event.evidence.sentence, [])
            if self._in_clause(p.evidence.start, p.evidence.end, clause)
            and ((p.place_id or p.name) not in self.acting_names or self._locative(p))
        ]
        if (
            event.place is not None
            and self._key(event.place) not in skip
            and (
                (event.place.place_id or event.place.name) not in self.acting_names
                or self._locative(event.place)
            )
        ):
            clause_places.append(event.place)
        where = trigger.idx if trigger is not None else event.evidence.start
        levels: list[tuple[Anchor, list[PlaceMention]]] = [
            (Anchor.CLAUSE, sorted(clause_places, key=lambda p: (_RANK[p.precision], -p.score))),
            (
                Anchor.SENTENCE,
                sorted(
                    (p for i in own for p in self._borrowable(i)),
                    key=lambda p: abs(p.evidence.start - where),
                ),
            ),
            (Anchor.PARAGRAPH, [p for i in near for p in self._borrowable(i)]),
            (Anchor.TITLE, [p for i in sorted(self.layout.title) for p in self._borrowable(i)]),
            (
                Anchor.DATELINE,
                [p for p in self.layout.dateline_places if self._key(p) not in self.acting],
            ),
        ]
        coarse: tuple[PlaceMention, Anchor] | None = None
        for anchor, candidates in levels:
            for place in candidates:
                if coarse is not None and not _inside(place, coarse[0]):
                    continue
                if place.precision in _COARSE:
                    coarse = coarse or (place, anchor)  # kept in case nothing finer is found
                    continue
                if place.lat is None:
                    continue
                return place, anchor, f"place from the {anchor.value}: {place.text!r}"
        if coarse is None:
            return None, None, "no place in the text around it"
        place, anchor = coarse
        if place.precision is Precision.COUNTRY:
            return place, Anchor.COUNTRY, f"only a country ({place.text!r}): its centroid"
        return place, anchor, f"only an area ({place.text!r}) from the {anchor.value}"

    def _locative(self, place: PlaceMention) -> bool:
        """Whether a place is governed by a preposition of place ("in", "near", "at")."""
        span = self.parsed.char_span(
            place.evidence.start, place.evidence.end, alignment_mode="expand"
        )
        if span is None:
            return False
        token = span.root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE

    def _borrowable(self, sentence: int) -> list[PlaceMention]:
        """Places of a sentence an event outside its clause may take: not a name the report
        uses for a government elsewhere."""
        return [
            p
            for p in self.places.get(sentence, [])
            if (p.place_id or p.name) not in self.acting_names
        ]

    @staticmethod
    def _key(place: PlaceMention) -> tuple[int, int]:
        return place.evidence.start, place.evidence.end

    # -- date -----------------------------------------------------------------------------
    def _recent(self, mention: DateMention) -> bool:
        if self.reference is None:
            return mention.precision in _PRECISE_DATES
        return (
            mention.precision in _PRECISE_DATES
            and mention.end >= self.reference - RECENT
            and mention.start <= self.reference + timedelta(days=1)
        )

    def _in_other_relative(self, mention: DateMention, trigger: Token | None) -> bool:
        """A date inside a relative clause the trigger is not in dates that clause's own
        happening ("the road, which regime forces severed on Thursday"; "the envoy, who on
        Monday blamed France"), not the event."""
        if trigger is None:
            return False
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        if span is None or not len(span):
            return False
        verb = next((n for n in span.root.ancestors if n.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.dep_ not in _RELATIVE or verb.head.i == trigger.i:
            return False  # one on a nominal trigger tells the event itself
        return trigger.i not in {t.i for t in verb.subtree}

    def _of_saying(self, mention: DateMention) -> bool:
        """A neighbour's date that dates a saying ("the monitor said on Tuesday", "in a
        statement on Tuesday the army said") tells when it was said, not when the event was."""
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        if span is None or not len(span):
            return False
        verb = next((n for n in span.root.ancestors if n.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.lemma_.lower() in _SAYING

    def _elsewhere(self, sentence: int) -> bool:
        """A sentence that opens on another incident ("Meanwhile ...", "Elsewhere ...")
        lends its date to no neighbour."""
        text = self.sentence_text.get(sentence, "").lstrip(' "“(').lower()
        return text.startswith(_ELSEWHERE)

    def _said(self, mention: DateMention, anchor: Anchor) -> str:
        reason = f"date from the {anchor.value}: {mention.text!r}"
        if (
            self.published is None
            and self.reference is not None
            and is_relative(mention.text, self.reference)
        ):
            reason += f" ({self.reference_note})"
        return reason

    def _date(
        self, event: EventMention, trigger: Token | None, clause: set[int]
    ) -> tuple[DateMention | None, Anchor | None, str]:
        own = self._sentences(event)
        where = trigger.idx if trigger is not None else event.evidence.start
        # Its own sentence first; a sentence that mentions it again lends only a recent date
        # (a merged later mention may recall an older happening of the same kind).
        in_sentence = sorted(
            (
                d
                for i in own
                for d in self.dates.get(i, [])
                if (i == event.evidence.sentence or self._recent(d))
                and not (i == event.evidence.sentence and self._in_other_relative(d, trigger))
            ),
            key=lambda d: (d.evidence.sentence != event.evidence.sentence,
                           abs(d.evidence.start - where)),
        )  # fmt: skip
        for mention in in_sentence:
            if self._in_clause(mention.evidence.start, mention.evidence.end, clause):
                return mention, Anchor.CLAUSE, self._said(mention, Anchor.CLAUSE)
        if in_sentence:
            mention = in_sentence[0]
            return mention, Anchor.SENTENCE, self._said(mention, Anchor.SENTENCE)
        near = self._neighbourhood(event, own)
        borrowed: list[tuple[Anchor, list[DateMention]]] = [
            (
                Anchor.PARAGRAPH,
                [
                    d
                    for i in near
                    if not self._elsewhere(i)
                    for d in self.dates.get(i, [])
                    if not self._of_saying(d)
                ],
            ),
            (Anchor.TITLE, [d for i in sorted(self.layout.title) for d in self.dates.get(i, [])]),
        ]
        for anchor, candidates in borrowed:
            for mention in candidates:
                if self._recent(mention):
                    return mention, anchor, self._said(mention, anchor)
        given = event.date
        if (
            given is not None
            and given.text
            and not (
                given.evidence.sentence == event.evidence.sentence
                and self._in_other_relative(given, trigger)
            )
        ):
            # The date the events component attached from one of the event's mentions.
            return given, Anchor.SENTENCE, f"date from a mention of the event: {given.text!r}"
        if self.published is not None:
            # The window before publication (a date of a relative clause on another noun,
            # which the events component may have attached, does not date the event).
            window = given
            if window is None or window.text:
                window = DateMention(
                    "", self.published - UNDATED_WINDOW, self.published, DatePrecision.VAGUE,
                    event.evidence,
                )  # fmt: skip
            return window, Anchor.PUBLICATION, "no date in the text: before publication"
        return None, None, "undated: no date in the text and no publication date"

    # -- one event ------------------------------------------------------------------------
    def anchor(self, event: EventMention) -> EventMention:
        """The event with its place and date re-read by the anchoring rules."""
        trigger = self._trigger(event)
        clause = self._clause(trigger) if trigger is not None else set()
        place, place_anchor, place_reason = self._place(event, trigger, clause)
        when, date_anchor, date_reason = self._date(event, trigger, clause)
        return replace(
            event,
            place=place,
            place_anchor=place_anchor,
            date=when,
            date_anchor=date_anchor,
            reasons=(*event.reasons, place_reason, date_reason),
        )

    # -- main event and background ----------------------------------------------------------
    def _in_window(self, event: EventMention) -> bool:
        if event.date is None or self.published is None:
            return True
        return event.date.end >= self.published - REPORT_WINDOW

    def _lead_rank(self, event: EventMention) -> tuple[bool, int, float, int]:
        """A happening placed finer than a country or region first, then the earliest lead
        sentence (outside the lead: all equal), then salience."""
        said = [i for i in self._sentences(event) if i in self.layout.lead]
        coarse = event.place is None or event.place.precision in _COARSE
        return (coarse, min(said) if said else len(self.doc.sentences), -event.salience,
                event.evidence.start)  # fmt: skip

    def order(self, events: list[EventMention]) -> list[EventMention]:
        """Main event first (title and lead), then anchored events, then the rest."""
        asserted = [e for e in events if e.modality is Modality.ASSERTED]
        # Background the events component already set apart (a circumstance, a statement)
        # leads only a report that tells nothing else.
        happenings = [e for e in asserted if not e.background] or asserted
        lead = [e for e in happenings if set(self._sentences(e)) & self.layout.lead]
        # A lead that recalls an old happening ("a soldier who fought ISIS in 2015 was
        # arrested") is about the one inside the report's window, and a report whose lead
        # tells only old history is about a happening of its window told later.
        current = [e for e in happenings if self._in_window(e)]
        pool = [e for e in lead if self._in_window(e)] or current or lead or happenings
        # News says first what it is about: the earliest lead sentence with a happening
        # leads ("X retook the town" before "fighters surrendered"), then salience.
        main = min(pool, key=self._lead_rank) if pool else None
        ordered: list[EventMention] = []
        for event in events:
            if event is main:
                why = "main event: " + ("in the title or lead" if lead else "most salient")
                ordered.append(replace(event, reasons=(*event.reasons, why)))
                continue
            if event.modality is not Modality.ASSERTED or event.background:
                ordered.append(event)
                continue
            own_place = event.place_anchor in (Anchor.CLAUSE, Anchor.SENTENCE, Anchor.PARAGRAPH)
            if own_place and self._in_window(event):
                ordered.append(replace(event, reasons=(*event.reasons, "anchored: an incident")))
                continue
            why = "no place of its own" if not own_place else "dated outside the report's window"
            ordered.append(
                replace(event, background=True, reasons=(*event.reasons, f"background: {why}"))
            )
        rank = {id(e): i for i, e in enumerate(ordered)}

        def key(e: EventMention) -> tuple[int, float, int]:
            first = 0 if main is not None and e.id == main.id else 1 if e.is_incident else 2
            return first, -e.salience, rank[id(e)]

        return sorted(ordered, key=key)


def _inside(place: PlaceMention, area: PlaceMention) -> bool:
    """Whether a place may lie inside a coarse area (same country, when both say)."""
    if place.country_code and area.country_code:
        return place.country_code == area.country_code
    return True
