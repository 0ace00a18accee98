"""Watch rules on indicators: fire when a figure contradicts or moves an indicator's range.

A rule with `when: {indicator: {id: ..., on: [contradiction, change]}}` looks at the
indicator's series (`watchfloor.store.facility_views.indicator_view`) and fires once per flag:
the fired-alert record is keyed by the rule, the indicator (in the incident slot, prefixed
"indicator:") and a fingerprint of the flagged point, so a restart never repeats an alert
and a new contradicting figure fires again (after the rule's quiet period).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from watchfloor.merge.facilities import range_label
from watchfloor.model import to_plain
from watchfloor.model.facilities import IndicatorFlag
from watchfloor.resolve.indicators import load_indicators
from watchfloor.store import Store
from watchfloor.store.facility_views import IndicatorView, indicator_view
from watchfloor.store.watch_state import WatchState
from watchfloor.watch.delivery import WatchReport, deliver
from watchfloor.watch.notifiers import Notifier
from watchfloor.watch.rules import Rule

__all__ = ["evaluate_indicator_rule", "indicator_alert"]


def indicator_alert(rule: Rule, view: IndicatorView, flag: IndicatorFlag) -> dict[str, Any]:
    """The alert for one flag: the rule, the reason, the indicator and the point behind it."""
    point = next((p for p in view.points if p.id == flag.point), None)
    key = json.dumps([rule.id, flag.indicator_id, flag.point, flag.kind], sort_keys=True)
    return {
        "rule": rule.id,
        "description": rule.description,
        "fingerprint": hashlib.sha256(key.encode()).hexdigest()[:32],
        "reasons": [f"{view.indicator.name}: {flag.kind}: {flag.note}"],
        "facts": {"indicator": flag.indicator_id, "flag": to_plain(flag)},
        "indicator": {
            "id": view.indicator.id,
            "name": view.indicator.name,
            "latest": range_label(view.series.latest_low, view.series.latest_high)
            if view.series.latest_low is not None
            else None,
            "point": {
                "text": point.quantity.text,
                "range": range_label(point.quantity.low, point.quantity.high),
                "outlet": point.outlet,
                "chain": [s.name for s in point.chain],
                "sentence": point.sentence,
                "document_id": point.document_id,
            }
            if point is not None
            else None,
        },
    }


def evaluate_indicator_rule(
    store: Store,
    state: WatchState,
    rule: Rule,
    senders: Sequence[Notifier],
    now: datetime,
    report: WatchReport,
) -> None:
    """Fire the rule for every flag of its indicator not fired before, quiet periods kept."""
    condition = rule.when.indicator
    if condition is None:
        return
    chosen = [i for i in load_indicators() if i.id == condition.id]
    if not chosen:
        return
    view = indicator_view(store, chosen[0])
    slot = f"indicator:{condition.id}"[:40]
    for flag in view.series.flags:
        if flag.kind not in condition.on:
            continue
        alert = indicator_alert(rule, view, flag)
        if state.has_fired(rule.id, slot, alert["fingerprint"]):
            continue
        last = state.last_fired(rule.id, slot)
        if last is not None and rule.quiet and now - last < rule.quiet:
            report.quiet.append((rule.id, slot))
            continue
        alert["fired_at"] = now.astimezone(UTC).isoformat()
        problems = deliver(senders, alert)
        if senders and len(problems) == len(senders):
            report.failed.append((rule.id, slot, "; ".join(problems)))
            continue
        if state.record_alert(rule.id, slot, alert["fingerprint"], now, alert):
            report.fired.append(alert)
