"""`watchfloor analyze`: prints the reading, validates against docs/analyze.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from watchfloor.cli.analyze import analyze

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "analyze.schema.json").read_text(encoding="utf-8"))
REPORT = (
    "Damascus, 3 March 2026. Kurdish forces said on Monday that 40 detainees escaped from "
    "the Ghwayran prison in al-Hasakah after an attack by ISIS. Sources said clashes between "
    "the SDF and ISIS went on overnight. The coalition must act now.\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("analyze")
    report = folder / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    second = folder / "second.txt"
    second.write_text("Iraqi authorities closed the border crossing at al-Qaim.\n", "utf-8")
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return {"report": report, "second": second, "empty": empty}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(analyze, list(args))
    return result.exit_code, result.output


def test_analyze_json_validates_against_schema(files) -> None:
    code, output = _run(str(files["report"]), "--published", "2026-03-03", "--outlet", "Wire")
    assert code == 0, output
    reading = json.loads(output)
    jsonschema.validate(reading, SCHEMA)
    assert reading["file"] == str(files["report"])
    assert reading["document"]["outlet"] == "Wire"
    kinds = {s["kind"] for s in reading["sentences"]}
    assert {"attributed_claim", "vague_attribution", "call_to_action"} <= kinds
    types = [e["type"] for e in reading["events"]]
    assert "prison_escape" in types
    escape = reading["events"][types.index("prison_escape")]
    assert escape["acled_event_type"] == "Strategic developments"
    assert [f["low"] for f in escape["figures"]] == [40]
    assert escape["figures"][0]["role"] == "escaped"


def test_analyze_jsonl_one_line_per_input_with_file(files) -> None:
    code, output = _run(str(files["report"]), str(files["second"]), "--format", "jsonl")
    assert code == 0, output
    lines = [json.loads(line) for line in output.splitlines()]
    assert [line["file"] for line in lines] == [str(files["report"]), str(files["second"])]
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    assert "border_fortification" in [e["type"] for e in lines[1]["events"]]


def test_analyze_refused_input_is_reported_and_counted(files) -> None:
    code, output = _run(str(files["report"]), str(files["empty"]), "--format", "jsonl")
    assert code == 1
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    errors = [line for line in lines if "error" in line]
    assert errors and errors[0]["file"] == str(files["empty"])
    assert errors[0]["error"]["code"].startswith("WF-I")


def test_analyze_text_format_lists_events_and_sentences(files) -> None:
    code, output = _run(str(files["report"]), "--format", "text")
    assert code == 0, output
    assert "prison_escape" in output and "Sentences:" in output


def test_analyze_bad_date_is_usage_error(files) -> None:
    code, output = _run(str(files["report"]), "--published", "yesterday")
    assert code == 2 and "not a date" in output
