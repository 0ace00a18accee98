"""TAXII 2.1 collection paging: a full read of a collection of N incidents, page by page.

Builds N incidents (copies of the hand-made escape of tests/export, each with its own mention
ids) in a temporary SQLite store, then reads the default collection with `limit=1000`: first
with every incident's STIX objects built, then again with them cached, then one `match[id]`
look-up answered through the members index. Prints incidents/s and objects/s of each, and the
cached/uncached ratio. Run: .venv/bin/python bench/taxii_pages.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import incident_factory as F
from watchfloor.export.taxii_feed import Exchange, PageRequest, load_exchange
from watchfloor.merge import incident_keys
from watchfloor.store import Store, open_store


def _fill(store: Store, count: int) -> None:
    base = F.seed_claims()
    for start in range(0, count, 200):
        batch = []
        for n in range(start, min(count, start + 200)):
            claims = [replace(c, mention_id=f"evm-{n}-{k}") for k, c in enumerate(base)]
            batch.append(F.make_incident(claims, seed=f"evm-{n}-0"))
        store.save_incidents(batch, {i.id: incident_keys(i) for i in batch})


def _full_read(exchange: Exchange, store: Store) -> tuple[int, int, float]:
    spec = exchange.collections[0]
    started = time.perf_counter()
    pages = objects = 0
    token = None
    while True:
        page = exchange.page(store, spec, PageRequest(limit=1000, next=token))
        pages += 1
        objects += len(page.items)
        if not page.more:
            return pages, objects, time.perf_counter() - started
        token = page.next


def main() -> None:
    """Fill a store, read its collection twice and look one report up."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        _fill(store, count)
        exchange = load_exchange(None, "bench desk")
        pages, objects, cold = _full_read(exchange, store)
        _, _, warm = _full_read(exchange, store)
        wanted = frozenset({"report--00000000-0000-4000-8000-000000000000"})
        started = time.perf_counter()
        exchange.page(store, exchange.collections[0], PageRequest(ids=wanted))
        lookup = time.perf_counter() - started
        store.close()
    print(f"{count} incidents, {pages} pages, {objects} objects")
    print(f"built:  {count / cold:8.1f} incidents/s {objects / cold:9.1f} objects/s")
    print(f"cached: {count / warm:8.1f} incidents/s {objects / warm:9.1f} objects/s")
    print(f"cached/built speed ratio: {cold / warm:.1f}")
    print(f"match[id] of a report through the members index: {count / lookup:.0f} incidents/s")


if __name__ == "__main__":
    main()
