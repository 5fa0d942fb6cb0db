"""Throughput and memory of ``goalnlp extract`` against a one-regex-a-line baseline.

    python bench/make_corpus.py --out /tmp/goalnlp-bench --docs 10000 --seed 0
    python bench/run_bench.py --corpus /tmp/goalnlp-bench --sizes 1000,10000

For each size N the first N documents of the corpus (whole ``part-NNN`` shards when N is a
multiple of the shard size, else the files themselves) are processed, each run in its own
child process on one core, timed by wall clock (``time.perf_counter`` around the child):

* ``baseline/search``, ``baseline/anchored``: ``bench/baseline_regex.py`` (median of
  ``--repeat-baseline`` runs; the first run also warms the page cache for the others);
* ``library``: one Python process calling ``goalnlp.pipeline.iter_extract`` and writing JSONL
  to a file with ``json.dumps(..., ensure_ascii=False)`` (at ``--lib-sizes``);
* ``cli``: ``goalnlp extract PATHS -o out.jsonl -q`` (at every size).

Peak memory is the child's ``ru_maxrss`` (``os.wait4``); the child's RSS is also sampled from
``/proc/PID/status`` together with the size of its output file, which shows whether JSONL is
written as documents finish (streamed) and whether RSS grows with the number of documents.
MB = 10**6 bytes of input files as stored.  Results: a Markdown table on stdout and
``bench/results.json`` (``--results``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# --------------------------------------------------------------------------- child: library run


def _lib_worker(out: str, paths: list[str]) -> int:
    """``python run_bench.py _lib OUT PATHS...``: the library run, timed inside the process."""
    t_import = time.perf_counter()
    from goalnlp.pipeline import iter_extract

    t0 = time.perf_counter()
    docs = failed = nrec = nbytes = 0
    curve: list[tuple[int, int]] = []  # (docs done, RSS KiB)
    page = os.sysconf("SC_PAGE_SIZE") // 1024
    dumps = json.dumps
    with open(out, "w", encoding="utf-8") as f:
        for path, recs, err in iter_extract(paths):
            if err is not None or recs is None:
                failed += 1
                continue
            docs += 1
            nbytes += path.stat().st_size
            nrec += len(recs)
            for r in recs:
                f.write(dumps(r, ensure_ascii=False) + "\n")
            if docs % 250 == 0:
                with open("/proc/self/statm") as s:
                    curve.append((docs, int(s.read().split()[1]) * page))
    t1 = time.perf_counter()
    json.dump(
        {
            "docs": docs,
            "failed": failed,
            "records": nrec,
            "bytes": nbytes,
            "loop_seconds": t1 - t0,
            "import_seconds": t0 - t_import,
            "rss_by_docs_kib": curve,
        },
        sys.stdout,
    )
    return 0


# --------------------------------------------------------------------------- parent: measuring


def _rss_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(
    cmd: list[str], out_file: Path, *, env: dict[str, str] | None = None, interval: float = 0.25
) -> dict[str, Any]:
    """Run ``cmd``; wall time, ru_maxrss, exit status, and (t, RSS, output bytes) samples."""
    if out_file.exists():
        out_file.unlink()
    samples: list[tuple[float, int, int]] = []
    done = threading.Event()
    t0 = time.perf_counter()
    load0 = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)

    def sample() -> None:
        while not done.wait(interval):
            rss = _rss_kib(proc.pid)
            if rss is None:
                break
            try:
                size = out_file.stat().st_size
            except OSError:
                size = 0
            samples.append((time.perf_counter() - t0, rss, size))

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    # Drain pipes in threads so a chatty child cannot block; reap with wait4 for its rusage.
    bufs: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda k=k, s=s: bufs.__setitem__(k, s.read()), daemon=True)
        for k, s in (("stdout", proc.stdout), ("stderr", proc.stderr))
    ]
    for r in readers:
        r.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    th.join()
    for r in readers:
        r.join()
    if proc.returncode != 0:
        sys.stderr.write(bufs.get("stderr", b"").decode(errors="replace")[-2000:])
        raise SystemExit(f"error: {' '.join(cmd[:4])} ... exited {proc.returncode}")
    return {
        "wall_seconds": wall,
        "loadavg_1min_before_after": (load0, os.getloadavg()[0]),
        "maxrss_kib": ru.ru_maxrss,
        "user_seconds": ru.ru_utime,
        "sys_seconds": ru.ru_stime,
        "stdout": bufs.get("stdout", b"").decode(errors="replace"),
        "stderr": bufs.get("stderr", b"").decode(errors="replace"),
        "samples": samples,
        "output_bytes": out_file.stat().st_size if out_file.exists() else 0,
    }


def streaming_summary(m: dict[str, Any]) -> dict[str, Any]:
    """How the output and RSS grew over the run (from the samples)."""
    s, wall, final = m["samples"], m["wall_seconds"], m["output_bytes"]
    if not s or not final:
        return {}
    first = next((t for t, _, b in s if b > 0), None)

    def at(frac: float) -> tuple[float, int]:
        """(output fraction, RSS KiB) at the sample nearest to frac * wall."""
        t_target = frac * wall
        t, rss, b = min(s, key=lambda x: abs(x[0] - t_target))
        return b / final, rss

    out = {"first_output_seconds": first, "wall_seconds": wall}
    for frac in (0.1, 0.25, 0.5, 0.75, 0.95):
        of, rss = at(frac)
        out[f"t{int(frac * 100)}"] = {"output_fraction": round(of, 3), "rss_mib": round(rss / 1024, 1)}
    # RSS growth from the sample where 10 % of the output was written to the highest RSS seen
    # later (the last sample may catch the interpreter's teardown, so max, not last).
    late = [rss for _, rss, b in s if b / final >= 0.1]
    if len(late) >= 2:
        out["rss_mib_at_10pct_output"] = round(late[0] / 1024, 1)
        out["rss_growth_mib_after_10pct"] = round((max(late) - late[0]) / 1024, 1)
    out["streams"] = bool(first is not None and first < 0.25 * wall and out["t50"]["output_fraction"] > 0.2)
    return out


def _inputs(corpus: Path, n: int, manifest: dict[str, Any]) -> tuple[list[str], list[str], int]:
    """(arguments, files, bytes) for the first n documents."""
    docs = manifest["documents"][:n]
    if len(docs) < n:
        raise SystemExit(f"error: the corpus holds {len(manifest['documents'])} documents, fewer than {n}")
    files = [str(corpus / d["file"]) for d in docs]
    nbytes = sum(d["bytes"] for d in docs)
    shard = manifest["shard_size"]
    if n % shard == 0:
        args = [str(corpus / f"part-{k:03d}") for k in range(n // shard)]
    else:
        args = files
    return args, files, nbytes


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import goalnlp

        version = goalnlp.__version__
    except Exception:  # noqa: BLE001
        version = "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    )
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "goalnlp": version,
        "commit": commit + ("+dirty-src" if dirty else ""),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _row(
    name: str,
    n: int,
    nbytes: int,
    secs: float,
    rss_kib: int | None,
    records: int | None,
    base: float | None,
    cpu: float | None = None,
) -> dict[str, Any]:
    mbps = nbytes / 1e6 / secs
    return {
        "run": name,
        "docs": n,
        "mb": round(nbytes / 1e6, 2),
        "seconds": round(secs, 3),
        "cpu_seconds": None if cpu is None else round(cpu, 3),
        "mb_per_s": round(mbps, 3),
        "docs_per_s": round(n / secs, 1),
        "mb_per_cpu_s": None if cpu is None else round(nbytes / 1e6 / cpu, 3),
        "vs_baseline": None if base is None else round(mbps / base, 4),
        "peak_rss_mib": None if rss_kib is None else round(rss_kib / 1024, 1),
        "records": records,
    }


def _f(x: float | None, nd: int = 2) -> str:
    return "" if x is None else f"{x:.{nd}f}"


def markdown(rows: list[dict[str, Any]]) -> str:
    head = "| run | docs | MB | wall s | MB/s | docs/s | × baseline/search | CPU s | MB/CPU-s | peak RSS MiB | records |"
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        vs = "" if r["vs_baseline"] is None else f"{r['vs_baseline']:.3f}"
        lines.append(
            f"| {r['run']} | {r['docs']:,} | {r['mb']:.1f} | {r['seconds']:.2f} | {r['mb_per_s']:.2f} | "
            f"{r['docs_per_s']:.1f} | {vs} | {_f(r['cpu_seconds'])} | {_f(r['mb_per_cpu_s'])} | {_f(r['peak_rss_mib'], 1)} | {r['records'] if r['records'] is not None else ''} |"
        )
    return "\n".join(lines)


def snapshot_head(work: Path, env: dict[str, str]) -> None:
    """``git archive HEAD src models`` unpacked in ``work/src-HEAD`` and put first on
    ``env["PYTHONPATH"]``, so a run measures one commit whatever the working tree holds.
    models/ is installed as goalnlp.models: HEAD's copy goes where the snapshot's goalnlp
    finds it first, so the run does not read the installed tree's models."""
    snap = work / "src-HEAD"
    shutil.rmtree(snap, ignore_errors=True)
    snap.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD", "src", "models"], cwd=REPO, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(snap)], input=archive, check=True)
    (snap / "models").rename(snap / "src" / "goalnlp" / "models")
    env["PYTHONPATH"] = str(snap / "src") + os.pathsep + env.get("PYTHONPATH", "")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_lib"]:
        return _lib_worker(argv[1], argv[2:])
    p = argparse.ArgumentParser(description="Benchmark goalnlp extract against a one-regex-a-line baseline.")
    p.add_argument("--corpus", required=True, type=Path, help="a directory written by bench/make_corpus.py")
    p.add_argument("--sizes", default="1000,10000", help="document counts (prefixes of the corpus)")
    p.add_argument(
        "--lib-sizes", default=None, help="sizes for the in-process library run (default: the smallest)"
    )
    p.add_argument(
        "--repeat-baseline", type=int, default=3, help="baseline runs per size up to 2,000 docs (1 above)"
    )
    p.add_argument("--work", type=Path, default=Path("/tmp/goalnlp-bench-out"), help="where outputs go")
    p.add_argument("--results", type=Path, default=HERE / "results.json")
    p.add_argument(
        "--code",
        choices=("worktree", "head"),
        default="worktree",
        help="measure the working tree (default) or a `git archive HEAD src models` snapshot put first on PYTHONPATH, "
        "so edits made during the run cannot mix into it",
    )
    a = p.parse_args(argv)
    sizes = sorted({int(x) for x in a.sizes.split(",") if x.strip()})
    lib_sizes = sorted({int(x) for x in a.lib_sizes.split(",")}) if a.lib_sizes else sizes[:1]
    manifest = json.loads((a.corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    a.work.mkdir(parents=True, exist_ok=True)
    goalnlp_exe = shutil.which("goalnlp") or sys.exit("error: goalnlp is not on PATH (pip install -e .)")
    py = sys.executable
    env = dict(os.environ)
    info = machine()
    if a.code == "head":
        snapshot_head(a.work, env)
        info["commit"] = info["commit"].removesuffix("+dirty-src")
    info["code"] = a.code
    print(
        f"machine: {info['nproc']} cpus ({info['affinity']} usable), {info['cpu']}, Python {info['python']}, "
        f"goalnlp {info['goalnlp']} @ {info['commit']}",
        file=sys.stderr,
    )

    rows: list[dict[str, Any]] = []
    runs: dict[str, Any] = {}
    commands: dict[str, str] = {}
    for n in sizes:
        args, files, nbytes = _inputs(a.corpus, n, manifest)
        rel = [f"CORPUS/{os.path.relpath(x, a.corpus)}" for x in args]
        shown = " ".join(rel) if len(rel) <= 3 else f"{rel[0]} {rel[1]} ... {rel[-1]}"
        base_mbps = None
        for pattern in ("search", "anchored"):
            out = a.work / f"baseline-{pattern}-{n}.jsonl"
            cmd = [py, str(HERE / "baseline_regex.py"), *args, "-o", str(out), "--pattern", pattern]
            ms = []
            for _ in range(max(1, a.repeat_baseline if n <= 2000 else 1)):
                ms.append(measure(cmd, out, env=env))
            walls = [m["wall_seconds"] for m in ms]
            m = ms[walls.index(statistics.median_low(walls))]
            info_child = json.loads(m["stderr"].strip().splitlines()[-1])
            row = _row(
                f"baseline/{pattern}",
                n,
                nbytes,
                m["wall_seconds"],
                m["maxrss_kib"],
                info_child["records"],
                base_mbps,
                m["user_seconds"] + m["sys_seconds"],
            )
            if pattern == "search":
                base_mbps = row["mb_per_s"]
                row["vs_baseline"] = 1.0
            rows.append(row)
            runs[f"baseline/{pattern}/{n}"] = {
                "walls": walls,
                "in_process_seconds": info_child["seconds"],
                "maxrss_kib": m["maxrss_kib"],
            }
            commands[f"baseline/{pattern}"] = (
                f"python bench/baseline_regex.py {shown} -o OUT.jsonl --pattern {pattern}"
            )
            print(
                f"  {row['run']:<18} {n:>6} docs {row['seconds']:8.2f} s {row['mb_per_s']:7.2f} MB/s",
                file=sys.stderr,
            )
        if n in lib_sizes:
            out = a.work / f"library-{n}.jsonl"
            m = measure([py, str(Path(__file__).resolve()), "_lib", str(out), *args], out, env=env)
            child = json.loads(m["stdout"])
            row = _row(
                "library",
                n,
                nbytes,
                m["wall_seconds"],
                m["maxrss_kib"],
                child["records"],
                base_mbps,
                m["user_seconds"] + m["sys_seconds"],
            )
            rows.append(row)
            loop = _row(
                "library (loop only)", n, nbytes, child["loop_seconds"], None, child["records"], base_mbps
            )
            rows.append(loop)
            runs[f"library/{n}"] = {
                **child,
                "wall_seconds": m["wall_seconds"],
                "loadavg_1min_before_after": m["loadavg_1min_before_after"],
                "maxrss_kib": m["maxrss_kib"],
                "streaming": streaming_summary(m),
            }
            commands["library"] = f"python bench/run_bench.py _lib OUT.jsonl {shown}"
            print(
                f"  {'library':<18} {n:>6} docs {row['seconds']:8.2f} s {row['mb_per_s']:7.2f} MB/s",
                file=sys.stderr,
            )
        out = a.work / f"cli-{n}.jsonl"
        m = measure([goalnlp_exe, "extract", *args, "-o", str(out)], out, env=env)
        with out.open("rb") as f:
            nrec = sum(1 for _ in f)
        row = _row(
            "cli",
            n,
            nbytes,
            m["wall_seconds"],
            m["maxrss_kib"],
            nrec,
            base_mbps,
            m["user_seconds"] + m["sys_seconds"],
        )
        rows.append(row)
        runs[f"cli/{n}"] = {
            "wall_seconds": m["wall_seconds"],
            "user_seconds": m["user_seconds"],
            "loadavg_1min_before_after": m["loadavg_1min_before_after"],
            "maxrss_kib": m["maxrss_kib"],
            "summary": m["stderr"].strip().splitlines()[-1:],
            "streaming": streaming_summary(m),
            "samples": [(round(t, 2), r, b) for t, r, b in m["samples"]][:: max(1, len(m["samples"]) // 200)],
        }
        commands["cli"] = f"goalnlp extract {shown} -o OUT.jsonl"
        print(
            f"  {'cli':<18} {n:>6} docs {row['seconds']:8.2f} s {row['mb_per_s']:7.2f} MB/s  "
            f"peak {row['peak_rss_mib']} MiB  {runs[f'cli/{n}']['summary']}",
            file=sys.stderr,
        )

    # memory flat in the number of documents: CLI peak RSS, smallest vs largest size
    cli_peaks = {n: runs[f"cli/{n}"]["maxrss_kib"] / 1024 for n in sizes}
    verdict: dict[str, Any] = {"cli_peak_rss_mib": {str(n): round(v, 1) for n, v in cli_peaks.items()}}
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        verdict["peak_ratio_largest_to_smallest"] = round(cli_peaks[hi] / cli_peaks[lo], 3)
        verdict["memory_flat"] = cli_peaks[hi] <= 1.15 * cli_peaks[lo]
    verdict["cli_streams_jsonl"] = all(runs[f"cli/{n}"]["streaming"].get("streams") for n in sizes)
    big = sizes[-1]
    speed = {r["run"]: r for r in rows if r["docs"] == big}
    cli_ratio = speed["cli"]["vs_baseline"]
    verdict["speed_target_half_of_baseline"] = {
        f"cli_vs_baseline_search_at_{big}": cli_ratio,
        f"cli_vs_baseline_anchored_at_{big}": round(
            speed["cli"]["mb_per_s"] / speed["baseline/anchored"]["mb_per_s"], 4
        ),
        "met": cli_ratio >= 0.5,
    }

    results = {
        "machine": info,
        "corpus": {
            "path": str(a.corpus),
            "seed": manifest["seed"],
            "docs": manifest["docs"],
            "bytes": manifest["bytes"],
            "size_quantiles": manifest["size_quantiles"],
        },
        "commands": commands,
        "rows": rows,
        "verdict": verdict,
        "runs": runs,
    }
    a.results.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(rows))
    print()
    for n in sizes:
        st = runs[f"cli/{n}"]["streaming"]
        print(
            f"cli {n:,} docs: first output after {st.get('first_output_seconds')} s of {st.get('wall_seconds', 0):.1f} s; "
            f"output/RSS at 10/50/95 % of the run: "
            + ", ".join(
                f"{st[k]['output_fraction']:.0%}/{st[k]['rss_mib']} MiB"
                for k in ("t10", "t50", "t95")
                if k in st
            )
            + f"; RSS {st.get('rss_mib_at_10pct_output')} MiB at 10 % of output, "
            f"+{st.get('rss_growth_mib_after_10pct')} MiB by the end"
        )
    print(json.dumps(verdict, ensure_ascii=False))
    print(f"wrote {a.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
