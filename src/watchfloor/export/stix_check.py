"""The gate every partner bundle passes before anything reads it: size, shape, STIX validity.

A bundle from outside is untrusted input. `check_bundle` refuses it with WF-E001 when it is
larger than the size cap, is not JSON, is not a STIX bundle, holds more objects than the
object cap, nests deeper than the depth cap, or when any object is refused by the stix2
library (`stix2.parse`, STIX 2.1, custom properties allowed); the error names the object's
index. Nothing below this gate sees a shape it did not check, so a malformed bundle costs an
error message, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import stix2

from watchfloor.errors import ExportError

__all__ = ["DEFAULT_LIMITS", "StixLimits", "check_bundle", "check_objects"]


@dataclass(frozen=True, slots=True)
class StixLimits:
    """Caps on a partner bundle (settings `stix_max_bytes`, `stix_max_objects`)."""

    max_bytes: int = 50_000_000
    max_objects: int = 100_000
    max_depth: int = 40  # JSON nesting of one object; watchfloor's own go ~12 deep


DEFAULT_LIMITS = StixLimits()


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True when a JSON value nests deeper than `limit` (iterative: no recursion to blow)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "…"


def _label(index: int, obj: dict[str, Any]) -> str:
    ident = obj.get("id")
    return f"object {index}" + (f" ({ident})" if isinstance(ident, str) else "")


def check_objects(
    objects: Any, *, source: str, limits: StixLimits = StixLimits()
) -> list[dict[str, Any]]:
    """The objects of a bundle or a TAXII envelope, each checked; WF-E001 on the first bad one."""
    if not isinstance(objects, list):
        raise ExportError("the bundle has no `objects` list", source=source)
    if len(objects) > limits.max_objects:
        raise ExportError(
            f"{len(objects)} objects is more than the cap of {limits.max_objects} "
            "(setting stix_max_objects)",
            source=source,
        )
    for index, obj in enumerate(objects):
        if not isinstance(obj, dict):
            raise ExportError(
                f"object {index}: a {type(obj).__name__}, not a STIX object", source=source
            )
        if not isinstance(obj.get("type"), str) or not isinstance(obj.get("id"), str):
            raise ExportError(f"object {index}: no string `type` and `id`", source=source)
        if _depth_exceeds(obj, limits.max_depth):
            raise ExportError(
                f"{_label(index, obj)}: nested deeper than {limits.max_depth} levels",
                source=source,
            )
        try:
            stix2.parse(obj, allow_custom=True, version="2.1")
        except Exception as exc:  # untrusted input: whatever the library raises is a refusal
            raise ExportError(
                f"{_label(index, obj)}: not valid STIX 2.1 ({_short(exc)})", source=source
            ) from None
    return objects


def check_bundle(
    raw: str | bytes, *, source: str, limits: StixLimits = StixLimits()
) -> dict[str, Any]:
    """A partner's bundle parsed and checked (see the module docstring), or WF-E001."""
    size = len(raw.encode("utf-8", errors="replace") if isinstance(raw, str) else raw)
    if size > limits.max_bytes:
        raise ExportError(
            f"{size} bytes is more than the cap of {limits.max_bytes} (setting stix_max_bytes)",
            source=source,
        )
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"not JSON (line {exc.lineno}: {exc.msg}); give a STIX 2.1 bundle file",
            source=source,
        ) from None
    except (RecursionError, UnicodeDecodeError, ValueError) as exc:
        raise ExportError(f"not readable JSON ({_short(exc)})", source=source) from None
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise ExportError('not a STIX bundle (no top-level "type": "bundle")', source=source)
    check_objects(data.get("objects"), source=source, limits=limits)
    if not isinstance(data.get("id", ""), str):
        raise ExportError("the bundle's `id` is not a string", source=source)
    return data
