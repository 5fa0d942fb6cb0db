"""Category labels centred on their groups (goalnlp.centring): PDF text written line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from goalnlp import extract
from goalnlp.centring import _centred_cut

# A street-lighting table as a line-by-line PDF extractor prints it (our own wording):
# each merged category cell's label on the line at the middle of its group, so the
# groups' first rows come before their labels (数量 between its two rows, 质量 on the
# middle row of three, 产出 between the 质量 and 时效 groups).
CENTRED = (Path(__file__).parent / "data" / "centred_labels.txt").read_text(encoding="utf-8")

# The same table with every label on its group's first row.
TOP = """2025年项目支出绩效目标表
项目名称 城区道路照明维护经费
主管部门 某市城市管理局 实施单位 某市路灯管理所
年度资金总额 350.00
一级指标 二级指标 三级指标 指标值 说明
产出 数量 维修更换路灯数量 ≥1200盏
新装智慧照明控制终端 ≥300套
质量 路灯亮灯率 ≥98%
故障路灯修复合格率 100%
照明设施巡查覆盖率 100%
时效 故障报修处理时间 ≤24小时
年度维护任务完成时间 2025年12月底前
成本 路灯电费支出 ≤210万元
单盏路灯年维护成本 ≤350元
效益 社会效益 夜间出行安全保障 明显提升
满意度 服务对象满意度 市民对道路照明满意度 ≥90%
"""

WANT = [
    ("维修更换路灯数量", "产出", "数量"),
    ("新装智慧照明控制终端", "产出", "数量"),
    ("路灯亮灯率", "产出", "质量"),
    ("故障路灯修复合格率", "产出", "质量"),
    ("照明设施巡查覆盖率", "产出", "质量"),
    ("故障报修处理时间", "产出", "时效"),
    ("年度维护任务完成时间", "产出", "时效"),
    ("路灯电费支出", "产出", "成本"),
    ("单盏路灯年维护成本", "产出", "成本"),
    ("夜间出行安全保障", "效益", "社会效益"),
    ("市民对道路照明满意度", "满意度", "服务对象满意度"),
]


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
@pytest.mark.parametrize("text", [CENTRED, TOP], ids=["centred", "top"])
def test_labels_centred_or_on_first_rows_give_the_same_categories(text: str, engine: str) -> None:
    recs = [r for r in extract(text, engine=engine) if r["record"] == "indicator"]
    assert [(r["name"], r["level1"], r["level2"]) for r in recs] == WANT


def test_centred_cut_puts_each_group_middle_on_its_label() -> None:
    # Rows on lines 1, 3, 4, 5, 6 and 7-9 (a wrapped row); labels on lines 2 (between the
    # first two rows), 5 (the middle of three) and 8 (the wrapped row's middle line).
    spans = [(1, 1), (3, 3), (4, 4), (5, 5), (6, 6), (7, 9)]
    cost, starts = _centred_cut(spans, [(2, "数量"), (5, "质量"), (8, "时效")])
    assert (cost, starts) == (0.0, [0, 2, 5])
    # A label off every cut's middle: the misfit beyond half a line counts.
    cost, _ = _centred_cut(spans, [(1, "数量"), (2, "质量"), (9, "时效")])
    assert cost > 0
