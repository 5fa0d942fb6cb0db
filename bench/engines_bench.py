"""Trained engines: extraction speed per engine, training time, model sizes and load times.

    python bench/engines_bench.py --corpus /tmp/goalnlp-bench/part-000            # speed of rules/crf/hybrid vs the regex pass
    python bench/engines_bench.py --corpus /tmp/goalnlp-bench/part-000 --train    # + `goalnlp train` time, sizes, load times

Each run is a child process on one core: wall time around it, CPU seconds and peak RSS
from ``os.wait4``.  The reference is ``bench/baseline_regex.py`` (one regex a line, the
``search`` pattern) over the same files; issue 3 asks the default engine for >= 0.3x its MB/s.
Results go to ``bench/engines_results.json`` and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(cmd: list[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2), "peak_rss_mib": round(ru.ru_maxrss / 1024, 1)}


def corpus_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html", ".htm", ".tsv", ".csv"}]
    return len(files), sum(p.stat().st_size for p in files)


def load_time(snippet: str) -> float:
    code = f"import time; t=time.perf_counter(); {snippet}; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(out.stdout.strip().splitlines()[-1]), 3)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, required=True, help="a folder of documents (e.g. part-000 of bench/make_corpus.py)")
    p.add_argument("--engines", default="rules,crf,hybrid")
    p.add_argument("--repeat", type=int, default=1, help="runs per engine (the fastest is kept)")
    p.add_argument("--train", action="store_true", help="also time `goalnlp train --corpus corpora` and model loading")
    p.add_argument("--results", type=Path, default=HERE / "engines_results.json")
    args = p.parse_args()

    goalnlp = shutil.which("goalnlp") or "goalnlp"
    ndocs, nbytes = corpus_size(args.corpus)
    mb = nbytes / 1e6
    res: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "corpus": str(args.corpus),
        "docs": ndocs,
        "mb": round(mb, 2),
        "runs": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        runs = {"baseline/search": [sys.executable, str(HERE / "baseline_regex.py"), str(args.corpus), "-o", str(out)]}
        for e in args.engines.split(","):
            runs[f"goalnlp --engine {e}"] = [goalnlp, "extract", str(args.corpus), "--engine", e, "-o", str(out), "-q"]
        for name, cmd in runs.items():
            best = min((measure(cmd) for _ in range(args.repeat)), key=lambda m: m["wall_s"])
            best["mb_per_s"] = round(mb / best["wall_s"], 3)
            best["docs_per_s"] = round(ndocs / best["wall_s"], 1)
            best["command"] = " ".join(cmd)
            res["runs"][name] = best
            print(f"{name}: {best}", file=sys.stderr)
        base = res["runs"]["baseline/search"]["mb_per_s"]
        for r in res["runs"].values():
            r["x_baseline"] = round(r["mb_per_s"] / base, 3)
        if args.train:
            mdir = Path(tmp) / "models"
            cmd = [goalnlp, "train", "--corpus", str(ROOT / "corpora"), "--out", str(mdir)]
            t = measure(cmd)
            rep = json.loads((mdir / "training.json").read_text(encoding="utf-8"))
            res["train"] = {**t, "command": " ".join(cmd[:2]) + " --corpus corpora --out DIR", "report_seconds": rep["seconds"]}
            res["train"]["models"] = {k: {"bytes": v["bytes"], "seconds": v["seconds"]} for k, v in rep["models"].items()}
            shipped = ROOT / "models"
            res["shipped_bytes"] = {p.name: p.stat().st_size for p in sorted(shipped.iterdir()) if p.suffix in {".joblib", ".crfsuite", ".npz", ".json"}}
            res["load_s"] = {
                "line_tagger": load_time("from goalnlp.tagging import load_line_tagger; load_line_tagger()"),
                "token_tagger": load_time("from goalnlp.tokens import load_default; load_default()"),
                "category": load_time("from goalnlp.category import load_default; load_default()"),
            }
    args.results.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{ndocs} documents, {mb:.1f} MB ({args.corpus})\n")
    print("| run | wall s | CPU s | MB/s | docs/s | × baseline | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in res["runs"].items():
        print(f"| {name} | {r['wall_s']} | {r['cpu_s']} | {r['mb_per_s']} | {r['docs_per_s']} | {r['x_baseline']} | {r['peak_rss_mib']} |")
    if "train" in res:
        print(f"\ntrain: {res['train']['wall_s']} s wall; models: {res['train']['models']}; load s: {res['load_s']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
