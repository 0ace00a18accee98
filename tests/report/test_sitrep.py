"""The situation report: ordering, changes since the previous report, contested figures,
self-contained HTML and inert Markdown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from helpers.desk import escape_story, fill_store, make_claim, make_incident, make_reading
from watchfloor.cli.report import report as report_command
from watchfloor.report import build_report, record_report, render_html, render_markdown
from watchfloor.report.describe import range_text, significance
from watchfloor.report.templates import markdown_text
from watchfloor.store import open_store


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(1500, 1500, "1,500"), (100, 999, "100–999"), (12000, None, "12,000+")],
)
def test_describe_range_text(low, high, text):
    assert range_text(low, high) == text


def test_sitrep_orders_by_significance(story):
    store, _, incidents = story
    report = build_report(store, now=datetime(2026, 1, 26, tzinfo=UTC))
    assert [i.incident.id for i in report.items] == [incidents[0].id, incidents[1].id]
    assert report.items[0].significance == significance(incidents[0])
    assert report.items[0].significance > report.items[1].significance


def test_sitrep_contested_figures_and_uncorroborated_claims(story):
    store, _, incidents = story
    report = build_report(store)
    assert [(c.incident_id, c.figure.role) for c in report.contested] == [
        (incidents[0].id, "escaped")
    ]
    assert {u.incident_id for u in report.uncorroborated} == {incidents[1].id}
    assert report.uncorroborated[0].sentence.startswith("Gunmen attacked a checkpoint")
    assert {s.outlet: s.cites for s in report.sources}["Rudaw"] == ("SDF",)


def test_sitrep_period_filters_incidents(story):
    store, _, incidents = story
    report = build_report(store, date(2026, 1, 21))
    assert [i.incident.id for i in report.items] == [incidents[1].id]


def test_sitrep_changes_since_previous_report(story):
    store, _, incidents = story
    first = build_report(store, now=datetime(2026, 1, 26, tzinfo=UTC))
    assert first.previous is None and first.changes == ()
    record_report(store, first, "first.html")
    # A revision of one incident, a new one, and one merged away.
    revised = replace(incidents[0], pinned=("event_type",))
    extra = make_reading(
        "A car bomb exploded in Raqqa, killing 5.",
        outlet="SANA",
        places={"Raqqa": (35.95, 39.01)},
        figures={"5": (5, 5, "killed")},
    )
    new = make_incident(
        [
            make_claim(
                extra,
                "exploded",
                event_type="bombing",
                figure="5",
                place="Raqqa",
                on=date(2026, 1, 25),
            )
        ]
    )
    store.write_document(extra.document, extra.annotated, "x")
    store.save_incidents([revised, new], blocks={}, retired=[incidents[1].id])
    second = build_report(store, now=datetime(2026, 1, 27, tzinfo=UTC))
    kinds = {(c.incident_id, c.kind.value) for c in second.changes}
    assert kinds == {
        (new.id, "new"),
        (incidents[0].id, "revised"),
        (incidents[1].id, "merged away"),
    }
    assert second.previous is not None and second.previous.path == "first.html"


def test_sitrep_html_is_self_contained(story):
    store, _, _ = story
    html = render_html(build_report(store))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"<(script|link|iframe|img)\b", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    assert html.count('class="marker ') == 2
    assert "<svg" in html and "Contested figures" in html


def test_sitrep_escapes_hostile_text_in_html_and_markdown(story):
    store, _, _ = story
    evil = "<script>alert(1)</script> [click](javascript:alert(2)) | *bold*"
    reading = make_reading(
        f"{evil} Fighters escaped from Ghwayran.", outlet=evil, places={"Ghwayran": (36.5, 40.7)}
    )
    incident = make_incident(
        [make_claim(reading, "escaped", place="Ghwayran", on=date(2026, 1, 20))]
    )
    fill_store(store, [reading], [incident])
    report = build_report(store)
    html = render_html(report)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    md = render_markdown(report)
    assert "<script>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # link syntax only in escaped form
    assert markdown_text("a | b [c](d)") == r"a \| b \[c\](d)"


def test_report_command_writes_html_then_markdown_with_changes(tmp_path):
    db = tmp_path / "desk.db"
    file_store = open_store(str(db))
    readings, incidents = escape_story()
    fill_store(file_store, readings, incidents)
    file_store.close()
    runner = CliRunner()
    first = runner.invoke(report_command, ["--db", str(db), "--out", str(tmp_path / "a.html")])
    assert first.exit_code == 0, first.output
    assert "2 incident(s)" in first.output
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    second = runner.invoke(
        report_command, ["--db", str(db), "--since", "2026-01-01", "--out", str(tmp_path / "b.md")]
    )
    assert second.exit_code == 0, second.output
    assert "Nothing changed" in (tmp_path / "b.md").read_text(encoding="utf-8")
    bad = runner.invoke(report_command, ["--db", str(db), "--out", str(tmp_path / "c.pdf")])
    assert bad.exit_code == 2
