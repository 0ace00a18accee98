"""The ACLED export's fatalities are the killed figures of the incident's claims (issue 12).

Read end to end: text -> reading -> store -> merge -> incident -> ACLED row. The same event
figures feed the incident and the export, so the row's `fatalities` must equal the sum of the
killed figures one source gives in one claim, and the lowest credible such reading when
several claims say different things.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from incident_factory import DAY, chain, claim, make_incident
from watchfloor.export.acled import acled_row
from watchfloor.extract import Extractor
from watchfloor.model import Document, Genre, Qualifier, SourceKind, StatementKind
from watchfloor.model.incidents import Incident
from watchfloor.pipeline import merge_stored
from watchfloor.store import open_store

pytestmark = [pytest.mark.issue(12)]


def _incidents(tmp_path: Path, texts: list[str]) -> list[Incident]:
    extractor = Extractor()
    store = open_store(str(tmp_path / "fatalities.db"))
    for n, text in enumerate(texts):
        document = Document.build(
            text,
            raw=text.encode(),
            media_type="text/plain",
            source=f"report-{n}.txt",
            retrieved=datetime(2026, 1, 26, tzinfo=UTC),
            published=datetime(2026, 1, 25, tzinfo=UTC),
            language="en",
            genre=Genre.NEWS,
            outlet=f"Outlet {n}",
        )
        store.write_document(document, extractor.extract_one(document), "test")
    merge_stored(store)
    return list(store.incidents())


def _claimed_killed(incident: Incident) -> list[int]:
    """Each claim's killed figures, summed: what each report says the incident killed."""
    return [
        sum(f.quantity.low for f in c.figures if f.role == "killed")
        for c in incident.claims
        if any(f.role == "killed" for f in c.figures)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Russian warplanes struck tents of displaced families near Jisr al-Shughur in Idlib "
            "on Saturday, killing a woman and three children and injuring 10 other civilians.",
            4,
        ),
        (
            "Turkish artillery shelled the village of Tal Tamr in Hasakah on Saturday, wounding "
            "one civilian. There were no fatalities.",
            0,
        ),
        (
            "Unknown gunmen shot and killed a policeman at a checkpoint in Daraa on Saturday.",
            1,
        ),
    ],
)
def test_acled_export_fatalities_equal_the_claims_killed_figures(
    tmp_path: Path, text: str, killed: int
) -> None:
    incidents = _incidents(tmp_path, [text])
    assert incidents
    main = max(incidents, key=lambda i: len(i.claims))
    row = acled_row(main)
    claimed = _claimed_killed(main)
    assert int(row["fatalities"]) == (min(claimed) if claimed else 0) == killed


def test_acled_export_one_voice_in_one_claim_adds_its_figures() -> None:
    voice = chain(("Wire", SourceKind.OUTLET))
    figures = (
        ("killed", 1, 1, Qualifier.EXACT, "a woman"),
        ("killed", 3, 3, Qualifier.EXACT, "three"),
        ("wounded", 10, 10, Qualifier.EXACT, "10"),
    )
    report = claim(1, "Wire", voice, kind=StatementKind.REPORTED_FACT, figures=figures)
    row = acled_row(make_incident([report], event_type="airstrike"))
    assert row["fatalities"] == 4


def test_acled_export_two_voices_are_two_readings_the_lowest_counts() -> None:
    sdf = chain(("Wire", SourceKind.OUTLET), ("HPG", SourceKind.ACTOR))
    turkey = chain(("Wire", SourceKind.OUTLET), ("Turkish ministry", SourceKind.ACTOR))
    claims = [
        claim(1, "Wire", sdf, kind=StatementKind.ATTRIBUTED_CLAIM,
              figures=(("killed", 4, 4, Qualifier.EXACT, "4"),)),
        claim(2, "Wire", turkey, kind=StatementKind.ATTRIBUTED_CLAIM,
              figures=(("killed", 1, 1, Qualifier.EXACT, "one"),), when=DAY),
    ]  # fmt: skip
    row = acled_row(make_incident(claims, event_type="armed_clash"))
    assert row["fatalities"] == 1
