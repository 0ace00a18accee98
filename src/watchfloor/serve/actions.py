"""Writes the desk may make when a token is configured: analyst overrides and ingest."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from watchfloor import pipeline
from watchfloor.ingest.options import IngestOptions
from watchfloor.model import Document, Genre
from watchfloor.model.incidents import Incident, Override, OverrideKind
from watchfloor.pipeline import RunReport, ingest_targets, store_documents
from watchfloor.serve.app import Desk

__all__ = ["ActionError", "apply_action", "ingest_report"]

logger = logging.getLogger(__name__)

# Fields of an incident an analyst may pin (others are derived from the claims).
PINNABLE = ("event_type", "place", "start", "end", "corroboration")


class ActionError(ValueError):
    """An analyst action that cannot be carried out; the message says why."""


def _check(
    kind: OverrideKind, incident: Incident | None, targets: list[str], field: str | None
) -> None:
    if kind is OverrideKind.MERGE and len(set(targets)) < 2:
        raise ActionError("a merge needs at least two incidents or mentions")
    if kind is OverrideKind.PIN:
        if field not in PINNABLE:
            raise ActionError(f"a pin needs a field among {', '.join(PINNABLE)}")
        if incident is None and not targets:
            raise ActionError("a pin needs the incident it applies to")


def apply_action(
    desk: Desk,
    kind: str,
    targets: list[str],
    *,
    author: str,
    field: str | None = None,
    value: Any = None,
    note: str = "",
) -> tuple[Override, bool]:
    """Record an analyst's override and apply it when the pipeline can; (override, applied).

    Targets are incident ids or event-mention ids. The override is always kept (it is
    re-applied after every merge); it is applied at once through
    `watchfloor.pipeline.apply_analyst_override` when the pipeline provides it.
    """
    try:
        okind = OverrideKind(kind)
    except ValueError:
        raise ActionError(f"unknown action {kind!r}: use merge, split or pin") from None
    targets = [t.strip() for t in targets if t and t.strip()]
    for target in targets:
        if target.startswith("inc-") and desk.store.get_incident(target) is None:
            raise ActionError(f"no incident {target!r}")
    first = desk.store.get_incident(targets[0]) if targets else None
    _check(okind, first, targets, field)
    text_value = None if value is None else json.dumps(value, ensure_ascii=False)
    override = Override.build(
        okind,
        tuple(targets),
        author,
        datetime.now(UTC),
        field=field,
        value=text_value,
        note=note,
    )
    desk.store.add_override(override)
    # The lead's pipeline re-merges with the override applied; until it exists the override
    # is stored and takes effect at the next merge.
    apply = getattr(pipeline, "apply_analyst_override", None)
    if apply is None:
        return override, False
    apply(desk.store, override)
    return override, True


def ingest_report(
    desk: Desk,
    *,
    text: str | None,
    url: str | None,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    language: str = "en",
) -> RunReport:
    """Ingest one text (with its metadata) or one URL, read it, and store it."""
    extractor = desk.extractor()
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    if text is not None:
        if not text.strip():
            raise ActionError("the text is empty")
        document = Document.build(
            text,
            raw=text.encode("utf-8", errors="replace"),
            media_type="text/plain",
            source=url or f"api:{title or 'text'}",
            retrieved=datetime.now(UTC),
            language=language,
            genre=Genre.UNKNOWN,
            outlet=outlet,
            url=url,
            title=title,
            published=published,
        )
        return store_documents([document], desk.store, extractor)
    if url:
        options = IngestOptions(outlet=outlet, title=title, published=published, url=url)
        return ingest_targets([url], options, desk.store, extractor)
    raise ActionError("give the text of a report, or its url")
