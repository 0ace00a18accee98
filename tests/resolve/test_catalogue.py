"""The actor catalogue: loading, normalisation, dated identities, context and ruler patterns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from watchfloor.errors import ConfigError
from watchfloor.resolve.catalogue import Catalogue, normalise_name

GOLDEN = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "extract" / "cases" / "actors.yaml").read_text("utf-8")
)["seed"]
SEED_DATE = date(2026, 1, 25)
SEED_CONTEXT = {"isis": 10, "syria": 8, "sdf": 6, "iraq": 3, "united_states": 1}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    return Catalogue.load()


def test_catalogue_has_version_and_covers_issue_actors(catalogue: Catalogue) -> None:
    assert catalogue.version
    for actor_id in (
        "isis",
        "sdf",
        "ypg",
        "ypj",
        "asayish",
        "aanes",
        "hts",
        "syrian_national_army",
        "iraqi_security_forces",
        "pmf",
        "krg",
        "peshmerga",
        "pkk",
        "turkey",
        "russia",
        "iran",
        "irgc",
        "quds_force",
        "israel",
        "united_states",
        "centcom",
        "global_coalition",
        "united_nations",
        "unhcr",
        "al_jazeera",
        "rudaw",
        "sana",
        "kurdistan24",
        "north_press",
        "hawar",
        "sohr",
        "amaq",
        "reuters",
        "afp",
        "ap",
        "bbc",
        "the_guardian",
    ):
        assert actor_id in catalogue


@pytest.mark.parametrize("row", GOLDEN, ids=lambda r: r["canonical"])
def test_catalogue_golden_surfaces_resolve(catalogue: Catalogue, row: dict[str, object]) -> None:
    for surface in row["surfaces"]:  # type: ignore[attr-defined]
        match = catalogue.resolve(surface, SEED_DATE, context=SEED_CONTEXT)
        assert match is not None, surface
        assert match.actor.name == row["canonical"], surface


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Daesh", "isis"),
        ("the Islamic State", "isis"),
        ("ISIL", "isis"),
        ("Isis", "isis"),
        ("the SDF's", "sdf"),
        ("Hay’at Tahrir al-Sham", "hts"),
        ("Kurdistan Workers’ Party", "pkk"),
        ("Hashd al-Shaabi", "pmf"),
        ("Wilayat al-Khayr", "isis_wilayat_al_khayr"),
        ("Iraqi forces", "iraqi_security_forces"),
        ("Turkish troops", "turkish_armed_forces"),
        ("Russian government", "russia"),
        ("Syrian Observatory for Human Rights", "sohr"),
        ("Syrian Democratic Force", "sdf"),  # fuzzy, near-identical
    ],
)
def test_catalogue_resolves_aliases_and_spellings(
    catalogue: Catalogue, surface: str, actor_id: str
) -> None:
    match = catalogue.resolve(surface, SEED_DATE)
    assert match is not None and match.actor.id == actor_id


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("داعش", "isis"),
        ("قسد", "sdf"),
        ("الدولة الاسلامية", "isis"),
        ("الحشد الشعبي", "pmf"),
        ("قوات سوريا الديمقراطيه", "sdf"),
    ],
)
def test_catalogue_arabic_aliases_with_letter_variants(
    catalogue: Catalogue, surface: str, actor_id: str
) -> None:
    match = catalogue.resolve(surface)
    assert match is not None and match.actor.id == actor_id


def test_catalogue_normalise_name_folds_variants() -> None:
    assert normalise_name("The SDF’s") == "sdf"
    assert normalise_name("US-led  International–Coalition") == "us led international coalition"
    assert normalise_name("الدولة الإسلامية") == normalise_name("الدولة الاسلامية")
    assert normalise_name("جمهورية") == normalise_name("جمهوريه")


@pytest.mark.parametrize(
    ("on", "actor_id"),
    [
        (date(2020, 5, 1), "syrian_government_assad"),
        (date(2024, 12, 7), "syrian_government_assad"),
        (date(2024, 12, 9), "syrian_government_transitional"),
        (date(2026, 1, 25), "syrian_government_transitional"),
    ],
)
def test_catalogue_syrian_government_switches_on_8_december_2024(
    catalogue: Catalogue, on: date, actor_id: str
) -> None:
    match = catalogue.resolve("Syrian government", on)
    assert match is not None and match.actor.id == actor_id
    assert match.actor.name == "Syrian government"


def test_catalogue_assad_only_names_keep_their_identity_after_2024(catalogue: Catalogue) -> None:
    match = catalogue.resolve("Assad regime", date(2026, 1, 25))
    assert match is not None and match.actor.id == "syrian_government_assad"


def test_catalogue_short_aliases_are_case_sensitive(catalogue: Catalogue) -> None:
    assert catalogue.resolve("IS") is not None
    assert catalogue.resolve("is") is None
    assert catalogue.resolve("Sana") is None
    assert catalogue.resolve("AP") is not None and catalogue.resolve("ap") is None


def test_catalogue_generic_aliases_need_context(catalogue: Catalogue) -> None:
    assert catalogue.resolve("the coalition") is None
    assert catalogue.resolve("government forces", SEED_DATE) is None
    match = catalogue.resolve("the coalition", context={"isis": 2})
    assert match is not None and match.actor.id == "global_coalition"
    iraqi = catalogue.resolve("government forces", SEED_DATE, context={"iraq": 5, "pmf": 1})
    assert iraqi is not None and iraqi.actor.id == "iraqi_security_forces"


def test_catalogue_capitals_stand_for_governments_only_when_acting(catalogue: Catalogue) -> None:
    assert catalogue.resolve("Baghdad") is None
    match = catalogue.resolve("Baghdad", acting=True)
    assert match is not None and match.actor.id == "iraq"


def test_catalogue_nationality_alone_is_not_an_actor(catalogue: Catalogue) -> None:
    assert catalogue.resolve("Israeli") is None
    assert catalogue.resolve("American") is None


def test_catalogue_parents_link(catalogue: Catalogue) -> None:
    assert catalogue.get("ypg").parent == "sdf"
    assert catalogue.get("irgc").parent == "iran"
    assert catalogue.get("isis_wilayat_al_sham").parent == "isis"


def test_catalogue_ruler_patterns_shapes(catalogue: Catalogue) -> None:
    patterns = catalogue.ruler_patterns()
    labels = {p["label"] for p in patterns}
    assert labels == {"ORG", "GPE"}
    by_pattern = {str(p["pattern"]): p for p in patterns}
    assert by_pattern["Syria"]["label"] == "GPE"
    assert by_pattern["Zionist regime"]["label"] == "ORG"
    assert by_pattern[str([{"TEXT": "IS"}])]["id"] == "isis"
    assert "the coalition" not in by_pattern  # generic aliases are resolved in context only


def test_catalogue_rejects_unknown_parent(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("version: '1'\nactors:\n  - {id: a, name: A, type: armed_group, parent: b}\n")
    with pytest.raises(ConfigError, match="unknown actor 'b'"):
        Catalogue.load(path)


def test_catalogue_rejects_missing_version(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors: []\n")
    with pytest.raises(ConfigError, match="version"):
        Catalogue.load(path)
