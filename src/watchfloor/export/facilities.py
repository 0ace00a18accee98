"""Facilities and indicator points as CSV and as STIX 2.1 Location and Note objects.

CSV: one row per facility claim (`write_facility_csv`) or per indicator point
(`write_indicator_csv`), each with its chain, statement kind, date and sentence. STIX: a
Location per facility (and per indicator's area), and a Note per claim or point that refers
to it, its authors the chain. Ids are deterministic, so re-exports are byte-identical; only
standard properties are used, so the bundle validates in strict mode.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

import stix2

from watchfloor.export.stix import EPOCH, TLP, desk_identity, stix_id
from watchfloor.merge.facilities import range_label
from watchfloor.model.facilities import FacilityClaim, IndicatorPoint
from watchfloor.store.facility_views import FacilityView, IndicatorView

__all__ = [
    "FACILITY_COLUMNS",
    "INDICATOR_COLUMNS",
    "facility_stix_objects",
    "write_facility_csv",
    "write_facility_stix",
    "write_indicator_csv",
]

FACILITY_COLUMNS = (
    "facility_id",
    "facility",
    "type",
    "latitude",
    "longitude",
    "admin1",
    "country",
    "claim_id",
    "kind",
    "as_of",
    "value",
    "low",
    "high",
    "actor_id",
    "event_type",
    "outlet",
    "chain",
    "origin",
    "statement",
    "document_id",
    "sentence",
)
INDICATOR_COLUMNS = (
    "indicator_id",
    "indicator",
    "unit",
    "point_id",
    "as_of",
    "text",
    "low",
    "high",
    "qualifier",
    "place",
    "outlet",
    "chain",
    "origin",
    "statement",
    "document_id",
    "sentence",
)


def _chain(chain: Iterable[Any]) -> str:
    return " > ".join(source.name for source in chain)


def _value(claim: FacilityClaim) -> str:
    if claim.quantity is not None:
        return claim.quantity.text
    return claim.actor_name or claim.event_type or ""


def _provenance_cells(item: FacilityClaim | IndicatorPoint) -> list[Any]:
    """The columns every claim and point ends with: who said it, how, and the sentence."""
    return [
        item.outlet,
        _chain(item.chain),
        item.origin,
        item.statement.value,
        item.document_id,
        " ".join(item.sentence.split()),
    ]


def _write_rows(out: TextIO, columns: Sequence[str], rows: Iterable[list[Any]]) -> int:
    """Write a header and the rows as CSV; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _facility_rows(views: Iterable[FacilityView]) -> Iterator[list[Any]]:
    """One CSV row per facility claim, in FACILITY_COLUMNS order."""
    for view in views:
        f = view.facility
        for c in view.claims:
            q = c.quantity
            yield [
                f.id,
                f.name,
                f.type,
                f.lat,
                f.lon,
                f.admin1 or "",
                f.country or "",
                c.id,
                c.kind.value,
                c.as_of.isoformat() if c.as_of else "",
                _value(c),
                q.low if q else "",
                (q.high if q.high is not None else "") if q else "",
                c.actor_id or "",
                c.event_type or "",
                *_provenance_cells(c),
            ]


def _indicator_rows(views: Iterable[IndicatorView]) -> Iterator[list[Any]]:
    """One CSV row per indicator point, in INDICATOR_COLUMNS order."""
    for view in views:
        ind = view.indicator
        for p in view.points:
            q = p.quantity
            yield [
                ind.id,
                ind.name,
                ind.unit,
                p.id,
                p.as_of.isoformat() if p.as_of else "",
                q.text,
                q.low,
                q.high if q.high is not None else "",
                q.qualifier.value,
                p.place or "",
                *_provenance_cells(p),
            ]


def write_facility_csv(views: Iterable[FacilityView], out: TextIO) -> int:
    """One row per facility claim; returns the number of rows."""
    return _write_rows(out, FACILITY_COLUMNS, _facility_rows(views))


def write_indicator_csv(views: Iterable[IndicatorView], out: TextIO) -> int:
    """One row per indicator point; returns the number of rows."""
    return _write_rows(out, INDICATOR_COLUMNS, _indicator_rows(views))


def _stamp(value: datetime | None) -> datetime:
    return value.astimezone(UTC) if value is not None else EPOCH


def _note(
    key: str, abstract: str, item: FacilityClaim | IndicatorPoint, refs: list[str], common: Any
) -> Any:
    created = _stamp(item.published)
    when = item.as_of.isoformat() if item.as_of else "undated"
    content = (
        f"{abstract} (as of {when}; {item.statement.value}; {_chain(item.chain)}). "
        f"“{' '.join(item.sentence.split())}”"
    )
    return stix2.Note(
        id=stix_id("note", key),
        created=created,
        modified=created,
        abstract=abstract,
        content=content,
        authors=[source.name for source in item.chain],
        object_refs=refs,
        **common,
    )


def facility_stix_objects(
    facilities: Sequence[FacilityView],
    indicators: Sequence[IndicatorView],
    *,
    desk: str = "watchfloor",
    tlp: str = "green",
) -> list[Any]:
    """The desk identity, the marking, then a Location and Notes per facility and indicator."""
    if tlp not in TLP:
        raise ValueError(f"unknown TLP level {tlp!r}; use one of {', '.join(TLP)}")
    identity = desk_identity(desk)
    common = {"created_by_ref": identity.id, "object_marking_refs": [TLP[tlp].id]}
    objects: dict[str, Any] = {}
    for view in facilities:
        f = view.facility
        if f.lat is None or f.lon is None:
            continue
        location = stix2.Location(
            id=stix_id("location", f"facility|{f.id}"),
            created=EPOCH,
            modified=EPOCH,
            name=f.name,
            description=f"{f.type}. {f.note}".strip(),
            latitude=f.lat,
            longitude=f.lon,
            precision=1000.0,
            **({"country": f.country} if f.country else {}),
            **({"administrative_area": f.admin1} if f.admin1 else {}),
            **common,
        )
        objects[location.id] = location
        for c in view.claims:
            abstract = f"{f.name}: {c.kind.value.replace('_', ' ')}: {_value(c)}"
            note = _note(c.id, abstract, c, [location.id], common)
            objects[note.id] = note
    for iview in indicators:
        ind = iview.indicator
        if not iview.points:
            continue
        countries = sorted(ind.area.countries) if ind.area else []
        location = stix2.Location(
            id=stix_id("location", f"indicator|{ind.id}"),
            created=EPOCH,
            modified=EPOCH,
            name=ind.name,
            description=f"Area of the indicator {ind.name!r}",
            **({"country": countries[0]} if countries else {"region": "western-asia"}),
            **common,
        )
        objects[location.id] = location
        for p in iview.points:
            label = range_label(p.quantity.low, p.quantity.high)
            abstract = f"{ind.name}: {p.quantity.text} ({label} {ind.unit})"
            note = _note(p.id, abstract, p, [location.id], common)
            objects[note.id] = note
    return [identity, TLP[tlp], *objects.values()]


def write_facility_stix(
    facilities: Sequence[FacilityView],
    indicators: Sequence[IndicatorView],
    out: TextIO,
    *,
    desk: str = "watchfloor",
    tlp: str = "green",
) -> int:
    """Write a STIX 2.1 bundle of facilities and indicator points; returns how many notes."""
    objects = facility_stix_objects(facilities, indicators, desk=desk, tlp=tlp)
    key = "|".join(sorted(str(o.id) for o in objects))
    bundle = stix2.Bundle(objects=objects, id=stix_id("bundle", f"{desk}|facilities|{key}"))
    out.write(
        json.dumps(json.loads(bundle.serialize()), indent=2, sort_keys=True, ensure_ascii=False)
    )
    out.write("\n")
    return sum(1 for o in objects if o.type == "note")
