"""Stored event mentions → incidents: candidate search by blocks, pure merge, one write.

The merge stage is pure; this module loads the candidate block (kind × region × time window)
from the store, calls `merge_mentions`, then stores the result in one transaction. Analyst
overrides are read from the store and replayed on every merge, so they survive re-processing
and new documents.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType

from watchfloor.merge import (
    FACETS,
    MergeOptions,
    TypeRules,
    apply_overrides,
    incident_keys,
    merge_mentions,
    mergeable,
    search_keys,
)
from watchfloor.merge.sentences import default_encoder
from watchfloor.model.incidents import Incident, MergeResult, Override
from watchfloor.resolve.ontology import Ontology
from watchfloor.store import Store

__all__ = [
    "MergeSummary",
    "apply_analyst_override",
    "merge_options",
    "merge_stored",
    "type_rules",
    "update_incidents",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge run changed in the store."""

    mentions: int
    incidents: int
    created: int
    retired: int
    links: int


def type_rules(ontology: Ontology) -> TypeRules:
    """What merging needs to know of the ontology: families, alternatives, follow-ups.

    Types related as `alternative` (an attack on a prison and the escape it caused) may be one
    incident; a type related as `follow_up` of another (a recapture after an escape) is linked
    to it, never merged. The facet pairs of `merge.FACETS` whose types the ontology has may be
    one happening at one place and time.
    """
    families = {t.code: t.family for t in ontology.types()}
    same: set[frozenset[str]] = set()
    follow_ups: dict[str, list[str]] = {}
    for event_type in ontology.types():
        for relation in ontology.related(event_type.code):
            if relation.relation == "alternative":
                same.add(frozenset({event_type.code, relation.code}))
            elif relation.relation == "follow_up":
                follow_ups.setdefault(event_type.code, []).append(relation.code)
    return TypeRules(
        families=MappingProxyType(families),
        same_incident=frozenset(same),
        follow_ups=MappingProxyType({k: tuple(sorted(set(v))) for k, v in follow_ups.items()}),
        facets=frozenset(pair for pair in FACETS if pair <= families.keys()),
    )


_DEFAULTS = MergeOptions()  # the merge's knobs are defined once, in merge/options.py


def merge_options(
    window_days: int = _DEFAULTS.window_days,
    merge_km: float = _DEFAULTS.merge_km,
    *,
    sentences: bool = False,
) -> MergeOptions:
    """Merge options with the packaged ontology's type rules and the given knobs.

    With `sentences` (`Settings.merge_sentences`, `WATCHFLOOR_MERGE_SENTENCES`; off by default,
    for its cost) the process-wide multilingual sentence encoder
    (`merge.sentences.default_encoder`) adds evidence to candidates the fields cannot decide
    and breaks ties; the extracted fields still decide.
    """
    return MergeOptions(
        window_days=window_days,
        merge_km=merge_km,
        rules=type_rules(Ontology.load()),
        encoder=default_encoder() if sentences else None,
    )


def _save(store: Store, result: MergeResult, options: MergeOptions) -> None:
    blocks = {incident.id: incident_keys(incident, options) for incident in result.incidents}
    store.save_incidents(result.incidents, blocks, result.retired)


def merge_stored(
    store: Store,
    document_ids: Sequence[str] | None = None,
    options: MergeOptions | None = None,
) -> MergeSummary:
    """Merge the event mentions of some stored documents (or all) into the stored incidents."""
    options = options or merge_options()
    # Only happenings become incidents: failed, planned, feared, generic or unanchored
    # mentions stay stored with their reading (the desk shows them) but never found one;
    # background told again may join its own report's happening (`merge.mergeable`).
    mentions = mergeable(store.event_mentions(document_ids))
    if not mentions:
        return MergeSummary(0, 0, 0, 0, 0)
    infos = store.document_infos({m.evidence.document_id for m in mentions})
    keys: set[str] = set()
    for mention in mentions:
        info = infos.get(mention.evidence.document_id)
        keys |= search_keys(mention, options, info.published if info else None)
    candidates = store.candidate_incidents(keys)
    result = merge_mentions(mentions, candidates, store.overrides(), options, infos)
    _save(store, result, options)
    # Merged: the mentions now in an incident (background told again only when it joined one).
    filed = {m for incident in result.incidents for m in incident.mention_ids}
    merged = sum(1 for m in mentions if m.id in filed)
    logger.info(
        "merged %d mentions: %d incidents touched, %d new, %d retired",
        merged,
        len(result.incidents),
        len(result.created),
        len(result.retired),
    )
    return MergeSummary(
        mentions=merged,
        incidents=len(result.incidents),
        created=len(result.created),
        retired=len(result.retired),
        links=len(result.links),
    )


def update_incidents(
    store: Store, document_ids: Sequence[str], options: MergeOptions | None = None
) -> MergeSummary:
    """Bring the stored incidents up to date after some documents were read: the entry point
    for ingest.

    Incremental: only the incidents filed under the blocks the new documents' mentions look
    up (their neighbourhood) are loaded, re-merged with the new mentions and written back;
    the rest of the store is not read. Analyst overrides are replayed, so they keep winning.
    Re-reading a document replaces its mentions (idempotent). No document ids, no work.
    """
    if not document_ids:
        return MergeSummary(0, 0, 0, 0, 0)
    return merge_stored(store, document_ids, options)


def apply_analyst_override(
    store: Store, override: Override, options: MergeOptions | None = None
) -> list[Incident]:
    """Record an analyst's merge, split or pin and re-form the incidents it touches.

    Returns the incidents as they stand after the override.
    """
    options = options or merge_options()
    store.add_override(override)
    touched: dict[str, Incident] = {}
    for target in override.targets:
        incident_id = target if target.startswith("inc-") else store.incident_of_mention(target)
        incident = store.get_incident(incident_id) if incident_id else None
        if incident is not None:
            touched[incident.id] = incident
    if not touched:
        return []
    # Neighbours in the same blocks may be affected by a split or a merge as well.
    keys = set().union(*(incident_keys(i, options) for i in touched.values()))
    for incident in store.candidate_incidents(keys):
        touched.setdefault(incident.id, incident)
    result = apply_overrides(list(touched.values()), store.overrides(), options)
    _save(store, result, options)
    store.audit(
        "incidents.reformed",
        ",".join(sorted(i.id for i in result.incidents)),
        {"override": override.id, "at": datetime.now(UTC).isoformat()},
        override.author,
    )
    return list(result.incidents)
