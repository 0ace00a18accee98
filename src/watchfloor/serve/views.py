"""What pages and the API show: filters read from the URL, and incidents/documents shaped.

Pages and the JSON API call the same functions here, so the API mirrors the pages exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from watchfloor.model import AnnotatedDocument, PlaceMention, Source
from watchfloor.model.incidents import Claim, FigureRange, Incident
from watchfloor.report.describe import event_label, incident_headline, range_text
from watchfloor.resolve.filters import FilterError as UnknownValue
from watchfloor.resolve.filters import check_event_type, resolve_actor, resolve_near
from watchfloor.serve.highlight import Span, document_spans
from watchfloor.store import Store
from watchfloor.store.incident_summary import IncidentSummary, summarize
from watchfloor.store.places import place_centre
from watchfloor.store.search import (
    MATCH_END,
    MATCH_START,
    SearchHit,
    matching_incident_ids,
    matching_incidents_where,
)

__all__ = [
    "FilterError",
    "IncidentFilters",
    "claim_plain",
    "find_incidents",
    "find_summaries",
    "incident_plain",
    "incident_summary",
    "mention_plain",
    "next_filters",
    "parse_filters",
    "search_hit_plain",
    "store_filters",
]

MAX_LIMIT = 500


class FilterError(ValueError):
    """A filter value in the URL that cannot be read; the message says which and why."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class IncidentFilters:
    """The incident list's filters, as they appear in the URL query."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    km: float = 50.0
    since: date | None = None
    until: date | None = None
    min_origins: int | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0

    def query(self, **changes: Any) -> str:
        """The URL query string of these filters (with some changed), empty values left out."""
        values = {**{f: getattr(self, f) for f in self.__slots__}, **changes}
        kept = {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in values.items()
            if v not in (None, "")
            and not (k == "km" and v == 50.0)
            and not (k == "limit" and v == 50)
            and not (k == "offset" and v == 0)
        }
        return urlencode(kept)

    @property
    def is_empty(self) -> bool:
        """True when no filter narrows the list."""
        return self == IncidentFilters(limit=self.limit, offset=self.offset)


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def parse_filters(params: dict[str, str]) -> IncidentFilters:
    """Filters from URL query values; empty fields (as HTML forms send them) mean no filter."""
    errors: list[dict[str, str]] = []

    def number(name: str, kind: type, low: float, high: float) -> Any:
        raw = _text(params.get(name))
        if raw is None:
            return None
        try:
            value = kind(raw)
        except ValueError:
            errors.append({"field": name, "message": f"{raw[:40]!r} is not a {kind.__name__}"})
            return None
        if not low <= value <= high:
            errors.append({"field": name, "message": f"must be between {low:g} and {high:g}"})
            return None
        return value

    def day(name: str) -> date | None:
        raw = _text(params.get(name))
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            errors.append({"field": name, "message": f"{raw[:40]!r} is not a date (YYYY-MM-DD)"})
            return None

    filters = IncidentFilters(
        type=_text(params.get("type")),
        actor=_text(params.get("actor")),
        place=_text(params.get("place")),
        lat=number("lat", float, -90, 90),
        lon=number("lon", float, -180, 180),
        km=number("km", float, 0.1, 5000) or 50.0,
        since=day("since"),
        until=day("until"),
        min_origins=number("min_origins", int, 0, 1000),
        q=_text(params.get("q")),
        limit=number("limit", int, 1, MAX_LIMIT) or 50,
        offset=number("offset", int, 0, 10**9) or 0,
    )
    if (filters.lat is None) != (filters.lon is None):
        errors.append({"field": "lat", "message": "give both lat and lon, or neither"})
    if errors:
        raise FilterError(errors)
    return filters


def _checked(field: str, check: Any, value: str | None) -> str | None:
    """A filter value through its check; a FilterError naming the field when it fails."""
    if value is None:
        return None
    try:
        return str(check(value))
    except UnknownValue as exc:
        raise FilterError([{"field": field, "message": str(exc)}]) from exc


def _place_point(store: Store, place: str) -> tuple[float, float]:
    """The desk's place filter: a gazetteer name, alias or LAT,LON, else a stored place name."""
    try:
        point = resolve_near(place)
    except UnknownValue as exc:
        centre = place_centre(store, place)
        if centre is None:
            raise FilterError([{"field": "place", "message": str(exc)}]) from exc
        return centre
    return point.lat, point.lon


def store_filters(store: Store, filters: IncidentFilters) -> dict[str, Any]:
    """The store's keyword filters for these URL filters (aliases, places and words resolved)."""
    near = None
    if filters.lat is not None and filters.lon is not None:
        near = (filters.lat, filters.lon, filters.km)
    elif filters.place:
        near = (*_place_point(store, filters.place), filters.km)
    common: dict[str, Any] = {
        "since": filters.since,
        "until": filters.until,
        "event_type": _checked("type", check_event_type, filters.type),
        "actor": resolve_actor(filters.actor) if filters.actor else None,
        "near": near,
        "min_origins": filters.min_origins,
    }
    if filters.q:
        # The text search narrows the incidents, as a condition in SQL where the store has a
        # full-text index; the store pages and filters within them.
        words = matching_incidents_where(store, filters.q)
        common["ids"] = words if words is not None else matching_incident_ids(store, filters.q)
    return common


def find_incidents(store: Store, filters: IncidentFilters) -> tuple[list[Incident], bool]:
    """One page of incidents matching the filters, and whether more follow."""
    common = store_filters(store, filters)
    page = store.incidents(**common, limit=filters.limit + 1, offset=filters.offset)
    return page[: filters.limit], len(page) > filters.limit


def find_summaries(
    store: Store, filters: IncidentFilters, resolved: dict[str, Any] | None = None
) -> tuple[list[IncidentSummary], bool]:
    """One page of the list rows of the incidents matching the filters, and whether more follow.

    The same incidents, in the same order, as `find_incidents`, without rebuilding them.
    `resolved` is `store_filters` of these filters when the caller has it already.
    """
    common = resolved if resolved is not None else store_filters(store, filters)
    page = store.incident_summaries(**common, limit=filters.limit + 1, offset=filters.offset)
    return page[: filters.limit], len(page) > filters.limit


def next_filters(filters: IncidentFilters) -> IncidentFilters:
    """The filters of the following page."""
    return replace(filters, offset=filters.offset + filters.limit)


# -- shapes shared by the API and the pages -----------------------------------------------
def _source(source: Source) -> dict[str, Any]:
    return {"name": source.name, "kind": source.kind.value, "actor_id": source.actor_id}


def _place(place: PlaceMention | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision.value,
        "admin1": place.admin1,
        "country_code": place.country_code,
    }


def _figure_range(figure: FigureRange) -> dict[str, Any]:
    return {
        "role": figure.role,
        "low": figure.low,
        "high": figure.high,
        "label": range_text(figure.low, figure.high),
        "sources": [
            {
                "outlet": s.outlet,
                "origin": s.origin,
                "chain": [_source(c) for c in s.chain],
                "text": s.text,
                "low": s.low,
                "high": s.high,
                "label": range_text(s.low, s.high),
                "document_id": s.document_id,
                "mention_id": s.mention_id,
            }
            for s in figure.sources
        ],
    }


def incident_summary(summary: IncidentSummary) -> dict[str, Any]:
    """An incident's list row (plain data for `IncidentSummaryOut`)."""
    return {
        "id": summary.id,
        "url": f"/api/v1/incidents/{summary.id}",
        "event_type": summary.event_type,
        "label": event_label(summary.event_type),
        "headline": incident_headline(summary),
        "place": _place(summary.place),
        "start": summary.start,
        "end": summary.end,
        "corroboration": summary.corroboration.value,
        "independent_origins": summary.independent_origins,
        "claims": summary.claim_count,
        "outlets": list(summary.outlets),
        "figures": [_figure_range(f) for f in summary.figures],
    }


def claim_plain(claim: Claim, sentence: str | None) -> dict[str, Any]:
    """A claim as plain data for `ClaimOut`."""
    actors = [a.name for a in (claim.actor1, claim.actor2, claim.target) if a is not None]
    return {
        "mention_id": claim.mention_id,
        "document_id": claim.document_id,
        "outlet": claim.outlet,
        "published": claim.published,
        "origin": claim.origin,
        "chain": [_source(s) for s in claim.chain],
        "kind": claim.kind.value,
        "event_type": claim.event_type,
        "trigger": claim.trigger,
        "figures": [
            {
                "role": f.role,
                "text": f.quantity.text,
                "low": f.quantity.low,
                "high": f.quantity.high,
                "qualifier": f.quantity.qualifier.value,
                "label": range_text(f.quantity.low, f.quantity.high),
            }
            for f in claim.figures
        ],
        "place": _place(claim.place),
        "actors": actors,
        "sentence": sentence,
    }


def incident_plain(incident: Incident, sentences: dict[str, str | None]) -> dict[str, Any]:
    """An incident in full as plain data for `IncidentOut`; `sentences` by mention id."""
    return {
        **incident_summary(summarize(incident)),
        "actors": [
            {"actor_id": a.actor_id, "name": a.name, "role": a.role, "count": a.count}
            for a in incident.actors
        ],
        "claim_list": [claim_plain(c, sentences.get(c.mention_id)) for c in incident.claims],
        "origins": [
            {
                "key": o.key,
                "name": o.name,
                "kind": o.kind.value,
                "outlets": list(o.outlets),
                "claims": list(o.claims),
                "is_independent": o.is_independent,
            }
            for o in incident.origins
        ],
        "discrepancies": [
            {
                "kind": d.kind.value,
                "what": d.what,
                "values": list(d.values),
                "claims": list(d.claims),
            }
            for d in incident.discrepancies
        ],
        "timeline": [
            {
                "published": e.published,
                "document_id": e.document_id,
                "outlet": e.outlet,
                "kind": e.kind.value,
                "what": e.what,
            }
            for e in incident.timeline
        ],
        "related": [
            {"source": r.source, "target": r.target, "kind": r.kind.value, "reason": r.reason}
            for r in incident.related
        ],
        "pinned": list(incident.pinned),
        "overrides": list(incident.overrides),
    }


def mention_plain(annotated: AnnotatedDocument) -> list[dict[str, Any]]:
    """A reading's extractions as plain spans with their text."""
    text = annotated.document.text
    spans: list[Span] = sorted(document_spans(annotated), key=lambda s: (s.start, s.end))
    return [
        {
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "text": text[s.start : s.end],
            "note": s.note,
        }
        for s in spans
    ]


def search_hit_plain(hit: SearchHit, url: str) -> dict[str, Any]:
    """A search hit with match markers turned into offsets (the snippet itself stays plain)."""
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    position, start = 0, 0
    for char in hit.snippet:
        if char == MATCH_START:
            start = position
        elif char == MATCH_END:
            highlights.append((start, position))
        else:
            plain.append(char)
            position += 1
    return {
        "id": hit.id,
        "url": url,
        "title": hit.title,
        "snippet": "".join(plain),
        "highlights": highlights,
    }
