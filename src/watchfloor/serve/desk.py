"""The desk's shared context: what every router needs, importable without the app assembly.

`Desk` (the store, the token, the page templates), `render_page`, the JSON response class and
the API's one error shape. Routers import these at module level; `app.py` assembles the app.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from watchfloor import __version__
from watchfloor.extract import Extractor
from watchfloor.report.describe import CORROBORATION_LABELS, event_label, range_text
from watchfloor.report.svg_markup import basemap_markup, markers_markup, timeline_markup
from watchfloor.serve.bidi import text_dir
from watchfloor.store import Store

__all__ = ["Desk", "SafeJSONResponse", "error_body", "page_environment", "render_page"]


@dataclass
class Desk:
    """What every request handler needs: the store, the token and the page templates."""

    store: Store
    token: str | None
    templates: Environment
    extractor_factory: Callable[[], Extractor | None] | None = None
    _extractor: Extractor | None = None

    @property
    def is_writable(self) -> bool:
        """True when a token is configured, which enables ingest and analyst actions."""
        return bool(self.token)

    def accepts(self, given: str | None) -> bool:
        """True when `given` is the configured token (compared in constant time)."""
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def extractor(self) -> Extractor | None:
        """The extractor for ingest, loaded on first use (loading spaCy takes a second)."""
        if self._extractor is None and self.extractor_factory is not None:
            self._extractor = self.extractor_factory()
        return self._extractor


def _corroboration_label(value: str) -> str:
    for key, label in CORROBORATION_LABELS.items():
        if key.value == value:
            return label
    return value


def page_environment() -> Environment:
    """Templates of the desk, which can also import the report's SVG macros."""
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("watchfloor.serve", "templates"),
                PackageLoader("watchfloor.report", "templates"),
            ]
        ),
        autoescape=select_autoescape(["html", "jinja", "xml"], default_for_string=True),
    )
    env.globals.update(
        event_label=event_label,
        range_text=range_text,
        corroboration_label=_corroboration_label,
        version=__version__,
        basemap_markup=basemap_markup,  # the map's big SVG parts, escaped in Python
        markers_markup=markers_markup,
        timeline_markup=timeline_markup,
        text_dir=text_dir,  # dir/lang attributes: Arabic right to left (serve/bidi.py)
    )
    return env


def render_page(desk: Desk, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template; text that cannot be encoded is replaced, never fatal."""
    html = desk.templates.get_template(name).render(writable=desk.is_writable, **context)
    return HTMLResponse(html.encode("utf-8", errors="replace"), status_code=status)


class SafeJSONResponse(JSONResponse):
    """JSON that survives broken Unicode in stored text (lone surrogates become U+FFFD)."""

    def render(self, content: Any) -> bytes:
        """Encode compactly, replacing what UTF-8 cannot carry."""
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8", errors="replace")


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The API's one error shape."""
    return {"ok": False, "error": error, "errors": errors or [], "status": status}
