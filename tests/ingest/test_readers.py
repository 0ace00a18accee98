"""read_bytes and read_text over each reader: plain text, Markdown, HTML and PDF."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from watchfloor.errors import BrokenDocument, EmptyInput, TooLarge
from watchfloor.ingest import IngestOptions, read_bytes, read_text
from watchfloor.ingest.html import html_to_text
from watchfloor.model import Genre

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

ARTICLE = (
    "ISIS fighters attacked the Ghwayran prison in Hasakah late on Thursday, setting off a car "
    "bomb at the gate, the Syrian Democratic Forces said. "
)


def make_pdf(lines: list[str], *, password: str | None = None, owner_only: bool = False) -> bytes:
    """A small one-page PDF with a real text layer (Helvetica), optionally encrypted."""
    stream = (
        "BT /F1 11 Tf 50 750 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Title (Prison report) /Author (Report Desk) /CreationDate (D:20220128090000Z) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    raw = out.getvalue()
    if password is None:
        return raw
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(raw)))
    # An owner-only password (empty user password) opens for reading, as in many real PDFs.
    user = "" if owner_only else password
    writer.encrypt(user_password=user, owner_password=password, algorithm="AES-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    return encrypted.getvalue()


def test_read_text_guesses_metadata_and_removes_furniture():
    text = "ISIS storms prison in Hasakah\nBy Jane Doe\n" + ARTICLE + "\nShare this\nNo comments:"
    doc = read_text(text, "pasted", IngestOptions())
    assert doc.title == "ISIS storms prison in Hasakah"
    assert doc.author == "Jane Doe"
    assert doc.language == "en"
    assert doc.removed == ("Share this", "No comments:")
    assert doc.text.splitlines()[1] == "By Jane Doe"  # the byline stays: offsets stay honest
    assert doc.media_type == "text/plain"


def test_read_text_options_override_guesses():
    published = datetime(2022, 1, 21)
    options = IngestOptions(
        outlet="Given",
        author="Given Author",
        genre=Genre.NEWS,
        language="en-GB",
        published=published,
    )
    doc = read_text("X – Opinion: " + ARTICLE + "\nBy Jane Doe", "s", options)
    assert (doc.outlet, doc.author, doc.genre, doc.language) == (
        "Given",
        "Given Author",
        Genre.NEWS,
        "en",
    )
    assert doc.published == datetime(2022, 1, 21, tzinfo=UTC)


def test_read_text_only_furniture_is_empty():
    with pytest.raises(EmptyInput) as caught:
        read_text("Share this\nPost a Comment\n", "s", IngestOptions())
    assert caught.value.code == "WF-I001"


def test_read_bytes_over_cap_is_too_large():
    with pytest.raises(TooLarge):
        read_bytes(ARTICLE.encode() * 10, "s.txt", IngestOptions(max_bytes=100))


def test_read_bytes_plain_text_file():
    (doc,) = read_bytes((DATA / "plain.txt").read_bytes(), "plain.txt", IngestOptions())
    assert doc.outlet == "Test Wire"
    assert doc.genre is Genre.NEWS
    assert doc.removed == ("Share this:",)


def test_read_bytes_markdown_front_matter_and_unwrapping():
    (doc,) = read_bytes((DATA / "report.md").read_bytes(), "report.md", IngestOptions())
    assert doc.title == "Hasakah prison: a timeline"
    assert doc.url == "https://example.org/timeline"
    assert doc.author == "Timeline Desk"
    assert doc.published is not None and doc.published.utcoffset() is not None
    assert doc.text.splitlines()[0].endswith("according to the SDF.")
    assert doc.removed == ("###",)
    assert "title:" not in doc.text


def test_read_bytes_html_main_text_and_metadata():
    page = (
        "<html lang='en'><head><title>Prison attack | Wire</title>"
        "<meta property='og:site_name' content='Page Wire'>"
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2022-01-21T10:00:00Z'></head>"
        "<body><nav>Home | News</nav><article><h1>Prison attack</h1>"
        f"{('<p>' + ARTICLE + '</p>') * 4}"
        "</article><footer>All rights reserved</footer></body></html>"
    )
    (doc,) = read_bytes(page.encode(), "page.html", IngestOptions())
    assert doc.outlet == "Page Wire"
    assert doc.author == "Jane Doe"
    assert doc.title == "Prison attack"
    assert doc.published == datetime(2022, 1, 21, tzinfo=UTC)
    assert "Home | News" not in doc.text
    assert doc.media_type == "text/html"


def test_read_bytes_short_html_falls_back_to_body_text():
    (doc,) = read_bytes(
        b"<html><body><p>The SDF retook the prison.</p></body></html>", "s.html", IngestOptions()
    )
    assert doc.text == "The SDF retook the prison."


def test_read_bytes_html_http_charset_decodes_arabic():
    arabic = (
        "قالت قوات سوريا الديمقراطية إنها استعادت السيطرة على سجن غويران في الحسكة بعد ستة أيام"
    )
    page = f"<html><body><p>{arabic}</p></body></html>".encode("cp1256")
    (doc,) = read_bytes(page, "s", IngestOptions(), media_type="text/html; charset=windows-1256")
    assert doc.text == arabic
    assert doc.language == "ar"


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><body><div><p",
        b"<html><head><title>x</title></head><body></body></html>",
        b"<html><body><script>document.write('x')</script></body></html>",
    ],
)
def test_read_bytes_html_without_text_is_broken(markup):
    with pytest.raises(BrokenDocument) as caught:
        read_bytes(markup, "page.html", IngestOptions())
    assert caught.value.code == "WF-I009"


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    "body",
    [
        b"<p>The SDF\x08retook the\x0b prison.</p>",  # raw control characters
        b"<p>The SDF&#8;retook the&#11; prison.</p>",  # the same as character references
        b"<p>The SDF\x0cretook the prison.\x1f</p>",  # (NUL means binary: refused earlier)
    ],
)
def test_read_bytes_html_control_characters_become_spaces(body):
    (doc,) = read_bytes(b"<html><body>" + body + b"</body></html>", "s.html", IngestOptions())
    assert doc.text == "The SDF retook the prison."


@pytest.mark.issue(8)
def test_read_bytes_long_html_with_control_characters_keeps_its_text():
    # Long enough for trafilatura's main-text path, which gets the cleaned markup too.
    paragraphs = "".join(f"<p>{ARTICLE}\x08{ARTICLE}</p>" for _ in range(4))
    page = f"<html><head><title>Attack</title></head><body><article>{paragraphs}</article>"
    (doc,) = read_bytes((page + "</body></html>").encode(), "s.html", IngestOptions())
    assert "Ghwayran prison" in doc.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)


def test_html_to_text_character_references_to_controls_are_dropped():
    assert html_to_text("<div>a&#8;b</div><span>c&#0;d&#7;</span>") == "a b\nc\ufffdd"


def test_read_bytes_pdf_text_and_info():
    raw = make_pdf(["ISIS fighters attacked the Ghwayran prison in Hasakah.", "The SDF retook it."])
    (doc,) = read_bytes(raw, "report.pdf", IngestOptions())
    assert "Ghwayran prison" in doc.text
    assert doc.title == "Prison report"
    assert doc.author == "Report Desk"
    assert doc.published == datetime(2022, 1, 28, 9, tzinfo=UTC)
    assert doc.media_type == "application/pdf"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(make_pdf(["Secret text of the report."], password="pw"), id="encrypted"),
        pytest.param(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n%%EOF\n", id="corrupt"
        ),
        pytest.param(make_pdf([]), id="no-text-layer"),
    ],
)
def test_read_bytes_unreadable_pdf_is_broken(raw):
    with pytest.raises(BrokenDocument):
        read_bytes(raw, "report.pdf", IngestOptions())


def test_read_bytes_owner_password_only_pdf_is_read():
    raw = make_pdf(["The SDF regained full control of the prison."], password="pw", owner_only=True)
    (doc,) = read_bytes(raw, "report.pdf", IngestOptions())
    assert "regained full control" in doc.text


def test_read_bytes_same_bytes_same_id():
    raw = (DATA / "plain.txt").read_bytes()
    first = read_bytes(raw, "a.txt", IngestOptions())[0]
    second = read_bytes(raw, "b.txt", IngestOptions())[0]
    assert first.id == second.id
    assert first.text == second.text
