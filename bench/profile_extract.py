"""Profile ``goalnlp`` extraction over the first N documents of a bench corpus.

    python bench/profile_extract.py --corpus /tmp/goalnlp-bench --docs 500 [--tool cprofile|pyinstrument]

``cprofile`` (default) prints the functions with the largest cumulative and own (tottime)
share of the run, restricted to goalnlp and the libraries it calls, and saves the raw stats to
``--save`` (open with ``python -m pstats``); ``pyinstrument`` (``pip install pyinstrument``)
prints a sampled call tree, which is not inflated by cProfile's per-call overhead.
The run is the same loop as the benchmark's library run (``iter_extract`` + JSONL writing).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path


def run(paths: list[str], out: str) -> int:
    from goalnlp.pipeline import iter_extract

    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for _path, recs, _err in iter_extract(paths):
            for r in recs or ():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def _short(func: tuple[str, int, str]) -> str:
    file, line, name = func
    if "goalnlp" in file:
        file = "goalnlp/" + file.rsplit("goalnlp/", 1)[1]
    elif file.startswith("~") or file == "<built-in>":
        return name
    else:
        file = "/".join(Path(file).parts[-2:])
    return f"{file}:{line}({name})"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--docs", type=int, default=500)
    p.add_argument("--tool", choices=("cprofile", "pyinstrument"), default="cprofile")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--save", type=Path, default=Path("/tmp/goalnlp-profile.pstats"))
    a = p.parse_args(argv)
    manifest = json.loads((a.corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    docs = manifest["documents"][: a.docs]
    paths = [str(a.corpus / d["file"]) for d in docs]
    mb = sum(d["bytes"] for d in docs) / 1e6
    import goalnlp.pipeline  # noqa: F401 - imports are not what we profile

    out = "/tmp/goalnlp-profile-out.jsonl"
    if a.tool == "pyinstrument":
        from pyinstrument import Profiler

        prof = Profiler(interval=0.001)
        t0 = time.perf_counter()
        prof.start()
        run(paths, out)
        prof.stop()
        dt = time.perf_counter() - t0
        print(f"{len(paths)} docs, {mb:.1f} MB, {dt:.1f} s under pyinstrument")
        print(prof.output_text(unicode=True, color=False, show_all=False))
        return 0
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    run(paths, out)
    prof.disable()
    dt = time.perf_counter() - t0
    prof.dump_stats(a.save)
    st = pstats.Stats(prof, stream=io.StringIO())
    total = max(v[3] for v in st.stats.values())  # cumulative time of the outermost call
    print(f"{len(paths)} docs, {mb:.1f} MB, {dt:.1f} s under cProfile; stats in {a.save}")
    for key, label in ((3, "cumulative"), (2, "own (tottime)")):
        print(f"\ntop {a.top} by {label} time, share of the run:")
        print(f"{'share':>6} {'cum s':>8} {'own s':>8} {'calls':>10}  function")
        rows = sorted(st.stats.items(), key=lambda kv: kv[1][key], reverse=True)
        shown = 0
        for func, (cc, nc, tt, ct, _callers) in rows:
            name = _short(func)
            if key == 3 and ("run" == func[2] and "profile_extract" in func[0]):
                continue
            share = (ct if key == 3 else tt) / total
            print(f"{share:6.1%} {ct:8.2f} {tt:8.2f} {nc:10d}  {name}")
            shown += 1
            if shown >= a.top:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
