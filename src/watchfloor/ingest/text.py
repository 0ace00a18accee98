"""Plain-text and Markdown reports: front matter, hard-wrapped paragraphs, Markdown escapes."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import yaml

from watchfloor.ingest.assemble import build_document
from watchfloor.ingest.metadata import Meta, meta_from_mapping
from watchfloor.model import Document

__all__ = ["read_markdown", "read_plain", "split_front_matter", "unwrap_paragraphs"]

logger = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
# Markdown backslash escapes ("\###", "\*"); the backslash is markup, not text.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING = re.compile(r"^#{1,6}\s+")
_BLOCK_START = re.compile(r"^(?:[-*+•]\s|\d+[.)]\s|#{1,6}\s|>|\|)")

# A text is hard-wrapped when nearly all its lines stop short of a typical wrap column.
_WRAP_COLUMN = 80
_WRAP_SHARE = 0.9
_WRAP_MIN_LINES = 5


def split_front_matter(text: str, *, source: str | None = None) -> tuple[dict[str, Any], str]:
    """YAML front matter (`---` ... `---`) as a mapping, and the body after it."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        data = yaml.safe_load(found.group("yaml"))
    except yaml.YAMLError as exc:
        logger.warning("%s: front matter is not valid YAML (%s); kept as text", source, exc)
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[found.end() :]


def _is_hard_wrapped(lines: Sequence[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    if len(filled) < _WRAP_MIN_LINES or len(filled) == len(lines):
        return False  # no blank lines means one paragraph per line, as in the seed article
    short = sum(1 for line in filled if len(line) <= _WRAP_COLUMN)
    return short >= _WRAP_SHARE * len(filled)


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped lines into one line per paragraph; lists and headings stay as lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _is_hard_wrapped(lines):
        return text
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped or _BLOCK_START.match(stripped):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if stripped:
                current = [stripped]
            else:
                paragraphs.append("")
            continue
        current.append(stripped)
        # Markdown's two trailing spaces force a line break.
        if line.endswith("  "):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def _markdown_to_text(body: str) -> str:
    """Unwrap paragraphs, drop heading hashes and backslash escapes; keep the words."""
    lines = [_HEADING.sub("", line) for line in unwrap_paragraphs(body).split("\n")]
    return _ESCAPE.sub(r"\1", "\n".join(lines))


def read_plain(text: str, *, raw: bytes, source: str, layers: Sequence[Meta]) -> Document:
    """A Document from decoded plain text."""
    return build_document(
        unwrap_paragraphs(text), raw=raw, media_type="text/plain", source=source, layers=layers
    )


def read_markdown(text: str, *, raw: bytes, source: str, layers: Sequence[Meta]) -> Document:
    """A Document from Markdown; its front matter sits below the caller's metadata layers."""
    front, body = split_front_matter(text, source=source)
    front_meta = meta_from_mapping(front, source=source)
    return build_document(
        _markdown_to_text(body),
        raw=raw,
        media_type="text/markdown",
        source=source,
        layers=(*layers, front_meta),
    )
