"""`from_plain` rebuilds what `to_plain` wrote, for every kind of field, and refuses misfits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import pytest

from watchfloor.model.serialize import from_plain, to_plain


class Colour(StrEnum):
    RED = "red"
    BLANK = ""  # a falsy member must still be found


@dataclass(frozen=True, slots=True)
class Leaf:
    name: str
    weight: float
    colour: Colour


@dataclass(frozen=True, slots=True)
class Node:
    leaf: Leaf | None
    leaves: tuple[Leaf, ...]
    pair: tuple[int, str]
    tags: frozenset[str]
    numbers: list[int]
    when: datetime | None
    day: date
    blob: bytes
    extras: dict[str, Any]
    either: int | str
    anything: Any = None
    flag: bool = False
    child: Node | None = None  # a dataclass that refers to itself


def _node(**changes: Any) -> Node:
    values: dict[str, Any] = {
        "leaf": Leaf("a", 1.5, Colour.RED),
        "leaves": (Leaf("b", 2.0, Colour.BLANK), Leaf("c", 0.0, Colour.RED)),
        "pair": (3, "three"),
        "tags": frozenset({"x", "y"}),
        "numbers": [1, 2],
        "when": datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        "day": date(2026, 1, 2),
        "blob": b"\x00\xff",
        "extras": {"k": [1, "v"]},
        "either": "text",
        "anything": {"free": True},
        "flag": True,
    }
    return Node(**{**values, **changes})


def test_round_trip_of_every_field_kind() -> None:
    node = _node(child=_node(leaf=None, when=None, either=7))
    assert from_plain(Node, to_plain(node)) == node


def test_rebuilding_twice_gives_equal_values() -> None:
    plain = to_plain(_node())
    assert from_plain(Node, plain) == from_plain(Node, plain)


def test_an_int_in_a_float_field_becomes_a_float() -> None:
    plain = to_plain(_node())
    plain["leaf"]["weight"] = 2
    rebuilt = from_plain(Node, plain)
    assert rebuilt.leaf is not None
    assert rebuilt.leaf.weight == 2.0 and type(rebuilt.leaf.weight) is float


def test_missing_fields_take_their_defaults() -> None:
    plain = to_plain(_node())
    for name in ("anything", "flag", "child"):
        del plain[name]
    rebuilt = from_plain(Node, plain)
    assert (rebuilt.anything, rebuilt.flag, rebuilt.child) == (None, False, None)


def test_a_value_of_the_wrong_type_is_refused() -> None:
    plain = to_plain(_node())
    plain["leaf"]["name"] = 5
    with pytest.raises(TypeError, match="expected str"):
        from_plain(Node, plain)


def test_an_unknown_enum_value_is_refused() -> None:
    plain = to_plain(_node())
    plain["leaf"]["colour"] = "green"
    with pytest.raises(ValueError, match="green"):
        from_plain(Node, plain)


def test_a_union_takes_the_first_type_that_fits_and_refuses_none_fitting() -> None:
    assert from_plain(Node, to_plain(_node(either=4))).either == 4
    plain = to_plain(_node())
    plain["either"] = 1.5
    with pytest.raises(ValueError, match="no type"):
        from_plain(Node, plain)


def test_a_list_where_an_object_belongs_is_refused() -> None:
    plain = to_plain(_node())
    plain["leaf"] = ["a", 1.5, "red"]
    with pytest.raises(TypeError, match="expected an object"):
        from_plain(Node, plain)
