"""Tests of goalnlp.evaluate on the real gold corpus and on small hand-built cases."""

from __future__ import annotations

import copy
import io
import json
import random
from pathlib import Path

import opencc
import pytest
from rich.console import Console

from goalnlp.errors import GoalnlpError
from goalnlp.evaluate import (
    FIELDS,
    TABLE_FIELDS,
    Report,
    evaluate,
    evaluate_paths,
    load_records,
    normalize_text,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "gold"
DOC3 = "003_3e13664b981e68ec.txt"

pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="shared gold corpus not available")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_records(GOLD_DIR)


@pytest.fixture(scope="module")
def doc3(gold: list[dict]) -> list[dict]:
    return [r for r in gold if r["doc"] == DOC3]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _ind(name: str, table: int = 0, **kw: object) -> dict:
    rec = {"record": "indicator", "doc": "x.txt", "table": table, "name": name}
    rec.update(kw)
    return rec


# --------------------------------------------------------------------------- normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        (" 召开 会议\n次数\t", "召开会议次数"),
        ("召開會議次數", "召开会议次数"),
        ("醫療保障系統幹部隊伍能力素質", "医疗保障系统干部队伍能力素质"),
        ("≥２次", "≥2次"),
        ("＞＝95％", "≥95%"),
        (">= 95%", "≥95%"),
        ("≧95%", "≥95%"),
        ("≦5%", "≤5%"),
        ("< = 5 %", "≤5%"),
        ("全年培训人（次）", "全年培训人(次)"),
        ("\u3000定性\u200b", "定性"),
    ],
)
def test_normalize_text(raw: str | None, expected: str) -> None:
    assert normalize_text(raw) == expected


# --------------------------------------------------------------------------- loading


def test_load_records_reads_gold_dir_in_sorted_order(gold: list[dict]) -> None:
    assert len(gold) == 574
    docs = [r["doc"] for r in gold]
    assert docs == sorted(docs)  # file order is doc order in this corpus
    assert sum(r["record"] == "indicator" for r in gold) == 526
    assert sum(r["record"] == "table" for r in gold) == 48


def test_load_records_skips_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('\n{"record": "table", "doc": "a.txt", "project": "P"}\n\n   \n', encoding="utf-8")
    assert load_records(p) == [{"record": "table", "doc": "a.txt", "project": "P"}]


def test_bad_json_raises_e021_with_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"record": "table", "doc": "a.txt"}\n\n{"record": "indicator", "doc": \n', encoding="utf-8")
    with pytest.raises(GoalnlpError) as exc:
        load_records(p)
    assert exc.value.code == "E021"
    assert exc.value.details["line"] == 3
    assert "bad.jsonl" in str(exc.value)


def test_non_object_line_raises_e021(tmp_path: Path) -> None:
    p = _write_jsonl(tmp_path / "list.jsonl", [])
    p.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(GoalnlpError) as exc:
        load_records(p)
    assert exc.value.code == "E021"


def test_empty_gold_dir_raises_e020(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not jsonl", encoding="utf-8")
    with pytest.raises(GoalnlpError) as exc:
        evaluate_paths(tmp_path, GOLD_DIR)
    assert exc.value.code == "E020"


def test_missing_field_raises_e022(tmp_path: Path) -> None:
    p = _write_jsonl(tmp_path / "m.jsonl", [{"record": "indicator", "doc": "a.txt", "table": 0}])
    with pytest.raises(GoalnlpError) as exc:
        load_records(p)
    assert exc.value.code == "E022"
    assert exc.value.details["field"] == "name"


def test_missing_path_raises_e004(tmp_path: Path) -> None:
    with pytest.raises(GoalnlpError) as exc:
        load_records(tmp_path / "nope.jsonl")
    assert exc.value.code == "E004"


# --------------------------------------------------------------------------- real gold


def _all_one(report: Report) -> None:
    for s in (report.name, report.triple, report.table):
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    for fs in (*report.field_accuracy.values(), *report.table_field_accuracy.values()):
        assert fs.accuracy == 1.0
    for cats in (report.per_level1, report.per_level2):
        assert all(c.f1 == 1.0 for c in cats.values())
    assert all(d.name.f1 == d.triple.f1 == d.table.f1 == 1.0 for d in report.per_doc.values())
    assert report.linking_recall in (1.0, None)  # None: no multi-line names in this gold
    assert report.funds_accuracy == 1.0
    assert report.errors == []


def test_gold_against_itself_scores_one_everywhere(gold: list[dict]) -> None:
    report = evaluate_paths(GOLD_DIR, GOLD_DIR)
    _all_one(report)
    d = report.to_dict()
    assert d["docs"] == 5
    assert d["name"] == {"tp": 526, "gold": 526, "pred": 526, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert d["table"]["tp"] == 48
    assert d["linking"] == {"total": 125, "matched": 125, "recall": 1.0}
    assert list(d["per_category"]["level1"]) == ["投入", "过程", "产出", "效益", "满意度"]
    assert d["error_counts"] == {"missed": 0, "spurious": 0, "field": 0}


def test_perturbed_doc_gives_hand_computed_scores(doc3: list[dict]) -> None:
    # Doc 003: 57 indicators (17 spanning several lines) in 5 tables.
    inds = [r for r in doc3 if r["record"] == "indicator"]
    assert len(inds) == 57 and sum(r["record"] == "table" for r in doc3) == 5
    assert sum(r["line_end"] > r["line_start"] for r in inds) == 17

    pred = copy.deepcopy(doc3)
    # 1. drop one name: 绩效指标明确性 (table 0, 投入/目标设定, lines 72-75, unique in the doc)
    pred = [r for r in pred if r.get("name") != "绩效指标明确性"]
    # 2. change one comparator: 预算调整率 (<= 60%) → >=
    (changed,) = [r for r in pred if r.get("name") == "预算调整率"]
    changed["comparator"] = ">="
    # 3. one spurious row
    pred.append(_ind("凭空多出的指标", 0, doc=DOC3, level1="产出", level2="数量", line_start=999))
    # 4. one table missing: table 3, 丹寨县2025年驻村工作补贴
    pred = [r for r in pred if not (r["record"] == "table" and r["table"] == 3)]

    report = evaluate(doc3, pred)

    # names: 56 of 57 gold found, 56 of 57 predictions right
    assert (report.name.tp, report.name.n_gold, report.name.n_pred) == (56, 57, 57)
    assert report.name.precision == pytest.approx(56 / 57)
    assert report.name.recall == pytest.approx(56 / 57)
    assert report.name.f1 == pytest.approx(56 / 57)
    # triples: the changed comparator also fails
    assert report.triple.tp == 55
    assert report.triple.precision == pytest.approx(55 / 57)
    assert report.triple.recall == pytest.approx(55 / 57)
    assert report.triple.f1 == pytest.approx(55 / 57)
    # tables: 4 of 5 found, none spurious; F1 = 2·1·0.8 / 1.8
    assert (report.table.tp, report.table.n_gold, report.table.n_pred) == (4, 5, 4)
    assert report.table.precision == 1.0
    assert report.table.recall == pytest.approx(0.8)
    assert report.table.f1 == pytest.approx(8 / 9)
    assert report.funds_accuracy == 1.0
    # fields over 56 matched pairs
    assert report.field_accuracy["comparator"].accuracy == pytest.approx(55 / 56)
    assert all(report.field_accuracy[f].accuracy == 1.0 for f in FIELDS if f != "comparator")
    # the dropped row spanned lines 72-75
    assert (report.linking_matched, report.linking_total) == (16, 17)
    # categories: 投入 has 4 gold, 3 predicted (all right); 产出 24 gold, 25 predicted
    touru, chanchu = report.per_level1["投入"], report.per_level1["产出"]
    assert (touru.precision, touru.recall) == (1.0, 0.75)
    assert touru.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert (chanchu.n_gold, chanchu.n_pred) == (24, 25)
    assert (chanchu.precision, chanchu.recall) == (pytest.approx(24 / 25), 1.0)
    assert report.per_level2["目标设定"].recall == 0.5
    assert report.per_level1["过程"].f1 == 1.0  # a wrong comparator is not a wrong name
    # per doc equals the totals, since only one doc is scored
    assert report.per_doc[DOC3].triple.f1 == pytest.approx(55 / 57)
    # errors, in document order
    assert report.error_counts == {"missed": 2, "spurious": 1, "field": 1}
    assert report.errors == [
        {
            "type": "missed",
            "record": "indicator",
            "doc": DOC3,
            "table": 0,
            "name": "绩效指标明确性",
            "line_start": 72,
        },
        {
            "type": "field",
            "record": "indicator",
            "doc": DOC3,
            "table": 0,
            "name": "预算调整率",
            "field": "comparator",
            "gold": "<=",
            "pred": ">=",
            "line_start": 87,
        },
        {
            "type": "spurious",
            "record": "indicator",
            "doc": DOC3,
            "table": 0,
            "name": "凭空多出的指标",
            "line_start": 999,
        },
        {"type": "missed", "record": "table", "doc": DOC3, "table": 3, "name": "丹寨县2025年驻村工作补贴"},
    ]


def test_empty_prediction_scores_zero(doc3: list[dict]) -> None:
    report = evaluate(doc3, [])
    assert (report.name.precision, report.name.recall, report.name.f1) == (0.0, 0.0, 0.0)
    assert report.table.f1 == 0.0
    assert report.field_accuracy["value"].accuracy is None  # no matched pairs to judge
    assert report.funds_accuracy is None
    assert report.error_counts == {"missed": 62, "spurious": 0, "field": 0}


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def test_traditional_fullwidth_and_whitespace_variants_match(gold: list[dict]) -> None:
    s2t = opencc.OpenCC("s2t")
    pred = copy.deepcopy(gold)
    for k, r in enumerate(pred):
        if r["record"] == "indicator":
            name = _fullwidth(s2t.convert(r["name"]))
            r["name"] = " ".join(name) if k % 2 else name[:3] + "\n  " + name[3:]
            if r["value_text"]:
                r["value_text"] = _fullwidth(r["value_text"].replace("≥", ">=").replace("≤", "≦"))
            if r["unit"]:
                r["unit"] = " " + _fullwidth(r["unit"])
        else:
            r["project"] = "\u3000" + s2t.convert(r["project"])
    assert sum(p.get("name") != g.get("name") for p, g in zip(pred, gold, strict=True)) == 526
    _all_one(evaluate(gold, pred))


def test_duplicates_across_tables_pair_within_their_table(gold: list[dict]) -> None:
    # 项目或定额成本控制率 appears in 13 tables of doc 002, 完成时间 in 10; every table has its own
    # project, so pairing a row with a copy from another table would show as a project error.
    doc2 = [r for r in gold if r["doc"].startswith("002_")]
    names = [r["name"] for r in doc2 if r["record"] == "indicator"]
    assert names.count("项目或定额成本控制率") == 13
    # Without line numbers in the prediction, only the table index can tell the copies apart.
    pred = [{k: v for k, v in r.items() if k not in ("line_start", "line_end")} for r in doc2]
    random.Random(7).shuffle(pred)
    _all_one(evaluate(doc2, pred))


def test_duplicates_prefer_same_table_then_level2_then_nearest_line() -> None:
    gold = [
        _ind("完成时间", 0, level2="时效", value_text="A", line_start=10),
        _ind("完成时间", 0, level2="质量", value_text="B", line_start=20),
        _ind("完成时间", 0, level2="时效", value_text="C", line_start=50),
        _ind("完成时间", 1, level2="时效", value_text="D", line_start=90),
    ]
    pred = [
        _ind("完成时间", 1, level2="时效", value_text="D", line_start=10),  # table beats line
        _ind("完成时间", 0, level2="时效", value_text="C", line_start=48),
        _ind("完成时间", 0, level2="质量", value_text="B", line_start=49),  # level2 beats line
        _ind("完成时间", 0, level2="时效", value_text="A", line_start=12),
    ]
    report = evaluate(gold, pred)
    assert report.name.tp == 4
    assert report.field_accuracy["value_text"].accuracy == 1.0
    assert report.errors == []


def test_more_copies_in_pred_than_gold_leaves_extra_spurious() -> None:
    gold = [_ind("完成时间", 0, line_start=5), _ind("完成时间", 1, line_start=40)]
    pred = [_ind("完成时间", t, line_start=ln) for t, ln in ((0, 5), (0, 6), (1, 41))]
    report = evaluate(gold, pred)
    assert (report.name.tp, report.name.n_pred) == (2, 3)
    assert [(e["type"], e["table"], e["line_start"]) for e in report.errors] == [("spurious", 0, 6)]


def test_path_prefixed_doc_names_match_and_other_docs_are_ignored(doc3: list[dict]) -> None:
    pred = copy.deepcopy(doc3)
    for k, r in enumerate(pred):
        r["doc"] = ("/data/runs/2024-06/" if k % 2 else "C:\\runs\\out\\") + r["doc"]
    pred += [_ind("别的文件里的指标", doc="runs/999_other.txt"), _ind("又一个", doc="999_other.txt")]
    pred.append({"record": "table", "doc": "elsewhere/998.txt", "table": 0, "project": "P"})
    report = evaluate(doc3, pred)
    _all_one(report)
    d = report.to_dict()
    assert d["ignored_pred_docs"] == 2
    assert d["ignored_pred_records"] == 3
    assert list(d["per_doc"]) == [DOC3]


def test_triple_rules_for_value_and_unit() -> None:
    gold = [
        _ind("a", comparator=">=", value=0.95, unit=None),
        _ind("b", comparator=None, value=None, unit="%"),
        _ind("c", comparator="<=", value=37.31, unit="万元"),
        _ind("d", comparator="=", value=1.0, unit="人"),
    ]
    pred = [
        _ind("a", comparator=">=", value=0.9500000001, unit=""),  # within 1e-6; None == ""
        _ind("b", unit=" ％"),  # absent fields are None; unit normalized
        _ind("c", comparator="<=", value=37.3, unit="万元"),  # value off
        _ind("d", comparator="=", value=1, unit="个"),  # unit off
    ]
    report = evaluate(gold, pred)
    assert report.name.tp == 4
    assert report.triple.tp == 2
    assert report.field_accuracy["value"].correct == 3
    assert report.field_accuracy["unit"].correct == 3
    assert report.field_accuracy["weight"].accuracy == 1.0  # absent on both sides


def test_table_fields_and_funds_tolerance() -> None:
    gold = [
        {"record": "table", "doc": "x.txt", "table": 0, "project": "甲", "funds_total": 2635.2, "year": 2022},
        {"record": "table", "doc": "x.txt", "table": 1, "project": "甲", "funds_total": None, "year": 2022},
        {"record": "table", "doc": "x.txt", "table": 2, "project": "乙", "funds_total": 10.0},
    ]
    pred = [
        {"record": "table", "doc": "x.txt", "table": 1, "project": "甲", "funds_total": None, "year": 2022},
        {
            "record": "table",
            "doc": "x.txt",
            "table": 0,
            "project": "甲",
            "funds_total": 2635.204,
            "year": 2022,
        },
        {"record": "table", "doc": "x.txt", "table": 2, "project": "乙", "funds_total": 10.01, "year": 2023},
    ]
    report = evaluate(gold, pred)
    assert report.table.f1 == 1.0
    assert report.funds_accuracy == pytest.approx(2 / 3)
    assert report.table_field_accuracy["year"].accuracy == pytest.approx(2 / 3)
    fields = sorted(e["field"] for e in report.errors)
    assert fields == ["funds_total", "year"]
    assert all(e["record"] == "table" and e["name"] == "乙" for e in report.errors)


# --------------------------------------------------------------------------- output


def test_to_dict_is_json_with_stable_keys(gold: list[dict], tmp_path: Path) -> None:
    pred = [r for r in gold if r.get("name") != "完成时间"]
    pred_file = _write_jsonl(tmp_path / "pred.jsonl", pred)
    d = evaluate_paths(GOLD_DIR, pred_file).to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert list(d) == [
        "docs",
        "ignored_pred_docs",
        "ignored_pred_records",
        "name",
        "triple",
        "table",
        "field_accuracy",
        "table_field_accuracy",
        "funds_accuracy",
        "linking",
        "per_category",
        "per_doc",
        "error_counts",
        "errors",
    ]
    assert list(d["field_accuracy"]) == list(FIELDS)
    assert list(d["table_field_accuracy"]) == list(TABLE_FIELDS)
    assert set(d["per_category"]) == {"level1", "level2"}
    missed = sum(r.get("name") == "完成时间" for r in gold)
    assert d["error_counts"]["missed"] == missed
    assert d["name"]["recall"] == pytest.approx((526 - missed) / 526)


def test_render_and_summary_line(doc3: list[dict]) -> None:
    pred = [r for r in doc3 if r.get("table") != 4]
    report = evaluate(doc3, pred)
    buf = io.StringIO()
    report.render(Console(file=buf, width=200, color_system=None), max_errors=3)
    out = buf.getvalue()
    for text in (
        "Scores",
        "Field accuracy",
        "level1",
        "Per document",
        "First 3 of 10 errors",
        "系统维护合格率",
    ):
        assert text in out
    assert "保障经办机构单位信息化系统正常运行" not in out  # beyond the first 3 errors
    line = report.summary_line()
    assert line.startswith("name P/R/F1 1.000/0.842/0.914")  # 48 of 57: table 4 held 9 rows
    assert "10 missed" in line and "0 spurious" in line  # 9 rows + the table


def test_ten_thousand_records_shuffled_and_damaged(gold: list[dict]) -> None:
    # (no timing bound: speed is a benchmark's business, not the suite's)
    big_gold = [dict(r, doc=f"{k:02d}_{r['doc']}") for k in range(18) for r in gold]
    big_pred = [dict(r) for r in big_gold]
    rng = random.Random(1)
    rng.shuffle(big_pred)
    for r in big_pred[:400]:
        r["name"] = (r.get("name") or "") + "错"
        r["value"] = 1.5
    assert len(big_pred) >= 10_000
    report = evaluate(big_gold, big_pred)
    assert report.name.n_gold == 18 * 526
    damaged = sum(r["record"] == "indicator" for r in big_pred[:400])
    assert report.name.tp == 18 * 526 - damaged
