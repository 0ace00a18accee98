"""The incident filters as the CLI reads them: one meaning of --actor, --type and --near.

`incidents list` and every `export` call `store_filters`, which resolves an actor alias
through the catalogue ("daesh" → isis), refuses an unknown event type code with the nearest
valid ones, and reads --near as a gazetteer name, an alias, or LAT,LON.
"""

from __future__ import annotations

from typing import Any

from watchfloor.cli.common import fail, parse_when
from watchfloor.resolve.filters import FilterError, check_event_type, resolve_actor, resolve_near

__all__ = ["store_filters"]


def store_filters(
    *,
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    near: str | None = None,
    km: float = 50.0,
    min_origins: int | None = None,
) -> dict[str, Any]:
    """Keyword arguments for `Store.incidents` (and `count_incidents`), or a usage error."""
    start, end = parse_when(since), parse_when(until)
    try:
        point = resolve_near(near) if near else None
        return {
            "since": start.date() if start else None,
            "until": end.date() if end else None,
            "event_type": check_event_type(event_type) if event_type else None,
            "actor": resolve_actor(actor) if actor else None,
            "near": (point.lat, point.lon, km) if point else None,
            "min_origins": min_origins,
        }
    except FilterError as exc:
        raise fail(str(exc)) from exc
