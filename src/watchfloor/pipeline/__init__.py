"""The one place that sequences stages: ingest → extract → store → merge.

`documents.py` runs ingest and extraction per document with isolation; `incidents.py` merges
stored event mentions into incidents and applies analyst overrides; `distributed.py` runs
extraction on a Dask cluster for back-fills, writing through one writer.
"""

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
