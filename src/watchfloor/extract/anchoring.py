"""Anchoring events: each event's place and date, which event is the report's main one, and
which events are background rather than incidents.

Place: the event takes the place of its clause; else of its sentence; else the nearest
compatible place of its paragraph; else of the title; else of the dateline, with the finest
fitting place the text names inside an area and a country only as a flagged last resort
(`anchoring_places`, which says what is no place of the event: capitals acting for
governments, sources, agreements' names).

Date: the event's own clause, then its sentence, then the nearest recent date of its paragraph
or the title; else the window before it was said or published (`Anchor.PUBLICATION`); dates of
saying and of other clauses' happenings are no dates of the event (`anchoring_dates`).

Main event and background (the EMM lesson: Tanev, Piskorski & Atkinson 2008): the report's
main event is the most salient happening mentioned in its title or lead; only when the lead
reports none does a later one lead: first one of a kind the lead announced, planned or feared
that a later clause says took place (`anchoring_main.realised_lead`), else the news peg (a
happening its own words date to a day of the last week), else the most salient.
A later event is an incident only when it is anchored: it reports a happening
(`Modality.ASSERTED`), has a place of its own (clause, sentence or paragraph) and a date
inside the report's window; otherwise it is background the desk may show, never an incident.
Each decision is written into the event's `reasons`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from watchfloor.extract.anchoring_dates import RECENT, DateAnchorer
from watchfloor.extract.anchoring_main import borrowed_only, news_peg, realised_lead, told_again
from watchfloor.extract.anchoring_places import (
    COARSE,
    PlaceAnchorer,
    clause_of,
    political_types,
)
from watchfloor.extract.components import Context, component
from watchfloor.extract.layout import Layout
from watchfloor.model import Anchor, AnnotatedDocument, EventMention, Modality, Precision

__all__ = ["NAME", "RECENT", "REPORT_WINDOW", "anchor_events"]

NAME = "watchfloor.anchoring.v1"

# Where an event's place must come from for it to be an incident of its own.
_OWN = frozenset({Anchor.CLAUSE, Anchor.SENTENCE, Anchor.PARAGRAPH})
# A later event is anchored in time when its date reaches into this window before publication.
REPORT_WINDOW = timedelta(days=366)


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
        self.dates = DateAnchorer(doc, parsed, self.layout)
        published = doc.document.published
        self.published: date | None = published.date() if published else None

    # -- place ----------------------------------------------------------------------------
    def _trigger(self, event: EventMention) -> Token | None:
        span = self.parsed.char_span(
            event.evidence.start, event.evidence.end, alignment_mode="expand"
        )
        return span.root if span is not None and len(span) else None

    def _clause(self, trigger: Token) -> set[int]:
        """Token indices of the trigger's clause (`place_roles.clause_of`)."""
        return clause_of(trigger)

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

    # -- one event ------------------------------------------------------------------------
    def anchor(self, event: EventMention) -> EventMention:
        """The event with its place and date re-read by the anchoring rules."""
        trigger = self._trigger(event)
        clause = self._clause(trigger) if trigger is not None else set()
        own = self._sentences(event)
        place, place_anchor, place_reason = self.places.place(
            event, trigger, clause, own, self._neighbourhood(event, own)
        )
        when, date_anchor, date_reason = self.dates.date(
            event, trigger, clause, own, self._neighbourhood(event, own)
        )
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
        return event.date.end >= self.published - REPORT_WINDOW and not _lasting(event)

    def _verbal(self, event: EventMention) -> bool:
        trigger = self._trigger(event)
        return trigger is not None and trigger.pos_ in ("VERB", "AUX")

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
        # A lead that only announces a happening ("Trump plans to withdraw all US troops") is
        # about it: a later mention saying it took place leads before more salient ones.
        announced = [e for e in events if set(self._sentences(e)) & self.layout.lead]
        said = [e for e in current if self._verbal(e)]  # "has begun withdrawing", a clause
        lead_now = [e for e in lead if self._in_window(e)]
        realised = [] if lead_now else realised_lead(announced, said)
        # Else the news peg: a happening its own words date to a day of the last week.
        peg = [] if lead_now or realised else news_peg(current, self.published)
        pool = lead_now or realised or peg or current or lead or happenings
        # News says first what it is about: the earliest lead sentence with a happening
        # leads ("X retook the town" before "fighters surrendered"), then salience.
        main = min(pool, key=self._lead_rank) if pool else None
        ordered: list[EventMention] = []
        incidents: list[EventMention] = [main] if main is not None else []
        for event in events:
            if event is main:
                why = "main event: " + _why_main(main, lead_now, realised, peg, lead)
                ordered.append(replace(event, reasons=(*event.reasons, why)))
                continue
            if event.modality is not Modality.ASSERTED or event.background:
                ordered.append(event)
                continue
            own_place = event.place_anchor in _OWN and not _borrowed_region(event)
            borrowed = borrowed_only(event, main) or told_again(event, incidents)
            if own_place and self._in_window(event) and not borrowed:
                incidents.append(event)
                ordered.append(replace(event, reasons=(*event.reasons, "anchored: an incident")))
                continue
            why = (
                (
                    "only a region named in another sentence"
                    if _borrowed_region(event)
                    else "no place of its own"
                )
                if not own_place
                else borrowed
                or (
                    "dated over more than a year: a state of affairs, no happening"
                    if _lasting(event)
                    else "dated outside the report's window"
                )
            )
            ordered.append(
                replace(event, background=True, reasons=(*event.reasons, f"background: {why}"))
            )
        rank = {id(e): i for i, e in enumerate(ordered)}

        def key(e: EventMention) -> tuple[int, float, int]:
            first = 0 if main is not None and e.id == main.id else 1 if e.is_incident else 2
            return first, -e.salience, rank[id(e)]

        return sorted(ordered, key=key)


def _why_main(
    main: EventMention,
    lead_now: list[EventMention],
    realised: list[EventMention],
    peg: list[EventMention],
    lead: list[EventMention],
) -> str:
    """Why the main event leads, by the pool it was chosen from."""
    if any(e is main for e in lead_now):
        return "in the title or lead"
    if any(e is main for e in realised):
        return "the lead announced it, the text says it happened"
    if any(e is main for e in peg):
        return "the news peg: dated to a day of the last week by its own words"
    if any(e is main for e in lead):
        return "in the title or lead (nothing of the report's window is told)"
    return "most salient" + (" (the lead tells only older happenings)" if lead else "")


def _borrowed_region(event: EventMention) -> bool:
    """Whether the event's only place is a region (a continent, "the Middle East") named in
    another sentence: like a country, it places no incident ("aspire to attack the United
    States" beside "affiliates in Africa")."""
    place = event.place
    return (
        place is not None
        and place.precision is Precision.REGION
        and place.evidence.sentence != event.evidence.sentence
    )


def _lasting(event: EventMention) -> bool:
    """Whether the event's date spans more than a report's window: "insurgents that have been
    fighting ... since the 1990s" tells a state of affairs, not a happening of the report."""
    return event.date is not None and event.date.end - event.date.start > REPORT_WINDOW
