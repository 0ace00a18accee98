"""Model dataclasses to and from plain JSON-ready values, driven by their type hints.

The store keeps derived data as JSON built here, and exports and the `analyze` command print
it. `from_plain` is the exact inverse of `to_plain` for every model type.
"""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
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
    if isinstance(value, set | frozenset):
        # Sorted, so the same value prints the same way in every process (string hashes vary).
        return sorted((to_plain(v) for v in value), key=lambda v: (v is None, str(v)))
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__, fromlist=["_"])
    return get_type_hints(cls, vars(module))


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild a model value of type `cls` from what `to_plain` produced."""
    return typing.cast(T, _converter(typing.cast(Any, cls))(data))


Converter = Callable[[Any], Any]


class _Never:
    """A type no stored value has: fields of this "plain" type always go through conversion."""


@cache
def _converter(tp: Any) -> Converter:
    """A function rebuilding values of type `tp` (None stays None), worked out once per type.

    Reading the hints (origins, arguments, dataclass fields) for every value cost most of the
    time of rebuilding an incident; a type's converter now does only the conversion.
    """
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _converter(options[0])
        return _union(tp, [_converter(o) for o in options])
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            return lambda data: None if data is None else tuple([item(v) for v in data])
        items = [_converter(a) for a in args]
        return lambda data: (
            None if data is None else tuple(c(v) for c, v in zip(items, data, strict=True))
        )
    if origin in (list, set, frozenset):
        (arg,) = get_args(tp)
        element, kind = _converter(arg), origin
        return lambda data: None if data is None else kind(element(v) for v in data)
    if origin in (dict, Mapping) or tp is Mapping:
        return lambda data: None if data is None else dict(data)
    if tp is Any:
        return lambda data: data
    if isinstance(tp, type):
        return _leaf(tp)
    raise TypeError(f"cannot rebuild {tp!r}")


def _plain_type(tp: Any) -> type:
    """The type whose values `tp`'s converter returns unchanged (str for `str | None`)."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _plain_type(options[0]) if len(options) == 1 else _Never
    if tp in (str, int, bool, float):
        return typing.cast(type, tp)
    return _Never


def _union(tp: Any, options: list[Converter]) -> Converter:
    def run(data: Any) -> Any:
        if data is None:
            return None
        for option in options:
            try:
                return option(data)
            except (TypeError, ValueError, KeyError):
                continue
        raise ValueError(f"no type in {tp} fits {data!r}")

    return run


def _leaf(tp: type) -> Converter:
    """The converter of a class: a dataclass, an enum, a date or time, bytes or a scalar."""
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if issubclass(tp, Enum):
        return _enum(tp)
    parsers: dict[type, Converter] = {
        datetime: datetime.fromisoformat,
        date: date.fromisoformat,
        bytes: base64.b64decode,
    }
    parse = parsers.get(tp)
    if parse is not None:
        known = parse
        return lambda data: None if data is None else known(data)

    def scalar(data: Any) -> Any:
        if data is None:
            return None
        if tp is float and isinstance(data, int):
            return float(data)
        if not isinstance(data, tp):
            raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
        return data

    return scalar


def _enum(tp: type[Enum]) -> Converter:
    members = tp._value2member_map_

    def run(data: Any) -> Any:
        if data is None:
            return None
        try:
            return members[data]
        except (KeyError, TypeError):
            return tp(data)  # aliases and _missing_ hooks, or the enum's own error

    return run


def _dataclass(tp: type) -> Converter:
    # Field converters are worked out on first use, so a dataclass may refer to itself; two
    # threads racing there both build the same list and the first one kept is used. A value
    # of the field's plain type (a str for `str | None`) is taken as it is, without a call.
    resolved: list[list[tuple[str, Converter, type]]] = []
    missing = object()

    def run(data: Any) -> Any:
        if data is None:
            return None
        if not resolved:
            hints = _hints(tp)
            resolved.append(
                [
                    (f.name, _converter(hints[f.name]), _plain_type(hints[f.name]))
                    for f in dataclasses.fields(tp)
                ]
            )
        if not isinstance(data, Mapping):
            raise TypeError(f"expected an object for {tp.__name__}, got {type(data).__name__}")
        kwargs = {}
        for name, convert, plain in resolved[0]:
            value = data.get(name, missing)
            if value is missing:
                continue
            kwargs[name] = value if value is None or type(value) is plain else convert(value)
        return tp(**kwargs)

    return run
