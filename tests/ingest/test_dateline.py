"""Datelines: a report without a publication date is dated by the date at its top."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from watchfloor.ingest import IngestOptions
from watchfloor.ingest.assemble import build_document, options_meta
from watchfloor.ingest.dateline import find_dateline
from watchfloor.ingest.metadata import Meta

FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "fakes_syria_en_dev"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting. At least 29 ...", date(2016, 7, 10)),
        ("Posted on July 20 2016 by Asharq Al-Awsat Dozens Killed ...", date(2016, 7, 20)),
        ("Published February 18 2015 The Syrian army backed by ...", date(2015, 2, 18)),
        ("Date of publication 9 August 2016 Five children ...", date(2016, 8, 9)),
        ("21.08.2013Get short URL Syrian regime forces fired ...", date(2013, 8, 21)),
        ("30-04-2016 Suicide Bomber Kills Five Kurdish Police.", date(2016, 4, 30)),
        ("Last updated at Apr 232017 An Israeli attack on ...", date(2017, 4, 23)),
        ("Tuesday 31 May 2016 18:14 Deadly Russian Airstrikes ...", date(2016, 5, 31)),
        ("Rockets hit Aleppo.\n\nAFP Saturday 10 Sep 2016 Air strikes on a market ...",
         date(2016, 9, 10)),
        ("Blasts kill 18\n\n2019-03-26 HASAKAH - Two blasts ...", date(2019, 3, 26)),
        ("Aug. 1 2016 Rescuers say gas dropped on Syrian town.", date(2016, 8, 1)),
        ("Syria: 13/04/2017 - strikes on Idlib ...", date(2017, 4, 13)),
    ],
)  # fmt: skip
def test_dateline_forms(text: str, day: date) -> None:
    found = find_dateline(text)
    assert found is not None and found.published.date() == day
    assert found.published.tzinfo is not None
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "On 20 January 2022, ISIS attacked the Ghwayran prison in Hasakah.",  # an event's date
        "ISIS attacked the prison in Hasakah. Fighting went on until 30 January 2022.",
        "Syria: 4/5/2017 - strikes on Idlib ...",  # April or May: nothing says which
        "Clashes broke out near the dam, officials said, without giving a date.",
        "Strikes on 31 February 2016 are not a date.",
    ],
)
def test_dateline_absent(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_after_the_opening_is_not_one() -> None:
    text = "Fighting went on near the dam. " * 20 + "Published 1 March 2016."
    assert find_dateline(text) is None


def test_dateline_never_after_the_reading_day() -> None:
    assert find_dateline("12 March 2031 Strikes on Idlib", today=date(2026, 1, 1)) is None


def _build(text: str, options: IngestOptions | None = None):
    layers = [options_meta(options)] if options else [Meta()]
    return build_document(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="test",
        layers=layers,
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
    )


def test_dateline_dates_a_document_without_metadata_and_says_so() -> None:
    doc = _build("Sun 10 Jul 2016 Rebels killed in Aleppo. Clashes broke out overnight.")
    assert doc.published == datetime(2016, 7, 10, tzinfo=UTC)
    assert doc.extras["published_from"]["dateline"] == "Sun 10 Jul 2016"


def test_dateline_loses_to_the_analysts_date() -> None:
    given = datetime(2016, 7, 12, tzinfo=UTC)
    doc = _build("Sun 10 Jul 2016 Rebels killed in Aleppo.", IngestOptions(published=given))
    assert doc.published == given
    assert "published_from" not in doc.extras


@pytest.mark.skipif(not FAKES.is_dir(), reason="../shared/data (FA-KES dev) is not present")
def test_dateline_fakes_reports_are_dated_before_their_event_is_forgotten() -> None:
    # Real regional reports: where a dateline is found, the crowd's event date lies within a
    # month before it for most reports (the event is what the report is about).
    with (FAKES / "fakes_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = close = 0
    for row in rows:
        dateline = find_dateline(row["article_title"] + ".\n\n" + row["article_content"])
        if dateline is None:
            continue
        found += 1
        month, day, year = (int(x) for x in row["date"].split("/"))
        gap = (dateline.published.date() - date(year, month, day)).days
        close += -3 <= gap <= 31
    assert found >= 0.9 * len(rows)
    assert close >= 0.75 * found
