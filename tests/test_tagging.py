"""The trained line tagger: gold labels from records, the CRF estimator, rows from labels."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from goalnlp.corpus import load_labeled
from goalnlp.errors import GoalnlpError
from goalnlp.io import source_from_text
from goalnlp.pipeline import Pipeline, extract, get_engine
from goalnlp.tagging import (
    LineTagger,
    assemble_rows,
    doc_sequences,
    gold_labels,
    load_line_tagger,
    merge_rows,
    training_sequences,
)
from goalnlp.train import rules_docs

# A PDF text dump in the seeds' manner, written for this test: a wrapped name
# (the value sits on the name's second line), a wrapped value, a note column.
WRAPPED = """2024年度项目支出绩效目标表
项目名称 乡村学校少年宫运行补助
主管部门 某县教育局 实施单位 某县教育局
年度资金总额 120.5
一级指标 二级指标 三级指标 指标值 说明
产出指标 数量指标 资助乡村学校少年宫
个数 ≥12个 按实际数计算
质量指标 活动开展达标率 ≥95%
效益指标 社会效益指标 学生参与活动 明显提高，覆盖
全体在校学生
满意度指标 服务对象满意度指标 学生满意度 ≥90%
"""

GOLD = [
    {"record": "indicator", "doc": "t.txt", "table": 0, "name": "资助乡村学校少年宫个数", "value_text": "≥12个", "line_start": 6, "line_end": 7},
    {"record": "indicator", "doc": "t.txt", "table": 0, "name": "活动开展达标率", "value_text": "≥95%", "line_start": 8, "line_end": 8},
    {"record": "indicator", "doc": "t.txt", "table": 0, "name": "学生参与活动", "value_text": "明显提高，覆盖全体在校学生", "line_start": 9, "line_end": 10},
    {"record": "indicator", "doc": "t.txt", "table": 0, "name": "学生满意度", "value_text": "≥90%", "line_start": 11, "line_end": 11},
]


@pytest.fixture(scope="module")
def wrapped_seq():
    doc = Pipeline(["tables", "rows"])(source_from_text(WRAPPED, name="t.txt"))
    seqs = doc_sequences(doc)
    assert len(seqs) == 1
    return doc, seqs[0]


def test_gold_labels_from_records(wrapped_seq) -> None:
    _, seq = wrapped_seq
    labels = dict(zip((s.text for s in seq.segments), gold_labels(seq, GOLD), strict=True))
    assert labels["资助乡村学校少年宫"] == "NAME_B"
    assert labels["个数"] == "NAME_I"
    assert labels["≥12个"] == "VAL_B"
    assert labels["按实际数计算"] == "NOTE"
    assert labels["产出指标"] == labels["数量指标"] == labels["质量指标"] == "CAT"
    assert labels["明显提高，覆盖"] == "VAL_B"
    assert labels["全体在校学生"] == "VAL_I"
    assert labels["学生满意度"] == "NAME_B"


def test_gold_labels_spell_the_gold_rows(wrapped_seq) -> None:
    """Rows assembled from the gold labels are the gold rows: the labels lose nothing."""
    _, seq = wrapped_seq
    rows = assemble_rows(seq, gold_labels(seq, GOLD))
    assert [r.name for r in rows] == [g["name"] for g in GOLD]
    assert [r.value_text for r in rows] == ["≥12个", "≥95%", "明显提高，覆盖全体在校学生", "≥90%"]
    assert [r.level2 for r in rows] == ["数量", "质量", "社会效益", "服务对象满意度"]
    assert sorted(rows[0].lines) == [6, 7]


def test_merge_keeps_rules_rows_unless_sure(wrapped_seq) -> None:
    doc, seq = wrapped_seq
    rules = doc.tables[0].rows
    labels = gold_labels(seq, GOLD)
    # Never sure: the rules' rows, the same objects.
    assert merge_rows(seq, labels, [0.5] * len(labels), rules, threshold=0.9) == rules
    # Sure of the gold labels: the gold cut.
    merged = merge_rows(seq, labels, [1.0] * len(labels), rules, threshold=0.9)
    assert [r.name for r in merged] == [g["name"] for g in GOLD]


def test_merge_keeps_rules_rows_where_the_re_cut_names_a_figure(wrapped_seq) -> None:
    """A sure re-cut whose row would be named by a target's figure (``≥95%``) is wrong
    however sure the tagger is: the rules' rows stand."""
    doc, seq = wrapped_seq
    rules = doc.tables[0].rows
    labels = list(gold_labels(seq, GOLD))
    texts = [s.text for s in seq.segments]
    for text, label in (("活动开展达标率", "O"), ("≥95%", "NAME_B"), ("学生参与活动", "VAL_B"), ("明显提高，覆盖", "VAL_I")):
        labels[texts.index(text)] = label
    merged = merge_rows(seq, labels, [1.0] * len(labels), rules, threshold=0.9)
    assert [(r.name_text, r.value_norm) for r in merged][1:3] == [
        ("活动开展达标率", "≥95%"),
        ("学生参与活动", "明显提高，覆盖全体在校学生"),
    ]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> tuple[list, list]:
    from goalnlp.simulate import write_corpus

    out = tmp_path_factory.mktemp("sim")
    write_corpus(out / "train", docs_per_layout=1, seed=3)
    write_corpus(out / "test", docs_per_layout=1, seed=4, layouts=["pdf_wrapped", "cell_per_line", "pipe"])
    return rules_docs(load_labeled([out / "train"])), rules_docs(load_labeled([out / "test"]))


def test_line_tagger_learns_held_out_layouts(small_corpus) -> None:
    train, test = small_corpus
    X, y = training_sequences(train)
    model = LineTagger(max_iterations=60).fit(X, y)
    Xt, yt = training_sequences(test)
    pred = model.predict(Xt)
    pairs = [(g, p) for gs, ps in zip(yt, pred, strict=True) for g, p in zip(gs, ps, strict=True)]
    acc = sum(g == p for g, p in pairs) / len(pairs)
    assert len(pairs) > 100 and acc >= 0.9, acc
    # Picklable, and the copy predicts the same.
    clone = pickle.loads(pickle.dumps(model))
    assert clone.predict(Xt) == pred
    labels, probs = model.tag(Xt[0])
    assert labels == pred[0] and all(0.0 < p <= 1.0 for p in probs)


def test_unfitted_tagger_says_so() -> None:
    from goalnlp.tagging import NotFittedError

    with pytest.raises(NotFittedError):
        LineTagger().predict([])


def test_shipped_tagger_loads_and_engines_run(dev_docs: list[Path]) -> None:
    model = load_line_tagger()
    assert isinstance(model, LineTagger) and 0.0 < model.hybrid_threshold < 1.0
    rules = [r for r in extract(WRAPPED, engine="rules") if r["record"] == "indicator"]
    for engine in ("crf", "hybrid"):
        recs = [r for r in extract(WRAPPED, engine=engine) if r["record"] == "indicator"]
        assert [r["name"] for r in recs] == [g["name"] for g in GOLD], engine
        assert [r["value_text"] for r in recs] == [r["value_text"] for r in rules]


def test_engine_errors(tmp_path: Path) -> None:
    with pytest.raises(GoalnlpError) as e:
        get_engine("neural")
    assert e.value.code == "E011"
    with pytest.raises(GoalnlpError) as e:
        get_engine("hybrid", models_dir=tmp_path)
    assert e.value.code == "E052" and "line_tagger.crfsuite" in str(e.value)


# Rows glued without separators (a Word table pasted as text), written for this test:
# two text-valued rows the rules cannot cut (no comparator, no number) and a note glued on.
GLUED = """2024年项目支出绩效目标表
项目名称：农村人居环境整治
一级指标二级指标三级指标指标值备注
产出指标数量指标改造农村户厕数量不少于1200户按实际完成数计算
产出指标质量指标户厕改造验收合格率≥95%
效益指标社会效益指标群众获得感明显增强以问卷调查为准
效益指标生态效益指标村庄环境卫生状况持续改善
满意度指标服务对象满意度指标受益群众满意度≥90%
"""


def test_token_tagger_reads_glued_rows_the_rules_miss() -> None:
    rules = [(r["name"], r["value_text"]) for r in extract(GLUED, engine="rules") if r["record"] == "indicator"]
    hybrid = [(r["level2"], r["name"], r["value_text"], r["kind"], r["line_start"]) for r in extract(GLUED, engine="hybrid") if r["record"] == "indicator"]
    assert ("群众获得感", "明显增强") not in rules
    assert hybrid == [
        ("数量", "改造农村户厕数量", "不少于1200户", "quantity", 4),
        ("质量", "户厕改造验收合格率", "≥95%", "quantity", 5),
        ("社会效益", "群众获得感", "明显增强", "text", 6),
        ("生态效益", "村庄环境卫生状况", "持续改善", "text", 7),
        ("服务对象满意度", "受益群众满意度", "≥90%", "quantity", 8),
    ]
