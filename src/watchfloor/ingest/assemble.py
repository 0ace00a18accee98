"""Text plus layers of metadata → Document: furniture out, guesses for whatever is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from watchfloor.errors import EmptyInput
from watchfloor.ingest.dateline import find_dateline
from watchfloor.ingest.furniture import strip_furniture
from watchfloor.ingest.metadata import (
    Meta,
    find_byline_author,
    find_outlet_prefix,
    guess_genre,
    guess_language,
    guess_title,
    lead_lines,
)
from watchfloor.ingest.options import IngestOptions
from watchfloor.model import Document, Genre, normalise_text

__all__ = ["build_document", "options_meta"]

# Bylines sit right under the title; a line further down is part of the body.
_BYLINE_WINDOW = 4


def options_meta(options: IngestOptions) -> Meta:
    """The caller's explicit metadata (the options' `Meta` fields) as the top layer."""
    return Meta(**{f.name: getattr(options, f.name) for f in fields(Meta)})


def _language_code(code: str) -> str:
    """ISO 639-1 primary subtag: "en-US" and "EN" are both "en"."""
    return code.strip().replace("_", "-").split("-")[0].lower() or "und"


def build_document(
    text: str,
    *,
    raw: bytes,
    media_type: str,
    source: str,
    layers: Sequence[Meta],
    extras: Mapping[str, Any] | None = None,
    retrieved: datetime | None = None,
) -> Document:
    """A Document from extracted text and metadata layers, highest precedence first.

    Furniture lines are removed and recorded; the byline and header lines stay in the text so
    that offsets computed by later stages point into what an analyst reads. Raises
    EmptyInput when no text is left.
    """
    normal = normalise_text(text)
    if not normal:
        raise EmptyInput("no text in the input; nothing to ingest", source=source)
    clean, removed = strip_furniture(normal)
    clean = normalise_text(clean)
    if not clean:
        raise EmptyInput(
            f"only furniture ({len(removed)} lines such as {removed[0]!r}); nothing to ingest",
            source=source,
        )
    lead = lead_lines(clean, _BYLINE_WINDOW)
    retrieved = retrieved or datetime.now(UTC)
    # A file or pasted text without a date: its own dateline is its publication date, the
    # lowest layer (so "on Tuesday" is read against the report's day, not the reading day).
    dateline = find_dateline(clean, today=retrieved.date())
    guessed = Meta(
        # "Outlet – Opinion:" on the first line, or a wire dateline "CITY (Agency) —" below.
        outlet=next((o for o in map(find_outlet_prefix, lead) if o), None),
        author=find_byline_author(lead),
        title=guess_title(lead),
        published=dateline.published if dateline else None,
    )
    top, *rest = layers or (Meta(),)
    meta = top.over(*rest, guessed)
    extras = dict(extras or {})
    if dateline is not None and top.over(*rest).published is None:
        # The dateline is what dates the report: say so, with the words it was read from.
        extras["published_from"] = {"dateline": dateline.text, "start": dateline.start}
    genre = meta.genre or guess_genre(meta.title, lead, meta.url)
    language = _language_code(meta.language) if meta.language else guess_language(clean)
    return Document.build(
        clean,
        raw=raw,
        media_type=media_type,
        source=source,
        retrieved=retrieved,
        language=language,
        genre=genre if genre is not None else Genre.UNKNOWN,
        outlet=meta.outlet,
        url=meta.url,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        removed=removed,
        extras=extras,
    )
