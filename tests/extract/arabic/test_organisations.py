"""Organisations outside the catalogue, read from the shape of their Arabic names, and names
kept in Latin letters."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from watchfloor.model import AnnotatedDocument

Read = Callable[..., AnnotatedDocument]

pytestmark = pytest.mark.issue(18)


def _unresolved(doc: AnnotatedDocument) -> list[str]:
    return [a.text for a in doc.actors if a.actor_id is None]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("دعا حزب المحافظين البريطاني إلى وقف القتال", "حزب المحافظين البريطاني"),
        ("صوت البرلمان العراقي على القانون", "البرلمان العراقي"),
        ("أعلنت حركة المقاومة الإسلامية مسؤوليتها", "حركة المقاومة الإسلامية"),
        ("قال متحدث باسم وزارة الداخلية إن", "وزارة الداخلية"),
        ("قالت شركة الخطوط الجوية القطرية إن", "شركة الخطوط الجوية القطرية"),
        ("أعلنت نقابة المحامين السوريين الإضراب", "نقابة المحامين السوريين"),  # then the object
        ("طالب مجلس النواب التابع للحكومة بالتحقيق", "مجلس النواب"),  # "التابع" ends it
    ],
)
def test_organisation_names_by_their_shape(read_ar: Read, text: str, name: str) -> None:
    assert _unresolved(read_ar(text)) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "اجتمع المجلس يوم الأحد",  # a head alone names nothing
        "ذكرت الصحيفة البريطانية أن",  # a description: "the British newspaper"
        "وصل الوفد إلى مجلس",  # no definite word after the head
    ],
)
def test_descriptions_are_no_organisations(read_ar: Read, text: str) -> None:
    assert _unresolved(read_ar(text)) == []


def test_catalogue_names_win_over_the_shape(read_ar: Read) -> None:
    doc = read_ar("هاجم مجلس دير الزور العسكري مواقع التنظيم")
    assert [a.actor_id for a in doc.actors] == ["deir_ez_zor_military_council"]
    doc = read_ar("دعا مجلس الأمن الدولي إلى وقف القتال")
    assert [a.actor_id for a in doc.actors] == ["un_security_council"]


def test_latin_names_in_arabic_text(read_ar: Read) -> None:
    doc = read_ar("وقالت شبكة CNN إن قوات (SDF) اعتقلت عشرة عناصر، بحسب وDell")
    found = {(a.name, a.actor_id) for a in doc.actors}
    assert ("CNN", "cnn") in found  # the catalogue's Latin alias
    assert ("Dell", None) in found  # the conjunction و stays outside the name
    assert ("SDF", "sdf") in found
