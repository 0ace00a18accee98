"""Arabic names of places, facilities and actors, matched on normalised words with clitics off.

The index holds every Arabic name of the gazetteer (its places carry GeoNames, WOF and OCHA
Arabic names), of `data/world_ar.tsv` (countries, continents and world cities, built from CLDR
and GeoNames by scripts/build_arabic_places.py; a regional name of the same key wins) and of
`data/names_ar.yaml` (catalogue actors, facilities, places the gazetteer lacks). A name's
first word is keyed without its article, and a text word is tried as written,
then without the proclitics و ف ب ل ك and the article (`strip_clitics`), so "وبالحسكة" finds
"الحسكة". The longest name starting at a word wins; where a key names several gazetteer places,
the regional, most important one is kept (a town of some size, then the governorate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from typing import TYPE_CHECKING

from watchfloor.extract.arabic.lexicon import load_names
from watchfloor.extract.arabic.normalise import is_arabic, normalise, strip_clitics
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import Precision
from watchfloor.resolve.places_data import KIND_PRECISION, Place

if TYPE_CHECKING:
    from watchfloor.extract.resources import Resources

__all__ = ["NameHit", "NameIndex", "name_key"]

# Words before a town's name: "مدينة إدلب" is the city, not the governorate of that name.
TOWN_CUES = frozenset(normalise(w) for w in ("مدينة", "بلدة", "قرية"))

# Words that name a kind of place: a one-word minor place (a village) is read only after one.
PLACE_CUES = frozenset(
    normalise(w)
    for w in ("قرية", "قرى", "بلدة", "بلدات", "مدينة", "ناحية", "حي", "منطقة", "مزرعة", "ريف")
)

# Words before a place: a one-word city abroad whose name is also a word ("سيول" floods and
# Seoul, "رالي" rally and Raleigh) is read after one of these or a clitic ب/ل ("بطهران").
PLACE_PREPOSITIONS = frozenset(
    normalise(w)
    for w in ("في", "من", "إلى", "الى", "عن", "قرب", "نحو", "حول", "داخل", "خارج", "عبر", "بين",
              "عاصمة", "العاصمة", "أنحاء", "ضواحي", "شوارع", "سكان", "أهالي")
)  # fmt: skip


def _has_preposition(word: str, reading: str) -> bool:
    """Whether the proclitics taken off a word to get this reading hold ب or ل (not the article)."""
    prefix = word[: len(word) - len(reading)]
    prefix = prefix.removesuffix("ال")
    return "ب" in prefix or "ل" in prefix


def _had_article(word: str, reading: str) -> bool:
    """Whether the article was taken off a word to get this reading ("السيول" → "سيول")."""
    prefix = word[: len(word) - len(reading)]
    return prefix.endswith("ال") or (prefix.endswith("ل") and "لل" in word[: len(prefix) + 1])


_REGION = frozenset({"SY", "IQ"})
WORLD_FILE = "world_ar.tsv"
# A world city of fewer people than this, named in one word, is read only after a place word
# ("مدينة"): small towns abroad share their names with common words more than cities do.
_WORLD_MINOR = 100_000


@cache
def world_places() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """The places of `data/world_ar.tsv`, each with its Arabic names."""
    path = package_files.files("watchfloor.extract.arabic") / "data" / WORLD_FILE
    out = []
    for line in path.read_text("utf-8").splitlines()[2:]:
        ident, kind, name, lat, lon, country, admin1, feature, population, names = line.split("\t")
        precision = KIND_PRECISION.get(kind, Precision.REGION)
        arabic = tuple(n for n in names.split("|") if n)
        place = Place(
            ident, name, kind, float(lat), float(lon), country or None, admin1 or None, None,
            feature, int(float(population or 0)), precision, arabic, (),
        )  # fmt: skip
        out.append((place, arabic))
    return tuple(out)


_MIN_KEY = 3  # a one-word name shorter than this after stripping is never matched
_MAX_WORDS = 6


def name_key(words: Sequence[str]) -> str:
    """The index key of a normalised name: its first word without the article."""
    first = words[0]
    if first.startswith("ال") and len(first) > 3:
        first = first[2:]
    return " ".join((first, *words[1:]))


@dataclass(frozen=True, slots=True)
class NameHit:
    """A name found in a run of tokens: token span, what it names and how it was read."""

    first: int  # index of the first token
    last: int  # index after the last token
    kind: str  # "actor" or "place"
    ident: str  # catalogue id or gazetteer place id


def _place_rank(place: Place) -> tuple[int, int, int]:
    regional = 1 if place.country in _REGION else 0
    if place.kind == "facility":
        level = 5
    elif place.kind == "country":
        level = 4
    elif place.is_town and place.population >= 5000:
        level = 3
    elif place.kind == "admin1":
        level = 2
    elif place.kind in ("admin2", "admin3"):
        level = 1
    else:
        level = 0
    return regional, level, place.population


class NameIndex:
    """Normalised Arabic name → (kind, id), from the gazetteer and `names_ar.yaml`."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        by_key: dict[str, list[Place]] = defaultdict(list)
        with_article: dict[str, bool] = {}
        for place in resources.gazetteer.places.values():
            for name in place.names:
                if is_arabic(name):
                    words = normalise(name).split()
                    if words:
                        key = name_key(words)
                        by_key[key].append(place)
                        has = words[0].startswith("ال")
                        with_article[key] = with_article.get(key, False) or has
        world: dict[str, list[Place]] = defaultdict(list)
        self._world: dict[str, Place] = {}
        for place, arabic in world_places():
            self._world[place.id] = place
            for name in arabic:
                words = normalise(name).split()
                key = name_key(words)
                world[key].append(place)
                has = words[0].startswith("ال")
                with_article[key] = with_article.get(key, False) or has
        names = load_names()
        person = frozenset(name_key([w]) for w in names["person_words"].get("words", ()) if w)
        stop = frozenset(name_key(w.split()) for w in names["not_places"].get("words", ()) if w)
        self._index: dict[str, tuple[str, str]] = {}
        self._minor: set[str] = set()  # one-word keys of villages: read only after a cue
        self._towns: dict[str, str] = {}  # key -> the best town of that name, after "مدينة"
        for key, places in by_key.items():
            if key in stop:
                continue
            best = max(places, key=_place_rank)
            towns = [p for p in places if p.is_town]
            if towns:
                town = max(towns, key=_place_rank)
                self._towns[key] = town.id
                if key.split()[0] in TOWN_CUES:  # "مدينة إدلب" names the town
                    best = town
            self._index[key] = ("place", best.id)
            if (" " not in key and _place_rank(best)[1] == 0) or key.split()[0] in person:
                self._minor.add(key)
        self._abroad: set[str] = set()  # one-word keys of cities abroad: read in a place context
        # World names never written with the article: "السيول" (the floods) is not Seoul.
        self._bare_world = frozenset(k for k in world if k not in by_key and not with_article[k])
        for key, places in world.items():
            if key in stop:
                continue
            best = max(places, key=_place_rank)
            large = not best.is_town or best.is_seat or best.population >= _WORLD_MINOR
            if key in self._index and not (key in self._minor and large):
                continue  # a regional name wins, unless it is a village and this a city
            self._index[key] = ("place", best.id)
            self._minor.discard(key)
            if " " in key or not best.is_town or best.feature.startswith("PPLC"):
                continue
            (self._abroad if large else self._minor).add(key)
        for section, kind in (("facilities", "place"), ("places", "place"), ("actors", "actor")):
            for ident, aliases in names[section].items():
                for alias in aliases:
                    words = normalise(alias).split()
                    if words:
                        key = name_key(words)
                        self._index[key] = (kind, ident)
                        self._minor.discard(key)
                        with_article[key] = words[0].startswith("ال")
        self._index = {k: v for k, v in self._index.items() if len(k) >= _MIN_KEY}
        self._article = frozenset(k for k, has in with_article.items() if has)

    def place(self, ident: str) -> Place | None:
        """The place an index entry names: a gazetteer place, else a world place of the file."""
        return self.resources.gazetteer.get(ident) or self._world.get(ident)

    def __contains__(self, key: str) -> bool:
        return key in self._index

    def find(self, toks: Sequence[Tok], lo: int = 0, hi: int | None = None) -> list[NameHit]:
        """Every name in toks[lo:hi], longest first at each word, left to right."""
        hi = len(toks) if hi is None else hi
        hits: list[NameHit] = []
        index = self._index
        i = lo
        while i < hi:
            hit = None
            word = toks[i].norm
            for reading in strip_clitics(word):
                first = name_key([reading])
                # A name written with its article keeps it after a clitic ("والرقة"): "فرقه"
                # (his teams) is no ف + "رقة".
                bare = reading != word and not reading.startswith("ال")
                for length in range(min(_MAX_WORDS, hi - i), 0, -1):
                    rest = [t.norm for t in toks[i + 1 : i + length]]
                    key = " ".join((first, *rest))
                    found = index.get(key)
                    if found is not None and bare and key in self._article:
                        found = None
                    cue = strip_clitics(toks[i - 1].norm)[-1] if i > lo else ""
                    if found is not None and key in self._minor and cue not in PLACE_CUES:
                        found = None
                    if (
                        found is not None
                        and key in self._bare_world
                        and (reading.startswith("ال") or _had_article(word, reading))
                    ):
                        found = None
                    if (
                        found is not None
                        and key in self._abroad
                        and cue not in PLACE_CUES
                        and cue not in PLACE_PREPOSITIONS
                        and not _has_preposition(word, reading)
                    ):
                        found = None
                    if found is not None and cue in TOWN_CUES and key in self._towns:
                        found = ("place", self._towns[key])
                    rest_key = name_key(key.split()[1:]) if first in TOWN_CUES and rest else ""
                    if found is not None and rest_key in self._towns:
                        found = ("place", self._towns[rest_key])
                    if found is not None:
                        hit = NameHit(i, i + length, found[0], found[1])
                        break
                if hit is not None:
                    break
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.last
        return hits
