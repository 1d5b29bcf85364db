"""Fixtures of the non-Spark readers' tests: the warehouse a real nightly run wrote (made by
.ci/readers-tests.sh, or any warehouse given in GLENGARRY_READERS_WAREHOUSE) and its run date."""
import json
import os
from pathlib import Path

import pytest


def _warehouse() -> Path:
    value = os.environ.get("GLENGARRY_READERS_WAREHOUSE")
    if not value:
        raise pytest.UsageError(
            "GLENGARRY_READERS_WAREHOUSE is not set: run .ci/readers-tests.sh, which runs the nightly job "
            "into a warehouse first, or point it at a warehouse a run of jobs/glengarry wrote")
    path = Path(value)
    if not (path / "gold").is_dir():
        raise pytest.UsageError(f"{path} has no gold/ folder: not a warehouse the nightly job wrote")
    return path


def _as_of() -> str:
    return os.environ.get("GLENGARRY_READERS_AS_OF", "2026-11-26")


def _gold_tables() -> list[str]:
    return sorted(p.name for p in (_warehouse() / "gold").iterdir() if (p / "_delta_log").is_dir())


def _delta_tables() -> list[str]:
    root = _warehouse()
    return sorted(str(p.parent.relative_to(root)) for p in root.glob("*/*/_delta_log"))


def pytest_generate_tests(metafunc):
    if "gold_table" in metafunc.fixturenames:
        metafunc.parametrize("gold_table", _gold_tables())
    if "delta_table" in metafunc.fixturenames:
        metafunc.parametrize("delta_table", _delta_tables())
    if "export_name" in metafunc.fixturenames:
        exports = _warehouse() / "exports"
        names = sorted(p.name for p in exports.iterdir()
                       if (p / f"as_of={_as_of()}" / f"{p.name}.parquet").is_file())
        metafunc.parametrize("export_name", names)


@pytest.fixture(scope="session")
def warehouse() -> Path:
    return _warehouse()


@pytest.fixture(scope="session")
def as_of() -> str:
    return _as_of()


@pytest.fixture(scope="session")
def manifest(warehouse, as_of) -> dict:
    return json.loads((warehouse / "manifests" / f"{as_of}.json").read_text(encoding="utf-8"))
