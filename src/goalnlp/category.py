"""A trained category classifier: 二级指标 (``level2``) from an indicator's name and target.

Written category cells are the best evidence of a row's category, but layouts
lose them (shifted columns, page breaks, glued rows) and authors misfile rows.
:class:`CategoryClassifier` reads the category off the row itself: the name
(``资金拨付及时率`` → 时效) and the target, whose unit and shape are strong cues
(成本 rows carry 万元 and 元/人, 时效 rows dates and 天, 满意度 rows %).  It is used

* to fill rows whose category was lost (:func:`fill_missing_categories`), and
* to report rows whose written category disagrees strongly with their name
  (:meth:`CategoryClassifier.disagreements`).

Input (``X``): a sequence whose items are any of

* a mapping with the indicator-record keys ``name``, ``value_text``, ``unit``,
  ``kind`` (SCHEMA records, gold lines, DataFrame rows via ``to_dict("records")``);
  missing keys and ``None`` count as empty;
* a :class:`goalnlp.doc.Row` (its normalized ``name_text``/``value_norm`` and the
  ``unit``/``kind`` the "values" step parsed);
* any object with those four attributes;
* a plain string, taken as the name alone.

A ``pandas.DataFrame`` with those columns is accepted as a whole.  ``level1``
always follows ``level2`` (:data:`goalnlp.classify.LEVEL1_OF`).

The shipped model is ``models/category.joblib (installed as goalnlp.models)`` (:func:`load_default`),
retrained by ``python scripts/train_category.py`` (see ``models/README.md``).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import regex
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer

from .classify import LEVEL1_OF, LEVELS
from .normalize import fold


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


__all__ = [
    "FIELDS",
    "CategoryClassifier",
    "Disagreement",
    "as_fields",
    "default_model_path",
    "fill_missing_categories",
    "jieba_tokenize",
    "load_corpus",
    "load_default",
    "train_category",
]

FIELDS = ("name", "value_text", "unit", "kind")
KEPT_SOURCES = ("written", "carried")  # category sources fill_missing_categories trusts

# --- input ---------------------------------------------------------------------------------------


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def as_fields(x: Any) -> dict[str, str]:
    """The four input fields of one item (see the module docstring), as strings."""
    if isinstance(x, str):
        return {"name": x, "value_text": "", "unit": "", "kind": ""}
    if isinstance(x, Mapping):
        return {k: _s(x.get(k)) for k in FIELDS}
    parsed = getattr(x, "parsed", None)
    if isinstance(parsed, dict) and hasattr(x, "name_text"):  # goalnlp.doc.Row
        return {
            "name": _s(x.name_text),
            "value_text": _s(x.value_norm),
            "unit": _s(parsed.get("unit")),
            "kind": _s(parsed.get("kind")),
        }
    return {k: _s(getattr(x, k, None)) for k in FIELDS}


def _frame(X: Any) -> Any:
    """X as the DataFrame the inner pipeline's ColumnTransformer selects columns from."""
    import pandas as pd

    if isinstance(X, pd.DataFrame):
        X = X.to_dict("records")
    elif isinstance(X, (str, Mapping)):
        raise TypeError("X must be a sequence of items (a list of records), not a single item")
    return pd.DataFrame([as_fields(x) for x in X], columns=list(FIELDS))


# --- features (module-level functions so that fitted models pickle) ------------------------------

_DIGITS_RE = regex.compile(r"\d+(?:[.,]\d+)*")
_SPACE_RE = regex.compile(r"\s+")


def _clean(s: str) -> str:
    """Width-folded, whitespace removed, digit runs as one ``0``: numbers vary, their place does not."""
    return _DIGITS_RE.sub("0", _SPACE_RE.sub("", fold(s)))


@functools.lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def jieba_tokenize(text: str) -> list[str]:
    """Words of a (cleaned) name by jieba's default dictionary (exact mode, no HMM, so
    tokens never depend on unseen-word guessing); punctuation dropped."""
    return [w for w in _jieba().lcut(text, HMM=False) if _rx(r"[\p{Han}A-Za-z]").search(w)]


_MONEY_RE = regex.compile(r"^(?:亿|万|千|百)?元")
_TIME_UNITS = frozenset("天 日 工作日 个工作日 小时 分钟 月 个月 周 季度 秒".split())
_DATE_RE = regex.compile(r"\d{4}年|\d{1,2}月|\d{1,2}日|年底|月底|年末|季度|之前|以前|前完成|截止|\d{4}[-./]\d{1,2}")
_TEXT_KINDS = ("quantity", "date", "text")


def _unit_class(unit: str, value: str) -> str:
    if "%" in unit or "‰" in unit or (not unit and "%" in value):
        return "pct"
    if not unit:
        return "none"
    if _MONEY_RE.match(unit):
        return "money_rate" if _rx(r"[/每]").search(unit) else "money"
    if unit in _TIME_UNITS:
        return "time"
    if unit == "年":
        return "years"
    if "/" in unit or "每" in unit:
        return "rate"
    return "count"


def _value_dict(f: Mapping[str, str]) -> dict[str, float]:
    """Simple features of the target: unit, unit class, kind, comparator, shape."""
    value = fold(f["value_text"]).replace(" ", "")
    unit = fold(f["unit"]).replace(" ", "")
    kind = f["kind"] if f["kind"] in _TEXT_KINDS else ""
    if not (value or unit or kind):
        return {"value=missing": 1.0}
    if not kind and value:  # plain dicts without a parsed kind: a rough one from the text
        kind = "date" if _DATE_RE.search(value) else ("quantity" if _rx(r"\d").search(value) else "text")
    d: dict[str, float] = {"kind=" + (kind or "none"): 1.0, "ucls=" + _unit_class(unit, value): 1.0}
    if unit:
        d["unit=" + unit] = 1.0
        d["unit_last=" + unit[-1]] = 1.0
    if value:
        if _DATE_RE.search(value):
            d["shape=date"] = 1.0
        if _rx(r"^(?:≥|>=|>|不低于|不少于|大于|超过|达到)").search(value) or _rx(r"以上$").search(value):
            d["cmp=ge"] = 1.0
        if _rx(r"^(?:≤|<=|<|不高于|不超过|低于|小于|控制在)").search(value) or _rx(r"以内$|以下$").search(value):
            d["cmp=le"] = 1.0
        if _rx(r"(?:=|＝)?100(?:\.0+)?%").fullmatch(value):
            d["shape=100pct"] = 1.0
        if _rx(r"[=≤<]?0(?:\.0+)?%?|零|无|不发生").fullmatch(value):
            d["shape=zero"] = 1.0
    return d


def _value_dicts(frame: Any) -> list[dict[str, float]]:
    return [_value_dict(f) for f in frame.to_dict("records")]


# --- the estimator -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """A row whose written ``level2`` differs from a confident prediction."""

    index: int  # position in the input
    record: Any  # the input item itself
    written: str  # the level2 the row carries
    predicted: str  # the classifier's level2
    probability: float  # of ``predicted``
    written_probability: float  # of ``written`` (0 when the model has no such class)

    @property
    def predicted_level1(self) -> str:
        return LEVEL1_OF[self.predicted]


class CategoryClassifier(ClassifierMixin, BaseEstimator):
    """level2 from ``name`` + ``value_text``/``unit``/``kind``: TF-IDF character 1–3-grams and
    jieba words of the name, character n-grams of the target text, unit/kind features, and a
    multinomial logistic regression.

    Parameters are the knobs worth tuning.  The solver (newton-cg) uses no randomness;
    ``random_state`` is passed on for solvers that would, so fitting twice on the same data
    gives the same model, byte for byte once pickled (see :meth:`__getstate__`).
    """

    def __init__(
        self,
        C: float = 20.0,
        char_ngram_range: tuple[int, int] = (1, 3),
        word_weight: float = 1.0,
        value_weight: float = 1.0,
        value_text_weight: float = 0.5,
        name_only_model: bool = True,
        class_weight: str | dict[str, float] | None = None,
        max_iter: int = 1000,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.word_weight = word_weight
        self.value_weight = value_weight
        self.value_text_weight = value_text_weight
        self.name_only_model = name_only_model
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def _build(self) -> Pipeline:
        transformers: list[tuple[str, Any, Any]] = [
            (
                "name_chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngram_range),
                    preprocessor=_clean,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
                "name",
            ),
        ]
        weights = {"name_chars": 1.0}
        if self.word_weight:
            transformers.append(
                (
                    "name_words",
                    TfidfVectorizer(
                        tokenizer=jieba_tokenize,
                        preprocessor=_clean,
                        token_pattern=None,
                        lowercase=False,
                        sublinear_tf=True,
                        dtype=np.float32,
                    ),
                    "name",
                )
            )
            weights["name_words"] = self.word_weight
        if self.value_text_weight:
            transformers.append(
                (
                    "value_chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(1, 2), preprocessor=_clean, sublinear_tf=True, dtype=np.float32
                    ),
                    "value_text",
                )
            )
            weights["value_chars"] = self.value_text_weight
        if self.value_weight:
            transformers.append(
                (
                    "value",
                    make_pipeline(FunctionTransformer(_value_dicts), DictVectorizer(dtype=np.float32)),
                    list(FIELDS),
                )
            )
            weights["value"] = self.value_weight
        features = ColumnTransformer(transformers, transformer_weights=weights, sparse_threshold=1.0)
        # newton-cg: exact and deterministic, and 4x faster than lbfgs on these ~6k sparse features.
        clf = LogisticRegression(
            C=self.C,
            solver="newton-cg",
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        return Pipeline([("features", features), ("clf", clf)])

    def fit(self, X: Any, y: Sequence[str], sample_weight: Sequence[float] | None = None) -> CategoryClassifier:
        """Fit on items ``X`` (see the module docstring) and canonical level2 labels ``y``."""
        labels = [str(v) for v in y]
        bad = sorted({v for v in labels if v not in LEVEL1_OF})
        if bad:
            raise ValueError(f"not canonical level2 labels: {bad}")
        frame = _frame(X)
        if len(frame) != len(labels):
            raise ValueError(f"X has {len(frame)} items, y has {len(labels)}")
        kw = {} if sample_weight is None else {"clf__sample_weight": np.asarray(sample_weight, dtype=float)}
        self.pipeline_ = self._build()
        self.pipeline_.fit(frame, labels, **kw)
        self.name_clf_ = None
        if self.name_only_model:
            # Rows whose target is missing (a lost value cell, a caller passing bare names) get a
            # model of the name alone: the full model leans on the unit (万元 → 成本) and, without
            # one, reads "no unit" as a qualitative 效益 row.
            Xt = self.pipeline_.named_steps["features"].transform(frame)
            self.name_clf_ = clone(self.pipeline_.named_steps["clf"])
            self.name_clf_.fit(Xt[:, self._name_columns()], labels, sample_weight=kw.get("clf__sample_weight"))
        self.classes_ = self.pipeline_.classes_
        return self

    def _check(self) -> None:
        if not hasattr(self, "pipeline_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("CategoryClassifier is not fitted; call fit() or load_default()")

    def _name_columns(self) -> np.ndarray:
        """Columns of the transformed matrix that come from the name."""
        ct = self.pipeline_.named_steps["features"]
        spans = [ct.output_indices_[n] for n in ("name_chars", "name_words") if n in ct.output_indices_]
        return np.concatenate([np.arange(sl.start, sl.stop) for sl in spans])

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, columns in the order of ``classes_``.  Items with no ``value_text``,
        ``unit`` or ``kind`` are scored by the name-only model (``name_only_model=True``)."""
        self._check()
        frame = _frame(X)
        if len(frame) == 0:
            return np.zeros((0, len(self.classes_)))
        Xt = self.pipeline_.named_steps["features"].transform(frame)
        proba = self.pipeline_.named_steps["clf"].predict_proba(Xt)
        if self.name_clf_ is not None:
            bare = ((frame["value_text"] == "") & (frame["unit"] == "") & (frame["kind"] == "")).to_numpy()
            if bare.any():
                proba[bare] = self.name_clf_.predict_proba(Xt[bare][:, self._name_columns()])
        return proba

    def predict(self, X: Any) -> np.ndarray:
        """level2 labels."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def predict_categories(self, X: Any) -> list[tuple[str, str]]:
        """``(level1, level2)`` pairs; level1 follows level2."""
        return [(LEVEL1_OF[l2], str(l2)) for l2 in self.predict(X)]

    def disagreements(self, records: Iterable[Any], threshold: float = 0.9) -> Iterator[Disagreement]:
        """Rows whose written ``level2`` differs from a prediction of probability ≥ ``threshold``.

        ``records`` are items as for :meth:`predict` that also carry ``level2`` (mappings, Rows
        or objects); items without a canonical level2 are skipped.  Yields in input order.
        """
        items = list(records)
        written = [_get(x, "level2") for x in items]
        idx = [i for i, w in enumerate(written) if w in LEVEL1_OF]
        if not idx:
            return
        proba = self.predict_proba([items[i] for i in idx])
        col = {c: j for j, c in enumerate(self.classes_)}
        for k, i in enumerate(idx):
            j = int(np.argmax(proba[k]))
            pred, p = str(self.classes_[j]), float(proba[k, j])
            w = written[i]
            if pred != w and p >= threshold:
                wp = float(proba[k, col[w]]) if w in col else 0.0
                yield Disagreement(i, items[i], w, pred, p, wp)

    def __getstate__(self) -> dict[str, Any]:
        # TfidfVectorizer caches ``id(self.stop_words)`` (a memory address) to skip a check;
        # drop it so that the same model pickles to the same bytes in every process.
        pipe = self.__dict__.get("pipeline_")
        if pipe is not None:
            for _, tr, _ in pipe.named_steps["features"].transformers_:
                if isinstance(tr, TfidfVectorizer):
                    tr.__dict__.pop("_stop_words_id", None)
        return super().__getstate__()

    def save(self, path: str | Path) -> Path:
        """Write the fitted model with joblib (compressed); returns the path."""
        import joblib

        self._check()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)
        return path

    @classmethod
    def load(cls, path: str | Path) -> CategoryClassifier:
        import joblib

        model = joblib.load(Path(path))
        if not isinstance(model, cls):
            raise TypeError(f"{path} holds a {type(model).__name__}, not a {cls.__name__}")
        return model


def _get(x: Any, key: str) -> Any:
    return x.get(key) if isinstance(x, Mapping) else getattr(x, key, None)


# --- the shipped model ---------------------------------------------------------------------------


def default_model_path() -> Path:
    """Where the shipped model lives: the repository's ``models/`` folder, installed as
    the ``goalnlp.models`` package so wheels and editable installs both find it."""
    from importlib.resources import files

    return Path(str(files("goalnlp.models") / "category.joblib"))


@functools.lru_cache(maxsize=1)
def _default_model() -> CategoryClassifier:
    return CategoryClassifier.load(default_model_path())


def load_default() -> CategoryClassifier:
    """The shipped model, loaded once per process."""
    return _default_model()


# --- filling lost categories ---------------------------------------------------------------------


def _needs_category(x: Any) -> bool:
    if _get(x, "level2") is None:
        return True
    source = _get(x, "category_source")
    return source is not None and source not in KEPT_SOURCES and source != "classifier"


def fill_missing_categories(rows_or_records: Iterable[Any], model: CategoryClassifier | None = None) -> int:
    """Assign level1/level2 to rows that lack a trusted category; return how many were filled.

    Filled: items whose ``level2`` is None, or whose ``category_source`` is set to anything
    but ``written``/``carried`` (a future row builder may mark guessed categories, e.g.
    ``"lost"``).  Rows already filled (``"classifier"``) are left alone, so the call is
    idempotent.  On a row that lacks only level2, a known ``level1`` (``产出指标`` read, its
    ``数量指标`` cell lost) restricts the choice to that level1's level2 labels; otherwise (and
    on rows whose whole category is untrusted) the best label wins.  Filled items
    get ``level1`` from ``level2`` and ``category_source = "classifier"``.

    Items are :class:`goalnlp.doc.Row` objects (mutated) or record dicts (mutated in place).
    Intended use, as the last part of the pipeline's "categories" component, after the
    carry-forward and only for rows the carry-forward could not fill (first rows of a table,
    rows with level1 but no level2)::

        from goalnlp.category import fill_missing_categories, load_default
        model = load_default()            # once; ~0.1 s to load, jieba initializes on first use
        for t in doc.tables:
            fill_missing_categories(t.rows, model)

    Whether to prefer the classifier over the carry-forward for rows marked ``carried`` is a
    policy decision for the caller: pass only those rows after resetting their level2, or use
    :meth:`CategoryClassifier.disagreements` to review them.
    """
    items = [x for x in rows_or_records if _needs_category(x)]
    if not items:
        return 0
    model = model if model is not None else load_default()
    proba = model.predict_proba(items)
    classes = [str(c) for c in model.classes_]
    for x, p in zip(items, proba, strict=True):
        # Only a trusted level1 (a row that merely lacks level2) narrows the choice.
        l1 = _get(x, "level1") if _get(x, "level2") is None else None
        allowed = [j for j, c in enumerate(classes) if LEVEL1_OF[c] == l1] if l1 in LEVELS else []
        cols = allowed or range(len(classes))
        l2 = classes[max(cols, key=lambda j: p[j])]
        _set(x, "level2", l2)
        _set(x, "level1", LEVEL1_OF[l2])
        _set(x, "category_source", "classifier")
    return len(items)


def _set(x: Any, key: str, value: Any) -> None:
    if isinstance(x, dict):
        x[key] = value
    else:
        setattr(x, key, value)


# --- training ------------------------------------------------------------------------------------


def load_corpus(corpus_dirs: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Indicator records with a canonical level2 from every ``*.jsonl`` in the folders,
    files in name order; each record gets ``_source`` (``dir/file``) for grouping by document."""
    out: list[dict[str, Any]] = []
    for d in corpus_dirs:
        d = Path(d)
        for p in sorted(d.glob("*.jsonl")):
            with p.open(encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    if r.get("record") == "indicator" and r.get("level2") in LEVEL1_OF:
                        r["_source"] = f"{d.name}/{p.name}"
                        out.append(r)
    return out


def train_category(
    corpus_dirs: Iterable[str | Path], out_path: str | Path | None = None, seed: int = 0, **params: Any
) -> CategoryClassifier:
    """Fit a :class:`CategoryClassifier` on the gold records of ``corpus_dirs``; save it to
    ``out_path`` when given.  Deterministic: same data and seed, same model."""
    records = load_corpus(corpus_dirs)
    if not records:
        raise ValueError("no labeled indicator records found")
    model = CategoryClassifier(random_state=seed, **params)
    model.fit(records, [r["level2"] for r in records])
    if out_path is not None:
        model.save(out_path)
    return model
