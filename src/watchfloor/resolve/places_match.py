"""What a resolved place name is (PlaceMatch) and what a document already says (PlaceContext)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from watchfloor.model import Precision, ResolvedPlace
from watchfloor.resolve.places_data import Place, PlaceRules

__all__ = ["PlaceContext", "PlaceIndex", "PlaceMatch"]


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a document already tells about where it is: countries, admin1s, points, focus.

    `admin1s` holds (country code, admin1 name) pairs; `focus` the outlet's focus countries;
    `within` the admin area the text itself puts this one name in.
    """

    countries: frozenset[str] = frozenset()
    admin1s: frozenset[tuple[str, str]] = frozenset()
    points: tuple[tuple[float, float], ...] = ()
    focus: frozenset[str] = frozenset()
    # (country, admin1) a cue word puts the name in: "Saida town in Ar Raqqa countryside".
    within: tuple[str, str] | None = None

    def with_match(self, match: PlaceMatch) -> PlaceContext:
        """This context plus what one resolved place adds."""
        countries = self.countries | ({match.country_code} if match.country_code else set())
        admin1s = self.admin1s
        if match.country_code and match.admin1:
            admin1s = admin1s | {(match.country_code, match.admin1)}
        points = self.points
        fine = match.precision in (Precision.FACILITY, Precision.TOWN, Precision.DISTRICT)
        if fine and match.lat is not None and match.lon is not None:
            points = (*points, (match.lat, match.lon))
        return replace(self, countries=frozenset(countries), admin1s=admin1s, points=points)


@dataclass(frozen=True, slots=True)
class PlaceMatch(ResolvedPlace):
    """A resolved place name: the model's ResolvedPlace fields, then `note`.

    `note` says how it was reached when that matters to a reader ("midpoint of the road
    between A and B", "ambiguous: fell back to the governorate").
    """

    note: str = ""

    @classmethod
    def of(cls, place: Place, score: float, note: str = "") -> PlaceMatch:
        """A match at the place's own point and precision."""
        return cls(
            name=place.name,
            place_id=place.id,
            lat=place.lat,
            lon=place.lon,
            country_code=place.country,
            admin1=place.admin1,
            precision=place.precision,
            score=round(max(0.0, min(1.0, score)), 3),
            feature=place.facility_kind or place.feature,
            note=note,
        )


class PlaceIndex(Protocol):
    """What the helpers of the gazetteer (descriptions, ruler patterns) need of it: its data
    and its resolver. The Gazetteer provides it; the helpers never import the Gazetteer."""

    rules: PlaceRules
    places: dict[str, Place]

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""

    def preferred_id(self, name: str) -> str | None:
        """The place a curated spelling or short form names, if any."""

    def places_in(self, country: str, admin1: str | None = None) -> list[Place]:
        """Towns of a country, or of one of its admin1s."""

    def resolve(
        self, name: str, context: PlaceContext | None = None, *, hint: str | None = None
    ) -> PlaceMatch | None:
        """A place name resolved in a document's context."""
