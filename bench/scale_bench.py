"""Scale (issue 4): ``goalnlp extract --db`` with 1 and 2 worker processes and on a 2-worker
Dask LocalCluster, and the main process's peak memory as the batch grows.

    python bench/make_corpus.py --out /tmp/goalnlp-bench --docs 10000 --seed 0
    python bench/scale_bench.py --corpus /tmp/goalnlp-bench --code head

Throughput: every config (``--configs``, default ``w1,w2,dask2``) runs

    python -m goalnlp extract CORPUS/part-000 ... --db RUN/out.sqlite --engine E
        [--workers 1 | --workers 2 | --cluster local:2] --no-progress -q --summary RUN/summary.json

over the first ``--docs`` documents (whole ``part-NNN`` shards when a multiple of 1,000) as a
child process loading a fresh SQLite file.  Wall clock is ``time.perf_counter`` around the
child (interpreter start, imports and the Dask cluster's start included); the summary's own
``seconds`` start after the imports.  CPU seconds are ``utime + stime`` sampled every 0.25 s
from ``/proc/PID/stat`` for every process of the child's tree, which splits the main
process (feeding the workers, collecting results; up to 971f6e1 also writing the database)
from the workers.  (The child's ``os.wait4`` rusage is recorded too, but it misses the
process pool: its workers are children of the multiprocessing forkserver, which the main
process never reaps.)  The machine may be
shared, so each run records the 1-min load average before and after, and the busy CPU
seconds of the whole machine (``/proc/stat``) less those of the run's tree and of this
script: the CPU other processes took.  ``--repeat N`` interleaves N rounds and keeps the
median wall per config.  Every run must load the same documents, tables and indicators:
rows are counted in the SQLite file and fingerprinted (sha256 over the table and indicator
rows ordered by document path, table and row); a mismatch is printed and makes the exit
status 1.

Memory: the main process's peak RSS (the summary's ``peak_rss_mib``, from
``getrusage(RUSAGE_SELF)``; also the largest sampled ``VmRSS``) at each of
``--memory-sizes`` with ``--memory-configs`` (default ``w2``, the batch mode; ``w1`` would
take ~9 min at 10,000 hybrid documents).  "Flat" = the peak at the largest size within 15 %
of the peak at the smallest.

Results: Markdown tables and a verdict on stdout, everything (figures, exact commands,
machine, per-process CPU and RSS) in ``bench/scale_results.json`` (``--out``);
``--report FILE`` re-derives the tables and verdict of a saved file without measuring.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from run_bench import _inputs, machine, snapshot_head  # bench/ is sys.path[0] when run as a script

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CONFIGS: dict[str, list[str]] = {
    "w1": ["--workers", "1"],
    "w2": ["--workers", "2"],
    "dask2": ["--cluster", "local:2"],
}
SUMMARY_KEYS = ("documents", "ok", "failed", "skipped", "tables", "indicators", "failures", "interrupted")
TARGET_SPEEDUP = 1.7
FLAT = 1.15
CLK = os.sysconf("SC_CLK_TCK")
HELPERS = {"forkserver (depth 1)", "resource_tracker (depth 1)"}  # not workers


# --------------------------------------------------------------------------- process tree sampling


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def _proc(pid: int) -> tuple[float, int, str] | None:
    """(utime + stime seconds, VmRSS KiB, short command) of one process, None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        cpu = (int(rest[11]) + int(rest[12])) / CLK
        rss = 0
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                    break
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except (OSError, IndexError, ValueError):
        return None
    return cpu, rss, _short(cmd)


def _short(cmd: str) -> str:
    for key in ("forkserver", "resource_tracker", "spawn_main", "goalnlp extract"):
        if key in cmd:
            return key
    return cmd[:60]


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``, all CPUs)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    return (sum(v) - v[3] - v[4]) / CLK


def run_child(cmd: list[str], env: dict[str, str], db: Path, interval: float = 0.25) -> dict[str, Any]:
    """Run ``cmd``: wall time, wait4 rusage, per-process CPU/RSS of its tree, main-process RSS curve."""
    procs: dict[int, dict[str, Any]] = {}  # pid -> last seen CPU s, max RSS, what (depth in the tree)
    curve: list[tuple[float, float, int]] = []  # (t, main RSS MiB, db + wal bytes)
    done = threading.Event()
    load0 = os.getloadavg()
    busy0, self0 = _busy_seconds(), sum(os.times()[:2])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, env=env)

    def sample() -> None:
        while not done.wait(interval):
            stack = [(proc.pid, 0)]
            while stack:
                pid, depth = stack.pop()
                got = _proc(pid)
                if got is None:
                    continue
                cpu, rss, what = got
                p = procs.setdefault(pid, {"cpu_s": 0.0, "max_rss_kib": 0, "what": f"{what} (depth {depth})"})
                p["cpu_s"] = max(p["cpu_s"], cpu)
                p["max_rss_kib"] = max(p["max_rss_kib"], rss)
                if pid == proc.pid:
                    p["what"] = "main"
                    size = sum(q.stat().st_size for q in (db, Path(f"{db}-wal")) if q.exists())
                    curve.append((round(time.perf_counter() - t0, 2), round(rss / 1024, 1), size))
                stack.extend((c, depth + 1) for c in _children(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err: list[bytes] = []
    reader = threading.Thread(
        target=lambda: err.append(proc.stderr.read() if proc.stderr else b""), daemon=True
    )
    reader.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    load1 = os.getloadavg()
    busy = _busy_seconds() - busy0 - (sum(os.times()[:2]) - self0)  # less this script's own sampling
    done.set()
    sampler.join()
    reader.join()
    code = os.waitstatus_to_exitcode(status)
    stderr = b"".join(err).decode(errors="replace")
    if code not in (0, 1):  # 1: some documents failed (the counts show it); anything else: no result
        sys.stderr.write(stderr[-3000:])
        raise SystemExit(f"error: {' '.join(cmd[:5])} ... exited {code}")
    main = procs.get(proc.pid, {})
    others = [p for pid, p in procs.items() if pid != proc.pid]
    tree = main.get("cpu_s", 0.0) + sum(p["cpu_s"] for p in others)
    return {
        "exit_status": code,
        "wall_seconds": round(wall, 3),
        "loadavg_before": [round(x, 2) for x in load0],
        "loadavg_after": [round(x, 2) for x in load1],
        "wait4_cpu_seconds": round(ru.ru_utime + ru.ru_stime, 2),
        "wait4_maxrss_mib": round(ru.ru_maxrss / 1024, 1),
        "sampled_main_cpu_seconds": round(main.get("cpu_s", 0.0), 2),
        "sampled_other_cpu_seconds": round(sum(p["cpu_s"] for p in others), 2),
        # busy CPU seconds of the whole machine not spent by this run's processes: other load
        "machine_busy_cpu_seconds": round(busy, 2),
        "outside_cpu_seconds": round(max(0.0, busy - tree), 2),
        "sampled_main_max_rss_mib": round(main.get("max_rss_kib", 0) / 1024, 1),
        "processes": sorted(
            (
                {
                    "what": p["what"],
                    "cpu_s": round(p["cpu_s"], 2),
                    "max_rss_mib": round(p["max_rss_kib"] / 1024, 1),
                }
                for p in others
            ),
            key=lambda p: -p["cpu_s"],
        ),
        "main_rss_curve": curve[:: max(1, len(curve) // 120)],
        "stderr_tail": stderr[-1500:],
    }


# --------------------------------------------------------------------------- database checks


def db_check(path: Path) -> dict[str, Any]:
    """Row counts of the loaded SQLite file, and a fingerprint of what it holds."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, Any] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "tables", "indicators")
        }
        out["documents_by_status"] = dict(
            con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
        )
        for t, key in (("tables", "t.table_index"), ("indicators", "t.table_index, t.row_index")):
            cols = [
                r[1]
                for r in con.execute(f"PRAGMA table_info({t})")
                if r[1] not in {"id", "document_id", "table_id"}
            ]
            sql = f"SELECT d.path, {', '.join('t.' + c for c in cols)} FROM {t} t JOIN documents d ON d.id = t.document_id ORDER BY d.path, {key}"
            h = hashlib.sha256()
            for row in con.execute(sql):
                h.update(repr(row).encode())
            out[f"{t}_sha256"] = h.hexdigest()[:16]
    finally:
        con.close()
    out["file_mib"] = round(sum(q.stat().st_size for q in path.parent.glob(path.name + "*")) / 2**20, 1)
    return out


# --------------------------------------------------------------------------- one run


def extract_run(
    name: str,
    config: str,
    args: list[str],
    n: int,
    nbytes: int,
    engine: str,
    work: Path,
    env: dict[str, str],
    *,
    fingerprint: bool,
    keep: bool,
) -> dict[str, Any]:
    run_dir = work / name
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    db, summary = run_dir / "out.sqlite", run_dir / "summary.json"
    cmd = [
        sys.executable,
        "-m",
        "goalnlp",
        "extract",
        *args,
        "--db",
        str(db),
        "--engine",
        engine,
        *CONFIGS[config],
    ]
    cmd += ["--no-progress", "-q", "--summary", str(summary)]
    print(f"  {name}: {n:,} docs, {config}, {engine} ...", file=sys.stderr, flush=True)
    m = run_child(cmd, env, db)
    s = json.loads(summary.read_text(encoding="utf-8"))
    if fingerprint:
        check = db_check(db)
    else:
        con = sqlite3.connect(db)
        check = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "tables", "indicators")
        }
        con.close()
        check["file_mib"] = round(sum(q.stat().st_size for q in run_dir.glob("out.sqlite*")) / 2**20, 1)
    if not keep:  # 210 MiB of SQLite per 5,000 documents
        shutil.rmtree(run_dir, ignore_errors=True)
    wall = m["wall_seconds"]
    row = {
        "run": name,
        "config": config,
        "engine": engine,
        "docs": n,
        "mb": round(nbytes / 1e6, 2),
        "wall_seconds": wall,
        "docs_per_s": round(n / wall, 2),
        "mb_per_s": round(nbytes / 1e6 / wall, 3),
        "summary_seconds": s["seconds"],
        "summary_docs_per_s": s["docs_per_second"],
        "cpu_seconds_wait4": m["wait4_cpu_seconds"],
        "cpu_seconds_tree": round(m["sampled_main_cpu_seconds"] + m["sampled_other_cpu_seconds"], 2),
        "main_cpu_seconds": m["sampled_main_cpu_seconds"],
        "outside_cpu_seconds": m["outside_cpu_seconds"],
        "main_peak_rss_mib": s["peak_rss_mib"],
        "main_vmrss_max_sampled_mib": m["sampled_main_max_rss_mib"],
        "loadavg_1min_before_after": [m["loadavg_before"][0], m["loadavg_after"][0]],
        "summary": {k: s[k] for k in SUMMARY_KEYS},
        "db": check,
        "measure": m,
        "command": " ".join(cmd),
    }
    problems = []
    if m["exit_status"] != 0 or s["failed"] or s["interrupted"]:
        problems.append(f"exit {m['exit_status']}, {s['failed']} failed, interrupted={s['interrupted']}")
    loaded = (check["documents"], check["tables"], check["indicators"])
    if loaded != (n, s["tables"], s["indicators"]) or s["documents"] != n:
        problems.append(
            f"database holds {check['documents']}/{check['tables']}/{check['indicators']} documents/tables/indicators, "
            f"summary says {s['documents']}/{s['tables']}/{s['indicators']}, expected {n} documents"
        )
    row["problems"] = problems
    for p in problems:
        print(f"  !!! {name}: {p}", file=sys.stderr, flush=True)
    print(
        f"    {wall:.1f} s, {row['docs_per_s']:.1f} docs/s, CPU {row['cpu_seconds_tree']:.1f} s "
        f"(main {row['main_cpu_seconds']:.1f} s), main peak {row['main_peak_rss_mib']} MiB, "
        f"load {row['loadavg_1min_before_after']}, other processes {row['outside_cpu_seconds']:.1f} CPU s",
        file=sys.stderr,
        flush=True,
    )
    return row


# --------------------------------------------------------------------------- output


def throughput_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| config | docs | MB | wall s | docs/s | MB/s | speed-up vs w1 | in-process docs/s | CPU s (all) | CPU s (main) | main peak RSS MiB | other procs' CPU s | load 1-min before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        sp = "" if r.get("speedup_vs_w1") is None else f"{r['speedup_vs_w1']:.2f}×"
        la, lb = r["loadavg_1min_before_after"]
        lines.append(
            f"| {r['config']} | {r['docs']:,} | {r['mb']:.1f} | {r['wall_seconds']:.1f} | {r['docs_per_s']:.1f} | {r['mb_per_s']:.2f} | {sp} | "
            f"{r['summary_docs_per_s']:.1f} | {r['cpu_seconds_tree']:.1f} | {r['main_cpu_seconds']:.1f} | {r['main_peak_rss_mib']} | {r['outside_cpu_seconds']:.1f} | {la:.2f} → {lb:.2f} |"
        )
    return "\n".join(lines)


def memory_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| config | docs | wall s | docs/s | main peak RSS MiB (summary) | main VmRSS max sampled MiB | × smallest | worker peak RSS MiB | other procs' CPU s | load 1-min before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        workers = [p["max_rss_mib"] for p in r["measure"]["processes"] if p["what"] not in HELPERS]
        la, lb = r["loadavg_1min_before_after"]
        lines.append(
            f"| {r['config']} | {r['docs']:,} | {r['wall_seconds']:.1f} | {r['docs_per_s']:.1f} | {r['main_peak_rss_mib']} | "
            f"{r['main_vmrss_max_sampled_mib']} | {r['ratio_to_smallest']:.3f} | {max(workers, default=0):.1f} | {r['outside_cpu_seconds']:.1f} | {la:.2f} → {lb:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--corpus",
        type=Path,
        default=Path("/tmp/goalnlp-bench"),
        help="a directory written by bench/make_corpus.py",
    )
    p.add_argument(
        "--docs",
        type=int,
        default=5000,
        help="documents for the throughput runs (default 5000: part-000..part-004)",
    )
    p.add_argument("--configs", default="w1,w2,dask2", help=f"throughput configs, from {','.join(CONFIGS)}")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="throughput runs per config, interleaved; the median wall is kept",
    )
    p.add_argument("--memory-sizes", default="1000,10000", help="document counts for the memory runs")
    p.add_argument(
        "--memory-configs",
        default="w2",
        help="configs for the memory runs (add w1: ~8 min at 10,000 hybrid docs)",
    )
    p.add_argument(
        "--engine",
        default="hybrid",
        choices=("hybrid", "rules", "crf"),
        help="extraction engine (default: hybrid, the product default)",
    )
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--out", type=Path, default=HERE / "scale_results.json")
    p.add_argument(
        "--work",
        type=Path,
        default=None,
        help="keep each run's SQLite file and summary here (default: a temp dir, each run's removed after it)",
    )
    p.add_argument(
        "--code",
        choices=("worktree", "head"),
        default="worktree",
        help="measure the working tree or a `git archive HEAD` snapshot (see run_bench.py)",
    )
    p.add_argument(
        "--report",
        type=Path,
        default=None,
        help="measure nothing: re-derive the tables and verdict of a saved results file (rewrites it)",
    )
    a = p.parse_args(argv)
    if a.report is not None:
        return report(json.loads(a.report.read_text(encoding="utf-8")), a.report)
    configs = [c.strip() for c in a.configs.split(",") if c.strip()]
    mem_configs = [c.strip() for c in a.memory_configs.split(",") if c.strip()]
    for c in configs + mem_configs:
        if c not in CONFIGS:
            p.error(f"unknown config {c!r} (known: {', '.join(CONFIGS)})")
    sizes = sorted({int(x) for x in a.memory_sizes.split(",") if x.strip()})
    manifest = json.loads((a.corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    work = a.work or Path(tempfile.mkdtemp(prefix="goalnlp-scale-"))
    keep = a.work is not None
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    info = machine()
    if a.code == "head":
        snapshot_head(work, env)
        info["pythonpath"] = env["PYTHONPATH"]  # the snapshot the commands ran with
        info["commit"] = info["commit"].removesuffix("+dirty-src")
    info["code"] = a.code
    try:
        info["mem_total_gib"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    info["loadavg_at_start"] = [round(x, 2) for x in os.getloadavg()]
    print(
        f"machine: {info['nproc']} cpus, {info['cpu']}, Python {info['python']}, goalnlp {info['goalnlp']} @ {info['commit']} "
        f"({a.code}); load {info['loadavg_at_start']}; work {work}",
        file=sys.stderr,
    )

    def shown(args: list[str]) -> str:
        rel = [f"CORPUS/{os.path.relpath(x, a.corpus)}" for x in args]
        return " ".join(rel) if len(rel) <= 3 else f"{rel[0]} {rel[1]} ... {rel[-1]}"

    def warm(files: list[str]) -> None:  # the page cache: every run reads the files from memory
        for f in files:
            with open(f, "rb") as fh:
                while fh.read(1 << 20):
                    pass

    results: dict[str, Any] = {
        "machine": info,
        "corpus": {
            "path": str(a.corpus),
            "seed": manifest["seed"],
            "docs": manifest["docs"],
            "bytes": manifest["bytes"],
        },
        "engine": a.engine,
        "commands": {},
    }
    t_start = time.perf_counter()

    if not a.skip_throughput:
        args, files, nbytes = _inputs(a.corpus, a.docs, manifest)
        warm(files)
        runs: dict[str, list[dict[str, Any]]] = {c: [] for c in configs}
        for k in range(a.repeat):
            for c in configs:
                name = f"throughput-{c}" + (f"-{k + 1}" if a.repeat > 1 else "")
                runs[c].append(
                    extract_run(
                        name, c, args, a.docs, nbytes, a.engine, work, env, fingerprint=True, keep=keep
                    )
                )
        for c in configs:
            results["commands"][f"throughput/{c}"] = (
                f"python -m goalnlp extract {shown(args)} --db OUT.sqlite --engine {a.engine} {' '.join(CONFIGS[c])} "
                "--no-progress -q --summary SUMMARY.json"
            )
        results["throughput"] = {"docs": a.docs, "mb": round(nbytes / 1e6, 2), "all_runs": runs}

    if not a.skip_memory:
        mem_rows = []
        for c in mem_configs:
            for n in sizes:
                args, files, nbytes = _inputs(a.corpus, n, manifest)
                warm(files)
                mem_rows.append(
                    extract_run(
                        f"memory-{c}-{n}",
                        c,
                        args,
                        n,
                        nbytes,
                        a.engine,
                        work,
                        env,
                        fingerprint=False,
                        keep=keep,
                    )
                )
                results["commands"][f"memory/{c}/{n}"] = (
                    f"python -m goalnlp extract {shown(args)} --db OUT.sqlite --engine {a.engine} {' '.join(CONFIGS[c])} "
                    "--no-progress -q --summary SUMMARY.json"
                )
        results["memory"] = {"sizes": sizes, "rows": mem_rows}

    results["total_seconds"] = round(time.perf_counter() - t_start, 1)
    if a.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return report(results, a.out)


def report(results: dict[str, Any], out: Path) -> int:
    """Derive speed-ups, checks and the verdict from the measured runs; write ``out``; print."""
    verdict: dict[str, Any] = {}
    mismatches: list[str] = []
    t = results.get("throughput")
    if t:
        runs = t["all_runs"]
        rows = []
        for rs in runs.values():
            walls = [r["wall_seconds"] for r in rs]
            row = {k: v for k, v in rs[walls.index(statistics.median_low(walls))].items() if k != "measure"}
            row["walls"] = walls
            rows.append(row)
        base = next((r for r in rows if r["config"] == "w1"), None)
        if base is not None:
            for r in rows:
                r["speedup_vs_w1"] = round(base["wall_seconds"] / r["wall_seconds"], 3)
                r["speedup_vs_w1_in_process"] = round(base["summary_seconds"] / r["summary_seconds"], 3)
                # w1 is one process: its CPU seconds are its wall time had it had a core to itself
                r["speedup_vs_w1_cpu_seconds"] = round(base["cpu_seconds_tree"] / r["wall_seconds"], 3)
                if r["config"] != "w1":
                    verdict[f"speedup_{r['config']}_vs_w1"] = {
                        "wall": r["speedup_vs_w1"],
                        "in_process": r["speedup_vs_w1_in_process"],
                        "against_w1_cpu_seconds": r["speedup_vs_w1_cpu_seconds"],
                        "target": TARGET_SPEEDUP,
                        "met": r["speedup_vs_w1"] >= TARGET_SPEEDUP,
                    }
        # every run must have loaded the same thing
        ref = rows[0]
        for run in (r for rs in runs.values() for r in rs):
            mismatches += [f"{run['run']}: {pr}" for pr in run["problems"]]
            for key in ("documents", "tables", "indicators", "tables_sha256", "indicators_sha256"):
                if run["db"][key] != ref["db"][key]:
                    mismatches.append(
                        f"{run['run']}: {key} = {run['db'][key]}, {ref['run']} has {ref['db'][key]}"
                    )
        t["rows"] = rows
        verdict["same_records_in_every_run"] = not mismatches
    m = results.get("memory")
    if m:
        for c in dict.fromkeys(r["config"] for r in m["rows"]):
            mine = [r for r in m["rows"] if r["config"] == c]
            lo = mine[0]["main_peak_rss_mib"]
            for r in mine:
                r["ratio_to_smallest"] = round(r["main_peak_rss_mib"] / lo, 3)
                mismatches += [f"{r['run']}: {pr}" for pr in r["problems"]]
            if len(mine) > 1:
                verdict[f"memory_flat_{c}"] = {
                    "peak_mib_by_docs": {str(r["docs"]): r["main_peak_rss_mib"] for r in mine},
                    "ratio_largest_to_smallest": mine[-1]["ratio_to_smallest"],
                    "flat_if_at_most": FLAT,
                    "met": mine[-1]["ratio_to_smallest"] <= FLAT,
                }
    every = [r for rs in (t or {}).get("all_runs", {}).values() for r in rs] + (m or {}).get("rows", [])
    ncpu = results["machine"].get("nproc") or 1
    verdict["max_1min_load_before_a_run"] = max(
        (r["loadavg_1min_before_after"][0] for r in every), default=None
    )
    # the share of the machine's CPU taken by processes outside the measured runs
    verdict["max_outside_cpu_share"] = max(
        (round(r["outside_cpu_seconds"] / (r["wall_seconds"] * ncpu), 3) for r in every), default=None
    )
    verdict["mismatches"] = mismatches
    results["verdict"] = verdict
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    info = results["machine"]
    print(
        f"goalnlp {info['goalnlp']} @ {info['commit']} ({info['code']}), engine {results['engine']}, {info['date']}, "
        f"{info['nproc']} CPUs ({info['cpu']})\n"
    )
    if t:
        print(f"Throughput, {t['docs']:,} documents ({t['mb']} MB), into a fresh SQLite file:\n")
        print(throughput_table(t["rows"]))
        print()
    if m:
        print("Main-process peak memory:\n")
        print(memory_table(m["rows"]))
        print()
    for key, v in verdict.items():
        if key.startswith("speedup_"):
            print(
                f"{key}: {v['wall']:.2f}× wall ({v['in_process']:.2f}× in-process, {v['against_w1_cpu_seconds']:.2f}× "
                f"against w1's CPU seconds) — target ≥ {TARGET_SPEEDUP}×: {'MET' if v['met'] else 'NOT MET'}"
            )
        elif key.startswith("memory_flat_"):
            print(
                f"{key}: {v['peak_mib_by_docs']} MiB, × {v['ratio_largest_to_smallest']:.3f} — "
                f"{'FLAT' if v['met'] else 'NOT FLAT'} (≤ ×{FLAT})"
            )
    print(
        f"busiest other load: 1-min load {verdict['max_1min_load_before_a_run']} before a run; "
        f"up to {verdict['max_outside_cpu_share']:.0%} of the machine's CPU taken by other processes during a run"
    )
    if mismatches:
        print("\n!!! RUNS DISAGREE OR FAILED:\n" + "\n".join(f"!!! {x}" for x in mismatches))
    elif t:
        print(
            "every throughput run loaded the same documents, tables and indicators (counts and row fingerprints)"
        )
    print(f"wrote {out} ({results.get('total_seconds', 0):.0f} s of runs)", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
