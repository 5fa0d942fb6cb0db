"""An independent test set: 28 documents written by hand by authors who never saw goalnlp's
code (tests/data/indep, see its make/ folder), scored with the default engine.

- ``html``: 8 provincial and county web pages with real ``<table>`` markup (rowspans,
  furniture, two tables on a page, self-evaluations, a department-wide table);
  ``pdf_layout`` and ``pdf_raw``: the same pages printed to PDF by headless Chromium, then
  ``pdftotext -layout`` and plain ``pdftotext`` (browser PDFs lay rows out unlike the
  drawn ones of tests/test_pdftotext.py);
- ``office``: 4 Excel workbooks and 4 Word documents, and the workbooks' CSV (UTF-8, BOM,
  GB18030) and tab-text (UTF-16) exports;
- ``text``: 12 flattened text documents (OCR'd markdown with misreadings, one cell per line
  with furniture, | rows, Traditional script, headed lists, 符号/值/单位 columns, a tab
  self-evaluation, a wide department table, hand-wrapped PDF-like text).

The floors sit a little under the scores measured when the set was added (README
§ Accuracy); they guard against regressions, and the PDF-text floors are where the set
says we are weakest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from goalnlp import extract
from goalnlp.evaluate import evaluate, load_records

INDEP = Path(__file__).parent / "data" / "indep"

# folder: (name F1 floor, triple F1 floor)
FLOORS = {
    "html": (0.99, 0.99),
    "office/xlsx": (0.98, 0.98),
    "office/csv": (0.98, 0.98),
    "office/tsv": (0.98, 0.98),
    "office/docx": (0.98, 0.98),
    "text": (0.80, 0.79),
    "pdf_layout": (0.88, 0.85),
    "pdf_raw": (0.70, 0.70),
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_independent_documents(folder: str) -> None:
    d = INDEP / folder
    docs = sorted(p for p in d.iterdir() if p.suffix != ".jsonl" and p.is_file())
    assert docs
    pred = [r for p in docs for r in extract(p)]
    rep = evaluate(load_records(d), pred)
    name_floor, triple_floor = FLOORS[folder]
    assert rep.name.f1 >= name_floor, (folder, rep.name.f1)
    assert rep.triple.f1 >= triple_floor, (folder, rep.triple.f1)
    assert rep.table.f1 >= 0.6, (folder, rep.table.f1)
