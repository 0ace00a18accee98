"""Take in a partner desk's STIX 2.1 bundle through a trust boundary: claims, never incidents.

The bundle is checked first (export/stix_check.py: size, object count, nesting, every object
parsed by the stix2 library; WF-E001 with the object's index otherwise). Then only the
partner's *claims* are read — the notes and opinions carrying `x_watchfloor_claim` that a
report with `x_watchfloor_incident` refers to. The partner's incidents themselves (their ids,
types, places, pins) are never stored: partner claims join the local picture only through the
normal merge (`merge_mentions` with the stored candidates and every analyst override), so
analyst overrides win and a bundle cannot rewrite a local incident.

Imported claims live in their own namespace: each gets a local mention id derived from the
partner and its original id ("evp-…"), and its document ids point to the synthetic documents
stored here for the partner's notes (or to namespaced ids). So a partner cannot replace a
local claim by reusing its id, nor borrow a local document's text as its evidence. Every
chain — of each claim, each figure and each figure source — gets the partner desk put at its
head ("partner desk → outlet → … → origin"); the origin (the chain's root) is unchanged, so
imported claims count towards the same independent origins as local ones. Which partner and
bundle each object came from, its local id and its TLP level are recorded in the store
(`partner_objects`); a partner's marking above TLP:GREEN is kept on the claim, so the
incident it joins is never re-shared below it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchfloor.errors import ExportError
from watchfloor.export.stix_check import DEFAULT_LIMITS, StixLimits, check_bundle
from watchfloor.export.tlp import DEFAULT_LEVEL, level_of_marking, most_restrictive
from watchfloor.merge import MergeOptions, incident_keys, merge_mentions, search_keys
from watchfloor.model import Document, Genre, Source, SourceKind, from_plain, to_plain
from watchfloor.model.incidents import Claim, DocumentInfo
from watchfloor.pipeline import merge_options
from watchfloor.store import Store
from watchfloor.store.exchange import ExchangeState, PartnerObject

__all__ = [
    "ImportReport",
    "PartnerBundle",
    "import_bundle",
    "import_stix",
    "read_stix",
    "with_partner",
]

logger = logging.getLogger(__name__)

_CLAIM_TYPES = frozenset({"note", "opinion"})


@dataclass(frozen=True, slots=True)
class PartnerBundle:
    """What a bundle holds for us: namespaced claims, synthetic documents, what was skipped."""

    partner: str
    bundle_id: str
    claims: tuple[Claim, ...]
    documents: tuple[Document, ...]
    objects: tuple[PartnerObject, ...]
    levels: Mapping[str, str]  # local mention id -> the partner's TLP level of the claim
    skipped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import stored and what the merge did with it."""

    partner: str
    claims: int
    documents: int
    incidents: int  # incidents touched by the merge
    created: int  # of which new
    skipped: tuple[str, ...]


def with_partner(chain: tuple[Source, ...], partner: Source) -> tuple[Source, ...]:
    """The chain with the partner desk at its head (once, however often it is re-imported)."""
    return chain if chain and chain[0] == partner else (partner, *chain)


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def local_mention_id(partner: Source, mention_id: str) -> str:
    """The id an imported claim lives under here: its partner's namespace, never a local id."""
    return f"evp-{_digest(partner.key, mention_id)[:20]}"


def _rekey_documents(value: Any, mapping: Mapping[str, str], partner: Source) -> Any:
    """A plain claim with every `document_id` moved into the partner's namespace."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "document_id" and isinstance(item, str):
                out[key] = mapping.get(item) or f"pdoc-{_digest(partner.key, item)[:20]}"
            else:
                out[key] = _rekey_documents(item, mapping, partner)
        return out
    if isinstance(value, list):
        return [_rekey_documents(item, mapping, partner) for item in value]
    return value


def _partnered_claim(claim: Claim, partner: Source, document: str | None) -> Claim:
    plain = to_plain(claim)
    plain = _rekey_documents(plain, {claim.document_id: document} if document else {}, partner)
    rekeyed = from_plain(Claim, plain)
    figures = tuple(replace(f, chain=with_partner(f.chain, partner)) for f in rekeyed.figures)
    return replace(
        rekeyed,
        mention_id=local_mention_id(partner, claim.mention_id),
        chain=with_partner(rekeyed.chain, partner),
        figures=figures,
    )


def _partner_name(objects: Mapping[str, dict[str, Any]], reports: list[dict[str, Any]]) -> str:
    """The creator identity of the bundle's reports, else of any object, else "partner"."""
    for obj in [*reports, *objects.values()]:
        ref = obj.get("created_by_ref")
        creator = objects.get(ref) if isinstance(ref, str) else None
        name = creator.get("name") if creator else None
        if creator and creator.get("type") == "identity" and isinstance(name, str) and name:
            return name[:200]
    return "partner"


def _level(obj: dict[str, Any], objects: Mapping[str, dict[str, Any]]) -> str:
    refs = obj.get("object_marking_refs")
    found = [
        level
        for ref in (refs if isinstance(refs, list) else [])
        if isinstance(ref, str) and (level := level_of_marking(ref, dict(objects)))
    ]
    return most_restrictive(found, DEFAULT_LEVEL)


def _claim_of(obj: dict[str, Any], label: str, source: str) -> Claim:
    try:
        return from_plain(Claim, obj["x_watchfloor_claim"])
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise ExportError(
            f"{label}: malformed x_watchfloor_claim ({type(exc).__name__}: {exc})",
            source=source,
        ) from None


def _note_text(obj: dict[str, Any]) -> str:
    text = obj.get("content") or obj.get("explanation") or ""
    return text if isinstance(text, str) else ""


def _document_for(
    notes: list[tuple[dict[str, Any], Claim]], partner: str, bundle_id: str, source: str
) -> Document | None:
    """One stored document for the notes of one partner report (its claims, in text order).

    A report's claims keep one document, as at the partner's desk, so the merge reads them as
    one report (`merge.within`) and groups them as the partner did; the text is the notes'.
    """
    texts = [t for obj, _ in notes if (t := _note_text(obj)).strip()]
    if not texts:
        return None
    first = notes[0][1]
    urls = [
        r["url"]
        for obj, _ in notes
        for r in (obj.get("external_references") or [])
        if isinstance(obj.get("external_references"), list)
        and isinstance(r, dict)
        and isinstance(r.get("url"), str)
    ]
    return Document.build(
        "\n\n".join(texts),
        raw=json.dumps([obj for obj, _ in notes], sort_keys=True).encode("utf-8"),
        media_type="application/stix+json",
        source=source,
        retrieved=datetime.now(UTC),
        language="en",
        genre=Genre.UNKNOWN,
        outlet=first.outlet,
        url=urls[0] if urls else None,
        published=first.published,
        extras={
            "partner": {
                "partner": partner,
                "bundle": bundle_id,
                "stix_ids": [obj.get("id") for obj, _ in notes],
                "document_id": first.document_id,
                "mention_ids": [claim.mention_id for _, claim in notes],
            }
        },
    )


def _is_echo(claim: Claim, desk: str | None) -> bool:
    """True when the claim came from this desk and a partner sends it back."""
    if not desk:
        return False
    mine = Source(desk, SourceKind.PARTNER).key
    return any(link.kind is SourceKind.PARTNER and link.key == mine for link in claim.chain)


def read_partner_objects(
    data: dict[str, Any],
    *,
    source: str,
    partner: str | None = None,
    desk: str | None = None,
) -> PartnerBundle:
    """The claims of a checked bundle, in the partner's namespace (see the module docstring).

    Args:
        data: a bundle that passed `check_bundle`.
        source: where it came from (a path or URL), kept on synthetic documents and in errors.
        partner: the partner desk's name; default: the name of the reports' creator identity.
        desk: this desk's own name: claims that already passed through it are echoes, skipped.
    """
    objects = {o["id"]: o for o in data["objects"]}
    index = {o["id"]: n for n, o in enumerate(data["objects"])}
    reports = [o for o in objects.values() if o.get("type") == "report"]
    name = partner or _partner_name(objects, reports)
    desk_source = Source(name, SourceKind.PARTNER)
    bundle_id = str(data.get("id", ""))
    claims: dict[str, Claim] = {}
    documents: dict[str, Document] = {}
    records: list[PartnerObject] = []
    levels: dict[str, str] = {}
    skipped: list[str] = []
    taken: list[tuple[dict[str, Any], Claim, str, str]] = []  # note, claim, label, TLP level
    for report in reports:
        if not isinstance(report.get("x_watchfloor_incident"), dict):
            # A report without watchfloor's extension carries no claims we can rebuild.
            skipped.append(f"{report['id']}: no x_watchfloor_incident")
            continue
        refs = report.get("object_refs")
        for ref in refs if isinstance(refs, list) else []:
            obj = objects.get(ref) if isinstance(ref, str) else None
            if obj is None or obj.get("type") not in _CLAIM_TYPES:
                continue
            if "x_watchfloor_claim" not in obj:
                continue
            label = f"object {index[obj['id']]} ({obj['id']})"
            original = _claim_of(obj, label, source)
            if _is_echo(original, desk):
                skipped.append(f"{obj['id']}: our own claim, sent back")
                continue
            level = most_restrictive([_level(obj, objects), _level(report, objects)])
            taken.append((obj, original, label, level))
    # The notes of one partner report become one stored document (see `_document_for`).
    by_report: dict[str, list[tuple[dict[str, Any], Claim]]] = {}
    for obj, original, _, _ in taken:
        notes = by_report.setdefault(original.document_id, [])
        if all(c.mention_id != original.mention_id for _, c in notes):
            notes.append((obj, original))
    stored: dict[str, str] = {}
    for report_id, notes in by_report.items():
        notes.sort(key=lambda n: (n[1].evidence.start, n[1].evidence.end, n[1].mention_id))
        doc = _document_for(notes, name, bundle_id, source)
        if doc is not None:
            documents.setdefault(doc.id, doc)
            stored[report_id] = doc.id
    for obj, original, label, level in taken:
        try:
            claim = _partnered_claim(original, desk_source, stored.get(original.document_id))
        except (TypeError, ValueError, KeyError) as exc:
            raise ExportError(f"{label}: malformed claim ({exc})", source=source) from None
        claims[claim.mention_id] = claim
        levels[claim.mention_id] = most_restrictive([levels.get(claim.mention_id, level), level])
        records.append(PartnerObject(name, obj["id"], claim.mention_id, bundle_id, source, level))
    logger.info("%s: %d claims from %s, %d skipped", source, len(claims), name, len(skipped))
    return PartnerBundle(
        name,
        bundle_id,
        tuple(claims.values()),
        tuple(documents.values()),
        tuple(records),
        levels,
        tuple(skipped),
    )


def read_stix(
    text: str | bytes,
    *,
    source: str,
    partner: str | None = None,
    desk: str | None = None,
    limits: StixLimits = DEFAULT_LIMITS,
) -> PartnerBundle:
    """Check a bundle's JSON and read its claims (`read_partner_objects`)."""
    data = check_bundle(text, source=source, limits=limits)
    return read_partner_objects(data, source=source, partner=partner, desk=desk)


def import_bundle(
    bundle: PartnerBundle, store: Store, options: MergeOptions | None = None
) -> ImportReport:
    """Store a partner's documents and records, and merge its claims through the normal merge."""
    options = options or merge_options()
    for document in bundle.documents:
        store.write_document(document)
    exchange = ExchangeState(store)
    exchange.record_objects(bundle.objects)
    raised = [(m, level) for m, level in bundle.levels.items() if level != DEFAULT_LEVEL]
    exchange.mark_many(raised, author=f"partner:{bundle.partner}")
    touched = created = 0
    if bundle.claims:
        infos = {c.document_id: DocumentInfo(c.outlet, c.published) for c in bundle.claims}
        mentions = [c.as_mention() for c in bundle.claims]
        keys: set[str] = set()
        for claim, mention in zip(bundle.claims, mentions, strict=True):
            keys |= search_keys(mention, options, claim.published)
        candidates = store.candidate_incidents(keys)
        result = merge_mentions(mentions, candidates, store.overrides(), options, infos)
        blocks = {i.id: incident_keys(i, options) for i in result.incidents}
        store.save_incidents(result.incidents, blocks, result.retired)
        touched, created = len(result.incidents), len(result.created)
    return ImportReport(
        bundle.partner,
        len(bundle.claims),
        len(bundle.documents),
        touched,
        created,
        bundle.skipped,
    )


def import_stix(
    path: Path,
    store: Store,
    *,
    partner: str | None = None,
    desk: str | None = None,
    limits: StixLimits = DEFAULT_LIMITS,
    options: MergeOptions | None = None,
) -> ImportReport:
    """Check a partner's bundle file, then merge its claims into the store."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ExportError(
                f"{size} bytes is more than the cap of {limits.max_bytes} (setting stix_max_bytes)",
                source=str(path),
            )
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)  # a file that grows is still capped
    except OSError as exc:
        raise ExportError(f"cannot read the bundle: {exc.strerror}", source=str(path)) from None
    bundle = read_stix(raw, source=str(path), partner=partner, desk=desk, limits=limits)
    return import_bundle(bundle, store, options)
