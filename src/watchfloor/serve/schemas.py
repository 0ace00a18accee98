"""Request and response schemas of the JSON API (Pydantic, `extra="forbid"`).

They are the API's contract, documented in /openapi.json: the model dataclasses stay free of
Pydantic, and `serve/views.py` builds these from them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActionOut",
    "ClaimOut",
    "DiscrepancyOut",
    "DocumentOut",
    "DocumentPage",
    "DocumentSummaryOut",
    "ErrorOut",
    "FigureOut",
    "FigureRangeOut",
    "IncidentOut",
    "IncidentPage",
    "IncidentSummaryOut",
    "IngestIn",
    "IngestOut",
    "MentionOut",
    "OriginOut",
    "OverrideIn",
    "PlaceOut",
    "RejectionOut",
    "SearchHitOut",
    "SearchOut",
    "SourceOut",
    "SummaryOut",
    "TimelineOut",
]


class Schema(BaseModel):
    """Base of every schema: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """The one error shape of the API, for every status (400, 401, 404, 422, 500...)."""

    ok: Literal[False] = False
    error: str
    errors: list[Any] = Field(default_factory=list)
    status: int


class SourceOut(Schema):
    """One link of an attribution chain."""

    name: str
    kind: str
    actor_id: str | None = None


class PlaceOut(Schema):
    """A resolved place with its precision."""

    name: str
    lat: float | None
    lon: float | None
    precision: str
    admin1: str | None
    country_code: str | None


class FigureOut(Schema):
    """One figure as a claim gives it."""

    role: str | None
    text: str
    low: int
    high: int | None
    qualifier: str
    label: str


class SourceRangeOut(Schema):
    """One source's reading of a figure."""

    outlet: str
    origin: str
    chain: list[SourceOut]
    text: str
    low: int
    high: int | None
    label: str
    document_id: str
    mention_id: str


class FigureRangeOut(Schema):
    """Every reading of one figure role, and the range they span."""

    role: str
    low: int
    high: int | None
    label: str
    sources: list[SourceRangeOut]


class OriginOut(Schema):
    """An origin at the root of some claims' chains."""

    key: str
    name: str
    kind: str
    outlets: list[str]
    claims: list[str]
    is_independent: bool


class DiscrepancyOut(Schema):
    """A disagreement between claims."""

    kind: str
    what: str
    values: list[str]
    claims: list[str]


class TimelineOut(Schema):
    """One document's place in the incident's account."""

    published: datetime | None
    document_id: str
    outlet: str
    kind: str
    what: str


class ClaimOut(Schema):
    """A claim: who published it, citing whom, its kind, figures and sentence."""

    mention_id: str
    document_id: str
    outlet: str
    published: datetime | None
    origin: str
    chain: list[SourceOut]
    kind: str
    event_type: str
    trigger: str
    figures: list[FigureOut]
    place: PlaceOut | None
    actors: list[str]
    sentence: str | None


class IncidentSummaryOut(Schema):
    """An incident in a list."""

    id: str
    url: str
    event_type: str
    label: str
    headline: str
    place: PlaceOut | None
    start: date | None
    end: date | None
    corroboration: str
    independent_origins: int
    claims: int
    outlets: list[str]
    figures: list[FigureRangeOut]


class IncidentOut(IncidentSummaryOut):
    """One incident in full: claims side by side, origins, disagreements, timeline."""

    actors: list[dict[str, Any]]
    claim_list: list[ClaimOut]
    origins: list[OriginOut]
    discrepancies: list[DiscrepancyOut]
    timeline: list[TimelineOut]
    related: list[dict[str, str]]
    pinned: list[str]
    overrides: list[str]


class Page(Schema):
    """A page of results with the link to the next one."""

    ok: Literal[True] = True
    limit: int
    offset: int
    next: str | None


class IncidentPage(Page):
    """A page of incidents."""

    items: list[IncidentSummaryOut]


class DocumentSummaryOut(Schema):
    """A document in a list."""

    id: str
    url: str
    outlet: str | None
    title: str | None
    published: str | None
    genre: str
    language: str
    words: int
    source: str


class DocumentPage(Page):
    """A page of documents."""

    items: list[DocumentSummaryOut]


class MentionOut(Schema):
    """An extraction in a document's text, by character offsets."""

    kind: str
    start: int
    end: int
    text: str
    note: str


class StatementOut(Schema):
    """How one sentence asserts what it says."""

    sentence: int
    start: int
    end: int
    kind: str
    chain: list[SourceOut]


class RejectionOut(Schema):
    """A refusal recorded for this input."""

    code: str
    message: str
    stage: str
    source: str
    times: int


class DocumentOut(Schema):
    """One document: metadata, text, extractions, statements and rejections."""

    ok: Literal[True] = True
    id: str
    outlet: str | None
    title: str | None
    author: str | None
    url: str | None
    published: datetime | None
    language: str
    genre: str
    reading_genre: str | None
    text: str
    mentions: list[MentionOut]
    statements: list[StatementOut]
    rejections: list[RejectionOut]


class SearchHitOut(Schema):
    """A search result; `highlights` are [start, end) offsets of matches in `snippet`."""

    id: str
    url: str
    title: str | None
    snippet: str
    highlights: list[tuple[int, int]]


class SearchOut(Schema):
    """Documents and incidents (through their claims) matching a query."""

    ok: Literal[True] = True
    query: str
    documents: list[SearchHitOut]
    incidents: list[SearchHitOut]


class SummaryOut(Schema):
    """Counts of what the store holds."""

    ok: Literal[True] = True
    summary: dict[str, Any]


class OverrideIn(Schema):
    """An analyst's decision: merge incidents, split mentions off, or pin a field's value."""

    kind: Literal["merge", "split", "pin"]
    targets: list[str] = Field(min_length=1, max_length=200)
    field: str | None = None
    value: Any = None
    note: str = Field(default="", max_length=2000)
    author: str = Field(default="analyst", min_length=1, max_length=200)


class ActionOut(Schema):
    """What an analyst action did."""

    ok: Literal[True] = True
    override_id: str
    applied: bool
    message: str


class IngestIn(Schema):
    """A report to ingest: its text (with optional metadata), or a URL to fetch."""

    text: str | None = Field(default=None, max_length=5_000_000)
    url: str | None = Field(default=None, max_length=4000)
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    language: str = "en"


class IngestOut(Schema):
    """What ingesting did, one outcome per input."""

    ok: Literal[True] = True
    outcomes: list[dict[str, Any]]
