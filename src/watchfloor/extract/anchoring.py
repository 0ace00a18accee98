"""Anchoring events: each event's place and date, which event is the report's main one, and
which events are background rather than incidents.

Place: the event takes the place of its clause; else of its sentence; else the nearest
compatible place of its paragraph; else of the title; else of the dateline, with the finest
fitting place the text names inside an area and a country only as a flagged last resort
(`anchoring_places`, which says what is no place of the event: capitals acting for
governments, sources, agreements' names).

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

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from watchfloor.extract.anchoring_places import (
    COARSE,
    PlaceAnchorer,
    clause_of,
    in_clause,
    political_types,
)
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
)

__all__ = ["NAME", "RECENT", "REPORT_WINDOW", "anchor_events"]

NAME = "watchfloor.anchoring.v1"

# A date borrowed from a neighbouring sentence or the title must be this recent: older dates
# there date the background ("in 2014, ISIS declared ..."), not the event beside them.
RECENT = timedelta(days=31)
# A later event is anchored in time when its date reaches into this window before publication.
REPORT_WINDOW = timedelta(days=366)

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
    anchorer = _Anchorer(doc, context.parsed, political_types(context))
    events = [anchorer.anchor(event) for event in doc.events]
    return replace(doc, events=tuple(anchorer.order(events)))


class _Anchorer:
    def __init__(
        self, doc: AnnotatedDocument, parsed: Doc, political: frozenset[str] = frozenset()
    ) -> None:
        self.doc = doc
        self.parsed = parsed
        self.layout = Layout.of(doc)
        self.places = PlaceAnchorer(doc, parsed, self.layout, political)
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
    def _trigger(self, event: EventMention) -> Token | None:
        span = self.parsed.char_span(
            event.evidence.start, event.evidence.end, alignment_mode="expand"
        )
        return span.root if span is not None and len(span) else None

    def _clause(self, trigger: Token) -> set[int]:
        """Token indices of the trigger's clause (`place_roles.clause_of`)."""
        return clause_of(trigger)

    def _in_clause(self, start: int, end: int, clause: set[int]) -> bool:
        return in_clause(self.parsed, start, end, clause)

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
        own = self._sentences(event)
        place, place_anchor, place_reason = self.places.place(
            event, trigger, clause, own, self._neighbourhood(event, own)
        )
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
        coarse = event.place is None or event.place.precision in COARSE
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
        incidents: list[EventMention] = [main] if main is not None else []
        for event in events:
            if event is main:
                why = "main event: " + ("in the title or lead" if lead else "most salient")
                ordered.append(replace(event, reasons=(*event.reasons, why)))
                continue
            if event.modality is not Modality.ASSERTED or event.background:
                ordered.append(event)
                continue
            own_place = event.place_anchor in (Anchor.CLAUSE, Anchor.SENTENCE, Anchor.PARAGRAPH)
            borrowed = _borrowed_only(event, main) or _told_again(event, incidents)
            if own_place and self._in_window(event) and not borrowed:
                incidents.append(event)
                ordered.append(replace(event, reasons=(*event.reasons, "anchored: an incident")))
                continue
            why = (
                "no place of its own"
                if not own_place
                else borrowed or "dated outside the report's window"
            )
            ordered.append(
                replace(event, background=True, reasons=(*event.reasons, f"background: {why}"))
            )
        rank = {id(e): i for i, e in enumerate(ordered)}

        def key(e: EventMention) -> tuple[int, float, int]:
            first = 0 if main is not None and e.id == main.id else 1 if e.is_incident else 2
            return first, -e.salience, rank[id(e)]

        return sorted(ordered, key=key)


def _borrowed_only(event: EventMention, main: EventMention | None) -> str:
    """Why a later event anchored only by its neighbours is no incident ('' when it is one).

    Its own sentence must anchor it in place or in time: a paragraph's place with no date in
    the text at all is a mention in passing ("the offensive", "the arrests"), and a paragraph's
    place in another country than the main event's is a capital, a summit or a home town the
    paragraph names, not where a happening of the report took place.
    """
    if event.place_anchor is not Anchor.PARAGRAPH:
        return ""
    if event.date_anchor is Anchor.PUBLICATION:
        return "neither its place nor its date is its own"
    here = event.place.country_code if event.place is not None else None
    there = main.place.country_code if main is not None and main.place is not None else None
    if here and there and here != there:
        return "a neighbour's place in another country than the main event's"
    return ""


def _told_again(event: EventMention, incidents: list[EventMention]) -> str:
    """'' unless the event, bringing no figure of its own, repeats an incident already kept:
    the same type at the same resolved place in an overlapping period ("the incursion" after
    "the fight for Afrin" told the week before)."""
    if event.figures or event.place is None or event.place.place_id is None:
        return ""
    for kept in incidents:
        if (
            kept.event_type == event.event_type
            and _same_actor(kept, event)
            and kept.place is not None
            and kept.place.place_id == event.place.place_id
            and kept.date is not None
            and event.date is not None
            and kept.date.start <= event.date.end
            and event.date.start <= kept.date.end
        ):
            return "the same incident as an earlier mention"
    return ""


def _same_actor(one: EventMention, other: EventMention) -> bool:
    """No conflicting first actor: "Russian jets bombed" is not "Turkish jets bombed"."""
    a = one.actor1.actor_id if one.actor1 is not None else None
    b = other.actor1.actor_id if other.actor1 is not None else None
    return a is None or b is None or a == b
