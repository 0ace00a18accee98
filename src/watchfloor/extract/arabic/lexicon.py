"""The Arabic reader's data files, loaded once and normalised: word lists and Arabic names.

Both files live in `extract/arabic/data/` and are meant to be edited by an analyst:
`lexicon_ar.yaml` (triggers, roles, numbers, hedges, reporting words, dates) and
`names_ar.yaml` (Arabic names of catalogue actors and facilities).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.extract.arabic.normalise import normalise

__all__ = ["ArabicLexicon", "Phrase", "load_lexicon", "load_names", "phrase"]

Phrase = tuple[str, ...]  # the normalised words of a phrase; a last word ending "*" is a prefix


def phrase(text: str) -> Phrase:
    """The normalised words of a phrase from the data files."""
    return tuple(normalise(text).split())


def _read(name: str) -> dict[str, Any]:
    path = resources.files("watchfloor.extract.arabic") / "data" / name
    try:
        with path.open("rb") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the Arabic data file {name}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping at the top level")
    return data


def _phrases(mapping: dict[str, list[str]]) -> dict[str, tuple[Phrase, ...]]:
    return {str(key): tuple(phrase(w) for w in words) for key, words in mapping.items()}


@dataclass(frozen=True)
class ArabicLexicon:
    """Every word list of `lexicon_ar.yaml`, normalised."""

    triggers: dict[str, tuple[Phrase, ...]]
    roles: dict[str, tuple[Phrase, ...]]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, tuple[int, int]]
    hedges: dict[str, tuple[Phrase, ...]]
    dual_nouns: frozenset[str]
    attribution: dict[str, tuple[Phrase, ...]]
    weekdays: dict[str, int]
    months: dict[str, int]
    relative_days: dict[str, int]
    modality: dict[str, tuple[Phrase, ...]]
    figure_roles: dict[str, frozenset[str]]
    actor_roles: dict[str, frozenset[str]]
    version: str


@cache
def load_lexicon() -> ArabicLexicon:
    """The packaged Arabic lexicon."""
    data = _read("lexicon_ar.yaml")
    months = {
        normalise(name): int(number) for number, names in data["months"].items() for name in names
    }
    return ArabicLexicon(
        triggers=_phrases(data["triggers"]),
        roles=_phrases(data["roles"]),
        number_words={normalise(k): int(v) for k, v in data["number_words"].items()},
        multipliers={normalise(k): int(v) for k, v in data["multipliers"].items()},
        vague={normalise(k): (int(v[0]), int(v[1])) for k, v in data["vague"].items()},
        hedges=_phrases(data["hedges"]),
        dual_nouns=frozenset(normalise(w) for w in data["dual_nouns"]),
        attribution=_phrases(data["attribution"]),
        weekdays={normalise(k): int(v) for k, v in data["weekdays"].items()},
        months=months,
        relative_days={normalise(k): int(v) for k, v in data["relative_days"].items()},
        modality=_phrases(data.get("modality") or {}),
        figure_roles={k: frozenset(v) for k, v in (data.get("figure_roles") or {}).items()},
        actor_roles={
            k: frozenset(normalise(w) for w in v)
            for k, v in (data.get("actor_roles") or {}).items()
        },
        version=f"ar-lexicon-{data.get('version', 0)}",
    )


@cache
def load_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """Arabic names by section ("actors", "facilities", "places") and id, as written."""
    data = _read("names_ar.yaml")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for section in ("actors", "facilities", "places"):
        entries = data.get(section) or {}
        out[section] = {str(k): tuple(str(n) for n in v) for k, v in entries.items()}
    words = data.get("not_places") or ()
    out["not_places"] = {"words": tuple(normalise(str(w)) for w in words)}
    person = data.get("person_words") or ()
    out["person_words"] = {"words": tuple(normalise(str(w)) for w in person)}
    for section in ("organisation_heads", "organisation_heads_construct", "organisation_stops"):
        out[section] = {"words": tuple(normalise(str(w)) for w in data.get(section) or ())}
    return out
