"""Bytes to text: byte-order mark, declared charset, UTF-8, then statistical detection.

Legacy single-byte encodings (latin-1, cp1252, cp1256 Arabic, cp1251 Cyrillic) are common
in regional outlets' archives. charset_normalizer ranks candidate decodings by "chaos"; on
short texts several are nearly tied and its first pick is often an exotic code page
(mac_latin2 for French, cp775 for German). Among the near-ties we therefore prefer the
encodings that the web actually uses, in the order below.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Sequence

import charset_normalizer

from watchfloor.errors import UndecodableText

__all__ = ["charset_from_media_type", "declared_charset", "decode_text"]

logger = logging.getLogger(__name__)

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Web-frequent encodings, most common first; used to break near-ties between candidates.
_PREFERRED = (
    "utf_8",
    "cp1252",
    "cp1256",
    "cp1251",
    "cp1250",
    "cp1254",
    "cp1253",
    "cp1255",
    "cp1257",
    "iso8859_15",
    "latin_1",
    "iso8859_6",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
)

# Chaos scores closer than this are measurement noise on texts of a few hundred bytes.
_CHAOS_TIE = 0.05

# WHATWG maps these labels to windows-1252: pages that say latin-1 are written in cp1252.
_LABEL_ALIASES = dict.fromkeys(("iso-8859-1", "latin1", "latin-1", "ascii", "us-ascii"), "cp1252")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_PARAM_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = _LABEL_ALIASES.get(label.strip().lower(), label.strip())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_media_type(media_type: str | None) -> str | None:
    """The charset parameter of a Content-Type value ("text/html; charset=cp1256")."""
    if not media_type:
        return None
    found = _PARAM_CHARSET.search(media_type)
    return found.group(1) if found else None


def declared_charset(raw: bytes) -> str | None:
    """The charset a document declares about itself: XML declaration or HTML meta tag."""
    head = raw[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def _bom_codec(raw: bytes) -> str | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return None


def _detect(raw: bytes) -> str | None:
    """The most plausible legacy encoding according to charset_normalizer, with our tie-break."""
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    near = [m for m in matches if m.chaos <= best_chaos + _CHAOS_TIE]

    def rank(match: charset_normalizer.CharsetMatch) -> tuple[int, float]:
        names = [match.encoding, *match.could_be_from_charset]
        ranks = [_PREFERRED.index(n) for n in names if n in _PREFERRED]
        return (min(ranks) if ranks else len(_PREFERRED), match.chaos)

    chosen = min(near, key=rank)
    # Report the preferred alias: cp1252 and cp1254 decode these bytes identically.
    aliases = [n for n in (chosen.encoding, *chosen.could_be_from_charset) if n in _PREFERRED]
    return min(aliases, key=_PREFERRED.index) if aliases else chosen.encoding


def decode_text(
    raw: bytes, declared: Sequence[str | None] = (), *, source: str | None = None
) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    Order: a byte-order mark (binding: invalid bytes after it are an error), the declared
    charsets in the order given (HTTP header, then meta tag or XML declaration) when the
    bytes honour them, strict UTF-8, then statistical detection. Raises UndecodableText when
    nothing fits.
    """
    bom = _bom_codec(raw)
    if bom is not None:
        try:
            return raw.decode(bom), bom
        except UnicodeDecodeError as exc:
            raise UndecodableText(
                f"starts with a {bom} byte-order mark but byte {exc.start} is not valid {bom}; "
                "re-save the file in one encoding (UTF-8)",
                source=source,
            ) from exc
    for label in declared:
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            # Declarations are often wrong (copied templates); fall through to the bytes.
            logger.info("%s: declared charset %s does not fit the bytes", source, label)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect(raw)
    if detected is None:
        raise UndecodableText(
            "the bytes are neither UTF-8 nor any legacy encoding we recognise; "
            "convert the file to UTF-8 or pass its charset",
            source=source,
        )
    try:
        return raw.decode(detected), detected
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableText(
            f"detected encoding {detected} does not decode the bytes; convert the file to UTF-8",
            source=source,
        ) from exc
