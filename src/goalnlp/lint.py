"""Checking extracted targets against the rules of budget performance management.

The Ministry of Finance's guidance on performance targets (财预〔2021〕101号) and common
practice ask that targets be complete (every table with 产出, 效益 and 满意度 indicators),
measurable (a quantity with comparator, number and unit), pointed the right way (costs
capped, rates and satisfaction floored), plausible (a percentage above 100 only for
growth), in a unit fitting their category, within the money the project has, and, in
self-evaluations, scored consistently.  Each rule has a stable code, a severity and a
one-line message; :func:`lint` returns the :class:`Finding` list for a set of SCHEMA
records (a JSONL file, or a database via :meth:`goalnlp.db.Store.iter_records`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import regex

from .classify import LEVEL1_OF

#: code → (severity, what the rule checks).
RULES: dict[str, tuple[str, str]] = {
    "L001": ("error", "level2 filed under another level1 than its own"),
    "L002": ("warning", "table without 产出, 效益 or 满意度 indicators"),
    "L003": ("warning", "quantity target without a number or a unit"),
    "L004": ("warning", "cost target with a lower bound (costs are capped: ≤)"),
    "L005": ("warning", "rate or satisfaction target with an upper bound (≥ or =)"),
    "L006": ("warning", "count (数量) target with an upper bound"),
    "L007": ("error", "percentage above 100 (not a growth rate)"),
    "L008": ("warning", "unit does not fit the level2"),
    "L009": ("error", "cost targets exceed the table's funds"),
    "L010": ("warning", "weights do not add up to the table's total"),
    "L011": ("error", "score above the weight"),
    "L012": ("warning", "score inconsistent with actual vs target"),
    "L013": ("info", "quantity target without a comparator (a bare number)"),
}
SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """One problem found: its rule, and the record it concerns."""

    code: str
    severity: str
    message: str
    doc: str | None
    table: int | None
    name: str | None = None
    value_text: str | None = None
    line_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# "万" alone under 成本 is 万元 ("≤30万").
_MONEY_UNITS = {"元": 1e-4, "万元": 1.0, "万": 1.0, "亿元": 1e4, "千元": 1e-1}
_GROWTH_RE = regex.compile(r"增长|增幅|增速|增加|提高|提升|上升|同比|环比|超额|超过")
_NEGATIVE_RE = regex.compile(
    r"差错|错误|失误|投诉|事故|违规|违纪|违法|损失|流失|超支|超标|不合格|不达标|发生率|死亡|伤亡|返工|逾期|延误|闲置|"
    r"调整率|偏差|误差|退货|复发|辍学|失业|贫困发生|浪费|拖欠|上访|缺陷|空置|能耗|排放|污染|欠款"
)
_RATE_RE = regex.compile(r"(?:率|满意度|覆盖面|达标度|知晓度)$")
_TIME_UNITS = regex.compile(r"^(?:天|日|个?工作日|周|个?月|年|小时|分钟|秒|%|季度)")
_COUNT_BAD = {"%", "‰"}


def _money(r: dict[str, Any]) -> float | None:
    """A target in 万元 when its unit is a plain amount of money (not 元/人)."""
    unit, value = r.get("unit"), r.get("value")
    if value is None or unit not in _MONEY_UNITS:
        return None
    return float(value) * _MONEY_UNITS[unit]


def _finding(code: str, message: str, r: dict[str, Any] | None, doc: Any = None, table: Any = None) -> Finding:
    sev = RULES[code][0]
    if r is None:
        return Finding(code, sev, message, doc, table)
    return Finding(code, sev, message, r.get("doc"), r.get("table"), r.get("name"), r.get("value_text"), r.get("line_start"))


def lint(records: Iterable[dict[str, Any]]) -> list[Finding]:
    """Every finding for the records, table by table, in document order."""
    tables: dict[tuple[Any, Any], dict[str, Any]] = {}
    rows: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        key = (r.get("doc"), r.get("table"))
        if r.get("record") == "table":
            tables[key] = r
        elif r.get("record") == "indicator":
            rows[key].append(r)
    out: list[Finding] = []
    for key in list(dict.fromkeys([*tables, *rows])):
        out.extend(_lint_table(tables.get(key), rows.get(key, []), key))
    return out


def _lint_table(table: dict[str, Any] | None, inds: list[dict[str, Any]], key: tuple[Any, Any]) -> list[Finding]:
    out: list[Finding] = []
    for r in inds:
        out.extend(_lint_row(r))
    if not inds:
        return out
    present = {r.get("level1") for r in inds}
    missing = [l1 for l1 in ("产出", "效益", "满意度") if l1 not in present]
    if missing:
        out.append(_finding("L002", f"no {'、'.join(missing)} indicators in this table", None, *key))
    funds = (table or {}).get("funds_total")
    costs = [(r, m) for r in inds if r.get("level2") == "成本" and r.get("comparator") in ("<=", "<", "=", None) and (m := _money(r)) is not None]
    if funds and costs:
        total = sum(m for _, m in costs)
        over = [r for r, m in costs if m > funds * 1.0001]
        for r in over:
            out.append(_finding("L009", f"cost target {r.get('value_text')} exceeds the project's funds of {funds:g}万元", r))
        if not over and total > funds * 1.0001:
            out.append(_finding("L009", f"cost targets add up to {total:g}万元, above the funds of {funds:g}万元", None, *key))
    weights = [float(r["weight"]) for r in inds if r.get("weight") is not None]
    if weights and len(weights) == len(inds):
        total_w = round(sum(weights), 2)
        allowed = {100.0, 90.0} if (table or {}).get("table_type") == "self_evaluation" else {100.0}
        if total_w not in allowed:
            want = " or ".join(f"{a:g}" for a in sorted(allowed, reverse=True))
            out.append(_finding("L010", f"indicator weights add up to {total_w:g}, not {want}", None, *key))
    return out


def _lint_row(r: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    l1, l2 = r.get("level1"), r.get("level2")
    name = r.get("name") or ""
    cmp_, unit, value, kind = r.get("comparator"), r.get("unit"), r.get("value"), r.get("kind")
    if l2 and l2 in LEVEL1_OF and l1 and LEVEL1_OF[l2] != l1:
        out.append(_finding("L001", f"{l2} belongs under {LEVEL1_OF[l2]}, not {l1}", r))
    if kind == "quantity":
        lacking = [what for what, v in (("number", value), ("unit", unit)) if v is None]
        if lacking:
            out.append(_finding("L003", f"quantity target {r.get('value_text')!r} has no {' and no '.join(lacking)}", r))
        elif cmp_ is None:
            out.append(_finding("L013", f"{r.get('value_text')!r}: at least, at most or exactly?", r))
    negative = bool(_NEGATIVE_RE.search(name))
    if l2 == "成本" and cmp_ in (">=", ">") and not negative and unit in _MONEY_UNITS:
        out.append(_finding("L004", f"cost target {r.get('value_text')} is a floor; a cost is capped (≤)", r))
    rate = l1 == "满意度" or unit in ("%", "‰") or bool(_RATE_RE.search(name))
    if rate and cmp_ in ("<=", "<") and not negative and l2 != "成本" and not _GROWTH_RE.search(name):
        out.append(_finding("L005", f"{name} {r.get('value_text')}: a rate or satisfaction is floored (≥ or =)", r))
    counting = bool(unit) and unit not in ("%", "‰") and "元" not in unit and not _TIME_UNITS.match(unit)
    if l2 == "数量" and cmp_ in ("<=", "<") and not negative and counting:
        out.append(_finding("L006", f"count target {r.get('value_text')} is capped; a count to deliver is a floor (≥)", r))
    if unit == "%" and value is not None and (value > 100 or (r.get("value_max") or 0) > 100) and not _GROWTH_RE.search(name):
        out.append(_finding("L007", f"{r.get('value_text')} is above 100%", r))
    if unit:
        if l2 == "成本" and unit not in _MONEY_UNITS and "元" not in unit and unit not in ("%", "‰"):
            out.append(_finding("L008", f"cost target in {unit!r}, not an amount of money (元/万元)", r))
        elif l2 == "时效" and kind != "date" and not _TIME_UNITS.match(unit):
            out.append(_finding("L008", f"time target in {unit!r}, not a date, a duration or %", r))
        elif l2 == "数量" and unit in _COUNT_BAD:
            out.append(_finding("L008", f"count target in {unit!r}: a rate belongs under 质量", r))
    w, s = r.get("weight"), r.get("score")
    if w is not None and s is not None:
        if s > w + 1e-9:
            out.append(_finding("L011", f"score {s:g} above the weight {w:g}", r))
        else:
            met = _met(r)
            if met is True and s < w - 1e-9:
                out.append(_finding("L012", f"actual {r.get('actual_text')} meets the target {r.get('value_text')} but scores {s:g} of {w:g}", r))
            elif met is False and s >= w - 1e-9:
                out.append(_finding("L012", f"actual {r.get('actual_text')} misses the target {r.get('value_text')} but scores full {w:g}", r))
    return out


def _met(r: dict[str, Any]) -> bool | None:
    """Whether the actual value meets the target, where both are numbers."""
    from .values import parse_value

    actual, target, cmp_ = r.get("actual_text"), r.get("value"), r.get("comparator")
    if not actual or target is None:
        return None
    a = parse_value(actual)
    if a.value is None or (a.unit or None) != (r.get("unit") or None):
        return None
    x, t = a.value, float(target)
    return {">=": x >= t, ">": x > t, "<=": x <= t, "<": x < t, "=": abs(x - t) < 1e-9}.get(cmp_ or "", None)


def summary(findings: list[Finding]) -> list[tuple[str, str, int, str]]:
    """(code, severity, count, rule) for every code found, by code."""
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f.code] += 1
    return [(code, RULES[code][0], n, RULES[code][1]) for code, n in sorted(counts.items())]
