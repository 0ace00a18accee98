"""Model dataclasses to and from plain JSON-ready values, driven by their type hints.

The store keeps derived data as JSON built here, and exports and the `analyze` command print
it. `from_plain` is the exact inverse of `to_plain` for every model type.
"""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

__all__ = ["from_plain", "to_plain"]

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A model value as JSON-ready data: dicts, lists, strings, numbers, None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__, fromlist=["_"])
    return get_type_hints(cls, vars(module))


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild a model value of type `cls` from what `to_plain` produced."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _convert(options[0], data)
        for option in options:
            try:
                return _convert(option, data)
            except (TypeError, ValueError, KeyError):
                continue
        raise ValueError(f"no type in {tp} fits {data!r}")
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in data)
        return tuple(_convert(a, v) for a, v in zip(args, data, strict=True))
    if origin in (list, set, frozenset):
        (arg,) = get_args(tp)
        return origin(_convert(arg, v) for v in data)
    if origin in (dict, Mapping) or tp is Mapping:
        return dict(data)
    if tp is Any:
        return data
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            kwargs = {
                f.name: _convert(hints[f.name], data[f.name])
                for f in dataclasses.fields(tp)
                if f.name in data
            }
            return tp(**kwargs)
        if issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            return datetime.fromisoformat(data)
        if tp is date:
            return date.fromisoformat(data)
        if tp is bytes:
            return base64.b64decode(data)
        if tp is float and isinstance(data, int):
            return float(data)
        if not isinstance(data, tp):
            raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
        return data
    raise TypeError(f"cannot rebuild {tp!r}")
