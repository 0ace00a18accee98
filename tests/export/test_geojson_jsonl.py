"""GeoJSON (RFC 7946) and JSON Lines exports."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import incident_factory as F
from watchfloor.export.geojson import write_geojson
from watchfloor.export.jsonl import write_jsonl
from watchfloor.model import from_plain
from watchfloor.model.incidents import Incident


def test_geojson_is_feature_collection_with_lon_lat_points() -> None:
    out = io.StringIO()
    assert write_geojson([F.make_incident()], out) == 1
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [40.73, 36.06]}
    props = feature["properties"]
    assert props["event_type"] == "prison_escape" and props["independent_origins"] == 2
    assert props["fatalities"] == 12
    assert {"role": "escaped", "low": 100, "high": 1500, "sources": 2} in props["figures"]
    assert any("GeoNames" in line for line in data["attribution"])


def test_geojson_incident_without_coordinates_has_null_geometry() -> None:
    incident = replace(F.make_incident(), place=None)
    out = io.StringIO()
    write_geojson([incident], out)
    (feature,) = json.loads(out.getvalue())["features"]
    assert feature["geometry"] is None and feature["properties"]["place"] is None


def test_jsonl_round_trips_each_incident() -> None:
    incidents = [F.make_incident(), F.make_incident(seed="evm-other")]
    out = io.StringIO()
    assert write_jsonl(incidents, out) == 2
    lines = out.getvalue().splitlines()
    assert [from_plain(Incident, json.loads(line)) for line in lines] == incidents


def test_jsonl_is_stable_across_exports() -> None:
    first, second = io.StringIO(), io.StringIO()
    write_jsonl([F.make_incident()], first)
    write_jsonl([F.make_incident()], second)
    assert first.getvalue() == second.getvalue()


def test_geojson_never_shows_a_country_centroid_without_saying_so() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from watchfloor.model import Precision

    @settings(max_examples=40, deadline=None)
    @given(
        st.sampled_from(list(Precision)),
        st.one_of(st.none(), st.floats(-89, 89)),
        st.one_of(st.none(), st.floats(-179, 179)),
    )
    def check(precision: Precision, lat: float | None, lon: float | None) -> None:
        here = F.place(name="Somewhere", lat=lat, lon=lon, precision=precision)
        out = io.StringIO()
        write_geojson([replace(F.make_incident(), place=here)], out)
        (feature,) = json.loads(out.getvalue())["features"]
        point = feature["properties"]["point"]
        if feature["geometry"] is None:
            assert point is None
        elif precision is Precision.COUNTRY:
            assert point == "country_centroid"
        elif precision is Precision.REGION:
            assert point == "region_centroid"
        else:
            assert point == "place"

    check()
