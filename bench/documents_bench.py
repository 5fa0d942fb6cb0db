"""Pages/s and accuracy of reading PDF, Word, Excel and scanned documents (issue 5), one process.

    python bench/documents_bench.py --rendered /tmp/rendered-seeds [--rendered /tmp/rendered-synth]

Each ``--rendered`` folder is the output of ``python -m goalnlp.render`` (``FORMAT/NAME.EXT`` with
``FORMAT/NAME.jsonl`` gold beside it); when it does not exist it is rendered first from
``--gold`` (default: the seeds' gold, ``corpora/dev/gold``).  For every format the script
extracts every document in this one process with the default engine, timing the read
(bytes → text with provenance) and the whole extraction separately, counts pages (PDF pages,
TIFF frames; a DOCX/XLSX counts as its documents), scores the records with
:func:`goalnlp.evaluate.evaluate_paths`, and writes ``bench/documents_results.json`` and a
Markdown table.  Wall time is ``time.perf_counter``; CPU time ``time.process_time`` (OCR runs
onnxruntime threads: CPU seconds can exceed wall seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("pdf", "pdf_unruled", "docx", "xlsx", "png300", "png150noisy")
SUFFIXES = {".pdf", ".docx", ".xlsx", ".png", ".tiff"}


def _pages(path: Path) -> int:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    if path.suffix in (".tiff", ".png"):
        from PIL import Image

        with Image.open(path) as im:
            return getattr(im, "n_frames", 1)
    return 1


def bench_format(folder: Path) -> dict:
    from goalnlp.evaluate import evaluate_paths
    from goalnlp.io import read_source
    from goalnlp.pipeline import get_engine

    nlp = get_engine()
    files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    pages = sum(_pages(p) for p in files)
    read_s = total_s = cpu_s = 0.0
    records: list[dict] = []
    for p in files:
        c0, t0 = time.process_time(), time.perf_counter()
        src = read_source(p)
        t1 = time.perf_counter()
        records.extend(nlp(src).records())
        t2 = time.perf_counter()
        read_s += t1 - t0
        total_s += t2 - t0
        cpu_s += time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for g in folder.glob("*.jsonl"):
            (gold / g.name).write_bytes(g.read_bytes())
        rep = evaluate_paths(gold, pred).to_dict()
    return {
        "format": folder.name,
        "documents": len(files),
        "pages": pages,
        "mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
        "read_seconds": round(read_s, 2),
        "seconds": round(total_s, 2),
        "cpu_seconds": round(cpu_s, 2),
        "pages_per_s": round(pages / total_s, 3) if total_s else None,
        "docs_per_s": round(len(files) / total_s, 3) if total_s else None,
        "name_f1": round(rep["name"]["f1"], 4),
        "triple_f1": round(rep["triple"]["f1"], 4),
        "table_f1": round(rep["table"]["f1"], 4),
        "indicators_gold": rep["name"]["gold"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rendered", action="append", type=Path, help="folder written by python -m goalnlp.render")
    ap.add_argument("--gold", action="append", type=Path, help="gold folder to render when --rendered is missing")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "documents_results.json")
    args = ap.parse_args(argv)
    rendered = args.rendered or [Path("/tmp/rendered-seeds")]
    formats = [f for f in args.formats.split(",") if f]
    rows: list[dict] = []
    for folder in rendered:
        if not folder.exists():
            gold = args.gold or [REPO / "corpora" / "dev" / "gold"]
            from goalnlp.render import render_corpus

            render_corpus(gold, folder, formats=formats)
        for fmt in formats:
            if (folder / fmt).is_dir():
                row = bench_format(folder / fmt)
                row["set"] = folder.name
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    head = "| set | format | docs | pages | s | pages/s | name F1 | triple F1 | table F1 |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['set']} | {r['format']} | {r['documents']} | {r['pages']} | {r['seconds']} | {r['pages_per_s']} "
            f"| {r['name_f1']:.3f} | {r['triple_f1']:.3f} | {r['table_f1']:.3f} |"
        )
    print("\n".join(lines))
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    info = {
        "command": " ".join([sys.executable, *sys.argv]),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version(), "loadavg": os.getloadavg()},
        "rows": rows,
    }
    args.out.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
