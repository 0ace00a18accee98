"""The store's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Raw documents are never deleted by re-processing. Derived rows (annotations, event mentions,
incidents) carry the extractor version and are replaced wholesale when rebuilt. Timestamps are
stored as ISO-8601 text in UTC so that both engines sort and compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "audit_log",
    "documents",
    "event_mentions",
    "incident_actors",
    "incident_blocks",
    "incident_members",
    "incidents",
    "metadata",
    "overrides",
    "readings",
    "rejections",
]

metadata = MetaData()

# What the overview's map reads of each incident, in the order of its covering index: the
# columns come after the large `data` column in each row, so reading them from the table
# follows every row's overflow pages (2,000 markers: 50 ms from the table, 3 ms from the index).
MARKER_COLUMNS = (
    "date_end",
    "id",
    "lat",
    "lon",
    "event_type",
    "place_name",
    "country_code",
    "date_start",
    "origins",
    "corroboration",
    "precision",
    "biggest",
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("previous_version", String(40), ForeignKey("documents.id"), nullable=True),
    Column("source", Text, nullable=False),
    Column("url", Text, nullable=True),
    Column("outlet", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("author", Text, nullable=True),
    Column("published", String(40), nullable=True),
    Column("retrieved", String(40), nullable=False),
    Column("ingested", String(40), nullable=False),
    Column("language", String(16), nullable=False),
    Column("genre", String(32), nullable=False),
    Column("media_type", String(80), nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),  # zlib-compressed original bytes
    Column("removed", JSON, nullable=False),
    Column("extras", JSON, nullable=False),
    Index("ix_documents_url", "url"),
    Index("ix_documents_outlet", "outlet"),
    Index("ix_documents_published", "published"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("source", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("created", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Column("times", Integer, nullable=False, default=1),
    Column("detail", Text, nullable=False, default=""),
    UniqueConstraint("source", "content_hash", "code", "stage", name="uq_rejection"),
)

readings = Table(
    "readings",
    metadata,
    Column(
        "document_id",
        String(40),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("extractor", Text, nullable=False),
    Column("genre", String(32), nullable=True),
    Column("created", String(40), nullable=False),
    Column("data", JSON, nullable=False),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column(
        "document_id",
        String(40),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event_type", String(64), nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("date_start", String(10), nullable=True),
    Column("date_end", String(10), nullable=True),
    Column("extractor", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_event_mentions_document", "document_id"),
    Index("ix_event_mentions_type", "event_type"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event_type", String(64), nullable=False),
    Column("family", String(64), nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("place_name", Text, nullable=True),
    Column("country_code", String(4), nullable=True),
    Column("admin1", Text, nullable=True),
    Column("date_start", String(10), nullable=True),
    Column("date_end", String(10), nullable=True),
    Column("origins", Integer, nullable=False, default=0),
    Column("corroboration", String(32), nullable=True),
    Column("updated", String(40), nullable=False),
    Column("data", JSON, nullable=False),
    # What the map draws without parsing `data` (migration 0007).
    Column("precision", String(16), nullable=True),
    Column("biggest", Integer, nullable=True),
    # What a list row shows of the incident (store/incident_summary.py, migration 0009).
    Column("summary", JSON, nullable=True),
    # The point's cell of the lat/lon grid (store/spatial.py, migration 0011).
    Column("cell", Integer, nullable=True),
    Index("ix_incidents_type", "event_type"),
    Index("ix_incidents_dates", "date_start", "date_end"),
    Index("ix_incidents_order", "date_end", "id"),
    Index("ix_incidents_type_order", "event_type", "date_end"),
    Index("ix_incidents_location", "lat", "lon"),
    Index("ix_incidents_updated", "updated", "id"),  # TAXII added_after (migration 0008_taxii)
    # The map's markers read from the index alone, latest first (migration 0009).
    Index("ix_incidents_markers", *MARKER_COLUMNS),
    # Point-and-radius filters: a few cells, then the marker columns from the index alone.
    Index("ix_incidents_cell", "cell", *MARKER_COLUMNS),
    # A type filter's markers from the index alone (migration 0011).
    Index(
        "ix_incidents_type_markers",
        "event_type",
        *(c for c in MARKER_COLUMNS if c != "event_type"),
    ),
)

# Who acts in each incident, so actor filters are answered by an index (migration 0006).
incident_actors = Table(
    "incident_actors",
    metadata,
    Column(
        "incident_id",
        String(40),
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("actor_key", String(200), primary_key=True),  # catalogue id, else "name:<folded>"
    Column("role", String(16), primary_key=True),
    Column("actor_id", String(80), nullable=True),
    Column("name_folded", String(200), nullable=False),
    Index("ix_incident_actors_actor_id", "actor_id"),
    Index("ix_incident_actors_name", "name_folded"),
)

incident_blocks = Table(
    "incident_blocks",
    metadata,
    Column(
        "incident_id",
        String(40),
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("block", String(128), primary_key=True),
    Index("ix_incident_blocks_block", "block"),
)

incident_members = Table(
    "incident_members",
    metadata,
    Column(
        "incident_id",
        String(40),
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("mention_id", String(40), primary_key=True),
    Index("ix_incident_members_mention", "mention_id"),
)

overrides = Table(
    "overrides",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("created", String(40), nullable=False),
    Column("author", Text, nullable=True),
    Column("data", JSON, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("actor", Text, nullable=True),
    Column("action", String(64), nullable=False),
    Column("target", Text, nullable=True),
    Column("detail", JSON, nullable=False),
)
