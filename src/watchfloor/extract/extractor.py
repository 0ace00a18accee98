"""Run the registered components over documents, batching the spaCy parse with nlp.pipe."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from watchfloor.extract.arabic.languages import is_arabic_code
from watchfloor.extract.components import Component, Context, ExtractOptions, check_pipeline
from watchfloor.extract.event_sentences import with_event_sentences
from watchfloor.extract.nlp import load_nlp
from watchfloor.extract.registrations import default_registry
from watchfloor.extract.resources import Resources, load_resources
from watchfloor.model import AnnotatedDocument, Document

if TYPE_CHECKING:
    from watchfloor.extract.arabic.reader import ArabicReader

__all__ = ["Extractor"]

logger = logging.getLogger(__name__)


class Extractor:
    """Reads documents into annotated documents; models and resources load once per instance.

    Extraction is a pure function of the document, the options and the packaged data, so it
    can run in worker processes for batch back-fills.
    """

    def __init__(
        self, options: ExtractOptions | None = None, resources: Resources | None = None
    ) -> None:
        self.options = options or ExtractOptions()
        self.resources = resources or load_resources()
        registry = default_registry()
        names = self.options.components or tuple(registry.names())
        self.components: tuple[Component, ...] = tuple(registry.get(n) for n in names)
        check_pipeline(self.components)
        self.nlp = load_nlp(self.options.spacy_model, self.resources.ruler_patterns())
        # Seconds spent so far in the parse ("parse") and in each component, by name: cheap
        # to keep (two clock reads per step), and what bench/throughput.py reports as shares.
        self.timings: dict[str, float] = dict.fromkeys(
            ("parse", *(c.name for c in self.components)), 0.0
        )
        self._arabic: ArabicReader | None = None

    @property
    def version(self) -> str:
        """Component names and data version: what derived rows are stamped with."""
        return ",".join(c.name for c in self.components) + "@" + self.resources.version

    def extract(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, parsing them in batches."""
        docs = list(documents) if not isinstance(documents, list) else documents
        # Route by language: Arabic and its dialect codes go to the Arabic reader.
        arabic = [d for d in docs if is_arabic_code(d.language)]
        if arabic:
            yield from self._route(docs, arabic)
            return
        texts = (d.text for d in docs)
        parsed_docs = self.nlp.pipe(
            texts, batch_size=self.options.batch_size, n_process=self.options.n_process
        )
        parsed_iter = iter(parsed_docs)
        for document in docs:
            # With n_process > 1 this is the time spent waiting for the parse workers.
            started = time.perf_counter()
            parsed = next(parsed_iter)
            self.timings["parse"] += time.perf_counter() - started
            yield self._run(document, parsed)

    def _route(self, docs: list[Document], arabic: list[Document]) -> Iterator[AnnotatedDocument]:
        """Documents in order, the Arabic ones read by the Arabic reader."""
        others = iter(self.extract([d for d in docs if not is_arabic_code(d.language)]))
        read = iter(self.arabic_reader().read_many(arabic))
        for document in docs:
            if is_arabic_code(document.language):
                yield with_event_sentences(next(read))
            else:
                yield next(others)

    def arabic_reader(self) -> ArabicReader:
        """The Arabic reader, built on first use (its name index takes about a second)."""
        if self._arabic is None:
            from watchfloor.extract.arabic.reader import ArabicReader

            self._arabic = ArabicReader(self.resources)
        return self._arabic

    def extract_one(self, document: Document) -> AnnotatedDocument:
        """Annotate a single document."""
        return next(self.extract([document]))

    def _run(self, document: Document, parsed: object) -> AnnotatedDocument:
        context = Context(parsed=parsed, resources=self.resources, options=self.options)  # type: ignore[arg-type]
        annotated = AnnotatedDocument(document=document)
        timings = self.timings
        for comp in self.components:
            started = time.perf_counter()
            annotated = comp(annotated, context)
            timings[comp.name] = timings.get(comp.name, 0.0) + time.perf_counter() - started
            if self.options.trace:
                logger.warning("trace %s %s -> %s", document.id, comp.name, comp.assigns)
        return with_event_sentences(annotated)
