"""Type sniffing: content first, media type and extension second; junk refused early."""

from __future__ import annotations

import pytest

from watchfloor.errors import BinaryInput, EmptyInput, UnsupportedType
from watchfloor.ingest.detect import Kind, sniff_kind


@pytest.mark.parametrize(
    ("raw", "name", "media_type", "kind"),
    [
        (b"%PDF-1.7\n...", "report.txt", None, Kind.PDF),
        (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "feed.html", None, Kind.FEED),
        (
            b"<?xml version='1.0'?>\n<!-- c -->\n<feed xmlns='http://www.w3.org/2005/Atom'>",
            None,
            None,
            Kind.FEED,
        ),
        (b"<rdf:RDF xmlns:rdf='x'><channel/></rdf:RDF>", None, None, Kind.FEED),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", None, Kind.HTML),
        (b"---\ntitle: A\ndate: 2022-01-30\n---\nBody", "a.txt", None, Kind.MARKDOWN),
        (b"Plain words only.", "a.md", None, Kind.MARKDOWN),
        (b"Plain words only.", "a.html", None, Kind.HTML),
        (b"Plain words only.", None, "text/html; charset=utf-8", Kind.HTML),
        (b"Plain words only.", "notes", None, Kind.TEXT),
        (b"<p>One</p><p>Two</p><div>Three</div>", None, None, Kind.HTML),
        ("Arabic نص".encode("utf-16"), "a.txt", None, Kind.TEXT),
    ],
)
def test_sniff_kind_content_then_name(raw, name, media_type, kind):
    assert sniff_kind(raw, name, media_type) is kind


@pytest.mark.parametrize(
    ("raw", "name", "error"),
    [
        (b"", "empty.txt", EmptyInput),
        (b" \n\t \n", "blank.txt", EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.txt", UnsupportedType),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "x.txt", UnsupportedType),
        (b"PK\x03\x04\x14\x00", "report.docx", UnsupportedType),
        (b"\x00\x01\x02\x03\x04\x05" * 100, "report.docx", UnsupportedType),
        (b"\x00\x01\x02\x03\x04\x05" * 100, "data.bin", BinaryInput),
        (bytes(range(1, 32)) * 20, None, BinaryInput),
    ],
)
def test_sniff_kind_refuses_junk(raw, name, error):
    with pytest.raises(error) as caught:
        sniff_kind(raw, name)
    assert caught.value.code == error.code
