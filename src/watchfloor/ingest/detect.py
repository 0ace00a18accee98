"""What an input is: PDF, feed, HTML, Markdown or plain text; by content first, name second.

Extensions lie (an image renamed .txt, a feed saved as .html), so the bytes decide whenever
they can: magic numbers, then the XML/HTML root, then the declared media type, then the
extension. Binary data that is none of these is refused before anyone tries to decode it.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath

from watchfloor.errors import BinaryInput, EmptyInput, UnsupportedType

__all__ = ["Kind", "sniff_kind"]


class Kind(StrEnum):
    """The reader an input goes to."""

    TEXT = "text/plain"
    MARKDOWN = "text/markdown"
    HTML = "text/html"
    PDF = "application/pdf"
    FEED = "application/rss+xml"


# Container and media formats we recognise only to refuse them with a useful name.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (8, b"WEBP", "a WebP image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"PK\x03\x04", "a ZIP container (zip, docx, xlsx, odt or epub)"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (doc, xls, ppt)"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x7fELF", "an executable"),
    (0, b"ID3", "an MP3 audio file"),
    (4, b"ftyp", "an MP4/MOV video"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"{\\rtf", "an RTF document"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
)

_UNSUPPORTED_EXTENSIONS = {
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".odt": "an OpenDocument text",
    ".rtf": "an RTF document",
    ".xlsx": "a spreadsheet",
    ".xls": "a spreadsheet",
    ".pptx": "a presentation",
    ".zip": "a ZIP archive",
    ".gz": "a gzip archive",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".webp": "an image",
    ".mp3": "an audio file",
    ".mp4": "a video",
}

_BY_EXTENSION = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.MARKDOWN,
    ".markdown": Kind.MARKDOWN,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".pdf": Kind.PDF,
    ".xml": Kind.FEED,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
}

_BY_MEDIA_TYPE = {
    "text/plain": Kind.TEXT,
    "text/markdown": Kind.MARKDOWN,
    "text/x-markdown": Kind.MARKDOWN,
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "application/pdf": Kind.PDF,
    "application/rss+xml": Kind.FEED,
    "application/atom+xml": Kind.FEED,
    "application/rdf+xml": Kind.FEED,
    "application/xml": Kind.FEED,
    "text/xml": Kind.FEED,
}

_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# Prolog items that may precede an XML root: declaration, comments, doctype, PIs.
_PROLOG = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.S | re.I)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|br|a|h[1-6]|article|section|table)[\s/>]", re.I)
_FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\r?\n(?:[A-Za-z_][\w-]*:.*\r?\n)+", re.M)


def _is_binary(raw: bytes) -> bool:
    """NUL bytes or a high share of C0 control characters: no text encoding writes those."""
    sample = raw[:8192]
    if sample.startswith(_UTF16_32_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 20)


def _head_text(raw: bytes) -> str:
    """The first few kilobytes as text, good enough to look for markup."""
    head = raw[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore")
    return head.decode("latin-1").lstrip("\ufeffï»¿")


def _bare_type(media_type: str | None) -> str | None:
    return media_type.split(";", 1)[0].strip().lower() if media_type else None


def sniff_kind(raw: bytes, name: str | None = None, media_type: str | None = None) -> Kind:
    """The kind of an input from its bytes, then its media type, then its file name.

    Raises EmptyInput for empty or whitespace-only bytes, UnsupportedType for a recognised
    format watchfloor does not read (images, archives, office files) and BinaryInput for
    other binary data.
    """
    suffix = PurePosixPath(name or "").suffix.lower()
    if not raw.strip():
        raise EmptyInput("the input is empty; nothing to ingest", source=name)
    if b"%PDF-" in raw[:1024]:
        return Kind.PDF
    for offset, magic, what in _MAGIC:
        if raw[offset : offset + len(magic)] == magic:
            raise UnsupportedType(
                f"this is {what}, not text, HTML, PDF or a feed; export it as PDF or text first",
                source=name,
            )
    if _is_binary(raw):
        if suffix in _UNSUPPORTED_EXTENSIONS:
            raise UnsupportedType(
                f"{_UNSUPPORTED_EXTENSIONS[suffix]} is not a type watchfloor reads; "
                "export it as PDF or text first",
                source=name,
            )
        raise BinaryInput(
            "binary data, not text, HTML, PDF or a feed; check the file is a report",
            source=name,
        )
    head = _head_text(raw)
    body = _PROLOG.sub("", head, count=1)
    if _FEED_ROOT.match(body):
        return Kind.FEED
    if _HTML_MARKERS.search(head):
        return Kind.HTML
    if _FRONT_MATTER.match(head):
        return Kind.MARKDOWN
    declared = _bare_type(media_type)
    if declared in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[declared]
    if suffix in _BY_EXTENSION:
        return _BY_EXTENSION[suffix]
    # A fragment with several tags and no extension to say otherwise reads as HTML.
    if len(_HTML_TAGS.findall(head)) >= 3:
        return Kind.HTML
    return Kind.TEXT
