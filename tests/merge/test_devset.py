"""The merge development set: well-formed, and the merge holds its precision on the samples."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import eval_incidents as ev
from watchfloor.extract import Extractor
from watchfloor.merge import merge_mentions
from watchfloor.model.incidents import DocumentInfo
from watchfloor.pipeline import merge_options

ROOT = Path(__file__).resolve().parents[2]

DEVSET = json.loads(ev.DEVSET.read_text(encoding="utf-8"))


def test_devset_every_sample_anchor_is_in_its_document():
    found = ev.sample_documents(DEVSET)
    anchors = {(str(i["doc"]), str(i["anchor"])) for i in DEVSET["samples"]}
    located = sum(len(spans) for _, spans in found)
    assert located >= len(anchors)  # a feed file holds several documents


def test_devset_guardian_items_name_every_analyst_incident():
    path = ev.GUARDIAN / "analyst_incidents.json"
    if not path.exists():
        pytest.skip(f"development data not present: {path}")
    gold = json.loads(path.read_text(encoding="utf-8"))
    wanted = {(int(a["row"]), n) for a in gold["articles"] for n in range(len(a["incidents"]))}
    listed = {(int(i["row"]), int(i["incident"])) for i in DEVSET["guardian"]}
    assert listed == wanted
    found = ev.guardian_documents(DEVSET)
    assert sum(len(spans) for _, spans in found) >= 0.9 * len(wanted)


def test_devset_labels_follow_the_pair_rules():
    key = {"a": "x", "b": "x", "c": "y"}
    assert ev.pairs(key, key) == {("a", "b")}
    assert ev.b_cubed(key, key)[2] == 1.0
    assert ev.b_cubed(key, {"a": "1", "b": "2", "c": "3"})[0] == 1.0


def test_devset_samples_merge_precisely_and_beat_the_baseline():
    documents = ev.sample_documents(DEVSET)
    extractor = Extractor()
    mentions: list[Any] = []
    key, infos, published = {}, {}, {}
    for (document, spans), read in zip(
        documents, extractor.extract([d for d, _ in documents]), strict=True
    ):
        infos[document.id] = DocumentInfo(document.outlet, document.published)
        mentions.extend(read.events)
        key.update(ev.label_mentions([e for e in read.events if e.is_incident], spans))
        published.update({e.id: document.published for e in read.events})
    result = merge_mentions(mentions, documents=infos, options=merge_options())
    merged = {m: i.id for i in result.incidents for m in i.mention_ids}
    merged.update({m.id: f"none:{m.id}" for m in mentions if m.id not in merged})
    gold, got = ev.pairs(key, key), ev.pairs(merged, key)
    assert got, "the merge joins some labelled mentions"
    precision = len(gold & got) / len(got)
    assert precision >= 0.85
    baseline = {m.id: ev.same_day_same_country(m, published[m.id]) for m in mentions}
    recall = len(gold & got) / len(gold)
    base = ev.pairs(baseline, key)
    base_recall = len(gold & base) / len(gold)
    assert recall > base_recall


def test_devset_guardian_anchors_are_in_their_articles():
    path = ev.GUARDIAN / "guardian_syria_sample.csv"
    if not path.exists():
        pytest.skip(f"development data not present: {path}")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        texts = {int(row[""]): row["text"] for row in csv.DictReader(handle)}
    items = DEVSET["guardian_more"]
    assert items, "the set lists anchored Guardian happenings"
    for item in items:
        assert ev.find_span(texts[int(item["row"])], str(item["anchor"])) is not None, item
