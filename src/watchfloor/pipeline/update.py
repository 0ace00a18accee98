"""After documents are stored and read: bring incidents, facilities and indicators up to date.

Ingest (CLI, desk, API, watch) calls `update_derived` with the documents it just stored, so the
incidents, facility states and indicator series they touch are current without a second
command. Only those documents' event mentions are merged (against the candidate incidents of
their blocks) and only their facility claims are re-read: the cost follows the new documents,
not the store. `catch_up` does the same for every stored document, after a bulk load run
with the update skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.merge import MergeOptions
from watchfloor.pipeline.facilities import FacilityUpdate, update_facilities
from watchfloor.pipeline.incidents import MergeSummary, merge_stored
from watchfloor.store import Store

__all__ = ["DerivedUpdate", "catch_up", "update_derived"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DerivedUpdate:
    """What one update changed: the merge's summary and the facilities' counts."""

    merged: MergeSummary
    facilities: FacilityUpdate

    def lines(self) -> list[str]:
        """Two lines for a person: incidents touched; facility claims and indicator points."""
        m, f = self.merged, self.facilities
        return [
            f"incidents: {m.mentions} event mentions merged, {m.incidents} incidents touched "
            f"({m.created} new, {m.links} follow-up links)",
            f"facilities and indicators: {f.claims} facility claims, {f.points} indicator "
            f"points, {len(f.flags)} flags",
        ]


def update_derived(
    store: Store, document_ids: Sequence[str], options: MergeOptions | None = None
) -> DerivedUpdate:
    """Merge these documents' mentions and read their facility claims (incrementally)."""
    ids = sorted(set(document_ids))
    if not ids:
        return DerivedUpdate(MergeSummary(0, 0, 0, 0, 0), FacilityUpdate(0, 0, 0, ()))
    merged = merge_stored(store, ids, options)
    facilities = update_facilities(store, ids)  # after merging: incidents exist to link
    return DerivedUpdate(merged, facilities)


def catch_up(store: Store, options: MergeOptions | None = None) -> DerivedUpdate:
    """Re-merge every stored mention and re-read every document's facility claims."""
    merged = merge_stored(store, None, options)
    facilities = update_facilities(store, None)
    logger.info("caught up: %d mentions, %d documents", merged.mentions, facilities.documents)
    return DerivedUpdate(merged, facilities)
