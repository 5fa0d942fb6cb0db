"""The "one regex a line" pass researchers write first: the speed reference for goalnlp.

    python bench/baseline_regex.py DIR_OR_FILE... [-o OUT.jsonl] [--pattern search|anchored]

For every line of every file (directories walked in sorted order, the suffixes goalnlp reads)
one compiled regular expression is tried; a hit -- ``name comparator number unit``, e.g.
``培训教师人次 ≥ 500 人次`` or ``|资助学生人数|≥|1200|人|`` -- becomes one JSONL record with the
document, line number and the four groups.  Files are read as bytes and decoded UTF-8 (BOM
dropped) falling back to GB18030, and records are written with ``json.dumps(...,
ensure_ascii=False)`` as goalnlp writes them, so reading, decoding and writing cost the same
in both and the comparison is about the extraction itself.  It misses every wrapped name,
every word comparator (不低于), every text/date target and every table field; it is the floor
goalnlp's speed is measured against, not an extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = {".txt", ".md", ".tsv", ".csv", ".html", ".htm"}

# name, comparator, number, unit.  "search" (the default) finds the four anywhere in the line,
# cells separated by spaces, tabs or pipes, so it also reads table rows with category cells in
# front; "anchored" is the stricter whole-line form (only lines that are just the four parts).
PATTERNS = {
    "search": r"([^\s|]+?)[\s|]*([≥≤≧≦＞＜＝<>=]{1,2})[\s|]*([0-9０-９][0-9０-９.,，．]*)[\s|]*([^\s|0-9]*)",
    "anchored": r"^\s*(\S+?)\s*([≥≤=<>＝≧≦＞＜]+)\s*([\d.,]+)\s*(\S*)\s*$",
}


def iter_files(paths: Iterable[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and os.path.splitext(f)[1].lower() in SUFFIXES:
                        yield Path(root, f)
        else:
            yield p


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def run(paths: Iterable[str], out, pattern: str = "search") -> tuple[int, int, int]:  # noqa: ANN001
    search = re.compile(PATTERNS[pattern]).search
    dumps = json.dumps
    docs = nbytes = nrec = 0
    for path in iter_files(paths):
        data = path.read_bytes()
        docs += 1
        nbytes += len(data)
        name = path.name
        for no, line in enumerate(decode(data).replace("\r\n", "\n").split("\n"), 1):
            m = search(line)
            if m:
                nrec += 1
                out.write(
                    dumps(
                        {
                            "doc": name,
                            "line": no,
                            "name": m[1],
                            "comparator": m[2],
                            "value": m[3],
                            "unit": m[4],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    return docs, nbytes, nrec


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="One-regex-a-line baseline extractor.")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", type=Path, default=None)
    p.add_argument("--pattern", choices=sorted(PATTERNS), default="search")
    a = p.parse_args(argv)
    t0 = time.perf_counter()
    if a.output:
        with a.output.open("w", encoding="utf-8") as out:
            docs, nbytes, nrec = run(a.paths, out, a.pattern)
    else:
        docs, nbytes, nrec = run(a.paths, sys.stdout, a.pattern)
    dt = time.perf_counter() - t0
    print(
        json.dumps({"pattern": a.pattern, "docs": docs, "bytes": nbytes, "records": nrec, "seconds": dt}),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
