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
population and context (places_rank; the context includes the area all of a document's names
agree on, places_votes); when the best two are far apart and close in rank, the answer falls
back to what they share (admin1, then country), or to nothing, never to a guessed point. The
data and its indexes live in places_store.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import ClassVar

from watchfloor.resolve import places_areas
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
from watchfloor.resolve.places_names import distance_km
from watchfloor.resolve.places_rank import PlaceRanking, near_any
from watchfloor.resolve.places_store import PlaceStore
from watchfloor.resolve.places_towns import TownIndex

__all__ = ["Gazetteer", "Place", "PlaceContext", "PlaceMatch"]

logger = logging.getLogger(__name__)

_REGION = frozenset({"SY", "IQ", "JO", "LB", "TR"})
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


def _is_supported(place: Place, ctx: PlaceContext) -> bool:
    """True when the document names the place's admin area or a place near it."""
    in_area = bool(place.country and (place.country, place.admin1 or "") in ctx.admin1s)
    return in_area or near_any(place, ctx.points)


class Gazetteer(PlaceStore, PlaceRanking):
    """Regional and world places indexed by matching key; resolves names with context."""

    _cached: ClassVar[Gazetteer | None] = None

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
        text = _POSSESSIVE.sub("", name.strip()).strip(" ,.;:")
        if _LEADING.match(text) and not self.candidates(text):
            text = _LEADING.sub("", text)  # "the Euphrates"; but "The Hague" is the name
        if not text:
            return None
        if not self.candidates(text) and not self._town_named(text):
            # "West Asia region" is a description, "East Bank" (West Virginia) a town's name
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
            return self._choose(cands, context, hint, 0.95, self.key(base), surface=text)
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

    def _town_named(self, text: str) -> bool:
        """True when a town of the small-town layer bears exactly this name."""
        if self._towns is None:
            self._towns = TownIndex.load()
        return bool(self._towns.lookup(self.key(text)))

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
        if any(p.kind == "admin1" for p in found):
            return []  # "Kansas" is the state, not the towns named after it
        if any(p.kind == "country" for p in found):
            # A country is what such a name means, unless the story's other places lie right
            # by the town, or all lie in its area and name no other country: "Jordan" in a
            # Minnesota story.
            return [
                p
                for p in towns
                if near_any(p, ctx.points, _NEXT_DOOR_KM)
                or (len(ctx.countries) == 1 and _is_supported(p, ctx))
            ]
        supported = [p for p in towns if _is_supported(p, ctx)]
        if supported and not any(_is_supported(p, ctx) for p in found):
            return supported
        home = [p for p in found if p.country in ctx.countries]
        if home and (not ctx.points or any(near_any(p, ctx.points) for p in home)):
            # A namesake in the story's countries (near its other places, when it has any):
            # "Berlin" in an Ohio story with no Berlin near its places may be a small town.
            return []
        if any(not p.is_town for p in found) or (found and not ctx.countries):
            return []  # an area or a country of that name; a larger town with no context
        return towns

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
