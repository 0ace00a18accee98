"""Each event mention keeps the text of its trigger's sentence, for the merge's sentence encoder.

The merge compares reports of one happening across outlets and languages; a multilingual
sentence encoder may propose candidates among them and break ties (`merge.sentences`). It needs
the sentence each event was read from, which the reading has and the merge does not: it is
copied onto the mention once here, after every component ran, for English and Arabic alike.
"""

from __future__ import annotations

from dataclasses import replace

from watchfloor.model import AnnotatedDocument

__all__ = ["MAX_SENTENCE_CHARS", "with_event_sentences"]

# A sentence longer than this is cut: the encoder reads a sentence's gist, not a page.
MAX_SENTENCE_CHARS = 600


def with_event_sentences(annotated: AnnotatedDocument) -> AnnotatedDocument:
    """The document with every event's `sentence` set to its trigger's sentence text."""
    if not annotated.events:
        return annotated
    events = []
    for event in annotated.events:
        found = annotated.sentence_at(event.evidence.start)
        if found is None:
            events.append(event)
            continue
        sentence = " ".join(found.text.split())[:MAX_SENTENCE_CHARS]
        events.append(replace(event, sentence=sentence))
    return replace(annotated, events=tuple(events))
