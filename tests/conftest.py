from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev"


@pytest.fixture(scope="session")
def dev_docs() -> list[Path]:
    return sorted((DEV / "docs").glob("*.txt"))


@pytest.fixture(scope="session")
def dev_gold_dir() -> Path:
    return DEV / "gold"


@pytest.fixture(scope="session")
def dev_predictions(dev_docs: list[Path]) -> list[dict]:
    from goalnlp import extract

    recs: list[dict] = []
    for p in dev_docs:
        recs.extend(extract(p))
    return recs
