"""Arabic in search: one folded spelling in the index and in queries, clitics found by the query.

Arabic writes one word several ways: hamza on or under the alef or not (أ إ آ ٱ ا), final ى or
ي, final ة or ه, hamza seats (ؤ ئ), with or without tashkeel and tatweel. Migration 0010 indexes
the folded form (`fold`) of every document and incident body, on SQLite (nested `replace` in the
FTS5 triggers) and PostgreSQL (`translate` in the generated tsvectors), and queries are folded
the same way here, so any spelling finds any other. The fold maps character for character or
drops a mark, like the Arabic reader's normaliser (extract/arabic/normalise.py), minus NFKC and
the rare Quranic marks. Numbers are written in ASCII, Arabic-Indic or Persian digits: a query
number asks for all three spellings.

Proclitics are written attached (و ف ب ل ك and the article ال: "وبالحسكة"), and a tokenizer cannot
take them off without a dictionary. The query adds them instead: an Arabic query word of at least
three letters (after its article) matches the word with or without the article and with the
conjunctions and prepositions before it ("حسكة", "الحسكة", "بالحسكة", "وبالحسكة", "للحسكة"), never
another word that merely starts with those letters. Snippets of Arabic hits are marked again on
the original text (`marked_snippet`), since the index holds the folded form.
"""

from __future__ import annotations

import re

__all__ = [
    "FOLD_DROP",
    "FOLD_FROM",
    "FOLD_TO",
    "fold",
    "fts5_match",
    "has_arabic",
    "has_forms",
    "marked_snippet",
    "pg_tsquery",
    "word_variants",
]

# Mapped one for one: alef forms, alef maqsura, ta marbuta, hamza seats.
FOLD_FROM = "أإآٱىةؤئ"
FOLD_TO = "اااايهوي"
# Dropped: harakat (tanween, fatha, damma, kasra), shadda, sukun, dagger alef, tatweel.
FOLD_DROP = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"
# Digits are not folded in the index (SQLite's parser takes only ~30 nested replace() calls):
# a query number asks for its ASCII, Arabic-Indic and Persian spellings instead.
_DIGIT_SETS = (
    "0123456789",
    "".join(chr(0x0660 + i) for i in range(10)),
    "".join(chr(0x06F0 + i) for i in range(10)),
)
_TO_ASCII = str.maketrans("".join(_DIGIT_SETS[1:]), _DIGIT_SETS[0] * 2)
_TABLE = str.maketrans(dict(zip(FOLD_FROM, FOLD_TO, strict=True)) | dict.fromkeys(FOLD_DROP, ""))
_ARABIC = re.compile("[\u0621-\u064a]")
# A word of the original text: letters and digits with the marks the fold drops inside it.
_TEXT_WORD = re.compile(f"[\\w{FOLD_DROP}]+")
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)
# Proclitics before the article or the bare word: conjunction, then preposition.
_PREFIXES = ("", "و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "فك", "ول", "فل")
_MIN_CORE = 3  # shorter words are matched as typed: "ورد" is a word, not و + رد
_SNIPPET_CHARS = 240
MATCH_START = "\x02"  # the same markers as store.search
MATCH_END = "\x03"


def fold(text: str) -> str:
    """The folded spelling of a text (Latin and other scripts are left as they are)."""
    return text.translate(_TABLE)


def has_arabic(text: str) -> bool:
    """True when the text holds at least one Arabic letter."""
    return _ARABIC.search(text) is not None


def word_variants(word: str) -> tuple[str, ...]:
    """The folded written forms a query word matches, the word itself first.

    "الحسكة" and "حسكة" both give حسكه, الحسكه, وحسكه, والحسكه, بالحسكه, للحسكه, ...; a word
    shorter than three letters after its article, or not Arabic, gives itself only.
    """
    folded = fold(word)
    if any(c.isdigit() for c in folded):
        ascii_digits = folded.translate(_TO_ASCII)
        spellings = [ascii_digits.translate(str.maketrans(_DIGIT_SETS[0], s)) for s in _DIGIT_SETS]
        return tuple(dict.fromkeys([folded, *spellings]))
    if not has_arabic(folded):
        return (folded,)
    core = folded[2:] if folded.startswith("ال") and len(folded) > 2 + _MIN_CORE - 1 else folded
    if len(core) < _MIN_CORE:
        return (folded,)
    forms = [folded]
    for prefix in _PREFIXES:
        forms.append(prefix + core)
        # ل before the article drops its alef: ل + الحسكة is written للحسكة.
        forms.append(prefix[:-1] + "لل" + core if prefix.endswith("ل") else prefix + "ال" + core)
    return tuple(dict.fromkeys(forms))


def _query_forms(query: str) -> list[tuple[str, ...]]:
    """The forms of each word of a query (words are taken after the fold: "فَرَّ" is one)."""
    return [word_variants(word) for word in _QUERY_WORD.findall(fold(query))]


def has_forms(query: str) -> bool:
    """Whether some query word stands for several forms (Arabic, or a number)."""
    return any(len(forms) > 1 for forms in _query_forms(query))


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression: every word required, Arabic words as a group of their forms.

    Each form is quoted, so FTS5 operators in user input stay plain text. FTS5 wants an
    explicit AND between groups; words alone are simply listed, as before.
    """
    groups = []
    for forms in _query_forms(query):
        quoted = [f'"{form}"' for form in forms]
        groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    grouped = any(group.startswith("(") for group in groups)
    return (" AND " if grouped else " ").join(groups)


def pg_tsquery(query: str) -> str:
    """A `to_tsquery('simple', …)` expression with the same meaning as `fts5_match`.

    Words are runs of letters and digits, so none can hold tsquery syntax.
    """
    groups = []
    for word_forms in _query_forms(query):
        forms = [f.lower() for f in word_forms]
        groups.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return " & ".join(groups)


def marked_snippet(text: str, query: str) -> str | None:
    """A snippet of the original text around the first word the query finds, words marked.

    A text word is marked when its folded form is one of the query words' forms (case folded).
    None when no word of the text matches (the hit was on the title, say).
    """
    wanted = {f.casefold() for forms in _query_forms(query) for f in forms}
    matches = [m for m in _TEXT_WORD.finditer(text) if fold(m.group(0)).casefold() in wanted]
    if not matches:
        return None
    start = max(0, matches[0].start() - _SNIPPET_CHARS // 3)
    # Start and end on a word boundary, not mid-word.
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < matches[0].start() else start
    end = min(len(text), start + _SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > matches[0].end() else end
    parts, pos = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        parts += [text[pos : match.start()], MATCH_START, match.group(0), MATCH_END]
        pos = match.end()
    parts.append(text[pos:end])
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(text) else "")
