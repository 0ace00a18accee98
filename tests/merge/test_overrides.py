"""Analyst overrides: merge, split and pin survive re-merging and new documents."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from helpers.merge import HASAKAH_GOV, RAQQA, SHADDADI, mention
from watchfloor.merge import (
    apply_overrides,
    merge_mentions,
    merge_override,
    pin_override,
    split_override,
)
from watchfloor.model.incidents import Override, OverrideKind
from watchfloor.model.serialize import from_plain, to_plain

WHEN = datetime(2022, 2, 1, 9, tzinfo=UTC)


def test_overrides_merge_survives_remerge_and_new_documents():
    a, b = mention("a", where=SHADDADI), mention("b", where=RAQQA)
    first = merge_mentions([a, b])
    assert len(first.incidents) == 2
    override = merge_override(first.incidents, "analyst", WHEN, "same night, same cell")
    merged = apply_overrides(first.incidents, [override])
    assert len(merged.incidents) == 1
    assert len(merged.retired) == 1
    # New documents arrive and everything is re-merged from scratch: the merge still holds.
    c = mention("c", where=SHADDADI)
    again = merge_mentions([a, b, c], overrides=[override])
    assert len(again.incidents) == 1
    assert again.incidents[0].overrides == (override.id,)


def test_overrides_split_survives_new_documents():
    a, b = mention("a"), mention("b", where=HASAKAH_GOV)
    assert len(merge_mentions([a, b]).incidents) == 1
    override = split_override([b.id], "analyst", WHEN)
    split = merge_mentions([a, b], overrides=[override])
    assert sorted(len(i.claims) for i in split.incidents) == [1, 1]
    later = merge_mentions([a, b, mention("c")], overrides=[override])
    by_size = sorted(later.incidents, key=lambda i: len(i.claims))
    assert by_size[0].mention_ids == (b.id,)


def test_overrides_pin_field_survives_remerge():
    a = mention("a")
    incident = merge_mentions([a]).incidents[0]
    override = pin_override(incident, "event_type", "attack_on_detention_facility", "an", WHEN)
    result = merge_mentions([a, mention("b")], overrides=[override])
    (pinned,) = result.incidents
    assert pinned.event_type == "attack_on_detention_facility"
    assert pinned.pinned == ("event_type",)


def test_overrides_pin_date_converts_value():
    incident = merge_mentions([mention("a")]).incidents[0]
    override = pin_override(incident, "start", date(2022, 1, 19), "an", WHEN)
    (pinned,) = apply_overrides([incident], [override]).incidents
    assert pinned.start == date(2022, 1, 19)


def test_overrides_pin_rejects_derived_field():
    incident = merge_mentions([mention("a")]).incidents[0]
    with pytest.raises(ValueError, match="cannot pin"):
        pin_override(incident, "claims", [], "an", WHEN)


def test_overrides_unresolved_target_is_skipped():
    a = mention("a")
    stray = Override.build(OverrideKind.MERGE, ("evm-gone", a.id), "an", WHEN)
    (incident,) = merge_mentions([a], overrides=[stray]).incidents
    assert len(incident.claims) == 1


def test_overrides_replayed_in_creation_order():
    a, b = mention("a"), mention("b", where=HASAKAH_GOV)
    split = split_override([b.id], "an", WHEN)
    first = merge_mentions([a, b], overrides=[split])
    rejoin = merge_override(first.incidents, "an", WHEN.replace(hour=10))
    # Later decision wins whatever order the store returns them in.
    for overrides in ([split, rejoin], [rejoin, split]):
        assert len(merge_mentions([a, b], overrides=overrides).incidents) == 1


def test_overrides_round_trip_plain():
    incident = merge_mentions([mention("a")]).incidents[0]
    override = pin_override(incident, "place", RAQQA, "an", WHEN, "checked the footage")
    assert from_plain(Override, to_plain(override)) == override
    assert override.id.startswith("ovr-")
