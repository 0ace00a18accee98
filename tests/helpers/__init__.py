"""Helpers the tests share: hand-built readings, desks, merge inputs, facilities and data paths.

The package is importable because pytest's `pythonpath` (pyproject.toml) puts `tests/` and
`bench/` on the path: `from helpers.reading import make`. `bench/` holds what benchmarks and
tests both use (`incident_factory`, `incident_assembly`). Nothing here is collected as a test.
"""
