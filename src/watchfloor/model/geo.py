"""Great-circle distance between coordinates, the one formula merge, store and watch share."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

__all__ = ["EARTH_KM", "haversine_km"]

# The IUGG mean Earth radius: every distance the desk reports uses this one figure.
EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    # Rounding can push h a hair above 1 for near-antipodal points; asin would then fail.
    return 2 * EARTH_KM * asin(min(1.0, sqrt(h)))
