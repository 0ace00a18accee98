"""The analyst's TLP marking of an incident over the API (needs the desk's token).

`POST /api/v1/incidents/{ref}/tlp {"level": "amber", "author": "...", "note": "..."}` sets the
incident's own level (the latest analyst marking is in force; a partner's marking on an
imported claim stays a floor); it is kept on the incident's id and its first-reported mention,
so it survives re-merging, and logged in the audit. `GET /api/v1/incidents/{ref}/tlp` tells
the level in force and its history.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from watchfloor.export.tlp import normalise_level
from watchfloor.serve.api import desk_of, require_token
from watchfloor.serve.desk import Desk
from watchfloor.store.exchange import ExchangeState

__all__ = ["MarkingIn", "router"]

router = APIRouter(prefix="/api/v1")


class MarkingIn(BaseModel):
    """A TLP level for an incident: clear, green, amber, amber+strict or red."""

    level: str = Field(max_length=32)
    author: str = Field(default="analyst", max_length=200)
    note: str = Field(default="", max_length=2000)


def _level_view(desk: Desk, ref: str) -> dict[str, Any]:
    incident = desk.store.get_incident(ref)
    if incident is None:
        raise HTTPException(404, f"no incident {ref!r}")
    state = ExchangeState(desk.store)
    history = state.marking_history(incident.id)
    return {
        "ok": True,
        "incident": incident.id,
        "level": state.level_of(incident),
        "history": [
            {"level": h["level"], "author": h["author"], "at": h["created"], "note": h["note"]}
            for h in history
        ],
    }


@router.get("/incidents/{ref}/tlp", summary="An incident's TLP level")
def get_marking(request: Request, ref: str) -> dict[str, Any]:
    """The TLP level in force on an incident and who set it."""
    return _level_view(desk_of(request), ref)


@router.post("/incidents/{ref}/tlp", status_code=201, summary="Mark an incident TLP")
def set_marking(
    ref: str, body: MarkingIn, desk: Annotated[Desk, Depends(require_token)]
) -> dict[str, Any]:
    """Put a TLP 2.0 level on an incident (needs the bearer token)."""
    try:
        level = normalise_level(body.level)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    incident = desk.store.get_incident(ref)
    if incident is None:
        raise HTTPException(404, f"no incident {ref!r}")
    state = ExchangeState(desk.store)
    for target in (incident.id, incident.claims[0].mention_id):
        state.mark(target, level, body.author, body.note)
    return _level_view(desk, incident.id)
