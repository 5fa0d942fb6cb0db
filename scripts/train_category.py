"""Train the category classifier and (optionally) report its cross-validated accuracy.

    python scripts/train_category.py                 # writes src/goalnlp/data/category.joblib
    python scripts/train_category.py --evaluate      # also prints the figures in models/README.md

Training data: corpora/dev/gold (real) + corpora/synth (generated).  Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from goalnlp.category import CategoryClassifier, default_model_path, load_corpus, train_category

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev" / "gold"
SYNTH = ROOT / "corpora" / "synth"


def _acc(model: CategoryClassifier, train: list[dict], test: list[dict]) -> tuple[float, np.ndarray]:
    model.fit(train, [r["level2"] for r in train])
    pred = model.predict(test)
    gold = np.array([r["level2"] for r in test])
    return float((pred == gold).mean()), pred


def _grouped(records: list[dict], key, params: dict, folds: int | None = None) -> dict:
    """Grouped CV: every group (document or sector) is held out once (or in ``folds`` folds)."""
    groups = sorted({key(r) for r in records})
    if folds:  # round-robin assignment of the sorted groups: deterministic, balanced in count
        assign = {g: i % folds for i, g in enumerate(groups)}
    else:
        assign = {g: i for i, g in enumerate(groups)}
    pred: dict[int, str] = {}
    for f in sorted(set(assign.values())):
        train = [r for r in records if assign[key(r)] != f]
        test_idx = [i for i, r in enumerate(records) if assign[key(r)] == f]
        model = CategoryClassifier(**params)
        model.fit(train, [r["level2"] for r in train])
        for i, p in zip(test_idx, model.predict([records[i] for i in test_idx]), strict=True):
            pred[i] = str(p)
    ok = [pred[i] == r["level2"] for i, r in enumerate(records)]
    real = [ok[i] for i, r in enumerate(records) if r["_source"].startswith("gold/")]
    synth = [ok[i] for i, r in enumerate(records) if not r["_source"].startswith("gold/")]
    return {
        "accuracy": round(float(np.mean(ok)), 4),
        "accuracy_real": round(float(np.mean(real)), 4) if real else None,
        "accuracy_synth": round(float(np.mean(synth)), 4) if synth else None,
        "n": len(records),
        "groups": len(groups),
    }


def evaluate(params: dict) -> dict:
    dev = load_corpus([DEV])
    synth = load_corpus([SYNTH])
    manifest = json.loads((SYNTH / "MANIFEST.json").read_text(encoding="utf-8"))["docs"]
    sector = {f"synth/{Path(k).with_suffix('.jsonl').name}": v["sector"] for k, v in manifest.items()}
    out: dict = {}
    acc, pred = _acc(CategoryClassifier(**params), synth, dev)
    out["train_synth_test_dev"] = {"accuracy": round(acc, 4), "n": len(dev)}
    gold = [r["level2"] for r in dev]
    errors = Counter((g, str(p)) for g, p in zip(gold, pred, strict=True) if g != p)
    out["train_synth_test_dev"]["top_confusions"] = [f"{g}→{p}: {n}" for (g, p), n in errors.most_common(8)]
    allrec = dev + synth
    out["loddo_dev_plus_synth"] = _grouped(allrec, lambda r: r["_source"], params)
    out["grouped5_dev_plus_synth"] = _grouped(allrec, lambda r: r["_source"], params, folds=5)
    out["leave_one_sector_out_synth"] = _grouped(synth, lambda r: sector[r["_source"]], params)
    # Unseen names: group by name so no test name is ever seen in training (5 folds).
    out["grouped5_by_name_dev_plus_synth"] = _grouped(allrec, lambda r: r["name"], params, folds=5)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=default_model_path())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--evaluate", action="store_true", help="print cross-validated accuracy (slow: ~70 fits)")
    ap.add_argument("--no-train", action="store_true", help="with --evaluate: do not write the model")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
