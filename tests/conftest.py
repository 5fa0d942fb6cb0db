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


# ----------------------------------------------------------------- databases (issue 4)
#
# Every database test runs against SQLite and PostgreSQL.  The server is the one in
# GOALNLP_TEST_PG_URL (.ci/run starts one), else a throwaway one this session starts
# when PostgreSQL's server programs are installed (tests/pgserver.py).  Without
# either, the PostgreSQL half is skipped, unless GOALNLP_REQUIRE_PG=1 (CI) makes that
# a failure: a database test must never pass by not running.


@pytest.fixture(scope="session")
def pg_server():
    import os

    from tests import pgserver

    url = os.environ.get("GOALNLP_TEST_PG_URL")
    if url:
        yield url
        return
    why = "no GOALNLP_TEST_PG_URL and no PostgreSQL server programs (apt-get install postgresql)"
    if not pgserver.available():
        if os.environ.get("GOALNLP_REQUIRE_PG") == "1":
            pytest.fail(why)
        pytest.skip(why)
    import shutil
    import tempfile

    # Not under pytest's tmp dir: that is private to this user, and as root the server
    # runs as the postgres user.
    directory = tempfile.mkdtemp(prefix="goalnlp-pg-")
    url = pgserver.start(directory)
    try:
        yield url
    finally:
        pgserver.stop(directory)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str):
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    name = f"goalnlp_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test twice: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "goalnlp.sqlite")
    return request.getfixturevalue("pg_url")
