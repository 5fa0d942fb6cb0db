"""A check set of real pdftotext output: labeled tables drawn as PDFs, flattened by poppler.

    python scripts/pdftotext_check.py --out /tmp/ptt [--gold corpora/dev/gold] [--generate 40] [--seed 11] \
        [--extractors plumber,plumber_layout,pdfminer]
    goalnlp extract /tmp/ptt/pdf_layout -o p.jsonl && goalnlp evaluate --gold /tmp/ptt/pdf_layout --pred p.jsonl

    # the pairing model's training corpus (corpora/pdftotext_raw.jsonl.gz), generated tables only:
    python scripts/pdftotext_check.py --out /tmp/ptt_train --no-gold --generate 240 --seed 12 \
        --bundle corpora/pdftotext_raw.jsonl.gz

Draws every gold document and ``--generate`` fresh ones with :mod:`goalnlp.render` (ruled
PDFs), runs ``pdftotext`` with and without ``-layout`` (Debian: poppler-utils), and writes
``OUT/pdf_layout`` and ``OUT/pdf_raw``: one ``NAME.txt`` per document beside its gold
``NAME.jsonl`` (``doc`` renamed to the text file).  ``--extractors`` adds the text of other
extractors of the same PDFs, each in its own folder: ``plumber`` (pdfplumber's
``extract_text()``), ``plumber_layout`` (``extract_text(layout=True)``), ``pdfminer``
(pdfminer.six's ``extract_text``).  ``--bundle FILE`` also writes the plain
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
    p.add_argument(
        "--extractors", default="", help="also: comma-separated plumber, plumber_layout, pdfminer (Python extractors)"
    )
    a = p.parse_args()
    extra = [e for e in a.extractors.split(",") if e]
    unknown = sorted(set(extra) - set(_EXTRACTORS))
    if unknown:
        p.error(f"unknown extractor(s) {', '.join(unknown)}; choose from {', '.join(_EXTRACTORS)}")
    gold = [] if a.no_gold else a.gold or [Path(__file__).resolve().parent.parent / "corpora" / "dev" / "gold"]
    with tempfile.TemporaryDirectory() as tmp:
        render_corpus(gold, tmp, formats=["pdf"], seed=a.seed, generate=a.generate)
        for mode, flags in (("pdf_layout", ["-layout"]), ("pdf_raw", [])):
            out = a.out / mode
            out.mkdir(parents=True, exist_ok=True)
            for pdf in sorted((Path(tmp) / "pdf").glob("*.pdf")):
                txt = out / (pdf.stem + ".txt")
                subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), str(txt)], check=True)
                _copy_gold(pdf.with_suffix(".jsonl"), out / (pdf.stem + ".jsonl"), txt.name)
            print(out)
        for mode in extra:
            out = a.out / mode
            out.mkdir(parents=True, exist_ok=True)
            for pdf in sorted((Path(tmp) / "pdf").glob("*.pdf")):
                txt = out / (pdf.stem + ".txt")
                txt.write_text(_EXTRACTORS[mode](pdf), encoding="utf-8")
                _copy_gold(pdf.with_suffix(".jsonl"), out / (pdf.stem + ".jsonl"), txt.name)
            print(out)
    if a.bundle:
        write_bundle(a.out / "pdf_raw", a.bundle)
        print(a.bundle)
    return 0


def _copy_gold(src: Path, dst: Path, doc: str) -> None:
    """The drawn document's gold, its ``doc`` renamed to the text file."""
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as g:
        for line in f:
            r = json.loads(line)
            r["doc"] = doc
            g.write(json.dumps(r, ensure_ascii=False) + "\n")


def _plumber(pdf: Path, **kw: object) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as d:
        return "\n".join((page.extract_text(**kw) or "") for page in d.pages)


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


_EXTRACTORS = {
    "plumber": _plumber,
    "plumber_layout": lambda pdf: _plumber(pdf, layout=True),
    "pdfminer": _pdfminer,
}


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
