"""The trained line tagger: which fragment of a table region is what.

The rules' row builder decides, line by line, whether a fragment starts a new
indicator, continues a wrapped name or value, or is a category label, a note,
a weight … by hand-tuned scores.  :class:`LineTagger` learns the same decision
from labeled corpora: a linear-chain CRF (sklearn-crfsuite) over the sequence
of fragments of a region (the cells of each line, in reading order; one cell
per line in web-page layouts), whose features include the rules' own decision
for the fragment, so it starts from the rules and learns where they fail.

Labels (:data:`LABELS`)::

    NAME_B  starts an indicator name        NAME_I  continues a wrapped name
    VAL_B   starts a target value           VAL_I   continues a value (unit column …)
    ACT     actual value (self-evaluation)  WGT     weight / 分值   SCR  score / 得分
    CAT     a printed category label        MIX     name and value glued in one cell
    NOTE    说明 / 备注 / reason text       HDR     header or furniture    O  other

Gold labels come from gold records by matching each fragment to the fields of
the records whose line span covers it (:func:`gold_labels`), so any corpus in
the SCHEMA format trains it; no extra annotation is needed.
"""

from __future__ import annotations

import functools
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from .classify import label_prefix_len, parse_label
from .crf import CRFEstimator, NotFittedError
from .doc import Cell, Doc, Line, Row
from .evaluate import normalize_text
from .layout import Region, is_header_word, line_style, split_cells
from .rows import is_grade_start, no_indicator_name, tag_cell
from .values import value_likeness

LABELS = ("NAME_B", "NAME_I", "VAL_B", "VAL_I", "ACT", "WGT", "SCR", "CAT", "MIX", "NOTE", "HDR", "O")


@dataclass(slots=True)
class Segment:
    """One cell fragment of a region line, with what the rules made of it."""

    cell: Cell
    line: int  # 1-based line number in the Doc
    pos: int  # index among its line's fragments
    n_on_line: int
    gap: int  # blank lines between the previous fragment's line and this one (0: same line)
    rule: str  # the rules' role (NAME_B, NAME_I, VAL_B, VAL_I, ACT, NOTE) or "-"
    rule_row: int = -1  # index of the rules' row that used it, -1 if none

    @property
    def text(self) -> str:
        return self.cell.comp


@dataclass
class RegionSeq:
    """The fragments of one table region, ready for tagging."""

    doc: Doc
    table: int
    region: Region
    segments: list[Segment] = field(default_factory=list)
    layout: str = "space"
    name_width: float = 0.0
    col_roles: list[str] = field(default_factory=list)  # header role of each grid column
    _features: list[list[str]] | None = field(default=None, repr=False)


# --------------------------------------------------------------------------- sequences


def _rule_roles(rows: Sequence[Row]) -> dict[int, list[tuple[Cell, str, int]]]:
    """Rule cells by line: (cell, role, row index) for every part the rules placed."""
    by_line: dict[int, list[tuple[Cell, str, int]]] = {}
    for ri, r in enumerate(rows):
        for parts, first, rest in (
            (r.name_parts, "NAME_B", "NAME_I"),
            (r.value_parts, "VAL_B", "VAL_I"),
            (r.actual_parts, "ACT", "ACT"),
            (r.note_parts, "NOTE", "NOTE"),
        ):
            for k, c in enumerate(parts):
                part = (c, first if k == 0 else rest, ri)
                for ln in range(c.line, max(c.line, c.last_line) + 1):
                    by_line.setdefault(ln, []).append(part)
    return by_line


_NO_RULE = ("-", -1)
_NAME_ROLES = frozenset({"NAME_B", "NAME_I"})


def _match_parts(cells: list[Cell], placed: list[tuple[Cell, str, int]]) -> list[tuple[str, int]]:
    """What the rules made of each fragment of a line: (role, row) or ("-", -1).

    The rules' cells need not be the line's fragments (columns cut by position,
    paragraphs joined, glued cells split), so they are matched by text: equal texts
    one to one in order first, then a fragment inside a rule cell no fragment equals
    (a cell joined from several lines or fragments), then a rule cell inside a fragment.
    """
    out: list[tuple[str, int]] = [_NO_RULE] * len(cells)
    if not placed:  # most lines of a region: nothing of the rules' there
        return out
    used: set[int] = set()
    for k, c in enumerate(cells):
        for j, (rc, role, ri) in enumerate(placed):
            if j not in used and rc.comp == c.comp:
                out[k] = (role, ri)
                used.add(j)
                break
    for k, c in enumerate(cells):
        if out[k][1] >= 0 or not c.comp:
            continue
        for j, (rc, role, ri) in enumerate(placed):
            if j not in used and c.comp in rc.comp:
                out[k] = (role, ri)
                break
        else:
            for j, (rc, role, ri) in enumerate(placed):
                if j not in used and rc.comp and rc.comp in c.comp:
                    out[k] = (role, ri)
                    used.add(j)
                    break
    return out


def region_sequence(doc: Doc, table_index: int) -> RegionSeq:
    """The fragment sequence of a table region, labelled with the rules' roles.

    Expects ``doc`` to have been through the rules' ``rows`` step (``doc.tables``
    and ``doc.regions`` aligned), so each fragment knows what the rules made of it.
    """
    table = doc.tables[table_index]
    reg = doc.regions[table_index]
    body: list[Line] = doc.lines[reg.body if reg.body is not None else reg.start : reg.end]
    roles = _rule_roles(table.rows)
    seq = RegionSeq(doc=doc, table=table_index, region=reg)
    segments = seq.segments
    styles: dict[str, int] = {}
    last_line = 0
    widths: list[float] = []
    for ln in body:
        if not ln.text.strip():
            continue
        cells = split_cells(ln)
        if not cells:
            continue
        st = line_style(ln.text)
        styles[st] = styles.get(st, 0) + 1
        no = ln.no
        gap = (no - last_line - 1) if last_line else 0
        n_on = len(cells)
        assigned = _match_parts(cells, roles.get(no, []))
        for k, (c, (rule, rrow)) in enumerate(zip(cells, assigned, strict=True)):
            segments.append(Segment(c, no, k, n_on, gap if k == 0 else 0, rule, rrow))
            if rule in _NAME_ROLES:
                widths.append(c.width)
        last_line = no
    seq.layout = max(styles, key=lambda s: styles[s]) if styles else "space"
    seq.col_roles = [_header_role(h) for h in reg.header_cells]
    seq.name_width = max(widths) if widths else 0.0
    return seq


def doc_sequences(doc: Doc) -> list[RegionSeq]:
    return [region_sequence(doc, i) for i in range(len(doc.tables))]


# --------------------------------------------------------------------------- features


@functools.lru_cache(maxsize=1024)
def _header_role(h: str) -> str:
    """The role a column header names (cached: a corpus prints few distinct headers)."""
    from .rows import _HEADER_ROLES

    for rx, role in _HEADER_ROLES:
        if rx.match(h):
            return str(role)
    return "other"


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isdigit():
        return "dig"
    if ch.isascii() and ch.isalpha():
        return "lat"
    if ch in "≥≤=<>~≈":
        return "cmp"
    if ch in "%‰":
        return "pct"
    return "pun"


_WORDS = ("率", "数", "度", "量", "性", "额", "费", "标准", "时间", "完成", "按", "以", "根据", "为准", "计算", "统计")

_NEIGHBOURS = (-2, -1, 1, 2)
_CMP_CHARS = frozenset("≥≤=<>")
_WORD_ATTRS = {w: "w=" + w for w in _WORDS}


@functools.lru_cache(maxsize=32768)
def _text_features(t: str) -> tuple[tuple[str, ...], ...]:
    """A fragment text's own features (CRFsuite attribute strings), then the few it
    contributes as the neighbour -2, -1, +1, +2 away.

    Cached per text (texts repeat across fragments and documents), neighbour tuples
    prefixed once here rather than per fragment; the strings are interned or shared,
    as entries repeat few distinct ones, so the cache stays small.
    """
    n = len(t)
    vl = value_likeness(t) if t else 0.0
    lp = label_prefix_len(t)
    l1, l2 = parse_label(t) if lp else (None, None)
    f = [
        "tag=" + (tag_cell(t) if t else "EMPTY"),
        f"len={n if n < 12 else 12 + min((n - 12) // 6, 4)}",
        f"vl={round(vl, 1)}",
        "first=" + t[:1],
        "last=" + t[-1:],
        "first2=" + t[:2],
        "last2=" + t[-2:],
        "fcls=" + _char_class(t[:1]),
        "lcls=" + _char_class(t[-1:]),
        "label=" + ("full" if lp and lp == n else ("prefix" if lp else "no")),
        "label_l1=" + (l1 or ""),
        "label_l2=" + (l2 or ""),
    ]
    if is_header_word(t):
        f.append("hdr")
    if any(map(str.isdigit, t)):
        f.append("has_digit")
    if not _CMP_CHARS.isdisjoint(t):
        f.append("has_cmp")
    if ":" in t or "：" in t:
        f.append("has_colon")
    if "(" in t or "（" in t:
        f.append("has_paren")
    if t.endswith("指标"):
        f.append("zhibiao_end")
    f += [_WORD_ATTRS[w] for w in _WORDS if w in t]
    st = tuple(map(sys.intern, f))
    # A neighbour contributes its tag=, vl=, last=, label= (one away) or tag=, label=
    # (two away): items 0, 2, 4, 9 of ``st``, in that order.
    tag, vls, last, label = st[0], st[2], st[4], st[9]
    m2, m1, p1, p2 = (_NB_TEXT[d] for d in _NEIGHBOURS)
    return (
        st,
        (m2[tag], m2[label]),
        (m1[tag], m1[vls], m1[last], m1[label]),
        (p1[tag], p1[vls], p1[last], p1[label]),
        (p2[tag], p2[label]),
    )


class _Attr(dict[Any, str]):
    """One attribute family's strings by value (``prefix + str(value)``), each formatted once."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, v: Any) -> str:
        s = self[v] = f"{self.prefix}{v}"
        return s


_RULE = _Attr("rule=")
_POS = _Attr("pos=")
_N_ON_LINE = _Attr("n_on_line=")
_GAP = _Attr("gap=")
_COL = _Attr("col=")
_HROLE = _Attr("hrole=")
_WIDE = _Attr("wide=")  # by the rounded width ratio (a float: its str() is the f-string's)
_NB_RULE = {d: _Attr(f"{d}:rule=") for d in _NEIGHBOURS}
_NB_TEXT = {d: _Attr(f"{d}:") for d in _NEIGHBOURS}  # by the neighbour's own attribute string


class _Pair(dict[str, _Attr]):
    """``prefix + a + "|" + b`` by ``[a][b]``: a two-part attribute family, each string formatted once."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, a: str) -> _Attr:
        d = self[a] = _Attr(f"{self.prefix}{a}|")
        return d


_RULE_TAG = _Pair("rule|tag=")
_RULE_POS = _Pair("rule|pos=")
_HROLE_TAG = _Pair("hrole|tag=")
# Per neighbour: index, offset, then its "edge", "same_line" and "same_row" attributes
# (only the adjacent ones say whether they are in the same rules row).
_NB_SPEC = tuple(
    (k, d, f"{d}:edge", f"{d}:same_line", f"{d}:same_row" if d in (-1, 1) else "")
    for k, d in enumerate(_NEIGHBOURS)
)


def _sequence_features(seq: RegionSeq) -> list[list[str]]:
    """Every fragment's attribute strings, in a fixed order (the order CRFsuite sums weights in).

    Per fragment: its text's features, the table's, its place and the rules' role,
    then for each neighbour -2, -1, +1, +2 that neighbour's text features and role
    (or ``edge``).  Text parts come from :func:`_text_features`, the rest from
    per-value string tables, so little is formatted per fragment.
    """
    segs = seq.segments
    n = len(segs)
    table = ("bias", "layout=" + seq.layout, *("table_has_" + r for r in sorted(set(seq.col_roles))))
    tfs = [_text_features(s.cell.comp) for s in segs]
    rules = [s.rule for s in segs]
    lines = [s.line for s in segs]
    rows = [s.rule_row for s in segs]
    nb_rules = [[_NB_RULE[d][r] for r in rules] for d in _NEIGHBOURS]
    name_width = seq.name_width
    grid = seq.layout != "space"
    col_roles = seq.col_roles
    out: list[list[str]] = []
    for i, s in enumerate(segs):
        rule = rules[i]
        st = tfs[i][0]
        tag = st[0][4:]
        pos = s.pos
        n_on = s.n_on_line
        col = s.cell.col
        f = [*st, *table, _RULE[rule], _POS[pos if pos < 6 else 6]]
        if pos == n_on - 1:
            f.append("pos_last")
        f.append(_N_ON_LINE[n_on if n_on < 8 else 8])
        f.append(_GAP[s.gap if s.gap < 3 else 3])
        f.append(_COL[col if col < 12 else 12])
        if name_width > 0:
            f.append(_WIDE[round(min(s.cell.width / name_width, 1.5), 1)])
        f.append(_RULE_TAG[rule][tag])
        f.append(_RULE_POS[rule][pos if pos < 4 else 4])
        if col >= 0 and grid:
            hrole = col_roles[col] if col < len(col_roles) else "beyond"
            f.append(_HROLE[hrole])
            f.append(_HROLE_TAG[hrole][tag])
        line = lines[i]
        row = rows[i]
        for k, d, edge, same_line, same_row in _NB_SPEC:
            j = i + d
            if 0 <= j < n:
                f += tfs[j][k + 1]
                f.append(nb_rules[k][j])
                if lines[j] == line:
                    f.append(same_line)
                if same_row and row >= 0 and rows[j] == row:
                    f.append(same_row)
            else:
                f.append(edge)
        out.append(f)
    return out


def sequence_features(seq: RegionSeq) -> list[list[str]]:
    """CRF features of every fragment (computed once per sequence: they depend on no model)."""
    if seq._features is None:
        seq._features = _sequence_features(seq)
    return seq._features


# --------------------------------------------------------------------------- gold labels


@functools.lru_cache(maxsize=65536)
def _key(s: str) -> str:
    return normalize_text(s)


def _num_text(x: Any) -> set[str]:
    if x is None:
        return set()
    try:
        v = float(x)
    except (TypeError, ValueError):
        return set()
    out = {str(x), f"{v:g}"}
    if v == int(v):
        out.add(str(int(v)))
    return {_key(o) for o in out}


def _align(field: str, idxs: list[int], texts: list[str], claimed: dict[int, str]) -> list[int] | None:
    """Fragments (in order, unclaimed) whose concatenation spells ``field`` exactly."""
    for k0, i0 in enumerate(idxs):
        if i0 in claimed or not texts[i0] or not field.startswith(texts[i0]):
            continue
        got = [i0]
        ptr = len(texts[i0])
        for i in idxs[k0 + 1 :]:
            if ptr >= len(field):
                break
            t = texts[i]
            if i not in claimed and t and field.startswith(t, ptr):
                got.append(i)
                ptr += len(t)
        if ptr == len(field):
            return got
    return None


def gold_labels(seq: RegionSeq, records: Sequence[dict[str, Any]]) -> list[str]:
    """Label each fragment from the gold records whose line span covers it.

    Each record claims, within its line span, the fragments whose concatenation
    spells its name (NAME_B then NAME_I), its value (VAL_B, VAL_I), its actual
    value, weight and score; what is left is a category label, a header, a name
    and value glued in one cell (MIX), a note inside a row, or other.
    """
    doc = seq.doc
    n = len(seq.segments)
    texts = [_key(s.cell.disp) or _key(s.text) for s in seq.segments]
    src = [doc.source_line(s.line) for s in seq.segments]
    recs = [r for r in records if r.get("record") == "indicator" and r.get("line_start") is not None]
    recs.sort(key=lambda r: (int(r["line_start"]), int(r.get("line_end") or r["line_start"])))
    claimed: dict[int, str] = {}
    spans: list[tuple[int, int, str, str]] = []
    for r in recs:
        a = int(r["line_start"])
        b = int(r.get("line_end") or a)
        idxs = [i for i in range(n) if a <= src[i] <= b]
        name, val = _key(r.get("name") or ""), _key(r.get("value_text") or "")
        spans.append((a, b, name, val))
        got = _align(name, idxs, texts, claimed) if name else None
        if got:
            for k, i in enumerate(got):
                claimed[i] = "NAME_B" if k == 0 else "NAME_I"
        act = _key(r.get("actual_text") or "")
        for fld, first, rest in ((val, "VAL_B", "VAL_I"), (act, "ACT", "ACT")):
            got = _align(fld, idxs, texts, claimed) if fld else None
            if got:
                for k, i in enumerate(got):
                    claimed[i] = first if k == 0 else rest
        for nums, lab in ((_num_text(r.get("weight")), "WGT"), (_num_text(r.get("score")), "SCR")):
            for i in idxs:
                if i not in claimed and texts[i] in nums:
                    claimed[i] = lab
                    break
    out: list[str] = []
    for i in range(n):
        if i in claimed:
            out.append(claimed[i])
            continue
        t = texts[i]
        inside = [sp for sp in spans if sp[0] <= src[i] <= sp[1]]
        out.append(_label_rest(t, inside))
    return out


def _label_rest(t: str, inside: list[tuple[int, int, str, str]]) -> str:
    if not t:
        return "O"
    lp = label_prefix_len(t)
    if lp and lp == len(t):
        return "CAT"
    for _, _, name, val in inside:
        if name and name in t:
            return "MIX"
        if val and len(val) >= 2 and t.endswith(val):
            return "MIX"
    if is_header_word(t):
        return "HDR"
    if lp:
        return "CAT"
    return "NOTE" if inside else "O"


# --------------------------------------------------------------------------- estimator


class LineTagger(CRFEstimator):
    """CRF over the fragments of a table region (``fit``/``predict``, picklable).

    ``X`` is a list of :class:`RegionSeq` (from :func:`region_sequence`), ``y`` a
    list of label lists (:data:`LABELS`), one label per fragment.
    """

    def __init__(
        self, c1: float = 0.05, c2: float = 0.05, max_iterations: int = 150, hybrid_threshold: float = 0.7
    ) -> None:
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations
        self.hybrid_threshold = hybrid_threshold  # used by merge_rows in the hybrid engine

    def fit(self, X: Sequence[RegionSeq], y: Sequence[Sequence[str]]) -> LineTagger:
        self._fit_features([sequence_features(s) for s in X], y)
        return self

    def predict(self, X: Sequence[RegionSeq]) -> list[list[str]]:
        self._check()
        return [self._tag_features(sequence_features(s))[0] for s in X]

    def predict_marginals(self, X: Sequence[RegionSeq]) -> list[list[dict[str, float]]]:
        self._check()
        return [self._marginals_features(sequence_features(s)) for s in X]

    def tag(self, seq: RegionSeq) -> tuple[list[str], list[float]]:
        """Labels of one region and the marginal probability of each chosen label."""
        return self._tag_features(sequence_features(seq), marginals=True)


def training_sequences(docs: Iterable[tuple[Doc, list[dict[str, Any]]]]) -> tuple[list[RegionSeq], list[list[str]]]:
    """(X, y) for :class:`LineTagger` from rule-processed docs and their gold records."""
    X: list[RegionSeq] = []
    y: list[list[str]] = []
    for doc, gold in docs:
        for seq in doc_sequences(doc):
            if seq.segments:
                X.append(seq)
                y.append(gold_labels(seq, gold))
    return X, y


__all__ = ["LABELS", "LineTagger", "RegionSeq", "Segment", "region_sequence", "doc_sequences", "gold_labels", "training_sequences", "NotFittedError"]


# --------------------------------------------------------------------------- rows from labels


def _copy_row(r: Row) -> Row:
    """A rules row to put in the tagger's rows: its own part lists, the same cells."""
    return replace(
        r,
        name_parts=list(r.name_parts),
        value_parts=list(r.value_parts),
        actual_parts=list(r.actual_parts),
        note_parts=list(r.note_parts),
        lines=set(r.lines),
        parsed=dict(r.parsed),
    )


def assemble_rows(seq: RegionSeq, labels: Sequence[str], rule_rows: Sequence[Row] = ()) -> list[Row]:
    """Indicator rows read off a labelled fragment sequence, in order.

    ``NAME_B`` opens a row, ``NAME_I``/``VAL_*``/``ACT``/``WGT``/``SCR``/``NOTE``
    fill the open one, ``CAT`` sets the category of the rows that follow (and of
    an open row still waiting for its value: labels centred on wrapped rows).  A
    ``MIX`` fragment (name and value in one cell) takes the rules' split of it.
    """
    return [r for r, _ in _assemble(seq, labels, rule_rows)]


def _assemble(seq: RegionSeq, labels: Sequence[str], rule_rows: Sequence[Row]) -> list[tuple[Row, set[int]]]:
    from .classify import LEVEL1_OF
    from .values import parse_number

    rows: list[tuple[Row, set[int]]] = []
    cur: Row | None = None
    members: set[int] = set()
    l1: str | None = None
    l2: str | None = None
    used_rule_rows: set[int] = set()

    def open_row() -> tuple[Row, set[int]]:
        r = Row(level1_written=l1, level2_written=l2, level1=l1, level2=l2)
        rows.append((r, set()))
        return rows[-1]

    copied: set[int] = set()  # fragments already inside a row copied from the rules (MIX)
    by_rule_row: dict[int, set[int]] | None = None  # fragments by rules row, built at the first MIX
    for i, (s, lab) in enumerate(zip(seq.segments, labels, strict=True)):
        c = s.cell
        if i in copied:
            continue
        if lab == "CAT":
            a, b = parse_label(s.text)
            if b is not None:
                l1, l2 = LEVEL1_OF.get(b, a), b
            elif a is not None:
                l1, l2 = a, ("服务对象满意度" if a == "满意度" else None)
            if cur is not None and not cur.value_parts and (a or b):
                if b is not None or cur.level1 is None:
                    cur.level1, cur.level2 = l1, l2
            continue
        if lab == "MIX":
            # Name and value glued in one cell: the rules' split of it, where the rules
            # started a row with this very fragment.
            if s.rule == "NAME_B" and 0 <= s.rule_row < len(rule_rows) and s.rule_row not in used_rule_rows:
                used_rule_rows.add(s.rule_row)
                cur = _copy_row(rule_rows[s.rule_row])
                if cur.level1 is None and cur.level2 is None:
                    cur.level1, cur.level2 = l1, l2
                if by_rule_row is None:
                    by_rule_row = {}
                    for j, o in enumerate(seq.segments):
                        by_rule_row.setdefault(o.rule_row, set()).add(j)
                members = set(by_rule_row[s.rule_row])
                copied |= members
                rows.append((cur, members))
            continue
        if lab == "NAME_B" or (lab == "NAME_I" and cur is None):
            cur, members = open_row()
            cur.name_parts.append(c)
        elif cur is None:
            continue
        elif lab == "NAME_I":
            cur.name_parts.append(c)
        elif lab in ("VAL_B", "VAL_I"):
            cur.value_parts.append(c)
        elif lab == "ACT":
            cur.actual_parts.append(c)
        elif lab == "WGT":
            cur.weight = parse_number(s.text)
        elif lab == "SCR":
            cur.score = parse_number(s.text)
        elif lab == "NOTE":
            cur.note_parts.append(c)
            continue
        else:
            continue
        members.add(i)
        cur.touch(c)
    return [(r, m) for r, m in rows if r.name_parts]


_CORE = frozenset({"NAME_B", "NAME_I", "VAL_B", "VAL_I", "ACT"})
_CORE_MIX = _CORE | {"MIX"}
_FIELD = {"NAME_B": "N", "NAME_I": "N", "VAL_B": "V", "VAL_I": "V", "ACT": "A", "MIX": "N"}  # field a part starts in
_UNUSED = frozenset({"CAT", "HDR", "O", "NOTE", "WGT", "SCR"})  # labels of fragments no row part holds


def _agrees(label: str, rule: str) -> bool:
    """Does a tagger label say what the rules did with the fragment?"""
    if rule == "-":
        return label in _UNUSED
    if rule == "NOTE":
        return label in ("NOTE", "O")
    return label == rule


def merge_rows(
    seq: RegionSeq, labels: Sequence[str], probs: Sequence[float], rule_rows: Sequence[Row], threshold: float = 0.9
) -> list[Row]:
    """The hybrid engine's rows: the rules' rows, except where the tagger is sure they are wrong.

    Rules rows and tagger rows that share a fragment form a group.  Where the
    tagger labels every fragment of the group as the rules used it, or both put the
    same fragments in the same fields of the same rows, the rules' rows stay (they
    carry the rules' finer parse).  Otherwise the tagger's rows replace the rules'
    only if every fragment of the group was labelled with marginal probability
    ``>= threshold`` and the re-cut leaves no more rows without a value.
    """
    crf = _assemble(seq, labels, rule_rows)
    segments = seq.segments
    n_r = len(rule_rows)
    rule_sets: list[set[int]] = [set() for _ in rule_rows]
    for i, s in enumerate(segments):
        if 0 <= s.rule_row < n_r and s.rule in _CORE:
            rule_sets[s.rule_row].add(i)
    crf_sets = [{i for i in m if labels[i] in _CORE_MIX} for _, m in crf]
    # Union-find over rows: rules row k is node k, tagger row k node n_r + k; joined when
    # they share a fragment.  Groups come out in the order of their first node.
    parent = list(range(n_r + len(crf_sets)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for node, st in enumerate((*rule_sets, *crf_sets)):
        for i in st:
            o = owner.get(i)
            if o is None:
                owner[i] = node
            else:
                parent[find(node)] = find(o)
    groups: dict[int, list[int]] = {}
    for x in range(len(parent)):
        groups.setdefault(find(x), []).append(x)
    seg_lines = [s.line for s in segments]  # non-decreasing: fragments are in line order
    chosen: list[tuple[int, Row]] = []
    for members in groups.values():
        rk = [x for x in members if x < n_r]  # members are ascending
        ck = [x - n_r for x in members if x >= n_r]
        segs = set().union(*(rule_sets[k] for k in rk), *(crf_sets[k] for k in ck))
        # The rules' cut stands where the tagger labels every fragment as the rules used it
        # (the assembler reads labels in order, so a value printed above its name would
        # otherwise look like a different cut).
        keep = all(_agrees(labels[i], segments[i].rule) for i in segs) or (
            sorted(sorted((i, _FIELD[segments[i].rule]) for i in rule_sets[k]) for k in rk)
            == sorted(sorted((i, _FIELD.get(labels[i], "M")) for i in crf_sets[k]) for k in ck)
        )
        if not keep:
            sure = bool(segs) and min(probs[i] for i in segs) >= threshold
            # A re-cut that leaves more rows without a value than the rules did is a
            # fragment gone astray (a value taken for a weight, a name cut before its end).
            bare_r = sum(not rule_rows[k].value_parts for k in rk)
            bare_c = sum(not crf[k][0].value_parts for k in ck)
            keep = (
                not sure
                or bare_c > bare_r
                or _value_head_dropped(segments, labels, rule_sets, rk)
                or _grade_dropped(segments, labels, segs)
                or any(_implausible_name(crf[k][0].name_text) for k in ck)
            )
        if keep:
            for k in rk:
                rs, row = rule_sets[k], rule_rows[k]
                # A rules row that owns no fragment (an outline item …) goes before the
                # first fragment on or after its first line.
                chosen.append((min(rs) if rs else bisect_left(seg_lines, min(row.lines, default=0)), row))
        else:
            for k in ck:
                chosen.append((min(crf_sets[k], default=10**9), crf[k][0]))
    chosen.sort(key=lambda kv: kv[0])
    return [r for _, r in chosen]


_GRADE_IN_NAME_RE = regex.compile(r"(?:部分|未|全部)?达成年度")


def _implausible_name(name: str) -> bool:
    """A re-cut's name no indicator has (:func:`goalnlp.rows.no_indicator_name`: a figure such
    as ``100%以内``, a header cell …) or a name run on into the self-evaluation grade after it
    (``…检查次数部分达成年度``)."""
    return bool(name) and (no_indicator_name(name) or bool(_GRADE_IN_NAME_RE.search(name)))


def _grade_dropped(segments: Sequence[Segment], labels: Sequence[str], segs: set[int]) -> bool:
    """Whether the tagger takes a grade the rules read as an actual value ("部分达成年度指…")
    for a note: a grade is a self-evaluation's actual value wherever it is printed."""
    return any(
        segments[i].rule == "ACT" and labels[i] in ("NOTE", "O") and is_grade_start(segments[i].cell.comp) for i in segs
    )


def _value_head_dropped(segments: Sequence[Segment], labels: Sequence[str], rule_sets: list[set[int]], rk: list[int]) -> bool:
    """Whether the tagger drops the first fragment of a rules row's target (as a note)
    while it keeps the target's later fragments: a value would start in the middle of its
    cell (``危桥改造数量为`` / ``12座`` → ``12座``), so the rules' cut stands."""
    for k in rk:
        idx = sorted(rule_sets[k])
        for n, i in enumerate(idx):
            if segments[i].rule != "VAL_B" or labels[i] not in ("NOTE", "O"):
                continue
            if any(segments[j].rule == "VAL_I" and labels[j] == "VAL_I" for j in idx[n + 1 :]):
                return True
    return False


# --------------------------------------------------------------------------- shipped model

LINE_MODEL_FILE = "line_tagger.crfsuite"


def default_models_dir() -> Path:
    """The shipped models: the repository's ``models/`` folder, installed as ``goalnlp.models``."""
    from importlib.resources import files

    return Path(str(files("goalnlp.models")))


@functools.lru_cache(maxsize=4)
def load_line_tagger(models_dir: str | None = None) -> LineTagger:
    """The line tagger in ``models_dir`` (the shipped one where it has none), loaded once per process."""
    p = Path(models_dir or default_models_dir()) / LINE_MODEL_FILE
    return LineTagger.load(p if p.is_file() else default_models_dir() / LINE_MODEL_FILE)
