"""Partner desks `watchfloor watch` polls over TAXII 2.1 each cycle (docs/exchange.md).

The partner file is YAML::

    partners:
      - name: Desk B                          # the origin of what it shares
        url: https://desk-b.example/taxii2/api/
        collection: 5b9a…                     # the collection's id (or alias)
        token_env: DESK_B_TOKEN               # or user + password_env
        allow_private: false                  # true for a desk on this network

One partner failing (unreachable, a malformed page) costs that partner's poll only: it is
reported and tried again next cycle from where it last stopped.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from watchfloor.errors import ConfigError, WatchfloorError
from watchfloor.export.stix_check import DEFAULT_LIMITS, StixLimits
from watchfloor.export.taxii_client import PartnerFeed, PollReport, poll_collection
from watchfloor.merge import MergeOptions
from watchfloor.store import Store

__all__ = ["PartnerPoll", "PartnerResult", "poll_partners", "read_partner_list"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PartnerPoll:
    """A partner collection to poll, and whether it may live on a private address."""

    feed: PartnerFeed
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class PartnerResult:
    """One partner's poll in a cycle: its report, or the error that stopped it."""

    partner: str
    report: PollReport | None
    error: str | None


def _secret(entry: dict[str, object], key: str, env: Callable[[str], str | None]) -> str | None:
    variable = entry.get(key)
    if variable is None:
        return None
    value = env(str(variable))
    if not value:
        raise ConfigError(f"partner {entry.get('name')!r}: ${variable} is not set")
    return value


def read_partner_list(
    path: Path, env: Callable[[str], str | None] = os.environ.get
) -> list[PartnerPoll]:
    """The partners of a YAML file (see the module docstring); ConfigError names what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the partner list: {exc}", source=str(path)) from None
    entries = data.get("partners") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise ConfigError("the partner list names no partner", source=str(path))
    polls = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry.get(k) for k in ("name", "url", "collection")
        ):
            raise ConfigError(
                f"partner {number}: needs `name`, `url` and `collection`", source=str(path)
            )
        feed = PartnerFeed(
            name=str(entry["name"]),
            url=str(entry["url"]),
            collection=str(entry["collection"]),
            token=_secret(entry, "token_env", env),
            user=str(entry["user"]) if entry.get("user") else None,
            password=_secret(entry, "password_env", env),
        )
        polls.append(PartnerPoll(feed, bool(entry.get("allow_private", False))))
    return polls


def poll_partners(
    store: Store,
    partners: Sequence[PartnerPoll],
    *,
    desk: str | None = None,
    limits: StixLimits = DEFAULT_LIMITS,
    options: MergeOptions | None = None,
    allow_private: bool = False,
) -> list[PartnerResult]:
    """Poll each partner once; a failing partner is reported, the others still polled."""
    results = []
    for partner in partners:
        try:
            report = poll_collection(
                partner.feed,
                store,
                desk=desk,
                limits=limits,
                options=options,
                allow_private=allow_private or partner.allow_private,
            )
        except WatchfloorError as exc:
            logger.warning("partner %s: %s", partner.feed.name, exc)
            results.append(PartnerResult(partner.feed.name, None, str(exc)))
            continue
        results.append(PartnerResult(partner.feed.name, report, None))
    return results
