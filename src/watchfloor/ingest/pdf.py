"""PDF reports (UN panels, think-tank papers) with pypdf: the text layer and document info."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

import pypdf
from pypdf.errors import FileNotDecryptedError

from watchfloor.errors import BrokenDocument
from watchfloor.ingest.assemble import build_document
from watchfloor.ingest.metadata import Meta, parse_published
from watchfloor.model import Document

__all__ = ["read_pdf"]

logger = logging.getLogger(__name__)


def _info(reader: pypdf.PdfReader) -> Meta:
    """Title, author and creation date from the PDF's document information dictionary."""
    try:
        info = reader.metadata
        if info is None:
            return Meta()
        title, author = info.title, info.author
    except Exception as exc:  # a damaged info dictionary only loses metadata
        logger.info("PDF document information not readable (%s: %s)", type(exc).__name__, exc)
        return Meta()
    try:
        created = info.creation_date
    except Exception:  # malformed date strings are common in generated PDFs
        created = None
    return Meta(
        title=str(title).strip() or None if title else None,
        author=str(author).strip() or None if author else None,
        published=parse_published(created) if created else None,
    )


def read_pdf(raw: bytes, *, source: str, layers: Sequence[Meta]) -> Document:
    """A Document from a PDF's text layer; BrokenDocument when encrypted, corrupt or image-only."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BrokenDocument(
                "the PDF is encrypted with a password; save an unprotected copy first",
                source=source,
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError as exc:
        raise BrokenDocument(
            "the PDF is encrypted with a password; save an unprotected copy first", source=source
        ) from exc
    except (BrokenDocument, MemoryError):
        raise
    except Exception as exc:
        # pypdf raises all manner of errors on damaged files (PdfReadError, but also
        # NotImplementedError for unknown filters, AttributeError and KeyError for broken
        # objects, RecursionError for reference loops); all mean the same to the analyst.
        raise BrokenDocument(
            f"the PDF is damaged and cannot be read ({exc.__class__.__name__}: {exc}); "
            "re-download or re-export it",
            source=source,
        ) from exc
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise BrokenDocument(
            f"the PDF has {len(pages)} page(s) but no text layer (a scan?); run OCR on it first",
            source=source,
        )
    return build_document(
        text, raw=raw, media_type="application/pdf", source=source, layers=(*layers, _info(reader))
    )
