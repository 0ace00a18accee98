"""The merge development set: well-formed, and the merge holds its precision on the samples."""

from __future__ import annotations

import csv
import functools
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


@functools.cache
def _sample_reading() -> tuple[list[Any], list[Any], dict[str, Any]]:
    """The bundled samples read once: (document, events) each, their label spans, infos."""
    documents = ev.sample_documents(DEVSET)
    reading: list[Any] = []
    spans_of: list[Any] = []
    infos: dict[str, Any] = {}
    for (document, spans), read in zip(
        documents, Extractor().extract([d for d, _ in documents]), strict=True
    ):
        infos[document.id] = DocumentInfo(document.outlet, document.published)
        reading.append((document, read.events))
        spans_of.append(spans)
    return reading, spans_of, infos


def test_devset_samples_merge_precisely_and_beat_the_baseline():
    reading, spans_of, infos = _sample_reading()
    mentions: list[Any] = []
    key, published = {}, {}
    for (document, events), spans in zip(reading, spans_of, strict=True):
        mentions.extend(events)
        key.update(ev.label_mentions([e for e in events if e.is_incident], spans))
        published.update({e.id: document.published for e in events})
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


def test_devset_samples_background_told_again_rides_with_its_own_happening():
    # Retold tolls and escapes ("at least 120 people had been killed", "around 400 inmates had
    # escaped") join their report's happening; none lands in another happening's incident.
    reading, spans_of, infos = _sample_reading()
    mentions = [e for _, events in reading for e in events]
    key: dict[str, str] = {}
    for (_, events), spans in zip(reading, spans_of, strict=True):
        key.update(ev.label_mentions(events, spans))
    result = merge_mentions(mentions, documents=infos, options=merge_options())
    background = {m.id for m in mentions if m.background and m.id in key}
    riding = 0
    for incident in result.incidents:
        labels = {key[m] for m in incident.mention_ids if m in key}
        passengers = background & set(incident.mention_ids)
        riding += len(passengers)
        assert not passengers or len(labels) == 1, (incident.id, labels)
    assert riding >= 3


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
