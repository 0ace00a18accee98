"""Facility claims and indicator points found in real long-form reporting, with a sample to check.

Over ../shared/data/guardian_syria_isis_2017_2019 (Guardian articles, 2017–2019; not
shippable, internal evaluation only; skipped when absent): read every article with the full
extractor, then count facility claims by facility and kind and indicator points by indicator,
and print a seeded sample of 20 points (facility claims other than incidents, and indicator
points) with their sentences, so a person can judge precision by reading.

    .venv/bin/python bench/eval_facilities.py [--limit N] [--sample 20] [--seed 9] [--cache F]

`--cache FILE` keeps the readings as JSON Lines (outside the repository: they hold the
articles' text), so rules can be re-run without reading the articles again.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from watchfloor.extract import Extractor
from watchfloor.extract.facilities import read_facility_claims
from watchfloor.extract.indicators import read_indicator_points
from watchfloor.merge.facilities import range_label
from watchfloor.model import AnnotatedDocument, Document, Genre, from_plain, to_plain
from watchfloor.model.facilities import FacilityClaim, FacilityClaimKind, IndicatorPoint
from watchfloor.resolve.facilities import load_register
from watchfloor.resolve.indicators import load_indicators

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GUARDIAN = DATA / "guardian_syria_isis_2017_2019" / "guardian_syria_sample.csv"


def _documents(limit: int | None) -> list[Document]:
    csv.field_size_limit(sys.maxsize)
    with GUARDIAN.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    docs = []
    for row in rows[:limit]:
        day = date.fromisoformat(row["date"])
        when = datetime(day.year, day.month, day.day, tzinfo=UTC)
        docs.append(
            Document.build(
                row["text"],
                raw=row["text"].encode(),
                media_type="text/plain",
                source=f"guardian-{row['']}",
                retrieved=when,
                published=when,
                language="en",
                genre=Genre.NEWS,
                outlet="The Guardian",
            )
        )
    return docs


def _readings(docs: list[Document], cache: Path | None) -> list[AnnotatedDocument]:
    """The articles read by the full extractor, or loaded from the cache file."""
    if cache is not None and cache.exists():
        with cache.open(encoding="utf-8") as handle:
            return [from_plain(AnnotatedDocument, json.loads(line)) for line in handle]
    readings = list(Extractor().extract(docs))
    if cache is not None:
        with cache.open("w", encoding="utf-8") as handle:
            for read in readings:
                handle.write(json.dumps(to_plain(read), ensure_ascii=False) + "\n")
    return readings


def _describe(item: FacilityClaim | IndicatorPoint) -> str:
    chain = " > ".join(s.name for s in item.chain)
    if isinstance(item, IndicatorPoint):
        q = item.quantity
        what = f"indicator {item.indicator_id}: {q.text!r} = {range_label(q.low, q.high)}"
    elif item.quantity is not None:
        q = item.quantity
        what = f"{item.facility_id} {item.kind.value}: {q.text!r} = {range_label(q.low, q.high)}"
    else:
        what = f"{item.facility_id} {item.kind.value}: {item.actor_name} ({item.cue!r})"
    return f"{item.as_of} {what} [{chain}]\n    {' '.join(item.sentence.split())}"


def main() -> int:
    """Read the articles, print the counts and a sample; 0 when the data set is absent too."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Read only the first N articles.")
    parser.add_argument("--sample", type=int, default=20, help="How many points to print.")
    parser.add_argument("--seed", type=int, default=9, help="Seed of the sample.")
    parser.add_argument("--cache", type=Path, help="Readings cache (JSON Lines) to use or fill.")
    args = parser.parse_args()
    if not GUARDIAN.exists():
        print(f"skipped: {GUARDIAN.relative_to(DATA.parent)} is absent")
        return 0
    docs = _documents(args.limit)
    register = load_register()
    indicators = load_indicators(register=register)
    started = time.perf_counter()
    claims: list[FacilityClaim] = []
    points: list[IndicatorPoint] = []
    for read in _readings(docs, args.cache):
        found = read_facility_claims(read, register)
        claims.extend(found)
        points.extend(read_indicator_points(read, indicators, register, found))
    elapsed = time.perf_counter() - started
    print(f"{len(docs)} articles read in {elapsed:.0f} s")
    print(f"facility claims: {len(claims)}")
    for (facility, kind), n in sorted(
        Counter((c.facility_id, c.kind.value) for c in claims).items()
    ):
        print(f"  {facility:<22} {kind:<18} {n}")
    print(f"indicator points: {len(points)}")
    for indicator, n in sorted(Counter(p.indicator_id for p in points).items()):
        print(f"  {indicator:<26} {n}")
    pool: list[FacilityClaim | IndicatorPoint] = [
        c for c in claims if c.kind is not FacilityClaimKind.INCIDENT
    ]
    pool += points
    sample = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
    print(f"\nsample of {len(sample)} of {len(pool)} points (claims other than incidents, points):")
    for n, item in enumerate(sample, 1):
        print(f"{n:>2}. {_describe(item)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
