"""Facilities and indicators as JSON: the one plain form the CLI (`--json`) and the API share.

`facility_plain` and `indicator_plain` turn a read-side view into JSON-ready data; `full` adds
a facility's claims and linked incidents, or an indicator's points. The API's response models
(`watchfloor.serve.facility_schemas`) describe exactly this shape.
"""

from __future__ import annotations

from typing import Any

from watchfloor.model import to_plain
from watchfloor.store.facility_views import FacilityView, IndicatorView

__all__ = ["facility_plain", "indicator_plain"]


def _incidents(view: FacilityView) -> list[dict[str, Any]]:
    return [
        {
            "id": i.id,
            "event_type": i.event_type,
            "start": i.start.isoformat() if i.start else None,
            "end": i.end.isoformat() if i.end else None,
            "corroboration": i.corroboration.value,
        }
        for i in view.incidents
    ]


def facility_plain(view: FacilityView, full: bool) -> dict[str, Any]:
    """A facility with its state; `full` adds its claims and its linked incidents."""
    data: dict[str, Any] = {"facility": to_plain(view.facility), "state": to_plain(view.state)}
    if full:
        data["claims"] = to_plain(view.claims)
        data["incidents"] = _incidents(view)
    return data


def indicator_plain(view: IndicatorView, full: bool) -> dict[str, Any]:
    """An indicator with its series; `full` adds its points."""
    data: dict[str, Any] = {"indicator": to_plain(view.indicator), "series": to_plain(view.series)}
    if full:
        data["points"] = to_plain(view.points)
    return data
