"""Tests for goalnlp.tables: the metadata block above each table's indicators."""

from __future__ import annotations

import pytest

from goalnlp import extract
from goalnlp.doc import Table
from goalnlp.io import source_from_text
from goalnlp.layout import find_regions
from goalnlp.pipeline import Pipeline
from goalnlp.tables import read_meta


def _meta(doc: str) -> list[Table]:
    lines = Pipeline(names=()).make_doc(source_from_text(doc)).lines
    return [read_meta(lines, reg, i) for i, reg in enumerate(find_regions(lines))]


def _one(doc: str) -> Table:
    tables = _meta(doc)
    assert len(tables) == 1, [t.title for t in tables]
    return tables[0]


_PROJECT_SPACE = """2024年项目支出绩效目标表

单位：万元

一级项目名称 农业产业发展 二级项目名称 高标准农田建设补助资金

主管部门及代码 [412]某县农业农村局 实施单位 某县农田建设服务中心

资金情况 年度资金总额： 3,560.00

         其中：财政拨款 3,560.00

         其他资金 0

年度总体目标 新建高标准农田2万亩，提高粮食综合生产能力。

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 新建高标准农田面积 ≥20000亩
"""


def test_project_table_fields() -> None:
    t = _one(_PROJECT_SPACE)
    assert t.table_type == "project"
    assert t.project == "高标准农田建设补助资金"  # 二级项目名称 preferred over 一级
    assert t.department == "某县农业农村局"  # no [412]
    assert t.implementer == "某县农田建设服务中心"
    assert t.year == 2024
    assert t.funds_total == pytest.approx(3560.0)
    assert t.line_start == 1


_PROJECT_PIPE = """附件3
2023年项目支出绩效目标批复表

| 一级项目名称 | 特定目标-文化事业发展 | | 二级项目名称 | 公共图书馆免费开放补助 | |
| 主管部门 | 【118】某市文化广电旅游局 | | 实施单位 | 某市图书馆 | |
| 资金情况 | 年度资金总额： | 145.80 | | | |
| | 其中：财政拨款 | 145.80 | | | |
| 年度总体目标 | 保障图书馆免费开放，提升公共文化服务水平。 | | | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |
| | 产出指标 | 数量指标 | 年接待读者人次 | ≥ 30万人次 | |
"""


def test_project_table_fields_from_a_grid() -> None:
    t = _one(_PROJECT_PIPE)
    assert (t.project, t.department, t.implementer) == ("公共图书馆免费开放补助", "某市文化广电旅游局", "某市图书馆")
    assert t.year == 2023
    assert t.funds_total == pytest.approx(145.8)
    assert t.table_type == "project"


_SELF_EVAL_YUAN = """ 项目支出绩效目标自评表
（2,023年度）

单位（盖章）： 填报日期：2024/01/26

项目名称 城乡居民养老保险基础养老金补助

主管部门及代码 [208]某市人力资源和社会保障局 实施单位 某市社会保险事业中心

项目资金
（元）

资 金 来 源 年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率 得分

年度资金总额： 25000000 26352000 26100000 10 99.04 9.9

财政拨款： 25000000 26352000 26100000 - - -

其他： 0 0 0 - - -

绩
效
指
标

一级指标 二级指标 三级指标 年度指标值(A) 实际完成值(B) 分值 得分 未完成原因分析

产出指标 数量指标 领取待遇人数 ≥41000人 41260人 20 20
"""


def test_self_evaluation_funds_in_yuan_use_the_years_budget() -> None:
    t = _one(_SELF_EVAL_YUAN)
    assert t.table_type == "self_evaluation"
    assert t.project == "城乡居民养老保险基础养老金补助"
    assert t.department == "某市人力资源和社会保障局"
    assert t.implementer == "某市社会保险事业中心"
    assert t.year == 2023  # "（2,023年度）" as OCR printed it
    # 全年预算数 26352000 元 → 2635.2 万元 (not 年初预算数, not 执行数)
    assert t.funds_total == pytest.approx(2635.2)


_SELF_EVAL_BY_HEADER = """2023年项目支出绩效目标表
项目名称 农村饮水安全工程维修养护
主管部门 某县水务局 实施单位 某县农村供水管理站
年度资金总额： 96.5
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 维修养护供水工程处数 ≥30处 32处 30 30
"""


def test_actual_column_makes_a_self_evaluation_table() -> None:
    t = _one(_SELF_EVAL_BY_HEADER)
    assert t.table_type == "self_evaluation"
    assert t.funds_total == pytest.approx(96.5)


_DEPARTMENT = """附件2：

部门整体支出绩效目标表

（2025年度）

部门名称
某县林业局

部门年度预

算情况

资金总额（万元）： 1,268.30万元

其中：基本支出 460.10万元

      项目支出 808.20万元

年度绩效指标

一级指标 二级指标 三级指标 计算符号 指标值 计量单位 说明

产出 数量 森林防火巡护次数 ≥ 2 次
"""


def test_department_table_takes_the_department_name_as_project() -> None:
    t = _one(_DEPARTMENT)
    assert t.table_type == "department"
    assert t.project == "某县林业局"
    assert t.year == 2025  # from the "（2025年度）" line under the title
    assert t.funds_total == pytest.approx(1268.3)


_DEPARTMENT_KEYS = """部门整体支出绩效目标申报表
预算年度:2023
预算单位名称：某县农业农村局
主管部门：某县人民政府
单位：万元
年度资金总额： 2,350.8
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 动物防疫免疫密度 ≥90%
"""


def test_department_table_with_budget_year_key() -> None:
    t = _one(_DEPARTMENT_KEYS)
    assert (t.table_type, t.project, t.year) == ("department", "某县农业农村局", 2023)
    assert t.department == "某县人民政府"
    assert t.funds_total == pytest.approx(2350.8)


@pytest.mark.parametrize(
    ("funds_line", "expected"),
    [
        ("年度资金总额：860000元", 86.0),
        ("年度资金总额： 86万元", 86.0),
        ("资金总额（元）： 1,250,000", 125.0),
        ("资金总额(万元)： 37.31", 37.31),
        ("年度资金总额： 1,286.40", 1286.4),
    ],
)
def test_funds_units(funds_line: str, expected: float) -> None:
    doc = f"2024年项目支出绩效目标表\n项目名称 学前教育幼儿资助\n{funds_line}\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 资助幼儿人数 ≥500人\n"
    assert _one(doc).funds_total == pytest.approx(expected)


def test_missing_metadata_is_none() -> None:
    t = _one("项目支出绩效目标表\n项目名称 学前教育幼儿资助\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 资助幼儿人数 ≥500人\n")
    assert (t.year, t.department, t.implementer, t.funds_total) == (None, None, None, None)
    assert t.project == "学前教育幼儿资助"


_TRADITIONAL = """2022年項目支出績效目標表
項目名稱：鄉村醫生基本公共衛生服務補助
主管部門：[118]某縣衛生健康局
實施單位：某縣疾病預防控制中心
年度資金總額：860000元
一級指標 二級指標 三級指標 指標值
產出指標 數量指標 簽約服務人數 ≥12000人
"""


def test_traditional_metadata_in_simplified_script() -> None:
    t = _one(_TRADITIONAL)
    assert t.project == "乡村医生基本公共卫生服务补助"
    assert t.department == "某县卫生健康局"
    assert t.implementer == "某县疾病预防控制中心"
    assert t.year == 2022
    assert t.funds_total == pytest.approx(86.0)


def test_table_records_carry_the_metadata() -> None:
    (table,) = [r for r in extract(_PROJECT_SPACE) if r["record"] == "table"]
    assert table["project"] == "高标准农田建设补助资金"
    assert table["department"] == "某县农业农村局"
    assert table["implementer"] == "某县农田建设服务中心"
    assert table["funds_total"] == pytest.approx(3560.0)
    assert table["year"] == 2024
    assert table["table_type"] == "project"
    assert table["table"] == 0
    assert table["line_start"] == 1
    assert table["line_end"] >= _PROJECT_SPACE.split("\n").index("产出指标 数量指标 新建高标准农田面积 ≥20000亩") + 1


_FUNDS_HEADING_ALONE = """2022年项目支出绩效目标批复表
项目名称 第三方医保基金监督服务
主管部门 某州医疗保障局 实施单位 某州医疗保障局
资金情况
其中：财政拨款 35.00
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 飞行检查家数 ≥16家
"""


def test_funds_heading_alone_above_a_labelled_figure() -> None:
    t = _one(_FUNDS_HEADING_ALONE)
    assert t.project == "第三方医保基金监督服务"
    assert t.funds_total in (None, pytest.approx(35.0))
    assert [r["name"] for r in extract(_FUNDS_HEADING_ALONE) if r["record"] == "indicator"] == ["飞行检查家数"]


# Funds written in ways met in generated layouts; the documents are written for these tests.
_FUNDS_HEADER_ABOVE = """项目支出绩效目标自评表
项目名称 乡镇污水处理设施运维
主管部门 某县生态环境局 实施单位 某县生态环境局
项目资金（元） 资 金 来 源 年初预算数 全年预算数（A） 全年执行数
（B） 分值 执行率 得分
年度资金总额： 0 2350000 2100000 10 89.36 8.94
财政拨款： 0 2350000 2100000 - - -
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 运维设施数量 ≥12座 12座 20 20
"""

_FUNDS_NEXT_LINE = """项目支出绩效目标表
项目名称
社区养老服务站运营补助
年度资金总额：
86.5万元
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
服务老人人次
≥3000人次
"""

_FUNDS_GLUED = """2024年部门整体支出绩效目标表
部门名称某县文化和旅游局
部门年度预算情况资金总额（万元）：1,204.60
一级指标二级指标三级指标指标值
产出指标数量指标举办文化活动场次≥40场
"""


@pytest.mark.parametrize(
    ("doc", "funds"),
    [(_FUNDS_HEADER_ABOVE, 235.0), (_FUNDS_NEXT_LINE, 86.5), (_FUNDS_GLUED, 1204.6)],
    ids=["header-above-wrapped", "figure-with-unit-next-line", "glued-after-heading"],
)
def test_funds_total_written_in_other_ways(doc: str, funds: float) -> None:
    assert _one(doc).funds_total == funds


def test_metadata_values_wrapped_around_their_labels() -> None:
    """pdftotext -layout of a header cell that wraps: the label sits on the middle line,
    the value's pieces above and below it, in the value's column."""
    import goalnlp

    text = "\n".join(
        [
            "                     项目支出绩效目标批复表",
            "         项目名称        城乡居民基本医疗保险",
            "                     [417]黔南布依族苗族自治州医                黔南布依族苗族自治州医疗保障",
            "         主管部门及代码                         实施单位",
            "                     疗保障局                            局",
            "         年度资金总额：    2795.52",
            "         一级指标   二级指标   三级指标         指标值",
            "         产出指标   数量指标   参保人数         ≥341万人",
        ]
    )
    (table,) = [r for r in goalnlp.extract(text) if r["record"] == "table"]
    assert table["department"] == "黔南布依族苗族自治州医疗保障局"
    assert table["implementer"] == "黔南布依族苗族自治州医疗保障局"
    assert table["project"] == "城乡居民基本医疗保险"


_HEADER = "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 养护里程 ≥300公里\n"


@pytest.mark.parametrize(
    ("head", "field", "expected"),
    [
        # a key cut by the line end: its head must not stay on the value before it
        ("项目名称 某县2025年城乡道路养护配套补助资金 项\n目负责人及电话 张三 12345678\n",
         "project", "某县2025年城乡道路养护配套补助资金"),
        # glued after prose punctuation or a closing bracket, a long label is still a label
        ("项目名称某县乡村学校信息化设备购置、网络租用费项目负责人及电话李四 87923551\n",
         "project", "某县乡村学校信息化设备购置、网络租用费"),
        ("项目名称公共文化服务补助资金（乡镇文化站部分）项目负责人及电话王五 87290843\n",
         "project", "公共文化服务补助资金（乡镇文化站部分）"),
        # a value wrapped after an open bracket or a separator, or at length, after a blank line
        ("一级项目名称 部门预算项目 二级项目名称 公共文化服务能力提升补助资金（乡镇综合文化\n站建设部分）\n",
         "project", "公共文化服务能力提升补助资金（乡镇综合文化站建设部分）"),
        ("项目名称 某县乡村学校信息化设备购置、\n网络租用费\n", "project", "某县乡村学校信息化设备购置、网络租用费"),
        ("主管部门 某自治州交通运输局 实施单位 某\n\n布依族苗族自治州公路管理局\n",
         "implementer", "某布依族苗族自治州公路管理局"),
    ],
)  # fmt: skip
def test_metadata_values_cut_by_the_line_end(head: str, field: str, expected: str) -> None:
    t = _one("2023年项目支出绩效目标申报表\n" + head + "年度资金总额： 200.00\n" + _HEADER)
    assert getattr(t, field) == expected


def test_year_and_funds_one_cell_per_line() -> None:
    """A web page with one cell per line: the 预算年度 figure on the line after its key, the
    figures of a funds grid after the 年度资金总额 key, the unit on the heading above."""
    cells = [
        "项目支出绩效自评表", "项目名称", "乡村道路养护补助资金", "预算年度", "2024",
        "主管部门", "某县交通运输局", "实施单位", "某县公路管理段", "项目资金（元）",
        "资 金 来 源", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率", "得分",
        "年度资金总额：", "26352000.00", "26352000.00", "17036775.00", "10", "64.65", "6.47",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "产出指标", "数量指标", "养护里程", "≥300公里", "320公里", "20", "20",
    ]  # fmt: skip
    t = _one("\n".join(cells) + "\n")
    assert t.year == 2024
    assert t.funds_total == pytest.approx(2635.2)


# pdftotext -layout of a funds key wrapped in its narrow cell around the figure: the unit
# is on the line below the figure ("年度资金总额（" / figure / "元）：").
_FUNDS_KEY_CUT = """                    2025年项目支出绩效目标表
项目名称        村级公益性公墓建设
主管部门        某县民政局                实施单位       某县殡葬管理所
{key}
            {figure}
{tail}
一级指标   二级指标   三级指标          指标值
产出指标   数量指标   建成公益性公墓数量   ≥3处
"""


@pytest.mark.parametrize(
    ("key", "figure", "tail", "funds"),
    [
        ("年度资金总额（", "4,860,000", "元）：", 486.0),
        ("年度资金总额（", "486.00", "万元）：", 486.0),
        ("年度资金总额（万", "486.00", "元）：", 486.0),  # cut inside 万元: the piece below is no unit
        ("年度资金总额（元", "4,860,000", "）：", 486.0),
    ],
)
def test_funds_key_cut_around_its_figure(key: str, figure: str, tail: str, funds: float) -> None:
    doc = _FUNDS_KEY_CUT.format(key=key, figure=figure, tail=tail)
    (table,) = [r for r in extract(doc) if r["record"] == "table"]
    assert table["funds_total"] == pytest.approx(funds)


# A self-evaluation funds block in pdftotext -layout: both keys cut by their cells' width,
# the unit note split around the figures line.
_SELF_EVAL_FUNDS_CUT = """                              项目支出绩效自评表
项目名称      村级公益性公墓建设                项目负责人及电话        王宁 13800000000
主管部门      某县民政局                        实施单位                某县殡葬管理所
                          全年预算数        全年执行数
          资金来源    年初预算数                               分值          执行率           得分
                          （A）          （B）

项目资金（    年度资金总
                  4860000     4860000      4,120,000   10            84.77         8.48
元）       额：
          财政拨款：    4860000     4860000      4,120,000   -             -             -
一级指标   二级指标   三级指标          年度指标值   实际完成值   分值   得分
产出指标   数量指标   建成公益性公墓数量   ≥3处        3处          20     20
"""


def test_self_evaluation_funds_keys_cut_by_their_cells() -> None:
    (table,) = [r for r in extract(_SELF_EVAL_FUNDS_CUT) if r["record"] == "table"]
    assert table["funds_total"] == pytest.approx(486.0)


# pdftotext -layout of a key cell wrapped around its value: "主管部门及" / value / "代码".
_DEPT_KEY_CUT = """                              项目支出绩效目标表
项目名称      村级公益性公墓建设
主管部门及
          某县民政局              实施单位                                 某县殡葬管理所
代码
一级指标   二级指标   三级指标          指标值
产出指标   数量指标   建成公益性公墓数量   ≥3处
"""


def test_key_cut_around_its_value() -> None:
    (table,) = [r for r in extract(_DEPT_KEY_CUT) if r["record"] == "table"]
    assert (table["department"], table["implementer"]) == ("某县民政局", "某县殡葬管理所")


# A browser's PDF through pdftotext -layout: the key column is two characters wide, so each
# key is cut around its value's line (项目 / 名称) and a long value wraps beside the key's
# second half (主管 …体育 / 部门 局); the funds unit note opens a line beside the figures.
_NARROW_KEYS = """\
                 某区2025年项目支出绩效目标表
   项目 乡镇综合文化站免费开放
   名称
   主管 某区文化旅游广电体                 实施单位   某区文化馆
   部门 育局
   资金 年度资金总额        2160000.00
   情况 其中：财政拨款       2160000.00
   （元） 其他资金          0.00
   一级指标 二级指标            三级指标        指标值
   产出指标 数量指标   开展文化活动场次          ≥120场次
"""


def test_keys_cut_around_their_values_in_a_narrow_key_column() -> None:
    (table,) = [r for r in extract(_NARROW_KEYS) if r["record"] == "table"]
    assert (table["project"], table["department"], table["implementer"]) == (
        "乡镇综合文化站免费开放",
        "某区文化旅游广电体育局",
        "某区文化馆",
    )
    assert table["funds_total"] == 216.0  # 元 → 万元


# OCR reads some characters of the keys as look-alikes (日 for 目, 冂 for 门, 単 for 单, 頟 for 额).
_OCR_KEYS = """\
                 2025年度项目支出绩效目标表
                                                     单位：万元
项日名称   乡村振兴衔接资金农村道路项目
主管部冂   某县乡村振兴局        实施単位   某县交通运输局
项目资金   年度资金总頟：   640.00
一级指标   二级指标   三级指标   指标值
产出指标   数量指标   新建通村道路里程   ≥12公里
"""


def test_keys_read_through_ocr_look_alikes() -> None:
    (table,) = [r for r in extract(_OCR_KEYS) if r["record"] == "table"]
    assert (table["project"], table["department"], table["implementer"], table["funds_total"]) == (
        "乡村振兴衔接资金农村道路项目",
        "某县乡村振兴局",
        "某县交通运输局",
        640.0,
    )


# Plain pdftotext of an office suite's form: the keys, the grid's first header cells and a
# footnote (which reads like a table's end), then the values (a narrow cell's value wrapped
# into a paragraph of its own), then the rest of the header.  Our own wording.
_CUT_BY_A_NOTE = """2026年度项目绩效目标申报表
单位：万元
项目名称
主管部门
项目资金（万元）
年度总体目标
一级指标

产出指标
绩效
指标

注：指标性质填写“≥”“≤”“=”或“定性”。

2026年乡镇污水处理设施运维经费
某县生态环境局

实施单位

某县乡镇污水
处理站

年度资金总额
86.00
新增处理能力，保障设施稳定运行。
二级指标
三级指标
指标性质
指标值
度量单位
设施运行负荷率
≥
75
%
"""


def test_grid_top_cut_off_by_a_footnote_is_the_same_table() -> None:
    t = _one(_CUT_BY_A_NOTE)
    assert (t.project, t.department, t.implementer) == ("2026年乡镇污水处理设施运维经费", "某县生态环境局", "某县乡镇污水处理站")
    (rec,) = [r for r in extract(_CUT_BY_A_NOTE, engine="rules") if r["record"] == "indicator"]
    assert (rec["project"], rec["name"], rec["value_text"]) == ("2026年乡镇污水处理设施运维经费", "设施运行负荷率", "≥75%")


def test_department_table_budget_heading_is_no_value() -> None:
    t = _one("部门整体支出绩效目标表\n（2026年度）\n部门名称\n\n部门年度预算情况\n\n某县统计局\n资金总额（万元）：\n\n512.30\n\n"
             "年度绩效指标\n\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 统计调查任务完成数 ≥12项\n")
    assert (t.table_type, t.project, t.funds_total) == ("department", "某县统计局", 512.3)


def test_keys_printed_apart_take_values_by_kind() -> None:
    # Plain pdftotext (our own wording): the department's value printed before the project's,
    # wrapped ("某市教育" / "局"); a funds figure is no body.
    t = _one(
        "2026年项目支出绩效目标表\n项目名称\n主管部门\n资金情况（万元）\n年度总体目标\n一级指标\n\n"
        "某市教育\n局\n\n2026年职业学校实训基地建设项目\n实施单位\n\n某市职业技术学校\n\n年度资金总额\n640.00\n"
        "二级指标\n三级指标\n指标值\n新建实训室\n≥5间\n"
    )
    assert (t.project, t.department, t.implementer, t.funds_total) == (
        "2026年职业学校实训基地建设项目", "某市教育局", "某市职业技术学校", 640.0,
    )
