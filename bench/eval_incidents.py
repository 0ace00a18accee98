"""Same-incident pairs: the merge stage against the same-day-same-country baseline, one run.

The development set (`bench/data/incident_devset.json`, ids and anchors only, with a note on
how it was made) labels the happenings of three sources:

- the 20 Guardian articles an analyst read (../shared/data/guardian_syria_isis_2017_2019): every
  analyst incident, grouped across articles where several tell one happening; and a few more
  articles of that set labelled by anchor phrases (`guardian_more`: the Afrin offensive's
  first days, Baghuz, Raqqa);
- the bundled sample reports (src/watchfloor/samples/corpus): Hasakah prison attack, its retaking,
  the Atmeh raid, the July 2022 airstrike ..., marked by anchor phrases;
- NewsWCL50 (../shared/data/newswcl50): its gold cross-document chains, fed to the merge as
  `bench/eval_coref.py` builds them (no places in that set; dates are publication days).

For the first two, each document is read by the full extraction; a produced event mention takes
the label of the gold happening whose evidence (analyst sentence or anchor) holds its trigger
(else a supporting sentence's), and the mentions with a label are the universe. The merge
(`merge_mentions` with the packaged ontology's rules) and the baseline (same event day, same
country; a mention without a country stands alone, or in a second row counts as one unknown
country) are scored on it: pair precision, recall
and F1 over all pairs and over cross-document pairs only, and B-cubed. A second merge of the
same mentions in reverse order checks order-invariance. Sets whose data is absent are skipped.

    python bench/eval_incidents.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

from watchfloor.extract import Extractor
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.merge import merge_mentions
from watchfloor.model import Document, Genre
from watchfloor.model.events import EventMention, Modality
from watchfloor.model.incidents import DocumentInfo
from watchfloor.pipeline import merge_options

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "bench" / "data" / "incident_devset.json"
SAMPLES = ROOT / "src" / "watchfloor" / "samples" / "corpus"
DATA = ROOT.parent / "shared" / "data"
GUARDIAN = DATA / "guardian_syria_isis_2017_2019"

Labels = dict[str, str]  # mention id → happening label
Span = tuple[int, int, str]  # start, end, label


def _pattern(text: str) -> re.Pattern[str]:
    """A whitespace- and quote-tolerant pattern for a phrase of the text."""
    words = [re.escape(w) for w in text.split()]
    body = r"\s+".join(words)
    return re.compile(body.replace("’", "['’]").replace("“", '["“]').replace("”", '["”]'))


def find_span(text: str, phrase: str) -> tuple[int, int] | None:
    """Where a phrase occurs first in a text (whitespace-tolerant), or None."""
    match = _pattern(phrase).search(text)
    return (match.start(), match.end()) if match else None


def _document(text: str, when: datetime) -> Document:
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="guardian",
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.NEWS,
        outlet="Guardian",
    )


def guardian_documents(devset: Mapping[str, object]) -> list[tuple[Document, list[Span]]]:
    """The analyst's 20 Guardian articles with each gold incident's evidence span and label."""
    gold = json.loads((GUARDIAN / "analyst_incidents.json").read_text(encoding="utf-8"))
    labels = {(int(i["row"]), int(i["incident"])): str(i["label"]) for i in devset["guardian"]}  # type: ignore[attr-defined]
    articles = {int(a["row"]): a for a in gold["articles"]}
    # Articles the analyst did not read, labelled by anchors (the set's "guardian_more").
    anchors: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item in devset.get("guardian_more", ()):  # type: ignore[attr-defined]
        anchors[int(item["row"])].append((str(item["anchor"]), str(item["label"])))
    csv.field_size_limit(sys.maxsize)
    found: list[tuple[Document, list[Span]]] = []
    with (GUARDIAN / "guardian_syria_sample.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            index = int(row[""])
            if index not in articles and index not in anchors:
                continue
            when = datetime.fromisoformat(row["date"]).replace(tzinfo=UTC)
            document = _document(row["text"], when)
            spans: list[Span] = []
            for n, incident in enumerate(articles.get(index, {"incidents": []})["incidents"]):
                span = find_span(document.text, str(incident["evidence"]))
                if span is not None:
                    # The analyst's main incident first: it is what the report leads with.
                    spans.insert(
                        0 if incident.get("main") else len(spans), (*span, labels[(index, n)])
                    )
            for anchor, label in anchors.get(index, ()):
                span = find_span(document.text, anchor)
                if span is not None:
                    spans.append((*span, label))
            found.append((document, spans if index in articles else sorted(spans)))
    return found


def sample_documents(devset: Mapping[str, object]) -> list[tuple[Document, list[Span]]]:
    """The bundled sample reports with each anchor's span and label (a feed gives several)."""
    anchors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in devset["samples"]:  # type: ignore[attr-defined]
        anchors[str(item["doc"])].append((str(item["anchor"]), str(item["label"])))
    found = []
    for name in sorted(anchors):
        for document in read_inputs([str(SAMPLES / name)], IngestOptions()):
            if not isinstance(document, Document):
                continue
            spans: list[Span] = []
            for anchor, label in anchors[name]:
                span = find_span(document.text, anchor)
                if span is not None:
                    spans.append((*span, label))
            found.append((document, sorted(spans)))
    return found


def label_mentions(events: Iterable[EventMention], spans: Sequence[Span]) -> Labels:
    """Each mention whose trigger (else a supporting one) lies in a gold span takes its label."""
    labels: Labels = {}
    for event in events:
        for evidence in (event.evidence, *event.support):
            hits = {lab for s, e, lab in spans if s <= evidence.start and evidence.end <= e}
            if len(hits) == 1:
                labels[event.id] = hits.pop()
                break
    return labels


def pairs(clusters: Mapping[str, str], items: Iterable[str]) -> set[tuple[str, str]]:
    """Same-cluster pairs among items."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item in sorted(items):
        groups[clusters[item]].append(item)
    return {p for members in groups.values() for p in combinations(members, 2)}


def _prf(gold: set[tuple[str, str]], got: set[tuple[str, str]]) -> tuple[float, float, float]:
    hit = len(gold & got)
    p = hit / len(got) if got else 1.0
    r = hit / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: Mapping[str, str], response: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the key's items."""
    kg: dict[str, set[str]] = defaultdict(set)
    rg: dict[str, set[str]] = defaultdict(set)
    for item in key:
        kg[key[item]].add(item)
        rg[response[item]].add(item)
    p = r = 0.0
    for item in key:
        both = len(kg[key[item]] & rg[response[item]])
        p += both / len(rg[response[item]])
        r += both / len(kg[key[item]])
    p, r = p / len(key), r / len(key)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(
    name: str, key: Labels, response: Mapping[str, str], doc_of: Mapping[str, str]
) -> dict[str, float]:
    """Print and return pair P/R/F1 (all pairs, cross-document pairs) and B-cubed."""
    gold, got = pairs(key, key), pairs(response, key)

    def cross(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(a, b) for a, b in found if doc_of[a] != doc_of[b]}

    p, r, f = _prf(gold, got)
    cp, cr, cf = _prf(cross(gold), cross(got))
    bp, br, bf = b_cubed(key, response)
    print(
        f"  {name:34} pairs {p:.3f}/{r:.3f}/{f:.3f}  cross-doc {cp:.3f}/{cr:.3f}/{cf:.3f}"
        f"  B3 {bp:.3f}/{br:.3f}/{bf:.3f}  ({len(got)} pairs, {len(cross(got))} cross)"
    )
    return {"p": p, "r": r, "f1": f, "cross_p": cp, "cross_r": cr, "cross_f1": cf, "b3_f1": bf}


def same_day_same_country(
    mention: EventMention, published: datetime | None, *, loose: bool = False
) -> str:
    """The baseline's key: the event's first day (else publication day) and its country.

    A mention without a country stands alone, or with `loose` counts as one unknown country.
    """
    day = mention.date.start if mention.date is not None else None
    if day is None and published is not None:
        day = published.date()
    country = mention.place.country_code if mention.place is not None else None
    if country is None and loose:
        country = "?"
    return f"{day}|{country}" if country else f"alone|{mention.id}"


def evaluate(
    title: str,
    documents: Sequence[tuple[Document, list[Span]]],
    extract: Callable[[list[Document]], list[tuple[EventMention, ...]]],
) -> None:
    """Read, label, merge and score one set."""
    readings = extract([d for d, _ in documents])
    mentions: list[EventMention] = []
    key: Labels = {}
    infos: dict[str, DocumentInfo] = {}
    published: dict[str, datetime | None] = {}
    for (document, spans), events in zip(documents, readings, strict=True):
        infos[document.id] = DocumentInfo(document.outlet, document.published)
        mentions.extend(events)
        key.update(label_mentions(events, spans))
        for event in events:
            published[event.id] = document.published
    doc_of = {m.id: m.evidence.document_id for m in mentions}
    gold_cross = {(a, b) for a, b in pairs(key, key) if doc_of[a] != doc_of[b]}
    print(
        f"{title}: {len(documents)} documents, {len(mentions)} event mentions, {len(key)} labelled "
        f"({len(set(key.values()))} happenings, {len(pairs(key, key))} gold pairs, "
        f"{len(gold_cross)} across documents)"
    )
    baseline = {m.id: same_day_same_country(m, published[m.id]) for m in mentions}
    report("baseline: same day, same country", key, baseline, doc_of)
    loose = {m.id: same_day_same_country(m, published[m.id], loose=True) for m in mentions}
    report("baseline, unplaced = one country", key, loose, doc_of)
    for name, sentences in (("merge_mentions, fields only", False), ("merge_mentions", True)):
        options = merge_options(sentences=sentences)
        result = merge_mentions(mentions, documents=infos, options=options)
        merged = {m: i.id for i in result.incidents for m in i.mention_ids}
        out = [m for m in mentions if m.id in key and m.id not in merged]
        # A mention the merge leaves out (not realis, unanchored background) is an incident of
        # none: it stands alone.
        for mention in mentions:
            merged.setdefault(mention.id, f"none:{mention.id}")
        again = merge_mentions(list(reversed(mentions)), documents=infos, options=options)
        redone = {m: i.id for i in again.incidents for m in i.mention_ids}
        same = all(redone.get(m, f"none:{m}") == merged[m] for m in merged)
        report(name + (" + sentence encoder" if sentences else ""), key, merged, doc_of)
        print(f"  order-invariant on this set: {same}")
        if not sentences:
            background = sum(1 for m in out if m.background and m.modality == Modality.ASSERTED)
            print(
                f"  left out of every incident: {len(out)} of {len(key)} labelled mentions "
                f"({background} asserted background, {len(out) - background} not incidents)"
            )


_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[A-Z“\"‘])|\n+")


def lead_item(document: Document, sentences: int = 2) -> Document:
    """A feed item made of a report: its first lines up to `sentences` sentences (a title and a
    summary, or a lead), with the report's publication, outlet and source."""
    parts = [p.strip() for p in _SENTENCE_END.split(document.text) if p and p.strip()]
    text = "\n\n".join(parts[:sentences])
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source=document.source,
        retrieved=document.retrieved,
        published=document.published,
        language="en",
        genre=Genre.NEWS,
        outlet=document.outlet,
    )


def report_pairs(
    title: str,
    documents: Sequence[tuple[Document, list[Span]]],
    extract: Callable[[list[Document]], list[tuple[EventMention, ...]]],
    *,
    items: bool,
) -> dict[str, float]:
    """Same-incident pairs of reports, as a reader of the desk meets them.

    A report's gold is the happening it leads with (its first labelled span: the analyst's main
    incident, else the first anchor in its text). With `items` each report is cut to a feed item
    (`lead_item`) and two items pair when any incident holds mentions of both; else two full
    reports pair when their first events (the main events) fall in one incident. The baseline
    pairs reports whose first events share a day (else the publication day) and a country.
    """
    kept = [(d, spans) for d, spans in documents if spans]
    gold = {d.id: spans[0][2] for d, spans in kept}
    docs = [lead_item(d) if items else d for d, _ in kept]
    readings = extract(docs)
    ids = [d.id for d, _ in kept]
    infos = {d.id: DocumentInfo(d.outlet, d.published) for d in docs}
    mentions = [m for events in readings for m in events]
    result = merge_mentions(mentions, documents=infos, options=merge_options(sentences=False))
    incident_of = {m: i.id for i in result.incidents for m in i.mention_ids}
    got: set[tuple[str, str]] = set()
    base: set[tuple[str, str]] = set()
    holds: list[set[str]] = []
    keys: list[str] = []
    for document, events in zip(docs, readings, strict=True):
        chosen = events if items else events[:1]
        holds.append({incident_of[m.id] for m in chosen if m.id in incident_of})
        first = events[0] if events else None
        keys.append(
            same_day_same_country(first, document.published)
            if first is not None
            else f"alone|{document.id}"
        )
    for (a, ha, ka), (b, hb, kb) in combinations(zip(ids, holds, keys, strict=True), 2):
        pair = (a, b) if a < b else (b, a)
        if ha & hb:
            got.add(pair)
        if ka == kb:
            base.add(pair)
    wanted = pairs(gold, gold)
    p, r, f = _prf(wanted, got)
    bp, br, bf = _prf(wanted, base)
    print(
        f"{title}: {len(kept)} reports, {len(set(gold.values()))} lead happenings, "
        f"{len(wanted)} gold pairs"
    )
    print(
        f"  baseline: same day, same country   pairs {bp:.3f}/{br:.3f}/{bf:.3f}"
        f"  ({len(base)} pairs)"
    )
    print(f"  merge_mentions, fields only        pairs {p:.3f}/{r:.3f}/{f:.3f}  ({len(got)} pairs)")
    return {"p": p, "r": r, "f1": f, "base_f1": bf}


def main() -> int:
    """Score every set whose data is present; 0 always (a benchmark reports, it does not gate)."""
    devset = json.loads(DEVSET.read_text(encoding="utf-8"))
    extractor = Extractor()

    def extract(documents: list[Document]) -> list[tuple[EventMention, ...]]:
        return [read.events for read in extractor.extract(documents)]

    samples = sample_documents(devset)
    evaluate("bundled samples", samples, extract)
    report_pairs("bundled samples, reports by main event", samples, extract, items=False)
    report_pairs("bundled samples as feed items", samples, extract, items=True)
    if GUARDIAN.exists():
        guardian = guardian_documents(devset)
        evaluate("Guardian (analyst's 20 articles + anchored)", guardian, extract)
        report_pairs("Guardian, reports by main event", guardian, extract, items=False)
        report_pairs("Guardian as feed items (lead, two sentences)", guardian, extract, items=True)
    else:
        print(f"skipped: Guardian analyst articles absent at {GUARDIAN}")
    import eval_coref

    eval_coref.pair_scores()
    return 0


if __name__ == "__main__":
    sys.exit(main())
