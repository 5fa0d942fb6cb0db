"""The database: loads that are idempotent and transactional, on SQLite and PostgreSQL.

Every test taking ``db_url`` runs twice (conftest: an SQLite file, a fresh PostgreSQL
database on the test server).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from goalnlp.cli import app
from goalnlp.db import (
    SCHEMA_VERSION,
    Store,
    create_db_engine,
    database_url,
    metadata,
    schema_version,
    upgrade,
)
from goalnlp.errors import GoalnlpError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "dev" / "docs"


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def _key(r: dict) -> str:
    return json.dumps(r, sort_keys=True, ensure_ascii=False)


def _duplicates(url: str) -> dict[str, int]:
    """Rows sharing what identifies them: a path, a (document, table), a (document, row)."""
    q = {
        "documents": "SELECT count(*) FROM (SELECT path FROM documents GROUP BY path HAVING count(*) > 1) d",
        "tables": "SELECT count(*) FROM (SELECT document_id, table_index FROM tables GROUP BY 1, 2 HAVING count(*) > 1) d",
        "indicators": "SELECT count(*) FROM (SELECT document_id, row_index FROM indicators GROUP BY 1, 2 HAVING count(*) > 1) d",
    }
    with create_db_engine(url).connect() as conn:
        return {k: conn.execute(sa.text(v)).scalar_one() for k, v in q.items()}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


def test_seed_corpus_loaded_twice_matches_jsonl(db_url: str, seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = _run("extract", str(seeds), "-o", str(out), "--db", db_url)
    assert code == 0, err
    jsonl = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    n_tables = sum(r["record"] == "table" for r in jsonl)
    n_inds = sum(r["record"] == "indicator" for r in jsonl)
    assert n_inds > 400 and n_tables > 20
    with Store(db_url) as store:
        first = store.counts()
    assert first["documents"] == len(list(seeds.glob("*.txt")))
    assert (first["tables"], first["indicators"]) == (n_tables, n_inds)
    code, _, err = _run("extract", str(seeds), "--db", db_url, "-q")
    assert code == 0, err
    with Store(db_url) as store:
        assert store.counts() == first
        back = store.read_records()
    assert _duplicates(db_url) == {"documents": 0, "tables": 0, "indicators": 0}
    # What the database holds is exactly what the JSONL says, record for record, in order.
    assert back == jsonl


def test_sqlite_and_postgresql_hold_the_same(pg_url: str, seeds: Path, tmp_path: Path) -> None:
    lite = str(tmp_path / "a.sqlite")
    for url in (lite, pg_url, lite, pg_url):
        assert _run("extract", str(seeds), "--db", url, "-q")[0] == 0
    with Store(lite) as a, Store(pg_url) as b:
        assert a.counts() == b.counts()
        assert sorted(map(_key, a.read_records())) == sorted(map(_key, b.read_records()))


DOC = """2024年项目支出绩效目标表
项目名称 农村道路养护
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护里程 ≥120公里
产出指标 质量指标 路面完好率 ≥95%
效益指标 社会效益指标 群众出行条件 明显改善
"""


def test_changed_document_replaces_its_rows(db_url: str, tmp_path: Path) -> None:
    doc = tmp_path / "d" / "targets.txt"
    doc.parent.mkdir()
    doc.write_text(DOC, encoding="utf-8")
    assert _run("extract", str(doc.parent), "--db", db_url, "-q")[0] == 0
    with Store(db_url) as store:
        assert store.counts()["indicators"] == 3
    # The row 路面完好率 goes, 路面平整度 comes: the reload replaces, never adds.
    doc.write_text(DOC.replace("路面完好率 ≥95%", "路面平整度 ≥90%"), encoding="utf-8")
    assert _run("extract", str(doc.parent), "--db", db_url, "-q")[0] == 0
    with Store(db_url) as store:
        counts = store.counts()
        names = [r["name"] for r in store.read_records() if r["record"] == "indicator"]
    assert (counts["documents"], counts["tables"], counts["indicators"]) == (1, 1, 3)
    assert names == ["养护里程", "路面平整度", "群众出行条件"]


def test_resume_skips_unchanged_and_reloads_changed(db_url: str, seeds: Path, tmp_path: Path) -> None:
    summary = tmp_path / "s.json"
    assert _run("extract", str(seeds), "--db", db_url, "-q")[0] == 0
    victim = sorted(seeds.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, _, err = _run("extract", str(seeds), "--db", db_url, "--resume", "-q", "--summary", str(summary))
    assert code == 0, err
    s = json.loads(summary.read_text())
    n = len(list(seeds.glob("*.txt")))
    assert (s["documents"], s["skipped"], s["ok"]) == (n, n - 1, 1)
    with Store(db_url) as store:
        assert store.loaded_sha256(str(victim.resolve())) is not None
        assert store.counts()["documents"] == n


def test_failed_save_leaves_no_partial_rows(db_url: str) -> None:
    good = [
        {"record": "table", "doc": "a.txt", "table": 0, "project": "P"},
        {"record": "indicator", "doc": "a.txt", "table": 0, "project": "P", "name": "培训人次", "level1": "产出"},
    ]
    bad = [*good, {"record": "indicator", "doc": "a.txt", "table": 0, "project": "P", "name": None}]  # name is NOT NULL
    with Store(db_url) as store:
        store.save({"path": "/data/a.txt", "name": "a.txt", "status": "ok", "sha256": "1"}, good)
        with pytest.raises(GoalnlpError) as exc:
            store.save({"path": "/data/a.txt", "name": "a.txt", "status": "ok", "sha256": "2"}, bad)
        assert exc.value.code == "E063"
        # The failed replacement rolled back whole: the first load is intact.
        assert store.counts() == {"documents": 1, "tables": 1, "indicators": 1, "documents_ok": 1}
        assert store.loaded_sha256("/data/a.txt") == "1"
        with pytest.raises(GoalnlpError):
            store.save({"path": "/data/b.txt", "name": "b.txt", "status": "ok", "sha256": "3"}, bad)
        assert store.counts()["documents"] == 1


def test_failed_document_is_logged_but_keeps_a_good_load(db_url: str, tmp_path: Path) -> None:
    with Store(db_url) as store:
        recs = [{"record": "table", "doc": "a.txt", "table": 0, "project": "P"}]
        store.save({"path": "/d/a.txt", "name": "a.txt", "status": "ok", "sha256": "1"}, recs)
        assert store.save({"path": "/d/a.txt", "name": "a.txt", "status": "failed", "error_code": "E004"}) is None
        assert store.save({"path": "/d/b.txt", "name": "b.txt", "status": "failed", "error_code": "E002", "error": "binary"})
        info = store.info()
    assert info["documents_ok"] == 1 and info["documents_failed"] == 1 and info["tables"] == 1
    assert info["failures"] == {"E002": 1}


def test_schema_is_versioned_and_matches_the_migrations(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create_db_engine(db_url)
    assert schema_version(engine) is None
    assert upgrade(engine) == SCHEMA_VERSION == schema_version(engine)
    with engine.connect() as conn:
        # The migration scripts build exactly the tables goalnlp.db declares.
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        insp = sa.inspect(conn)
        assert {"documents", "tables", "indicators", "alembic_version"} <= set(insp.get_table_names())
        indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("indicators")}
        assert {("level1", "level2"), ("project",), ("year",), ("unit",)} <= indexed
        fks = {fk["referred_table"] for fk in insp.get_foreign_keys("indicators")}
        assert fks == {"documents", "tables"}
    # A database written by a newer goalnlp is refused, not touched.
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(GoalnlpError) as exc:
        Store(db_url)
    assert exc.value.code == "E061"
    engine.dispose()


def test_indicators_queryable_with_sql_and_pandas(db_url: str, seeds: Path) -> None:
    import pandas as pd

    assert _run("extract", str(seeds), "--db", db_url, "-q")[0] == 0
    engine = create_db_engine(db_url)
    df = pd.read_sql(
        "SELECT i.level1, i.level2, i.unit, i.year, d.name AS file FROM indicators i JOIN documents d ON d.id = i.document_id",
        engine,
    )
    assert set(df["level1"]) <= {"投入", "过程", "产出", "效益", "满意度"}
    assert (df["level1"] == "产出").sum() > 100
    assert df["year"].notna().any()
    # year on an indicator is its table's year
    with engine.connect() as conn:
        bad = conn.execute(
            sa.text("SELECT count(*) FROM indicators i JOIN tables t ON t.id = i.table_id WHERE i.year IS DISTINCT FROM t.year")
            if engine.dialect.name == "postgresql"
            else sa.text("SELECT count(*) FROM indicators i JOIN tables t ON t.id = i.table_id WHERE i.year IS NOT t.year")
        ).scalar_one()
    assert bad == 0
    engine.dispose()


def test_db_cli_upgrade_and_info(db_url: str, seeds: Path) -> None:
    code, out, err = _run("db", "upgrade", "--db", db_url)
    assert code == 0, err
    assert f"-> {SCHEMA_VERSION}" in out
    code, out, _ = _run("db", "upgrade", "--db", db_url)
    assert "up to date" in out
    (seeds / "empty.txt").write_bytes(b"")
    code, _, _ = _run("extract", str(seeds), "--db", db_url, "-q")
    assert code == 1
    code, out, err = _run("db", "info", "--db", db_url, "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["documents_ok"] == 5 and info["documents_failed"] == 1
    assert info["failures"] == {"E001": 1}


def test_database_url_and_open_errors(tmp_path: Path) -> None:
    assert database_url("goalnlp.sqlite").startswith("sqlite:////")
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u@h/db").startswith("postgresql")
    with pytest.raises(GoalnlpError) as exc:
        create_db_engine(tmp_path / "missing" / "x.sqlite")
    assert exc.value.code == "E060"
    with pytest.raises(GoalnlpError) as exc:
        Store(tmp_path / "absent.sqlite", migrate=False)
    assert exc.value.code == "E060" and not (tmp_path / "absent.sqlite").exists()
    # A server that is not there: E060 with the password hidden.
    with pytest.raises(GoalnlpError) as exc:
        create_db_engine("postgresql://who:secret@127.0.0.1:1/none")
    assert exc.value.code == "E060" and "secret" not in str(exc.value)
    code, _, err = _run("extract", str(SEEDS), "--db", str(tmp_path / "missing" / "x.sqlite"))
    assert code == 2 and "E060" in err
    code, _, err = _run("extract", str(SEEDS), "--resume")
    assert code == 2 and "--resume needs --db" in err


def test_an_old_database_is_migrated_with_its_rows(db_url: str) -> None:
    """A database written at schema 0001 gains the page columns of 0002 on the next
    load, keeping what it held."""
    from alembic import command

    from goalnlp.db import _alembic_config

    engine = create_db_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(
            sa.text(
                "INSERT INTO documents (path, name, status, tool_version, extracted_at, n_tables, n_indicators) "
                "VALUES ('/old/a.txt', 'a.txt', 'ok', '0.0.9', CURRENT_TIMESTAMP, 0, 0)"
            )
        )
    assert schema_version(engine) == "0001"
    with Store(db_url) as store:
        assert schema_version(store.engine) == SCHEMA_VERSION == "0002"
        assert store.loaded_sha256("/old/a.txt") is None and store.counts()["documents"] == 1
        store.save(
            {"path": "/new/b.pdf", "name": "b.pdf", "status": "ok"},
            [
                {"record": "table", "doc": "b.pdf", "table": 0, "page_start": 1, "page_end": 2},
                {"record": "indicator", "doc": "b.pdf", "table": 0, "name": "培训人次", "page": 2, "bbox": [1.0, 2.0, 3.0, 4.0]},
            ],
        )
        back = [r for r in store.read_records() if r["doc"] == "b.pdf"]
    assert back[0]["page_start"] == 1 and back[1]["page"] == 2 and back[1]["bbox"] == [1.0, 2.0, 3.0, 4.0]
    engine.dispose()
