"""Facilities and indicators in the main job: read claims from stored documents.

`update_facilities(store, document_ids)` reads each stored document's facility claims and
indicator points (`watchfloor.facilities.v1`, a reader of the stored reading) and replaces that
document's rows, one transaction per document (call it after merging, so the incidents exist
to link). The read side (CLI, desk, report, exports, watch) asks
`watchfloor.store.facility_views` for the facilities and indicators with their states and
series.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.extract.facilities import NAME, read_facility_claims
from watchfloor.extract.indicators import read_indicator_points
from watchfloor.model.facilities import IndicatorFlag
from watchfloor.resolve.facilities import FacilityRegister, load_register
from watchfloor.resolve.indicators import Indicator, load_indicators
from watchfloor.store import Store
from watchfloor.store.facilities import FacilityStore
from watchfloor.store.facility_views import indicator_views

__all__ = ["FacilityUpdate", "update_facilities"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FacilityUpdate:
    """What one update read: documents, claims and points written, and the flags standing."""

    documents: int
    claims: int
    points: int
    flags: tuple[IndicatorFlag, ...]


def update_facilities(
    store: Store,
    document_ids: Sequence[str] | None = None,
    *,
    register: FacilityRegister | None = None,
    indicators: Sequence[Indicator] | None = None,
) -> FacilityUpdate:
    """Read facility claims and indicator points of stored documents (or all) into the store.

    Documents without a stored reading are skipped. Returns the counts and the indicator
    flags that stand after the update.
    """
    register = register or load_register()
    indicators = load_indicators(register=register) if indicators is None else indicators
    facilities = FacilityStore(store)
    ids = list(document_ids) if document_ids is not None else store.document_ids()
    read = n_claims = n_points = 0
    touched: set[str] = set()
    for document_id in ids:
        annotated = store.get_annotated(document_id)
        if annotated is None:
            continue
        claims = read_facility_claims(annotated, register)
        points = read_indicator_points(annotated, indicators, register, claims)
        facilities.replace_document(annotated.document.id, claims, points, NAME)
        read += 1
        n_claims += len(claims)
        n_points += len(points)
        touched |= {p.indicator_id for p in points}
    flags = tuple(
        flag
        for view in indicator_views(store, [i for i in indicators if i.id in touched])
        for flag in view.series.flags
    )
    logger.info(
        "facilities: %d documents, %d claims, %d indicator points", read, n_claims, n_points
    )
    return FacilityUpdate(read, n_claims, n_points, flags)
