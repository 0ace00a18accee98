"""TAXII 2.1 interop on loopback: two desks exchange incidents both ways; a desk polls the
OASIS reference server (medallion, memory backend loaded with a bundle); taxii2-client reads a
desk's collection page by page. Every server binds 127.0.0.1 on an ephemeral port.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import incident_factory as F
from helpers.serving import LOOPBACK, serving
from helpers.serving import desk as _desk
from watchfloor.export.stix import write_stix
from watchfloor.export.taxii_client import PartnerFeed, poll_collection
from watchfloor.model import Source, SourceKind
from watchfloor.store import Store, open_store
from watchfloor.store.exchange import ExchangeState

pytestmark = pytest.mark.issue(20)


def _claims(store: Store) -> list:
    return [c for incident in store.incidents() for c in incident.claims]


def test_two_desks_exchange_an_incident_both_ways(tmp_path) -> None:
    far = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    strike = [
        c.__class__(**{**{s: getattr(c, s) for s in c.__slots__}, "place": far, "mention_id": m})
        for c, m in zip(F.seed_claims()[:2], ("evm-b1", "evm-b2"), strict=True)
    ]
    escape = F.make_incident()
    airstrike = F.make_incident(strike, seed="evm-b1", where=far, event_type="airstrike")
    store_a, app_a = _desk(tmp_path, "Desk A", [escape], "Desk B", "b-reads-a")
    store_b, app_b = _desk(tmp_path, "Desk B", [airstrike], "Desk A", "a-reads-b")
    with serving(app_a) as port_a, serving(app_b) as port_b:
        a_feed = PartnerFeed("Desk A", f"http://{LOOPBACK}:{port_a}/taxii2/api/", "shared")
        b_feed = PartnerFeed("Desk B", f"http://{LOOPBACK}:{port_b}/taxii2/api/", "shared")
        a_feed = a_feed.__class__(**{**_fields(a_feed), "token": "b-reads-a"})
        b_feed = b_feed.__class__(**{**_fields(b_feed), "token": "a-reads-b"})
        # Desk B polls Desk A, then Desk A polls Desk B (which now also holds A's claims).
        b_got = poll_collection(a_feed, store_b, desk="Desk B", allow_private=True, per_page=7)
        a_got = poll_collection(b_feed, store_a, desk="Desk A", allow_private=True, per_page=7)
        # A now holds B's claims in an incident of its own: B sees it, and skips its own claims.
        echo = poll_collection(a_feed, store_b, desk="Desk B", allow_private=True)
        again = poll_collection(a_feed, store_b, desk="Desk B", allow_private=True)
    assert b_got.pages > 1 and b_got.imported.claims == len(escape.claims)
    assert a_got.imported.claims == len(airstrike.claims)
    assert len(a_got.imported.skipped) == len(escape.claims)  # A's own claims, sent back
    assert echo.imported.claims == 0 and len(echo.imported.skipped) == len(airstrike.claims)
    assert (again.objects, again.imported.claims) == (0, 0)  # it remembered where it stopped
    desk_a, desk_b = (Source(n, SourceKind.PARTNER) for n in ("Desk A", "Desk B"))
    from_a = [c for c in _claims(store_b) if c.chain[0] == desk_a]
    from_b = [c for c in _claims(store_a) if c.chain[0] == desk_b]
    assert {c.origin for c in from_a} == {c.origin for c in escape.claims}
    assert {c.origin for c in from_b} == {c.origin for c in airstrike.claims}
    assert store_a.get_incident(escape.id) == escape  # nothing local was overwritten
    assert store_b.get_incident(airstrike.id) == airstrike
    shared = app_a.state.exchange.collection("shared").id
    state = ExchangeState(store_b).poll_state(b_got.url, shared)
    assert state is not None and echo.watermark is not None and b_got.watermark is not None
    assert state.added_after == echo.watermark > b_got.watermark


def _fields(feed: PartnerFeed) -> dict:
    return {name: getattr(feed, name) for name in feed.__slots__}


# -- medallion, the OASIS reference server ---------------------------------------------------
COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"


@contextmanager
def medallion_server(tmp_path: Path, objects: list[dict]) -> Iterator[int]:
    medallion = pytest.importorskip("medallion", reason="medallion (dev extra)")
    from medallion.common import get_timestamp
    from werkzeug.serving import make_server

    data = {
        "/discovery": {
            "title": "medallion",
            "description": "OASIS TAXII 2.1 reference server",
            "default": "/api1/",
            "api_roots": ["/api1/"],
        },
        "api1": {
            "information": {
                "title": "api1",
                "versions": ["application/taxii+json;version=2.1"],
                "max_content_length": 10_000_000,
            },
            "status": [],
            "collections": [
                {
                    "id": COLLECTION,
                    "title": "Partner incidents",
                    "can_read": True,
                    "can_write": False,
                    "media_types": ["application/stix+json;version=2.1"],
                    "objects": [],
                    "manifest": [],
                }
            ],
        },
    }
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    config = {
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(tmp_path / "data.json"),
        },
        "users": {"watchfloor": "medallion-pass"},
        "taxii": {"max_page_size": 6},
    }
    (tmp_path / "medallion.json").write_text(json.dumps(config), encoding="utf-8")
    app = medallion.load_app(str(tmp_path / "medallion.json"))
    app.medallion_backend.add_objects("api1", COLLECTION, {"objects": objects}, get_timestamp())
    server = make_server(LOOPBACK, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(10)


def test_a_desk_polls_the_medallion_reference_server(tmp_path) -> None:
    out = io.StringIO()
    write_stix([F.make_incident()], out, desk="CERT partner", tlp="amber")
    # medallion 3.0.0 reads any `version` property as a manifest timestamp, so it fails on
    # extension-definition objects (their `version` is "1.0.0"): the bundle goes in without it.
    objects = [
        o for o in json.loads(out.getvalue())["objects"] if o["type"] != "extension-definition"
    ]
    store = open_store(":memory:")
    with medallion_server(tmp_path, objects) as port:
        feed = PartnerFeed(
            "CERT partner",
            f"http://{LOOPBACK}:{port}/api1/",
            COLLECTION,
            user="watchfloor",
            password="medallion-pass",
        )
        first = poll_collection(feed, store, allow_private=True, per_page=6)
        second = poll_collection(feed, store, allow_private=True, per_page=6)
    assert first.objects == len(objects) and first.pages > 1
    assert first.imported.claims == 3 and first.watermark
    assert second.imported.claims == 0  # polled from the watermark medallion gave
    (incident,) = store.incidents()
    assert all(c.chain[0] == Source("CERT partner", SourceKind.PARTNER) for c in incident.claims)
    assert ExchangeState(store).level_of(incident) == "amber"  # the partner's marking kept
    store.close()


def test_taxii2_client_reads_a_desk_collection_page_by_page(tmp_path) -> None:
    pytest.importorskip("taxii2client")
    from taxii2client.v21 import Server, as_pages

    far = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    incidents = [F.make_incident(), F.make_incident(F.seed_claims()[:1], seed="evm-x", where=far)]
    store, app = _desk(tmp_path, "Desk A", incidents, "reader", "reader-token")
    with serving(app) as port:
        server = Server(f"http://{LOOPBACK}:{port}/taxii2/", user="reader", password="reader-token")
        (root,) = server.api_roots
        (collection,) = root.collections
        assert collection.can_read and not collection.can_write
        pages = [page.get("objects", []) for page in as_pages(collection.get_objects, 5)]
        manifest = [page.get("objects", []) for page in as_pages(collection.get_manifest, 5)]
        whole = collection.get_objects(limit=1000)["objects"]
        server.close()
    assert len(pages) > 1 and all(len(page) <= 5 for page in pages)
    assert {o["id"] for page in pages for o in page} == {o["id"] for o in whole}
    assert {e["id"] for page in manifest for e in page} == {o["id"] for o in whole}
    assert sum(o["type"] == "report" for o in whole) == 2
    store.close()
