"""First guesses at a document's metadata: language, genre, author, outlet, title, date.

These are cheap, explainable rules over the first lines, the title and the URL. Extraction
refines the genre later; an analyst's explicit options always win over any guess here.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from typing import Any

from watchfloor.model import Genre

__all__ = [
    "Meta",
    "find_byline_author",
    "find_outlet_prefix",
    "guess_genre",
    "guess_language",
    "guess_title",
    "lead_lines",
    "meta_from_mapping",
    "parse_published",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata from one layer (options, sidecar, front matter, HTML, feed entry or guess)."""

    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    genre: Genre | None = None
    author: str | None = None
    title: str | None = None

    def over(self, *lower: Meta) -> Meta:
        """This layer with its gaps filled from lower-precedence layers, in the order given."""
        merged = self
        for layer in lower:
            gaps = {
                f.name: getattr(layer, f.name)
                for f in fields(Meta)
                if getattr(merged, f.name) is None and getattr(layer, f.name) is not None
            }
            if gaps:
                merged = replace(merged, **gaps)
        return merged


# Keys accepted in sidecars and front matter, with the aliases real files use.
_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "site", "sitename", "site_name", "publisher", "source"),
    "url": ("url", "source_url", "permalink", "link", "canonical"),
    "published": ("published", "published_time", "date", "pubdate"),
    "language": ("language", "lang"),
    "genre": ("genre",),
    "author": ("author", "byline"),
    "title": ("title",),
}


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def meta_from_mapping(mapping: Mapping[str, Any], *, source: str | None = None) -> Meta:
    """Read a sidecar or front-matter mapping; unknown keys and bad values are logged, skipped."""
    found: dict[str, Any] = {}
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    for name, aliases in _KEYS.items():
        value = next((lowered[a] for a in aliases if lowered.get(a) is not None), None)
        if value is None:
            continue
        if name == "published":
            found[name] = parse_published(value)
        elif name == "genre":
            try:
                found[name] = Genre(str(value))
            except ValueError:
                logger.warning("%s: unknown genre %r ignored", source, value)
        else:
            found[name] = _text_value(value)
    return Meta(**found)


def parse_published(value: Any) -> datetime | None:
    """A timezone-aware datetime from a datetime, date, struct_time or string (UTC if naive)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, time.struct_time):
        # feedparser normalises every parsed date to UTC.
        return datetime(*value[:6], tzinfo=UTC)
    text = str(value).strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)  # RSS pubDate
        except (TypeError, ValueError, IndexError):
            import dateparser  # slow to import; only free-form dates need it

            parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        logger.warning("unreadable date %r ignored", text)
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


# py3langid is unreliable below a few words; "und" is ISO 639's "undetermined".
_MIN_LETTERS = 40


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when the text is too short to tell."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return "und"
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)


def lead_lines(text: str, count: int = 3) -> list[str]:
    """The first `count` non-empty lines of a text, stripped."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines[:count]


_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al-[\w'’-]+|bin|ibn|de|van|von)){1,4}"
_DASH = r"\s*[–—|-]\s*"
_BY = re.compile(rf"^(?i:by)\s+(?P<name>{_NAME})(?:\s+(?i:and)\s+{_NAME})?(?:\s*[,|–—-].*)?$")
_ROLE_WORDS = re.compile(
    r"\b(?:expert|analyst|correspondent|reporter|writer|editor|journalist|columnist|contributor"
    r"|researcher|professor|fellow|director|specialist|scholar|commentator|lecturer|staff"
    r"|ambassador|diplomat|officer|advisor|adviser|strategist|academic)s?\b",
    re.I,
)
_NAME_ROLE = re.compile(rf"^(?P<name>{_NAME}){_DASH}(?P<role>[\w ,'’&.-]{{2,70}})$")
_BYLINE_MAX = 100


def find_byline_author(lines: Sequence[str]) -> str | None:
    """The author named by a byline among the lead lines ("By Jane Doe", "Name – Role")."""
    for line in lines:
        if len(line) > _BYLINE_MAX:
            continue
        by = _BY.match(line)
        if by:
            return by.group("name")
        named = _NAME_ROLE.match(line)
        if named and _ROLE_WORDS.search(named.group("role")):
            return named.group("name")
    return None


def _has_expert_byline(lines: Sequence[str]) -> bool:
    for line in lines:
        named = _NAME_ROLE.match(line) if len(line) <= _BYLINE_MAX else None
        if named and re.search(r"expert|analyst|researcher|professor|fellow|scholar", line, re.I):
            return True
    return False


_SECTIONS = (
    r"(?:opinion|op-ed|analysis|commentary|editorial|exclusive|news|report|interview|feature"
    r"|column)"
)
_OUTLET_PREFIX = re.compile(rf"^(?P<outlet>[A-Z][\w.&'’ ]{{1,60}}?){_DASH}{_SECTIONS}\s*[:|]", re.I)
# "HASAKAH, Syria (Sample Wire) — ...": the agency in a wire dateline.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40})(?:,\s*[\w.'’ ]{2,30})?\s*"
    r"(?:\((?P<agency>[^()]{2,40})\))?\s*[–—-]{1,2}\s"
)


def find_outlet_prefix(first_line: str) -> str | None:
    """The outlet named before a section marker on the first line ("Outlet – Opinion: ...")."""
    found = _OUTLET_PREFIX.match(first_line)
    if found and not re.fullmatch(_SECTIONS, found.group("outlet").strip(), re.I):
        return found.group("outlet").strip()
    dateline = _DATELINE.match(first_line)
    if dateline and dateline.group("agency"):
        return dateline.group("agency").strip()
    return None


_OFFICIAL_TITLE = re.compile(
    r"^(?:joint\s+)?(?:statement|remarks|readout|press release|press statement|fact sheet"
    r"|background (?:press )?call|press briefing|press conference|communiqu[eé]|declaration)\b",
    re.I,
)
_OFFICIAL_URL = re.compile(
    r"/(?:statements?(?:-releases?)?|press-releases?|speeches-remarks|briefing-room|readouts?)/",
    re.I,
)
_OPINION_TEXT = re.compile(
    r"[–—|-]\s*(?:opinion|op-ed|commentary|editorial)\s*[:|]|\bop-ed\b"
    r"|^(?:opinion|commentary|editorial|column|viewpoint|perspective)\s*[:|–—-]",
    re.I,
)
_OPINION_URL = re.compile(r"/(?:opinion|op-?eds?|commentary|editorials?|columns?|views?)/", re.I)
_ANALYSIS_TEXT = re.compile(
    r"^(?:analysis|explainer|in depth|insight)\s*[:|–—-]|[–—|-]\s*analysis\s*[:|]", re.I
)
_ANALYSIS_URL = re.compile(r"/(?:analysis|explainers?|in-depth|insights?)/", re.I)
_NEWS_URL = re.compile(r"/(?:news|world|middle-?east|politics|article)/", re.I)
_WIRE = re.compile(r"\((?:reuters|ap|afp|anadolu|xinhua|sana|upi|dpa)\)", re.I)


def guess_genre(title: str | None, lines: Sequence[str], url: str | None) -> Genre:
    """A first guess at the genre from title, lead lines, byline and URL section markers."""
    heads = [h for h in (title, *lines) if h]
    path = url or ""
    if any(_OFFICIAL_TITLE.match(h) for h in heads) or _OFFICIAL_URL.search(path):
        return Genre.OFFICIAL
    if any(_OPINION_TEXT.search(h) for h in heads) or _OPINION_URL.search(path):
        return Genre.OPINION
    if any(_ANALYSIS_TEXT.search(h) for h in heads) or _ANALYSIS_URL.search(path):
        return Genre.ANALYSIS
    if any(_DATELINE.match(h) or _WIRE.search(h[:200]) for h in lines) or _NEWS_URL.search(path):
        return Genre.NEWS
    # A piece signed by an expert with a role line is commentary more often than reporting.
    if _has_expert_byline(lines):
        return Genre.OPINION
    return Genre.UNKNOWN


_TITLE_MAX = 150


def guess_title(lines: Sequence[str]) -> str | None:
    """The first line when it reads as a headline: short, no sentence end, not a byline."""
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > _TITLE_MAX or first.endswith((".", ",", ";")) or _DATELINE.match(first):
        return None
    if find_byline_author([first]) or _OUTLET_PREFIX.match(first):
        return None
    return first
