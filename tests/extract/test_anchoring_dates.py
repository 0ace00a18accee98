"""Anchoring an event's date: a date of another happening does not date it (a relative clause
on another noun, a neighbour that turns to another incident), and what is left is the honest
window before publication; real FA-KES rows check the same through the product."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers.data import shared_path
from helpers.reading import anchored_events
from watchfloor.cli.analyze import analyze_inputs
from watchfloor.cli.common import load_settings, make_extractor
from watchfloor.extract.event_mentions import UNDATED_WINDOW
from watchfloor.ingest import IngestOptions
from watchfloor.model import Anchor, DatePrecision, EventMention, Precision

PUBLISHED = date(2026, 1, 25)
THURSDAY = (date(2026, 1, 22), date(2026, 1, 22))
PUBLICATION_WINDOW_START = PUBLISHED - UNDATED_WINDOW
PLACES = {"Hasakah": (36.5, 40.75, Precision.TOWN), "Homs": (34.73, 36.71, Precision.TOWN)}


def _read(text: str, dates: dict[str, tuple[date, date]]) -> list[EventMention]:
    return anchored_events(text, dates, PLACES, PUBLISHED)


def _main(events: list[EventMention], trigger: str) -> EventMention:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.event_type) for e in events]
    return found[0]


def test_anchoring_date_of_a_relative_clause_on_another_noun_is_not_the_events() -> None:
    events = _read(
        "Twenty rebels were killed in clashes in Hasakah near the road which regime forces "
        "severed on Thursday.",
        {"on Thursday": THURSDAY},
    )
    event = _main(events, "clashes")
    assert event.date_anchor is Anchor.PUBLICATION
    assert event.date is not None and event.date.text == ""
    assert (event.date.start, event.date.end) == (PUBLICATION_WINDOW_START, PUBLISHED)
    assert event.date.precision is DatePrecision.VAGUE


def test_anchoring_date_in_the_events_own_clause_still_dates_it() -> None:
    events = _read(
        "An airstrike killed 20 fighters in Hasakah on Thursday.", {"on Thursday": THURSDAY}
    )
    event = _main(events, "airstrike")
    assert event.date_anchor is Anchor.CLAUSE
    assert event.date is not None and (event.date.start, event.date.end) == THURSDAY


def test_anchoring_a_neighbour_on_another_incident_lends_no_date() -> None:
    events = _read(
        "Airstrikes killed 19 civilians in Hasakah. Meanwhile 10 civilians were killed in "
        "Homs on Thursday.",
        {"on Thursday": THURSDAY},
    )
    event = _main(events, "Airstrikes")
    assert event.date_anchor is Anchor.PUBLICATION


def test_anchoring_a_plain_neighbour_still_lends_its_date() -> None:
    events = _read(
        "Airstrikes killed 19 civilians in Hasakah. The jets struck the market on Thursday.",
        {"on Thursday": THURSDAY},
    )
    event = _main(events, "Airstrikes")
    assert event.date is not None and (event.date.start, event.date.end) == THURSDAY


def test_anchoring_a_neighbours_date_of_saying_is_not_lent() -> None:
    events = _read(
        "Airstrikes killed 19 civilians in Hasakah. The monitor said on Thursday that the toll "
        "would rise.",
        {"on Thursday": THURSDAY},
    )
    event = _main(events, "Airstrikes")
    assert event.date_anchor is Anchor.PUBLICATION


# --- real development rows, read through the product ---------------------------------------


def _rows() -> dict[str, dict[str, str]]:
    path = shared_path("data", "fakes_syria_en_dev", "fakes_dev.csv")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        return {row["unit_id"]: row for row in csv.DictReader(handle)}


# unit id -> the interval the main event must carry, read from the report's own words
FAKES_CASES = {
    # "Posted on April 2 2017" dates the report; the bombing was "on March 25".
    "1918150031": ("2017-03-25", "2017-03-25"),
    # "At least 29 Syrian rebels were killed in clashes with regime troops overnight": the
    # "Thursday" of the next sentence is when the road was severed (a relative clause).
    "1923102826": ("2016-07-09", "2016-07-10"),
    # "16 October 2016 Three killed ...": the span glued across the dateline is no date.
    "1926478981": ("2016-10-16", "2016-10-16"),
}
# Ahram reports with neither a dateline nor any complete date in the text.
NO_DATE = ("1923848121", "1923848140")


@pytest.fixture(scope="module")
def fakes_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The product's reading (as `watchfloor analyze` gives it, no --published) of a few
    FA-KES development reports, written as the scorer writes them: title, blank line, text."""
    rows = _rows()
    folder = tmp_path_factory.mktemp("fakes")
    files = []
    for unit in (*FAKES_CASES, *NO_DATE):
        row = rows[unit]
        path = folder / f"{unit}.txt"
        path.write_text(row["article_title"] + ".\n\n" + row["article_content"], "utf-8")
        files.append(str(path))
    settings = load_settings()
    records = analyze_inputs(files, IngestOptions(), lambda: make_extractor(settings))
    return {Path(r.file).stem: r.output for r in records if r.output is not None}


@pytest.mark.parametrize("unit", sorted(FAKES_CASES))
def test_anchoring_fakes_rows_dated_by_their_own_text(
    fakes_readings: dict[str, dict[str, Any]], unit: str
) -> None:
    event = fakes_readings[unit]["events"][0]
    assert (event["date"]["start"][:10], event["date"]["end"][:10]) == FAKES_CASES[unit]


@pytest.mark.parametrize("unit", NO_DATE)
def test_anchoring_fakes_report_without_any_date_gets_no_invented_date(
    fakes_readings: dict[str, dict[str, Any]], unit: str
) -> None:
    # Before, "on Thursday" was read against the day of reading: a 2017 strike in 2026.
    reading = fakes_readings[unit]
    assert reading["document"]["published"] is None
    main = reading["events"][0]
    assert main["date"] is None
    assert "undated: no date in the text and no publication date" in main["reasons"]
    # Absolute dates the text writes ("since March 2011") stay; nothing lands in the future.
    assert all(e["date"] is None or e["date"]["end"] < "2018" for e in reading["events"])
