"""`watchfloor docs list|show` and `watchfloor rejections`: what is stored, what was refused."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.markup import escape

from watchfloor.cli.bounds import LIMIT
from watchfloor.cli.common import db_option, fail, open_db, parse_when, watchfloor_errors
from watchfloor.cli.tables import show_table
from watchfloor.model import AnnotatedDocument, to_plain

__all__ = ["docs", "rejections", "render_annotated"]

out = Console(highlight=False, soft_wrap=True)


@click.group()
def docs() -> None:
    """List and show stored documents."""


@docs.command("list")
@db_option
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", help="Published on or after this date.")
@click.option("--genre", help="Only this genre (news_report, opinion, ...).")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@watchfloor_errors
def list_docs(
    db: str | None,
    outlet: str | None,
    since: str | None,
    genre: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List stored documents, newest first."""
    store = open_db(db)
    rows = store.list_documents(outlet=outlet, since=parse_when(since), genre=genre, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(to_plain(row), ensure_ascii=False))
        return
    show_table(
        ("id", "published", "outlet", "genre", "lang", "words", "title"),
        (
            (
                row.id,
                (row.published or "")[:10],
                row.outlet or "",
                row.genre,
                row.language,
                str(row.words),
                (row.title or row.source)[:60],
            )
            for row in rows
        ),
    )
    click.echo(f"{len(rows)} documents")


@docs.command("show")
@click.argument("ref", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The document and its reading as JSON.")
@watchfloor_errors
def show_doc(ref: str, db: str | None, as_json: bool) -> None:
    """Show one document (id or unique prefix) with its annotations."""
    store = open_db(db)
    document = store.get_document(ref)
    if document is None:
        raise fail(f"no stored document with id {ref!r} (see `watchfloor docs list`)")
    annotated = store.get_annotated(document.id)
    if as_json:
        data = to_plain(annotated) if annotated else {"document": to_plain(document)}
        data["document"].pop("raw", None)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    meta = [
        ("id", document.id),
        ("outlet", document.outlet),
        ("title", document.title),
        ("author", document.author),
        ("url", document.url),
        ("published", document.published.isoformat() if document.published else None),
        ("language", document.language),
        ("genre", (annotated.genre if annotated and annotated.genre else document.genre).value),
        ("source", document.source),
        ("removed", " | ".join(document.removed) or None),
    ]
    for key, value in meta:
        if value:
            out.print(f"[bold]{key}[/bold]: {escape(str(value))}")
    out.print()
    if annotated is None:
        out.print(escape(document.text))
        out.print("\n(no reading stored: run `watchfloor extract ID`)")
        return
    render_annotated(annotated, out)


def render_annotated(annotated: AnnotatedDocument, console: Console) -> None:
    """Print each sentence with its statement kind, chain and mentions."""
    kinds = {s.sentence: s for s in annotated.statements}
    why: dict[int, tuple[str, ...]] = {}
    for main in annotated.statements:  # the main statement comes first in its sentence
        why.setdefault(main.sentence, main.reasons)
    events_by_sentence: dict[int, list[str]] = {}
    for event in annotated.events:
        events_by_sentence.setdefault(event.evidence.sentence, []).append(
            f"{event.event_type} ({event.trigger})"
        )
    for sentence in annotated.sentences:
        statement = kinds.get(sentence.index)
        label = f"[{statement.kind.value}]" if statement else ""
        console.print(f"[bold cyan]{sentence.index:>3}[/] {escape(label)} {escape(sentence.text)}")
        if statement and len(statement.chain) > 1:
            chain = " → ".join(s.name for s in statement.chain)
            console.print(f"      chain: {escape(chain)}")
        if why.get(sentence.index):
            console.print(f"      why: {escape('; '.join(why[sentence.index]))}")
        found = annotated.in_sentence(sentence.index)
        for actor in found["actors"]:
            console.print(f"      actor  {escape(actor.text)} → {escape(actor.name)}")
        for place in found["places"]:
            where = f"({place.lat:.3f}, {place.lon:.3f})" if place.lat is not None else "(unplaced)"
            console.print(
                f"      place  {escape(place.text)} → {escape(place.name)} {where} "
                f"{place.precision.value} {place.score:.2f}"
            )
        for when in found["dates"]:
            span = f"{when.start}..{when.end} {when.precision.value}"
            console.print(f"      date   {escape(when.text)} → {span}")
        for q in found["quantities"]:
            high = "∞" if q.high is None else str(q.high)
            console.print(
                f"      figure {escape(q.text)} → {q.low}..{high} {q.qualifier.value} "
                f"{escape(q.unit or '')} [{escape(q.role or '')}]"
            )
        for marker in found["markers"]:
            console.print(f"      {marker.kind.value} {escape(marker.text)}")
        for label in events_by_sentence.get(sentence.index, []):
            console.print(f"      event  {escape(label)}")


@click.command()
@db_option
@click.option("--limit", type=LIMIT, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@watchfloor_errors
def rejections(db: str | None, limit: int, as_json: bool) -> None:
    """What was refused and why, newest first."""
    store = open_db(db)
    rows = store.rejections(limit=limit)
    if as_json:
        for rejection, times in rows:
            data = to_plain(rejection)
            data["times"] = times
            click.echo(json.dumps(data, ensure_ascii=False))
        return
    show_table(
        ("code", "stage", "source", "times", "message"),
        ((r.code, r.stage, r.source, str(times), r.message) for r, times in rows),
        keep=("code", "source"),
    )
    click.echo(f"{len(rows)} rejections")
