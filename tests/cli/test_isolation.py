"""One failing input never costs the others: analyze, geoparse, ingest, extract and watch.

A document whose reading raises (a KeyError, as a broken date expression once did) gets a
coded error record in its place — a JSON line and a line on stderr — every other input is
still read and printed, and the command exits 4 ("a bug was hit on some input"). The property
test drives `analyze_inputs` with generated batches of good, poisoned, empty, binary and
missing inputs and checks that every input gets exactly one record, in order.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.cli.analyze import analyze, analyze_inputs
from watchfloor.cli.geoparse import geoparse
from watchfloor.cli.isolate import Record, batch_exit_code, isolated_batches
from watchfloor.extract import Extractor
from watchfloor.extract import geoparse as geoparse_module
from watchfloor.ingest import IngestOptions
from watchfloor.model import Document

POISON = "POISONED"
GOOD = "Kurdish forces said 40 detainees escaped from the prison in al-Hasakah on Monday.\n"
BAD = f"Clashes near Raqqa on the {POISON} day left five dead, officials said.\n"
EXAMPLES = int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "25"))


def _poison(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make extraction raise a KeyError on any document that carries the POISON word."""
    real = Extractor._run

    def run(self: Extractor, document: Document, parsed: object) -> Any:
        if POISON in document.text:
            raise KeyError("day")  # what a broken date expression raised
        return real(self, document, parsed)

    monkeypatch.setattr(Extractor, "_run", run)


def _files(folder: Path, texts: list[str]) -> list[str]:
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"in-{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.issue(17)
def test_isolation_analyze_one_failing_document_costs_no_other(tmp_path, monkeypatch):
    _poison(monkeypatch)
    paths = _files(tmp_path, [GOOD, BAD, GOOD.replace("40", "41")])
    result = CliRunner().invoke(analyze, [*paths, "--format", "jsonl"])
    assert result.exit_code == 4, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == paths  # one record per input, in order
    assert "events" in lines[0] and "events" in lines[2]
    assert lines[1]["error"]["code"] == "WF-X001"
    assert "KeyError" in lines[1]["error"]["message"]
    assert f"failed: {paths[1]}: [WF-X001]" in result.stderr


@pytest.mark.issue(17)
def test_isolation_analyze_json_keeps_the_other_readings(tmp_path, monkeypatch):
    _poison(monkeypatch)
    paths = _files(tmp_path, [BAD, GOOD])
    result = CliRunner().invoke(analyze, paths)
    assert result.exit_code == 4
    readings = json.loads(result.stdout)
    assert [r["file"] for r in readings] == [paths[1]]
    assert "[WF-X001]" in result.stderr


@pytest.mark.issue(17)
def test_isolation_geoparse_failing_text_and_unreadable_files(tmp_path, monkeypatch):
    real = geoparse_module.locate_places  # type: ignore[attr-defined]

    def locate(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if POISON in doc.text:
            raise KeyError("day")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(geoparse_module, "locate_places", locate)
    paths = _files(tmp_path, [GOOD, BAD, "Fighting in Deir ez-Zor.\n"])
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Al-Bāb".encode("utf-16"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = [*paths, str(latin), str(fifo), str(tmp_path / "missing.txt")]
    result = CliRunner().invoke(geoparse, args)
    assert result.exit_code == 4, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == args
    codes = [line.get("error", {}).get("code") for line in lines]
    assert codes == [None, "WF-X001", None, "WF-I004", "WF-I012", "WF-I011"]
    assert lines[2]["toponyms"][0]["text"] == "Deir ez-Zor"
    assert result.stderr.count("]") >= 4  # each refusal also on stderr


@pytest.mark.issue(17)
def test_isolation_geoparse_refusals_only_exit_1_not_a_traceback(tmp_path):
    good = _files(tmp_path, ["Fighting in Deir ez-Zor.\n"] * 9)
    result = CliRunner().invoke(geoparse, [*good, str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_isolation_batches_keep_results_before_and_after_the_raising_item():
    calls: list[list[int]] = []

    def double(chunk: list[int]) -> Iterator[int]:
        calls.append(chunk)
        for n in chunk:
            if n == 3:
                raise KeyError(n)
            yield 2 * n

    results = list(isolated_batches([1, 2, 3, 4, 5], double, size=5))
    assert results[:2] == [2, 4] and results[3:] == [8, 10]
    assert isinstance(results[2], KeyError)
    # The items already read are not read again: the failing one alone, then the rest.
    assert calls == [[1, 2, 3, 4, 5], [3], [4, 5]]


def test_isolation_exit_codes():
    ok, refused = Record("a", output={}), Record("b", code="WF-I001", message="empty")
    failed = Record("c", code="WF-X001", message="bug", failed=True)
    nothing = Record("d", code="WF-I013", message="nothing found")
    assert batch_exit_code([ok, ok]) == 0
    assert batch_exit_code([ok, refused]) == 1
    assert batch_exit_code([refused]) == 3
    assert batch_exit_code([ok, refused, failed]) == 4
    assert batch_exit_code([nothing]) == 1  # an empty folder: nothing found, exit 1


# -- property: no input makes analyze lose another ----------------------------------------

KINDS = st.sampled_from(["good", "poison", "empty", "binary", "missing", "words"])
WORDS = st.lists(
    st.sampled_from(["Raqqa", "on", "Monday", "3", "March", "2026", "killed", "the", "ISIS"]),
    min_size=1,
    max_size=12,
)


def _write(folder: Path, number: int, kind: str, words: list[str]) -> str:
    path = folder / f"{number:02d}.txt"
    if kind == "missing":
        return str(path)
    content = {
        "good": GOOD.encode(),
        "poison": BAD.encode(),
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "words": (" ".join(words) + ".\n").encode(),
    }[kind]
    path.write_bytes(content)
    return str(path)


@pytest.mark.issue(17)
def test_isolation_property_no_input_makes_analyze_lose_others(
    tmp_path_factory, monkeypatch, capsys
):
    _poison(monkeypatch)
    extractor = Extractor()
    tried = [0]

    @settings(
        max_examples=EXAMPLES,
        derandomize="WATCHFLOOR_FUZZ_EXAMPLES" not in os.environ,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(st.tuples(KINDS, WORDS), min_size=1, max_size=6))
    def check(inputs: list[tuple[str, list[str]]]) -> None:
        tried[0] += 1
        folder = tmp_path_factory.mktemp("batch")
        paths = [_write(folder, n, kind, words) for n, (kind, words) in enumerate(inputs)]
        records = analyze_inputs(paths, IngestOptions(), lambda: extractor)
        assert [r.file for r in records] == paths  # exactly one record per input, in order
        for (kind, _), record in zip(inputs, records, strict=True):
            if kind == "good":
                assert record.ok, record
            elif kind == "poison":
                assert record.failed and record.code == "WF-X001"
            elif kind in ("empty", "binary", "missing"):
                assert not record.ok and not record.failed and record.code
        has_bug = any(kind == "poison" for kind, _ in inputs)
        assert (batch_exit_code(records) == 4) == has_bug

    check()
    with capsys.disabled():
        print(f"\nfuzz analyze isolation: {tried[0]} batches tried")


# -- watch: a refused feed or a failing cycle is reported, the rest goes on ----------------


def _watch_setup(tmp_path: Path, feeds: list[str]) -> tuple[Path, Path]:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: escapes\n    when: {type: prison_escape}\n    actions: [console]\n",
        encoding="utf-8",
    )
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text("\n".join(feeds) + "\n", encoding="utf-8")
    return rules, feed_list


@pytest.mark.issue(17)
def test_isolation_watch_once_reports_refused_feed_and_reads_the_rest(tmp_path):
    from watchfloor.cli.watch import watch

    good = tmp_path / "wire.txt"
    good.write_text(GOOD, encoding="utf-8")
    rules, feeds = _watch_setup(tmp_path, [str(tmp_path / "gone.xml"), str(good)])
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        watch, ["--rules", str(rules), "--feeds", str(feeds), "--once", "--db", db]
    )
    assert result.exit_code == 1, result.output  # one input refused, the other stored
    assert f"rejected: {tmp_path / 'gone.xml'}: [WF-I011]" in result.stderr
    assert "1 new documents" in result.stderr


@pytest.mark.issue(17)
def test_isolation_watch_failing_cycle_is_coded_and_exits_4(tmp_path, monkeypatch):
    from watchfloor.cli import watch as watch_cli

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise KeyError("day")

    monkeypatch.setattr(watch_cli, "poll_once", broken)
    rules, feeds = _watch_setup(tmp_path, [str(tmp_path / "gone.xml")])
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        watch_cli.watch, ["--rules", str(rules), "--feeds", str(feeds), "--once", "--db", db]
    )
    assert result.exit_code == 4, result.output
    assert "failed: watch cycle: [WF-X001]" in result.stderr
    assert "the next cycle will run" in result.stderr


@pytest.mark.issue(17)
def test_isolation_ingest_store_bug_on_one_document_costs_no_other(tmp_path, monkeypatch, wf_cli):
    from watchfloor.store import Store

    real = Store.write_document

    def write(self: Store, document: Document, *args: Any, **kwargs: Any) -> Any:
        if POISON in document.text and args and args[0] is None:
            raise TypeError("cannot serialise")  # a bug in writing this one document
        return real(self, document, *args, **kwargs)

    monkeypatch.setattr(Store, "write_document", write)
    folder = tmp_path / "in"
    folder.mkdir()
    _files(folder, [GOOD, BAD, GOOD.replace("40", "41")])
    result = wf_cli("ingest", "--db", str(tmp_path / "i.db"), "--no-extract", str(folder))
    assert result.exit_code == 4, result.output
    assert "2 stored" in result.output and "1 failed" in result.output
    assert "[WF-X001]" in result.output
