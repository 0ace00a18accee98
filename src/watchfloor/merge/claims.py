"""Claims from event mentions: document metadata attached, date interval and canonical order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from watchfloor.merge.chains import claim_origin
from watchfloor.merge.options import MergeOptions
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import Claim, DocumentInfo
from watchfloor.model.mentions import DateMention, DatePrecision

__all__ = ["canonical_key", "claim_from_mention", "claim_interval", "is_unstated"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def claim_from_mention(mention: EventMention, info: DocumentInfo | None = None) -> Claim:
    """A claim from an event mention and what is known of its document.

    Without document metadata the outlet is the head of the mention's chain (extraction puts
    the publishing outlet first) and the publication time is unknown.
    """
    outlet = info.outlet if info is not None and info.outlet else mention.chain[0].name
    published = info.published if info is not None else None
    return Claim(
        mention_id=mention.id,
        document_id=mention.evidence.document_id,
        outlet=outlet,
        published=published,
        origin=claim_origin(mention.chain),
        event_type=mention.event_type,
        trigger=mention.trigger,
        chain=mention.chain,
        kind=mention.kind,
        evidence=mention.evidence,
        figures=mention.figures,
        actor1=mention.actor1,
        actor2=mention.actor2,
        target=mention.target,
        place=mention.place,
        date=mention.date,
        salience=mention.salience,
        support=mention.support,
        sentence=mention.sentence,
        background=mention.background,
    )


def is_unstated(when: DateMention) -> bool:
    """Whether a date is the extraction's window before publication (no date in the text: no
    words, vague), not a date the report states."""
    return not when.text and when.precision == DatePrecision.VAGUE


def claim_interval(claim: Claim, options: MergeOptions) -> tuple[date, date] | None:
    """The days a claim's event may have happened, or None when nothing dates it.

    A mention without a date happened shortly before its report was published: news reports
    recent events, and this keeps undated mentions of one story together. The window is
    `undated_days` (a week), also where the extraction gave the mention its own longer window
    before publication (`is_unstated`): two reports three weeks apart that date nothing do not
    overlap.
    """
    if claim.date is not None and not (is_unstated(claim.date) and claim.published is not None):
        return claim.date.start, claim.date.end
    if claim.published is not None:
        day = claim.published.date()
        return day - timedelta(days=options.undated_days), day
    return None


def canonical_key(claim: Claim) -> tuple[datetime, tuple[object, ...], str]:
    """Processing order of claims: first published first, then by content, then by mention id.

    Clustering in this order makes the result a function of the set of mentions (not of the
    order they arrive in), and the first claim of each incident is the first report of it,
    whose id names the incident; reports published later never change earlier assignments.
    Ties of publication time are broken by what the claim says (where in its report, the type,
    the trigger, the date, the place), not by its id, so the same claims stored under other
    ids (a partner's import) are taken in the same order and group the same way; the id only
    breaks ties between claims that say the same thing.
    """
    content = (
        claim.evidence.start,
        claim.evidence.end,
        claim.event_type,
        claim.trigger.casefold(),
        (claim.date.start, claim.date.end) if claim.date is not None else (),
        claim.place.name if claim.place is not None else "",
    )
    if claim.published is not None:
        return claim.published, content, claim.mention_id
    if claim.date is not None:
        day = datetime.combine(claim.date.end, datetime.min.time(), UTC)
        return day, content, claim.mention_id
    return _EPOCH, content, claim.mention_id
