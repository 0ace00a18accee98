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
import hashlib
import hmac
import json
import logging
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.export.stix import NAMESPACE, stix_id, stix_objects
from watchfloor.export.tlp import DEFAULT_LEVEL, normalise_level, rank
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
STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
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
class IncidentFilter:
    """The incidents a collection holds (the filters of `watchfloor export`)."""

    event_type: str | None = None
    actor: str | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    min_origins: int | None = None
    since: date | None = None
    until: date | None = None

    def select(self, store: Store, ids: Sequence[str]) -> list[Incident]:
        """The incidents among `ids` that pass the filter (latest first)."""
        return store.incidents(
            since=self.since,
            until=self.until,
            event_type=self.event_type,
            actor=self.actor,
            near=self.near,
            min_origins=self.min_origins,
            ids=ids,
        )


@dataclass(frozen=True, slots=True)
class CollectionSpec:
    """A collection: id, alias, title, description, filter, TLP ceiling and readers."""

    id: str
    alias: str
    title: str
    description: str
    filter: IncidentFilter
    ceiling: str = DEFAULT_LEVEL
    readers: tuple[str, ...] | None = None  # partner names; None: every partner

    def readable_by(self, reader: str | None) -> bool:
        """True for the desk's own token (reader None) and for the partners it names."""
        return reader is None or self.readers is None or reader in self.readers

    def info(self) -> dict[str, Any]:
        """The TAXII collection resource."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "alias": self.alias,
            "can_read": True,
            "can_write": False,
            "media_types": [STIX_MEDIA_TYPE],
        }


@dataclass(frozen=True, slots=True)
class PartnerReader:
    """A partner allowed to read: its name and the SHA-256 of its read token."""

    name: str
    token_sha256: str = field(repr=False)

    def accepts(self, token: str) -> bool:
        """True when `token` is this partner's (compared in constant time)."""
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        return hmac.compare_digest(digest, self.token_sha256)


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


# -- the YAML file ----------------------------------------------------------------------------
def _default_collection() -> CollectionSpec:
    return CollectionSpec(
        id=str(uuid.uuid5(NAMESPACE, "collection|all")),
        alias="all",
        title="All incidents",
        description="Every incident of this desk marked TLP:GREEN or below.",
        filter=IncidentFilter(),
    )


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _filter(data: Any, where: str) -> IncidentFilter:
    if data is None:
        return IncidentFilter()
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: `filter` must be a mapping")
    unknown = set(data) - {"type", "actor", "near", "km", "min_origins", "since", "until"}
    if unknown:
        raise ConfigError(f"{where}: unknown filter keys {sorted(unknown)}")
    near = None
    if data.get("near") is not None:
        try:
            lat, lon = (float(part) for part in str(data["near"]).split(","))
            km = float(data.get("km", 50))
        except ValueError:
            raise ConfigError(f"{where}: `near` must be LAT,LON and `km` a number") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
            raise ConfigError(f"{where}: `near`/`km` out of range")
        near = (lat, lon, km)
    origins = data.get("min_origins")
    if origins is not None and (not isinstance(origins, int) or not 0 <= origins <= 1000):
        raise ConfigError(f"{where}: `min_origins` must be a whole number")
    return IncidentFilter(
        event_type=str(data["type"]) if data.get("type") else None,
        actor=str(data["actor"]) if data.get("actor") else None,
        near=near,
        min_origins=origins,
        since=_date(data.get("since"), where),
        until=_date(data.get("until"), where),
    )


def collection_spec(data: Any, where: str) -> CollectionSpec:
    """A collection from its plain definition (as in the TAXII file); ConfigError if invalid."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a mapping")
    alias = str(data.get("alias") or data.get("id") or "").strip()
    if not alias:
        raise ConfigError(f"{where}: give it an `alias`")
    ident = str(data.get("id") or uuid.uuid5(NAMESPACE, f"collection|{alias}"))
    try:
        uuid.UUID(ident)
        ceiling = normalise_level(str(data.get("tlp", DEFAULT_LEVEL)))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    readers = data.get("readers")
    if readers is not None and not (
        isinstance(readers, list) and all(isinstance(r, str) for r in readers)
    ):
        raise ConfigError(f"{where}: `readers` must be a list of partner names")
    return CollectionSpec(
        id=ident,
        alias=alias,
        title=str(data.get("title") or alias),
        description=str(data.get("description") or ""),
        filter=_filter(data.get("filter"), where),
        ceiling=ceiling,
        readers=tuple(readers) if readers is not None else None,
    )


def _partner(data: Any, number: int, env: Callable[[str], str | None]) -> PartnerReader:
    where = f"partner {number}"
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ConfigError(f"{where}: needs a `name`")
    digest = data.get("token_sha256")
    if digest is None and data.get("token_env"):
        token = env(str(data["token_env"]))
        if not token:
            raise ConfigError(f"{where}: ${data['token_env']} is not set")
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
    if not isinstance(digest, str) or len(digest) != 64:
        raise ConfigError(f"{where}: give `token_sha256` (64 hex digits) or `token_env`")
    return PartnerReader(data["name"], digest.lower())


def load_exchange(
    path: Path | None, desk: str, env: Callable[[str], str | None] = os.environ.get
) -> Exchange:
    """The collections and partners of a YAML file (or one TLP:GREEN collection of all)."""
    if path is None:
        return Exchange(desk, (_default_collection(),))
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
        partners = tuple(_partner(item, n, env) for n, item in enumerate(partners_raw, 1))
    except ConfigError as exc:
        raise ConfigError(exc.message, source=str(path)) from None
    ids = [c.id for c in collections] + [c.alias for c in collections]
    if len(set(ids)) != len(ids):
        raise ConfigError("two collections share an id or alias", source=str(path))
    served = collections or (_default_collection(),)
    return Exchange(str(data.get("desk") or desk), served, partners)
