"""Who says so: sources, attribution chains and the kind of each statement."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from watchfloor.model.mentions import Evidence

__all__ = ["Attribution", "Source", "SourceKind", "Statement", "StatementKind", "origin_key"]


class SourceKind(StrEnum):
    """What a link in an attribution chain is."""

    OUTLET = "outlet"  # the publishing outlet, or an outlet cited by it
    ACTOR = "actor"  # an organisation, government or body cited as origin
    PERSON = "person"  # a named speaker (kept as a speaker only, never profiled)
    AUTHOR = "author"  # the document's author speaking in their own voice
    VAGUE = "vague"  # "sources said", "statistics indicate", "reports suggest"
    PARTNER = "partner"  # a partner desk whose bundle was imported


@dataclass(frozen=True, slots=True)
class Source:
    """One link of an attribution chain, resolved to the catalogue where possible."""

    name: str
    kind: SourceKind
    actor_id: str | None = None

    @property
    def key(self) -> str:
        """Identity used to count independent origins: the catalogue id, else the name."""
        return self.actor_id or f"{self.kind.value}:{self.name.casefold()}"


def origin_key(chain: tuple[Source, ...]) -> str:
    """The root of a chain, which is what independent confirmation counts."""
    if not chain:
        raise ValueError("an attribution chain has at least the publishing outlet")
    return chain[-1].key


class StatementKind(StrEnum):
    """How a sentence asserts what it says."""

    REPORTED_FACT = "reported_fact"
    ATTRIBUTED_CLAIM = "attributed_claim"
    VAGUE_ATTRIBUTION = "vague_attribution"
    OPINION = "opinion"
    UNSUPPORTED_ASSERTION = "unsupported_assertion"
    CALL_TO_ACTION = "call_to_action"
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting construction: who asserts the clause spanned by `evidence`, citing whom.

    `chain` runs from the publishing outlet (always first) to the origin it cites, e.g.
    (Strategic Council Online, Rudaw, SDF). `verb` is the reporting verb or construction
    ("reported", "according to", "citing").
    """

    chain: tuple[Source, ...]
    verb: str
    is_vague: bool
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Statement:
    """The reading of one sentence: its kind and the chain of the source that asserts it."""

    sentence: int
    kind: StatementKind
    chain: tuple[Source, ...]
    reasons: tuple[str, ...]
    evidence: Evidence
