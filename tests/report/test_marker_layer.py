"""The overview's fast map and timeline write exactly what the general drawing path writes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.report.drawing import map_picture, timeline_chart
from watchfloor.report.marker_layer import overview_map, overview_timeline
from watchfloor.report.svg_markup import markers_markup, timeline_markup
from watchfloor.serve.markers import marker_points, timeline_items
from watchfloor.store.incident_query import MARKER_FIELDS, IncidentMarker

HREF = "/incidents/"
_DAY0 = date(2024, 1, 1)

_day = st.one_of(
    st.none(),
    st.just("not a date"),
    st.integers(0, 700).map(lambda n: (_DAY0 + timedelta(days=n)).isoformat()),
    st.just("1953-06-01"),  # a misread year, far from every other date
)
_row = st.tuples(
    st.from_regex(r"inc-[0-9a-f]{6}", fullmatch=True),
    st.one_of(st.none(), st.floats(28.0, 40.0), st.just(39.8)),
    st.one_of(st.none(), st.floats(32.0, 50.0), st.just(-98.5)),  # -98.5: the US centroid
    st.sampled_from(["air_strike", "shelling", "prison_escape", "agreement"]),
    st.one_of(st.none(), st.sampled_from(["al-Hol", 'Raqqa <&> "x"', "Mosul"])),
    st.sampled_from(["SY", "IQ", None]),
    _day,
    _day,
    st.integers(0, 5),
    st.sampled_from(["single_source", "corroborated", "contested", None]),
    st.sampled_from(["town", "governorate", "country", "facility", None, "odd"]),
    st.one_of(st.none(), st.integers(0, 100_000)),
)


def _old(rows: list[tuple[Any, ...]]) -> tuple[Any, Any]:
    markers = [
        IncidentMarker(**dict(zip(MARKER_FIELDS, (*r[:-1], r[-1] or 0), strict=True))) for r in rows
    ]
    return map_picture(marker_points(markers)), timeline_chart(timeline_items(markers))


@settings(max_examples=150, deadline=None)
@given(st.lists(_row, max_size=40))
def test_fast_map_and_timeline_equal_the_general_path(rows: list[tuple[Any, ...]]) -> None:
    assert all(len(r) == len(MARKER_FIELDS) for r in rows)
    picture, chart = _old(rows)
    fast = overview_map(rows, HREF)
    assert fast.markup == markers_markup(picture.markers, HREF)
    assert fast.drawn == len(picture.markers)
    assert (fast.unplaced, fast.not_drawn) == (picture.unplaced, picture.not_drawn)
    assert (fast.width, fast.height) == (picture.width, picture.height)
    fast_chart = overview_timeline(rows, HREF)
    if chart is None:
        assert fast_chart is None
        return
    assert fast_chart is not None
    assert fast_chart.markup == timeline_markup(chart.dots, HREF)
    for field in ("width", "height", "left", "lanes", "ticks", "first", "days", "outliers"):
        assert getattr(fast_chart, field) == getattr(chart, field), field


def test_markup_is_cached_per_row_and_a_changed_row_is_drawn_anew() -> None:
    row = ("inc-1", 36.4, 41.1, "shelling", "al-Hol", "SY", "2025-01-02", "2025-01-02", 1,
           "single_source", "town", 10)  # fmt: skip
    first = overview_map([row], HREF).markup
    assert first == overview_map([row], HREF).markup
    moved = (*row[:1], 35.0, *row[2:])
    assert overview_map([moved], HREF).markup != first
    assert 'href="/incidents/inc-1"' in str(first) and "Shelling in al-Hol" in str(first)


def test_text_from_documents_is_escaped() -> None:
    row = ('inc-"><script>', 36.4, 41.1, "shelling", "<b>al-Hol</b>", "SY", "2025-01-02",
           None, 1, "contested", None, None)  # fmt: skip
    markup = str(overview_map([row], HREF).markup)
    chart = overview_timeline([row], HREF)
    assert chart is not None
    for text in (markup, str(chart.markup)):
        assert "<script>" not in text and "<b>" not in text
        assert "&lt;b&gt;al-Hol&lt;/b&gt;" in text
