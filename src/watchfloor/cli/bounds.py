"""Bounded types for every numeric option: no huge, negative, NaN or infinite value gets in.

click's IntRange refuses what is out of range with a usage error (exit 2); FloatRange lets NaN
through (every comparison with NaN is false), so distances use `Finite`, which refuses NaN and
infinities first.
"""

from __future__ import annotations

import math
from typing import Any

import click

__all__ = ["BYTES", "COUNT", "ENTRIES", "KM", "LIMIT", "Finite"]

LIMIT = click.IntRange(1, 100_000)  # rows listed at once
COUNT = click.IntRange(0, 1_000_000)  # e.g. --min-origins
BYTES = click.IntRange(1, 10**12)  # --max-bytes
ENTRIES = click.IntRange(1, 1_000_000)  # --max-entries per feed


class Finite(click.FloatRange):
    """A float in [low, high], never NaN nor infinite."""

    name = "float"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The value as a float, or a usage error naming the range."""
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return super().convert(number, param, ctx)


KM = Finite(0.1, 20_000.0)  # a radius on Earth, in km
