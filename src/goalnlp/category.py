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

The shipped model is ``models/category.joblib`` (installed as goalnlp.models), retrained by
``python scripts/train_category.py`` (see ``models/README.md``), which also writes its export
``category.json``: :func:`load_default` loads that as a :class:`LinearCategoryModel`, which
predicts the same without importing scikit-learn, scipy, numpy or jieba (the pipeline's
path).  :class:`CategoryClassifier` itself is defined on first access, importing scikit-learn.
"""

from __future__ import annotations

import functools
import json
import math
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import regex

from .classify import LEVEL1_OF, LEVELS
from .normalize import fold


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


__all__ = [
    "FIELDS",
    "CategoryClassifier",  # noqa: F822 - defined on first access (module __getattr__)
    "Disagreement",
    "LinearCategoryModel",
    "as_fields",
    "default_linear_path",
    "default_model_path",
    "export_linear",
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


# jieba's exact-mode segmentation without jieba: its 349k-word dictionary as a dict costs
# ~70 MiB and ~1 s to load, so the words (frequency > 0) ship grouped by first character in
# models/jieba_dict.json (scripts/export_jieba.py), looked up with str.find.  The code below
# is jieba 0.42's ``Tokenizer.cut(HMM=False)``; tests compare its tokens with jieba's.
_JB_HAN_RE = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_JB_SKIP_RE = re.compile("(\r\n|\\s)", re.U)
_JB_ENG_RE = re.compile("[a-zA-Z0-9]", re.U)


@functools.lru_cache(maxsize=1)
def _jieba_dict() -> tuple[dict[str, str], float]:
    """(first character → ``"\\nword freq\\n…"``, log of the frequency total)."""
    from importlib.resources import files

    data = json.loads((files("goalnlp.models") / "jieba_dict.json").read_text(encoding="utf-8"))
    return data["blocks"], math.log(data["total"])


@functools.lru_cache(maxsize=16384)
def _jieba_freq(frag: str) -> int | None:
    """jieba's ``FREQ.get(frag)``: None when no word starts with ``frag``, 0 for a prefix only."""
    block = _jieba_dict()[0].get(frag[0])
    if block is None:
        return None
    i = block.find("\n" + frag + " ")
    if i >= 0:
        j = i + len(frag) + 2
        return int(block[j : block.index("\n", j)])
    return 0 if block.find("\n" + frag) >= 0 else None


def _jieba_cut_block(sentence: str) -> Iterator[str]:
    """jieba's ``__cut_DAG_NO_HMM``: the most probable path through the word DAG."""
    freq = _jieba_freq
    log = math.log
    logtotal = _jieba_dict()[1]
    n = len(sentence)
    # Per start k, each edge of the DAG with its word's log probability, log(freq) - logtotal,
    # taken while the DAG is built (jieba asks FREQ for the word a second time in the route).
    dag: list[list[tuple[int, float]]] = []
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n:
            f = freq(frag)
            if f is None:
                break
            if f:
                ends.append((i, log(f) - logtotal))
            i += 1
            frag = sentence[k : i + 1]
        dag.append(ends or [(k, log(freq(sentence[k]) or 1) - logtotal)])
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        route[idx] = max([(lp + route[x + 1][0], x) for x, lp in dag[idx]])
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if _JB_ENG_RE.match(word) and len(word) == 1:
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


@functools.lru_cache(maxsize=16384)
def _jieba_block_words(block: str) -> tuple[str, ...]:
    """:func:`_jieba_cut_block` memoized: the same names, units and labels recur in every
    table, and the DAG walk is most of a cut's cost."""
    return tuple(_jieba_cut_block(block))


def jieba_cut(sentence: str) -> list[str]:
    """``jieba.lcut(sentence, HMM=False)`` (default dictionary), without loading jieba."""
    out: list[str] = []
    for blk in _JB_HAN_RE.split(sentence):
        if not blk:
            continue
        if _JB_HAN_RE.match(blk):
            out.extend(_jieba_block_words(blk))
        else:
            for x in _JB_SKIP_RE.split(blk):
                if _JB_SKIP_RE.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


@functools.lru_cache(maxsize=8192)
def _jieba_tokens(text: str) -> tuple[str, ...]:
    return tuple(w for w in jieba_cut(text) if _rx(r"[\p{Han}A-Za-z]").search(w))


def jieba_tokenize(text: str) -> list[str]:
    """Words of a (cleaned) name by jieba's default dictionary (exact mode, no HMM, so
    tokens never depend on unseen-word guessing); punctuation dropped."""
    return list(_jieba_tokens(text))


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


class CategoryModel(Protocol):
    """What :func:`fill_missing_categories` needs of a model: ``classes_`` and ``predict_proba``
    (a :class:`CategoryClassifier` or the :class:`LinearCategoryModel` exported from one)."""

    classes_: Any

    def predict_proba(self, X: Any) -> Any: ...


def _disagreements(model: CategoryModel, records: Iterable[Any], threshold: float) -> Iterator[Disagreement]:
    items = list(records)
    written = [_get(x, "level2") for x in items]
    idx = [i for i, w in enumerate(written) if w in LEVEL1_OF]
    if not idx:
        return
    proba = model.predict_proba([items[i] for i in idx])
    classes = [str(c) for c in model.classes_]
    col = {c: j for j, c in enumerate(classes)}
    for k, i in enumerate(idx):
        row = proba[k]
        j = max(range(len(classes)), key=lambda c: row[c])  # the first of equal maxima, like np.argmax
        pred, p = classes[j], float(row[j])
        w = written[i]
        if pred != w and p >= threshold:
            wp = float(row[col[w]]) if w in col else 0.0
            yield Disagreement(i, items[i], w, pred, p, wp)


@functools.lru_cache(maxsize=1)
def _define_classifier() -> type:
    """The scikit-learn estimator, defined on first use: importing scikit-learn (and numpy,
    scipy) costs ~2 s and ~170 MiB, which the pipeline's inference path does not pay."""
    import numpy as np
    from sklearn.base import BaseEstimator, ClassifierMixin, clone
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

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

    CategoryClassifier.__module__ = __name__
    CategoryClassifier.__qualname__ = "CategoryClassifier"
    return CategoryClassifier


def __getattr__(name: str) -> Any:
    # ``CategoryClassifier`` (and unpickling a saved one) imports scikit-learn on first access.
    if name == "CategoryClassifier":
        cls = _define_classifier()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _get(x: Any, key: str) -> Any:
    return x.get(key) if isinstance(x, Mapping) else getattr(x, key, None)


# --- the shipped model ---------------------------------------------------------------------------


def default_model_path() -> Path:
    """Where the shipped model lives: the repository's ``models/`` folder, installed as
    the ``goalnlp.models`` package so wheels and editable installs both find it."""
    from importlib.resources import files

    return Path(str(files("goalnlp.models") / "category.joblib"))


def default_linear_path() -> Path:
    """The shipped model's numbers for inference without scikit-learn (:class:`LinearCategoryModel`),
    written next to ``category.joblib`` by ``scripts/train_category.py``."""
    from importlib.resources import files

    return Path(str(files("goalnlp.models") / "category.json"))


@functools.lru_cache(maxsize=1)
def _default_model() -> LinearCategoryModel:
    return LinearCategoryModel.load(default_linear_path())


def load_default() -> LinearCategoryModel:
    """The shipped model, loaded once per process: the :class:`LinearCategoryModel` exported
    from ``category.joblib`` (same predictions; no scikit-learn, scipy or numpy import).
    ``CategoryClassifier.load(default_model_path())`` gives the estimator itself."""
    return _default_model()


# --- inference without scikit-learn --------------------------------------------------------------

_LINEAR_FORMAT = 1
_TF_TABLE = 512  # 1 + log(tf) in float32 for tf = 1..512, computed by numpy at export
_WHITE_SPACES_RE = re.compile(r"\s\s+")  # TfidfVectorizer's


def _f32(values: Iterable[float]) -> array:
    return array("f", values)


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``_char_wb_ngrams`` (n-grams inside words, padded with spaces)."""
    text = _WHITE_SPACES_RE.sub(" ", text)
    out: list[str] = []
    for w in text.split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < w_len:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
    return out


def _b64(a: array) -> str:
    import base64
    import sys

    if sys.byteorder != "little":  # pragma: no cover
        a = array(a.typecode, a)
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _unb64(typecode: str, s: str) -> array:
    import base64
    import sys

    a = array(typecode)
    a.frombytes(base64.b64decode(s))
    if sys.byteorder != "little":  # pragma: no cover
        a.byteswap()
    return a


def export_linear(model: Any) -> dict[str, Any]:
    """The fitted numbers of a :class:`CategoryClassifier` as plain data (JSON-able):
    each feature block's vocabulary, idf and weight, the logistic regressions' coefficients
    (float32, base64) and intercepts.  :class:`LinearCategoryModel` scores them exactly as
    scikit-learn does (float32 TF-IDF, float32 sparse dot products)."""
    import numpy as np

    model._check()
    ct = model.pipeline_.named_steps["features"]
    weights = ct.transformer_weights or {}
    blocks: list[dict[str, Any]] = []
    for name, tr, column in ct.transformers_:
        if name == "remainder" or tr == "drop":
            continue
        sl = ct.output_indices_[name]
        block: dict[str, Any] = {"name": name, "offset": sl.start, "size": sl.stop - sl.start}
        block["weight"] = float(weights[name]) if weights.get(name) is not None else None
        if hasattr(tr, "vocabulary_") and hasattr(tr, "idf_"):
            if tr.analyzer == "char_wb":
                block["kind"], block["ngram_range"] = "char_wb", list(tr.ngram_range)
            elif tr.tokenizer is jieba_tokenize and tuple(tr.ngram_range) == (1, 1):
                block["kind"] = "words"
            else:  # pragma: no cover - not produced by CategoryClassifier
                raise ValueError(f"cannot export feature block {name!r}")
            if tr.preprocessor is not _clean or not tr.sublinear_tf or tr.norm != "l2" or tr.binary:
                raise ValueError(f"cannot export feature block {name!r}")  # pragma: no cover
            block["column"] = column
            block["idf"] = _b64(array("f", np.asarray(tr.idf_, dtype=np.float32).tolist()))
        else:
            tr = tr.steps[-1][1]  # FunctionTransformer(_value_dicts) → DictVectorizer
            block["kind"] = "value_dict"
        vocab = tr.vocabulary_
        terms = [""] * len(vocab)
        for t, j in vocab.items():
            terms[int(j)] = t
        block["terms"] = terms
        blocks.append(block)
    clf = model.pipeline_.named_steps["clf"]

    def lr(c: Any) -> dict[str, Any]:
        coef = np.asarray(c.coef_)
        if coef.dtype != np.float32 or coef.shape[0] != len(model.classes_):
            raise ValueError("expected a multinomial float32 logistic regression")  # pragma: no cover
        return {
            "n_features": int(coef.shape[1]),
            "coef_T": _b64(array("f", np.ascontiguousarray(coef.T).ravel().tolist())),  # feature-major
            "intercept": np.asarray(c.intercept_, dtype=np.float32).tolist(),
        }

    tf = np.arange(1, _TF_TABLE + 1, dtype=np.float32)
    np.log(tf, tf)  # as TfidfTransformer does it (sublinear_tf)
    tf += 1.0
    out: dict[str, Any] = {
        "format": _LINEAR_FORMAT,
        "classes": [str(c) for c in model.classes_],
        "blocks": blocks,
        "clf": lr(clf),
        "sublinear_tf": tf.tolist(),
    }
    if model.name_clf_ is not None:
        out["name_clf"] = lr(model.name_clf_)
        out["name_blocks"] = [b["name"] for b in blocks if b["name"] in ("name_chars", "name_words")]
    return out


class LinearCategoryModel:
    """The shipped classifier for inference: a :class:`CategoryClassifier`'s vocabularies,
    idf and coefficients (:func:`export_linear`), scored in pure Python.

    Predictions equal the estimator's: the TF-IDF values and decision scores are computed in
    float32 step for step as scikit-learn/scipy do; probabilities are a float64 softmax of
    those scores (within ~1e-7 of scikit-learn's float32 ones), and where two classes' scores
    lie so close that float32 rounding could tie their probabilities, the batch falls back to
    numpy's float32 softmax, as scikit-learn computes it.  ``predict_proba`` returns lists.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        if data.get("format") != _LINEAR_FORMAT:
            raise ValueError(f"unknown linear model format {data.get('format')!r}")
        self.classes_: list[str] = list(data["classes"])
        self._tf = _f32(data["sublinear_tf"])
        self._blocks = []
        for b in data["blocks"]:
            vocab = {t: j for j, t in enumerate(b["terms"])}
            idf = _unb64("f", b["idf"]) if "idf" in b else None
            self._blocks.append((b["name"], b["kind"], b.get("column"), tuple(b.get("ngram_range", (1, 1))), b["offset"], b["weight"], vocab, idf))
        self._clf = self._lr(data["clf"])
        self._name_clf = self._lr(data["name_clf"]) if "name_clf" in data else None
        self._name_blocks = set(data.get("name_blocks", ()))
        self._data = data

    def _lr(self, d: Mapping[str, Any]) -> tuple[int, array, array]:
        return d["n_features"], _unb64("f", d["coef_T"]), _f32(d["intercept"])

    @classmethod
    def load(cls, path: str | Path) -> LinearCategoryModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_classifier(cls, model: Any) -> LinearCategoryModel:
        return cls(json.loads(json.dumps(export_linear(model))))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump_linear(self._data), encoding="utf-8")
        return path

    # -- features --

    def _tfidf(self, terms: list[str], vocab: Mapping[str, int], idf: array) -> list[tuple[int, float]]:
        counts: dict[int, int] = {}
        for t in terms:
            j = vocab.get(t)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return []
        cols = sorted(counts)
        tf = self._tf
        vals = _f32(tf[counts[j] - 1] if counts[j] <= len(tf) else _sublinear(counts[j]) for j in cols)
        vals = _f32(v * idf[j] for v, j in zip(vals, cols, strict=True))
        sq = _f32(v * v for v in vals)
        s = 0.0
        for v in sq:
            s += v
        if s != 0.0:
            s = math.sqrt(s)
            vals = _f32(v / s for v in vals)
        return list(zip(cols, vals, strict=True))

    def _features(self, f: Mapping[str, str]) -> list[tuple[str, list[tuple[int, float]]]]:
        """Non-zero (column, float32 value) pairs per block, columns ascending in each block."""
        out = []
        for name, kind, column, ngr, offset, weight, vocab, idf in self._blocks:
            if kind == "char_wb":
                nz = self._tfidf(_char_wb_ngrams(_clean(f[column]), ngr[0], ngr[1]), vocab, idf)
            elif kind == "words":
                nz = self._tfidf(jieba_tokenize(_clean(f[column])), vocab, idf)
            else:
                nz = sorted((vocab[k], 1.0) for k in _value_dict(f) if k in vocab)
            if weight is not None:
                nz = list(zip((j for j, _ in nz), _f32(v * weight for _, v in nz), strict=True))
            out.append((name, [(offset + j, v) for j, v in nz]))
        return out

    @staticmethod
    def _decision(nz: Iterable[tuple[int, float]], lr: tuple[int, array, array]) -> array:
        """float32 ``X @ coef.T + intercept`` accumulated in stored order (scipy's csr_matvecs)."""
        _, coef_t, intercept = lr
        k = len(intercept)
        y = array("f", bytes(4 * k))
        for j, v in nz:
            base = j * k
            # array("f", …) rounds each double to float32: a float32 product is exact in a
            # double, and rounding a double sum of two float32s to float32 is the float32 sum.
            prod = array("f", [v * c for c in coef_t[base : base + k]])
            y = array("f", [a + b for a, b in zip(y, prod)])  # noqa: B905 - both have k items
        return array("f", [a + b for a, b in zip(y, intercept)])  # noqa: B905

    def decision_function(self, X: Any) -> list[array]:
        return [d for d, _ in self._decisions(_items(X))]

    def _decisions(self, items: list[dict[str, str]]) -> list[tuple[array, bool]]:
        out = []
        for f in items:
            blocks = self._features(f)
            bare = self._name_clf is not None and not (f["value_text"] or f["unit"] or f["kind"])
            if bare:
                nz = [jv for name, b in blocks if name in self._name_blocks for jv in b]
                out.append((self._decision(nz, self._name_clf), True))
            else:
                out.append((self._decision((jv for _, b in blocks for jv in b), self._clf), False))
        return out

    def predict_proba(self, X: Any) -> list[list[float]]:
        """Probabilities per item, in the order of ``classes_`` (name-only model for items with
        no ``value_text``, ``unit`` or ``kind``)."""
        items = _items(X)
        dec = self._decisions(items)
        if any(_near_tie(d) for d, _ in dec):
            return self._proba_numpy(items, dec)
        out = []
        for d, _ in dec:
            m = max(d)
            e = [math.exp(v - m) for v in d]
            s = sum(e)
            out.append([v / s for v in e])
        return out

    def _proba_numpy(self, items: list[dict[str, str]], dec: list[tuple[array, bool]]) -> list[list[float]]:
        """scikit-learn's float32 softmax, batch for batch as CategoryClassifier.predict_proba."""
        import numpy as np

        def softmax(rows: list[array]) -> Any:
            X = np.array([list(r) for r in rows], dtype=np.float32).reshape(len(rows), len(self.classes_))
            X -= np.reshape(np.max(X, axis=1), (-1, 1))
            np.exp(X, out=X)
            X /= np.reshape(np.sum(X, axis=1), (-1, 1))
            return X

        full = [d if not bare else self._decision((jv for _, b in self._features(f) for jv in b), self._clf)
                for f, (d, bare) in zip(items, dec, strict=True)]
        proba = softmax(full)
        bare_idx = [i for i, (_, bare) in enumerate(dec) if bare]
        if bare_idx:
            proba[bare_idx] = softmax([dec[i][0] for i in bare_idx])
        return proba.tolist()

    def predict(self, X: Any) -> list[str]:
        classes = self.classes_
        return [classes[max(range(len(classes)), key=p.__getitem__)] for p in self.predict_proba(X)]

    def predict_categories(self, X: Any) -> list[tuple[str, str]]:
        """``(level1, level2)`` pairs; level1 follows level2."""
        return [(LEVEL1_OF[l2], l2) for l2 in self.predict(X)]

    def disagreements(self, records: Iterable[Any], threshold: float = 0.9) -> Iterator[Disagreement]:
        """As :meth:`CategoryClassifier.disagreements`."""
        return _disagreements(self, records, threshold)


def _sublinear(tf: int) -> float:
    import numpy as np

    a = np.array([tf], dtype=np.float32)
    np.log(a, a)
    a += 1.0
    return float(a[0])


def _near_tie(d: array) -> bool:
    """Two scores close enough for float32 rounding of their probabilities to tie.

    scikit-learn's softmax takes ``x = f32(d - max)`` (error ≤ 2^-24 (|d| + |max|)), then a
    float32 ``exp`` (a few ulp) and a float32 division (half an ulp); scores a and b further
    apart than 2^-24 (|a| + |b| + 2 |max| + 10) keep their order, so their probabilities
    cannot tie.  The test below allows 16 times that.
    """
    s = sorted(d)
    m = abs(s[-1])
    return any(b - a <= 2.0**-20 * (abs(a) + abs(b) + 2 * m + 10) for a, b in zip(s, s[1:], strict=False))


def _items(X: Any) -> list[dict[str, str]]:
    if isinstance(X, (str, Mapping)):
        raise TypeError("X must be a sequence of items (a list of records), not a single item")
    if hasattr(X, "to_dict") and hasattr(X, "columns"):  # a pandas DataFrame
        X = X.to_dict("records")
    return [as_fields(x) for x in X]


def _dump_linear(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def write_linear(model: Any, path: str | Path) -> Path:
    """Export a fitted :class:`CategoryClassifier` to ``path`` (JSON) for :class:`LinearCategoryModel`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump_linear(export_linear(model)), encoding="utf-8")
    return path


# --- filling lost categories ---------------------------------------------------------------------


def _needs_category(x: Any) -> bool:
    if _get(x, "level2") is None:
        return True
    source = _get(x, "category_source")
    return source is not None and source not in KEPT_SOURCES and source != "classifier"


def fill_missing_categories(
    rows_or_records: Iterable[Any], model: CategoryModel | None = None, *, stay: float = 0.0
) -> int:
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

    ``stay > 0`` reads the items as one table in row order: a table lists its rows grouped by
    category, so the labels are decoded together (Viterbi), a row keeping the previous row's
    level2 gaining ``stay`` in log-probability.  The pipeline uses it for rows whose labels
    were printed apart from them (plain pdftotext), where it lifts level2 accuracy.
    """
    items = [x for x in rows_or_records if _needs_category(x)]
    if not items:
        return 0
    model = model if model is not None else load_default()
    proba = model.predict_proba(items)
    classes = [str(c) for c in model.classes_]
    scores: list[list[float]] = []
    for x, p in zip(items, proba, strict=True):
        # Only a trusted level1 (a row that merely lacks level2) narrows the choice.
        l1 = _get(x, "level1") if _get(x, "level2") is None else None
        allowed = {j for j, c in enumerate(classes) if LEVEL1_OF[c] == l1} if l1 in LEVELS else set()
        # A row builder that could narrow the choice (the labels printed either side of the row).
        allowed = {j for j, c in enumerate(classes) if c in (_get(x, "level2_choices") or ())} or allowed
        scores.append([math.log(max(float(p[j]), 1e-12)) if not allowed or j in allowed else -math.inf
                       for j in range(len(classes))])
    for x, j in zip(items, _decode_labels(scores, stay), strict=True):
        l2 = classes[j]
        _set(x, "level2", l2)
        _set(x, "level1", LEVEL1_OF[l2])
        _set(x, "category_source", "classifier")
    return len(items)


def _decode_labels(scores: list[list[float]], stay: float) -> list[int]:
    """The best label per item (``stay == 0``), or the best label sequence when keeping the
    previous item's label earns ``stay`` (first-order Viterbi; ties go to the lower index)."""
    if stay <= 0 or len(scores) < 2:
        return [max(range(len(s)), key=s.__getitem__) for s in scores]
    k = len(scores[0])
    total = scores[0][:]
    back: list[list[int]] = []
    for s in scores[1:]:
        best = max(range(k), key=total.__getitem__)
        step, prev = [], []
        for j in range(k):
            kept, moved = total[j] + stay, total[best]
            step.append(max(kept, moved) + s[j])
            prev.append(j if kept >= moved else best)
        total = step
        back.append(prev)
    j = max(range(k), key=total.__getitem__)
    path = [j]
    for prev in reversed(back):
        j = prev[j]
        path.append(j)
    return path[::-1]


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
) -> Any:
    """Fit a :class:`CategoryClassifier` on the gold records of ``corpus_dirs``; save it to
    ``out_path`` when given, with its :class:`LinearCategoryModel` export next to it (same
    name, ``.json``).  Deterministic: same data and seed, same model."""
    records = load_corpus(corpus_dirs)
    if not records:
        raise ValueError("no labeled indicator records found")
    model = _define_classifier()(random_state=seed, **params)
    model.fit(records, [r["level2"] for r in records])
    if out_path is not None:
        model.save(out_path)
        write_linear(model, Path(out_path).with_suffix(".json"))
    return model
