"""The bundled sample corpus reads cleanly and carries its credited metadata."""

from __future__ import annotations

from datetime import UTC, datetime

from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import Document, Genre
from watchfloor.samples import sample_folder, sample_paths


def test_sample_paths_lists_documents_not_sidecars():
    paths = sample_paths()
    assert paths == sorted(paths)
    assert all(not p.name.endswith(".meta.yaml") for p in paths)
    assert any(p.name == "isis-revival-opinion.txt" for p in paths)
    assert sum(p.name.startswith("synthetic-") for p in paths) >= 6
    assert (sample_folder().parent / "README.md").is_file()


def test_samples_all_ingest_without_rejection():
    items = list(
        read_inputs([str(p) for p in sample_paths()], IngestOptions(fetch_feed_links=False))
    )
    rejected = [i for i in items if not isinstance(i, Document)]
    assert rejected == []
    outlets = {i.outlet for i in items if isinstance(i, Document)}
    assert {"Strategic Council Online", "The White House", "Sample Wire"} <= outlets
    assert len({i.id for i in items if isinstance(i, Document)}) == len(items)


def test_sample_seed_article_metadata():
    (seed,) = [p for p in sample_paths() if p.name == "isis-revival-opinion.txt"]
    (doc,) = read_inputs([str(seed)], IngestOptions())
    assert isinstance(doc, Document)
    assert doc.outlet == "Strategic Council Online"
    assert doc.author == "Barsam Mohammadi"
    assert doc.genre is Genre.OPINION
    assert doc.published == datetime(2026, 1, 25, tzinfo=UTC)
    assert doc.removed == ("No comments:", "Post a Comment")
    assert doc.text.splitlines()[1] == "Barsam Mohammadi – Regional Affairs Expert"
