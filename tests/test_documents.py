"""PDF, Word, Excel and damaged documents: chosen by content, read as cells, with page
provenance; bad files fail with a clear code and the batch goes on."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import goalnlp
from goalnlp.batch import run_batch
from goalnlp.errors import InputError
from goalnlp.io import read_source, sniff_kind

ROWS = [
    ("产出指标", "数量指标", "培训基层农技人员人次数达到规定要求的人数", "≥500人次"),
    ("产出指标", "数量指标", "发放补助资金覆盖学校数", "≥12所"),
    ("产出指标", "质量指标", "培训合格率", "≥95%"),
    ("产出指标", "时效指标", "资金拨付完成时间", "2024-12-31"),
    ("效益指标", "社会效益指标", "农民增收能力明显提升并带动周边村民就业创业", "明显提升"),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"),
]
HEAD = ["2024年项目支出绩效目标表", "项目名称：基层农技推广体系改革与建设补助项目", "主管部门：某县农业农村局", "年度资金总额：120.5万元"]
EXPECTED = [(r[2], r[3]) for r in ROWS]


def _indicators(path: Path) -> list[dict]:
    return [r for r in goalnlp.extract(path) if r["record"] == "indicator"]


def _spans(column: int) -> list[tuple[int, int]]:
    """Row ranges (0-based, inclusive) where column ``column`` repeats: merged on the page."""
    out, start = [], 0
    for i in range(1, len(ROWS) + 1):
        if i == len(ROWS) or ROWS[i][column] != ROWS[start][column] or (column == 1 and ROWS[i][0] != ROWS[start][0]):
            out.append((start, i - 1))
            start = i
    return out


# ------------------------------------------------------------------------ pdf


def _pdf(path: Path, *, ruled: bool = True, encrypt: str | None = None, repeat: int = 1) -> Path:
    """A target table as governments print it: merged category cells, wrapped names.
    STSong-Light is a standard CID font: text extracts without embedding a font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("c", fontName="STSong-Light", fontSize=9, leading=11, wordWrap="CJK")
    rows = ROWS * repeat
    data = [[Paragraph(t, style) for t in ("一级指标", "二级指标", "三级指标", "指标值")]]
    data += [[Paragraph(t, style) for t in r] for r in rows]
    spans = []
    for col in (0, 1):
        for a, b in _spans(col):
            for k in range(repeat):
                off = k * len(ROWS) + 1
                spans.append(("SPAN", (col, a + off), (col, b + off)))
    table = Table(data, colWidths=[70, 80, 200, 80], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans] + ([("GRID", (0, 0), (-1, -1), 0.5, "black")] if ruled else [])))
    buf = io.BytesIO()
    kwargs = {"encrypt": encrypt} if encrypt else {}
    SimpleDocTemplate(buf, pagesize=A4, **kwargs).build([*(Paragraph(h, style) for h in HEAD), Spacer(1, 8), table])
    path.write_bytes(buf.getvalue())
    return path


def test_ruled_pdf_is_read_from_its_cells(tmp_path: Path) -> None:
    recs = goalnlp.extract(_pdf(tmp_path / "targets.pdf"))
    table = recs[0]
    assert (table["project"], table["funds_total"], table["page_start"]) == ("基层农技推广体系改革与建设补助项目", 120.5, 1)
    inds = recs[1:]
    assert [(r["name"], r["value_text"]) for r in inds] == EXPECTED
    assert [r["level2"] for r in inds] == ["数量", "数量", "质量", "时效", "社会效益", "服务对象满意度"]
    assert inds[3]["kind"] == "date" and inds[3]["date"] == "2024-12-31"
    # Provenance: page and the row's own box (a merged category cell does not stretch it).
    assert all(r["page"] == 1 for r in inds)
    tops = [r["bbox"][1] for r in inds]
    assert tops == sorted(tops) and all(r["bbox"][3] - r["bbox"][1] < 40 for r in inds)


def test_pdf_table_over_pages_with_repeated_header(tmp_path: Path) -> None:
    inds = _indicators(_pdf(tmp_path / "long.pdf", repeat=12))
    assert [(r["name"], r["value_text"]) for r in inds] == EXPECTED * 12
    assert {r["page"] for r in inds} >= {1, 2}


def test_unruled_pdf_table_rebuilt_from_word_positions(tmp_path: Path) -> None:
    """No rulings: columns from the gutters between words, wrapped names joined by line
    spacing, category labels printed in the middle of their rows put on the first."""
    path = _pdf(tmp_path / "plain.pdf", ruled=False)
    src = read_source(path)
    assert "| 一级指标 | 二级指标 | 三级指标 | 指标值 |" in src.text.split("\n")
    inds = _indicators(path)
    assert [(r["name"], r["value_text"]) for r in inds] == EXPECTED
    assert [r["level2"] for r in inds] == ["数量", "数量", "质量", "时效", "社会效益", "服务对象满意度"]


def test_encrypted_and_damaged_pdfs(tmp_path: Path) -> None:
    locked = _pdf(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(InputError) as exc:
        read_source(locked)
    assert exc.value.code == "E081"
    whole = _pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(InputError) as exc:
        read_source(cut)
    assert exc.value.code == "E082" and "cut.pdf" in str(exc.value)


# ----------------------------------------------------------------------- docx


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for h in HEAD:
        d.add_paragraph(h)
    t = d.add_table(rows=len(ROWS) + 1, cols=4)
    t.style = "Table Grid"
    for j, h in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
        t.cell(0, j).text = h
    for i, row in enumerate(ROWS, 1):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    # A long name as two paragraphs in its cell (Word users press Enter to wrap).
    cell = t.cell(5, 2)
    cell.text = "农民增收能力明显提升并带动"
    cell.add_paragraph("周边村民就业创业")
    for col in (0, 1):
        for a, b in _spans(col):
            if b > a:
                keep = ROWS[a][col]
                t.cell(a + 1, col).merge(t.cell(b + 1, col)).text = keep
    d.save(path)
    return path


def test_docx_tables_read_as_cells(tmp_path: Path) -> None:
    src = read_source(_docx(tmp_path / "targets.docx"))
    assert src.media == "docx"
    assert "| 产出指标 | 数量指标 | 培训基层农技人员人次数达到规定要求的人数 | ≥500人次 |" in src.text.split("\n")
    recs = goalnlp.extract(tmp_path / "targets.docx")
    assert recs[0]["project"] == "基层农技推广体系改革与建设补助项目"
    assert [(r["name"], r["value_text"]) for r in recs[1:]] == EXPECTED
    assert [r["level1"] for r in recs[1:]] == ["产出"] * 4 + ["效益", "满意度"]


# ----------------------------------------------------------------------- xlsx


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    for h in HEAD:
        ws.append([h])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    first = ws.max_row + 1
    for row in ROWS:
        ws.append(list(row))
    # Real Excel values: a percentage cell, a date cell and a date serial as numbers are stored.
    ws.cell(first + 2, 4).value = 0.95
    ws.cell(first + 2, 4).number_format = "0%"
    ws.cell(first + 3, 4).value = dt.datetime(2024, 12, 31)
    ws.cell(first + 3, 4).number_format = "yyyy-mm-dd"
    for col in (0, 1):
        for a, b in _spans(col):
            if b > a:
                ws.merge_cells(start_row=first + a, start_column=col + 1, end_row=first + b, end_column=col + 1)
    wb.save(path)
    return path


def test_xlsx_cells_dates_and_percentages(tmp_path: Path) -> None:
    src = read_source(_xlsx(tmp_path / "targets.xlsx"))
    assert src.media == "xlsx" and src.line_pages and set(src.line_pages) == {1}
    recs = goalnlp.extract(tmp_path / "targets.xlsx")
    inds = recs[1:]
    expected = [(n, v) for n, v in EXPECTED]
    expected[2] = ("培训合格率", "95%")  # the sheet shows 95%, without a comparator
    assert [(r["name"], r["value_text"]) for r in inds] == expected
    assert inds[3]["kind"] == "date" and inds[3]["date"] == "2024-12-31"
    assert inds[2]["value"] == 95 and inds[2]["unit"] == "%"


# --------------------------------------------------------------- sniffing, batch


def test_kind_is_decided_by_content_not_name(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "a.pdf").read_bytes()
    xlsx = _xlsx(tmp_path / "b.xlsx").read_bytes()
    docx_bytes = _docx(tmp_path / "c.docx").read_bytes()
    assert [sniff_kind(b) for b in (pdf, xlsx, docx_bytes)] == ["pdf", "xlsx", "docx"]
    assert sniff_kind(b"\x89PNG\r\n\x1a\n....") == "image" and sniff_kind("产出".encode()) == "text"
    # Misnamed files are read as what they are.
    (tmp_path / "report.txt").write_bytes(xlsx)
    (tmp_path / "scan.xls").write_bytes(pdf)
    assert read_source(tmp_path / "report.txt").media == "xlsx"
    assert read_source(tmp_path / "scan.xls").media == "pdf"


def test_unsupported_and_encrypted_office_files(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    (tmp_path / "locked.docx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    (tmp_path / "old.doc").write_bytes(ole + "WordDocument".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(InputError) as exc:
        read_source(tmp_path / "locked.docx")
    assert exc.value.code == "E081"
    with pytest.raises(InputError) as exc:
        read_source(tmp_path / "old.doc")
    assert exc.value.code == "E080" and "docx" in str(exc.value)


def test_batch_of_mixed_documents(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _pdf(d / "a.pdf")
    _docx(d / "b.docx")
    _xlsx(d / "c.xlsx")
    (d / "d.pdf").write_bytes(b"%PDF-1.4 broken")
    results = {Path(r.path).name: r for r in run_batch([d])}
    assert {n: r.status for n, r in results.items()} == {"a.pdf": "ok", "b.docx": "ok", "c.xlsx": "ok", "d.pdf": "failed"}
    assert results["d.pdf"].error_code == "E082"
    assert {r.media for r in results.values() if r.status == "ok"} == {"pdf", "docx", "xlsx"}
    assert all(r.n_indicators == 6 for r in results.values() if r.status == "ok")


def test_legacy_xls_with_merges_and_a_date(tmp_path: Path) -> None:
    """Excel 97-2003 (BIFF, an OLE2 file): read with xlrd, merged ranges once, dates as dates."""
    import xlwt
    wb = xlwt.Workbook()
    ws = wb.add_sheet("绩效目标")
    r = 0
    for h in HEAD:
        ws.write(r, 0, h)
        r += 1
    for j, h in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
        ws.write(r, j, h)
    first = r + 1
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for i, row in enumerate(ROWS):
        for j, text in enumerate(row):
            if j == 3 and i == 3:
                ws.write(first + i, j, dt.datetime(2024, 12, 31), date_style)
            elif j >= 2 or all(ROWS[k][j] != text for k in range(i)):
                ws.write(first + i, j, text)
    ws.merge(first, first + 3, 0, 0)  # 产出指标 over its four rows
    path = tmp_path / "old.xls"
    wb.save(str(path))
    assert sniff_kind(path.read_bytes()) == "ole2"
    src = read_source(path)
    assert src.media == "xls"
    recs = goalnlp.extract(path)
    assert [(r["name"], r["value_text"]) for r in recs[1:]] == EXPECTED
    assert recs[4]["date"] == "2024-12-31" and recs[1]["level1"] == recs[4]["level1"] == "产出"
