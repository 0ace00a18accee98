"""How each sentence asserts what it says: reported fact, attributed claim, opinion, ...

Decided by explicit cues, in this order (docs/reading.md explains each):

1. question: the sentence ends with a question mark.
2. call_to_action: an obligation cue ("must", "should", "need to", "it is essential") or an
   imperative, in the author's voice (not inside an attributed clause).
3. attributed_claim: a reporting construction with a named source (actor, outlet, person).
4. vague_attribution: a reporting construction whose source is not named ("sources said").
5. unsupported_assertion: a claim of wrongdoing, intent, hidden agency or causation
   ("organizers", "behind the scenes", "hidden programs", "exploitation") in the author's voice.
6. opinion: the learned subjectivity score (extract/subjectivity.py) is 0.5 or more; its
   probability and strongest cues, then the lexicon cues found, are the reasons.
7. reported_fact: none of the above (with the same reasons, below 0.5).

A sentence gets one main Statement (spanning the sentence). When a clause of it reads
differently, it gets a second, clause-level Statement: an agency claim inside a vague
attribution or a subordinate clause is still unsupported ("some reports show that X,
managed behind the scenes by Y" asserts the management with no source).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from watchfloor.extract.attribution import outlet_source, sentence_span
from watchfloor.extract.components import Context, component
from watchfloor.extract.rhetoric import find_terms, quoted_spans
from watchfloor.extract.subjectivity import load_model
from watchfloor.model import (
    AnnotatedDocument,
    Attribution,
    Evidence,
    Sentence,
    Source,
    Statement,
    StatementKind,
)
from watchfloor.resolve.ontology import load_lexicon

__all__ = ["NAME", "classify_sentence", "find_statements", "opinion_cues"]

NAME = "watchfloor.statements.v1"

_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself"})
_FIRST_PLURAL = frozenset({"we", "our", "ours"})
_STANCE_VERBS = frozenset({"think", "believe", "feel", "argue", "suspect", "doubt", "hope", "fear"})
_HEDGE_MODALS = frozenset({"may", "might", "could", "would"})
# Dependency labels that head a clause or participle phrase: a clause-level statement spans one.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "conj", "ROOT", "xcomp", "pcomp"})


@component(
    NAME,
    requires={"parse", "sentences", "attributions"},
    assigns={"statements"},
)
def find_statements(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """One Statement per sentence, plus clause-level ones where a clause reads differently."""
    statements: list[Statement] = []
    # Attributions by sentence, in document order, so no sentence scans them all.
    by_sentence: dict[int, list[Attribution]] = {}
    for attribution in doc.attributions:
        by_sentence.setdefault(attribution.evidence.sentence, []).append(attribution)
    for sentence in doc.sentences:
        span = sentence_span(context, sentence.start, sentence.end)
        if span is None:
            continue
        own = by_sentence.get(sentence.index, [])
        statements.extend(classify_sentence(doc, sentence, span, attributions=own))
    return replace(doc, statements=tuple(statements))


def classify_sentence(
    doc: AnnotatedDocument,
    sentence: Sentence,
    span: Span,
    *,
    attributions: Sequence[Attribution] | None = None,
) -> list[Statement]:
    """The statements of one sentence: its main reading first, then differing clauses.

    `attributions` are the sentence's own, in document order, when the caller has them.
    """
    outlet = (outlet_source(doc),)
    if attributions is None:
        attributions = [a for a in doc.attributions if a.evidence.sentence == sentence.index]
    named = [a for a in attributions if not a.is_vague]
    vague = [a for a in attributions if a.is_vague]

    def inside(token: Token, among: Sequence[Attribution]) -> bool:
        return any(a.evidence.start <= token.idx < a.evidence.end for a in among)

    def evidence(start: int, end: int) -> Evidence:
        return Evidence(doc.document.id, sentence.index, start, end, NAME)

    def statement(kind: StatementKind, chain: tuple[Source, ...], reasons: list[str]) -> Statement:
        return Statement(
            sentence.index, kind, chain, tuple(reasons), evidence(span_start, span_end)
        )

    span_start, span_end = sentence.start, sentence.end
    obligation = [
        (i, j, entry) for i, j, entry, _ in find_terms(span, load_lexicon("obligation"))
        if not inside(span.doc[i], attributions)
    ]  # fmt: skip
    agency = [
        (i, j, entry) for i, j, entry, _ in find_terms(span, load_lexicon("agency_claims"))
        if not inside(span.doc[i], named)
    ]  # fmt: skip
    text = sentence.text.rstrip("\"”’' )")
    main: Statement
    if text.endswith("?"):
        main = statement(StatementKind.QUESTION, outlet, ["ends with a question mark"])
    elif obligation or _is_imperative(span):
        cues = [f"obligation: {e}" for _, _, e in obligation] or ["imperative verb"]
        main = statement(StatementKind.CALL_TO_ACTION, outlet, cues)
    elif named:
        first = max(named, key=lambda a: a.evidence.end - a.evidence.start)
        reasons = [f"{a.verb}: {' > '.join(s.name for s in a.chain[1:])}" for a in named]
        main = statement(StatementKind.ATTRIBUTED_CLAIM, first.chain, reasons)
    elif vague:
        first = max(vague, key=lambda a: a.evidence.end - a.evidence.start)
        reasons = [f"vague source: {a.chain[-1].name} {a.verb}" for a in vague]
        main = statement(StatementKind.VAGUE_ATTRIBUTION, first.chain, reasons)
    elif agency:
        reasons = [f"agency claim without source: {e}" for _, _, e in agency]
        main = statement(StatementKind.UNSUPPORTED_ASSERTION, outlet, reasons)
    else:
        # The author's voice: the learned score decides, the lexicon cues explain.
        learned = load_model().score(span, attributions)
        _, cues = opinion_cues(span, attributions)
        reasons = learned.reasons() + cues
        if learned.probability >= 0.5:
            main = statement(StatementKind.OPINION, outlet, reasons)
        else:
            main = statement(StatementKind.REPORTED_FACT, outlet, reasons)
    found = [main]
    if main.kind is not StatementKind.UNSUPPORTED_ASSERTION and agency:
        # The agency claim still stands without a source in a clause of its own.
        i, _, entry = agency[0]
        start, end = _clause_extent(span.doc[i], span)
        found.append(
            Statement(
                sentence.index,
                StatementKind.UNSUPPORTED_ASSERTION,
                outlet,
                (f"agency claim without a named source: {entry}",),
                evidence(start, end),
            )
        )
    return found


def opinion_cues(span: Span, attributions: Sequence[Attribution]) -> tuple[float, list[str]]:
    """The lexicon cues of a sentence in the author's voice (the explanation), with their sum."""
    score = 0.0
    reasons: list[str] = []

    def voiced(token: Token) -> bool:
        return not any(a.evidence.start <= token.idx < a.evidence.end for a in attributions)

    quoted = quoted_spans(span)
    for i, _, entry, _ in find_terms(span, load_lexicon("evaluative")):
        token = span.doc[i]
        if voiced(token) and not any(a <= token.idx < b for a, b, _ in quoted):
            score += 1.0
            reasons.append(f"evaluative: {entry}")
    for i, _, entry, _ in find_terms(span, load_lexicon("boosters")):
        if voiced(span.doc[i]):
            score += 1.0
            reasons.append(f"booster: {entry}")
    for i, _, entry, _ in find_terms(span, load_lexicon("loaded_terms")):
        if voiced(span.doc[i]):
            score += 1.0
            reasons.append(f"loaded term: {entry}")
    for token in span:
        if not voiced(token) or any(a <= token.idx < b for a, b, _ in quoted):
            continue
        lower = token.lower_
        if lower in _FIRST_PERSON:
            # News quotes people saying "I"; the authorial voice is "we"/"our", or "I" with a
            # stance verb ("I think").
            stance = token.head.lemma_.lower() in _STANCE_VERBS and token.dep_ == "nsubj"
            weight = 1.0 if lower in _FIRST_PLURAL or stance else 0.5
            score += weight
            reasons.append(f"first person: {token.text}")
        elif lower in _HEDGE_MODALS and token.tag_ == "MD":
            score += 0.5
            reasons.append(f"hedging modal: {token.text}")
        elif token.tag_ in ("JJS", "RBS") or (lower == "most" and token.dep_ == "advmod"):
            score += 0.5
            reasons.append(f"superlative: {token.text}")
        elif token.text == "!":
            score += 1.0
            reasons.append("exclamation")
    for _, _, words in quoted:
        if words <= 4:
            score += 1.0
            reasons.append("short quoted phrase (scare quote)")
    return score, reasons


def _is_imperative(span: Span) -> bool:
    """A bare verb heading the sentence with no subject ("Stop the repatriations.")."""
    root = span.root
    if root.tag_ != "VB" or root.pos_ != "VERB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "mark") for c in root.children):
        return False
    first = next((t for t in span if t.is_alpha), None)
    return first is not None and first.i == root.i  # tokens are views: compare positions


def _clause_extent(token: Token, span: Span) -> tuple[int, int]:
    """Character extent of the smallest clause (or participle phrase) holding a token."""
    node = token
    while node.dep_ not in _CLAUSE_DEPS and node.head != node:
        node = node.head
    tokens = [t for t in node.subtree if span.start <= t.i < span.end]
    if not tokens:
        return span.start_char, span.end_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
