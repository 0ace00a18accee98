"""Spelling-variant matching: a name the exact key misses, read as a transliteration variant.

Arabic place names reach English text through several transliteration systems (OCHA's
"Rmelan", GeoNames' "Rumaylan"; "Basira" and "Busayrah"). A name the exact key does not find is
compared, by rapidfuzz ratio on `translit_key` (consonant digraphs folded, vowels reduced to
three classes), with the names of the document's countries. Only countries the gazetteer
covers village by village are searched: there a miss is most likely a spelling variant, while
in a country known only by its larger cities it is most likely a place the data lack, and the
nearest spelling would be a wrong town.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from watchfloor.resolve.places_names import skeleton_key, translit_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from watchfloor.resolve.places_data import Place

__all__ = ["SIMILAR", "TranslitIndex", "loose_confidence"]

SIMILAR = 75.0  # least similarity (0..100) of two spellings sharing a consonant skeleton
_SIMILAR_ALONE = 85.0  # without a shared skeleton the spellings must be closer
_MIN_KEY = 4  # shorter names have too many near neighbours to guess between
_LIMIT = 25
_REMEMBER = 20_000  # remembered answers before the memory is cleared


def loose_confidence(similarity: float) -> float:
    """The confidence of a variant match: 0.45 at the floor, 0.8 for identical folded keys."""
    return 0.45 + 0.35 * max(0.0, similarity - SIMILAR) / (100.0 - SIMILAR)


class TranslitIndex:
    """Places of the densely covered countries by transliteration key, built once."""

    def __init__(self, places: Iterable[Place], countries: frozenset[str]) -> None:
        self.countries = countries
        self._keys: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
        for place in places:
            if place.country not in countries:
                continue
            for key in place.keys:
                folded = translit_key(key)
                if folded and place not in self._keys[place.country][folded]:
                    self._keys[place.country][folded].append(place)
        self._choices = {cc: list(keys) for cc, keys in self._keys.items()}
        self._answers: dict[tuple[str, tuple[str, ...]], dict[Place, float]] = {}

    def matches(self, key: str, countries: Iterable[str]) -> dict[Place, float]:
        """Places in these countries whose spelling is a variant of `key`, with similarity.

        Answers are remembered (a bounded number): the same names recur from one report to
        the next, and each search scans every name of a country."""
        wanted = tuple(sorted(set(countries) & self.countries))
        remembered = self._answers.get((key, wanted))
        if remembered is None:
            if len(self._answers) >= _REMEMBER:
                self._answers.clear()
            remembered = self._answers[key, wanted] = self._search(key, wanted)
        return dict(remembered)

    def _search(self, key: str, countries: tuple[str, ...]) -> dict[Place, float]:
        """The uncached search behind `matches`."""
        folded = translit_key(key)
        if len(key) < _MIN_KEY or len(folded) < 3:
            return {}
        skeleton = skeleton_key(key)
        found: dict[Place, float] = {}
        for country in countries:
            hits = process.extract(
                folded,
                self._choices.get(country, []),
                scorer=fuzz.ratio,
                score_cutoff=SIMILAR,
                limit=_LIMIT,
            )
            for other, score, _ in hits:
                for place in self._keys[country][other]:
                    # Same consonants in the same order, or very close letters overall.
                    shared = any(skeleton_key(k) == skeleton for k in place.keys)
                    if shared or score >= _SIMILAR_ALONE:
                        found[place] = max(score, found.get(place, 0.0))
        return found
