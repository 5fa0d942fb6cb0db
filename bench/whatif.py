"""What-if: CPU time of the pipeline with hotspot fixes monkeypatched in (src untouched).

    for f in none trad regex cells trad,regex,cells; do
        PYTHONPATH=SNAPSHOT_OF_e88a4b5/src python bench/whatif.py --corpus /tmp/goalnlp-bench --docs 300 --fixes $f
    done

Fixes (each mirrors a suggestion in bench/README.md; they patch private names of the goalnlp
version measured and may need updating when src changes):

* ``trad``  -- ``normalize.has_traditional`` as ``not TRAD_CHARS.isdisjoint(text)``;
* ``regex`` -- ``regex.fullmatch/sub/split/...`` called with string patterns in goalnlp
  modules go through a dict of compiled patterns (what precompiling them at import does);
* ``cells`` -- ``layout.split_cells`` memoised per line (text, disp, number).

Prints CPU seconds (``time.process_time``) for the documents after a warm-up document, and
writes the records to ``--out-dir/records_<fixes>.json`` so runs can be compared byte for
byte (``cmp``) against ``--fixes none``.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from pathlib import Path
from types import SimpleNamespace

import regex


class _CompiledRegex:
    """Stand-in for the ``regex`` module that compiles each string pattern once."""

    def __init__(self) -> None:
        self._c: dict[tuple[str, int], regex.Pattern[str]] = {}

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(regex, name)

    def _p(self, p: str, flags: int = 0) -> regex.Pattern[str]:
        r = self._c.get((p, flags))
        if r is None:
            r = self._c[(p, flags)] = regex.compile(p, flags)
        return r

    def fullmatch(self, p, s, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).fullmatch(s)

    def match(self, p, s, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).match(s)

    def search(self, p, s, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).search(s)

    def sub(self, p, r, s, count=0, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).sub(r, s, count)

    def split(self, p, s, maxsplit=0, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).split(s, maxsplit)

    def findall(self, p, s, flags=0):  # noqa: ANN001, ANN201
        return self._p(p, flags).findall(s)


def apply(fixes: set[str]) -> None:
    from goalnlp import classify, columns, layout, normalize, outline, rows, tables

    if "trad" in fixes:
        trad = frozenset(chr(c) for c in normalize._t2s_table())  # noqa: SLF001
        normalize.has_traditional = lambda s: not trad.isdisjoint(s)
    if "regex" in fixes:
        shim = _CompiledRegex()
        for mod in (rows, classify, outline, layout, tables, columns):
            mod.regex = shim
    if "cells" in fixes:
        orig = layout.split_cells

        @functools.lru_cache(maxsize=8192)
        def _cells(no: int, text: str, disp: str) -> tuple:
            return tuple(orig(SimpleNamespace(no=no, text=text, disp=disp)))

        def split_cells(line):  # noqa: ANN001, ANN202
            return list(_cells(line.no, line.text, line.disp))

        for mod in (rows, columns, tables, layout):
            if hasattr(mod, "split_cells"):
                mod.split_cells = split_cells


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--fixes", default="none", help="comma-separated: trad, regex, cells (or none)")
    p.add_argument("--out-dir", type=Path, default=Path("/tmp/goalnlp-whatif"))
    a = p.parse_args(argv)
    fixes = {f for f in a.fixes.split(",") if f and f != "none"}
    from goalnlp.io import read_source
    from goalnlp.pipeline import Pipeline

    apply(fixes)
    docs = json.loads((a.corpus / "MANIFEST.json").read_text(encoding="utf-8"))["documents"][: a.docs]
    srcs = [read_source(a.corpus / d["file"]) for d in docs]
    mb = sum(d["bytes"] for d in docs) / 1e6
    nlp = Pipeline()
    nlp(srcs[0])  # warm-up: jieba and OpenCC tables load on first use
    t0 = time.process_time()
    out = [nlp(s).records() for s in srcs]
    dt = time.process_time() - t0
    a.out_dir.mkdir(parents=True, exist_ok=True)
    name = "_".join(sorted(fixes)) or "none"
    (a.out_dir / f"records_{name}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(f"{name:<18} {len(srcs)} docs {mb:.1f} MB {dt:6.1f} CPU-s {mb / dt:.3f} MB/CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
