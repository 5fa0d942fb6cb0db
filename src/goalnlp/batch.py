"""Batches: one per-document function run over many files, here, in worker processes
or on a Dask cluster, with results streamed back in flat memory.

:func:`process_document` is the unit of work: bytes → :class:`DocResult` (records,
or the error that stopped the document).  It never raises, so one bad file cannot
stop a batch, and it is a plain picklable function, so the same code runs in this
process (``workers=1``), in a process pool (``workers=N``) and on Dask workers
(``cluster=...``).  :func:`run_batch` feeds it from a streamed directory walk with a
bounded number of documents in flight and yields results as they finish;
:class:`BatchSummary` counts them.  Writing (files, database) stays in the calling
process, so a database sees one writer and every document lands in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoalnlpError, InputError

__all__ = ["BatchSummary", "DocResult", "count_inputs", "process_document", "run_batch"]


@dataclass
class DocResult:
    """What became of one document.  ``status``: ``ok``, ``failed`` or ``skipped``
    (``--resume``: already loaded with the same sha256)."""

    path: str
    status: str
    records: list[dict[str, Any]] = field(default_factory=list)
    sha256: str | None = None
    bytes: int | None = None
    encoding: str | None = None
    media: str | None = None
    error_code: str | None = None
    error: str | None = None
    engine: str | None = None
    seconds: float = 0.0
    n_tables: int = 0
    n_indicators: int = 0
    #: True once the document's rows are committed to the batch's database.
    saved: bool = False
    #: The error's fields (``GoalnlpError.details``), to raise it again elsewhere.
    error_details: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path != "<stdin>" else self.path

    @property
    def key(self) -> str:
        """The document's identity in a database: its absolute path."""
        return self.path if self.path == "<stdin>" else os.path.abspath(self.path)

    def document_row(self) -> dict[str, Any]:
        """The ``documents`` row of :class:`goalnlp.db.Store`."""
        return {
            "path": self.key,
            "name": self.name,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "encoding": self.encoding,
            "media": self.media,
            "status": self.status,
            "error_code": self.error_code,
            "error": self.error,
            "engine": self.engine,
            "seconds": round(self.seconds, 4),
        }


def process_document(
    path: str | Path,
    *,
    data: bytes | None = None,
    known_sha256: str | None = None,
    engine: str | None = None,
    models_dir: str | Path | None = None,
) -> DocResult:
    """Extract one document; never raises.

    ``data`` are the file's bytes when the caller read them (stdin, a cluster whose
    workers cannot see the files); otherwise the file is read here.  With
    ``known_sha256`` (``--resume``) a file that still hashes to it is ``skipped``
    unextracted.
    """
    from .io import read_bytes, source_from_bytes
    from .pipeline import DEFAULT_ENGINE, get_engine

    t0 = time.perf_counter()
    name = str(path)
    res = DocResult(path=name, status="failed", engine=engine or DEFAULT_ENGINE)
    try:
        if data is None:
            data = read_bytes(path)
        res.bytes = len(data)
        res.sha256 = hashlib.sha256(data).hexdigest()
        if known_sha256 is not None and known_sha256 == res.sha256:
            res.status = "skipped"
            return res
        src = source_from_bytes(data, path)
        res.encoding, res.media = src.encoding, src.media
        res.records = get_engine(engine, models_dir)(src).records()
        res.n_tables = sum(r["record"] == "table" for r in res.records)
        res.n_indicators = len(res.records) - res.n_tables
        res.status = "ok"
    except GoalnlpError as exc:
        _fail(res, exc)
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop a batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = f"{type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}"
        _fail(res, GoalnlpError("E006", path=name, reason=reason))
    finally:
        res.seconds = time.perf_counter() - t0
    return res


def _fail(res: DocResult, error: GoalnlpError) -> DocResult:
    res.status, res.records, res.n_tables, res.n_indicators = "failed", [], 0, 0
    res.error_code, res.error, res.error_details = error.code, str(error), dict(error.details)
    return res


def failed(path: str | Path, error: GoalnlpError) -> DocResult:
    """The result of an input that never reached extraction (missing, unlistable)."""
    return _fail(DocResult(path=str(path), status="failed"), error)


@dataclass
class BatchSummary:
    """Counts of a batch, by outcome and by failure code."""

    documents: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    tables: int = 0
    indicators: int = 0
    bytes: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    def add(self, res: DocResult) -> None:
        self.documents += 1
        if res.status == "ok":
            self.ok += 1
            self.bytes += res.bytes or 0
            self.tables += res.n_tables
            self.indicators += res.n_indicators
        elif res.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
            self.failures[res.error_code or "?"] += 1

    def finish(self) -> None:
        self.finished = time.perf_counter()

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def to_dict(self) -> dict[str, Any]:
        s = self.seconds
        return {
            "documents": self.documents,
            "ok": self.ok,
            "failed": self.failed,
            "skipped": self.skipped,
            "tables": self.tables,
            "indicators": self.indicators,
            "failures": dict(sorted(self.failures.items())),
            "seconds": round(s, 3),
            "docs_per_second": round(self.documents / s, 2) if s > 0 else None,
        }

    def line(self) -> str:
        """The one-line summary printed at the end of ``goalnlp extract``."""
        parts = [
            f"{self.documents} document(s)",
            f"{self.tables} table(s)",
            f"{self.indicators} indicator(s)",
            f"{self.failed} failed",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already loaded)")
        text = ", ".join(parts)
        if self.failures:
            from .errors import Errors

            reasons = "; ".join(f"{code} {_reason(Errors, code)}: {n}" for code, n in sorted(self.failures.items()))
            text += f" [{reasons}]"
        s = self.seconds
        return f"{text}; {s:.1f} s, {self.documents / s:.1f} documents/s" if s > 0 else text


def _reason(errors: type, code: str) -> str:
    """A short name for an error code: its message up to the first placeholder."""
    template = getattr(errors, code, code)
    return template.split("{")[0].strip(" :(") or code


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many files :func:`run_batch` will see (for a progress bar's total and ETA)."""
    from .io import walk_inputs

    return sum(1 for p in paths if str(p) == "-") + sum(1 for _ in walk_inputs(p for p in paths if str(p) != "-"))


def run_batch(
    paths: Iterable[str | Path],
    *,
    engine: str | None = None,
    models_dir: str | Path | None = None,
    workers: int = 1,
    cluster: str | Any | None = None,
    db: str | Path | None = None,
    resume: bool = False,
    keep_records: bool = True,
    stdin: bytes | None = None,
) -> Iterator[DocResult]:
    """Extract every file under ``paths``, yielding a :class:`DocResult` per input as it
    finishes (input order with one worker, completion order with several).

    ``workers`` processes (0: one per core); ``cluster`` a Dask scheduler address,
    ``"local"``/``"local:N"`` for a LocalCluster of N workers, or a
    ``distributed.Client``.  With ``db`` (an SQLite file or URL) every document is
    loaded as it finishes, one transaction each (:class:`goalnlp.db.Store`): by the
    worker processes themselves with ``workers > 1``, so this process stays free to
    feed them; by this process otherwise.  ``resume`` skips files whose sha256 is
    already loaded for their path.  ``keep_records=False`` drops each result's records
    once loaded (counts stay), sparing the transfer.  ``stdin``: the bytes of ``-``.
    A database write that fails stops the batch with E063.
    """
    from .io import walk_inputs

    if workers < 0:
        raise GoalnlpError("E072", n=workers)
    if resume and db is None:
        raise GoalnlpError("E073")
    workers = workers or os.cpu_count() or 1
    store = _open(db, migrate=True) if db is not None else None
    try:
        lookup = store.loaded_sha256 if (store is not None and resume) else None
        in_workers = (
            store is not None
            and not _in_memory(store)
            and (_workers_reach(store.url, cluster) if cluster is not None else workers > 1)
        )
        task = _Task(engine, None if models_dir is None else str(models_dir), store.url if in_workers else None, keep_records)
        real = [p for p in paths if str(p) != "-"]
        jobs: Iterator[tuple[str, bytes | None] | DocResult] = _jobs(walk_inputs(real), stdin)
        if cluster is not None:
            results = _run_dask(jobs, cluster, task, lookup)
        elif workers == 1:
            results = (
                job if isinstance(job, DocResult) else _work(job[0], job[1], _known(lookup, job[0]), task) for job in jobs
            )
        else:
            results = _run_processes(jobs, workers, task, lookup)
        for res in results:
            if store is not None and not in_workers:
                _save(store, res)
            if res.error_code == "E063":
                raise GoalnlpError("E063", **(res.error_details or {}))
            if not keep_records:
                res.records = []
            yield res
    finally:
        if store is not None:
            store.close()


def _open(db: str | Path, *, migrate: bool) -> Any:
    from .db import Store

    return Store(db, migrate=migrate)


def _in_memory(store: Any) -> bool:
    return str(store.url).rstrip("/") in ("sqlite:", "sqlite:/:memory:", "sqlite:///:memory:")


def _save(store: Any, res: DocResult) -> None:
    """Load one result (a skipped one is already there); a failure becomes E063."""
    if res.status == "skipped" or res.saved:
        return
    try:
        store.save(res.document_row(), res.records)
        res.saved = True
    except GoalnlpError as exc:
        _fail(res, exc)


def _jobs(walk: Iterable[Path | InputError], stdin: bytes | None) -> Iterator[tuple[str, bytes | None] | DocResult]:
    if stdin is not None:
        yield "<stdin>", stdin
    for item in walk:
        if isinstance(item, InputError):
            yield failed(item.details.get("path", "?"), item)
        else:
            yield str(item), None


def _known(lookup: Callable[[str], str | None] | None, path: str) -> str | None:
    if lookup is None or path == "<stdin>":
        return None
    return lookup(os.path.abspath(path))


# ---------------------------------------------------------------------- processes


@dataclass(frozen=True)
class _Task:
    """What every worker needs besides the document (picklable)."""

    engine: str | None
    models_dir: str | None
    db: str | None  # load here, from the worker
    keep_records: bool


_WORKER_STORE: Any = None


def _init_worker(task: _Task, parent: int) -> None:
    """Load the engine's models once per worker process, and open its own connection
    to the database when workers load their documents themselves.  A watchdog ends
    the worker when the batch's process is gone (killed), instead of leaving it idle
    for ever; a transaction it had open is rolled back by the database."""
    global _WORKER_STORE
    import signal
    import threading

    from .pipeline import get_engine

    # Ctrl-C reaches the whole process group; the batch's process handles it (and lets
    # the documents in flight finish), so workers ignore it instead of dying mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), name="goalnlp-watchdog", daemon=True).start()
    get_engine(task.engine, task.models_dir)
    if task.db is not None:
        _WORKER_STORE = _open(task.db, migrate=False)


def _watch(parent: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(3)
        except PermissionError:  # alive, owned by someone else (cannot happen for our parent)
            pass


def _work(path: str, data: bytes | None, known: str | None, task: _Task) -> DocResult:
    """One document in a worker: extract, load (when this worker writes), trim."""
    res = process_document(path, data=data, known_sha256=known, engine=task.engine, models_dir=task.models_dir)
    if task.db is not None and _WORKER_STORE is not None:
        _save(_WORKER_STORE, res)
        if not task.keep_records:
            res.records = []
    return res


def _run_processes(
    jobs: Iterator[tuple[str, bytes | None] | DocResult],
    workers: int,
    task: _Task,
    lookup: Callable[[str], str | None] | None,
) -> Iterator[DocResult]:
    """A process pool with at most ``4 × workers`` documents in flight.

    A worker that dies (killed, out of memory) breaks the pool: the pool is rebuilt
    and its documents retried once each; a document that breaks it twice fails.
    """
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["goalnlp.pipeline", "goalnlp.batch"])

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(task, os.getpid()))

    pool = new_pool()
    window = 4 * workers
    pending: dict[Any, tuple[str, bytes | None, str | None, int]] = {}
    retry: deque[tuple[str, bytes | None, str | None, int]] = deque()
    try:
        exhausted = False
        while True:
            while len(pending) < window and (retry or not exhausted):
                if retry:
                    job = retry.popleft()
                else:
                    nxt = next(jobs, None)
                    if nxt is None:
                        exhausted = True
                        continue
                    if isinstance(nxt, DocResult):
                        yield nxt
                        continue
                    job = (nxt[0], nxt[1], _known(lookup, nxt[0]), 0)
                pending[pool.submit(_work, job[0], job[1], job[2], task)] = job
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                job = pending.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken = True
                    if job[3] >= 1:
                        yield failed(job[0], GoalnlpError("E006", path=job[0], reason="its worker process died twice"))
                    else:
                        retry.append((*job[:3], job[3] + 1))
            if broken:
                for fut, job in list(pending.items()):
                    fut.cancel()
                    retry.append((*job[:3], job[3] + 1) if job[3] == 0 else job)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- dask


def _is_local(cluster: str | Any) -> bool:
    return isinstance(cluster, str) and (cluster == "local" or cluster.startswith("local:"))


def _workers_reach(db_url: str, cluster: str | Any) -> bool:
    """Whether Dask workers can load into the database themselves: always on a local
    cluster; on a remote one only for a server database that is not on loopback."""
    if _is_local(cluster):
        return True
    import sqlalchemy as sa

    url = sa.make_url(db_url)
    return not url.drivername.startswith("sqlite") and (url.host or "localhost") not in ("localhost", "127.0.0.1", "::1")


def _work_many(items: list[tuple[str, bytes | None, str | None]], task: _Task) -> list[DocResult]:
    """A chunk of documents in one Dask task (per-task overhead paid once per chunk)."""
    global _WORKER_STORE
    if task.db is not None and _WORKER_STORE is None:
        _WORKER_STORE = _open(task.db, migrate=False)
    return [_work(path, data, known, task) for path, data, known in items]


def _run_dask(
    jobs: Iterator[tuple[str, bytes | None] | DocResult],
    cluster: str | Any,
    task: _Task,
    lookup: Callable[[str], str | None] | None,
) -> Iterator[DocResult]:
    """The same per-document function on a Dask cluster, documents in chunks.

    On a remote cluster the files' bytes travel with the tasks, so workers need not see
    this machine's disk; a ``"local[:N]"`` cluster (started here, closed at the end)
    reads them itself.  Chunks of up to :data:`_CHUNK` documents, two per worker thread
    in flight.  A given address or ``Client`` is only used, never closed.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise GoalnlpError("E070") from exc
    from .io import read_bytes

    own: list[Any] = []
    address = cluster if isinstance(cluster, str) else repr(cluster)
    local = _is_local(cluster)
    try:
        if local:
            n = int(str(cluster).partition(":")[2] or (os.cpu_count() or 1))
            lc = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
            own.append(lc)
            client = Client(lc)
            own.insert(0, client)
        elif isinstance(cluster, str):
            client = Client(cluster, timeout=30)
            own.append(client)
        else:
            client = cluster
        nthreads = sum(client.nthreads().values()) or 1
    except GoalnlpError:
        raise
    except Exception as exc:  # noqa: BLE001 - connection errors come in many classes
        for obj in own:
            obj.close()
        raise GoalnlpError("E071", address=address, reason=str(exc) or type(exc).__name__) from exc
    window = 2 * nthreads
    ac = as_completed()
    pending: dict[Any, list[str]] = {}

    def chunks() -> Iterator[list[tuple[str, bytes | None, str | None]] | DocResult]:
        chunk: list[tuple[str, bytes | None, str | None]] = []
        size = 0
        for nxt in jobs:
            if isinstance(nxt, DocResult):
                yield nxt
                continue
            path, data = nxt
            known = _known(lookup, path)
            if not local or data is not None:
                try:
                    data = data if data is not None else read_bytes(path)
                except InputError as e:
                    yield failed(path, e)
                    continue
                if known is not None and known == hashlib.sha256(data).hexdigest():
                    yield DocResult(path=path, status="skipped", sha256=known, bytes=len(data))
                    continue
                known = None
            chunk.append((path, data, known))
            size += len(data or b"")
            if len(chunk) >= _CHUNK or size >= _CHUNK_BYTES:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk

    source = chunks()
    try:
        exhausted = False
        while True:
            while len(pending) < window and not exhausted:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                if isinstance(item, DocResult):
                    yield item
                    continue
                fut = client.submit(_work_many, item, task, pure=False)
                pending[fut] = [p for p, _, _ in item]
                ac.add(fut)
            if not pending:
                break
            fut = next(ac)
            paths = pending.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker, a cancelled task
                err = GoalnlpError("E071", address=address, reason=f"{type(exc).__name__}: {exc}")
                results = [failed(p, err) for p in paths]
            finally:
                fut.release()
            yield from results
    finally:
        for fut in pending:
            fut.cancel()
        for obj in own:
            obj.close()


#: Documents per Dask task, and the bytes a chunk may carry before it is sent.
_CHUNK = 8
_CHUNK_BYTES = 4_000_000
