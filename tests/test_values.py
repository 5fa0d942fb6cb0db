"""Tests for goalnlp.values: every gold value cell, plus the grammar's corner cases."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

GOLD_DIR = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "gold"
SRC = Path(__file__).resolve().parents[1] / "src"


def _load_values() -> ModuleType:
    """Import goalnlp.values; fall back to loading the file alone.

    values.py has no intra-package imports, so its tests need not depend on the
    rest of the package being importable (other modules change in parallel).
    """
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    try:
        return importlib.import_module("goalnlp.values")
    except Exception:  # pragma: no cover - only when a sibling module is broken
        name = "_goalnlp_values_standalone"
        spec = importlib.util.spec_from_file_location(name, SRC / "goalnlp" / "values.py")
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod


V = _load_values()
parse_value = V.parse_value
parse_number = V.parse_number
split_quantity = V.split_quantity
parse_date = V.parse_date
excel_serial_to_date = V.excel_serial_to_date
value_likeness = V.value_likeness


# ---------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------

_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({ord("≧"): "≥", ord("≦"): "≤"})

# Gold records we believe are mislabeled and have not corrected yet. Key: (doc, line_start).
GOLD_QUESTIONABLE: dict[tuple[str, int], str] = {}  # corrections live in corpora/CHANGELOG.md


def _pipeline_norm(s: str) -> str:
    """What the pipeline hands to parse_value: width-folded ASCII, ≧≦ unified, no whitespace."""
    return "".join(s.split()).translate(_FOLD)


def _gold_cases() -> list[tuple[dict, int | None]]:
    cases: list[tuple[dict, int | None]] = []
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        years: dict[int, int | None] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["record"] == "table":
                years[rec["table"]] = rec.get("year")
            elif rec["record"] == "indicator":
                year = years.get(rec["table"])
                if year is None and rec.get("date"):
                    year = 2022
                cases.append((rec, year))
    return cases


GOLD = _gold_cases()


def _fields(p: object) -> tuple:
    return (p.kind, p.comparator, p.value, p.value_max, p.unit, p.date)  # type: ignore[attr-defined]


def _expected(rec: dict) -> tuple:
    return tuple(rec.get(k) for k in ("kind", "comparator", "value", "value_max", "unit", "date"))


@pytest.mark.skipif(not GOLD, reason="gold corpus not available")
@pytest.mark.parametrize(
    ("rec", "year"), GOLD, ids=[f"{r['doc'][:3]}:{r.get('line_start')}" for r, _ in GOLD]
)
def test_gold_value_text(rec: dict, year: int | None) -> None:
    key = (rec["doc"], rec.get("line_start"))
    if key in GOLD_QUESTIONABLE:
        print(f"questionable gold {key}: {GOLD_QUESTIONABLE[key]}")
    assert _fields(parse_value(_pipeline_norm(rec["value_text"]), year=year)) == _expected(rec)


@pytest.mark.skipif(not GOLD, reason="gold corpus not available")
def test_gold_raw_and_deadline_rows() -> None:
    """Raw (unnormalized) cells parse the same, and deadline-row mode agrees with gold on 时效 rows."""
    for rec, year in GOLD:
        assert _fields(parse_value(rec["value_text"], year=year)) == _expected(rec), rec["value_text"]
        date_row = rec.get("level2") == "时效" or any(w in rec["name"] for w in ("时间", "时限", "日期"))
        got = parse_value(_pipeline_norm(rec["value_text"]), year=year, date_row=date_row)
        assert _fields(got) == _expected(rec), rec["value_text"]


def test_gold_has_every_kind() -> None:
    if not GOLD:
        pytest.skip("gold corpus not available")
    assert {r["kind"] for r, _ in GOLD} == {"quantity", "date", "text"}


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,664.00", 2664.0),
        ("1,234,567", 1234567.0),
        ("0.95", 0.95),
        ("两百", 200.0),
        ("一千二百", 1200.0),
        ("一千二", 1200.0),
        ("两百五", 250.0),
        ("一千零五", 1005.0),
        ("三", 3.0),
        ("十五", 15.0),
        ("三十", 30.0),
        ("一万二千", 12000.0),
        ("二〇二二", 2022.0),
        ("百分之九十五", 95.0),
        ("1.2万", 1.2),
        ("２，６６４", 2664.0),
        ("-5", -5.0),
        ("", None),
        ("明显提升", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


# ---------------------------------------------------------------------------
# parse_value: comparators, units, ranges, Chinese numerals
# ---------------------------------------------------------------------------

Q = "quantity"


@pytest.mark.parametrize(
    ("text", "cmp", "value", "value_max", "unit"),
    [
        # glyphs and their raw variants
        ("≥95%", ">=", 95, None, "%"),
        ("≧95%", ">=", 95, None, "%"),
        (">=95%", ">=", 95, None, "%"),
        ("≤5%", "<=", 5, None, "%"),
        ("<=5%", "<=", 5, None, "%"),
        ("＝100%", "=", 100, None, "%"),
        (">3次", ">", 3, None, "次"),
        ("<1%", "<", 1, None, "%"),
        ("≥ 2 次", ">=", 2, None, "次"),
        ("≥-5%", ">=", -5, None, "%"),
        # word comparators before the number
        ("大于等于90%", ">=", 90, None, "%"),
        ("不少于24家", ">=", 24, None, "家"),
        ("不低于90%", ">=", 90, None, "%"),
        ("至少3次", ">=", 3, None, "次"),
        ("不小于1个", ">=", 1, None, "个"),
        ("小于等于10万元", "<=", 10, None, "万元"),
        ("不超过10万元", "<=", 10, None, "万元"),
        ("不高于5%", "<=", 5, None, "%"),
        ("不大于3次", "<=", 3, None, "次"),
        ("不多于2人", "<=", 2, None, "人"),
        ("低于等于5%", "<=", 5, None, "%"),
        ("等于100%", "=", 100, None, "%"),
        ("大于3次", ">", 3, None, "次"),
        ("高于80%", ">", 80, None, "%"),
        ("超过50人", ">", 50, None, "人"),
        ("小于5%", "<", 5, None, "%"),
        ("低于3%", "<", 3, None, "%"),
        ("约30人", "~", 30, None, "人"),
        ("大约200家", "~", 200, None, "家"),
        ("≈67元/亩", "~", 67, None, "元/亩"),
        ("约等于5万元", "~", 5, None, "万元"),
        # words after the number
        ("300家以上", ">=", 300, None, "家"),
        ("95%及以上", ">=", 95, None, "%"),
        ("达到60%以上", ">=", 60, None, "%"),
        ("≥95%以上", ">=", 95, None, "%"),
        ("10%以内", "<=", 10, None, "%"),
        ("5%以下", "<=", 5, None, "%"),
        ("控制在10%以内", "<=", 10, None, "%"),
        ("控制在10%", "<=", 10, None, "%"),
        ("控制在10%左右", "~", 10, None, "%"),
        ("3000组左右", "~", 3000, None, "组"),
        ("30天内", "<=", 30, None, "天"),
        ("3个工作日内办结", "<=", 3, None, "个工作日"),
        ("100余家", ">", 100, None, "家"),
        # first number governs
        ("检查定点医疗机构至少24家，检查定点药店至少24家", ">=", 24, None, "家"),
        ("医保窗口搬迁1次，统一工作服装不少于2套。", None, 1, None, "次"),
        ("预计完成率达100%", None, 100, None, "%"),
        ("每天2次", None, 2, None, "次"),
        # ranges
        ("5%-10%", "between", 5, 10, "%"),
        ("5-10%", "between", 5, 10, "%"),
        ("5~10人", "between", 5, 10, "人"),
        ("５％～１０％", "between", 5, 10, "%"),
        ("3至5年", "between", 3, 5, "年"),
        ("3—5天", "between", 3, 5, "天"),
        ("1到2次", "between", 1, 2, "次"),
        ("三至五年", "between", 3, 5, "年"),
        ("结余5%-10%之间", "between", 5, 10, "%"),
        # thousands separators and decimals, no scaling
        ("≥2,664万元", ">=", 2664, None, "万元"),
        ("≥0.95", ">=", 0.95, None, None),
        ("1.2万", None, 1.2, None, "万"),
        ("≥5亿元", ">=", 5, None, "亿元"),
        # Chinese numerals
        ("两百人", None, 200, None, "人"),
        ("不少于两次", ">=", 2, None, "次"),
        ("至少一次", ">=", 1, None, "次"),
        ("一千二百人次", None, 1200, None, "人次"),
        ("百分之九十五", None, 95, None, "%"),
        ("不低于百分之九十", ">=", 90, None, "%"),
        ("三", None, 3, None, None),
        # units: compounds and boundaries
        ("7.68元每人每年", None, 7.68, None, "元每人每年"),
        ("≤12.6元/人.年", "<=", 12.6, None, "元/人.年"),
        ("≤3.1万元/年/点", "<=", 3.1, None, "万元/年/点"),
        ("≤1200元/月", "<=", 1200, None, "元/月"),
        ("1000人次/年", None, 1000, None, "人次/年"),
        ("≥10万人次", ">=", 10, None, "万人次"),
        ("=10个地区", "=", 10, None, "个地区"),
        ("提高2个百分点", None, 2, None, "个百分点"),
        ("≤24小时", "<=", 24, None, "小时"),
        ("≤60分钟", "<=", 60, None, "分钟"),
        ("≥90分", ">=", 90, None, "分"),
        ("≤3‰", "<=", 3, None, "‰"),
        ("500m²", None, 500, None, "m²"),
        ("10km", None, 10, None, "km"),
        ("60万册", None, 60, None, "万册"),
        ("按照363.93万人进行测算", None, 363.93, None, "万人"),
        ("完成年度240人次特殊疾病评审工作", None, 240, None, "人次"),
        ("完成3家保险公司审计工作", None, 3, None, "家"),
        ("≧5年", ">=", 5, None, "年"),
        ("18月", None, 18, None, "月"),
        # numbers that are not the quantity
        ("COVID-19疫苗接种率≥90%", ">=", 90, None, "%"),
        ("12345热线接通率≥95%", ">=", 95, None, "%"),
        ("12345热线", None, 12345, None, None),
        ("第3批次目录落地率≥90%", ">=", 90, None, "%"),
        ("2023年参保人数≥341万人", ">=", 341, None, "万人"),
        ("二级医疗机构8家，一级医疗机构8家", None, 8, None, "家"),
        ("一体机1台，电脑3台", None, 1, None, "台"),
    ],
)
def test_quantities(text: str, cmp: str | None, value: float, value_max: float | None, unit: str | None) -> None:
    p = parse_value(text, year=2022)
    assert (p.kind, p.comparator, p.value, p.value_max, p.unit, p.date) == (Q, cmp, value, value_max, unit, None)


@pytest.mark.parametrize("text", ["≥", "≤", "=", "不低于", "不少于"])
def test_lone_comparator_is_a_lost_value(text: str) -> None:
    p = parse_value(text)
    assert p.kind == Q and p.comparator is not None and p.value is None and p.unit is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "定性",
        "明显提升",
        "有效保障",
        "不低于上年",
        "参保住院率低于全国平均水平",
        "统一标准",
        "实现“医、保、患”三方共赢",
        "符合部门三定方案确定的职责",
        "次年1-3月内完成对上一年度",  # a month range without a year is a period, not a point
        "1-3月",
        "12月底前",  # relative date with no year known
        "当年度完成",
        "第3批",
    ],
)
def test_text(text: str) -> None:
    p = parse_value(text)  # no year
    assert (p.kind, p.comparator, p.value, p.value_max, p.unit, p.date) == ("text", None, None, None, None, None)


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "date_row", "expected"),
    [
        ("2022年12月底完成", None, False, "2022-12"),
        ("2023年12月底前", None, False, "2023-12"),
        ("2025年9月底前", None, False, "2025-09"),
        ("2022年底前", None, False, "2022-12"),
        ("2022年12月31日前", None, False, "2022-12-31"),
        ("文字描述:2022年12月31", None, False, "2022-12-31"),
        ("2022年12月31日24时前", None, False, "2022-12-31"),
        ("2022年", None, False, "2022"),
        ("2022年度", None, False, "2022"),
        ("2022年上半年", None, False, "2022-06"),
        ("2022年第三季度", None, False, "2022-09"),
        ("2022年1-12月", None, False, "2022"),
        ("2025.12.31", None, False, "2025-12-31"),
        ("2022-12-31", None, False, "2022-12-31"),
        ("2022/12/31", None, False, "2022-12-31"),
        ("2022-12", None, False, "2022-12"),
        ("当年度完成", 2022, False, "2022"),
        ("年度内完成", 2022, False, "2022"),
        ("年底前", 2022, False, "2022-12"),
        ("当年12月底", 2022, False, "2022-12"),
        ("12月底前", 2022, False, "2022-12"),
        ("12月31日前", 2022, False, "2022-12-31"),
        ("次年3月底前", 2022, False, "2023-03"),
        ("2022.12", None, True, "2022-12"),
        ("44561", None, True, "2021-12-31"),
        ("2022", None, True, "2022"),
        ("2022年12月底前完成100%", None, True, "2022-12"),
    ],
)
def test_dates(text: str, year: int | None, date_row: bool, expected: str) -> None:
    p = parse_value(text, year=year, date_row=date_row)
    assert (p.kind, p.comparator, p.value, p.unit, p.date) == ("date", None, None, None, expected)


def test_date_row_only_readings() -> None:
    """Outside deadline rows, 2022.12 and a 5-digit integer are numbers; a quantity beats a date."""
    assert parse_value("2022.12").kind == Q and parse_value("2022.12").value == 2022.12
    assert parse_value("44561").value == 44561
    assert parse_value("2022年12月底前完成100%").value == 100
    assert parse_value("≤30天", date_row=True).unit == "天"
    assert parse_value("当年拨付到位", year=2022).kind == "text"  # 当年 without deadline wording
    assert parse_value("当年拨付到位", year=2022, date_row=True).date == "2022"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(44561, "2021-12-31"), (1, "1900-01-01"), (59, "1900-02-28"), (60, "1900-02-29"), (61, "1900-03-01"),
     (44927.75, "2023-01-01")],
)
def test_excel_serial(n: float, expected: str) -> None:
    assert excel_serial_to_date(n) == expected


def test_excel_serial_rejects_zero() -> None:
    with pytest.raises(ValueError):
        excel_serial_to_date(0)


def test_parse_date() -> None:
    assert parse_date("44561") == "2021-12-31"
    assert parse_date("2022.12") == "2022-12"
    assert parse_date("当年度完成", year=2022) == "2022"
    assert parse_date("12月底前") is None
    assert parse_date("完成时间") is None
    assert parse_date("") is None


# ---------------------------------------------------------------------------
# split_quantity
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥95%", (">=", 95.0, "%")),
        ("≥2,664万元。", (">=", 2664.0, "万元")),
        ("100%", (None, 100.0, "%")),
        ("不少于两次", (">=", 2.0, "次")),
        ("300家以上", (">=", 300.0, "家")),
        ("≥", (">=", None, None)),
        ("5-10%", None),
        ("参保率≥95%", None),
        ("明显提升", None),
        ("2022年", None),
        ("12月", None),
        ("", None),
    ],
)
def test_split_quantity(text: str, expected: tuple | None) -> None:
    assert split_quantity(text) == expected


# ---------------------------------------------------------------------------
# value_likeness
# ---------------------------------------------------------------------------

VALUE_LIKE = [
    "明显提升", "显著改善", "有效保障", "良好", "逐步提高", "成效明显", "稳步拓展", "有效缓解", "合规", "健全",
    "长期", "及时", "按时完成", "达标", "不断强化", "持续推进DIP国家试点工作", "及时有效拨付资金",
    "参保住院率低于全国平均水平", "各1个",
]
NAME_LIKE = [
    "参保率", "培训人数", "检查次数", "政策覆盖面", "服务对象满意度", "工作经费", "补助资金", "资金拨付情况",
    "完成时间", "开展宣传活动", "绩效目标合理性", "召开会议次数", "医疗保障系统干部队伍能力素质",
]


@pytest.mark.parametrize("text", ["≥95%", "100%", "100%完成", "≥", "2022年12月底", "不少于24家", "44561"])
def test_value_likeness_numeric_is_one(text: str) -> None:
    assert value_likeness(text) == 1.0


@pytest.mark.parametrize("text", VALUE_LIKE)
def test_value_likeness_qualitative_high(text: str) -> None:
    assert value_likeness(text) >= 0.7


@pytest.mark.parametrize("text", NAME_LIKE)
def test_value_likeness_names_low(text: str) -> None:
    assert value_likeness(text) <= 0.3


def test_value_likeness_ordering() -> None:
    assert value_likeness("≥90%") > value_likeness("明显提升") > value_likeness("购置办公设备") > value_likeness("参保率")
    assert value_likeness("") == 0.0
    assert all(0.0 <= value_likeness(t) <= 1.0 for t in VALUE_LIKE + NAME_LIKE)


@pytest.mark.parametrize(
    ("text", "cmp", "value", "unit"),
    [
        ("各一个", None, 1.0, "个"),
        ("达到六个以上", ">=", 6.0, "个"),
        ("≥48台套", ">=", 48.0, "台套"),
        ("≤27微克/立方米", "<=", 27.0, "微克/立方米"),
    ],
)
def test_counted_chinese_numerals_and_units(text, cmp, value, unit):
    v = parse_value(text)
    assert (v.kind, v.comparator, v.value, v.unit) == ("quantity", cmp, value, unit)


def test_quantity_only_tells_a_figure_from_a_name_that_holds_one():
    from goalnlp.values import quantity_only

    for figure in ("94%以上", "大约403次", "160至200人", "不低于90%", "3个工作日", "等于100"):
        assert quantity_only(figure), figure
    for name in ("2024年度培训人次", "12345热线满意度", "5G基站建设数量", "明显提升", "新建文化广场数量"):
        assert not quantity_only(name), name


def test_grades_and_levels_are_units():
    # 耕地质量等级 rises by grades (0.5等), fire-safety ratings by levels (3级).
    for text, value, unit in (("≥0.5等", 0.5, "等"), ("4级以上", 4.0, "级"), ("提升1个等级", 1.0, "个等级")):
        vp = parse_value(text)
        assert (vp.kind, vp.value, vp.unit) == ("quantity", value, unit), text
    assert parse_value("一等奖").kind == "text"


@pytest.mark.parametrize(
    ("text", "cmp", "value", "unit"),
    [
        ("≥150户次", ">=", 150.0, "户次"),
        ("不少于80家次", ">=", 80.0, "家次"),
        ("≥36万头只", ">=", 36.0, "万头只"),  # livestock counted by heads and birds
        ("三千二百羽", None, 3200.0, "羽"),
        ("控制在8.5折以内", "<=", 8.5, "折"),
        ("打井20眼", None, 20.0, "眼"),
        ("≤1.2元/头只", "<=", 1.2, "元/头只"),
        ("≤0.6元/页", "<=", 0.6, "元/页"),  # any short word after the slash
        ("1800元/生·年", None, 1800.0, "元/生·年"),
        ("≥120台（套）", ">=", 120.0, "台(套)"),  # a second counter in brackets
        ("=28类", "=", 28.0, "类"),
        ("≥3轮次", ">=", 3.0, "轮次"),
        ("组织四次", None, 4.0, "次"),  # a numeral and its counter ending the cell
        ("全年六十次", None, 60.0, "次"),
    ],
)
def test_units_as_written(text, cmp, value, unit):
    v = parse_value(text)
    assert (v.kind, v.comparator, v.value, v.unit) == ("quantity", cmp, value, unit)


def test_no_unit_from_a_word_cut_by_the_line_end_or_a_grade():
    # "万元/公" / "里.年": 公 is the head of 公里, not a unit word of its own.
    assert parse_value("≤3万元/公").unit == "万元"
    for text in ("达到二类", "达到一级", "建立三方"):
        assert parse_value(text).kind == "text", text
