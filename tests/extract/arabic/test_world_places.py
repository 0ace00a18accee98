"""Arabic names of world places (data/world_ar.tsv): capitals, the ISIS provinces' theatres,
countries and continents, and the common words that are also a city's name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from watchfloor.extract.arabic.names import world_places
from watchfloor.model import AnnotatedDocument, Precision

Read = Callable[..., AnnotatedDocument]

pytestmark = pytest.mark.issue(18)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("أعلن تنظيم الدولة مسؤوليته عن هجوم في مايدوغوري", "Maiduguri", "NG"),
        ("قتل جنديان في هجوم قرب نيامي", "Niamey", "NE"),
        ("فجر انتحاري نفسه في كابل", "Kabul", "AF"),
        ("وصل الوفد إلى موسكو", "Moscow", "RU"),
        ("عقد الاجتماع بطهران", "Tehran", "IR"),  # clitic ب: "in Tehran"
        ("قال مسؤول في القاهرة إن", "Cairo", "EG"),  # a Syrian village shares the name
        ("هاجم مسلحون قرية في موزمبيق", "Mozambique", "MZ"),
        ("نفذ الجيش عملية في الفلبين", "Philippines", "PH"),
        ("أعلنت بوركينا فاسو حالة الطوارئ", "Burkina Faso", "BF"),
    ],
)
def test_world_places_in_arabic(read_ar: Read, text: str, name: str, country: str) -> None:
    found = {(p.name, p.country_code) for p in read_ar(text).places}
    assert (name, country) in found, found


def test_continents_are_regions(read_ar: Read) -> None:
    (place,) = read_ar("تتزايد الهجمات في أفريقيا").places
    assert place.name == "Africa" and place.precision == Precision.REGION


@pytest.mark.parametrize(
    "text",
    [
        "تسببت السيول بأضرار كبيرة",  # floods, not Seoul
        "شارك في الرالي عشرات السائقين",  # a rally, not Raleigh
        "قالت السلطات إن الوضع هادئ",  # the authorities, not Settat
        "وصل لأول مرة",  # "for the first time", not Laval
    ],
)
def test_common_words_are_no_world_cities(read_ar: Read, text: str) -> None:
    assert read_ar(text).places == ()


def test_world_file_is_arabic_script_data() -> None:
    places = world_places()
    assert len(places) > 1000
    countries = {p.country for p, _ in places if p.kind == "country"}
    assert {"NG", "ML", "NE", "BF", "MZ", "AF", "PH"} <= countries
    for _, names in places:
        assert names and all(not set(n) & set("پچژگکیےھ") for n in names)
