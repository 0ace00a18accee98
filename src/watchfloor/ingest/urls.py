"""Fetching URLs safely: every hop's address checked, redirects followed by hand, size capped.

A monitoring desk fed URLs from feeds and colleagues must not become a way into the machine's
own network (SSRF): the guard resolves each host and refuses loopback, private, link-local,
multicast, reserved and unspecified addresses unless the analyst allows private ones. httpx's
own redirect following would skip the guard on later hops, so redirects are followed here.

Checking a name and then letting httpx resolve it again to connect leaves a gap: a DNS answer
that changes in between (rebinding) would reach the local network. The client `fetch_url`
builds therefore connects through a network backend that resolves and vets the name itself
and connects to the vetted address, for every connection of every hop; the Host header and
TLS (SNI and certificate checks) still use the name. That client uses no proxy from the
environment: a proxy would resolve the name itself, out of the guard's reach. A caller that
passes its own client (tests with mock transports) owns its connections.

`fetch_timeout` is one deadline over the whole fetch, redirects and body included, so a
server that sends its answer a few bytes at a time cannot hold a fetch open.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpcore
import httpx

from watchfloor.errors import BlockedAddress, InputError, TooLarge, Unreachable, UnsupportedType
from watchfloor.ingest.options import IngestOptions

__all__ = [
    "Fetched",
    "LazyClient",
    "Resolver",
    "batch_resolver",
    "check_address",
    "fetch_url",
    "guarded_client",
    "resolve_host",
    "vet_host",
]

logger = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]

_REDIRECTS = {301, 302, 303, 307, 308}


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


def batch_resolver(resolver: Resolver, limit: int = 10_000) -> Resolver:
    """`resolver`, asking at most once per (host, port) in a batch; failures are kept too.

    The entries of one feed mostly link to one or two hosts: a 10,000-entry feed asked DNS
    10,000 times for the same name (about a tenth of a second each here). The guard loses
    nothing: the check and the guarded connection see the same answer, so the connection
    still goes only to an address that was vetted. At most `limit` names are remembered.
    """
    answers: dict[tuple[str, int], list[str] | OSError | UnicodeError] = {}

    def resolve(host: str, port: int) -> list[str]:
        key = (host.lower(), port)
        if key not in answers:
            if len(answers) >= limit:
                answers.clear()
            try:
                answers[key] = list(resolver(host, port))
            except (OSError, UnicodeError) as exc:
                answers[key] = exc
        found = answers[key]
        if isinstance(found, OSError | UnicodeError):
            raise found
        return list(found)

    return resolve


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


def vet_host(
    host: str, port: int, options: IngestOptions, resolver: Resolver = resolve_host
) -> list[str]:
    """The addresses of a host, each checked: BlockedAddress if any is non-public.

    Returns what to connect to: the host itself when it is an address, else every address
    it resolves to (Unreachable when it does not resolve).
    """
    host = host.strip("[]")  # an IPv6 literal may come in its URL brackets
    try:
        addresses = [ipaddress.ip_address(host)]
        connect = [host]
    except ValueError:
        try:
            connect = resolver(host, port)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise Unreachable(
                f"cannot resolve host {host} ({exc}); check the URL and the network"
            ) from exc
        if not connect:
            raise Unreachable(f"host {host} resolves to no address; check the URL") from None
        # Zone ids ("fe80::1%eth0") are not part of the address itself.
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in connect]
    if options.allow_private:
        return connect
    for address in addresses:
        kind = _blocked_kind(address)
        if kind is not None:
            raise BlockedAddress(
                f"host {host} is {address}, a {kind} address; refused to protect the local "
                "network. Pass --allow-private if you really mean to fetch it"
            )
    return connect


def _with_source(exc: InputError, url: str) -> InputError:
    """The same error, naming the URL (errors raised below a request do not know it)."""
    return exc if exc.source else type(exc)(exc.message, source=url)


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
        vet_host(host, port, options, resolver)
    except InputError as exc:
        raise _with_source(exc, url) from exc


class _GuardedBackend(httpcore.SyncBackend):
    """A network backend that connects only to addresses it has just vetted for the name."""

    def __init__(self, options: IngestOptions, resolver: Resolver) -> None:
        self._options = options
        self._resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """A stream to the first vetted address of `host` that accepts the connection."""
        # Resolving here, once, and connecting to exactly what was checked closes the gap
        # between the guard's lookup and the connection's (DNS rebinding).
        *others, last = vet_host(host, port, self._options, self._resolver)
        for address in others:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue  # try the next address, as socket.create_connection would
        return super().connect_tcp(last, port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, with its connection pool opening connections through the guard."""

    def __init__(self, options: IngestOptions, resolver: Resolver) -> None:
        super().__init__()
        # HTTPTransport takes no network backend, so its pool is replaced by one that has it
        # (same settings as httpx's defaults otherwise, SSL_CERT_FILE included).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(options, resolver),
        )


def guarded_client(options: IngestOptions, resolver: Resolver = resolve_host) -> httpx.Client:
    """An httpx client whose every connection goes to an address the guard has vetted."""
    return httpx.Client(transport=_GuardedTransport(options, resolver), trust_env=False)


class LazyClient:
    """One guarded client for a whole batch, built on first use, or the caller's own client.

    Building a client costs about a tenth of a second (two TLS contexts), so a batch builds
    at most one, and only once some URL has passed the address check: a feed of 10,000
    entries whose links all point at refused addresses builds none.
    """

    def __init__(
        self,
        options: IngestOptions,
        resolver: Resolver = resolve_host,
        client: httpx.Client | None = None,
    ) -> None:
        self._options = options
        self._resolver = resolver
        self._given = client
        self._own: httpx.Client | None = None

    def __call__(self) -> httpx.Client:
        """The caller's client, else the batch's guarded client (built now if need be)."""
        if self._given is not None:
            return self._given
        if self._own is None:
            self._own = guarded_client(self._options, self._resolver)
        return self._own

    def close(self) -> None:
        """Close the client this object built (a caller's own client stays open)."""
        if self._own is not None:
            self._own.close()
            self._own = None


def _timed_out(options: IngestOptions, url: str) -> Unreachable:
    """The error for a fetch that passed its deadline."""
    return Unreachable(
        f"no answer within {options.fetch_timeout:g} s (the whole fetch, redirects and body "
        "included); try again later or raise the fetch timeout",
        source=url,
    )


def _read_capped(
    response: httpx.Response, url: str, options: IngestOptions, deadline: float
) -> bytes:
    """The response body, stopping as soon as it passes the size cap or the deadline."""
    limit = options.max_bytes
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(
            f"the response is {int(declared):,} bytes, over the {limit:,}-byte cap; "
            "raise --max-bytes if it is really a report",
            source=url,
        )
    body = bytearray()
    # No chunk size: httpx would buffer small pieces into one chunk and the deadline would
    # only be looked at once a dripping server had sent a whole chunk's worth.
    for piece in response.iter_bytes():
        body.extend(piece)
        if len(body) > limit:
            raise TooLarge(
                f"the response passed the {limit:,}-byte cap while streaming; "
                "raise --max-bytes if it is really a report",
                source=url,
            )
        if time.monotonic() > deadline:
            raise _timed_out(options, url)
    return bytes(body)


def fetch_url(
    url: str,
    options: IngestOptions,
    *,
    client: httpx.Client | LazyClient | None = None,
    resolver: Resolver = resolve_host,
) -> Fetched:
    """GET a URL through the address guard, following at most `max_redirects` redirects.

    Without `client`, every connection goes through the guard (`guarded_client`); a given
    client is used as it is, after the guard has checked each hop's URL; a `LazyClient` is
    asked for its client only once the first URL has passed the check. `fetch_timeout`
    bounds the whole fetch. Raises BlockedAddress, TooLarge, UnsupportedType or Unreachable
    (DNS, connection, timeout, too many redirects, HTTP status >= 400).
    """
    own = client is None
    prechecked = not isinstance(client, httpx.Client)
    if prechecked:
        # The first hop is checked before a client is built (building one is the costly part).
        check_address(url, options, resolver)
    if isinstance(client, LazyClient):
        session = client()
    else:
        session = client or guarded_client(options, resolver)
    headers = {"User-Agent": options.user_agent}
    current = url
    deadline = time.monotonic() + options.fetch_timeout
    try:
        for hop in range(options.max_redirects + 1):
            if hop or not prechecked:
                check_address(current, options, resolver)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _timed_out(options, url)
            try:
                # Each wait (connect, read) gets what is left of the fetch's time, so no
                # single one outlasts the deadline either.
                with session.stream(
                    "GET",
                    current,
                    headers=headers,
                    timeout=remaining,
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
                    content = _read_capped(response, url, options, deadline)
                    return Fetched(current, content, response.headers.get("content-type"))
            except httpx.TimeoutException as exc:
                raise _timed_out(options, url) from exc
            except httpx.HTTPError as exc:
                raise Unreachable(
                    f"cannot fetch {current} ({exc.__class__.__name__}: {exc})", source=url
                ) from exc
            except InputError as exc:
                if exc.source:
                    raise
                # The guarded backend refuses a connection without knowing the URL.
                raise _with_source(exc, url) from exc
        raise Unreachable(
            f"more than {options.max_redirects} redirects; the URL loops or moved too often",
            source=url,
        )
    finally:
        if own:
            session.close()
