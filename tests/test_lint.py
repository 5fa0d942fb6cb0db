"""goalnlp lint: one case that breaks each rule and one that keeps it, the problems a
reader finds in the seed corpus, and the command's formats and inputs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import goalnlp
from goalnlp.cli import app
from goalnlp.lint import RULES, lint

ROOT = Path(__file__).resolve().parents[1]


def _ind(**kw) -> dict:
    """An indicator of table 0 of a.txt, parsed from its value_text by the real parser."""
    from goalnlp.values import parse_value

    rec = {"record": "indicator", "doc": "a.txt", "table": 0, "level1": "产出", "level2": "数量", "name": "培训人次", "value_text": "≥500人次"}
    rec.update(kw)
    p = parse_value(rec["value_text"])
    for k in ("kind", "comparator", "value", "value_max", "unit", "date"):
        rec.setdefault(k, getattr(p, k))
    return rec


def _codes(*inds: dict, funds: float | None = 100.0, table_type: str = "project", complete: bool = True) -> list[str]:
    table = {"record": "table", "doc": "a.txt", "table": 0, "funds_total": funds, "table_type": table_type}
    filler = [
        _ind(level1="效益", level2="社会效益", name="群众出行条件", value_text="明显改善"),
        _ind(level1="满意度", level2="服务对象满意度", name="群众满意度", value_text="≥90%"),
    ]
    return [f.code for f in lint([table, *inds, *(filler if complete else [])])]


CASES = {
    # code: (record that breaks the rule, record that keeps it)
    "L001": (_ind(level1="效益", level2="数量"), _ind()),
    "L003": (_ind(value_text="500"), _ind(value_text="≥500人次")),
    "L004": (_ind(level2="成本", name="设备购置费", value_text="≥30万元"), _ind(level2="成本", name="设备购置费", value_text="≤30万元")),
    "L005": (_ind(level2="质量", name="验收合格率", value_text="≤95%"), _ind(level2="质量", name="验收合格率", value_text="≥95%")),
    "L006": (_ind(name="保障离休干部人数", value_text="≤15人"), _ind(name="保障离休干部人数", value_text="≥15人")),
    "L007": (_ind(level2="质量", name="验收合格率", value_text="≥120%"), _ind(level2="质量", name="产值增长率", value_text="≥120%")),
    "L008": (_ind(level2="成本", name="设备购置费", value_text="≤30台"), _ind(level2="成本", name="设备购置费", value_text="≤30万元")),
    "L011": (_ind(weight=10.0, score=12.0), _ind(weight=10.0, score=10.0)),
    "L012": (_ind(weight=10.0, score=10.0, actual_text="≥300人次"), _ind(weight=10.0, score=10.0, actual_text="≥520人次")),
    "L013": (_ind(value_text="500人次"), _ind(value_text="≥500人次")),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_fires_on_its_case_and_not_on_the_fixed_one(code: str) -> None:
    bad, good = CASES[code]
    assert code in _codes(bad)
    assert code not in _codes(good)


def test_table_rules() -> None:
    cost = _ind(level2="成本", name="举报奖励资金", value_text="≤30万元")
    assert "L009" in _codes(cost, funds=20.0)  # one cost target above the funds
    assert "L009" not in _codes(cost, funds=40.0)
    two = [_ind(level2="成本", name=f"费用{i}", value_text="≤15万元") for i in range(2)]
    assert "L009" in _codes(*two, funds=20.0)  # their sum above the funds
    assert "L002" in _codes(_ind(), complete=False)  # no 效益, no 满意度
    assert "L002" not in _codes(_ind())
    weights = [_ind(name=f"指标{i}", weight=w) for i, w in enumerate((40.0, 30.0, 20.0))]
    filler = {"weight": 5.0}
    table = {"record": "table", "doc": "a.txt", "table": 0, "funds_total": 100.0, "table_type": "project"}
    rest = [
        _ind(level1="效益", level2="社会效益", name="出行条件", value_text="明显改善", **filler),
        _ind(level1="满意度", level2="服务对象满意度", name="满意度", value_text="≥90%", **filler),
    ]
    assert "L010" not in [f.code for f in lint([table, *weights, *rest])]  # 100
    weights[0]["weight"] = 35.0
    assert "L010" in [f.code for f in lint([table, *weights, *rest])]  # 95


def test_every_rule_has_a_test() -> None:
    tested = set(CASES) | {"L002", "L009", "L010"}
    assert tested == set(RULES)


def test_seed_corpus_problems_a_reader_finds() -> None:
    """The brief's examples: a 举报奖励资金 cost target of ≤30万元 in a project funded
    20.00万元, and a ≤ on a headcount."""
    recs = goalnlp.extract(ROOT / "corpora" / "dev" / "docs" / "000_d2c6a195b1630908.txt")
    found = lint(recs)
    over = [f for f in found if f.code == "L009"]
    assert any(f.name == "举报奖励资金" and "20万元" in f.message for f in over)
    capped = [f for f in found if f.code == "L006"]
    assert any(f.value_text == "≤15人" for f in capped)
    assert all(f.severity == RULES[f.code][0] for f in found)


def test_lint_command_formats_and_database(tmp_path: Path) -> None:
    runner = CliRunner()
    docs = ROOT / "corpora" / "dev" / "docs"
    out = tmp_path / "dev.jsonl"
    db = tmp_path / "g.sqlite"
    assert runner.invoke(app, ["extract", str(docs), "-o", str(out), "--db", str(db), "-q"]).exit_code == 0
    res = runner.invoke(app, ["lint", str(out), "-f", "jsonl"])
    assert res.exit_code == 1  # L009 is an error
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert {"L009", "L006"} <= {r["code"] for r in rows}
    assert "goalnlp lint:" in res.stderr
    from_db = runner.invoke(app, ["lint", "--db", str(db), "-f", "jsonl"])
    assert sorted(from_db.stdout.splitlines()) == sorted(res.stdout.splitlines())
    as_csv = runner.invoke(app, ["lint", str(out), "-f", "csv", "--severity", "error"])
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert table and {r["severity"] for r in table} == {"error"}
    text = runner.invoke(app, ["lint", str(out), "--severity", "warning"])
    assert "by code" in text.stdout and "L013" not in text.stdout
    assert runner.invoke(app, ["lint"]).exit_code == 2
