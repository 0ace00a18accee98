"""One watch cycle: ingest the feeds, poll partner desks, merge what is new, fire alerts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from watchfloor.errors import ConfigError
from watchfloor.ingest import IngestOptions
from watchfloor.pipeline import (
    ExitCode,
    Outcome,
    RunReport,
    ingest_targets,
    merge_stored,
    update_facilities,
)
from watchfloor.pipeline.documents import NOTHING_FOUND, Reader
from watchfloor.store import Store
from watchfloor.watch.delivery import WatchReport
from watchfloor.watch.engine import evaluate_rules
from watchfloor.watch.notifiers import Notifier
from watchfloor.watch.partners import PartnerPoll, PartnerResult, poll_partners
from watchfloor.watch.rules import Rule

__all__ = ["CycleReport", "poll_once", "read_feed_list"]

logger = logging.getLogger(__name__)

# Outcomes whose document is new to the store, and so has mentions to merge.
_NEW = frozenset({"stored", "new version"})


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one cycle did: documents ingested (new ones), incidents touched, alerts."""

    ingested: int
    new_documents: int
    merged_incidents: int
    watch: WatchReport
    partners: tuple[PartnerResult, ...] = ()
    run: RunReport | None = None  # the feeds' ingest, input by input

    @property
    def refused(self) -> list[Outcome]:
        """Inputs of the cycle that were refused or failed, each with its code."""
        if self.run is None:
            return []
        return [o for o in self.run.outcomes if o.status in ("rejected", "failed", NOTHING_FOUND)]

    @property
    def exit_code(self) -> ExitCode:
        """The batch exit code of the cycle's ingest (0 when there were no feeds)."""
        return self.run.exit_code if self.run is not None else ExitCode.OK


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs or paths: a YAML list (or a `feeds:` list), or plain text, one per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the feed list: {exc.strerror}", source=str(path)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict):
        data = data.get("feeds")
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return [item.strip() for item in data if item.strip()]
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    feeds = [line for line in lines if line and not line.startswith("-")]
    if not feeds:
        raise ConfigError("the feed list names no feed URL or path", source=str(path))
    return feeds


def poll_once(
    store: Store,
    rules: Sequence[Rule],
    notifiers: Callable[[Rule], Sequence[Notifier]],
    *,
    feeds: Sequence[str] = (),
    options: IngestOptions | None = None,
    extractor: Reader | None = None,
    now: datetime | None = None,
    partners: Sequence[PartnerPoll] = (),
    desk: str | None = None,
) -> CycleReport:
    """Ingest the feeds and poll the partners (if any), merge, then evaluate and fire the rules.

    Partner claims go through the import's trust boundary (export/stix_import.py) and the
    normal merge; each partner resumes where its last poll stopped.
    """
    ingested = new = merged = 0
    run: RunReport | None = None
    if feeds:
        run = ingest_targets(list(feeds), options or IngestOptions(), store, extractor)
        ids = [o.document_id for o in run.outcomes if o.status in _NEW and o.document_id]
        ingested, new = len(run.outcomes), len(ids)
        if ids:
            merged = merge_stored(store, ids).incidents
            update_facilities(store, ids)  # indicator rules read the new figures too
    polled = poll_partners(store, partners, desk=desk) if partners else []
    merged += sum(r.report.imported.incidents for r in polled if r.report is not None)
    report = evaluate_rules(store, rules, notifiers, now=now)
    logger.info(
        "watch cycle: %d inputs, %d new documents, %d incidents merged, %d alerts fired",
        ingested,
        new,
        merged,
        len(report.fired),
    )
    return CycleReport(ingested, new, merged, report, tuple(polled), run)
