"""Tests for goalnlp.category: the trained level2 classifier, its shipped model, and filling."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from goalnlp.category import (
    CategoryClassifier,
    LinearCategoryModel,
    _dump_linear,
    _frame,
    as_fields,
    default_linear_path,
    default_model_path,
    export_linear,
    fill_missing_categories,
    jieba_cut,
    load_corpus,
    load_default,
)
from goalnlp.classify import LEVEL1_OF
from goalnlp.doc import Cell, Row

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "corpora" / "dev" / "gold", ROOT / "corpora" / "synth"]


def _rec(name: str, value: str = "", unit: str | None = None, kind: str | None = None, level2: str | None = None) -> dict:
    return {"name": name, "value_text": value, "unit": unit, "kind": kind, "level2": level2}


# A small training set, written here, from sectors other than health.
SMALL = [
    _rec("新建校舍面积", "≥3000平方米", "平方米", "quantity", "数量"),
    _rec("培训乡村教师人数", "≥200人", "人", "quantity", "数量"),
    _rec("改造农村公路里程", "≥35公里", "公里", "quantity", "数量"),
    _rec("建设灌溉渠道长度", "≥12公里", "公里", "quantity", "数量"),
    _rec("举办文艺演出场次", "≥20场", "场", "quantity", "数量"),
    _rec("校舍工程验收合格率", "100%", "%", "quantity", "质量"),
    _rec("公路工程交工验收合格率", "≥98%", "%", "quantity", "质量"),
    _rec("种子质量抽检合格率", "≥95%", "%", "quantity", "质量"),
    _rec("渠道工程质量达标率", "100%", "%", "quantity", "质量"),
    _rec("工程完工时间", "2024年10月底前", None, "date", "时效"),
    _rec("补贴资金发放时间", "2024年6月30日前", None, "date", "时效"),
    _rec("演出任务完成时限", "2024年12月前", None, "date", "时效"),
    _rec("生均公用经费标准", "≥800元/生.年", "元/生.年", "quantity", "成本"),
    _rec("每公里改造成本", "≤60万元/公里", "万元/公里", "quantity", "成本"),
    _rec("渠道建设总成本", "≤300万元", "万元", "quantity", "成本"),
    _rec("带动农民增收", "≥50万元", "万元", "quantity", "经济效益"),
    _rec("带动沿线旅游收入", "≥100万元", "万元", "quantity", "经济效益"),
    _rec("学生入学条件", "明显改善", None, "text", "社会效益"),
    _rec("群众出行条件", "显著改善", None, "text", "社会效益"),
    _rec("群众文化生活", "日益丰富", None, "text", "社会效益"),
    _rec("学生家长满意度", "≥90%", "%", "quantity", "服务对象满意度"),
    _rec("沿线村民满意度", "≥85%", "%", "quantity", "服务对象满意度"),
    _rec("观众满意度", "≥90%", "%", "quantity", "服务对象满意度"),
]
SMALL_Y = [r["level2"] for r in SMALL]


@pytest.fixture(scope="module")
def small_model() -> CategoryClassifier:
    return CategoryClassifier().fit(SMALL, SMALL_Y)


@pytest.fixture(scope="module")
def shipped() -> CategoryClassifier:
    return load_default()


@pytest.fixture(scope="module")
def training_names() -> set[str]:
    return {r["name"] for r in load_corpus(CORPORA)}


# --- the estimator -------------------------------------------------------------------------------


def test_fit_predict_small(small_model: CategoryClassifier) -> None:
    assert set(small_model.classes_) == set(SMALL_Y)
    assert list(small_model.predict(SMALL)) == SMALL_Y  # separable in-sample
    new = [
        _rec("新建农田水渠长度", "≥8公里", "公里", "quantity"),
        _rec("图书采购验收合格率", "100%", "%", "quantity"),
        _rec("校舍维修完工时间", "2024年8月底前", None, "date"),
        _rec("参训教师满意度", "≥90%", "%", "quantity"),
    ]
    assert list(small_model.predict(new)) == ["数量", "质量", "时效", "服务对象满意度"]
    proba = small_model.predict_proba(new)
    assert proba.shape == (4, len(small_model.classes_))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert small_model.predict_categories(new)[3] == ("满意度", "服务对象满意度")


def test_is_a_scikit_learn_estimator() -> None:
    est = CategoryClassifier(C=3.0)
    assert est.get_params()["C"] == 3.0
    est.set_params(C=7.0, word_weight=0.0)
    assert est.get_params()["C"] == 7.0
    twin = clone(est)
    assert twin.get_params() == est.get_params() and not hasattr(twin, "pipeline_")
    twin.fit(SMALL, SMALL_Y)  # without the jieba word features
    assert list(twin.predict(SMALL)) == SMALL_Y
    with pytest.raises(Exception, match="not fitted"):
        CategoryClassifier().predict(SMALL)


def test_rejects_non_canonical_labels() -> None:
    with pytest.raises(ValueError, match="数量指标"):
        CategoryClassifier().fit(SMALL[:2], ["数量指标", "数量"])


def test_accepts_records_rows_objects_strings_and_frames(small_model: CategoryClassifier) -> None:
    rec = _rec("改造农村公路里程", "≥35公里", "公里", "quantity")
    row = Row(
        name_parts=[Cell(text="改造农村", disp="改造农村", line=1), Cell(text="公路里程", disp="公路里程", line=2)],
        value_parts=[Cell(text="≥35公里", disp="≥35公里", line=1)],
        parsed={"unit": "公里", "kind": "quantity"},
    )

    class Obj:
        name, value_text, unit, kind = "改造农村公路里程", "≥35公里", "公里", "quantity"

    P = small_model.predict_proba([rec, row, Obj(), pd.Series(rec).to_dict()])
    assert np.allclose(P, P[0])
    assert np.allclose(small_model.predict_proba(pd.DataFrame([rec])), P[:1])
    # A bare name is scored by the name-only model; full-width input is folded.
    assert small_model.predict(["改造农村公路里程"])[0] == "数量"
    assert small_model.predict([_rec("改造农村公路里程", "≥３５公里", "公里", "quantity")])[0] == "数量"
    assert small_model.predict_proba([]).shape == (0, len(small_model.classes_))
    with pytest.raises(TypeError):
        small_model.predict(rec)  # one record, not a list of them


def test_pickle_round_trip(small_model: CategoryClassifier, tmp_path: Path) -> None:
    again = pickle.loads(pickle.dumps(small_model))
    assert np.array_equal(again.predict_proba(SMALL), small_model.predict_proba(SMALL))
    path = small_model.save(tmp_path / "m.joblib")
    loaded = CategoryClassifier.load(path)
    assert np.array_equal(loaded.predict_proba(SMALL), small_model.predict_proba(SMALL))
    assert list(loaded.classes_) == list(small_model.classes_)


_TRAIN_SCRIPT = """
import pickle, sys
from goalnlp.category import CategoryClassifier
recs = pickle.loads(sys.stdin.buffer.read())
sys.stdout.buffer.write(pickle.dumps(CategoryClassifier().fit(recs, [r["level2"] for r in recs])))
"""


def test_training_is_deterministic() -> None:
    recs = load_corpus([ROOT / "corpora" / "dev" / "gold"])[:150] + SMALL
    y = [r["level2"] for r in recs]
    a = CategoryClassifier().fit(recs, y)
    b = CategoryClassifier().fit(recs, y)
    assert np.array_equal(a.predict_proba(recs), b.predict_proba(recs))
    assert pickle.dumps(a) == pickle.dumps(b)
    # Another process, another hash seed: still the same bytes.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", _TRAIN_SCRIPT], input=pickle.dumps(recs), capture_output=True, env=env, check=True
    ).stdout
    assert out == pickle.dumps(a)


# --- disagreements -------------------------------------------------------------------------------


def test_disagreements_find_a_planted_mislabel(shipped: CategoryClassifier) -> None:
    rows = [
        _rec("新建村级道路长度", "≥12公里", "公里", "quantity", "数量"),
        _rec("设备购置总成本", "≤120万元", "万元", "quantity", "成本"),
        _rec("游客满意度", "≥90%", "%", "quantity", "数量"),  # planted: filed under 数量
        _rec("工程竣工时间", "2024年10月底前", None, "date", "时效"),
        _rec("设施持续使用年限", "≥15年", "年", "quantity", None),  # no written level2: skipped
    ]
    found = list(shipped.disagreements(rows, threshold=0.9))
    assert [(d.index, d.written, d.predicted) for d in found] == [(2, "数量", "服务对象满意度")]
    d = found[0]
    assert d.record is rows[2] and d.probability >= 0.9 and d.written_probability < 0.1
    assert d.predicted_level1 == "满意度"
    assert list(shipped.disagreements(rows, threshold=1.01)) == []


# --- the shipped model ---------------------------------------------------------------------------


def test_shipped_model_is_small_and_package_data() -> None:
    import goalnlp.models

    path = default_model_path()
    # models/ is installed as the goalnlp.models package, so wheels carry the file.
    assert path.parent == Path(goalnlp.models.__file__).resolve().parent
    assert path.stat().st_size < 5_000_000


# Names written for this test, none of them in the training corpora (asserted below).
HELD_OUT = [
    (_rec("新建村级道路长度", "≥12公里", "公里", "quantity"), "数量"),
    (_rec("修缮古建筑数量", "≥3处", "处", "quantity"), "数量"),
    (_rec("举办技能培训班期数", "≥6期", "期", "quantity"), "数量"),
    (_rec("采购设备验收合格率", "100%", "%", "quantity"), "质量"),
    (_rec("补贴发放准确率", "100%", "%", "quantity"), "质量"),
    (_rec("补贴资金发放及时率", "≥98%", "%", "quantity"), "时效"),
    (_rec("工程竣工时间", "2024年10月底前", None, "date"), "时效"),
    (_rec("设备购置总成本", "≤120万元", "万元", "quantity"), "成本"),
    (_rec("人均培训费用标准", "≤1500元/人", "元/人", "quantity"), "成本"),
    (_rec("带动村集体经济增收", "≥30万元", "万元", "quantity"), "经济效益"),
    (_rec("村民出行条件", "显著改善", None, "text"), "社会效益"),
    (_rec("设施持续使用年限", "≥15年", "年", "quantity"), "可持续影响"),
    (_rec("游客满意度", "≥90%", "%", "quantity"), "服务对象满意度"),
    (_rec("参训学员满意度", "≥90%", "%", "quantity"), "服务对象满意度"),
]


def test_shipped_model_on_held_out_names(shipped: CategoryClassifier, training_names: set[str]) -> None:
    assert not {r["name"] for r, _ in HELD_OUT} & training_names
    X = [r for r, _ in HELD_OUT]
    assert list(shipped.predict(X)) == [y for _, y in HELD_OUT]
    # The name alone is enough for most of them.
    bare = shipped.predict([r["name"] for r in X])
    assert np.mean(bare == np.array([y for _, y in HELD_OUT])) >= 0.85


@pytest.mark.parametrize(
    ("name", "level2"),
    [
        ("新建农村公路里程", "数量"),
        ("验收合格率", "质量"),
        ("资金拨付及时率", "时效"),
        ("项目总成本", "成本"),
        ("带动农户增收", "经济效益"),
        ("群众满意度", "服务对象满意度"),
    ],
)
def test_shipped_model_on_bare_names(shipped: CategoryClassifier, name: str, level2: str) -> None:
    # Common names (most of them occur in the generated corpus), given without a value.
    assert shipped.predict([name])[0] == level2


# --- filling lost categories ---------------------------------------------------------------------


def _row(name: str, value: str, unit: str | None, kind: str, **kw: object) -> Row:
    return Row(
        name_parts=[Cell(text=name, disp=name, line=1)],
        value_parts=[Cell(text=value, disp=value, line=1)],
        parsed={"unit": unit, "kind": kind},
        **kw,
    )


def test_fill_missing_categories_on_rows(shipped: CategoryClassifier) -> None:
    rows = [
        _row("改造危桥座数", "≥6座", "座", "quantity", level1=None, level2=None, category_source="carried"),
        _row("工程交工验收合格率", "100%", "%", "quantity", level1="产出", level2="数量", category_source="written"),
        _row("沿线群众满意度", "≥90%", "%", "quantity", level1="产出", level2="数量", category_source="lost"),
        # level1 read, level2 lost: the choice stays under 效益 although the unit says 成本-like 万元.
        _row("带动沿线产业增收", "≥200万元", "万元", "quantity", level1="效益", level2=None),
    ]
    assert fill_missing_categories(rows, shipped) == 3
    got = [(r.level1, r.level2, r.category_source) for r in rows]
    assert got == [
        ("产出", "数量", "classifier"),
        ("产出", "数量", "written"),  # written: never overridden
        ("满意度", "服务对象满意度", "classifier"),
        ("效益", "经济效益", "classifier"),
    ]
    assert fill_missing_categories(rows, shipped) == 0  # idempotent


def test_fill_missing_categories_on_records(shipped: CategoryClassifier) -> None:
    recs = [
        {**_rec("工程竣工时间", "2024年10月底前", None, "date"), "level1": None},
        {**_rec("游客满意度", "≥90%", "%", "quantity", "服务对象满意度"), "level1": "满意度"},  # gold: no source
    ]
    assert fill_missing_categories(recs, shipped) == 1
    assert (recs[0]["level1"], recs[0]["level2"], recs[0]["category_source"]) == ("产出", "时效", "classifier")
    assert "category_source" not in recs[1]
    assert all(LEVEL1_OF[r["level2"]] == r["level1"] for r in recs)



class _FixedProba:
    """A stand-in model: fixed probabilities per name, to test the decoding alone."""

    classes_ = np.array(["数量", "质量", "社会效益"])

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def predict_proba(self, X):  # noqa: ANN001, ANN201
        return np.array([self.table[r["name"]] for r in X])


def test_fill_missing_categories_stay_decodes_rows_as_one_table() -> None:
    # The middle row leans to 质量 alone; with its neighbours both 数量 and a reward for
    # keeping the previous row's label, the sequence reads 数量 throughout.
    model = _FixedProba({"甲": [0.8, 0.1, 0.1], "乙": [0.35, 0.45, 0.2], "丙": [0.8, 0.1, 0.1]})

    def recs() -> list[dict]:
        return [{"name": n, "level1": None, "level2": None} for n in "甲乙丙"]

    alone, together = recs(), recs()
    fill_missing_categories(alone, model)
    fill_missing_categories(together, model, stay=1.0)
    assert [r["level2"] for r in alone] == ["数量", "质量", "数量"]
    assert [r["level2"] for r in together] == ["数量", "数量", "数量"]
    # A strong change of label still wins over the reward.
    model.table["乙"] = [0.02, 0.03, 0.95]
    together = recs()
    fill_missing_categories(together, model, stay=1.0)
    assert [r["level2"] for r in together] == ["数量", "社会效益", "数量"]
    assert {r["level1"] for r in together} == {"产出", "效益"}
    # A row builder's choices (the labels printed either side of the row) bound the pick.
    narrowed = recs()
    narrowed[1]["level2_choices"] = ("数量", "质量")
    fill_missing_categories(narrowed, model, stay=1.0)
    assert [r["level2"] for r in narrowed] == ["数量", "数量", "数量"]
    narrowed = recs()
    narrowed[1]["level2_choices"] = ("质量",)
    fill_missing_categories(narrowed, model)
    assert narrowed[1]["level2"] == "质量"


def test_cli_check_categories_flags_a_misfiled_row(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from goalnlp.cli import app

    base = {"record": "indicator", "doc": "d.txt", "table": 0, "category_source": "written"}
    rows = [
        {**base, "name": "受益群众满意度", "value_text": "≥95%", "level1": "产出", "level2": "成本", "line_start": 3},
        {**base, "name": "培训农民人次", "value_text": "≥500人次", "level1": "产出", "level2": "数量", "line_start": 4},
        # carried categories are the tool's own guess: not reported
        {**base, "name": "群众满意度", "value_text": "≥90%", "level1": "产出", "level2": "成本", "line_start": 5, "category_source": "carried"},
    ]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "found.jsonl"
    res = CliRunner().invoke(app, ["check-categories", str(pred), "--threshold", "0.8", "--json", str(out)])
    assert res.exit_code == 0, res.output
    found = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(f["name"], f["predicted_level2"]) for f in found] == [("受益群众满意度", "服务对象满意度")]
    assert found[0]["predicted_level1"] == "满意度" and found[0]["probability"] >= 0.8

# --- inference without scikit-learn ----------------------------------------------------------------


@pytest.fixture(scope="module")
def estimator() -> CategoryClassifier:
    return CategoryClassifier.load(default_model_path())


def _inputs() -> list[dict]:
    recs = load_corpus(CORPORA)
    bare = [r["name"] for r in recs[::4]] + [r["name"] for r, _ in HELD_OUT]
    return recs + [r for r, _ in HELD_OUT] + [{"name": n} for n in bare] + ["", "ＡＢＣ 123", "新建  校舍"]


def test_load_default_is_the_exported_estimator(shipped: LinearCategoryModel, estimator: CategoryClassifier) -> None:
    X = _inputs()
    assert isinstance(shipped, LinearCategoryModel)
    assert shipped.classes_ == [str(c) for c in estimator.classes_]
    assert list(shipped.predict(X)) == list(estimator.predict(X))
    P1, P2 = estimator.predict_proba(X), np.array(shipped.predict_proba(X))
    assert np.allclose(P1, P2, rtol=0, atol=1e-6)
    # The decision scores are scikit-learn's to the bit (float32 TF-IDF and dot products).
    Xt = estimator.pipeline_.named_steps["features"].transform(_frame(X))
    bare = np.array([not (f["value_text"] or f["unit"] or f["kind"]) for f in map(as_fields, X)])
    D = np.array([list(d) for d in shipped.decision_function(X)], dtype=np.float32)
    assert np.array_equal(D[~bare], estimator.pipeline_.named_steps["clf"].decision_function(Xt[~bare]))
    assert np.array_equal(D[bare], estimator.name_clf_.decision_function(Xt[bare][:, estimator._name_columns()]))
    # Near ties go through numpy's float32 softmax: then the probabilities are identical too.
    items = [as_fields(x) for x in X]
    assert np.array_equal(np.array(shipped._proba_numpy(items, shipped._decisions(items)), dtype=np.float32), P1)
    # Restricting the choice to one level1 (fill_missing_categories) picks the same label.
    classes = shipped.classes_
    for l1 in ("产出", "效益"):
        cols = [j for j, c in enumerate(classes) if LEVEL1_OF[c] == l1]
        assert [max(cols, key=lambda j, p=p: p[j]) for p in P1] == [max(cols, key=lambda j, p=p: p[j]) for p in P2]


def test_linear_export_of_a_fitted_model(small_model: CategoryClassifier, tmp_path: Path) -> None:
    lin = LinearCategoryModel.from_classifier(small_model)
    assert lin.predict(SMALL) == list(small_model.predict(SMALL))
    assert np.allclose(lin.predict_proba(SMALL), small_model.predict_proba(SMALL), rtol=0, atol=1e-6)
    again = LinearCategoryModel.load(lin.save(tmp_path / "m.json"))
    assert again.predict_proba(SMALL) == lin.predict_proba(SMALL)
    assert lin.predict_proba([]) == []
    with pytest.raises(TypeError):
        lin.predict(SMALL[0])
    assert [(d.index, d.predicted) for d in lin.disagreements(SMALL, 0.0)] == [
        (d.index, d.predicted) for d in small_model.disagreements(SMALL, 0.0)
    ]


def test_shipped_linear_export_is_current(estimator: CategoryClassifier) -> None:
    # scripts/train_category.py writes both files; a retrained joblib needs its export.
    assert _dump_linear(export_linear(estimator)) == default_linear_path().read_text(encoding="utf-8")


def test_inference_path_imports_no_sklearn_numpy_or_jieba() -> None:
    code = (
        "import sys\n"
        "from goalnlp.pipeline import extract\n"
        "from goalnlp.category import fill_missing_categories\n"
        "text = '绩效指标\\n三级指标 指标值\\n新建村级道路长度 ≥12公里\\n游客满意度 ≥90%\\n'\n"
        "recs = [r for r in extract(text) if r['record'] == 'indicator']\n"
        "assert [r['category_source'] for r in recs] == ['classifier', 'classifier'], recs\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'numpy', 'jieba', 'pandas'))\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_jieba_cut_is_jiebas() -> None:
    import random

    import jieba

    names = sorted({r["name"] for r in load_corpus(CORPORA)} | {r["value_text"] or "" for r in load_corpus(CORPORA)})
    rng = random.Random(0)
    chars = "".join(sorted({c for n in names for c in n})) + "ab12 .%-#"
    names += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    for s in names:
        assert jieba_cut(s) == jieba.lcut(s, HMM=False), s


def test_shipped_jieba_tables_are_current() -> None:
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("export_jieba", ROOT / "scripts" / "export_jieba.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    full, crossing = mod.build()
    models = Path(default_model_path()).parent
    assert json.loads((models / "jieba_dict.json").read_text(encoding="utf-8")) == full
    assert json.loads((models / "jieba_cross.json").read_text(encoding="utf-8")) == crossing
