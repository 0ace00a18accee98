"""One bad input never costs the others: per-input records and exit codes for batch commands.

`analyze` and `geoparse` print one record per input. An input that cannot be read, or whose
reading raises (a bug), gets a coded error record in its place — a JSON line
`{"file", "error": {"code", "message"}}` on standard output and a line on standard error —
and every other input is still read and printed. Exit codes are the batch commands' own
(README): 0 all read, 1 some refused (or a folder with nothing in it), 3 nearly all refused,
4 a bug was hit on some input.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from watchfloor.errors import ExtractionError, InputError, NothingFound
from watchfloor.pipeline import ExitCode

__all__ = ["Record", "batch_exit_code", "in_input_order", "isolated", "isolated_batches"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Record:
    """What one input gave: its output, or the coded error that replaced it."""

    file: str
    output: dict[str, Any] | None = None
    code: str | None = None
    message: str | None = None
    failed: bool = False  # a bug (exit 4), as opposed to an input refused for what it is

    @property
    def ok(self) -> bool:
        """True when the input gave an output."""
        return self.output is not None

    def error(self) -> dict[str, Any]:
        """The JSON error record printed in the input's place."""
        return {"file": self.file, "error": {"code": self.code, "message": self.message}}

    def stderr_line(self) -> str:
        """The line printed on standard error for a refused or failed input."""
        what = "failed" if self.failed else "refused"
        return f"{what}: {self.file}: [{self.code}] {self.message}"

    @classmethod
    def of_error(cls, file: str, error: BaseException) -> Record:
        """The record of an input whose processing raised `error`."""
        if isinstance(error, InputError):
            return cls(file, code=error.code, message=error.message)
        logger.error("%s: unexpected failure\n%s", file, "".join(traceback.format_exception(error)))
        message = (
            f"unexpected {error.__class__.__name__}: {error}; the other inputs were processed. "
            "This is a bug, please report it (run with -v for the traceback)"
        )
        return cls(file, code=ExtractionError.code, message=message, failed=True)


def isolated(item: T, work: Callable[[T], R]) -> R | BaseException:
    """`work(item)`, or the exception it raised (KeyboardInterrupt and SystemExit pass)."""
    try:
        return work(item)
    except Exception as exc:
        return exc


def isolated_batches(
    items: Sequence[T],
    batch: Callable[[list[T]], Iterable[R]],
    size: int,
) -> Iterator[R | BaseException]:
    """`batch` over chunks of `items`, one result per item; a raising item gets its exception.

    The batch function must yield one result per item, in order. When it raises part-way,
    the results already yielded are kept, the next item is run alone (it gets its result or
    the exception), and the rest of the chunk goes on as a batch again: one failing item
    costs one extra batch start, never a reload per item.
    """
    step = max(size, 1)
    for start in range(0, len(items), step):
        remaining = list(items[start : start + step])
        while remaining:
            done: list[R] = []
            try:
                for result in batch(remaining):
                    done.append(result)
            except Exception:
                yield from done
                suspect, remaining = remaining[len(done)], remaining[len(done) + 1 :]
                yield isolated(suspect, lambda one: next(iter(batch([one]))))
                continue
            yield from done
            remaining = []


def in_input_order(
    slots: Iterable[Record | tuple[str, Any]], results: Iterator[Any | BaseException]
) -> list[Record]:
    """One record per input slot: a refusal as it stands, else the next result (or its error).

    `results` holds one item per non-record slot, in order (what `isolated_batches` yields).
    """
    records: list[Record] = []
    for slot in slots:
        if isinstance(slot, Record):
            records.append(slot)
            continue
        result = next(results)
        if isinstance(result, BaseException):
            records.append(Record.of_error(slot[0], result))
        else:
            records.append(Record(slot[0], output=result))
    return records


def batch_exit_code(records: Iterable[Record]) -> ExitCode:
    """0 all read; 4 a bug on some input; 3 when 90 % or more refused; else 1 if any refused.

    A folder with nothing in it counts as a refusal but never as "nearly all" (exit 1).
    """
    listed = list(records)
    if any(r.failed for r in listed):
        return ExitCode.INTERNAL_ERROR
    refused = [r for r in listed if not r.ok]
    if not refused:
        return ExitCode.OK
    hard = [r for r in refused if r.code != NothingFound.code]
    if hard and len(hard) >= 0.9 * len(listed):
        return ExitCode.NEARLY_ALL_REJECTED
    return ExitCode.SOME_REJECTED
