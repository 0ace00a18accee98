"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per incident.

Coordinates are [longitude, latitude] in WGS 84, as RFC 7946 requires. An incident without
coordinates keeps its feature with `"geometry": null` (allowed by RFC 7946 §3.2), so a count of
features equals a count of incidents. Credits travel in a foreign member, `"attribution"`.

A point that stands for a whole country or region (the report named no finer place) says so:
`"point": "country_centroid"` (or `"region_centroid"`), never passing for the place itself;
a precise place has `"point": "place"`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from watchfloor.export.credits import CREDITS
from watchfloor.export.facts import (
    FATALITY_ROLES,
    conservative_figure,
    document_ids,
    independent_origin_names,
    outlets,
)
from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = ["incident_feature", "write_geojson"]


def _geometry(incident: Incident) -> dict[str, Any] | None:
    place = incident.place
    if place is None or place.lat is None or place.lon is None:
        return None
    # RFC 7946 §11.2: six decimals (~10 cm) is more precision than any place here has.
    return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}


def _point(place: PlaceMention | None) -> str | None:
    """What the feature's point is: the place itself, or the centroid of a whole area."""
    if place is None or place.lat is None or place.lon is None:
        return None
    if place.precision is Precision.COUNTRY:
        return "country_centroid"
    if place.precision is Precision.REGION:
        return "region_centroid"
    return "place"


def incident_feature(incident: Incident) -> dict[str, Any]:
    """One incident as a GeoJSON Feature with its main facts as properties."""
    place = incident.place
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": _geometry(incident),
        "properties": {
            "id": incident.id,
            "event_type": incident.event_type,
            "family": incident.family,
            "start": incident.start.isoformat() if incident.start else None,
            "end": incident.end.isoformat() if incident.end else None,
            "place": place.name if place else None,
            "place_id": place.place_id if place else None,
            "precision": place.precision.value if place else None,
            "point": _point(place),
            "admin1": place.admin1 if place else None,
            "country_code": place.country_code if place else None,
            "actors": [
                {"id": a.actor_id, "name": a.name, "role": a.role, "claims": a.count}
                for a in incident.actors
            ],
            "figures": [
                {"role": f.role, "low": f.low, "high": f.high, "sources": len(f.sources)}
                for f in incident.figures
            ],
            "fatalities": conservative_figure(incident, FATALITY_ROLES),
            "corroboration": incident.corroboration.value,
            "independent_origins": incident.independent_origins,
            "origins": independent_origin_names(incident),
            "outlets": outlets(incident),
            "document_ids": document_ids(incident),
            "claims": len(incident.claims),
            "discrepancies": [d.kind.value for d in incident.discrepancies],
        },
    }


def write_geojson(incidents: Iterable[Incident], out: TextIO, *, indent: int | None = None) -> int:
    """Write incidents as one FeatureCollection; returns how many features were written."""
    features = [incident_feature(incident) for incident in incidents]
    collection = {
        "type": "FeatureCollection",
        "attribution": list(CREDITS),  # a foreign member (RFC 7946 §6.1)
        "features": features,
    }
    json.dump(collection, out, ensure_ascii=False, indent=indent)
    out.write("\n")
    return len(features)
