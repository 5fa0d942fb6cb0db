"""The cell-stream pairing model (goalnlp.pairing): features, estimator, assignment, training."""

from __future__ import annotations

import gzip
import itertools
import json
import pickle
from pathlib import Path

import pytest

from goalnlp import extract
from goalnlp.pairing import Candidates, PairingModel, default_model, examples, read_bundle, train_pairing
from goalnlp.train import train

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "corpora" / "pdftotext_raw.jsonl.gz"
HEAD = "项目支出绩效目标表\n\n项目名称\n\n社区图书馆免费开放\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n"


def _rows(body: str) -> list[tuple[str, str]]:
    recs = extract(HEAD + body, engine="rules")
    return [(r["name"], r["value_text"]) for r in recs if r["record"] == "indicator"]


def test_candidate_features_say_distance_order_kind_and_runs() -> None:
    roles = ["NAME", "NAME", "LABEL", "VALUE", "VALUE", "NOTE", "NAME", "VALUE"]
    cands = Candidates(roles, lambda ni, vi: 1 if (ni, vi) == (6, 7) else 0)
    assert cands.names == [0, 1, 6] and cands.values == [3, 4, 7]
    f = dict(zip(itertools.product(cands.names, cands.values), cands.flat(), strict=True))
    # The second name and the first target are neighbours (the label between is no item).
    assert {"d=1", "fit=0&d=1", "label_between", "between=0,0&after"} <= set(f[1, 3])
    # The first name and the first target: first of their runs, the runs next to each other.
    assert {"d=2", "names_between=1", "next_run&same_rank&after"} <= set(f[0, 3])
    assert {"d=1", "fit=1", "fit=1&d=1"} <= set(f[6, 7])
    assert {"d=-1", "between=0,0&before"} <= set(f[6, 4])  # (the note is no item either)
    assert {"d=3", "between=1,1&after", "next_run&other_rank&after"} <= set(f[0, 4])


def _toy() -> tuple[list[list[str]], list[int]]:
    X = [["bias", "d=1", "fit=1"], ["bias", "d=1", "fit=0"], ["bias", "d=4-7", "fit=0"], ["bias", "d=-1", "fit=-1"]] * 5
    y = [1, 1, 0, 0] * 5
    return X, y


def test_is_an_estimator_that_pickles_and_saves(tmp_path: Path) -> None:
    X, y = _toy()
    m = PairingModel().fit(X, y)
    p = m.predict_proba(X[:4])
    assert p[0] > 0.5 > p[2] and p[1] > p[3]
    again = pickle.loads(pickle.dumps(m))
    m.save(tmp_path / "pairing.json")
    loaded = PairingModel.load(tmp_path / "pairing.json")
    assert again.predict_proba(X[:4]) == p
    assert loaded.predict_proba(X[:4]) == pytest.approx(p, abs=1e-5)
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a goalnlp pairing model"):
        PairingModel.load(tmp_path / "bad.json")


def test_a_stray_target_does_not_shift_the_pairs_after_it() -> None:
    # pdftotext printed one target (the satisfaction rate's) in the middle of the grid.
    # Paired as they come, every name after it would take its neighbour's target; paired
    # together, the neighbours stay together and the stray target goes to the name that
    # has none.
    body = (
        "文化活动场次\n\n≥24场\n\n图书借阅人次\n\n≥5000人次\n\n≥ 95%\n\n"
        "设施完好率\n\n98%\n\n开放时长\n\n每周≥56小时\n\n免费开放天数\n\n≥300天\n\n读者满意度\n\n"
    )
    assert _rows(body) == [
        ("文化活动场次", "≥24场"),
        ("图书借阅人次", "≥5000人次"),
        ("设施完好率", "98%"),
        ("开放时长", "每周≥56小时"),
        ("免费开放天数", "≥300天"),
        ("读者满意度", "≥95%"),
    ]


def test_names_printed_as_a_block_before_their_targets_pair_in_order() -> None:
    body = "新增藏书册数\n\n数字资源更新率\n\n≥3000册\n\n≥20%\n\n年度开放天数\n\n≥300天\n\n"
    assert _rows(body) == [("新增藏书册数", "≥3000册"), ("数字资源更新率", "≥20%"), ("年度开放天数", "≥300天")]


def test_examples_label_gold_pairs_from_a_bundle(tmp_path: Path) -> None:
    body = "新增藏书册数\n\n≥3000册\n\n数字资源更新率\n\n≥20%\n\n年度开放天数\n\n≥300天\n\n"
    gold = [
        {"record": "indicator", "name": "新增藏书册数", "value_text": "≥3000册"},
        {"record": "indicator", "name": "数字资源更新率", "value_text": "≥20%"},
        {"record": "indicator", "name": "年度开放天数", "value_text": "≥300天"},
    ]
    path = tmp_path / "b.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc": "a.txt", "text": HEAD + body, "records": gold}, ensure_ascii=False) + "\n")
    docs = read_bundle(path)
    X, y = examples(docs)
    assert len(X) == 9 and sum(y) == 3  # 3 names x 3 targets, the three adjacent pairs right
    assert all("d=1" in f for f, label in zip(X, y, strict=True) if label)


def test_goalnlp_train_rewrites_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    rep = train([ROOT / "corpora"], tmp_path, models=["pairing"])
    assert rep["models"]["pairing"]["bundles"] == [str(ROOT / "corpora" / "pdftotext_raw.jsonl.gz")]
    shipped = Path(__file__).resolve().parent.parent / "models" / "pairing.json"
    assert (tmp_path / "pairing.json").read_bytes() == shipped.read_bytes()
    assert default_model().weights == PairingModel.load(tmp_path / "pairing.json").weights


def test_training_without_a_bundle_keeps_the_shipped_model(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(HEAD, encoding="utf-8")
    (corpus / "a.jsonl").write_text("", encoding="utf-8")
    rep = train([corpus], tmp_path / "out", models=["pairing"], synth_docs_per_layout=0)
    assert "skipped" in rep["models"]["pairing"] and not (tmp_path / "out" / "pairing.json").exists()
    with pytest.raises(ValueError, match="no labelled"):
        train_pairing([])


def test_the_bundle_holds_plain_pdftotext_documents() -> None:
    docs = read_bundle(BUNDLE)
    assert len(docs) == 240
    assert all(d["doc"].endswith(".txt") and d["records"] for d in docs)
    X, y = examples(docs[:10])
    assert sum(y) > 100
