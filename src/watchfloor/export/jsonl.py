"""JSON Lines: one incident per line, exactly as the shared model serialises it (`to_plain`).

This is the lossless export: `from_plain(Incident, json.loads(line))` rebuilds the incident.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from watchfloor.model.incidents import Incident
from watchfloor.model.serialize import to_plain

__all__ = ["write_jsonl"]


def write_jsonl(incidents: Iterable[Incident], out: TextIO) -> int:
    """Write one JSON object per incident per line; returns how many lines were written."""
    count = 0
    for incident in incidents:
        # Sorted keys make re-exports byte-identical, so files diff cleanly.
        out.write(json.dumps(to_plain(incident), ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count
