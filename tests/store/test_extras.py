"""The optional extras (`watchfloor[postgres]`, `watchfloor[dask]`): absent, they are named."""

from __future__ import annotations

import sys

import pytest

from watchfloor.errors import ConfigError, StoreError
from watchfloor.pipeline.distributed import _connect
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(19)


def test_a_postgres_store_without_psycopg_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` raises ImportError
    with pytest.raises(StoreError, match=r"watchfloor\[postgres\]"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_a_sqlite_store_needs_no_psycopg(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    open_store(":memory:").close()


def test_dask_without_distributed_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"watchfloor\[dask\]"):
        _connect("local:1")
