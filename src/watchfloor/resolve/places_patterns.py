"""Entity-ruler patterns for the places news name: countries, admin units, facilities, towns.

The ruler matches on lower-cased tokens, so a pattern "Hit" would also fire on the verb "hit":
stop-listed names, one- to three-letter names and bare names left after dropping an article
("Bab" from "Al Bab") stay out. Villages stay out too (tens of thousands of names, most of
them also words or surnames); the NER and the PERSON/ORG check in extract/places.py find those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from watchfloor.resolve.places_data import Place
    from watchfloor.resolve.places_match import PlaceIndex

__all__ = ["is_newsworthy", "ruler_patterns"]

_MIN_POPULATION = 10_000  # towns this large appear in news by name
_WORLD_MIN_POPULATION = 1_000_000
_AREA_KINDS = {"mountain", "desert", "region", "valley"}
_REGION = {"SY", "IQ", "JO", "LB", "TR"}


def is_newsworthy(place: Place) -> bool:
    """Places worth a ruler pattern: countries, regional admin units and towns, facilities."""
    if place.kind in {"country", "facility"}:
        return True
    regional = place.country in _REGION
    if place.kind in {"admin1", "admin2", "admin3"}:
        # A world admin-1 of several words ("New Jersey", "Rhode Island") must be one span,
        # or a shorter pattern inside it ("Jersey", the island) takes its last word.
        return regional or (place.kind == "admin1" and " " in place.name.strip())
    if place.kind in {"locality", "city"}:
        floor = _MIN_POPULATION if regional else _WORLD_MIN_POPULATION
        return place.population >= floor or (
            regional and place.feature in {"PPLA", "PPLA2", "PPLC"}
        )
    return False


def _label(place: Place) -> str:
    """GPE for countries, admin units and towns; FAC for facilities; LOC for named areas."""
    if place.kind == "facility":
        return "LOC" if place.facility_kind in _AREA_KINDS else "FAC"
    return "GPE"


def _surfaces(gaz: PlaceIndex, place: Place) -> list[str]:
    """The Latin-script names of a place worth matching in English text."""
    if place.kind in {"facility", "country"}:
        names = list(place.names)
    else:
        # Long variant lists hold French and Turkish forms; keep the plain ASCII ones.
        names = [n for n in place.names if n.isascii()][:8]
    out = []
    for name in names:
        name = name.strip()
        words = name.split()
        if not name or len(words) > 6 or any(ch.isdigit() for ch in name):
            continue
        if "(" in name or name.lower().startswith(("nahiyat", "qaryat")):
            continue
        if len(words) == 1 and (len(name) <= 3 or name.lower() in gaz.rules.stop_list):
            continue
        if name.lower() in gaz.rules.stop_list:
            continue
        out.append(name)
    return out


def ruler_patterns(gaz: PlaceIndex) -> list[dict[str, Any]]:
    """One phrase pattern per distinct lower-cased surface, the highest-ranked place winning."""
    chosen: dict[str, tuple[float, Place, str]] = {}
    order = {"country": 5, "facility": 4, "admin1": 3, "locality": 2, "city": 2, "admin2": 1}
    for place in gaz.places.values():
        if not is_newsworthy(place):
            continue
        for surface in _surfaces(gaz, place):
            weight = order.get(place.kind, 0) + place.population / 1e9
            current = chosen.get(surface.lower())
            if current is None or weight > current[0]:
                chosen[surface.lower()] = (weight, place, surface)
    # Curated spelling variants ("Deir ez Zor", "Qamishlo") are names of their place too: the
    # statistical NER splits "Deir ez Zor" into "Deir" and "Zor" without them.
    for group in gaz.rules.variants:
        for name in [group["name"], *group["variants"]]:
            target = gaz.get(gaz.preferred_id(name) or "")
            if target is not None and name.lower() not in chosen and len(name) > 3:
                chosen[name.lower()] = (99.0, target, name)
    patterns = [
        {"label": _label(place), "pattern": surface, "id": place.id}
        for _, place, surface in chosen.values()
    ]
    patterns.sort(key=lambda p: (p["label"], p["pattern"]))
    return patterns
