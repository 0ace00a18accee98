"""Writes the desk may make when a token is configured: analyst overrides and ingest."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import httpx

from watchfloor.ingest.options import IngestOptions
from watchfloor.model import Document, Genre
from watchfloor.model.incidents import Incident, Override, OverrideKind
from watchfloor.pipeline import (
    RunReport,
    apply_analyst_override,
    ingest_targets,
    store_documents,
)
from watchfloor.pipeline.update import update_derived
from watchfloor.serve.desk import Desk

__all__ = ["ActionError", "apply_action", "ingest_report"]

logger = logging.getLogger(__name__)

# Fields of an incident an analyst may pin as a plain value (a place needs a whole resolved
# PlaceMention, which the page cannot ask for; the others are derived from the claims).
PINNABLE = ("event_type", "start", "end", "corroboration")


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
    """Record an analyst's override and apply it now; returns (override, applied).

    Targets are incident ids or event-mention ids.
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
    # The pipeline stores the override and re-forms the incidents it touches at once; it is
    # also re-applied after every later merge.
    apply_analyst_override(desk.store, override)
    return override, True


def _web_url(url: str) -> str:
    """An absolute http(s) URL, normalised; anything else is refused (never a server file)."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ActionError(f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ActionError(
            "the url must be an http(s) URL with a host; the desk fetches web pages through "
            "the guarded fetcher and never reads files on the server"
        )
    return str(parsed)


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
    url = _web_url(url) if url and url.strip() else None
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
        report = store_documents([document], desk.store, extractor)
    elif url:
        options = IngestOptions(outlet=outlet, title=title, published=published, url=url)
        report = ingest_targets([url], options, desk.store, extractor)
    else:
        raise ActionError("give the text of a report, or its url")
    stored = [o.document_id for o in report.outcomes if o.document_id and o.status != "failed"]
    if stored and extractor is not None:
        # New reports join or form incidents, and update facilities and indicators, at once.
        update_derived(desk.store, stored)
    return report
