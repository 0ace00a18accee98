"""`watchfloor serve`: the desk (web pages and JSON API) over a store, with uvicorn."""

from __future__ import annotations

import ipaddress
import socket

import click

from watchfloor.cli.common import (
    db_option,
    fail,
    load_settings,
    make_extractor,
    open_db,
    stderr,
    watchfloor_errors,
)
from watchfloor.extract import Extractor

__all__ = ["reach", "serve"]


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _addresses(host: str) -> list[str]:
    """The addresses the desk listens on: the host's own, or this machine's for 0.0.0.0/::."""
    try:
        bound = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        bound = None
    if bound is not None and not bound.is_unspecified:
        return [str(bound)]
    found: list[str] = []
    names = [host] if bound is None else [socket.gethostname(), socket.getfqdn()]
    for name in names:
        try:
            infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
        except OSError:
            continue
        for info in infos:
            address = str(info[4][0]).split("%", 1)[0]
            if address not in found:
                found.append(address)
    return found


def reach(host: str, port: int) -> list[str]:
    """Who can reach a desk bound to `host`, one sentence per address it listens on."""
    lines = []
    for text in _addresses(host):
        address = ipaddress.ip_address(text)
        if address.is_loopback:
            who = "this machine only"
        elif address.is_global:
            who = "ANY machine on the internet that can route to it (unless a firewall stops it)"
        else:
            who = "every machine on the same local or private network"
        lines.append(f"http://{text if address.version == 4 else f'[{text}]'}:{port}/ : {who}")
    if not lines:
        lines.append(f"{host}:{port}: every machine that can reach this host")
    return lines


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything beyond loopback needs --public.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public",
    is_flag=True,
    help="Allow binding beyond loopback (other machines can then read the desk).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A Host name to answer besides the defaults (repeatable; '*.example.org' for "
    "subdomains) [$WATCHFLOOR_DESK_HOSTS: the whole list].",
)
@click.option(
    "--token",
    default=None,
    envvar="WATCHFLOOR_TOKEN",
    metavar="T",
    help="Enable ingest and analyst actions for this bearer token [$WATCHFLOOR_TOKEN].",
)
@watchfloor_errors
def serve(
    db: str | None,
    host: str,
    port: int,
    public: bool,
    allowed_hosts: tuple[str, ...],
    token: str | None,
) -> None:
    """Serve the desk: map, timeline, incidents, documents, search, report, /api/v1 and TAXII.

    TAXII 2.1 is served at /taxii2/ (collections from WATCHFLOOR_TAXII_COLLECTIONS; reading
    needs the token or a partner's read token, see docs/exchange.md).

    It answers only requests whose Host is a loopback name (or one added with
    --allowed-host), reads no request body before checking the token, and refuses bodies
    over WATCHFLOOR_MAX_BODY_BYTES.
    """
    import uvicorn

    from watchfloor.export.taxii_feed import load_exchange
    from watchfloor.serve import create_app

    if not _is_loopback(host) and not public:
        raise fail(
            f"--host {host} would let other machines read the desk; add --public if that is "
            "what you mean (and set --token only on a network you trust)"
        )
    settings = load_settings(db=db)
    hosts = list(dict.fromkeys([*settings.desk_hosts, *allowed_hosts]))
    if public:
        # The names other machines will use for this desk: the bound address, or this
        # machine's addresses when bound to all of them.
        hosts += [a for a in _addresses(host) if a not in hosts]
    store = open_db(db)

    def extractor() -> Extractor:
        return make_extractor(settings)

    app = create_app(
        store,
        token=token,
        extractor_factory=extractor if token else None,
        allowed_hosts=hosts,
        max_body_bytes=settings.max_body_bytes,
    )
    app.state.exchange = load_exchange(settings.taxii_collections, settings.desk_name)
    mode = "analyst mode (token set)" if token else "read-only"
    stderr.print(f"watchfloor desk on http://{host}:{port}/ ({mode}); Ctrl-C stops it")
    served = len(app.state.exchange.collections)
    stderr.print(f"TAXII 2.1 at http://{host}:{port}/taxii2/ ({served} collections from the file)")
    if public:
        stderr.print(f"[yellow]public: bound to {host}; who can reach the desk:[/]")
        for line in reach(host, port):
            stderr.print(f"  {line}", style="yellow", markup=False, highlight=False)
    stderr.print(
        f"answering Host names: {', '.join(hosts)} (add others with --allowed-host)",
        markup=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
