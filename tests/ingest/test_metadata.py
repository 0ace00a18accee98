"""Metadata guesses: language, genre, byline author, outlet prefix, title, dates."""

from __future__ import annotations

import time
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from watchfloor.ingest.assemble import options_meta
from watchfloor.ingest.metadata import (
    Meta,
    find_byline_author,
    find_outlet_prefix,
    guess_genre,
    guess_language,
    guess_title,
    meta_from_mapping,
    parse_published,
)
from watchfloor.ingest.options import IngestOptions
from watchfloor.model import Genre


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Syrian Democratic Forces said they had retaken the prison after six days.", "en"),
        ("قالت قوات سوريا الديمقراطية إنها استعادت السيطرة الكاملة على السجن بعد ستة أيام", "ar"),
        (
            "Les Forces démocratiques syriennes ont annoncé avoir repris le contrôle de la prison.",
            "fr",
        ),
        ("Too short", "und"),
    ],
)
def test_guess_language_codes(text, code):
    assert guess_language(text) == code


@pytest.mark.parametrize(
    ("title", "lines", "url", "genre"),
    [
        (
            None,
            ["Strategic Council Online – Opinion: Numerous documents indicate..."],
            None,
            Genre.OPINION,
        ),
        ("Op-Ed: The prisons are a time bomb", [], None, Genre.OPINION),
        (
            "The prisons are a time bomb",
            [],
            "https://example.org/opinion/2022/prisons",
            Genre.OPINION,
        ),
        ("Commentary: Who pays for the camps?", [], None, Genre.OPINION),
        ("Editorial | Close al-Hol", [], None, Genre.OPINION),
        ("Analysis: ISIS after Ghwayran", [], None, Genre.ANALYSIS),
        ("Statement by NSC Spokesperson on Syria", [], None, Genre.OFFICIAL),
        ("Remarks by the President", [], None, Genre.OFFICIAL),
        ("Readout of the call with the SDF commander", [], None, Genre.OFFICIAL),
        ("Press release: Coalition strikes", [], None, Genre.OFFICIAL),
        (
            "Prison attack",
            [],
            "https://example.gov/briefing-room/statements-releases/x",
            Genre.OFFICIAL,
        ),
        (
            "Prison attack",
            ["HASAKAH, Syria (Sample Wire) — ISIS fighters attacked"],
            None,
            Genre.NEWS,
        ),
        ("Prison attack", ["BEIRUT (Reuters) - Fighting went on"], None, Genre.NEWS),
        ("Prison attack", ["Some text without markers."], None, Genre.UNKNOWN),
        (None, ["Title", "Jane Roe – Senior Fellow, Middle East Programme"], None, Genre.OPINION),
    ],
)
def test_guess_genre_markers(title, lines, url, genre):
    assert guess_genre(title, lines, url) is genre


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        (
            [
                "Strategic Council Online – Opinion: long first line",
                "Barsam Mohammadi – Regional Affairs Expert",
            ],
            "Barsam Mohammadi",
        ),
        (["Prison attack in Hasakah", "By Jane Doe"], "Jane Doe"),
        (["Prison attack", "By Jane Doe and Omar Haddad, Sample Wire"], "Jane Doe"),
        (["Prison attack", "by Leila al-Khatib | Correspondent"], "Leila al-Khatib"),
        (["Strategic Council Online – Opinion"], None),
        (["Syrian Democratic Forces – Press Office"], None),
        (["The SDF said by Thursday the prison was retaken."], None),
    ],
)
def test_find_byline_author(lines, author):
    assert find_byline_author(lines) == author


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Strategic Council Online – Opinion: Numerous documents ...", "Strategic Council Online"),
        ("Levant Ledger | Analysis: after the siege", "Levant Ledger"),
        ("HASAKAH, Syria (Sample Wire) — ISIS fighters attacked", "Sample Wire"),
        ("Opinion: the prisons must close", None),
        ("The SDF – which leads the fight – said", None),
    ],
)
def test_find_outlet_prefix(line, outlet):
    assert find_outlet_prefix(line) == outlet


def test_guess_title_short_first_line_only():
    assert (
        guess_title(["ISIS storms prison in Hasakah", "By Jane Doe"])
        == "ISIS storms prison in Hasakah"
    )
    assert guess_title(["ISIS stormed the prison in Hasakah on Thursday.", "More."]) is None
    assert guess_title(["Only one line"]) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-30", datetime(2022, 1, 30, tzinfo=UTC)),
        ("2022-01-30T16:52:20Z", datetime(2022, 1, 30, 16, 52, 20, tzinfo=UTC)),
        (
            "2022-01-30 16:52:20-05:00",
            datetime(2022, 1, 30, 16, 52, 20, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("Mon, 24 Jan 2022 16:00:00 +0000", datetime(2022, 1, 24, 16, tzinfo=UTC)),
        ("24 January 2022", datetime(2022, 1, 24, tzinfo=UTC)),
        (date(2022, 1, 24), datetime(2022, 1, 24, tzinfo=UTC)),
        (datetime(2022, 1, 24, 8), datetime(2022, 1, 24, 8, tzinfo=UTC)),
        (
            time.struct_time((2022, 1, 24, 16, 0, 0, 0, 24, 0)),
            datetime(2022, 1, 24, 16, tzinfo=UTC),
        ),
        ("not a date at all", None),
        ("", None),
    ],
)
def test_parse_published_is_timezone_aware(value, expected):
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_meta_from_mapping_aliases_and_bad_genre():
    meta = meta_from_mapping(
        {
            "source_url": "https://example.org/x",
            "published_time": "2022-01-30",
            "genre": "poem",
            "Title": "A  title",
            "site_name": "Wire",
        }
    )
    assert meta == Meta(
        outlet="Wire",
        url="https://example.org/x",
        published=datetime(2022, 1, 30, tzinfo=UTC),
        title="A title",
    )


def test_meta_over_fills_only_gaps():
    top = Meta(outlet="Given", author=None)
    assert top.over(Meta(outlet="Read", author="Jane"), Meta(author="Guess")) == Meta(
        outlet="Given", author="Jane"
    )


def test_ingest_options_carry_the_meta_fields_once() -> None:
    names = [f.name for f in fields(Meta)]
    assert [f.name for f in fields(IngestOptions)][: len(names)] == names
    options = IngestOptions(outlet="Wire", title="T", published=datetime(2024, 1, 2), max_bytes=9)
    top = options_meta(options)
    assert type(top) is Meta
    assert top == Meta(outlet="Wire", title="T", published=datetime(2024, 1, 2, tzinfo=UTC))
    assert top.over(Meta(author="A", outlet="Other")).author == "A"
