"""Two processes writing the same store at once lose nothing (SQLite WAL and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watchfloor.model import Document, Genre
from watchfloor.store import open_store
from watchfloor.store.postgres import create_schema, drop_schema

SHARED_DOCS = 30  # both writers store these: the race is on the same primary keys
OWN_DOCS = 30  # and each stores as many of its own


# The child writer: open the store itself, wait for the go file, write every text given.
WRITER = """
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from watchfloor.model import AnnotatedDocument, Document, Genre, Rejection, Sentence
from watchfloor.store import open_store

target, texts_file, go_file = sys.argv[1:4]
texts = json.loads(Path(texts_file).read_text())
store = open_store(target)
statuses = []
while not Path(go_file).exists():
    time.sleep(0.005)
for text in texts:
    document = Document.build(
        text, raw=text.encode(), media_type="text/plain", source="t.txt",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC), language="en", genre=Genre.NEWS,
    )
    sentence = Sentence(0, 0, len(text), text)
    reading = AnnotatedDocument(document=document, sentences=(sentence,), extractors=("t.v1",))
    statuses.append(store.write_document(document, reading, "t.v1").value)
    store.add_rejection(Rejection(
        code="WF-I002", message="binary data", stage="ingest", source="same-bad-file.bin",
        content_hash="same", created=datetime.now(UTC),
    ))
store.close()
print(json.dumps(statuses))
"""


def _document(text: str) -> Document:
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="t.txt",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
        language="en",
        genre=Genre.NEWS,
    )


def _texts(writer: int) -> list[str]:
    shared = [f"Shared report {i}: hundreds of prisoners escaped." for i in range(SHARED_DOCS)]
    own = [f"Writer {writer} report {i}: clashes near the border." for i in range(OWN_DOCS)]
    # Interleave so both writers hit the shared keys at about the same moment.
    return [t for pair in zip(shared, own, strict=True) for t in pair]


def _run_two_writers(target: str, folder: Path) -> None:
    go = folder / "go"
    writers = []
    for writer in (1, 2):
        texts = folder / f"texts-{writer}.json"
        texts.write_text(json.dumps(_texts(writer)))
        command = [sys.executable, "-c", WRITER, target, str(texts), str(go)]
        writers.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    go.touch()  # both are past their imports and open stores by now, or will be soon
    outputs = [w.communicate(timeout=180) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], "\n".join(err for _out, err in outputs)
    statuses = [status for out, _err in outputs for status in json.loads(out)]
    # Each shared document is stored by exactly one writer; the other finds it there.
    assert statuses.count("stored") == SHARED_DOCS + 2 * OWN_DOCS
    assert statuses.count("already stored") == SHARED_DOCS


def _check_nothing_lost(target: str) -> None:
    store = open_store(target)
    expected = {_document(t).id for w in (1, 2) for t in _texts(w)}
    assert set(store.document_ids()) == expected
    assert all(store.get_annotated(ref) is not None for ref in expected)
    rejections = store.rejections()
    assert len(rejections) == 1
    assert rejections[0][1] == 2 * (SHARED_DOCS + OWN_DOCS)
    store.close()


@pytest.mark.issue(8)
def test_concurrent_writers_sqlite_lose_nothing(tmp_path: Path) -> None:
    target = str(tmp_path / "shared.db")
    open_store(target).close()  # migrate once, as `watchfloor` would before a team starts
    _run_two_writers(target, tmp_path)
    _check_nothing_lost(target)


@pytest.mark.issue(8)
def test_concurrent_writers_postgres_lose_nothing(tmp_path: Path) -> None:
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL (scripts/pg-test-server start)")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    target = create_schema(url, schema)
    try:
        open_store(target).close()
        _run_two_writers(target, tmp_path)
        _check_nothing_lost(target)
    finally:
        drop_schema(url, schema)
