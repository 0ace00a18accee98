"""Credits for the data behind every export: gazetteers, polygons, and the desk itself.

Exports that can carry metadata (GeoJSON foreign members, the STIX extension definition and
desk identity) embed these lines; CSV and JSON Lines cannot, so the CLI prints them on stderr.
"""

from __future__ import annotations

__all__ = ["CREDITS", "credit_text"]

# Attribution lines as each source's SOURCE.md asks for them (CC BY needs them; Natural Earth
# requests one).
CREDITS: tuple[str, ...] = (
    "Places: GeoNames (https://www.geonames.org, CC BY 4.0).",
    "Contains data from Who's On First, which includes GeoNames data (CC BY 4.0), "
    "Quattroshapes (CC BY) and Natural Earth (public domain).",
    "Syrian administrative units from OpenSyria Data Geography (CC BY 4.0), derived from "
    "UN OCHA / HDX COD-AB (CC BY 3.0 IGO), geoBoundaries, GeoNames (CC BY 4.0) and Wikidata.",
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
    "Event categories follow ACLED's published codebook vocabulary; this is not ACLED data.",
)


def credit_text() -> str:
    """Every credit line joined into one paragraph."""
    return " ".join(CREDITS)
