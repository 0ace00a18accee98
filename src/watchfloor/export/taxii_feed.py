"""What a desk serves over TAXII 2.1: collections (saved filters) and their pages of objects.

A collection is a saved incident filter with a TLP ceiling, defined in a YAML file
(docs/exchange.md)::

    collections:
      - alias: escapes-ne-syria
        title: Prison escapes in north-east Syria, two origins or more
        tlp: amber                      # ceiling; default green
        filter: {type: prison_escape, near: "36.5,40.8", km: 150, min_origins: 2}
        readers: [desk-b]               # partners that may read it; default: every partner
    partners:
      - name: desk-b
        token_sha256: 5e88…             # or token_env: DESK_B_TOKEN

Objects are the STIX export's (export/stix.py), built per incident with the incident's own
TLP level; an incident marked above the collection's ceiling is never served, so no object
is. Each object's `date_added` is the time its incident was last saved here; objects are
served in (date_added, incident, position) order, and a page's `next` names the last object
served, so pages never skip or repeat an object of an unchanging store. Every page starts
with the objects it refers to that are not incident-specific (the desk's identity, the
extension definition, the markings), so a client can import each page on its own.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.export.stix import stix_id, stix_objects
from watchfloor.export.taxii_collections import (
    STIX_MEDIA_TYPE,
    CollectionSpec,
    IncidentFilter,
    PartnerReader,
    collection_spec,
    default_collection,
    partner_reader,
)
from watchfloor.export.tlp import rank
from watchfloor.model.incidents import Incident
from watchfloor.store import Store
from watchfloor.store.exchange import ExchangeState

__all__ = [
    "STIX_MEDIA_TYPE",
    "TAXII_MEDIA_TYPE",
    "CollectionSpec",
    "Exchange",
    "IncidentFilter",
    "Page",
    "PageRequest",
    "PartnerReader",
    "collection_spec",
    "load_exchange",
    "taxii_timestamp",
]

logger = logging.getLogger(__name__)

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
_CHUNK = 200  # incidents read from the store at a time while filling a page
_CACHED = 2000  # incidents whose built objects are kept (a few MB)


def taxii_timestamp(stored: str) -> str:
    """A stored ISO time as TAXII writes it: UTC, microseconds, "Z"."""
    moment = datetime.fromisoformat(stored).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> str:
    """A TAXII timestamp (added_after) as the store writes times, for comparison."""
    moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True, slots=True)
class PageRequest:
    """The filters and paging of a TAXII objects or manifest request."""

    added_after: str | None = None  # as stored (parse_timestamp)
    limit: int = 100
    next: str | None = None
    ids: frozenset[str] | None = None
    types: frozenset[str] | None = None
    versions: frozenset[str] | None = None  # "last", "first", "all" or timestamps


@dataclass(frozen=True, slots=True)
class Page:
    """One page: (date_added, object) pairs, whether more follow, and the next token."""

    items: tuple[tuple[str, dict[str, Any]], ...]
    more: bool
    next: str | None


class BadRequest(ValueError):
    """A TAXII request parameter that cannot be read (answered with 400)."""


def _cursor(token: str | None) -> tuple[str, str, int] | None:
    if not token:
        return None
    try:
        updated, incident, index = json.loads(base64.urlsafe_b64decode(token.encode()))
        return str(updated), str(incident), int(index)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadRequest("`next` is not a token this server gave") from None


def _token(updated: str, incident: str, index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([updated, incident, index]).encode()).decode()


def _version(obj: dict[str, Any]) -> str:
    return str(obj.get("modified") or obj.get("created") or "")


def _versions_match(obj: dict[str, Any], wanted: frozenset[str] | None) -> bool:
    # Only the current version of each object is kept: "last", "first" and "all" all match it.
    if wanted is None or wanted & {"last", "first", "all"}:
        return True
    return _version(obj) in wanted


@dataclass
class Exchange:
    """The collections a desk serves, who may read them, and how pages are built."""

    desk: str
    collections: tuple[CollectionSpec, ...]
    partners: tuple[PartnerReader, ...] = ()
    _cache: OrderedDict[tuple[str, str, str], list[dict[str, Any]]] = field(
        default_factory=OrderedDict, repr=False, compare=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def all_collections(self, store: Store | None = None) -> tuple[CollectionSpec, ...]:
        """The file's collections, then those defined from the desk (stored in `store`).

        A stored collection whose id or alias a file collection already has is left out: the
        file, which the desk's operator wrote, wins.
        """
        if store is None:
            return self.collections
        taken = {c.id for c in self.collections} | {c.alias for c in self.collections}
        extra = []
        for number, data in enumerate(ExchangeState(store).stored_collections(), 1):
            try:
                spec = collection_spec(data, f"stored collection {number}")
            except ConfigError as exc:
                logger.warning("%s; not served", exc)
                continue
            if spec.id not in taken and spec.alias not in taken:
                extra.append(spec)
                taken |= {spec.id, spec.alias}
        return (*self.collections, *extra)

    def collection(self, ref: str, store: Store | None = None) -> CollectionSpec | None:
        """The collection with this id (or alias)."""
        return next((c for c in self.all_collections(store) if ref in (c.id, c.alias)), None)

    def is_from_file(self, ref: str) -> bool:
        """True for a collection the TAXII file defines (the desk cannot change those)."""
        return any(ref in (c.id, c.alias) for c in self.collections)

    def reader_of(self, token: str) -> str | None:
        """The partner whose read token this is, or None."""
        return next((p.name for p in self.partners if p.accepts(token)), None)

    def _groups(
        self,
        store: Store,
        spec: CollectionSpec,
        after: str | None,
        ids: frozenset[str] | None = None,
    ) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
        """(date_added, incident id, objects) of the collection's incidents, oldest first.

        When only report, note or opinion ids are asked for, incidents that cannot hold them
        are passed over without building their objects (those ids derive from the incident's
        and its claims' ids).
        """
        own = _own_ids(ids)
        state = ExchangeState(store)
        rows = state.updated_since(after)
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            when = dict(chunk)
            if own is not None:  # look the ids up in the index before loading anything
                members = state.members(list(when))
                when = {i: w for i, w in when.items() if not own.isdisjoint(_ids(i, members[i]))}
                if not when:
                    continue
            kept = spec.filter.select(store, list(when))
            levels = state.levels_of(kept)
            allowed = [i for i in kept if rank(levels[i.id]) <= rank(spec.ceiling)]
            allowed.sort(key=lambda i: (when[i.id], i.id))
            for incident in allowed:
                key = (incident.id, when[incident.id], levels[incident.id])
                yield taxii_timestamp(when[incident.id]), incident.id, self._built(key, incident)

    def _built(self, key: tuple[str, str, str], incident: Incident) -> list[dict[str, Any]]:
        """An incident's objects as plain JSON, from the cache while it is unchanged.

        The key holds the time the incident was saved and its level, so a re-merge or a new
        marking builds afresh; several partners polling the same changes share one build.
        """
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        objects = stix_objects([incident], desk=self.desk, tlp=key[2])
        plain = [json.loads(o.serialize()) for o in objects]
        with self._lock:
            self._cache[key] = plain
            while len(self._cache) > _CACHED:
                self._cache.popitem(last=False)
        return plain

    def page(self, store: Store, spec: CollectionSpec, request: PageRequest) -> Page:
        """One page of the collection's objects under the request's filters."""
        cursor = _cursor(request.next)
        after = request.added_after
        start = cursor[0] if cursor else after
        items: list[tuple[str, dict[str, Any]]] = []
        seen: set[tuple[str, str]] = set()
        last: tuple[str, str, int] | None = None
        for stored_from, (added, incident, objects) in _with_stored(
            self._groups(store, spec, start, request.ids)
        ):
            if after is not None and stored_from <= after:
                continue  # added_after is strict
            for index, obj in enumerate(objects):
                position = (stored_from, incident, index)
                if cursor is not None and position <= cursor:
                    continue
                if request.ids is not None and obj["id"] not in request.ids:
                    continue
                if request.types is not None and obj["type"] not in request.types:
                    continue
                if not _versions_match(obj, request.versions):
                    continue
                key = (obj["id"], _version(obj))
                if key in seen:
                    continue
                if len(items) == request.limit:
                    assert last is not None
                    return Page(tuple(items), True, _token(*last))
                seen.add(key)
                items.append((added, obj))
                last = position
        return Page(tuple(items), False, None)


_OWN_TYPES = ("report", "note", "opinion")


def _own_ids(ids: frozenset[str] | None) -> frozenset[str] | None:
    """The asked-for ids when all are incident-specific (report, note, opinion), else None."""
    if ids is None or any(i.split("--", 1)[0] not in _OWN_TYPES for i in ids):
        return None
    return ids


def _ids(incident_id: str, mention_ids: Sequence[str]) -> set[str]:
    """The report, note and opinion ids an incident's objects can have."""
    found = {stix_id("report", incident_id)}
    for mention in mention_ids:
        found |= {stix_id("note", mention), stix_id("opinion", mention)}
    return found


def _with_stored(
    groups: Iterator[tuple[str, str, list[dict[str, Any]]]],
) -> Iterator[tuple[str, tuple[str, str, list[dict[str, Any]]]]]:
    """Each group with its date_added as the store writes it (what cursors compare)."""
    for added, incident, objects in groups:
        yield parse_timestamp(added), (added, incident, objects)


def load_exchange(
    path: Path | None, desk: str, env: Callable[[str], str | None] = os.environ.get
) -> Exchange:
    """The collections and partners of a YAML file (or one TLP:GREEN collection of all)."""
    if path is None:
        return Exchange(desk, (default_collection(),))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the TAXII collections: {exc}", source=str(path)) from None
    if not isinstance(data, dict):
        raise ConfigError("the TAXII file must be a mapping", source=str(path))
    raw = data.get("collections") or []
    if not isinstance(raw, list):
        raise ConfigError("`collections` must be a list", source=str(path))
    partners_raw = data.get("partners") or []
    if not isinstance(partners_raw, list):
        raise ConfigError("`partners` must be a list", source=str(path))
    try:
        collections = tuple(
            collection_spec(item, f"collection {n}") for n, item in enumerate(raw, 1)
        )
        partners = tuple(partner_reader(item, n, env) for n, item in enumerate(partners_raw, 1))
    except ConfigError as exc:
        raise ConfigError(exc.message, source=str(path)) from None
    ids = [c.id for c in collections] + [c.alias for c in collections]
    if len(set(ids)) != len(ids):
        raise ConfigError("two collections share an id or alias", source=str(path))
    served = collections or (default_collection(),)
    return Exchange(str(data.get("desk") or desk), served, partners)
