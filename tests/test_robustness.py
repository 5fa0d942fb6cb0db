"""Property tests: whatever text comes in, ``goalnlp.extract`` returns SCHEMA records.

Random text and mutated real documents (shuffled lines, files cut anywhere,
stray glyphs, duplicated lines) must never crash the extractor, and every record
it returns must have the SCHEMA fields, valid vocabularies and line numbers
inside the document.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import regex
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import goalnlp
from goalnlp.classify import LEVEL1_OF, LEVELS
from goalnlp.doc import INDICATOR_FIELDS, TABLE_FIELDS
from goalnlp.io import source_from_text

DOCS_DIR = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "docs"
NAME = "fuzz.txt"

TABLE_TYPES = {"project", "department", "self_evaluation"}
KINDS = {"quantity", "date", "text"}
COMPARATORS = {">=", "<=", "=", ">", "<", "~", "between", None}
_DATE_RE = regex.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# Small documents of other layouts, next to windows of the real seeds.
_PIPE = """2024年项目支出绩效目标表
| 项目名称 | 公共图书馆免费开放补助 | 实施单位 | 某市图书馆 |
| 年度资金总额： | 145.80 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |
|---|---|---|---|---|
| 产出指标 | 数量指标 | 年接待读者人次 | ≥ 30万人次 | |
| | | 举办公益讲座场次 | ≥ 48场 | |
| | 预算成本控制率 | | ≤ 100% | |
| 满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥ 92% | |"""

_TAB = "\n".join(
    [
        "2023年特定目标类项目绩效目标表",
        "项目名称\t小型水库安全运行管护经费\t\t",
        "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t指标权重",
        "产出指标\t数量指标\t水库巡查次数\t≥\t2\t次/周\t20",
        "\t\t管护小型水库数量\t=\t18\t座\t20",
        "\t时效指标\t汛前检查完成时间\t定性\t2023年5月底前\t\t10",
        "效益指标\t社会效益指标\t下游群众生命财产安全\t定性\t有效保障\t\t20",
    ]
)

_SELF_EVAL = """项目支出绩效自评表
（2023年度）
项目名称 基层农技推广补助
项目资金
（元）
年度资金总额： 1200000 1200000 1164000 10 97.00 9.70
一级指标 二级指标 三级指标 年度指标值(A) 实际完成值(B) 分值 得分 未完成原因分析
产出指标
(50分)
数量指标
培育农业科技示范主体户
数
≥200户 ≥186户 20 18.6
部分示范户因外出务工退
出。
满意度指
标(10分)
满意度指标 示范户满意度 ≥90% 93% 10 10
总 分 100 98.3"""


def _seed_windows() -> list[str]:
    """Windows of at most 160 lines of every seed, each holding part of a target table."""
    out: list[str] = []
    for p in sorted(DOCS_DIR.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").split("\n")
        heads = [i for i, ln in enumerate(lines) if "三级指标" in ln or "指标名称" in ln]
        for h in heads[:: max(1, len(heads) // 3)][:3]:
            out.append("\n".join(lines[max(0, h - 40) : h + 120]))
    return out


SOURCES = [_PIPE, _TAB, _SELF_EVAL, *_seed_windows()]

GLYPHS = [
    "≥", "≤", "|", "\t", "【", "】", "\f", "\r", "\r\n", "\u3000", "\u200b", "＝", "％", "（", "）", "(", ")",
    "～", "-", "—", "：", "指标", "满意度", "产出指标", "年", "万元", "元", "项目名称", "绩效目标表",
    "一级指标 二级指标 三级指标 指标值", "分值", "得分", "(biāo)", "績效", "2024年", "≥ ", "100%", "\n", " ",
]  # fmt: skip


def _line_count(text: str) -> int:
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _check_records(text: str, recs: list[dict[str, Any]]) -> None:
    n = _line_count(text)
    tables: dict[int, dict[str, Any]] = {}
    json.dumps(recs, ensure_ascii=False, allow_nan=False)  # valid JSON: no NaN, no odd types
    for r in recs:
        assert r["doc"] == NAME
        assert isinstance(r["line_start"], int) and isinstance(r["line_end"], int)
        assert 1 <= r["line_start"] <= r["line_end"] <= n, (r["line_start"], r["line_end"], n)
        if r["record"] == "table":
            assert set(TABLE_FIELDS) <= set(r)
            assert r["table"] == len(tables)
            tables[r["table"]] = r
            assert r["table_type"] in TABLE_TYPES
            assert r["year"] is None or isinstance(r["year"], int)
            assert r["funds_total"] is None or (isinstance(r["funds_total"], float) and math.isfinite(r["funds_total"]))
            for key in ("project", "department", "implementer"):
                assert r[key] is None or (isinstance(r[key], str) and r[key])
            continue
        assert r["record"] == "indicator"
        assert set(INDICATOR_FIELDS) <= set(r)
        table = tables[r["table"]]  # its table record came first
        assert r["project"] == table["project"]
        assert table["line_start"] <= r["line_start"] <= r["line_end"] <= table["line_end"]
        # level1 may be unknown (rows before any category label); when known it is canonical.
        assert r["level1"] is None or r["level1"] in LEVELS
        assert r["level2"] is None or LEVEL1_OF[r["level2"]] == r["level1"]
        assert isinstance(r["name"], str) and r["name"] and not regex.search(r"\s", r["name"])
        assert isinstance(r["value_text"], str) and not regex.search(r"\s", r["value_text"])
        assert r["kind"] in KINDS
        assert r["comparator"] in COMPARATORS
        for key in ("value", "value_max", "weight", "score"):
            assert r[key] is None or (isinstance(r[key], float) and math.isfinite(r[key])), key
        if r["value_max"] is not None:
            assert r["value"] is not None
        if r["kind"] == "text":
            assert (r["comparator"], r["value"], r["unit"]) == (None, None, None)
        if r["kind"] == "date":
            assert (r["comparator"], r["value"], r["unit"]) == (None, None, None)
            assert r["date"] is None or _DATE_RE.match(r["date"])
        assert r["actual_text"] is None or (isinstance(r["actual_text"], str) and r["actual_text"])


def _extract(text: str) -> list[dict[str, Any]]:
    recs = goalnlp.extract(source_from_text(text, name=NAME))
    _check_records(text, recs)
    return recs


# --- random text --------------------------------------------------------------------------------

_TOKENS = st.one_of(
    st.sampled_from(GLYPHS),
    st.sampled_from(["产出", "数量", "质量指标", "效益指标", "社会效益", "服务对象", "满意度指", "标", "≥95%", "2023年12月底前",
                     "培训人次", "1,286.40", "26352000", "（2,022年度）", "主管部门", "实施单位", "年度资金总额：", "定性"]),
    st.text(max_size=6),
)  # fmt: skip


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(_TOKENS, max_size=80).map("".join))
def test_random_text_never_crashes(text: str) -> None:
    _extract(text)


# --- mutated real documents ---------------------------------------------------------------------


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SOURCES)).split("\n")
    for op in draw(st.lists(st.sampled_from(["shuffle", "cut", "glyphs", "duplicate", "drop"]), min_size=1, max_size=3)):
        if op == "shuffle":
            lines = list(draw(st.permutations(lines)))
        elif op == "cut":
            text = "\n".join(lines)
            a = draw(st.integers(0, len(text)))
            b = draw(st.integers(a, len(text)))
            lines = text[a:b].split("\n")
        elif op == "glyphs":
            for _ in range(draw(st.integers(1, 25))):
                i = draw(st.integers(0, len(lines) - 1))
                j = draw(st.integers(0, len(lines[i])))
                lines[i] = lines[i][:j] + draw(st.sampled_from(GLYPHS)) + lines[i][j:]
        elif op == "duplicate":
            for _ in range(draw(st.integers(1, 15))):
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "drop" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            del lines[i : i + draw(st.integers(1, 10))]
    return "\n".join(lines)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure here is never a fluke
    phases=(Phase.explicit, Phase.generate),  # shrinking whole documents takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents())
def test_mutated_documents_never_crash(text: str) -> None:
    _extract(text)


# --- the unmutated sources satisfy the same checks -------------------------------------------------


def test_sources_give_valid_records() -> None:
    total = 0
    for text in SOURCES:
        total += sum(r["record"] == "indicator" for r in _extract(text))
    assert total > 50


def test_whole_seeds_give_valid_records() -> None:
    for p in sorted(DOCS_DIR.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        recs = goalnlp.extract(source_from_text(text, name=NAME))
        _check_records(text, recs)
        assert all(r["level1"] is not None for r in recs if r["record"] == "indicator")
