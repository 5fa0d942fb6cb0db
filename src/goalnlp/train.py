"""Retrain every shipped model from labeled corpora, reproducibly.

``goalnlp train --corpus corpora --out models`` runs :func:`train`: the category
classifier (:mod:`goalnlp.category`), the line tagger (:mod:`goalnlp.tagging`)
and the token tagger (:mod:`goalnlp.tokens`), on the labeled documents found
under the corpus folders plus documents the layout simulator renders with a
fixed seed, and the cell-stream pairing model (:mod:`goalnlp.pairing`) on the
``*.jsonl.gz`` bundles of plain pdftotext text found under the corpus folders.
Everything is seeded; the same corpora and seed give the same models and the
same scores, which ``training.json`` in the output folder records together with
sizes and timings.
"""

from __future__ import annotations

import json
import platform
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .corpus import LabeledDoc, load_labeled
from .doc import Doc
from .evaluate import evaluate
from .io import read_source
from .pipeline import Pipeline
from .tagging import (
    LINE_MODEL_FILE,
    LineTagger,
    training_sequences,
)

MODELS = ("category", "line", "token", "pairing")
CATEGORY_FILE = "category.joblib"
TOKEN_FILE = "token_tagger.crfsuite"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def rules_docs(labeled: Iterable[LabeledDoc]) -> list[tuple[Doc, list[dict[str, Any]]]]:
    """Each labeled document through the rules' ``tables`` and ``rows`` steps, with its gold."""
    pre = Pipeline(["tables", "rows"])
    return [(pre(read_source(ld.path)), ld.records()) for ld in labeled]


def simulate(out_dir: Path, docs_per_layout: int, seed: int) -> Path:
    """Render a generated training corpus (deterministic for a seed) into ``out_dir``."""
    from .simulate import write_corpus

    write_corpus(out_dir, docs_per_layout=docs_per_layout, seed=seed)
    return out_dir


def _post() -> Pipeline:
    return Pipeline(["values", "categories"])


def tagged_records(
    pairs: Sequence[tuple[Doc, list[dict[str, Any]]]],
    model: LineTagger | None,
    mode: str,
    threshold: float = 0.7,
    token_model: Any = None,
) -> list[dict[str, Any]]:
    """Records of rule-processed docs through an engine's later steps with models passed in
    (``mode``: rules, crf or hybrid; the token tagger only where ``token_model`` is given),
    for tuning and cross-validation.

    The docs are copied, so one set of rule-processed docs serves every engine.
    """
    import copy

    from .pipeline import make_linetag, make_tokentag

    nlp = _post()
    if mode != "rules":
        assert model is not None
        nlp.add_pipe("linetag", make_linetag(mode=mode, threshold=threshold, model=model), before="values")
        if token_model is not None:
            nlp.add_pipe("tokentag", make_tokentag(model=token_model), before="values")
    out: list[dict[str, Any]] = []
    for doc, _ in pairs:
        out.extend(nlp(copy.deepcopy(doc)).records())
    return out


def _f1(score: Any) -> float:
    return round(float(score.f1 or 0.0), 4)


def fit_line_tagger(
    pairs: Sequence[tuple[Doc, list[dict[str, Any]]]], *, tune: Sequence[tuple[Doc, list[dict[str, Any]]]] = (), **params: Any
) -> tuple[LineTagger, dict[str, Any]]:
    """Fit the line tagger; with ``tune`` docs, pick the hybrid threshold on them first.

    Returns the model fitted on ``pairs`` + ``tune`` and a report of the tuning.
    """
    report: dict[str, Any] = {}
    X, y = training_sequences(pairs)
    if tune:
        probe = LineTagger(**params).fit(X, y)
        gold = [r for _, g in tune for r in g]
        scores = {}
        rules = evaluate(gold, tagged_records(tune, None, "rules"))
        crf = evaluate(gold, tagged_records(tune, probe, "crf"))
        scores["rules"] = {"name_f1": _f1(rules.name), "triple_f1": _f1(rules.triple)}
        scores["crf"] = {"name_f1": _f1(crf.name), "triple_f1": _f1(crf.triple)}
        best = (-1.0, 0.7)
        for th in THRESHOLDS:
            rep = evaluate(gold, tagged_records(tune, probe, "hybrid", th))
            scores[f"hybrid@{th}"] = {"name_f1": _f1(rep.name), "triple_f1": _f1(rep.triple)}
            val = _f1(rep.name) + _f1(rep.triple)
            if val > best[0] + 1e-9:
                best = (val, th)
        params = {**params, "hybrid_threshold": best[1]}
        report["tuning"] = {"docs": len(tune), "scores": scores, "hybrid_threshold": best[1]}
        Xt, yt = training_sequences(tune)
        X, y = X + Xt, y + yt
    model = LineTagger(**params).fit(X, y)
    report["sequences"] = len(X)
    report["fragments"] = sum(len(s) for s in y)
    return model, report


# The releases that decide a model's bytes: the same corpora and seed give the same files
# only with the same releases of these (a new scikit-learn or CRFsuite moves the weights).
TRAINING_LIBRARIES = ("scikit-learn", "numpy", "scipy", "python-crfsuite", "sklearn-crfsuite", "jieba")


def library_versions() -> dict[str, str | None]:
    """Installed release of each of :data:`TRAINING_LIBRARIES` (None when it is missing)."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in TRAINING_LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def train(
    corpus_dirs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    seed: int = 0,
    synth_docs_per_layout: int = 30,
    models: Iterable[str] = MODELS,
) -> dict[str, Any]:
    """Retrain the models named in ``models`` into ``out_dir``; return (and write) a report."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(models)
    unknown = wanted - set(MODELS)
    if unknown:
        raise ValueError(f"unknown models {sorted(unknown)}; choose from {MODELS}")
    labeled = load_labeled(corpus_dirs)
    report: dict[str, Any] = {
        "goalnlp": __version__,
        "python": platform.python_version(),
        "libraries": library_versions(),
        "seed": seed,
        "corpus": [str(d) for d in corpus_dirs],
        "labeled_docs": len(labeled),
        "synth_docs_per_layout": synth_docs_per_layout,
        "models": {},
    }
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="goalnlp-train-") as tmp:
        synth: list[LabeledDoc] = []
        if synth_docs_per_layout > 0:
            synth = load_labeled([simulate(Path(tmp) / "synth", synth_docs_per_layout, seed + 1)])
        report["synth_docs"] = len(synth)
        # The category and token models learn from the labeled corpora (the token tagger
        # renders its own generated rows); the generated documents train the line tagger.
        gold_dirs = sorted({str(ld.gold_path.parent) for ld in labeled})

        if "category" in wanted:
            from .category import train_category

            t = time.perf_counter()
            train_category(gold_dirs, out / CATEGORY_FILE, seed=seed)
            report["models"]["category"] = _file_report(out / CATEGORY_FILE, t)

        if "line" in wanted:
            t = time.perf_counter()
            docs = labeled + synth
            pairs = rules_docs(docs)
            # Every fifth document tunes the hybrid threshold before the final fit on all.
            tune = [p for i, p in enumerate(pairs) if i % 5 == 4]
            fit = [p for i, p in enumerate(pairs) if i % 5 != 4]
            model, rep = fit_line_tagger(fit, tune=tune)
            model.save(out / LINE_MODEL_FILE)
            report["models"]["line_tagger"] = {**_file_report(out / LINE_MODEL_FILE, t), **rep}

        if "token" in wanted:
            from .tokens import train as train_tokens

            t = time.perf_counter()
            scores = train_tokens(gold_dirs, out / TOKEN_FILE, seed=seed)
            report["models"]["token_tagger"] = {**_file_report(out / TOKEN_FILE, t), "heldout": scores}

        if "pairing" in wanted:
            from .pairing import PAIRING_FILE, train_pairing

            t = time.perf_counter()
            bundles = sorted(p for d in corpus_dirs for p in Path(d).rglob("*.jsonl.gz"))
            if bundles:
                train_pairing(bundles).save(out / PAIRING_FILE)
                report["models"]["pairing"] = {**_file_report(out / PAIRING_FILE, t), "bundles": [str(b) for b in bundles]}
            else:  # the shipped model stays in use (a models folder may lack any model)
                report["models"]["pairing"] = {"skipped": "no *.jsonl.gz bundle under the corpus folders"}

    report["seconds"] = round(time.perf_counter() - t_all, 1)
    (out / "training.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report


def _file_report(path: Path, t0: float) -> dict[str, Any]:
    return {"file": path.name, "bytes": path.stat().st_size, "seconds": round(time.perf_counter() - t0, 1)}


__all__ = ["train", "fit_line_tagger", "rules_docs", "tagged_records", "simulate", "MODELS"]
