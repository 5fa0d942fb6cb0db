"""Tests for goalnlp.tokens: the character-level token tagger, its training data and the shipped model."""

from __future__ import annotations

import json
import pickle
import random
import shutil
from pathlib import Path

import pytest

from goalnlp.tokens import (
    TokenTagger,
    align_line,
    default_model_path,
    fields_from_labels,
    generated_records,
    labels_to_spans,
    load_default,
    make_examples,
    parse_row,
    row_features,
    train,
)
from goalnlp.values import parse_value

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT / "corpora" / "synth"


@pytest.fixture(scope="module")
def small() -> TokenTagger:
    """A tagger fitted in a few seconds on rows rendered from generated tables only."""
    rng = random.Random(11)
    examples = make_examples(generated_records(rng, 8), rng, copies=2)
    return TokenTagger(max_iterations=60).fit([t for t, _ in examples], [lab for _, lab in examples])


# --- training data -------------------------------------------------------------------------------


def test_rendered_rows_are_labelled_exactly() -> None:
    rng = random.Random(3)
    recs = generated_records(rng, 4)
    examples = make_examples(recs, rng, copies=3, text_values=0, value_variants=0, name_variants=0)
    assert len(examples) == 3 * len(recs)
    for (text, labels), rec in zip(examples, [r for r in recs for _ in range(3)], strict=True):
        assert len(text) == len(labels)
        assert all(lab == "O" or lab[:2] in ("B-", "I-") for lab in labels)
        row = fields_from_labels(text, labels)
        assert row.name == "".join(rec.name.split())
        # comparator words may move (≥500人 → 500人以上), the reading may not
        got, want = parse_value(row.value_text), parse_value(rec.target.text)
        assert (got.kind, got.value, got.unit or None) == (want.kind, want.value, want.unit or None), text


def test_align_line_labels_a_real_looking_row() -> None:
    rec = {"name": "参训学员满意度", "value_text": "≥90%", "weight": 10.0}
    text = "满意度指标\t服务对象满意度指标\t参训学员满意度\t≥\t90\t%\t10\t以问卷调查为准"
    spans = [(s.label, text[s.start : s.end]) for s in labels_to_spans(text, align_line(text, rec))]
    assert spans == [
        ("L1", "满意度指标"),
        ("L2", "服务对象满意度指标"),
        ("NAME", "参训学员满意度"),
        ("CMP", "≥"),
        ("NUM", "90"),
        ("UNIT", "%"),
        ("WGT", "10"),
        ("NOTE", "以问卷调查为准"),
    ]
    assert align_line(text, {"name": "参训学员满意度", "value_text": "≥95%"}) is None


def test_features_one_list_per_character() -> None:
    for text in (
        "",
        "产出指标数量指标培训人数≥500人",
        "| 产出 | 数量 | 培训人数 | ≥ | 500 | 人 |",
        "ＡＢ　≧９５％",
    ):
        feats = row_features(text)
        assert len(feats) == len(text)
        assert all(f and all(isinstance(x, str) for x in f) for f in feats)


# --- the estimator -------------------------------------------------------------------------------


def test_small_model_splits_an_unseen_glued_row(small: TokenTagger) -> None:
    row = small.parse_row("产出指标数量指标改造农村公路里程≥35公里")
    assert (row.level1_written, row.level2_written) == ("产出指标", "数量指标")
    assert (row.name, row.value_text) == ("改造农村公路里程", "≥35公里")
    assert 0.0 < row.confidence <= row.mean_confidence <= 1.0


def test_predict_and_marginals_shapes(small: TokenTagger) -> None:
    rows = ["培训人数 ≥500人", "指标1：验收合格率（100%）"]
    labels = small.predict(rows)
    marg = small.predict_marginals(rows)
    for text, lab, m in zip(rows, labels, marg, strict=True):
        assert len(lab) == len(m) == len(text)
        assert all(abs(sum(d.values()) - 1.0) < 1e-6 for d in m)
        assert all(max(d, key=d.get) == y for d, y in zip(m, lab, strict=True) if d[y] > 0.5)
    assert small.predict([""]) == [[]]


def test_pickle_round_trip_predicts_the_same(small: TokenTagger, tmp_path: Path) -> None:
    rows = ["效益指标社会效益指标受益农户人数不少于300户", "| 质量指标 | 工程验收合格率 | ≥ | 98 | % |"]
    clone = pickle.loads(pickle.dumps(small))
    assert clone.predict(rows) == small.predict(rows)
    assert clone.predict_marginals(rows) == small.predict_marginals(rows)
    assert clone.get_params() == small.get_params()
    for name in ("m.crfsuite", "m.joblib"):
        loaded = TokenTagger.load(small.save(tmp_path / name))
        assert loaded.predict(rows) == small.predict(rows)


def test_fit_is_deterministic() -> None:
    rng = random.Random(5)
    ex = make_examples(generated_records(rng, 1), rng, copies=1)
    X, y = [t for t, _ in ex], [lab for _, lab in ex]
    a = TokenTagger(max_iterations=15).fit(X, y)
    b = TokenTagger(max_iterations=15).fit(X, y)
    assert a.model_bytes_ == b.model_bytes_


def test_train_is_deterministic(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("glued_00", "glued_01", "headings_00", "headings_01"):
        for ext in (".txt", ".jsonl"):
            shutil.copy(SYNTH / (name + ext), corpus / (name + ext))
    manifest = json.loads((SYNTH / "MANIFEST.json").read_text(encoding="utf-8"))
    (corpus / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    kw = {"generated_tables": 1, "copies": 1, "max_iterations": 15, "refit": False}
    s1 = train([corpus], tmp_path / "a.crfsuite", seed=3, **kw)
    s2 = train([corpus], tmp_path / "b.crfsuite", seed=3, **kw)
    s1.pop("seconds"), s2.pop("seconds")
    assert s1 == s2
    assert s1["heldout_docs"] == 2 and s1["lines"]["rows"] > 0
    assert set(s1["lines_by_layout"]) == {"glued", "headings"}
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()


# --- the shipped model ---------------------------------------------------------------------------


def test_shipped_model_is_small_and_loads() -> None:
    path = default_model_path()
    assert path.name == "token_tagger.crfsuite" and path.stat().st_size < 5_000_000
    assert load_default() is load_default()
    assert {"B-NAME", "B-CMP", "B-NUM", "B-UNIT", "B-ACT", "B-WGT", "B-SCR", "O"} <= set(
        load_default().classes_
    )


# Rows written for this test in the styles the tagger must read; not copied from a corpus.
SHIPPED_CASES = [
    ("产出指标数量指标新建村级文化广场≥6个", "新建村级文化广场", "≥6个"),
    ("产出指标质量指标校舍改造工程验收合格率100%", "校舍改造工程验收合格率", "100%"),
    ("效益指标社会效益指标受益农户人数不少于300户", "受益农户人数", "不少于300户"),
    ("产出指标 时效指标 项目竣工时间 2024年10月底前", "项目竣工时间", "2024年10月底前"),
    ("| 效益指标 | 社会效益指标 | 农村群众出行条件 | 明显改善 | |", "农村群众出行条件", "明显改善"),
    ("指标2：乡村医生培训人次（不少于120人次）", "乡村医生培训人次", "不少于120人次"),
    ("病虫害统防统治面积，指标值：3000亩以上", "病虫害统防统治面积", "3000亩以上"),
    ("3. 农村饮水工程受益人口：≥4500人", "农村饮水工程受益人口", "≥4500人"),
    ("满意度指标\t服务对象满意度指标\t参训学员满意度\t≥\t90\t%\t10", "参训学员满意度", "≥90%"),
    ("成本指标 每公里道路硬化成本 ≤ 65万元/公里 按实际发生数计算", "每公里道路硬化成本", "≤65万元/公里"),
]


@pytest.mark.parametrize(("text", "name", "value"), SHIPPED_CASES)
def test_shipped_model_splits_rows(text: str, name: str, value: str) -> None:
    row = parse_row(text)
    assert (row.name, row.value_text) == (name, value)


def test_shipped_model_reads_a_self_evaluation_row() -> None:
    row = parse_row("产出指标 数量指标 改造农村危房户数 ≥150户 162户 10 9.5 部分农户未按期开工")
    assert (row.level1_written, row.level2_written) == ("产出指标", "数量指标")
    assert (row.name, row.value_text, row.actual_text) == ("改造农村危房户数", "≥150户", "162户")
    assert (row.weight, row.score) == (10.0, 9.5)
    assert row.note == "部分农户未按期开工"
    assert [s.label for s in row.spans][:3] == ["L1", "L2", "NAME"]
