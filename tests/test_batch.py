"""Batches: the same records from one process, a process pool and a Dask cluster;
killed runs resumed; bad input at scale; streamed outputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from goalnlp.batch import BatchSummary, count_inputs, process_document, run_batch
from goalnlp.cli import app
from goalnlp.db import Store, create_db_engine
from goalnlp.output import COLUMNS, RecordWriter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "dev" / "docs"
SYNTH = ROOT / "corpora" / "synth"


def _key(r: dict) -> str:
    return json.dumps(r, sort_keys=True, ensure_ascii=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The real seeds and the committed simulator documents: 65 files in two folders."""
    d = tmp_path / "corpus"
    shutil.copytree(SEEDS, d / "real")
    (d / "synth").mkdir()
    for p in sorted(SYNTH.glob("*.txt")):
        shutil.copy(p, d / "synth" / p.name)
    return d


def _records(results) -> list[str]:
    return sorted(_key(r) for res in results for r in res.records)


def test_workers_and_cluster_give_the_records_of_one_process(corpus: Path) -> None:
    one = list(run_batch([corpus]))
    assert len(one) == count_inputs([corpus]) == 65
    assert all(r.status == "ok" for r in one)
    # One process keeps input order.
    assert [r.path for r in one] == sorted(r.path for r in one)
    two = list(run_batch([corpus], workers=2))
    dask = list(run_batch([corpus], cluster="local:2"))
    assert _records(two) == _records(dask) == _records(one)
    assert sorted(r.sha256 for r in dask) == sorted(r.sha256 for r in one)


def test_process_document_never_raises(tmp_path: Path) -> None:
    res = process_document(tmp_path / "nope.txt")
    assert (res.status, res.error_code) == ("failed", "E004")
    ok = process_document("x.txt", data=(SEEDS / sorted(os.listdir(SEEDS))[0]).read_bytes())
    assert ok.status == "ok" and ok.records and ok.encoding == "utf-8"
    same = process_document("x.txt", data=(SEEDS / sorted(os.listdir(SEEDS))[0]).read_bytes(), known_sha256=ok.sha256)
    assert same.status == "skipped" and not same.records


def test_a_bug_on_one_document_is_its_failure_only(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    import goalnlp.pipeline as pipeline

    real = pipeline.Pipeline.__call__
    target = sorted((corpus / "real").glob("*.txt"))[1].name

    def flaky(self, src):  # type: ignore[no-untyped-def]
        if src.name == target:
            raise ValueError("boom")
        return real(self, src)

    monkeypatch.setattr(pipeline.Pipeline, "__call__", flaky)
    results = list(run_batch([corpus / "real"]))
    bad = [r for r in results if r.status == "failed"]
    assert [Path(r.path).name for r in bad] == [target]
    assert bad[0].error_code == "E006" and "ValueError: boom" in bad[0].error
    assert sum(r.status == "ok" for r in results) == len(results) - 1


def _wait_for(predicate, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_killed_batch_resumes_with_every_document_loaded_once(db_url: str, corpus: Path, tmp_path: Path) -> None:
    """SIGKILL mid-run (no cleanup at all), then --resume: each document exactly once,
    the committed ones not extracted again, the records those of a clean load."""
    n = count_inputs([corpus])

    def loaded() -> int:
        try:
            with create_db_engine(db_url).connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
        except Exception:  # noqa: BLE001 - the schema may not exist yet
            return 0

    cmd = [sys.executable, "-m", "goalnlp", "extract", str(corpus), "--db", db_url, "-q", "--engine", "rules"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: loaded() >= 10 or proc.poll() is not None)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = loaded()
    assert 10 <= before < n, "the run must be killed mid-way"
    summary = tmp_path / "s.json"
    res = subprocess.run([*cmd, "--resume", "--summary", str(summary)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    s = json.loads(summary.read_text())
    assert s["skipped"] >= before - 1  # the document in flight at the kill may be committed or not
    assert s["skipped"] + s["ok"] == n and s["failed"] == 0
    clean = tmp_path / "clean.sqlite"
    assert subprocess.run([*cmd[:5], "--db", str(clean), "-q", "--engine", "rules"]).returncode == 0
    with Store(db_url) as a, Store(clean) as b:
        assert a.counts()["documents"] == n
        assert sorted(map(_key, a.read_records())) == sorted(map(_key, b.read_records()))
    with create_db_engine(db_url).connect() as conn:
        dup = conn.execute(sa.text("SELECT count(*) FROM (SELECT path FROM documents GROUP BY path HAVING count(*) > 1) d"))
        assert dup.scalar_one() == 0


def test_bad_input_at_scale(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty, binary, GB18030, a large file, a file removed mid-run and a directory that
    cannot be listed: the batch completes, each failure logged and counted once, every
    good document loaded."""
    bad = corpus / "bad"
    (bad / "locked").mkdir(parents=True)
    (bad / "locked" / "hidden.txt").write_text("x", encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.md").write_text("  \n\n", encoding="utf-8")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)  # a broken PNG
    (bad / "blob.txt").write_bytes(bytes(range(256)) * 8)
    sample = (ROOT / "examples" / "sample_targets.txt").read_text(encoding="utf-8")
    (bad / "gb.txt").write_bytes(sample.encode("gb18030"))
    big_unit = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8")
    (bad / "large.txt").write_text(big_unit * (3_000_000 // len(big_unit.encode())), encoding="utf-8")
    (bad / "zz_removed.txt").write_text(sample, encoding="utf-8")

    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):  # root ignores chmod 000, so refuse it here
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "g.sqlite"
    store = Store(db)
    summary = BatchSummary()
    for res in run_batch([corpus, tmp_path / "no-such-dir"], engine="rules"):
        if res.path.endswith("gb.txt"):
            (bad / "zz_removed.txt").unlink()  # listed already; gone before it is read
        summary.add(res)
        store.save(res.document_row(), res.records)
    assert summary.failures == {"E001": 2, "E002": 1, "E004": 2, "E005": 1, "E082": 1}
    assert summary.ok == 65 + 2  # gb.txt and large.txt
    counts = store.counts()
    assert counts["documents_ok"] == 67 and counts["documents_failed"] == 7
    recs = store.read_records()
    gb = [r for r in recs if r["doc"] == "gb.txt" and r["record"] == "indicator"]
    assert len(gb) == 8
    assert sum(r["doc"] == "large.txt" and r["record"] == "table" for r in recs) > 100
    store.close()


def test_cli_workers_progress_error_log_and_summary(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    out1, out2, log, summ = (tmp_path / n for n in ("w1.jsonl", "w2.jsonl", "errors.jsonl", "s.json"))
    runner = CliRunner()
    r1 = runner.invoke(app, ["extract", str(corpus), "-o", str(out1), "-q"])
    r2 = runner.invoke(
        app,
        ["extract", str(corpus), "-o", str(out2), "--workers", "2", "--progress", "--error-log", str(log), "--summary", str(summ)],
    )
    assert r1.exit_code == r2.exit_code == 1  # one file failed
    a = sorted(out1.read_text(encoding="utf-8").splitlines())
    b = sorted(out2.read_text(encoding="utf-8").splitlines())
    assert a == b and len(a) > 1000
    errors = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert errors == [{"path": str(corpus / "empty.txt"), "code": "E001", "error": f"[E001] File is empty: {corpus / 'empty.txt'}"}]
    s = json.loads(summ.read_text())
    assert (s["documents"], s["ok"], s["failed"], s["failures"]) == (66, 65, 1, {"E001": 1})
    assert s["indicators"] == sum('"record": "indicator"' in line for line in a)
    assert s["peak_rss_mib"] > 0
    # The progress bar reports documents/s and the summary line counts by reason.
    assert "docs/s" in r2.stderr and "66/66" in r2.stderr
    assert "1 failed [E001 File is empty: 1]" in r2.stderr


def test_cli_cluster_local(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.jsonl"
    db = tmp_path / "d.sqlite"
    res = CliRunner().invoke(app, ["extract", str(corpus / "real"), "-o", str(out), "--cluster", "local:2", "--db", str(db), "-q"])
    assert res.exit_code == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    with Store(db) as store:
        assert len(lines) == sum(store.counts()[k] for k in ("tables", "indicators"))
    bad = CliRunner().invoke(app, ["extract", str(corpus / "real"), "--cluster", "tcp://127.0.0.1:1", "-q"])
    assert bad.exit_code == 2 and "E071" in bad.stderr
    both = CliRunner().invoke(app, ["extract", str(corpus), "--cluster", "local:2", "--workers", "2"])
    assert both.exit_code == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_writer_streams_every_format_without_loss(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import goalnlp.output as output

    monkeypatch.setattr(output, "_ROW_GROUP", 7)  # several Parquet row groups
    recs = [
        {"record": "table", "doc": "a.txt", "table": 0, "project": "P", "year": 2024, "funds_total": 12.5, "layout": "pipe"},
        *(
            {"record": "indicator", "doc": "a.txt", "table": 0, "name": f"指标{i}", "value": float(i), "line_start": i, "note": "x"}
            for i in range(20)
        ),
    ]
    path = tmp_path / f"out.{fmt}"
    with RecordWriter(path, fmt) as w:
        w.write(recs[:5])
        w.write(recs[5:])
    assert w.count == 21
    if fmt == "jsonl":
        assert [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] == recs
        return
    df = pd.read_csv(path, encoding="utf-8-sig") if fmt == "csv" else pd.read_parquet(path)
    assert list(df.columns) == [*COLUMNS, "extra"] and len(df) == 21
    assert df.loc[0, "year"] == 2024 and df.loc[0, "layout"] == "pipe"
    assert json.loads(df.loc[3, "extra"]) == {"note": "x"}  # an unknown key is kept
    assert df.loc[3, "name"] == "指标2" and df.loc[3, "value"] == 2.0


def test_worker_processes_load_the_database_themselves(db_url: str, corpus: Path, tmp_path: Path) -> None:
    """With --workers the workers write (one connection each, concurrently); the
    database ends up as a one-process load leaves it, and --resume skips it all."""
    results = list(run_batch([corpus], workers=2, db=db_url, keep_records=False))
    assert all(r.saved and r.status == "ok" and not r.records for r in results)
    assert sum(r.n_indicators for r in results) > 1000
    clean = tmp_path / "one.sqlite"
    list(run_batch([corpus], db=clean))
    with Store(db_url) as a, Store(clean) as b:
        assert a.counts() == b.counts()
        assert sorted(map(_key, a.read_records())) == sorted(map(_key, b.read_records()))
    again = list(run_batch([corpus], workers=2, db=db_url, resume=True))
    assert {r.status for r in again} == {"skipped"} and len(again) == 65
