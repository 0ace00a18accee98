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
# Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/F):
# lxml refuses to store them in a tree, so a stray backspace would sink the whole page.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What lxml raises on markup it cannot take; all of them mean "no text from this page".
_PARSER_ERRORS = (lxml.etree.LxmlError, ValueError, IndexError)


def _xml_safe(markup: str) -> str:
    """The markup with XML-invalid characters replaced by spaces (they carry no text)."""
    return _XML_INVALID.sub(" ", markup)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page or fragment, one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(
            _xml_safe(_XML_DECL.sub("", markup)), create_parent="div"
        )
    except _PARSER_ERRORS:
        return ""
    for element in list(root.iter(*_CHROME)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions carry no text
        if element.tag.lower() in _BLOCKS:
            # Character references (&#8;) put control characters back into the parsed tree,
            # and lxml refuses them when the text is set again: clean what is written back.
            element.tail = "\n" + _xml_safe(element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + _xml_safe(element.text or "")
    text = _xml_safe(root.text_content())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura_text(markup: str, url: str | None, source: str) -> tuple[str, Meta]:
    """Main text and page metadata, or ("", empty) when trafilatura finds no main text."""
    try:
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
    except _PARSER_ERRORS as exc:
        # The plain fallback below may still recover the body's text.
        logger.info("%s: trafilatura could not parse the page (%s)", source, exc)
        return "", Meta()
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
    markup = _xml_safe(markup)
    text, page = _trafilatura_text(markup, url, source)
    failure: Exception | None = None
    if not text:
        # trafilatura refuses pages below a few hundred characters; short statements and
        # feed-linked stubs are still reports, so take the visible text of the body.
        try:
            body = lxml.html.document_fromstring(_XML_DECL.sub("", markup)).body
            text = html_to_text(lxml.html.tostring(body, encoding="unicode"))
        except _PARSER_ERRORS as exc:
            failure, text = exc, ""
        page = Meta(title=_page_title(markup))
        if text:
            logger.info("%s: trafilatura found no main text; used the page body", source)
    if not text.strip():
        cause = f" ({failure.__class__.__name__}: {failure})" if failure else ""
        raise BrokenDocument(
            f"the HTML holds no readable text{cause} (broken markup, or a page built by "
            "scripts); save the article's text or its printable version instead",
            source=source,
        )
    lang = _LANG.search(markup[:4096])
    page = Meta(language=lang.group(1)).over(page) if lang else page
    return build_document(
        text, raw=raw, media_type="text/html", source=source, layers=(*layers, page)
    )
