"""Collections defined from the desk (needs the desk's token): list, define, remove.

`POST /api/v1/taxii/collections` takes a collection as the TAXII file writes one
(`{"alias", "title", "description", "tlp", "filter": {...}, "readers": [...]}`), checks it the
same way and stores it; it is served at once beside the file's collections (the file wins on a
clash of alias or id). `DELETE /api/v1/taxii/collections/{alias}` removes one defined here;
the file's collections are changed in the file only. Both are logged in the audit.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from watchfloor.errors import ConfigError
from watchfloor.export.taxii_feed import CollectionSpec, collection_spec
from watchfloor.serve.api import require_token
from watchfloor.serve.desk import Desk
from watchfloor.serve.taxii import exchange_of
from watchfloor.store.exchange import ExchangeState

__all__ = ["CollectionIn", "router"]

router = APIRouter(prefix="/api/v1/taxii")


class CollectionIn(BaseModel):
    """A collection: a saved incident filter with a TLP ceiling and its readers."""

    alias: str = Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9._-]+$")
    title: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=2000)
    tlp: str = Field(default="green", max_length=32)
    filter: dict[str, Any] = Field(default_factory=dict)
    readers: list[str] | None = Field(default=None, max_length=200)
    author: str = Field(default="analyst", max_length=200)


def _view(spec: CollectionSpec, source: str) -> dict[str, Any]:
    where = spec.filter
    return {
        **spec.info(),
        "tlp": spec.ceiling,
        "readers": list(spec.readers) if spec.readers is not None else None,
        "defined_in": source,
        "filter": {
            "type": where.event_type,
            "actor": where.actor,
            "near": list(where.near) if where.near else None,
            "min_origins": where.min_origins,
            "since": where.since.isoformat() if where.since else None,
            "until": where.until.isoformat() if where.until else None,
        },
    }


@router.get("/collections", summary="TAXII collections (token)")
def list_collections(
    request: Request, desk: Annotated[Desk, Depends(require_token)]
) -> dict[str, Any]:
    """Every collection served, from the TAXII file and from the desk."""
    exchange = exchange_of(request)
    return {
        "ok": True,
        "collections": [
            _view(spec, "file" if exchange.is_from_file(spec.id) else "desk")
            for spec in exchange.all_collections(desk.store)
        ],
    }


@router.post("/collections", status_code=201, summary="Define a TAXII collection")
def define_collection(
    request: Request, body: CollectionIn, desk: Annotated[Desk, Depends(require_token)]
) -> dict[str, Any]:
    """Define (or redefine) a collection from the desk; served at once."""
    exchange = exchange_of(request)
    if exchange.is_from_file(body.alias):
        raise HTTPException(409, f"{body.alias!r} is defined in the TAXII file; change it there")
    data = body.model_dump(exclude={"author"})
    if data["readers"] is None:
        data.pop("readers")
    try:
        spec = collection_spec(data, f"collection {body.alias!r}")
    except ConfigError as exc:
        raise HTTPException(422, exc.message) from None
    if exchange.is_from_file(spec.id):
        raise HTTPException(409, f"the id {spec.id} belongs to a collection of the TAXII file")
    ExchangeState(desk.store).save_collection(spec.alias, spec.id, data, body.author)
    return {"ok": True, "collection": _view(spec, "desk")}


@router.delete("/collections/{alias}", summary="Remove a TAXII collection defined here")
def delete_collection(
    request: Request, alias: str, desk: Annotated[Desk, Depends(require_token)]
) -> dict[str, Any]:
    """Remove a collection defined from the desk."""
    if exchange_of(request).is_from_file(alias):
        raise HTTPException(409, f"{alias!r} is defined in the TAXII file; change it there")
    if not ExchangeState(desk.store).delete_collection(alias, "analyst"):
        raise HTTPException(404, f"no collection {alias!r} defined from the desk")
    return {"ok": True, "deleted": alias}
