"""Exchange with partner desks: `import taxii`, `incidents mark` and the shared printing."""

from __future__ import annotations

import os

import click

from watchfloor.cli.common import db_option, fail, load_settings, open_db, stderr, watchfloor_errors
from watchfloor.config import Settings
from watchfloor.export.stix_check import StixLimits
from watchfloor.export.stix_import import ImportReport
from watchfloor.export.taxii_client import PartnerFeed, PollReport, poll_collection
from watchfloor.export.tlp import LEVELS, normalise_level
from watchfloor.pipeline import merge_options
from watchfloor.store.exchange import ExchangeState

__all__ = ["import_taxii", "mark_incident", "print_import", "print_poll", "stix_limits"]


def stix_limits(settings: Settings) -> StixLimits:
    """The caps on partner bundles, from the settings."""
    return StixLimits(max_bytes=settings.stix_max_bytes, max_objects=settings.stix_max_objects)


def print_import(report: ImportReport) -> None:
    """What an import did, on stdout; what it skipped, on stderr."""
    click.echo(
        f"imported {report.claims} claims and {report.documents} partner documents from "
        f"{report.partner}: {report.incidents} incidents touched ({report.created} new)"
    )
    for skipped in report.skipped:
        stderr.print(f"[yellow]skipped[/yellow] {skipped}")


def print_poll(report: PollReport) -> None:
    """What a poll read, then what its import did."""
    since = report.added_after or "the start"
    click.echo(
        f"{report.partner}: {report.objects} objects in {report.pages} pages since {since} "
        f"(next poll from {report.watermark or 'the start'})"
    )
    print_import(report.imported)


@click.command("taxii")
@click.argument("url")
@click.option("--collection", required=True, help="The collection's id (or alias).")
@click.option("--partner", required=True, help="The partner desk's name (the claims' origin).")
@click.option(
    "--token-env",
    metavar="VAR",
    help="Environment variable holding the partner's read token (sent as a bearer token).",
)
@click.option("--user", help="User name for HTTP basic authentication.")
@click.option(
    "--password-env", metavar="VAR", help="Environment variable holding the basic password."
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let the partner be on a loopback or private address (e.g. on this network).",
)
@click.option("--restart", is_flag=True, help="Forget where the last poll stopped.")
@click.option("--per-page", default=100, show_default=True, type=click.IntRange(1, 1000))
@db_option
@watchfloor_errors
def import_taxii(
    url: str,
    collection: str,
    partner: str,
    token_env: str | None,
    user: str | None,
    password_env: str | None,
    allow_private: bool,
    restart: bool,
    per_page: int,
    db: str | None,
) -> None:
    """Poll a partner's TAXII 2.1 collection once, importing what it added since the last poll.

    URL is the partner's API root (e.g. https://desk-b.example/taxii2/api/). Objects pass the
    same checks and trust boundary as `import stix`; where the poll stopped is remembered.
    """
    token = _secret(token_env)
    password = _secret(password_env)
    if user and not password:
        raise fail("--user needs --password-env")
    settings = load_settings(db=db)
    feed = PartnerFeed(partner, url, collection, token=token, user=user, password=password)
    store = open_db(settings.db)
    try:
        report = poll_collection(
            feed,
            store,
            desk=settings.desk_name,
            limits=stix_limits(settings),
            options=merge_options(
                settings.merge_window_days, settings.merge_km, sentences=settings.merge_sentences
            ),
            allow_private=allow_private or settings.allow_private,
            per_page=per_page,
            restart=restart,
        )
    finally:
        store.close()
    print_poll(report)


def _secret(variable: str | None) -> str | None:
    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise fail(f"${variable} is not set")
    return value


@click.command("mark")
@click.argument("ref")
@click.option(
    "--tlp",
    "level",
    required=True,
    type=click.Choice([*LEVELS, "white"], case_sensitive=False),
    help="The incident's TLP 2.0 level (default of every incident: green).",
)
@click.option("--author", default=None, help="Who marks it [default: $USER].")
@click.option("--note", default="", help="Why.")
@db_option
@watchfloor_errors
def mark_incident(ref: str, level: str, author: str | None, note: str, db: str | None) -> None:
    """Mark an incident TLP:CLEAR, GREEN, AMBER, AMBER+STRICT or RED for sharing.

    Every exported and served object of the incident carries the level; a TAXII collection
    never serves an incident above its ceiling.
    """
    store = open_db(db)
    try:
        incident = store.get_incident(ref)
        if incident is None:
            raise fail(f"no incident {ref!r}")
        who = author or os.environ.get("USER") or "analyst"
        state = ExchangeState(store)
        for target in (incident.id, incident.claims[0].mention_id):
            state.mark(target, normalise_level(level), who, note)
        now = state.level_of(incident)
    finally:
        store.close()
    click.echo(f"{incident.id}: TLP:{now.upper()}")
