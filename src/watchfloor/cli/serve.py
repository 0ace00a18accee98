"""`watchfloor serve`: the desk (web pages and JSON API) over a store, with uvicorn."""

from __future__ import annotations

import click

from watchfloor.cli.common import (
    db_option,
    load_settings,
    make_extractor,
    open_db,
    stderr,
    watchfloor_errors,
)
from watchfloor.extract import Extractor

__all__ = ["serve"]


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; the default is reachable from this machine only.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    default=None,
    envvar="WATCHFLOOR_TOKEN",
    metavar="T",
    help="Enable ingest and analyst actions for this bearer token [$WATCHFLOOR_TOKEN].",
)
@watchfloor_errors
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the desk: map, timeline, incidents, documents, search, report, /api/v1 and TAXII.

    TAXII 2.1 is served at /taxii2/ (collections from WATCHFLOOR_TAXII_COLLECTIONS; reading
    needs the token or a partner's read token, see docs/exchange.md).
    """
    import uvicorn

    from watchfloor.export.taxii_feed import load_exchange
    from watchfloor.serve import create_app

    store = open_db(db)
    settings = load_settings(db=db)

    def extractor() -> Extractor:
        return make_extractor(settings)

    app = create_app(store, token=token, extractor_factory=extractor if token else None)
    app.state.exchange = load_exchange(settings.taxii_collections, settings.desk_name)
    mode = "analyst mode (token set)" if token else "read-only"
    stderr.print(f"watchfloor desk on http://{host}:{port}/ ({mode}); Ctrl-C stops it")
    served = len(app.state.exchange.collections)
    stderr.print(f"TAXII 2.1 at http://{host}:{port}/taxii2/ ({served} collections from the file)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(f"[yellow]warning: bound to {host}: other machines can reach the desk[/]")
    uvicorn.run(app, host=host, port=port, log_level="warning")
