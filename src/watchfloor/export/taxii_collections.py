"""The collections a desk serves over TAXII and the partners that may read them, as the YAML
file defines them (docs/exchange.md): saved incident filters with a TLP ceiling and readers."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from watchfloor.errors import ConfigError
from watchfloor.export.stix_ids import NAMESPACE
from watchfloor.export.tlp import DEFAULT_LEVEL, normalise_level
from watchfloor.model.incidents import Incident
from watchfloor.store import Store

__all__ = [
    "STIX_MEDIA_TYPE",
    "CollectionSpec",
    "IncidentFilter",
    "PartnerReader",
    "collection_spec",
    "default_collection",
    "partner_reader",
]

STIX_MEDIA_TYPE = "application/stix+json;version=2.1"


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


def default_collection() -> CollectionSpec:
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


def partner_reader(data: Any, number: int, env: Callable[[str], str | None]) -> PartnerReader:
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
