"""Actors of Arabic events in their roles: who acts, the other party, the target."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from watchfloor.model import AnnotatedDocument

Read = Callable[..., AnnotatedDocument]

pytestmark = pytest.mark.issue(18)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2", "target"),
    [
        ("هاجمت قسد مواقع داعش في ريف دير الزور", "sdf", None, "isis"),  # verb, subject, object
        ("قال المرصد السوري إن قسد هاجمت داعش", "sdf", None, "isis"),  # the monitor only says so
        ("اندلعت اشتباكات بين قسد وداعش في الشدادي", "sdf", "isis", None),
        ("اشتبكت قسد مع داعش", "sdf", "isis", None),
        ("شن تنظيم داعش هجوما على حاجز لقسد", "isis", None, "sdf"),
        ("اعتقلت قوات الأسايش خمسة عناصر من داعش", "asayish", None, "isis"),
    ],
)
def test_event_roles(
    read_ar: Read, text: str, actor1: str, actor2: str | None, target: str | None
) -> None:
    (event,) = read_ar(text).events
    found = tuple(a.actor_id if a else None for a in (event.actor1, event.actor2, event.target))
    assert found == (actor1, actor2, target)
