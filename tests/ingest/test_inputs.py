"""read_inputs over files and folders: the bad-input corpus, sidecars, walking, isolation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import watchfloor.ingest.readers as readers
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import Document, Rejection, content_hash

DATA = Path(__file__).resolve().parents[1] / "data"
BAD = DATA / "bad"


def one(target: Path | str, options: IngestOptions | None = None) -> Document | Rejection:
    (item,) = list(read_inputs([str(target)], options or IngestOptions()))
    return item


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.txt", "WF-I001"),
        ("whitespace.txt", "WF-I001"),
        ("only-furniture.txt", "WF-I001"),
        ("binary.bin", "WF-I002"),
        ("malformed.xml", "WF-I003"),
        ("bad-bom.txt", "WF-I004"),
        ("image.txt", "WF-I008"),
        ("report.docx", "WF-I008"),
        ("broken.html", "WF-I009"),
        ("corrupt.pdf", "WF-I009"),
    ],
)
def test_read_inputs_bad_corpus_rejected_with_code(name, code):
    item = one(BAD / name)
    assert isinstance(item, Rejection)
    assert item.code == code
    assert item.stage == "ingest"
    assert item.source == str(BAD / name)
    assert item.content_hash == content_hash((BAD / name).read_bytes())
    assert item.message and item.detail == ""


def test_read_inputs_latin1_decodes_not_rejected():
    doc = one(BAD / "latin1.txt")
    assert isinstance(doc, Document)
    assert "Le café était plein à Hasakah" in doc.text
    assert doc.language == "fr"


def test_read_inputs_cp1256_arabic_decodes():
    doc = one(BAD / "arabic-cp1256.txt")
    assert isinstance(doc, Document)
    assert doc.text.startswith("هاجم مقاتلو تنظيم الدولة سجن غويران في الحسكة")
    assert doc.language == "ar"


def test_read_inputs_huge_file_refused_without_reading(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: large on stat, cheap on disk
        handle.truncate(50_000_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    item = one(huge, IngestOptions(max_bytes=20_000_000))
    assert isinstance(item, Rejection) and item.code == "WF-I005"
    assert "20,000,000" in item.message


def test_read_inputs_missing_path_not_found(tmp_path):
    item = one(tmp_path / "nope.txt")
    assert isinstance(item, Rejection) and item.code == "WF-I011"


def test_read_inputs_other_scheme_unsupported():
    item = one("ftp://example.org/report.txt")
    assert isinstance(item, Rejection) and item.code == "WF-I008"


def test_read_inputs_folder_sorted_recursive_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("The SDF retook the prison after six days of fighting.")
    (tmp_path / "a.txt").write_text("ISIS attacked the Ghwayran prison in Hasakah on Thursday.")
    (tmp_path / ".secret.txt").write_text("not a report")
    (tmp_path / ".hidden" / "x.txt").write_text("not a report either")
    (tmp_path / "c.txt").write_bytes(b"")
    items = list(read_inputs([str(tmp_path)], IngestOptions()))
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items] == [
        "a.txt",
        "b/two.txt",
        "c.txt",
    ]
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Rejection"]


def test_read_inputs_sidecar_metadata_under_options(tmp_path):
    shutil.copy(DATA / "ingest" / "report.md", tmp_path / "report.md")
    shutil.copy(DATA / "ingest" / "report.md.meta.yaml", tmp_path / "report.md.meta.yaml")
    items = list(read_inputs([str(tmp_path)], IngestOptions()))
    assert len(items) == 1  # the sidecar is metadata, not a document
    doc = items[0]
    assert isinstance(doc, Document)
    assert doc.outlet == "Timeline Monthly"
    assert doc.author == "Sidecar Author"  # the sidecar wins over front matter
    assert doc.title == "Hasakah prison: a timeline"  # front matter fills what the sidecar lacks
    overridden = one(tmp_path / "report.md", IngestOptions(author="Option Author"))
    assert isinstance(overridden, Document) and overridden.author == "Option Author"


def test_read_inputs_stem_sidecar_and_broken_sidecar(tmp_path):
    (tmp_path / "r.txt").write_text("ISIS attacked the Ghwayran prison in Hasakah on Thursday.")
    (tmp_path / "r.meta.yaml").write_text("outlet: Stem Wire\npublished: 2022-01-21\n")
    doc = one(tmp_path / "r.txt")
    assert isinstance(doc, Document) and doc.outlet == "Stem Wire"
    (tmp_path / "r.meta.yaml").write_text("outlet: [unclosed\n")
    doc = one(tmp_path / "r.txt")
    assert isinstance(doc, Document) and doc.outlet is None


def test_read_inputs_same_bytes_twice_same_id(tmp_path):
    for name in ("one.txt", "two.txt"):
        shutil.copy(DATA / "ingest" / "plain.txt", tmp_path / name)
    first, second = read_inputs([str(tmp_path)], IngestOptions())
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id


def test_read_inputs_bad_input_between_good_ones(tmp_path):
    good = DATA / "ingest" / "plain.txt"
    items = list(read_inputs([str(good), str(BAD / "binary.bin"), str(good)], IngestOptions()))
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Document"]


def test_read_inputs_records_bug_or_raises(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "read_plain", explode)
    target = str(DATA / "ingest" / "plain.txt")
    item = one(target)
    assert isinstance(item, Rejection)
    assert item.code == "WF-000"
    assert "RuntimeError: boom" in item.detail
    with pytest.raises(RuntimeError):
        list(read_inputs([target], IngestOptions(), on_bug="raise"))
