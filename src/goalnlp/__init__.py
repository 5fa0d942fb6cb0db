r"""goalnlp: structured indicator data from Chinese budget performance-target documents.

>>> import goalnlp
>>> recs = goalnlp.extract("一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 培训人次 ≥500人次\n")
>>> [(r["level2"], r["name"], r["comparator"], r["value"], r["unit"]) for r in recs if r["record"] == "indicator"]
[('数量', '培训人次', '>=', 500.0, '人次')]
"""

from __future__ import annotations

from .batch import run_batch
from .errors import Errors, GoalnlpError, InputError
from .pipeline import Pipeline, extract, extract_frame, iter_extract, register, registered

__version__ = "0.1.0"

__all__ = [
    "Errors",
    "GoalnlpError",
    "InputError",
    "Pipeline",
    "extract",
    "extract_frame",
    "iter_extract",
    "register",
    "registered",
    "run_batch",
    "__version__",
]
