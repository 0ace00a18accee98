"""Short RSS items (a title and one sentence) through the product path: `watchfloor ingest` of
feed files, then `watchfloor incidents list --json`.

Two outlets reporting one air strike in one town on one day make one incident with two origins;
other strikes in the same country that day (another town of another governorate, the north-east),
a strike in another country, and an undated strike in the same town reported six days later
stay apart. Items written for this test (no real feed is read).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_ITEM = """<item><title>{title}</title><link>https://{host}/{guid}</link><guid>{guid}</guid>
<pubDate>{when}</pubDate><description>{text}</description></item>"""


def _feed(path: Path, outlet: str, host: str, items: list[tuple[str, str, str, str]]) -> Path:
    body = "".join(_ITEM.format(title=t, host=host, guid=g, when=w, text=x) for g, w, t, x in items)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{outlet}</title><link>https://{host}/</link><description>news</description>"
        f"{body}</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_short_items_merge_one_strike_and_keep_others_apart(tmp_path, wf_cli) -> None:
    tuesday = "Tue, 15 Mar 2022"
    bbc = _feed(tmp_path / "bbc.xml", "BBC News - Middle East", "bbc.example", [
        ("bbc-1", f"{tuesday} 09:00:00 +0000", "Syria: Air strike on market in Azaz kills seven",
         "An air strike hit a crowded market in the town of Azaz in Aleppo province on Tuesday, "
         "killing seven civilians, rescue workers said."),
        ("bbc-2", f"{tuesday} 15:00:00 +0000", "Drone strike near Qamishli kills two fighters",
         "A drone strike hit a vehicle near Qamishli in north-eastern Syria on Tuesday, killing "
         "two fighters of the Syrian Democratic Forces, the group said."),
    ])  # fmt: skip
    guardian = _feed(tmp_path / "guardian.xml", "World news | The Guardian", "guardian.example", [
        ("gu-1", f"{tuesday} 13:30:00 +0000",
         "Seven civilians killed as airstrike hits Azaz market in north-west Syria",
         "Rescuers said an airstrike on a market in Azaz, near the Turkish border, killed seven "
         "people on Tuesday morning."),
    ])  # fmt: skip
    cnn = _feed(tmp_path / "cnn.xml", "CNN.com - World", "cnn.example", [
        ("cnn-1", f"{tuesday} 18:00:00 +0000", "Airstrike kills four in Syria's al-Bab",
         "An airstrike hit a house in al-Bab in northern Syria on Tuesday, killing four members "
         "of one family, local medics said."),
        ("cnn-2", f"{tuesday} 19:00:00 +0000", "Russian missiles strike Kharkiv",
         "Russian missiles struck residential buildings in Kharkiv on Tuesday, killing seven "
         "people, the regional governor said."),
    ])  # fmt: skip
    nyt = _feed(tmp_path / "nyt.xml", "NYT > World News", "nytimes.example", [
        ("nyt-1", "Mon, 21 Mar 2022 10:00:00 +0000", "Airstrike hits hospital in Azaz",
         "An airstrike hit a hospital in the Syrian town of Azaz, wounding twelve people, "
         "doctors said."),
    ])  # fmt: skip
    db = str(tmp_path / "wf.db")
    feeds = [str(p) for p in (bbc, guardian, cnn, nyt)]
    ingested = wf_cli("ingest", "--db", db, "--no-fetch-links", *feeds)
    assert ingested.exit_code == 0, ingested.output
    listed = wf_cli("incidents", "list", "--db", db, "--json")
    assert listed.exit_code == 0, listed.output
    incidents: list[dict[str, Any]] = [
        json.loads(line) for line in listed.output.splitlines() if line.startswith("{")
    ]

    def reports(incident: dict[str, Any]) -> int:
        # A title and a summary telling one strike are two mentions of one report.
        return len({claim["document_id"] for claim in incident["claims"]})

    def at(name: str) -> list[dict[str, Any]]:
        return [i for i in incidents if (i["place"] or {}).get("name") == name]

    azaz = sorted(at("Azaz"), key=lambda i: str(i["end"]))
    # The two reports of Tuesday's market strike: one incident, corroborated by two origins.
    assert len(azaz) == 2, [(i["place"], i["start"], len(i["mention_ids"])) for i in incidents]
    tuesday_strike, hospital = azaz
    assert tuesday_strike["event_type"] == "airstrike"
    assert reports(tuesday_strike) == 2
    assert tuesday_strike["corroboration"] == "corroborated"
    # The undated hospital strike six days later is its own incident.
    assert reports(hospital) == 1
    # The other strikes of that Tuesday stay apart, in Syria and in Ukraine.
    for name in ("Al-Qamishli", "al-Bab", "Kharkiv"):
        found = at(name)
        assert len(found) == 1 and reports(found[0]) == 1, (name, found)
    assert len(incidents) == 5
