"""Issue 19: one definition each for the input and body caps, the merge knobs, sentence look-up."""

from __future__ import annotations

import inspect

import pytest

from watchfloor.config import MAX_BODY_BYTES, MAX_INPUT_BYTES, MERGE_KM, MERGE_WINDOW_DAYS, Settings
from watchfloor.ingest.options import IngestOptions
from watchfloor.merge.options import MergeOptions
from watchfloor.model import AnnotatedDocument, Document, Sentence
from watchfloor.pipeline import merge_options
from watchfloor.serve.app import create_app

pytestmark = pytest.mark.issue(19)


def test_the_input_cap_is_one_value():
    assert Settings.model_fields["max_bytes"].default == MAX_INPUT_BYTES
    assert IngestOptions().max_bytes == MAX_INPUT_BYTES


def test_the_request_body_cap_is_one_value():
    assert Settings.model_fields["max_body_bytes"].default == MAX_BODY_BYTES
    assert inspect.signature(create_app).parameters["max_body_bytes"].default == MAX_BODY_BYTES


def test_merge_defaults_are_one_value():
    defaults = MergeOptions()
    assert Settings.model_fields["merge_window_days"].default == MERGE_WINDOW_DAYS
    assert Settings.model_fields["merge_km"].default == MERGE_KM
    assert (defaults.window_days, defaults.merge_km) == (MERGE_WINDOW_DAYS, MERGE_KM)
    built = merge_options()
    assert (built.window_days, built.merge_km) == (defaults.window_days, defaults.merge_km)
    # The sentence encoder's switch: one default for the setting and merge_options.
    assert (built.encoder is not None) == Settings.model_fields["merge_sentences"].default
    assert merge_options(sentences=True).encoder is not None
    assert merge_options(sentences=False).encoder is None


def test_sentence_at_finds_the_sentence_holding_an_offset(make_document):
    text = "One two.  Three four five.  Six."
    starts = [0, 10, 28]
    ends = [8, 26, 32]
    sentences = tuple(
        Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    )
    doc = AnnotatedDocument(document=make_document(text), sentences=sentences)
    assert isinstance(doc.document, Document)
    for offset in range(len(text) + 2):
        linear = next((s for s in sentences if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) == linear, offset
    assert AnnotatedDocument(document=make_document(text)).sentence_at(3) is None
    # `before`: an offset between sentences takes the last one that starts before it.
    for offset in range(len(text) + 2):
        last = [s for s in sentences if s.start <= offset][-1]
        assert doc.sentence_at(offset, before=True) == last, offset
    assert AnnotatedDocument(document=make_document(text)).sentence_at(3, before=True) is None


def test_the_sentence_encoder_is_a_setting(monkeypatch):
    monkeypatch.setenv("WATCHFLOOR_MERGE_SENTENCES", "1")
    assert Settings().merge_sentences is True
    monkeypatch.setenv("WATCHFLOOR_MERGE_SENTENCES", "off")
    assert Settings().merge_sentences is False
