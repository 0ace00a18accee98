"""The map lists what it does not draw and why; a misread year does not stretch the timeline;
figure chart labels are never cut."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import incident_factory as F
from watchfloor.model.incidents import incident_id
from watchfloor.report.drawing import (
    MapPoint,
    TimelineItem,
    figure_chart,
    map_picture,
    timeline_chart,
)


def _point(n: int, lat: float | None, lon: float | None, name: str = "X") -> MapPoint:
    return MapPoint(f"inc-{n}", lat, lon, None, 10, "single_source", f"incident {n}", name)


def test_points_outside_the_region_and_without_coordinates_are_listed_with_reasons() -> None:
    picture = map_picture(
        [
            _point(1, 36.4, 41.1, "al-Hol"),
            _point(2, 39.8, -98.5, "United States"),
            _point(3, None, None),
        ]
    )
    assert [m.incident_id for m in picture.markers] == ["inc-1"]
    assert picture.unplaced == 2
    reasons = {n.incident_id: n.reason for n in picture.not_drawn}
    assert "United States" in reasons["inc-2"] and "outside the map" in reasons["inc-2"]
    assert reasons["inc-3"] == "no coordinates"


def test_a_misread_year_is_left_off_the_timeline_and_listed() -> None:
    items = [
        TimelineItem(f"inc-{n}", date(2022, 1, d), date(2022, 1, d), "prison_escape", "x", "")
        for n, d in enumerate((20, 21, 22, 25))
    ]
    items.append(TimelineItem("inc-old", date(1953, 1, 1), None, "prison_escape", "x", "old"))
    chart = timeline_chart(items)
    assert chart is not None
    assert chart.first is not None and chart.first.year == 2022
    assert [o.incident_id for o in chart.outliers] == ["inc-old"]
    assert "1953-01-01" in chart.outliers[0].reason
    assert len(chart.dots) == 4


def test_a_spread_out_record_keeps_every_date() -> None:
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    items = [TimelineItem(f"inc-{y}", date(y, 6, 1), None, "airstrike", "x", "") for y in years]
    chart = timeline_chart(items)
    assert chart is not None and not chart.outliers and len(chart.dots) == len(years)


def test_figure_chart_widens_its_label_column_for_long_names() -> None:
    incident = F.make_incident()
    long_outlet = "The Very Long Name Of An International Broadcaster"
    claims = tuple(replace(c, outlet=long_outlet) for c in incident.claims)
    longer = F.make_incident(list(claims), seed="evm-long")
    chart = figure_chart(longer)
    assert chart is not None
    assert any(long_outlet in bar.caption for bar in chart.bars)
    longest = max(len(bar.caption) for bar in chart.bars)
    assert chart.left >= longest * 6.6  # the whole caption fits left of the axis
    assert incident_id("evm-long") == longer.id


def test_basemap_draws_the_neighbours_and_labels_places() -> None:
    from watchfloor.report.basemap import basemap_labels, basemap_shapes

    countries = {s.country for s in basemap_shapes() if s.kind == "country"}
    assert {"IR", "SA", "KW", "IL"} <= countries
    assert {s.country for s in basemap_shapes() if s.kind == "admin1"} == {
        "SY",
        "IQ",
        "JO",
        "LB",
        "TR",
    }
    labels = {(label.kind, label.text) for label in basemap_labels()}
    assert ("country", "Syria") in labels and ("country", "Iran") in labels
    assert ("town", "Mosul") in labels and ("town", "Damascus") in labels
    assert any(kind == "admin1" for kind, _ in labels)
    towns = [label for label in basemap_labels() if label.kind == "town"]
    for n, one in enumerate(towns):  # one label per town: no twin a few pixels away
        for other in towns[n + 1 :]:
            assert abs(one.x - other.x) + abs(one.y - other.y) > 5, (one, other)
