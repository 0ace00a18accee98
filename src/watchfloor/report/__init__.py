"""Situation reports: `build_report` reads the store, `render_html`/`render_markdown` write it."""

from watchfloor.report.render import render_html, render_markdown, write_report
from watchfloor.report.sitrep import Report, build_report, record_report

__all__ = [
    "Report",
    "build_report",
    "record_report",
    "render_html",
    "render_markdown",
    "write_report",
]
