"""The metadata options `ingest` and `run` share, and the IngestOptions they build.

What is known about the inputs comes in layers, highest first: these options, then a
`<file>.meta.yaml` sidecar, then the file's own front matter (Markdown) or HTML metadata,
then guesses from the first lines. CSV/JSONL collections read one report per row, their
columns mapped with --columns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from watchfloor.cli.common import fail, parse_when
from watchfloor.config import Settings
from watchfloor.ingest.options import IngestOptions
from watchfloor.ingest.rows import FIELDS, parse_columns
from watchfloor.model import Genre

__all__ = ["build_ingest_options", "metadata_options", "update_option"]

F = TypeVar("F", bound=Callable[..., Any])

GENRES = [g.value for g in Genre]


def metadata_options(func: F) -> F:
    """--outlet, --url, --published, --language, --genre, --author, --title, --columns."""
    options = [
        click.option("--outlet", help="Outlet that published the input(s)."),
        click.option("--url", help="Canonical URL of a single input."),
        click.option(
            "--published",
            help="Publication time (YYYY-MM-DD or ISO 8601; an offset keeps the reported day).",
        ),
        click.option("--language", help="ISO 639-1 code; detected offline when not given."),
        click.option("--genre", type=click.Choice(GENRES), help="Genre; guessed when not given."),
        click.option("--author", help="Author of a single input."),
        click.option("--title", help="Title of a single input."),
        click.option(
            "--columns",
            metavar="FIELD=COLUMN,...",
            help=f"CSV/JSONL column mapping, fields {', '.join(FIELDS)} (e.g. text=body,"
            "title=headline); unmapped fields use the usual column names.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def update_option(func: F) -> F:
    """--no-update: store and read only (bulk loads); `watchfloor update` catches up later."""
    return click.option(
        "--no-update",
        is_flag=True,
        help="Do not bring incidents, facilities and indicators up to date (bulk loads); "
        "run `watchfloor update` afterwards.",
    )(func)


def build_ingest_options(
    settings: Settings, targets: tuple[str, ...], **given: Any
) -> IngestOptions:
    """IngestOptions from the metadata options and the settings; usage errors for bad values."""
    if given.get("url") and len(targets) > 1:
        raise fail("--url names one document; give a single PATH|URL with it")
    try:
        columns = parse_columns(given.get("columns"))
    except ValueError as exc:
        raise fail(f"--columns: {exc}") from exc
    genre = given.get("genre")
    return IngestOptions(
        outlet=given.get("outlet"),
        url=given.get("url"),
        published=parse_when(given.get("published")),
        language=given.get("language"),
        genre=Genre(genre) if genre else None,
        author=given.get("author"),
        title=given.get("title"),
        max_bytes=settings.max_bytes,
        fetch_timeout=settings.fetch_timeout,
        max_redirects=settings.max_redirects,
        allow_private=settings.allow_private,
        user_agent=settings.user_agent,
        fetch_feed_links=settings.fetch_feed_links,
        max_feed_entries=settings.feed_max_entries,
        columns=tuple(sorted(columns.items())),
    )
