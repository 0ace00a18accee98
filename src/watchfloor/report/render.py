"""Render a situation report as one self-contained HTML file or as Markdown.

The HTML has its CSS, map and charts inline and references nothing outside itself, so it
can be mailed or opened air-gapped. Every piece of text from documents is escaped: Jinja's
autoescaping in HTML, and `markdown_text` in Markdown (where raw HTML would otherwise pass).
"""

from __future__ import annotations

from pathlib import Path

from watchfloor.report.describe import (
    event_label,
    incident_outlets,
    range_text,
)
from watchfloor.report.facilities import facility_section_html, facility_section_markdown
from watchfloor.report.sitrep import Report, report_window
from watchfloor.report.templates import (
    charts_css,
    corroboration_label,
    markdown_text,
    report_environment,
)

__all__ = [
    "charts_css",
    "markdown_text",
    "render_html",
    "render_markdown",
    "report_environment",
    "write_report",
]


def _period(report: Report) -> str:
    return report_window(report)


def render_html(report: Report) -> str:
    """The report as one HTML page with inline CSS and SVG, no external references."""
    template = report_environment().get_template("sitrep.html.jinja")
    section = facility_section_html(report.facilities) if report.facilities else ""
    return template.render(
        report=report, period=_period(report), charts_css=charts_css(), facilities=section
    )


def render_markdown(report: Report) -> str:
    """The report as Markdown: the same sections as the HTML, with tables instead of charts."""
    md = markdown_text
    lines = [
        "# Situation report",
        "",
        f"Period: {_period(report)} · generated {report.generated:%Y-%m-%d %H:%M} UTC",
        "",
        f"{len(report.items)} incident(s); {len(report.contested)} contested figure(s); "
        f"{len(report.uncorroborated)} claim(s) without independent confirmation.",
        "",
        "## What changed since the previous report",
        "",
    ]
    if report.previous is None:
        lines.append("This is the first report recorded for this store.")
    elif not report.changes:
        lines.append("Nothing changed in this period's incidents.")
    lines += [f"- **{c.kind}**: {md(c.headline)}" for c in report.changes]
    lines += ["", "## Incidents by significance", ""]
    for n, item in enumerate(report.items, 1):
        inc = item.incident
        origins = ", ".join(md(o.name) for o in inc.origins)
        lines.append(
            f"{n}. **{md(item.headline)}** — {corroboration_label(inc.corroboration)}; "
            f"{inc.independent_origins} independent origin(s) ({origins}); "
            f"{len(inc.claims)} claim(s) from {md(', '.join(incident_outlets(inc)))}"
        )
        for d in inc.discrepancies:
            lines.append(
                f"   - disagreement on {d.kind} ({md(d.what)}): {md(' vs '.join(d.values))}"
            )
    if not report.items:
        lines.append("No incident in this period.")
    lines += ["", "## Contested figures", ""]
    if report.contested:
        lines += [
            "| Incident | Figure | Reading | Range | Outlet | Citing |",
            "|---|---|---|---|---|---|",
        ]
        for c in report.contested:
            for s in c.figure.sources:
                chain = " → ".join(src.name for src in s.chain)
                lines.append(
                    f"| {md(c.headline)} | {md(c.figure.role)} | “{md(s.text)}” | "
                    f"{range_text(s.low, s.high)} | {md(s.outlet)} | {md(chain)} |"
                )
    else:
        lines.append("No figure is disputed between sources.")
    lines += ["", "## Claims without independent confirmation", ""]
    if report.uncorroborated:
        lines += ["| Incident | Chain | Why | Sentence |", "|---|---|---|---|"]
        for u in report.uncorroborated:
            chain = " → ".join(src.name for src in u.claim.chain)
            lines.append(
                f"| {event_label(u.claim.event_type)} | {md(chain)} | {u.reason} | "
                f"{md(u.sentence[:400])} |"
            )
    elif report.items:
        lines.append("Every claim has independent confirmation.")
    else:
        lines.append("No incident in this report's window, so no claim to confirm.")
    if report.facilities:
        lines += ["", *facility_section_markdown(report.facilities)]
    lines += [
        "",
        "## Sources used",
        "",
        "| Outlet | Documents | Claims | Cites |",
        "|---|---|---|---|",
    ]
    for use in report.sources:
        cites = ", ".join(use.cites) or "own reporting"
        lines.append(f"| {md(use.outlet)} | {use.documents} | {use.claims} | {md(cites)} |")
    return "\n".join(lines) + "\n"


def write_report(report: Report, path: Path) -> Path:
    """Write the report as HTML (.html/.htm) or Markdown (.md/.markdown), chosen by suffix."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        content = render_html(report)
    elif suffix in (".md", ".markdown"):
        content = render_markdown(report)
    else:
        raise ValueError(f"{path.name}: the report is written as .html or .md")
    path.parent.mkdir(parents=True, exist_ok=True)
    # errors="replace": broken Unicode from a document must not stop the report being written.
    path.write_bytes(content.encode("utf-8", errors="replace"))
    return path
