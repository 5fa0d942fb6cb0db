"""Real pdftotext output of a ruled table with merged category cells and wrapped cells.

tests/data/pdftotext_raw_table.txt (and _layout_table.txt, with -layout) is `pdftotext t.pdf` (poppler 22, no -layout) of a
reportlab PDF we drew: a cell per paragraph, blank lines between cells, and the merged
产出指标/数量指标 cells printed after the table's last row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from goalnlp import extract

DATA = Path(__file__).parent / "data"

# What the drawn road-maintenance table says, whichever way pdftotext flattened it.
ROAD_TABLE = [
    ("产出", "数量", "新建农村公路里程（含通村公路和通组公路）", "≥120公里"),
    ("产出", "数量", "改造危桥数量", "≥8座"),
    ("产出", "质量", "工程验收合格率", "100%"),
    ("产出", "时效", "项目完工时间", "2024年12月底前"),
    ("效益", "社会效益", "群众出行条件", "明显改善"),
    ("满意度", "服务对象满意度", "沿线群众满意度", "≥90%"),
]


def test_pdftotext_raw_paragraph_cells_and_trailing_merged_labels():
    recs = [r for r in extract(DATA / "pdftotext_raw_table.txt") if r["record"] == "indicator"]
    got = [(r["level1"], r["level2"], r["name"], r["value_text"]) for r in recs]
    assert got == ROAD_TABLE
    # A cell wrapped over two lines keeps both lines as its provenance.
    first = recs[0]
    assert first["line_end"] > first["line_start"]


def test_pdftotext_layout_character_grid_and_centred_cells():
    # `pdftotext -layout` of the same PDF: one character per grid cell (not display
    # width), merged cells centred, wrapped cells split around the row's other cells.
    recs = [r for r in extract(DATA / "pdftotext_layout_table.txt") if r["record"] == "indicator"]
    got = [(r["level1"], r["level2"], r["name"], r["value_text"]) for r in recs]
    assert got == ROAD_TABLE


@pytest.mark.parametrize("name", ["pdftotext_raw_selfeval.txt", "pdftotext_layout_selfeval.txt"])
def test_pdftotext_self_evaluation_table(name):
    recs = extract(DATA / name)
    (table,) = [r for r in recs if r["record"] == "table"]
    assert (table["table_type"], table["project"], table["year"]) == ("self_evaluation", "学生资助补助经费", 2023)
    rows = {r["name"]: r for r in recs if r["record"] == "indicator"}
    assert len(rows) == 6
    first = rows["资助家庭经济困难学生人数"]
    assert (first["value_text"], first["actual_text"], first["weight"], first["score"]) == ("≥3200人", "3150人", 20.0, 19.5)
    assert (first["level1"], first["level2"]) == ("产出", "数量")
    assert rows["资助资金发放完成时间"]["date"] == "2023-12"
    assert rows["受助学生及家长满意度"]["level2"] == "服务对象满意度"
