"""Every extraction evaluation in one run: places, actors, figures, events, statements, rhetoric.

Each evaluation is its own script (run alone for detail); this one runs them in turn, each in a
fresh interpreter so one's memory does not weigh on the next, and prints their figures under a
heading. Data sets under ../shared/data that are absent are skipped by each script with a
reason. Usage: .venv/bin/python bench/eval_extract.py [geocoding actors figures ...]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

EVALUATIONS = {
    "geocoding": "Geocoding: ACLED locations, LGL and GeoVirus (within 25 km and 161 km)",
    "actors": "Actors: recall of ACLED actor1/actor2 against the catalogue",
    "figures": "Figures: fatalities from ACLED notes; UCDP low/best/high",
    "events": "Event types: agreement with ACLED event_type and sub_event_type",
    "statements": "Statement kinds: subjective vs objective on CheckThat! 2025",
    "rhetoric": "Rhetoric: loaded language and name calling on PTC (SemEval-2020 task 11)",
}


def main(names: list[str]) -> int:
    """Run the named evaluations (all by default); exit non-zero if any of them failed."""
    failed = []
    for name in names or list(EVALUATIONS):
        print(f"\n{'=' * 100}\n{EVALUATIONS[name]}\n{'=' * 100}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / f"eval_{name}.py")])
        print(f"[{name}: exit {code}, {time.perf_counter() - started:.0f} s]", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
