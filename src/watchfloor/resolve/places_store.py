"""The gazetteer's data and indexes: places by id and matching key, curated spellings and
short forms, the world and small-town layers loaded on first need, and places by country.

Gazetteer (gazetteer.py) resolves names on top of this store; PlaceRanking (places_rank.py)
ranks the candidates it finds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from watchfloor.model import Precision
from watchfloor.resolve import places_areas, places_patterns
from watchfloor.resolve.places_data import Place, PlaceRules, read_places
from watchfloor.resolve.places_loose import TranslitIndex
from watchfloor.resolve.places_match import PlaceContext, PlaceMatch
from watchfloor.resolve.places_names import distance_km, ending_variants, name_key
from watchfloor.resolve.places_towns import TownIndex
from watchfloor.resolve.places_votes import DocumentAreas, document_areas

__all__ = ["PlaceStore"]

_DENSE_LOCALITIES = 1000  # a country with this many villages in the data is densely covered


class PlaceStore(ABC):
    """Regional and world places indexed by matching key, with lazy indexes."""

    @abstractmethod
    def resolve(
        self, name: str, context: PlaceContext | None = None, *, hint: str | None = None
    ) -> PlaceMatch | None:
        """A place name resolved in a document's context (the Gazetteer's resolver)."""

    def __init__(
        self,
        places: list[Place],
        rules: PlaceRules,
        version: str,
        demonyms: dict[str, str] | None = None,
    ) -> None:
        self.rules = rules
        self.version = version
        self.demonyms = demonyms or {}  # name key of "Russian" -> "RU"
        self.places: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = defaultdict(list)
        self._add(places)
        self._preferred: dict[str, str] = {}  # key -> place id chosen by a variant rule
        self._add_variants()
        self._translit: TranslitIndex | None = None
        self._towns: TownIndex | None = None
        self._by_country: dict[str, list[Place]] | None = None
        self._towns_in: dict[tuple[str, str | None], list[Place]] = {}
        self._has_world = False
        self._extra_why: dict[str, str] = {}  # reasons of the last _choose's bonuses
        self._capitals: dict[str, Place | None] = {}
        self._small_ids: set[str] = set()  # places met in the small-town layer
        villages: dict[str, int] = defaultdict(int)
        for place in self.places.values():
            if place.kind == "locality" and place.country:
                villages[place.country] += 1
        self.dense = frozenset(c for c, n in villages.items() if n >= _DENSE_LOCALITIES)

    def _add(self, places: Iterable[Place]) -> None:
        """Index places by id and by every matching key."""
        by_key, known = self._by_key, self.places
        for place in places:
            if place.id in known:
                continue  # world rows repeat a few regional towns
            known[place.id] = place
            for key in place.keys:
                by_key[key].append(place)

    def load_world(self) -> None:
        """Add the world's cities (GeoNames 15,000+), once; regional news rarely needs them."""
        if not self._has_world:
            self._has_world = True
            self._add(read_places("gazetteer_world.tsv.gz"))
            self._add_abbreviations()  # units only the world layer has ("Washington, D.C.")
            self._by_country = None

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        return self.places.get(place_id)

    def key(self, name: str) -> str:
        """The matching key of a name under this gazetteer's rules."""
        return name_key(name, self.rules.articles)

    def candidates(self, name: str) -> list[Place]:
        """Every place whose names share the exact key of `name`, else the key with another
        transliterated ending ("Hasakeh" finds Hasakah)."""
        key = self.key(name)
        found = self._by_key.get(key)
        for other in () if found else ending_variants(key):
            found = self._by_key.get(other)
            if found:
                break
        return list(found or ())

    def _add_variants(self) -> None:
        """Index each variant group under its target place (or a point of its own)."""
        for group in self.rules.variants:
            names = [group["name"], *group["variants"]]
            keys = {self.key(n) for n in names}
            lat, lon = (float(x) for x in group["near"])
            found = [
                p
                for k in sorted(keys)  # sorted: a set's order follows PYTHONHASHSEED
                for p in self._by_key.get(k, ())
                if p.country == group["country"]
                and p.kind != "facility"
                and distance_km(lat, lon, p.lat, p.lon) < 30
            ]
            found.sort(key=lambda p: (p.kind not in {"locality", "city"}, -p.population, p.id))
            target = found[0] if found else self._variant_point(group, names, keys)
            for key in sorted(keys):
                if target not in self._by_key[key]:
                    self._by_key[key].append(target)
                self._preferred[key] = target.id
        for code, country_names in self.rules.countries.items():
            country = self.places.get(f"cc-{code.lower()}")
            if country is not None:
                self._add_short_forms(country, country_names)
        self._add_abbreviations()

    def _add_abbreviations(self) -> None:
        """Index the admin-1 abbreviations ("Calif.", "B.C.") of the units loaded so far."""
        for code, units in self.rules.admin1_abbreviations.items():
            for name, forms in units.items():
                unit = self.admin1_place(code, name)
                if unit is not None:
                    self._add_short_forms(unit, forms)

    def _add_short_forms(self, place: Place, forms: Iterable[str]) -> None:
        """Index curated short forms ("U.S.", "Ga.") under the one place they name."""
        for form in forms:
            key = self.key(form)
            if place not in self._by_key[key]:
                self._by_key[key].append(place)
            self._preferred[key] = place.id

    def _variant_point(self, group: dict[str, Any], names: list[str], keys: set[str]) -> Place:
        """A town entry made from a variant group's own point, when the data have none."""
        lat, lon = (float(x) for x in group["near"])
        admin1 = places_areas.nearest_admin1(self, group["country"], lat, lon)
        place = Place(
            id=f"var-{next(iter(sorted(keys)))}",
            name=group["name"],
            kind="locality",
            lat=lat,
            lon=lon,
            country=group["country"],
            admin1=admin1,
            admin2=None,
            feature="PPL",
            population=0,
            precision=Precision.TOWN,
            names=tuple(names),
            keys=tuple(sorted(keys)),
        )
        self.places[place.id] = place
        return place

    def small_towns(self, *names: str) -> list[Place]:
        """Towns of the small-town layer whose key is that of one of the names."""
        if self._towns is None:
            self._towns = TownIndex.load()
        keys = dict.fromkeys(self.key(n) for n in names)
        found = [p for k in keys for p in self._towns.lookup(k)]
        for other in () if found else (v for k in keys for v in ending_variants(k)):
            found = self._towns.lookup(other)
            if found:
                break
        self._small_ids.update(p.id for p in found)
        return found

    def document_areas(self, names: Iterable[tuple[str, str]]) -> DocumentAreas:
        """The areas a document's names agree on (only once the world layer is loaded: the
        regional rules read the densely covered countries); names are (surface, query)."""
        if not self._has_world:
            return DocumentAreas()
        return document_areas(self, names)

    def knows(self, name: str) -> bool:
        """True when some place, world and small towns included, bears this exact name; the
        world layers are loaded only for a name the regional data and countries lack."""
        if self.candidates(name):
            return True
        self.load_world()
        return bool(self.candidates(name) or self.small_towns(name))

    def preferred_id(self, name: str) -> str | None:
        """The place a curated spelling variant or short form names, if any."""
        return self._preferred.get(self.key(name))

    def is_stop_name(self, surface: str) -> bool:
        """True for names that are also common words or too short to trust alone ("Hit")."""
        return self._is_stopped(surface)

    def _is_stopped(self, surface: str) -> bool:
        """Stop-listed names ("Hit", "Ana") unless written as an acronym ("US")."""
        if surface.isupper() and len(surface) > 1:
            return False
        return surface.lower() in self.rules.stop_list or len(self.key(surface)) <= 2

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """The admin1 entry of a country by canonical name."""
        for place in self._by_key.get(self.key(admin1), ()):
            if place.kind == "admin1" and place.country == country:
                return place
        return None

    def _country_places(self) -> dict[str, list[Place]]:
        """Places by country code (built on first use)."""
        if self._by_country is None:
            index: dict[str, list[Place]] = defaultdict(list)
            for place in self.places.values():
                if place.country:
                    index[place.country].append(place)
            self._by_country = index
            self._towns_in = {}
        return self._by_country

    def places_in(self, country: str, admin1: str | None = None) -> list[Place]:
        """Towns of a country, or of one of its admin1s (kept until the world layer loads)."""
        by_country = self._country_places()
        towns = self._towns_in.get((country, admin1))
        if towns is None:
            towns = [
                p
                for p in by_country.get(country, ())
                if p.is_town and (admin1 is None or p.admin1 == admin1)
            ]
            self._towns_in[country, admin1] = towns
        return list(towns)

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """spaCy entity-ruler patterns (label GPE/LOC/FAC, id = place id) for news-worthy places."""
        return places_patterns.ruler_patterns(self)
