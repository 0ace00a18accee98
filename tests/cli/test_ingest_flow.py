"""The analyst's flow: ingest brings incidents up to date; --no-update and `update`; folder
notes skipped; CSV/JSONL rows; `run` takes ingest's metadata; the reported day is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from watchfloor.cli.main import cli
from watchfloor.store import open_store

pytestmark = pytest.mark.slow

ESCAPE = """Militants attack prison in Hasakah

HASAKAH, Syria, 21 January 2022 - Islamic State militants attacked the Ghwayran prison in
al-Hasakah on Thursday, killing at least 12 guards, the Syrian Democratic Forces said. Dozens
of detainees escaped during the assault, according to the SDF.
"""

CLASHES = """---
outlet: Example Wire
published: 2022-01-21T19:18:00-05:00
---
# Clashes continue around Ghwayran prison

Fighting between the SDF and Islamic State militants continued around the Ghwayran prison in
al-Hasakah on Friday, the SDF said, after an attack that freed dozens of detainees.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "escape.txt").write_text(ESCAPE, encoding="utf-8")
    (inputs / "escape.txt.meta.yaml").write_text("outlet: Sidecar News\n", encoding="utf-8")
    (inputs / "clashes.md").write_text(CLASHES, encoding="utf-8")
    (inputs / "README.md").write_text("# Test reports\nWhat this folder holds.\n")
    (inputs / "SOURCE.md").write_text("Source: written for the tests.\n")
    return inputs


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def counts(db: Path) -> tuple[int, int]:
    store = open_store(str(db))
    try:
        return store.summary()["documents"], len(store.incidents())
    finally:
        store.close()


def test_ingest_brings_incidents_up_to_date_and_skips_folder_notes(folder, tmp_path) -> None:
    db = tmp_path / "wf.db"
    result = invoke("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "2 inputs: 2 stored" in result.output  # README.md and SOURCE.md are not reports
    assert "incidents touched" in result.output and "facility claims" in result.output
    documents, incidents = counts(db)
    assert documents == 2 and incidents > 0
    store = open_store(str(db))
    outlets = {d.outlet for d in store.list_documents()}
    # The reported day of 19:18 -05:00 is the 21st, though it is the 22nd in UTC.
    clashes = next(d for d in store.list_documents() if d.outlet == "Example Wire")
    store.close()
    assert outlets == {"Sidecar News", "Example Wire"}
    assert clashes.published is not None and clashes.published.startswith("2022-01-21T19:18")
    listed = invoke("docs", "list", "--db", str(db))
    assert "2022-01-21\tExample Wire" in listed.output


def test_no_update_then_update_catches_up(folder, tmp_path) -> None:
    db = tmp_path / "wf.db"
    result = invoke("ingest", str(folder), "--db", str(db), "--no-update")
    assert result.exit_code == 0, result.output
    assert "watchfloor update" in result.output
    assert counts(db) == (2, 0)
    caught = invoke("update", "--db", str(db))
    assert caught.exit_code == 0, caught.output
    assert counts(db)[1] > 0


def test_csv_rows_with_a_column_mapping(tmp_path) -> None:
    rows = tmp_path / "collection.csv"
    body = ESCAPE.split("\n", 2)[2].replace("\n", " ")
    rows.write_text(
        "headline,story,site,link,date\n"
        f'"Prison attacked","{body}",Wire One,https://example.org/1,2022-01-21\n'
        '"Empty row","",Wire Two,https://example.org/2,2022-01-22\n',
        encoding="utf-8",
    )
    db = tmp_path / "wf.db"
    result = invoke(
        "ingest",
        str(rows),
        "--db",
        str(db),
        "--columns",
        "text=story,title=headline,url=link",
        "--no-update",
    )
    assert result.exit_code == 1, result.output  # one row refused, one stored
    assert "row 3 has no text in column story" in result.output
    store = open_store(str(db))
    [doc] = [store.get_document(d.id) for d in store.list_documents()]
    store.close()
    assert doc is not None
    assert (doc.title, doc.outlet, doc.url) == (
        "Prison attacked",
        "Wire One",
        "https://example.org/1",
    )
    assert doc.published is not None and doc.published.date().isoformat() == "2022-01-21"
    assert doc.source.endswith("collection.csv#2")


def test_jsonl_rows_use_the_usual_column_names(tmp_path) -> None:
    rows = tmp_path / "collection.jsonl"
    lines = [
        {"title": "One", "text": ESCAPE, "outlet": "Wire A", "published": "2022-01-21"},
        {"title": "Two", "body": CLASHES.split("---\n")[2], "source": "Wire B"},
    ]
    rows.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    db = tmp_path / "wf.db"
    result = invoke("ingest", str(rows), "--db", str(db), "--no-extract")
    assert result.exit_code == 1, result.output
    assert "line 3 is not JSON" in result.output
    store = open_store(str(db))
    outlets = sorted(d.outlet or "" for d in store.list_documents())
    store.close()
    assert outlets == ["Wire A", "Wire B"]


def test_bad_column_mapping_is_a_usage_error(tmp_path) -> None:
    result = invoke("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--columns", "body")
    assert result.exit_code == 2 and "FIELD=COLUMN" in result.output


def test_run_takes_the_metadata_options(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(ESCAPE, encoding="utf-8")
    db = tmp_path / "wf.db"
    result = invoke(
        "run", str(report), "--db", str(db), "--outlet", "Desk Notes", "--published", "2022-01-21"
    )
    assert result.exit_code == 0, result.output
    assert "by outlet: Desk Notes 1" in result.output
    assert "(unknown)" not in result.output
