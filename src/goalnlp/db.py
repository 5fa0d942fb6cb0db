"""Loading records into a database: an SQLite file by default, PostgreSQL by URL.

Three tables (SQLAlchemy Core, so one code path serves every backend):

* ``documents``: one row per input file (keyed by its absolute ``path``) with its
  ``sha256``, size, encoding, ``status`` (``ok``/``failed``), error, engine, tool
  version and time of extraction;
* ``tables`` and ``indicators``: the SCHEMA records, ``table`` renamed
  ``table_index`` (``table`` is an SQL keyword), with foreign keys to their document
  and table and the provenance lines.

A document is written in **one transaction** that first deletes what an earlier run
loaded for the same path, so loads are idempotent, a changed document replaces its
rows, and a failure never leaves partial rows.  The schema is versioned with Alembic
(migrations in ``goalnlp/migrations``); :func:`open_store` upgrades a database to the
current version and refuses one written by a newer goalnlp.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .errors import GoalnlpError

#: Alembic revision of the schema this version writes.
SCHEMA_VERSION = "0002"

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
# SQLite only makes INTEGER PRIMARY KEY an alias of rowid (autoincrement).
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("bytes", sa.BigInteger),
    sa.Column("encoding", sa.String(32)),
    sa.Column("media", sa.String(16)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("error_code", sa.String(8)),
    sa.Column("error", sa.Text),
    sa.Column("engine", sa.String(32)),
    sa.Column("tool_version", sa.String(32), nullable=False),
    sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seconds", sa.Float),
    sa.Column("n_tables", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_indicators", sa.Integer, nullable=False, server_default="0"),
    sa.Index(None, "sha256"),
    sa.Index(None, "status"),
)

tables = sa.Table(
    "tables",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("document_id", _ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("table_index", sa.Integer, nullable=False),
    sa.Column("doc", sa.Text, nullable=False),
    sa.Column("project", sa.Text),
    sa.Column("table_type", sa.String(32)),
    sa.Column("year", sa.Integer),
    sa.Column("department", sa.Text),
    sa.Column("implementer", sa.Text),
    sa.Column("funds_total", sa.Float),
    sa.Column("line_start", sa.Integer),
    sa.Column("line_end", sa.Integer),
    sa.Column("layout", sa.String(32)),
    sa.Column("encoding", sa.String(32)),
    sa.Column("page_start", sa.Integer),  # documents read from pages (PDF, scans, Excel sheets)
    sa.Column("page_end", sa.Integer),
    sa.Column("extra", sa.JSON),
    sa.UniqueConstraint("document_id", "table_index"),
    sa.Index(None, "project"),
    sa.Index(None, "year"),
    sa.Index(None, "table_type"),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("document_id", _ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("table_id", _ID, sa.ForeignKey("tables.id", ondelete="CASCADE")),
    sa.Column("table_index", sa.Integer, nullable=False),
    sa.Column("row_index", sa.Integer, nullable=False),
    sa.Column("doc", sa.Text, nullable=False),
    sa.Column("project", sa.Text),
    sa.Column("year", sa.Integer),
    sa.Column("level1", sa.String(16)),
    sa.Column("level2", sa.String(16)),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("value_text", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("comparator", sa.String(16)),
    sa.Column("value", sa.Float),
    sa.Column("value_max", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("actual_text", sa.Text),
    sa.Column("weight", sa.Float),
    sa.Column("score", sa.Float),
    sa.Column("line_start", sa.Integer),
    sa.Column("line_end", sa.Integer),
    sa.Column("category_source", sa.String(16)),
    sa.Column("page", sa.Integer),  # documents read from pages: page, box, OCR confidence
    sa.Column("page_end", sa.Integer),
    sa.Column("bbox", sa.JSON),
    sa.Column("ocr_confidence", sa.Float),
    sa.Column("ocr_doubtful", sa.JSON),
    sa.Column("extra", sa.JSON),
    sa.Index(None, "level1", "level2"),
    sa.Index(None, "level2"),
    sa.Index(None, "project"),
    sa.Index(None, "year"),
    sa.Index(None, "unit"),
    sa.Index(None, "document_id"),
    sa.Index(None, "table_id"),
)

_TABLE_COLS = [c.name for c in tables.columns if c.name not in {"id", "document_id", "table_index", "extra"}]
_INDICATOR_COLS = [
    c.name for c in indicators.columns if c.name not in {"id", "document_id", "table_id", "table_index", "row_index", "extra", "year"}
]


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``--db``: a URL as given, or a file path as SQLite.

    ``postgresql://`` and ``postgres://`` URLs use psycopg 3 (the driver goalnlp
    installs) unless psycopg2 is present.
    """
    text = str(db)
    if "://" not in text:
        return "sqlite:///" + os.path.abspath(os.path.expanduser(text))
    scheme, rest = text.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            scheme = "postgresql+psycopg"
        else:
            scheme = "postgresql"
    return f"{scheme}://{rest}"


def _shown(url: str) -> str:
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as given
        return url


def create_db_engine(db: str | Path, *, create: bool = True) -> sa.Engine:
    """An engine for ``--db`` (E060 when it cannot be opened).  ``create=False``
    refuses to make a new SQLite file (reading commands)."""
    url = database_url(db)
    try:
        if url.startswith("sqlite:"):
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:" and not Path(path).parent.is_dir():
                raise GoalnlpError("E060", url=_shown(url), reason=f"no such directory {Path(path).parent}")
            if not create and path and path != ":memory:" and not Path(path).is_file():
                raise GoalnlpError("E060", url=_shown(url), reason="no such file")
            engine = sa.create_engine(url, connect_args={"timeout": 60})
            sa.event.listen(engine, "connect", _sqlite_connect)
            sa.event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
        with engine.connect():
            pass
    except GoalnlpError:
        raise
    except Exception as exc:  # noqa: BLE001 - driver errors come in many classes
        raise GoalnlpError("E060", url=_shown(url), reason=_reason(exc)) from exc
    return engine


def _reason(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return msg[0] if msg else type(exc).__name__


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    """WAL lets readers query while a batch writes; foreign keys make CASCADE real.

    The driver's own transaction handling is switched off so that :func:`_sqlite_begin`
    opens transactions (SQLAlchemy's recipe for pysqlite): DDL becomes transactional,
    and writers can take the write lock up front.
    """
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """``BEGIN IMMEDIATE`` for writers (``execution_options(write=True)``): several
    processes loading one SQLite file then queue on its lock (busy timeout) instead of
    failing when a read snapshot turns out stale at the first write."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def _alembic_config(connection: sa.Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "goalnlp:migrations")
    cfg.attributes["connection"] = connection
    return cfg


def schema_version(engine: sa.Engine) -> str | None:
    """The Alembic revision a database is at (None: no goalnlp schema yet)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> str:
    """Create or migrate the schema to :data:`SCHEMA_VERSION`; returns the version.

    A database at a revision this goalnlp does not know (written by a newer one)
    is refused with E061 rather than touched.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    current = schema_version(engine)
    with engine.connect() as conn, conn.execution_options(write=True).begin():
        cfg = _alembic_config(conn)
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        if current is not None and current not in known:
            raise GoalnlpError("E061", url=_shown(str(engine.url)), version=current, head=SCHEMA_VERSION)
        if current != SCHEMA_VERSION:
            command.upgrade(cfg, "head")
    return SCHEMA_VERSION


class Store:
    """A database of extracted records.  ``Store(db)`` opens it and creates or
    upgrades its schema; ``Store(db, migrate=False)`` only reads an existing one."""

    def __init__(self, db: str | Path, *, migrate: bool = True) -> None:
        self.url = database_url(db)
        self.engine = create_db_engine(db, create=migrate)
        if migrate:
            upgrade(self.engine)
        elif (current := schema_version(self.engine)) != SCHEMA_VERSION:
            raise GoalnlpError("E062", url=_shown(self.url), version=current or "none (not a goalnlp database)", head=SCHEMA_VERSION)

    def __repr__(self) -> str:
        return f"Store({_shown(self.url)!r})"

    # ------------------------------------------------------------------ writing

    def loaded_sha256(self, path: str) -> str | None:
        """sha256 of the document loaded (status ok) from ``path``, if any: ``--resume``."""
        q = sa.select(documents.c.sha256).where(documents.c.path == path, documents.c.status == "ok")
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one_or_none()

    def save(self, document: dict[str, Any], records: list[dict[str, Any]] | None = None) -> int | None:
        """Replace whatever was loaded from ``document["path"]`` by this document and
        its records, in one transaction; returns the document's id.

        ``document`` holds the ``documents`` columns (``path``, ``name``, ``status`` …).
        A failed document is recorded with its error, except where the path already
        holds a good load: that load is kept (the file may be back next run), and
        None is returned.  A database error is E063; the transaction leaves nothing.
        """
        try:
            return self._save(document, records or [])
        except sa.exc.SQLAlchemyError as exc:
            raise GoalnlpError("E063", path=document.get("path"), reason=_reason(exc)) from exc

    def _save(self, document: dict[str, Any], records: list[dict[str, Any]]) -> int | None:
        tabs = [r for r in records if r.get("record") == "table"]
        inds = [r for r in records if r.get("record") == "indicator"]
        doc_row = {c.name: document.get(c.name) for c in documents.columns if c.name != "id" and c.name in document}
        doc_row.setdefault("extracted_at", datetime.now(timezone.utc))
        doc_row.setdefault("tool_version", _version())
        doc_row["n_tables"] = len(tabs)
        doc_row["n_indicators"] = len(inds)
        with self.engine.connect() as conn, conn.execution_options(write=True).begin():
            if doc_row["status"] != "ok":
                q = sa.select(documents.c.id).where(documents.c.path == doc_row["path"], documents.c.status == "ok")
                if conn.execute(q).first() is not None:
                    return None
            self._delete(conn, doc_row["path"])
            doc_id = conn.execute(sa.insert(documents).returning(documents.c.id), doc_row).scalar_one()
            table_ids: dict[int, int] = {}
            if tabs:
                rows = [_table_row(doc_id, r) for r in tabs]
                ids = conn.execute(
                    sa.insert(tables).returning(tables.c.id, sort_by_parameter_order=True), rows
                ).scalars().all()
                table_ids = {row["table_index"]: i for row, i in zip(rows, ids, strict=True)}
            if inds:
                years = {r.get("table"): r.get("year") for r in tabs}
                conn.execute(
                    sa.insert(indicators),
                    [_indicator_row(doc_id, table_ids, years, i, r) for i, r in enumerate(inds)],
                )
        return int(doc_id)

    @staticmethod
    def _delete(conn: sa.Connection, path: str) -> None:
        old = sa.select(documents.c.id).where(documents.c.path == path).scalar_subquery()
        conn.execute(sa.delete(indicators).where(indicators.c.document_id == old))
        conn.execute(sa.delete(tables).where(tables.c.document_id == old))
        conn.execute(sa.delete(documents).where(documents.c.path == path))

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """Rows per table, and documents per status."""
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for t in (documents, tables, indicators):
                out[t.name] = conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for status, n in conn.execute(sa.select(documents.c.status, sa.func.count()).group_by(documents.c.status)):
                out[f"documents_{status}"] = n
        return out

    def info(self) -> dict[str, Any]:
        """What ``goalnlp db info`` shows: version, counts, failures by code."""
        out: dict[str, Any] = {"url": _shown(self.url), "schema_version": schema_version(self.engine)}
        out.update(self.counts())
        q = sa.select(documents.c.error_code, sa.func.count()).where(documents.c.status != "ok").group_by(documents.c.error_code)
        with self.engine.connect() as conn:
            out["failures"] = {str(code): n for code, n in conn.execute(q)}
            out["last_extracted_at"] = conn.execute(sa.select(sa.func.max(documents.c.extracted_at))).scalar_one()
        return out

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """The loaded SCHEMA records (what ``goalnlp extract`` writes as JSONL), in load
        order: each table record followed by its indicator records; streamed."""
        tq = sa.select(tables).order_by(tables.c.document_id, tables.c.table_index)
        iq = sa.select(indicators).order_by(indicators.c.document_id, indicators.c.row_index)
        with self.engine.connect() as tconn, self.engine.connect() as iconn:
            trows = tconn.execution_options(yield_per=2000).execute(tq)
            irows = iconn.execution_options(yield_per=2000).execute(iq)
            yield from _interleave(iter(trows), iter(irows))

    def read_records(self) -> list[dict[str, Any]]:
        return list(self.iter_records())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _version() -> str:
    from . import __version__

    return __version__


def _table_row(doc_id: int, r: dict[str, Any]) -> dict[str, Any]:
    row = {c: r.get(c) for c in _TABLE_COLS}
    row.update(document_id=doc_id, table_index=r.get("table"), extra=_extra(r, tables))
    return row


def _indicator_row(doc_id: int, table_ids: dict[int, int], years: dict[Any, Any], i: int, r: dict[str, Any]) -> dict[str, Any]:
    row = {c: r.get(c) for c in _INDICATOR_COLS}
    row.update(
        document_id=doc_id,
        table_id=table_ids.get(r.get("table")),  # type: ignore[arg-type]
        table_index=r.get("table"),
        row_index=i,
        year=years.get(r.get("table")),
        extra=_extra(r, indicators),
    )
    return row


def _extra(r: dict[str, Any], table: sa.Table) -> dict[str, Any] | None:
    """Record keys with no column of their own, kept rather than dropped."""
    rest = {k: v for k, v in r.items() if k not in table.c and k not in ("record", "table")}
    return rest or None


# Written by documents read from pages only; absent (not null) in text documents' records.
_PAGE_FIELDS = frozenset({"page_start", "page", "page_end", "bbox", "ocr_confidence", "ocr_doubtful"})


def _record(kind: str, row: Any) -> dict[str, Any]:
    m = dict(row._mapping)
    rec: dict[str, Any] = {"record": kind}
    drop = {"id", "document_id", "table_id", "row_index", "extra", "table_index"}
    if kind == "indicator":
        drop.add("year")
    rec["doc"] = m["doc"]
    rec["table"] = m["table_index"]
    rec.update({k: v for k, v in m.items() if k not in drop and k not in rec and not (k in _PAGE_FIELDS and v is None)})
    extra = m.get("extra")
    if isinstance(extra, str):  # a backend without a native JSON type
        extra = json.loads(extra)
    rec.update(extra or {})
    return rec


def _interleave(trows: Iterator[Any], irows: Iterator[Any]) -> Iterator[dict[str, Any]]:
    """Merge table rows and indicator rows, both in document order, into the order
    :meth:`Doc.records` writes: each table followed by its indicators."""
    pending = next(irows, None)
    for t in trows:
        key = (t.document_id, t.table_index)
        while pending is not None and (pending.document_id, pending.table_index) < key:
            yield _record("indicator", pending)  # no table row (cannot happen via save)
            pending = next(irows, None)
        yield _record("table", t)
        while pending is not None and (pending.document_id, pending.table_index) == key:
            yield _record("indicator", pending)
            pending = next(irows, None)
    while pending is not None:
        yield _record("indicator", pending)
        pending = next(irows, None)
