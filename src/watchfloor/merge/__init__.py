"""Merge: event mentions across documents into incidents, with origins and discrepancies.

The stage is pure. `pipeline` fetches the candidate incidents filed under the new mentions'
`search_keys`, calls `merge_mentions`, and stores the result (upsert `incidents`, delete
`retired`, index each incident under `incident_keys`). Analyst overrides are passed in every
time and replayed after clustering, so they survive re-merging.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from watchfloor.merge.assemble import build_incident
from watchfloor.merge.blocking import block_keys, incident_keys, search_keys
from watchfloor.merge.claims import claim_from_mention
from watchfloor.merge.clustering import cluster_claims, stream_clusters
from watchfloor.merge.links import attach_links, find_follow_ups
from watchfloor.merge.options import DEFAULT_RULES, FACETS, MergeOptions, TypeRules
from watchfloor.merge.overrides import (
    PINNABLE,
    apply_pins,
    merge_override,
    pin_override,
    regroup,
    split_override,
)
from watchfloor.merge.profile import compatibility
from watchfloor.model.events import EventMention, Modality
from watchfloor.model.incidents import Claim, DocumentInfo, Incident, MergeResult, Override

__all__ = [
    "DEFAULT_RULES",
    "FACETS",
    "PINNABLE",
    "MergeOptions",
    "TypeRules",
    "apply_overrides",
    "block_keys",
    "claim_from_mention",
    "compatibility",
    "incident_keys",
    "merge_mentions",
    "merge_override",
    "mergeable",
    "pin_override",
    "realis",
    "search_keys",
    "split_override",
    "stream_incidents",
]

_DEFAULT = MergeOptions()


def _finish(
    clusters: list[list[Claim]],
    candidates: Sequence[Incident],
    overrides: Sequence[Override],
    options: MergeOptions,
) -> MergeResult:
    groups = regroup(clusters, overrides)
    incidents = [build_incident(group, options) for group in groups]
    links = find_follow_ups(incidents, options)
    incidents = [apply_pins(i, overrides) for i in attach_links(incidents, links)]
    incidents.sort(key=lambda i: i.id)
    before = {c.id for c in candidates}
    after = {i.id for i in incidents}
    return MergeResult(
        incidents=tuple(incidents),
        created=tuple(sorted(after - before)),
        retired=tuple(sorted(before - after)),
        links=tuple(sorted(links, key=lambda k: (k.source, k.kind, k.target))),
    )


def merge_mentions(
    mentions: Sequence[EventMention],
    candidates: Sequence[Incident] = (),
    overrides: Sequence[Override] = (),
    options: MergeOptions = _DEFAULT,
    documents: Mapping[str, DocumentInfo] | None = None,
) -> MergeResult:
    """Merge new event mentions with the candidate incidents they may belong to.

    Args:
        mentions: the new event mentions (any order; a mention already in a candidate
            replaces its old copy, so re-processing a document is idempotent). Mentions
            that are not incidents (`EventMention.is_incident`: not realis, or background
            the report does not anchor) found none; asserted background joins the happening
            of its own report it tells again, if exactly one fits (`merge.within`), else it
            is left out.
        candidates: incidents filed under the mentions' `search_keys`, from the store.
        overrides: analyst overrides; those whose targets are not here are ignored.
        options: merge knobs and type rules.
        documents: document id → outlet and publication time for the new mentions; a
            mention's document missing here takes its outlet from its chain's head.

    Returns:
        Every incident touched (to upsert), the ids created, the candidate ids retired
        (absorbed into another incident), and the follow-up links among them.
    """
    known = {c.mention_id: c for incident in candidates for c in incident.claims}
    # A failed, planned, generic or hypothetical happening is no incident: such mentions are
    # left out, and a re-read that now finds a stored mention non-realis takes it out.
    for mention in mentions:
        if not mention.is_incident and not _told_again(mention):
            known.pop(mention.id, None)
    lookup = documents or {}
    fresh = []
    for mention in mergeable(mentions):
        info = lookup.get(mention.evidence.document_id)
        old = known.get(mention.id)
        if info is None and old is not None:
            # Keep the document metadata the stored claim already had.
            info = DocumentInfo(old.outlet, old.published)
        fresh.append(claim_from_mention(mention, info))
    claims = {**known, **{c.mention_id: c for c in fresh}}
    clusters = cluster_claims(claims.values(), options)
    return _finish(clusters, candidates, overrides, options)


def realis(mentions: Iterable[EventMention]) -> list[EventMention]:
    """The mentions that report an anchored happening (`EventMention.is_incident`), in order."""
    return [m for m in mentions if m.is_incident]


def _told_again(mention: EventMention) -> bool:
    return mention.background and mention.modality == Modality.ASSERTED


def mergeable(mentions: Iterable[EventMention]) -> list[EventMention]:
    """The mentions the merge takes, in order: incidents (`realis`) and asserted background,
    which may only join the happening its own report tells elsewhere ("the attack" of a later
    paragraph whose place is the title's), never found an incident."""
    return [m for m in mentions if m.is_incident or _told_again(m)]


def apply_overrides(
    incidents: Sequence[Incident],
    overrides: Sequence[Override],
    options: MergeOptions = _DEFAULT,
) -> MergeResult:
    """Re-form incidents under analyst overrides without re-clustering (for `incidents merge`).

    The incidents keep their current membership; merges and splits are replayed on it, then
    pins. The result has the same shape as `merge_mentions`'s.
    """
    clusters = [list(incident.claims) for incident in incidents]
    return _finish(clusters, incidents, overrides, options)


def stream_incidents(
    reports: Iterable[tuple[EventMention, DocumentInfo | None]],
    options: MergeOptions = _DEFAULT,
) -> Iterator[Incident]:
    """Merge a long stream of (mention, document info) pairs, for batch back-fills.

    Memory stays bounded by the incidents still open; an incident is yielded once the stream
    has moved well past it (see `stream_clusters`). Follow-up links and overrides are left to
    `merge_mentions` on the stored result. Pairs must come in canonical order (publication
    time, then mention id).
    """
    claims = (
        claim_from_mention(mention, info)
        for mention, info in reports
        if mention.is_incident or _told_again(mention)
    )
    for group in stream_clusters(claims, options):
        yield build_incident(group, options)
