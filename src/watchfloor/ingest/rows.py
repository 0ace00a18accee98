"""CSV and JSON Lines collections: one report per row, with a column mapping.

Real collections arrive as spreadsheets and exports (`id,date,outlet,headline,body`), not as a
folder of files. A `.csv`, `.tsv`, `.jsonl` or `.ndjson` file is read as rows; each row with
text becomes a Document, each row without is refused on its own (the others go on). The
text comes from the column named by the mapping, else the first of `text`, `body`,
`content`, `article`, `full_text`; metadata comes from the mapped columns, else from the
same column names a sidecar or front matter may use (`title`, `outlet`/`source`,
`url`/`link`, `published`/`date`, `author`, `language`, `genre`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from watchfloor.errors import BrokenDocument, EmptyInput, InputError
from watchfloor.ingest.assemble import build_document
from watchfloor.ingest.decode import decode_text
from watchfloor.ingest.metadata import Meta, meta_from_mapping
from watchfloor.model import Document

__all__ = ["FIELDS", "ROW_SUFFIXES", "is_rows", "parse_columns", "read_rows"]

ROW_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
FIELDS = ("text", "title", "outlet", "url", "published", "author", "language", "genre")
_TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "fulltext", "story")


def is_rows(name: str | None) -> bool:
    """True when a file name says it holds one report per row."""
    return bool(name) and PurePosixPath(str(name).lower()).suffix in ROW_SUFFIXES


def parse_columns(spec: str | None) -> dict[str, str]:
    """`text=body,title=headline` → {"text": "body", "title": "headline"}; ValueError if bad."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise ValueError(f"{part.strip()!r}: write FIELD=COLUMN, e.g. text=body")
        if field not in FIELDS:
            raise ValueError(f"{field!r} is not a field; use one of {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def _records(text: str, suffix: str, source: str) -> Iterator[tuple[int, Any]]:
    """(line or row number, record) for every row of the collection."""
    if suffix in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield (
                        number,
                        BrokenDocument(
                            f"line {number} is not JSON ({exc.msg})", source=f"{source}#{number}"
                        ),
                    )
        return
    dialect = csv.excel_tab if suffix == ".tsv" else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames:
        raise EmptyInput("the table has no header row; nothing to ingest", source=source)
    for row in reader:
        yield reader.line_num, row


def _row_document(
    record: Mapping[str, Any],
    number: int,
    *,
    source: str,
    layers: Sequence[Meta],
    columns: Mapping[str, str],
) -> Document:
    row_source = f"{source}#{number}"
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    renamed = dict(lowered)
    for field, column in columns.items():
        renamed[field] = lowered.get(column.lower())
    text_keys = (columns["text"].lower(),) if "text" in columns else _TEXT_COLUMNS
    text = next((str(lowered[k]) for k in text_keys if lowered.get(k)), "")
    if not text.strip():
        wanted = columns.get("text") or " or ".join(_TEXT_COLUMNS[:4])
        raise EmptyInput(f"row {number} has no text in column {wanted}", source=row_source)
    meta = meta_from_mapping({k: v for k, v in renamed.items() if k != "text"}, source=row_source)
    top, *rest = layers or (Meta(),)
    title = meta.title or top.title
    body = f"{title}\n\n{text}" if title and not text.lstrip().startswith(title) else text
    raw = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return build_document(
        body, raw=raw, media_type="text/plain", source=row_source, layers=(top, meta, *rest)
    )


def read_rows(
    raw: bytes,
    *,
    source: str,
    name: str,
    layers: Sequence[Meta],
    columns: Mapping[str, str] | None = None,
) -> Iterator[Document | InputError]:
    """One Document per row with text; a row's problem is yielded in its place."""
    text, _encoding = decode_text(raw, (None,), source=source)
    suffix = PurePosixPath(name.lower()).suffix
    for number, record in _records(text.lstrip("\ufeff"), suffix, source):
        if isinstance(record, InputError):
            yield record
            continue
        if not isinstance(record, Mapping):
            yield BrokenDocument(
                f"row {number} is not an object of named fields", source=f"{source}#{number}"
            )
            continue
        try:
            yield _row_document(record, number, source=source, layers=layers, columns=columns or {})
        except InputError as exc:
            yield exc
