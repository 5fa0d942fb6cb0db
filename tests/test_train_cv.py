"""``goalnlp train`` and ``goalnlp evaluate --cv``: reproducible models, engines side by side."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalnlp.cli import app
from goalnlp.corpus import load_labeled
from goalnlp.crossval import cross_validate, layout_of
from goalnlp.errors import GoalnlpError
from goalnlp.pipeline import extract
from goalnlp.tagging import LineTagger

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT / "corpora" / "synth"
DEV = ROOT / "corpora" / "dev"


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    """Three generated documents in three layouts, with their MANIFEST (layout names)."""
    out = tmp_path_factory.mktemp("tiny")
    man = json.loads((SYNTH / "MANIFEST.json").read_text(encoding="utf-8"))
    keep = ["pdf_wrapped_00.txt", "pipe_01.txt", "cell_per_line_02.txt"]
    for name in keep:
        shutil.copy(SYNTH / name, out / name)
        shutil.copy(SYNTH / name.replace(".txt", ".jsonl"), out / name.replace(".txt", ".jsonl"))
    man["docs"] = {k: v for k, v in man["docs"].items() if k in keep}
    (out / "MANIFEST.json").write_text(json.dumps(man, ensure_ascii=False), encoding="utf-8")
    return out


def test_corpus_pairs_both_arrangements(tiny_corpus: Path) -> None:
    dev = load_labeled([DEV])
    assert [d.name for d in dev] == sorted(p.name for p in (DEV / "docs").glob("*.txt"))
    assert all(d.gold_path.parent.name == "gold" and d.group == "dev" for d in dev)
    tiny = load_labeled([tiny_corpus])
    assert [layout_of(d) for d in tiny] == ["cell_per_line", "pdf_wrapped", "pipe"]
    with pytest.raises(GoalnlpError) as e:
        load_labeled([DEV / "docs"])  # documents without gold
    assert e.value.code == "E050"


def test_train_is_reproducible_and_models_are_used(tiny_corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}"
        res = runner.invoke(
            app, ["train", "--corpus", str(tiny_corpus), "--out", str(out), "--models", "line,category", "--synth-docs-per-layout", "1"]
        )
        assert res.exit_code == 0, res.output
        outs.append(out)
    rep = [json.loads((o / "training.json").read_text(encoding="utf-8")) for o in outs]
    line = [r["models"]["line_tagger"] for r in rep]
    assert rep[0]["labeled_docs"] == 3 and rep[0]["synth_docs"] == 10
    # The releases that decide the bytes are recorded, as installed.
    from importlib.metadata import version

    assert rep[0]["libraries"]["scikit-learn"] == version("scikit-learn")
    assert rep[0]["libraries"]["python-crfsuite"] == version("python-crfsuite")
    assert line[0]["tuning"] == line[1]["tuning"]  # same scores, same chosen threshold
    a, b = (LineTagger.load(o / "line_tagger.crfsuite") for o in outs)
    assert a.model_bytes_ == b.model_bytes_ and a.hybrid_threshold == b.hybrid_threshold
    # The trained models drive the engines through --models.
    doc = SYNTH / "tab_03.txt"
    res = runner.invoke(app, ["extract", str(doc), "--engine", "crf", "--models", str(outs[0]), "-q"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.output.splitlines()]
    assert sum(r["record"] == "indicator" for r in recs) >= 10
    assert {r["doc"] for r in recs} == {"tab_03.txt"}
    # Same data, same category files; and a table that lost its categories is filled by them.
    assert (outs[0] / "category.json").read_bytes() == (outs[1] / "category.json").read_bytes()
    from goalnlp.category import LinearCategoryModel

    nocat = "项目名称 测试项目\n三级指标 指标值\n受益群众满意度 ≥95%\n培训农民人次 ≥500人次\n"
    recs = [r for r in extract(nocat, engine="rules", models_dir=outs[0]) if r["record"] == "indicator"]
    trained = LinearCategoryModel.load(outs[0] / "category.json")
    assert [r["level2"] for r in recs] == [str(c) for c in trained.predict(recs)]
    assert all(r["category_source"] == "classifier" for r in recs)


def test_train_rejects_unknown_models(tiny_corpus: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["train", "--corpus", str(tiny_corpus), "--out", str(tmp_path), "--models", "neural"])
    assert res.exit_code == 2 and "unknown models" in res.output


def test_cross_validation_reports_engines_per_layout(tiny_corpus: Path) -> None:
    rep = cross_validate([tiny_corpus], synth_docs_per_layout=1, token_docs_per_layout=0)
    assert rep.docs == 3 and rep.engines == ("rules", "crf", "hybrid")
    assert set(rep.by_layout) == {"cell_per_line", "pdf_wrapped", "pipe"}
    gold = sum(1 for d in load_labeled([tiny_corpus]) for r in d.records() if r["record"] == "indicator")
    for e in rep.engines:
        assert rep.overall[e]["gold"] == gold
        assert 0.5 < rep.overall[e]["name_f1"] <= 1.0
    # The rules engine needs no fitting: its CV score is its plain score.
    rules = [r for d in load_labeled([tiny_corpus]) for r in extract(d.path, engine="rules")]
    ind = [r for r in rules if r["record"] == "indicator"]
    assert rep.overall["rules"]["pred"] == len(ind)
    md = rep.markdown()
    assert md.count("\n") == 2 + len(rep.by_layout) and "hybrid name F1" in md


def test_cli_cv(tiny_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cv.json"
    res = CliRunner().invoke(
        app,
        ["evaluate", "--cv", "--gold", str(tiny_corpus), "--engines", "rules,crf", "--synth-docs-per-layout", "1", "--token-docs-per-layout", "0", "--json", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert "pdf_wrapped" in res.output and "crf" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["engines"] == ["rules", "crf"] and data["docs"] == 3
    bad = CliRunner().invoke(app, ["evaluate", "--cv", "--gold", str(tiny_corpus), "--engines", "rules,neural"])
    assert bad.exit_code == 2 and "E011" in bad.output
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(tiny_corpus / "pipe_01.txt", one)
    shutil.copy(tiny_corpus / "pipe_01.jsonl", one)
    res = CliRunner().invoke(app, ["evaluate", "--cv", "--gold", str(one)])
    assert res.exit_code == 2 and "E053" in res.output


def test_evaluate_without_pred_or_cv_is_an_error() -> None:
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(DEV / "gold")])
    assert res.exit_code == 2 and "--pred" in res.output
