"""Evaluate watch rules over the store's incidents and fire each alert once per change.

For each rule and incident: check the conditions; if they hold, fingerprint what they saw
(the incident's type, place, the figures and origins the conditions looked at). An alert with
a fingerprint already recorded is never sent again, even after a restart; a changed
fingerprint (a figure rose, a new origin confirmed) fires again unless the rule fired for that
incident within its quiet period, in which case the alert waits for the next poll after it.
An alert is recorded once at least one of its actions delivered it; if every action failed
it is retried at the next poll.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import Precision
from watchfloor.resolve.filters import resolve_actor
from watchfloor.store import Store
from watchfloor.store.watch_state import WatchState
from watchfloor.watch.delivery import WatchReport, deliver
from watchfloor.watch.indicators import evaluate_indicator_rule
from watchfloor.watch.notifiers import Notifier
from watchfloor.watch.rules import Rule

__all__ = [
    "Match",
    "WatchReport",
    "evaluate_rules",
    "fingerprint",
    "incident_summary",
    "match_rule",
    "snapshot",
]

logger = logging.getLogger(__name__)

_PRECISION_ORDER = (
    Precision.FACILITY,
    Precision.TOWN,
    Precision.DISTRICT,
    Precision.GOVERNORATE,
    Precision.COUNTRY,
    Precision.REGION,
)


@dataclass(frozen=True, slots=True)
class Match:
    """A rule holding for an incident: the facts its conditions saw, and why, in words."""

    facts: dict[str, Any]
    reasons: tuple[str, ...]


def snapshot(incident: Incident) -> dict[str, Any]:
    """What a rule remembers of an incident: each role's combined low bound."""
    return {"figures": {f.role: f.low for f in incident.figures}}


def _actor_hit(rule: Rule, incident: Incident) -> list[str]:
    # A rule's "daesh" catches what "isis" catches: aliases resolve through the catalogue.
    wanted = {a.casefold() for a in rule.when.actors} | {
        resolve_actor(a).casefold() for a in rule.when.actors
    }
    return sorted(
        {
            a.actor_id or a.name
            for a in incident.actors
            if (a.actor_id or "").casefold() in wanted or a.name.casefold() in wanted
        }
    )


def _place_ok(rule: Rule, incident: Incident) -> dict[str, Any] | None:
    """The place facts when the incident lies in the rule's geofence, else None."""
    place = incident.place
    fence = rule.geofence
    if fence is None or place is None or place.lat is None or place.lon is None:
        return None
    # A coarse place's point is a centroid: it says nothing about being near a border.
    limit = _PRECISION_ORDER.index(Precision(rule.when.precision))
    if _PRECISION_ORDER.index(place.precision) > limit:
        return None
    if not fence.contains(place.lat, place.lon):
        return None
    return {"name": place.name, "lat": round(place.lat, 4), "lon": round(place.lon, 4)}


def match_rule(rule: Rule, incident: Incident, previous: dict[str, Any] | None) -> Match | None:
    """The match when every condition of the rule holds for the incident, else None.

    `previous` is what the rule saw of the incident at its last evaluation (`snapshot`), or
    None when it never saw it: "new incident" needs None, "figure rising" needs a lower low.
    """
    when = rule.when
    facts: dict[str, Any] = {"event_type": incident.event_type}
    reasons: list[str] = []
    if when.event_types and incident.event_type not in when.event_types:
        return None
    if when.actors:
        hit = _actor_hit(rule, incident)
        if not hit:
            return None
        facts["actors"] = hit
        reasons.append(f"actor {', '.join(hit)}")
    if when.within is not None:
        where = _place_ok(rule, incident)
        if where is None:
            return None
        facts["place"] = where
        reasons.append(
            f"within {rule.geofence.km if rule.geofence else 0:g} km of "
            f"{rule.geofence.label if rule.geofence else ''}"
        )
    figures = {f.role: f for f in incident.figures}
    for condition in when.figures:
        figure = figures.get(condition.role)
        if figure is None:
            return None
        if condition.by == "combined":
            value = figure.low
        else:
            value = max(s.low for s in figure.sources) if figure.sources else figure.low
        if value < condition.at_least:
            return None
        facts.setdefault("figures", {})[condition.role] = value
        reasons.append(f"{condition.role} ≥ {condition.at_least} ({value})")
    if when.min_origins is not None:
        if incident.independent_origins < when.min_origins:
            return None
        facts["origins"] = incident.independent_origins
        reasons.append(f"{incident.independent_origins} independent origins")
    if when.figure_rising is not None:
        role = when.figure_rising
        before = (previous or {}).get("figures", {}).get(role)
        now = figures[role].low if role in figures else None
        if before is None or now is None or now <= before:
            return None
        facts["rising"] = {role: now}
        reasons.append(f"{role} rose from {before} to {now}")
    if when.new_incident:
        if previous is not None:
            return None
        facts["new"] = True
        reasons.append("new incident")
    return Match(facts, tuple(reasons) or ("matched",))


def fingerprint(rule: Rule, incident: Incident, match: Match) -> str:
    """A stable hash of what fired: the rule, the incident and the facts its conditions saw."""
    key = json.dumps([rule.id, incident.id, match.facts], sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def incident_summary(incident: Incident) -> dict[str, Any]:
    """The incident as an alert carries it: enough to act on, with its id to look it up."""
    place = incident.place
    return {
        "id": incident.id,
        "event_type": incident.event_type,
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": place.precision.value if place else None,
        "start": incident.start.isoformat() if incident.start else None,
        "end": incident.end.isoformat() if incident.end else None,
        "actors": [a.name for a in incident.actors],
        "figures": [{"role": f.role, "low": f.low, "high": f.high} for f in incident.figures],
        "independent_origins": incident.independent_origins,
        "corroboration": incident.corroboration.value,
        "outlets": list(dict.fromkeys(c.outlet for c in incident.claims)),
    }


def evaluate_rules(
    store: Store,
    rules: Sequence[Rule],
    notifiers: Callable[[Rule], Sequence[Notifier]],
    *,
    now: datetime | None = None,
) -> WatchReport:
    """Evaluate every rule over the stored incidents, fire what is new, remember what was seen."""
    now = now or datetime.now(UTC)
    state = WatchState(store)
    report = WatchReport()
    incidents = store.incidents()
    for rule in rules:
        senders = notifiers(rule)
        if rule.when.indicator is not None:
            evaluate_indicator_rule(store, state, rule, senders, now, report)
            continue
        for incident in incidents:
            previous = state.snapshot(rule.id, incident.id)
            match = match_rule(rule, incident, previous)
            held = False
            if match is not None:
                held = _fire(state, rule, incident, match, senders, now, report)
            if not held:
                # Keep the old snapshot while an alert is held back, so the rise it saw
                # still counts once the quiet period is over.
                state.save_snapshot(rule.id, incident.id, snapshot(incident), now)
    return report


def _fire(
    state: WatchState,
    rule: Rule,
    incident: Incident,
    match: Match,
    senders: Sequence[Notifier],
    now: datetime,
    report: WatchReport,
) -> bool:
    """Fire one match unless already fired or quiet; True when it is held for later."""
    print_ = fingerprint(rule, incident, match)
    if state.has_fired(rule.id, incident.id, print_):
        return False
    last = state.last_fired(rule.id, incident.id)
    if last is not None and rule.quiet and now - last < rule.quiet:
        report.quiet.append((rule.id, incident.id))
        return True
    alert = {
        "rule": rule.id,
        "description": rule.description,
        "fingerprint": print_,
        "fired_at": now.astimezone(UTC).isoformat(),
        "reasons": list(match.reasons),
        "facts": match.facts,
        "incident": incident_summary(incident),
    }
    problems = deliver(senders, alert)
    if senders and len(problems) == len(senders):
        report.failed.append((rule.id, incident.id, "; ".join(problems)))
        return True  # nothing delivered: try again next poll, from the same snapshot
    if state.record_alert(rule.id, incident.id, print_, now, alert):
        report.fired.append(alert)
    return False
