"""`watchfloor docs show`: each sentence's statement kind with the reasons behind it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from watchfloor.cli.docs import render_annotated
from watchfloor.extract import Extractor
from watchfloor.model import Document, Genre

TEXT = (
    "The ministry opened 12 new schools in Raqqa on Tuesday. "
    "This is a shameful, utterly foolish policy, and I think it will fail."
)


def test_docs_show_prints_the_learned_probability_and_cues() -> None:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    document = Document.build(
        TEXT,
        raw=TEXT.encode(),
        media_type="text/plain",
        source="test",
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.UNKNOWN,
    )
    annotated = Extractor().extract_one(document)
    out = io.StringIO()
    render_annotated(annotated, Console(file=out, width=400, color_system=None))
    lines = out.getvalue().splitlines()
    why = [line.strip() for line in lines if line.strip().startswith("why:")]
    assert len(why) == 2
    assert all(line.startswith("why: learned subjectivity 0.") for line in why)
    assert "[opinion]" in out.getvalue() and "[reported_fact]" in out.getvalue()
