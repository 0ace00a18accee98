"""Response schemas of the API's facility and indicator endpoints (Pydantic, `extra="forbid"`).

They describe `watchfloor.export.facility_json`'s plain form, the same JSON that `watchfloor
facilities show --json` and `watchfloor indicators show --json` print. That form is
`model.to_plain` of the facility dataclasses, so each schema is drawn from its dataclass's
fields, in their order, as `to_plain` writes them: enums as their values, tuples and sets as
lists, nested dataclasses as their own schemas, and timestamps as the ISO 8601 strings that form
gives (`published`), so the API and the CLI print the same bytes. Every field is required (the
plain form always writes it); the schemas keep their own names and descriptions in /openapi.json.
Only the envelopes (`ok`, lists, the incidents a facility links) are written out here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import reduce
from typing import Any, Literal, get_args, get_origin, get_type_hints

from pydantic import create_model

from watchfloor.model.facilities import (
    ControlEntry,
    FacilityClaim,
    FacilityState,
    FigureDisagreement,
    FigureSummary,
    IndicatorFlag,
    IndicatorPoint,
    IndicatorSeries,
    SeriesEntry,
)
from watchfloor.model.mentions import Evidence, Quantity
from watchfloor.model.provenance import Source
from watchfloor.resolve.facilities import Facility
from watchfloor.resolve.indicators import Area, Indicator, IndicatorPattern
from watchfloor.serve.schemas import Schema, SourceOut

__all__ = [
    "FacilityDetailOut",
    "FacilityListOut",
    "IndicatorDetailOut",
    "IndicatorListOut",
]

# The schema of each dataclass met so far (attribution links have theirs in serve/schemas.py).
_SCHEMAS: dict[type, type[Schema]] = {Source: SourceOut}


def _plain(tp: Any) -> Any:
    """The type of `to_plain`'s output for a field of type `tp`."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return reduce(lambda a, b: a | b, [_plain(a) for a in get_args(tp)])
    if origin in (tuple, list, set, frozenset):
        return list[_plain(get_args(tp)[0])]  # type: ignore[misc]
    if tp is datetime:
        return str
    if isinstance(tp, type) and issubclass(tp, Enum):
        return str
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _SCHEMAS[tp]
    return tp


def _schema(cls: type, name: str, doc: str) -> type[Schema]:
    """The schema of a dataclass's plain form: its fields, in order, all required."""
    hints = get_type_hints(cls)
    fields: dict[str, Any] = {f.name: (_plain(hints[f.name]), ...) for f in dataclasses.fields(cls)}
    schema = create_model(name, __base__=Schema, __doc__=doc, __module__=__name__, **fields)
    _SCHEMAS[cls] = schema
    return schema


EvidenceOut = _schema(
    Evidence,
    "EvidenceOut",
    "Where a claim or figure was read: document, sentence, character span, reader.",
)
QuantityOut = _schema(
    Quantity, "QuantityOut", "A figure as read, with its range, qualifier, counted noun and role."
)
FacilityOut = _schema(Facility, "FacilityOut", "A facility of the register.")
_schema(
    ControlEntry,
    "ControlEntryOut",
    "Who held the facility as of a date, by which claims and origins.",
)
_schema(FigureDisagreement, "DisagreementOut", "Sources that disagree on a figure or on control.")
_schema(
    FigureSummary,
    "FigureSummaryOut",
    "A facility figure: the latest reading and the range of all readings.",
)
FacilityStateOut = _schema(
    FacilityState,
    "FacilityStateOut",
    "What the claims say of a facility: controller, figures, incidents.",
)
FacilityClaimOut = _schema(
    FacilityClaim,
    "FacilityClaimOut",
    "One thing a sentence says about a facility, with its chain and evidence.",
)
_schema(IndicatorPattern, "PatternOut", "Counted nouns and roles that feed an indicator.")
_schema(Area, "AreaOut", "Where an indicator's figures must lie.")
IndicatorOut = _schema(Indicator, "IndicatorOut", "An indicator's definition.")
_schema(SeriesEntry, "SeriesEntryOut", "One origin's range on one date.")
_schema(
    IndicatorFlag,
    "IndicatorFlagOut",
    "A contradiction or a change beyond the indicator's threshold.",
)
SeriesOut = _schema(
    IndicatorSeries, "SeriesOut", "An indicator's series: entries, the latest range, and flags."
)
IndicatorPointOut = _schema(
    IndicatorPoint,
    "IndicatorPointOut",
    "One figure that feeds an indicator, with its chain and evidence.",
)


class FacilityIncidentOut(Schema):
    """An incident linked to a facility."""

    id: str
    event_type: str
    start: date | None
    end: date | None
    corroboration: str


def _envelope(name: str, doc: str, **fields: Any) -> type[Schema]:
    return create_model(name, __base__=Schema, __doc__=doc, __module__=__name__, **fields)


_OK: Any = (Literal[True], True)
FacilitySummaryOut = _envelope(
    "FacilitySummaryOut",
    "A facility with its state.",
    facility=(FacilityOut, ...),
    state=(FacilityStateOut, ...),
)
FacilityListOut = _envelope(
    "FacilityListOut",
    "Every facility of the register with its state.",
    ok=_OK,
    facilities=(list[FacilitySummaryOut], ...),  # type: ignore[valid-type]
)
FacilityDetailOut = _envelope(
    "FacilityDetailOut",
    "A facility with its state, claims and linked incidents.",
    ok=_OK,
    facility=(FacilityOut, ...),
    state=(FacilityStateOut, ...),
    claims=(list[FacilityClaimOut], ...),  # type: ignore[valid-type]
    incidents=(list[FacilityIncidentOut], ...),
)
IndicatorSummaryOut = _envelope(
    "IndicatorSummaryOut",
    "An indicator with its series.",
    indicator=(IndicatorOut, ...),
    series=(SeriesOut, ...),
)
IndicatorListOut = _envelope(
    "IndicatorListOut",
    "Every indicator with its series and flags.",
    ok=_OK,
    indicators=(list[IndicatorSummaryOut], ...),  # type: ignore[valid-type]
)
IndicatorDetailOut = _envelope(
    "IndicatorDetailOut",
    "An indicator with its series, flags and every point.",
    ok=_OK,
    indicator=(IndicatorOut, ...),
    series=(SeriesOut, ...),
    points=(list[IndicatorPointOut], ...),  # type: ignore[valid-type]
)
