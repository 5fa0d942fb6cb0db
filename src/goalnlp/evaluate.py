"""Score extracted records against gold labels (see ``spec/SCHEMA.md``).

Names are compared after :func:`normalize_text`, because the same indicator
reaches us through PDF text, OCR, HTML and Office exports that differ only in
whitespace, character width and script; counting those as errors would
measure the source format, not the extractor.

Indicators are matched per document as a multiset of normalized names: one
document often repeats a name (``完成时间`` in every table), so each gold and
each predicted record is used once, preferring the pair from the same table,
then the same ``level2``, then the nearest ``line_start``.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import opencc
import regex
from rich.console import Console
from rich.table import Table

from goalnlp.errors import GoalnlpError

__all__ = [
    "FIELDS",
    "TABLE_FIELDS",
    "FieldScore",
    "Report",
    "Score",
    "evaluate",
    "evaluate_paths",
    "load_records",
    "normalize_text",
]

#: Indicator fields whose accuracy is measured on matched pairs.
FIELDS: tuple[str, ...] = (
    "level1",
    "level2",
    "value_text",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "date",
    "actual_text",
    "weight",
    "score",
    "project",
)
#: Table fields whose accuracy is measured on matched tables.
TABLE_FIELDS: tuple[str, ...] = ("funds_total", "year", "department", "implementer", "table_type")

_NUMERIC_FIELDS = frozenset({"value", "value_max", "weight", "score", "year"})
_TEXT_FIELDS = frozenset({"value_text", "unit", "actual_text", "project", "department", "implementer"})
_VALUE_TOL = 1e-6
_FUNDS_TOL = 0.005
_NO_LINE = 10**12  # distance used when a record has no line_start
_PAIR_LIMIT = 40_000  # above this many candidate pairs in one group, pair in position order

_SPACE_RE = regex.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_SYMBOLS = (("≧", "≥"), ("≦", "≤"), (">=", "≥"), ("<=", "≤"))
_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=200_000)
def _normalize(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = _T2S.convert(s)
    s = _SPACE_RE.sub("", s)
    for old, new in _SYMBOLS:
        s = s.replace(old, new)
    return s


def normalize_text(s: str | None) -> str:
    """Reduce ``s`` to what a reader would call the same text.

    Removes all whitespace (and zero-width characters), folds width (NFKC),
    converts Traditional to Simplified (OpenCC ``t2s``) and unifies
    ``≧ ≦ >= <=`` to ``≥ ≤``; ``None`` becomes ``""``. Cached, since gold
    and predictions repeat the same strings many times.
    """
    if s is None:
        return ""
    return _normalize(s if isinstance(s, str) else str(s))


# --------------------------------------------------------------------------- loading

_REQUIRED = ("record", "doc")


def _read_jsonl(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoalnlpError("E003", path=str(path)) from exc
    except OSError as exc:
        raise GoalnlpError("E005", path=str(path), reason=exc.strerror or str(exc)) from exc
    records: list[dict] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoalnlpError("E021", line=lineno, path=str(path), reason=exc.msg) from exc
        if not isinstance(rec, dict):
            raise GoalnlpError(
                "E021", line=lineno, path=str(path), reason=f"expected an object, got {type(rec).__name__}"
            )
        for name in _REQUIRED:
            if rec.get(name) in (None, ""):
                raise GoalnlpError("E022", line=lineno, path=str(path), field=name)
        if rec["record"] == "indicator" and rec.get("name") is None:
            raise GoalnlpError("E022", line=lineno, path=str(path), field="name")
        records.append(rec)
    return records


def load_records(path: str | Path) -> list[dict]:
    """Read records from a JSONL file or a directory of ``*.jsonl`` (sorted by name).

    Blank lines are skipped. Every record needs ``record`` and ``doc`` (and an
    indicator its ``name``); anything else may be absent. Failures raise
    :class:`GoalnlpError`: E004 missing path, E020 directory without
    ``*.jsonl``, E021 invalid JSON, E022 missing required field.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.glob("*.jsonl") if f.is_file())
        if not files:
            raise GoalnlpError("E020", path=str(p))
        return [rec for f in files for rec in _read_jsonl(f)]
    if not p.exists():
        raise GoalnlpError("E004", path=str(p))
    return _read_jsonl(p)


# --------------------------------------------------------------------------- scores


def _safe_div(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Score:
    """Precision/recall/F1 from counts; empty gold and empty prediction score 1.0."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    @property
    def precision(self) -> float:
        if self.n_pred:
            return self.tp / self.n_pred
        return 1.0 if self.n_gold == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.n_gold:
            return self.tp / self.n_gold
        return 1.0 if self.n_pred == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "gold": self.n_gold,
            "pred": self.n_pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class CategoryScore:
    """Name P/R/F1 of one category: recall by the gold label, precision by the predicted label."""

    n_gold: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    @property
    def precision(self) -> float:
        return Score(self.matched_pred, self.n_gold, self.n_pred).precision

    @property
    def recall(self) -> float:
        return Score(self.matched_gold, self.n_gold, self.n_pred).recall

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "pred": self.n_pred,
            "matched_gold": self.matched_gold,
            "matched_pred": self.matched_pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class FieldScore:
    """Correct/total for one field over matched pairs; accuracy is ``None`` with no pairs."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _safe_div(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass
class DocScore:
    """Per-document scores, so results can later be broken down by layout."""

    name: Score = field(default_factory=Score)
    triple: Score = field(default_factory=Score)
    table: Score = field(default_factory=Score)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name.to_dict(), "triple": self.triple.to_dict(), "table": self.table.to_dict()}


# --------------------------------------------------------------------------- comparison


def _as_float(x: Any) -> float | None:
    if x is None or x == "" or isinstance(x, bool):
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan  # unparsable: equal to nothing
    return v


def _num_equal(a: Any, b: Any, tol: float = _VALUE_TOL) -> bool:
    fa, fb = _as_float(a), _as_float(b)
    if fa is None or fb is None:
        return fa is None and fb is None
    return abs(fa - fb) <= tol


def _plain(x: Any) -> Any:
    return None if x == "" else x


def _field_equal(name: str, g: Any, p: Any) -> bool:
    if name in _NUMERIC_FIELDS:
        return _num_equal(g, p)
    if name == "funds_total":
        return _num_equal(g, p, _FUNDS_TOL)
    if name in _TEXT_FIELDS:
        return normalize_text(g) == normalize_text(p)
    return _plain(g) == _plain(p)


def _triple_equal(g: dict, p: dict) -> bool:
    return (
        _plain(g.get("comparator")) == _plain(p.get("comparator"))
        and _num_equal(g.get("value"), p.get("value"))
        and normalize_text(g.get("unit")) == normalize_text(p.get("unit"))
    )


def _doc_key(doc: Any) -> str:
    """Basename of a doc name, so ``runs/x/000_a.txt`` matches ``000_a.txt`` (either separator)."""
    return PurePosixPath(str(doc).replace("\\", "/")).name


def _int_or_none(x: Any) -> int | None:
    v = _as_float(x)
    return int(v) if v is not None and math.isfinite(v) else None


# --------------------------------------------------------------------------- matching

Pair = tuple[int, int]
Stage = Callable[[dict], Any]


def _pair_nearest(
    gis: list[int], pjs: list[int], gpos: list[int | None], ppos: list[int | None]
) -> list[Pair]:
    """Pair two index lists, nearest positions first (greedy over sorted distances)."""
    if len(gis) == 1 and len(pjs) == 1:
        return [(gis[0], pjs[0])]
    if len(gis) * len(pjs) > _PAIR_LIMIT:  # pathological input: pair in position order, linear
        gs = sorted(gis, key=lambda k: (_NO_LINE if gpos[k] is None else gpos[k], k))
        ps = sorted(pjs, key=lambda k: (_NO_LINE if ppos[k] is None else ppos[k], k))
        return list(zip(gs, ps, strict=False))
    cands = []
    for i in gis:
        gp = gpos[i]
        for j in pjs:
            pp = ppos[j]
            cands.append((_NO_LINE if gp is None or pp is None else abs(gp - pp), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    want = min(len(gis), len(pjs))
    out: list[Pair] = []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
        if len(out) == want:
            break
    return out


def _match(
    gold: Sequence[dict],
    pred: Sequence[dict],
    key: Callable[[dict], str],
    stages: Sequence[Stage],
    pos: Callable[[dict], int | None],
) -> tuple[list[Pair], list[int], list[int]]:
    """Match two record lists as multisets of ``key``; each record is used at most once.

    Pairs are formed in stages of decreasing agreement (e.g. same table and
    level2, then same table, then same level2, then only the key), nearest
    ``pos`` first within a stage. "Same table" splits a name group into
    complete bipartite parts, so this maximises same-table pairs, then
    same-level2 pairs, while keeping the pairwise distance sort to small groups.
    """
    gkeys = [key(r) for r in gold]
    pkeys = [key(r) for r in pred]
    gpos = [pos(r) for r in gold]
    ppos = [pos(r) for r in pred]
    free_g = set(range(len(gold)))
    free_p = set(range(len(pred)))
    pairs: list[Pair] = []
    for stage in (*stages, None):
        if not free_g or not free_p:
            break
        groups: dict[tuple, tuple[list[int], list[int]]] = {}
        for i in sorted(free_g):
            groups.setdefault((gkeys[i], stage(gold[i]) if stage else None), ([], []))[0].append(i)
        for j in sorted(free_p):
            grp = groups.get((pkeys[j], stage(pred[j]) if stage else None))
            if grp is not None:
                grp[1].append(j)
        for gis, pjs in groups.values():
            if pjs:
                for i, j in _pair_nearest(gis, pjs, gpos, ppos):
                    pairs.append((i, j))
                    free_g.discard(i)
                    free_p.discard(j)
    pairs.sort()
    return pairs, sorted(free_g), sorted(free_p)


def _name_key(r: dict) -> str:
    return normalize_text(r.get("name"))


def _project_key(r: dict) -> str:
    return normalize_text(r.get("project"))


def _table_of(r: dict) -> int | None:
    return _int_or_none(r.get("table"))


def _level2_of(r: dict) -> str | None:
    v = _plain(r.get("level2"))
    return None if v is None else str(v)


def _table_and_level2(r: dict) -> tuple[int | None, Any]:
    return _table_of(r), _level2_of(r)


def _line_of(r: dict) -> int | None:
    return _int_or_none(r.get("line_start"))


_INDICATOR_STAGES: tuple[Stage, ...] = (_table_and_level2, _table_of, _level2_of)
_TABLE_STAGES: tuple[Stage, ...] = (_table_of,)


# --------------------------------------------------------------------------- report


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _error(kind: str, record: str, doc: str, rec: dict, **extra: Any) -> dict[str, Any]:
    err: dict[str, Any] = {
        "type": kind,
        "record": record,
        "doc": doc,
        "table": rec.get("table"),
        "name": rec.get("name") if record == "indicator" else rec.get("project"),
    }
    err.update(extra)
    if record == "indicator" and "line_start" not in err:
        err["line_start"] = rec.get("line_start")
    return err


@dataclass
class Report:
    """Everything :func:`evaluate` measures; ``to_dict`` is the stable, JSON-ready form."""

    name: Score = field(default_factory=Score)
    triple: Score = field(default_factory=Score)
    table: Score = field(default_factory=Score)
    field_accuracy: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    table_field_accuracy: dict[str, FieldScore] = field(
        default_factory=lambda: {f: FieldScore() for f in TABLE_FIELDS}
    )
    per_level1: dict[str, CategoryScore] = field(default_factory=dict)
    per_level2: dict[str, CategoryScore] = field(default_factory=dict)
    linking_total: int = 0
    linking_matched: int = 0
    per_doc: dict[str, DocScore] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    ignored_pred_docs: int = 0
    ignored_pred_records: int = 0

    @property
    def linking_recall(self) -> float | None:
        """Share of multi-line gold names matched exactly; ``None`` when the gold has none."""
        return _safe_div(self.linking_matched, self.linking_total)

    @property
    def funds_accuracy(self) -> float | None:
        return self.table_field_accuracy["funds_total"].accuracy

    @property
    def error_counts(self) -> dict[str, int]:
        counts = Counter(e["type"] for e in self.errors)
        return {k: counts.get(k, 0) for k in ("missed", "spurious", "field")}

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary; top-level keys are fixed, so CI can diff reports.

        Keys: docs, ignored_pred_docs, ignored_pred_records, name, triple, table
        (each tp/gold/pred/precision/recall/f1), field_accuracy, table_field_accuracy
        (each field → correct/total/accuracy), funds_accuracy, linking
        (total/matched/recall), per_category (level1/level2 → category → scores),
        per_doc (doc → name/triple/table), error_counts, errors.
        """
        return {
            "docs": len(self.per_doc),
            "ignored_pred_docs": self.ignored_pred_docs,
            "ignored_pred_records": self.ignored_pred_records,
            "name": self.name.to_dict(),
            "triple": self.triple.to_dict(),
            "table": self.table.to_dict(),
            "field_accuracy": {k: v.to_dict() for k, v in self.field_accuracy.items()},
            "table_field_accuracy": {k: v.to_dict() for k, v in self.table_field_accuracy.items()},
            "funds_accuracy": self.funds_accuracy,
            "linking": {
                "total": self.linking_total,
                "matched": self.linking_matched,
                "recall": self.linking_recall,
            },
            "per_category": {
                "level1": {k: v.to_dict() for k, v in self.per_level1.items()},
                "level2": {k: v.to_dict() for k, v in self.per_level2.items()},
            },
            "per_doc": {k: v.to_dict() for k, v in self.per_doc.items()},
            "error_counts": self.error_counts,
            "errors": list(self.errors),
        }

    def summary_line(self) -> str:
        """One line for logs and CI output."""
        n, c = self.name, self.error_counts
        return (
            f"name P/R/F1 {n.precision:.3f}/{n.recall:.3f}/{n.f1:.3f} | "
            f"triple F1 {self.triple.f1:.3f} | table F1 {self.table.f1:.3f} | "
            f"funds {_fmt(self.funds_accuracy)} | linking {_fmt(self.linking_recall)} | "
            f"{len(self.per_doc)} docs, {c['missed']} missed, {c['spurious']} spurious, "
            f"{c['field']} field errors"
        )

    def render(self, console: Console | None = None, max_errors: int = 30) -> None:
        """Print readable rich tables: scores, fields, categories, documents, first errors."""
        console = console or Console()

        t = Table(title="Scores")
        for col in ("", "P", "R", "F1", "tp", "gold", "pred"):
            t.add_column(col, justify="left" if not col else "right")
        for label, s in (("name", self.name), ("triple", self.triple), ("table", self.table)):
            t.add_row(
                label, _fmt(s.precision), _fmt(s.recall), _fmt(s.f1), str(s.tp), str(s.n_gold), str(s.n_pred)
            )
        console.print(t)
        console.print(
            f"linking recall {_fmt(self.linking_recall)} ({self.linking_matched}/{self.linking_total})"
            f"   funds accuracy {_fmt(self.funds_accuracy)}"
            + (f"   ignored pred docs {self.ignored_pred_docs}" if self.ignored_pred_docs else "")
        )

        t = Table(title="Field accuracy (matched pairs)")
        for col in ("field", "accuracy", "correct", "total"):
            t.add_column(col, justify="left" if col == "field" else "right")
        for prefix, scores in (("", self.field_accuracy), ("table.", self.table_field_accuracy)):
            for k, v in scores.items():
                t.add_row(prefix + k, _fmt(v.accuracy), str(v.correct), str(v.total))
        console.print(t)

        for title, cats in (("level1", self.per_level1), ("level2", self.per_level2)):
            t = Table(title=f"Name scores by {title}")
            for col in (title, "P", "R", "F1", "gold", "pred"):
                t.add_column(col, justify="left" if col == title else "right")
            for k, v in cats.items():
                t.add_row(k, _fmt(v.precision), _fmt(v.recall), _fmt(v.f1), str(v.n_gold), str(v.n_pred))
            console.print(t)

        t = Table(title="Per document")
        for col in ("doc", "name F1", "triple F1", "table F1", "gold", "pred"):
            t.add_column(col, justify="left" if col == "doc" else "right")
        for k, d in self.per_doc.items():
            t.add_row(
                k,
                _fmt(d.name.f1),
                _fmt(d.triple.f1),
                _fmt(d.table.f1),
                str(d.name.n_gold),
                str(d.name.n_pred),
            )
        console.print(t)

        c = self.error_counts
        console.print(f"errors: {c['missed']} missed, {c['spurious']} spurious, {c['field']} field")
        if self.errors and max_errors > 0:
            t = Table(title=f"First {min(max_errors, len(self.errors))} of {len(self.errors)} errors")
            for col in ("type", "doc", "table", "line", "name", "field", "gold", "pred"):
                t.add_column(col)
            for e in self.errors[:max_errors]:
                t.add_row(
                    e["type"] + ("" if e["record"] == "indicator" else " (table)"),
                    e["doc"],
                    "" if e.get("table") is None else str(e["table"]),
                    "" if e.get("line_start") is None else str(e["line_start"]),
                    str(e.get("name") or ""),
                    e.get("field", ""),
                    "" if "gold" not in e else repr(e["gold"]),
                    "" if "pred" not in e else repr(e["pred"]),
                )
            console.print(t)


# --------------------------------------------------------------------------- evaluation


def _by_doc(records: Iterable[dict]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Split records into (indicators, tables) per doc basename; other record kinds are ignored."""
    out: dict[str, tuple[list[dict], list[dict]]] = {}
    for r in records:
        kind = r.get("record")
        if kind not in ("indicator", "table"):
            continue
        inds, tabs = out.setdefault(_doc_key(r.get("doc")), ([], []))
        (inds if kind == "indicator" else tabs).append(r)
    return out


def _category(r: dict, level: str) -> str:
    v = r.get(level)
    return "(none)" if v in (None, "") else str(v)


# Schema order, so tables read 投入 → 满意度 rather than in code-point order.
_CATEGORY_ORDER = {
    c: k
    for k, c in enumerate(
        "投入 目标设定 预算配置 过程 预算执行 预算管理 资产管理 产出 数量 质量 时效 成本 "
        "效益 经济效益 社会效益 生态效益 可持续影响 满意度 服务对象满意度".split()
    )
}


def _category_order(item: tuple[str, Any]) -> tuple[int, str]:
    return (_CATEGORY_ORDER.get(item[0], len(_CATEGORY_ORDER)), item[0])


def _spans_lines(r: dict) -> bool:
    ls, le = _int_or_none(r.get("line_start")), _int_or_none(r.get("line_end"))
    return ls is not None and le is not None and le > ls


def evaluate(gold: list[dict], pred: list[dict]) -> Report:
    """Score ``pred`` against ``gold``; only documents present in the gold are scored."""
    report = Report()
    gold_docs = _by_doc(gold)
    pred_docs = _by_doc(pred)
    for doc, (inds, tabs) in pred_docs.items():
        if doc not in gold_docs:
            report.ignored_pred_docs += 1
            report.ignored_pred_records += len(inds) + len(tabs)

    level1: dict[str, CategoryScore] = defaultdict(CategoryScore)
    level2: dict[str, CategoryScore] = defaultdict(CategoryScore)
    errors = report.errors

    for doc in sorted(gold_docs):
        g_inds, g_tabs = gold_docs[doc]
        p_inds, p_tabs = pred_docs.get(doc, ([], []))
        ds = DocScore()
        report.per_doc[doc] = ds

        # -- indicators
        pairs, miss, spur = _match(g_inds, p_inds, _name_key, _INDICATOR_STAGES, _line_of)
        triple_tp = 0
        for i, j in pairs:
            g, p = g_inds[i], p_inds[j]
            if _triple_equal(g, p):
                triple_tp += 1
            for f in FIELDS:
                fs = report.field_accuracy[f]
                fs.total += 1
                if _field_equal(f, g.get(f), p.get(f)):
                    fs.correct += 1
                else:
                    errors.append(_error("field", "indicator", doc, g, field=f, gold=g.get(f), pred=p.get(f)))
            level1[_category(g, "level1")].matched_gold += 1
            level2[_category(g, "level2")].matched_gold += 1
            level1[_category(p, "level1")].matched_pred += 1
            level2[_category(p, "level2")].matched_pred += 1
        for g in g_inds:
            level1[_category(g, "level1")].n_gold += 1
            level2[_category(g, "level2")].n_gold += 1
        for p in p_inds:
            level1[_category(p, "level1")].n_pred += 1
            level2[_category(p, "level2")].n_pred += 1
        errors.extend(_error("missed", "indicator", doc, g_inds[i]) for i in miss)
        errors.extend(_error("spurious", "indicator", doc, p_inds[j]) for j in spur)

        matched_g = {i for i, _ in pairs}
        for i, g in enumerate(g_inds):
            if _spans_lines(g):
                report.linking_total += 1
                report.linking_matched += i in matched_g

        ds.name = Score(len(pairs), len(g_inds), len(p_inds))
        ds.triple = Score(triple_tp, len(g_inds), len(p_inds))

        # -- tables
        t_pairs, t_miss, t_spur = _match(g_tabs, p_tabs, _project_key, _TABLE_STAGES, _table_of)
        for i, j in t_pairs:
            g, p = g_tabs[i], p_tabs[j]
            for f in TABLE_FIELDS:
                fs = report.table_field_accuracy[f]
                fs.total += 1
                if _field_equal(f, g.get(f), p.get(f)):
                    fs.correct += 1
                else:
                    errors.append(_error("field", "table", doc, g, field=f, gold=g.get(f), pred=p.get(f)))
        errors.extend(_error("missed", "table", doc, g_tabs[i]) for i in t_miss)
        errors.extend(_error("spurious", "table", doc, p_tabs[j]) for j in t_spur)
        ds.table = Score(len(t_pairs), len(g_tabs), len(p_tabs))

        report.name.add(ds.name)
        report.triple.add(ds.triple)
        report.table.add(ds.table)

    errors.sort(key=_error_order)
    report.per_level1 = dict(sorted(level1.items(), key=_category_order))
    report.per_level2 = dict(sorted(level2.items(), key=_category_order))
    return report


_TYPE_ORDER = {"missed": 0, "spurious": 1, "field": 2}
_FIELD_ORDER = {f: k for k, f in enumerate((*TABLE_FIELDS, *FIELDS))}


def _error_order(e: dict[str, Any]) -> tuple:
    """Errors read in document order: tables before their rows, then by line."""
    table = _int_or_none(e.get("table"))
    line = _int_or_none(e.get("line_start"))
    return (
        e["doc"],
        -1 if table is None else table,
        e["record"] != "table",
        _NO_LINE if line is None else line,
        _TYPE_ORDER[e["type"]],
        str(e.get("name") or ""),
        _FIELD_ORDER.get(e.get("field", ""), -1),
    )


def evaluate_paths(gold: str | Path, pred: str | Path) -> Report:
    """Load gold and prediction files (or directories of ``*.jsonl``) and evaluate them."""
    return evaluate(load_records(gold), load_records(pred))
