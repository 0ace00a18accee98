"""What every command shares: the --db option, settings, the store and the extractor."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from time import perf_counter
from typing import TYPE_CHECKING, Any, TypeVar

import click
from pydantic import ValidationError
from rich.console import Console

from watchfloor.config import Settings
from watchfloor.errors import ConfigError, StoreError, WatchfloorError

if TYPE_CHECKING:
    # Imported when a command runs, not when the CLI starts: `watchfloor --help` stays quick.
    from watchfloor.extract import ExtractOptions, Extractor
    from watchfloor.pipeline import Outcome
    from watchfloor.store import Store

__all__ = [
    "db_option",
    "extract_options",
    "fail",
    "load_settings",
    "make_extractor",
    "open_db",
    "parse_when",
    "progress_bar",
    "stderr",
    "watchfloor_errors",
]

F = TypeVar("F", bound=Callable[..., Any])

stderr = Console(stderr=True)


class UsageFailure(click.ClickException):
    """A usage or configuration problem: exit code 2, nothing done (ExitCode.USAGE)."""

    exit_code = 2


def fail(message: str) -> UsageFailure:
    """A usage error to raise from a command."""
    return UsageFailure(message)


def load_settings(**overrides: Any) -> Settings:
    """Settings from WATCHFLOOR_* variables, with command-line values on top."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise fail(f"[{ConfigError.code}] invalid setting: {exc}") from exc


def db_option(func: F) -> F:
    """The --db option: SQLite file or SQLAlchemy URL (default: WATCHFLOOR_DB or watchfloor.db)."""
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="FILE|URL",
        help="SQLite file or database URL [default: watchfloor.db, or $WATCHFLOOR_DB].",
    )(func)


def open_db(db: str | None, *, batch: bool = False) -> Store:
    """Open the store named by --db or the settings.

    SQLite commits with synchronous=FULL (durable through a power cut) unless
    WATCHFLOOR_SQLITE_SYNCHRONOUS says otherwise; `batch` commands default to NORMAL, whose
    risk (the last commits lost on power loss) a re-run of the same command repairs.
    """
    from watchfloor.store import open_store

    settings = load_settings(db=db)
    mode = settings.sqlite_synchronous or ("normal" if batch else "full")
    try:
        return open_store(settings.db, synchronous=mode)
    except StoreError as exc:
        raise fail(str(exc)) from exc


def extract_options(settings: Settings) -> ExtractOptions:
    """Extraction options built from the settings."""
    from watchfloor.extract import ExtractOptions

    return ExtractOptions(
        spacy_model=settings.spacy_model,
        batch_size=settings.batch_size,
        languages=settings.languages,
        trace=settings.trace,
    )


_extractors: dict[ExtractOptions, Extractor] = {}
_SLOW_LOAD_S = 2.0  # loading the models takes longer than this: say so once


def make_extractor(settings: Settings) -> Extractor:
    """An extractor with models loaded (once per process), or a usage error naming what is
    missing. Loading takes seconds; the time is said on stderr when it is long."""
    from watchfloor.extract import Extractor

    options = extract_options(settings)
    if options in _extractors:
        return _extractors[options]
    started = perf_counter()
    try:
        extractor = Extractor(options)
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    took = perf_counter() - started
    if took > _SLOW_LOAD_S and stderr.is_terminal:  # a person waits; a pipe needs no note
        stderr.print(f"reading pipeline ({options.spacy_model}) loaded in {took:.1f} s")
    _extractors[options] = extractor
    return extractor


def parse_when(value: str | None) -> datetime | None:
    """A --since/--published value (YYYY-MM-DD or ISO 8601) as an aware datetime."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), datetime.min.time())
        except ValueError:
            raise fail(f"{value!r} is not a date: use YYYY-MM-DD or ISO 8601") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[Outcome], None]]:
    """A progress display on stderr; yields the callback the pipeline calls per input."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=None)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"{label}: {outcome.status}")

        yield advance
        progress.update(task, total=progress.tasks[0].completed, description=f"{label}: done")


def watchfloor_errors(func: F) -> F:
    """Turn watchfloor errors that escape a command into click errors with their code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, StoreError) as exc:
            raise fail(str(exc)) from exc
        except WatchfloorError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]
