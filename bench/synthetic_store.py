"""A large synthetic store for the desk benchmark: N incidents over two years of Syria and Iraq.

Incidents are plausible rather than real: types and families come from the packaged ontology,
places from the packaged gazetteer (Syrian and Iraqi towns and villages), actors and origins
from the actor catalogue, dates spread over two years. Each incident holds 1-6 claims with
attribution chains (outlet alone, outlet citing an actor, outlet citing vague sources) and
figure ranges, so origins, corroboration, discrepancies and timelines are all populated.
Claims point at sentences of a few hundred shared documents that have stored readings, which is
what the incident page and the FTS trigger read. Everything is drawn from one seeded RNG.

    python bench/synthetic_store.py /tmp/desk.sqlite --incidents 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from incident_assembly import assemble_claims, place_count
from synthetic_world import CLAIM_COUNTS, DAYS, END, SIZES, World, X
from watchfloor.model import (
    ActorMention,
    DateMention,
    DatePrecision,
    Evidence,
    Figure,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    StatementKind,
)
from watchfloor.model.incidents import (
    Claim,
    Incident,
    IncidentActor,
    incident_id,
)
from watchfloor.resolve.ontology import EventType
from watchfloor.resolve.places_data import Place
from watchfloor.store import Store, open_store
from watchfloor.store.repository import _actor_rows, _incident_row


def _place(place: Place) -> PlaceMention:
    """A resolved place mention of a gazetteer town or village."""
    evidence = Evidence("doc-world", 0, 0, 1, X)
    return PlaceMention(
        text=place.name,
        name=place.name,
        place_id=place.id,
        lat=place.lat,
        lon=place.lon,
        country_code=place.country,
        admin1=place.admin1,
        precision=Precision.TOWN,
        score=0.9,
        feature=None,
        evidence=evidence,
    )


def _figure(rng: random.Random, base: int, role: str, evidence: Evidence) -> Quantity:
    """One source's reading of a figure: exact, hedged, a vague range or an open bound."""
    shape = rng.random()
    if shape < 0.4:
        value = max(1, int(base * rng.uniform(0.7, 1.3)))
        return Quantity(f"{value:,}", value, value, Qualifier.EXACT, "people", role, evidence)
    if shape < 0.6:
        return Quantity(f"about {base:,}", base, base, Qualifier.APPROXIMATELY, "", role, evidence)
    if shape < 0.8:
        low = 10 ** max(1, len(str(base)) - 1)
        return Quantity("hundreds", low, low * 10 - 1, Qualifier.VAGUE, "people", role, evidence)
    return Quantity(f"at least {base:,}", base, None, Qualifier.AT_LEAST, "people", role, evidence)


@dataclass(frozen=True, slots=True)
class Happening:
    """What the reports of one synthetic incident share: type, place, day, origin and size."""

    kind: EventType
    place: PlaceMention
    on: date
    origin: Source
    base: int


def _claim(world: World, n: int, what: Happening) -> Claim:
    """One report of the happening: most cite its main origin, some their own or vague ones."""
    rng, kind, place, on = world.rng, what.kind, what.place, what.on
    doc = world.document_near(on)
    sentence = rng.choice(doc.sentences)
    evidence = Evidence(doc.id, sentence.index, sentence.start, sentence.end, X)
    outlet = Source(doc.outlet, SourceKind.OUTLET)
    roll = rng.random()
    if roll < 0.5:
        # Outlets mostly relay the same origin, which is why corroboration counts origins.
        chain: tuple[Source, ...] = (outlet, what.origin)
        statement = StatementKind.ATTRIBUTED_CLAIM
    elif roll < 0.6:
        chain = (outlet, rng.choice(world.origins))
        statement = StatementKind.ATTRIBUTED_CLAIM
    elif roll < 0.75:
        chain = (outlet, Source("security sources", SourceKind.VAGUE))
        statement = StatementKind.VAGUE_ATTRIBUTION
    else:
        chain = (outlet,)
        statement = StatementKind.REPORTED_FACT
    role = kind.figure_role or "killed"
    figures = tuple(
        Figure(_figure(rng, what.base, role, evidence), role, chain, statement)
        for _ in range(rng.choice((0, 1, 1, 2)))
    )
    actor = rng.choice(world.armed)
    mention_id = "evm-" + hashlib.sha256(f"{n}|{doc.id}|{sentence.index}".encode()).hexdigest()[:20]
    return Claim(
        mention_id=mention_id,
        document_id=doc.id,
        outlet=doc.outlet,
        published=doc.published,
        origin=chain[-1].key,
        event_type=kind.code,
        trigger=kind.code.split("_")[0],
        chain=chain,
        kind=statement,
        evidence=evidence,
        figures=figures,
        actor1=ActorMention(actor.name, actor.id, actor.name, actor.type, actor.country, evidence),
        actor2=None,
        target=None,
        place=place,
        date=DateMention("on", on, on, DatePrecision.DAY, evidence),
        salience=rng.random(),
    )


def _is_independent(claims: list[Claim]) -> bool:
    """An origin counts unless it is a vague one ("security sources")."""
    return claims[0].chain[-1].kind is not SourceKind.VAGUE


def _incident(world: World, n: int) -> Incident:
    """One synthetic incident with its claims, figures, origins, discrepancies and timeline."""
    rng = world.rng
    kind = rng.choices(world.types, weights=world.type_weights)[0]
    place = _place(rng.choice(world.places))
    start = END - timedelta(days=rng.randrange(DAYS))
    what = Happening(kind, place, start, rng.choice(world.origins), rng.choice(SIZES))
    claims = [_claim(world, n * 10 + k, what) for k in range(rng.choice(CLAIM_COUNTS))]
    parts = assemble_claims(claims, _is_independent)
    named = Counter((c.actor1.actor_id, c.actor1.name) for c in claims if c.actor1)
    return Incident(
        id=incident_id(claims[0].mention_id),
        event_type=kind.code,
        family=kind.family,
        place=place,
        places=(place_count(place, len(claims)),),
        start=start,
        end=start + timedelta(days=rng.choice((0, 0, 0, 1, 2))),
        actors=tuple(IncidentActor(a, name, "actor1", k) for (a, name), k in named.items()),
        claims=tuple(claims),
        figures=parts.figures,
        origins=parts.origins,
        corroboration=parts.corroboration,
        discrepancies=parts.discrepancies,
        timeline=parts.timeline,
        related=(),
        mention_ids=tuple(c.mention_id for c in claims),
    )


CHUNK = 2000


def synthetic_incidents(world: World, chunk: int, total: int, seed: int) -> list[Incident]:
    """Incidents number `chunk * CHUNK` up to the next chunk or `total`, from the chunk's seed.

    Seeding per chunk makes the store the same whichever process draws which chunk.
    """
    world.rng = random.Random(seed * 1_000_003 + chunk)
    return [_incident(world, n) for n in range(chunk * CHUNK, min((chunk + 1) * CHUNK, total))]


def _block_keys(incident: Incident) -> list[str]:
    """One block key per incident (family, governorate, ISO week), as merge blocking files them."""
    admin1 = incident.place.admin1 if incident.place else "-"
    week = f"{incident.start:%G-%V}" if incident.start else "-"
    return [f"{incident.family}|{admin1}|{week}"]


@dataclass(frozen=True, slots=True)
class Rows:
    """One chunk of incidents as the store's rows, serialised in a worker process."""

    incidents: list[dict[str, Any]]
    blocks: list[dict[str, str]]
    members: list[dict[str, str]]
    actors: list[dict[str, Any]]  # the actor filter's index rows (Store.save_incidents writes them)


_WORLD: World | None = None


def _start_worker(seed: int, documents: int) -> None:
    global _WORLD  # one world per worker process, built once (the gazetteer takes a second)
    _WORLD = World(random.Random(seed), documents)


def _chunk_rows(job: tuple[int, int, int]) -> Rows:
    """Rows of one chunk, exactly as `Store.save_incidents` writes them (JSON as SQLite text)."""
    chunk, total, seed = job
    assert _WORLD is not None
    found = synthetic_incidents(_WORLD, chunk, total, seed)
    rows = []
    for incident in found:
        row = _incident_row(incident)
        # JSON columns store json.dumps text on SQLite; dumping here moves that cost
        # out of the single writer (every JSON column: data and the list row's summary).
        for name, value in row.items():
            if isinstance(value, dict | list):
                row[name] = json.dumps(value)
        rows.append(row)
    return Rows(
        rows,
        [{"incident_id": i.id, "block": k} for i in found for k in _block_keys(i)],
        [{"incident_id": i.id, "mention_id": m} for i in found for m in sorted(set(i.mention_ids))],
        [a for i in found for a in _actor_rows(i)],
    )


def _insert(store: Store, rows: Rows) -> None:
    """Insert one chunk's rows in one transaction (the FTS triggers run as for any insert)."""
    with store.engine.begin() as conn:
        for table, batch in (
            ("incidents", rows.incidents),
            ("incident_blocks", rows.blocks),
            ("incident_members", rows.members),
            ("incident_actors", rows.actors),
        ):
            if not batch:
                continue
            names = list(batch[0])
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            conn.exec_driver_sql(sql, [tuple(r[n] for n in names) for r in batch])


def build_store(
    store: Store,
    incidents: int,
    *,
    documents: int = 300,
    seed: int = 6,
    workers: int = 2,
    via_store: bool = False,
) -> None:
    """Fill an empty store with shared documents (with readings) and synthetic incidents.

    By default worker processes draw and serialise incidents and this process inserts the
    rows (SQLite only); `via_store` writes through `Store.save_incidents` instead, slower but
    exactly the repository's path (use it if saving incidents starts to fill more tables).
    """
    world = World(random.Random(seed), documents)
    for shared in world.documents:
        store.write_document(shared.document, world.annotated(shared), X)
    jobs = [(chunk, incidents, seed) for chunk in range(-(-incidents // CHUNK))]
    if via_store or store.engine.dialect.name != "sqlite":
        for job in jobs:
            batch = synthetic_incidents(world, *job)
            store.save_incidents(batch, {i.id: _block_keys(i) for i in batch}, ())
        return
    with multiprocessing.get_context("spawn").Pool(
        workers, initializer=_start_worker, initargs=(seed, documents)
    ) as pool:
        for rows in pool.imap(_chunk_rows, jobs):
            _insert(store, rows)


def main() -> None:
    """Build a synthetic store at a path and print how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--via-store", action="store_true", help="write via save_incidents")
    args = parser.parse_args()
    started = time.perf_counter()
    store = open_store(args.path)
    build_store(
        store,
        args.incidents,
        documents=args.documents,
        workers=args.workers,
        via_store=args.via_store,
    )
    store.close()
    print(f"built {args.incidents:,} incidents in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
