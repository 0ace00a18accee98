"""Event typing against ACLED's coded event_type and sub_event_type.

Each `notes` text of ../shared/data/acled_syria_iraq_2022 is read by the full extraction
pipeline; its main event (the first by salience) is mapped through the ontology to ACLED's
vocabulary and compared with the coded columns. A note with no event counts as a miss
("(none)"). Prints accuracy on event_type and on the (event_type, sub_event_type) pair, a
confusion matrix of event types, and the confusions that cost most. Skips when the data set
is absent. Never tune triggers to these rows: part of the set is held out.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from watchfloor.extract import Extractor
from watchfloor.model import Document, Genre

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ACLED = DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
NONE = "(none)"


def _document(text: str, day: date) -> Document:
    when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="acled",
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.NEWS,
    )


def main() -> int:
    """Print the agreement figures; 0 always (a benchmark reports, it does not gate)."""
    if not ACLED.exists():
        print(f"skipped: {ACLED} is absent")
        return 0
    rows = list(csv.DictReader(ACLED.open(encoding="utf-8")))
    extractor = Extractor()
    ontology = extractor.resources.ontology
    docs = [_document(r["notes"], date.fromisoformat(r["event_date"])) for r in rows]
    type_hits = pair_hits = 0
    confusion: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for row, read in zip(rows, extractor.extract(docs), strict=True):
        gold_type, gold_sub = row["event_type"], row["sub_event_type"]
        if read.events:
            main = read.events[0]
            pair = ontology.get(main.event_type).acled_pair(
                main.actor1.actor_type if main.actor1 else None
            )
            got_type, got_sub = pair[0] or NONE, pair[1] or NONE
        else:
            got_type = got_sub = NONE
        type_hits += got_type == gold_type
        pair_hits += (got_type, got_sub) == (gold_type, gold_sub)
        confusion[(gold_type, got_type)] += 1
        if (got_type, got_sub) != (gold_type, gold_sub):
            pairs[(f"{gold_type}/{gold_sub}", f"{got_type}/{got_sub}")] += 1
    total = len(rows)
    print(f"ACLED notes: {total}")
    print(f"event_type accuracy:           {type_hits / total:.3f} ({type_hits}/{total})")
    print(f"event_type+sub_type accuracy:  {pair_hits / total:.3f} ({pair_hits}/{total})")
    labels = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    short = {label: label.split("/")[0][:12] for label in labels}
    print("\nconfusion (rows gold, columns predicted):")
    print(" " * 28 + " ".join(f"{short[p]:>12}" for p in labels))
    for gold in labels:
        cells = " ".join(f"{confusion[(gold, p)]:>12}" for p in labels)
        print(f"{gold[:27]:<28}{cells}")
    print("\nmistakes that cost most (gold -> predicted):")
    for (gold, got), count in pairs.most_common(10):
        print(f"  {count:>3}  {gold}  ->  {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
