"""Poll a partner desk's TAXII 2.1 collection (taxii2-client) and import what is new.

One poll reads every page of the collection's objects added after the watermark the store
remembers for it (`taxii_polls`), checks them like a bundle file (export/stix_check.py: caps,
nesting, the stix2 library), and imports them through the same trust boundary as
`import stix` (export/stix_import.py), with the partner desk as their origin. The new
watermark is the server's `X-TAXII-Date-Added-Last` of the last page, saved only after the
import is stored: a poll that fails is simply done again.

The partner's address is vetted like any fetched URL (public addresses only, unless private
ones are allowed, e.g. for a desk on the same network); redirects are refused; the whole
poll's bytes and objects are capped.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from taxii2client.common import _HTTPConnection  # the one way to share a session
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import ApiRoot, Collection, as_pages

from watchfloor.errors import ExportError, InputError
from watchfloor.export.stix_check import DEFAULT_LIMITS, StixLimits, check_objects
from watchfloor.export.stix_import import ImportReport, import_bundle, read_partner_objects
from watchfloor.ingest import IngestOptions
from watchfloor.ingest.urls import check_address
from watchfloor.merge import MergeOptions
from watchfloor.store import Store
from watchfloor.store.exchange import ExchangeState

__all__ = [
    "PartnerFeed",
    "PollReport",
    "collection_url",
    "poll_collection",
    "resolve_collection",
]

logger = logging.getLogger(__name__)

_USER_AGENT = "watchfloor-taxii/0.1"


@dataclass(frozen=True, slots=True)
class PartnerFeed:
    """A partner's TAXII collection and how to read it.

    `url` is the partner's API root (…/taxii2/api/) or the collection's own URL; `token` is
    sent as `Authorization: Bearer`, `user`/`password` as HTTP basic authentication.
    """

    name: str
    url: str
    collection: str
    token: str | None = field(default=None, repr=False)
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    verify: bool = True


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll read and imported, and where it stopped."""

    partner: str
    url: str
    pages: int
    objects: int
    added_after: str | None
    watermark: str | None
    imported: ImportReport


class _Bearer(requests.auth.AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: Any) -> Any:
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def collection_url(url: str, collection: str) -> str:
    """The collection's URL from an API root URL (or the collection URL itself)."""
    base = url if url.endswith("/") else url + "/"
    if base.rstrip("/").endswith(f"/collections/{collection}"):
        return base
    return f"{base}collections/{collection}/"


class _Watch:
    """Response hook: reads each body up to what is left of the poll's byte cap (hooks run

    before requests reads the body), and keeps the last X-TAXII-Date-Added-Last.
    """

    def __init__(self, max_bytes: int, source: str) -> None:
        self.max_bytes = max_bytes
        self.source = source
        self.total = 0
        self.last: str | None = None

    def _too_large(self) -> ExportError:
        return ExportError(
            f"the poll passed the cap of {self.max_bytes} bytes (setting stix_max_bytes)",
            source=self.source,
        )

    def __call__(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        left = self.max_bytes - self.total
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > left:
            response.close()
            raise self._too_large()
        body = response.raw.read(left + 1, decode_content=True)
        response.close()
        self.total += len(body)
        if self.total > self.max_bytes:
            raise self._too_large()
        response._content = body  # what requests would have read, capped
        response._content_consumed = True
        added = response.headers.get("X-TAXII-Date-Added-Last")
        if added:
            self.last = added
        return response


class _Timeouts(HTTPAdapter):
    """Every request gets a timeout (taxii2-client passes none: a stalled partner would hang)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(max_retries=0)
        self.seconds = seconds

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Send with the adapter's timeout unless one is given."""
        kwargs["timeout"] = kwargs.get("timeout") or self.seconds
        return super().send(request, *args, **kwargs)


def _connection(feed: PartnerFeed, watch: _Watch, timeout: float = 30.0) -> Any:
    auth = _Bearer(feed.token) if feed.token else None
    conn = _HTTPConnection(
        user=feed.user,
        password=feed.password,
        verify=feed.verify,
        user_agent=_USER_AGENT,
        version="2.1",
        auth=auth,
    )
    conn.session.max_redirects = 0  # a partner's server answers where it was asked
    conn.session.trust_env = False
    conn.session.hooks["response"].append(watch)
    for scheme in ("http://", "https://"):
        conn.session.mount(scheme, _Timeouts(timeout))
    return conn


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def resolve_collection(feed: PartnerFeed, limits: StixLimits = DEFAULT_LIMITS) -> str:
    """The collection's id: given as is, or looked up by alias (or title) in the API root."""
    if _is_uuid(feed.collection) or "/collections/" in feed.url:
        return feed.collection
    conn = _connection(feed, _Watch(limits.max_bytes, feed.url))
    try:
        root = ApiRoot(feed.url if feed.url.endswith("/") else feed.url + "/", conn=conn)
        for found in root.collections:
            if feed.collection in (found.alias, found.title):
                return str(found.id)
    except (requests.RequestException, TAXIIServiceException, ValueError) as exc:
        raise ExportError(f"cannot list the collections ({exc})", source=feed.url) from None
    finally:
        conn.close()
    raise ExportError(f"no collection {feed.collection!r} to read there", source=feed.url)


def _read_pages(
    feed: PartnerFeed, url: str, added_after: str | None, limits: StixLimits, per_page: int
) -> tuple[list[dict[str, Any]], int, str | None]:
    watch = _Watch(limits.max_bytes, url)
    conn = _connection(feed, watch)
    objects: list[dict[str, Any]] = []
    pages = 0
    try:
        collection = Collection(url, conn=conn)
        filters: dict[str, Any] = {"added_after": added_after} if added_after else {}
        for envelope in as_pages(collection.get_objects, per_request=per_page, **filters):
            pages += 1
            if not isinstance(envelope, dict):
                raise ExportError(f"page {pages} is not a TAXII envelope", source=url)
            found = envelope.get("objects", [])
            objects.extend(check_objects(found, source=f"{url} page {pages}", limits=limits))
            if len(objects) > limits.max_objects:
                raise ExportError(
                    f"the poll passed the cap of {limits.max_objects} objects "
                    "(setting stix_max_objects)",
                    source=url,
                )
    except (requests.RequestException, TAXIIServiceException, ValueError) as exc:
        raise ExportError(f"cannot poll the collection ({exc})", source=url) from None
    finally:
        conn.close()
    return objects, pages, watch.last


def poll_collection(
    feed: PartnerFeed,
    store: Store,
    *,
    desk: str | None = None,
    limits: StixLimits = DEFAULT_LIMITS,
    options: MergeOptions | None = None,
    allow_private: bool = False,
    per_page: int = 100,
    restart: bool = False,
) -> PollReport:
    """Read what the partner added since the last poll and import it (see the module doc).

    Args:
        feed: the partner's collection.
        store: where to import, and where the watermark is kept.
        desk: this desk's name (claims sent back to it are echoes, skipped).
        limits: caps on the poll's bytes, objects and nesting.
        options: merge knobs.
        allow_private: let the partner live on a loopback or private address.
        per_page: objects asked for per page.
        restart: ignore the remembered watermark and read the whole collection.
    """
    try:
        check_address(feed.url, IngestOptions(allow_private=allow_private))
    except InputError as exc:
        raise ExportError(f"refused: {exc.message}", source=feed.url) from None
    collection = resolve_collection(feed, limits)
    url = collection_url(feed.url, collection)
    state = ExchangeState(store)
    known = None if restart else state.poll_state(url, collection)
    added_after = known.added_after if known else None
    objects, pages, watermark = _read_pages(feed, url, added_after, limits, per_page)
    bundle_id = f"bundle--{uuid.uuid4()}"
    data = {"type": "bundle", "id": bundle_id, "objects": objects}
    bundle = read_partner_objects(data, source=url, partner=feed.name, desk=desk)
    report = import_bundle(bundle, store, options)
    state.save_poll(url, collection, feed.name, watermark or added_after, len(objects))
    logger.info("%s: %d objects in %d pages since %s", url, len(objects), pages, added_after)
    return PollReport(
        feed.name, url, pages, len(objects), added_after, watermark or added_after, report
    )
