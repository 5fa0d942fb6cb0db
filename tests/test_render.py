"""Labeled records rendered into real PDF, DOCX, XLSX and image files (issue 5 fixtures).

Each file is read back with an ordinary library (pdfplumber, python-docx, openpyxl, Pillow) and
compared with the gold the renderer wrote: what a perfect reader of the file would extract.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import docx
import numpy as np
import openpyxl
import pdfplumber
import pytest

from goalnlp import render

GOLD = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "gold"
SEED_SELF_EVAL = GOLD / "001_3cd6b194bc39a314.jsonl"  # 8 self-evaluation tables, 138 rows
SEED_PROJECT = GOLD / "000_d2c6a195b1630908.jsonl"  # 13 project tables; table 0 has a date target

# Header labels the simulator writes, by column role.
ROLE = {
    **dict.fromkeys(("三级指标", "*三级指标", "指标名称"), "name"),
    **dict.fromkeys(("计算符号", "*符号", "指标性质", "绩效指标性质"), "sym"),
    **dict.fromkeys(("指标值", "年度指标值", "绩效指标值", "目标值", "年度指标值(A)", "年度指标值（A）", "*值"), "val"),
    **dict.fromkeys(("计量单位", "度量单位", "绩效度量单位"), "unit"),
    **dict.fromkeys(("实际完成值(B)", "实际完成值", "全年实际值（B）"), "actual"),
}
FIELDS = ("level1", "level2", "name", "value_text", "kind", "comparator", "value", "unit", "date",
          "actual_text", "weight", "score")  # fmt: skip


def _load(path: Path, tables: set[int] | None = None) -> list[dict[str, Any]]:
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    return [r for r in recs if tables is None or r["table"] in tables]


def _names(gold: list[dict[str, Any]]) -> list[str]:
    return [r["name"] for r in gold if r["record"] == "indicator"]


def _nows(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


@pytest.fixture(scope="module")
def long_records() -> list[dict[str, Any]]:
    """Tables 0-4 of the self-evaluation seed as one table: ~100 rows, several pages."""
    recs = _load(SEED_SELF_EVAL, {0, 1, 2, 3, 4})
    table = next(r for r in recs if r["record"] == "table" and r["table"] == 0)
    inds = [dict(r, table=0, project=table["project"]) for r in recs if r["record"] == "indicator"]
    return [table, *inds]


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory: pytest.TempPathFactory, long_records: list[dict[str, Any]]) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("pdf")
    ruled, gold, info = render.render_document(long_records, "pdf", out / "ruled", "long")
    unruled, gold_u, _ = render.render_document(long_records, "pdf_unruled", out / "unruled", "long")
    return {"ruled": ruled, "unruled": unruled, "gold": gold, "gold_unruled": gold_u, "info": info}


def _grid_rows(pdf_path: Path) -> tuple[list[tuple[str, str, str | None]], list[int], list[tuple[float, float]]]:
    """(name, value, actual) of every indicator row in the ruled tables pdfplumber finds; the pages
    whose tables carry the header row; the name column's x-range on each page."""
    rows: list[tuple[str, str, str | None]] = []
    header_pages: list[int] = []
    name_x: list[tuple[float, float]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages):
            for table in page.find_tables():
                cols: dict[str, int] | None = None
                for row, cells_obj in zip(table.extract(), table.rows, strict=True):
                    cells = [_nows(c) for c in row]
                    roles = {ROLE[c]: j for j, c in enumerate(cells) if c in ROLE}
                    if "name" in roles:
                        cols = roles
                        header_pages.append(pno)
                        box = cells_obj.cells[roles["name"]]
                        name_x.append((box[0], box[2]))
                        continue
                    if cols is None or not cells[cols["name"]]:
                        continue
                    value = "".join(cells[cols[k]] for k in ("sym", "val", "unit") if k in cols)
                    value = value[2:] if value.startswith("定性") else value
                    rows.append((cells[cols["name"]], value, cells[cols["actual"]] if "actual" in cols else None))
    return rows, header_pages, name_x


def test_ruled_pdf_grid_cells_hold_whole_names_values_and_actuals(long_pdfs: dict[str, Any]) -> None:
    rows, _, _ = _grid_rows(long_pdfs["ruled"])
    want = [(r["name"], r["value_text"], r["actual_text"]) for r in long_pdfs["gold"] if r["record"] == "indicator"]
    assert len(want) > 90
    assert rows == want  # wrapped cells join to the gold text: no added space or hyphen


def test_long_table_spans_pages_with_its_header_repeated(long_pdfs: dict[str, Any]) -> None:
    _, header_pages, _ = _grid_rows(long_pdfs["ruled"])
    assert long_pdfs["info"]["pages"] >= 2
    assert len(header_pages) >= 2 and header_pages == sorted(set(header_pages))
    assert sum(r["record"] == "table" for r in long_pdfs["gold"]) == 1


def test_pdf_text_extracts_every_name_ruled_and_unruled(long_pdfs: dict[str, Any]) -> None:
    # The ruled and unruled PDFs share one layout: the ruled one's name column crops both.
    _, _, name_x = _grid_rows(long_pdfs["ruled"])
    x0, x1 = name_x[0]
    names = _names(long_pdfs["gold"])
    assert _names(long_pdfs["gold_unruled"]) == names
    for key in ("ruled", "unruled"):
        with pdfplumber.open(long_pdfs[key]) as pdf:
            text = "".join(_nows(p.crop((x0, 0, x1, p.height)).extract_text()) for p in pdf.pages)
            assert "离休人员" in _nows(pdf.pages[0].extract_text())  # embedded CJK font, Unicode text
        pos = 0
        for name in names:  # every name, whole and in order, once the fragments are joined
            pos = text.index(name, pos) + len(name)


def test_rendered_gold_keeps_the_source_records(long_pdfs: dict[str, Any], long_records: list[dict[str, Any]]) -> None:
    src = [r for r in long_records if r["record"] == "indicator"]
    got = [r for r in long_pdfs["gold"] if r["record"] == "indicator"]
    assert [tuple(r.get(f) for f in FIELDS) for r in got] == [
        tuple(_nows(r[f]) if f == "actual_text" and r[f] else r.get(f) for f in FIELDS) for r in src
    ]
    assert {r["doc"] for r in long_pdfs["gold"]} == {"long.pdf"}
    assert all("line_start" not in r for r in got)


@pytest.mark.parametrize(
    "text", ["开展警务实战培训人次（以主管部门认定为准）", "≥ 2,664.00万元", "主管部门按季度或年度申请资金，省医保", "a" * 40]
)
def test_cell_lines_fit_and_join_back(text: str) -> None:
    font = render.register_font()
    lines = render._break_lines(text, 60.0, font, 9)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert "".join(lines) == text.replace(" ", "") or " ".join(lines) == text
    assert all(stringWidth(x, font, 9) <= 60.0 for x in lines)
    assert not any(x[0] in "）)，。、" for x in lines[1:])


def test_docx_has_merged_category_cells_and_every_name(tmp_path: Path) -> None:
    recs = _load(SEED_PROJECT, {0, 1, 2})
    path, gold, _ = render.render_document(recs, "docx", tmp_path, "proj")
    assert path.name == "proj.docx" and {r["doc"] for r in gold} == {"proj.docx"}
    document = docx.Document(str(path))
    grids = [t for t in document.tables if any(_nows(c.text) in ROLE for row in t.rows[:2] for c in row.cells)]
    assert len(grids) == 3
    texts = {_nows(c.text) for t in grids for row in t.rows for c in row.cells}
    assert set(_names(gold)) <= texts
    merged = 0
    for t in grids:
        for a, b in zip(t.rows, t.rows[1:], strict=False):
            if a.cells[0]._tc is b.cells[0]._tc:  # python-docx repeats a vertically merged cell
                merged += 1
                assert _nows(a.cells[0].text)  # the merged 一级指标 cell keeps its label
    assert merged >= 3
    xml = grids[0]._tbl.xml
    assert "w:vMerge" in xml and "w:tblHeader" in xml


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.10g}"


def _cell_text(cell: Any) -> str:
    """A cell as Excel shows it, for the formats the renderer writes."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, (int, float)):
        return _number(v * 100) + "%" if "%" in cell.number_format else _number(v)
    return _nows(str(v))


def test_xlsx_merged_ranges_typed_cells_and_excel_dates(tmp_path: Path) -> None:
    recs = _load(SEED_PROJECT, {0, 1})
    path, gold, info = render.render_document(recs, "xlsx", tmp_path, "proj", excel_dates=True)
    assert info["date_cells"] >= 1
    wb = openpyxl.load_workbook(path)
    merged = [r for ws in wb.worksheets for r in ws.merged_cells.ranges]
    assert any(r.min_col == r.max_col == 1 and r.max_row > r.min_row for r in merged)  # a merged 一级指标
    # A perfect reader: header row → columns, then each row's name and value as Excel shows them.
    got: list[tuple[str, str]] = []
    dates = 0
    for ws in wb.worksheets:
        cols: dict[str, int] | None = None
        for row in ws.iter_rows():
            texts = [_cell_text(c) for c in row]
            roles = {ROLE[t]: j for j, t in enumerate(texts) if t in ROLE}
            if "name" in roles:
                cols = roles
                continue
            if cols and texts[cols["name"]]:
                value = "".join(texts[cols[k]] for k in ("sym", "val", "unit") if k in cols)
                got.append((texts[cols["name"]], value[2:] if value.startswith("定性") else value))
                dates += row[cols["val"]].is_date
    want = [(r["name"], r["value_text"]) for r in gold if r["record"] == "indicator"]
    assert got == want
    date_recs = [r for r in gold if r["record"] == "indicator" and r["kind"] == "date"]
    assert dates == len(date_recs) >= 1
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["value_text"]) and r["date"] == r["value_text"] for r in date_recs)
    # Without Excel dates the date target stays as written.
    _, gold2, _ = render.render_document(recs, "xlsx", tmp_path / "b", "proj", excel_dates=False)
    assert "2022年12月底完成" in [r.get("value_text") for r in gold2]


def test_png_at_300_dpi_is_an_a4_page_with_ink(tmp_path: Path) -> None:
    from PIL import Image

    recs = _load(SEED_PROJECT, {0})
    pdf = tmp_path / "one.pdf"
    render.render_pdf(recs, pdf)
    (png,) = render.render_image(pdf, tmp_path / "one.png", dpi=300)
    img = Image.open(png)
    w, h = sorted(img.size)
    assert abs(w - 2480) <= 1 and abs(h - 3508) <= 1
    dark = (np.asarray(img.convert("L")) < 128).mean()
    assert 0.003 < dark < 0.3  # glyphs and rules, not a blank page
    (noisy,) = render.render_image(pdf, tmp_path / "noisy.png", dpi=150, rotate=0.8, noise=0.06, seed=1)
    img2 = Image.open(noisy)
    assert abs(sorted(img2.size)[0] - 1240) <= 1
    assert len(np.unique(np.asarray(img2))) > 50  # gray levels of noise


def test_render_corpus_writes_each_format_with_gold_named_by_file(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "doc_a.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _load(SEED_PROJECT, {0, 1})), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert render.main(["--gold", str(gold_dir), "--out", str(out), "--formats", "pdf,docx,xlsx",
                        "--formats", "png150noisy"]) == 0  # fmt: skip
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    entry = manifest["docs"]["doc_a"]["formats"]
    for fmt in ("pdf", "docx", "xlsx", "png150noisy"):
        gold = _load(out / fmt / "doc_a.jsonl")
        (doc,) = {r["doc"] for r in gold}
        assert (out / fmt / doc).is_file() and entry[fmt]["file"] == f"{fmt}/{doc}"
        assert sum(r["record"] == "table" for r in gold) == 2
    img = out / "png150noisy" / _load(out / "png150noisy" / "doc_a.jsonl")[0]["doc"]
    pages = entry["png150noisy"]["pages"]
    assert img.suffix == (".png" if pages == 1 else ".tiff")
    from PIL import Image

    assert getattr(Image.open(img), "n_frames", 1) == pages
