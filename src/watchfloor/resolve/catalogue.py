"""The actor catalogue: canonical actors and their aliases, from versioned YAML in the package.

Resolution turns a surface form ("Daesh", "the SDF's", "Iraqi authorities", "داعش") into one
canonical actor. It tries, in order: exact case-sensitive aliases ("IS", "AP"), normalised
aliases (case, articles, possessives, hyphens, Arabic letter variants), a demonym followed by an
actor word ("Iraqi authorities" -> Iraq, "Turkish forces" -> its military), capitals standing
for governments when the mention acts, generic aliases licensed by the document's other actors,
and last a high-threshold fuzzy match. Where two actors share an alias (the Syrian government
before and after 8 December 2024), the document date picks one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from watchfloor.errors import ConfigError

__all__ = ["ACTOR_WORDS", "Actor", "ActorMatch", "Catalogue", "normalise_name"]

# Head nouns that make a noun phrase name an organised actor ("Iraqi authorities").
ACTOR_WORDS = frozenset(
    {
        "administration",
        "army",
        "authorities",
        "authority",
        "coalition",
        "entity",
        "forces",
        "government",
        "leadership",
        "military",
        "ministry",
        "officials",
        "regime",
        "troops",
    }
)
# Heads that, after a demonym, mean the state's armed forces rather than the state.
_MILITARY_WORDS = frozenset({"forces", "army", "military", "troops", "soldiers"})
# Heads that mean the state's government (its `government` entry if any, else the state).
_GOVERNMENT_WORDS = frozenset(ACTOR_WORDS - _MILITARY_WORDS - {"coalition", "ministry"})

_FUZZY_CUTOFF = 93.0  # only near-identical spellings: a wrong actor is worse than none
_FUZZY_MIN_LENGTH = 8  # short keys collide too easily ("isis" vs "iris")

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_DASHES = re.compile(r"[\-\u2010-\u2015\u2212_/]+")
_PUNCT = re.compile(r"[^\w\s&]+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def normalise_name(text: str) -> str:
    """A matching key: casefolded, no articles, possessives, hyphens, dots or Arabic variants."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    text = _POSSESSIVE.sub("", text.strip())
    text = _DASHES.sub(" ", text.casefold())
    text = _PUNCT.sub("", text.replace("'", ""))
    text = " ".join(text.split())
    # Leading articles and "so-called" carry no identity; strip them repeatedly.
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"^(?:the|so called)\s+", "", text)
    return text


def _clean_surface(text: str) -> str:
    """The surface with leading "the" and a trailing possessive removed, case kept."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).strip()
    text = re.sub(r"^(?:[Tt]he)\s+", "", text)
    return _POSSESSIVE.sub("", text).strip()


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical actor of the catalogue, with its aliases and validity period."""

    id: str
    name: str
    type: str
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    government: tuple[str, ...] = ()
    military: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    period: str | None = None

    def is_valid_on(self, on: date) -> bool:
        """True when the actor's identity holds on that date (bounds inclusive)."""
        after = self.valid_from is None or on >= self.valid_from
        before = self.valid_to is None or on <= self.valid_to
        return after and before


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """The actor a surface resolved to, how (`method`) and how surely (`score` in 0..1)."""

    actor: Actor
    score: float
    method: str


def _strings(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key) or ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(v) for v in value)


def _date(value: Any, actor_id: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"actor {actor_id!r}: bad date {value!r}; write YYYY-MM-DD") from None


def _actor_from(entry: Mapping[str, Any]) -> Actor:
    try:
        actor_id, name, kind = str(entry["id"]), str(entry["name"]), str(entry["type"])
    except KeyError as exc:
        raise ConfigError(f"catalogue entry {dict(entry)!r} lacks {exc.args[0]!r}") from None
    return Actor(
        id=actor_id,
        name=name,
        type=kind,
        country=entry.get("country"),
        parent=entry.get("parent"),
        aliases=_strings(entry, "aliases"),
        case_sensitive=_strings(entry, "case_sensitive"),
        needs_context=_strings(entry, "needs_context"),
        metonyms=_strings(entry, "metonyms"),
        demonyms=_strings(entry, "demonyms"),
        government=_strings(entry, "government"),
        military=_strings(entry, "military"),
        context=_strings(entry, "context"),
        valid_from=_date(entry.get("valid_from"), actor_id),
        valid_to=_date(entry.get("valid_to"), actor_id),
        period=entry.get("period"),
    )


class Catalogue:
    """Canonical actors with their alias indexes; build with `Catalogue.load()`."""

    def __init__(self, actors: Iterable[Actor], version: str) -> None:
        self.version = version
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in self.actors:
                raise ConfigError(f"actor id {actor.id!r} appears twice in the catalogue")
            self.actors[actor.id] = actor
        self._exact: dict[str, list[str]] = {}
        self._names: dict[str, list[str]] = {}
        self._context: dict[str, list[str]] = {}
        self._metonyms: dict[str, list[str]] = {}
        self._demonyms: dict[str, list[str]] = {}
        for actor in self.actors.values():
            self._check_links(actor)
            for alias in actor.case_sensitive:
                self._exact.setdefault(_clean_surface(alias), []).append(actor.id)
            for alias in (actor.name, *actor.aliases):
                if alias not in actor.case_sensitive:  # "SANA" must not match "Sana"
                    _add(self._names, normalise_name(alias), actor.id)
            for alias in actor.needs_context:
                _add(self._context, normalise_name(alias), actor.id)
            for alias in actor.metonyms:
                _add(self._metonyms, normalise_name(alias), actor.id)
            for alias in actor.demonyms:
                _add(self._demonyms, normalise_name(alias), actor.id)
        # Fuzzy matching only against long names, never against generic or short aliases.
        self._fuzzy_keys = [k for k in self._names if len(k) >= _FUZZY_MIN_LENGTH]

    def _check_links(self, actor: Actor) -> None:
        linked = (actor.parent,) if actor.parent else ()
        for other in (*linked, *actor.government, *actor.military):
            if other not in self.actors:
                raise ConfigError(f"actor {actor.id!r} refers to unknown actor {other!r}")

    @classmethod
    def load(cls, path: Path | None = None) -> Catalogue:
        """Load the catalogue from `path`, or the one shipped in the package."""
        if path is None:
            text = (
                resources.files("watchfloor.resolve")
                .joinpath("data/actors.yaml")
                .read_text(encoding="utf-8")
            )
            where = "watchfloor/resolve/data/actors.yaml"
        else:
            text, where = path.read_text(encoding="utf-8"), str(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{where}: not valid YAML ({exc}); fix the file") from exc
        if not isinstance(data, dict) or "version" not in data or "actors" not in data:
            raise ConfigError(f"{where}: needs a top-level `version:` and an `actors:` list")
        return cls((_actor_from(e) for e in data["actors"]), version=str(data["version"]))

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; KeyError when unknown."""
        return self.actors[actor_id]

    def resolve(
        self,
        surface: str,
        on: date | None = None,
        *,
        context: Mapping[str, int] | None = None,
        acting: bool = False,
    ) -> ActorMatch | None:
        """The canonical actor a surface form names, or None.

        Args:
            surface: the words in the text ("the SDF's", "Iraqi authorities").
            on: the document date; picks among actors that share an alias.
            context: counts of actor ids already found in the document; licenses generic
                aliases such as "government forces" or "the coalition".
            acting: the mention is the subject or agent of a clause; licenses capitals
                standing for governments ("Damascus", "Baghdad").
        """
        cleaned = _clean_surface(surface)
        if cleaned in self._exact:
            return self._pick(self._exact[cleaned], on, 1.0, "case")
        key = normalise_name(surface)
        if not key:
            return None
        if key in self._names:
            return self._pick(self._names[key], on, 1.0, "alias")
        if acting and key in self._metonyms:
            return self._pick(self._metonyms[key], on, 0.8, "metonym")
        by_demonym = self._resolve_demonym(key, on)
        if by_demonym is not None:
            return by_demonym
        if context and key in self._context:
            return self._by_context(self._context[key], on, context)
        if len(key) >= _FUZZY_MIN_LENGTH:
            found = process.extractOne(
                key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
            )
            if found is not None:
                return self._pick(self._names[found[0]], on, found[1] / 100.0, "fuzzy")
        return None

    def _resolve_demonym(self, key: str, on: date | None) -> ActorMatch | None:
        """ "iraqi authorities" -> Iraq; "turkish forces" -> its military; else None."""
        words = key.split()
        for split in (1, 2):  # "us government", "u s forces" after dots are dropped
            demonym, rest = " ".join(words[:split]), words[split:]
            if demonym not in self._demonyms or len(rest) != 1:
                continue
            head = rest[0]
            state = self.actors[self._demonyms[demonym][0]]
            if head in _MILITARY_WORDS and state.military:
                return self._pick(list(state.military), on, 0.9, "demonym")
            if head in _GOVERNMENT_WORDS:
                return self._pick(list(state.government or (state.id,)), on, 0.9, "demonym")
            if head in _MILITARY_WORDS:
                return self._pick([state.id], on, 0.9, "demonym")
        return None

    def _by_context(
        self, candidates: list[str], on: date | None, context: Mapping[str, int]
    ) -> ActorMatch | None:
        """The candidate whose licensing actors the document mentions most; None on a tie."""
        scores: Counter[str] = Counter()
        for actor_id in candidates:
            actor = self.actors[actor_id]
            if on is not None and not actor.is_valid_on(on):
                continue
            license_ids = {actor.id, *actor.context, *((actor.parent,) if actor.parent else ())}
            scores[actor_id] = sum(context.get(i, 0) for i in license_ids)
        ranked = [(n, a) for a, n in scores.most_common() if n > 0]
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ActorMatch(self.actors[ranked[0][1]], 0.7, "context")

    def _pick(self, ids: list[str], on: date | None, score: float, method: str) -> ActorMatch:
        """Among actors sharing an alias, the one valid on the date, else the current one."""
        actors = [self.actors[i] for i in dict.fromkeys(ids)]
        if len(actors) > 1 and on is not None:
            valid = [a for a in actors if a.is_valid_on(on)]
            actors = valid or actors
        if len(actors) > 1:
            # No date, or none valid: the identity in force now (open-ended) is the best guess.
            actors.sort(
                key=lambda a: (a.valid_to is not None, -(a.valid_from or date.min).toordinal())
            )
        return ActorMatch(actors[0], score, method)

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Entity-ruler patterns: "GPE" for states' names, "ORG" otherwise; `id` is the actor id.

        Case-sensitive aliases become token patterns on TEXT; others are phrase patterns
        (the ruler matches them on LOWER). Generic and metonymic aliases are left to
        `resolve`, which needs the sentence around them.
        """
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases):
                words = set(normalise_name(alias).split())
                label = "GPE" if actor.type == "state" and not words & ACTOR_WORDS else "ORG"
                if (label, alias.casefold()) in seen or _is_case_only(alias, actor):
                    continue
                seen.add((label, alias.casefold()))
                patterns.append({"label": label, "pattern": alias, "id": actor.id})
            for alias in actor.case_sensitive:
                if ("TEXT", alias) in seen:
                    continue
                seen.add(("TEXT", alias))
                tokens = [{"TEXT": t} for t in _TOKEN.findall(alias)]
                patterns.append({"label": "ORG", "pattern": tokens, "id": actor.id})
        return patterns


def _is_case_only(alias: str, actor: Actor) -> bool:
    """An alias that is also listed as case-sensitive must not match in any case."""
    return alias in actor.case_sensitive


def _add(index: dict[str, list[str]], key: str, actor_id: str) -> None:
    if key and actor_id not in index.setdefault(key, []):
        index[key].append(actor_id)
