"""A date of saying is not the date of what was said: "killed 19, the monitor said on Thursday"
dates the statement; the killing happened on or before it. The event takes its own date when
its sentence or paragraph gives one, else the window before the saying day (with the reason);
real FA-KES rows check the same through the product."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers.data import shared_path
from helpers.reading import make
from watchfloor.cli.analyze import analyze_inputs
from watchfloor.cli.common import load_settings, make_extractor
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.event_mentions import UNDATED_WINDOW
from watchfloor.extract.events import find_events
from watchfloor.extract.statements import find_statements
from watchfloor.ingest import IngestOptions
from watchfloor.model import Anchor, DatePrecision, EventMention, Precision

PUBLISHED = date(2026, 1, 25)  # a Sunday
THURSDAY = (date(2026, 1, 22), date(2026, 1, 22))
WEDNESDAY = (date(2026, 1, 21), date(2026, 1, 21))
PLACES = {"Hasakah": (36.5, 40.75, Precision.TOWN)}


def _read(text: str, dates: dict[str, tuple[date, date]]) -> EventMention:
    doc, context = make(text, places=PLACES, dates=dates, published=PUBLISHED)
    doc = find_statements(find_attributions(doc, context), context)
    events = anchor_events(find_events(doc, context), context).events
    assert events
    return events[0]


def test_anchoring_saying_date_alone_gives_the_window_before_the_saying() -> None:
    event = _read(
        "Airstrikes killed 19 civilians in Hasakah, the monitor said on Thursday.",
        {"on Thursday": THURSDAY},
    )
    assert event.date is not None and event.date.text == ""
    assert (event.date.start, event.date.end) == (THURSDAY[1] - UNDATED_WINDOW, THURSDAY[1])
    assert event.date.precision is DatePrecision.VAGUE
    assert event.date_anchor is Anchor.PUBLICATION
    assert any("on or before it was said" in r for r in event.reasons), event.reasons


def test_anchoring_the_happenings_own_date_wins_over_the_saying() -> None:
    event = _read(
        "Airstrikes killed 19 civilians in Hasakah on Wednesday, the monitor said on Thursday.",
        {"on Wednesday": WEDNESDAY, "on Thursday": THURSDAY},
    )
    assert event.date is not None and (event.date.start, event.date.end) == WEDNESDAY


def test_anchoring_a_date_in_the_events_clause_is_its_own() -> None:
    event = _read(
        "The monitor said that airstrikes killed 19 civilians in Hasakah on Thursday.",
        {"on Thursday": THURSDAY},
    )
    assert event.date is not None and (event.date.start, event.date.end) == THURSDAY
    assert event.date_anchor is Anchor.CLAUSE


# --- real development rows, read through the product ---------------------------------------

# unit id -> the interval the main event must carry, read from the report's own words (the
# FA-KES gold for these is the day of publication, when the statement was made).
FAKES_CASES = {
    # "... killed 17 militants and a child a monitoring group said in a new toll Sunday. The
    # Saturday strike hit dormitories in the camp ..."
    "1923848245": ("2014-09-13", "2014-09-13"),
    # "Air strikes ... have killed at least 61 people ... a war monitor said on Tuesday. Three
    # strikes hit the northwestern town of Atareb on Monday ..."
    "1924058106": ("2017-11-13", "2017-11-13"),
    # "... a poison gas attack that killed more than 1400 people Human Rights Watch said on
    # Tuesday ..." and later "The chemical weapons attack near Damascus on August 21 ..."
    "1926479220": ("2013-08-21", "2013-08-21"),
}


@pytest.fixture(scope="module")
def fakes_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    path = shared_path("data", "fakes_syria_en_dev", "fakes_dev.csv")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        rows = {row["unit_id"]: row for row in csv.DictReader(handle)}
    folder = tmp_path_factory.mktemp("fakes_saying")
    files = []
    for unit in FAKES_CASES:
        file = folder / f"{unit}.txt"
        file.write_text(rows[unit]["article_title"] + ".\n\n" + rows[unit]["article_content"])
        files.append(str(file))
    settings = load_settings()
    records = analyze_inputs(files, IngestOptions(), lambda: make_extractor(settings))
    return {Path(r.file).stem: r.output for r in records if r.output is not None}


@pytest.mark.parametrize("unit", sorted(FAKES_CASES))
def test_anchoring_fakes_rows_dated_by_the_happening_not_the_saying(
    fakes_readings: dict[str, dict[str, Any]], unit: str
) -> None:
    event = fakes_readings[unit]["events"][0]
    assert (event["date"]["start"][:10], event["date"]["end"][:10]) == FAKES_CASES[unit]
    published = fakes_readings[unit]["document"]["published"][:10]
    assert date.fromisoformat(event["date"]["end"][:10]) < date.fromisoformat(published)


def test_anchoring_a_trigger_in_a_relative_clause_takes_no_date_from_outside_it() -> None:
    # The battle the SDF led is not dated by the weekend on which tensions spiked.
    doc, context = make(
        "Tensions spiked in Hasakah over the weekend, when Washington praised the SDF, which "
        "led the battle against Isis.",
        places=PLACES,
        dates={"over the weekend": (date(2026, 1, 24), date(2026, 1, 25))},
        published=PUBLISHED,
    )
    doc = find_statements(find_attributions(doc, context), context)
    events = anchor_events(find_events(doc, context), context).events
    battle = [e for e in events if e.trigger == "battle"]
    assert battle, [(e.trigger, e.event_type) for e in events]
    assert battle[0].date is not None and battle[0].date.text == ""
    assert battle[0].date_anchor is Anchor.PUBLICATION


def test_anchoring_a_relative_clause_keeps_the_date_of_its_own_noun() -> None:
    # "the nadir of 2016, when Turkey shot down a Russian jet": the clause's time is 2016.
    doc, context = make(
        "Relations recovered after the nadir of 2016, when Turkey shot down a Russian jet "
        "near Hasakah.",
        places=PLACES,
        dates={"2016": (date(2016, 1, 1), date(2016, 12, 31))},
        published=PUBLISHED,
    )
    doc = find_statements(find_attributions(doc, context), context)
    events = anchor_events(find_events(doc, context), context).events
    shot = [e for e in events if e.trigger == "shot"]
    assert shot, [(e.trigger, e.event_type) for e in events]
    assert shot[0].date is not None and shot[0].date.start == date(2016, 1, 1)


def test_anchoring_a_date_after_the_report_dates_no_happening_it_asserts() -> None:
    # "a rally for the June 3 poll" in a report of 23 May: the shelling was not on June 3.
    event = _read(
        "Rebels shelled a rally in Hasakah for the February 3 poll. The mortar fire hit a tent "
        "late on Thursday.",
        {"February 3": (date(2026, 2, 3), date(2026, 2, 3)), "late on Thursday": THURSDAY},
    )
    assert event.date is not None and (event.date.start, event.date.end) == THURSDAY
