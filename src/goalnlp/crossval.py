"""Leave-one-document-out cross-validation of the engines (``goalnlp evaluate --cv``).

For each labeled document, the line tagger is fitted on every other document
(plus the simulator's generated training documents, as ``goalnlp train`` does)
and the held-out document is extracted by each engine.  Scores are then pooled
per layout (the simulator's ``MANIFEST.json`` names each generated document's
layout; real documents count under their corpus folder) and overall, so the
engines can be compared on documents none of them was fitted on.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import LabeledDoc, load_labeled
from .errors import GoalnlpError
from .evaluate import evaluate
from .tagging import LineTagger, training_sequences

ENGINES = ("rules", "crf", "hybrid")


def layout_of(ld: LabeledDoc) -> str:
    """The document's layout from its corpus's ``MANIFEST.json``, else its corpus folder's name."""
    man = _manifest(ld.path.parent)
    entry = man.get(ld.path.name)
    return str(entry["layout"]) if entry and entry.get("layout") else ld.group


_MANIFESTS: dict[Path, dict[str, Any]] = {}


def _manifest(folder: Path) -> dict[str, Any]:
    if folder not in _MANIFESTS:
        p = folder / "MANIFEST.json"
        try:
            _MANIFESTS[folder] = json.loads(p.read_text(encoding="utf-8")).get("docs", {}) if p.is_file() else {}
        except (OSError, ValueError):
            _MANIFESTS[folder] = {}
    return _MANIFESTS[folder]


@dataclass
class CVReport:
    """Pooled scores per engine, overall and per layout."""

    engines: tuple[str, ...]
    docs: int
    overall: dict[str, dict[str, float]] = field(default_factory=dict)
    by_layout: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    layout_docs: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "engines": list(self.engines),
            "docs": self.docs,
            "overall": self.overall,
            "by_layout": self.by_layout,
            "layout_docs": self.layout_docs,
            "seconds": self.seconds,
            "settings": self.settings,
        }

    def render(self, console: Any) -> None:
        from rich.table import Table

        t = Table(title=f"Leave-one-document-out CV ({self.docs} documents)")
        t.add_column("layout", no_wrap=True, min_width=13)
        t.add_column("docs", justify="right")
        for e in self.engines:
            t.add_column(f"{e} name F1", justify="right")
            t.add_column(f"{e} triple F1", justify="right")
        rows = [*sorted(self.by_layout.items()), ("all", self.overall)]
        for lay, sc in rows:
            n = self.docs if lay == "all" else self.layout_docs.get(lay, 0)
            t.add_row(lay, str(n), *[f"{sc[e][k]:.3f}" for e in self.engines for k in ("name_f1", "triple_f1")])
        console.print(t)

    def markdown(self) -> str:
        head = "| layout | docs | " + " | ".join(f"{e} name F1 | {e} triple F1" for e in self.engines) + " |"
        sep = "|---|---:|" + "---:|---:|" * len(self.engines)
        lines = [head, sep]
        for lay, sc in [*sorted(self.by_layout.items()), ("**all**", self.overall)]:
            n = self.docs if lay == "**all**" else self.layout_docs.get(lay, 0)
            lines.append(f"| {lay} | {n} | " + " | ".join(f"{sc[e]['name_f1']:.3f} | {sc[e]['triple_f1']:.3f}" for e in self.engines) + " |")
        return "\n".join(lines)


def _scores(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, float]:
    rep = evaluate(gold, pred)
    return {
        "name_f1": round(float(rep.name.f1 or 0.0), 4),
        "triple_f1": round(float(rep.triple.f1 or 0.0), 4),
        "name_tp": rep.name.tp,
        "gold": rep.name.n_gold,
        "pred": rep.name.n_pred,
    }


def cross_validate(
    corpus_dirs: Sequence[str | Path],
    *,
    engines: Sequence[str] = ENGINES,
    synth_docs_per_layout: int = 10,
    seed: int = 0,
    threshold: float | None = None,
    extra_train_dirs: Sequence[str | Path] = (),
    token_docs_per_layout: int = 6,
    progress: Any = None,
) -> CVReport:
    """Leave-one-document-out CV of ``engines`` on the labeled documents under ``corpus_dirs``.

    ``extra_train_dirs`` (and ``synth_docs_per_layout`` generated documents) are
    added to every fold's training set and never tested on.  The token tagger is
    fitted once, on ``token_docs_per_layout`` generated documents per layout (0: the
    engines run without it).
    """
    from .train import rules_docs, simulate, tagged_records

    bad = [e for e in engines if e not in ENGINES]
    if bad:
        raise GoalnlpError("E011", engine=bad[0], choices=", ".join(ENGINES))
    labeled = load_labeled(corpus_dirs)
    if len(labeled) < 2:
        raise GoalnlpError("E053", n=len(labeled))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="goalnlp-cv-") as tmp:
        extra: list[LabeledDoc] = []
        if extra_train_dirs:
            extra += load_labeled(extra_train_dirs)
        if synth_docs_per_layout > 0:
            extra += load_labeled([simulate(Path(tmp) / "synth", synth_docs_per_layout, seed + 1)])
        pairs = rules_docs(labeled)
        extra_pairs = rules_docs(extra)
        token_model = None
        if any(e != "rules" for e in engines) and token_docs_per_layout > 0:
            # One token tagger for every fold, fitted on generated documents only (a fit
            # takes minutes): no document of the corpus under test is in its training set.
            from .tokens import TokenTagger
            from .tokens import train as train_tokens

            tok_dir = simulate(Path(tmp) / "tok", token_docs_per_layout, seed + 2)
            train_tokens([tok_dir], Path(tmp) / "tok.crfsuite", seed=seed, refit=False)
            token_model = TokenTagger.load(Path(tmp) / "tok.crfsuite")
    seqs = [training_sequences([p]) for p in pairs]
    extra_X, extra_y = training_sequences(extra_pairs)
    need_model = any(e != "rules" for e in engines)
    preds: dict[str, list[list[dict[str, Any]]]] = {e: [] for e in engines}
    for i, ld in enumerate(labeled):
        model = None
        if need_model:
            X = list(extra_X) + [s for j, (xs, _) in enumerate(seqs) if j != i for s in xs]
            y = list(extra_y) + [lab for j, (_, ys) in enumerate(seqs) if j != i for lab in ys]
            model = LineTagger().fit(X, y)
        th = threshold if threshold is not None else (model.hybrid_threshold if model else 0.7)
        for e in engines:
            preds[e].append(tagged_records([pairs[i]], model, e, th, token_model if e != "rules" else None))
        if progress is not None:
            progress(i + 1, len(labeled), ld.name)
    layouts = [layout_of(ld) for ld in labeled]
    golds = [g for _, g in pairs]
    rep = CVReport(engines=tuple(engines), docs=len(labeled))
    for e in engines:
        rep.overall[e] = _scores([r for g in golds for r in g], [r for p in preds[e] for r in p])
    for lay in sorted(set(layouts)):
        idx = [i for i, x in enumerate(layouts) if x == lay]
        rep.layout_docs[lay] = len(idx)
        rep.by_layout[lay] = {
            e: _scores([r for i in idx for r in golds[i]], [r for i in idx for r in preds[e][i]]) for e in engines
        }
    rep.seconds = round(time.perf_counter() - t0, 1)
    rep.settings = {
        "corpus": [str(d) for d in corpus_dirs],
        "extra_train": [str(d) for d in extra_train_dirs],
        "synth_docs_per_layout": synth_docs_per_layout,
        "seed": seed,
        "threshold": threshold,
        "token_docs_per_layout": token_docs_per_layout,
    }
    return rep
