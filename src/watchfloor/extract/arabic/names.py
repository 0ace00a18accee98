"""Arabic names of places, facilities and actors, matched on normalised words with clitics off.

The index holds every Arabic name of the gazetteer (its places carry GeoNames, WOF and OCHA
Arabic names) and of `data/names_ar.yaml` (catalogue actors, facilities, places the gazetteer
lacks). A name's first word is keyed without its article, and a text word is tried as written,
then without the proclitics و ف ب ل ك and the article (`strip_clitics`), so "وبالحسكة" finds
"الحسكة". The longest name starting at a word wins; where a key names several gazetteer places,
the regional, most important one is kept (a town of some size, then the governorate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from watchfloor.extract.arabic.lexicon import load_names
from watchfloor.extract.arabic.normalise import is_arabic, normalise, strip_clitics
from watchfloor.extract.arabic.tokens import Tok

if TYPE_CHECKING:
    from watchfloor.extract.resources import Resources
    from watchfloor.resolve.places_data import Place

__all__ = ["NameHit", "NameIndex", "name_key"]

# Words before a town's name: "مدينة إدلب" is the city, not the governorate of that name.
TOWN_CUES = frozenset(normalise(w) for w in ("مدينة", "بلدة", "قرية"))

# Words that name a kind of place: a one-word minor place (a village) is read only after one.
PLACE_CUES = frozenset(
    normalise(w)
    for w in ("قرية", "قرى", "بلدة", "بلدات", "مدينة", "ناحية", "حي", "منطقة", "مزرعة", "ريف")
)

_REGION = frozenset({"SY", "IQ"})
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
