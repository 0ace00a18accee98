"""Take in a partner desk's STIX 2.1 bundle: its incidents, claims and chains, partner first.

Reports that carry watchfloor's extension (`x_watchfloor_incident`, with one note or opinion
per claim carrying `x_watchfloor_claim`) become incidents again. Every chain — of each claim,
each figure and each figure source — gets the partner desk put at its head, so a reader sees
"partner desk → outlet → … → origin"; the origin (the chain's root) is unchanged, so imported
claims count towards the same independent origins as local ones.

Claims keep their document ids and evidence spans: ids are content hashes, so they name the
same text at every desk, and a local copy ingested later lines up with them. For provenance in
this store, each claim's note text is stored as a synthetic Document (media type
application/stix+json, source = the bundle path, `extras["partner"]` naming the partner, the
bundle, the STIX object and the partner's document id).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchfloor.errors import ExportError
from watchfloor.merge.blocking import incident_keys
from watchfloor.model import Document, Genre, Source, SourceKind, from_plain
from watchfloor.model.incidents import Claim, FigureRange, Incident
from watchfloor.store import Store

__all__ = ["ImportReport", "PartnerBundle", "import_stix", "read_stix", "with_partner"]

logger = logging.getLogger(__name__)

_CLAIM_TYPES = frozenset({"note", "opinion"})


@dataclass(frozen=True, slots=True)
class PartnerBundle:
    """What a bundle holds for us: incidents, synthetic documents, and what was skipped."""

    partner: str
    bundle_id: str
    incidents: tuple[Incident, ...]
    documents: tuple[Document, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import stored."""

    partner: str
    incidents: int
    documents: int
    skipped: tuple[str, ...]


def with_partner(chain: tuple[Source, ...], partner: Source) -> tuple[Source, ...]:
    """The chain with the partner desk at its head (once, however often it is re-imported)."""
    return chain if chain and chain[0] == partner else (partner, *chain)


def _partnered_claim(claim: Claim, partner: Source) -> Claim:
    figures = tuple(replace(f, chain=with_partner(f.chain, partner)) for f in claim.figures)
    return replace(claim, chain=with_partner(claim.chain, partner), figures=figures)


def _partnered_ranges(ranges: tuple[FigureRange, ...], partner: Source) -> tuple[FigureRange, ...]:
    return tuple(
        replace(
            r,
            sources=tuple(replace(s, chain=with_partner(s.chain, partner)) for s in r.sources),
        )
        for r in ranges
    )


def _load(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"not JSON (line {exc.lineno}: {exc.msg}); give a STIX 2.1 bundle file",
            source=source,
        ) from None
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise ExportError('not a STIX bundle (no top-level "type": "bundle")', source=source)
    if not isinstance(data.get("objects"), list):
        raise ExportError("the bundle has no `objects` list", source=source)
    return data


def _partner_name(objects: Mapping[str, dict[str, Any]], reports: list[dict[str, Any]]) -> str:
    """The creator identity of the bundle's reports, else of any object, else "partner"."""
    for obj in [*reports, *objects.values()]:
        creator = objects.get(obj.get("created_by_ref", ""))
        if creator and creator.get("type") == "identity" and creator.get("name"):
            return str(creator["name"])
    return "partner"


def _claim_of(obj: dict[str, Any], source: str) -> Claim:
    try:
        return from_plain(Claim, obj["x_watchfloor_claim"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(
            f"{obj.get('id')}: malformed x_watchfloor_claim ({exc})", source=source
        ) from None


def _document_for(
    obj: dict[str, Any], claim: Claim, partner: str, bundle_id: str, source: str
) -> Document | None:
    text = obj.get("content") or obj.get("explanation") or ""
    if not text.strip():
        return None
    urls = [r.get("url") for r in obj.get("external_references", ()) if r.get("url")]
    return Document.build(
        text,
        raw=json.dumps(obj, sort_keys=True).encode("utf-8"),
        media_type="application/stix+json",
        source=source,
        retrieved=datetime.now(UTC),
        language="en",
        genre=Genre.UNKNOWN,
        outlet=claim.outlet,
        url=urls[0] if urls else None,
        published=claim.published,
        extras={
            "partner": {
                "partner": partner,
                "bundle": bundle_id,
                "stix_id": obj.get("id"),
                "document_id": claim.document_id,
                "mention_id": claim.mention_id,
            }
        },
    )


def read_stix(text: str, *, source: str, partner: str | None = None) -> PartnerBundle:
    """Read a bundle's watchfloor incidents, with the partner at the head of every chain.

    Args:
        text: the bundle's JSON.
        source: where it came from (a path), kept on synthetic documents and in errors.
        partner: the partner desk's name; default: the name of the reports' creator identity.
    """
    data = _load(text, source)
    objects = {o["id"]: o for o in data["objects"] if isinstance(o, dict) and "id" in o}
    reports = [o for o in objects.values() if o.get("type") == "report"]
    name = partner or _partner_name(objects, reports)
    desk = Source(name, SourceKind.PARTNER)
    bundle_id = str(data.get("id", ""))
    incidents: list[Incident] = []
    documents: dict[str, Document] = {}
    skipped: list[str] = []
    for report in reports:
        plain = report.get("x_watchfloor_incident")
        if not isinstance(plain, dict):
            # A report without watchfloor's extension carries no claims we can rebuild.
            skipped.append(f"{report['id']}: no x_watchfloor_incident")
            continue
        claims: dict[str, Claim] = {}
        for ref in report.get("object_refs", ()):
            obj = objects.get(ref)
            if obj is None or obj.get("type") not in _CLAIM_TYPES:
                continue
            if "x_watchfloor_claim" not in obj:
                continue
            claim = _claim_of(obj, source)
            claims[claim.mention_id] = _partnered_claim(claim, desk)
            doc = _document_for(obj, claim, name, bundle_id, source)
            if doc is not None:
                documents.setdefault(doc.id, doc)
        order = plain.get("claims", [])
        missing = [m for m in order if m not in claims]
        if missing:
            skipped.append(f"{report['id']}: claims {', '.join(missing)} not in the bundle")
        rebuilt = dict(plain, claims=[])
        try:
            incident = from_plain(Incident, rebuilt)
        except (KeyError, TypeError, ValueError) as exc:
            raise ExportError(
                f"{report['id']}: malformed x_watchfloor_incident ({exc})", source=source
            ) from None
        incident = replace(
            incident,
            claims=tuple(claims[m] for m in order if m in claims),
            figures=_partnered_ranges(incident.figures, desk),
        )
        incidents.append(incident)
    logger.info("%s: %d incidents from %s, %d skipped", source, len(incidents), name, len(skipped))
    return PartnerBundle(
        name, bundle_id, tuple(incidents), tuple(documents.values()), tuple(skipped)
    )


def import_stix(path: Path, store: Store, *, partner: str | None = None) -> ImportReport:
    """Read a partner's bundle file and store its incidents and synthetic documents."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read the bundle: {exc}", source=str(path)) from None
    bundle = read_stix(text, source=str(path), partner=partner)
    for document in bundle.documents:
        store.write_document(document)
    blocks = {incident.id: incident_keys(incident) for incident in bundle.incidents}
    store.save_incidents(list(bundle.incidents), blocks)
    return ImportReport(
        bundle.partner, len(bundle.incidents), len(bundle.documents), bundle.skipped
    )
