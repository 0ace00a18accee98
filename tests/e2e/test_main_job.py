"""The main job end to end: the CLI runs the sample into a SQLite file; the API and every
export read it back, and partner import round-trips it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

from watchfloor.serve import create_app
from watchfloor.store import open_store

ACLED_HEAD = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
PROVENANCE = [
    "watchfloor_incident_id", "watchfloor_document_ids", "watchfloor_urls",
    "watchfloor_origins", "watchfloor_fatalities_low", "watchfloor_fatalities_high",
]  # fmt: skip


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample run through `watchfloor run` into a fresh SQLite file."""
    from click.testing import CliRunner

    from watchfloor.cli.main import _register, cli

    if not cli.commands:
        _register()
    db = tmp_path_factory.mktemp("e2e") / "sample.db"
    result = CliRunner().invoke(cli, ["run", "--sample", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "merged" in result.output and "incidents" in result.output
    return db


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from watchfloor.cli.main import cli

    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_e2e_store_holds_documents_readings_and_incidents(sample_db):
    store = open_store(str(sample_db))
    summary = store.summary()
    assert summary["documents"] >= 10
    # English and Arabic are read (issue 18); other languages would be stored unread.
    by_language = summary["by_language"]
    assert summary["annotated"] == by_language["en"] + by_language.get("ar", 0)
    assert summary["incidents"] > 0
    escapes = store.incidents(event_type="prison_escape")
    assert escapes, "the sample corpus tells prison escapes"
    # Every claim of every incident leads back to a stored document and sentence.
    for incident in store.incidents():
        for claim in incident.claims:
            document = store.get_document(claim.document_id)
            assert document is not None
            assert 0 <= claim.evidence.start <= claim.evidence.end <= len(document.text)


def test_e2e_rerun_is_idempotent(sample_db):
    store = open_store(str(sample_db))
    before = (store.summary(), [i.id for i in store.incidents()])
    _cli("run", "--sample", "--db", str(sample_db))
    assert (store.summary(), [i.id for i in store.incidents()]) == before


@pytest.mark.anyio
async def test_e2e_api_serves_the_sample(sample_db):
    store = open_store(str(sample_db))
    app = create_app(store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://desk") as client:
        listing = (await client.get("/api/v1/incidents", params={"limit": 5})).json()
        assert listing["ok"] is True and listing["items"]
        first = listing["items"][0]["id"]
        detail = await client.get(f"/api/v1/incidents/{first}")
        assert detail.status_code == 200
        page = await client.get(f"/incidents/{first}")
        assert page.status_code == 200 and "<script>alert" not in page.text
        missing = (await client.get("/api/v1/incidents/inc-nope")).json()
        assert missing["ok"] is False and missing["status"] == 404


def test_e2e_acled_export(sample_db, tmp_path):
    out = tmp_path / "acled.csv"
    _cli("export", "acled", "--db", str(sample_db), "--out", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == ACLED_HEAD + PROVENANCE
    assert len(rows) > 1
    for row in rows[1:]:
        record = dict(zip(rows[0], row, strict=True))
        assert record["watchfloor_incident_id"].startswith("inc-")
        assert record["watchfloor_document_ids"]
        assert record["fatalities"].isdigit()


def test_e2e_geojson_export(sample_db, tmp_path):
    out = tmp_path / "incidents.geojson"
    _cli("export", "geojson", "--db", str(sample_db), "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        if feature["geometry"] is not None:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_e2e_stix_export_validates_and_round_trips(sample_db, tmp_path):
    validator = pytest.importorskip("stix2validator", reason="stix2-validator (dev extra)")
    out = tmp_path / "bundle.json"
    _cli("export", "stix", "--db", str(sample_db), "--out", str(out))
    result = validator.validate_string(
        out.read_text(encoding="utf-8"), validator.ValidationOptions(strict=True, interop=True)
    )
    assert result.is_valid, [str(e) for e in result.errors]
    partner_db = tmp_path / "partner.db"
    _cli("import", "stix", str(out), "--db", str(partner_db))
    theirs = open_store(str(partner_db)).incidents()
    ours = open_store(str(sample_db)).incidents()
    # The partner's claims come in under their own ids and go through the normal merge
    # (issue 17): every claim arrives, the partner heads its chain, and the same claims
    # form the same incidents.
    assert sum(len(i.claims) for i in theirs) == sum(len(i.claims) for i in ours)
    assert all(c.chain[0].kind.value == "partner" for i in theirs for c in i.claims)


def test_e2e_stix_round_trip_keeps_incident_shape(sample_db, tmp_path):
    out = tmp_path / "bundle.json"
    _cli("export", "stix", "--db", str(sample_db), "--out", str(out))
    partner_db = tmp_path / "partner.db"
    _cli("import", "stix", str(out), "--db", str(partner_db))
    theirs = open_store(str(partner_db)).incidents()
    ours = open_store(str(sample_db)).incidents()
    assert sorted(len(i.claims) for i in theirs) == sorted(len(i.claims) for i in ours)
    assert sorted(i.event_type for i in theirs) == sorted(i.event_type for i in ours)


def test_e2e_jsonl_export(sample_db, tmp_path):
    out = tmp_path / "incidents.jsonl"
    _cli("export", "jsonl", "--db", str(sample_db), "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["id"].startswith("inc-") for line in lines)


def test_e2e_report_is_self_contained(sample_db, tmp_path):
    out = tmp_path / "sitrep.html"
    _cli("report", "--db", str(sample_db), "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html
    assert 'src="http' not in html and 'href="http' not in html
