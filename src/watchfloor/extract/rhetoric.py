"""Rhetorical markers: scare quotes vs quotations vs quoted names, loaded terms, hedges, boosters.

A quoted span is
- a quotation when someone says it: it lies in the clause of a named attribution, or sits right
  beside a reporting verb, or is itself a full clause (a subject and a finite verb);
- a quoted name when it names something: it is covered by an actor or place mention, or it is a
  short phrase with a proper noun and no verb ("“Rudaw”", "“al-Shaddadi prison”");
- otherwise a scare quote: the author's emphasis or distance ("“strategic exploitation”").
Loaded and derogatory terms, hedges and boosters come from the packaged lexicons; terms inside
a real quotation belong to the quoted speaker and are not marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Span, Token

from watchfloor.extract.attribution import sentence_span
from watchfloor.extract.components import Context, component
from watchfloor.extract.loaded_language import find_patterns
from watchfloor.model import AnnotatedDocument, Evidence, Marker, MarkerKind
from watchfloor.resolve.ontology import load_lexicon

__all__ = ["NAME", "find_markers", "find_terms", "quoted_spans"]

NAME = "watchfloor.rhetoric.v1"

_OPEN = {"“": "”", "«": "»", '"': '"', "‘": "’"}
_MAX_TERM_WORDS = 5
# Hedge words that are also names or nouns: only their modal use hedges ("May", "might").
_MODAL_ONLY = frozenset({"may", "might", "could"})
_FULL_CLAUSE_WORDS = 6  # a quotation with a subject and a verb, at least this long


def find_terms(span: Span, lexicon: Mapping[str, str]) -> list[tuple[int, int, str, str]]:
    """Lexicon entries found in a span: (first token, end token, entry, tag), longest first.

    Single words match the token or its lemma; multiword entries match the lower-case words
    in sequence. Matches do not overlap.
    """
    found: list[tuple[int, int, str, str]] = []
    heads, starts = _entry_index(lexicon)
    tokens = [t for t in span if not t.is_space]
    lowers = [t.lower_ for t in tokens]
    text: str | None = None  # the span's text, read once and only if a window is tried
    i = 0
    while i < len(tokens):
        match = None
        first = lowers[i]
        # When the first token is plain ASCII, both window keys below begin with its lower-case
        # text, and with it as a whole word when a space follows it. So no entry can match
        # unless one starts that way: skip the windows (most tokens). Any other text takes the
        # full path, so the results never differ.
        if (
            not _is_plain(first)
            or first in heads
            or (not tokens[i].whitespace_ and first in starts)
        ):
            text = span.text if text is None else text
            match = _longest_window(tokens, lowers, i, lexicon, text, span.start_char)
        if match is None:
            token = tokens[i]
            for key in (first, token.lemma_.lower()):
                if key in lexicon and _word_fits(token, key):
                    match = (token.i, token.i + 1, key, lexicon[key])
                    break
        if match is not None:
            found.append(match)
            i += match[1] - match[0]
        else:
            i += 1
    return found


def _longest_window(
    tokens: list[Token],
    lowers: list[str],
    i: int,
    lexicon: Mapping[str, str],
    text: str,
    base: int,
) -> tuple[int, int, str, str] | None:
    """The longest entry of two words or more starting at tokens[i], if any.

    `text` is the span's text and `base` its first character's offset in the document.
    """
    start = tokens[i].idx - base
    for size in range(min(_MAX_TERM_WORDS, len(tokens) - i), 1, -1):
        words = " ".join(lowers[i : i + size])
        if words not in lexicon:
            # Hyphenated entries ("so-called") are several tokens with no spaces between.
            last = tokens[i + size - 1]
            words = " ".join(text[start : last.idx + len(last.text) - base].lower().split())
        if words in lexicon:
            return (tokens[i].i, tokens[i + size - 1].i + 1, words, lexicon[words])
    return None


def _is_plain(word: str) -> bool:
    """ASCII with no whitespace: lowering it alone or inside a longer slice gives the same."""
    return bool(word) and word.isascii() and word.isprintable() and " " not in word


# Lexicons in use (held, so an id is never reused while cached), with their entries' first
# words and every leading substring of an entry.
_INDEX: dict[int, tuple[Mapping[str, str], int, frozenset[str], frozenset[str]]] = {}
_MAX_CACHED_LEXICONS = 64


def _entry_index(lexicon: Mapping[str, str]) -> tuple[frozenset[str], frozenset[str]]:
    """Entries' first words and all their prefixes, built once per lexicon object."""
    cached = _INDEX.get(id(lexicon))
    if cached is not None and cached[0] is lexicon and cached[1] == len(lexicon):
        return cached[2], cached[3]
    heads = frozenset(entry.split(" ")[0] for entry in lexicon)
    prefixes = frozenset(entry[:n] for entry in lexicon for n in range(1, len(entry) + 1))
    if len(_INDEX) >= _MAX_CACHED_LEXICONS:
        _INDEX.clear()  # only ad-hoc lexicons (tests) get here; the packaged ones are few
    _INDEX[id(lexicon)] = (lexicon, len(lexicon), heads, prefixes)
    return heads, prefixes


def _word_fits(token: Token, key: str) -> bool:
    """Whether a single-word lexicon hit is that word's sense ("may" the modal, not the month)."""
    if key in _MODAL_ONLY:
        return token.tag_ == "MD"
    return True


def quoted_spans(span: Span) -> list[tuple[int, int, int]]:
    """Quoted stretches of a sentence: (start char, end char, word count), marks excluded."""
    found: list[tuple[int, int, int]] = []
    opener: Token | None = None
    for token in span:
        text = token.text
        if opener is None and text in _OPEN:
            opener = token
        elif opener is not None and text == _OPEN[opener.text]:
            inner = [t for t in span.doc[opener.i + 1 : token.i] if not t.is_punct]
            if inner:
                # Punctuation inside the marks ("organizers,”) is not part of the phrase.
                end = inner[-1].idx + len(inner[-1].text)
                found.append((opener.idx + 1, end, len(inner)))
            opener = None
    return found


@component(
    NAME,
    requires={"parse", "sentences", "actors", "places", "attributions"},
    assigns={"markers"},
)
def find_markers(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Quotation marks read as scare quotes, quotations or names; loaded terms; hedges; boosters."""
    markers: list[Marker] = []
    named_clauses = [(a.evidence.start, a.evidence.end) for a in doc.attributions if not a.is_vague]
    names = [(m.evidence.start, m.evidence.end) for m in doc.actors]
    names += [(m.evidence.start, m.evidence.end) for m in doc.places]
    text = doc.document.text
    loaded = load_lexicon("loaded_terms")
    for sentence in doc.sentences:
        span = sentence_span(context, sentence.start, sentence.end)
        if span is None:
            continue

        def marker(kind: MarkerKind, start: int, end: int, index: int = sentence.index) -> Marker:
            return Marker(kind, text[start:end], Evidence(doc.document.id, index, start, end, NAME))

        quotations: list[tuple[int, int]] = []
        for start, end, words in quoted_spans(span):
            inner = span.doc.char_span(start, end, alignment_mode="expand")
            kind = _quote_kind(inner, start, end, words, named_clauses, names)
            if kind is MarkerKind.QUOTATION:
                quotations.append((start, end))
            markers.append(marker(kind, start, end))

        def quoted(
            token_index: int, span: Span = span, inside: list[tuple[int, int]] = quotations
        ) -> bool:
            offset = span.doc[token_index].idx
            return any(a <= offset < b for a, b in inside)

        # A listed term wins over a pattern, except that a judging word on a people noun
        # ("corrupt officials") is name calling as a whole.
        patterns = find_patterns(span)
        calling = [(i, j) for i, j, tag in patterns if tag == "name_calling"]
        listed: set[int] = set()
        for i, j, _, tag in find_terms(span, loaded):
            if tag != "name_calling" and any(a <= i and j <= b for a, b in calling):
                continue
            listed.update(range(i, j))
            if not quoted(i):
                kind = MarkerKind.NAME_CALLING if tag == "name_calling" else MarkerKind.LOADED_TERM
                markers.append(marker(kind, span.doc[i].idx, _end(span, j)))
        for i, j, tag in patterns:
            if not quoted(i) and not listed.intersection(range(i, j)):
                kind = MarkerKind.NAME_CALLING if tag == "name_calling" else MarkerKind.LOADED_TERM
                markers.append(marker(kind, span.doc[i].idx, _end(span, j)))
        for lexicon, kind in (("hedges", MarkerKind.HEDGE), ("boosters", MarkerKind.BOOSTER)):
            for i, j, _, _ in find_terms(span, load_lexicon(lexicon)):
                if not quoted(i):
                    markers.append(marker(kind, span.doc[i].idx, _end(span, j)))
    markers.sort(key=lambda m: (m.evidence.start, m.evidence.end))
    return replace(doc, markers=tuple(markers))


def _is_name(token: Token) -> bool:
    """A proper-name word: tagged PROPN, or capitalised where a sentence does not start."""
    if token.pos_ == "PROPN":
        return True
    return token.is_title and not token.is_sent_start and token.pos_ in ("NOUN", "ADJ")


def _end(span: Span, token_end: int) -> int:
    """Character end of the token before `token_end`."""
    last = span.doc[token_end - 1]
    return last.idx + len(last.text)


def _quote_kind(
    inner: Span | None,
    start: int,
    end: int,
    words: int,
    named_clauses: list[tuple[int, int]],
    names: list[tuple[int, int]],
) -> MarkerKind:
    """Quotation, quoted name or scare quote, by the rules in the module docstring."""
    if any(a <= start and end <= b for a, b in names) or any(
        start <= a and b <= end and (b - a) >= (end - start) - 2 for a, b in names
    ):
        return MarkerKind.QUOTED_NAME
    has_verb = inner is not None and any(t.pos_ in ("VERB", "AUX") for t in inner)
    if inner is not None and words <= 4 and not has_verb and any(_is_name(t) for t in inner):
        return MarkerKind.QUOTED_NAME
    if any(a <= start < b for a, b in named_clauses):
        return MarkerKind.QUOTATION  # a partial quotation inside what a named source says
    if inner is None:
        return MarkerKind.SCARE_QUOTE
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in inner)
    if has_verb and has_subject and words >= _FULL_CLAUSE_WORDS:
        return MarkerKind.QUOTATION
    return MarkerKind.SCARE_QUOTE
