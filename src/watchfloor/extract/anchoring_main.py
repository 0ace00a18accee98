"""Which event leads a report and which later events are background (the rules of
`anchoring`'s ordering that read the events themselves, not the text's layout).

- `realised_lead`: a lead that announces, plans or fears a happening and reports none names
  what the report is about; when the text later says that kind of happening took place ("Trump
  plans to withdraw all US troops" ... "the US has begun withdrawing troops"), that later
  mention is the report's main event, before any more salient happening of another kind.
- `news_peg`: else, a report whose lead tells no happening (an analysis, a feature) hangs on
  its news peg: the happening its own clause or sentence dates to a day of the week before
  publication ("by Friday Syria's military had arrived at the frontline in Manbij"), before a
  more salient one told without such a date (a conflict's background, merged over many
  mentions).
- `borrowed_only`: a later event anchored only by its neighbours is no incident.
- `told_again`: a figureless repeat of an incident already kept is the same incident.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from watchfloor.model import Anchor, DatePrecision, EventMention, Modality

__all__ = ["PEG_DAYS", "borrowed_only", "news_peg", "realised_lead", "same_actor", "told_again"]

# How recent a dated happening must be to be a report's news peg.
PEG_DAYS = timedelta(days=7)


def realised_lead(
    lead_mentions: Sequence[EventMention], later: Sequence[EventMention]
) -> list[EventMention]:
    """The later asserted happenings of a kind the lead names only as announced, planned,
    feared or hypothetical (when the lead asserts no happening at all, and only those a clause
    says happened, "the US has begun withdrawing", not a name, "Trump's withdrawal": the
    caller's rules).

    The lead says what the report is about (the EMM lesson); a later sentence that says it
    happened tells that it did. Events of other kinds, however salient, are the story's
    setting.
    """
    announced = {e.event_type for e in lead_mentions if e.modality is not Modality.ASSERTED}
    return [e for e in later if e.modality is Modality.ASSERTED and e.event_type in announced]


def news_peg(events: Sequence[EventMention], published: date | None) -> list[EventMention]:
    """The asserted happenings dated to a day by their own clause or sentence within
    `PEG_DAYS` before publication (none without a publication date)."""
    if published is None:
        return []
    return [
        e
        for e in events
        if e.modality is Modality.ASSERTED
        and e.date is not None
        and e.date.precision is DatePrecision.DAY
        and e.date_anchor in (Anchor.CLAUSE, Anchor.SENTENCE)
        and published - PEG_DAYS <= e.date.end <= published + timedelta(days=1)
    ]


def borrowed_only(event: EventMention, main: EventMention | None) -> str:
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


def told_again(event: EventMention, incidents: list[EventMention]) -> str:
    """'' unless the event, bringing no figure of its own, repeats an incident already kept:
    the same type at the same resolved place in an overlapping period ("the incursion" after
    "the fight for Afrin" told the week before)."""
    if event.figures or event.place is None or event.place.place_id is None:
        return ""
    for kept in incidents:
        if (
            kept.event_type == event.event_type
            and same_actor(kept, event)
            and kept.place is not None
            and kept.place.place_id == event.place.place_id
            and kept.date is not None
            and event.date is not None
            and kept.date.start <= event.date.end
            and event.date.start <= kept.date.end
        ):
            return "the same incident as an earlier mention"
    return ""


def same_actor(one: EventMention, other: EventMention) -> bool:
    """No conflicting first actor: "Russian jets bombed" is not "Turkish jets bombed"."""
    a = one.actor1.actor_id if one.actor1 is not None else None
    b = other.actor1.actor_id if other.actor1 is not None else None
    return a is None or b is None or a == b
