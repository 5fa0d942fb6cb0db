"""Row rebuilding through ``goalnlp.extract``: one document per layout of the extraction issue.

Every document here is written for these tests (agriculture, transport, education,
culture, water, forestry budgets), so the expected rows are what a reader of the
printed table sees; line numbers are looked up in the document, not copied from
the extractor's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from goalnlp import extract


@dataclass
class Exp:
    """One expected indicator: category, name, target, and the lines it spans
    (``first``/``last`` are text found on its first and last source line)."""

    level1: str
    level2: str
    name: str
    value_text: str
    comparator: str | None
    value: float | None
    unit: str | None
    first: str
    last: str | None = None
    extra: dict[str, Any] | None = None


def _indicators(doc: str, engine: str | None = None) -> list[dict[str, Any]]:
    recs = extract(doc) if engine is None else extract(doc, engine=engine)
    return [r for r in recs if r["record"] == "indicator"]


def _find(lines: list[str], needle: str, start: int) -> int:
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    raise AssertionError(f"{needle!r} not in the document after line {start}")


def _check(doc: str, expected: list[Exp], engine: str | None = None) -> list[dict[str, Any]]:
    lines = doc.split("\n")
    got = _indicators(doc, engine)
    want: list[tuple] = []
    pos = 0
    for e in expected:
        first = _find(lines, e.first, pos)
        last = _find(lines, e.last, first - 1) if e.last else first
        pos = last
        want.append((e.level1, e.level2, e.name, e.value_text, e.comparator, e.value, e.unit, first, last))
    have = [
        (r["level1"], r["level2"], r["name"], r["value_text"], r["comparator"], r["value"], r["unit"], r["line_start"], r["line_end"])
        for r in got
    ]
    assert have == want
    for e, r in zip(expected, got, strict=True):
        for key, val in (e.extra or {}).items():
            assert r[key] == val, (r["name"], key)
    return got


# --- PDF text: cells wrapped over lines, blank lines between fragments --------------------------

PDF_WRAPPED = """2024年项目支出绩效目标表

单位：万元

项目名称 高标准农田建设补助资金

主管部门及代码 [412]某县农业农村局 实施单位 某县农田建设服务中心

资金情况 年度资金总额： 3,560.00

年度总体目标 新建高标准农田2万亩，提高粮食综合生产能力。

绩

效

指

标

一级指标 二级指标 三级指标 指标值 说明

产出指标

数量指标

新建高标准农田面积 ≥20000亩

新建及修复田间灌排沟渠长

度

≥35公里

质量指标

高标准农田工程质量验收合

格率

100%

时效指标 工程完工时间 2024年10月底前

成本指标 亩均财政补助标准 ≤1780元/亩

效益指标 经济效益

指标

项目区粮食亩产增加 ≥50公斤

生态效益指标

农田灌溉水有效利用系数 ≥0.58

社会效益指标 农业生产条件 灌排设施配套完善，抗灾减灾能

力明显增强

满意度指标 服务对象满意度

指标

项目区农户满意度 ≥90%
"""


def test_pdf_wrapped_cells() -> None:
    recs = _check(
        PDF_WRAPPED,
        [
            Exp("产出", "数量", "新建高标准农田面积", "≥20000亩", ">=", 20000.0, "亩", "新建高标准农田面积"),
            Exp("产出", "数量", "新建及修复田间灌排沟渠长度", "≥35公里", ">=", 35.0, "公里", "灌排沟渠长", "≥35公里"),
            Exp("产出", "质量", "高标准农田工程质量验收合格率", "100%", None, 100.0, "%", "验收合", "100%"),
            Exp("产出", "时效", "工程完工时间", "2024年10月底前", None, None, None, "工程完工时间",
                extra={"kind": "date", "date": "2024-10"}),
            Exp("产出", "成本", "亩均财政补助标准", "≤1780元/亩", "<=", 1780.0, "元/亩", "亩均财政补助标准"),
            # 经济效益 / 指标: a category label wrapped over two lines
            Exp("效益", "经济效益", "项目区粮食亩产增加", "≥50公斤", ">=", 50.0, "公斤", "亩产增加"),
            Exp("效益", "生态效益", "农田灌溉水有效利用系数", "≥0.58", ">=", 0.58, None, "有效利用系数"),
            # a text target wrapped onto the next fragment line
            Exp("效益", "社会效益", "农业生产条件", "灌排设施配套完善，抗灾减灾能力明显增强", None, None, None,
                "农业生产条件", "力明显增强", extra={"kind": "text"}),
            Exp("满意度", "服务对象满意度", "项目区农户满意度", "≥90%", ">=", 90.0, "%", "项目区农户满意度"),
        ],
    )  # fmt: skip
    assert [r["category_source"] for r in recs[:2]] == ["written", "carried"]
    assert all(r["project"] == "高标准农田建设补助资金" and r["table"] == 0 for r in recs)
    assert all(r["weight"] is None and r["score"] is None and r["actual_text"] is None for r in recs)


# --- web page copy: every cell on its own line, header one cell per line -------------------------

CELL_PER_LINE = """当前位置：首页 > 政务公开 > 财政预决算
发布时间：2024-03-08

2024年项目支出绩效目标表
单位：万元
项目名称
农村公路养护工程补助
主管部门
某县交通运输局
实施单位
某县公路管理段
年度资金总额：
512.60
年度总体目标
完成农村公路日常养护，保障公路安全畅通。
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
新建港湾式停靠站
12个
质量指标
路面技术状况优良率
≥85%
时效指标
养护任务完成时间
2024年12月底前
效益指标
社会效益指标
群众出行条件
明显改善
满意度指标
服务对象满意度指标
沿线群众满意度
≥90%
"""


def test_one_cell_per_line_with_split_headers() -> None:
    _check(
        CELL_PER_LINE,
        [
            Exp("产出", "数量", "养护农村公路里程", "≥420公里", ">=", 420.0, "公里", "养护农村公路里程", "≥420公里"),
            Exp("产出", "数量", "新建港湾式停靠站", "12个", None, 12.0, "个", "新建港湾式停靠站", "12个"),
            Exp("产出", "质量", "路面技术状况优良率", "≥85%", ">=", 85.0, "%", "优良率", "≥85%"),
            Exp("产出", "时效", "养护任务完成时间", "2024年12月底前", None, None, None, "养护任务完成时间", "2024年12月底前"),
            Exp("效益", "社会效益", "群众出行条件", "明显改善", None, None, None, "群众出行条件", "明显改善"),
            Exp("满意度", "服务对象满意度", "沿线群众满意度", "≥90%", ">=", 90.0, "%", "沿线群众满意度", "≥90%"),
        ],
    )


CELL_PER_LINE_LABEL_NAME = """2024年项目支出绩效目标表
项目名称
农村公路养护工程补助
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
养护农村公路里程
≥420公里
满意度指标
服务对象满意度指标
沿线群众满意度
≥90%
服务对象满意度
≥92%
"""


def test_one_cell_per_line_indicator_named_like_a_label() -> None:
    recs = _indicators(CELL_PER_LINE_LABEL_NAME)
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("养护农村公路里程", "≥420公里"),
        ("沿线群众满意度", "≥90%"),
        ("服务对象满意度", "≥92%"),
    ]


# --- a page break with a repeated header ---------------------------------------------------------

PAGE_BREAK = (
    """2023年项目支出绩效目标表

项目名称 义务教育阶段学生资助资金

主管部门 某市教育局 实施单位 某市学生资助管理中心

年度资金总额： 860.00

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 资助家庭经济困难学生人数 ≥3200人

                 发放寄宿生生活补助人数 ≥1500人

         质量指标 资助对象认定准确率 100%

第 1 页
\f一级指标 二级指标 三级指标 指标值 说明

                 资助资金足额发放率 100%

         时效指标 资助资金发放时间 2023年11月底前

效益指标 社会效益指标 因贫辍学学生人数 0人

满意度指标 服务对象满意度指标 受助学生家长满意度 ≥95%

第 2 页
"""
)


def test_page_break_with_repeated_header() -> None:
    recs = _check(
        PAGE_BREAK,
        [
            Exp("产出", "数量", "资助家庭经济困难学生人数", "≥3200人", ">=", 3200.0, "人", "资助家庭经济困难"),
            Exp("产出", "数量", "发放寄宿生生活补助人数", "≥1500人", ">=", 1500.0, "人", "寄宿生"),
            Exp("产出", "质量", "资助对象认定准确率", "100%", None, 100.0, "%", "认定准确率"),
            # first row of page 2 has no category cells: 质量 goes on from page 1
            Exp("产出", "质量", "资助资金足额发放率", "100%", None, 100.0, "%", "足额发放率"),
            Exp("产出", "时效", "资助资金发放时间", "2023年11月底前", None, None, None, "资助资金发放时间"),
            Exp("效益", "社会效益", "因贫辍学学生人数", "0人", None, 0.0, "人", "因贫辍学"),
            Exp("满意度", "服务对象满意度", "受助学生家长满意度", "≥95%", ">=", 95.0, "%", "家长满意度"),
        ],
    )
    assert recs[3]["category_source"] == "carried"
    assert len({r["table"] for r in recs}) == 1


CONSECUTIVE_ROWS = """2023年项目支出绩效目标表
项目名称 义务教育阶段学生资助资金
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 资助家庭经济困难学生人数 ≥3200人
发放寄宿生生活补助人数 ≥1500人
"""


def test_consecutive_one_line_rows_stay_apart() -> None:
    _check(
        CONSECUTIVE_ROWS,
        [
            Exp("产出", "数量", "资助家庭经济困难学生人数", "≥3200人", ">=", 3200.0, "人", "资助家庭经济困难"),
            Exp("产出", "数量", "发放寄宿生生活补助人数", "≥1500人", ">=", 1500.0, "人", "寄宿生"),
        ],
    )


# --- markdown (OCR) grid: shifted columns, missing category cells --------------------------------

MARKDOWN = """某市2024年项目支出绩效目标批复表

单位：万元

| | | | | | |
|--------------|--------------------|------------------|--------------------------|------------------|------|
| 一级项目名称 | 特定目标-文化事业发展 | | 二级项目名称 | 公共图书馆免费开放补助 | |
| 主管部门 | 某市文化广电旅游局 | | 实施单位 | 某市图书馆 | |
| 资金情况 | 年度资金总额： | 145.80 | | | |
| | 其中：财政拨款 | 145.80 | | | |
| 年度总体目标 | 保障图书馆免费开放，提升公共文化服务水平。 | | | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |
| | 产出指标 | 数量指标 | 年接待读者人次 | ≥ 30万人次 | |
| | | | 举办公益讲座场次 | ≥ 48场 | |
| | | 质量指标 | 图书外借服务准确率 | = 100% | |
| | | 成本指标 | 项目成本控制率 | | ≤ 100% |
| | 预算成本控制率 | | ≤ 100% | | |
| | 时效指标 | 免费开放时间 | 全年 | | |
| 效益指标 | 社会效益指标 | 群众文化素养 | 逐步提升 | | |
| 满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥ 92% | | |
"""


def test_markdown_grid_with_shifted_columns() -> None:
    recs = _check(
        MARKDOWN,
        [
            Exp("产出", "数量", "年接待读者人次", "≥30万人次", ">=", 30.0, "万人次", "年接待读者人次"),
            Exp("产出", "数量", "举办公益讲座场次", "≥48场", ">=", 48.0, "场", "举办公益讲座场次"),
            Exp("产出", "质量", "图书外借服务准确率", "=100%", "=", 100.0, "%", "图书外借"),
            # value shifted into the 说明 column
            Exp("产出", "成本", "项目成本控制率", "≤100%", "<=", 100.0, "%", "项目成本控制率"),
            # category cells lost, name shifted left: 成本 carried from the row above
            Exp("产出", "成本", "预算成本控制率", "≤100%", "<=", 100.0, "%", "预算成本控制率"),
            # level 1 lost, level 2 shifted into its column
            Exp("产出", "时效", "免费开放时间", "全年", None, None, None, "免费开放时间"),
            Exp("效益", "社会效益", "群众文化素养", "逐步提升", None, None, None, "群众文化素养"),
            Exp("满意度", "服务对象满意度", "读者满意度", "≥92%", ">=", 92.0, "%", "读者满意度"),
        ],
    )
    assert recs[4]["category_source"] == "carried"
    (table,) = [r for r in extract(MARKDOWN) if r["record"] == "table"]
    assert table["layout"] == "pipe"
    assert table["project"] == "公共图书馆免费开放补助"


# --- Excel tab export: 指标性质 / 指标值 / 度量单位 columns and weights ---------------------------

TAB_EXPORT = "\n".join(
    [
        "2023年特定目标类项目绩效目标表",
        "",
        "单位：万元",
        "",
        "项目名称\t小型水库安全运行管护经费\t项目负责人及电话\t王某 12345678\t\t",
        "主管部门\t某县水务局\t实施单位\t某县水库管理所\t\t",
        "资金情况 (万元)\t年度资金总额:\t126.5\t\t\t",
        "\t其中: 财政拨款\t126.5\t\t\t",
        "总体目标\t年度目标\t\t\t\t",
        "\t保障辖区小型水库安全度汛。\t\t\t\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t指标权重",
        "\t产出指标\t数量指标\t水库巡查次数\t≥\t2\t次/周\t20",
        "\t\t\t管护小型水库数量\t=\t18\t座\t20",
        "\t\t质量指标\t大坝安全监测设施完好率\t≥\t95\t%\t20",
        "\t\t时效指标\t汛前检查完成时间\t定性\t2023年5月底前\t\t10",
        "\t效益指标\t社会效益指标\t下游群众生命财产安全\t定性\t有效保障\t\t20",
        "\t满意度指标\t服务对象满意度指标\t库区群众满意度\t≥\t90\t%\t10",
        "",
    ]
)


def test_tab_export_with_symbol_value_unit_columns() -> None:
    recs = _check(
        TAB_EXPORT,
        [
            Exp("产出", "数量", "水库巡查次数", "≥2次/周", ">=", 2.0, "次/周", "水库巡查次数", extra={"weight": 20.0}),
            Exp("产出", "数量", "管护小型水库数量", "=18座", "=", 18.0, "座", "管护小型水库数量", extra={"weight": 20.0}),
            Exp("产出", "质量", "大坝安全监测设施完好率", "≥95%", ">=", 95.0, "%", "完好率", extra={"weight": 20.0}),
            # 定性 in the symbol column is not part of the value
            Exp("产出", "时效", "汛前检查完成时间", "2023年5月底前", None, None, None, "汛前检查",
                extra={"weight": 10.0, "kind": "date", "date": "2023-05"}),
            Exp("效益", "社会效益", "下游群众生命财产安全", "有效保障", None, None, None, "下游群众",
                extra={"weight": 20.0, "kind": "text"}),
            Exp("满意度", "服务对象满意度", "库区群众满意度", "≥90%", ">=", 90.0, "%", "库区群众满意度", extra={"weight": 10.0}),
        ],
    )  # fmt: skip
    assert all(r["score"] is None for r in recs)
    (table,) = [r for r in extract(TAB_EXPORT) if r["record"] == "table"]
    assert table["layout"] == "tab"


# --- a second header row 符号 | 值 | 单位 under 指标值 -------------------------------------------

SYMBOL_COLUMNS = """部门整体支出绩效目标表
（2025年度）
单位：万元
| 部门名称 | 某县林业局 | | | | | |
| 资金总额（万元） | 1,268.30 | | | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | | | 权重 |
| 符号 | 值 | 单位 |
| 产出指标 | 数量指标 | 森林防火巡护次数 | ≥ | 2 | 次 | 10 |
| | | 完成人工造林面积 | ≥ | 1.5 | 万亩 | 10 |
| | 质量指标 | 苗木成活率 | ≥ | 85 | % | 10 |
| | 时效指标 | 造林任务完成时间 | 定性 | 2025年4月底前 | | 10 |
| 效益指标 | 生态效益指标 | 森林覆盖率 | ≥ | 62.3 | % | 20 |
| | 可持续影响指标 | 林业资源保护 | 定性 | 有效保障 | | 10 |
| 满意度指标 | 服务对象满意度指标 | 林农满意度 | ≥ | 90 | % | 10 |
"""

_FORESTRY = [
    Exp("产出", "数量", "森林防火巡护次数", "≥2次", ">=", 2.0, "次", "森林防火巡护次数", extra={"kind": "quantity"}),
    Exp("产出", "数量", "完成人工造林面积", "≥1.5万亩", ">=", 1.5, "万亩", "完成人工造林面积"),
    Exp("产出", "质量", "苗木成活率", "≥85%", ">=", 85.0, "%", "苗木成活率"),
    Exp("产出", "时效", "造林任务完成时间", "2025年4月底前", None, None, None, "造林任务完成时间",
        extra={"kind": "date", "date": "2025-04"}),
    Exp("效益", "生态效益", "森林覆盖率", "≥62.3%", ">=", 62.3, "%", "森林覆盖率"),
    Exp("效益", "可持续影响", "林业资源保护", "有效保障", None, None, None, "林业资源保护", extra={"kind": "text"}),
    Exp("满意度", "服务对象满意度", "林农满意度", "≥90%", ">=", 90.0, "%", "林农满意度"),
]  # fmt: skip


def test_symbol_value_unit_columns_under_a_two_row_header() -> None:
    recs = _check(SYMBOL_COLUMNS, _FORESTRY)
    assert [r["weight"] for r in recs] == [10.0, 10.0, 10.0, 10.0, 20.0, 10.0, 10.0]
    assert {r["project"] for r in recs} == {"某县林业局"}


SYMBOL_COLUMNS_PDF = """部门整体支出绩效目标表

（2025年度）

部门名称 某县林业局

资金总额（万元）： 1,268.30万元

年度绩效指标

一级指标 二级指标 三级指标 计算符号 指标值 计量单位 说明

产出 数量 森林防火巡护次数 ≥ 2 次

完成人工造林面积 ≥ 1.5 万亩

质量 苗木成活率 ≥ 85 %

时效 造林任务完成时间 定性 2025年4月底前

效益 生态效益 森林覆盖率 ≥ 62.3 %

可持续影响 林业资源保护 定性 有效保障

满意度 服务对象满意度 林农满意度 ≥ 90 %
"""


def test_symbol_value_unit_columns_in_pdf_text() -> None:
    recs = _check(SYMBOL_COLUMNS_PDF, _FORESTRY)
    assert all(r["weight"] is None for r in recs)


# --- a weight column in PDF text -----------------------------------------------------------------

WEIGHTS = """项目支出绩效目标批复表

单位：万元

项目名称 乡镇综合文化站免费开放补助

预算年度 2025

主管部门 某县文体广电旅游局 实施单位 某县文化馆

年度资金总额： 64.00

一级指标 二级指标 三级指标 指标值 指标权重 指标值说明

产出 数量

文化站开放天数 ≥ 300天 20

组织群众文化活动场次 不少于24场 15

质量
活动开展完成率 100% 15

时效
补助资金拨付时间 2025年6月前 10 按季度拨付

效果指标 经济效益

指标

带动文化消费 50万元左右 10

满意度 服务对象满意度 群众满意度 95%以上 10
"""


def test_weight_column() -> None:
    _check(
        WEIGHTS,
        [
            Exp("产出", "数量", "文化站开放天数", "≥300天", ">=", 300.0, "天", "文化站开放天数", extra={"weight": 20.0}),
            Exp("产出", "数量", "组织群众文化活动场次", "不少于24场", ">=", 24.0, "场", "组织群众", extra={"weight": 15.0}),
            Exp("产出", "质量", "活动开展完成率", "100%", None, 100.0, "%", "活动开展完成率", extra={"weight": 15.0}),
            # the 说明 cell (按季度拨付) is in no field
            Exp("产出", "时效", "补助资金拨付时间", "2025年6月前", None, None, None, "补助资金拨付时间",
                extra={"weight": 10.0, "date": "2025-06"}),
            # 效果指标 is the older name of 效益
            Exp("效益", "经济效益", "带动文化消费", "50万元左右", "~", 50.0, "万元", "带动文化消费", extra={"weight": 10.0}),
            Exp("满意度", "服务对象满意度", "群众满意度", "95%以上", ">=", 95.0, "%", "群众满意度 95%", extra={"weight": 10.0}),
        ],
    )  # fmt: skip


WEIGHTS_NAME_WRAPPED_BELOW = """项目支出绩效目标批复表
项目名称 乡镇综合文化站免费开放补助
一级指标 二级指标 三级指标 指标值 指标权重
产出 数量 文化站开放天数 ≥300天 20
组织群众文化活动 不少于24场 15
场次
质量 活动开展完成率 100% 15
"""


def test_weight_table_name_wrapped_below_value_line() -> None:
    lines = WEIGHTS_NAME_WRAPPED_BELOW.split("\n")
    recs = _indicators(WEIGHTS_NAME_WRAPPED_BELOW)
    assert [r["name"] for r in recs] == ["文化站开放天数", "组织群众文化活动场次", "活动开展完成率"]
    row = recs[1]
    assert (row["value_text"], row["weight"]) == ("不少于24场", 15.0)
    assert (row["line_start"], row["line_end"]) == (lines.index("组织群众文化活动 不少于24场 15") + 1, lines.index("场次") + 1)


LABEL_OVER_FOUR_LINES = """项目支出绩效目标批复表
项目名称 乡镇综合文化站免费开放补助
一级指标 二级指标 三级指标 指标值
产出 数量 文化站开放天数 ≥300天
社会公众
或服务对
象满意度
指标
群众满意度 95%以上
"""


def test_category_label_wrapped_over_four_lines() -> None:
    recs = _indicators(LABEL_OVER_FOUR_LINES)
    assert [(r["level1"], r["level2"], r["name"], r["value_text"]) for r in recs] == [
        ("产出", "数量", "文化站开放天数", "≥300天"),
        ("满意度", "服务对象满意度", "群众满意度", "95%以上"),
    ]


# --- self-evaluation: targets, actual results, weights, scores, reasons ---------------------------

SELF_EVAL = """项目支出绩效自评表
（2023年度）

单位（盖章）： 填报日期：2024/02/20

项目名称 基层农技推广体系改革与建设补助

主管部门及代码 [412]某县农业农村局 实施单位 某县农业技术推广站

项目资金
（元）

资 金 来 源 年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率 得分

年度资金总额： 1200000 1200000 1164000 10 97.00 9.70

绩
效
指
标

一级指标 二级指标 三级指标 年度指标值(A) 实际完成值(B) 分值 得分 未完成原因分析

产出指标
(50分)

数量指标

培育农业科技示范主体户
数

≥200户 ≥186户 20 18.6

部分示范户因外出务工退
出，按实际在册户数进行
培训。

建设农业科技试验示范基
地数量

≥5个 5个 10 10

质量指标 示范主体技术到位率 ≥90% 92% 20 20

效益指标
(40分)

经济效益指
标

示范主体亩均增收 ≥200元 215元 20 20

社会效益指标 农技人员业务能力 明显提升 明显提升 20 20

满意度指
标(10分)

满意度指标 示范户满意度 ≥90% 93% 10 10

总 分 100 98.3

自 评 结 论 项目总体完成较好。
"""


def test_self_evaluation_rows() -> None:
    recs = _check(
        SELF_EVAL,
        [
            Exp("产出", "数量", "培育农业科技示范主体户数", "≥200户", ">=", 200.0, "户", "培育农业科技示范主体户", "≥200户",
                extra={"actual_text": "≥186户", "weight": 20.0, "score": 18.6}),
            Exp("产出", "数量", "建设农业科技试验示范基地数量", "≥5个", ">=", 5.0, "个", "建设农业科技试验示范基", "≥5个",
                extra={"actual_text": "5个", "weight": 10.0, "score": 10.0}),
            Exp("产出", "质量", "示范主体技术到位率", "≥90%", ">=", 90.0, "%", "技术到位率",
                extra={"actual_text": "92%", "weight": 20.0, "score": 20.0}),
            Exp("效益", "经济效益", "示范主体亩均增收", "≥200元", ">=", 200.0, "元", "亩均增收",
                extra={"actual_text": "215元", "weight": 20.0, "score": 20.0}),
            Exp("效益", "社会效益", "农技人员业务能力", "明显提升", None, None, None, "农技人员业务能力",
                extra={"actual_text": "明显提升", "kind": "text"}),
            Exp("满意度", "服务对象满意度", "示范户满意度", "≥90%", ">=", 90.0, "%", "示范户满意度",
                extra={"actual_text": "93%", "weight": 10.0, "score": 10.0}),
        ],
    )  # fmt: skip
    # The 未完成原因分析 paragraph is in no field, and no row spans its lines.
    reason_lines = {i for i, ln in enumerate(SELF_EVAL.split("\n"), 1) if "外出务工" in ln or "在册户数" in ln or ln == "培训。"}
    assert len(reason_lines) == 3
    for r in recs:
        blob = "".join(str(r[k]) for k in ("name", "value_text", "actual_text"))
        assert "务工" not in blob and "在册" not in blob
        assert not reason_lines & set(range(r["line_start"], r["line_end"] + 1))
    (table,) = [r for r in extract(SELF_EVAL) if r["record"] == "table"]
    assert table["table_type"] == "self_evaluation"
    assert table["funds_total"] == pytest.approx(120.0)


SELF_EVAL_ONE_LINE_ROWS = """项目支出绩效自评表
（2023年度）
项目名称 农村义务教育薄弱学校改造资金
主管部门及代码 [305]某县教育局 实施单位 某县教育局
一级指标 二级指标 三级指标 年度指标值(A) 实际完成值(B) 分值 得分 未完成原因分析
产出指标 数量指标 改造校舍面积 ≥12000平方米 11500平方米 20 19.2 部分工程因雨季顺延施工。
购置教学设备套数 ≥150套 150套 10 10
时效指标 项目完工时间 2023年12月底前 2024年1月完工 10 8 受材料供应影响工期延后。
满意度指标 满意度指标 师生满意度 ≥90% 95% 10 10
总 分 100 97.2
"""


def test_self_evaluation_reason_column_is_dropped() -> None:
    recs = _check(
        SELF_EVAL_ONE_LINE_ROWS,
        [
            Exp("产出", "数量", "改造校舍面积", "≥12000平方米", ">=", 12000.0, "平方米", "改造校舍面积",
                extra={"actual_text": "11500平方米", "weight": 20.0, "score": 19.2}),
            Exp("产出", "数量", "购置教学设备套数", "≥150套", ">=", 150.0, "套", "购置教学设备套数",
                extra={"actual_text": "150套", "weight": 10.0, "score": 10.0}),
            Exp("产出", "时效", "项目完工时间", "2023年12月底前", None, None, None, "项目完工时间",
                extra={"actual_text": "2024年1月完工", "weight": 10.0, "score": 8.0, "date": "2023-12"}),
            Exp("满意度", "服务对象满意度", "师生满意度", "≥90%", ">=", 90.0, "%", "师生满意度",
                extra={"actual_text": "95%", "weight": 10.0, "score": 10.0}),
        ],
    )  # fmt: skip
    assert not any("雨季" in (r["actual_text"] or "") + r["value_text"] + r["name"] for r in recs)


# --- department tables: 投入 / 过程 categories, names that extend a label -------------------------

DEPARTMENT = """部门整体支出绩效目标表
（2024年度）
单位：万元
部门名称 某县水利局
资金总额（万元）： 2,046.75
一级指标 二级指标 三级指标 指标值
投入 目标设定 绩效目标合理性 合理
     预算配置 在职人员控制率 ≤100%
过程 预算执行 预算执行率 ≥95%
              结转结余率 ≤10%
     资产管理 资产管理规范性 规范
产出 数量 水利工程巡查次数 ≥24次
效益 社会效益 防汛抗旱能力 有效提升
满意度 服务对象满意度 群众满意度 ≥90%
               服务对象满意度 ≥92%
"""


def test_department_categories_and_label_like_names() -> None:
    _check(
        DEPARTMENT,
        [
            Exp("投入", "目标设定", "绩效目标合理性", "合理", None, None, None, "绩效目标合理性"),
            Exp("投入", "预算配置", "在职人员控制率", "≤100%", "<=", 100.0, "%", "在职人员控制率"),
            Exp("过程", "预算执行", "预算执行率", "≥95%", ">=", 95.0, "%", "预算执行率"),
            Exp("过程", "预算执行", "结转结余率", "≤10%", "<=", 10.0, "%", "结转结余率"),
            Exp("过程", "资产管理", "资产管理规范性", "规范", None, None, None, "资产管理规范性"),
            Exp("产出", "数量", "水利工程巡查次数", "≥24次", ">=", 24.0, "次", "水利工程巡查次数"),
            Exp("效益", "社会效益", "防汛抗旱能力", "有效提升", None, None, None, "防汛抗旱能力"),
            Exp("满意度", "服务对象满意度", "群众满意度", "≥90%", ">=", 90.0, "%", "群众满意度"),
            Exp("满意度", "服务对象满意度", "服务对象满意度", "≥92%", ">=", 92.0, "%", "服务对象满意度 ≥92%"),
        ],
    )


DEPARTMENT_SHORT = """部门整体支出绩效目标表
部门名称 某县水利局
一级指标 二级指标 三级指标 指标值
投入 预算配置 在职人员控制率 ≤100%
过程 预算执行 预算执行率 ≥95%
结转结余率 ≤10%
"""


def test_name_extending_its_level2_label() -> None:
    _check(
        DEPARTMENT_SHORT,
        [
            Exp("投入", "预算配置", "在职人员控制率", "≤100%", "<=", 100.0, "%", "在职人员控制率"),
            Exp("过程", "预算执行", "预算执行率", "≥95%", ">=", 95.0, "%", "预算执行率"),
            Exp("过程", "预算执行", "结转结余率", "≤10%", "<=", 10.0, "%", "结转结余率"),
        ],
    )


# --- a merged category cell printed at the middle of its rows -------------------------------------

CENTRED_LABEL = """2024年项目支出绩效目标表

项目名称 中小学教师培训经费

一级指标 二级指标 三级指标 指标值 说明

                  培训教师人次 ≥1200人次

产出指标 数量指标 开设培训班期数 ≥20期

                  送教下乡次数 ≥8次

满意度指标 服务对象满意度指标 参训教师满意度 ≥90%
"""


def test_row_above_a_vertically_centred_label() -> None:
    first = _indicators(CENTRED_LABEL)[0]
    assert (first["name"], first["value_text"]) == ("培训教师人次", "≥1200人次")
    assert (first["level1"], first["level2"]) == ("产出", "数量")


# --- what is not an indicator ---------------------------------------------------------------------


@pytest.mark.parametrize("doc", [PDF_WRAPPED, MARKDOWN, TAB_EXPORT, SELF_EVAL, WEIGHTS], ids=["pdf", "md", "tab", "self", "weights"])
def test_funding_rows_and_overall_goal_are_not_indicators(doc: str) -> None:
    header = next(i for i, ln in enumerate(doc.split("\n"), 1) if "三级指标" in ln)
    recs = _indicators(doc)
    assert recs
    for r in recs:
        assert not any(w in r["name"] for w in ("资金总额", "财政拨款", "总体目标", "其他资金", "总分", "指标值"))
        assert r["line_start"] > header


# --- Outline lists: self-evaluation clauses, worded targets in brackets, cut lines --------------

OUTLINE_SELF_EVAL = """2023年度农村饮水安全巩固提升项目绩效自评表
项目名称：农村饮水安全巩固提升工程
主管部门：某县水利局
【产出指标-数量指标】
指标1：新建集中供水工程处数（≥12处），实际完成：≥13处，权重10分，得分10
指标2：维修改造供水管网长度（不少于40公里），实际完成情况：38公里，分值10分，得分9.5
【产出指标-质量指标】
指标1：工程验收合格率（100%）（说明：以竣工验收报告为准）
指标2：水质检测达标情况（明显改善），实际完成：达成年度指标，权重10分，得分10，偏差原因：无
【效益指标-社会效益指标】
1、农村自来水普及率：≥92%，
2、受益人口：≥3.5万人，实际
【满意度指标-服务对象满意度指标】
指标1：受益群众满意度（≥90%）
"""


def test_outline_items_with_self_evaluation_clauses() -> None:
    _check(
        OUTLINE_SELF_EVAL,
        [
            Exp("产出", "数量", "新建集中供水工程处数", "≥12处", ">=", 12.0, "处", "新建集中供水工程处数",
                extra={"actual_text": "≥13处", "weight": 10.0, "score": 10.0}),
            Exp("产出", "数量", "维修改造供水管网长度", "不少于40公里", ">=", 40.0, "公里", "维修改造供水管网长度",
                extra={"actual_text": "38公里", "weight": 10.0, "score": 9.5}),
            # the 说明 note after the bracketed target is in no field
            Exp("产出", "质量", "工程验收合格率", "100%", None, 100.0, "%", "工程验收合格率",
                extra={"actual_text": None, "weight": None}),
            # after an 指标N mark a worded target in brackets is the target; the reason clause is dropped
            Exp("产出", "质量", "水质检测达标情况", "明显改善", None, None, None, "水质检测达标情况",
                extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0, "kind": "text"}),
            # a dangling separator, and a line cut inside the next clause's key
            Exp("效益", "社会效益", "农村自来水普及率", "≥92%", ">=", 92.0, "%", "农村自来水普及率"),
            Exp("效益", "社会效益", "受益人口", "≥3.5万人", ">=", 3.5, "万人", "受益人口"),
            Exp("满意度", "服务对象满意度", "受益群众满意度", "≥90%", ">=", 90.0, "%", "受益群众满意度"),
        ],
    )  # fmt: skip


def test_outline_target_wrapped_after_a_separator_keeps_it() -> None:
    """A separator ending an item's line is dropped only when no wrapped target follows."""
    doc = OUTLINE_SELF_EVAL.replace(
        "1、农村自来水普及率：≥92%，", "1、供水工程验收方式：县水利局组织初验，\n市水利局复核"
    )
    recs = {r["name"]: r for r in _indicators(doc)}
    got = recs["供水工程验收方式"]
    assert (got["value_text"], got["line_end"] - got["line_start"]) == ("县水利局组织初验，市水利局复核", 1)
    assert recs["受益人口"]["value_text"] == "≥3.5万人"


def test_line_prechecks_cover_their_patterns() -> None:
    """The cheap first-character tests in front of the row builder's line patterns never
    skip a line the pattern would match (the regex module's Unicode may be newer than
    unicodedata's)."""
    import sys

    import regex

    from goalnlp import rows

    digit = regex.compile(r"\d")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if digit.match(ch):
            assert rows._may_be_digit(ch), hex(cp)
        if regex.match(r"(?i)p", ch):
            assert ch in "pP", hex(cp)


def test_crosses_word_is_the_jieba_dictionary_check() -> None:
    """rows.crosses_word reads models/jieba_cross.json; it answers as the check against
    jieba's whole dictionary did (words of 2-4 Han characters, frequency >= 50)."""
    import random

    import regex

    from goalnlp import rows

    freq = rows._word_freq()
    han = regex.compile(r"\p{Han}+")

    def by_jieba(prev: str, cur: str) -> bool:
        for i in range(1, min(3, len(prev)) + 1):
            a = prev[-i:]
            if not han.fullmatch(a):
                break
            for j in range(1, min(3, len(cur)) + 1):
                b = cur[:j]
                if not han.fullmatch(b):
                    break
                w = a + b
                if len(w) <= 4 and (freq.get(w, 0) >= 50 or w in rows._DOMAIN_WORDS):
                    return True
        return False

    words = [w for w, f in freq.items() if f >= 50 and 2 <= len(w) <= 4]
    rng = random.Random(0)
    chars = "".join({c for w in words[:3000] for c in w}) + "a1，("
    pairs = []
    for w in rng.sample(words, 3000):
        k = rng.randint(1, len(w) - 1)
        pairs.append((rng.choice(chars) * rng.randint(0, 1) + w[:k], w[k:] + rng.choice(chars) * rng.randint(0, 2)))
    pairs += [("".join(rng.choices(chars, k=rng.randint(0, 4))), "".join(rng.choices(chars, k=rng.randint(0, 4)))) for _ in range(20000)]
    for prev, cur in pairs:
        assert rows.crosses_word(prev, cur) == (bool(prev and cur) and by_jieba(prev[-3:], cur[:3])), (prev, cur)


# --- PDF text that glued the category cells to the name, and the comparator to the name's end ----

GLUED_HEAD = """项目支出绩效目标表
项目名称 乡村公路养护补助资金
一级指标二级指标三级指标指标值
产出指标数量指标养护农村公路里程≥ 320公里
质量指标路面技术状况优良率= 85%
成本指标公里养护补助标准≤ 0.6万元
时效指标养护任务完成时间 2024年11月底前
满意度指标服务对象满意度指标沿线群众满意度 ≥92%
"""


def test_glued_category_labels_and_comparator_split_off_the_name() -> None:
    _check(
        GLUED_HEAD,
        [
            Exp("产出", "数量", "养护农村公路里程", "≥320公里", ">=", 320.0, "公里", "养护农村公路里程"),
            Exp("产出", "质量", "路面技术状况优良率", "=85%", "=", 85.0, "%", "路面技术状况优良率"),
            Exp("产出", "成本", "公里养护补助标准", "≤0.6万元", "<=", 0.6, "万元", "公里养护补助标准"),
            Exp("产出", "时效", "养护任务完成时间", "2024年11月底前", None, None, None, "养护任务完成时间"),
            Exp("满意度", "服务对象满意度", "沿线群众满意度", "≥92%", ">=", 92.0, "%", "沿线群众满意度"),
        ],
    )  # fmt: skip


# --- pdftotext without -layout: a self-evaluation row whose category and name cells wrap together ---

SELF_EVAL_TAILS = """项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 三级指标 年度指标值（A） 实际完成值(B) 分值 得分 未完成原因分析
产出指标 数量指标 送戏下乡演出场次 ≥ 40场 ≥42场 20 20

效益指标 社会效益指 基层群众公共文化服务 持续改善 持续改善 10 10

标 获得感，丰富群众精神
文化生活

满意度指标 服务对象满 观看演出群众对送戏下乡 ≥ 90% 93% 10 10

意度指标 服务满意度
"""


def test_row_wrapped_with_its_category_cell_keeps_its_name() -> None:
    """After the tail of a wrapped category label (``标``, ``意度指标``) come the
    wrapped rest of the row's name, even a piece that reads like a label."""
    _check(
        SELF_EVAL_TAILS,
        [
            Exp("产出", "数量", "送戏下乡演出场次", "≥40场", ">=", 40.0, "场", "送戏下乡演出场次",
                extra={"actual_text": "≥42场", "weight": 20.0, "score": 20.0}),
            Exp("效益", "社会效益", "基层群众公共文化服务获得感，丰富群众精神文化生活", "持续改善", None, None, None,
                "基层群众公共文化服务", "文化生活", extra={"actual_text": "持续改善", "weight": 10.0}),
            Exp("满意度", "服务对象满意度", "观看演出群众对送戏下乡服务满意度", "≥90%", ">=", 90.0, "%",
                "观看演出群众对送戏下乡", "意度指标 服务满意度", extra={"actual_text": "93%", "score": 10.0}),
        ],
    )  # fmt: skip


# --- pdftotext without -layout: a name's last characters and a date's 完成 on the next line ------

PDF_SHORT_TAILS = """项目支出绩效目标申报表
项目名称 农村饮水安全巩固提升工程
一级指标 二级指标 三级指标 指标值 指标值说明

产出指标

数量指标
新建集中供水工程数量 ≥12处
维修改造供水管网长 ≥40公里
度

质量指标

水质检测抽检合格达 95%
标率
开展农村供水设施各项 100%
巡检

农村供水保障水平和群
众饮水安全意识 明显提升
时效指标

工程完工时间 2024年10月底
完成
"""


def test_short_name_tail_and_completion_word_stay_with_their_row() -> None:
    """The row builder's reading (``rules``; the default engine's line tagger re-cuts
    ``巡检`` as a name of its own here, a case for its next training corpus)."""
    _check(
        PDF_SHORT_TAILS,
        [
            Exp("产出", "数量", "新建集中供水工程数量", "≥12处", ">=", 12.0, "处", "新建集中供水工程数量"),
            Exp("产出", "数量", "维修改造供水管网长度", "≥40公里", ">=", 40.0, "公里", "维修改造供水管网长", "度"),
            Exp("产出", "质量", "水质检测抽检合格达标率", "95%", None, 95.0, "%", "水质检测抽检合格达", "标率"),
            Exp("产出", "质量", "开展农村供水设施各项巡检", "100%", None, 100.0, "%", "开展农村供水设施各项", "巡检"),
            Exp("产出", "质量", "农村供水保障水平和群众饮水安全意识", "明显提升", None, None, None,
                "农村供水保障水平和群", "众饮水安全意识"),
            Exp("产出", "时效", "工程完工时间", "2024年10月底完成", None, None, None, "工程完工时间", "完成"),
        ],
        engine="rules",
    )  # fmt: skip


# --- one cell per line, a name cut inside a word onto the next line --------------------------------

CELL_PER_LINE_CUT_NAME = "\n".join(
    ["2024年项目支出绩效目标表", "项目名称", "农村公路养护工程", "一级指标", "二级指标", "三级指标", "指标值",
     "产出指标", "数量指标", "养护农村公路里程", "≥320公里", "新建及修复道路排水沟渠长", "度", "≥35公里",
     "质量指标", "路面技术状况优良率", "≥85%"]
) + "\n"  # fmt: skip


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_one_cell_per_line_name_cut_inside_a_word(engine: str) -> None:
    _check(
        CELL_PER_LINE_CUT_NAME,
        [
            Exp("产出", "数量", "养护农村公路里程", "≥320公里", ">=", 320.0, "公里", "养护农村公路里程", "≥320公里"),
            Exp("产出", "数量", "新建及修复道路排水沟渠长度", "≥35公里", ">=", 35.0, "公里", "排水沟渠长", "≥35公里"),
            Exp("产出", "质量", "路面技术状况优良率", "≥85%", ">=", 85.0, "%", "路面技术状况优良率", "≥85%"),
        ],
        engine=engine,
    )  # fmt: skip


# --- outline items whose logical line the PDF cut in two -------------------------------------------

OUTLINE_CUT_LINES = """2023年项目支出绩效目标表
项目名称：乡村学校营养改善计划
绩效指标：
产出指标—成本指标：
每生每天补助标准，指标值：≤
5元
效益指标—社会效益指标：
学生营养状况得到改善、家长经济负担减轻、学
校供餐秩序规范运行，指标值：学生营养不良率下降，
家长满意
产出指标—质量指标：
供餐食品安全事故发生次数，指
标值：0次，实际完成：0次，权重10分，得分10
产出指标—时效指标：
补助资金拨付及时率，指标值：收到申请后
及时拨付，实际完成：达成年度指标，权重10分，得分9
【产出指标】【数量指标】
指标1：受益学生人数（以教育部门
认定为准）（≥12000人）
指标2：供餐学校数量（≥85所）
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_outline_items_cut_by_the_line_end(engine: str) -> None:
    """A name wrapped before the line holding its ``指标值：`` key, the key itself cut in two,
    a bracketed name closing on the next line, a target wrapped into the self-evaluation
    clauses: each item is read as one line, its fragments keep their own lines."""
    _check(
        OUTLINE_CUT_LINES,
        [
            Exp("产出", "成本", "每生每天补助标准", "≤5元", "<=", 5.0, "元", "每生每天补助标准", "5元"),
            Exp("效益", "社会效益", "学生营养状况得到改善、家长经济负担减轻、学校供餐秩序规范运行",
                "学生营养不良率下降，家长满意", None, None, None, "学生营养状况", "家长满意"),
            Exp("产出", "质量", "供餐食品安全事故发生次数", "0次", None, 0.0, "次", "供餐食品安全", "标值",
                extra={"actual_text": "0次", "weight": 10.0, "score": 10.0}),
            Exp("产出", "时效", "补助资金拨付及时率", "收到申请后及时拨付", None, None, None, "补助资金拨付", "及时拨付",
                extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 9.0}),
            Exp("产出", "数量", "受益学生人数（以教育部门认定为准）", "≥12000人", ">=", 12000.0, "人", "受益学生人数",
                "认定为准"),
            Exp("产出", "数量", "供餐学校数量", "≥85所", ">=", 85.0, "所", "供餐学校数量"),
        ],
        engine=engine,
    )  # fmt: skip


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_bare_labels_glued_to_names_once_the_table_shows_it_is_glued(engine: str) -> None:
    """``产出数量养护…≥ 320公里`` shows labels glued to names; then ``质量路面…85%`` (a bare
    二级指标 label, no 指标) is split the same way."""
    doc = """项目支出绩效目标表
项目名称 乡村公路养护补助资金
一级指标二级指标三级指标指标值
产出数量养护农村公路里程≥ 320公里
质量路面技术状况优良率85%
时效养护任务完成时间2024年11月底前
满意度服务对象满意度沿线群众满意度≥ 92%
"""
    _check(
        doc,
        [
            Exp("产出", "数量", "养护农村公路里程", "≥320公里", ">=", 320.0, "公里", "养护农村公路里程"),
            Exp("产出", "质量", "路面技术状况优良率", "85%", None, 85.0, "%", "路面技术状况优良率"),
            Exp("产出", "时效", "养护任务完成时间", "2024年11月底前", None, None, None, "养护任务完成时间"),
            Exp("满意度", "服务对象满意度", "沿线群众满意度", "≥92%", ">=", 92.0, "%", "沿线群众满意度"),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_REASON_THEN_NAME = """项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 三级指标 年度指标值（A） 实际完成值(B) 分值 得分 未完成原因分析
产出指标 数量指标 送戏下乡演出场次 ≥40场 ≥42场 20 20
执行情况较好，超出预期

乡镇综合文化站免费开
放 ≥300天 部分达成年度指标 10 8
受场馆维修影响，部分
站点暂停开放。
"""


def test_reason_paragraph_is_not_taken_into_the_next_name() -> None:
    """A reason line under a scored row, a blank line, then the next row's name wrapped
    above its value line: only the fragment after the blank line starts that name."""
    recs = _check(
        SELF_EVAL_REASON_THEN_NAME,
        [
            Exp("产出", "数量", "送戏下乡演出场次", "≥40场", ">=", 40.0, "场", "送戏下乡演出场次"),
            Exp("产出", "数量", "乡镇综合文化站免费开放", "≥300天", ">=", 300.0, "天", "乡镇综合文化站免费开", "≥300天",
                extra={"actual_text": "部分达成年度指标", "weight": 10.0, "score": 8.0}),
        ],
        engine="rules",
    )  # fmt: skip
    assert all("执行情况" not in r["name"] for r in recs)


SYMBOL_COLUMNS_WORDED_TARGET = """项目支出绩效目标表
项目名称 农村公路养护工程
一级指标 二级指标 三级指标 绩效指标性质 *值 绩效度量单位 备注
产出指标 数量指标
农村公路日常 巡查县乡道、
巡查 村道均不少于12
次
质量指标 路面技术状况 ≥ 85 %
优良率
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_worded_target_wraps_in_the_value_column(engine: str) -> None:
    """In a table with 符号/值/单位 columns the 值 cell may hold words that wrap beside
    the wrapped name: each line's fragments continue their own cell.  (The line tagger
    takes the first value fragment for a note; ``hybrid`` keeps the rules' cut, since a
    target cannot start in the middle of its cell.)"""
    _check(
        SYMBOL_COLUMNS_WORDED_TARGET,
        [
            Exp("产出", "数量", "农村公路日常巡查", "巡查县乡道、村道均不少于12次", ">=", 12.0, "次", "农村公路日常", "次"),
            Exp("产出", "质量", "路面技术状况优良率", "≥85%", ">=", 85.0, "%", "路面技术状况", "优良率"),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_CUT_SCORE_NOTES = """项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 *三级指标 年度指标值(A) 全年实际值（B） 分值 得分 未完成原因分析

产出(60 数量 送戏下乡演出场次及 ≥40场 部分达成年度指标并具有 20 16.5
分) 群众观看人次 一定效果
受场馆维修影响，部分演出推
迟到下一年度。

满意度(10 服务对象满意
分) 度

观看演出群众对送戏下
乡满意度 ≥90% ≥93% 10 10
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_category_cells_with_score_notes_cut_by_the_line_end(engine: str) -> None:
    """``产出(60`` / ``分)``: a category cell whose score note wraps; ``服务对象满意`` / ``度``:
    a level-2 label completed on the next line; ``…并具有`` / ``一定效果``: a stock
    self-evaluation phrase wrapped in the actual column."""
    _check(
        SELF_EVAL_CUT_SCORE_NOTES,
        [
            Exp("产出", "数量", "送戏下乡演出场次及群众观看人次", "≥40场", ">=", 40.0, "场", "送戏下乡演出场次及",
                "群众观看人次", extra={"actual_text": "部分达成年度指标并具有一定效果", "weight": 20.0, "score": 16.5}),
            Exp("满意度", "服务对象满意度", "观看演出群众对送戏下乡满意度", "≥90%", ">=", 90.0, "%", "观看演出群众对送戏下",
                "乡满意度", extra={"actual_text": "≥93%", "weight": 10.0, "score": 10.0}),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_ALL_COLUMNS_WRAP = """项目支出绩效自评表
项目名称 农村饮水安全巩固提升工程
一级指标 二级指标 三级指标 年度指标值（A） 实际完成值(B) 分值 得分 未完成原因分析
产出指标 数量指标
新建乡村供水站 覆盖20家以上 已完成 20 20
点与县级平台 乡镇水厂和
数据接口 村级水站

建立水质检测程 检测项目在30 部分达成年度指标并 20 16.5
度与标准目录 项左右 具有一定效果
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_every_column_of_a_scored_row_wraps_onto_the_next_line(engine: str) -> None:
    """A line of text cells right under a row that ends in its weight and score cannot be a
    row (it has none): each of its cells continues a column of that row, leftmost first."""
    _check(
        SELF_EVAL_ALL_COLUMNS_WRAP,
        [
            Exp("产出", "数量", "新建乡村供水站点与县级平台数据接口", "覆盖20家以上乡镇水厂和村级水站", ">=", 20.0, "家",
                "新建乡村供水站", "数据接口", extra={"actual_text": "已完成", "weight": 20.0, "score": 20.0}),
            Exp("产出", "数量", "建立水质检测程度与标准目录", "检测项目在30项左右", "~", 30.0, "项", "建立水质检测程",
                "度与标准目录", extra={"actual_text": "部分达成年度指标并具有一定效果", "weight": 20.0, "score": 16.5}),
        ],
        engine=engine,
    )  # fmt: skip


LAYOUT_NUMBER_WRAPS_WHOLE = """项目支出绩效目标表
项目名称 农村公路养护工程
一级指标         二级指标            三级指标          年度指标值       备注

产出             数量                养护县乡公路里     养护县乡公路
                                     程                320公里以上

                                     改造农村公路危     危桥改造数量为
                                     桥                12座

                 质量                路面技术状况优     路面技术状况优良
                                     良率              率达到85%
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_layout_cell_ends_early_before_a_number_that_does_not_fit(engine: str) -> None:
    """pdftotext -layout: a target line that stops short of the column's width because the
    number after it would not fit is still the same cell ("养护县乡公路" / "320公里以上")."""
    _check(
        LAYOUT_NUMBER_WRAPS_WHOLE,
        [
            Exp("产出", "数量", "养护县乡公路里程", "养护县乡公路320公里以上", ">=", 320.0, "公里", "养护县乡公路里", "320公里以上"),
            Exp("产出", "数量", "改造农村公路危桥", "危桥改造数量为12座", None, 12.0, "座", "改造农村公路危", "12座"),
            Exp("产出", "质量", "路面技术状况优良率", "路面技术状况优良率达到85%", None, 85.0, "%", "路面技术状况优", "率达到85%"),
        ],
        engine=engine,
    )  # fmt: skip


# --- self-evaluation text wrapped in narrow columns: grades, reasons, centred cells ----------------

SELF_EVAL_NARROW_GRADES = """2024年项目支出绩效自评表
项目名称 国有林场森林资源管护补助
主管部门 县林业局 实施单位 县国有林场
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析

产出指标 数量指标
森林防火瞭望监测点 ≥12个 ≥12个 5 5
位建设

古树名木挂牌保护信 ≥300株 部分达成年度指 10 8.6
息更新数量 标并具有一定效
果
部分古树位于偏远山区，挂牌
工作受到天气影响，已督促加
快进度。

质量指标 造林苗木成活率 ≥85% ≥88% 10 10

时效指标 管护任务完成时间 2024年11月底 部分达成年度指
完成 标并具有一定效 10 8.3
果
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_grade_wrapped_to_its_last_character_in_a_narrow_column(engine: str) -> None:
    """A self-evaluation grade cut over three lines ("部分达成年度指" / "标并具有一定效" / "果")
    takes its last piece; the reason paragraph under the row is no row; a line whose text
    cells carry the row's cells on and whose numbers are its weight and score ("完成
    标并具有一定效 10 8.3") finishes that row."""
    partial = "部分达成年度指标并具有一定效果"
    _check(
        SELF_EVAL_NARROW_GRADES,
        [
            Exp("产出", "数量", "森林防火瞭望监测点位建设", "≥12个", ">=", 12.0, "个", "森林防火瞭望监测点", "位建设",
                extra={"actual_text": "≥12个", "weight": 5.0, "score": 5.0}),
            Exp("产出", "数量", "古树名木挂牌保护信息更新数量", "≥300株", ">=", 300.0, "株", "古树名木挂牌保护信", "果",
                extra={"actual_text": partial, "weight": 10.0, "score": 8.6}),
            Exp("产出", "质量", "造林苗木成活率", "≥85%", ">=", 85.0, "%", "造林苗木成活率",
                extra={"actual_text": "≥88%", "weight": 10.0, "score": 10.0}),
            Exp("产出", "时效", "管护任务完成时间", "2024年11月底完成", None, None, None, "管护任务完成时间", "果",
                extra={"actual_text": partial, "weight": 10.0, "score": 8.3, "date": "2024-11"}),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_CENTRED_TARGET = """2024年项目支出绩效自评表
项目名称 乡村文化站设备更新补助
主管部门 县文化和旅游局 实施单位 县文化馆
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析

产出指标 数量指标
更新乡镇文化站设备 ≥15个 ≥15个 10 10
站点数量

开展送戏下乡演出场 部分达成年度指 部分演出因场地
次 ≥60场 标并具有一定效 10 8.5 改造推迟，已调
果 整至次年。

组织基层文艺骨干培 ≥200人次 ≥230人次 10 10
训

质量指标 设备验收合格率 ≥98% 100% 10 10
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_target_printed_on_the_middle_line_of_a_tall_row(engine: str) -> None:
    """A one-line target centred in a row three lines tall comes on the row's second line,
    beside the wrapped name, grade and reason: it fills the row's empty target column."""
    _check(
        SELF_EVAL_CENTRED_TARGET,
        [
            Exp("产出", "数量", "更新乡镇文化站设备站点数量", "≥15个", ">=", 15.0, "个", "更新乡镇文化站设备", "站点数量"),
            Exp("产出", "数量", "开展送戏下乡演出场次", "≥60场", ">=", 60.0, "场", "开展送戏下乡演出场", "果",
                extra={"actual_text": "部分达成年度指标并具有一定效果", "weight": 10.0, "score": 8.5}),
            Exp("产出", "数量", "组织基层文艺骨干培训", "≥200人次", ">=", 200.0, "人次", "组织基层文艺骨干培", "训"),
            Exp("产出", "质量", "设备验收合格率", "≥98%", ">=", 98.0, "%", "设备验收合格率",
                extra={"actual_text": "100%", "weight": 10.0, "score": 10.0}),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_GLUED = """2024年项目支出绩效自评表
项目名称农村饮水安全巩固提升工程
主管部门县水利局实施单位县农村供水服务中心
一级指标二级指标三级指标年度指标值实际完成值分值得分未完成原因分析
产出(50分)数量新建集中供水工程处数≥6处≥6处1515
产出(50分)质量水质检测合格率≥95%≥97%109.5
产出(50分)时效工程完工时间2024年10月底前达成年度指标2.52.5
效益(30分)社会效益受益农村人口≥1.2万人≥1.3万人3030
效益(30分)可持续影响供水保障能力持续提升达成年度指标1010
满意度(20分)服务对象满意度受益群众满意度≥90%≥93%2020
"""


def _glued_expected(worded_row: Exp) -> list[Exp]:
    return [
        Exp("产出", "数量", "新建集中供水工程处数", "≥6处", ">=", 6.0, "处", "新建集中供水工程处数",
            extra={"actual_text": "≥6处", "weight": 15.0, "score": 15.0}),
        Exp("产出", "质量", "水质检测合格率", "≥95%", ">=", 95.0, "%", "水质检测合格率",
            extra={"actual_text": "≥97%", "weight": 10.0, "score": 9.5}),
        Exp("产出", "时效", "工程完工时间", "2024年10月底前", None, None, None, "工程完工时间",
            extra={"actual_text": "达成年度指标", "weight": 2.5, "score": 2.5, "date": "2024-10"}),
        Exp("效益", "社会效益", "受益农村人口", "≥1.2万人", ">=", 1.2, "万人", "受益农村人口",
            extra={"actual_text": "≥1.3万人", "weight": 30.0, "score": 30.0}),
        worded_row,
        Exp("满意度", "服务对象满意度", "受益群众满意度", "≥90%", ">=", 90.0, "%", "受益群众满意度",
            extra={"actual_text": "≥93%", "weight": 20.0, "score": 20.0}),
    ]  # fmt: skip


def test_glued_self_evaluation_rows_hybrid() -> None:
    """Self-evaluation rows printed with no separators at all, labels with their points
    ("产出(50分)"): target, actual value, weight and score are read off the glued tail
    ("≥95%≥97%109.5" → ≥95%, ≥97%, 10, 9.5); a worded target glued between name and grade
    is cut off by the token tagger."""
    worded = Exp("效益", "可持续影响", "供水保障能力", "持续提升", None, None, None, "供水保障能力",
                 extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0})  # fmt: skip
    _check(SELF_EVAL_GLUED, _glued_expected(worded), engine="hybrid")


def test_glued_self_evaluation_rows_rules_keep_the_uncut_row() -> None:
    """Rules alone cannot tell where a worded target glued to its name begins: the row is
    kept whole with no target (its grade, weight and score read), not dropped."""
    worded = Exp("效益", "可持续影响", "供水保障能力持续提升", "", None, None, None, "供水保障能力",
                 extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0})  # fmt: skip
    _check(SELF_EVAL_GLUED, _glued_expected(worded), engine="rules")


@pytest.mark.parametrize(
    ("digits", "cut"),
    [("1010", 2), ("109.06", 2), ("55", 1), ("3.53.5", 3), ("3.50", 3), ("2016.5", 2), ("1008.5", 3), ("15", None), ("0.5", None)],
)
def test_weight_and_score_printed_together(digits: str, cut: int | None) -> None:
    """Weight then score with nothing between: both well formed, the score at most the
    weight, the weight at most 100; equal halves first."""
    from goalnlp.rows import split_weight_score

    assert split_weight_score(digits) == cut


SELF_EVAL_TALL_ROWS = """2024年项目支出绩效自评表
项目名称 国有林场森林资源管护补助
主管部门 县林业局 实施单位 县国有林场
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析

产出指标 数量指标
林区巡护道路维修里 部分达成年度指 资金下达较晚，
程 ≥40公里 标并具有一定效 5 4.5 导致施工推迟。
果

部分达成年度指
病虫害防治作业面积 ≥2000亩 标并具有一定效 10 7.2
果
受持续降雨影响，部分防治作
业未能按期开展，下一步将加
快推进。

质量指标 造林苗木成活率 ≥85% ≥88% 10 10

经县林业部门组织验
收的新造林地块验收
合格率 ≥95% 100% 10 10
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_cells_centred_in_tall_self_evaluation_rows(engine: str) -> None:
    """Rows several lines tall print their one-line cells on a middle line: a grade's first
    piece above its row's line opens that row (it is never a reason, whatever the line
    tagger thinks); a name's lines above its row line, which read as no reason, are the
    name's, not the previous row's notes."""
    partial = "部分达成年度指标并具有一定效果"
    _check(
        SELF_EVAL_TALL_ROWS,
        [
            Exp("产出", "数量", "林区巡护道路维修里程", "≥40公里", ">=", 40.0, "公里", "林区巡护道路维修里", "果",
                extra={"actual_text": partial, "weight": 5.0, "score": 4.5}),
            Exp("产出", "数量", "病虫害防治作业面积", "≥2000亩", ">=", 2000.0, "亩", "部分达成年度指", "果",
                extra={"actual_text": partial, "weight": 10.0, "score": 7.2}),
            Exp("产出", "质量", "造林苗木成活率", "≥85%", ">=", 85.0, "%", "造林苗木成活率"),
            Exp("产出", "质量", "经县林业部门组织验收的新造林地块验收合格率", "≥95%", ">=", 95.0, "%", "经县林业部门组织验",
                "合格率", extra={"actual_text": "100%", "weight": 10.0, "score": 10.0}),
        ],
        engine=engine,
    )  # fmt: skip


GLUED_WORDED_ROWS = """项目支出绩效目标表
项目名称农村供水工程维修养护补助
主管部门县水利局实施单位县农村供水服务中心
绩效指标一级指标二级指标三级指标指标值备注
产出指标数量指标维修养护供水工程处数≥35处
质量指标维修工程验收合格率≥98%
时效指标养护任务完成时间2024年11月底前
效益指标社会效益指标农村饮水保障水平稳步提升
供水设施运行状况持续改善
可持续影响指标对乡村振兴的支撑作用成效明显
满意度指标服务对象满意度指标受益群众满意度≥90%
"""


def test_glued_worded_rows_one_a_line() -> None:
    """Two glued rows with worded targets on consecutive lines: the rules read them as one
    name wrapped onto its target; the token tagger reads each line as a whole row, surely,
    and one row a line it is (hybrid)."""
    _check(
        GLUED_WORDED_ROWS,
        [
            Exp("产出", "数量", "维修养护供水工程处数", "≥35处", ">=", 35.0, "处", "维修养护供水工程处数"),
            Exp("产出", "质量", "维修工程验收合格率", "≥98%", ">=", 98.0, "%", "维修工程验收合格率"),
            Exp("产出", "时效", "养护任务完成时间", "2024年11月底前", None, None, None, "养护任务完成时间"),
            Exp("效益", "社会效益", "农村饮水保障水平", "稳步提升", None, None, None, "农村饮水保障水平"),
            Exp("效益", "社会效益", "供水设施运行状况", "持续改善", None, None, None, "供水设施运行状况"),
            Exp("效益", "可持续影响", "对乡村振兴的支撑作用", "成效明显", None, None, None, "对乡村振兴的支撑作用"),
            Exp("满意度", "服务对象满意度", "受益群众满意度", "≥90%", ">=", 90.0, "%", "受益群众满意度"),
        ],
        engine="hybrid",
    )  # fmt: skip


SELF_EVAL_NAME_ABOVE_ITS_ROW = """2024年项目支出绩效自评表
项目名称 公共文化服务体系建设补助
主管部门 县文化和旅游局 实施单位 县文化馆
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析

产出指标 数量指标
乡镇综合文化站免费开 ≥18个 ≥18个 10 10
放数量
开展公共文化流动服务
进村演出场次 ≥120场 ≥126场 10 10

图书馆年度新增馆藏图
书册数 ≥5000册 ≥4200册 10 8.4 采购合同签订较晚，部
分图书次年到馆。

质量指标 文化设施设备完好率 ≥95% ≥97% 10 10
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_name_line_filling_its_column_above_the_row_line(engine: str) -> None:
    """In a self-evaluation, a line that fills the name column and reads as no reason, right
    above a row line, begins that row's name (the values sit on the name's second line)."""
    _check(
        SELF_EVAL_NAME_ABOVE_ITS_ROW,
        [
            Exp("产出", "数量", "乡镇综合文化站免费开放数量", "≥18个", ">=", 18.0, "个", "乡镇综合文化站免费开", "放数量"),
            Exp("产出", "数量", "开展公共文化流动服务进村演出场次", "≥120场", ">=", 120.0, "场", "开展公共文化流动服务",
                "进村演出场次", extra={"actual_text": "≥126场", "weight": 10.0, "score": 10.0}),
            Exp("产出", "数量", "图书馆年度新增馆藏图书册数", "≥5000册", ">=", 5000.0, "册", "图书馆年度新增馆藏图", "书册数",
                extra={"actual_text": "≥4200册", "weight": 10.0, "score": 8.4}),
            Exp("产出", "质量", "文化设施设备完好率", "≥95%", ">=", 95.0, "%", "文化设施设备完好率"),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_WORDED_TARGET_WRAPS = """2024年部门整体支出绩效自评表
部门名称 县文化和旅游局
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析
投入 目标设定
绩效目标合理性 符合部门职能和年度 完成 5 5
工作计划
预算编制规范性 按照规定程序报送编制 完成 5 5
材料
过程 预算执行
预算执行率 ≥95% ≥97% 10 10
"""


def test_name_ending_like_a_whole_name_does_not_take_the_targets_wrap() -> None:
    """"绩效目标合理性" reads as a whole name (…性, …率, …度): the wrapped line under its row
    carries on the worded target beside it, not the name."""
    _check(
        SELF_EVAL_WORDED_TARGET_WRAPS,
        [
            Exp("投入", "目标设定", "绩效目标合理性", "符合部门职能和年度工作计划", None, None, None, "绩效目标合理性", "工作计划",
                extra={"actual_text": "完成", "weight": 5.0, "score": 5.0}),
            Exp("投入", "目标设定", "预算编制规范性", "按照规定程序报送编制材料", None, None, None, "预算编制规范性", "材料"),
            Exp("过程", "预算执行", "预算执行率", "≥95%", ">=", 95.0, "%", "预算执行率"),
        ],
        engine="hybrid",
    )  # fmt: skip


SELF_EVAL_NAME_ENDS_IN_A_LABEL = """2024年项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析
产出 数量
乡镇综合文化站免费开 ≥18个 ≥18个 10 10
放数量

满意度 服务对象满意度
到馆群众对公共文化服 ≥90% ≥93% 10 10
务满意度
参与活动群众对文化站 ≥90% ≥95% 10 10
满意度

总         分 30 30
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_wrapped_name_tail_that_reads_like_the_category_in_force(engine: str) -> None:
    """"满意度" alone under a row whose name filled its column is that name's tail, not the
    category 满意度 (already in force) printed again."""
    _check(
        SELF_EVAL_NAME_ENDS_IN_A_LABEL,
        [
            Exp("产出", "数量", "乡镇综合文化站免费开放数量", "≥18个", ">=", 18.0, "个", "乡镇综合文化站免费开", "放数量"),
            Exp("满意度", "服务对象满意度", "到馆群众对公共文化服务满意度", "≥90%", ">=", 90.0, "%", "到馆群众对公共文化服",
                "务满意度"),
            Exp("满意度", "服务对象满意度", "参与活动群众对文化站满意度", "≥90%", ">=", 90.0, "%", "参与活动群众对文化站",
                "满意度", extra={"actual_text": "≥95%", "weight": 10.0, "score": 10.0}),
        ],
        engine=engine,
    )  # fmt: skip


NUMBERED_ITEMS_WRAPPED = """项目支出绩效目标自评表
（2024年度）
项目名称：农村公路安全提升工程补助资金
主管部门：县交通运输局 实施单位：县公路管理段
年度绩效指标
一、产出指标
（一）数量指标
1. 新建农村公路安全生命防护工程里程：≥120公里，
实际完成：≥126公里，权重10分，得分10
2. 改造农村公路危旧桥梁座数：≥15座，实际完成：
≥15座，分值10分，得分10
3、完成农村公路日常养护里程：≥2400公里，实际完
成：达成年度指标，权重10分，得分10
（二）质量指标
4. 新改建工程交工验收合格率：≥98%，实际完成：
100%，权重10分，得分10
二、效益指标
（一）社会效益指标
5. 群众出行安全保障水平：明显提升，实际完成：达
成年度指标，分值20分，得分20
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_numbered_items_wrapped_at_one_width(engine: str) -> None:
    """A report's numbered items wrapped by the extractor at one width, anywhere (inside
    "实际完成", before the actual value): each item's lines are read as one, and its
    actual value, weight and score keep their own source lines."""
    _check(
        NUMBERED_ITEMS_WRAPPED,
        [
            Exp("产出", "数量", "新建农村公路安全生命防护工程里程", "≥120公里", ">=", 120.0, "公里", "1. 新建", "实际完成：≥126",
                extra={"actual_text": "≥126公里", "weight": 10.0, "score": 10.0}),
            Exp("产出", "数量", "改造农村公路危旧桥梁座数", "≥15座", ">=", 15.0, "座", "2. 改造", "分值10分",
                extra={"actual_text": "≥15座", "weight": 10.0, "score": 10.0}),
            Exp("产出", "数量", "完成农村公路日常养护里程", "≥2400公里", ">=", 2400.0, "公里", "3、完成", "成：达成",
                extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0}),
            Exp("产出", "质量", "新改建工程交工验收合格率", "≥98%", ">=", 98.0, "%", "4. 新改建", "100%，权重",
                extra={"actual_text": "100%", "weight": 10.0, "score": 10.0}),
            Exp("效益", "社会效益", "群众出行安全保障水平", "明显提升", None, None, None, "5. 群众", "成年度指标，分值20",
                extra={"actual_text": "达成年度指标", "weight": 20.0, "score": 20.0}),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_ONE_CELL_PER_LINE = """项目支出绩效自评表
项目名称
乡村文化振兴示范村建设补助
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
未完成原因分析
效益指标
社会效益指标
村民文化生活丰富程度
明显提高
达成年度指标
10
9.5
乡村文明风尚培育成效
逐步显现
部分达成年度指标并具有一定效果
10
8
部分活动受天气影响延期
可持续影响指标
示范村文化阵地长效运行
有效保障
达成年度指标
10
9.8
满意度指标
服务对象满意度指标
村民满意度
≥90%
≥94%
10
9.6
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_self_evaluation_one_cell_per_line_worded_targets(engine: str) -> None:
    """One cell per line: after a row's score, a cell followed by one that reads as a target
    ("明显提高", "逐步显现") opens the next row; it is no reason note."""
    _check(
        SELF_EVAL_ONE_CELL_PER_LINE,
        [
            Exp("效益", "社会效益", "村民文化生活丰富程度", "明显提高", None, None, None, "村民文化生活丰富程度", "9.5"),
            Exp("效益", "社会效益", "乡村文明风尚培育成效", "逐步显现", None, None, None, "乡村文明风尚培育成效", "8",
                extra={"actual_text": "部分达成年度指标并具有一定效果", "weight": 10.0, "score": 8.0}),
            Exp("效益", "可持续影响", "示范村文化阵地长效运行", "有效保障", None, None, None, "示范村文化阵地长效运行", "9.8"),
            Exp("满意度", "服务对象满意度", "村民满意度", "≥90%", ">=", 90.0, "%", "村民满意度", "9.6",
                extra={"actual_text": "≥94%", "weight": 10.0, "score": 9.6}),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_TWO_COLUMNS_WRAP_BEFORE_THE_SCORE = """2024年项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析
产出指标 数量指标
乡镇综合文化站免费开 ≥18个 ≥18个 10 10
放数量
农村文化礼堂星级评定 文字描述:各
及覆盖行政村数量 乡镇一个 达成年度指标 10 10
图书馆年度新增馆藏图 ≥5000册 ≥5200册 10 10
书册数
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_name_and_target_wrap_onto_the_line_with_the_score(engine: str) -> None:
    """A self-evaluation row whose name and worded target both wrap onto the line holding
    its grade, weight and score: that line carries both on and fills the rest of the row."""
    _check(
        SELF_EVAL_TWO_COLUMNS_WRAP_BEFORE_THE_SCORE,
        [
            Exp("产出", "数量", "乡镇综合文化站免费开放数量", "≥18个", ">=", 18.0, "个", "乡镇综合文化站免费开", "放数量"),
            Exp("产出", "数量", "农村文化礼堂星级评定及覆盖行政村数量", "文字描述:各乡镇一个", None, None, None, "农村文化礼堂星级评定",
                "及覆盖行政村数量", extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0}),
            Exp("产出", "数量", "图书馆年度新增馆藏图书册数", "≥5000册", ">=", 5000.0, "册", "图书馆年度新增馆藏图", "书册数"),
        ],
        engine=engine,
    )  # fmt: skip


SELF_EVAL_NAME_ENDS_IN_AN_EFFECT = """2024年项目支出绩效自评表
项目名称 公共文化服务体系建设补助
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 未完成原因分析
效益 可持续影响
对农村公共文化设施建设 成效明显 达成年度指标 10 10
和管理的影响

满意度 服务对象满意度
到馆群众满意度 ≥90% ≥93% 10 10
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_name_ending_in_de_yingxiang_is_no_reason(engine: str) -> None:
    """"…的影响" under a self-evaluation row is the end of its name (对…的影响), not a reason
    (受…影响)."""
    _check(
        SELF_EVAL_NAME_ENDS_IN_AN_EFFECT,
        [
            Exp("效益", "可持续影响", "对农村公共文化设施建设和管理的影响", "成效明显", None, None, None, "对农村公共文化设施建设",
                "和管理的影响", extra={"actual_text": "达成年度指标", "weight": 10.0, "score": 10.0}),
            Exp("满意度", "服务对象满意度", "到馆群众满意度", "≥90%", ">=", 90.0, "%", "到馆群众满意度"),
        ],
        engine=engine,
    )  # fmt: skip


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_markdown_cells_broken_by_br_and_by_a_row_of_their_own(engine):
    # Converters from Word/HTML write a cell's line break as <br>; OCR'd markdown puts a
    # wrapped name's last characters in a table row of their own.
    text = "\n".join([
        "项目名称：城市内涝治理工程",
        "",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| --- | --- | --- | --- |",
        "| 产出指标 | 数量指标 | 新建雨水管网 | ≥12公里 |",
        "|  |  | 长度 |  |",
        "|  |  | 改造易涝点<br>数量 | ≥18个 |",
        "|  | 时效指标 | 主体工程完工时间 | 2025年10月<br/>底前 |",
        "| 满意度指标 | 服务对象满意度指标 | 沿线居民满意度 | ≥90% |",
    ])
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["line_start"], r["line_end"]) for r in recs] == [
        ("新建雨水管网长度", "≥12公里", 5, 6),
        ("改造易涝点数量", "≥18个", 7, 7),
        ("主体工程完工时间", "2025年10月底前", 8, 8),
        ("沿线居民满意度", "≥90%", 9, 9),
    ]


def test_rows_ruled_with_full_width_bars():
    text = "\n".join([
        "项目名称：城市内涝治理工程",
        "｜一级指标｜二级指标｜三级指标｜指标值｜",
        "｜产出指标｜数量指标｜新建雨水管网长度｜≥12公里｜",
        "｜｜｜改造易涝点数量｜≥18个｜",
        "｜满意度指标｜服务对象满意度指标｜沿线居民满意度｜≥90%｜",
    ])
    recs = [r for r in extract(text) if r["record"] == "indicator"]
    assert [(r["level2"], r["name"], r["value_text"]) for r in recs] == [
        ("数量", "新建雨水管网长度", "≥12公里"),
        ("数量", "改造易涝点数量", "≥18个"),
        ("服务对象满意度", "沿线居民满意度", "≥90%"),
    ]


def test_a_totals_row_ends_the_table():
    # Excel exports end the grid with a totals row: its 100 is the weights' sum, no target.
    rows = [
        ["项目名称", "城乡环卫一体化运营", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", "", "权重"],
        ["", "", "", "符号", "数值", "单位", ""],
        ["产出指标", "数量指标", "垃圾清运量", "≥", "3.5", "万吨", "40"],
        ["", "质量指标", "垃圾无害化处理率", "≥", "95", "%", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "30"],
        ["合计", "", "", "", "", "", "100"],
    ]
    for text in (
        "\n".join("\t".join(r) for r in rows),  # tab-delimited text
        "\n".join("| " + " | ".join(r) + " |" for r in rows),  # a markdown table
    ):
        recs = extract(text)
        got = [(r["name"], r["value_text"], r["weight"]) for r in recs if r["record"] == "indicator"]
        assert got == [("垃圾清运量", "≥3.5万吨", 40.0), ("垃圾无害化处理率", "≥95%", 30.0), ("群众满意度", "≥90%", 30.0)]


def test_a_header_repeated_after_category_cells_is_no_row() -> None:
    # A header printed again inside the table with the next group's category cells before it
    # ("满意度指标 | 服务对象满意度指标 | 三级指标 | 指标值"): no row named 三级指标.
    text = (
        "2025年项目支出绩效目标表\n项目名称\t乡镇污水处理设施运维经费\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t运维污水处理站点数\t≥18座\n"
        "\t质量指标\t出水水质达标率\t≥95%\n"
        "满意度指标\t服务对象满意度指标\t三级指标\t指标值\n"
        "\t\t周边群众满意度\t≥90%\n"
    )
    for engine in ("rules", "hybrid"):
        recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
        assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
            ("运维污水处理站点数", "≥18座", "数量"),
            ("出水水质达标率", "≥95%", "质量"),
            ("周边群众满意度", "≥90%", "服务对象满意度"),
        ], engine


def test_no_indicator_is_named_by_a_figure_a_header_cell_or_a_key() -> None:
    from goalnlp.rows import no_indicator_name

    for cell in ("3.10", "0", "94%以上", "定性", "备注", "三级指标", "实施单位", "年度资金总额：", "某县住房和城乡建设局"):
        assert no_indicator_name(cell), cell
    for name in ("满意度", "资金使用", "预算执行率", "2024年度培训人次", "12345热线满意度", "新建县级融媒体中心"):
        assert not no_indicator_name(name), name


WRAPPED_LABEL_AND_NAME = """\
2023年项目支出绩效目标表

项目名称 乡村学校营养餐补助
主管部门 某县教育局 实施单位 某县教育局
年度资金总额： 50.00

一级指标 二级指标 三级指标 指标值 说明
产出 数量 受益学生人数 ≥3200人

产出 质量 食品安全抽检合格 ＝100%
率

效果指标 社会效益 学生营养状况 明显改善

满意度指标 服务对象 营养改善计划政策 ≥90%
满意度指 {tail}
标

附件：填报说明
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
@pytest.mark.parametrize("tail", ["的知晓率", "家长知晓率"])
def test_a_name_wrapped_beside_its_wrapped_category_cell(engine, tail):
    # The last row's 二级指标 cell wraps (服务对象 / 满意度指 / 标) and its name wraps beside
    # it: the line after the row opens with the label's tail, then the name's tail, however
    # the tail reads; no row is made of it, and the note under the table is no target.
    recs = [r for r in extract(WRAPPED_LABEL_AND_NAME.format(tail=tail), engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs][-1] == (
        "营养改善计划政策" + tail, "≥90%", "服务对象满意度"
    )
    assert len(recs) == 4
    assert (recs[-1]["line_start"], recs[-1]["line_end"]) == (15, 16)


NAME_TAIL_BEFORE_NEXT_ROW = """\
2024年项目支出绩效目标表

项目名称 困难学生生活补助
主管部门 某县教育局 实施单位 某县学生资助中心
年度资金总额： 86.00

一级指标 二级指标 三级指标 指标值
产出 数量 资助困难学生人数 ≥1200人

产出 时效 按学期发放困难学生生活补 按时足额发放到位

助资金

成本指标

生均补助标准
≤1500元/年

效益 社会效益 因贫辍学学生人数 0人
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_a_name_tail_that_runs_a_word_on_is_the_name_even_before_a_new_row(engine):
    # "…生活补" / "助资金" runs a word over the break: the name's tail, though a row
    # (生均补助标准 / ≤1500元/年) starts after it and the line could have opened that row.
    recs = [r for r in extract(NAME_TAIL_BEFORE_NEXT_ROW, engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("资助困难学生人数", "≥1200人"),
        ("按学期发放困难学生生活补助资金", "按时足额发放到位"),
        ("生均补助标准", "≤1500元/年"),
        ("因贫辍学学生人数", "0人"),
    ]


TWO_TABLES_CAPTIONED = """\
表1
2024年度项目支出绩效目标表
| 项目名称 | 农村公路养护补助 | | |
| 主管部门 | 某县交通运输局 | 实施单位 | 某县公路事务中心 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 养护农村公路里程 | ≥420公里 |
| 满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥92% |
表2
2024年度项目支出绩效目标表
| 项目名称 | 渡口安全管理经费 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 质量指标 | 渡船安全检查合格率 | 100% |
| 效益指标 | 社会效益指标 | 渡运安全事故 | 0起 |
填报单位：某县交通运输局（盖章）    联系人：刘某    电话：0000-1234567
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_captions_and_sign_off_lines_are_not_cells(engine):
    # Word exports print a caption (表2) between tables and a sign-off under the last one:
    # neither is a name's tail nor a row.
    recs = [r for r in extract(TWO_TABLES_CAPTIONED, engine=engine) if r["record"] == "indicator"]
    assert [(r["table"], r["name"], r["value_text"]) for r in recs] == [
        (0, "养护农村公路里程", "≥420公里"),
        (0, "沿线群众满意度", "≥92%"),
        (1, "渡船安全检查合格率", "100%"),
        (1, "渡运安全事故", "0起"),
    ]


HEADINGS_PAGE = """\
# 某市就业服务局2025年度项目支出绩效目标

**项目名称**：家政服务从业人员培训补贴

**主管部门**：某市人力资源和社会保障局

**年度资金总额**：320.00万元

一、产出指标
（一）数量指标
1. 家政从业人员培训人次：≥2400人次
2. 新增家政服务网点：不少于15个
（二）质量指标
1. 培训合格率：≥92%

二、满意度指标
（一）服务对象满意度指标
1. 参训学员满意度：≥90%

---

*注：指标值以财政批复为准。*

====================

# 某市就业服务局2025年度项目支出绩效目标

**项目名称**：零工市场运营补助
一、产出指标
（一）数量指标
1. 发布零工岗位信息：≥5000条
"""


def test_a_markdown_page_of_headed_lists_with_bold_keys_and_rules():
    # Bold keys, a heading with no 表 for a title, a rule (---) under the last item, an
    # italic note and a ==== rule between two projects: two tables, every item whole.
    recs = extract(HEADINGS_PAGE)
    tables = [r for r in recs if r["record"] == "table"]
    assert [(t["project"], t["year"]) for t in tables] == [("家政服务从业人员培训补贴", 2025), ("零工市场运营补助", 2025)]
    assert tables[0]["funds_total"] == 320.0
    got = [(r["table"], r["name"], r["value_text"], r["level2"]) for r in recs if r["record"] == "indicator"]
    assert got == [
        (0, "家政从业人员培训人次", "≥2400人次", "数量"),
        (0, "新增家政服务网点", "不少于15个", "数量"),
        (0, "培训合格率", "≥92%", "质量"),
        (0, "参训学员满意度", "≥90%", "服务对象满意度"),
        (1, "发布零工岗位信息", "≥5000条", "数量"),
    ]


SYMBOL_AND_DIRECTION_COLUMNS = """\
2025年项目支出绩效目标表
| 项目名称 | 城区消防栓维护 | | | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标符号 | 指标值 | 度量单位 | 权重 |
| 产出指标 | 数量指标 | 维护市政消防栓 | ≥ | 860 | 个 | 20 |
| | 质量指标 | 消防栓完好率 | 定性 | 保持良好 | | 20 |
2025年项目支出绩效目标表
| 项目名称 | 校园周边交通疏导 | | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 指标值 |
| 产出指标 | 数量指标 | 上下学时段疏导岗点 | 定量 | 正向 | ≥42个 |
| 效益指标 | 社会效益指标 | 校园周边交通事故 | 定量 | 反向 | ≤3起 |
"""


def test_symbol_columns_named_指标符号_and_nature_before_direction():
    # 指标符号 heads the comparator column; where 指标性质 comes before 指标方向 the
    # direction (正向/反向) is no part of the target.
    recs = [r for r in extract(SYMBOL_AND_DIRECTION_COLUMNS) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["unit"]) for r in recs] == [
        ("维护市政消防栓", "≥860个", "个"),
        ("消防栓完好率", "保持良好", None),
        ("上下学时段疏导岗点", "≥42个", "个"),
        ("校园周边交通事故", "≤3起", "起"),
    ]


CELL_PER_LINE_WITH_NOTES = """\
2025年项目支出绩效目标表
项目名称
农田水利设施管护
一级指标
二级指标
三级指标
指标值
备注
产出指标
数量指标
管护小型水库
≥36座
含病险水库
管护灌溉渠道长度
不少于180公里
疏浚山塘数量
≥120口
满意度指标
服务对象满意度指标
受益农户满意度
≥90%
主办：某县水利局    地址：某县某路1号
某ICP备00000000号
"""


def test_one_cell_per_line_a_note_between_a_target_and_the_next_name():
    # 含病险水库 stands between a target and a name whose own target follows it: the row's
    # 备注, not a row.  The site's footer (主办：…, …ICP备…) is no row either.  (The rules'
    # reading: the default engine's line tagger still opens the next name with the note.)
    recs = [r for r in extract(CELL_PER_LINE_WITH_NOTES, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("管护小型水库", "≥36座"),
        ("管护灌溉渠道长度", "不少于180公里"),
        ("疏浚山塘数量", "≥120口"),
        ("受益农户满意度", "≥90%"),
    ]


OCR_SPLIT_ROWS = """\
2025年度项目支出绩效目标表
| 项目名称 | 社区卫生服务能力提升 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |
| --- | --- | --- | --- | --- |
| 产出指标 | 数量指标 | 家庭医生签约服务 | ≥6500人 | |
| | | 覆盖人数 | | |
| | | 配置健康一体机 | ≥12台 | |
| | 质量指标 | 慢性病患者规范管理 | | |
| | | 达标率 | ≥80% | |
| | | 健康档案电子化率 | ≥95% | |

第 1 页 共 2 贝
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_ocr_markdown_splits_a_wrapped_name_into_rows_either_way(engine):
    # OCR'd markdown puts a wrapped name's last characters in a row of their own, after the
    # row with its target (覆盖人数) or before it (达标率); a misread page footer is no row.
    recs = [r for r in extract(OCR_SPLIT_ROWS, engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("家庭医生签约服务覆盖人数", "≥6500人"),
        ("配置健康一体机", "≥12台"),
        ("慢性病患者规范管理达标率", "≥80%"),
        ("健康档案电子化率", "≥95%"),
    ]


# Names wrapped by hand (a line break typed into the cell at a word, not where the column
# is full): the width rule cannot link the pieces, the targets beside them place them.
HAND_WRAPPED = """\
               某县2025年项目支出绩效目标表

                                                   金额单位：万元
项目名称      小型农田水利设施维修养护
主管部门      某县水利局                 实施单位   某县灌区管理站
资金情况      年度资金总额            860.00

一级指标    二级指标    三级指标                  指标值
                        维修加固
产出指标    数量指标    小型泵站                  ≥18座
                        （含配套渠系）
                        疏浚斗农渠                约35公里
                        长度
                        更换灌溉                  不少于120台
                        计量设施
            质量指标    维修工程                  ≥95%
                        验收合格率

                                  — 2 —

                                                   金额单位：万元
一级指标    二级指标    三级指标                  指标值
            时效指标    工程维修                  2025年10月底前
                        完成时间
            成本指标    泵站维修                  ≤12万元/座
                        单座成本
效益指标    社会效益指标 受益农田                  ≥3.2万亩
                        灌溉面积
满意度指标  服务对象满意度指标 灌区群众                  ≥90%
                        满意度
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_names_wrapped_by_hand_go_to_the_targets_beside_them(engine):
    recs = _indicators(HAND_WRAPPED, engine)
    assert [(r["level2"], r["name"], r["value_text"]) for r in recs] == [
        ("数量", "维修加固小型泵站（含配套渠系）", "≥18座"),
        ("数量", "疏浚斗农渠长度", "约35公里"),
        ("数量", "更换灌溉计量设施", "不少于120台"),
        ("质量", "维修工程验收合格率", "≥95%"),
        ("时效", "工程维修完成时间", "2025年10月底前"),
        ("成本", "泵站维修单座成本", "≤12万元/座"),
        ("社会效益", "受益农田灌溉面积", "≥3.2万亩"),
        ("服务对象满意度", "灌区群众满意度", "≥90%"),
    ]
    lines = HAND_WRAPPED.split("\n")
    first = recs[0]
    assert lines[first["line_start"] - 1].strip() == "维修加固"
    assert lines[first["line_end"] - 1].strip() == "（含配套渠系）"


# pdftotext -layout of a browser's PDF: a merged category cell's rows written block by block,
# the names, then their targets one under another in one block.
STACKED_TARGETS = """\
项目名称      乡镇图书馆分馆建设
主管部门      某县文化和旅游局
 一级指标 二级指标               三级指标            指标值        分值
              新建乡镇图书馆分馆                  8个         10
         数量指标 配送图书
              开展阅读推广活动
                                       不少于12万册
                                        ≥40场次
                                                     10
                                                     10
              培训基层图书管理员和志愿者          ≥200人次        10
 产出指标 质量指标 图书配送验收合格率                  100%        10
              分馆设施验收合格率                  100%        10
         时效指标 分馆建设完成时间              2025年9月底前        10
"""


def test_targets_stacked_in_one_block_go_to_names_that_have_none():
    recs = _indicators(STACKED_TARGETS, "rules")
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("新建乡镇图书馆分馆", "8个"),
        ("配送图书", "不少于12万册"),
        ("开展阅读推广活动", "≥40场次"),
        ("培训基层图书管理员和志愿者", "≥200人次"),
        ("图书配送验收合格率", "100%"),
        ("分馆设施验收合格率", "100%"),
        ("分馆建设完成时间", "2025年9月底前"),
    ]


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("— 3 —", True),  # a page number between dashes (Word's page footer)
        ("·12·", True),
        ("- 4 -", True),
        ("第 2 页", True),
        ("金额单位：万元", True),  # the money unit printed again at a page's top
        ("单位:元", True),
        ("—", False),  # a cell saying "none"
        ("3", False),  # a weight
        ("单位造价", False),
        ("单位成本≤5万元", False),
        # a web page's furniture after its table
        ("扫一扫在手机打开当前页", True),
        ("责任编辑：张三", True),
        ("您是本站第 102938 位访客", True),
        ("联络我们 网站地图 隐私宣告", True),
        ("【我要纠错】【打印本页】【关闭窗口】", True),
        ("（某县文化馆办公室 2026年3月2日）", True),
        ("（含乡镇分馆）", False),  # a name's bracketed tail
        ("审核通过率", False),
    ],
)
def test_page_numbers_and_unit_lines_hold_no_cell(line, furniture):
    from goalnlp.rows import no_cell_line

    assert no_cell_line(line, "".join(line.split())) is furniture


# pdftotext -layout lays each page out afresh: a table continued on the next page (no header
# repeated) has its columns elsewhere there.  A name filling its column and its target one
# space after it are printed as one cell.
TWO_PAGES_LAYOUT = (
    "项目名称   乡村学校少年宫运行补助\n"
    "   一级指标 二级指标            三级指标        指标值       权重\n"
    "   产出指标 数量指标   新建乡村学校少年宫       ≥12所         10\n"
    "                     开展校外兴趣活动课程数 不少于300课时     10\n"
    "                     参与活动学生人数         ≥8000人       10\n"
    "            质量指标   活动课程开课率           ≥95%          10\n"
    "\f"
    "            时效指标 补助资金拨付时间  2025年6月底前         10\n"
    "                总分馆制少年宫覆盖乡镇 100%                 10\n"
    "   效益指标 社会效益指标 学生综合素质   明显提升                   10\n"
    "   满意度指标 服务对象满意度 学生家长满意度   ≥90%                  10\n"
)


def test_a_page_laid_out_afresh_and_a_target_one_space_after_its_name():
    recs = _indicators(TWO_PAGES_LAYOUT, "rules")
    assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
        ("新建乡村学校少年宫", "≥12所", 10.0),
        ("开展校外兴趣活动课程数", "不少于300课时", 10.0),
        ("参与活动学生人数", "≥8000人", 10.0),
        ("活动课程开课率", "≥95%", 10.0),
        ("补助资金拨付时间", "2025年6月底前", 10.0),
        ("总分馆制少年宫覆盖乡镇", "100%", 10.0),  # (总分… opens a name, not the total-score row)
        ("学生综合素质", "明显提升", 10.0),
        ("学生家长满意度", "≥90%", 10.0),
    ]
    assert [r["page"] for r in recs] == [1, 1, 1, 1, 2, 2, 2, 2]


def test_a_symbol_in_the_direction_column_is_the_comparator(tmp_path):
    doc = tmp_path / "toilets.csv"
    doc.write_text(
        "2025年项目支出绩效目标表,,,,,,,\n"
        "项目名称,城区公共厕所改造,,,,,,\n"
        "一级指标,二级指标,三级指标,指标性质,指标方向,指标值,度量单位,权重（%）\n"
        "产出指标,数量指标,改造公共厕所数量,定量,≥,35,座,20\n"
        "产出指标,质量指标,改造验收合格率,定量,=,100,%,20\n"
        "效益指标,社会效益指标,群众如厕环境,定性,正向,明显改善,,30\n",
        encoding="utf-8",
    )
    recs = [r for r in extract(doc) if r["record"] == "indicator"]
    assert [(r["value_text"], r["comparator"], r["value"], r["unit"]) for r in recs] == [
        ("≥35座", ">=", 35.0, "座"),
        ("=100%", "=", 100.0, "%"),
        ("明显改善", None, None, None),
    ]


# Plain pdftotext of a web page's table printed column by column, no blank line between its
# cells: the header, every name with the category labels among them, the page's link to the
# file, then 指标值 and every target.
COLUMN_BY_COLUMN = """\
2025年度项目支出绩效目标表
项目 农村饮水安全工程维修养护
名称

一级指标

二级指标

三级指标
维修养护集中供水工程
更换老旧输水管网
数量指标
新建水质检测点
产出指标
维修工程验收合格率
质量指标
绩效
指标
农村群众饮水保障程度
效益指标
社会效益指标
受益群众满意度
满意度指标
服务对象满意度指标
附件：2025年度项目支出绩效目标表.xls

指标值

≥45处
不少于28公里
6个
100%
明显提高
≥90%

主办单位：某县财政局 承办单位：某县信息中心
地址：某县人民路8号 联系电话：0000-1234567
"""


def test_a_grid_printed_column_by_column_without_blank_lines():
    # (the labels, printed at their groups' middles among the names, are not asserted here)
    recs = _indicators(COLUMN_BY_COLUMN, "rules")
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("维修养护集中供水工程", "≥45处"),
        ("更换老旧输水管网", "不少于28公里"),
        ("新建水质检测点", "6个"),
        ("维修工程验收合格率", "100%"),
        ("农村群众饮水保障程度", "明显提高"),
        ("受益群众满意度", "≥90%"),
    ]


# pdftotext -layout of a web page: after the table, the site's footer (who runs it, its
# licence, a row of links with bars) belongs to no row, and does not make the table unaligned.
LAYOUT_WITH_FOOTER = """\
项目名称   城区绿道提升改造
     一级指标         二级指标          三级指标         指标值     权重
   产出指标         数量指标     新建城区绿道长度         ≥12公里     20
                  质量指标     绿道工程验收合格率        100%       20
   效益指标         社会效益指标   市民日均游憩人次         ≥3000人次   30
   满意度指标       服务对象满意度指标  市民满意度         ≥90%       30
                   某市人民政府办公室主办 某市大数据中心承办
                     滇ICP备12345678号 网站标识码：5300000001
                        联系我们 | 网站地图 | 隐私声明
"""


def test_a_web_page_footer_after_a_layout_table_is_no_row():
    recs = _indicators(LAYOUT_WITH_FOOTER, "rules")
    assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
        ("新建城区绿道长度", "≥12公里", 20.0),
        ("绿道工程验收合格率", "100%", 20.0),
        ("市民日均游憩人次", "≥3000人次", 30.0),
        ("市民满意度", "≥90%", 30.0),
    ]


# pdftotext -layout laid the lower part of a page out with other column widths (a browser's
# PDF whose table rows grew taller): the rows there are read by where their own cells start.
PART_OF_A_PAGE_SHIFTED = """\
项目名称   城市社区养老服务补助
    一级指标     二级指标           三级指标     计算符号      指标值   计量单位
                    新增社区养老服务站         ≥    24      个
                    助餐服务老年人次        ≥    36000      人次
          数量指标      上门服务困难老人数        =    850       人
   产出指标 质量指标        养老服务站验收合格率     =    100       %
                   单站运营补助标准                                        ≤        12             万元/个
                 成本指标
                   助餐补贴人均标准                                           ≤        4              元/餐
                   社区老年人生活便利程度                                     定性       明显提升
   效益指标   社会效益指标   养老服务站覆盖率                                        ≥        90               %
   满意度指标 服务对象满意度指标 服务老人满意度                                          ≥        92               %
"""


def test_part_of_a_page_laid_out_with_other_column_widths():
    recs = _indicators(PART_OF_A_PAGE_SHIFTED, "rules")
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("新增社区养老服务站", "≥24个"),
        ("助餐服务老年人次", "≥36000人次"),
        ("上门服务困难老人数", "=850人"),
        ("养老服务站验收合格率", "=100%"),
        ("单站运营补助标准", "≤12万元/个"),
        ("助餐补贴人均标准", "≤4元/餐"),
        ("社区老年人生活便利程度", "明显提升"),
        ("养老服务站覆盖率", "≥90%"),
        ("服务老人满意度", "≥92%"),
    ]


# A page printed by a browser with its header and footer (the time it was printed and the
# page's title; its address and the page count), through pdftotext -layout; a target and its
# weight one space apart in one cell.
BROWSER_PRINTED = """\
5/18/25, 9:02 AM                     某县2025年项目支出绩效目标表_某县人民政府
项目名称   村级公益设施管护补助
    一级指标     二级指标          三级指标            指标值                 权重
   产出指标     数量指标     管护村级公益设施数量      ≥260处                   20
               质量指标     公益设施完好率          每年不低于95% 20
   效益指标     社会效益指标   村民出行和用水条件        持续改善                  30
file:///C:/Users/admin/Desktop/target.html                                  1/2
5/18/25, 9:02 AM                     某县2025年项目支出绩效目标表_某县人民政府
   满意度指标   服务对象满意度指标 村民满意度            ≥90%                    30
"""


def test_a_browser_s_print_header_and_footer_and_a_weight_one_space_after_its_target():
    recs = _indicators(BROWSER_PRINTED, "rules")
    assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
        ("管护村级公益设施数量", "≥260处", 20.0),
        ("公益设施完好率", "每年不低于95%", 20.0),
        ("村民出行和用水条件", "持续改善", 30.0),
        ("村民满意度", "≥90%", 30.0),
    ]


# OCR'd text: cells a fixed number of spaces apart, not at their columns, and a notes column
# in the header: each row's target after its name lands under 备注.
OCR_UNALIGNED = """\
项目名称   农村人居环境整治提升
一级指标   二级指标   三级指标   指标值   备注
产出指标   数量指标   改造农村户用卫生厕所   ≥1200户
                      新建村级污水处理设施   ≥15处   以竣工验收为准
           质量指标   改厕工程验收合格率   100%
效益指标   生态效益指标   农村生活污水治理率   ≥45%
满意度指标   服务对象满意度指标   农户满意度   ≥90%
"""


def test_ocr_cells_not_at_their_columns_keep_their_targets():
    recs = _indicators(OCR_UNALIGNED, "rules")
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("改造农村户用卫生厕所", "≥1200户"),
        ("新建村级污水处理设施", "≥15处"),
        ("改厕工程验收合格率", "100%"),
        ("农村生活污水治理率", "≥45%"),
        ("农户满意度", "≥90%"),
    ]


# One cell per line, a web page's footer under the table (our own wording): no row of it.
FOOTER_CELLS = """2026年项目支出绩效目标表
项目名称
乡镇文化站免费开放
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
文化站年开放天数
≥300天
满意度指标
服务对象满意度指标
群众满意度
≥90%
（某县文化馆办公室 2026年3月2日）
Copyright © 2026 某县人民政府 版权所有
责任编辑：张三
您是本站第 102938 位访客
"""


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_a_web_pages_footer_under_the_table_makes_no_row(engine):
    recs = _indicators(FOOTER_CELLS, engine)
    assert [(r["name"], r["value_text"]) for r in recs] == [("文化站年开放天数", "≥300天"), ("群众满意度", "≥90%")]


@pytest.mark.parametrize(
    ("cell", "tag"),
    [
        ("全年完成", "VAL"),  # a relative time opens a worded target
        ("年底前完成验收", "VAL"),
        ("全年巡查完成时间", "TEXT"),  # … but a name ending like one is a name
        ("全年培训人次", "TEXT"),
        ("当年资金到位率", "TEXT"),
    ],
)
def test_relative_time_opens_a_target_unless_the_cell_ends_like_a_name(cell, tag):
    from goalnlp.rows import tag_cell

    assert tag_cell(cell) == tag


# Column-aligned text with one name wrapped by hand (our own wording): its short last piece
# alone on the next line, under a piece that does not end like a name.
HAND_WRAPPED_ONE = """2026年度项目支出绩效目标表
项目名称    社区助餐服务补助
一级指标    二级指标        三级指标                  指标值
产出指标    数量指标        新增社区助餐点数量        ≥12个
                            年度助餐服务人次          ≥8万人次
效益指标    社会效益指标    空巢老人上门探访          ≥80%
                            覆盖率
                            老年人用餐便利程度        明显提升
满意度指标  服务对象满意度  用餐老人满意度            ≥90%
"""


def test_a_names_last_piece_wrapped_by_hand_joins_it():
    recs = _indicators(HAND_WRAPPED_ONE, "rules")
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("新增社区助餐点数量", "≥12个"),
        ("年度助餐服务人次", "≥8万人次"),
        ("空巢老人上门探访覆盖率", "≥80%"),
        ("老年人用餐便利程度", "明显提升"),
        ("用餐老人满意度", "≥90%"),
    ]


def test_two_rows_glued_on_one_line_a_space_apart():
    text = (
        "2026年项目绩效目标表\n项目名称 乡村物流站点建设\n一级指标 二级指标 三级指标 指标值\n产出指标\n成本指标\n"
        "站点建设补助资金 ≤300万元 单个站点建设补助 ≤15万元\n"
        "满意度指标\n服务对象满意度指标\n农村居民满意度 ≥90% 入驻商户满意度 ≥85%\n"
    )
    recs = _indicators(text, "rules")
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("站点建设补助资金", "≤300万元", "成本"),
        ("单个站点建设补助", "≤15万元", "成本"),
        ("农村居民满意度", "≥90%", "服务对象满意度"),
        ("入驻商户满意度", "≥85%", "服务对象满意度"),
    ]
