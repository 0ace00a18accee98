"""The standalone geoparser: library records and the click command's output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from watchfloor.cli.geoparse import geoparse
from watchfloor.extract.geoparse import geoparse_texts

TEXT = "ISIS cells attacked Tal Tamr and the al-Hol camp in northeastern Syria."


@pytest.fixture(scope="module")
def records():
    return list(geoparse_texts([("a.txt", TEXT), ("b.txt", "Nothing here.")]))


def test_geoparse_records_keep_order_and_offsets(records):
    assert [r["file"] for r in records] == ["a.txt", "b.txt"]
    assert records[1]["toponyms"] == []
    for top in records[0]["toponyms"]:
        assert TEXT[top["start"] : top["end"]] == top["text"]
        assert set(top) == {
            "text",
            "start",
            "end",
            "name",
            "lat",
            "lon",
            "country_code",
            "admin1",
            "precision",
            "score",
            "note",
        }


def test_geoparse_resolves_regional_places(records):
    by_text = {t["text"]: t for t in records[0]["toponyms"]}
    assert by_text["Tal Tamr"]["country_code"] == "SY"
    assert by_text["al-Hol camp"]["precision"] == "facility"
    assert by_text["northeastern Syria"]["precision"] == "governorate"


def test_geoparse_cli_json_one_line_per_file(tmp_path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text("Talks were held in Baghdad.", encoding="utf-8")
    result = CliRunner().invoke(geoparse, [str(first), str(second)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["file"] for line in lines] == [str(first), str(second)]
    assert lines[1]["toponyms"][0]["country_code"] == "IQ"


def test_geoparse_cli_text_format_and_bad_bytes(tmp_path):
    good, bad = tmp_path / "g.txt", tmp_path / "b.txt"
    good.write_text("Talks were held in Baghdad.", encoding="utf-8")
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(geoparse, [str(good), "--format", "text"])
    assert result.exit_code == 0 and "\tBaghdad\t" in result.output
    failed = CliRunner().invoke(geoparse, [str(bad)])
    assert failed.exit_code != 0 and "WF-I004" in failed.output
