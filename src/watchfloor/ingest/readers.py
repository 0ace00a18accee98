"""Bytes of any supported kind → Documents: the one dispatch from sniffed kind to reader."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

import httpx

from watchfloor.errors import InputError, TooLarge, UnsupportedType
from watchfloor.ingest.decode import charset_from_media_type, declared_charset, decode_text
from watchfloor.ingest.detect import Kind, sniff_kind
from watchfloor.ingest.feeds import read_feed
from watchfloor.ingest.html import read_html
from watchfloor.ingest.metadata import Meta
from watchfloor.ingest.options import IngestOptions
from watchfloor.ingest.pdf import read_pdf
from watchfloor.ingest.rows import is_rows, read_rows
from watchfloor.ingest.text import read_markdown, read_plain
from watchfloor.ingest.urls import LazyClient, Resolver, fetch_url, resolve_host
from watchfloor.model import Document

__all__ = ["check_size", "read_items"]


def check_size(size: int, options: IngestOptions, source: str) -> None:
    """Raise TooLarge when an input of `size` bytes passes the configured cap."""
    if size > options.max_bytes:
        raise TooLarge(
            f"the input is {size:,} bytes, over the {options.max_bytes:,}-byte cap; "
            "raise --max-bytes if it is really a report",
            source=source,
        )


def _read_single(
    kind: Kind,
    raw: bytes,
    *,
    source: str,
    layers: Sequence[Meta],
    media_type: str | None,
) -> Document:
    """One document from bytes of a known, non-feed kind."""
    if kind is Kind.PDF:
        return read_pdf(raw, source=source, layers=layers)
    http_charset = charset_from_media_type(media_type)
    text, _encoding = decode_text(raw, (http_charset, declared_charset(raw)), source=source)
    if kind is Kind.HTML:
        url = next((layer.url for layer in layers if layer.url), None)
        return read_html(text, raw=raw, source=source, layers=layers, url=url)
    if kind is Kind.MARKDOWN:
        return read_markdown(text, raw=raw, source=source, layers=layers)
    return read_plain(text, raw=raw, source=source, layers=layers)


def read_items(
    raw: bytes,
    *,
    source: str,
    options: IngestOptions,
    layers: Sequence[Meta],
    media_type: str | None = None,
    name: str | None = None,
    client: httpx.Client | LazyClient | None = None,
    resolver: Resolver = resolve_host,
) -> Iterator[Document | InputError]:
    """Yield the documents in some bytes: one for a file or page, one per entry for a feed.

    A problem with the whole input is raised (InputError); a problem with one feed entry is
    yielded in its place so the other entries go on. `name` (a file name or URL path) only
    breaks ties when the content does not say what it is. `client` is an httpx client, or
    the batch's `LazyClient`; feed links share one client either way.
    """
    check_size(len(raw), options, source)
    if is_rows(name or source) and not media_type:
        yield from read_rows(
            raw, source=source, name=name or source, layers=layers, columns=dict(options.columns)
        )
        return
    kind = sniff_kind(raw, name or PurePosixPath(source).name, media_type)
    if kind is not Kind.FEED:
        yield _read_single(kind, raw, source=source, layers=layers, media_type=media_type)
        return

    session = client if isinstance(client, LazyClient) else LazyClient(options, resolver, client)

    def fetch_link(link: str, entry_source: str, entry_layers: Sequence[Meta]) -> Document:
        """Fetch an entry's link through the guard and read it as a page."""
        fetched = fetch_url(link, options, client=session, resolver=resolver)
        page_kind = sniff_kind(fetched.content, httpx.URL(fetched.url).path, fetched.media_type)
        if page_kind is Kind.FEED:
            raise UnsupportedType("the entry links to another feed, not an article", source=link)
        return _read_single(
            page_kind,
            fetched.content,
            source=entry_source,
            layers=entry_layers,
            media_type=fetched.media_type,
        )

    try:
        yield from read_feed(
            raw,
            source=source,
            layers=layers,
            media_type=media_type,
            fetch_link=fetch_link if options.fetch_feed_links else None,
            max_entries=options.max_feed_entries,
        )
    finally:
        if session is not client:
            session.close()
