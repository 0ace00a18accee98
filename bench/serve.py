"""Desk benchmark: page and API latency with 100k incidents, against the same store queries.

Builds (or reuses) an SQLite store of synthetic incidents (`bench/synthetic_store.py`), starts
the desk with uvicorn on 127.0.0.1 in a separate process, and times each page and API call
through httpx. In the same loop, interleaved so that machine load hits every path alike, it
times the store calls the handler makes (`Store.incidents`, `get_incident`, ...) and the bare
SQL a paginated page needs (rows fetched, nothing rebuilt). It prints p50/p95/mean per path
and the ratios page/store and page/SQL: the first says what rendering and HTTP add, the
second how far the handler is from what the database can do. Nothing is asserted.

    python bench/serve.py                              # 100k incidents in a temporary store
    python bench/serve.py --db /tmp/desk.sqlite        # build once, reuse on later runs
    python bench/serve.py --db /tmp/desk.sqlite --profile overview
    python bench/serve.py --db /tmp/desk.sqlite --compare-src /tmp/main/src \
        --compare-db /tmp/desk-main.sqlite      # A/B with another tree, requests alternating
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean, quantiles
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import text

from synthetic_store import build_store
from watchfloor.store import Store, open_store
from watchfloor.store.incident_query import marker_rows, stored_counts
from watchfloor.store.places import place_centre
from watchfloor.store.search import (
    fts_query,
    matching_incidents_where,
    search_documents,
    search_incidents,
)

PAGE = 51  # the desk asks for one row more than it shows, to know whether a next page exists
MAP_LIMIT = 2000  # what the overview draws on its map (serve/pages.py)
ORDER = "ORDER BY date_end DESC, id"


@dataclass
class Case:
    """One path timed three ways: over HTTP, through the store, and as bare SQL."""

    name: str
    url: Callable[[int], str]
    store: Callable[[int], object]
    sql: Callable[[int], object]
    slow: bool = False  # rebuilds every incident per request: run only when asked (--slow)
    page: list[float] = field(default_factory=list)
    direct: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sample:
    """Values drawn from the store to aim filters at: ids, a type, a point, a place, an actor."""

    ids: list[str]
    doc_ids: dict[str, list[str]]
    event_type: str
    lat: float
    lon: float
    place: str
    actor: str
    word: str


def _rows(store: Store, sql: str, **params: Any) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def draw_sample(store: Store, seed: int = 12) -> Sample:
    """Seeded picks from what the store holds, so every filter matches something."""
    rng = random.Random(seed)
    total = _rows(store, "SELECT max(rowid) FROM incidents")[0][0]
    picks = [rng.randrange(1, total + 1) for _ in range(50)]
    rows = _rows(
        store,
        "SELECT id, lat, lon, place_name, event_type, "
        "json_extract(data, '$.actors[0].actor_id') FROM incidents "
        f"WHERE rowid IN ({','.join(map(str, picks))})",
    )
    docs = {
        r[0]: [
            d[0]
            for d in _rows(
                store,
                "SELECT DISTINCT json_extract(c.value, '$.document_id') FROM incidents, "
                "json_each(incidents.data, '$.claims') AS c WHERE incidents.id = :id",
                id=r[0],
            )
        ]
        for r in rows
    }
    first = rows[0]
    return Sample(
        [r[0] for r in rows], docs, first[4], first[1], first[2], first[3], first[5], "escaped"
    )


# -- the server process ------------------------------------------------------------------
def serve(db: str, port: int, max_seconds: float) -> None:
    """Run the desk on 127.0.0.1:port until told to stop, the parent dies, or time runs out."""
    import uvicorn

    from watchfloor.serve import create_app

    store = open_store(db)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store), host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
    )
    parent, deadline = os.getppid(), time.monotonic() + max_seconds

    def watchdog() -> None:
        # A bounded lifetime: an abandoned benchmark never leaves a server running.
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.5)
        server.should_exit = True

    threading.Thread(target=watchdog, daemon=True).start()
    server.run()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    db: str, max_seconds: float, script: str = __file__
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the desk in a child process and wait (bounded) until it answers.

    `script` is the benchmark file the child runs with --serve (another tree's, for --compare).
    """
    port = _free_port()
    child = subprocess.Popen(
        [
            sys.executable,
            script,
            "--serve",
            db,
            "--port",
            str(port),
            "--max-seconds",
            str(max_seconds),
        ]
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(f"{base}/api/v1", timeout=2).status_code == 200:
                return child, base
        except httpx.TransportError:
            time.sleep(0.25)
        if child.poll() is not None:
            break
    child.terminate()
    raise SystemExit(f"the desk did not start on {base}")


# -- the cases -----------------------------------------------------------------------------
def build_cases(store: Store, s: Sample) -> list[Case]:
    """Every path the brief names, with the store calls and SQL behind each."""

    def listing(
        sql_where: str = "", params: dict[str, Any] | None = None, offset: int = 0
    ) -> Callable[[int], object]:
        where = f"WHERE {sql_where}" if sql_where else ""
        sql = f"SELECT id, summary FROM incidents {where} {ORDER} LIMIT {PAGE} OFFSET {offset}"
        return lambda _: _rows(store, sql, **(params or {}))

    def overview(**kw: Any) -> Callable[[int], object]:
        # What the page reads: the list's summaries, the map's marker rows and the counts.
        def run(_: int) -> object:
            store.incident_summaries(**kw, limit=PAGE)
            marker_rows(store, limit=MAP_LIMIT, **kw)
            return stored_counts(store)

        return run

    near = (s.lat, s.lon, 50.0)
    bbox = "lat BETWEEN :la0 AND :la1 AND lon BETWEEN :lo0 AND :lo1"  # no spatial index
    box = {"la0": s.lat - 0.46, "la1": s.lat + 0.46, "lo0": s.lon - 0.56, "lo1": s.lon + 0.56}
    actor_sql = (
        "EXISTS (SELECT 1 FROM json_each(incidents.data, '$.actors') AS a "
        "WHERE json_extract(a.value, '$.actor_id') = :actor)"
    )
    fts = "id IN (SELECT incident_id FROM search_incidents WHERE search_incidents MATCH :q)"

    def incident_sql(n: int) -> object:
        ref = s.ids[n % len(s.ids)]
        docs = s.doc_ids[ref]
        marks = ",".join(f":d{k}" for k in range(len(docs)))
        return (
            _rows(store, "SELECT data FROM incidents WHERE id = :id", id=ref),
            _rows(
                store,
                f"SELECT data FROM readings WHERE document_id IN ({marks})",
                **{f"d{k}": d for k, d in enumerate(docs)},
            ),
        )

    def incident_store(n: int) -> object:
        incident = store.get_incident(s.ids[n % len(s.ids)])
        assert incident is not None
        return [
            store.get_annotated(d) for d in dict.fromkeys(c.document_id for c in incident.claims)
        ]

    def search_store(_: int) -> object:
        hits = search_incidents(store, s.word, limit=50)
        return (
            search_documents(store, s.word, limit=50),
            store.incident_summaries(ids=[h.id for h in hits]),
        )

    def search_sql(_: int) -> object:
        return (
            _rows(
                store,
                "SELECT document_id FROM search_documents WHERE search_documents "
                "MATCH :q ORDER BY rank LIMIT 50",
                q=fts_query(s.word),
            ),
            _rows(
                store,
                "SELECT i.summary FROM incidents AS i WHERE i.id IN (SELECT incident_id "
                "FROM search_incidents WHERE search_incidents MATCH :q ORDER BY rank LIMIT 50)",
                q=fts_query(s.word),
            ),
        )

    q = urlencode
    api = "/api/v1/incidents"
    return [
        Case("overview /", lambda _: "/", overview(), listing()),
        Case(
            f"overview ?type={s.event_type}",
            lambda _: "/?" + q({"type": s.event_type}),
            overview(event_type=s.event_type),
            listing("event_type = :t", {"t": s.event_type}),
        ),
        Case(
            "overview ?min_origins=3",
            lambda _: "/?min_origins=3",
            overview(min_origins=3),
            listing("origins >= 3"),
        ),
        Case(
            "overview ?lat&lon&km=50",
            lambda _: "/?" + q({"lat": s.lat, "lon": s.lon, "km": 50}),
            overview(near=near),
            listing(bbox, box),
        ),
        Case(
            f"overview ?actor={s.actor}",
            lambda _: "/?" + q({"actor": s.actor}),
            overview(actor=s.actor),
            listing(actor_sql, {"actor": s.actor}),
        ),
        Case(
            f"overview ?place={s.place}",
            lambda _: "/?" + q({"place": s.place}),
            lambda _: (
                place_centre(store, s.place),
                place_centre(store, s.place),
                overview(near=near)(0),
            ),
            lambda _: (
                _rows(
                    store, "SELECT lat, lon FROM incidents WHERE place_name = :p LIMIT 1", p=s.place
                ),
                listing(bbox, box)(0),
            ),
        ),
        Case(
            f"overview ?q={s.word}",
            lambda _: "/?" + q({"q": s.word}),
            # The words become one SQL condition; the list and the map page within it.
            lambda _: overview(ids=matching_incidents_where(store, s.word))(0),
            listing(fts, {"q": fts_query(s.word)}),
        ),
        Case(
            "incident page",
            lambda n: f"/incidents/{s.ids[n % len(s.ids)]}",
            incident_store,
            incident_sql,
        ),
        Case(
            "API list ?limit=50",
            lambda _: f"{api}?limit=50",
            lambda _: store.incident_summaries(limit=PAGE),
            listing(),
        ),
        Case(
            "API list ?type&min_origins=2",
            lambda _: f"{api}?" + q({"type": s.event_type, "min_origins": 2}),
            lambda _: store.incident_summaries(event_type=s.event_type, min_origins=2, limit=PAGE),
            listing("event_type = :t AND origins >= 2", {"t": s.event_type}),
        ),
        Case(
            "API list ?offset=50000",
            lambda _: f"{api}?offset=50000",
            lambda _: store.incident_summaries(limit=PAGE, offset=50000),
            listing(offset=50_000),
        ),
        Case(
            "API list ?lat&lon&km=50",
            lambda _: f"{api}?" + q({"lat": s.lat, "lon": s.lon, "km": 50}),
            lambda _: store.incident_summaries(near=near, limit=PAGE),
            listing(bbox, box),
        ),
        Case(
            "API detail", lambda n: f"{api}/{s.ids[n % len(s.ids)]}", incident_store, incident_sql
        ),
        Case(
            f"search ?q={s.word}", lambda _: "/search?" + q({"q": s.word}), search_store, search_sql
        ),
    ]


# -- timing --------------------------------------------------------------------------------
def _timed(run: Callable[[int], object], n: int) -> float:
    started = time.perf_counter()
    run(n)
    return time.perf_counter() - started


def measure(case: Case, client: httpx.Client, repeat: int, budget: float) -> None:
    """Time a case's three paths in turn, `repeat` times or until `budget` seconds ran out."""

    def fetch(n: int) -> None:
        response = client.get(case.url(n))
        if response.status_code != 200:
            raise SystemExit(f"{case.name}: HTTP {response.status_code} {response.text[:300]}")

    # Warm caches and connection pools first: not timed.
    fetch(0)
    case.store(0)
    case.sql(0)
    started = time.monotonic()
    for n in range(repeat):
        if n and time.monotonic() - started > budget:
            break  # a slow path gets fewer samples rather than an endless run
        case.page.append(_timed(fetch, n))
        case.direct.append(_timed(case.store, n))
        case.bare.append(_timed(case.sql, n))


def _stats(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and mean, in milliseconds."""
    ms = sorted(v * 1000 for v in values)
    if len(ms) == 1:
        return ms[0], ms[0], ms[0]
    cuts = quantiles(ms, n=100, method="inclusive")
    return cuts[49], cuts[94], mean(ms)


def print_table(cases: list[Case]) -> None:
    """One row per case: n, the three paths' p50/p95/mean and the p50 ratios."""
    head = (
        f"{'path':<32} {'n':>3}  {'page p50/p95/mean ms':>24}  {'store p50/p95/mean':>22}  "
        f"{'SQL p50/p95/mean':>20}  {'page/store':>10} {'page/SQL':>9}"
    )
    print(head)
    print("-" * len(head))
    for c in cases:
        page, direct, bare = _stats(c.page), _stats(c.direct), _stats(c.bare)
        fmt = "{:>7.1f} {:>7.1f} {:>7.1f}"
        print(
            f"{c.name[:32]:<32} {len(c.page):>3}  {fmt.format(*page):>24}  "
            f"{fmt.format(*direct):>22}  {fmt.format(*bare):>20}  "
            f"{page[0] / direct[0]:>10.1f} {page[0] / bare[0]:>9.1f}"
        )


def profile(store: Store, case: Case, top: int = 30) -> None:
    """Profile one path in this process (the app over ASGI), printing the costliest calls.

    FastAPI runs sync handlers in a thread pool, out of cProfile's sight: for the profile
    they run inline instead.
    """
    import asyncio

    import fastapi.routing

    from watchfloor.serve import create_app

    async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline  # type: ignore[attr-defined]
    app = create_app(store)

    async def fetch() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://desk") as client:
            response = await client.get(case.url(0))
            print(f"{case.name}: HTTP {response.status_code}, {len(response.content):,} bytes")

    asyncio.run(fetch())  # warm-up, not profiled
    profiler = cProfile.Profile()
    profiler.runcall(asyncio.run, fetch())
    pstats.Stats(profiler).sort_stats("cumulative").print_stats("watchfloor", top)


def compare(cases: list[Case], db: str, other_src: str, other_db: str, repeat: int) -> None:
    """A/B: this checkout's desk and another source tree's, requests alternating between them.

    On a shared machine the load changes from minute to minute; alternating request by
    request puts both desks under the same load, so their ratio holds where absolute times
    do not. `other_src` is the other tree's `src` folder (e.g. a `git archive` of main);
    `other_db` its copy of the store (each desk migrates its own to its schema). The other
    desk is started by that tree's own bench/serve.py (next to `other_src`).
    """
    script = str(Path(other_src).resolve().parent / "bench" / "serve.py")
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    os.environ["PYTHONPATH"] = other_src
    try:
        other, other_base = start_server(other_db, len(cases) * repeat * 10 + 300, script)
    finally:
        os.environ.clear()
        os.environ.update(plain)
    this, this_base = start_server(db, max_seconds=len(cases) * repeat * 10 + 300)
    head = (
        f"{'path':<32} {'n':>3}  {'other p50/p95 ms':>17}  {'this p50/p95 ms':>16}  "
        f"{'p50 ratio':>9}"
    )
    print(head)
    print("-" * len(head))
    try:
        with (
            httpx.Client(base_url=other_base, timeout=300) as a,
            httpx.Client(base_url=this_base, timeout=300) as b,
        ):
            for case in cases:
                times: dict[str, list[float]] = {"a": [], "b": []}
                for n in range(repeat + 1):
                    for key, client in (("a", a), ("b", b)) if n % 2 else (("b", b), ("a", a)):
                        started = time.perf_counter()
                        response = client.get(case.url(n))
                        took = time.perf_counter() - started
                        if response.status_code != 200:
                            raise SystemExit(f"{case.name} ({key}): HTTP {response.status_code}")
                        if n:  # the first round warms both desks: not counted
                            times[key].append(took)
                (a50, a95, _), (b50, b95, _) = _stats(times["a"]), _stats(times["b"])
                print(
                    f"{case.name[:32]:<32} {repeat:>3}  {a50:>8.1f} {a95:>8.1f}  "
                    f"{b50:>7.1f} {b95:>8.1f}  {a50 / b50:>9.1f}",
                    flush=True,
                )
    finally:
        for child in (other, this):
            child.terminate()
            child.wait(timeout=30)


def open_or_build(path: str | None, incidents: int) -> tuple[Store, str, float | None]:
    """The store at `path` if it holds incidents, else a freshly built one (and its build time)."""
    target = path or str(Path(tempfile.mkdtemp(prefix="wf-bench-")) / "desk.sqlite")
    store = open_store(target)
    held = _rows(store, "SELECT count(*) FROM incidents")[0][0]
    if held:
        print(f"reusing {target}: {held:,} incidents")
        return store, target, None
    started = time.perf_counter()
    build_store(store, incidents)
    took = time.perf_counter() - started
    print(f"built {incidents:,} incidents in {took:.1f} s ({target})")
    return store, target, took


def main() -> None:
    """Parse arguments, then build, serve, measure and print (or serve only, in the child)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to reuse, or to build when empty or absent")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50, help="requests per path")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per path at most")
    parser.add_argument("--only", help="run only the paths whose name contains this")
    parser.add_argument("--slow", action="store_true", help="also run paths that take minutes")
    parser.add_argument("--profile", metavar="NAME", help="profile the first path named so")
    parser.add_argument(
        "--compare-src", metavar="SRC", help="A/B against the desk of another src folder"
    )
    parser.add_argument("--compare-db", metavar="DB", help="that desk's copy of the store")
    parser.add_argument("--serve", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--max-seconds", type=float, default=900.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.max_seconds)
        return
    store, db, _ = open_or_build(args.db, args.incidents)
    cases = build_cases(store, draw_sample(store))
    if args.profile:
        profile(store, next(c for c in cases if args.profile in c.name))
        return
    cases = [c for c in cases if (args.slow or not c.slow) and (args.only or "") in c.name]
    if args.compare_src:
        compare(cases, db, args.compare_src, args.compare_db or db, args.repeat)
        return
    # The server lives at most as long as the measurements may take, plus a margin.
    child, base = start_server(db, max_seconds=len(cases) * args.budget * 4 + 120)
    try:
        with httpx.Client(base_url=base, timeout=300) as client:
            for case in cases:
                measure(case, client, args.repeat, args.budget)
                print(f"  {case.name}: {len(case.page)} runs", flush=True)
    finally:
        child.terminate()
        child.wait(timeout=30)
    print_table(cases)


if __name__ == "__main__":
    main()
