"""Arabic search (migration 0010): folded spellings, clitics, digits, snippets as written.

The store tests run on SQLite and, with WATCHFLOOR_TEST_PG_URL, on PostgreSQL (`memory_store`).
"""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.config import Config

from helpers.desk import fill_store, make_claim, make_incident, make_reading
from watchfloor.store import Store
from watchfloor.store import search_arabic as sa
from watchfloor.store.repository import MIGRATIONS
from watchfloor.store.search import MATCH_END, MATCH_START, search_documents, search_incidents

pytestmark = pytest.mark.issue(18)

# Written with tashkeel, tatweel, hamza forms and clitics, as outlets do.
_ESCAPE = (
    "فَرَّ عشراتُ السجناء من سجن غويران في مدينة الحسكـــة يوم الأحد. "
    "وقالت مصادر محلية إن ١٥ سجيناً أُعيد اعتقالهم وبالحسكة حظر تجول."
)
_RAID = "داهمت قوات الأمن منزلا في دير الزور واعتقلت ثلاثة أشخاص."


@pytest.fixture
def arabic_store(memory_store: Store) -> tuple[Store, list[str], list[str]]:
    escape = make_reading(
        _ESCAPE,
        outlet="عنب بلدي",
        title="فرار سجناء من سجن غويران",
        places={"الحسكـــة": (36.5, 40.75)},
        published=datetime(2026, 1, 20, 9, tzinfo=UTC),
    )
    raid = make_reading(
        _RAID,
        outlet="نورث برس",
        title="مداهمة في دير الزور",
        published=datetime(2026, 1, 21, 9, tzinfo=UTC),
    )
    english = make_reading(
        "Dozens of prisoners escaped from Ghwayran prison in Hasakah (٢٠ by one count).",
        outlet="Rudaw",
        title="Escape",
    )
    incidents = [
        make_incident([make_claim(escape, "فَرَّ", place="الحسكـــة", on=date(2026, 1, 19))]),
        make_incident([make_claim(raid, "داهمت", event_type="arrests", on=date(2026, 1, 20))]),
    ]
    fill_store(memory_store, [escape, raid, english], incidents)
    docs = [escape.document.id, raid.document.id, english.document.id]
    return memory_store, docs, [i.id for i in incidents]


def test_search_arabic_fold_matches_the_migration_literals():
    migration = importlib.import_module("watchfloor.store.migrations.versions.0010_arabic_search")
    assert (migration._FOLD_FROM, migration._FOLD_TO) == (sa.FOLD_FROM, sa.FOLD_TO)
    assert migration._FOLD_DROP == sa.FOLD_DROP


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("فَرَّ", "فر"),
        ("الحسكـــة", "الحسكه"),
        ("إدلب", "ادلب"),
        ("مستشفى", "مستشفي"),
        ("Hasakah", "Hasakah"),
    ],
)
def test_search_arabic_fold(written, folded):
    assert sa.fold(written) == folded


def test_search_arabic_word_variants_add_clitics_and_article():
    forms = sa.word_variants("الحسكة")
    assert forms[0] == "الحسكه"
    assert {"حسكه", "بالحسكه", "وبالحسكه", "للحسكه", "ولحسكه"} <= set(forms)
    assert set(sa.word_variants("حسكة")) == set(forms) | {"حسكه"}
    # Short words are matched as typed: "رد" must not find "ورد" (a rose).
    assert sa.word_variants("رد") == ("رد",)
    assert sa.word_variants("ISIS") == ("ISIS",)
    assert set(sa.word_variants("15")) == {"15", "١٥", "۱۵"}
    assert set(sa.word_variants("١٥")) == {"15", "١٥", "۱۵"}


def test_search_arabic_queries_stay_plain_text():
    match = sa.fts5_match('حسكة NEAR "x')
    assert match.startswith('("حسكه" OR ') and match.endswith(') AND "NEAR" AND "x"')
    assert sa.pg_tsquery("سجن غويران").startswith("(سجن | ")
    assert " & (غويران | " in sa.pg_tsquery("سجن غويران")


def test_search_arabic_snippet_marks_the_words_as_written():
    snippet = sa.marked_snippet(_ESCAPE, "حسكة")
    assert snippet is not None
    assert f"{MATCH_START}الحسكـــة{MATCH_END}" in snippet
    assert f"{MATCH_START}وبالحسكة{MATCH_END}" in snippet
    assert sa.marked_snippet(_ESCAPE, "دمشق") is None


def test_search_arabic_documents_any_spelling_any_clitic(arabic_store):
    store, docs, _ = arabic_store
    for query in ("الحسكة", "حسكه", "بالحسكة", "فر", "فَرَّ", "سجن غويران", "أعيد"):
        assert [h.id for h in search_documents(store, query)] == [docs[0]], query
    assert [h.id for h in search_documents(store, "دير الزور")] == [docs[1]]
    assert search_documents(store, "الرقة") == []


def test_search_arabic_snippets_and_titles_as_written(arabic_store):
    store, _, _ = arabic_store
    (hit,) = search_documents(store, "الحسكه")
    assert hit.title == "فرار سجناء من سجن غويران"  # ة as written, not the folded ه
    assert f"{MATCH_START}الحسكـــة{MATCH_END}" in hit.snippet
    assert "أُعيد" in hit.snippet  # tashkeel kept in what the reader sees


def test_search_arabic_numbers_in_either_digit_set(arabic_store):
    store, docs, _ = arabic_store
    assert [h.id for h in search_documents(store, "15")] == [docs[0]]
    assert [h.id for h in search_documents(store, "۲۰")] == [docs[2]]


def test_search_arabic_english_search_unchanged(arabic_store):
    store, docs, _ = arabic_store
    (hit,) = search_documents(store, "Ghwayran prison")
    assert hit.id == docs[2]
    assert f"{MATCH_START}Ghwayran{MATCH_END}" in hit.snippet


def test_search_arabic_incidents_by_claim_sentence_and_outlet(arabic_store):
    store, _, incidents = arabic_store
    (hit,) = search_incidents(store, "حسكة")
    assert hit.id == incidents[0]
    assert f"{MATCH_START}الحسكـــة{MATCH_END}" in hit.snippet  # as written, tatweel and all
    assert [h.id for h in search_incidents(store, "اعتقلت")] == [incidents[1]]
    assert [h.id for h in search_incidents(store, "نورث برس")] == [incidents[1]]


def _migrate(store: Store, revision: str, *, down: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def test_search_arabic_migration_down_and_up(arabic_store):
    store, docs, _ = arabic_store
    _migrate(store, "0009", down=True)
    # As written again: the folded spelling no longer finds the text, the written one does.
    assert search_documents(store, "غويران")
    _migrate(store, "0010", down=False)
    assert [h.id for h in search_documents(store, "الحسكه")] == [docs[0]]
