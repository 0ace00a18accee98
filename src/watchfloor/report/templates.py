"""The report's templates and text helpers: a leaf module the report's sections all import.

`report_environment()` (the Jinja environment, autoescaping HTML), `charts_css()` (shared with
the desk) and `markdown_text` (untrusted text made inert in Markdown).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from watchfloor.model.incidents import Corroboration, Incident
from watchfloor.report.describe import (
    CORROBORATION_LABELS,
    event_label,
    incident_outlets,
    range_text,
)
from watchfloor.report.svg_markup import basemap_markup, markers_markup, timeline_markup

__all__ = ["charts_css", "corroboration_label", "markdown_text", "report_environment"]

# Characters that make Markdown syntax anywhere in a line (emphasis, code, links, tables);
# line-start syntax (#, -, >) cannot arise because every text is placed after a prefix.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def corroboration_label(value: str) -> str:
    """The readable label of a corroboration level."""
    return CORROBORATION_LABELS.get(Corroboration(value), value)


def _outlets(incident: Incident) -> list[str]:
    return incident_outlets(incident)


@cache
def report_environment() -> Environment:
    """The Jinja environment of the report templates (autoescape on for HTML and Jinja)."""
    env = Environment(
        loader=PackageLoader("watchfloor.report", "templates"),
        autoescape=select_autoescape(["html", "jinja", "xml"], default_for_string=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(
        range_text=range_text,
        event_label=event_label,
        corroboration_label=corroboration_label,
        outlets=_outlets,
        basemap_markup=basemap_markup,
        markers_markup=markers_markup,
        timeline_markup=timeline_markup,
    )
    return env


@cache
def charts_css() -> str:
    """The CSS of maps and charts, shared with the desk."""
    return resources.files("watchfloor.report").joinpath("templates/charts.css").read_text("utf-8")


def markdown_text(text: str) -> str:
    """Untrusted text made inert in Markdown: HTML brackets and Markdown syntax escaped."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)
