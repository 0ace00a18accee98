"""Desks served on loopback by uvicorn in a thread (TAXII interop, browser tests)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from watchfloor.export.taxii_feed import load_exchange
from watchfloor.merge import incident_keys
from watchfloor.serve import create_app
from watchfloor.store import Store, open_store

LOOPBACK = "127.0.0.1"


def _wait(condition, what: str) -> None:
    """Wait for a server thread (a bound on waiting, not a timing assertion)."""
    for _ in range(400):
        if condition():
            return
        time.sleep(0.025)
    raise AssertionError(f"{what} did not start")


@contextmanager
def serving(app) -> Iterator[int]:
    """Run an ASGI app with uvicorn on 127.0.0.1, on a port the system picks."""
    config = uvicorn.Config(app, host=LOOPBACK, port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait(lambda: server.started, "uvicorn")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


def desk(tmp_path: Path, name: str, incidents, partner: str, token: str) -> tuple[Store, Any]:
    store = open_store(":memory:")
    store.save_incidents(incidents, {i.id: incident_keys(i) for i in incidents})
    taxii = tmp_path / f"{name}.yaml"
    digest = hashlib.sha256(token.encode()).hexdigest()
    taxii.write_text(
        "collections:\n  - alias: shared\n    title: Shared incidents\n"
        f"partners:\n  - name: {partner}\n    token_sha256: {digest}\n",
        encoding="utf-8",
    )
    app = create_app(store, token=f"{name}-own-token")
    app.state.exchange = load_exchange(taxii, name)
    return store, app
