"""Fetching URLs safely: every hop's address checked, redirects followed by hand, size capped.

A monitoring desk fed URLs from feeds and colleagues must not become a way into the machine's
own network (SSRF): the guard resolves each host and refuses loopback, private, link-local,
multicast, reserved and unspecified addresses unless the analyst allows private ones. httpx's
own redirect following would skip the guard on later hops, so redirects are followed here.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from watchfloor.errors import BlockedAddress, TooLarge, Unreachable, UnsupportedType
from watchfloor.ingest.options import IngestOptions

__all__ = ["Fetched", "Resolver", "check_address", "fetch_url", "resolve_host"]

logger = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body with the final URL (after redirects) and its Content-Type."""

    url: str
    content: bytes
    media_type: str | None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _blocked_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is off limits, or None when it is a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback in disguise
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        # Shared (carrier-grade NAT), documentation and other special ranges.
        ("non-public", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def check_address(url: str, options: IngestOptions, resolver: Resolver = resolve_host) -> None:
    """Refuse a URL whose host is, or resolves to, a non-public address (BlockedAddress)."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise Unreachable(f"not a valid URL ({exc})", source=url) from exc
    if parsed.scheme not in ("http", "https"):
        raise UnsupportedType(
            f"only http and https URLs are fetched, not {parsed.scheme or 'relative'} URLs",
            source=url,
        )
    host = parsed.host
    if not host:
        raise Unreachable("the URL has no host", source=url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            resolved = resolver(host, port)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise Unreachable(
                f"cannot resolve host {host} ({exc}); check the URL and the network",
                source=url,
            ) from exc
        # Zone ids ("fe80::1%eth0") are not part of the address itself.
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolved]
    if options.allow_private:
        return
    for address in addresses:
        kind = _blocked_kind(address)
        if kind is not None:
            raise BlockedAddress(
                f"host {host} is {address}, a {kind} address; refused to protect the local "
                "network. Pass --allow-private if you really mean to fetch it",
                source=url,
            )


def _read_capped(response: httpx.Response, url: str, limit: int) -> bytes:
    """The response body, stopping as soon as it passes the size cap."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(
            f"the response is {int(declared):,} bytes, over the {limit:,}-byte cap; "
            "raise --max-bytes if it is really a report",
            source=url,
        )
    body = bytearray()
    for chunk in response.iter_bytes(_CHUNK):
        body.extend(chunk)
        if len(body) > limit:
            raise TooLarge(
                f"the response passed the {limit:,}-byte cap while streaming; "
                "raise --max-bytes if it is really a report",
                source=url,
            )
    return bytes(body)


def fetch_url(
    url: str,
    options: IngestOptions,
    *,
    client: httpx.Client | None = None,
    resolver: Resolver = resolve_host,
) -> Fetched:
    """GET a URL through the address guard, following at most `max_redirects` redirects.

    Raises BlockedAddress, TooLarge, UnsupportedType or Unreachable (DNS, connection,
    timeout, too many redirects, HTTP status >= 400).
    """
    own = client is None
    session = client or httpx.Client()
    headers = {"User-Agent": options.user_agent}
    current = url
    try:
        for _hop in range(options.max_redirects + 1):
            check_address(current, options, resolver)
            try:
                with session.stream(
                    "GET",
                    current,
                    headers=headers,
                    timeout=options.fetch_timeout,
                    follow_redirects=False,
                ) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = str(response.url.join(response.headers["location"]))
                        logger.info("%s redirects to %s", url, current)
                        continue
                    if response.status_code >= 400:
                        raise Unreachable(
                            f"the server answered HTTP {response.status_code} "
                            f"{response.reason_phrase}; check the URL",
                            source=url,
                        )
                    content = _read_capped(response, url, options.max_bytes)
                    return Fetched(current, content, response.headers.get("content-type"))
            except httpx.TimeoutException as exc:
                raise Unreachable(
                    f"no answer within {options.fetch_timeout:g} s; try again later or raise "
                    "the fetch timeout",
                    source=url,
                ) from exc
            except httpx.HTTPError as exc:
                raise Unreachable(
                    f"cannot fetch {current} ({exc.__class__.__name__}: {exc})", source=url
                ) from exc
        raise Unreachable(
            f"more than {options.max_redirects} redirects; the URL loops or moved too often",
            source=url,
        )
    finally:
        if own:
            session.close()
