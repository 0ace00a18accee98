"""The situation report: the period's incidents by significance, what changed, what is disputed.

`build_report` only reads the store; `record_report` keeps a snapshot of what a written
report held (incident id -> fingerprint), which the next report compares against to say what
is new, what was revised and what was merged away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from watchfloor.model import AnnotatedDocument, StatementKind
from watchfloor.model.incidents import Claim, DiscrepancyKind, FigureRange, Incident
from watchfloor.report.describe import by_significance, incident_headline, significance
from watchfloor.report.drawing import (
    FigureChart,
    MapPicture,
    TimelineChart,
    figure_chart,
    map_picture,
    timeline_chart,
)
from watchfloor.report.facilities import FacilitySection, build_facility_section
from watchfloor.store import Store
from watchfloor.store.incident_query import revised_incident_ids
from watchfloor.store.report_runs import (
    ReportRun,
    incident_fingerprint,
    last_report_run,
    record_report_run,
)

__all__ = [
    "Change",
    "ChangeKind",
    "ContestedFigure",
    "Report",
    "ReportItem",
    "SourceUse",
    "UncorroboratedClaim",
    "build_report",
    "claim_sentence",
    "record_report",
    "report_window",
]

# Statement kinds that assert something without a source that could confirm it.
_UNSOURCED = {
    StatementKind.UNSUPPORTED_ASSERTION: "unsupported assertion",
    StatementKind.VAGUE_ATTRIBUTION: "vague attribution",
    StatementKind.OPINION: "opinion",
}


class ChangeKind(StrEnum):
    """How an incident changed since the previous report."""

    NEW = "new"
    REVISED = "revised"  # claims, figures, places or origins changed
    MERGED_AWAY = "merged away"  # no longer exists: absorbed into another incident


@dataclass(frozen=True, slots=True)
class ReportItem:
    """An incident in the report, with its score and headline."""

    incident: Incident
    significance: float
    headline: str
    chart: FigureChart | None


@dataclass(frozen=True, slots=True)
class Change:
    """One difference from the previous report."""

    incident_id: str
    kind: ChangeKind
    headline: str


@dataclass(frozen=True, slots=True)
class ContestedFigure:
    """A figure the sources disagree on: every reading, who gives it, citing whom."""

    incident_id: str
    headline: str
    figure: FigureRange


@dataclass(frozen=True, slots=True)
class UncorroboratedClaim:
    """A claim nothing independent confirms, with why and the sentence that makes it."""

    incident_id: str
    claim: Claim
    reason: str
    sentence: str


@dataclass(frozen=True, slots=True)
class SourceUse:
    """An outlet the report relies on: documents, claims and the origins it cites."""

    outlet: str
    documents: int
    claims: int
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a situation report says, ready to render as HTML or Markdown."""

    generated: datetime
    since: date | None
    until: date | None
    previous: ReportRun | None
    items: tuple[ReportItem, ...]
    changes: tuple[Change, ...]
    contested: tuple[ContestedFigure, ...]
    uncorroborated: tuple[UncorroboratedClaim, ...]
    sources: tuple[SourceUse, ...]
    map: MapPicture
    timeline: TimelineChart | None
    snapshot: dict[str, str] = field(default_factory=dict)
    facilities: FacilitySection | None = None  # the facilities and indicators section
    revised_since: datetime | None = None  # only incidents revised after this time


def report_window(report: Report) -> str:
    """The report's window in words: which incidents it covers, and from when to when."""
    since = report.since.isoformat() if report.since else "the first incident"
    until = report.until.isoformat() if report.until else "today"
    what = f"incidents active from {since} to {until}"
    if report.since is None and report.until is None:
        what = "the current picture (every stored incident)"
    if report.revised_since is not None:
        what += f", revised since the previous report ({report.revised_since:%Y-%m-%d %H:%M} UTC)"
    return what


def claim_sentence(store: Store, claim: Claim, cache: dict[str, AnnotatedDocument | None]) -> str:
    """The sentence a claim was read from (its trigger when the reading is gone)."""
    if claim.document_id not in cache:
        cache[claim.document_id] = store.get_annotated(claim.document_id)
    annotated = cache[claim.document_id]
    if annotated is not None:
        for sentence in annotated.sentences:
            if sentence.index == claim.evidence.sentence:
                return sentence.text
    return claim.trigger


def _is_contested(figure: FigureRange) -> bool:
    """True when two readings of the figure share no value at all."""
    readings = [(s.low, s.high) for s in figure.sources]
    for n, (a_low, a_high) in enumerate(readings):
        for b_low, b_high in readings[n + 1 :]:
            if not ((a_high is None or b_low <= a_high) and (b_high is None or a_low <= b_high)):
                return True
    return False


def _contested(incident: Incident, headline: str) -> list[ContestedFigure]:
    flagged = {d.what for d in incident.discrepancies if d.kind is DiscrepancyKind.FIGURES}
    return [
        ContestedFigure(incident.id, headline, figure)
        for figure in incident.figures
        if figure.role in flagged or _is_contested(figure)
    ]


def _uncorroborated(
    store: Store, incident: Incident, cache: dict[str, AnnotatedDocument | None]
) -> list[UncorroboratedClaim]:
    found = []
    single = incident.independent_origins <= 1
    for claim in incident.claims:
        reason = _UNSOURCED.get(claim.kind)
        if reason is None and single:
            reason = "no independent confirmation"
        if reason is None:
            continue
        sentence = claim_sentence(store, claim, cache)
        found.append(UncorroboratedClaim(incident.id, claim, reason, sentence))
    return found


def _sources(incidents: list[Incident]) -> tuple[SourceUse, ...]:
    documents: dict[str, set[str]] = defaultdict(set)
    claims: dict[str, int] = defaultdict(int)
    cites: dict[str, set[str]] = defaultdict(set)
    for incident in incidents:
        for claim in incident.claims:
            documents[claim.outlet].add(claim.document_id)
            claims[claim.outlet] += 1
            for source in claim.chain[1:]:
                cites[claim.outlet].add(source.name)
    return tuple(
        SourceUse(outlet, len(documents[outlet]), claims[outlet], tuple(sorted(cites[outlet])))
        for outlet in sorted(claims, key=lambda o: (-claims[o], o))
    )


def _changes(
    store: Store, previous: ReportRun | None, current: dict[str, Incident], snapshot: dict[str, str]
) -> tuple[Change, ...]:
    if previous is None:
        return ()
    changes = []
    for incident_id, fingerprint in snapshot.items():
        before = previous.snapshot.get(incident_id)
        if before is None:
            changes.append(
                Change(incident_id, ChangeKind.NEW, incident_headline(current[incident_id]))
            )
        elif before != fingerprint:
            changes.append(
                Change(incident_id, ChangeKind.REVISED, incident_headline(current[incident_id]))
            )
    for incident_id in sorted(set(previous.snapshot) - set(snapshot)):
        if store.get_incident(incident_id) is None:
            changes.append(Change(incident_id, ChangeKind.MERGED_AWAY, incident_id))
    order = {ChangeKind.NEW: 0, ChangeKind.REVISED: 1, ChangeKind.MERGED_AWAY: 2}
    return tuple(sorted(changes, key=lambda c: (order[c.kind], c.incident_id)))


def build_report(
    store: Store,
    since: date | None = None,
    *,
    until: date | None = None,
    now: datetime | None = None,
    limit: int | None = None,
    revised_since: datetime | None = None,
) -> Report:
    """Read the store into a situation report for incidents active between `since` and `until`.

    Args:
        store: the store to read.
        since: first day of the period (None: every incident).
        until: last day of the period (None: open).
        now: the report's time (default: now, UTC).
        limit: keep only the most significant incidents.
        revised_since: keep only incidents created or revised after this time (the
            previous report's, for "what is new since the last report").
    """
    ids = revised_incident_ids(store, revised_since) if revised_since is not None else None
    incidents = by_significance(store.incidents(since=since, until=until, ids=ids))
    if limit is not None:
        incidents = incidents[:limit]
    cache: dict[str, AnnotatedDocument | None] = {}
    items, contested, uncorroborated = [], [], []
    for incident in incidents:
        headline = incident_headline(incident)
        items.append(ReportItem(incident, significance(incident), headline, figure_chart(incident)))
        contested.extend(_contested(incident, headline))
        uncorroborated.extend(_uncorroborated(store, incident, cache))
    snapshot = {i.id: incident_fingerprint(i) for i in incidents}
    previous = last_report_run(store)
    return Report(
        generated=now or datetime.now(UTC),
        since=since,
        until=until,
        previous=previous,
        items=tuple(items),
        changes=_changes(store, previous, {i.id: i for i in incidents}, snapshot),
        contested=tuple(contested),
        uncorroborated=tuple(uncorroborated),
        sources=_sources(incidents),
        map=map_picture(incidents),
        timeline=timeline_chart(incidents),
        snapshot=snapshot,
        facilities=_facility_section(store),
        revised_since=revised_since,
    )


def _facility_section(store: Store) -> FacilitySection:
    return build_facility_section(store)


def record_report(store: Store, report: Report, path: str | None = None) -> int:
    """Remember that this report was written, so the next one can say what changed."""
    return record_report_run(
        store,
        report.snapshot,
        since=report.since.isoformat() if report.since else None,
        until=report.until.isoformat() if report.until else None,
        path=path,
        created=report.generated,
    )
