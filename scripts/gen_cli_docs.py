"""Write docs/cli.md from the `watchfloor` command's own help, so the reference cannot drift.

Run: .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click

from watchfloor.cli.main import _register, cli

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

INTRO = """# Command reference

Generated from the commands' own help by `scripts/gen_cli_docs.py`; `tests/meta` checks that
every command is here. Every command takes `--db FILE|URL` (default `watchfloor.db`, or
`$WATCHFLOOR_DB`) where it reads or writes the store; settings are in
[configuration.md](configuration.md). Batch commands exit 0 when every input went in, 1 when
some were refused, 2 on usage errors, 3 when nearly all were refused and 4 on a bug.

## The day's flow

`watchfloor ingest PATH|URL...` stores and reads the inputs, then merges the new documents'
event mentions into incidents and reads their facility claims and indicator points: only what
the new documents touch is recomputed. `--no-update` skips that step for bulk loads;
`watchfloor update` then catches up on everything (overrides are replayed). `watchfloor run`
does the same in one command and prints a summary of the store.

## Metadata

What is known about an input comes in layers, highest first:

1. the command's options: `--outlet`, `--url`, `--published`, `--title`, `--author`,
   `--language`, `--genre` (`ingest` and `run` take the same ones);
2. a sidecar file beside the input, `report.txt.meta.yaml` (or `report.meta.yaml`), with the
   keys `outlet` (or `site`, `publisher`, `source`), `url` (`link`, `permalink`),
   `published` (`date`, `pubdate`), `language` (`lang`), `genre`, `author` (`byline`),
   `title`;
3. the input's own metadata: YAML front matter at the top of a Markdown file (between `---`
   lines, the same keys), HTML `<meta>` tags and JSON-LD, a feed entry's fields;
4. guesses from the first lines (a byline, an "Outlet –" prefix, a wire dateline, the title).

A published time with an offset (`2022-01-21T19:18:00-05:00`) is stored in UTC and listed on
the day the outlet reported it (the 21st, not the 22nd). A folder is walked recursively;
hidden files, sidecars and the folder's own notes (`README*`, `SOURCE*`, `LICENSE*`,
`NOTICE*`, `CHANGELOG*`, `COPYING*`) are not ingested as reports.

**Collections.** A `.csv`, `.tsv`, `.jsonl` or `.ndjson` file is one report per row. The text
comes from the column `text`, `body`, `content`, `article` or `full_text`, the metadata from
columns named as in a sidecar; `--columns text=story,title=headline,outlet=site,url=link,
published=date` maps other names. A row without text is refused on its own (`file#ROW`) and
the other rows go on.

## Filters

`incidents list`, every `export`, the desk, the API and watch rules read filters the same
way: `--actor` takes a catalogue id, name or alias (`daesh` finds what `isis` finds);
`--type` takes an ontology code, and an unknown one is a usage error naming the nearest
codes; `--near` takes a gazetteer name or alias (`al-Hol`, `Hol camp`) or `LAT,LON`, with
`--km` as the radius. `incidents list` says how many match in all ("50 of 118 incidents").

## Output in pipes

On a terminal, lists are tables; ids are never cut. When standard output is not a terminal,
every row is one line of tab-separated fields under a header line, and the tally goes to
standard error, so `watchfloor incidents list | cut -f1` gives whole ids.
"""


def _section(command: click.Command, path: str, ctx: click.Context) -> list[str]:
    sub = click.Context(command, info_name=path, parent=ctx)
    lines = [f"## `watchfloor {path}`", "", "```", command.get_help(sub).strip(), "```", ""]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            lines += _section(command.commands[name], f"{path} {name}", ctx)
    return lines


def main() -> None:
    """Regenerate docs/cli.md."""
    if not cli.commands:
        _register()
    ctx = click.Context(cli, info_name="watchfloor")
    lines = [INTRO]
    for name in sorted(cli.commands):
        lines += _section(cli.commands[name], name, ctx)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
