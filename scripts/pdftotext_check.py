"""A check set of real pdftotext output: labeled tables drawn as PDFs, flattened by poppler.

    python scripts/pdftotext_check.py --out /tmp/ptt [--gold corpora/dev/gold] [--generate 40] [--seed 11]
    goalnlp extract /tmp/ptt/pdf_layout -o p.jsonl && goalnlp evaluate --gold /tmp/ptt/pdf_layout --pred p.jsonl

    # the pairing model's training corpus (corpora/pdftotext_raw.jsonl.gz), generated tables only:
    python scripts/pdftotext_check.py --out /tmp/ptt_train --no-gold --generate 240 --seed 12 \
        --bundle corpora/pdftotext_raw.jsonl.gz

Draws every gold document and ``--generate`` fresh ones with :mod:`goalnlp.render` (ruled
PDFs), runs ``pdftotext`` with and without ``-layout`` (Debian: poppler-utils), and writes
``OUT/pdf_layout`` and ``OUT/pdf_raw``: one ``NAME.txt`` per document beside its gold
``NAME.jsonl`` (``doc`` renamed to the text file).  ``--bundle FILE`` also writes the plain
texts with their gold as one gzipped JSONL (``doc``, ``text``, ``records``; byte-reproducible),
the format :func:`goalnlp.pairing.read_bundle` reads.  The brief's unseen documents include PDF
text from other extractors; this is how goalnlp is measured on them without their text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tempfile
from pathlib import Path

from goalnlp.render import render_corpus


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--gold", type=Path, action="append", default=None)
    p.add_argument("--generate", type=int, default=40)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--no-gold", action="store_true", help="generated tables only")
    p.add_argument("--bundle", type=Path, default=None, help="also write OUT/pdf_raw as one .jsonl.gz")
    a = p.parse_args()
    gold = [] if a.no_gold else a.gold or [Path(__file__).resolve().parent.parent / "corpora" / "dev" / "gold"]
    with tempfile.TemporaryDirectory() as tmp:
        render_corpus(gold, tmp, formats=["pdf"], seed=a.seed, generate=a.generate)
        for mode, flags in (("pdf_layout", ["-layout"]), ("pdf_raw", [])):
            out = a.out / mode
            out.mkdir(parents=True, exist_ok=True)
            for pdf in sorted((Path(tmp) / "pdf").glob("*.pdf")):
                txt = out / (pdf.stem + ".txt")
                subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), str(txt)], check=True)
                with pdf.with_suffix(".jsonl").open(encoding="utf-8") as f, (out / (pdf.stem + ".jsonl")).open(
                    "w", encoding="utf-8"
                ) as g:
                    for line in f:
                        r = json.loads(line)
                        r["doc"] = txt.name
                        g.write(json.dumps(r, ensure_ascii=False) + "\n")
            print(out)
    if a.bundle:
        write_bundle(a.out / "pdf_raw", a.bundle)
        print(a.bundle)
    return 0


def write_bundle(folder: Path, path: Path) -> None:
    """``NAME.txt`` + ``NAME.jsonl`` pairs of ``folder`` as one gzipped JSONL (mtime 0)."""
    with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        for txt in sorted(folder.glob("*.txt")):
            with txt.with_suffix(".jsonl").open(encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
            doc = {"doc": txt.name, "text": txt.read_text(encoding="utf-8"), "records": records}
            gz.write((json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
