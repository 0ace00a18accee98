"""What extraction finds in a document's sentences; every mention carries its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "APPROXIMATION",
    "ActorMention",
    "DateMention",
    "DatePrecision",
    "Evidence",
    "Marker",
    "MarkerKind",
    "PlaceMention",
    "Precision",
    "Qualifier",
    "Quantity",
    "ResolvedPlace",
    "Sentence",
]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a mention was read: document, sentence index, character span, and which extractor.

    `start`/`end` are character offsets into `Document.text`; `extractor` is the versioned name
    of the component that made the mention (e.g. "watchfloor.quantities.v1").
    """

    document_id: str
    sentence: int
    start: int
    end: int
    extractor: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document's text, with its character span."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An organisation, state or group named in the text, resolved to the catalogue if known.

    `actor_id` is the catalogue's canonical id (e.g. "isis") or None when unresolved;
    `name` is the canonical display name (or the surface form when unresolved);
    `actor_type` follows the catalogue (armed_group, state, government_forces, ...).
    """

    text: str
    actor_id: str | None
    name: str
    actor_type: str | None
    country: str | None
    evidence: Evidence
    score: float = 1.0


class Precision(StrEnum):
    """How exactly a place is known, from a single facility to a whole country."""

    FACILITY = "facility"
    TOWN = "town"
    DISTRICT = "district"
    GOVERNORATE = "governorate"
    COUNTRY = "country"
    REGION = "region"

    @property
    def rank(self) -> int:
        """Finest first: facility 0, town 1, district 2, governorate 3, region 4, country 5
        (a region without an admin area is finer than its whole country)."""
        return _PRECISION_RANK[self]


_PRECISION_RANK = {
    Precision.FACILITY: 0,
    Precision.TOWN: 1,
    Precision.DISTRICT: 2,
    Precision.GOVERNORATE: 3,
    Precision.REGION: 4,
    Precision.COUNTRY: 5,
}


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """What a place name resolved to: point, admin context, precision, score in 0..1, feature.

    The fields a resolved name (`resolve`'s PlaceMatch) and a place read in a text
    (PlaceMention) share; `place_id` and the point are None when nothing could be resolved.
    """

    name: str
    place_id: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    precision: Precision
    score: float
    feature: str | None


@dataclass(frozen=True)
class _Said:
    """The words a mention was read from. A base of its own only so that `text` stays the first
    field of PlaceMention (dataclasses put the fields of later bases first): the order its
    constructor, repr and every serialised form have always had. No slots of its own."""

    __slots__ = ()
    text: str


@dataclass(frozen=True, slots=True)
class PlaceMention(ResolvedPlace, _Said):
    """A place named in the text, geocoded with an honest precision and a score in 0..1.

    Fields in order: `text`, the ResolvedPlace fields, `evidence`, `note`. An unknown or
    ambiguous name falls back to a coarser level (e.g. the governorate it lies in), never to a
    wrong point; `place_id` is None when nothing could be resolved.
    """

    evidence: Evidence
    # How the name was read when that matters: the rivals it beat and why, a fallback, or
    # "inside a name" for a toponym read inside an organisation's name ("Dublin City Council").
    note: str = ""


class DatePrecision(StrEnum):
    """Granularity of a resolved date interval."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the publication date into an inclusive interval."""

    text: str
    start: date
    end: date
    precision: DatePrecision
    evidence: Evidence

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date interval ends before it starts: {self.start}..{self.end}")


# How far a hedged point ("approximately", "about", "some") may stray from its value.
APPROXIMATION = 0.10


class Qualifier(StrEnum):
    """How a figure is hedged in the text."""

    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted figure as a range: "hundreds" is 100..999; "at least 12,000" has high=None.

    `unit` is the counted noun ("prisoners", "fighters"); `role` is what happened to them
    (killed, wounded, escaped, recaptured, detained, displaced, held, fighters, ...).
    An exact "1,500" is low=high=1500; "approximately 1,500" keeps low=high=1500 with the
    qualifier, so consumers can widen it by their own tolerance.
    """

    text: str
    low: int
    high: int | None
    qualifier: Qualifier
    unit: str | None
    role: str | None
    evidence: Evidence

    def __post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"quantity range ends before it starts: {self.low}..{self.high}")

    @property
    def value(self) -> int | None:
        """The point value when the figure is a single number, else None."""
        return self.low if self.high == self.low else None

    def bounds(self) -> tuple[int, int | None]:
        """The range a reader may take the figure to mean: hedged points widen by 10 %.

        "approximately 1,500" is 1,350..1,650; "nearly 100" is 90..100; exact figures and explicit
        ranges are kept as they are. Used to decide whether two figures disagree.
        """
        low, high = self.low, self.high
        if self.qualifier is Qualifier.APPROXIMATELY and high is not None:
            return round(low * (1 - APPROXIMATION)), round(high * (1 + APPROXIMATION))
        return low, high

    def overlaps(self, other: Quantity) -> bool:
        """True when the two figures' readings share at least one value."""
        a_low, a_high = self.bounds()
        b_low, b_high = other.bounds()
        return (a_high is None or b_low <= a_high) and (b_high is None or a_low <= b_high)


class MarkerKind(StrEnum):
    """Rhetorical markers read at the span level."""

    SCARE_QUOTE = "scare_quote"
    QUOTATION = "quotation"
    QUOTED_NAME = "quoted_name"
    LOADED_TERM = "loaded_term"
    NAME_CALLING = "name_calling"
    HEDGE = "hedge"
    BOOSTER = "booster"


@dataclass(frozen=True, slots=True)
class Marker:
    """A rhetorical marker: scare quote, real quotation, quoted name, loaded term, hedge, ..."""

    kind: MarkerKind
    text: str
    evidence: Evidence
