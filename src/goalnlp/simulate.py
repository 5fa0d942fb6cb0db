"""Layout simulator: render labeled target tables into the text layouts real documents take.

Why: the seed documents come from one sector (医保) and four layouts, so an extractor tuned on
them overfits. This module renders :class:`TableSpec` records -- generated for twelve sectors by
:func:`generate_tables`, or loaded from gold by :func:`from_gold` -- into ten layouts (PDF text
dumps, ``pdftotext -layout``, markdown pipes, TSV exports, web pages copied one cell per line,
glued rows, headed lists, separate 符号/值/单位 columns, self-evaluation tables, weight columns)
and returns gold records whose ``line_start``/``line_end`` are exact by construction: every line
is emitted by the renderer that knows which row it belongs to.

Conventions (see ``SCHEMA.md``):

* Lines are separated by ``\\n`` only and numbered from 1. A page break may start a line with a
  form feed (``\\f``), as pdftotext does; split documents with ``text.split("\\n")`` --
  ``str.splitlines()`` treats ``\\f`` as a line break and shifts every later line.
* ``traditional=True`` converts the finished document with OpenCC ``s2t``. The gold stays
  Simplified: labels are canonical values, not transcriptions, and the seeds' gold is Simplified,
  so an extractor is expected to normalise script (t2s) before it writes fields.
* ``pinyin=True`` adds bracketed pinyin after a few characters (``指(zhǐ)标``), as some sites
  print it; the gold is unchanged.
* ``fullwidth=True`` writes digits and comparator glyphs full-width in values; ``value_text``
  keeps what is written (whitespace removed), the numeric fields do not change.
* ``line_by_line=True`` writes wrapped PDF text (``pdf_wrapped`` and the layouts drawn on it) as
  extractors that print a page line by line do (pdfplumber's ``extract_text()``, PyMuPDF): no
  blank lines, every cell centred in its row, every category label at the middle of its group.
  Not in the default corpora (the shipped models were trained without it).
* A row's span covers the lines holding any part of its name, value, actual, weight or score
  cells; 说明 and 未完成原因分析 text is in no field and outside the span (some seed gold
  lets reason lines extend the span; this simulator does not).
* A table field is set in the gold only when the rendered metadata states it, and category
  cells lost or shifted by damage keep the category a reader would infer from the rows around.
"""

from __future__ import annotations

import argparse
import calendar
import copy
import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .classify import LEVEL1_OF, LEVELS  # the SCHEMA category table, defined once

__all__ = [
    "LAYOUTS",
    "LEVELS",
    "SECTORS",
    "IndicatorSpec",
    "TableSpec",
    "ValueSpec",
    "from_gold",
    "from_records",
    "generate_tables",
    "main",
    "render",
    "render_cell_per_line",
    "render_columns3",
    "render_glued",
    "render_headings",
    "render_pdf_layout",
    "render_pdf_wrapped",
    "render_pipe",
    "render_self_eval",
    "render_tab",
    "render_weights",
    "write_corpus",
]

COMPARATORS = (">=", "<=", "=", ">", "<", "~", "between")
KINDS = ("quantity", "date", "text")
LAYOUTS = (
    "pdf_wrapped",
    "pdf_layout",
    "pipe",
    "tab",
    "cell_per_line",
    "glued",
    "headings",
    "columns3",
    "self_eval",
    "weights",
)
_KEY_ROLES = {"name", "val", "sym", "unit", "actual", "weight", "score"}
_OPTION_KEYS = {"traditional", "pinyin", "fullwidth", "doc", "prose", "final_account", "damage", "base", "line_by_line"}


# --------------------------------------------------------------------------- records


@dataclass
class ValueSpec:
    """A target value as written (``sym`` + ``body`` + ``unit_w``) and its SCHEMA reading.

    The written parts are kept apart because some layouts print the comparator glyph, the
    number and the unit in separate columns; their concatenation is ``value_text``.
    """

    sym: str = ""
    body: str = ""
    unit_w: str = ""
    kind: str = "quantity"
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    date: str | None = None

    @property
    def text(self) -> str:
        return _nows(self.sym + self.body + self.unit_w)


@dataclass
class IndicatorSpec:
    """One row of a table's 绩效指标 part; ``note`` is 说明/原因 text that is in no field."""

    level1: str
    level2: str | None
    name: str
    target: ValueSpec
    actual_text: str | None = None
    weight: float | None = None
    score: float | None = None
    note: str = ""


@dataclass
class TableSpec:
    """A table record (SCHEMA fields) plus what rendering needs: funds unit, goal, sector."""

    project: str
    table_type: str = "project"
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    funds_total: float | None = None
    funds_unit: str = "万元"
    indicators: list[IndicatorSpec] = field(default_factory=list)
    goal: str = ""
    sector: str = ""


def _nows(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _fmt_g(x: float) -> str:
    """Weights and scores as a table prints them: ``10``, ``9.06``."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _table_record(t: TableSpec, ti: int, doc: str) -> dict[str, Any]:
    """A table record in SCHEMA field order."""
    return {
        "record": "table",
        "doc": doc,
        "table": ti,
        "project": t.project,
        "table_type": t.table_type,
        "year": t.year,
        "department": t.department,
        "implementer": t.implementer,
        "funds_total": t.funds_total,
    }


def _indicator_record(
    t: TableSpec, ti: int, ind: IndicatorSpec, doc: str, span: tuple[int, int]
) -> dict[str, Any]:
    """An indicator record in SCHEMA field order."""
    v = ind.target
    return {
        "record": "indicator",
        "doc": doc,
        "table": ti,
        "project": t.project,
        "level1": ind.level1,
        "level2": ind.level2,
        "name": _nows(ind.name),
        "value_text": v.text,
        "kind": v.kind,
        "comparator": v.comparator,
        "value": v.value,
        "value_max": v.value_max,
        "unit": v.unit,
        "date": v.date,
        "actual_text": _nows(ind.actual_text) if ind.actual_text is not None else None,
        "weight": ind.weight,
        "score": ind.score,
        "line_start": span[0],
        "line_end": span[1],
    }


# --------------------------------------------------------------------------- gold input

_SPLIT_RE = re.compile(r"(≥|≤|≧|≦|>=|<=|=|＝|>|<|＞|＜)?([0-9０-９][0-9０-９.,]*)(.*)")


def _split_value(r: dict[str, Any]) -> ValueSpec:
    """Rebuild written parts from a gold value_text so column layouts can split it again."""
    vt = _nows(r.get("value_text") or "")
    unit = r.get("unit")
    sym, body, unit_w = "", vt, ""
    m = _SPLIT_RE.fullmatch(vt)
    if m and m.group(3) == (unit or ""):
        sym, body, unit_w = m.group(1) or "", m.group(2), m.group(3)
    elif vt in {"≥", "≤", "≧", "≦", "=", "＝", ">", "<", "＞", "＜"}:
        sym, body = vt, ""

    def num(x: Any) -> float | None:
        return None if x is None else float(x)

    return ValueSpec(
        sym=sym,
        body=body,
        unit_w=unit_w,
        kind=r.get("kind") or "text",
        comparator=r.get("comparator"),
        value=num(r.get("value")),
        value_max=num(r.get("value_max")),
        unit=unit,
        date=r.get("date"),
    )


def from_gold(path: str | Path) -> list[TableSpec]:
    """Load a gold JSONL file into TableSpecs, so real tables can be re-rendered in new layouts."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    return from_records(json.loads(line) for line in lines if line.strip())


def from_records(records: Iterable[dict[str, Any]]) -> list[TableSpec]:
    """One document's gold records (table and indicator records) as TableSpecs, in table order."""
    tables: dict[int, TableSpec] = {}
    for r in records:
        ti = int(r["table"])
        if r["record"] == "table":
            t = tables.setdefault(ti, TableSpec(project=r["project"]))
            t.project = r["project"]
            t.table_type = r.get("table_type") or "project"
            t.year = r.get("year")
            t.department = r.get("department")
            t.implementer = r.get("implementer")
            ft = r.get("funds_total")
            t.funds_total = None if ft is None else float(ft)
            t.funds_unit = "元" if t.table_type == "self_evaluation" else "万元"
            t.sector = "seed"
        elif r["record"] == "indicator":
            t = tables.setdefault(ti, TableSpec(project=r["project"]))
            t.indicators.append(
                IndicatorSpec(
                    level1=r["level1"],
                    level2=r.get("level2"),
                    name=_nows(r["name"]),
                    target=_split_value(r),
                    actual_text=r.get("actual_text"),
                    weight=None if r.get("weight") is None else float(r["weight"]),
                    score=None if r.get("score") is None else float(r["score"]),
                )
            )
    out = [tables[k] for k in sorted(tables)]
    for t in out:
        if not t.goal:
            names = "、".join(i.name for i in t.indicators[:2])
            t.goal = f"完成{names}等年度工作任务，确保项目资金规范使用、发挥效益。" if names else ""
    return out


# --------------------------------------------------------------------------- vocabulary

# fmt: off
_REGIONS = (
    "都匀市", "凯里市", "兴义市", "仁怀市", "安顺市西秀区", "遵义市播州区", "毕节市七星关区",
    "铜仁市碧江区", "湄潭县", "思南县", "织金县", "荔波县", "雷山县", "盘州市", "贵定县",
    "龙里县", "惠水县", "三都水族自治县", "桐梓县", "息烽县", "宁乡市", "浏阳市", "醴陵市",
    "江华瑶族自治县", "景东彝族自治县", "弥勒市", "石阡县", "榕江县",
)
_PEOPLE = ("王芳", "李强", "张伟", "刘洋", "陈静", "杨雪", "赵敏", "黄磊", "周婷", "吴涛")

_TEXT_VALUES = (
    "明显提升", "有效保障", "逐步完善", "显著改善", "持续改善", "稳步提高", "成效明显", "良好",
    "有所提升", "不断强化", "有效缓解", "稳步拓展", "进一步提高", "达到预期目标", "持续发挥作用",
    "长期", "得到有效保障", "定期开展",
)

# name|metric. Metrics: cnt U lo hi (count, >=), cntf (decimal count), pct lo hi (percent, >=),
# pcteq (=100%), pctle lo hi (<=), num lo hi (no unit), ratio, pos U (>0), std U lo hi (a
# standard: =, bare, <=, >=), costm U lo hi (<=), money U lo hi (>=), dur U lo hi (<=, ranges),
# cost (<= the table's funds), date, text[:a/b].
_GENERIC: dict[str, list[str]] = {
    "质量": ["验收合格率|pct 90 100", "设备完好率|pct 90 100", "资金使用合规率|pcteq",
           "项目完成率|pct 90 100", "工程质量合格率|pct 95 100", "数据准确率|pct 95 100"],
    "时效": ["完成时间|date", "项目完成时间|date", "资金拨付及时率|pct 90 100", "任务按时完成率|pct 90 100",
           "补助资金发放时间|date", "问题整改时限|dur 天 5 30"],
    "成本": ["项目总成本|cost", "项目或定额成本控制率|pcteq", "预算成本控制率|pctle 100 100"],
    "经济效益": ["节约财政资金|money 万元 5 200", "带动相关产业增收|money 万元 50 2000",
             "地区经济增长贡献|pos %"],
    "社会效益": ["群众获得感|text:明显增强/进一步增强", "社会影响力|text:不断扩大/明显提升", "政策知晓率|pct 80 98"],
    "生态效益": ["生态环境|text:持续改善/明显改善", "节能减排效果|text:成效明显/逐步显现"],
    "可持续影响": ["长效管理机制|text:逐步完善/有效建立/不断健全", "项目持续发挥效益年限|cnt 年 3 20"],
    "服务对象满意度": ["服务对象满意度|pct 85 98", "群众满意度|pct 85 98", "受益群众满意度|pct 85 98"],
    "目标设定": ["绩效目标合理性|text:符合部门三定方案确定的职责/合理/与部门职能相符",
             "绩效指标明确性|text:与部门年度的任务数或计划数相对应/清晰、细化、可衡量"],
    "预算配置": ["在职人员控制率|pctle 100 100", "重点支出安排率|pct 50 90", "“三公经费”变动率|pctle 0 0"],
    "预算执行": ["预算执行率|pct 90 100", "预算调整率|pctle 5 20", "支付进度率|pct 85 100", "结转结余率|pctle 5 15"],
    "预算管理": ["公用经费控制率|pctle 100 100", "政府采购执行率|pct 90 100", "管理制度健全性|text:健全/制度健全",
             "资金使用合规性|text:合规/规范"],
    "资产管理": ["固定资产利用率|pct 85 100", "资产管理安全性|text:安全/资产配置合理、保管完整",
             "预决算信息公开性|text:按照规定公开预决算信息/及时公开"],
}
_DEPT_OUTPUT: dict[str, list[str]] = {
    "数量": ["本年度工作任务数|cnt 项 5 30", "重点工作任务完成数|cnt 项 3 20", "实际完成率|pct 80 100"],
    "质量": ["业务质量达标率|pct 90 100", "重点工作办结率|pct 90 100"],
    "时效": ["工作完成及时率|pct 90 100"],
    "成本": ["预算控制数|cost", "定额成本控制率|pct 90 100"],
}

_LONG_AFFIX: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # level2 -> (prefixes, suffixes)
    "数量": (("按照年度工作计划完成的", "纳入项目实施范围的", "年度内累计", "项目实施后当年", "通过项目资金支持",
             "按照上级下达目标任务完成的"), ("（含线上线下）", "（按实际发生数计算）", "（以主管部门认定为准）")),
    "质量": (("经主管部门组织验收的项目", "项目实施范围内", "按照相关标准和规范核定的"), ("（以主管部门认定为准）",)),
    "成本": (("按照相关文件规定核定的", "严格按照预算批复执行的"), ()),
    "社会效益": (("项目实施后", "通过项目实施带动的"), ()),
    "服务对象满意度": (("通过问卷调查统计的", "项目实施范围内"), ("（抽样调查）",)),
}


def _sector(**kw: Any) -> dict[str, Any]:
    return kw


SECTORS: dict[str, dict[str, Any]] = {
    "education": _sector(
        label="教育",
        dept=["教育局", "教育和科技局"],
        impl=["第一中学", "实验小学", "教师发展中心", "学生资助管理中心", "中等职业学校"],
        projects=["学前教育发展资金", "义务教育薄弱环节改善与能力提升补助资金", "学生资助补助经费",
                  "中小学教师培训专项经费", "农村义务教育学生营养改善计划补助资金", "中小学校舍维修改造项目",
                  "普通高中教育发展资金", "教育信息化建设项目"],
        goals=["改善农村义务教育学校办学条件，保障学校正常运转", "落实家庭经济困难学生资助政策，确保不让一个学生因家庭经济困难而失学",
               "完成中小学教师全员培训，提升教师教育教学能力", "改善学生营养状况，提高农村学生健康水平"],
        ind={
            "数量": ["资助学生人数|cnt 人 200 20000", "培训教师人次|cnt 人次 100 5000", "新建校舍面积|cnt 平方米 500 20000",
                   "改造薄弱学校数量|cnt 所 2 30", "配备教学设备|cnt 台套 20 800", "受益学生人数|cnt 人 500 50000",
                   "开展送教下乡活动次数|cnt 次 2 20", "营养餐供餐天数|cnt 天 150 220"],
            "质量": ["资助对象识别准确率|pcteq", "校舍维修改造工程验收合格率|pct 95 100", "教师培训考核合格率|pct 90 100",
                   "学生营养餐食品安全事故发生率|pctle 0 0"],
            "时效": ["资助资金发放及时率|pct 95 100", "工程完工时间|date"],
            "成本": ["生均补助标准|std 元/生.年 500 3000", "人均资助标准|std 元/人.年 1000 4000",
                   "营养膳食补助标准|std 元/生.天 4 5"],
            "经济效益": ["减轻学生家庭经济负担|money 万元 20 800"],
            "社会效益": ["义务教育巩固率|pct 95 99", "适龄儿童入学率|pct 98 100",
                     "家庭经济困难学生因贫失学辍学|text:有效避免/杜绝", "办学条件|text:明显改善/持续改善"],
            "可持续影响": ["教育均衡发展水平|text:稳步提高/逐步提升", "校舍使用年限|cnt 年 20 50"],
            "服务对象满意度": ["学生及家长满意度|pct 85 98", "受资助学生满意度|pct 90 98", "参训教师满意度|pct 85 95"],
        },
        fa=("205", "教育支出", [("2050101", "行政运行"), ("2050201", "学前教育"), ("2050202", "小学教育"),
                             ("2050203", "初中教育"), ("2050204", "高中教育"), ("2050803", "培训支出")]),
    ),
    "agriculture": _sector(
        label="农业农村",
        dept=["农业农村局"],
        impl=["农业技术推广站", "农业综合行政执法大队", "动物疫病预防控制中心", "农村经营管理站"],
        projects=["高标准农田建设项目", "耕地地力保护补贴资金", "动物防疫补助经费", "农业产业发展专项资金",
                  "高素质农民培育项目", "农村人居环境整治提升项目", "农机购置补贴资金"],
        goals=["建成集中连片、旱涝保收的高标准农田，提升粮食综合生产能力", "落实动物强制免疫政策，确保不发生区域性重大动物疫情",
               "培育一批懂技术、善经营的高素质农民，带动农户增收"],
        ind={
            "数量": ["新建高标准农田面积|cntf 万亩 0.5 5", "推广良种面积|cnt 亩 1000 50000", "培训高素质农民人数|cnt 人 50 1000",
                   "补贴发放农户数|cnt 户 1000 60000", "建设农产品产地冷藏保鲜设施|cnt 个 2 30",
                   "动物疫病强制免疫数量|cnt 万头（只） 5 100", "补贴农机具台数|cnt 台 50 1500"],
            "质量": ["农产品质量安全抽检合格率|pct 97 100", "强制免疫病种应免密度|pct 90 100", "良种覆盖率|pct 90 98",
                   "补贴资金兑付准确率|pcteq"],
            "时效": ["补贴资金兑付时间|date", "免疫工作完成时限|date"],
            "成本": ["高标准农田亩均投资|std 元/亩 1500 3000", "每亩补贴标准|std 元/亩 50 150", "人均培训成本|std 元/人 800 3000"],
            "经济效益": ["带动农户增收|money 万元 50 3000", "项目区粮食亩均增产|cnt 公斤 20 100", "农村居民人均可支配收入增幅|pos %"],
            "社会效益": ["带动脱贫户就业人数|cnt 人 20 800", "区域性重大动物疫情|text:不发生/有效防控",
                     "粮食综合生产能力|text:稳步提升/明显增强"],
            "生态效益": ["化肥农药使用量|text:零增长/持续减少", "秸秆综合利用率|pct 85 95", "畜禽粪污资源化利用率|pct 75 90"],
            "可持续影响": ["农业基础设施持续发挥效益|text:长期", "工程设计使用年限|cnt 年 10 20"],
            "服务对象满意度": ["受益农户满意度|pct 85 95", "参训农民满意度|pct 85 95"],
        },
        fa=("213", "农林水支出", [("2130101", "行政运行"), ("2130104", "事业运行"), ("2130108", "病虫害控制"),
                              ("2130122", "农业生产发展"), ("2130135", "农业资源保护修复与利用"), ("2130153", "农田建设")]),
    ),
    "transport": _sector(
        label="交通运输",
        dept=["交通运输局"],
        impl=["公路管理段", "交通运输综合行政执法大队", "农村公路管理所", "地方海事处"],
        projects=["农村公路提质改造工程", "危桥改造项目", "国省干线公路养护专项资金", "农村客运补贴资金",
                  "公路安全生命防护工程", "城乡公交一体化建设项目"],
        goals=["完成农村公路提质改造，改善群众出行条件", "消除危桥安全隐患，保障公路通行安全", "提升公路养护水平，保持路况良好"],
        ind={
            "数量": ["新建农村公路里程|cntf 公里 5 120", "改造危桥数量|cnt 座 2 20", "实施安防工程里程|cntf 公里 10 200",
                   "养护国省干线公路里程|cnt 公里 50 600", "新增公交车辆|cnt 辆 5 80", "建设港湾式停靠站|cnt 个 5 60",
                   "补贴客运线路条数|cnt 条 5 60"],
            "质量": ["工程交工验收合格率|pcteq", "公路优良路率|pct 75 95", "路面技术状况指数（PQI）|num 80 92",
                   "桥梁技术状况评定合格率|pct 90 100"],
            "时效": ["工程完工时间|date", "补贴资金拨付时间|date"],
            "成本": ["单位建设成本|std 万元/公里 50 300", "养护成本|std 万元/公里.年 1 5", "危桥改造单座成本|costm 万元 50 400"],
            "经济效益": ["降低沿线群众运输成本|money 万元 20 500", "带动沿线产业发展|text:成效明显"],
            "社会效益": ["群众出行条件|text:明显改善/显著改善", "通行时间缩短|cnt 分钟 10 60", "公路交通安全事故|text:有效减少"],
            "生态效益": ["公路绿化率|pct 80 95"],
            "可持续影响": ["道路设计使用年限|cnt 年 10 20", "长效养护机制|text:逐步完善/有效建立"],
            "服务对象满意度": ["沿线群众满意度|pct 85 95", "乘客满意度|pct 85 95"],
        },
        fa=("214", "交通运输支出", [("2140101", "行政运行"), ("2140104", "公路建设"), ("2140106", "公路养护"),
                                ("2140112", "公路运输管理"), ("2140199", "其他公路水路运输支出")]),
    ),
    "culture": _sector(
        label="文化",
        dept=["文化广电旅游局"],
        impl=["文化馆", "图书馆", "博物馆", "文物管理所", "非物质文化遗产保护中心"],
        projects=["公共文化服务体系建设专项资金", "送戏下乡文化惠民工程", "文物保护修缮项目", "非物质文化遗产保护经费",
                  "公共图书馆免费开放补助资金", "农家书屋提质增效工程"],
        goals=["推动公共文化设施免费开放，丰富群众精神文化生活", "加强文物保护利用，传承弘扬优秀传统文化",
               "开展送戏下乡活动，满足基层群众文化需求"],
        ind={
            "数量": ["送戏下乡演出场次|cnt 场 10 200", "免费开放场馆数量|cnt 个 2 20", "新增图书馆藏书|cnt 册 2000 50000",
                   "举办非遗培训班期数|cnt 期 2 20", "修缮文物保护单位|cnt 处 1 10", "开展群众文化活动|cnt 场次 10 300",
                   "农家书屋更新出版物|cnt 种 50 2000",
                   "图书馆年接待读者|cnt 人次/年 5000 200000"],
            "质量": ["文物修缮工程验收合格率|pcteq", "演出节目审核通过率|pcteq", "场馆免费开放时间达标率|pct 95 100"],
            "时效": ["修缮工程完工时间|date", "演出活动完成时间|date"],
            "成本": ["每场演出补助标准|std 元/场 2000 8000", "场馆免费开放补助|costm 万元 10 100"],
            "经济效益": ["带动文化旅游收入|money 万元 100 3000"],
            "社会效益": ["受益群众人次|cntf 万人次 0.5 30", "群众文化生活|text:更加丰富/明显丰富", "优秀传统文化|text:有效传承"],
            "可持续影响": ["文物保护长效机制|text:逐步完善/不断健全", "公共文化服务水平|text:持续提升"],
            "服务对象满意度": ["观众满意度|pct 85 95", "读者满意度|pct 85 95"],
        },
        fa=("207", "文化旅游体育与传媒支出", [("2070101", "行政运行"), ("2070104", "图书馆"), ("2070108", "文化活动"),
                                      ("2070109", "群众文化"), ("2070204", "文物保护")]),
    ),
    "health": _sector(
        label="卫生健康",
        dept=["卫生健康局"],
        impl=["疾病预防控制中心", "妇幼保健院", "人民医院", "卫生健康综合行政执法大队", "中心卫生院"],
        projects=["基本公共卫生服务项目补助资金", "重大传染病防控经费", "家庭医生签约服务补助", "妇幼健康服务项目",
                  "乡村医生培训项目", "医疗卫生机构能力建设资金"],
        goals=["为辖区居民免费提供基本公共卫生服务，提高居民健康水平", "做好重大传染病防控，有效控制疫情传播",
               "提升基层医疗卫生服务能力"],
        ind={
            "数量": ["建立居民电子健康档案人数|cnt 人 10000 300000", "家庭医生签约人数|cnt 人 5000 100000",
                   "开展健康教育讲座次数|cnt 次 5 100", "培训乡村医生人次|cnt 人次 50 800",
                   "免费孕前优生健康检查人数|cnt 人 500 5000", "基本公共卫生服务覆盖人口|cntf 万人 5 80"],
            "质量": ["高血压患者规范管理率|pct 60 80", "适龄儿童免疫规划疫苗接种率|pct 90 98", "孕产妇系统管理率|pct 85 95",
                   "电子健康档案建档率|pct 80 95"],
            "时效": ["传染病疫情报告及时率|pct 95 100", "补助资金拨付时间|date"],
            "成本": ["人均基本公共卫生服务经费补助标准|std 元/人.年 79 94", "乡村医生培训人均成本|std 元/人 500 2000"],
            "经济效益": ["减轻群众就医负担|money 万元 50 2000"],
            "社会效益": ["居民健康素养水平|pct 20 30", "重大传染病疫情|text:有效控制/得到有效遏制", "群众健康水平|text:稳步提高"],
            "可持续影响": ["基层医疗卫生服务能力|text:持续提升", "公共卫生服务体系|text:逐步完善"],
            "服务对象满意度": ["居民满意度|pct 80 95", "签约居民满意度|pct 85 95", "患者满意度|pct 85 98"],
        },
        fa=("210", "卫生健康支出", [("2100101", "行政运行"), ("2100408", "基本公共卫生服务"), ("2100409", "重大公共卫生服务"),
                                ("2100302", "乡镇卫生院"), ("2101601", "计划生育机构")]),
    ),
    "public_security": _sector(
        label="公共安全",
        dept=["公安局"],
        impl=["交通警察大队", "刑事侦查大队", "禁毒大队", "看守所", "城关派出所"],
        projects=["社会治安防控体系建设经费", "禁毒工作专项经费", "公安执法办案经费", "道路交通安全管理经费",
                  "“雪亮工程”视频监控建设项目", "警用装备购置项目"],
        goals=["完善立体化社会治安防控体系，提升群众安全感", "深入开展禁毒人民战争，遏制毒品违法犯罪",
               "规范执法办案，保障各项公安业务正常开展"],
        ind={
            "数量": ["新建视频监控点位|cnt 个 50 2000", "开展禁毒宣传活动次数|cnt 次 10 200", "购置执法执勤车辆|cnt 辆 2 30",
                   "开展警务实战培训人次|cnt 人次 100 2000", "排查整治治安隐患|cnt 处 50 1000",
                   "查处交通违法行为|cnt 起 1000 50000"],
            "质量": ["视频监控设备在线率|pct 90 99", "执法办案规范率|pct 95 100", "装备验收合格率|pcteq"],
            "时效": ["警情处置到场时间|dur 分钟 5 30", "项目建设完成时间|date"],
            "成本": ["单个监控点位建设成本|std 万元/个 0.8 3", "装备购置成本|cost"],
            "社会效益": ["群众安全感|pct 90 98", "刑事案件发案率|text:稳中有降/明显下降", "道路交通事故死亡人数|text:同比下降"],
            "可持续影响": ["社会治安防控体系|text:逐步完善/不断健全", "设备使用年限|cnt 年 5 10"],
            "服务对象满意度": ["群众对公安工作满意度|pct 90 98"],
        },
        fa=("204", "公共安全支出", [("2040201", "行政运行"), ("2040219", "信息化建设"), ("2040220", "执法办案"),
                                ("2040221", "特别业务"), ("2040299", "其他公安支出")]),
    ),
    "water": _sector(
        label="水利",
        dept=["水务局", "水利局"],
        impl=["水利工程管理站", "水土保持监测站", "供水管理所", "河道管理所"],
        projects=["农村饮水安全巩固提升工程", "水土保持综合治理项目", "中小河流治理工程", "小型水库除险加固项目",
                  "灌区续建配套与节水改造项目", "河湖长制工作经费"],
        goals=["巩固提升农村供水保障水平，保障农村群众饮水安全", "治理水土流失，改善生态环境",
               "完成病险水库除险加固，保障下游群众生命财产安全"],
        ind={
            "数量": ["新建改造农村供水工程|cnt 处 5 60", "治理水土流失面积|cntf 平方公里 2 50",
                   "新建改造灌溉渠道长度|cntf 公里 5 80", "巩固提升受益人口|cnt 人 1000 80000",
                   "河道清淤疏浚长度|cntf 公里 2 30", "除险加固小型水库|cnt 座 1 10", "开展河湖巡查次数|cnt 次 12 200"],
            "质量": ["农村集中供水工程水质达标率|pct 90 98", "工程验收合格率|pcteq", "河湖“清四乱”问题整改率|pcteq"],
            "时效": ["工程完工时间|date", "汛前完成除险加固时间|date"],
            "成本": ["供水工程单位投资|std 万元/处 20 200", "水土流失治理单位成本|std 万元/平方公里 30 100",
                   "渠道改造单位成本|std 万元/公里 20 80"],
            "经济效益": ["新增节水能力|cntf 万立方米 5 200", "新增灌溉面积|cnt 亩 500 20000"],
            "社会效益": ["农村自来水普及率|pct 85 95", "群众饮水安全|text:有效保障", "防洪能力|text:明显提升"],
            "生态效益": ["水土流失治理度|pct 60 90", "河湖水质达标率|pct 80 100", "河湖生态环境|text:持续改善"],
            "可持续影响": ["工程设计使用年限|cnt 年 15 50", "工程运行管护机制|text:逐步完善/有效建立"],
            "服务对象满意度": ["受益群众满意度|pct 85 95"],
        },
        fa=("213", "农林水支出", [("2130301", "行政运行"), ("2130305", "水利工程建设"), ("2130306", "水利工程运行与维护"),
                              ("2130311", "水资源节约管理与保护"), ("2130314", "防汛"), ("2130335", "农村供水")]),
    ),
    "environment": _sector(
        label="生态环境",
        dept=["生态环境局"],
        impl=["生态环境监测站", "生态环境保护综合行政执法大队", "环境监察大队"],
        projects=["大气污染防治专项资金", "水污染防治项目", "农村环境综合整治项目", "生态环境监测能力建设",
                  "土壤污染防治专项资金", "环境执法监管经费"],
        goals=["持续改善环境空气质量，巩固蓝天保卫战成果", "推进农村生活污水治理，改善农村人居环境",
               "提升生态环境监测能力，确保监测数据真实准确"],
        ind={
            "数量": ["完成大气污染治理项目|cnt 个 2 30", "新建污水收集管网长度|cntf 公里 2 60", "整治农村黑臭水体|cnt 条 1 20",
                   "开展环境执法检查次数|cnt 次 20 500", "建设空气自动监测站点|cnt 个 1 10", "完成农村环境整治村庄数|cnt 个 5 60"],
            "质量": ["监测数据有效率|pct 90 98", "危险废物规范化处置率|pcteq", "污水处理设施运行负荷率|pct 60 90"],
            "时效": ["项目完工时间|date", "环境信访件办结时限|dur 个工作日 5 15"],
            "成本": ["污水处理单位成本|std 元/吨 0.8 2", "单个站点建设成本|std 万元/个 20 120"],
            "经济效益": ["减少环境污染损失|text:成效明显"],
            "社会效益": ["群众环境投诉|text:明显减少", "生态环境保护意识|text:进一步增强"],
            "生态效益": ["空气质量优良天数比例|pct 85 98", "城镇生活污水处理率|pct 85 97", "主要污染物减排量|cnt 吨 10 500",
                     "地表水水质达标率|pcteq", "细颗粒物（PM2.5）平均浓度|dur 微克/立方米 25 35"],
            "可持续影响": ["生态环境质量|text:持续改善/稳中向好", "环境监管长效机制|text:逐步完善"],
            "服务对象满意度": ["群众对生态环境满意度|pct 85 95"],
        },
        fa=("211", "节能环保支出", [("2110101", "行政运行"), ("2110301", "大气"), ("2110302", "水体"),
                                ("2110402", "农村环境保护"), ("2110299", "其他环境监测与监察支出")]),
    ),
    "civil_affairs": _sector(
        label="民政",
        dept=["民政局"],
        impl=["社会救助服务中心", "社会福利院", "救助管理站", "殡葬管理所"],
        projects=["城乡最低生活保障资金", "特困人员救助供养资金", "临时救助资金", "困难残疾人生活补贴和重度残疾人护理补贴",
                  "养老服务体系建设补助资金", "流浪乞讨人员救助经费"],
        goals=["保障城乡困难群众基本生活，做到应保尽保", "落实特困人员救助供养政策，保障特困人员基本生活",
               "推进养老服务体系建设，提升养老服务水平"],
        ind={
            "数量": ["城乡低保保障人数|cnt 人 1000 60000", "特困人员供养人数|cnt 人 200 5000", "临时救助人次|cnt 人次 100 8000",
                   "养老机构床位数|cnt 张 50 2000", "救助流浪乞讨人员人次|cnt 人次 20 500",
                   "发放残疾人两项补贴人数|cnt 人 500 15000"],
            "质量": ["低保对象认定准确率|pct 95 100", "救助资金发放准确率|pcteq", "养老机构消防安全达标率|pcteq"],
            "时效": ["救助资金按月发放率|pcteq", "临时救助审批时限|dur 个工作日 3 10"],
            "成本": ["城市低保月人均补助标准|std 元/人/月 500 800", "农村特困人员基本生活标准|std 元/人.年 6000 12000",
                   "重度残疾人护理补贴标准|std 元/人/月 60 120"],
            "社会效益": ["困难群众基本生活|text:有效保障/得到有效保障", "应保尽保率|pcteq", "社会大局|text:和谐稳定"],
            "可持续影响": ["社会救助长效机制|text:逐步完善/不断健全"],
            "服务对象满意度": ["救助对象满意度|pct 85 95", "入住老人满意度|pct 85 95"],
        },
        fa=("208", "社会保障和就业支出", [("2080201", "行政运行"), ("2081901", "城市最低生活保障金支出"),
                                    ("2081902", "农村最低生活保障金支出"), ("2082001", "临时救助支出"),
                                    ("2082101", "城市特困人员救助供养支出")]),
    ),
    "housing": _sector(
        label="住房城乡建设",
        dept=["住房和城乡建设局"],
        impl=["房屋征收服务中心", "住房保障服务中心", "建设工程质量安全监督站"],
        projects=["城镇老旧小区改造项目", "农村危房改造补助资金", "公共租赁住房租赁补贴资金", "保障性安居工程配套基础设施建设",
                  "城市排水防涝设施建设项目", "棚户区改造项目"],
        goals=["改造城镇老旧小区，改善居民居住条件", "完成农村低收入群体等重点对象危房改造，保障住房安全",
               "发放公租房租赁补贴，缓解中低收入家庭住房困难"],
        ind={
            "数量": ["改造城镇老旧小区数量|cnt 个 2 40", "惠及居民户数|cnt 户 200 8000", "发放租赁补贴户数|cnt 户 100 3000",
                   "完成农村危房改造户数|cnt 户 20 800", "新增停车位|cnt 个 50 1500", "改造排水管网长度|cntf 公里 2 40"],
            "质量": ["改造工程质量验收合格率|pcteq", "危房改造竣工验收合格率|pcteq", "补贴对象识别准确率|pct 95 100"],
            "时效": ["项目开工时间|date", "项目竣工时间|date", "补贴资金发放时间|date"],
            "成本": ["户均补助标准|std 万元/户 1 3.5", "老旧小区改造单位成本|std 元/平方米 200 600"],
            "经济效益": ["带动社会投资|money 万元 100 5000"],
            "社会效益": ["居民居住条件|text:明显改善/显著改善", "住房安全|text:有效保障"],
            "可持续影响": ["小区长效管理机制|text:逐步完善/有效建立", "改造设施使用年限|cnt 年 15 30"],
            "服务对象满意度": ["居民满意度|pct 85 95", "补助对象满意度|pct 85 95"],
        },
        fa=("221", "住房保障支出", [("2210103", "棚户区改造"), ("2210105", "农村危房改造"), ("2210106", "公共租赁住房"),
                                ("2210108", "老旧小区改造"), ("2210199", "其他保障性安居工程支出")]),
    ),
    "science": _sector(
        label="科学技术",
        dept=["科学技术局", "科技局"],
        impl=["科技情报研究所", "生产力促进中心", "科技创新服务中心"],
        projects=["科技创新发展专项资金", "科技特派员服务项目", "科普惠民工程经费", "高新技术企业培育奖补资金",
                  "重点实验室建设项目", "科技成果转化项目"],
        goals=["支持企业开展技术研发，提升自主创新能力", "培育高新技术企业，推动产业转型升级", "开展科普宣传活动，提升公民科学素质"],
        ind={
            "数量": ["支持科技研发项目数量|cnt 项 5 60", "新增授权发明专利|cnt 件 10 300", "培育认定高新技术企业|cnt 家 5 50",
                   "开展科普活动次数|cnt 次 10 100", "选派科技特派员人数|cnt 人 20 300", "引进培养科技人才|cnt 人 10 200"],
            "质量": ["项目验收通过率|pct 85 100", "科技成果转化率|pct 20 60"],
            "时效": ["项目验收完成时间|date", "奖补资金兑现时间|date"],
            "成本": ["单个项目平均补助|costm 万元 10 100", "科普活动人均成本|std 元/人次 10 50"],
            "经济效益": ["带动企业研发投入|cntf 亿元 0.5 20", "新增产值|money 万元 500 20000"],
            "社会效益": ["公民具备科学素质比例|pct 8 15", "科技创新氛围|text:更加浓厚"],
            "可持续影响": ["区域创新能力|text:持续增强/稳步提升"],
            "服务对象满意度": ["企业满意度|pct 85 95", "科技特派员服务对象满意度|pct 85 95"],
        },
        fa=("206", "科学技术支出", [("2060101", "行政运行"), ("2060402", "应用技术研究与开发"), ("2060702", "科普活动"),
                                ("2060503", "科技成果转化与扩散"), ("2069999", "其他科学技术支出")]),
    ),
    "sports": _sector(
        label="体育",
        dept=["体育局", "文体广电旅游局"],
        impl=["体育运动学校", "全民健身中心", "体育场馆管理中心", "业余体育学校"],
        projects=["全民健身工程建设项目", "群众体育赛事活动经费", "公共体育场馆免费低收费开放补助", "青少年体育训练经费",
                  "体育彩票公益金项目"],
        goals=["完善全民健身公共服务体系，满足群众健身需求", "举办群众性体育赛事活动，营造全民健身氛围",
               "推动公共体育场馆向社会免费或低收费开放"],
        ind={
            "数量": ["新建全民健身路径|cnt 套 5 60", "举办群众性体育赛事|cnt 场 5 50", "参与健身活动人次|cntf 万人次 1 50",
                   "培训社会体育指导员|cnt 人 30 500", "更新健身器材|cnt 件 50 1000", "场馆免费开放天数|cnt 天 300 340",
                   "体育场馆年服务人次|cnt 人次/年 10000 300000"],
            "质量": ["健身器材安装验收合格率|pcteq", "场馆安全运行|text:无安全事故/安全有序", "赛事组织规范率|pcteq"],
            "时效": ["项目完工时间|date", "器材安装完成时间|date"],
            "成本": ["每套健身路径成本|std 万元/套 2 8", "赛事活动场均成本|std 万元/场 1 10"],
            "经济效益": ["带动体育消费|money 万元 50 2000"],
            "社会效益": ["经常参加体育锻炼人数比例|pct 35 50", "群众健身意识|text:明显增强"],
            "可持续影响": ["全民健身设施使用年限|cnt 年 5 10", "全民健身公共服务体系|text:逐步完善"],
            "服务对象满意度": ["健身群众满意度|pct 85 95", "参赛群众满意度|pct 85 95"],
        },
        fa=("207", "文化旅游体育与传媒支出", [("2070301", "行政运行"), ("2070307", "体育场馆"), ("2070308", "群众体育"),
                                      ("2070306", "体育竞赛"), ("2070399", "其他体育支出")]),
    ),
}

_L1_WRITTEN = {
    "投入": ("投入", "投入指标"),
    "过程": ("过程", "过程指标"),
    "产出": ("产出指标", "产出"),
    "效益": ("效益指标", "效益"),
    "满意度": ("满意度指标", "满意度"),
}
_L2_WRITTEN = {
    "数量": ("数量指标", "数量"),
    "质量": ("质量指标", "质量"),
    "时效": ("时效指标", "时效"),
    "成本": ("成本指标", "成本"),
    "经济效益": ("经济效益指标", "经济效益"),
    "社会效益": ("社会效益指标", "社会效益"),
    "生态效益": ("生态效益指标", "生态效益"),
    "可持续影响": ("可持续影响指标", "可持续影响"),
    "服务对象满意度": ("服务对象满意度指标", "服务对象满意度", "满意度指标", "社会公众或服务对象满意度指标"),
    "目标设定": ("目标设定", "目标设定"),
    "预算配置": ("预算配置", "预算配置"),
    "预算执行": ("预算执行", "预算执行"),
    "预算管理": ("预算管理", "预算管理"),
    "资产管理": ("资产管理", "资产管理"),
}
# fmt: on

# --------------------------------------------------------------------------- values

_GE_GLYPHS = ("≥", "≥", "≥", "≧", ">=")
_LE_GLYPHS = ("≤", "≤", "≤", "≦", "<=")
# fmt: off
_CN_NUMBERS = (
    ("一", 1), ("两", 2), ("二", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("八", 8), ("十", 10),
    ("十二", 12), ("二十", 20), ("五十", 50), ("一百", 100), ("两百", 200), ("二百", 200), ("三百", 300),
    ("五百", 500), ("一千", 1000),
)
# fmt: on


def _wchoice(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _trim(x: float, decimals: int = 2) -> str:
    s = f"{x:.{decimals}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _number(rng: random.Random, lo: float, hi: float, decimals: int = 0) -> tuple[str, float]:
    """A plausible number as written, and its value: round figures mostly, separators sometimes."""
    x = rng.uniform(lo, hi)
    if decimals:
        s = _trim(x, decimals) if rng.random() < 0.6 else f"{x:.{decimals}f}"
        return s, float(s)
    n = round(x)
    if rng.random() < 0.65 and n >= 20:
        mag = 10 ** max(0, len(str(n)) - 2)
        n = max(mag, round(n / mag) * mag)
    n = max(n, 1) if lo >= 1 else n
    s = f"{n:,}" if n >= 1000 and rng.random() < 0.35 else str(n)
    return s, float(n)


def _forms(
    rng: random.Random,
    direction: str,
    s: str,
    x: float,
    unit: str,
    *,
    pair: tuple[str, float, str, float] | None = None,
    words_only: bool = False,
    glyphs: bool = False,
) -> ValueSpec:
    """Write number ``s`` (value ``x``) with ``unit`` in one of SCHEMA's comparator forms."""
    if direction == "ge":
        opts = [
            ("glyph_ge", 6),
            ("glyph_gt", 0.7),
            ("word_ge", 3),
            ("word_gt", 0.7),
            ("suffix_ge", 2),
            ("approx", 1),
            ("bare", 2),
            ("range", 1),
        ]
    elif direction == "le":
        opts = [
            ("glyph_le", 6),
            ("glyph_lt", 0.7),
            ("word_le", 3),
            ("word_lt", 0.7),
            ("suffix_le", 1.5),
            ("ctrl", 1.5),
            ("bare", 1),
            ("range", 0.7),
        ]
    elif direction == "eq":
        opts = [("glyph_eq", 6), ("word_eq", 0.7), ("bare", 3)]
    else:  # a standard: mostly exact, sometimes bounded
        opts = [("glyph_eq", 4), ("bare", 3), ("glyph_le", 1.5), ("glyph_ge", 1), ("word_ge", 0.5)]
    if words_only:
        opts = [(o, w) for o, w in opts if o.startswith(("word", "suffix", "ctrl", "bare"))]
    if pair is None:
        opts = [(o, w) for o, w in opts if o != "range"]
    if glyphs:
        opts = [(o, w * 4 if o.startswith("glyph") else w) for o, w in opts]
    form = _wchoice(rng, opts)
    v = ValueSpec(kind="quantity", value=x, unit=unit or None, body=s, unit_w=unit)
    if form == "glyph_ge":
        v.sym, v.comparator = rng.choice(_GE_GLYPHS), ">="
    elif form == "glyph_gt":
        v.sym, v.comparator = rng.choice((">", "＞")), ">"
    elif form == "glyph_le":
        v.sym, v.comparator = rng.choice(_LE_GLYPHS), "<="
    elif form == "glyph_lt":
        v.sym, v.comparator = rng.choice(("<", "＜")), "<"
    elif form == "glyph_eq":
        v.sym, v.comparator = rng.choice(("=", "＝", "=")), "="
    elif form == "word_ge":
        v.body, v.comparator = rng.choice(("不少于", "不低于", "至少", "大于等于")) + s, ">="
    elif form == "word_gt":
        v.body, v.comparator = rng.choice(("大于", "高于", "超过")) + s, ">"
    elif form == "word_le":
        v.body, v.comparator = rng.choice(("不超过", "不高于", "小于等于")) + s, "<="
    elif form == "word_lt":
        v.body, v.comparator = rng.choice(("小于", "低于")) + s, "<"
    elif form == "word_eq":
        v.body, v.comparator = "等于" + s, "="
    elif form == "suffix_ge":
        v.body, v.unit_w, v.comparator = rng.choice(("", "", "达到")) + s + unit + "以上", "", ">="
    elif form == "suffix_le":
        v.body, v.unit_w, v.comparator = s + unit + rng.choice(("以内", "以下")), "", "<="
    elif form == "ctrl":
        v.body, v.unit_w, v.comparator = "控制在" + s + unit + rng.choice(("以内", "内")), "", "<="
    elif form == "approx":
        v.comparator = "~"
        if rng.random() < 0.5:
            v.body = rng.choice(("约", "大约")) + s
        else:
            v.body, v.unit_w = s + unit + "左右", ""
    elif form == "range":
        assert pair is not None
        a_s, a, b_s, b = pair
        sep = rng.choice(("-", "～", "~", "至"))
        rep = unit == "%" and rng.random() < 0.6
        v.body = a_s + (unit if rep else "") + sep + b_s
        v.comparator, v.value, v.value_max = "between", a, b
    return v


def _date_value(rng: random.Random, year: int | None) -> ValueSpec:
    """A deadline in one of the written forms seen in tables (月底前, 日前, 2025.12.31, 年底前); 年底 reads as
    month 12, as in the seed gold."""
    y = year or rng.randint(2021, 2025)
    m = rng.choice((6, 9, 10, 11, 12, 12, 12, 12))
    last = calendar.monthrange(y, m)[1]
    ym, ymd = f"{y}-{m:02d}", f"{y}-{m:02d}-{last:02d}"
    text, date = rng.choice(
        (
            (f"{y}年{m}月底前", ym),
            (f"{y}年{m}月底", ym),
            (f"{y}年{m}月底完成", ym),
            (f"{y}年{m}月前", ym),
            (f"{y}年{m}月{last}日前", ymd),
            (f"{y}.{m}.{last}", ymd),
            (f"{y}年底前", f"{y}-12"),
            (f"{y}年12月31日", f"{y}-12-31"),
            (f"{y}年{m}月{last}日之前完成", ymd),
        )
    )
    return ValueSpec(body=text, kind="date", date=date)


def _make_value(
    rng: random.Random, metric: str, t: TableSpec, year: int | None = None, glyphs: bool = False
) -> ValueSpec:
    """Draw a target for ``metric`` (see the code list above ``_GENERIC``) in a random written form.

    ``year`` dates deadlines when the table states none; ``glyphs`` favours ``≥ 95 %`` forms, as
    tables with a separate symbol column mostly have."""
    head, _, rest = metric.partition(" ")
    args = rest.split()
    kind, _, opts = head.partition(":")
    if kind == "text":
        choices = opts.split("/") if opts else list(_TEXT_VALUES)
        return ValueSpec(body=rng.choice(choices), kind="text")
    if kind == "date":
        return _date_value(rng, t.year or year)
    if kind in ("pct", "pctle"):
        lo, hi = float(args[0]), float(args[1])
        decimals = 1 if rng.random() < 0.15 and hi > lo else 0
        x = round(rng.uniform(lo, hi), decimals) if decimals else float(round(rng.uniform(lo, hi)))
        s = _trim(x, 1)
        step = rng.choice((5, 10))
        pair = None
        if kind == "pct" and x + step <= 100:
            pair = (s, x, _trim(x + step, 1), x + step)
        if kind == "pctle" and x > 0 and x - step >= 0:
            pair = (_trim(x - step, 1), x - step, s, x)
        return _forms(rng, "ge" if kind == "pct" else "le", s, x, "%", pair=pair, glyphs=glyphs)
    if kind == "pcteq":
        return _forms(rng, "eq", "100", 100.0, "%", glyphs=glyphs)
    if kind in ("cnt", "cntf", "money", "costm", "dur", "num"):
        unit = "" if kind == "num" else args[0]
        lo, hi = float(args[-2]), float(args[-1])
        decimals = (rng.choice((1, 2)) if rng.random() < 0.7 else 0) if kind == "cntf" else 0
        s, x = _number(rng, lo, hi, decimals)
        direction = "le" if kind in ("costm", "dur") else "ge"
        b_s, b = _number(rng, x * 1.2 + 1, x * 2 + 2, decimals)
        pair = (s, x, b_s, b) if b > x else None
        if kind == "cnt" and rng.random() < 0.12:
            cands = [(c, v) for c, v in _CN_NUMBERS if lo <= v <= hi]
            if cands:
                c, v = rng.choice(cands)
                return _forms(rng, direction, c, float(v), unit, words_only=True)
        if kind in ("cnt", "cntf") and rng.random() < 0.1:
            return _sentence(rng, s, x, unit)
        return _forms(rng, direction, s, x, unit, pair=pair, glyphs=glyphs)
    if kind == "std":
        unit, lo, hi = args[0], float(args[1]), float(args[2])
        s, x = _number(rng, lo, hi, 1 if hi < 10 else 0)
        return _forms(rng, "std", s, x, unit, glyphs=glyphs)
    if kind == "ratio":
        x = rng.choice((0.85, 0.9, 0.95, 0.98))
        return _forms(rng, "ge", _trim(x), x, "", glyphs=glyphs)
    if kind == "pos":
        unit = args[0] if args else ""
        if rng.random() < 0.6:
            return ValueSpec(
                sym=rng.choice((">", "＞")),
                body="0",
                unit_w=unit,
                comparator=">",
                value=0.0,
                unit=unit or None,
            )
        return ValueSpec(body="大于0", unit_w=unit, comparator=">", value=0.0, unit=unit or None)
    if kind == "cost":
        funds = t.funds_total if t.funds_total else rng.uniform(10, 500)
        share = 1.0 if rng.random() < 0.6 else rng.choice((0.2, 0.3, 0.5, 0.6))
        x = funds * share
        if t.funds_unit == "元" and rng.random() < 0.5:
            n = round(x * 10000)
            return _forms(rng, "le", str(n), float(n), "元", glyphs=glyphs)
        s = _trim(x, 2) if rng.random() < 0.7 else f"{x:.2f}"
        return _forms(rng, "le", s, float(s), "万元", glyphs=glyphs)
    raise ValueError(f"unknown metric {metric!r}")


def _sentence(rng: random.Random, s: str, x: float, unit: str) -> ValueSpec:
    """Targets written as a clause; the first number is the one recorded (SCHEMA)."""
    form = rng.randrange(4)
    if form == 0:
        return ValueSpec(body=f"累计完成{s}{unit}以上", comparator=">=", value=x, unit=unit)
    if form == 1:
        return ValueSpec(body=f"按照{s}{unit}进行测算", value=x, unit=unit)
    if form == 2:
        return ValueSpec(body=f"全年完成{s}{unit}", value=x, unit=unit)
    w = rng.choice(("不少于", "至少"))
    sub = rng.choice(("脱贫人口", "农村地区", "重点区域", "新增"))
    s2 = str(max(1, int(x) // rng.choice((3, 4, 5))))
    return ValueSpec(body=f"{w}{s}{unit}，其中{sub}{w}{s2}{unit}", comparator=">=", value=x, unit=unit)


_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_FW_SYMS = {"≥": "≧", "≤": "≦", ">=": "≧", "<=": "≦", "=": "＝", ">": "＞", "<": "＜"}


def _fullwidth_value(v: ValueSpec) -> None:
    """Write digits and comparator glyphs full-width, as some Office exports do; the reading is unchanged."""
    v.sym = _FW_SYMS.get(v.sym, v.sym)
    v.body = v.body.translate(_FW_DIGITS)
    v.unit_w = v.unit_w.translate(_FW_DIGITS)


# --------------------------------------------------------------------------- generation

_REASONS = (
    "因疫情原因，年度目标尚未完成。{y1}年将加快工作进度，确保年底内完成工作目标。",
    "受项目审批进度影响，部分工程未能按期开工，下一步将加快推进项目实施。",
    "资金到位较晚，导致项目实施进度滞后，已督促实施单位加快进度。",
    "实际申请人数少于年初预计数，按实有人数进行保障。",
)
_NOTES = (
    "按实际发生数计算",
    "以主管部门统计数据为准",
    "指年度内累计完成数",
    "参照上年度实际完成情况测算",
    "做预算时统计时间未截止，有少部分人群截止时间为{y}.12.31",
    "根据上级下达的目标任务确定",
)


def _long_name(rng: random.Random, name: str, l2: str) -> str:
    """Lengthen a name with a qualifier (15-40 chars), so it wraps as real long names do."""
    prefixes, suffixes = _LONG_AFFIX.get(l2, ((), ()))
    for _ in range(4):
        cand = name
        if prefixes and (not suffixes or rng.random() < 0.7):
            cand = rng.choice(prefixes) + cand
        if suffixes and (cand == name or rng.random() < 0.3):
            cand = cand + rng.choice(suffixes)
        if 15 <= len(cand) <= 40:
            return cand
    return name


def _plan(rng: random.Random, table_type: str) -> list[tuple[str, int]]:
    """Which level2 groups a table has and how many rows each: department tables add 投入/过程 rows."""
    if table_type == "department":
        plan = [
            ("目标设定", rng.randint(1, 2)),
            ("预算配置", rng.randint(1, 2)),
            ("预算执行", rng.randint(1, 2)),
            ("预算管理", rng.randint(1, 2)),
            ("资产管理", 1),
            ("数量", rng.randint(1, 3)),
            ("质量", rng.randint(1, 2)),
            ("时效", 1),
            ("成本", rng.randint(1, 2)),
            ("社会效益", rng.randint(1, 2)),
        ]
        if rng.random() < 0.5:
            plan.append(("可持续影响", 1))
        return plan + [("服务对象满意度", rng.randint(1, 2))]
    plan = [
        ("数量", rng.randint(1, 4)),
        ("质量", rng.randint(1, 3)),
        ("时效", rng.randint(1, 2)),
        ("成本", rng.randint(1, 2)),
    ]
    benefit = ["社会效益"] + [b for b in ("经济效益", "生态效益", "可持续影响") if rng.random() < 0.4]
    if rng.random() < 0.15:
        benefit.remove("社会效益")
        benefit = benefit or ["经济效益"]
    for b in ("经济效益", "社会效益", "生态效益", "可持续影响"):
        if b in benefit:
            plan.append((b, rng.randint(1, 2)))
    return plan + [("服务对象满意度", rng.randint(1, 2))]


def _pool(sector: str, l2: str, table_type: str) -> list[str]:
    """Candidate rows for a level2: the sector's own first, then generic ones any project may carry."""
    own = list(SECTORS[sector]["ind"].get(l2, []))
    if table_type == "department" and l2 in _DEPT_OUTPUT:
        return _DEPT_OUTPUT[l2] + own[:2]
    return own + _GENERIC.get(l2, [])


def _self_eval_actual(rng: random.Random, ind: IndicatorSpec, year: int | None) -> None:
    """Fill actual/score/reason for a self-evaluation row; weight must already be set."""
    t = ind.target
    status = _wchoice(rng, (("done", 7), ("partial", 2), ("fail", 1)))
    w = ind.weight or 0.0
    if status == "done":
        if t.kind == "quantity" and t.sym and t.value is not None and rng.random() < 0.6:
            bump = (
                t.value
                if rng.random() < 0.5 or t.comparator != ">="
                else t.value + max(1, round(t.value * 0.05))
            )
            ind.actual_text = t.sym + _trim(bump) + t.unit_w
        else:
            ind.actual_text = rng.choice(("达成年度指标", "已完成", "完成", t.text or "达成年度指标"))
        ind.score = w
        if rng.random() < 0.15:
            ind.note = "执行情况较好，超出预期"
    else:
        if status == "partial":
            ind.actual_text = "部分达成年度指标并具有一定效果"
            ind.score = round(w * rng.uniform(0.4, 0.9), 2)
        else:
            if t.kind == "quantity" and t.sym:
                ind.actual_text = t.sym + "0" + t.unit_w
            else:
                ind.actual_text = "未达成年度指标且效果较差"
            ind.score = None if rng.random() < 0.3 else 0.0
        ind.note = rng.choice(_REASONS).format(y1=(year or 2022) + 1)


def generate_tables(
    rng: random.Random,
    n: int,
    sector: str | None = None,
    *,
    table_type: str | None = None,
    weights: bool = False,
    department_first: bool = False,
    glyphs: bool = False,
) -> list[TableSpec]:
    """Draw ``n`` new tables of one department (one region, one sector), as a disclosure holds.

    ``table_type`` forces the type of every table; otherwise tables are project tables, with a
    department-wide table first when ``department_first``. ``weights`` adds a weight to every row
    (self-evaluation tables always carry weights and scores). ``glyphs`` favours comparator glyphs
    over words, for layouts that print the comparator in its own column.
    """
    sector = sector or rng.choice(sorted(SECTORS))
    sec = SECTORS[sector]
    region = rng.choice(_REGIONS)
    dept = region + rng.choice(sec["dept"])
    year = rng.choice((2021, 2022, 2023, 2024, 2025))
    projects = list(sec["projects"])
    rng.shuffle(projects)
    out: list[TableSpec] = []
    for k in range(n):
        ttype = table_type or ("department" if department_first and k == 0 else "project")
        t = TableSpec(project="", table_type=ttype, sector=sector)
        t.year = year if rng.random() < 0.9 else None
        if ttype == "department":
            t.project = dept
        else:
            base = projects[k % len(projects)]
            t.project = rng.choice((base, base, f"{region}{base}", f"{year}年{base}"))
            t.department = dept if rng.random() < 0.9 else None
            t.implementer = (
                rng.choice((dept, dept, region + rng.choice(sec["impl"]))) if rng.random() < 0.92 else None
            )
        if rng.random() < 0.93:
            hi = 20000 if ttype == "department" else 3000
            wan = round(rng.uniform(1, hi) * (1 if rng.random() < 0.7 else 0.05), 2)
            t.funds_total = max(wan, 0.5)
        t.funds_unit = "元" if ttype == "self_evaluation" or rng.random() < 0.12 else "万元"
        goals = rng.sample(sec["goals"], k=min(len(sec["goals"]), rng.randint(1, 3)))
        if len(goals) > 1 and rng.random() < 0.6:
            t.goal = "".join(f"目标{i + 1}：{g}；" for i, g in enumerate(goals)).rstrip("；") + "。"
        else:
            t.goal = "，".join(goals) + "。"
        for l2, count in _plan(rng, ttype):
            pool = _pool(sector, l2, ttype)
            for item in rng.sample(pool, k=min(count, len(pool))):
                name, metric = item.split("|")
                if rng.random() < 0.25 and not metric.startswith(("date", "text")):
                    name = _long_name(rng, name, l2)
                target = _make_value(rng, metric, t, year, glyphs)
                ind = IndicatorSpec(level1=LEVEL1_OF[l2], level2=l2, name=name, target=target)
                if rng.random() < 0.1 and ttype != "self_evaluation":
                    ind.note = rng.choice(_NOTES).format(y=t.year or year)
                t.indicators.append(ind)
        if weights or ttype == "self_evaluation":
            for ind in t.indicators:
                ind.weight = float(rng.choice((2, 3, 4, 5, 5, 10, 10, 15, 20)))
        if ttype == "self_evaluation":
            for ind in t.indicators:
                _self_eval_actual(rng, ind, t.year)
        out.append(t)
    return out


def _as_self_eval(t: TableSpec, rng: random.Random) -> TableSpec:
    """Turn a target table into a self-evaluation of it, with synthetic results."""
    t = copy.deepcopy(t)
    if t.table_type == "self_evaluation":
        return t
    t.table_type = "self_evaluation"
    for ind in t.indicators:
        ind.weight = ind.weight if ind.weight is not None else float(rng.choice((2, 5, 10, 10, 20)))
        ind.note = ""
        _self_eval_actual(rng, ind, t.year)
    return t


def _with_weights(t: TableSpec, rng: random.Random) -> TableSpec:
    """Give every row a weight, for the weights layout; existing weights are kept."""
    t = copy.deepcopy(t)
    for ind in t.indicators:
        if ind.weight is None:
            ind.weight = float(rng.choice((2, 3, 5, 10, 10, 20)))
    return t


# --------------------------------------------------------------------------- text helpers


def _cw(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _dwidth(s: str) -> int:
    return sum(_cw(c) for c in s)


_TOKEN_RE = re.compile(r"[A-Za-z0-9.,%~\-/:+()]+|\s+|.")


def _wrap(text: str, width: int) -> list[str]:
    """Wrap at ``width`` wide characters (narrow ones count half), keeping ASCII runs such as
    ``2,664.00`` whole: PDF extractors break lines between glyph boxes, rarely inside a number."""
    return [line for line, _ in _wrap_segments([(text, True)], width)]


def _wrap_segments(segs: Sequence[tuple[str, bool]], width: int) -> list[tuple[str, bool]]:
    """Wrap the concatenation of ``segs`` and say for each line whether it holds a key char."""
    toks: list[tuple[str, bool]] = []
    for text, key in segs:
        toks.extend((m.group(0), key) for m in _TOKEN_RE.finditer(text))
    lines: list[tuple[str, bool]] = []
    cur, cur_key, cw = "", False, 0.0
    limit = width * 2
    for tok, key in toks:
        tw = _dwidth(tok)
        if tok.isspace():
            if cur:
                cur, cw = cur + tok, cw + tw
            continue
        if cur and cw + tw > limit:
            lines.append((cur.rstrip(), cur_key))
            cur, cur_key, cw = "", False, 0.0
        while tw > limit and len(tok) > 1:  # an ASCII run longer than the column: hard split
            cut = max(1, limit - int(cw))
            cur += tok[:cut]
            cur_key = cur_key or key
            lines.append((cur.rstrip(), cur_key))
            tok, cur, cur_key, cw = tok[cut:], "", False, 0.0
            tw = _dwidth(tok)
        cur += tok
        cur_key = cur_key or key
        cw += tw
    if cur.strip():
        lines.append((cur.rstrip(), cur_key))
    return [(s.lstrip(), k) for s, k in lines if s.strip()]


def _compose(cells: Sequence[tuple[int, str]]) -> str:
    """Place texts at display columns, as ``pdftotext -layout`` pads them."""
    out = ""
    for pos, text in sorted(cells):
        if not text:
            continue
        w = _dwidth(out)
        out += " " * (pos - w) if pos > w else (" " if out else "")
        out += text
    return out.rstrip()


class _Doc:
    """Lines under construction; ``add`` returns the 1-based number of the line it wrote."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    @property
    def n(self) -> int:
        return len(self.lines)

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)

    def gap(self, rng: random.Random, p: float = 1.0, k: int = 1) -> None:
        if self.lines and self.lines[-1].strip() and rng.random() < p:
            for _ in range(k):
                self.add("")


# --------------------------------------------------------------------------- table grid


@dataclass
class _Cfg:
    """Per-table rendering choices: written labels, value columns, category repetition."""

    l1: dict[str, str]
    l2: dict[str, str]
    split: str = "none"  # none | sym | sym3
    qual_word: bool = True
    sym_space: bool = False
    repeat_cats: bool = False
    note_col: bool = True
    l1_points: bool = False
    header: dict[str, str] = field(default_factory=dict)


def _labels(rng: random.Random, t: TableSpec) -> tuple[dict[str, str], dict[str, str]]:
    """Written category labels for one table: with or without 指标, sometimes the old 效果指标 form."""
    suffix = 0 if rng.random() < 0.65 else 1
    l1 = {k: v[suffix] if rng.random() > 0.15 else rng.choice(v) for k, v in _L1_WRITTEN.items()}
    l2 = {k: v[suffix] if rng.random() > 0.2 else rng.choice(v) for k, v in _L2_WRITTEN.items()}
    if t.table_type == "project" and rng.random() < 0.2:  # the old form: 满意度 rows under 效果指标
        l1["效益"] = "效果指标"
        if rng.random() < 0.6:
            l1["满意度"] = "效果指标"
            l2["服务对象满意度"] = rng.choice(("服务对象满意度指标", "社会公众或服务对象满意度指标"))
    return l1, l2


def _make_cfg(
    rng: random.Random, t: TableSpec, *, split: str | None = None, note_col: bool | None = None
) -> _Cfg:
    """Draw one table's rendering choices; header labels vary as they do between provinces."""
    l1, l2 = _labels(rng, t)
    has_notes = any(i.note for i in t.indicators)
    cfg = _Cfg(
        l1=l1,
        l2=l2,
        split=split or "none",
        qual_word=rng.random() < 0.8,
        sym_space=rng.random() < 0.25,
        repeat_cats=rng.random() < 0.15,
        note_col=has_notes or (rng.random() < 0.6 if note_col is None else note_col),
        l1_points=t.table_type == "self_evaluation" and rng.random() < 0.6,
    )
    cfg.header = {
        "l1": "一级指标",
        "l2": "二级指标",
        "name": rng.choice(("三级指标", "三级指标", "*三级指标", "指标名称")),
        "weight": rng.choice(("权重", "分值", "指标权重", "权重（%）")),
        "note": rng.choice(("说明", "备注", "指标值说明")),
    }
    if t.table_type == "self_evaluation":
        cfg.header.update(
            val=rng.choice(("年度指标值(A)", "年度指标值", "年度指标值（A）")),
            actual=rng.choice(("实际完成值(B)", "实际完成值", "全年实际值（B）")),
            weight="分值",
            score="得分",
            note=rng.choice(("未完成原因分析", "偏差原因分析及改进措施")),
        )
    elif cfg.split == "none":
        cfg.header["val"] = rng.choice(("指标值", "指标值", "年度指标值", "绩效指标值", "目标值"))
    else:
        cfg.header["sym"] = rng.choice(("计算符号", "*符号", "指标性质", "绩效指标性质"))
        cfg.header["val"] = rng.choice(("指标值", "*值", "绩效指标值"))
        cfg.header["unit"] = rng.choice(("计量单位", "度量单位", "绩效度量单位"))
    return cfg


def _roles(t: TableSpec, cfg: _Cfg) -> list[str]:
    """The table's columns, in order, named by role."""
    roles = ["l1", "l2", "name"]
    if t.table_type == "self_evaluation":
        return roles + ["val", "actual", "weight", "score", "note"]
    roles += {"none": ["val"], "sym": ["sym", "val"], "sym3": ["sym", "val", "unit"]}[cfg.split]
    if any(i.weight is not None for i in t.indicators):
        roles.append("weight")
    if cfg.note_col:
        roles.append("note")
    return roles


Cell = tuple[str, str, bool]  # role, text, key (part of a field -> counts for the span)


def _group_points(t: TableSpec) -> dict[str, float]:
    pts: dict[str, float] = {}
    for i in t.indicators:
        pts[i.level1] = pts.get(i.level1, 0.0) + (i.weight or 0.0)
    return pts


def _rows(t: TableSpec, cfg: _Cfg) -> list[list[Cell]]:
    """Every indicator row as cells in role order; category cells only where a group starts."""
    roles = _roles(t, cfg)
    pts = _group_points(t)
    rows: list[list[Cell]] = []
    prev1 = prev2 = None
    for ind in t.indicators:
        w1 = cfg.l1.get(ind.level1, ind.level1)
        w2 = cfg.l2.get(ind.level2 or "", ind.level2 or "")
        show1 = cfg.repeat_cats or w1 != prev1
        show2 = cfg.repeat_cats or show1 or w2 != prev2
        prev1, prev2 = w1, w2
        if show1 and cfg.l1_points and pts.get(ind.level1):
            w1 = f"{w1}({_fmt_g(pts[ind.level1])}分)"
        v = ind.target
        cells: dict[str, Cell] = {
            "l1": ("l1", w1 if show1 else "", False),
            "l2": ("l2", w2 if show2 else "", False),
            "name": ("name", ind.name, True),
            "weight": ("weight", _fmt_g(ind.weight) if ind.weight is not None else "", True),
            "score": ("score", _fmt_g(ind.score) if ind.score is not None else "", True),
            "actual": ("actual", ind.actual_text or "", True),
            "note": ("note", ind.note, False),
        }
        qual = "定性" if cfg.qual_word and v.kind != "quantity" and not v.sym else ""
        if cfg.split == "none" or t.table_type == "self_evaluation":
            gap = " " if cfg.sym_space and v.sym and (v.body or v.unit_w) else ""
            cells["val"] = ("val", v.sym + gap + v.body + v.unit_w, True)
        elif cfg.split == "sym":
            cells["sym"] = ("sym", v.sym or qual, bool(v.sym))
            cells["val"] = ("val", v.body + v.unit_w, True)
        else:
            cells["sym"] = ("sym", v.sym or qual, bool(v.sym))
            cells["val"] = ("val", v.body, True)
            cells["unit"] = ("unit", v.unit_w, True)
        rows.append([cells[r] for r in roles])
    return rows


def _header_cells(t: TableSpec, cfg: _Cfg) -> list[str]:
    """Header labels in role order."""
    return [cfg.header.get(r, "") for r in _roles(t, cfg)]


# --------------------------------------------------------------------------- metadata


def _fmt_amount(rng: random.Random, wan: float, unit: str) -> str:
    """A funds amount in the table's unit, with or without separators and decimals."""
    if unit == "元":
        y = round(wan * 10000)
        return rng.choice((str(y), f"{y:,}", f"{y}.00"))
    return rng.choice((f"{wan:.2f}", f"{wan:,.2f}", _trim(wan)))


def _meta(t: TableSpec, rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """Title lines and metadata rows; every non-null table field is stated exactly once."""
    titles: list[str] = []
    rows: list[list[str]] = []
    y = t.year
    se = t.table_type == "self_evaluation"
    if t.table_type == "department":
        base = rng.choice(
            ("部门整体支出绩效目标表", "部门（单位）整体支出绩效目标申报表", "部门整体支出绩效目标批复表")
        )
    elif se:
        base = rng.choice(("项目支出绩效目标自评表", "项目支出绩效自评表"))
    else:
        base = rng.choice(
            (
                "项目支出绩效目标表",
                "项目支出绩效目标批复表",
                "项目支出绩效目标申报表",
                "特定目标类项目绩效目标表",
                "预算项目绩效目标表",
            )
        )
    if rng.random() < 0.3:
        titles.append(rng.choice(("附表7", "附件2：", "附件3", "表6-1")))
    year_mode = rng.choice(("title", "title", "line", "field")) if y else None
    titles.append(f"{y}年{base}" if year_mode == "title" else base)
    if year_mode == "line":
        titles.append(f"（{y:,}年度）" if se and rng.random() < 0.3 else f"（{y}年度）")
    unit = t.funds_unit
    unit_mode = rng.choice(("title", "label", "value")) if t.funds_total is not None else None
    if se:
        unit_mode = "label" if unit_mode else None
    if unit_mode == "value" and unit == "元":
        unit_mode = "label"
    if unit_mode == "title":
        titles.append(rng.choice((f"单位：{unit}", f"金额单位：{unit}")))
    if se:
        titles.append(f"单位（盖章）： 填报日期：{(y or 2022) + 1}/01/{rng.randint(10, 28)}")

    def amount(wan: float) -> str:
        return _fmt_amount(rng, wan, unit) + (unit if unit_mode == "value" else "")

    lab = f"（{unit}）" if unit_mode == "label" else ""
    if t.table_type == "department":
        rows.append([rng.choice(("部门名称", "预算单位名称", "预算（单位）名称", "单位名称")), t.project])
        if year_mode == "field":
            rows.append(["预算年度", str(y)])
        if t.funds_total is not None:
            basic = round(t.funds_total * rng.uniform(0.2, 0.6), 2)
            rows.append(["部门年度预算情况", f"资金总额{lab}：", amount(t.funds_total)])
            rows.append(["", "其中：基本支出", amount(basic)])
            rows.append(["", "项目支出", amount(round(t.funds_total - basic, 2))])
        label = SECTORS.get(t.sector, {}).get("label", "相关")
        rows.append(
            [
                "部门职能职责概述",
                f"贯彻执行国家和省有关{label}工作的法律法规和方针政策，拟订并组织实施{label}发展规划；"
                f"负责{label}领域项目资金的管理和监督，完成上级交办的其他任务。",
            ]
        )
        rows.append([rng.choice(("部门年度绩效目标", "年度绩效目标")), t.goal])
        return titles, rows
    if not se and rng.random() < 0.25:
        rows.append(
            [
                "一级项目名称",
                rng.choice(("特定目标-单位发展专项", "特定目标-基本民生配套", "部门预算项目")),
                "二级项目名称",
                t.project,
            ]
        )
    else:
        extra = (
            ["项目负责人及电话", f"{rng.choice(_PEOPLE)} {rng.randint(70000000, 89999999)}"]
            if rng.random() < 0.2
            else []
        )
        rows.append(["项目名称", t.project, *extra])
    if year_mode == "field":
        rows.append(["预算年度", str(y)])
    dl = rng.choice(("主管部门", "主管部门", "主管部门及代码"))
    dv = t.department or ""
    if dv and dl == "主管部门及代码" and rng.random() < 0.7:
        dv = f"[{rng.randint(101, 699)}]{dv}"
    if t.implementer:
        rows.append([dl, dv, "实施单位", t.implementer])
    elif dv:
        rows.append([dl, dv])
    if t.funds_total is not None:
        if se:
            a = amount(t.funds_total)
            spent = t.funds_total * rng.uniform(0.3, 1.0)
            b = _fmt_amount(rng, spent, unit)
            rate = spent / t.funds_total * 100
            init = a if rng.random() < 0.85 else "0"
            rows.append(
                [
                    f"项目资金{lab}",
                    "资 金 来 源",
                    "年初预算数",
                    "全年预算数（A）",
                    "全年执行数（B）",
                    "分值",
                    "执行率",
                    "得分",
                ]
            )
            rows.append(["", "年度资金总额：", init, a, b, "10", f"{rate:.2f}", _fmt_g(rate / 10)])
            rows.append(["", "财政拨款：", init, a, b, "-", "-", "-"])
            rows.append(["", "其他：", "0", "0", "0", "-", "-", "-"])
        elif rng.random() < 0.6:
            a = amount(t.funds_total)
            rows.append([f"资金情况{lab}", "年度资金总额：", a])
            rows.append(["", "其中：财政拨款", a])
            rows.append(["", "其他资金", "0"])
        else:
            rows.append([f"年度资金总额{lab}：", amount(t.funds_total)])
    if se:
        rows.append(["年度总体目标", "预期目标", "实际完成情况"])
        rows.append(["", t.goal, rng.choice((t.goal, "已按计划完成年度目标任务。"))])
    elif rng.random() < 0.5:
        rows.append(["年度总体目标", t.goal])
    else:
        rows.append(["总体目标", "年度目标"])
        rows.append(["", t.goal])
    return titles, rows


def _emit_meta_text(
    doc: _Doc, titles: list[str], rows: list[list[str]], rng: random.Random, *, centre: int = 0
) -> None:
    """Metadata as a PDF text dump prints it: cells joined by spaces, long text wrapped."""
    doc.gap(rng, 0.9)
    for title in titles:
        doc.add(" " * centre + title if centre else title)
        doc.gap(rng, 0.5)
    width = rng.randint(30, 44)
    for cells in rows:
        parts = [c for c in cells if c]
        if not parts:
            continue
        indent = rng.choice(("  ", "       ", "             ")) if not cells[0] and len(parts) < 4 else ""
        line = indent + " ".join(parts)
        if _dwidth(line) <= width * 2:
            doc.add(line)
        elif len(parts) == 2 and rng.random() < 0.5:
            doc.add(parts[0])
            doc.gap(rng, 0.5)
            for frag in _wrap(parts[1], width):
                doc.add(frag)
                doc.gap(rng, 0.3)
        else:
            for frag in _wrap(line, width):
                doc.add(frag)
                doc.gap(rng, 0.3)
        doc.gap(rng, 0.6)


# --------------------------------------------------------------------------- pdf_wrapped


def _stack(cols: Sequence[tuple[str, list[str], int, bool]]) -> list[list[tuple[str, bool]]]:
    """Lay cell fragments out on lines: (role, fragments, first line offset, key)."""
    height = max((off + len(fr) for _, fr, off, _ in cols if fr), default=0)
    out: list[list[tuple[str, bool]]] = [[] for _ in range(height)]
    for _, frags, off, key in cols:
        for k, frag in enumerate(frags):
            out[off + k].append((frag, key))
    return out


def _emit_wrapped(
    doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg, *, line_by_line: bool = False
) -> list[tuple[int, int]]:
    """PDF text dump (seeds 000/003): cells joined by spaces, each wrapped at its column width, fragments
    stacked top-aligned, centred or after the name; categories inline or on their own lines.
    ``line_by_line`` (render option): text written line by line from the page (pdfplumber's text,
    PyMuPDF): no blank lines, every cell centred in its row, every label at the middle of its group."""
    titles, rows = _meta(t, rng)
    _emit_meta_text(doc, titles, rows, rng)
    roles = _roles(t, cfg)
    width = {r: rng.randint(6, 14) for r in roles}
    width.update(l1=rng.randint(4, 9), l2=rng.randint(4, 9), sym=2, unit=rng.randint(2, 4), weight=3, score=3)
    hdr = rng.choice(("vertical", "vertical", "line", "wrapped"))
    if hdr == "vertical":
        for ch in "绩效指标":
            doc.add(ch + " " * rng.choice((0, 0, 10, 16, 17)))
            doc.gap(rng, 0.35)
    elif hdr == "line":
        doc.add(rng.choice(("绩效指标", "年度绩效指标")))
    else:
        doc.add("年度绩效指")
        doc.gap(rng, 0.6)
        doc.add("标")
    doc.gap(rng, 0.8)
    doc.add(" ".join(h for h in _header_cells(t, cfg) if h))
    doc.gap(rng, 0.8)
    p_inner = rng.choice((0.0, 0.15, 0.35))
    p_between = rng.choice((0.6, 0.9, 1.0))
    p_before = rng.random()
    modes = (("top", rng.random()), ("center", rng.random()), ("seq", rng.random()))
    note_after = rng.random() < 0.6
    centred = line_by_line
    rows = _rows(t, cfg)
    labels_at: dict[tuple[int, int], list[str]] = {}
    if centred:
        p_inner = p_between = 0.0
        rows, labels_at = _centre_labels(rows, width)
    spans: list[tuple[int, int]] = []
    for ri, row in enumerate(rows):
        cats = [(r, _wrap(x, width[r]), 0, False) for r, x, _ in row if r in ("l1", "l2") and x]
        body = [(r, _wrap(x, width[r]), k) for r, x, k in row if r not in ("l1", "l2") and x]
        if cats and rng.random() < p_before:
            if rng.random() < 0.5:
                for line in _stack(cats):
                    doc.add(" ".join(f for f, _ in line))
                    doc.gap(rng, p_inner)
            else:
                for _, frags, _, _ in cats:
                    for frag in frags:
                        doc.add(frag)
                        doc.gap(rng, 0.3)
                    doc.gap(rng, 0.5)
            doc.gap(rng, 0.6)
            cats = []
        mode = _wchoice(rng, modes)
        keyed = [c for c in body if c[0] != "note"]
        n_name = len(next((fr for r, fr, _ in body if r == "name"), []))
        h_key = max(len(fr) for _, fr, _ in keyed)
        cols: list[tuple[str, list[str], int, bool]] = list(cats)
        after = rng.random() < 0.5
        notes = [c for c in body if c[0] == "note"]
        if centred:
            mode = "center"
            h_key = max([h_key, *(len(fr) for _, fr, _ in notes)])
            # (symbol, number and unit cells centred as one block: a target read in order)
            h_val = max([0, *(len(fr) for r, fr, _ in keyed if r in ("sym", "val", "unit"))])
        for r, frags, key in keyed:
            if (mode == "top" or r == "name") and not centred:
                off = 0
            elif centred and r in ("sym", "val", "unit"):
                off = (h_key - h_val) // 2
            elif mode == "center":
                off = (h_key - len(frags)) // 2
            else:  # seq: values after the name, on its last line or the next
                off = n_name if after else max(0, n_name - 1)
            cols.append((r, frags, off, key))
        key_end = max(off + len(fr) for r, fr, off, _ in cols if r not in ("l1", "l2"))
        for r, frags, key in notes:
            cols.append((r, frags, (h_key - len(frags)) // 2 if centred else key_end if note_after else 0, key))
        first = last = 0
        lines = _stack(cols)
        for k, line in enumerate(lines):
            line = [(f, False) for f in labels_at.get((ri, k), [])] + line
            num = doc.add(" ".join(f for f, _ in line))
            if any(key for _, key in line):
                first, last = first or num, num
            if k < len(lines) - 1:
                doc.gap(rng, p_inner)
        assert first, "a row must print its name"
        spans.append((first, last))
        doc.gap(rng, p_between)
    if t.table_type == "self_evaluation":
        total = sum(i.weight or 0 for i in t.indicators) + 10
        got = sum(i.score or 0 for i in t.indicators)
        doc.add(f"总         分 {_fmt_g(total)} {_fmt_g(got)}")
        doc.gap(rng, 0.8)
        for ch in "自评结论":
            doc.add(ch + rng.choice(("", " ", "   ")))
        doc.gap(rng, 0.8)
        doc.add(t.goal)
    return spans


def _centre_labels(
    rows: list[list[Cell]], width: dict[str, int]
) -> tuple[list[list[Cell]], dict[tuple[int, int], list[str]]]:
    """Move each category label from its group's first row to the middle line of its group
    (merged cells centred vertically), as ``(row, line in row) -> label pieces``; the rows
    are returned without label cells.  A row is as tall as its tallest cell."""
    height = [max([1, *(len(_wrap(x, width[r])) for r, x, _ in row if r not in ("l1", "l2") and x)]) for row in rows]
    bare = [[(r, "" if r in ("l1", "l2") else x, k) for r, x, k in row] for row in rows]
    where: list[tuple[int, int]] = [(i, k) for i, h in enumerate(height) for k in range(h)]
    first_line = [sum(height[:i]) for i in range(len(rows))]
    out: dict[tuple[int, int], list[str]] = {}
    for level in ("l1", "l2"):
        starts = [i for i, row in enumerate(rows) if any(r == level and x for r, x, _ in row)]
        for g, i in enumerate(starts):
            end = starts[g + 1] if g + 1 < len(starts) else len(rows)
            if level == "l2":  # (a level-2 group ends where the next level-1 group starts)
                end = min([end, *(j for j in range(i + 1, end) if any(r == "l1" and x for r, x, _ in rows[j]))])
            text = next(x for r, x, _ in rows[i] if r == level)
            pieces = _wrap(text, width[level])
            top, bottom = first_line[i], first_line[end - 1] + height[end - 1] - 1
            at = (top + bottom) // 2 - (len(pieces) - 1) // 2
            for k, piece in enumerate(pieces):
                line = min(max(at + k, top), bottom)
                out.setdefault(where[line], []).append(piece)
    return bare, out


# --------------------------------------------------------------------------- pdf_layout


@dataclass
class _LLine:
    """One line of a ``-layout`` table: cells by role, or raw text (footers); ``key_row`` is the row
    whose fields it holds."""

    cells: dict[str, str] = field(default_factory=dict)
    raw: str | None = None
    key_row: int = -1
    ff: bool = False


@dataclass
class _Pager:
    """Page state across a document: lines left on the page, page number, break style."""

    page_len: int
    style: str
    left: int = 0
    page: int = 1

    def __post_init__(self) -> None:
        self.left = self.page_len


def _emit_layout(
    doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg, pager: _Pager
) -> list[tuple[int, int]]:
    """``pdftotext -layout``: cells padded to column stops, merged category cells printed once per page
    segment, page breaks with footers and/or form feeds and a repeated header."""
    titles, rows = _meta(t, rng)
    _emit_meta_text(doc, titles, rows, rng, centre=rng.choice((0, 20, 30)))
    pager.left -= 8
    roles = _roles(t, cfg)
    width = {r: rng.randint(6, 12) for r in roles}
    width.update(l1=rng.randint(4, 7), l2=rng.randint(4, 9), sym=2, unit=rng.randint(2, 4), weight=3, score=3)
    pos: dict[str, int] = {}
    col = rng.randint(0, 4)
    for r in roles:
        pos[r] = col
        col += 2 * width[r] + rng.randint(2, 5)
    centre_rows = rng.random() < 0.5
    centre_cats = rng.random() < 0.7
    p_sep = rng.choice((0.0, 0.5, 1.0))
    header = dict(zip(roles, _header_cells(t, cfg), strict=True))
    body: list[_LLine] = [_LLine(raw=""), _LLine(cells=dict(header)), _LLine(raw="")]
    ranges: list[tuple[int, int, int]] = []  # row -> first, last body index, page
    pending_ff = False
    grid = _rows(t, cfg)
    for i, row in enumerate(grid):
        frags = {r: _wrap(x, width[r]) for r, x, _ in row if x and r not in ("l1", "l2")}
        keys = {r for r, x, k in row if k and x}
        height = max(len(f) for f in frags.values())
        if pager.left < height + 1 and i > 0:
            footer = rng.choice(
                (f"第 {pager.page} 页", f"- {pager.page} -", f"第{pager.page}页 共{pager.page + 2}页")
            )
            if pager.style in ("footer", "both"):
                body.append(_LLine(raw=""))
                body.append(_LLine(raw=" " * rng.randint(20, 40) + footer))
            pending_ff = pager.style in ("ff", "both")
            pager.page += 1
            pager.left = pager.page_len
            if rng.random() < 0.85:
                body.append(_LLine(cells=dict(header), ff=pending_ff))
                pending_ff = False
                body.append(_LLine())
        start = len(body)
        for k in range(height):
            line = _LLine(ff=pending_ff and k == 0)
            for r, fr in frags.items():
                off = (height - len(fr)) // 2 if centre_rows else 0
                if off <= k < off + len(fr):
                    line.cells[r] = fr[k - off]
                    if r in keys:
                        line.key_row = i
            body.append(line)
        pending_ff = False
        ranges.append((start, len(body) - 1, pager.page))
        pager.left -= height
        if rng.random() < p_sep:
            body.append(_LLine())
            pager.left -= 1
    # category cells: merged cells print once per page segment, centred or at the top
    for role in ("l1", "l2"):
        groups: list[list[int]] = []
        for i, row in enumerate(grid):
            label = next(x for r, x, _ in row if r == role)
            if label or not groups:
                groups.append([i])
            else:
                groups[-1].append(i)
        for g in groups:
            label = next(x for r, x, _ in grid[g[0]] if r == role)
            if not label:
                continue
            pages = sorted({ranges[i][2] for i in g})
            for p in pages if rng.random() < 0.3 else pages[:1]:
                seg = [i for i in g if ranges[i][2] == p]
                a, b = ranges[seg[0]][0], ranges[seg[-1]][1]
                n_lines = b - a + 1
                fr = _wrap(label, width[role])
                if len(fr) > n_lines:
                    fr = _wrap(label, -(-len(label) // n_lines) + 1)
                fr = fr[: n_lines - 1] + ["".join(fr[n_lines - 1 :])] if len(fr) > n_lines else fr
                start = a + (n_lines - len(fr)) // 2 if centre_cats else a
                for k, f in enumerate(fr):
                    body[start + k].cells[role] = f
    spans: dict[int, list[int]] = {}
    for ln in body:
        text = ln.raw if ln.raw is not None else _compose([(pos[r], x) for r, x in ln.cells.items()])
        num = doc.add(("\f" if ln.ff else "") + text)
        if ln.key_row >= 0:
            spans.setdefault(ln.key_row, []).append(num)
    return [(min(spans[i]), max(spans[i])) for i in range(len(grid))]


# --------------------------------------------------------------------------- pipe / tab


def _pipe_line(cells: Sequence[str]) -> str:
    return "|" + "".join(f" {c} |" if c else " |" for c in cells)


def _damage_spec(t: TableSpec, rng: random.Random) -> None:
    """Truncated cells, as narrow spreadsheet columns leave them; the gold keeps what remains."""
    if len(t.indicators) < 3 or rng.random() > 0.35:
        return
    ind = rng.choice(t.indicators)
    if rng.random() < 0.5 and len(ind.name) >= 8:
        ind.name = ind.name[: rng.randint(5, len(ind.name) - 2)]
    elif ind.target.sym and ind.target.kind == "quantity":
        ind.target = ValueSpec(sym=ind.target.sym, kind="quantity", comparator=ind.target.comparator)
    elif ind.note:
        ind.note = ind.note[:6]


def _spaced_name(rng: random.Random, cells: list[str], p: float) -> list[str]:
    """Cell line breaks that an export turned into spaces (``城镇职工医 疗保险参保率``)."""
    if rng.random() < p and len(cells[0]) > 5:
        k = rng.randint(2, len(cells[0]) - 2)
        cells[0] = cells[0][:k] + " " + cells[0][k:]
    return cells


def _shift(rng: random.Random, cells: list[str], val_at: int) -> list[str]:
    """Move a row's cells as merged-cell exports do (seeds 002, 004): left over its empty category
    cells, right by one (the row gains a cell), or the value alone into the next (说明) column."""
    lead_empty = next((k for k, c in enumerate(cells) if c), 0)
    how = rng.choice(("left", "left", "right", "value"))
    if how == "left" and lead_empty:
        k = rng.randint(1, lead_empty)
        return cells[k:] + [""] * k
    if how == "right":
        return ["", *cells]
    if how == "value" and 0 <= val_at < len(cells) - 1 and not cells[val_at + 1]:
        return cells[:val_at] + ["", cells[val_at]] + cells[val_at + 2 :]
    return cells


def _grid_lines(
    doc: _Doc,
    t: TableSpec,
    rng: random.Random,
    cfg: _Cfg,
    fmt: Callable[[Sequence[str]], str],
    *,
    lead: bool,
    header: list[list[str]],
    damage: bool,
) -> list[tuple[int, int]]:
    """Rows of a spreadsheet-like table, one line each, with the damage real exports show."""
    roles = _roles(t, cfg)
    grid = _rows(t, cfg)
    ncols = len(roles) + (1 if lead else 0)
    hdr_lines = [fmt((h + [""] * ncols)[: max(ncols, len(h))]) for h in header]
    for h in hdr_lines:
        doc.add(h)
    p_shift = rng.choice((0.0, 0.1, 0.2)) if damage else 0.0
    p_lost = rng.choice((0.0, 0.3)) if damage and cfg.repeat_cats else 0.0
    dup_at = rng.randrange(len(grid)) if damage and rng.random() < 0.2 else -1
    spans = []
    prev: dict[str, str] = {}
    for i, row in enumerate(grid):
        if i == dup_at:
            doc.add(hdr_lines[-1])
        cells = [x for _, x, _ in row]
        for j, (r, x, _) in enumerate(row):
            if r in ("l1", "l2") and x and prev.get(r) == x and rng.random() < p_lost:
                cells[j] = ""
            if r in ("l1", "l2") and x:
                prev[r] = x
        ni = roles.index("name")
        cells[ni:] = _spaced_name(rng, cells[ni:], 0.08 if damage else 0.0)
        if lead:
            cells = [""] + cells
        if rng.random() < p_shift:
            cells = _shift(rng, cells, len(cells) - len(roles) + roles.index("val"))
        n = doc.add(fmt(cells))
        spans.append((n, n))
    return spans


def _emit_pipe(doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg, damage: bool) -> list[tuple[int, int]]:
    """Markdown pipes, either one grid holding metadata and indicators (OCR, seed 002) or a headed table
    after text metadata."""
    if damage:
        _damage_spec(t, rng)
    titles, meta = _meta(t, rng)
    doc.gap(rng)
    for title in titles:
        doc.add(title)
        doc.add("")
    roles = _roles(t, cfg)
    hdr = _header_cells(t, cfg)
    if (
        cfg.split == "sym3" and "sym" in roles and rng.random() < 0.6
    ):  # 指标值 over a second header row, as in seed 002
        top = [h if r not in ("sym", "val", "unit") else "" for r, h in zip(roles, hdr, strict=True)]
        top[roles.index("sym")] = "指标值"
        sub = [h if r in ("sym", "val", "unit") else "" for r, h in zip(roles, hdr, strict=True)]
        headers = [top, sub]
    else:
        headers = [hdr]
    if rng.random() < 0.55:  # one grid holding metadata and indicators, as OCR to markdown gives
        ncols = len(roles) + 1
        doc.add(_pipe_line([""] * ncols))
        doc.add("|" + "|".join("-" * rng.choice((2, 3, 8, 16, 24)) for _ in range(ncols)) + "|")
        for cells in meta:
            doc.add(_pipe_line((cells + [""] * ncols)[: max(ncols, len(cells))]))
        headers = [["绩效指标", *headers[0]], *[["", *h] for h in headers[1:]]]
        if damage and rng.random() < 0.2:
            headers = [headers[0], *headers]
        return _grid_lines(doc, t, rng, cfg, _pipe_line, lead=True, header=headers, damage=damage)
    for cells in meta:
        if rng.random() < 0.5:
            doc.add(" ".join(c for c in cells if c))
        else:
            doc.add(_pipe_line([c for c in cells if c]))
    doc.add("")
    first = headers[0]
    lines = [first, ["-" * rng.choice((3, 4, 6)) for _ in first], *headers[1:]]
    if damage and rng.random() < 0.2:
        lines = [first, *lines]
    return _grid_lines(doc, t, rng, cfg, _pipe_line, lead=False, header=lines, damage=damage)


def _tab_line(cells: Sequence[str]) -> str:
    return "\t".join(cells)


def _emit_tab(doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg, damage: bool) -> list[tuple[int, int]]:
    """Tab-separated export (seed 004): metadata rows, then indicator rows with an empty first column."""
    if damage:
        _damage_spec(t, rng)
    titles, meta = _meta(t, rng)
    doc.gap(rng)
    for title in titles:
        doc.add(title)
        doc.add("")
    ncols = len(_roles(t, cfg)) + 1
    for cells in meta:
        pad = [""] * rng.randint(0, 3)
        doc.add(_tab_line(cells + pad))
    hdr = ["绩效指标", *_header_cells(t, cfg)]
    if rng.random() < 0.3:
        doc.add(_tab_line(["", "年度绩效指标"] + [""] * (ncols - 2)))
        hdr[0] = ""
    trail = [""] * rng.choice((0, 0, 1, 2))
    return _grid_lines(
        doc, t, rng, cfg, lambda c: _tab_line(list(c) + trail), lead=True, header=[hdr], damage=damage
    )


# --------------------------------------------------------------------------- web / glued / headings

_FURNITURE_TOP = (
    "首页 > 信息公开 > 财政预决算",
    "当前位置：首页 > 政务公开 > 部门预算",
    "首页 > 政府信息公开 > 法定主动公开内容 > 预算决算",
)


def _emit_cells(doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg) -> list[tuple[int, int]]:
    """A web page copied as text: one cell per line, empty cells dropped or kept as blank lines."""
    titles, meta = _meta(t, rng)
    doc.gap(rng)
    for title in titles:
        doc.add(title)
    for cells in meta:
        for c in cells:
            if c:
                doc.add(c)
    keep_empty = rng.random() < 0.3
    if rng.random() < 0.6:
        doc.add("绩效指标")
    for h in _header_cells(t, cfg):
        if h:
            doc.add(h)
    spans = []
    for row in _rows(t, cfg):
        first = last = 0
        for r, x, key in row:
            if not x:
                if keep_empty and r not in ("l1", "l2"):
                    doc.add("")
                continue
            n = doc.add(x)
            if key:
                first, last = first or n, n
        spans.append((first, last))
    return spans


def _emit_glued(doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg) -> list[tuple[int, int]]:
    """Rows with their cells glued together, one or several rows per line."""
    sep = rng.choice(("", "", " "))
    titles, meta = _meta(t, rng)
    doc.gap(rng)
    for title in titles:
        doc.add(title)
    for cells in meta:
        doc.add(sep.join(c for c in cells if c))
    doc.add(sep.join(h for h in ["绩效指标", *_header_cells(t, cfg)] if h))
    multi = rng.random() < 0.3
    grid = _rows(t, cfg)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(grid):
        k = rng.randint(1, 3) if multi else 1
        chunk = grid[i : i + k]
        n = doc.add(sep.join(x for row in chunk for _, x, _ in row if x))
        spans.extend((n, n) for _ in chunk)
        i += len(chunk)
    return spans


_CN_ORD = "一二三四五六七八九十"


_META_LABELS = {
    "项目名称",
    "一级项目名称",
    "二级项目名称",
    "主管部门",
    "主管部门及代码",
    "实施单位",
    "项目负责人及电话",
    "预算年度",
    "部门名称",
    "预算单位名称",
    "预算（单位）名称",
    "单位名称",
    "年度总体目标",
    "部门职能职责概述",
    "部门年度绩效目标",
    "年度绩效目标",
}


def _kv_line(cells: Sequence[str], sep: str) -> str:
    """Metadata cells as ``label：value`` pairs, the way a web page or report text writes them."""
    parts = [c for c in cells if c]
    out, i = [], 0
    while i < len(parts):
        c = parts[i]
        if i + 1 < len(parts) and c.endswith(("：", ":")):
            out.append(c + parts[i + 1])
            i += 2
        elif i + 1 < len(parts) and c in _META_LABELS:
            out.append(f"{c}：{parts[i + 1]}")
            i += 2
        else:
            out.append(c)
            i += 1
    return sep.join(out)


def _emit_headings(doc: _Doc, t: TableSpec, rng: random.Random, cfg: _Cfg) -> list[tuple[int, int]]:
    """Category headings over one line per indicator (``指标1：name（value）``), sometimes wrapped."""
    titles, meta = _meta(t, rng)
    doc.gap(rng)
    for title in titles:
        doc.add(title)
    sep = rng.choice(("  ", " ", "；"))
    for cells in meta:
        doc.add(_kv_line(cells, sep))
    doc.add(rng.choice(("绩效指标：", "三、绩效指标", "年度绩效指标")))
    style = rng.choice(("bracket", "numbered", "colon"))
    wrap = rng.randint(22, 36) if rng.random() < 0.35 else 0
    spans = []
    prev1 = prev2 = None
    n1 = n2 = k = 0
    for ind in t.indicators:
        w1 = cfg.l1.get(ind.level1, ind.level1)
        w2 = cfg.l2.get(ind.level2 or "", ind.level2 or "")
        if style == "bracket" and (w1, w2) != (prev1, prev2):
            doc.add(rng.choice((f"【{w1}-{w2}】", f"【{w1}】【{w2}】", f"【{w1}—{w2}】")))
            k = 0
        elif style == "numbered":
            if w1 != prev1:
                doc.add(f"{_CN_ORD[n1 % 10]}、{w1}")
                n1, n2 = n1 + 1, 0
            if w1 != prev1 or w2 != prev2:
                doc.add(f"（{_CN_ORD[n2 % 10]}）{w2}")
                n2, k = n2 + 1, 0
        elif style == "colon" and (w1, w2) != (prev1, prev2):
            doc.add(f"{w1}—{w2}：")
        prev1, prev2 = w1, w2
        k += 1
        v = ind.target.sym + ind.target.body + ind.target.unit_w
        segs: list[tuple[str, bool]]
        if style == "bracket":
            segs = [(f"指标{k}：", False), (ind.name, True), ("（", False), (v, True), ("）", False)]
        elif style == "numbered":
            segs = [
                (f"{k}{rng.choice(('. ', '、', '．'))}", False),
                (ind.name, True),
                ("：", False),
                (v, True),
            ]
        else:
            segs = [(ind.name, True), (rng.choice(("：", "，指标值：")), False), (v, True)]
        if ind.actual_text is not None:
            segs += [("，实际完成：", False), (ind.actual_text, True)]
        if ind.weight is not None:
            segs += [(rng.choice(("，权重", "，分值")), False), (_fmt_g(ind.weight), True), ("分", False)]
        if ind.score is not None:
            segs += [("，得分", False), (_fmt_g(ind.score), True)]
        if ind.note:
            segs += [("（说明：", False), (ind.note, False), ("）", False)]
        lines = _wrap_segments(segs, wrap) if wrap else [("".join(s for s, _ in segs), True)]
        first = last = 0
        for text, key in lines:
            n = doc.add(text)
            if key:
                first, last = first or n, n
        spans.append((first, last))
    return spans


# --------------------------------------------------------------------------- prose, final accounts


def _prose(rng: random.Random, sector: str, region: str) -> list[str]:
    """Unrelated report prose (部门职责, 机构设置) that precedes tables in real disclosures."""
    label = SECTORS.get(sector, {}).get("label", "医疗保障")
    heads = ("第一部分 部门概况", "一、部门职责")
    clauses = [
        f"（一）贯彻执行国家和省有关{label}工作的法律法规和方针政策，拟订全{region[-1]}{label}发展规划并组织实施。",
        f"（二）负责{label}领域重点项目的统筹协调和监督管理，指导下属单位开展业务工作。",
        "（三）负责本部门预算编制和执行，管理部门资产，组织开展预算绩效管理工作。",
        "（四）完成上级党委、政府交办的其他任务。",
        f"二、机构设置\n{region}{label}主管部门内设办公室、规划财务股、业务股等{rng.randint(3, 8)}个股室，"
        f"下属事业单位{rng.randint(1, 5)}个。",
    ]
    out = list(heads)
    width = rng.randint(26, 40)
    for c in clauses:
        for para in c.split("\n"):
            out.extend(_wrap(para, width))
            if rng.random() < 0.5:
                out.append("")
    return out


def _final_account(rng: random.Random, sector: str, year: int | None) -> list[list[str]]:
    """A 决算 table of numbers: no indicators, but rows an extractor must not mistake for them."""
    sec = SECTORS.get(sector) or SECTORS["health"]
    code, cname, items = sec["fa"]
    vals = [round(rng.uniform(5, 3000), 2) for _ in items]
    basic = [round(v * rng.choice((0, 0, 1, rng.uniform(0.2, 0.8))), 2) for v in vals]
    rows = [
        [rng.choice(("支出决算表", "一般公共预算财政拨款支出决算表", "收入支出决算总表"))],
        [f"公开0{rng.randint(1, 9)}表"],
        [f"金额单位：万元 {year or 2022}年度"],
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["", "合计", f"{sum(vals):,.2f}", f"{sum(basic):,.2f}", f"{sum(vals) - sum(basic):,.2f}"],
        [code, cname, f"{sum(vals):,.2f}", f"{sum(basic):,.2f}", f"{sum(vals) - sum(basic):,.2f}"],
    ]
    for (c, name), v, b in zip(items, vals, basic, strict=True):
        rows.append([c, name, f"{v:,.2f}", f"{b:,.2f}", f"{v - b:,.2f}"])
    rows.append(["注：本表反映单位本年度各项支出情况。"])
    return rows


# --------------------------------------------------------------------------- options and driver

# fmt: off
_PINYIN = {
    "绩": "jì", "績": "jì", "效": "xiào", "指": "zhǐ", "标": "biāo", "標": "biāo", "目": "mù", "项": "xiàng",
    "項": "xiàng", "资": "zī", "資": "zī", "预": "yù", "預": "yù", "算": "suàn", "率": "lǜ", "度": "dù",
    "量": "liàng", "质": "zhì", "質": "zhì", "数": "shù", "數": "shù", "服": "fú", "务": "wù", "務": "wù",
    "满": "mǎn", "滿": "mǎn", "保": "bǎo", "障": "zhàng", "成": "chéng", "本": "běn", "时": "shí", "時": "shí",
    "益": "yì", "产": "chǎn", "產": "chǎn", "完": "wán", "管": "guǎn", "理": "lǐ", "覆": "fù", "盖": "gài",
    "蓋": "gài", "建": "jiàn", "设": "shè", "設": "shè",
}
# fmt: on
PINYIN_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_OPENCC: dict[str, Any] = {}


def _opencc(config: str) -> Any:
    if config not in _OPENCC:
        import opencc  # deferred: only traditional rendering needs it

        _OPENCC[config] = opencc.OpenCC(config)
    return _OPENCC[config]


def _to_traditional(lines: list[str]) -> list[str]:
    """OpenCC s2t of the whole document; line count is preserved."""
    out = _opencc("s2t").convert("\n".join(lines)).split("\n")
    if len(out) != len(lines):  # never let conversion move a line
        out = [_opencc("s2t").convert(line) for line in lines]
    return out


def _add_pinyin(lines: list[str], rng: random.Random) -> list[str]:
    """Bracketed pinyin after some occurrences of a few characters, as some sites print it."""
    chars = rng.sample(sorted(_PINYIN), k=rng.randint(6, 12))
    p = rng.choice((0.4, 0.7, 1.0))
    out = []
    for line in lines:
        buf = []
        for ch in line:
            buf.append(ch)
            if ch in chars and rng.random() < p:
                buf.append(f"({_PINYIN[ch]})")
        out.append("".join(buf))
    return out


def _row_formatter(layout: str) -> Callable[[list[str]], list[str]]:
    """How non-indicator tables (决算) print in a layout, so they look like the rest."""
    if layout in ("pipe", "columns3"):
        return lambda c: [_pipe_line(c)]
    if layout == "tab":
        return lambda c: ["\t".join(c)]
    if layout == "cell_per_line":
        return lambda c: [x for x in c if x]
    if layout == "glued":
        return lambda c: ["".join(c)]
    if layout == "pdf_layout":
        stops = [0, 12, 40, 56, 72]
        return lambda c: [_compose(list(zip(stops, c, strict=False)))]
    return lambda c: [" ".join(x for x in c if x)]


_BASES = {
    "columns3": ("pipe", "pipe", "pipe", "tab", "pdf_wrapped"),
    "self_eval": ("pdf_wrapped", "pdf_wrapped", "pipe"),
    "weights": ("pdf_wrapped", "pdf_layout", "pipe", "tab"),
}


def _render(
    layout: str, tables: Sequence[TableSpec], rng: random.Random, options: dict[str, Any]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Shared driver: prepare tables (self-evaluation, weights, full-width), emit each table in the
    base layout with prose/决算 blocks around, build records, then apply script options."""
    unknown = set(options) - _OPTION_KEYS
    if unknown:
        raise TypeError(f"unknown render options: {sorted(unknown)}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {LAYOUTS}")
    doc_name = options.get("doc", "")
    tables = [copy.deepcopy(t) for t in tables]
    if layout == "self_eval":
        tables = [_as_self_eval(t, rng) for t in tables]
    elif layout == "weights":
        tables = [_with_weights(t, rng) for t in tables]
    if options.get("fullwidth"):
        for t in tables:
            for ind in t.indicators:
                if rng.random() < 0.8:
                    _fullwidth_value(ind.target)
                    if ind.actual_text:
                        ind.actual_text = ind.actual_text.translate(_FW_DIGITS)
    base = options.get("base") or (rng.choice(_BASES[layout]) if layout in _BASES else layout)
    damage = options.get("damage", True)
    fmt = _row_formatter(base)
    pager = _Pager(page_len=rng.randint(28, 50), style=rng.choice(("ff", "footer", "both")))
    sector = next((t.sector for t in tables if t.sector), "health")
    doc = _Doc()
    if base == "cell_per_line" and rng.random() < 0.8:
        doc.add(rng.choice(_FURNITURE_TOP))
        doc.add(f"来源：{tables[0].department or tables[0].project if tables else ''}")
        doc.add(
            f"发布时间：{(tables[0].year or 2023) if tables else 2023}-0{rng.randint(1, 9)}-{rng.randint(10, 28)} "
            f"{rng.randint(8, 17)}:{rng.randint(10, 59)}"
        )
        doc.add(f"浏览次数：{rng.randint(12, 9000)}")
        doc.add("【字体：大 中 小】")
    prose = options.get("prose")
    if prose if prose is not None else rng.random() < 0.3:
        doc.gap(rng)
        region = (tables[0].department or tables[0].project)[:3] if tables else "本县"
        for line in _prose(rng, sector, region):
            doc.add(line)
    fa = options.get("final_account")
    fa = fa if fa is not None else rng.random() < 0.25
    fa_at = rng.randrange(len(tables) + 1) if fa else -1
    records: list[dict[str, Any]] = []
    for ti, t in enumerate(tables):
        if ti == fa_at:
            doc.gap(rng)
            for cells in _final_account(rng, sector, t.year):
                for line in fmt(cells):
                    doc.add(line)
        doc.gap(rng, 1.0, k=rng.choice((1, 1, 2, 3)))
        start = doc.n + 1
        cfg = _table_cfg(base, layout, t, rng)
        if base == "pdf_wrapped":
            spans = _emit_wrapped(doc, t, rng, cfg, line_by_line=bool(options.get("line_by_line")))
        elif base == "pdf_layout":
            spans = _emit_layout(doc, t, rng, cfg, pager)
        elif base == "pipe":
            spans = _emit_pipe(doc, t, rng, cfg, damage and layout == "pipe")
        elif base == "tab":
            spans = _emit_tab(doc, t, rng, cfg, damage and layout == "tab")
        elif base == "cell_per_line":
            spans = _emit_cells(doc, t, rng, cfg)
        elif base == "glued":
            spans = _emit_glued(doc, t, rng, cfg)
        elif base == "headings":
            spans = _emit_headings(doc, t, rng, cfg)
        else:
            raise ValueError(f"unknown base layout {base!r}")
        table_rec = _table_record(t, ti, doc_name)
        table_rec.update(line_start=start, line_end=max([start, *(b for _, b in spans)]))
        records.append(table_rec)
        for ind, span in zip(t.indicators, spans, strict=True):
            records.append(_indicator_record(t, ti, ind, doc_name, span))
        if rng.random() < 0.2:
            doc.gap(rng)
            doc.add(
                f"填报人：{rng.choice(_PEOPLE)}    联系电话：0{rng.randint(851, 859)}-{rng.randint(8200000, 8899999)}"
            )
    if fa_at == len(tables):
        doc.gap(rng)
        for cells in _final_account(rng, sector, tables[-1].year if tables else None):
            for line in fmt(cells):
                doc.add(line)
    if base == "cell_per_line" and rng.random() < 0.7:
        doc.add("")
        doc.add("【打印本页】 【关闭窗口】")
    lines = doc.lines
    if options.get("traditional"):
        lines = _to_traditional(lines)
    if options.get("pinyin"):
        lines = _add_pinyin(lines, rng)
    return lines, records


def _table_cfg(base: str, layout: str, t: TableSpec, rng: random.Random) -> _Cfg:
    """Value-column split per layout: separate symbol columns for columns3/tab, sometimes for PDF dumps."""
    if layout == "columns3":
        return _make_cfg(rng, t, split="sym3")
    if base == "tab":
        return _make_cfg(rng, t, split=rng.choice(("sym", "sym", "sym3")), note_col=False)
    if base == "pdf_wrapped" and layout == "pdf_wrapped":
        return _make_cfg(rng, t, split="sym3" if rng.random() < 0.35 else "none")
    return _make_cfg(rng, t, split="none")


def render(
    layout: str, tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Render ``tables`` in ``layout``; return the document's lines and its gold records.

    Options: ``traditional``, ``pinyin``, ``fullwidth`` (see the module docstring), ``doc`` (file
    name written into the records), ``prose``/``final_account`` (force or forbid the unrelated
    blocks), ``damage`` (pipe/tab: shifted, duplicated, truncated cells), ``base`` (the layout a
    columns3/self_eval/weights document is printed in).
    """
    return _render(layout, tables, rng, options)


def render_pdf_wrapped(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """PDF text dump (seeds 000/003): wrapped cells on following lines, split headers."""
    return _render("pdf_wrapped", tables, rng, options)


def render_pdf_layout(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """``pdftotext -layout``: padded columns, centred merged cells, page breaks and footers."""
    return _render("pdf_layout", tables, rng, options)


def render_pipe(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Markdown/HTML-flattened ``|`` tables (seed 002) with shifted rows and duplicated headers."""
    return _render("pipe", tables, rng, options)


def render_tab(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Excel/TSV export (seed 004): tab-separated, 指标性质/指标值/权重 columns, shifted rows."""
    return _render("tab", tables, rng, options)


def render_cell_per_line(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """A web page copied as text: one cell per line, with site furniture around."""
    return _render("cell_per_line", tables, rng, options)


def render_glued(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Rows glued into one line (sometimes several rows per line), cells unseparated or spaced."""
    return _render("glued", tables, rng, options)


def render_headings(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Category headings (``【产出指标-数量指标】``) over ``指标1：name（value）`` lines."""
    return _render("headings", tables, rng, options)


def render_columns3(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Separate 符号/值/单位 columns, ``定性`` in the symbol column for text values."""
    return _render("columns3", tables, rng, options)


def render_self_eval(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Self-evaluation tables (年度指标值/实际完成值/分值/得分/原因); targets become self-evaluations."""
    return _render("self_eval", tables, rng, options)


def render_weights(
    tables: Sequence[TableSpec], rng: random.Random, **options: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """An otherwise normal table with a 权重/分值 column; rows without weights get one."""
    return _render("weights", tables, rng, options)


# --------------------------------------------------------------------------- corpus writer


def _write_doc(out: Path, name: str, lines: list[str], records: list[dict[str, Any]]) -> None:
    """Write a document and its gold beside it."""
    (out / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (out / f"{name}.jsonl").write_text(body, encoding="utf-8")


def _doc_options(rng: random.Random, i: int) -> dict[str, Any]:
    """Script/width variants on a few documents: every sixth doc pair is traditional/pinyin."""
    opts: dict[str, Any] = {
        "traditional": i % 6 == 4 or (i % 6 == 5 and rng.random() < 0.4),
        "pinyin": i % 6 == 5,
        "fullwidth": rng.random() < 0.25,
        "prose": rng.random() < 0.3,
        "final_account": rng.random() < 0.25,
    }
    return opts


def write_corpus(
    out: str | Path,
    *,
    docs_per_layout: int = 6,
    seed: int = 0,
    layouts: Sequence[str] = LAYOUTS,
    include_gold: str | Path | None = None,
    line_by_line: bool = False,
) -> dict[str, Any]:
    """Write ``NAME.txt`` + ``NAME.jsonl`` per document and ``MANIFEST.json``; return the manifest.
    ``line_by_line``: every document with that render option (see the module docstring).

    Each document draws from its own ``random.Random`` seeded by (seed, layout, index), so a
    subset of layouts reproduces the same documents.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sectors = sorted(SECTORS)
    docs: dict[str, Any] = {}
    for layout in layouts:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}; choose one of {LAYOUTS}")
        li = LAYOUTS.index(layout)
        for i in range(docs_per_layout):
            rng = random.Random(f"goalnlp.simulate:{seed}:{layout}:{i}")
            sector = sectors[(li * 5 + i) % len(sectors)]
            opts = _doc_options(rng, i)
            if line_by_line:
                opts["line_by_line"] = True
            if layout in _BASES:
                opts["base"] = rng.choice(_BASES[layout])
            ttype = "self_evaluation" if layout == "self_eval" else None
            tables = generate_tables(
                rng,
                rng.randint(2, 4),
                sector,
                table_type=ttype,
                weights=layout != "self_eval" and rng.random() < 0.15,
                department_first=ttype is None and rng.random() < 0.3,
                glyphs=layout in ("columns3", "tab") and rng.random() < 0.8,
            )
            name = f"{layout}_{i:02d}"
            lines, records = render(layout, tables, rng, doc=f"{name}.txt", **opts)
            _write_doc(out, name, lines, records)
            docs[f"{name}.txt"] = _manifest_entry(layout, opts, sector, "generated", records)
        if include_gold:
            for k, path in enumerate(sorted(Path(include_gold).glob("*.jsonl"))):
                rng = random.Random(f"goalnlp.simulate:{seed}:{layout}:gold:{k}")
                opts = {"fullwidth": False, "prose": False, "final_account": rng.random() < 0.25}
                if line_by_line:
                    opts["line_by_line"] = True
                if layout in _BASES:
                    opts["base"] = rng.choice(_BASES[layout])
                name = f"gold_{layout}_{k:02d}"
                lines, records = render(layout, from_gold(path), rng, doc=f"{name}.txt", **opts)
                _write_doc(out, name, lines, records)
                docs[f"{name}.txt"] = _manifest_entry(layout, opts, "seed", path.name, records)
    manifest = {
        "generator": "goalnlp.simulate",
        "seed": seed,
        "docs_per_layout": docs_per_layout,
        "layouts": list(layouts),
        "include_gold": bool(include_gold),
        "docs": docs,
    }
    (out / "MANIFEST.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def _manifest_entry(
    layout: str, opts: dict[str, Any], sector: str, source: str, records: list[dict[str, Any]]
) -> dict[str, Any]:
    """What the manifest records about one document."""
    return {
        "layout": layout,
        "options": opts,
        "sector": sector,
        "source": source,
        "tables": sum(r["record"] == "table" for r in records),
        "indicators": sum(r["record"] == "indicator" for r in records),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``python -m goalnlp.simulate --out DIR --docs-per-layout N --seed S``."""
    p = argparse.ArgumentParser(
        prog="python -m goalnlp.simulate",
        description="Render labeled target tables into many text layouts, with exact gold.",
    )
    p.add_argument("--out", required=True, type=Path, help="output directory")
    p.add_argument("--docs-per-layout", type=int, default=6)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--layouts", default=",".join(LAYOUTS), help="comma-separated subset of: " + ",".join(LAYOUTS)
    )
    p.add_argument(
        "--include-gold", type=Path, default=None, help="also render these gold tables in each layout"
    )
    p.add_argument(
        "--line-by-line", action="store_true", help="wrapped PDF text as printed line by line (centred cells and labels)"
    )
    args = p.parse_args(argv)
    layouts = [x.strip() for x in args.layouts.split(",") if x.strip()]
    bad = [x for x in layouts if x not in LAYOUTS]
    if bad:
        p.error(f"unknown layouts: {', '.join(bad)}")
    manifest = write_corpus(
        args.out,
        docs_per_layout=args.docs_per_layout,
        seed=args.seed,
        layouts=layouts,
        include_gold=args.include_gold,
        line_by_line=args.line_by_line,
    )
    n_ind = sum(d["indicators"] for d in manifest["docs"].values())
    print(f"wrote {len(manifest['docs'])} documents ({n_ind} indicators) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
