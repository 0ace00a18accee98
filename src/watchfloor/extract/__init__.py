"""Extraction: Document → AnnotatedDocument, a pure function per document."""

from watchfloor.extract.components import Component, Context, ExtractOptions, component
from watchfloor.extract.extractor import Extractor

__all__ = ["Component", "Context", "ExtractOptions", "Extractor", "component"]
