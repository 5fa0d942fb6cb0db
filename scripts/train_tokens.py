"""Train the token tagger; print its held-out scores; optionally score it on another corpus.

    python scripts/train_tokens.py                          # writes models/token_tagger.crfsuite (~5.5 min)
    python scripts/train_tokens.py --no-train --evaluate-dir /tmp/heldout   # shipped model on a fresh corpus
    python scripts/train_tokens.py --train-dir corpora/synth --out /tmp/synth.crfsuite --no-refit \
        --evaluate-dir corpora/dev/gold                     # generated data only, scored on the real documents

Training data: corpora/dev/gold (real documents) + corpora/synth (generated), see
``goalnlp.tokens.train``.  A fresh corpus for ``--evaluate-dir``:
``python -m goalnlp.simulate --out /tmp/heldout --docs-per-layout 4 --seed 7``.
Deterministic: the same data, --seed and --params give the same scores and model file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from goalnlp.tokens import (
    TokenTagger,
    default_model_path,
    evaluate_lines,
    line_examples,
    load_corpus_docs,
    train,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "corpora" / "dev" / "gold", ROOT / "corpora" / "synth"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--out", type=Path, default=default_model_path(), help="model file (default: %(default)s)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--train-dir",
        type=Path,
        action="append",
        default=[],
        help="labeled corpus to train on (default: dev + synth)",
    )
    ap.add_argument("--no-train", action="store_true", help="do not train; use the model at --out")
    ap.add_argument(
        "--no-refit", action="store_true", help="save the model fitted without the held-out documents"
    )
    ap.add_argument(
        "--evaluate-dir",
        type=Path,
        action="append",
        default=[],
        help="score the model on the lines of this corpus",
    )
    ap.add_argument(
        "--params", type=json.loads, default={}, help="TokenTagger/train parameters, e.g. '{\"c1\": 0.1}'"
    )
    args = ap.parse_args(argv)
    out: dict = {}
    if not args.no_train:
        out["train"] = train(
            args.train_dir or CORPORA, args.out, seed=args.seed, refit=not args.no_refit, **args.params
        )
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    if args.evaluate_dir:
        t = time.perf_counter()
        model = TokenTagger.load(args.out)
        load = time.perf_counter() - t
        lines = [ex for d in load_corpus_docs(args.evaluate_dir) for ex in line_examples(d)]
        out["evaluate_dir"] = {"dirs": [str(d) for d in args.evaluate_dir], "load_seconds": round(load, 3)}
        out["evaluate_dir"].update(evaluate_lines(model, lines))
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
