"""Train the category classifier; optionally report its cross-validated accuracy.

    python scripts/train_category.py                       # writes models/category.joblib and category.json
    python scripts/train_category.py --evaluate --no-train # the figures in models/README.md (~3 min)

Training data: corpora/dev/gold (real documents) + corpora/synth (generated).
Deterministic: the same data and --seed write byte-identical files.  ``category.json`` is the
model's export for inference without scikit-learn (goalnlp.category.LinearCategoryModel, what
``load_default()`` returns); the pipeline reads only that one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from goalnlp.category import CategoryClassifier, default_model_path, load_corpus, train_category

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev" / "gold"
SYNTH = ROOT / "corpora" / "synth"


def _is_real(r: dict[str, Any]) -> bool:
    return r["_source"].startswith("gold/")


def _oof(records: list[dict], key: Callable[[dict], str], params: dict, folds: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold predictions and their probabilities, holding out whole groups (documents,
    sectors, names): each group once, or the sorted groups dealt round-robin into ``folds``."""
    groups = sorted({key(r) for r in records})
    assign = {g: (i % folds if folds else i) for i, g in enumerate(groups)}
    pred = np.empty(len(records), dtype=object)
    prob = np.zeros(len(records))
    for f in sorted(set(assign.values())):
        train = [r for r in records if assign[key(r)] != f]
        test = [i for i, r in enumerate(records) if assign[key(r)] == f]
        model = CategoryClassifier(**params).fit(train, [r["level2"] for r in train])
        P = model.predict_proba([records[i] for i in test])
        pred[test] = model.classes_[P.argmax(1)]
        prob[test] = P.max(1)
    return pred, prob


def _scores(records: list[dict], pred: np.ndarray, groups: int) -> dict[str, Any]:
    ok = pred == np.array([r["level2"] for r in records], dtype=object)
    real = np.array([_is_real(r) for r in records])
    out: dict[str, Any] = {"accuracy": round(float(ok.mean()), 4), "n": len(records), "groups": groups}
    if real.any() and (~real).any():
        out["accuracy_real"] = round(float(ok[real].mean()), 4)
        out["accuracy_synth"] = round(float(ok[~real].mean()), 4)
    return out


def evaluate(params: dict) -> dict[str, Any]:
    dev, synth = load_corpus([DEV]), load_corpus([SYNTH])
    both = dev + synth
    manifest = json.loads((SYNTH / "MANIFEST.json").read_text(encoding="utf-8"))["docs"]
    sector = {f"synth/{Path(k).with_suffix('.jsonl').name}": v["sector"] for k, v in manifest.items()}
    gold = np.array([r["level2"] for r in dev], dtype=object)
    out: dict[str, Any] = {}

    model = CategoryClassifier(**params).fit(synth, [r["level2"] for r in synth])
    pred = model.predict(dev).astype(object)
    errors = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    out["train_synth_test_dev"] = {
        "accuracy": round(float((pred == gold).mean()), 4),
        "accuracy_name_only": round(float((model.predict([r["name"] for r in dev]).astype(object) == gold).mean()), 4),
        "n": len(dev),
        "top_confusions": [f"{g}→{p}: {n}" for (g, p), n in errors.most_common(6)],
    }

    docs = len({r["_source"] for r in both})
    pred, prob = _oof(both, lambda r: r["_source"], params)
    out["leave_one_document_out"] = _scores(both, pred, docs)
    real = np.array([_is_real(r) for r in both])
    ok = pred == np.array([r["level2"] for r in both], dtype=object)
    sure = real & (prob >= 0.9)
    out["leave_one_document_out"]["real_p_ge_0.9"] = {
        "share_of_rows": round(float(sure.sum() / real.sum()), 4),
        "accuracy": round(float(ok[sure].mean()), 4),
        "disagreements": int((sure & ~ok).sum()),
    }
    out["grouped_5fold_by_document"] = _scores(both, _oof(both, lambda r: r["_source"], params, folds=5)[0], docs)
    sectors = len(set(sector.values()))
    out["leave_one_sector_out_synth"] = _scores(synth, _oof(synth, lambda r: sector[r["_source"]], params)[0], sectors)
    names = len({r["name"] for r in both})
    out["grouped_5fold_by_name"] = _scores(both, _oof(both, lambda r: r["name"], params, folds=5)[0], names)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=default_model_path(), help="model file (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--evaluate", action="store_true", help="print cross-validated accuracy as JSON (~90 fits)")
    ap.add_argument("--no-train", action="store_true", help="do not write the model")
    ap.add_argument("--params", type=json.loads, default={}, help='estimator parameters as JSON, e.g. \'{"C": 10}\'')
    args = ap.parse_args(argv)
    if args.evaluate:
        t = time.perf_counter()
        res = evaluate({"random_state": args.seed, **args.params})
        res["seconds"] = round(time.perf_counter() - t, 1)
        print(json.dumps(res, ensure_ascii=False, indent=2))
    if not args.no_train:
        model = train_category([DEV, SYNTH], args.out, seed=args.seed, **args.params)
        size = args.out.stat().st_size
        print(f"wrote {args.out} ({size / 1e6:.2f} MB, {len(model.classes_)} classes)", file=sys.stderr)
        lin = args.out.with_suffix(".json")
        print(f"wrote {lin} ({lin.stat().st_size / 1e6:.2f} MB, inference without scikit-learn)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
