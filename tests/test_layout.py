"""Tests for goalnlp.layout: cells of pipe/tab/space lines, titles, headers, table regions."""

from __future__ import annotations

import pytest

from goalnlp import extract
from goalnlp.doc import Line
from goalnlp.io import source_from_text
from goalnlp.layout import (
    compact,
    find_regions,
    header_hits,
    is_separator_row,
    is_title,
    line_style,
    split_cells,
    text_width,
)
from goalnlp.normalize import normalize_line
from goalnlp.pipeline import Pipeline


def _line(raw: str, no: int = 7) -> Line:
    text, disp = normalize_line(raw)
    return Line(no=no, text=text, disp=disp)


def _lines(doc: str) -> list[Line]:
    return Pipeline(names=()).make_doc(source_from_text(doc)).lines


def _line_no(doc: str, needle: str) -> int:
    """1-based number of the first line of ``doc`` containing ``needle``."""
    for i, line in enumerate(doc.split("\n"), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


# --- cells --------------------------------------------------------------------------------


def test_split_cells_pipe_line() -> None:
    cells = split_cells(_line("| 产出指标 | 数量指标 | 培训 人次 | ≥ ５００人次 | |"))
    assert [c.text for c in cells] == ["产出指标", "数量指标", "培训 人次", "≥ 500人次"]
    assert [c.disp for c in cells] == ["产出指标", "数量指标", "培训 人次", "≥ ５００人次"]
    assert [c.col for c in cells] == [0, 1, 2, 3]
    assert {c.line for c in cells} == {7}


def test_split_cells_pipe_keeps_column_of_cells_after_empty_ones() -> None:
    cells = split_cells(_line("| | | 项目成本控制率 | | ≤ 100% | |"))
    assert [(c.text, c.col) for c in cells] == [("项目成本控制率", 2), ("≤ 100%", 4)]


def test_split_cells_pipe_without_leading_bar() -> None:
    cells = split_cells(_line("产出指标 | 质量指标 | 验收合格率 | 100%"))
    assert [(c.text, c.col) for c in cells] == [("产出指标", 0), ("质量指标", 1), ("验收合格率", 2), ("100%", 3)]


@pytest.mark.parametrize("sep", ["|---|---|---|", "| :--- | :---: | ---: |", "|--------|---|------|"])
def test_separator_rows_have_no_cells(sep: str) -> None:
    assert is_separator_row(sep)
    assert split_cells(_line(sep)) == []


def test_dash_value_is_not_a_separator() -> None:
    assert not is_separator_row("| -- | 2022年 |")


def test_split_cells_tab_line() -> None:
    cells = split_cells(_line("\t\t质量指标\t大坝监测设施完好率\t≥\t９５\t%\t20"))
    assert [(c.text, c.col) for c in cells] == [
        ("质量指标", 2),
        ("大坝监测设施完好率", 3),
        ("≥", 4),
        ("95", 5),
        ("%", 6),
        ("20", 7),
    ]
    assert cells[3].disp == "９５"


def test_split_cells_space_line() -> None:
    cells = split_cells(_line("产出指标   数量指标 培训教师人次　　≥1200人次"))
    assert [c.text for c in cells] == ["产出指标", "数量指标", "培训教师人次", "≥1200人次"]
    assert all(c.col == -1 for c in cells)


@pytest.mark.parametrize(
    ("raw", "style"),
    [
        ("| a | b |", "pipe"),
        ("a | b | c", "pipe"),
        ("a\tb", "tab"),
        ("a  b", "space"),
        ("年度目标：a|b", "space"),  # one stray bar is not a grid
    ],
)
def test_line_style(raw: str, style: str) -> None:
    assert line_style(raw) == style


def test_text_width_counts_cjk_as_one_and_ascii_as_half() -> None:
    assert text_width("培训人次") == 4.0
    assert text_width("≥500人次") == 1.0 + 1.5 + 2.0
    assert text_width("a b") == 1.0


def test_compact_removes_whitespace_and_bars() -> None:
    assert compact(" 一级 指标 | 二级指标\t") == "一级指标二级指标"


# --- titles and headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "2024年项目支出绩效目标表",
        "某市2024年项目支出绩效目标批复表",
        "项目支出绩效自评表",
        "部门整体支出绩效目标表",
        "部门（单位）整体支出绩效目标申报表",
        "2022年特定目标类项目绩效目标表",
    ],
)
def test_titles(title: str) -> None:
    assert is_title(compact(normalize_line(title)[0]))


@pytest.mark.parametrize(
    "not_title",
    [
        "项目支出绩效自评表详见附件。",
        "收入支出决算总表",
        "2024年度部门预算收支总表",
        "（2025年度）",
        "表",
    ],
)
def test_not_titles(not_title: str) -> None:
    assert not is_title(compact(normalize_line(not_title)[0]))


def test_header_hits() -> None:
    assert header_hits("一级指标二级指标三级指标指标值说明") >= 4
    assert header_hits("产出指标数量指标培训人次") == 0


# --- regions ------------------------------------------------------------------------------------

_MIXED = """某县交通运输局2024年部门预算公开说明

一、部门基本情况
本部门负责全县农村公路建设、养护和城乡客运管理。

二、收支预算情况说明
2024年收入预算1,820.50万元，其中一般公共预算拨款1,820.50万元。

附件1
2024年项目支出绩效目标表

项目名称 农村公路危桥改造工程

主管部门及代码 [214]某县交通运输局 实施单位 某县公路管理段

年度资金总额： 650.00

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 改造危桥座数 ≥6座

质量指标 工程交工验收合格率 100%

效益指标 社会效益指标 群众通行安全 有效保障

收入支出决算总表
单位：万元
项目 本年收入 本年支出 年末结转
一般公共预算财政拨款收入 1,820.50 1,790.20 30.30
交通运输支出 1,820.50 1,790.20 30.30
合计 1,820.50 1,790.20 30.30

2024年项目支出绩效目标表

项目名称 城乡公交运营补贴

主管部门及代码 [214]某县交通运输局 实施单位 某县城乡公交公司

年度资金总额： 310.00

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 开通城乡公交线路 ≥12条

时效指标 补贴资金拨付时间 2024年12月底前

满意度指标 服务对象满意度指标 乘客满意度 ≥90%
"""


def test_find_regions_only_target_tables() -> None:
    lines = _lines(_MIXED)
    regions = find_regions(lines)
    assert len(regions) == 2
    src = _MIXED.split("\n")
    titles = [i for i, ln in enumerate(src, 1) if ln == "2024年项目支出绩效目标表"]
    headers = [i for i, ln in enumerate(src, 1) if ln.startswith("一级指标")]
    for reg, title_no, header_no in zip(regions, titles, headers, strict=True):
        assert reg.title == "2024年项目支出绩效目标表"
        assert lines[reg.start].no == title_no
        assert lines[reg.header].no == header_no
        assert lines[reg.body].no > header_no
        assert reg.header_cells == ["一级指标", "二级指标", "三级指标", "指标值", "说明"]
    # The first table stops before the final-account table; the second runs to the end.
    decision_table = _line_no(_MIXED, "收入支出决算总表")
    assert lines[regions[0].end - 1].no < decision_table
    assert regions[0].end <= regions[1].start
    assert lines[regions[1].end - 1].no >= _line_no(_MIXED, "乘客满意度")


def test_regions_have_metadata_before_header() -> None:
    lines = _lines(_MIXED)
    for reg in find_regions(lines):
        meta = "".join(compact(ln.text) for ln in lines[reg.start : reg.header])
        assert "项目名称" in meta and "年度资金总额" in meta
        body = "".join(compact(ln.text) for ln in lines[reg.body : reg.end])
        assert "项目名称" not in body


_CELL_PER_LINE = """当前位置：首页 > 政务公开 > 财政预决算
2024年项目支出绩效目标表
单位：万元
项目名称
农村公路养护工程补助
主管部门
某县交通运输局
绩
效
指
标
一级指标
二级指标
三级指标
指标值
说明
产出指标
数量指标
养护农村公路里程
≥420公里
"""


def test_header_one_cell_per_line() -> None:
    lines = _lines(_CELL_PER_LINE)
    (reg,) = find_regions(lines)
    assert reg.header_cells == ["一级指标", "二级指标", "三级指标", "指标值", "说明"]
    assert lines[reg.header].no == _line_no(_CELL_PER_LINE, "一级指标")
    assert lines[reg.body].no == _line_no(_CELL_PER_LINE, "产出指标")
    assert lines[reg.start].no == _line_no(_CELL_PER_LINE, "绩效目标表")


_TWO_ROW_HEADER = """部门整体支出绩效目标表
（2025年度）
| 部门名称 | 某县林业局 | | | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | | | 权重 |
| 符号 | 值 | 单位 |
| 产出指标 | 数量指标 | 森林防火巡护次数 | ≥ | 2 | 次 | 10 |
"""


def test_second_header_row_symbol_value_unit() -> None:
    lines = _lines(_TWO_ROW_HEADER)
    (reg,) = find_regions(lines)
    assert reg.header_cells[:4] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert {"符号", "值", "单位", "权重"} <= set(reg.header_cells)
    assert lines[reg.body].no == _line_no(_TWO_ROW_HEADER, "森林防火")


_WRAPPED_HEADER = """2024年项目支出绩效目标表
项目名称 中小学教师培训经费
一级 二级 三级 指标值 说明
指标 指标 指标
产出指标 数量指标 培训教师人次 ≥1200人次
"""


def test_header_cells_wrapped_over_two_lines() -> None:
    lines = _lines(_WRAPPED_HEADER)
    (reg,) = find_regions(lines)
    assert lines[reg.header].no == 3
    assert lines[reg.body].no == 5


_MARKDOWN_SHORT_SEPARATOR = """某市2024年项目支出绩效目标批复表

单位：万元

| | | | | | |
|------|------|------|------|------|----|
| 一级项目名称 | 特定目标-文化事业发展 | | 二级项目名称 | 公共图书馆免费开放补助 | |
| 主管部门 | 某市文化广电旅游局 | | 实施单位 | 某市图书馆 | |
| 资金情况 | 年度资金总额： | 145.80 | | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |
| | 产出指标 | 数量指标 | 年接待读者人次 | ≥ 30万人次 | |
"""


def test_markdown_table_under_its_title_with_a_short_separator_row() -> None:
    # A separator row of few dashes was once read as an outline heading, cutting the title off.
    lines = _lines(_MARKDOWN_SHORT_SEPARATOR)
    (reg,) = find_regions(lines)
    assert reg.title == "某市2024年项目支出绩效目标批复表"
    assert lines[reg.start].no == 1
    (table,) = [r for r in extract(_MARKDOWN_SHORT_SEPARATOR) if r["record"] == "table"]
    assert table["year"] == 2024


def test_a_page_heading_with_a_year_is_a_title_without_its_table_word():
    from goalnlp.layout import is_title

    for c in ("#某市人力资源和社会保障局2025年度项目支出绩效目标", "某县民政局2024年度项目绩效目标",
              "某局2025年部门整体支出绩效目标(二)"):
        assert is_title(c), c
    # A metadata key or a sentence naming the year's targets is none.
    for c in ("年度绩效目标", "2025年度绩效目标", "完成2025年度绩效目标", "实现2025年绩效目标，确保资金安全"):
        assert not is_title(c), c


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("2025 年 8 月底前", ["2025 年 8 月底前"]),  # a PDF's text spaces dates out
        ("完成时间 2026 年 12 月 31 日前 10", ["完成时间", "2026 年 12 月 31 日前", "10"]),
        ("2026年10月底前 ≥95%", ["2026年10月底前", "≥95%"]),
        ("≥5 间", ["≥5", "间"]),  # (other cells a space apart stay apart)
    ],
)
def test_spaced_out_dates_are_one_cell(text, cells):
    from goalnlp.doc import Line
    from goalnlp.layout import split_cells

    assert [c.text for c in split_cells(Line(1, text, text))] == cells


# Plain pdftotext of an office suite's form (our own wording): the grid's first header cell
# printed with the metadata's keys, the values, then the rest of the header a cell a line.
LATE_HEADER = """2026年项目支出绩效目标表
单位：万元
项目名称
主管部门
资金情况（万元）
年度总体目标
一级指标

产出指标
绩效
指标

某县交通运输局

2026年农村客运站点运营补助
实施单位

某县道路运输服务中心

年度资金总额
120.00
保障客运站点正常运营。
二级指标
三级指标
指标值
分值
运营站点数量
≥40 个
20
数量指标
站点巡检次数
不少于 4 次
20
时效指标
补助资金拨付时间
2026 年 9 月底前
20
满意度指标
乘客满意度
≥90%
20
"""


def test_header_printed_apart_from_its_first_cell():
    recs = [r for r in extract(LATE_HEADER, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
        ("运营站点数量", "≥40个", 20.0),
        ("站点巡检次数", "不少于4次", 20.0),
        ("补助资金拨付时间", "2026年9月底前", 20.0),
        ("乘客满意度", "≥90%", 20.0),
    ]
