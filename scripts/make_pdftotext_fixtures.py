"""Re-make tests/data/pdftotext_{layout,raw}_water_*.txt: one table of our own, drawn by
goalnlp.render with different layout seeds, flattened by poppler's ``pdftotext -layout`` and
by plain ``pdftotext``.

    python scripts/make_pdftotext_fixtures.py        # needs pdftotext (Debian: poppler-utils)

The seeds kept are ones whose text shows what pdftotext does to tall header rows (labels wrapped
around the middle line: 指标性 / 质, 绩效度 / 量单位, a 单位 sub-header), labels squeezed beside names
with one space, category labels centred on their rows, and targets wrapped around their name;
without ``-layout``, cells in pdftotext's own order (targets before names, labels in runs,
metadata cells inside the grid).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from goalnlp.render import render_pdf

OUT = Path(__file__).resolve().parent.parent / "tests" / "data"
SEEDS = (3, 4, 7, 11, 12, 14, 31)
RAW_SEEDS = (1, 4, 7, 14, 17, 30)
DOC = "water.txt"
TABLE = {"record": "table", "doc": DOC, "table": 0, "project": "农村饮水安全巩固提升工程", "table_type": "project",
         "year": 2025, "department": "清水县水务局", "implementer": "清水县农村供水管理站", "funds_total": 860.0}
# level1, level2, name, comparator glyph, number, unit (no glyph: a date target)
ROWS = [
    ("产出", "数量", "新建集中供水工程处数", "≥", "12", "处"),
    ("产出", "数量", "改造老旧供水管网长度（含入户支管）", "≥", "85", "公里"),
    ("产出", "质量", "出厂水水质检测合格率", "≥", "98", "%"),
    ("产出", "质量", "工程竣工验收一次性通过率", "=", "100", "%"),
    ("产出", "时效", "主体工程完工时间", "", "2025年10月底前", ""),
    ("产出", "成本", "每公里管网改造平均成本", "≤", "6.5", "万元"),
    ("效益", "社会效益", "农村自来水普及率", "≥", "95", "%"),
    ("效益", "可持续影响", "工程设计使用年限", "≥", "20", "年"),
    ("满意度", "服务对象满意度", "受益群众对供水服务的满意度", "≥", "90", "%"),
]


def records() -> list[dict]:
    out: list[dict] = [TABLE]
    for l1, l2, name, cmp, val, unit in ROWS:
        if cmp:
            v = {"value_text": cmp + val + unit, "kind": "quantity", "comparator": {"≥": ">=", "≤": "<=", "=": "="}[cmp],
                 "value": float(val), "unit": unit or None, "date": None}
        else:
            v = {"value_text": val, "kind": "date", "comparator": "<=", "value": None, "unit": None, "date": "2025-10"}
        out.append({"record": "indicator", "doc": DOC, "table": 0, "project": TABLE["project"], "level1": l1,
                    "level2": l2, "name": name, "value_max": None, "actual_text": None, "weight": None,
                    "score": None, **v})
    return out


# The same table as a self-evaluation (年度指标值 | 全年实际值 | 分值 | 得分 | 原因): actual value,
# weight and score per row.  Seeds whose text shows ``分值 得分`` one space apart, targets
# centred just left of where the actual-value cells start, labels with their score (``产出指标(50分)``),
# a header repeated after a page break with its columns elsewhere.
SELF_SEEDS = (1, 2, 3, 5, 21, 22, 34, 36)
RAW_SELF_SEEDS = (3, 6, 10, 25)  # plain pdftotext: labels stacked beside the column headers, funds block and goal inside the grid
ACTUAL = ["≥13处", "≥80公里", "≥99%", "=100%", "2025年11月", "≤6.2万元", "≥96%", "≥20年", "≥92%"]
WEIGHT = [10, 10, 10, 10, 5, 5, 20, 10, 10]
SCORE = [10, 9, 10, 10, 4, 5, 20, 10, 10]


def self_records() -> list[dict]:
    out = records()
    out[0] = {**out[0], "table_type": "self_evaluation"}
    for r, a, w, s in zip(out[1:], ACTUAL, WEIGHT, SCORE, strict=True):
        r.update(actual_text=a, weight=float(w), score=float(s))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        runs = (("layout", ["-layout"], SEEDS, records, "w", "water"), ("raw", [], RAW_SEEDS, records, "w", "water"),
                ("layout", ["-layout"], SELF_SEEDS, self_records, "s", "water_self"),
                ("raw", [], RAW_SELF_SEEDS, self_records, "s", "water_self"))
        for mode, flags, seeds, recs, prefix, name in runs:
            for seed in seeds:
                pdf = Path(tmp) / f"{prefix}{seed}.pdf"  # (the layout plan is drawn from the seed and this name)
                render_pdf(recs(), pdf, seed=seed)
                out = OUT / f"pdftotext_{mode}_{name}_{seed}.txt"
                subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), str(out)], check=True)
                print(out)


if __name__ == "__main__":
    main()
