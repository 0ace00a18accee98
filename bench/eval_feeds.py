"""Same-incident pairs of short feed items, through the product path a user takes.

The development set (`bench/data/feeds/*.xml`, labels in `bench/data/feed_incidents.json`, with
a note on how it was made) is 101 synthetic RSS items of five invented outlets on 2022
happenings in Syria and Iraq and a few elsewhere, each labelled with the happening its title
leads with. It stands in for the held-back set of real 2022 feed items the incidents issue (14)
is measured on.

The feeds go through `watchfloor ingest` into a fresh SQLite file and come back through
`watchfloor incidents list --json` and `watchfloor docs list --json`, as a user meets them. Two
items pair when one incident holds claims of both. The baseline pairs two items whose first
events (read in this process by the same extractor) share a day, else the publication day, and
a country; an item with no event or no country stands alone. Both are scored against the gold
pairs (precision, recall, F1) and by B-cubed (an item in several incidents takes the one holding
most of its claims; an item in none stands alone). `--details FILE` writes every missed and
every wrong pair with both titles.

    python bench/eval_feeds.py [--details /tmp/feed-misses.txt]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations
from pathlib import Path

import feedparser

from eval_incidents import _prf, b_cubed, pairs, same_day_same_country
from watchfloor.extract import Extractor
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import Document

ROOT = Path(__file__).resolve().parents[1]
FEEDS = ROOT / "bench" / "data" / "feeds"
LABELS = ROOT / "bench" / "data" / "feed_incidents.json"
CLI = Path(sys.executable).with_name("watchfloor")

Pair = tuple[str, str]


def _cli(*args: str) -> list[dict[str, object]]:
    """Run the CLI; the JSON objects it prints, one per line."""
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def item_keys() -> dict[str, str]:
    """Each entry's ingest source ("file.xml#entry-N") → its item key ("file.xml|guid")."""
    keys = {}
    for path in sorted(FEEDS.glob("*.xml")):
        parsed = feedparser.parse(path.read_bytes())
        for number, entry in enumerate(parsed.entries, start=1):
            keys[f"{path.name}#entry-{number}"] = f"{path.name}|{entry.get('id') or entry.link}"
    return keys


def _key_of(source: str, keys: Mapping[str, str]) -> str | None:
    """The item key of a stored document's source (an absolute path ending in the entry)."""
    tail = source.rsplit("/", 1)[-1]
    return keys.get(tail)


def product_pairs(db: Path, keys: Mapping[str, str]) -> tuple[set[Pair], dict[str, str], int]:
    """(pairs of items sharing an incident, each item's main incident, incident count)."""
    paths = [str(p) for p in sorted(FEEDS.glob("*.xml"))]
    done = subprocess.run(
        [str(CLI), "ingest", "--db", str(db), "--no-fetch-links", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):  # 1: some entries were refused, and stored as such
        raise RuntimeError(f"watchfloor ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    limit = "100000"
    item_of = {
        str(d["id"]): key
        for d in _cli("docs", "list", "--db", str(db), "--json", "--limit", limit)
        if (key := _key_of(str(d["source"]), keys)) is not None
    }
    incidents = _cli("incidents", "list", "--db", str(db), "--json", "--limit", limit)
    held: dict[str, Counter[str]] = defaultdict(Counter)
    for incident in incidents:
        for claim in incident["claims"]:  # type: ignore[attr-defined]
            item = item_of.get(str(claim["document_id"]))
            if item is not None:
                held[item][str(incident["id"])] += 1
    found: set[Pair] = set()
    for a, b in combinations(sorted(held), 2):
        if set(held[a]) & set(held[b]):
            found.add((a, b))
    main = {item: counts.most_common(1)[0][0] for item, counts in held.items()}
    return found, main, len(incidents)


def baseline_keys(keys: Mapping[str, str]) -> dict[str, str]:
    """Each item's same-day-same-country key, from its first event read in this process."""
    documents = [
        d
        for d in read_inputs(
            [str(p) for p in sorted(FEEDS.glob("*.xml"))], IngestOptions(fetch_feed_links=False)
        )
        if isinstance(d, Document)
    ]
    found = {}
    for document, read in zip(documents, Extractor().extract(documents), strict=True):
        item = _key_of(document.source, keys)
        if item is None:
            continue
        first = read.events[0] if read.events else None
        found[item] = same_day_same_country(first, document.published) if first else f"alone|{item}"
    return found


def _titles() -> dict[str, str]:
    titles = {}
    for path in sorted(FEEDS.glob("*.xml")):
        for entry in feedparser.parse(path.read_bytes()).entries:
            titles[f"{path.name}|{entry.get('id') or entry.link}"] = str(entry.get("title", ""))
    return titles


def main() -> int:
    """Score the product and the baseline on the feed set; 0 always (a benchmark reports)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", type=Path, help="write missed and wrong pairs here")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    gold = {f"{i['feed']}|{i['guid']}": str(i["incident"]) for i in labels["items"]}
    keys = item_keys()
    wanted = pairs(gold, gold)
    with tempfile.TemporaryDirectory() as folder:
        got, main_incident, count = product_pairs(Path(folder) / "feeds.db", keys)
    read = baseline_keys(keys)
    base_key = {item: read.get(item, f"alone|{item}") for item in gold}
    base = pairs(base_key, gold)
    print(
        f"feed items: {len(gold)} items, {len(set(gold.values()))} labels, {len(wanted)} gold "
        f"pairs; the product made {count} incidents, {len(main_incident)} items in one or more"
    )
    for name, found, response in (
        ("baseline: same day, same country", base, base_key),
        ("watchfloor ingest + incidents list", got, {
            item: main_incident.get(item, f"none:{item}") for item in gold
        }),
    ):  # fmt: skip
        p, r, f = _prf(wanted, found)
        bp, br, bf = b_cubed(gold, response)
        print(
            f"  {name:36} pairs {p:.3f}/{r:.3f}/{f:.3f}  B3 {bp:.3f}/{br:.3f}/{bf:.3f}"
            f"  ({len(found)} pairs)"
        )
    if args.details:
        titles = _titles()
        lines = []
        for title, group in (("MISSED", sorted(wanted - got)), ("WRONG", sorted(got - wanted))):
            for a, b in group:
                lines.append(f"{title} {gold[a]} | {gold[b]}\n  {titles[a]}\n  {titles[b]}")
        args.details.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"  details: {args.details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
