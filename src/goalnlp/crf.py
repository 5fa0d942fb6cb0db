"""The linear-chain CRF under goalnlp's taggers, fitted with sklearn-crfsuite.

Fitting goes through ``sklearn_crfsuite.CRF``; prediction opens the fitted model
in memory with ``pycrfsuite`` directly, so extracting with a trained engine does
not import scikit-learn (4 s and ~170 MiB at import).  Estimators subclassing
:class:`CRFEstimator` keep scikit-learn's shape — ``fit``/``predict``,
``get_params``/``set_params``, picklable — without depending on it at run time.
"""

from __future__ import annotations

import inspect
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Features = list[list[str]] | list[dict[str, Any]]  # per item: attribute strings, or name -> value


class NotFittedError(ValueError, AttributeError):
    """Raised when a tagger predicts before it was fitted (as scikit-learn's)."""


class CRFEstimator:
    """Base of the CRF taggers: parameters, the fitted model bytes, and a lazy tagger."""

    c1: float
    c2: float
    max_iterations: int

    # -- scikit-learn estimator protocol -------------------------------------------------
    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [p for p in sig.parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:  # noqa: ARG002 - sklearn signature
        return {k: getattr(self, k) for k in self._param_names()}

    def set_params(self, **params: Any) -> CRFEstimator:
        for k, v in params.items():
            if k not in self._param_names():
                raise ValueError(f"invalid parameter {k!r} for {type(self).__name__}")
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    # -- fitting and tagging -------------------------------------------------------------
    def _fit_features(self, X: Sequence[Features], y: Sequence[Sequence[str]]) -> None:
        """Fit the CRF (sklearn-crfsuite, L-BFGS) and keep the model as bytes."""
        import sklearn_crfsuite

        pairs = [(x, [str(t) for t in lab]) for x, lab in zip(X, y, strict=True) if x]
        if not pairs:
            raise ValueError(f"{type(self).__name__}.fit needs at least one non-empty sequence")
        fd, path = tempfile.mkstemp(suffix=".crfsuite", prefix="goalnlp-")
        os.close(fd)
        try:
            crf = sklearn_crfsuite.CRF(
                algorithm="lbfgs",
                c1=self.c1,
                c2=self.c2,
                max_iterations=self.max_iterations,
                all_possible_transitions=True,
                model_filename=path,
            )
            crf.fit([x for x, _ in pairs], [lab for _, lab in pairs])
            self.model_bytes_ = Path(path).read_bytes()
            self.labels_ = sorted(str(c) for c in crf.classes_)
        finally:
            Path(path).unlink(missing_ok=True)
        self._tagger_obj = None

    def _check(self) -> None:
        if not hasattr(self, "model_bytes_"):
            raise NotFittedError(f"{type(self).__name__} is not fitted; call fit() or load a trained model")

    def _tagger(self) -> Any:
        self._check()
        tg = getattr(self, "_tagger_obj", None)
        if tg is None:
            import pycrfsuite

            tg = pycrfsuite.Tagger()
            tg.open_inmemory(self.model_bytes_)
            self._tagger_obj = tg
        return tg

    def _tag_features(self, x: Features, marginals: bool = False) -> tuple[list[str], list[float]]:
        """Best labels of one sequence and, if asked, each chosen label's marginal probability."""
        if not x:
            return [], []
        tg = self._tagger()
        tg.set(x)
        labels = list(tg.tag())
        probs = [tg.marginal(lab, i) for i, lab in enumerate(labels)] if marginals else []
        return labels, probs

    def _marginals_features(self, x: Features) -> list[dict[str, float]]:
        if not x:
            return []
        tg = self._tagger()
        tg.set(x)
        labs = tg.labels()
        return [{lab: tg.marginal(lab, i) for lab in labs} for i in range(len(x))]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_tagger_obj", None)  # a C object; reopened from the bytes on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._tagger_obj = None

    # -- files ---------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the model.  A ``.crfsuite`` path gets the CRFsuite file itself (portable, no
        pickle, loads in milliseconds) and the parameters beside it (``NAME.json``); any
        other path a joblib pickle of the estimator."""
        self._check()
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        if p.suffix == ".crfsuite":
            import json

            p.write_bytes(self.model_bytes_)
            meta = {"estimator": type(self).__name__, "params": self.get_params(), "labels": self.labels_}
            p.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            return p
        import joblib

        joblib.dump(self, p, compress=3)
        return p

    @classmethod
    def load(cls, path: str | Path) -> Any:
        """Read what :meth:`save` wrote (a ``.crfsuite`` file with its ``.json``, or a pickle)."""
        from .errors import GoalnlpError

        p = Path(path)
        if p.suffix == ".crfsuite":
            import json

            try:
                meta_path = p.with_suffix(".json")
                meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
                model = cls(**meta.get("params", {}))
                model.model_bytes_ = p.read_bytes()
                model.labels_ = sorted(model._tagger().labels())
            except (OSError, ValueError, TypeError) as e:
                raise GoalnlpError("E051", path=str(p), reason=str(e)) from e
            return model
        import joblib

        try:
            obj = joblib.load(p)
        except (OSError, EOFError, ValueError, ModuleNotFoundError, AttributeError) as e:
            raise GoalnlpError("E051", path=str(p), reason=str(e)) from e
        if not isinstance(obj, cls):
            raise GoalnlpError("E051", path=str(p), reason=f"holds a {type(obj).__name__}, not a {cls.__name__}")
        return obj
