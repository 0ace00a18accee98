"""Statement kinds per sentence, decided by documented cues."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.reading import make, seed_text, sentence_with
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.statements import find_statements
from watchfloor.model import StatementKind

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "statements.yaml").read_text())


def _read(text: str, **kwargs):
    doc, context = make(text, **kwargs)
    return find_statements(find_attributions(doc, context), context)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_statements_cases(case) -> None:
    doc = _read(case["text"])
    kinds = [s.kind.value for s in doc.statements if s.sentence == 0]
    assert kinds[0] == case["kinds"][0], [(s.kind, s.reasons) for s in doc.statements]
    assert set(case["kinds"]) <= set(kinds)


def test_statements_every_sentence_has_one_main_reading_with_reasons() -> None:
    doc = _read("The SDF said the camp was calm. We must act. Is it over?")
    main = [s for s in doc.statements if s.evidence.start == doc.sentences[s.sentence].start]
    assert [s.sentence for s in main] == [0, 1, 2]
    assert all(s.reasons for s in doc.statements)
    assert [s.kind for s in main] == [
        StatementKind.ATTRIBUTED_CLAIM,
        StatementKind.CALL_TO_ACTION,
        StatementKind.QUESTION,
    ]


def test_statements_attributed_chain_is_carried() -> None:
    doc = _read("Rudaw reported, citing the SDF, that 1,500 prisoners escaped.", outlet="Desk")
    (statement,) = doc.statements
    assert [s.name for s in statement.chain] == ["Desk", "Rudaw", "SDF"]


def test_statements_obligation_inside_a_quote_is_the_speakers() -> None:
    doc = _read("The SDF said that the coalition must send more guards.")
    assert doc.statements[0].kind is StatementKind.ATTRIBUTED_CLAIM


GOLDEN = {
    StatementKind.UNSUPPORTED_ASSERTION: [
        "managed behind the scenes by the US government",
        "for which America and the Israeli regime are the",
        "one of the complex and hidden programs of the Zionist regime and the United States",
    ],
    StatementKind.VAGUE_ATTRIBUTION: [
        "Numerous documents and pieces of evidence indicate",
        "statistics indicate the presence of tens of thousands",
        "Existing evidence and some security reports in the region clearly show",
    ],
    StatementKind.CALL_TO_ACTION: [
        "Countries in the region and around the world must turn to commitments",
        "Commitments must be transformed into",
    ],
    StatementKind.ATTRIBUTED_CLAIM: [
        "Rudaw” reported, citing the Syrian Democratic Forces",
        "according to UN reports",
    ],
}


def test_statements_seed_article_kinds() -> None:
    doc = _read(seed_text(), outlet="Strategic Council Online")
    for kind, snippets in GOLDEN.items():
        for snippet in snippets:
            index = sentence_with(doc, snippet)
            kinds = {s.kind for s in doc.statements if s.sentence == index}
            assert kind in kinds, (snippet, kinds)
