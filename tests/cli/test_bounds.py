"""Every numeric option is bounded: huge, negative, NaN or infinite values are usage errors.

`docs list --limit 99999999999999999999` used to end in a traceback, `--km nan` and a negative
`--limit` were accepted. Each is now refused by the option's type (exit 2, nothing done).
"""

from __future__ import annotations

import pytest

HUGE = "99999999999999999999"

CASES = [
    ("docs", "list", "--limit", HUGE),
    ("docs", "list", "--limit", "-1"),
    ("rejections", "--limit", HUGE),
    ("incidents", "list", "--limit", "0"),
    ("incidents", "list", "--km", "nan"),
    ("incidents", "list", "--km", "-5"),
    ("incidents", "list", "--km", "inf"),
    ("incidents", "list", "--min-origins", HUGE),
    ("export", "geojson", "--km", "nan"),
    ("export", "jsonl", "--min-origins", "-1"),
    ("report", "--limit", HUGE),
    ("ingest", "--max-bytes", "-1", "x.txt"),
    ("ingest", "--max-bytes", HUGE + "0", "x.txt"),
    ("ingest", "--max-entries", "0", "x.txt"),
    ("serve", "--port", HUGE),
]


@pytest.mark.issue(17)
@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_bounds_refused_as_usage_errors(args, tmp_path, wf_cli):
    result = wf_cli(*args, "--db", str(tmp_path / "b.db"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "b.db").exists()  # nothing was done


@pytest.mark.issue(17)
def test_bounds_watch_every_overflow_is_a_usage_error(tmp_path, wf_cli):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    for every in (HUGE + "m", "1000d"):
        result = wf_cli("watch", "--rules", str(rules), "--every", every)
        assert result.exit_code == 2, result.output
        assert "--every" in result.output


@pytest.mark.issue(17)
def test_bounds_values_in_range_still_work(tmp_path, wf_cli):
    db = str(tmp_path / "b.db")
    assert wf_cli("docs", "list", "--limit", "100000", "--db", db).exit_code == 0
    assert wf_cli("incidents", "list", "--km", "0.5", "--db", db).exit_code == 0
