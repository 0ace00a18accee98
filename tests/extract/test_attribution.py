"""Attribution chains from the parse: reporting verbs, citing, according to, vague sources."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.reading import make, seed_text, sentence_with
from watchfloor.extract.attribution import chain_at, find_attributions
from watchfloor.model import SourceKind

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "attribution.yaml").read_text())


def _names(chain) -> list[str]:
    return [s.name for s in chain[1:]]


def _link_matches(source, expected: str) -> bool:
    wanted = expected.casefold()
    return wanted in (source.name.casefold(), (source.actor_id or "").casefold())


def _chain_matches(chain, expected: list[str]) -> bool:
    if len(chain) != len(expected) + 1:
        return False
    return all(_link_matches(s, e) for s, e in zip(chain[1:], expected, strict=True))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_attribution_cases(case) -> None:
    doc, context = make(case["text"])
    doc = find_attributions(doc, context)
    text = doc.document.text
    assert len(doc.attributions) == len(case["expect"]), [a.chain for a in doc.attributions]
    for expected in case["expect"]:
        hits = [
            a
            for a in doc.attributions
            if expected["clause"] in text[a.evidence.start : a.evidence.end]
            and _chain_matches(a.chain, expected["chain"])
            and a.is_vague == expected["vague"]
        ]
        assert hits, (expected, [(_names(a.chain), a.is_vague) for a in doc.attributions])


def test_attribution_outlet_heads_every_chain() -> None:
    doc, context = make("Officials said the road was closed.", outlet=None)
    doc = find_attributions(doc, context)
    assert doc.attributions
    head = doc.attributions[0].chain[0]
    assert head.kind is SourceKind.OUTLET and head.name == "unknown outlet"


def test_attribution_chain_at_picks_innermost_clause() -> None:
    doc, context = make("The SDF said that Iraqi officials had confirmed that the camp was sealed.")
    doc = find_attributions(doc, context)
    offset = doc.document.text.index("camp")
    assert [s.actor_id for s in chain_at(doc, 0, offset)[1:]] == ["sdf", "iraq"]
    assert chain_at(doc, 0, 0) == (doc.attributions[0].chain[0],)


def test_attribution_seed_article_claims() -> None:
    doc, context = make(seed_text(), outlet="Strategic Council Online")
    doc = find_attributions(doc, context)
    text = doc.document.text

    def chain_of(snippet: str) -> list[str]:
        start = text.index(snippet)
        return _names(chain_at(doc, sentence_with(doc, snippet), start, start + len(snippet)))

    assert chain_of("approximately 1,500") == ["Rudaw", "SDF"]
    assert chain_of("between 1,500 and 3,000") == ["United Nations"]
    assert chain_of("a large number of ISIS elements fled") == ["Al Jazeera"]
    assert chain_of("risks collapsing prison security") == [
        "Autonomous Administration of North and East Syria"
    ]
    assert chain_of("will be met with direct fire") == ["Iraq"]
    assert chain_of("hundreds of ISIS elements") == []
    vague = {doc.sentences[a.evidence.sentence].text[:30] for a in doc.attributions if a.is_vague}
    assert len(vague) == 3
