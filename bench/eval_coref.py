"""Cross-document coreference on NewsWCL50: the merge stage against a same-type-same-day baseline.

NewsWCL50 (../shared/data/newswcl50) has 10 political news events from April 2018, each told by
5 US outlets, with 1,224 annotated event-like mentions in 38 cross-document chains. It has no
places, no dates in the text and no ontology types, so what is measured here is the merge
stage's clustering fed what the file itself provides:

- type: the file's `mention_type` (EVENT / ACTION / MISC), or that type refined by the
  mention's head lemma (a stand-in for ontology typing, which the file does not have);
- date: the publication day of the mention's article, read from its URL in urls.tsv (articles
  whose URL holds no date take their topic's most common day);
- actor1: the first actor, country or group annotated in the mention's sentence in the .conll
  (gold entity annotations standing in for resolved canonical actors);
- place: none (the events are not geolocated), outlet: the article's outlet code.

Scores: MUC, B-cubed and CEAF-e, and their mean (CoNLL F1), over mentions, singletons kept.
`pair_scores()` (run by bench/eval_incidents.py) adds pair precision/recall/F1 and B-cubed of
the merge against the same-day baseline (one country here).
Skips cleanly when the data is absent.

    python bench/eval_coref.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from watchfloor.merge import merge_mentions
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import ActorMention, DateMention, DatePrecision, Evidence
from watchfloor.model.provenance import Source, SourceKind, StatementKind

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "newswcl50"
X = "bench.newswcl50.v1"
_URL_DATE = re.compile(r"(20\d\d)[/-]?(\d\d)[/-]?(\d\d)")
_ENTITY_KINDS = ("_ACTOR", "_ACTOR-I", "_COUNTRY", "_GROUP")

Clusters = dict[str, str]  # mention id → cluster label


def publication_days(path: Path) -> dict[str, date]:
    """doc id (topic_outlet) → publication day read from the article URL, where it has one."""
    days = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        topic, outlet, url = line.split("\t")[:3]
        match = _URL_DATE.search(url)
        if match:
            try:
                days[f"{topic}_{outlet}"] = date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return days


def sentence_actors(path: Path) -> dict[tuple[str, int], list[str]]:
    """(doc id, sentence) → entity chains (actors, countries, groups) in order of appearance."""
    found: dict[tuple[str, int], list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 5 or line.startswith("#"):
            continue
        doc = parts[0].split("/")[-1]
        for tag in parts[4].split("|"):
            name = tag.strip().strip("()")
            if tag.strip().startswith("(") and name.endswith(_ENTITY_KINDS):
                key = (doc, int(parts[1]))
                if name not in found[key]:
                    found[key].append(name)
    return found


def to_mentions(
    rows: list[dict[str, object]],
    days: Mapping[str, date],
    actors: Mapping[tuple[str, int], list[str]],
    typing: Callable[[dict[str, object]], str],
) -> tuple[list[EventMention], dict[str, DocumentInfo]]:
    """Event mentions (and document info) built from the file's own fields."""
    mentions, docs = [], {}
    for row in rows:
        doc, sent = str(row["doc_id"]), int(str(row["sent_id"]))
        day = days[doc]
        tokens = list(row["tokens_number"])  # type: ignore[call-overload]
        ev = Evidence(doc, sent, min(tokens), max(tokens) + 1, X)
        names = [a for a in actors.get((doc, sent), []) if a != row["coref_chain"]]
        actor = ActorMention(names[0], names[0], names[0], None, None, ev) if names else None
        mentions.append(
            EventMention(
                id=str(row["mention_id"]),
                event_type=typing(row),
                trigger=str(row["tokens_str"]),
                actor1=actor,
                actor2=None,
                target=None,
                place=None,
                date=DateMention(str(day), day, day, DatePrecision.DAY, ev),
                figures=(),
                chain=(Source(doc.split("_")[1], SourceKind.OUTLET),),
                kind=StatementKind.REPORTED_FACT,
                salience=1.0,
                evidence=ev,
            )
        )
        published = datetime(day.year, day.month, day.day, tzinfo=UTC)
        docs[doc] = DocumentInfo(doc.split("_")[1], published)
    return mentions, docs


def _sets(clusters: Clusters) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in clusters.items():
        groups[label].add(item)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links recovered."""

    def score(a: Clusters, b: Clusters) -> float:
        num = den = 0
        for group in _sets(a):
            parts = {b[m] for m in group}
            num += len(group) - len(parts)
            den += len(group) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap of its two clusters."""
    key_sets = {label: s for s in _sets(key) for label in [key[next(iter(s))]]}
    resp_sets = {label: s for s in _sets(response) for label in [response[next(iter(s))]]}
    p = r = 0.0
    for item in key:
        both = len(key_sets[key[item]] & resp_sets[response[item]])
        p += both / len(resp_sets[response[item]])
        r += both / len(key_sets[key[item]])
    p, r = p / len(key), r / len(key)
    return p, r, _f1(p, r)


def _assignment(weights: list[list[float]]) -> float:
    """Best total weight of a one-to-one matching (Hungarian algorithm, maximising)."""
    n = max(len(weights), len(weights[0]) if weights else 0)
    top = max((w for row in weights for w in row), default=0.0)
    cost = [
        [
            top - (weights[i][j] if i < len(weights) and j < len(weights[i]) else 0.0)
            for j in range(n)
        ]
        for i in range(n)
    ]
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        low, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while match[j0]:
            used[j0], i0, delta, j1 = True, match[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j], way[j] = cur, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(
        weights[match[j] - 1][j - 1]
        for j in range(1, n + 1)
        if match[j] and match[j] - 1 < len(weights) and j - 1 < len(weights[match[j] - 1])
    )


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 similarity."""
    keys, resps = _sets(key), _sets(response)
    weights = [[2 * len(k & r) / (len(k) + len(r)) for r in resps] for k in keys]
    best = _assignment(weights)
    p, r = best / len(resps), best / len(keys)
    return p, r, _f1(p, r)


def evaluate(name: str, key: Clusters, response: Clusters) -> None:
    """Print one system's MUC, B3, CEAF-e and CoNLL F1."""
    scores = [muc(key, response), b_cubed(key, response), ceaf_e(key, response)]
    conll = sum(s[2] for s in scores) / 3
    cells = "  ".join(f"{p:.3f}/{r:.3f}/{f:.3f}" for p, r, f in scores)
    print(f"{name:44} {len(set(response.values())):>5}  {cells}  {conll:.3f}")


def load() -> tuple[list[dict[str, object]], dict[str, date]]:
    """The annotated mentions and each article's publication day (topic's day when unknown)."""
    rows = json.loads((DATA / "newswcl50_event_mentions.json").read_text(encoding="utf-8"))
    days = publication_days(DATA / "urls.tsv")
    topic_day: dict[str, date] = {}
    for topic in {str(r["topic_id"]) for r in rows}:
        known = Counter(d for doc, d in days.items() if doc.split("_")[0] == topic)
        topic_day[topic] = known.most_common(1)[0][0] if known else date(2018, 4, 20)
    for row in rows:
        days.setdefault(str(row["doc_id"]), topic_day[str(row["topic_id"])])
    return rows, days


def _by_lemma(r: dict[str, object]) -> str:
    return f"{r['mention_type']}:{str(r['mention_head_lemma']).casefold()}"


def pair_scores() -> None:
    """Pair P/R/F1 and B-cubed of the merge against the same-day baseline (one country here)."""
    if not DATA.exists():
        print(f"skipped: NewsWCL50 not present at {DATA}")
        return
    rows, days = load()
    key = {str(r["mention_id"]): str(r["coref_chain"]) for r in rows}
    actors = sentence_actors(DATA / "NewsWCL50.conll")
    mentions, docs = to_mentions(rows, days, actors, _by_lemma)
    print(f"NewsWCL50: {len(rows)} gold mentions, {len(set(key.values()))} chains (all in the US)")

    def pair_set(clusters: Clusters) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item in sorted(clusters):
            groups[clusters[item]].append(item)
        return {(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1 :]}

    gold = pair_set(key)
    result = merge_mentions(mentions, documents=docs)
    systems = {
        "baseline: same day, same country": {
            str(r["mention_id"]): str(days[str(r["doc_id"])]) for r in rows
        },
        "merge_mentions (type+lemma, day, actor)": {
            m: i.id for i in result.incidents for m in i.mention_ids
        },
    }
    for name, response in systems.items():
        got = pair_set(response)
        p = len(gold & got) / len(got) if got else 1.0
        r = len(gold & got) / len(gold)
        f = 2 * p * r / (p + r) if p + r else 0.0
        bp, br, bf = b_cubed(key, response)
        print(f"  {name:40} pairs {p:.3f}/{r:.3f}/{f:.3f}  B3 {bp:.3f}/{br:.3f}/{bf:.3f}")


def main() -> int:
    """Run the baselines and the merge stage on NewsWCL50 and print the scores."""
    if not DATA.exists():
        print(f"skipped: NewsWCL50 not present at {DATA}")
        return 0
    rows, days = load()
    actors = sentence_actors(DATA / "NewsWCL50.conll")
    key = {str(r["mention_id"]): str(r["coref_chain"]) for r in rows}
    dated = sum(1 for d in {str(r["doc_id"]) for r in rows} if _URL_DATE.search(d) is None)
    print(
        f"NewsWCL50: {len(rows)} mentions, {len(set(key.values()))} gold chains, "
        f"{len({r['doc_id'] for r in rows})} articles ({dated} dated)"
    )
    print(
        f"{'system':44} {'clust':>5}  {'MUC P/R/F1':17}  {'B3 P/R/F1':17}  "
        f"{'CEAF-e P/R/F1':17}  CoNLL"
    )

    def day_of(r: dict[str, object]) -> date:
        return days[str(r["doc_id"])]

    def by_type(r: dict[str, object]) -> str:
        return str(r["mention_type"])

    evaluate(
        "baseline: same type, same day",
        key,
        {str(r["mention_id"]): f"{by_type(r)}|{day_of(r)}" for r in rows},
    )
    evaluate(
        "baseline: same type+head lemma, same day",
        key,
        {str(r["mention_id"]): f"{_by_lemma(r)}|{day_of(r)}" for r in rows},
    )
    for label, typing in (("file type", by_type), ("file type + head lemma", _by_lemma)):
        mentions, docs = to_mentions(rows, days, actors, typing)
        result = merge_mentions(mentions, documents=docs)
        response = {m: i.id for i in result.incidents for m in i.mention_ids}
        evaluate(f"merge_mentions: {label}, day, actor1", key, response)
        bare = [
            EventMention(**{**{f: getattr(m, f) for f in m.__slots__}, "actor1": None})
            for m in mentions
        ]
        result = merge_mentions(bare, documents=docs)
        response = {m: i.id for i in result.incidents for m in i.mention_ids}
        evaluate(f"merge_mentions: {label}, day, no actors", key, response)
    return 0


if __name__ == "__main__":
    sys.exit(main())
