"""The gazetteer: place names to points, with document context and an honest precision.

Regional data (Syria, Iraq, Jordan, Lebanon, the Turkish border provinces) come from the
packaged file built by scripts/build_gazetteer.py; the world (countries at the Factbook's
points, admin-1 units, US counties, cities of 15,000+) from GeoNames, baked at build time;
facilities and named areas from the project's own facilities.yaml; spellings from
place_rules.yaml.

Resolution tries, in order: a descriptive location ("the road between A and B", "eastern
Deir ez-Zor countryside", "the Syria–Iraq border"), ACLED-style "Town - Neighbourhood", the
exact matching key, then transliteration variants (places_loose; only within the document's
countries that the data cover village by village). A minor town of another country found by the
exact key yields to a variant in the document's own countries. Candidates are ranked by kind,
population and context; when the best two are far apart and close in rank, the answer falls
back to what they share (admin1, then country), or to nothing, never to a guessed point.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, ClassVar

from watchfloor.model import Precision
from watchfloor.resolve import places_areas, places_patterns
from watchfloor.resolve.places_data import (
    Place,
    PlaceRules,
    data_version,
    read_demonyms,
    read_facilities,
    read_places,
    read_rules,
)
from watchfloor.resolve.places_loose import TranslitIndex, loose_confidence
from watchfloor.resolve.places_match import PlaceContext, PlaceMatch
from watchfloor.resolve.places_names import distance_km, ending_variants, name_key
from watchfloor.resolve.places_rank import PlaceRanking
from watchfloor.resolve.places_towns import TownIndex
from watchfloor.resolve.places_votes import DocumentAreas, document_areas

__all__ = ["Gazetteer", "Place", "PlaceContext", "PlaceMatch"]

logger = logging.getLogger(__name__)

_REGION = frozenset({"SY", "IQ", "JO", "LB", "TR"})
_DENSE_LOCALITIES = 1000  # a country with this many villages in the data is densely covered
# An out-of-context town smaller than this (and no capital) is no reading of a name in a
# document about other countries: "Zir" in a Syrian report is not a Danish town's old name.
_MINOR_POPULATION = 100_000
_NEXT_DOOR_KM = 60.0  # a small town this near the story's places beats a country's name
_MAJOR = 100_000  # a city this large is what a variant spelling most likely means
_PART = re.compile(r"\s+[-–—]\s+")  # ACLED's "Baghdad - Mansour": town, then a part of it
_LEADING = re.compile(r"^(?:the|a)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")


def _centred(places: Iterable[Place], rules: PlaceRules) -> Iterator[Place]:
    """Countries at their surveyed centre where place_rules.yaml gives one."""
    for place in places:
        centre = rules.country_centres.get(place.country or "") if place.kind == "country" else None
        yield place if centre is None else place._replace(lat=centre[0], lon=centre[1])


def _near_any(place: Place, points: Iterable[tuple[float, float]], km: float = 150.0) -> bool:
    """True when the place lies within `km` of one of the points."""
    return any(distance_km(place.lat, place.lon, a, b) < km for a, b in points)


def _is_supported(place: Place, ctx: PlaceContext) -> bool:
    """True when the document names the place's admin area or a place near it."""
    in_area = bool(place.country and (place.country, place.admin1 or "") in ctx.admin1s)
    return in_area or _near_any(place, ctx.points)


class Gazetteer(PlaceRanking):
    """Regional and world places indexed by matching key; resolves names with context."""

    _cached: ClassVar[Gazetteer | None] = None

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
            self._by_country = None

    @classmethod
    def load(cls) -> Gazetteer:
        """The packaged gazetteer, loaded once per process."""
        if cls._cached is None:
            rules = read_rules()
            places = [
                *read_facilities(rules.articles),
                *read_places("gazetteer_places.tsv.gz"),
                *_centred(read_places("gazetteer_countries.tsv.gz"), rules),
            ]
            cls._cached = cls(places, rules, data_version(), read_demonyms())
            logger.info("gazetteer %s: %d places", cls._cached.version, len(places))
        return cls._cached

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

    # --- resolution -------------------------------------------------------------------

    def resolve(
        self, name: str, context: PlaceContext | None = None, *, hint: str | None = None
    ) -> PlaceMatch | None:
        """Resolve a place name in a document's context; None when nothing can be said.

        Args:
            name: the surface form ("al-Hasakah", "Deir al-Zour", "the road between A and B").
            context: countries, admin1s and points already seen in the document.
            hint: a type word read next to the name ("prison", "camp", "governorate").
        """
        context = context or PlaceContext()
        text = _POSSESSIVE.sub("", _LEADING.sub("", name.strip())).strip(" ,.;:")
        if not text:
            return None
        if not self.candidates(text):  # "West Asia region" is a name, not a description
            area = places_areas.resolve_description(self, text, context)
            if area is not None:
                return area
        parts = _PART.split(text)
        if len(parts) == 2 and all(parts) and not self.candidates(text):
            return self._resolve_part(parts[0], parts[1], context, hint)
        base, word_hint = places_areas.split_type_word(self, text)
        hint = hint or word_hint
        if hint is None and base.lower() in self.rules.not_places:
            return None  # "Sarin" is the nerve agent
        if context.countries - _REGION:
            self.load_world()  # the document is about somewhere beyond the region
        cands = self._exact(text, base, hint)
        if not cands and not self._has_world:
            self.load_world()
            cands = self._exact(text, base, hint)
        cands += self._small_towns(text, base, cands, context, hint)
        if cands and self._is_stopped(base) and not self._has_support(cands, context, hint):
            return None
        # A spelling variant at home, or nothing, beats a small town abroad.
        cands = [p for p in cands if not self._is_foreign_minor(p, context)]
        if context.within is not None and (hint is None or hint == "town"):
            inside = self._inside(cands, base, context)
            if inside:
                return inside
            country, admin1 = context.within
            unit = self.admin1_place(country, admin1)
            if unit is not None and not any(p.admin1 == admin1 for p in cands):
                # The text puts the name in an area where no place of that name is known:
                # the area itself, not a namesake elsewhere ("Zir town in Deir ez-Zor").
                note = f"no {base!r} known inside {admin1}, as the text says: its governorate"
                return self._match(unit, 0.5, note)
        home = context.countries & self.dense
        if cands and home and not any(p.country in context.countries for p in cands):
            # A Syria story's "Saida town" is a Syrian village spelt another way, not the
            # Algerian city: a variant at home beats a foreign non-capital namesake.
            similar = self._loose_candidates(base, context)
            if similar and not self._is_stopped(base):
                key = self.key(base)
                cands = [
                    p
                    for p in cands
                    if not p.is_town
                    or p.feature == "PPLC"
                    or p.population >= _MINOR_POPULATION
                    or self._preferred.get(key) == p.id
                ]
                if not cands:
                    return self._loose_choice(similar, base, context, hint)
        if text.isupper() and len(self.key(base)) <= 4:
            # An acronym ("JWS", "SDF") names a town only through a curated short form.
            cands = [p for p in cands if not p.is_town or self._preferred.get(self.key(base))]
        if cands and hint in {None, "town"} and all(p.population < 1000 for p in cands):
            cands += self._major_variants(base, cands)
        if cands:
            return self._choose(cands, context, hint, 0.95, self.key(base))
        demonym = self._demonym(base)
        if demonym is not None or self._is_stopped(base):
            return demonym  # a stop-listed word ("Deir") has no spelling variants either
        similar = self._loose_candidates(base, context)
        if not similar:
            return None
        return self._loose_choice(similar, base, context, hint)

    def _inside(self, cands: list[Place], base: str, context: PlaceContext) -> PlaceMatch | None:
        """The reading inside the admin area a cue names ("X town in Y countryside"): an exact
        namesake there, else a spelling variant there; None leaves the usual ranking."""
        assert context.within is not None
        country, admin1 = context.within
        there = [p for p in cands if p.country == country and p.admin1 == admin1 and p.is_town]
        note = f"inside {admin1}, as the text says"
        if there:
            match = self._choose(there, context, "town", 0.95, self.key(base))
            return replace(match, note=f"{note}; {match.note}".strip("; ")) if match else None
        if self._is_stopped(base):
            return None
        similar = {
            p: sim
            for p, sim in self._loose_candidates(base, context).items()
            if p.country == country and p.admin1 == admin1 and p.is_town
        }
        if not similar:
            return None
        match = self._loose_choice(similar, base, context, "town")
        return replace(match, note=f"{note} (spelling variant)") if match else None

    def _loose_choice(
        self, similar: dict[Place, float], base: str, context: PlaceContext, hint: str | None
    ) -> PlaceMatch | None:
        """The best of the spelling variants: 10 points of similarity weigh a rank step."""
        bonus = {p.id: (sim - 100.0) / 10.0 for p, sim in similar.items()}
        confidence = loose_confidence(max(similar.values()))
        return self._choose(list(similar), context, hint, confidence, self.key(base), bonus)

    def _resolve_part(
        self, town: str, part: str, context: PlaceContext, hint: str | None
    ) -> PlaceMatch | None:
        """ "Town - Part": the part when it lies by the town, else the town itself."""
        whole = self.resolve(town, context, hint=hint)
        words = part.lower().removeprefix("military ").strip()
        if words in self.rules.type_words:  # "Menagh - Military Airbase"
            return self.resolve(f"{town} {words}", context, hint=hint) or whole
        inner = self.resolve(part, context.with_match(whole) if whole else context, hint=hint)
        if inner is None or inner.lat is None or inner.lon is None:
            return whole
        if whole is None or whole.lat is None or whole.lon is None:
            return inner
        return inner if distance_km(inner.lat, inner.lon, whole.lat, whole.lon) < 30 else whole

    def demonym_of(self, name: str) -> PlaceMatch | None:
        """The country a demonym names ("Russians" -> Russia), or None."""
        return self._demonym(name)

    def _demonym(self, name: str) -> PlaceMatch | None:
        """ "Russian(s)" read as a place is Russia: the country, at a lower score."""
        key = self.key(name)
        code = self.demonyms.get(key) or self.demonyms.get(key.removesuffix("s"))
        country = self.places.get(f"cc-{code.lower()}") if code else None
        if country is None:
            return None
        return PlaceMatch.of(country, 0.6, f"demonym: the people of {country.name}")

    def _is_foreign_minor(self, place: Place, ctx: PlaceContext) -> bool:
        """True for a small world-file town of a country the document does not name, in a
        document about densely covered countries.

        Only world-file towns yield: a village of the dense data stays a candidate, because a
        document's countries come from its other names, which may themselves be misread.
        """
        home = (ctx.countries | ctx.focus) & self.dense
        if not home:
            return False
        return (
            place.country not in ctx.countries
            and place.kind == "city"
            and place.country not in self.dense
            and place.population < _MINOR_POPULATION
            and not place.feature.startswith("PPLC")
        )

    def _small_towns(
        self, text: str, base: str, found: list[Place], ctx: PlaceContext, hint: str | None
    ) -> list[Place]:
        """Towns of 500 to 15,000 people (world layer) sharing the key: those in an admin area
        the document names or near its other places always ("Mansfield" in a Louisiana story,
        "Jordan" in a Minnesota one); the others only when the larger places found are not in
        the document's countries, or lie far from all its other places ("Pineville" in a
        Louisiana story with no Pineville near its places)."""
        if hint not in {None, "town"} or not (self._has_world or not found):
            return []
        towns = [p for p in self.small_towns(text, base) if p not in found]
        if any(p.kind in {"country", "admin1"} for p in found):
            # A country or a state is what such a name means, unless the story's other places
            # lie right by the town: "Jordan" with Robbinsdale, Minnesota.
            return [p for p in towns if _near_any(p, ctx.points, _NEXT_DOOR_KM)]
        supported = [p for p in towns if _is_supported(p, ctx)]
        if supported and not any(_is_supported(p, ctx) for p in found):
            return supported
        home = [p for p in found if p.country in ctx.countries]
        if home and (not ctx.points or any(_near_any(p, ctx.points) for p in home)):
            # A namesake in the story's countries (near its other places, when it has any):
            # "Berlin" in an Ohio story with no Berlin near its places may be a small town.
            return []
        if any(not p.is_town for p in found) or (found and not ctx.countries):
            return []  # an area or a country of that name; a larger town with no context
        return towns

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

    def _exact(self, text: str, base: str, hint: str | None) -> list[Place]:
        """Exact-key candidates of the text, else of its base name; "camps like al-Hol" also
        tries "al-Hol camp" so a facility named with its type word is found."""
        found = self.candidates(text) or (self.candidates(base) if base != text else [])
        if hint and hint not in {"town", "admin1", "admin2", "admin3"}:
            found += [
                p for p in self.candidates(f"{base} {hint.replace('_', ' ')}") if p not in found
            ]
        return found

    def lookup(self, name: str, country: str | None = None) -> PlaceMatch | None:
        """Public look-up of one name or alias ("Hasakah", "al-Hol camp", "Paris"), optionally
        within a country (ISO alpha-2): what a `--near NAME` option or a desk form needs."""
        countries = frozenset({country.upper()}) if country else frozenset()
        return self.resolve(name, PlaceContext(countries=countries, focus=countries))

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

    def _has_support(self, cands: list[Place], ctx: PlaceContext, hint: str | None) -> bool:
        """A stop-listed name counts only with a type word or in a country already named."""
        return hint is not None or any(p.country in ctx.countries for p in cands)

    def _major_variants(self, base: str, found: list[Place]) -> list[Place]:
        """Cities of 100,000+ in the densely covered countries that are a spelling variant of
        a name whose exact namesakes are all villages: "Nassriya city" is an-Nasiriyah, not a
        hamlet of the same spelling."""
        if self._is_stopped(base) or not any(p.country in self.dense for p in found):
            return []
        if self._translit is None:
            self._translit = TranslitIndex(self.places.values(), self.dense)
        similar = self._translit.matches(self.key(base), self.dense)
        return [
            p for p, sim in similar.items() if p.is_town and p.population >= _MAJOR and sim >= 85
        ]

    def _loose_candidates(self, name: str, ctx: PlaceContext) -> dict[Place, float]:
        """Transliteration variants of a name in the document's densely covered countries."""
        countries = (ctx.countries | ctx.focus) & self.dense
        if not countries:
            return {}
        if self._translit is None:
            self._translit = TranslitIndex(self.places.values(), self.dense)
        return self._translit.matches(self.key(name), countries)

    # --- lazy indexes used by fallbacks and areas ---------------------------------------

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
