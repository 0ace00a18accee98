"""API latency under a bounded load from a second process on loopback.

Builds a store from the bundled sample (`watchfloor run --sample`, or reuses `--db`), starts
`watchfloor serve` on a free loopback port in a child process, and drives it from this
process with a fixed number of concurrent clients, each sending requests back to back over a
mix of read endpoints (incident list and detail, documents, search, summary, the overview
page). The load is bounded: `--clients` requests in flight at most, `--requests` in all.

Prints, per endpoint and overall: requests, errors, median, p95 and max latency in ms, and
the throughput; then the ratio of loaded to unloaded median latency (one client, same mix),
which carries over between machines, and the server's peak resident memory.

    python bench/api_load.py [--clients 4] [--requests 400] [--db FILE]
"""

from __future__ import annotations

import argparse
import contextlib
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
        server.wait(10)


def _paths(base: str) -> list[tuple[str, str]]:
    """The request mix: (endpoint name, path), from what the store holds."""
    listed = httpx.get(f"{base}/api/v1/incidents", params={"limit": 20}, timeout=30).json()
    documents = httpx.get(f"{base}/api/v1/documents", params={"limit": 20}, timeout=30).json()
    mix = [
        ("incidents", "/api/v1/incidents"),
        ("documents", "/api/v1/documents"),
        ("search", "/api/v1/search?q=prison"),
        ("summary", "/api/v1/summary"),
        ("overview page", "/"),
    ]
    mix += [("incident", f"/api/v1/incidents/{i['id']}") for i in listed.get("items", [])[:5]]
    mix += [("document", f"/api/v1/documents/{d['id']}") for d in documents.get("items", [])[:5]]
    return mix


def drive(base: str, clients: int, total: int) -> tuple[dict[str, list[float]], int, float]:
    """Send `total` requests with `clients` in flight; latencies (s) per endpoint, errors, time."""
    mix = _paths(base)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors = 0

    def one(index: int, client: httpx.Client) -> tuple[str, float, bool]:
        name, path = mix[index % len(mix)]
        started = time.perf_counter()
        response = client.get(path)
        return name, time.perf_counter() - started, response.status_code >= 400

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
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    """Build or reuse a store, serve it, load it, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--db", help="an existing store (default: the bundled sample, built)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wf-api-") as tmp:
        db = args.db or str(Path(tmp) / "sample.db")
        if not args.db:
            built = subprocess.run(
                [WATCHFLOOR, "run", "--db", db, "--sample"], capture_output=True, check=False
            )
            if built.returncode not in (0, 1):
                raise SystemExit(f"could not build the sample store: {built.stderr.decode()}")
        with desk(db) as (base, server):
            alone, _, _ = drive(base, 1, max(len(_paths(base)) * 3, 30))
            loaded, errors, elapsed = drive(base, args.clients, args.requests)
            peak = _peak_rss_mb(server.pid)

    every = [s for values in loaded.values() for s in values]
    print(f"{args.requests} requests, {args.clients} clients, loopback, server in a child process")
    print(f"{'endpoint':<14} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, values in sorted(loaded.items()):
        print(
            f"{name:<14} {len(values):>5} {_ms(values, 0.5):>10.1f} {_ms(values, 0.95):>8.1f} "
            f"{1000 * max(values):>8.1f}"
        )
    print(
        f"{'all':<14} {len(every):>5} {_ms(every, 0.5):>10.1f} {_ms(every, 0.95):>8.1f} "
        f"{1000 * max(every):>8.1f}"
    )
    single = statistics.median(s for values in alone.values() for s in values)
    print(f"throughput: {len(every) / elapsed:.1f} requests/s, errors: {errors}")
    print(f"median latency loaded / alone: {statistics.median(every) / single:.2f}")
    print(f"server peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
