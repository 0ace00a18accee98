"""Delivering alerts and counting what an evaluation did, shared by incident and indicator rules."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from watchfloor.watch.notifiers import Notifier, NotifyError

__all__ = ["WatchReport", "deliver"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class WatchReport:
    """What one evaluation did: alerts fired, held back by a quiet period, or undelivered."""

    fired: list[dict[str, Any]] = field(default_factory=list)
    quiet: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)


def deliver(notifiers: Sequence[Notifier], alert: dict[str, Any]) -> list[str]:
    """Send through every notifier; the problems of those that failed."""
    problems = []
    for notifier in notifiers:
        try:
            notifier.send(alert)
        except NotifyError as exc:
            logger.warning("alert %s not delivered: %s", alert["fingerprint"], exc)
            problems.append(str(exc))
    return problems
