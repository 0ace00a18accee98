"""The product's merge with the multilingual sentence encoder on: real sample reports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from watchfloor.extract import Extractor
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.merge import merge_mentions
from watchfloor.merge.sentences import Usem3Encoder, cosine
from watchfloor.model import Document
from watchfloor.pipeline import merge_options

CORPUS = Path(__file__).resolve().parents[2] / "src" / "watchfloor" / "samples" / "corpus"


def _sample(name: str) -> Document:
    (document,) = [
        d for d in read_inputs([str(CORPUS / name)], IngestOptions()) if isinstance(d, Document)
    ]
    return document


@pytest.fixture(scope="module")
def readings():
    english = _sample("synthetic-sample-wire-2022-01-21-hasakah-prison-attack.txt")
    arabic = _sample("synthetic-sample-wire-arabic-2022-01-22.txt")
    return english, arabic, list(Extractor().extract([english, arabic]))


def test_events_carry_their_trigger_sentence_in_both_languages(readings) -> None:
    english, arabic, (read_en, read_ar) = readings
    for document, read in ((english, read_en), (arabic, read_ar)):
        assert read.events
        for event in read.events:
            sentence = read.sentence_at(event.evidence.start)
            assert sentence is not None and event.sentence
            assert event.sentence == " ".join(sentence.text.split())[: len(event.sentence)]
            assert document.text[event.evidence.start : event.evidence.end] in sentence.text


def test_arabic_and_english_reports_merge_with_the_encoder_on(readings) -> None:
    english, arabic, read = readings
    options = merge_options(sentences=True)
    assert options.encoder is not None
    result = merge_mentions([e for r in read for e in r.events], options=options)
    both = [
        i for i in result.incidents if {c.document_id for c in i.claims} == {english.id, arabic.id}
    ]
    prison = [i for i in both if i.place is not None and i.place.place_id == "fac-ghwayran-prison"]
    assert prison and any(i.independent_origins >= 2 for i in prison)
    assert all(c.sentence for i in prison for c in i.claims)


def test_encoder_matches_a_translation_and_embeds_a_sentence_once() -> None:
    encoder = Usem3Encoder(cache_size=8)
    english = "Gunmen attacked the Ghwayran prison in Hasakah on Thursday night."
    arabic = "هاجم مسلحون سجن غويران في الحسكة ليل الخميس."
    other = "The foreign minister held talks with his Turkish counterpart in Ankara."
    vectors = encoder.vectors([english, arabic, other])
    assert all(abs(float(np.linalg.norm(v)) - 1.0) < 1e-2 for v in vectors)
    translation, unrelated = cosine(vectors[0], vectors[1]), cosine(vectors[0], vectors[2])
    assert translation is not None and unrelated is not None and translation > unrelated + 0.3
    assert encoder.embedded == 3
    again = encoder.vectors([arabic, english, arabic])
    assert encoder.embedded == 3, "cached sentences are not embedded again"
    assert np.allclose(again[1], vectors[0])
