"""The one place that sequences stages: ingest → extract → store → merge.

`documents.py` runs ingest and extraction per document with isolation; `incidents.py` merges
stored event mentions into incidents and applies analyst overrides; `update.py` brings
incidents, facilities and indicators up to date after new documents; `distributed.py` runs
extraction on a Dask cluster for back-fills, writing through one writer.

Names are imported on first use (PEP 562), so that importing `watchfloor.pipeline.facilities`
does not load spaCy through `documents.py`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from watchfloor.pipeline.documents import (
        ExitCode,
        Outcome,
        RunReport,
        extract_stored,
        ingest_targets,
        store_documents,
    )
    from watchfloor.pipeline.facilities import FacilityUpdate, update_facilities
    from watchfloor.pipeline.incidents import (
        MergeSummary,
        apply_analyst_override,
        merge_options,
        merge_stored,
        type_rules,
        update_incidents,
    )

_WHERE = {
    "ExitCode": "documents",
    "Outcome": "documents",
    "RunReport": "documents",
    "extract_stored": "documents",
    "ingest_targets": "documents",
    "store_documents": "documents",
    "FacilityUpdate": "facilities",
    "update_facilities": "facilities",
    "MergeSummary": "incidents",
    "apply_analyst_override": "incidents",
    "merge_options": "incidents",
    "merge_stored": "incidents",
    "type_rules": "incidents",
    "update_incidents": "incidents",
}

__all__ = [
    "ExitCode",
    "FacilityUpdate",
    "MergeSummary",
    "Outcome",
    "RunReport",
    "apply_analyst_override",
    "extract_stored",
    "ingest_targets",
    "merge_options",
    "merge_stored",
    "store_documents",
    "type_rules",
    "update_facilities",
    "update_incidents",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"watchfloor.pipeline.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'watchfloor.pipeline' has no attribute {name!r}")
