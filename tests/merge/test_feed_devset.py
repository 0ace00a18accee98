"""The feed-item development set: well-formed, and the product path merges it precisely.

bench/data/feeds holds synthetic RSS items written for the project (shipped with it);
bench/eval_feeds.py scores them through `watchfloor ingest` and `watchfloor incidents list`.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

import eval_feeds as ef
from eval_incidents import _prf, pairs

pytestmark = [pytest.mark.issue(14)]

LABELS = json.loads(ef.LABELS.read_text(encoding="utf-8"))


def test_every_feed_item_is_labelled_once_and_the_feeds_parse():
    listed = [(str(i["feed"]), str(i["guid"])) for i in LABELS["items"]]
    assert len(listed) == len(set(listed))
    found = []
    for path in sorted(ef.FEEDS.glob("*.xml")):
        root = ElementTree.parse(path).getroot()
        found += [(path.name, str(item.findtext("guid"))) for item in root.iter("item")]
    assert sorted(found) == sorted(listed)
    assert set(ef.item_keys().values()) == {f"{f}|{g}" for f, g in listed}


@pytest.mark.slow
def test_feed_items_merge_precisely_and_beat_the_baseline():
    gold = {f"{i['feed']}|{i['guid']}": str(i["incident"]) for i in LABELS["items"]}
    keys = ef.item_keys()
    with tempfile.TemporaryDirectory() as folder:
        got, main, _ = ef.product_pairs(Path(folder) / "feeds.db", keys)
    wanted = pairs(gold, gold)
    precision, recall, f1 = _prf(wanted, got)
    read = ef.baseline_keys(keys)
    base = pairs({item: read.get(item, f"alone|{item}") for item in gold}, gold)
    assert precision >= 0.85, (precision, recall)
    assert f1 > _prf(wanted, base)[2]
    assert len(main) >= 0.6 * len(gold), "most items end in an incident"
