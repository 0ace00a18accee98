"""Merge benchmark: time and peak memory to merge 10k, 100k and 1M synthetic event mentions.

The synthetic world keeps a constant density (about 1,000 event mentions a day over north-east
Syria and Iraq, the firehose the design plans for), so a larger run is a longer period, as in a
back-fill: with blocking the work per mention stays flat and growth should be near-linear.
Each size runs in a fresh child process so its peak RSS is its own. Sizes up to 100k also run
the whole-batch `merge_mentions`; every size runs the streaming path (`stream_incidents`) that
back-fills use. For the smallest size the clustering is scored against the generator's truth
(B-cubed), to show the speed is not bought by merging nothing.

    python bench/merge.py                 # 10k, 100k, 1M
    python bench/merge.py --sizes 10000   # one size
    python bench/merge.py --sizes 10000 --sentences   # also with the sentence encoder on

With `--sentences` every synthetic mention carries a sentence written from its fields (type,
town, actor, figure) and each size runs again with the multilingual sentence encoder
(`merge.sentences`) on, so its cost is read as a ratio to the fields-only run of the same size.
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from watchfloor.merge import MergeOptions, merge_mentions, stream_incidents
from watchfloor.merge.sentences import Usem3Encoder
from watchfloor.model.events import EventMention, Figure, event_mention_id
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import (
    ActorMention,
    DateMention,
    DatePrecision,
    Evidence,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
)
from watchfloor.model.provenance import Source, SourceKind, StatementKind

PER_DAY = 300
START = date(2020, 1, 1)
TYPES = [
    "prison_escape",
    "attack_on_detention_facility",
    "airstrike",
    "ied",
    "armed_clash",
    "raid_and_arrest",
    "kidnapping",
    "recapture",
]
X = "bench.synthetic.v1"


class World:
    """Places, actors and outlets of the synthetic region, drawn once from a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.admin1 = [f"Gov{i:02d}" for i in range(20)]
        ev = Evidence("doc-world", 0, 0, 1, X)
        self.towns = []
        for i in range(3000):
            gov = i % 20
            # Governorates are 1.3°-wide columns/rows so towns sit inside their admin1.
            lat = 32.0 + (gov // 5) * 1.3 + rng.random() * 1.3
            lon = 36.0 + (gov % 5) * 1.3 + rng.random() * 1.3
            self.towns.append(
                PlaceMention(
                    text=f"Town{i}",
                    name=f"Town{i}",
                    place_id=f"t{i}",
                    lat=lat,
                    lon=lon,
                    country_code="SY",
                    admin1=self.admin1[gov],
                    precision=Precision.TOWN,
                    score=0.9,
                    feature=None,
                    evidence=ev,
                )
            )
        self.governorates = [
            PlaceMention(
                text=g,
                name=g,
                place_id=f"g{g}",
                lat=None,
                lon=None,
                country_code="SY",
                admin1=g,
                precision=Precision.GOVERNORATE,
                score=0.8,
                feature=None,
                evidence=ev,
            )
            for g in self.admin1
        ]
        self.actors = [
            ActorMention(f"A{i}", f"actor{i}", f"Actor {i}", "armed_group", None, ev)
            for i in range(12)
        ]
        self.outlets = [Source(f"Outlet{i}", SourceKind.OUTLET) for i in range(40)]
        self.origins = [Source(f"Origin{i}", SourceKind.ACTOR, f"origin{i}") for i in range(6)]
        self.vague = Source("sources", SourceKind.VAGUE)


def _mention(
    world: World,
    rng: random.Random,
    truth: int,
    n: int,
    event_type: str,
    town: PlaceMention,
    day: date,
    actor: ActorMention,
) -> tuple[EventMention, datetime]:
    """One outlet's report of incident `truth`: its place, date precision and chain vary."""
    doc = f"doc-{truth}-{n}"
    ev = Evidence(doc, 0, 0, 7, X)
    roll = rng.random()
    place = town if roll < 0.75 else world.governorates[world.admin1.index(town.admin1 or "")]
    outlet = rng.choice(world.outlets)
    chain_roll = rng.random()
    if chain_roll < 0.5:
        chain: tuple[Source, ...] = (outlet,)
    elif chain_roll < 0.9:
        chain = (outlet, rng.choice(world.origins))
    else:
        chain = (outlet, world.vague)
    figures: tuple[Figure, ...] = ()
    if rng.random() < 0.5:
        value = rng.choice([3, 12, 40, 150, 1500])
        q = Quantity(str(value), value, value, Qualifier.EXACT, "people", "killed", ev)
        figures = (Figure(q, "killed", chain, StatementKind.ATTRIBUTED_CLAIM),)
    when = DateMention(str(day), day, day, DatePrecision.DAY, ev)
    mention_actor = rng.random() < 0.6
    verb = event_type.replace("_", " ")
    said = f"{actor.name} carried out an {verb} near {place.name}" if mention_actor else ""
    said = said or f"An {verb} was reported near {place.name}"
    if figures:
        said += f", killing {figures[0].quantity.text} people"
    said += f", {outlet.name} said on {day:%A}."
    mention = EventMention(
        id=event_mention_id(doc, 0, 7, event_type),
        event_type=event_type,
        trigger="x",
        actor1=actor if mention_actor else None,
        actor2=None,
        target=None,
        place=place,
        date=when,
        figures=figures,
        chain=chain,
        kind=StatementKind.ATTRIBUTED_CLAIM if len(chain) > 1 else StatementKind.REPORTED_FACT,
        salience=1.0,
        evidence=ev,
        sentence=said,
    )
    hour = rng.randrange(24)
    published = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return mention, published + timedelta(days=rng.choice([0, 0, 1, 2]))


def generate(size: int, seed: int = 7) -> Iterator[tuple[EventMention, DocumentInfo, int]]:
    """`size` mentions in publication order, each with its document info and true incident."""
    rng = random.Random(seed)
    world = World(rng)
    pending: list[tuple[datetime, str, EventMention, str, int]] = []
    made = truth = 0
    day = START
    while made < size:
        today = 0
        while today < PER_DAY and made < size:
            truth += 1
            reports = min(rng.choice([1, 1, 2, 3, 4, 5, 6, 8]), size - made)
            town = rng.choice(world.towns)
            event_type, actor = rng.choice(TYPES), rng.choice(world.actors)
            for n in range(reports):
                mention, published = _mention(world, rng, truth, n, event_type, town, day, actor)
                heapq.heappush(
                    pending, (published, mention.id, mention, mention.chain[0].name, truth)
                )
            made += reports
            today += reports
        day += timedelta(days=1)
        # Everything published before today's reports can be released in order.
        horizon = datetime(day.year, day.month, day.day, tzinfo=UTC)
        while pending and pending[0][0] < horizon:
            published, _, mention, outlet, label = heapq.heappop(pending)
            yield mention, DocumentInfo(outlet, published), label
    while pending:
        published, _, mention, outlet, label = heapq.heappop(pending)
        yield mention, DocumentInfo(outlet, published), label


def b_cubed(predicted: dict[str, str], truth: dict[str, int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against the true clusters."""
    pred_sets: dict[str, set[str]] = {}
    true_sets: dict[int, set[str]] = {}
    for item, cluster in predicted.items():
        pred_sets.setdefault(cluster, set()).add(item)
        true_sets.setdefault(truth[item], set()).add(item)
    p = r = 0.0
    for item in predicted:
        mine, real = pred_sets[predicted[item]], true_sets[truth[item]]
        both = len(mine & real)
        p += both / len(mine)
        r += both / len(real)
    p, r = p / len(predicted), r / len(predicted)
    return p, r, 2 * p * r / (p + r)


def run_child(size: int, mode: str, sentences: bool = False) -> dict[str, float]:
    """Merge `size` synthetic mentions one way in this process; report time, RSS, counts."""
    encoder = Usem3Encoder(threads=1) if sentences else None
    if encoder is not None:
        encoder.vectors(["warm up: the model loads once per process"])  # not timed
    options = MergeOptions(encoder=encoder)
    score: tuple[float, float, float] | None = None
    if mode == "batch":
        rows = list(generate(size))
        mentions = [m for m, _, _ in rows]
        docs = {m.evidence.document_id: info for m, info, _ in rows}
        began = time.perf_counter()
        result = merge_mentions(mentions, documents=docs, options=options)
        elapsed = time.perf_counter() - began
        incidents = len(result.incidents)
        if size <= 10_000:
            predicted = {m: i.id for i in result.incidents for m in i.mention_ids}
            score = b_cubed(predicted, {m.id: label for m, _, label in rows})
    else:
        labels: dict[str, int] = {}
        predicted: dict[str, str] = {}
        began = time.perf_counter()

        def reports() -> Iterator[tuple[EventMention, DocumentInfo]]:
            for mention, info, label in generate(size):
                if size <= 10_000:
                    labels[mention.id] = label
                yield mention, info

        incidents = 0
        for incident in stream_incidents(reports(), options):
            incidents += 1
            if size <= 10_000:
                predicted.update(dict.fromkeys(incident.mention_ids, incident.id))
        elapsed = time.perf_counter() - began  # includes generating the stream
        if predicted:
            score = b_cubed(predicted, labels)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"size": size, "mode": mode + ("+sent" if sentences else ""), "seconds": elapsed,
           "peak_mb": peak_mb, "incidents": incidents}  # fmt: skip
    if encoder is not None:
        out["embedded"] = encoder.embedded - 1
    if score is not None:
        out.update({"b3_p": score[0], "b3_r": score[1], "b3_f1": score[2]})
    return out


def main() -> None:
    """Run every size in child processes and print times, memory and growth ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--batch-max", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "MODE"))
    parser.add_argument("--sentences", action="store_true", help="also run with the encoder")
    args = parser.parse_args()
    if args.child:
        mode, _, sent = args.child[1].partition("+")
        print(json.dumps(run_child(int(args.child[0]), mode, sentences=bool(sent))))
        return
    results = []
    modes = ["batch", "stream"] + (["batch+sent", "stream+sent"] if args.sentences else [])
    for mode in modes:
        for size in args.sizes:
            if mode.startswith("batch") and size > args.batch_max:
                continue
            command = [sys.executable, __file__, "--child", str(size), mode]
            line = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(line.strip().splitlines()[-1]))
            row = results[-1]
            base = next(r for r in results if r["mode"] == mode)
            plain = next(
                (r for r in results if r["mode"] == mode.split("+")[0] and r["size"] == size),
                None,
            )
            cost = (
                f"  x{row['seconds'] / plain['seconds']:.1f} the fields-only time"
                if plain is not None and plain is not row
                else ""
            )
            ratio = row["seconds"] / base["seconds"] if base is not row else 1.0
            size_ratio = row["size"] / base["size"]
            quality = (
                f"  B3 P/R/F1 {row['b3_p']:.3f}/{row['b3_r']:.3f}/{row['b3_f1']:.3f}"
                if "b3_f1" in row
                else ""
            )
            print(
                f"{mode:11} {row['size']:>9,} mentions  {row['seconds']:8.1f} s  "
                f"{row['size'] / row['seconds']:>8,.0f}/s  peak {row['peak_mb']:7.0f} MB  "
                f"{row['incidents']:>8,} incidents  time x{ratio:.1f} for size x{size_ratio:.0f}"
                f"{quality}{cost}",
                flush=True,
            )


if __name__ == "__main__":
    main()
