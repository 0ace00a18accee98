"""Desk and API latency under a bounded load from a second process on loopback.

Builds a store — the bundled sample (`watchfloor run --sample`), a synthetic one of N incidents
(`--incidents N`, bench/synthetic_store.py), or reuses `--db` — starts `watchfloor serve` on a
free loopback port in a child process, and drives it from this process with a fixed number of
concurrent clients, each sending requests back to back over a mix of read endpoints: the
incident list page and API (several filters and pages), incident pages and API details, the
search page and API, documents, summary. The load is bounded: `--clients` requests in flight at
most, `--requests` in all; every request goes to 127.0.0.1.

Prints, per endpoint and overall: requests, errors, median, p95, p99 and max latency in ms, and
the throughput; then the ratio of loaded to unloaded median latency (one client, same mix),
which carries over between machines, the server's peak resident memory, and whether the
overall p99 is under `--goal-p99` ms with zero errors.

    python bench/api_load.py [--clients 4] [--requests 400] [--db FILE]
    python bench/api_load.py --incidents 10000 --clients 20 --requests 5000
"""

from __future__ import annotations

import argparse
import contextlib
import math
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

WATCHFLOOR = str(Path(sys.executable).with_name("watchfloor"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def desk(db: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`watchfloor serve` over `db` in a child process; yields its base URL and process."""
    port = _free_port()
    command = [WATCHFLOOR, "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # the app imports spaCy's registry: give it up to a minute
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/v1/summary", timeout=1).status_code == 200:
                    break
            if server.poll() is not None:
                raise SystemExit(f"the desk did not start: {server.stderr.read().decode()}")  # type: ignore[union-attr]
            time.sleep(0.1)
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _paths(base: str) -> list[tuple[str, str]]:
    """The request mix: (endpoint name, path), from what the store holds."""
    listed = httpx.get(f"{base}/api/v1/incidents", params={"limit": 50}, timeout=60).json()
    documents = httpx.get(f"{base}/api/v1/documents", params={"limit": 20}, timeout=60).json()
    items = listed.get("items", [])
    types = sorted({i["event_type"] for i in items if i.get("event_type")})[:3]
    mix = [
        ("incidents api", "/api/v1/incidents"),
        ("incidents api", "/api/v1/incidents?offset=200&limit=50"),
        ("documents api", "/api/v1/documents"),
        ("search api", "/api/v1/search?q=prison"),
        ("search api", "/api/v1/search?q=killed"),
        ("summary api", "/api/v1/summary"),
        ("list page", "/"),
        ("list page", "/?offset=100"),
        ("search page", "/search?q=prison"),
        ("search page", "/search?q=attack"),
    ]
    mix += [("incidents api", f"/api/v1/incidents?type={t}") for t in types]
    mix += [("list page", f"/?type={t}") for t in types]
    mix += [("incident api", f"/api/v1/incidents/{i['id']}") for i in items[:10]]
    mix += [("incident page", f"/incidents/{i['id']}") for i in items[10:20]]
    docs = documents.get("items", [])[:5]
    mix += [("document api", f"/api/v1/documents/{d['id']}") for d in docs]
    return mix


def drive(
    base: str, clients: int, total: int, only: set[str] | None = None
) -> tuple[dict[str, list[float]], int, float]:
    """Send `total` requests with `clients` in flight; latencies (s) per endpoint, errors, time."""
    mix = [(name, path) for name, path in _paths(base) if only is None or name in only]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors = 0

    def one(index: int, client: httpx.Client) -> tuple[str, float, bool]:
        name, path = mix[index % len(mix)]
        started = time.perf_counter()
        try:
            failed = client.get(path).status_code >= 400
        except httpx.HTTPError:  # a timeout or a dropped connection is an error too
            failed = True
        return name, time.perf_counter() - started, failed

    with httpx.Client(base_url=base, timeout=60) as client:
        client.get("/api/v1/summary")  # warm the connection pool and the app
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            for name, seconds, failed in pool.map(lambda i: one(i, client), range(total)):
                latencies[name].append(seconds)
                errors += failed
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def _peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ms(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) in ms."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _build(db: str, incidents: int | None) -> None:
    """The store to serve: a synthetic one of N incidents, or the bundled sample."""
    if incidents:
        script = Path(__file__).with_name("synthetic_store.py")
        command = [sys.executable, str(script), db, "--incidents", str(incidents)]
        built = subprocess.run(command, capture_output=True, check=False)
        if built.returncode != 0:
            raise SystemExit(f"could not build the synthetic store: {built.stderr.decode()}")
        return
    built = subprocess.run(
        [WATCHFLOOR, "run", "--db", db, "--sample"], capture_output=True, check=False
    )
    if built.returncode not in (0, 1):
        raise SystemExit(f"could not build the sample store: {built.stderr.decode()}")


def main() -> None:
    """Build or reuse a store, serve it, load it, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--db", help="an existing store (default: one built here)")
    parser.add_argument("--incidents", type=int, help="build a synthetic store of N incidents")
    parser.add_argument("--goal-p99", type=float, default=250.0, help="p99 goal in ms")
    parser.add_argument(
        "--only", help="comma-separated endpoint names to keep from the mix (default: all)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wf-api-") as tmp:
        db = args.db or str(Path(tmp) / "desk.db")
        if not args.db:
            _build(db, args.incidents)
        with desk(db) as (base, server):
            only = set(args.only.split(",")) if args.only else None
            alone, _, _ = drive(base, 1, max(len(_paths(base)) * 3, 30), only)
            loaded, errors, elapsed = drive(base, args.clients, args.requests, only)
            peak = _peak_rss_mb(server.pid)

    every = [s for values in loaded.values() for s in values]
    store = f"{args.incidents:,} synthetic incidents" if args.incidents else (args.db or "sample")
    print(
        f"{args.requests} requests, {args.clients} clients, loopback, server in a child "
        f"process, store: {store}"
    )
    header = f"{'endpoint':<14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    print(header)
    for name, values in sorted(loaded.items()):
        print(
            f"{name:<14} {len(values):>5} {_ms(values, 0.5):>8.1f} {_ms(values, 0.95):>8.1f} "
            f"{_ms(values, 0.99):>8.1f} {1000 * max(values):>8.1f}"
        )
    p99 = _ms(every, 0.99)
    print(
        f"{'all':<14} {len(every):>5} {_ms(every, 0.5):>8.1f} {_ms(every, 0.95):>8.1f} "
        f"{p99:>8.1f} {1000 * max(every):>8.1f}"
    )
    single = statistics.median(s for values in alone.values() for s in values)
    print(f"throughput: {len(every) / elapsed:.1f} requests/s, errors: {errors}")
    print(f"median latency loaded / alone: {statistics.median(every) / single:.2f}")
    print(f"server peak memory: {peak:.0f} MB")
    met = p99 < args.goal_p99 and errors == 0
    print(f"goal p99 < {args.goal_p99:g} ms with zero errors: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
