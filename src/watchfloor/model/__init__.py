"""The shared model: frozen dataclasses every stage reads and writes. Imports nothing else."""

from watchfloor.model.annotated import AnnotatedDocument
from watchfloor.model.document import Document, Genre, document_id, normalise_text
from watchfloor.model.events import Anchor, EventMention, Figure, Modality, event_mention_id
from watchfloor.model.mentions import (
    APPROXIMATION,
    ActorMention,
    DateMention,
    DatePrecision,
    Evidence,
    Marker,
    MarkerKind,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    ResolvedPlace,
    Sentence,
)
from watchfloor.model.provenance import (
    Attribution,
    Source,
    SourceKind,
    Statement,
    StatementKind,
    origin_key,
)
from watchfloor.model.rejection import Rejection, content_hash
from watchfloor.model.serialize import from_plain, to_plain

__all__ = [
    "APPROXIMATION",
    "ActorMention",
    "Anchor",
    "AnnotatedDocument",
    "Attribution",
    "DateMention",
    "DatePrecision",
    "Document",
    "EventMention",
    "Evidence",
    "Figure",
    "Genre",
    "Marker",
    "MarkerKind",
    "Modality",
    "PlaceMention",
    "Precision",
    "Qualifier",
    "Quantity",
    "Rejection",
    "ResolvedPlace",
    "Sentence",
    "Source",
    "SourceKind",
    "Statement",
    "StatementKind",
    "content_hash",
    "document_id",
    "event_mention_id",
    "from_plain",
    "normalise_text",
    "origin_key",
    "to_plain",
]
