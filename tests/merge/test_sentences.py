"""Sentence embeddings in the merge: evidence where fields allow it, ties, one embedding each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from helpers.merge import GHWAYRAN, HASAKAH_GOV, RAQQA, SDF_ACTOR, documents, mention, published
from watchfloor.merge import MergeOptions, merge_mentions
from watchfloor.merge.claims import claim_from_mention
from watchfloor.merge.clustering import cluster_claims
from watchfloor.merge.sentences import cosine, embed_claims, unit_vector

DAY = date(2022, 1, 20)
_AXES = {"escape": 0, "same escape": 0, "storm": 1, "talks": 2}


class FakeEncoder:
    """Sentences about one thing share an axis; counts what it is asked to embed."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.batches = 0

    def vectors(self, texts):
        self.asked.extend(texts)
        self.batches += 1
        out = []
        for text in texts:
            vector = np.zeros(4, dtype=np.float32)
            vector[_AXES.get(text.split(":")[0], 3)] = 1.0
            out.append(vector)
        return out


def _said(m, text):
    return replace(m, sentence=text)


def _groups(items, encoder=None):
    mentions = [m for m, _ in items]
    infos = documents(*((m.evidence.document_id, "Outlet", when) for m, when in items))
    result = merge_mentions(mentions, documents=infos, options=MergeOptions(encoder=encoder))
    return sorted(sorted(i.mention_ids) for i in result.incidents)


def _vague_pair(where_b):
    # One governorate, dates of ten days, no actor: nothing precise is shared.
    a = mention("a", where=HASAKAH_GOV, day=DAY, span=9, actor1=None)
    b = mention("b", where=where_b, day=DAY + timedelta(days=2), span=9, actor1=None)
    return a, b


def test_sentences_alike_stand_for_evidence_the_fields_lack():
    a, b = _vague_pair(HASAKAH_GOV)
    items = [
        (_said(a, "escape: one"), published(DAY)),
        (_said(b, "same escape: two"), published(DAY)),
    ]
    assert _groups(items) == sorted([[a.id], [b.id]])  # fields alone do not suffice
    assert _groups(items, FakeEncoder()) == [sorted([a.id, b.id])]
    unlike = [(_said(a, "escape: one"), published(DAY)), (_said(b, "talks: two"), published(DAY))]
    assert _groups(unlike, FakeEncoder()) == sorted([[a.id], [b.id]])


def test_sentences_never_pass_a_field_gate():
    # The same words about a governorate and a town in another governorate: the place forbids.
    a, b = _vague_pair(RAQQA)
    items = [
        (_said(a, "escape: one"), published(DAY)),
        (_said(b, "same escape: two"), published(DAY)),
    ]
    assert _groups(items, FakeEncoder()) == sorted([[a.id], [b.id]])
    # Nor another type family, nor a date outside the window.
    c = replace(_said(b, "escape: three"), place=HASAKAH_GOV, event_type="agreement")
    assert _groups([items[0], (c, published(DAY))], FakeEncoder()) == sorted([[a.id], [c.id]])
    late = mention("late", where=HASAKAH_GOV, day=DAY + timedelta(days=40), actor1=None)
    assert len(_groups([items[0], (_said(late, "escape: 4"), published(DAY))], FakeEncoder())) == 2


def test_sentences_break_a_tie_between_incidents_the_fields_fit_alike():
    first = _said(mention("r1", where=GHWAYRAN, day=DAY), "escape: first")
    second = _said(
        mention("r2", where=GHWAYRAN, day=DAY + timedelta(days=8), actor1=SDF_ACTOR), "storm: two"
    )
    newcomer = _said(
        mention("r3", where=GHWAYRAN, day=DAY + timedelta(days=4), actor1=None), "storm: three"
    )
    items = [
        (first, published(DAY)),
        (second, published(DAY + timedelta(days=8))),
        (newcomer, published(DAY + timedelta(days=9))),
    ]
    # By fields the newcomer fits both equally: the earlier-founded incident wins the tie ...
    assert sorted([first.id, newcomer.id]) in _groups(items)
    # ... unless its sentence says what the other incident's report says.
    assert sorted([second.id, newcomer.id]) in _groups(items, FakeEncoder())


def test_claims_the_fields_decide_are_never_embedded():
    # Five reports of one day and town with a named actor: the fields suffice, nothing is asked.
    said = [_said(mention(f"d{n}", day=DAY), f"escape: {n}") for n in range(5)]
    quiet = mention("quiet", day=DAY)
    claims = [claim_from_mention(m, None) for m in [*said, quiet]]
    encoder = FakeEncoder()
    assert len(cluster_claims(claims, MergeOptions(encoder=encoder))) == 1
    assert encoder.asked == []
    vectors = embed_claims(claims, encoder)
    assert set(vectors) == {m.id for m in said}
    assert unit_vector([claims[-1]], vectors) is None
    assert cosine(unit_vector(claims[:2], vectors), vectors[said[0].id]) == 1.0


def test_a_pair_lacking_evidence_is_embedded_once_in_one_batch():
    a, b = _vague_pair(HASAKAH_GOV)
    c = replace(_said(mention("c", where=RAQQA, day=DAY), "escape: far"), actor1=None)
    items = [
        (_said(a, "escape: one"), published(DAY)),
        (_said(b, "same escape: two"), published(DAY)),
        (c, published(DAY)),
    ]
    encoder = FakeEncoder()
    assert sorted([a.id, b.id]) in _groups(items, encoder)
    # Only the two whose fields passed every gate are embedded, together, each once; the report
    # from another governorate is never compared by its sentence.
    assert sorted(encoder.asked) == ["escape: one", "same escape: two"]
    assert encoder.batches == 1


def test_a_tie_embeds_the_unit_and_the_tied_incidents_in_one_batch():
    first = _said(mention("r1", where=GHWAYRAN, day=DAY), "escape: first")
    second = _said(
        mention("r2", where=GHWAYRAN, day=DAY + timedelta(days=8), actor1=SDF_ACTOR), "storm: two"
    )
    newcomer = _said(
        mention("r3", where=GHWAYRAN, day=DAY + timedelta(days=4), actor1=None), "storm: three"
    )
    encoder = FakeEncoder()
    _groups(
        [
            (first, published(DAY)),
            (second, published(DAY + timedelta(days=8))),
            (newcomer, published(DAY + timedelta(days=9))),
        ],
        encoder,
    )
    assert sorted(encoder.asked) == sorted(["escape: first", "storm: two", "storm: three"])
    assert encoder.batches == 1
