"""Recall of ACLED's coded actors (actor1/actor2) against the catalogue and in the notes.

Two figures on ../shared/data/acled_syria_iraq_2022 (skipped when absent):
- coded: share of coded actor names (in the catalogue's scope) that the catalogue resolves;
- notes: share of those events' resolved actors that the actor extractor finds in `notes`,
  exactly (same id) and within the family (one is the other's parent or ancestor).
ACLED's generic categories (civilians, protesters, rioters, unidentified groups) are no
catalogue actors and are counted apart.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre
from watchfloor.resolve.catalogue import Catalogue

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ACLED = DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
_GENERIC = re.compile(r"^(Civilians|Protesters|Rioters|Unidentified|Private Security|Militia \()")


def _variants(name: str) -> list[str]:
    """ACLED's coded name, then its parts: "X: Full Name", "Forces of Y (2000-) Unit"."""
    out = [name]
    if ":" in name:
        out.append(name.split(":", 1)[1].strip())
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out.append(bare)
    unit = re.split(r"\)\s+", name, maxsplit=1)
    if len(unit) == 2:
        out.append(unit[1])  # the named unit after "Military Forces of Syria (2000-)"
        out.append(unit[0] + ")")
    return out


def resolve_coded(catalogue: Catalogue, name: str, on: date) -> str | None:
    """The catalogue id of an ACLED coded actor name, or None."""
    for variant in _variants(name):
        match = catalogue.resolve(variant, on)
        if match is not None:
            return match.actor.id
    return None


def _family(catalogue: Catalogue, actor_id: str) -> set[str]:
    """The actor and its ancestors."""
    seen = {actor_id}
    while (parent := catalogue.get(actor_id).parent) and parent not in seen:
        seen.add(parent)
        actor_id = parent
    return seen


def run() -> dict[str, Any]:
    """Coded-name and notes recall of ACLED actors; {'skipped': reason} without the data."""
    if not ACLED.exists():
        return {"skipped": f"development data not present: {ACLED}"}
    rows = list(csv.DictReader(ACLED.open(encoding="utf-8")))
    catalogue = Catalogue.load()
    counts: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    pairs: list[tuple[dict[str, str], list[str]]] = []
    for row in rows:
        on = date.fromisoformat(row["event_date"])
        ids = []
        for name in (row["actor1"], row["actor2"]):
            if not name:
                continue
            if _GENERIC.match(name):
                counts["generic"] += 1
                continue
            counts["coded"] += 1
            actor_id = resolve_coded(catalogue, name, on)
            if actor_id is None:
                unresolved[name] += 1
            else:
                counts["coded_resolved"] += 1
                ids.append(actor_id)
        if ids:
            pairs.append((row, ids))
    extractor = Extractor(
        ExtractOptions(components=("watchfloor.sentences.v1", "watchfloor.actors.v1"))
    )
    documents = [_document(row) for row, _ in pairs]
    for (_row, ids), read in zip(pairs, extractor.extract(documents), strict=True):
        found = {m.actor_id for m in read.actors if m.actor_id}
        found_family = set().union(*(_family(catalogue, i) for i in found)) if found else set()
        for actor_id in ids:
            counts["notes_total"] += 1
            counts["notes_exact"] += actor_id in found
            counts["notes_family"] += bool(_family(catalogue, actor_id) & (found_family | found))
    return {
        "events": len(rows),
        "coded_actors": counts["coded"],
        "generic_categories": counts["generic"],
        "coded_recall": round(counts["coded_resolved"] / max(1, counts["coded"]), 3),
        "notes_recall_exact": round(counts["notes_exact"] / max(1, counts["notes_total"]), 3),
        "notes_recall_family": round(counts["notes_family"] / max(1, counts["notes_total"]), 3),
        "unresolved_coded": dict(unresolved.most_common(10)),
    }


def _document(row: dict[str, str]) -> Document:
    day = date.fromisoformat(row["event_date"])
    return Document.build(
        row["notes"],
        raw=row["notes"].encode(),
        media_type="text/plain",
        source=f"acled:{row['event_id_cnty']}",
        retrieved=datetime(day.year, day.month, day.day, tzinfo=UTC),
        published=datetime(day.year, day.month, day.day, tzinfo=UTC),
        language="en",
        genre=Genre.NEWS,
    )


if __name__ == "__main__":
    result = run()
    for key, value in result.items():
        print(f"{key}: {value}")
    sys.exit(0)
