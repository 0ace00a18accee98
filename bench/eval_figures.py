"""Fatality figures read from text against ACLED's and UCDP's coded counts.

ACLED (../shared/data/acled_syria_iraq_2022): the extracted fatality figure of a note is the
sum of its exact figures whose role is "killed" (0 when there is none; a note says "no
casualties" or names none). The rate is exact matches with the `fatalities` column, over all
events and over the events with fatalities > 0 (the harder half).
UCDP (../shared/data/ucdp_ged_syria_is_2016_2019): over the headlines of events with deaths,
the share where some extracted killed figure lies within [low, high], and where it equals best.
Both sets are skipped when absent.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import AnnotatedDocument, Document, Genre

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ACLED = DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
UCDP = DATA / "ucdp_ged_syria_is_2016_2019" / "ucdp_ged_syria_is_2016_2019.csv"
COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.quantities.v1")


def killed_figure(read: AnnotatedDocument) -> int:
    """The rule: the sum of exact "killed" figures of a text, 0 when there is none."""
    return sum(q.low for q in read.quantities if q.role == "killed" and q.high == q.low)


def _document(text: str, day: date, source: str) -> Document:
    when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source=source,
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.NEWS,
    )


def _acled(extractor: Extractor) -> dict[str, Any]:
    rows = list(csv.DictReader(ACLED.open(encoding="utf-8")))
    docs = [_document(r["notes"], date.fromisoformat(r["event_date"]), "acled") for r in rows]
    hits = hits_deadly = deadly = 0
    for row, read in zip(rows, extractor.extract(docs), strict=True):
        gold = int(row["fatalities"] or 0)
        ok = killed_figure(read) == gold
        hits += ok
        if gold > 0:
            deadly += 1
            hits_deadly += ok
    return {
        "acled_events": len(rows),
        "acled_exact_match": round(hits / max(1, len(rows)), 3),
        "acled_events_with_deaths": deadly,
        "acled_exact_match_with_deaths": round(hits_deadly / max(1, deadly), 3),
    }


def _headlines(rows: Iterable[dict[str, str]]) -> list[tuple[dict[str, str], str]]:
    return [(r, h) for r in rows if int(r["best"] or 0) > 0 for h in [r["source_headline"]] if h]


def _ucdp(extractor: Extractor) -> dict[str, Any]:
    rows = _headlines(csv.DictReader(UCDP.open(encoding="utf-8")))
    docs = [_document(h, date.fromisoformat(r["date_start"]), "ucdp") for r, h in rows]
    with_figure = within = best = 0
    for (row, _), read in zip(rows, extractor.extract(docs), strict=True):
        killed = [q for q in read.quantities if q.role == "killed"]
        if not killed:
            continue
        with_figure += 1
        low, high = int(row["low"]), int(row["high"])
        within += any(q.low <= high and (q.high is None or q.high >= low) for q in killed)
        best += any(q.low == q.high == int(row["best"]) for q in killed)
    return {
        "ucdp_events_with_deaths": len(rows),
        "ucdp_with_killed_figure": round(with_figure / max(1, len(rows)), 3),
        "ucdp_killed_within_low_high": round(within / max(1, len(rows)), 3),
        "ucdp_killed_equals_best": round(best / max(1, len(rows)), 3),
    }


def run() -> dict[str, Any]:
    """ACLED exact-match and UCDP coverage figures; skipped parts say why."""
    extractor = Extractor(ExtractOptions(components=COMPONENTS))
    result: dict[str, Any] = {"rule": "sum of exact figures with role 'killed', else 0"}
    if ACLED.exists():
        result.update(_acled(extractor))
    else:
        result["acled"] = f"skipped: development data not present: {ACLED}"
    if UCDP.exists():
        result.update(_ucdp(extractor))
    else:
        result["ucdp"] = f"skipped: development data not present: {UCDP}"
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
    sys.exit(0)
