"""Ingest: files, folders, feeds and URLs → `Document`, or a `Rejection` saying why not.

`read_inputs` is what the pipeline and CLI call for a batch: it never raises for a bad input,
it yields a Rejection and goes on. `read_bytes` and `read_text` serve callers that hold the
content already (the API) and raise `InputError` subclasses instead.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import httpx

from watchfloor.errors import (
    InputError,
    NothingFound,
    TooLarge,
    UnsupportedType,
    WatchfloorError,
)
from watchfloor.ingest.assemble import options_meta
from watchfloor.ingest.files import load_sidecar, sample_hash, walk_files
from watchfloor.ingest.metadata import Meta
from watchfloor.ingest.options import IngestOptions
from watchfloor.ingest.readers import check_size, read_items
from watchfloor.ingest.regular import read_regular
from watchfloor.ingest.text import read_plain
from watchfloor.ingest.urls import (
    LazyClient,
    Resolver,
    batch_resolver,
    fetch_url,
    resolve_host,
)
from watchfloor.model import Document, Rejection, content_hash

__all__ = ["IngestOptions", "read_bytes", "read_inputs", "read_text"]

logger = logging.getLogger(__name__)

_URL_SCHEMES = ("http://", "https://")


def _reject(exc: InputError, source: str, key: bytes) -> Rejection:
    """A Rejection for an input error at `source`; `key` is the raw bytes, or the input's name."""
    return Rejection(
        code=exc.code,
        message=exc.message,
        stage="ingest",
        source=source,
        content_hash=content_hash(key),
        created=datetime.now(UTC),
    )


def _bug(exc: Exception, source: str, key: bytes) -> Rejection:
    """A Rejection recording an unexpected failure with its traceback (a bug, not bad input)."""
    return Rejection(
        code=WatchfloorError.code,
        message=f"unexpected {exc.__class__.__name__} while ingesting: {exc}",
        stage="ingest",
        source=source,
        content_hash=content_hash(key),
        created=datetime.now(UTC),
        detail="".join(traceback.format_exception(exc)),
    )


def _guarded(
    produce: Callable[[], Iterator[Document | InputError]],
    source: str,
    key: bytes,
    on_bug: Literal["record", "raise"],
) -> Iterator[Document | Rejection]:
    """Run one input's reader, turning its errors into Rejections so the batch goes on."""
    try:
        for item in produce():
            if isinstance(item, InputError):
                # A bad feed entry: key its hash by entry so two bad entries stay distinct.
                entry = item.source or source
                yield _reject(item, entry, key + b"#" + entry.encode("utf-8"))
            else:
                yield item
    except InputError as exc:
        yield _reject(exc, source, key)
    except Exception as exc:
        if on_bug == "raise":
            raise
        logger.exception("%s: unexpected failure while ingesting", source)
        yield _bug(exc, source, key)


def _read_file(
    path: Path,
    options: IngestOptions,
    client: LazyClient,
    resolver: Resolver,
    on_bug: Literal["record", "raise"],
) -> Iterator[Document | Rejection]:
    source = str(path)
    try:
        # Regular files only, links followed; the size on disk is checked before reading and
        # the read itself stops one byte past the cap (regular.py).
        raw = read_regular(path, options)
    except TooLarge as exc:
        # Key the refusal without reading the whole file (the file is a regular one here).
        try:
            key = sample_hash(path).encode("ascii")
        except OSError:
            key = source.encode("utf-8")
        yield _reject(exc, source, key)
        return
    except InputError as exc:
        # Missing, unreadable, or not a regular file: one input refused, the batch goes on.
        yield _reject(exc, source, source.encode("utf-8"))
        return
    layers = (options_meta(options), load_sidecar(path))
    yield from _guarded(
        lambda: read_items(
            raw,
            source=source,
            options=options,
            layers=layers,
            name=path.name,
            client=client,
            resolver=resolver,
        ),
        source,
        raw,
        on_bug,
    )


def _read_url(
    url: str,
    options: IngestOptions,
    client: LazyClient,
    resolver: Resolver,
    on_bug: Literal["record", "raise"],
) -> Iterator[Document | Rejection]:
    try:
        fetched = fetch_url(url, options, client=client, resolver=resolver)
    except InputError as exc:
        yield _reject(exc, url, url.encode("utf-8"))
        return
    layers = (options_meta(options), Meta(url=fetched.url))
    yield from _guarded(
        lambda: read_items(
            fetched.content,
            source=url,
            options=options,
            layers=layers,
            media_type=fetched.media_type,
            name=httpx.URL(fetched.url).path,
            client=client,
            resolver=resolver,
        ),
        url,
        fetched.content,
        on_bug,
    )


def read_inputs(
    targets: Iterable[str],
    options: IngestOptions,
    *,
    client: httpx.Client | None = None,
    resolver: Resolver = resolve_host,
    on_bug: Literal["record", "raise"] = "record",
) -> Iterator[Document | Rejection]:
    """Yield a Document or a Rejection for every item in files, folders, feeds and URLs.

    Args:
        targets: file paths, folders (walked recursively in sorted order, hidden files
            skipped) and http(s) URLs. A feed yields one item per entry.
        options: metadata overrides and fetch limits; they win over `<file>.meta.yaml`
            sidecars, which win over what is read from the input itself.
        client: the httpx client used for URLs and feed links (tests pass a mock transport).
        resolver: host name → addresses, for the address guard.
        on_bug: "record" yields a Rejection with code WF-000 and the traceback for an
            unexpected exception (a bug) and goes on; "raise" re-raises it (fail fast).
    """
    resolver = batch_resolver(resolver)  # each host looked up once per batch
    session = LazyClient(options, resolver, client)  # one client for the whole batch
    try:
        yield from _read_targets(targets, options, session, resolver, on_bug)
    finally:
        session.close()


def _read_targets(
    targets: Iterable[str],
    options: IngestOptions,
    client: LazyClient,
    resolver: Resolver,
    on_bug: Literal["record", "raise"],
) -> Iterator[Document | Rejection]:
    for target in targets:
        if target.startswith(_URL_SCHEMES):
            yield from _read_url(target, options, client, resolver, on_bug)
            continue
        if "://" in target:
            exc: InputError = UnsupportedType(
                "only files, folders and http(s) URLs are read", source=target
            )
            yield _reject(exc, target, target.encode("utf-8"))
            continue
        path = Path(target)
        if not path.is_dir():
            # Files, and whatever else the path is: read_regular says what is wrong with it.
            yield from _read_file(path, options, client, resolver, on_bug)
            continue
        found = False
        for file in walk_files(path):
            found = True
            yield from _read_file(file, options, client, resolver, on_bug)
        if not found:
            nothing = NothingFound(
                "nothing found: the folder holds no file to read (hidden files and "
                ".meta.yaml sidecars are skipped)",
                source=target,
            )
            yield _reject(nothing, target, target.encode("utf-8"))


def read_bytes(
    raw: bytes,
    source: str,
    options: IngestOptions,
    media_type: str | None = None,
    *,
    client: httpx.Client | None = None,
    errors: Literal["raise", "skip"] = "raise",
) -> list[Document]:
    """The documents in some bytes (one, or one per feed entry); raises InputError subclasses.

    With errors="raise" the first bad feed entry raises; with "skip" bad entries are dropped
    (and logged) as long as at least one document is left.
    """
    layers = (options_meta(options),)
    documents: list[Document] = []
    first_error: InputError | None = None
    for item in read_items(
        raw, source=source, options=options, layers=layers, media_type=media_type, client=client
    ):
        if isinstance(item, Document):
            documents.append(item)
            continue
        if errors == "raise":
            raise item
        logger.warning("%s", item)
        first_error = first_error or item
    if not documents and first_error is not None:
        raise first_error
    return documents


def read_text(text: str, source: str, options: IngestOptions) -> Document:
    """A Document from text already in hand (plain text; furniture removed, metadata guessed)."""
    raw = text.encode("utf-8")
    check_size(len(raw), options, source)
    return read_plain(text, raw=raw, source=source, layers=(options_meta(options),))
