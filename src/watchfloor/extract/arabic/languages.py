"""Which language codes the Arabic reader takes, and why other languages stay unread."""

from __future__ import annotations

__all__ = ["ARABIC_CODES", "KURDISH_CODES", "is_arabic_code", "reads_language", "unread_reason"]

# ISO 639-1 "ar", the macrolanguage's ISO 639-3 code and its spoken varieties (Egyptian,
# Levantine, Mesopotamian, Gulf, Najdi, Hijazi, Maghrebi, Sudanese ...).
ARABIC_CODES = frozenset(
    {
        "ar", "ara", "arb", "arz", "apc", "ajp", "acm", "afb", "ars", "acq", "acw", "ayl",
        "ary", "arq", "aeb", "apd", "abv", "ayp", "shu", "aec", "ssh", "pga", "apc-sy",
    }
)  # fmt: skip
KURDISH_CODES = frozenset({"ku", "kur", "kmr", "ckb", "sdh", "lki"})


def is_arabic_code(language: str | None) -> bool:
    """True for Arabic and its dialect codes, with or without a region ("ar-SY", "ar_IQ")."""
    if not language:
        return False
    code = language.strip().lower().replace("_", "-")
    return code in ARABIC_CODES or code.split("-")[0] in ARABIC_CODES


def unread_reason(language: str, languages: tuple[str, ...]) -> str:
    """Why a document in this language is stored unread, in words for the analyst."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if code in KURDISH_CODES:
        return (
            f"Kurdish ({language!r}) is not read yet: there is no offline Kurdish reader; "
            "the document is stored unread"
        )
    return (
        f"language {language!r} is not read by the extractors "
        f"({', '.join(languages)}); the document is stored unread"
    )


def reads_language(language: str, languages: tuple[str, ...]) -> bool:
    """Whether the extractors read this language: listed, or an Arabic variety with "ar" listed."""
    return language in languages or ("ar" in languages and is_arabic_code(language))
