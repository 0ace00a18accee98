"""Web pages: main text and metadata with trafilatura, a plain fallback for short pages."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

# lxml ships no type information and lxml-stubs is not a project dependency.
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from watchfloor.errors import BrokenDocument
from watchfloor.ingest.assemble import build_document
from watchfloor.ingest.metadata import Meta, parse_published
from watchfloor.model import Document

__all__ = ["html_to_text", "read_html"]

logger = logging.getLogger(__name__)

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption",
}  # fmt: skip
# Page chrome that is never the report, dropped by the fallback extractor.
_CHROME = ("script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg")
_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page or fragment, one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(_XML_DECL.sub("", markup), create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_CHROME)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions carry no text
        if element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura_text(markup: str, url: str | None) -> tuple[str, Meta]:
    """Main text and page metadata, or ("", empty) when trafilatura finds no main text."""
    result = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        # Only dates the page states about itself; a date in the body is not its publication.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is not None and not isinstance(result, dict):
        result = result.as_dict()
    if not result or not str(result.get("text") or "").strip():
        return "", Meta()
    meta = Meta(
        outlet=result.get("sitename") or None,
        url=result.get("url") or None,
        published=parse_published(result["date"]) if result.get("date") else None,
        author=result.get("author") or None,
        title=result.get("title") or None,
    )
    return str(result["text"]), meta


def _page_title(markup: str) -> str | None:
    found = re.search(r"<title[^>]*>(.*?)</title>", markup, re.I | re.S)
    return " ".join(found.group(1).split()) or None if found else None


def read_html(
    markup: str, *, raw: bytes, source: str, layers: Sequence[Meta], url: str | None = None
) -> Document:
    """A Document from a web page's main text; BrokenDocument when no text can be recovered."""
    text, page = _trafilatura_text(markup, url)
    if not text:
        # trafilatura refuses pages below a few hundred characters; short statements and
        # feed-linked stubs are still reports, so take the visible text of the body.
        try:
            body = lxml.html.document_fromstring(_XML_DECL.sub("", markup)).body
        except (lxml.etree.ParserError, ValueError, IndexError):
            body = None
        text = "" if body is None else html_to_text(lxml.html.tostring(body, encoding="unicode"))
        page = Meta(title=_page_title(markup))
        if text:
            logger.info("%s: trafilatura found no main text; used the page body", source)
    if not text.strip():
        raise BrokenDocument(
            "the HTML holds no readable text (broken markup, or a page built by scripts); "
            "save the article's text or its printable version instead",
            source=source,
        )
    lang = _LANG.search(markup[:4096])
    page = Meta(language=lang.group(1)).over(page) if lang else page
    return build_document(
        text, raw=raw, media_type="text/html", source=source, layers=(*layers, page)
    )
