"""Ranking the candidates of a place name in a document's context, and saying why one won.

The ranks add up evidence: what kind of place it is, its population and seat, whether the
name is its main one or a curated spelling, the countries and admin areas the document names,
the distance to the document's other places, the story's focus and a type word. Each part
keeps its reason, so an answer can say why it beat its best rival. A near tie between
far-apart readings falls back to what they share; a governorate of the densely covered
countries is given its capital's point (ACLED's convention) at governorate precision.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import replace

from watchfloor.resolve.places_data import Place, PlaceRules
from watchfloor.resolve.places_match import PlaceContext, PlaceMatch
from watchfloor.resolve.places_names import distance_km

__all__ = ["PlaceRanking", "near_any"]

# Rank of a bare name by what it names: news say "Iraq" and "Raqqa" (the city) far more often
# than they name a village; admin units are areas, so their population does not count.
_PRIOR = {
    "country": 5.0,
    "facility": 3.5,
    "admin1": 2.6,
    "admin2": 1.6,
    "admin3": 1.2,
    "city": 0.8,
    "locality": 0.8,
}
_RIVAL_KM = 50.0  # two candidates farther apart than this are different places
_RIVAL_MARGIN = 0.6  # a rival this close in rank makes the answer uncertain
_SEAT_KM = 60.0  # a district's seat lies this near the district's point, or it is a namesake
_TIE_MARGIN = 0.25  # ... and this close (a population factor of three) makes it ambiguous
_SPELLED = 0.3  # a candidate spelled exactly as written beats an equal one the key folded


def near_any(place: Place, points: Iterable[tuple[float, float]], km: float = 150.0) -> bool:
    """True when the place lies within `km` of one of the points."""
    return any(distance_km(place.lat, place.lon, a, b) < km for a, b in points)


def _literal(name: str) -> str:
    """A name's letters and digits, lower-cased: its spelling as written."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _in_named_area(place: Place, ctx: PlaceContext) -> bool:
    """True when the place lies in a first-level area the document names or agrees on."""
    return bool(place.country) and (place.country, place.admin1 or "") in ctx.admin1s


class PlaceRanking(ABC):
    """Ranking, choice and fallback: the Gazetteer's base, which provides the indexes below."""

    rules: PlaceRules
    places: dict[str, Place]
    dense: frozenset[str]
    _preferred: dict[str, str]
    _extra_why: dict[str, str]
    _capitals: dict[str, Place | None]
    _small_ids: set[str]

    @abstractmethod
    def key(self, name: str) -> str:
        """The matching key of a name (the Gazetteer's index key)."""

    @abstractmethod
    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """The gazetteer entry of a first-level admin area."""

    @abstractmethod
    def places_in(self, country: str, admin1: str | None = None) -> list[Place]:
        """The populated places of a country, or of one of its admin1 areas."""

    def _rank(self, place: Place, ctx: PlaceContext, hint: str | None, key: str) -> float:
        """How likely this candidate is what the document means."""
        return sum(weight for weight, _ in self._rank_parts(place, ctx, hint, key))

    def _rank_parts(
        self, place: Place, ctx: PlaceContext, hint: str | None, key: str
    ) -> list[tuple[float, str]]:
        """The rank of a candidate as (weight, reason) parts, so an answer can say why it won."""
        parts = [(_PRIOR.get(place.kind, 0.5), place.kind)]
        if place.kind == "admin1" and not ({place.country} | ctx.countries) & self.dense:
            # "Ontario", "Oregon", "Virginia": a state or province is what the bare name means
            # more often than a city of a few hundred thousand named after it. (In the densely
            # covered countries a governorate named alone is read at its capital anyway, and
            # their stories' names are read by the regional rules.)
            parts.append((1.0, "first-level area"))
        if place.is_town:
            # Population separates Paris (France) from Paris (Texas): a factor of ten is worth
            # half a rank step, enough to pass the ambiguity margin only with other evidence.
            parts.append((math.log10(place.population + 1) / 2, f"population {place.population}"))
            if place.feature.startswith("PPLC") and not ctx.countries & self.dense:
                # A national capital is what its name means in most news ("Washington"); in
                # a story about the densely covered countries the regional rules decide.
                parts.append((1.0, "national capital"))
            elif place.is_seat:
                parts.append((0.5, "admin seat"))
        if self.key(place.name) == key:
            parts.append((0.5, "main name"))  # beats an old or foreign alternate name
        if self._preferred.get(key) == place.id:
            parts.append((1.5, "curated spelling"))
        # What the document says outweighs what is generally likely: a country and admin1
        # already named plus a nearby place beat a larger namesake elsewhere.
        if place.country in ctx.countries:
            parts.append((1.5, f"country {place.country} named"))
        if place.country and (place.country, place.admin1 or "") in ctx.admin1s:
            parts.append((1.0, f"in {place.admin1}, named"))
        if ctx.points:
            nearest = min(distance_km(place.lat, place.lon, a, b) for a, b in ctx.points)
            if nearest < 150:
                near = 1.5 if nearest < 50 else 0.75
                parts.append((near, f"{nearest:.0f} km from another place named"))
            elif nearest > 500 and place.is_town:
                parts.append((-1.0, f"{nearest:.0f} km from the story's other places"))
        home = ctx.countries & self.dense
        capital = place.feature.startswith("PPLC")
        local = place.is_town or place.kind in {"admin1", "admin2", "admin3"}
        if home and local and place.country not in ctx.countries and not capital:
            # Story focus: a Syria story's "Hamra" is in Syria, not a larger namesake abroad.
            parts.append((-2.0, "outside the story's countries"))
        if place.country in ctx.focus:
            parts.append((0.5, "story focus"))
        if hint:
            if place.facility_kind == hint or place.kind == hint:
                parts.append((3.0, f"type word {hint}"))
            elif hint == "town" and place.is_town:
                parts.append((1.0, "type word town"))
        return parts

    def _why(
        self, top: Place, rival: Place | None, ctx: PlaceContext, hint: str | None, key: str
    ) -> str:
        """Why `top` beat its best rival: the parts of its rank the rival lacks."""
        if rival is None:
            return "only candidate"
        mine = self._rank_parts(top, ctx, hint, key)
        theirs = {reason.split(" ")[0] for _, reason in self._rank_parts(rival, ctx, hint, key)}
        edge = [r for w, r in mine if r.split(" ")[0] not in theirs or r.startswith("pop")]
        if top.id in self._extra_why:
            edge.append(self._extra_why.pop(top.id))
        where = rival.country or "?"
        return f"beat {rival.name} ({where}, {rival.kind}): " + (", ".join(edge) or "rank")

    def _choose(
        self,
        cands: list[Place],
        ctx: PlaceContext,
        hint: str | None,
        confidence: float,
        key: str,
        bonus: dict[str, float] | None = None,
        surface: str = "",
    ) -> PlaceMatch | None:
        """The best candidate, or a coarser fallback when the best two tie.

        A rival close in rank (within _RIVAL_MARGIN) lowers the score and is named in the
        note; only a near tie (within _TIE_MARGIN: equal evidence, similar population) falls
        back to what the readings share.
        """
        extra = dict(bonus or {})
        self._extra_why.clear()
        spelled = [
            p
            for p in cands
            if p.country not in self.dense and _literal(p.name) == _literal(surface)
        ]
        if spelled and any(_literal(p.name) != _literal(surface) for p in cands):
            # The matching key folds doubled letters: "Cooke County" is not "Coke County". (Not
            # in the densely covered countries, whose names are all transliterations.)
            for p in spelled:
                extra[p.id] = extra.get(p.id, 0.0) + _SPELLED
                self._extra_why[p.id] = "spelled as written"
        named = {p.country for p in cands if p.kind == "country" and p.country in ctx.countries}
        if any(p.kind == "country" and p.country not in ctx.countries for p in cands):
            # "Georgia" in a story about the US is the state: an area of a country the document
            # names beats a country it does not otherwise name.
            for p in cands:
                if p.country not in ctx.countries - named:
                    continue
                if p.kind in {"admin1", "admin2"}:
                    extra[p.id] = extra.get(p.id, 0.0) + 3.0
                    self._extra_why[p.id] = "an area of a country named beats a country not"
                elif p.is_town and near_any(p, ctx.points):
                    # "Jordan" in a Minnesota story is the town among the story's places.
                    extra[p.id] = extra.get(p.id, 0.0) + 3.0
                    self._extra_why[p.id] = "a town among the story's places beats a country"
                elif p.is_town and len(ctx.countries) == 1 and _in_named_area(p, ctx):
                    # "Lebanon" in a story whose places all lie in Indiana, and which names
                    # no country but the US, is the town in Indiana.
                    extra[p.id] = extra.get(p.id, 0.0) + 3.0
                    self._extra_why[p.id] = "a town in the story's only area beats a country"
        ranked = sorted(
            (
                (self._rank(p, ctx, hint, key) + extra.get(p.id, 0.0), p)
                for p in dict.fromkeys(cands)
            ),
            # Ranks sum floats over sets, whose order follows PYTHONHASHSEED: round before
            # comparing so equal ranks tie and the id decides, the same in every process.
            key=lambda rp: (-round(rp[0], 9), rp[1].id),
        )
        top_rank, top = ranked[0]
        rivals = [
            (top_rank - r, p)
            for r, p in ranked[1:]
            if top_rank - r < _RIVAL_MARGIN
            and not self._contains(p, top)
            and distance_km(p.lat, p.lon, top.lat, top.lon) > _RIVAL_KM
        ]
        if any(gap < _TIE_MARGIN for gap, _ in rivals):
            return self._fallback(top, [p for _, p in rivals], confidence)
        if len(ranked) > 1:
            margin = top_rank - ranked[1][0]
            runner = rivals[0][1] if rivals else ranked[1][1]
            note = self._why(top, runner, ctx, hint, key)
        else:
            margin, note = 2.0, ""
        if top.id in self._small_ids and not ctx.countries:
            # A town of a few thousand people read with no document context is a guess: it
            # must not become the context in which the document's other names are read.
            confidence = min(confidence, 0.6)
            note = f"{note}; small town, no context".strip("; ")
        return self._match(top, confidence * (0.75 + min(margin, 2.0) / 8), note)

    def _match(self, place: Place, score: float, note: str = "") -> PlaceMatch:
        """A match at the place's point; a governorate of the densely covered countries gets
        its capital's point (ACLED's convention for geo_precision 3) at governorate precision."""
        match = PlaceMatch.of(place, score, note)
        if place.kind == "admin1":
            seat, what = self.capital(place), "capital"
        elif place.kind == "admin2":
            seat, what = self.district_seat(place), "seat"
        else:
            seat, what = None, ""
        if seat is None:
            return match
        where = f"point: its {what} {seat.name}"
        return replace(
            match, lat=seat.lat, lon=seat.lon, note=f"{note}; {where}" if note else where
        )

    def capital(self, unit: Place) -> Place | None:
        """The capital of a governorate of the densely covered countries: the town
        place_rules.yaml names, else the largest town bearing the unit's name, else its
        largest town; None elsewhere or when unknown."""
        if unit.country not in self.dense or not unit.admin1:
            return None
        if unit.id not in self._capitals:
            curated = self.rules.capitals.get(unit.country, {}).get(unit.name)
            within = None if curated else unit.admin1  # Damascus is not in Rif Dimashq
            towns = [p for p in self.places_in(unit.country, within) if p.population > 0]
            keys = {self.key(curated)} if curated else set(unit.keys)
            named = [p for p in towns if set(p.keys) & keys]
            pool = named or towns
            self._capitals[unit.id] = max(pool, key=lambda p: (p.population, p.id), default=None)
        return self._capitals[unit.id]

    def district_seat(self, unit: Place) -> Place | None:
        """The seat of a district of the densely covered countries (ACLED codes a district
        named alone at its seat town, geo_precision 2): an admin seat (PPLA*) of the same
        governorate bearing the district's name and lying near its centre; None otherwise."""
        if unit.country not in self.dense or not unit.admin1:
            return None
        if unit.id not in self._capitals:
            keys = set(unit.keys)
            seats = [
                p
                for p in self.places_in(unit.country, unit.admin1)
                if p.is_seat
                and set(p.keys) & keys
                and distance_km(unit.lat, unit.lon, p.lat, p.lon) <= _SEAT_KM
            ]
            self._capitals[unit.id] = min(
                seats, key=lambda p: (p.feature != "PPLA2", -p.population, p.id), default=None
            )
        return self._capitals[unit.id]

    @staticmethod
    def _contains(area: Place, place: Place) -> bool:
        """True when `area` is an admin unit the place lies in (not a rival to it)."""
        if area.kind == "country":
            return area.country == place.country
        if area.kind in {"admin1", "admin2", "admin3"}:
            return area.country == place.country and area.admin1 == place.admin1
        return False

    def _fallback(self, top: Place, rivals: list[Place], confidence: float) -> PlaceMatch | None:
        """What every reading agrees on: the shared admin1; in the densely covered countries,
        whose villages share names by the hundred, the shared country, else None. Elsewhere
        namesakes are towns of different states or countries, and a country point is no
        reading of any of them: the best-ranked one, at a low score that names its rival."""
        group = [top, *rivals]
        countries = {p.country for p in group}
        admin1s = {p.admin1 for p in group}
        if len(countries) == 1 and len(admin1s) == 1 and top.admin1 and top.country:
            unit = self.admin1_place(top.country, top.admin1)
            if unit is not None:
                note = f"ambiguous ({len(group)} places named {top.name!r}): its governorate"
                return self._match(unit, confidence * 0.55, note)
        if not countries & self.dense:
            rival = rivals[0]
            where = ", ".join(x for x in (rival.admin1, rival.country) if x)
            note = f"ambiguous: also {rival.name} ({where}); the best-ranked reading"
            return self._match(top, confidence * 0.5, note)
        if len(countries) == 1 and top.country:
            country = self.places.get(f"cc-{top.country.lower()}")
            if country is not None:
                note = f"ambiguous ({len(group)} places named {top.name!r}): its country"
                return PlaceMatch.of(country, confidence * 0.4, note)
        return None
