"""Profile ``goalnlp`` extraction over the first N documents of a bench corpus.

    python bench/profile_extract.py --corpus /tmp/goalnlp-bench --docs 500 [--tool cprofile|pyinstrument|perdoc|memory]

``cprofile`` (default) prints the functions with the largest cumulative and own (tottime)
share of the run, restricted to goalnlp and the libraries it calls, and saves the raw stats to
``--save`` (open with ``python -m pstats``); ``pyinstrument`` (``pip install pyinstrument``)
prints a sampled call tree, which is not inflated by cProfile's per-call overhead; ``perdoc``
times every document (no profiler) and prints seconds per MB by layout, source and size band,
and the slowest documents; ``memory`` compares ``tracemalloc`` snapshots taken after the first
and the last tenth of the documents (where retained memory grows) and prints goalnlp's
``lru_cache`` fill.
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


def perdoc(docs: list[dict], paths: list[str]) -> int:
    from collections import defaultdict

    from goalnlp.io import read_source
    from goalnlp.pipeline import default_pipeline

    nlp = default_pipeline()
    rows = []
    for d, path in zip(docs, paths, strict=True):
        t0 = time.perf_counter()
        nlp(read_source(path)).records()
        rows.append((time.perf_counter() - t0, d))
    total = sum(t for t, _ in rows)
    mb = sum(d["bytes"] for _, d in rows) / 1e6
    print(f"{len(rows)} docs, {mb:.1f} MB, {total:.1f} s: {mb / total:.3f} MB/s overall")
    for key, fn in (
        ("layout", lambda d: d["layout"]),
        ("source", lambda d: d["source"]),
        (
            "size",
            lambda d: (
                "<5 KB"
                if d["bytes"] < 5e3
                else "5-20 KB"
                if d["bytes"] < 2e4
                else "20-50 KB"
                if d["bytes"] < 5e4
                else ">=50 KB"
            ),
        ),
    ):
        g: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        for t, d in rows:
            e = g[fn(d)]
            e[0] += 1
            e[1] += t
            e[2] += d["bytes"] / 1e6
        print(f"\nby {key}: docs, share of time, MB/s, ms/doc")
        for k, (n, t, b) in sorted(g.items(), key=lambda kv: -kv[1][1]):
            print(f"  {k:<14} {n:5d} {t / total:6.1%} {b / t:7.3f} {1000 * t / n:8.1f}")
    print("\nslowest documents: s, KB, KB/s, file")
    for t, d in sorted(rows, key=lambda x: -x[0])[:12]:
        print(f"  {t:6.2f} {d['bytes'] / 1e3:7.1f} {d['bytes'] / 1e3 / t:7.1f}  {d['file']}")
    return 0


def memory(paths: list[str]) -> int:
    import gc
    import tracemalloc

    from goalnlp.pipeline import iter_extract

    tenth = max(1, len(paths) // 10)
    tracemalloc.start(1)
    snaps = []
    for i, (_p, _recs, _err) in enumerate(iter_extract(paths), 1):
        if i in (tenth, len(paths)):
            gc.collect()
            snaps.append((i, tracemalloc.take_snapshot(), tracemalloc.get_traced_memory()))
    (i0, s0, m0), (i1, s1, m1) = snaps[0], snaps[-1]
    print(
        f"traced memory after {i0} docs: {m0[0] / 2**20:.1f} MiB (peak {m0[1] / 2**20:.1f}); "
        f"after {i1}: {m1[0] / 2**20:.1f} MiB (peak {m1[1] / 2**20:.1f})"
    )
    print("largest growths (line: +KiB, +blocks):")
    for st in s1.compare_to(s0, "lineno")[:12]:
        print(f"  {st.size_diff / 1024:+9.1f} KiB {st.count_diff:+8d}  {st.traceback}")
    import functools

    import goalnlp

    print("lru caches (currsize/maxsize):")
    for modname in ("rows", "classify", "normalize", "values", "layout", "tables"):
        mod = getattr(goalnlp, modname, None) or __import__(f"goalnlp.{modname}", fromlist=["x"])
        for name, obj in vars(mod).items():
            if isinstance(obj, functools._lru_cache_wrapper):  # noqa: SLF001
                ci = obj.cache_info()
                print(
                    f"  goalnlp.{modname}.{name}: {ci.currsize}/{ci.maxsize} (hits {ci.hits}, misses {ci.misses})"
                )
    return 0


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
    p.add_argument("--tool", choices=("cprofile", "pyinstrument", "perdoc", "memory"), default="cprofile")
    p.add_argument("--top", type=int, default=30)
    p.add_argument(
        "--match", default="", help="only documents whose file name contains this (e.g. _pdf_wrapped)"
    )
    p.add_argument("--save", type=Path, default=Path("/tmp/goalnlp-profile.pstats"))
    a = p.parse_args(argv)
    manifest = json.loads((a.corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    docs = [d for d in manifest["documents"] if a.match in d["file"]][: a.docs]
    paths = [str(a.corpus / d["file"]) for d in docs]
    mb = sum(d["bytes"] for d in docs) / 1e6
    import goalnlp.pipeline  # noqa: F401 - imports are not what we profile

    out = "/tmp/goalnlp-profile-out.jsonl"
    if a.tool == "perdoc":
        return perdoc(docs, paths)
    if a.tool == "memory":
        return memory(paths)
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
        for func, (_cc, nc, tt, ct, _callers) in rows:
            name = _short(func)
            if key == 3 and func[2] == "run" and "profile_extract" in func[0]:
                continue
            share = (ct if key == 3 else tt) / total
            print(f"{share:6.1%} {ct:8.2f} {tt:8.2f} {nc:10d}  {name}")
            shown += 1
            if shown >= a.top:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
