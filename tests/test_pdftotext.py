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
    assert (rows["资助资金发放完成时间"]["value_text"], rows["资助资金发放完成时间"]["date"]) == ("2023年12月底前", "2023-12")
    assert rows["受助学生及家长满意度"]["level2"] == "服务对象满意度"


# --- pdftotext -layout of one table drawn seven ways (scripts/make_pdftotext_fixtures.py) -----
# Tall header rows print wrapped labels around the middle line (指标性 / 质, 绩效度 / 量单位, a
# 单位 sub-header under *值), labels are centred over their columns while names are left-aligned,
# pdftotext squeezes labels and names together with one space (社会效益指标 农村自来水普及率), and a
# date target wraps around its name's line (2025年10月 / 底前).
WATER_TABLE = [
    ("产出", "数量", "新建集中供水工程处数", "≥12处"),
    ("产出", "数量", "改造老旧供水管网长度（含入户支管）", "≥85公里"),
    ("产出", "质量", "出厂水水质检测合格率", "≥98%"),
    ("产出", "质量", "工程竣工验收一次性通过率", "=100%"),
    ("产出", "时效", "主体工程完工时间", "2025年10月底前"),
    ("产出", "成本", "每公里管网改造平均成本", "≤6.5万元"),
    ("效益", "社会效益", "农村自来水普及率", "≥95%"),
    ("效益", "可持续影响", "工程设计使用年限", "≥20年"),
    ("满意度", "服务对象满意度", "受益群众对供水服务的满意度", "≥90%"),
]


@pytest.mark.parametrize("seed", [3, 4, 7, 11, 12, 14, 31])
def test_pdftotext_layout_tall_headers_centred_labels_and_squeezed_cells(seed):
    recs = [r for r in extract(DATA / f"pdftotext_layout_water_{seed}.txt", engine="rules") if r["record"] == "indicator"]
    for table in sorted({r["table"] for r in recs}):
        got = [(r["level1"], r["level2"], r["name"], r["value_text"]) for r in recs if r["table"] == table]
        assert got == WATER_TABLE, f"table {table}"
    dated = [r for r in recs if r["name"] == "主体工程完工时间"]
    assert dated and all(r["date"] == "2025-10" for r in dated)


def test_pdftotext_layout_wrapped_header_pieces_are_not_rows():
    # 指标性 / 质 and 绩效度 / 量单位 around the header line make the 符号 and 单位 columns;
    # their pieces never reach a record.
    recs = [r for r in extract(DATA / "pdftotext_layout_water_4.txt", engine="rules") if r["record"] == "indicator"]
    assert len(recs) == len(WATER_TABLE)
    pieces = ("质", "量单位", "指标性", "绩效度")
    assert not any(r["name"] in pieces or any(r["value_text"].endswith(w) for w in pieces) for r in recs)
    assert [r["unit"] for r in recs][:3] == ["处", "公里", "%"]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
@pytest.mark.parametrize("seed", [1, 4, 7, 14, 17, 30])
def test_pdftotext_without_layout_cell_stream(seed, engine):
    # Plain pdftotext of the same drawings: one cell per paragraph in pdftotext's order
    # (labels in runs, metadata cells inside the grid, targets after a later name).  The
    # default engine leaves such streams to the cell-stream reader: its line tagger never
    # saw one, and re-cut a date row into the row above (seed 7).
    recs = [r for r in extract(DATA / f"pdftotext_raw_water_{seed}.txt", engine=engine) if r["record"] == "indicator"]
    for table in sorted({r["table"] for r in recs}):
        # (rows come in the order pdftotext printed their names)
        got = sorted((r["name"], r["value_text"]) for r in recs if r["table"] == table)
        assert got == sorted((name, value) for _, _, name, value in WATER_TABLE), f"table {table}"
    first = recs[0]
    assert first["line_start"] > 1 and first["line_end"] >= first["line_start"]


CENTRED = """\
                      项目支出绩效目标表
项目名称       社区文化中心提升工程
主管部门       东河县文化和旅游局                 实施单位     东河县文化馆

一级指标      二级指标          三级指标               指标值
                  新建文化广场数量                  ≥6个
          数量指标    配置健身器材套数                  ≥24套
                  设施验收合格率                    100%
                  器材安装合格率                    ≥98%
产出指标      质量指标    消防检查合格率                    100%
                  场地达标率                      ≥95%
                  安全巡检覆盖率                    100%
          时效指标    广场建成时间                    2026年9月底前
效益指标   社会效益指标 群众文化活动参与率                  ≥80%
"""


def test_rows_between_two_centred_labels_are_filed_by_their_names():
    # 数量指标 is centred on its two rows, 质量指标 on its five: the first and last 质量 rows
    # lie as near the neighbouring label as their own.  Position narrows such a row to the
    # labels either side of it; the category classifier picks one by the name.
    recs = [r for r in extract(CENTRED, engine="rules") if r["record"] == "indicator"]
    got = [(r["name"], r["level2"]) for r in recs]
    assert got == [
        ("新建文化广场数量", "数量"),
        ("配置健身器材套数", "数量"),
        ("设施验收合格率", "质量"),
        ("器材安装合格率", "质量"),
        ("消防检查合格率", "质量"),
        ("场地达标率", "质量"),
        ("安全巡检覆盖率", "质量"),
        ("广场建成时间", "时效"),
        ("群众文化活动参与率", "社会效益"),
    ]
    by_name = {r["name"]: r["category_source"] for r in recs}
    assert by_name["消防检查合格率"] == "written" and by_name["设施验收合格率"] == "classifier"


WATER_SELF = [
    ("新建集中供水工程处数", "≥12处", "≥13处", 10.0, 10.0),
    ("改造老旧供水管网长度（含入户支管）", "≥85公里", "≥80公里", 10.0, 9.0),
    ("出厂水水质检测合格率", "≥98%", "≥99%", 10.0, 10.0),
    ("工程竣工验收一次性通过率", "=100%", "=100%", 10.0, 10.0),
    ("主体工程完工时间", "2025年10月底前", "2025年11月", 5.0, 4.0),
    ("每公里管网改造平均成本", "≤6.5万元", "≤6.2万元", 5.0, 5.0),
    ("农村自来水普及率", "≥95%", "≥96%", 20.0, 20.0),
    ("工程设计使用年限", "≥20年", "≥20年", 10.0, 10.0),
    ("受益群众对供水服务的满意度", "≥90%", "≥92%", 10.0, 10.0),
]


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 21, 22, 34, 36])
def test_pdftotext_layout_self_evaluation(seed):
    # The water table as a self-evaluation through pdftotext -layout: 分值 and 得分 one space
    # apart in the header (two columns), targets centred a column left of where the actual
    # values start (they stay targets), labels carrying their score (产出指标(50分)), and
    # (seeds 1, 36) a header repeated after a page break with its columns elsewhere.
    recs = [r for r in extract(DATA / f"pdftotext_layout_water_self_{seed}.txt", engine="rules") if r["record"] == "indicator"]
    got = sorted((r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs)
    assert got == sorted(WATER_SELF)
    assert {r["level1"] for r in recs} == {"产出", "效益", "满意度"}


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
@pytest.mark.parametrize("seed", [3, 6, 10, 25])
def test_pdftotext_without_layout_self_evaluation(seed, engine):
    # The same self-evaluation through plain pdftotext: category labels printed one per
    # paragraph among the column headers are the grid's (no outline list), the funds block
    # (预算数 / 执行数 / 执行率 and their figures) and the year's goal printed inside the grid
    # are no indicator, and every target carries its actual value, weight and score.
    recs = [r for r in extract(DATA / f"pdftotext_raw_water_self_{seed}.txt", engine=engine) if r["record"] == "indicator"]
    got = sorted((r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs)
    assert got == sorted(WATER_SELF)


def test_hybrid_keeps_the_column_readers_rows():
    # The default engine's line tagger re-cuts rows where the row builder had to guess; in
    # column-aligned text the columns say what each cell is, and its re-cuts there lost
    # rows the column reader had right.
    from goalnlp.io import read_source
    from goalnlp.pipeline import get_engine

    doc = get_engine("hybrid")(read_source(DATA / "pdftotext_layout_water_3.txt"))
    assert [t.reader for t in doc.tables] == ["columns"]
    got = sorted((r["name"], r["value_text"]) for r in doc.records() if r["record"] == "indicator")
    assert got == sorted((name, value) for _, _, name, value in WATER_TABLE)
    recs = [r for r in extract(DATA / "pdftotext_layout_water_self_3.txt") if r["record"] == "indicator"]
    assert sorted((r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs) == sorted(WATER_SELF)


def _at(*cells: tuple[int, str]) -> str:
    """A line of ``pdftotext -layout`` text: each cell starts at its character column
    (pdftotext pads to the glyph's position counted in characters, not display width)."""
    line = ""
    for x, text in cells:
        line += " " * max(1 if line else 0, x - len(line)) + text
    return line


# A forest fire-prevention table as pdftotext -layout prints it: the 绩效指标性质 header
# wrapped above and below the header line, the symbol in its own column, weights a few
# characters right of their label, notes centred under 备注 (starting left of it).
FIRE_LAYOUT = "\n".join([
    _at((30, "2025年项目支出绩效目标表")),
    _at((0, "项目名称"), (17, "森林防火能力提升")),
    _at((0, "主管部门"), (17, "某县林业局"), (50, "实施单位"), (63, "某县森林消防大队")),
    "",
    _at((49, "绩效指标性")),
    _at((2, "一级指标"), (11, "二级指标"), (36, "指标名称"), (59, "指标值"), (68, "指标权重"), (83, "备注")),
    _at((51, "质")),
    _at((3, "产出"), (12, "数量"), (25, "新建防火隔离带长度"), (54, "≥"), (59, "46公里"), (73, "10"), (78, "以验收数为准")),
    _at((12, "质量"), (25, "防火设备完好率"), (54, "≥"), (59, "98%"), (73, "10")),
    _at((12, "时效"), (25, "物资采购完成时间"), (59, "2025年9月"), (73, "5"), (78, "按合同约定")),
    _at((3, "效益"), (12, "社会效益"), (25, "林区群众防火意识"), (58, "明显提高"), (73, "5")),
    _at((12, "可持续影响"), (25, "防火设施使用年限"), (54, "≥"), (59, "8年"), (73, "10")),
    _at((2, "满意度"), (12, "服务对象满意度"), (25, "护林员满意度"), (54, "≥"), (59, "90%"), (73, "10")),
])

FIRE_RECORDS = [
    ("数量", "新建防火隔离带长度", "≥46公里", 10.0),
    ("质量", "防火设备完好率", "≥98%", 10.0),
    ("时效", "物资采购完成时间", "2025年9月", 5.0),
    ("社会效益", "林区群众防火意识", "明显提高", 5.0),
    ("可持续影响", "防火设施使用年限", "≥8年", 10.0),
    ("服务对象满意度", "护林员满意度", "≥90%", 10.0),
]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_measured_in_characters_with_weights_and_notes(engine):
    # Cells start at the same character column on every line, so the grid is measured in
    # characters (in display width the symbol column landed left of the names); a column of
    # weights is no column of notes; notes centred under 备注 are no part of the targets; a
    # worded target and the number under it are two rows' targets.
    recs = [r for r in extract(FIRE_LAYOUT, engine=engine) if r["record"] == "indicator"]
    got = [(r["level2"], r["name"], r["value_text"], r["weight"]) for r in recs]
    assert got == FIRE_RECORDS


# Two rows whose names both fill their column: a date target over a number (no symbol
# column), and a worded target filling its column over the next one, weights beside both.
BRIDGE_LAYOUT = "\n".join([
    _at((2, "一级指标"), (11, "二级指标"), (30, "指标名称"), (53, "指标值"), (64, "权重")),
    _at((12, "数量指标"), (21, "维修加固乡村桥梁座数"), (52, "≥12座"), (65, "20")),
    _at((3, "产出"), (12, "时效指标"), (21, "桥梁维修工程完工时间"), (52, "2025年10月底前"), (65, "10")),
    _at((12, "成本指标"), (21, "单座桥梁平均维修成本"), (52, "≤35万元"), (65, "10")),
    _at((3, "效益"), (12, "社会效益"), (21, "沿线群众出行安全水平"), (52, "显著提升"), (65, "20")),
    _at((2, "满意度"), (12, "满意度"), (21, "沿线群众通行满意度"), (52, "≥90%"), (65, "20")),
])


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_full_names_split_by_targets_and_weights(engine):
    recs = [r for r in extract(BRIDGE_LAYOUT, engine=engine) if r["record"] == "indicator"]
    got = [(r["level2"], r["name"], r["value_text"], r["weight"]) for r in recs]
    assert got == [
        ("数量", "维修加固乡村桥梁座数", "≥12座", 20.0),
        ("时效", "桥梁维修工程完工时间", "2025年10月底前", 10.0),
        ("成本", "单座桥梁平均维修成本", "≤35万元", 10.0),
        ("社会效益", "沿线群众出行安全水平", "显著提升", 20.0),
        ("服务对象满意度", "沿线群众通行满意度", "≥90%", 20.0),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_indicator_named_like_its_category(engine):
    # The last row's indicator is called 服务对象满意度, like its category; pdftotext prints
    # the category's wrapped label above and below it, and the name a little left of the
    # other names: under the category column.  A category printed again on a line with a
    # target and no name near is the name.
    text = "\n".join([
        _at((0, "一级指标"), (9, "二级指标"), (24, "三级指标"), (40, "指标值"), (52, "权重")),
        _at((10, "数量"), (18, "发放助学金学生人数"), (40, "≥1500人"), (53, "30")),
        _at((1, "产出"), (10, "质量"), (18, "资助对象认定准确率"), (40, "100%"), (53, "30")),
        _at((10, "时效"), (18, "助学金发放时间"), (40, "2025年12月前"), (53, "20")),
        _at((9, "服务对象满")),
        _at((1, "满意度"), (14, "服务对象满意度"), (40, "≥92%"), (53, "20")),
        _at((11, "意度")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    got = [(r["level2"], r["name"], r["value_text"], r["weight"]) for r in recs]
    assert got == [
        ("数量", "发放助学金学生人数", "≥1500人", 30.0),
        ("质量", "资助对象认定准确率", "100%", 30.0),
        ("时效", "助学金发放时间", "2025年12月前", 20.0),
        ("服务对象满意度", "服务对象满意度", "≥92%", 20.0),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_unit_column_wrapped_in_the_header(engine):
    # 计量单位 wrapped above and below the header line: the units a few characters right of
    # the label's start stay the units, not the first notes.
    text = "\n".join([
        _at((57, "计量单")),
        _at((0, "一级指标"), (9, "二级指标"), (21, "三级指标"), (38, "符号"), (47, "指标值"), (66, "说明")),
        _at((58, "位")),
        _at((0, "产出指标"), (9, "数量指标"), (16, "新增公共自行车投放量"), (47, "超过300"), (61, "辆")),
        _at((16, "骑行服务点覆盖社区数"), (38, ">="), (47, "45"), (61, "个"), (66, "以验收为准")),
        _at((9, "质量指标"), (16, "车辆完好率"), (38, ">="), (47, "95"), (61, "%")),
        _at((0, "满意度指标"), (9, "服务对象满意度"), (24, "市民骑行满意度"), (47, "90"), (61, "%")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["unit"]) for r in recs]
    assert got == [
        ("新增公共自行车投放量", "超过300辆", "辆"),
        ("骑行服务点覆盖社区数", ">=45个", "个"),
        ("车辆完好率", ">=95%", "%"),
        ("市民骑行满意度", "90%", "%"),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_grade_wider_than_the_actual_column(engine):
    # A self-evaluation grade centred in 实际完成值 and wider than it starts under the targets.
    text = "\n".join([
        _at((0, "一级指标"), (9, "二级指标"), (21, "三级指标"), (43, "年度指标值"), (55, "实际完成值"), (67, "分值"), (73, "得分")),
        _at((9, "数量指标"), (21, "修缮文物保护单位数量"), (44, "≥6处"), (56, "6处"), (68, "20"), (74, "20")),
        _at((50, "部分达成年度指标并具有")),
        _at((0, "产出指标"), (9, "质量指标"), (21, "修缮工程验收合格率"), (44, "100%"), (68, "20"), (74, "16")),
        _at((54, "一定效果")),
        _at((0, "满意度指标"), (9, "服务对象满意度"), (24, "游客满意度"), (44, "≥90%"), (56, "93%"), (68, "10"), (74, "10")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["actual_text"], r["score"]) for r in recs]
    assert got == [
        ("修缮文物保护单位数量", "≥6处", "6处", 20.0),
        ("修缮工程验收合格率", "100%", "部分达成年度指标并具有一定效果", 16.0),
        ("游客满意度", "≥90%", "93%", 10.0),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_header_cells_wrapped_around_their_bracket(engine):
    # 权重（%）printed as 权重 / （ / %）and 年度指标值（A）as 年度指标值（ / A）, with 分值 and
    # 得分 one character a line above and below the header line.
    text = "\n".join([
        _at((64, "权重")),
        _at((0, "一级指"), (30, "年度指标值（"), (48, "实际完成值"), (64, "（"), (71, "得")),
        _at((1, "标"), (8, "二级指标"), (16, "三级指标"), (32, "A）"), (64, "%）"), (71, "分")),
        _at((0, "产出"), (8, "数量"), (16, "培训基层农技人员"), (31, "≥300人"), (49, "312人"), (65, "20"), (72, "20")),
        _at((8, "质量"), (16, "培训合格率"), (31, "≥95%"), (49, "97%"), (65, "20"), (72, "18.5")),
        _at((0, "满意度"), (8, "服务对象满意度"), (16, "参训人员满意度"), (31, "≥90%"), (49, "92%"), (65, "10"), (72, "10")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs]
    assert got == [
        ("培训基层农技人员", "≥300人", "312人", 20.0, 20.0),
        ("培训合格率", "≥95%", "97%", 20.0, 18.5),
        ("参训人员满意度", "≥90%", "92%", 10.0, 10.0),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_worded_targets_centred_on_their_names(engine):
    # Cells centred vertically: each worded target wraps over three lines around its name's
    # line, so the first line of the second target comes before the second name.
    text = "\n".join([
        _at((0, "一级指标"), (9, "二级指标"), (26, "三级指标"), (44, "指标值"), (62, "指标值说明")),
        _at((40, "对全县养老机构开展")),
        _at((1, "产出"), (10, "数量"), (18, "养老机构消防检查"), (40, "消防安全检查次数不")),
        _at((40, "少于每季度1次以上")),
        _at((40, "每季度组织一次应急")),
        _at((10, "质量"), (18, "应急演练"), (40, "演练、覆盖全部机构")),
        _at((40, "人员")),
        _at((1, "效益"), (10, "社会效益"), (18, "养老机构安全水平"), (40, "明显提升")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"]) for r in recs]
    assert got == [
        ("养老机构消防检查", "对全县养老机构开展消防安全检查次数不少于每季度1次以上"),
        ("应急演练", "每季度组织一次应急演练、覆盖全部机构人员"),
        ("养老机构安全水平", "明显提升"),
    ]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_pdftotext_layout_worded_target_ending_in_its_figure_is_whole(engine):
    # Two full-width names one under the other, their worded targets too: a target that
    # ends in its figure and unit is whole, so the next line's target starts a row.
    text = "\n".join([
        _at((1, "一级指标"), (11, "二级指标"), (27, "三级指标"), (53, "指标值")),
        _at((19, "新建污水收集管网长度（按实际发生数计算）"), (47, "累计完成12.4公里以上")),
        _at((11, "数量指标"), (19, "完成农村黑臭水体整治数量"), (47, "20个左右")),
        _at((1, "产出指标"), (11, "质量指标"), (19, "污水处理设施运行负荷率"), (47, "≥85%")),
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("新建污水收集管网长度（按实际发生数计算）", "累计完成12.4公里以上"),
        ("完成农村黑臭水体整治数量", "20个左右"),
        ("污水处理设施运行负荷率", "≥85%"),
    ]


# pdftotext -layout of a table printed by a browser: narrow ruled columns (one space between
# a label, a name and a target), the 绩效指标 label printed down the side of the header, a
# header cell wrapped under its line (标 / 措施), and the rows of a merged category cell
# written block by block: the names, then every symbol, every number, every unit (数量), or
# the names, then each row's other cells on a line of its own (时效).
BROWSER_LAYOUT = """\
                     2025年度项目支出绩效目标表
  项目名称  城区排水管网改造
  主管部门  某县住房和城乡建设局
 绩 一级指标 二级指标           三级指标       指标性质       指标值    度量单位
              改造雨污分流管网长度          ≥         18.5   公里
        数量指标 新建雨水检查井
              清淤疏通排水管道
                                  ≥
                                  ≥
                                             420
                                             36
                                                     座
                                                     公里
              管道闭水试验合格率           =          100     %
 产出指标 时效指标 主体工程完工时间
              竣工验收完成时间
                                 定性 2025年10月底前
                                 定性 2025年12月底前
        成本指标 每公里雨污分流管网改造综合成          ≤          210   万元/公里
              本
 效益指标 社会效益指 城区内涝积水点数量           ≤          3      处
          标
       经济效益指 沿线商铺雨季停业天数减少比例
          标   沿线房屋浸水户数
                                  ≥          30     %
                                  =          0      户
满意度指 服务对象满 沿线居民满意度                     ≥         90      %
  标   意度指标
                                                 【打印本页】【关闭窗口】
"""


def test_pdftotext_layout_of_a_browser_printed_table():
    recs = [r for r in extract(BROWSER_LAYOUT) if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["unit"]) for r in recs]
    assert got == [
        ("改造雨污分流管网长度", "≥18.5公里", "公里"),
        ("新建雨水检查井", "≥420座", "座"),
        ("清淤疏通排水管道", "≥36公里", "公里"),
        ("管道闭水试验合格率", "=100%", "%"),
        ("主体工程完工时间", "2025年10月底前", None),
        ("竣工验收完成时间", "2025年12月底前", None),
        ("每公里雨污分流管网改造综合成本", "≤210万元/公里", "万元/公里"),
        ("城区内涝积水点数量", "≤3处", "处"),
        ("沿线商铺雨季停业天数减少比例", "≥30%", "%"),
        ("沿线房屋浸水户数", "=0户", "户"),
        ("沿线居民满意度", "≥90%", "%"),
    ]
    dates = {r["name"]: r["date"] for r in recs}
    assert dates["主体工程完工时间"] == "2025-10" and dates["竣工验收完成时间"] == "2025-12"
    # Labels squeezed on a row's own line (产出指标 时效指标 name, 满意度指 服务对象满 name) are its.
    assert [r["level2"] for r in recs][4:] == ["时效", "时效", "成本", "社会效益", "经济效益", "经济效益", "服务对象满意度"]


# Plain pdftotext of a browser-printed table: no blank lines between cells, the metadata keys
# printed before all their values, labels squeezed before names, and a merged category cell's
# rows written as a block of names, then a block of their targets.
BROWSER_RAW = """\
2025年度项目支出绩效目标表
项目名称
主管部门
实施单位
填报单位（盖章）：某县文化广电和旅游局
金额单位：万元
乡村文化振兴示范村建设
某县文化广电和旅游局
某县文化馆
年度资金总额
86.5
绩 一级指标 二级指标
三级指标
指标值
数量指标 建设村级文化广场
≥12个
开展送戏下乡演出
≥60场
产出指标 质量指标 演出活动安全事故
0起
群众文化活动参与人次增长率
社会效益指 非遗项目传承人培养人数
标
效益指标
村级文化队伍稳定运行率
满意度指 服务对象满 村民文化生活满意度
标
意度指标
≥10%
≥30人
≥90%
≥92%
网站地图 联系我们
"""


def test_plain_pdftotext_of_a_browser_printed_table():
    recs = extract(BROWSER_RAW, engine="rules")
    (table,) = [r for r in recs if r["record"] == "table"]
    assert (table["project"], table["department"], table["implementer"]) == ("乡村文化振兴示范村建设", "某县文化广电和旅游局", "某县文化馆")
    got = [(r["name"], r["value_text"]) for r in recs if r["record"] == "indicator"]
    assert got == [
        ("建设村级文化广场", "≥12个"),
        ("开展送戏下乡演出", "≥60场"),
        ("演出活动安全事故", "0起"),
        ("群众文化活动参与人次增长率", "≥10%"),
        ("非遗项目传承人培养人数", "≥30人"),
        ("村级文化队伍稳定运行率", "≥90%"),
        ("村民文化生活满意度", "≥92%"),
    ]


# The same with a 分值 column: where a name's line opens with the category labels centred
# beside it, plain pdftotext prints the row's target and weight above that line.
BROWSER_RAW_WEIGHTS = """\
2024年度项目支出绩效目标表
项目名称：城市公园绿地养护
一级指标 二级指标
三级指标
指标值
分值
养护公园绿地面积
≥85万平方米
10
≥1200株
10
数量指标 补植乔灌木
修剪行道树
不少于3000株
10
100%
10
质量指标 绿地养护考核合格率
2024年12月底前
5
时效指标 年度养护任务完成时间
市民游园满意度
≥90%
10
"""


def test_plain_pdftotext_targets_printed_above_their_labelled_names():
    recs = [r for r in extract(BROWSER_RAW_WEIGHTS, engine="rules") if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["weight"]) for r in recs]
    assert got == [
        ("养护公园绿地面积", "≥85万平方米", 10.0),
        ("补植乔灌木", "≥1200株", 10.0),
        ("修剪行道树", "不少于3000株", 10.0),
        ("绿地养护考核合格率", "100%", 10.0),
        ("年度养护任务完成时间", "2024年12月底前", 5.0),
        ("市民游园满意度", "≥90%", 10.0),
    ]
    assert [r["level2"] for r in recs][1:5] == ["数量", "数量", "质量", "时效"]


SYMBOL_COLUMNS_RAW = """\
2025年项目支出绩效目标表
项目名称：乡村公交站亭建设
一级指标 二级指标
三级指标
指标性质
指标值
度量单位
新建公交候车亭
≥
40
座
≥
25
块
数量指标 设置电子站牌
更换破损站牌
=
16
块
"""


def test_plain_pdftotext_symbol_number_unit_cells_above_their_labelled_name():
    # One cell a line with 符号/值/单位 columns: the second row's three cells printed above
    # the line where its name follows the centred 数量指标 label.
    recs = [r for r in extract(SYMBOL_COLUMNS_RAW, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["unit"]) for r in recs] == [
        ("新建公交候车亭", "≥40座", "座"),
        ("设置电子站牌", "≥25块", "块"),
        ("更换破损站牌", "=16块", "块"),
    ]


def test_pdftotext_layout_self_evaluation_in_narrow_columns():
    # A browser-printed self-evaluation (tests/data/indep): narrow ruled columns leave one
    # space between a row's cells; its weight and score (bare numbers) and its actual and
    # target values are told apart by their kind.
    recs = [r for r in extract(DATA / "indep" / "pdf_layout" / "ah_huoshan_sport_2024_zpb.txt", engine="rules")
            if r["record"] == "indicator"]
    got = {r["name"]: (r["value_text"], r["actual_text"], r["score"]) for r in recs}
    assert got["社会体育指导员培训"] == ("≥150人次", "162人次", 6.0)


# pdftotext -layout of a browser-printed table whose target column sits right after the
# names: a name filling its column and its target one space apart are one segment, names
# wrap under themselves, and a last row's labels, name and worded target share a line.
GLUED_LAYOUT = """\
                     2025年度项目支出绩效目标表
  项目名称  老旧小区适老化改造
  主管部门  某区住房和城乡建设局
               绩效    一级指标        二级指标                            三级指标         指标值
               指标                                           加装电梯楼栋数量 ≥40栋
                                                            无障碍坡道改造数量   ≥120处
                                               数量指标
                                                            适老化改造惠及老年居民户 不少于900户
                                                            数
                      产出指标                     质量指标         改造工程验收合格率     100%
                                               成本指标         0-3层楼栋单部电梯改造补助 ≤28万元/部
                                                            标准
                      效益指标                     社会效益指标 老年居民出行便利程度 明显提高
                      满意度指标                    服务对象满意度 改造小区居民满意度        ≥92%
                                               指标
"""


def test_pdftotext_layout_names_glued_to_their_targets_in_a_browser_table():
    recs = [r for r in extract(GLUED_LAYOUT, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("加装电梯楼栋数量", "≥40栋", "数量"),
        ("无障碍坡道改造数量", "≥120处", "数量"),
        ("适老化改造惠及老年居民户数", "不少于900户", "数量"),
        ("改造工程验收合格率", "100%", "质量"),
        ("0-3层楼栋单部电梯改造补助标准", "≤28万元/部", "成本"),
        ("老年居民出行便利程度", "明显提高", "社会效益"),
        ("改造小区居民满意度", "≥92%", "服务对象满意度"),
    ]


# pdftotext -layout of an office suite's PDF (our own wording): units centred under
# ``度量单位`` one space before ``备注`` start right of the notes' column; names and labels
# wrap in narrow columns, a label's pieces a line apart around a name; a label's piece
# squeezed before a name after a blank line; the contact line under the table is no name.
OFFICE_LAYOUT = """\
                                    2026 年度项目绩效目标申报表
                   项目名称                     2026 年社区养老服务站运营补助
                   主管部门           某县民政局                   实施单位       某县养老服务中心
                     一级指标    二级指标           三级指标       指标性质       指标值         度量单位 备注
                                    社区养老服务站运营数量           ≥          18           个
                             数量指标
                                    年开展助餐服务人次             ≥        5.2          万人次
                     产出指标
                             质量指标   服务站年度考核合格率           =         100           %
                             时效指标   运营补助资金拨付完成时        定性    2026 年 6 月底前
                                    限

                            经济效 老年人助餐服务平均自付
                                                          ≤          12           元/餐
                            益指标 费用
                     效益指标
                            服务对
              满意度                  接受服务老年人满意
                            象满意                           ≥          92           %
               指标                  度
                            度指标



填报单位（盖章）：某县民政局     联系人：王某    联系电话：0000-1234567
"""


def test_pdftotext_layout_of_an_office_pdf_narrow_columns():
    recs = [r for r in extract(OFFICE_LAYOUT, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("社区养老服务站运营数量", "≥18个", "数量"),
        ("年开展助餐服务人次", "≥5.2万人次", "数量"),
        ("服务站年度考核合格率", "=100%", "质量"),
        ("运营补助资金拨付完成时限", "2026年6月底前", "时效"),
        ("老年人助餐服务平均自付费用", "≤12元/餐", "经济效益"),
        ("接受服务老年人满意度", "≥92%", "服务对象满意度"),
    ]


def _at(*cells: tuple[int, str]) -> str:
    """A line with each text starting at its character column (pdftotext -layout)."""
    line = ""
    for x, text in cells:
        line = line.ljust(x if not line else max(x, len(line) + 1)) + text
    return line


# A self-evaluation through pdftotext -layout of an office PDF (our own wording): rows of three
# lines with their figures on the middle one, the name and target cut on the first and ended
# on the third; a target and the actual value one space apart; a category label's last piece
# right before a name; an 一级 label's piece holding its score's opening ("标（40").
SELF_LAYOUT = "\n".join([
    _at((30, "项目支出绩效自评表")),
    _at((10, "项目名称"), (30, "乡村道路养护补助资金")),
    _at((3, "一级指"), (10, "二级指"), (66, "偏差原因分析及改")),
    _at((18, "三级指标"), (30, "年度指标值"), (41, "实际完成值"), (54, "分值"), (60, "得分")),
    _at((4, "标"), (11, "标"), (67, "进措施")),
    _at((16, "养护农村公路里程"), (31, "≥120公里"), (42, "126公里"), (54, "10"), (61, "10")),
    _at((10, "数量指")),
    _at((11, "标"), (14, "开展道路安全隐患排"), (30, "不少于40"), (43, "42处")),
    _at((54, "10"), (61, "10")),
    _at((16, "查整治"), (32, "处")),
    _at((3, "产出指"), (10, "质量指标"), (16, "路面修补质量合格率"), (31, "≥95%"), (42, "97%"), (54, "10"), (61, "10")),
    _at((3, "标（40"), (10, "时效指"), (16, "养护工程完成"), (31, "2026年10月"), (42, "2026年9月")),
    _at((4, "分）"), (11, "标"), (54, "10"), (61, "10")),
    _at((16, "时间"), (32, "底前"), (43, "底完成")),
    _at((10, "成本指"), (16, "每公里养护成"), (31, "≤1.5万元/公 1.46万元/公")),
    _at((54, "10"), (61, "10")),
    _at((11, "标"), (16, "本"), (33, "里"), (44, "里")),
    _at((3, "满意度"), (10, "服务对"), (16, "沿线群众满意度"), (31, "≥90%"), (42, "93%"), (54, "10"), (61, "10")),
    _at((3, "指标"), (10, "象满意")),
    _at((10, "度指标")),
    _at((16, "总分"), (54, "60"), (61, "60")),
]) + "\n"


def test_pdftotext_layout_self_evaluation_rows_of_three_lines():
    recs = [r for r in extract(SELF_LAYOUT, engine="rules") if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["actual_text"], r["level2"]) for r in recs]
    assert got == [
        ("养护农村公路里程", "≥120公里", "126公里", "数量"),
        ("开展道路安全隐患排查整治", "不少于40处", "42处", "数量"),
        ("路面修补质量合格率", "≥95%", "97%", "质量"),
        ("养护工程完成时间", "2026年10月底前", "2026年9月底完成", "时效"),
        ("每公里养护成本", "≤1.5万元/公里", "1.46万元/公里", "成本"),
        ("沿线群众满意度", "≥90%", "93%", "服务对象满意度"),
    ]


# A browser-printed table through pdftotext -layout (our own wording): a worded target
# centred on its name, its first line on a line of no name ("…前完" / "成" on the name's
# line); a label and a name with no space between; a name going on with a bracketed qualifier.
CENTRED_TARGET_LAYOUT = "\n".join([
    _at((20, "项目支出绩效目标表")),
    _at((3, "项目名称"), (10, "社区文化活动中心运营")),
    _at((3, "一级指标"), (12, "二级指标"), (24, "三级指标"), (40, "指标值"), (55, "权重")),
    _at((3, "产出指标"), (12, "数量指标"), (24, "开展群众性文化活动场次"), (40, "≥48场"), (55, "10")),
    _at((24, "培训文艺骨干人员"), (40, "≥300人"), (55, "10")),
    _at((12, "时效指标"), (40, "2026年11月底前完"), (55, "10")),
    _at((24, "年度活动计划执行"), (40, "成")),
    _at((12, "成本指标活动场均补助标准"), (40, "≤0.8万元/场"), (55, "10")),
    _at((3, "效益指标"), (12, "社会效益"), (24, "活动覆盖社区"), (40, "100%"), (55, "10")),
    _at((24, "（村居）比例")),
    _at((3, "满意度"), (12, "服务对象"), (24, "参与群众满意度"), (40, "≥95%"), (55, "10")),
    _at((12, "满意度")),
]) + "\n"


def test_pdftotext_layout_target_centred_on_its_name_and_a_label_glued_to_a_name():
    recs = [r for r in extract(CENTRED_TARGET_LAYOUT, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("开展群众性文化活动场次", "≥48场", "数量"),
        ("培训文艺骨干人员", "≥300人", "数量"),
        ("年度活动计划执行", "2026年11月底前完成", "时效"),
        ("活动场均补助标准", "≤0.8万元/场", "成本"),
        ("活动覆盖社区（村居）比例", "100%", "社会效益"),
        ("参与群众满意度", "≥95%", "服务对象满意度"),
    ]


# Plain pdftotext of a browser-printed table (our own wording) whose unit and weight columns
# came out as blocks after the rows: each block's header, then one cell a row.
BLOCK_COLUMNS_RAW = """\
2026年项目绩效目标申报表
项目名称
农村饮用水水质检测
一级指标
二级指标
三级指标
指标性质
指标值
水样检测数量
≥
1200
数量指标
检测指标项数
≥
42
水质检测合格率
≥
95
产出指标
质量指标
检测报告出具时限
≤
5
饮水安全保障水平
定性
明显提升
满意度指标 服务对象满意度指标
受益群众满意度
≥
90
度量单位
份
项
%
个工作日
%
权重
20
10
20
10
20
20
"""


def test_plain_pdftotext_unit_and_weight_columns_printed_as_blocks_after_the_rows():
    recs = [r for r in extract(BLOCK_COLUMNS_RAW, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
        ("水样检测数量", "≥1200份", 20.0),
        ("检测指标项数", "≥42项", 10.0),
        ("水质检测合格率", "≥95%", 20.0),
        ("检测报告出具时限", "≤5个工作日", 10.0),
        ("饮水安全保障水平", "明显提升", 20.0),
        ("受益群众满意度", "≥90%", 20.0),
    ]
    assert len([r for r in extract(BLOCK_COLUMNS_RAW) if r["record"] == "indicator"]) == 6


# Plain pdftotext of a browser-printed table (our own wording) that wrote its page's last
# rows column by column: the names (labels and the page's furniture among them), then every
# symbol, every figure or worded target, and the figures' units.
COLUMN_BLOCKS_RAW = """\
2026年项目支出绩效目标表
项目名称
城区公共自行车系统运营
一级指标
二级指标
三级指标
计算符号
指标值
计量单位
公共自行车站点数量
≥
320
个
数量指标
投放公共自行车数量
≥
6000
辆
车辆完好率
≥
95
%
产出指标 质量指标
单车日均运营成本
系统服务覆盖率
社会效益指标
效益指标
市民绿色出行意识
满意度指标 服务对象满意度指标 骑行市民满意度
扫一扫在手机打开当前页
成本指标
≤
≥
定性
≥
2.5
90
明显增强
92
元/辆
%
%
"""


def test_plain_pdftotext_rows_written_column_by_column():
    recs = [r for r in extract(COLUMN_BLOCKS_RAW, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("公共自行车站点数量", "≥320个"),
        ("投放公共自行车数量", "≥6000辆"),
        ("车辆完好率", "≥95%"),
        ("单车日均运营成本", "≤2.5元/辆"),
        ("系统服务覆盖率", "≥90%"),
        ("市民绿色出行意识", "明显增强"),
        ("骑行市民满意度", "≥92%"),
    ]
    # The block's rows take the labels printed among its lines, by their names.
    level2 = [r["level2"] for r in recs]
    assert (level2[3], level2[5], level2[6]) == ("成本", "社会效益", "服务对象满意度")


def test_pdftotext_layout_long_name_and_its_symbol_one_space_apart():
    text = "\n".join([
        _at((20, "2026年项目支出绩效目标表")),
        _at((4, "项目名称"), (14, "城镇保障性住房运营")),
        _at((4, "一级指标"), (13, "二级指标"), (24, "三级指标"), (41, "计算符号"), (50, "指标值"), (58, "计量单位")),
        _at((4, "产出指标"), (13, "数量指标"), (24, "公租房分配入住套数"), (42, "≥"), (50, "1500"), (58, "套")),
        _at((24, "低收入住房困难家庭纳入保障户数"), (39, "≥"), (50, "300"), (58, "户")),
        _at((24, "维修套数"), (42, "="), (50, "420"), (58, "套")),
    ]) + "\n"
    recs = [r for r in extract(text, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("公租房分配入住套数", "≥1500套"),
        ("低收入住房困难家庭纳入保障户数", "≥300户"),
        ("维修套数", "=420套"),
    ]


# pdftotext -layout of a browser-printed table's last rows (our own wording): the 二级 label
# 可持续影响指标 wrapped with its last piece alone (指标), then the 满意度 labels wrapped in
# the 一级 and 二级 columns beside their rows, one space apart.
LAST_LABELS_LAYOUT = """\
 绩 一级指标 二级指标             三级指标                 指标值
 效               改造乡镇文化站面积                ≥3000平方米
 指        数量指标 新建村级文化广场                      十处
 标               开展群众文艺培训                    不少于80人次
    产出指标 质量指标 文化设施验收合格率                     100%
          时效指标 文化站改造完工时间               2026年10月底前
     社会效益指 群众文化活动参与人次                     ≥5万人次
效益指标    标
     可持续影响 改造后的文化设施持续发挥效益年限             ≥10年
       指标
满意度指 服务对象满 参与活动群众满意度                        ≥90%
  标   意度指标 文化站工作人员满意度                       ≥88%
"""


def test_pdftotext_layout_a_labels_last_piece_ends_it():
    recs = [r for r in extract("2026年项目支出绩效目标表\n项目名称  乡镇文化站提升\n" + LAST_LABELS_LAYOUT, engine="rules")
            if r["record"] == "indicator"]
    assert [(r["name"], r["level2"]) for r in recs][-3:] == [
        ("改造后的文化设施持续发挥效益年限", "可持续影响"),
        ("参与活动群众满意度", "服务对象满意度"),
        ("文化站工作人员满意度", "服务对象满意度"),
    ]
