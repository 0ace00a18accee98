"""The Arabic reader's components on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from watchfloor.extract.arabic import is_arabic_code, reads_language, unread_reason
from watchfloor.model import AnnotatedDocument, Modality, Qualifier, StatementKind

Read = Callable[..., AnnotatedDocument]


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("اندلعت اشتباكات في محيط سجن غويران", "fac-ghwayran-prison"),
        ("اندلعت اشتباكات في محيط سجن الصناعة", "fac-ghwayran-prison"),
        ("وصلت الشاحنات إلى مخيم الهول", "fac-al-hol-camp"),
        ("انفجرت عبوة في مدينة الحسكة", "wof421168649"),
        ("وقع الانفجار بالشدادي", "gn172837"),
        ("سقطت قذائف على والرقة", "wof421172833"),
    ],
)
def test_places_with_clitics(read_ar: Read, text: str, place_id: str) -> None:
    doc = read_ar(text)
    assert place_id in {p.place_id for p in doc.places}


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("هاجمت قسد مواقع التنظيم", "sdf"),
        ("هاجمت خلايا داعش حاجزا", "isis"),
        ("تبنى تنظيم الدولة الهجوم", "isis"),
        ("وثّق المرصد السوري الحادثة", "sohr"),
        ("ونقلت وكالة سانا الخبر", "sana"),
        ("انتشرت قوات الحشد الشعبي", "pmf"),
    ],
)
def test_actors_in_arabic(read_ar: Read, text: str, actor_id: str) -> None:
    assert actor_id in {a.actor_id for a in read_ar(text).actors}


def test_common_words_are_no_places(read_ar: Read) -> None:
    doc = read_ar("وقع الهجوم على السجن في المدينة يوم الخميس")
    assert doc.places == ()


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "role"),
    [
        ("قتل ما لا يقل عن 50 شخصاً", 50, None, Qualifier.AT_LEAST, "killed"),
        ("فرّ عشرات السجناء من السجن", 20, 99, Qualifier.VAGUE, "escaped"),
        ("أصيب جنديين بجروح", 2, 2, Qualifier.EXACT, "wounded"),
        ("نزح نحو ١٬٥٠٠ شخص", 1500, 1500, Qualifier.APPROXIMATELY, "displaced"),
        ("اعتقلت القوات خمسة وعشرين شخصا", 25, 25, Qualifier.EXACT, "detained"),
        ("نزوح أكثر من ثلاثة آلاف مدني", 3000, None, Qualifier.MORE_THAN, "displaced"),
        ("مقتل ۷ عناصر", 7, 7, Qualifier.EXACT, "killed"),
        ("نزوح آلاف العائلات", 2000, 9999, Qualifier.VAGUE, "displaced"),
    ],
)
def test_figures(
    read_ar: Read, text: str, low: int, high: int | None, qualifier: Qualifier, role: str
) -> None:
    (quantity,) = read_ar(text).quantities
    assert (quantity.low, quantity.high, quantity.qualifier, quantity.role) == (
        low,
        high,
        qualifier,
        role,
    )


def test_a_year_is_no_figure(read_ar: Read) -> None:
    assert read_ar("في عام 2022 تغير الوضع").quantities == ()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("وقع الهجوم يوم الخميس", date(2022, 1, 20), date(2022, 1, 20)),
        ("وقع الهجوم أمس", date(2022, 1, 21), date(2022, 1, 21)),
        ("وقع الهجوم في 20 كانون الثاني 2022", date(2022, 1, 20), date(2022, 1, 20)),
        ("وقع الهجوم في 20 يناير", date(2022, 1, 20), date(2022, 1, 20)),
        ("وقع الهجوم في ١٥ تموز", date(2021, 7, 15), date(2021, 7, 15)),
        ("تكررت الهجمات خلال شهر كانون الأول", date(2021, 12, 1), date(2021, 12, 31)),
        ("تكررت الهجمات خلال شباط 2021", date(2021, 2, 1), date(2021, 2, 28)),
    ],
)
def test_dates_against_publication(read_ar: Read, text: str, start: date, end: date) -> None:
    (mention,) = read_ar(text).dates
    assert (mention.start, mention.end) == (start, end)


def test_saying_date_is_not_the_event_date(read_ar: Read) -> None:
    doc = read_ar("قالت قوات سوريا الديمقراطية يوم السبت إن خلايا داعش هاجمت حاجزا ليلة الخميس")
    (event,) = [e for e in doc.events if e.event_type == "armed_attack"]
    assert event.date is not None and event.date.start == date(2022, 1, 20)


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("بحسب المرصد السوري قتل خمسة عناصر", StatementKind.ATTRIBUTED_CLAIM, "sohr"),
        ("وفقاً لقوات سوريا الديمقراطية فرّ عشرات", StatementKind.ATTRIBUTED_CLAIM, "sdf"),
        ("نقلاً عن وكالة سانا قصفت الطائرات", StatementKind.ATTRIBUTED_CLAIM, "sana"),
        ("وأعلنت قسد أن قواتها استعادت السيطرة", StatementKind.ATTRIBUTED_CLAIM, "sdf"),
        ("وقالت مصادر محلية إن عشرات فروا", StatementKind.VAGUE_ATTRIBUTION, None),
        ("ندعو المجتمع الدولي إلى التحرك فورا", StatementKind.CALL_TO_ACTION, None),
        ("من المسؤول عن هذه الكارثة؟", StatementKind.QUESTION, None),
        ("قصفت الطائرات قرية في ريف إدلب", StatementKind.REPORTED_FACT, None),
    ],
)
def test_statement_kinds(read_ar: Read, text: str, kind: StatementKind, source: str | None) -> None:
    (statement,) = read_ar(text).statements
    assert statement.kind == kind
    if source is not None:
        assert statement.chain[-1].actor_id == source


def test_distance_words_make_a_claim(read_ar: Read) -> None:
    (statement,) = read_ar("وزعم التنظيم أن مقاتليه دمروا آلية").statements
    assert statement.kind == StatementKind.ATTRIBUTED_CLAIM
    assert any("distance" in r for r in statement.reasons)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("فرّ سجناء من السجن", "prison_escape"),
        ("هاجم مسلحون سجن غويران", "attack_on_detention_facility"),
        ("اندلعت اشتباكات عنيفة قرب الحسكة", "armed_clash"),
        ("قصف مدفعي على بلدة تل تمر", "shelling"),
        ("شنت طائرات غارة على موقع", "airstrike"),
        ("انفجرت عبوة ناسفة بسيارة", "ied"),
        ("اغتيال مختار قرية في ريف دير الزور", "assassination"),
        ("خطف مسلحون شاباً", "kidnapping"),
        ("نفذت القوات حملة مداهمات", "raid_arrest"),
        ("انسحاب القوات من البلدة", "withdrawal"),
        ("سيطرة الفصائل على البلدة", "territory_seized"),
    ],
)
def test_event_triggers(read_ar: Read, text: str, event_type: str) -> None:
    assert event_type in {e.event_type for e in read_ar(text).events}


def test_failed_attack_is_no_incident(read_ar: Read) -> None:
    doc = read_ar("أحبطت القوات هجوماً على حاجز")
    (event,) = doc.events
    assert event.modality is Modality.FAILED
    assert not event.is_incident


def test_language_routing_codes() -> None:
    assert is_arabic_code("ar") and is_arabic_code("apc") and is_arabic_code("ar-SY")
    assert not is_arabic_code("ku") and not is_arabic_code("en")
    assert reads_language("arz", ("en", "ar"))
    assert not reads_language("arz", ("en",))
    assert not reads_language("ckb", ("en", "ar"))
    assert "Kurdish" in unread_reason("ckb", ("en", "ar"))


def test_clitic_is_not_peeled_off_a_plain_word(read_ar: Read) -> None:
    # "فرقه" (his teams) is no ف + "رقة": names with the article keep it after a clitic.
    doc = read_ar("وقال الدفاع المدني إن فرقه انتشلت الضحايا")
    assert "wof421172833" not in {p.place_id for p in doc.places}
    assert "wof421172833" in {p.place_id for p in read_ar("سقطت قذائف على والرقة").places}


def test_city_cue_picks_the_town(read_ar: Read) -> None:
    doc = read_ar("غارات على سوق في مدينة إدلب")
    (place,) = doc.places
    assert place.place_id == "wof890432567"


def test_a_number_at_the_end_of_a_text_is_read(read_ar: Read) -> None:
    doc = read_ar("بلغ عدد القتلى 12")
    assert [q.low for q in doc.quantities] == [12]
    assert doc.dates == ()
