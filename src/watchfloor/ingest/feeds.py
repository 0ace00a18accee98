"""RSS and Atom feeds: one Document per entry; a bad entry is rejected alone.

feedparser is always handed bytes, never a URL: given a URL it would fetch by itself and
bypass the address guard in `urls.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import feedparser

from watchfloor.errors import EmptyInput, InputError, MalformedFeed, TooLarge
from watchfloor.ingest.assemble import build_document
from watchfloor.ingest.html import html_to_text
from watchfloor.ingest.metadata import Meta, parse_published
from watchfloor.model import Document

__all__ = ["FetchLink", "read_feed", "with_title"]

logger = logging.getLogger(__name__)

# Fetch an entry's link and read it as a page, under the entry's metadata layers.
FetchLink = Callable[[str, str, Sequence[Meta]], Document]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# An entry with neither content nor summary is read from its title alone when the title has at
# least this many words ("Kurdish forces retake Hasakah prison"); a shorter one says too little.
_TITLE_ONLY_WORDS = 4


def _entry_body(entry: Any) -> tuple[str, str]:
    """(text, "content" | "summary" | "") from an entry's content, else its summary."""
    for part in entry.get("content") or ():
        value = str(part.get("value") or "")
        kind = str(part.get("type") or "text/html")
        text = html_to_text(value) if kind in _HTML_TYPES else value
        if text.strip():
            return text, "content"
    summary = str(entry.get("summary") or "")
    if summary.strip():
        return html_to_text(summary), "summary"
    return "", ""


def _entry_title(entry: Any) -> str:
    """The entry's title on one line ("" when it has none)."""
    return " ".join(html_to_text(str(entry.get("title") or "")).split())


def with_title(title: str, text: str) -> str:
    """The text an entry is read as: its title, then its body unless the body already opens
    with the title. A feed item's title often names what the summary leaves out (the town,
    the group), and an item with only a title is a one-line report."""
    if not title:
        return text
    head = " ".join(text.split())[: len(title)]
    if head.casefold() == title.casefold():
        return text
    return f"{title}\n\n{text}" if text.strip() else title


def _entry_meta(entry: Any, outlet: str | None) -> Meta:
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return Meta(
        outlet=outlet,
        url=entry.get("link") or None,
        published=parse_published(published) if published else None,
        author=entry.get("author") or None,
        title=" ".join(str(entry.get("title") or "").split()) or None,
    )


def _parse_error(parsed: Any) -> str:
    """The parser's complaint with its line number when it has one."""
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "no feed entries found"
    line = getattr(exc, "getLineNumber", None)
    where = f"line {line()}: " if callable(line) else ""
    message = getattr(exc, "getMessage", None)
    return f"{where}{message() if callable(message) else exc}"


def read_feed(
    raw: bytes,
    *,
    source: str,
    layers: Sequence[Meta],
    media_type: str | None = None,
    fetch_link: FetchLink | None = None,
    max_entries: int | None = None,
) -> Iterator[Document | InputError]:
    """Yield a Document, or the InputError that refused it, for each entry of a feed.

    The whole feed is refused (MalformedFeed raised) only when it yields no entries at all.
    An entry with only a summary is completed by `fetch_link` when given; if the fetch fails
    the summary is kept and the failure recorded in `extras["fetch_error"]`. Past
    `max_entries` entries, the rest are refused together with one TooLarge (WF-I005).
    """
    headers = {"content-type": media_type} if media_type else {}
    parsed = feedparser.parse(raw, response_headers=headers)
    entries = list(parsed.get("entries") or ())
    if not entries:
        if parsed.get("bozo"):
            raise MalformedFeed(
                f"not valid RSS/Atom ({_parse_error(parsed)}); check the URL points at the "
                "feed, not its HTML page",
                source=source,
            )
        raise EmptyInput("the feed has no entries; nothing to ingest", source=source)
    if parsed.get("bozo"):
        logger.warning("%s: feed is not well-formed (%s)", source, _parse_error(parsed))
    outlet = " ".join(str(parsed.get("feed", {}).get("title") or "").split()) or None
    kept = entries if max_entries is None else entries[:max_entries]
    for number, entry in enumerate(kept, start=1):
        entry_source = f"{source}#entry-{number}"
        try:
            entry_layers = (*layers, _entry_meta(entry, outlet))
            yield _read_entry(entry, entry_source, entry_layers, fetch_link)
        except InputError as exc:
            yield exc
    if len(kept) < len(entries):
        yield TooLarge(
            f"the feed has {len(entries):,} entries, over the cap of {len(kept):,} per feed: "
            f"the first {len(kept):,} were read, entries {len(kept) + 1:,}-{len(entries):,} "
            "were not; raise WATCHFLOOR_FEED_MAX_ENTRIES (or --max-entries) to read more",
            source=f"{source}#entries-{len(kept) + 1}-{len(entries)}",
        )


def _read_entry(
    entry: Any, source: str, layers: Sequence[Meta], fetch_link: FetchLink | None
) -> Document:
    text, part = _entry_body(entry)
    link = entry.get("link")
    extras: dict[str, Any] = {"feed_entry": part or "link"}
    if part != "content" and link and fetch_link is not None:
        try:
            return fetch_link(link, source, layers)
        except InputError as exc:
            if not text:
                raise
            logger.info("%s: link %s not fetched (%s); using the summary", source, link, exc)
            extras["fetch_error"] = str(exc)
    title = _entry_title(entry)
    if not text.strip() and len(title.split()) < _TITLE_ONLY_WORDS:
        raise EmptyInput(
            "the entry has no content or summary and its title is too short to read alone, and "
            "fetching its link is off or impossible",
            source=source,
        )
    raw = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    return build_document(
        with_title(title, text),
        raw=f"{title}\n\n{raw}".encode(),
        media_type="text/html",
        source=source,
        layers=layers,
        extras=extras,
    )
