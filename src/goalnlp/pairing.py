"""Which target goes with which name in a cell stream (plain pdftotext): a trained pairing model.

pdftotext without ``-layout`` prints a grid's cells in its own reading order: mostly a name
and then its target, but also a target before its name, a run of names before their targets,
a target whose name comes a dozen cells later.  :mod:`goalnlp.stream` decides which items are
names and which are targets; this module pairs them.  Every (name, target) candidate of a
region is scored by a logistic model over a few features (how far apart and in which order,
how many names and targets lie between, whether the target's kind fits the name's, whether a
category label lies between), and the pairs are chosen together at least total cost
(``-log p``, an assignment), so that one stray target does not shift every pair after it.

The model is an estimator (``fit``/``predict_proba``, picklable) whose weights ship as JSON
(``models/pairing.json``); inference is a dot product, no scikit-learn.  Retrain with
``goalnlp train`` (it reads ``corpora/pdftotext_raw.jsonl.gz``, see ``corpora/README.md``).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

PAIRING_FILE = "pairing.json"
_FORMAT = "goalnlp-pairing-1"


def _bucket(n: int) -> str:
    a = abs(n)
    b = str(a) if a <= 3 else ("4-7" if a <= 7 else "8+")
    return ("-" if n < 0 else "") + b


def _count(n: int) -> str:
    return str(n) if n <= 2 else "3+"


class Candidates:
    """The (name, target) candidates of one region and their features.

    ``roles`` are the stream decoder's (NAME, VALUE, NOTE, LABEL, one per item); ``fits`` is
    ``fits(name_index, value_index) -> -1 | 0 | 1`` (a target's kind against its name's).
    """

    def __init__(self, roles: Sequence[str], fits: Callable[[int, int], int]) -> None:
        self.seq = [i for i, r in enumerate(roles) if r in ("NAME", "VALUE")]
        self.names = [i for i in self.seq if roles[i] == "NAME"]
        self.values = [i for i in self.seq if roles[i] == "VALUE"]
        pos = {i: k for k, i in enumerate(self.seq)}
        # Running counts of names / targets / labels, to count what lies between two items.
        n_names, n_values, n_labels = [0], [0], [0]
        for r in roles:
            n_names.append(n_names[-1] + (r == "NAME"))
            n_values.append(n_values[-1] + (r == "VALUE"))
            n_labels.append(n_labels[-1] + (r == "LABEL"))
        # Runs of names and of targets (pdftotext prints column blocks: names, then their
        # targets in the same order): each item's run and its rank in it.
        run_of: dict[int, tuple[int, int]] = {}
        run, rank = -1, 0
        for k, i in enumerate(self.seq):
            if k == 0 or roles[self.seq[k - 1]] != roles[i]:
                run, rank = run + 1, 0
            run_of[i] = (run, rank)
            rank += 1
        self.features: list[list[list[str]]] = []
        for ni in self.names:
            row = []
            for vi in self.values:
                d = pos[vi] - pos[ni]
                lo, hi = (ni, vi) if ni < vi else (vi, ni)
                nb = n_names[hi] - n_names[lo + 1]
                vb = n_values[hi] - n_values[lo + 1]
                fit = fits(ni, vi)
                f = [
                    "bias",
                    f"d={_bucket(d)}",
                    f"fit={fit}",
                    f"fit={fit}&d={_bucket(d)}" if abs(d) <= 1 else f"fit={fit}&far",
                    f"names_between={_count(nb)}",
                    f"values_between={_count(vb)}",
                    f"between={_count(nb)},{_count(vb)}&{'after' if d > 0 else 'before'}",
                ]
                if n_labels[hi] - n_labels[lo + 1]:
                    f.append("label_between")
                (rn, kn), (rv, kv) = run_of[ni], run_of[vi]
                if rv - rn in (1, -1) and nb + vb > 0:  # neighbouring runs, not adjacent items
                    f.append(f"next_run&{'same_rank' if kn == kv else 'other_rank'}&{'after' if d > 0 else 'before'}")
                row.append(f)
            self.features.append(row)

    def flat(self) -> list[list[str]]:
        return [f for row in self.features for f in row]


class PairingModel:
    """Logistic model of "this target is this name's" over :class:`Candidates` features.

    ``alone`` is the cost (in ``-log p`` units) of leaving a name or a target unpaired.
    """

    def __init__(self, weights: Mapping[str, float] | None = None, alone: float = 2.0, C: float = 1.0) -> None:
        self.weights: dict[str, float] = dict(weights or {})
        self.alone = alone
        self.C = C

    # -- estimator ---------------------------------------------------------------------------
    def fit(self, X: Sequence[Sequence[str]], y: Sequence[int]) -> PairingModel:
        """Fit on candidate feature lists and 0/1 labels (scikit-learn, liblinear, seeded)."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = DictVectorizer()
        Xv = vec.fit_transform([{k: 1.0 for k in f if k != "bias"} for f in X]).tocsr()
        Xv.indices = Xv.indices.astype("int32")  # (liblinear takes 32-bit indices only)
        Xv.indptr = Xv.indptr.astype("int32")
        clf = LogisticRegression(C=self.C, solver="liblinear", random_state=0, max_iter=1000)
        clf.fit(Xv, list(y))
        self.weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
        self.weights["bias"] = round(float(clf.intercept_[0]), 6)
        return self

    def decision(self, features: Iterable[str]) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) for k in features)

    def predict_proba(self, X: Sequence[Sequence[str]]) -> list[float]:
        """P(pair) per candidate."""
        return [1.0 / (1.0 + math.exp(-self.decision(f))) for f in X]

    # -- pairing -------------------------------------------------------------------------
    def pair(self, cands: Candidates) -> list[tuple[int, int]]:
        """(name item, target item) pairs at least total cost; a pair costs ``-log p``, an
        item left alone ``alone``."""
        n, m = len(cands.names), len(cands.values)
        if not n or not m:
            return []
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        big = 1e6
        cost = np.full((n + m, m + n), big)
        for a, row in enumerate(cands.features):
            for b, f in enumerate(row):
                z = self.decision(f)
                # -log sigmoid(z), computed stably
                cost[a, b] = math.log1p(math.exp(-z)) if z > -30 else -z
            cost[a, m + a] = self.alone
        for b in range(m):
            cost[n + b, b] = self.alone
        cost[n:, m:] = 0.0
        rows, cols = linear_sum_assignment(cost)
        return [(cands.names[a], cands.values[b]) for a, b in zip(rows, cols, strict=True) if a < n and b < m]

    # -- persistence -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"format": _FORMAT, "alone": self.alone, "C": self.C, "weights": dict(sorted(self.weights.items()))}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> PairingModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            raise ValueError(f"{path}: not a goalnlp pairing model (format {data.get('format')!r})")
        return cls(data["weights"], alone=data["alone"], C=data.get("C", 1.0))


_DEFAULT: PairingModel | None = None


def default_model() -> PairingModel:
    """The shipped model (``models/pairing.json``), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        from importlib.resources import files

        _DEFAULT = PairingModel.load(Path(str(files("goalnlp.models"))) / PAIRING_FILE)
    return _DEFAULT


def read_bundle(path: str | Path) -> list[dict[str, Any]]:
    """Documents of a training bundle (gzipped JSONL: ``doc``, ``text``, ``records``)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def examples(docs: Iterable[Mapping[str, Any]]) -> tuple[list[list[str]], list[int]]:
    """Candidate features and labels from labelled documents (``text``, ``records``): the
    regions the stream reader reads, as the pipeline finds them."""
    from .io import source_from_text
    from .pipeline import Pipeline
    from .stream import is_stream, pairing_examples

    tables = Pipeline(["tables"])
    X: list[list[str]] = []
    y: list[int] = []
    for d in docs:
        doc = tables(source_from_text(d["text"]))
        for reg in doc.regions:
            if reg.outline or reg.header is None or not is_stream(doc.lines, reg):
                continue
            Xr, yr = pairing_examples(doc.lines, reg, list(d["records"]))
            X += Xr
            y += yr
    return X, y


def train_pairing(bundles: Iterable[str | Path], alone: float = 2.0, C: float = 1.0) -> PairingModel:
    """A pairing model fitted on every document of the bundles (deterministic)."""
    docs = [d for b in bundles for d in read_bundle(b)]
    X, y = examples(docs)
    if not any(y):
        raise ValueError("no labelled (name, target) pair in the pairing corpus")
    return PairingModel(alone=alone, C=C).fit(X, y)
