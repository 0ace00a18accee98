"""Geocoding accuracy on ACLED (Syria/Iraq 2022), LGL and GeoVirus (../shared/data).

ACLED: the coded `location` with its gold latitude/longitude. Two readings are reported:
"name+country" resolves the location name with the event's country as context; "notes" runs
the places extractor on the analyst's notes and takes the finest-precision toponym (first on
ties). LGL and GeoVirus: toponym-level resolution accuracy within 161 km on the gold spans
(each article's other gold names as context, two passes as in extract/places.py), and
end-to-end recognition precision/recall (a predicted span counts when it overlaps a gold span).

Run: python bench/eval_geocoding.py   (skips any data set that is absent)
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchfloor.extract.components import ExtractOptions
from watchfloor.extract.nlp import load_nlp
from watchfloor.extract.places import locate_places
from watchfloor.model import PlaceMention, Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext, PlaceMatch
from watchfloor.resolve.places_names import distance_km

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ISO2 = {"Syria": "SY", "Iraq": "IQ"}
_ORDER = list(Precision)


def _acc(errors: list[float | None]) -> dict[str, Any]:
    """Share of items within 25 and 161 km (unresolved items count as misses)."""
    n = len(errors)

    def within(km: float) -> float:
        return sum(1 for e in errors if e is not None and e <= km) / n if n else 0.0

    return {
        "n": n,
        "resolved": sum(e is not None for e in errors) / n if n else 0.0,
        "acc25": within(25),
        "acc161": within(161),
    }


def _err(match: PlaceMatch | PlaceMention | None, lat: float, lon: float) -> float | None:
    """Distance from a match to the gold point, None when unresolved."""
    if match is None or match.lat is None or match.lon is None:
        return None
    return distance_km(match.lat, match.lon, lat, lon)


def _nlp(gaz: Gazetteer) -> Any:
    return load_nlp(ExtractOptions().spacy_model, gaz.ruler_patterns())


def eval_acled(gaz: Gazetteer) -> dict[str, dict[str, Any]] | None:
    """ACLED location accuracy by name+country and from the notes text."""
    path = DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
    if not path.is_file():
        return None
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    by_name, by_notes = [], []
    nlp = _nlp(gaz)
    for row, doc in zip(rows, nlp.pipe(r["notes"] for r in rows), strict=True):
        lat, lon = float(row["latitude"]), float(row["longitude"])
        ctx = PlaceContext(countries=frozenset({ISO2[row["country"]]}))
        by_name.append(_err(gaz.resolve(row["location"], ctx), lat, lon))
        mentions = [m for m in locate_places(doc, gaz, row["event_id_cnty"]) if m.lat is not None]
        best = min(mentions, key=lambda m: _ORDER.index(m.precision), default=None)
        by_notes.append(_err(best, lat, lon))
    return {"ACLED name+country": _acc(by_name), "ACLED notes": _acc(by_notes)}


def _articles(path: Path) -> Iterable[tuple[str, list[tuple[int, int, str, float, float]]]]:
    """(text, gold toponyms) of an LGL or GeoVirus XML file."""
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for top in list(art.iter("toponym")) + list(art.iter("location")):
            lat = top.findtext("gaztag/lat") or top.findtext("lat")
            lon = top.findtext("gaztag/lon") or top.findtext("lon")
            name = top.findtext("phrase") or top.findtext("name") or ""
            if lat and lon:
                golds.append(
                    (
                        int(top.findtext("start") or 0),
                        int(top.findtext("end") or 0),
                        name,
                        float(lat),
                        float(lon),
                    )
                )
        yield text, golds


def eval_corpus(gaz: Gazetteer, name: str, path: Path) -> dict[str, Any] | None:
    """Toponym resolution accuracy on gold spans, and end-to-end recognition P/R."""
    if not path.is_file():
        return None
    articles = list(_articles(path))
    errors: list[float | None] = []
    tp_pred = n_pred = tp_gold = n_gold = 0
    nlp = _nlp(gaz)
    for (_text, golds), doc in zip(articles, nlp.pipe(t for t, _ in articles), strict=True):
        first = [gaz.resolve(g[2]) for g in golds]
        for i, (_, _, surface, lat, lon) in enumerate(golds):
            ctx = PlaceContext()
            for j, match in enumerate(first):
                if j != i and match is not None and match.score >= 0.7 and golds[j][2] != surface:
                    ctx = ctx.with_match(match)
            errors.append(_err(gaz.resolve(surface, ctx), lat, lon))
        preds = locate_places(doc, gaz, name)
        spans = [(g[0], g[1]) for g in golds]
        n_pred += len(preds)
        n_gold += len(spans)
        tp_pred += sum(
            any(p.evidence.start < e and s < p.evidence.end for s, e in spans) for p in preds
        )
        tp_gold += sum(
            any(p.evidence.start < e and s < p.evidence.end for p in preds) for s, e in spans
        )
    result = _acc(errors)
    result["precision"] = tp_pred / n_pred if n_pred else 0.0
    result["recall"] = tp_gold / n_gold if n_gold else 0.0
    return result


def run() -> dict[str, Any]:
    """Every available evaluation, keyed by data set; absent data sets are left out."""
    gaz = Gazetteer.load()
    results: dict[str, Any] = {}
    acled = eval_acled(gaz)
    if acled:
        results.update(acled)
    for label, file in (("LGL", "lgl.xml"), ("GeoVirus", "GeoVirus.xml")):
        res = eval_corpus(gaz, label, DATA / "geoparsing_gritta" / file)
        if res:
            results[label] = res
    return results


def main() -> None:
    """Print the table."""
    results = run()
    if not results:
        print(f"no evaluation data under {DATA}; nothing to measure")
        return
    header = f"{'set':<20}{'n':>6}{'resolved':>10}{'acc@25km':>10}{'acc@161km':>11}"
    print(f"{header}{'rec P':>8}{'rec R':>8}")
    for name, r in results.items():
        p = f"{r['precision']:.3f}" if "precision" in r else "-"
        rr = f"{r['recall']:.3f}" if "recall" in r else "-"
        print(
            f"{name:<20}{r['n']:>6}{r['resolved']:>10.3f}{r['acc25']:>10.3f}{r['acc161']:>11.3f}{p:>8}{rr:>8}"
        )


if __name__ == "__main__":
    main()
