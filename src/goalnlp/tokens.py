"""A trained token tagger: which characters of a rebuilt row are its name, target, actual, weight …

The row builder decides cell roles from cell shapes and column positions; where a
layout glues cells together (``产出指标数量指标培训人数≥500人``), prints an outline
(``指标1：培训人数（≥500人）``) or loses separators, the split between name and value
has to be read off the characters.  :class:`TokenTagger` does that with a linear-chain
CRF over the characters of one row string, labelled in BIO form with

========  =============================================================================
``L1``    a printed level-1 category label (``产出指标``, ``效果指标``, ``满意度(10分)``)
``L2``    a level-2 label (``数量指标``, ``社会效益``, ``服务对象满意度指标``)
``NAME``  the indicator's name (三级指标)
``CMP``   a comparator glyph or word (``≥``, ``不少于``, ``以上``, ``控制在``, ``左右``)
``NUM``   a number of the target
``UNIT``  its unit (``人次``, ``%``, ``万元/公里``)
``VAL``   the rest of the target: text targets, dates, range dashes (``有效保障``)
``ACT``   the actual value of a self-evaluation row (实际完成值)
``WGT``   the weight / 分值 / 权重
``SCR``   the score (得分)
``NOTE``  说明 / 备注 / 未完成原因 text
``O``     separators, row numbers, ``定性``, ``指标1：`` and other furniture
========  =============================================================================

Features per character: the character and its neighbours, bigrams, its class (Han,
digit, ASCII, punctuation, space, ``|``), its place in its jieba word, and the
outputs of the existing rules, so that the model learns when to trust them: the
quantity reader of :mod:`goalnlp.values` (comparator / number / unit / date spans),
:func:`goalnlp.classify.label_prefix_len` (category prefixes), :func:`goalnlp.rows.tag_cell`
on whitespace/``|`` cells, :func:`goalnlp.rows.split_glued`, and header keywords seen
earlier in the row (``实际完成：``, ``权重``).  Rows are expected pipeline-normalized
(Simplified script); full-width forms are folded for the features only, so the
returned text keeps the glyphs as written.  Decoding keeps category spans readable
labels and gives every row with a target a name (:func:`repair_labels`).

Training data (:func:`make_examples`, :func:`line_examples`) are rows rendered from
labeled records in many styles, and lines of the corpora whose text aligns with
exactly one gold record.  :func:`train` builds both, holds out whole documents and
reports span F1 and exact-row accuracy; ``python scripts/train_tokens.py`` writes the
shipped model ``models/token_tagger.crfsuite`` (see ``models/README.md``).
"""

from __future__ import annotations

import bisect
import functools
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from . import values as _values
from .category import jieba_cut as _jieba_cut
from .classify import _LEVEL1_WORDS, _LEVEL2_WORDS, LEVEL1_OF, _core, canonical, label_prefix_len, parse_label
from .crf import CRFEstimator
from .doc import Cell, Row
from .layout import compact, is_header_word, split_cells
from .normalize import fold, normalize_line
from .rows import split_glued, tag_cell

__all__ = [
    "FIELD_TYPES",
    "LineExample",
    "RowParse",
    "Span",
    "TokenTagger",
    "align_line",
    "build_examples",
    "default_model_path",
    "evaluate",
    "evaluate_lines",
    "fields_from_labels",
    "generated_records",
    "labels_to_spans",
    "line_examples",
    "load_corpus_docs",
    "load_default",
    "make_examples",
    "parse_row",
    "repair_labels",
    "row_features",
    "rules_split",
    "spans",
    "train",
]

FIELD_TYPES = ("L1", "L2", "NAME", "CMP", "NUM", "UNIT", "VAL", "ACT", "WGT", "SCR", "NOTE")
VALUE_TYPES = frozenset({"CMP", "NUM", "UNIT", "VAL"})

Example = tuple[str, list[str]]  # a row string and one BIO label per character


# =================================================================================================
# Features
# =================================================================================================

_CN_NUM_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")
_CMP_GLYPHS = frozenset("≥≤=<>~≈")


@functools.lru_cache(maxsize=4096)
def _cls(ch: str) -> str:
    """Character class of a folded character."""
    if ch.isspace():
        return "S"
    if ch == "|":
        return "B"
    if "0" <= ch <= "9":
        return "D"
    if ch in _CN_NUM_CHARS:
        return "N"
    if ch in _CMP_GLYPHS:
        return "C"
    if ch in "%‰":
        return "%"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isascii() and ch.isalpha():
        return "A"
    return "P"


def _shape(ch: str) -> str:
    """Digits vary, their place does not: every ASCII digit reads as ``0``."""
    return "0" if "0" <= ch <= "9" else ch


def _words(pattern: str) -> list[str]:
    """The Chinese words of an alternation pattern of :mod:`goalnlp.values` (its lexicon)."""
    return re.findall(r"[\u4e00-\u9fff]{2,}", pattern)


# Lexicons reused from the value reader, searched anywhere in the row (not anchored).
_CMP_WORD_RE = re.compile(_values._CMP_ALT)
_SUFFIX_WORD_RE = re.compile(r"以上|以下|以内|之内|左右|上下|之间|之前|以前|底前|前完成")
_RESULT_WORD_RE = re.compile(
    "|".join(
        sorted(
            set(_words(_values._RESULT_END_RE.pattern) + _words(_values._ADVERB_START_RE.pattern)),
            key=len,
            reverse=True,
        )
    )
)
_NOUN_WORD_RE = re.compile("|".join(sorted(set(_words(_values._NOUN_END_RE.pattern)), key=len, reverse=True)))
# Header words written inside a row (outline items, self-evaluation prose): the field that follows.
_KEYWORD_RE = re.compile(
    r"(?P<ACT>实际完成值|实际完成|全年实际值|实际值|完成值|完成情况)|(?P<WGT>权重|分值)|(?P<SCR>得分)"
    r"|(?P<NOTE>说明|备注|原因|偏差)|(?P<VAL>指标值|目标值)"
)
_CELL_RE = re.compile(r"[^\s|]+")
_FURNITURE_RE = re.compile(r"[(（]?[\d一二三四五六七八九十]{1,3}[.、．)）]?")  # a row number cell
_SPACE_BAR_RE = re.compile(r"[\s|]+")


def _bucket(n: int, top: int = 4) -> str:
    return str(n) if n < top else f"{top}+"


def _scan_quantities(t: str) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int]]]:
    """Quantities of ``t`` (no whitespace) as pieces ``(start, end, CMP|NUM|UNIT|RNG|SUF, k)``
    (``k``: the quantity's order) and the spans of date tokens, read by the rules of
    :mod:`goalnlp.values` (same number, unit, comparator and date patterns)."""
    if not t:
        return [], []
    _, dates = _values._scan_dates(t, None, False)
    pieces: list[tuple[int, int, str, int]] = []
    last = 0
    k = 0
    n = len(t)
    for m in _values._NUM_RE.finditer(t):
        s = m.start()
        if s < last or any(a <= s < b for a, b in dates):
            continue
        prev = t[s - 1] if s else ""
        if prev == "第" or (prev.isascii() and prev.isalpha()):
            continue
        q = _values._read_at(t, m)
        if q is None:
            continue
        end = q.end
        start = q.start
        if start and t[start] == "=" and t[start - 1] in "<>":  # ">=" written with two glyphs
            start -= 1
        if start < s:
            pieces.append((start, s, "CMP", k))
        pieces.append((s, m.end(), "NUM", k))
        pos = m.end()
        if pos < n and t[pos] in "余多" and pos < end:
            pieces.append((pos, pos + 1, "SUF", k))
            pos += 1
        if m.group("pct") is None:
            um = _values._UNIT_RE.match(t, pos)
            if um and pos < um.end() <= end:
                pieces.append((pos, um.end(), "UNIT", k))
                pos = um.end()
        rm = _values._RANGE_RE.match(t, pos)
        if rm and rm.end() <= end:
            b = rm.start("ar") if rm.group("ar") else rm.start("cn")
            pieces.append((pos, b, "RNG", k))
            pieces.append((b, rm.end(), "NUM", k))
            pos = rm.end()
            um = _values._UNIT_RE.match(t, pos)
            if um and pos < um.end() <= end:
                pieces.append((pos, um.end(), "UNIT", k))
                pos = um.end()
        if pos < end:
            pieces.append((pos, end, "SUF", k))
        last = end
        k += 1
    return pieces, dates


_SUFFIX_CMP_RE = re.compile(r"[及或]?(?:以上|以下|以内|之内|内|左右|上下)")


def _value_types(v: str) -> list[str]:
    """Per-character field types (CMP/NUM/UNIT/VAL) of a target value as written.

    Whitespace is typed like its neighbours; the reading is the value reader's, so a
    label never contradicts what :func:`goalnlp.values.parse_value` makes of the text."""
    comp, idx = _compact_map(fold(v))
    out = ["VAL"] * len(v)
    if not comp:
        return out
    ctypes = ["VAL"] * len(comp)
    if comp in _values._CMP_OF:
        ctypes = ["CMP"] * len(comp)
    else:
        pieces, _ = _scan_quantities(comp)
        for a, b, typ, _k in pieces:
            if typ == "SUF":
                typ = "CMP" if _SUFFIX_CMP_RE.fullmatch(comp[a:b]) else "VAL"
            elif typ == "RNG":
                typ = "VAL"
            for i in range(a, b):
                ctypes[i] = typ
    for j, i in enumerate(idx):
        out[i] = ctypes[j]
    # Whitespace inside one part belongs to it; between two parts it separates them.
    for i, ch in enumerate(v):
        if ch.isspace():
            left = next((out[j] for j in range(i - 1, -1, -1) if not v[j].isspace()), "O")
            right = next((out[j] for j in range(i + 1, len(v)) if not v[j].isspace()), "O")
            out[i] = left if left == right else "O"
    return out


def _compact_map(s: str) -> tuple[str, list[int]]:
    """``s`` without whitespace and the index in ``s`` of every kept character."""
    idx = [i for i, ch in enumerate(s) if not ch.isspace()]
    return "".join(s[i] for i in idx), idx


def _label_type(label: str, second: bool) -> str:
    """L1 or L2 for a written category label: level-1 words are L1 unless a label came first."""
    if second:
        return "L2"
    core = _core(label)
    return "L1" if _LEVEL1_WORDS.get(core) else "L2"


def _label_runs(s: str) -> list[tuple[int, int, str]]:
    """Category labels at the start of ``s`` (at most two, glued or not)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for k in range(2):
        n = label_prefix_len(s[pos:])
        if not n:
            break
        out.append((pos, pos + n, _label_type(s[pos : pos + n], k > 0)))
        pos += n
    return out


_ZERO_DIGITS = str.maketrans("123456789", "000000000")  # :func:`_shape` over a whole string


@functools.lru_cache(maxsize=64)
def _jpos_run(length: int) -> tuple[str, ...]:
    """``j=`` features of the characters of one jieba word of ``length`` (place + length bucket)."""
    wl = _bucket(length, 5)
    if length == 1:
        return ("j=S" + wl,)
    return ("j=B" + wl,) + ("j=M" + wl,) * (length - 2) + ("j=E" + wl,)


@functools.lru_cache(maxsize=8192)
def _label_prefix_len(s: str) -> int:
    """:func:`goalnlp.classify.label_prefix_len`, memoized: cells and row heads repeat."""
    return label_prefix_len(s)


def _fill(arr: list[str], a: int, b: int, value: str) -> None:
    """``arr[a:b] = value`` for every index (one slice assignment instead of a loop)."""
    arr[a:b] = [value] * (b - a)


def row_features(text: str) -> list[list[str]]:
    """CRF features of every character of one row string (see the module docstring).

    jieba runs once per string; the rule readers run once per cell or once on the row
    without separators, so the cost is linear in the row's length.  Per-character values
    are filled a word, cell or quantity piece at a time (slice assignments, attribute
    strings that are constant over a cell made once) and zipped into one list per
    character at the end, so little Python-level work is done per character; the
    attribute strings and their order per character are unchanged (the shipped model and
    ``goalnlp train`` depend on them).
    """
    t = fold(text)
    n = len(t)
    if n == 0:
        return []
    shp = list(t.translate(_ZERO_DIGITS))
    cls = list(map(_cls, t))

    # jieba words: position of the character in its word, the word, its neighbours.
    toks = _jieba_cut(t)
    jpos: list[str] = []
    w_feats: list[tuple[int, int, str]] = []  # (start, end, "w=<word shape>") of words of 2+
    wp_feats: list[tuple[int, str]] = []
    wn_feats: list[tuple[int, str]] = []
    a = 0
    last = len(toks) - 1
    for ti, w in enumerate(toks):
        L = len(w)
        jpos.extend(_jpos_run(L))
        if L > 1 and not w.isspace():
            w_feats.append((a, min(a + L, n), "w=" + w.translate(_ZERO_DIGITS)))
        if a < n:
            wp_feats.append((a, "wp=" + (toks[ti - 1] if ti else "^")))
        if a + L - 1 < n:
            wn_feats.append((a + L - 1, "wn=" + (toks[ti + 1] if ti < last else "$")))
        a += L
    if len(jpos) != n:  # words cover the row exactly; kept safe all the same
        del jpos[n:]
        jpos += ["j="] * (n - len(jpos))

    # Cells split on whitespace and "|": cell tag, index from start and end, labels at cell start.
    cells = [m.span() for m in _CELL_RE.finditer(t)]
    nc = len(cells)
    tags = [tag_cell(t[a:b]) for a, b in cells]
    f_ct = ["ct=S"] * n
    f_ci = ["ci=-"] * n
    f_ce = ["ce=-"] * n
    f_ctce = ["ct|ce=S-"] * n
    f_cr = ["cr=-"] * n
    f_crct = ["cr|ct=-S"] * n
    f_pn = ["pn=-S-"] * n
    cend = ["-"] * n
    cnext = ["-"] * n
    cs_feats: list[tuple[int, str]] = []
    rl = ["-"] * n
    labels_seen = 0
    rank = 0
    for ci, (a, b) in enumerate(cells):
        tag = tags[ci]
        i0, i1 = _bucket(ci, 6), _bucket(nc - 1 - ci, 6)
        pt = tags[ci - 1] if ci else "^"
        nt = tags[ci + 1] if ci + 1 < nc else "$"
        pos = 0
        while labels_seen < 3 and (k := _label_prefix_len(t[a + pos : b])):
            _fill(rl, a + pos, a + pos + k, _label_type(t[a + pos : a + pos + k], labels_seen > 0))
            pos += k
            labels_seen += 1
        # rank among content cells: category labels and row numbers do not count
        if pos == b - a:
            r = "L"
        elif rank == 0 and _FURNITURE_RE.fullmatch(t[a:b]):
            r = "F"
        else:
            r = _bucket(rank, 4)
            rank += 1
        gap = t[cells[ci - 1][1] : a] if ci else "^"
        sep = (
            "^"
            if not ci
            else ("P" if "|" in gap else ("T" if "\t" in gap else ("W1" if gap == " " else "W2")))
        )
        cs_feats.append((a, "cs=" + sep + r))
        _fill(f_ct, a, b, "ct=" + tag)
        _fill(f_ci, a, b, "ci=" + i0)
        _fill(f_ce, a, b, "ce=" + i1)
        _fill(f_ctce, a, b, "ct|ce=" + tag + i1)
        _fill(f_cr, a, b, "cr=" + r)
        _fill(f_crct, a, b, "cr|ct=" + r + tag)
        _fill(f_pn, a, b, "pn=" + pt + tag + nt)
        _fill(cend, a, b, i1)
        _fill(cnext, a, b, nt)

    # Rules on the row without separators (``comp``): quantities, dates, glued split, labels,
    # lexicons.  Cells are joined without separators (so ``≥ | 500 | 人`` reads as one
    # quantity), except that numbers of neighbouring cells (``≥95% | 10``) are kept apart by
    # a comma.  Values are written in comp's positions, then copied back cell by cell.
    parts: list[str] = []
    segs: list[tuple[int, int, int]] = []  # (start, end) of a cell in t, its start in comp
    m = 0
    for a, b in cells:
        if segs and cls[segs[-1][1] - 1] == "D" and cls[a] == "D":
            parts.append("，")
            m += 1
        segs.append((a, b, m))
        parts.append(t[a:b])
        m += b - a
    comp = "".join(parts)
    crv = ["-"] * m
    cqn = ["-"] * m
    cqa = ["-"] * m
    crg = ["-"] * m
    clex = ["-"] * m
    pieces, dates = _scan_quantities(comp)
    nq = (pieces[-1][3] + 1) if pieces else 0
    for a, b in dates:
        _fill(crv, a, b, "DATE")
    for a, b, typ, k in pieces:
        _fill(crv, a, b, typ)
        _fill(cqn, a, b, _bucket(k, 3))
        _fill(cqa, a, b, _bucket(nq - 1 - k, 3))
    if comp:
        pos = 0
        for row_no, row in enumerate(split_glued(Cell(text=comp, disp=comp, line=0))[:3]):
            ncell = len(row)
            for ci, c in enumerate(row):
                a = comp.find(c.text, pos)
                if a < 0:
                    continue
                role = (
                    "V" if ci == ncell - 1 and ncell > 1 else ("N" if ci == ncell - 2 or ncell == 1 else "L")
                )
                if role == "N" and _label_prefix_len(c.text) == len(c.text):
                    role = "L"
                _fill(crg, a, a + len(c.text), role + ("" if row_no == 0 else "2"))
                pos = a + len(c.text)
    for rx, name in (
        (_NOUN_WORD_RE, "n"),
        (_RESULT_WORD_RE, "r"),
        (_SUFFIX_WORD_RE, "s"),
        (_CMP_WORD_RE, "c"),
    ):
        for mt in rx.finditer(comp):
            _fill(clex, mt.start(), mt.end(), name)
    rv = ["-"] * n
    qn = ["-"] * n
    qa = ["-"] * n
    rg = ["-"] * n
    lex = ["-"] * n
    for a, b, j in segs:
        e = j + b - a
        rv[a:b] = crv[j:e]
        qn[a:b] = cqn[j:e]
        qa[a:b] = cqa[j:e]
        rg[a:b] = crg[j:e]
        lex[a:b] = clex[j:e]
    if comp:
        # labels read on the glued row mark characters no cell-start label marked
        starts = [j for _a, _b, j in segs]
        for x, y, typ in _label_runs(comp):
            for j in range(x, y):
                a, _b, j0 = segs[bisect.bisect_right(starts, j) - 1]
                if j - j0 < _b - a:  # not a comma between cells
                    i = a + j - j0
                    if rl[i] == "-":
                        rl[i] = typ + "g"
    kw = ["-"] * n
    state = "-"
    p = 0
    for mt in _KEYWORD_RE.finditer(t):
        _fill(kw, p, mt.end(), state)
        state = mt.lastgroup or "-"
        p = mt.end()
    _fill(kw, p, n, state)

    # One list per character, template by template; then the features only some characters have.
    sp = ["^", "^", *shp, "$", "$"]  # shapes with two characters of padding either side
    kp = ["^", *cls, "$"]
    rvp = ["^", *rv, "$"]
    nc_f = "nc=" + _bucket(nc, 6)
    feats = [
        [
            "b",
            "c=" + c0,
            "k=" + k0,
            "c-1=" + cm1,
            "c-2=" + cm2,
            "c+1=" + cp1,
            "c+2=" + cp2,
            "b-1=" + cm1 + c0,
            "b+1=" + c0 + cp1,
            "t-1=" + cm2 + cm1 + c0,
            "t+1=" + c0 + cp1 + cp2,
            "kk=" + km1 + k0 + kp1,
            j0,
            ct0,
            ci0,
            ce0,
            ctce0,
            cr0,
            crct0,
            pn0,
            nc_f,
            "rv=" + rv0,
            "rv-1=" + rvm1,
            "rv+1=" + rvp1,
            "qn=" + qn0,
            "qa=" + qa0,
            "qn|qa|ce=" + qn0 + qa0 + cend0,
            "rl=" + rl0,
            "rg=" + rg0,
            "lx=" + lx0,
            "kw=" + kw0,
            "kw|rv=" + kw0 + rv0,
        ]
        for (
            cm2, cm1, c0, cp1, cp2, km1, k0, kp1, j0, ct0, ci0, ce0, ctce0, cr0, crct0, pn0,
            rvm1, rv0, rvp1, qn0, qa0, cend0, rl0, rg0, lx0, kw0,
        ) in zip(
            sp, sp[1:], shp, sp[3:], sp[4:], kp, cls, kp[2:], jpos, f_ct, f_ci, f_ce, f_ctce, f_cr, f_crct, f_pn,
            rvp, rv, rvp[2:], qn, qa, cend, rl, rg, lex, kw,
            strict=False,  # the padded lists run longer: zip stops at the row's end
        )
    ]
    for i, v in enumerate(rl):
        if v != "-":
            feats[i].append("rl|nt=" + v + cnext[i])
    for i, s in cs_feats:
        feats[i].append(s)
    for a, b, s in w_feats:
        for f in feats[a:b]:
            f.append(s)
    for i, s in wp_feats:
        feats[i].append(s)
    for i, s in wn_feats:
        feats[i].append(s)
    return feats


# =================================================================================================
# Decoded rows
# =================================================================================================


class Span(NamedTuple):
    """A labelled stretch of a row: ``text[start:end]`` is a ``label`` (L1, NAME, CMP …);
    ``prob`` is the lowest marginal probability of the chosen labels over its characters."""

    label: str
    start: int
    end: int
    prob: float


@dataclass
class RowParse:
    """The fields of one row as the tagger reads them (whitespace removed, glyphs as written).

    ``confidence`` is the lowest marginal probability of the chosen labels over the name and
    value characters (1.0 when the row has neither), ``mean_confidence`` their mean: a caller
    can fall back to the rules below a threshold.
    """

    level1_written: str | None = None
    level2_written: str | None = None
    name: str = ""
    value_text: str = ""
    actual_text: str | None = None
    weight: float | None = None
    score: float | None = None
    note: str | None = None
    confidence: float = 1.0
    mean_confidence: float = 1.0
    spans: list[Span] = field(default_factory=list)


def _types(labels: Sequence[str]) -> list[str]:
    return [lab[2:] if lab != "O" else "O" for lab in labels]


def labels_to_spans(text: str, labels: Sequence[str], probs: Sequence[float] | None = None) -> list[Span]:
    """Spans of a BIO sequence; an ``I-`` after another type starts a span (lenient decoding);
    whitespace at a span's edges is not part of it."""
    out: list[Span] = []
    n = len(labels)
    i = 0
    while i < n:
        lab = labels[i]
        if lab == "O":
            i += 1
            continue
        typ = lab[2:]
        inside = "I-" + typ
        j = i + 1
        while j < n and labels[j] == inside:
            j += 1
        a, b = i, j
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            p = min(probs[a:b]) if probs is not None else 1.0
            out.append(Span(typ, a, b, float(p)))
        i = j
    return out


def repair_labels(text: str, labels: list[str]) -> list[str]:
    """Make a predicted row consistent with two facts the model may miss.

    * A category span is a label :func:`goalnlp.classify.parse_label` reads; when the
      model runs it into the name (``目标设定绩效指标明确性``: ``目标设定`` + a name that
      begins with ``绩效指标``), the longest written label it starts with is kept and
      the rest joins the name that follows.
    * Every indicator row has a name: a row with a value but no name span takes the
      category-looking span right before the value as its name
      (``满意度 | 服务对象满意度 | 服务对象满意度 | 95%``).
    """
    sp = labels_to_spans(text, labels)
    out = list(labels)
    changed = False
    for k, s in enumerate(sp[:-1]):
        nxt = sp[k + 1]
        if s.label not in ("L1", "L2") or nxt.label != "NAME" or text[s.end : nxt.start].strip():
            continue
        seg = fold(text[s.start : s.end])
        if parse_label(seg) != (None, None):
            continue
        comp, idx = _compact_map(seg)
        n = label_prefix_len(comp)
        if 0 < n < len(comp):
            cut = s.start + idx[n]
            out[cut] = "B-NAME"
            for i in range(cut + 1, nxt.start + 1):
                out[i] = "I-NAME" if not text[i].isspace() or i > cut else out[i]
            changed = True
    if changed:  # else the spans are those just read
        sp = labels_to_spans(text, out)
    if sp and not any(s.label == "NAME" for s in sp):
        first_value = next((k for k, s in enumerate(sp) if s.label in VALUE_TYPES), None)
        if first_value and sp[first_value - 1].label in ("L1", "L2"):
            s = sp[first_value - 1]
            out[s.start] = "B-NAME"
            for i in range(s.start + 1, s.end):
                out[i] = "I-NAME"
    return out


def _num(s: str) -> float | None:
    return _values.parse_number(s) if s else None


def fields_from_labels(text: str, labels: Sequence[str], probs: Sequence[float] | None = None) -> RowParse:
    """A :class:`RowParse` from per-character BIO labels (and the marginals of those labels):
    the fields of a gold-labelled row, or of a prediction."""
    types = _types(labels)
    parts: dict[str, list[str]] = defaultdict(list)
    for ch, typ in zip(text, types, strict=True):
        if typ != "O" and not ch.isspace():
            parts["VALUE" if typ in VALUE_TYPES else typ].append(ch)
    sp = labels_to_spans(text, labels, probs)
    first: dict[str, str] = {}  # the first span of every label (weights, scores, labels)
    for span in sp:
        first.setdefault(span.label, "".join(text[span.start : span.end].split()))
    key = [
        i for i, typ in enumerate(types) if (typ == "NAME" or typ in VALUE_TYPES) and not text[i].isspace()
    ]
    if probs is not None and key:
        conf = min(probs[i] for i in key)
        mean = sum(probs[i] for i in key) / len(key)
    else:
        conf = mean = 1.0
    note = "".join(parts["NOTE"]) or None
    return RowParse(
        level1_written=first.get("L1"),
        level2_written=first.get("L2"),
        name="".join(parts["NAME"]),
        value_text="".join(parts["VALUE"]),
        actual_text="".join(parts["ACT"]) or None,
        weight=_num(first.get("WGT", "")),
        score=_num(first.get("SCR", "")),
        note=note,
        confidence=float(conf),
        mean_confidence=float(mean),
        spans=sp,
    )


# =================================================================================================
# The estimator
# =================================================================================================


_MEMO_SIZE = 8192  # rows whose reading a fitted tagger keeps (:meth:`TokenTagger._decoded`)


class _Decoded:
    """One row as a fitted tagger read it: the repaired labels, their marginals and, made on
    first use, the :class:`RowParse`.  Shared by the memo, so callers get copies."""

    __slots__ = ("_parse", "labels", "probs", "text")

    def __init__(self, text: str, labels: tuple[str, ...], probs: tuple[float, ...]) -> None:
        self.text = text
        self.labels = labels
        self.probs = probs
        self._parse: RowParse | None = None

    def parse(self) -> RowParse:
        """A fresh :class:`RowParse` of the row (its span list too is the caller's own)."""
        if self._parse is None:
            self._parse = fields_from_labels(self.text, self.labels, self.probs)
        return replace(self._parse, spans=list(self._parse.spans))


class TokenTagger(CRFEstimator):
    """Character-level linear-chain CRF (CRFsuite, L-BFGS with elastic-net penalty) over rows.

    ``X`` is a sequence of row strings, ``y`` one BIO label per character of each.  L-BFGS
    uses no randomness, so the same data give the same model, byte for byte; no
    ``random_state`` is needed.  ``c1`` (L1) keeps the model small by zeroing most feature
    weights; ``c2`` (L2) smooths the rest.  Fitting uses sklearn-crfsuite; prediction opens
    the model bytes (``model_bytes_``) with pycrfsuite, so extraction does not import
    scikit-learn (see :mod:`goalnlp.crf`).  A fitted tagger is not safe to share between
    threads.
    """

    def __init__(self, c1: float = 0.05, c2: float = 0.01, max_iterations: int = 150) -> None:
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations

    @property
    def classes_(self) -> list[str]:
        """The BIO labels the fitted model knows."""
        return list(self._tagger().labels())

    def fit(self, X: Sequence[str], y: Sequence[Sequence[str]]) -> TokenTagger:
        """Fit on row strings and their per-character BIO labels."""
        rows = [str(x) for x in X]
        labels = [list(s) for s in y]
        if len(rows) != len(labels):
            raise ValueError(f"X has {len(rows)} rows, y has {len(labels)} label sequences")
        for x, lab in zip(rows, labels, strict=True):
            if len(x) != len(lab):
                raise ValueError(f"{len(lab)} labels for a row of {len(x)} characters: {x!r}")
        self._fit_features([row_features(x) for x in rows], labels)
        return self

    # -- prediction -------------------------------------------------------------------------------

    def _decoded(self, text: str) -> _Decoded:
        """The memoized reading of one non-empty row (see :class:`_Decoded`).

        Decoding is a pure function of the text and the model bytes, and the lines of
        a table recur across rows and documents (the same indicator in every year's
        budget), so the last :data:`_MEMO_SIZE` readings are kept, per model: the memo
        starts afresh whenever ``model_bytes_`` is another object (a new fit)."""
        memo = self.__dict__.get("_memo")
        if memo is None or memo[0] is not self.model_bytes_:
            memo = self._memo = (self.model_bytes_, functools.lru_cache(maxsize=_MEMO_SIZE)(self._decode_new))
        return memo[1](text)

    def _decode_new(self, text: str) -> _Decoded:
        """Tag one row with CRFsuite (what :meth:`_decoded` memoizes)."""
        tagger = self._tagger()
        tagger.set(row_features(text))
        labels = repair_labels(text, list(tagger.tag()))
        probs = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
        return _Decoded(text, tuple(labels), tuple(probs))

    def _decode(self, text: str) -> tuple[list[str], list[float]]:
        """Labels of one row (Viterbi, then :func:`repair_labels`) and each one's marginal."""
        self._check()
        if not text:
            return [], []
        d = self._decoded(text)
        return list(d.labels), list(d.probs)

    def predict(self, X: Sequence[str]) -> list[list[str]]:
        """BIO labels, one per character of every row."""
        return [self._decode(str(x))[0] for x in X]

    def predict_marginals(self, X: Sequence[str]) -> list[list[dict[str, float]]]:
        """Per character, the marginal probability of every label (as sklearn-crfsuite gives them)."""
        self._check()
        return [self._marginals_features(row_features(str(x))) for x in X]

    def spans(self, text: str) -> list[Span]:
        """Labelled spans of one row, ``(label, start, end, prob)``."""
        labels, probs = self._decode(text)
        return labels_to_spans(text, labels, probs)

    def parse_row(self, text: str) -> RowParse:
        """The fields of one row (see :class:`RowParse`)."""
        self._check()
        if not text:
            return fields_from_labels(text, [], [])
        return self._decoded(text).parse()

    def parse_rows(self, texts: Iterable[str]) -> list[RowParse]:
        return [self.parse_row(t) for t in texts]

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_memo", None)  # readings of the fitted model: rebuilt on demand
        return state

    # -- persistence ------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model: a ``.crfsuite`` path gets the CRFsuite file itself (portable, no
        pickle), any other a joblib pickle of the estimator."""
        self._check()
        path = Path(path)
        if path.suffix != ".crfsuite":
            return super().save(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.model_bytes_)
        return path

    @classmethod
    def load(cls, path: str | Path) -> TokenTagger:
        """Read a model written by :meth:`save`.  A ``.crfsuite`` file holds the weights only:
        the hyper-parameters of the returned object are the defaults."""
        path = Path(path)
        if path.suffix != ".crfsuite":
            return super().load(path)
        from .errors import GoalnlpError

        model = cls()
        model.model_bytes_ = path.read_bytes()
        try:
            model.labels_ = sorted(model._tagger().labels())
        except (OSError, ValueError) as e:
            raise GoalnlpError("E051", path=str(path), reason=str(e)) from e
        return model


MODEL_FILES = ("token_tagger.crfsuite", "token_tagger.joblib")


def default_model_path() -> Path:
    """The shipped model in ``models/`` (installed as ``goalnlp.models``):
    ``token_tagger.crfsuite``, else a pickled ``token_tagger.joblib`` (what ``goalnlp train``
    may write)."""
    from importlib.resources import files

    paths = [Path(str(files("goalnlp.models") / name)) for name in MODEL_FILES]
    return next((p for p in paths if p.exists()), paths[0])


@functools.lru_cache(maxsize=1)
def _default_model() -> TokenTagger:
    return TokenTagger.load(default_model_path())


def load_default() -> TokenTagger:
    """The shipped model, loaded once per process."""
    return _default_model()


def spans(text: str, model: TokenTagger | None = None) -> list[Span]:
    """Labelled spans of one row by ``model`` (default: the shipped one)."""
    return (model or load_default()).spans(text)


def parse_row(text: str, model: TokenTagger | None = None) -> RowParse:
    """The fields of one row by ``model`` (default: the shipped one)."""
    return (model or load_default()).parse_row(text)


# =================================================================================================
# Training data: rendered rows
# =================================================================================================


@dataclass
class _Rec:
    """What a rendered row needs of an indicator: written target parts and self-evaluation fields."""

    name: str
    sym: str
    body: str
    unit: str
    kind: str = "text"
    level1: str | None = None
    level2: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    note: str = ""

    @property
    def value(self) -> str:
        return self.sym + self.body + self.unit


_GLYPH_START_RE = re.compile(r"^(?:>=|<=|[≥≤=<>≧≦＝＞＜])")


def _parts(value_text: str) -> tuple[str, str, str]:
    """(comparator glyph, body, unit) of a target written ``≥500人``; ``("", value, "")`` otherwise."""
    v = "".join(value_text.split())
    m = _GLYPH_START_RE.match(v)
    sym = m.group() if m else ""
    rest = v[len(sym) :]
    if not rest:
        return sym, "", ""
    types = _value_types(rest)
    if types and types[0] == "NUM":
        k = 0
        while k < len(types) and types[k] == "NUM":
            k += 1
        if k < len(types) and all(t == "UNIT" for t in types[k:]):
            return sym, rest[:k], rest[k:]
        if k == len(types):
            return sym, rest, ""
    return sym, rest, ""


def _as_rec(x: Any) -> _Rec | None:
    """A record dict (SCHEMA indicator) or a :class:`goalnlp.simulate.IndicatorSpec` as a :class:`_Rec`."""
    if isinstance(x, Mapping):
        if x.get("record", "indicator") != "indicator" or not x.get("name"):
            return None
        sym, body, unit = _parts(str(x.get("value_text") or ""))
        actual = x.get("actual_text")
        return _Rec(
            name="".join(str(x["name"]).split()),
            sym=sym,
            body=body,
            unit=unit,
            kind=str(x.get("kind") or "text"),
            level1=x.get("level1"),
            level2=x.get("level2"),
            actual="".join(str(actual).split()) if actual else None,
            weight=None if x.get("weight") is None else float(x["weight"]),
            score=None if x.get("score") is None else float(x["score"]),
            note=str(x.get("note") or ""),
        )
    target = getattr(x, "target", None)
    if target is None:
        return None
    return _Rec(
        name="".join(x.name.split()),
        sym=target.sym,
        body=target.body,
        unit=target.unit_w,
        kind=target.kind,
        level1=x.level1,
        level2=x.level2,
        actual="".join(x.actual_text.split()) if x.actual_text else None,
        weight=x.weight,
        score=x.score,
        note=x.note or "",
    )


def generated_records(rng: random.Random, n_tables: int) -> list[Any]:
    """Indicators of ``n_tables`` tables drawn by :func:`goalnlp.simulate.generate_tables`,
    sectors in turn, a mix of project, department and self-evaluation tables."""
    from .simulate import SECTORS, generate_tables

    sectors = sorted(SECTORS)
    out: list[Any] = []
    for k in range(n_tables):
        ttype = rng.choices(("project", "department", "self_evaluation"), weights=(5, 3, 2.5))[0]
        tables = generate_tables(
            rng,
            1,
            sectors[k % len(sectors)],
            table_type=ttype,
            weights=rng.random() < 0.3,
            glyphs=rng.random() < 0.4,
        )
        for t in tables:
            out.extend(t.indicators)
    return out


# Written category labels: canonical + 指标, canonical, and the variants classify reads.
_L1_FORMS: dict[str, tuple[str, ...]] = {
    "投入": ("投入指标", "投入"),
    "过程": ("过程指标", "过程"),
    "产出": ("产出指标", "产出", "项目完成"),
    "效益": ("效益指标", "效益", "效果指标", "项目效益"),
    "满意度": ("满意度指标", "满意度"),
}
_L2_VARIANTS: dict[str, list[str]] = defaultdict(list)
for _w, _l2 in _LEVEL2_WORDS.items():
    if len(_w) >= 4 or _w in ("数量", "质量", "时效", "成本", "进度"):
        _L2_VARIANTS[_l2].append(_w)

_NOTES = (
    "按实际发生数计算",
    "以主管部门统计数据为准",
    "指年度内累计完成数",
    "参照上年度实际完成情况测算",
    "根据上级下达的目标任务确定",
    "以实际完成为准",
    "含线上线下培训",
    "按照相关文件标准执行",
    "数据来源于业务系统统计",
    "做预算时统计时间未截止，有少部分人群截止时间为{y}.12.31",
    "反映项目资金按计划拨付情况",
    "通过问卷调查方式获取",
    "考虑到物价上涨因素",
    "较上年增长10%",
)
_REASONS = (
    "因疫情原因，年度目标尚未完成。{y1}年将加快工作进度，确保年底内完成工作目标。",
    "受项目审批进度影响，部分工程未能按期开工，下一步将加快推进项目实施。",
    "资金到位较晚，导致项目实施进度滞后，已督促实施单位加快进度。",
    "实际申请人数少于年初预计数，按实有人数进行保障。",
    "无偏差",
    "已完成",
    "部分资金未及时拨付，下一步加强资金管理",
)
_FW_DIGITS = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_FW_SYMS = {"≥": "≧", "≤": "≦", ">=": "≧", "<=": "≦", "=": "＝", ">": "＞", "<": "＜"}
_GE_WORDS = ("不少于", "不低于", "至少", "大于等于", "不小于")
_LE_WORDS = ("不超过", "不高于", "小于等于", "不大于")


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


Seg = tuple[str, "str | list[str]"]  # text and its type, or one type per character


def _written_labels(rng: random.Random, r: _Rec) -> tuple[str | None, str | None]:
    l1 = r.level1 if r.level1 in _L1_FORMS else None
    l2 = r.level2 if r.level2 in LEVEL1_OF else None
    w1 = w2 = None
    if l1:
        forms = _L1_FORMS[l1]
        w1 = forms[0] if rng.random() < 0.55 else rng.choice(forms)
        if rng.random() < 0.08:
            w1 += rng.choice(("({}分)", "（{}分）")).format(rng.choice((10, 20, 30, 50, 60)))
    if l2:
        forms = (l2 + "指标", l2, *_L2_VARIANTS.get(l2, ()))
        w2 = forms[0] if rng.random() < 0.5 else rng.choice(forms)
        if l2 == "服务对象满意度" and rng.random() < 0.5:
            w2 = rng.choice(("满意度指标", "服务对象满意度指标", "社会公众或服务对象满意度指标"))
    return w1, w2


def _reform(rng: random.Random, r: _Rec) -> tuple[str, str, str]:
    """The target's parts, sometimes with its comparator glyph rewritten as a word before or
    after the number (``≥500人`` → ``不少于500人`` / ``500人以上``)."""
    sym, body, unit = r.sym, r.body, r.unit
    plain = bool(body) and all(t == "NUM" for t in _value_types(body))
    if not plain or rng.random() > 0.3:
        return sym, body, unit
    if sym in ("≥", ">=", "≧"):
        form = rng.randrange(4)
        if form == 0:
            return "", rng.choice(_GE_WORDS) + body, unit
        if form == 1:
            return "", body + unit + rng.choice(("以上", "及以上")), ""
        if form == 2:
            return "", "达到" + body + unit + "以上", ""
        return "", "≥" + body, unit
    if sym in ("≤", "<=", "≦"):
        form = rng.randrange(3)
        if form == 0:
            return "", rng.choice(_LE_WORDS) + body, unit
        if form == 1:
            return "", body + unit + rng.choice(("以内", "以下")), ""
        return "", "控制在" + body + unit + rng.choice(("以内", "内")), ""
    if sym in ("=", "＝") and rng.random() < 0.5:
        return "", body, unit
    if not sym and rng.random() < 0.3:
        return "", body + unit + "左右", ""
    return sym, body, unit


def _synth_actual(
    rng: random.Random, r: _Rec, sym: str, body: str, unit: str
) -> tuple[str, float, float | None, str]:
    """Actual value, weight, score and reason for a row rendered as a self-evaluation row."""
    w = r.weight if r.weight is not None else float(rng.choice((2, 3, 4, 5, 5, 10, 10, 15, 20, 2.5)))
    if r.actual is not None:
        return r.actual, w, r.score if r.score is not None else w, r.note
    plain = bool(body) and all(t == "NUM" for t in _value_types(body))
    roll = rng.random()
    if plain and roll < 0.55:
        x = _values.parse_number(body) or 0.0
        y = x if rng.random() < 0.5 else round(x * rng.uniform(0.8, 1.1), 1 if x < 100 else 0)
        actual = (sym if rng.random() < 0.5 else "") + _fmt(y) + unit
        return actual, w, w if y >= x else round(w * y / max(x, 1e-9), 2), ""
    if roll < 0.8:
        return rng.choice(("达成年度指标", "已完成", "完成", "达到预期", r.value or "已完成")), w, w, ""
    reason = rng.choice(_REASONS).format(y1=rng.randint(2022, 2026))
    actual = rng.choice(("部分达成年度指标并具有一定效果", "未达成年度指标且效果较差", "基本完成"))
    return actual, w, None if rng.random() < 0.2 else round(w * rng.uniform(0.3, 0.9), 2), reason


def _fullwidth(s: str) -> str:
    for a, b in _FW_SYMS.items():
        s = s.replace(a, b)
    return s.translate(_FW_DIGITS)


def _noisy_name(rng: random.Random, name: str) -> str:
    """A name as a rebuilt row may give it: wrapped fragments joined by a space."""
    if len(name) > 5 and rng.random() < 0.025:
        k = rng.randrange(2, len(name) - 1)
        return name[:k] + " " + name[k:]
    return name


def _value_variant(rng: random.Random, r: _Rec) -> _Rec:
    """A target as some tables write it: a bare number (unit in the header), or a quantity
    inside a clause (``累计完成300家以上``)."""
    plain = bool(r.body) and all(t == "NUM" for t in _value_types(r.body))
    if not plain:
        return r
    if rng.random() < 0.5:
        return replace(r, sym="", unit="")
    verb = rng.choice(("累计完成", "全年完成", "新增", "覆盖", "完成", "实现", "开展", "达到", "共计"))
    return replace(r, sym="", body=verb + r.body, unit=r.unit + rng.choice(("", "", "以上")))


def _name_variant(rng: random.Random, name: str) -> str:
    """Names that hold numbers or category words are where rules go wrong: make some."""
    roll = rng.random()
    y, k = rng.randint(2021, 2026), rng.randint(2, 30)
    if roll < 0.3:
        return rng.choice((f"{y}年", f"{y}年度", f"全市{k}个县区", f"第{k}批", f"{k}个乡镇")) + name
    if roll < 0.6:
        return name + rng.choice((f"（含{k}个乡镇）", f"（{y}年度）", f"（{k}类）", f"（第{k}期）"))
    if roll < 0.8 and not name.endswith(("率", "度", "数", "量")):
        return name + rng.choice(("数量", "质量", "成本", "效益", "时效"))
    return name


def _value_segs(rng: random.Random, sym: str, body: str, unit: str, fullwidth: bool) -> list[Seg]:
    v = sym + (" " if sym and body and rng.random() < 0.15 else "") + body
    v += (" " if unit and body and rng.random() < 0.05 else "") + unit
    if fullwidth:
        v = _fullwidth(v)
    return [(v, _value_types(v))]


def _render_table(rng: random.Random, r: _Rec, self_eval: bool, weights: bool) -> list[Seg]:
    """A table row: cells glued, or separated by spaces, tabs or ``|``."""
    sep = rng.choices(("", " ", "  ", "   ", "\t", " | ", "|", "      "), weights=(5, 4, 2, 1, 2, 3, 1, 1))[0]
    pipe_edges = "|" in sep and rng.random() < 0.6
    w1, w2 = _written_labels(rng, r)
    cats = rng.choices(("both", "l1", "l2", "none"), weights=(4, 1.5, 2, 3))[0]
    fullwidth = rng.random() < 0.1
    cells: list[list[Seg]] = []
    if sep and rng.random() < 0.08:
        cells.append([(rng.choice(("{}", "{}.", "（{}）", "{}、")).format(rng.randint(1, 30)), "O")])
    written = [w for w, on in ((w1, cats in ("both", "l1")), (w2, cats in ("both", "l2"))) if w and on]
    if "|" in sep and len(written) < 2 and rng.random() < 0.5:
        cells.append([])  # an empty category cell of a grid
    for k, w in enumerate(written):
        cells.append([(w, _label_type(w, k > 0))])
    cells.append([(_noisy_name(rng, r.name), "NAME")])
    if sep and rng.random() < 0.03:
        cells.append([(rng.choice(("正向", "反向", "正向指标")), "O")])
    sym, body, unit = _reform(rng, r) if not self_eval or rng.random() < 0.5 else (r.sym, r.body, r.unit)
    split3 = sep and rng.random() < 0.15
    if split3:
        if sym:
            cells.append([(_fullwidth(sym) if fullwidth else sym, "CMP")])
        elif r.kind != "quantity" and rng.random() < 0.6:
            cells.append([("定性", "O")])
        elif "|" in sep:
            cells.append([])
        b = _fullwidth(body) if fullwidth else body
        cells.append([(b, _value_types(b))] if b else [])
        if unit or "|" in sep:
            cells.append([(unit, "UNIT")] if unit else [])
    else:
        cells.append(_value_segs(rng, sym, body, unit, fullwidth) if (sym or body or unit) else [])
    note = ""
    if self_eval:
        actual, w, score, note = _synth_actual(rng, r, sym, body, unit)
        a = _fullwidth(actual) if fullwidth else actual
        cells.append([(a, "ACT")])
        gap: list[Seg] = [(" ", "O")] if not sep and rng.random() < 0.7 else []  # glued, numbers apart
        cells.append([*gap, (_fmt(w), "WGT")])
        cells.append([*gap, (_fmt(score), "SCR")] if score is not None else [])
    elif weights:
        w = r.weight if r.weight is not None else float(rng.choice((2, 3, 5, 10, 10, 20)))
        cells.append([(_fmt(w), "WGT")])
    if not self_eval:
        if r.note or rng.random() < 0.12:
            note = r.note or rng.choice(_NOTES).format(y=rng.randint(2021, 2025))
    if note:
        cells.append([(note, "NOTE")])
    if "|" not in sep:
        cells = [c for c in cells if c]
    out: list[Seg] = []
    if pipe_edges:
        out.append(("| " if sep == " | " else "|", "O"))
    for k, c in enumerate(cells):
        if k:
            out.append((sep, "O"))
        out.extend(c)
    if pipe_edges:
        out.append((" |" if sep == " | " else "|", "O"))
    return out


def _render_outline(rng: random.Random, r: _Rec, self_eval: bool, weights: bool) -> list[Seg]:
    """An outline item: ``指标1：name（value）``, ``1. name：value``, ``name，指标值：value`` …"""
    k = rng.randint(1, 12)
    sym, body, unit = _reform(rng, r)
    fullwidth = rng.random() < 0.1
    val = _value_segs(rng, sym, body, unit, fullwidth)
    name: Seg = (r.name, "NAME")
    style = rng.randrange(7)
    segs: list[Seg]
    if style == 0:
        segs = [(f"指标{k}：", "O"), name, ("（", "O"), *val, ("）", "O")]
    elif style == 1:
        segs = [
            (f"{k}{rng.choice(('. ', '、', '．', '.'))}", "O"),
            name,
            (rng.choice(("：", ":")), "O"),
            *val,
        ]
    elif style == 2:
        segs = [(rng.choice(("（{}）", "({})", "{})")).format(k), "O"), name, ("：", "O"), *val]
    elif style == 3:
        segs = [name, (rng.choice(("，指标值：", "，目标值：", "，指标值为", "：")), "O"), *val]
    elif style == 4:
        segs = [name, ("（", "O"), *val, ("）", "O")]
    elif style == 5:
        segs = [name, (rng.choice(("——", "-", "：", " ")), "O"), *val]
    else:
        head: list[Seg] = []
        for w in _written_labels(rng, r):
            if w:
                if head:
                    head.append((rng.choice(("-", "—", "：")), "O"))
                head.append((w, _label_type(w, bool(head))))
        segs = (
            [*head, (rng.choice(("：", "-", " ")), "O"), name, ("：", "O"), *val]
            if head
            else [name, ("：", "O"), *val]
        )
    if self_eval:
        actual, w, score, note = _synth_actual(rng, r, sym, body, unit)
        segs += [
            (rng.choice(("，实际完成：", "，实际完成值：", "；实际完成", "，完成值：")), "O"),
            (actual, "ACT"),
        ]
        segs += [(rng.choice(("，权重", "，分值")), "O"), (_fmt(w), "WGT"), ("分", "O")]
        if score is not None:
            segs += [("，得分", "O"), (_fmt(score), "SCR")]
        if note:
            segs += [(rng.choice(("，原因：", "（原因：")), "O"), (note, "NOTE")]
    elif weights and rng.random() < 0.5:
        w = r.weight if r.weight is not None else float(rng.choice((2, 3, 5, 10, 20)))
        segs += [(rng.choice(("，权重", "，分值")), "O"), (_fmt(w), "WGT"), ("分", "O")]
    if not self_eval and (r.note or rng.random() < 0.1):
        note = r.note or rng.choice(_NOTES).format(y=rng.randint(2021, 2025))
        segs += [(rng.choice(("（说明：", "（备注：", "，说明：")), "O"), (note, "NOTE")]
        if segs[-2][0].startswith("（"):
            segs.append(("）", "O"))
    return segs


def _bio(types: Sequence[str]) -> list[str]:
    """BIO labels of per-character types: a span starts where the type changes."""
    out: list[str] = []
    prev = "O"
    for typ in types:
        if typ == "O":
            out.append("O")
        else:
            out.append(("I-" if typ == prev else "B-") + typ)
        prev = typ
    return out


def _segs_example(segs: Sequence[Seg]) -> Example:
    text = ""
    types: list[str] = []
    for s, typ in segs:
        if not s:
            continue
        text += s
        if isinstance(typ, str):
            if typ == "O":
                types += ["O"] * len(s)
            else:
                # whitespace at a field's edge is a separator; inside, part of the field
                types += [typ if not ch.isspace() else "~" for ch in s]
        else:
            types += list(typ)
    # resolve "~": inside a field when both sides are that field
    for i, typ in enumerate(types):
        if typ == "~":
            left = types[i - 1] if i else "O"
            j = i
            while j < len(types) and types[j] == "~":
                j += 1
            right = types[j] if j < len(types) else "O"
            types[i] = left if left == right else "O"
    return text, _bio(types)


def make_examples(
    records: Iterable[Any],
    rng: random.Random,
    *,
    copies: int = 2,
    outline: float = 0.25,
    self_eval: float = 0.15,
    weights: float = 0.12,
    text_values: float = 0.1,
    value_variants: float = 0.1,
    name_variants: float = 0.06,
) -> list[Example]:
    """Rows rendered from labeled indicators, with exact character labels.

    ``records`` are SCHEMA indicator dicts (gold files) or
    :class:`goalnlp.simulate.IndicatorSpec` objects; each gives ``copies`` rows in styles
    drawn from ``rng``: table rows (glued, or cells separated by spaces, tabs or ``|``;
    categories present or not; comparator/number/unit in separate cells; word comparators
    before or after the number; notes after the value; weights; self-evaluation rows with
    actual, weight, score and reason) and outline items (``指标1：name（value）``,
    ``name，指标值：value``).  Records with an actual value are always rendered as
    self-evaluation rows.
    """
    from .simulate import _TEXT_VALUES

    recs = [r for r in map(_as_rec, records) if r is not None]
    pool = sorted({r.body for r in recs if r.kind == "text" and r.body and not r.sym} | set(_TEXT_VALUES))
    out: list[Example] = []
    for r0 in recs:
        for _ in range(copies):
            r = r0
            if rng.random() < text_values:  # qualitative targets are rare in the corpora
                r = replace(r, sym="", body=rng.choice(pool), unit="", kind="text")
            elif rng.random() < value_variants:
                r = _value_variant(rng, r)
            if rng.random() < name_variants:
                r = replace(r, name=_name_variant(rng, r.name))
            se = r.actual is not None or rng.random() < self_eval
            wt = r.weight is not None or rng.random() < weights
            segs = (
                _render_outline(rng, r, se, wt) if rng.random() < outline else _render_table(rng, r, se, wt)
            )
            text, labels = _segs_example(segs)
            if text.strip():
                out.append((text, labels))
    return out


# =================================================================================================
# Training data: real lines aligned with gold records
# =================================================================================================


@dataclass
class LineExample:
    """One source line that holds exactly one gold indicator, labelled by alignment."""

    text: str
    labels: list[str]
    doc: str
    layout: str
    record: dict[str, Any]


def _gap_pattern(s: str) -> re.Pattern[str]:
    """``s`` allowing whitespace and ``|`` between its characters (wrapped names, split columns)."""
    return re.compile(r"[\s|]*".join(re.escape(ch) for ch in s))


def _number_pattern(x: float) -> re.Pattern[str]:
    return re.compile(r"(?<![\d.])" + re.escape(_fmt(x)) + r"(?:\.0+)?(?![\d.])")


_NOTE_MARK_RE = re.compile(
    r"[，,；;]?\s*[（(]?\s*(?:说明|备注|未完成原因分析|原因分析|偏差原因|原因|注)\s*[:：]\s*"
)


def _prefix_labels(s: str) -> tuple[list[tuple[int, int, str]], bool]:
    """Category labels in the text before a name (cells joined, row numbers skipped), as
    ``(start, end, L1|L2)`` in ``s``, and whether labels and furniture explain all of ``s``."""
    comp, idx = _compact_map(s.replace("|", " "))
    m = _FURNITURE_RE.match(comp)
    skip = m.end() if m and not label_prefix_len(comp) else 0
    runs = _label_runs(comp[skip:])
    out = [(idx[skip + a], idx[skip + b - 1] + 1, typ) for a, b, typ in runs]
    covered = skip + (runs[-1][1] if runs else 0)
    return out, covered == len(comp)


_GAP_WORDS_RE = re.compile(r"定性|定量|正向|反向|中性|指标值|目标值|[:：,，（(]")


def align_line(text: str, record: Mapping[str, Any]) -> list[str] | None:
    """BIO labels of a line that holds one gold indicator, or None when a field is not found.

    The name, target, actual, weight and score are searched in that order (whitespace and
    ``|`` may interrupt them); category labels before the name are labelled by
    :func:`goalnlp.classify.label_prefix_len`; text after the last field is a note when it
    has Chinese characters and is not a category.
    """
    n = len(text)
    types = ["O"] * n
    name = "".join(str(record.get("name") or "").split())
    value = "".join(str(record.get("value_text") or "").split())
    if not name:
        return None
    pat = _gap_pattern(name)
    cands = []
    k = 0
    while (m := pat.search(text, k)) is not None:
        cands.append(m)
        k = m.start() + 1
    # The name starts a cell, or follows nothing but row furniture and category labels
    # (a name such as 满意度 also occurs inside the label 服务对象满意度指标).
    vpat = _gap_pattern(value) if value else None

    def boundary(i: int) -> bool:
        return (
            i == n
            or text[i].isspace()
            or text[i] == "|"
            or (vpat is not None and vpat.match(text, i) is not None)
        )

    def rank(m: re.Match[str]) -> tuple[bool, bool, bool, int]:
        # and between the name and the target only separators and a 定性/正向 column
        mv = vpat.search(text, m.end()) if vpat is not None else None
        gap = _SPACE_BAR_RE.sub("", text[m.end() : mv.start()]) if mv is not None else ""
        gap = _GAP_WORDS_RE.sub("", gap)
        return (not _prefix_labels(text[: m.start()])[1], not boundary(m.end()), bool(gap), m.start())

    name_span = value_span = None
    for m in sorted(cands, key=rank):
        if vpat is None:
            name_span = (m.start(), m.end())
            break
        mv = vpat.search(text, m.end())
        if mv is not None:
            name_span, value_span = (m.start(), m.end()), (mv.start(), mv.end())
            break
    if name_span is None:
        return None
    pos = value_span[1] if value_span else name_span[1]
    fields: list[tuple[str, int, int]] = []
    actual = "".join(str(record.get("actual_text") or "").split())
    if actual:
        ma = _gap_pattern(actual).search(text, pos)
        if ma is None:
            return None
        fields.append(("ACT", ma.start(), ma.end()))
        pos = ma.end()
    for key, typ in (("weight", "WGT"), ("score", "SCR")):
        x = record.get(key)
        if x is None:
            continue
        mw = _number_pattern(float(x)).search(text, pos)
        if mw is None:
            return None
        fields.append((typ, mw.start(), mw.end()))
        pos = mw.end()
    # name and the target
    for i in range(*name_span):
        types[i] = "O" if text[i] == "|" else "NAME"
    if value_span is not None:
        a, b = value_span
        vt = _value_types(text[a:b].replace("|", " "))
        for i in range(a, b):
            types[i] = "O" if text[i] == "|" else vt[i - a]
    for typ, a, b in fields:
        for i in range(a, b):
            types[i] = "O" if text[i] == "|" else typ
    # whitespace between two different fields is a separator
    for i in range(n):
        if text[i].isspace() and types[i] != "O":
            left = next((types[j] for j in range(i - 1, -1, -1) if not text[j].isspace()), "O")
            right = next((types[j] for j in range(i + 1, n) if not text[j].isspace()), "O")
            if not (left == right == types[i]):
                types[i] = "O"
    # category labels before the name
    for x, y, typ in _prefix_labels(text[: name_span[0]])[0]:
        for i in range(x, y):
            types[i] = "O" if text[i] == "|" else typ
    # a note after the last field
    tail = _CELL_RE.search(text, pos)
    if tail is not None:
        a = tail.start()
        mark = _NOTE_MARK_RE.match(text, a)
        if mark:
            a = mark.end()
        rest = text[a:].rstrip(" \t|)）")
        core = "".join(rest.split()).replace("|", "")
        if re.search(r"[\u4e00-\u9fff]", core) and parse_label(core) == (None, None) and len(core) > 1:
            for i in range(a, a + len(rest)):
                types[i] = "NOTE" if text[i] != "|" else "O"
    return _bio(types)


def _layout_of(doc: str, manifest: Mapping[str, Any]) -> str:
    entry = manifest.get(doc)
    if entry:
        return str(entry.get("layout", "?"))
    m = re.match(r"^(?:gold_)?([a-z_]+?)_\d+\.txt$", doc)
    return m.group(1) if m else "dev"


@dataclass
class _DocData:
    doc: str
    group: str  # documents of one group are split between train and held-out
    layout: str
    records: list[dict[str, Any]]
    text_path: Path | None


def load_corpus_docs(corpus_dirs: Iterable[str | Path]) -> list[_DocData]:
    """Every gold ``*.jsonl`` of the folders with its indicator records and source text
    (``NAME.txt`` beside it, or in ``../docs/`` as in ``corpora/dev``)."""
    import json

    out: list[_DocData] = []
    for d in corpus_dirs:
        d = Path(d)
        manifest: dict[str, Any] = {}
        mpath = d / "MANIFEST.json"
        if mpath.exists():
            manifest = json.loads(mpath.read_text(encoding="utf-8")).get("docs", {})
        for p in sorted(d.glob("*.jsonl")):
            recs = []
            for line in p.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    r = json.loads(line)
                    if r.get("record") == "indicator":
                        recs.append(r)
            doc = p.with_suffix(".txt").name
            text_path = next(
                (q for q in (p.with_suffix(".txt"), d.parent / "docs" / doc) if q.exists()), None
            )
            layout = _layout_of(doc, manifest) if manifest else "dev"
            out.append(_DocData(doc, f"{d.name}/{layout}", layout, recs, text_path))
    return out


def line_examples(doc: _DocData) -> list[LineExample]:
    """Lines of a document that hold exactly one gold indicator, labelled by :func:`align_line`."""
    if doc.text_path is None:
        return []
    raw_lines = doc.text_path.read_text(encoding="utf-8").split("\n")
    per_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
    spanned: Counter[int] = Counter()
    for r in doc.records:
        a, b = r.get("line_start"), r.get("line_end")
        if a is None or b is None:
            continue
        for k in range(int(a), int(b) + 1):
            spanned[k] += 1
        if a == b:
            per_line[int(a)].append(r)
    out: list[LineExample] = []
    for k in sorted(per_line):
        if spanned[k] != 1 or len(per_line[k]) != 1 or not 1 <= k <= len(raw_lines):
            continue
        _, disp = normalize_line(raw_lines[k - 1].replace("\f", " "))
        if not disp.strip():
            continue
        labels = align_line(disp, per_line[k][0])
        if labels is not None:
            out.append(LineExample(disp, labels, doc.doc, doc.layout, per_line[k][0]))
    return out


# =================================================================================================
# Rules-only split (the baseline) and evaluation
# =================================================================================================


def rules_split(text: str) -> tuple[str, str]:
    """(name, value_text) of a row by the existing rules only, for comparison.

    An outline item (``指标1：name（value）``, ``name，指标值：value``) is split by the outline
    reader; a row of several cells drops row numbers and category cells, takes the next cell
    as the name and the following CMP/NUM/UNIT cells (or one value cell) as the value; a glued
    row is split by :func:`goalnlp.rows.split_glued`.
    """
    from .doc import Line
    from .layout import compact
    from .outline import _ITEM_MARK_RE, _split_item, _strip_note

    t = fold(text)
    comp = compact(t)
    if _ITEM_MARK_RE.match(t.strip()) or re.search(r"[，,]\s*(?:指标值|目标值)\s*[:：为]", t):
        item = _split_item(Line(no=1, text=t, disp=text))
        if item is not None and item[0] is not None and item[1] is not None:
            from .doc import Row

            row = Row(name_parts=[item[0]], value_parts=[item[1]])
            _strip_note(row)
            return row.name, row.value_text
    cells = [c.group() for c in _CELL_RE.finditer(text)]
    if len(cells) > 1:
        i = 0
        while i < len(cells) and (
            re.fullmatch(r"[(（]?\d{1,3}[.、)）]?", cells[i]) or parse_label(fold(cells[i])) != (None, None)
        ):
            i += 1
        if i >= len(cells):
            return "", ""
        name = cells[i]
        i += 1
        val: list[str] = []
        while i < len(cells):
            tag = tag_cell(fold(cells[i]))
            if cells[i] in ("定性", "定量"):
                i += 1
                continue
            if tag in ("CMP", "NUM", "UNIT") and (val or tag != "UNIT"):
                val.append(cells[i])
                i += 1
                if tag == "UNIT":
                    break
                continue
            if not val:
                val.append(cells[i])
            break
        return name, "".join(val)
    rows = split_glued(Cell(text=comp, disp="".join(text.split()), line=1))
    if not rows:
        return "", ""
    row = [c for c in rows[0] if label_prefix_len(c.text) != len(c.text)]
    if not row:
        return "", ""
    return row[0].disp, (row[1].disp if len(row) > 1 else "")


def _span_set(text: str, labels: Sequence[str]) -> set[tuple[str, int, int]]:
    return {(s.label, s.start, s.end) for s in labels_to_spans(text, labels)}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "n": tp + fn}


def evaluate(model: TokenTagger, examples: Sequence[Example], *, rules: bool = False) -> dict[str, Any]:
    """Span P/R/F1 per label (exact boundaries), exact-row accuracy (every label right) and
    how often ``parse_row`` gets name and value_text exactly right; with ``rules`` also the
    rules-only split (:func:`rules_split`) on the same rows."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    exact = nv = nv_rules = 0
    for text, gold in examples:
        pred, probs = model._decode(text)
        g, p = _span_set(text, gold), _span_set(text, pred)
        for lab, _a, _b in g & p:
            counts[lab][0] += 1
        for lab, _a, _b in p - g:
            counts[lab][1] += 1
        for lab, _a, _b in g - p:
            counts[lab][2] += 1
        exact += _types(gold) == _types(pred)
        gf, pf = fields_from_labels(text, gold), fields_from_labels(text, pred, probs)
        nv += gf.name == pf.name and gf.value_text == pf.value_text
        if rules:
            rn, rv = rules_split(text)
            nv_rules += "".join(rn.split()) == gf.name and "".join(rv.split()) == gf.value_text
    n = len(examples)
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    out: dict[str, Any] = {
        "rows": n,
        "span_f1": {lab: _prf(*counts[lab]) for lab in FIELD_TYPES if lab in counts},
        "span_micro": _prf(tp, fp, fn),
        "exact_row": round(exact / n, 4) if n else None,
        "name_value_exact": round(nv / n, 4) if n else None,
    }
    if rules:
        out["rules_name_value_exact"] = round(nv_rules / n, 4) if n else None
    return out


def evaluate_lines(model: TokenTagger, lines: Sequence[LineExample]) -> dict[str, Any]:
    """:func:`evaluate` on aligned real lines (with the rules-only split), overall and per layout."""
    by_layout: dict[str, list[Example]] = defaultdict(list)
    for ex in lines:
        by_layout[ex.layout].append((ex.text, ex.labels))
    keep = ("rows", "exact_row", "name_value_exact", "rules_name_value_exact")
    return {
        "lines": evaluate(model, [(ex.text, ex.labels) for ex in lines], rules=True),
        "lines_by_layout": {
            lay: {k: v for k, v in evaluate(model, exs, rules=True).items() if k in keep}
            for lay, exs in sorted(by_layout.items())
        },
    }


# =================================================================================================
# Training
# =================================================================================================


def _split_docs(docs: Sequence[_DocData], seed: int, heldout: float) -> tuple[list[_DocData], list[_DocData]]:
    """Hold out whole documents, a share of every group (layout), chosen by ``seed``."""
    groups: dict[str, list[_DocData]] = defaultdict(list)
    for d in docs:
        groups[d.group].append(d)
    train_docs: list[_DocData] = []
    test_docs: list[_DocData] = []
    for g in sorted(groups):
        members = sorted(groups[g], key=lambda d: d.doc)
        random.Random(f"goalnlp.tokens:{seed}:{g}").shuffle(members)
        k = (
            min(len(members) - 1, max(1, round(len(members) * heldout)))
            if heldout > 0 and len(members) > 1
            else 0
        )
        test_docs += members[:k]
        train_docs += members[k:]
    return train_docs, test_docs


def build_examples(
    docs: Sequence[_DocData], rng: random.Random, *, copies: int, generated_tables: int, line_copies: int = 1
) -> tuple[list[Example], list[LineExample]]:
    """Rendered rows (the documents' gold records plus generated ones) and aligned real lines."""
    recs: list[Any] = [r for d in docs for r in d.records]
    recs += generated_records(rng, generated_tables)
    rendered = make_examples(recs, rng, copies=copies)
    rendered += glue_rows(rendered, rng)
    lines = [ex for d in docs for ex in line_examples(d)]
    return rendered, lines * line_copies


def glue_rows(examples: Sequence[Example], rng: random.Random, share: float = 0.5) -> list[Example]:
    """Lines holding several table rows glued together (a Word table pasted as text): 2-4
    glued rows (no blank, tab or ``|``) drawn at random and joined, labels kept; ``share`` as
    many lines as there are glued rows."""
    glued = [ex for ex in examples if not any(ch.isspace() or ch == "|" for ch in ex[0]) and "B-NAME" in ex[1]]
    out: list[Example] = []
    if len(glued) < 2:
        return out
    for _ in range(int(len(glued) * share)):
        run = rng.sample(glued, min(len(glued), rng.randint(2, 4)))
        out.append(("".join(t for t, _ in run), [lab for _, labs in run for lab in labs]))
    return out


def train(
    corpus_dirs: Iterable[str | Path],
    out_path: str | Path | None,
    seed: int = 0,
    *,
    heldout: float = 0.3,
    copies: int = 2,
    generated_tables: int = 60,
    refit: bool = True,
    **params: Any,
) -> dict[str, Any]:
    """Build examples from ``corpus_dirs``, fit a :class:`TokenTagger`, save it to ``out_path``
    (``.crfsuite`` or ``.joblib``; not saved when None) and return held-out scores.

    Whole documents are held out (``heldout`` share of every layout group); the held-out
    rendered rows come from those documents' records and from tables generated with a
    different random stream than the training ones.  Scores (see :func:`evaluate`) are
    for ``rendered`` rows, aligned real ``lines`` (with the rules-only split for
    comparison) and lines per layout.  With ``refit`` the saved model is then fitted on
    all documents.  Deterministic: the same corpora, seed and parameters give the same
    scores and the same model file.
    """
    t0 = time.perf_counter()
    docs = load_corpus_docs(corpus_dirs)
    train_docs, test_docs = _split_docs(docs, seed, heldout)
    rng_train = random.Random(f"goalnlp.tokens:{seed}:train")
    rng_test = random.Random(f"goalnlp.tokens:{seed}:test")
    rendered, lines = build_examples(train_docs, rng_train, copies=copies, generated_tables=generated_tables)
    test_rendered, test_lines = build_examples(
        test_docs, rng_test, copies=1, generated_tables=max(1, generated_tables // 3)
    )
    model = TokenTagger(**params)
    X = [t for t, _ in rendered] + [ex.text for ex in lines]
    y = [lab for _, lab in rendered] + [ex.labels for ex in lines]
    if not X:
        raise ValueError("no training rows: the corpora hold no indicator records")
    model.fit(X, y)
    t_fit = time.perf_counter() - t0
    scores: dict[str, Any] = {
        "seed": seed,
        "train_docs": len(train_docs),
        "heldout_docs": len(test_docs),
        "train_rows": {"rendered": len(rendered), "lines": len(lines)},
        "rendered": evaluate(model, test_rendered),
        **evaluate_lines(model, test_lines),
    }
    if refit and test_docs:
        more_r, more_l = build_examples(test_docs, rng_train, copies=copies, generated_tables=0)
        model = TokenTagger(**params).fit(
            X + [t for t, _ in more_r] + [ex.text for ex in more_l],
            y + [lab for _, lab in more_r] + [ex.labels for ex in more_l],
        )
    if out_path is not None:
        model.save(out_path)
    scores["seconds"] = {"first_fit": round(t_fit, 1), "total": round(time.perf_counter() - t0, 1)}
    return scores


# =================================================================================================
# In the pipeline: glued rows read again
# =================================================================================================


@functools.lru_cache(maxsize=4)
def load_tagger(models_dir: str | None = None) -> TokenTagger:
    """The token tagger in ``models_dir`` (``token_tagger.crfsuite``); the shipped one where it has none."""
    if models_dir is None:
        return load_default()
    for name in MODEL_FILES:
        p = Path(models_dir) / name
        if p.exists():
            return TokenTagger.load(p)
    return load_default()  # a models folder trained with --models line keeps the shipped token tagger


def _glued_cell(doc: Any, row: Any) -> Any | None:
    """The one cell of one line that holds both the row's name and its value, if any."""
    parts = row.name_parts + row.value_parts
    if not row.name_parts or not row.value_parts or len({c.line for c in parts}) != 1:
        return None
    line = doc.lines[parts[0].line - 1]
    name0, val0 = row.name_parts[0].comp, row.value_parts[0].comp
    for c in split_cells(line):
        if name0 in c.comp and val0 in c.comp and c.comp.index(name0) < c.comp.rindex(val0):
            return c
    return None


def _row_chunks(model: TokenTagger, text: str) -> tuple[list[list[Span]], float]:
    """The tagger's rows of one line (each with a name and a target) and its lowest marginal
    over their names and targets (0 when it reads no such row)."""
    if not text.strip():
        return [], 0.0
    parse = model.parse_row(text)
    chunks = [ch for ch in split_spans(parse.spans) if any(s.label == "NAME" for s in ch) and any(s.label in VALUE_TYPES for s in ch)]
    if not chunks:
        return [], 0.0
    return chunks, min(s.prob for ch in chunks for s in ch if s.label == "NAME" or s.label in VALUE_TYPES)


def _glued_grade(doc: Any, row: Any) -> bool:
    """A row the rules read with no target, its name glued to its actual value (a worded
    target between them they could not cut off: "…设施持续改善达成年度指标1010")."""
    if row.value_parts or not row.name_parts or not row.actual_parts:
        return False
    name, act = row.name_parts[-1], row.actual_parts[0]
    if name.line != act.line:
        return False
    return name.comp + act.comp in compact(doc.lines[name.line - 1].text)


def split_spans(spans: Sequence[Span]) -> list[list[Span]]:
    """Cut a line's spans into rows: a category label or a name after a value starts the next row
    (rows glued into one line)."""
    rows: list[list[Span]] = []
    cur: list[Span] = []
    has_value = False
    for sp in spans:
        if sp.label in ("L1", "L2", "NAME") and has_value:
            rows.append(cur)
            cur, has_value = [], False
        cur.append(sp)
        if sp.label in VALUE_TYPES:
            has_value = True
    if cur:
        rows.append(cur)
    return rows


def _row_from_spans(cell: Any, spans: Sequence[Span]) -> Any:
    parse_number = _values.parse_number

    def cells(labels: set[str] | frozenset[str]) -> list[Cell]:
        return [
            Cell(text=cell.text[s.start : s.end], disp=cell.disp[s.start : s.end], line=cell.line)
            for s in spans
            if s.label in labels
        ]

    def first(label: str) -> str | None:
        return next(("".join(cell.text[s.start : s.end].split()) for s in spans if s.label == label), None)

    l1w, l2w = first("L1"), first("L2")
    a = parse_label(l1w)[0] if l1w else None
    b1, b2 = parse_label(l2w) if l2w else (None, None)
    level1, level2 = canonical(a or b1, b2)
    r = Row(name_parts=cells({"NAME"}), value_parts=cells(VALUE_TYPES), actual_parts=cells({"ACT"}))
    r.level1_written, r.level2_written, r.level1, r.level2 = l1w, l2w, level1, level2
    w, sc = first("WGT"), first("SCR")
    r.weight = parse_number(w) if w else None
    r.score = parse_number(sc) if sc else None
    r.lines = {cell.line}
    return r


def _chunk_key(text: str, spans: Sequence[Span]) -> tuple[str, str]:
    """``(name_text, value_norm)`` of the row :func:`_row_from_spans` would make of ``spans``
    (whitespace dropped), without making it: most lines read as the rules read them."""
    name = "".join("".join(text[s.start : s.end].split()) for s in spans if s.label == "NAME")
    value = "".join("".join(text[s.start : s.end].split()) for s in spans if s.label in VALUE_TYPES)
    return name, value


def retag_glued_lines(doc: Any, region: Any, rows: list[Any], model: TokenTagger, threshold: float = 0.9) -> int:
    """Read again, in place, the lines of a glued table (rows written without separators, one
    or several to a line): where the tagger is sure of every name and value on a line
    (``>= threshold``) and cuts it into other rows than the rules did, its rows replace the
    rules' rows on that line; a line the rules left unused gains the tagger's rows.  Returns
    how many lines changed.  Tables with no glued row are left alone."""
    if not any(_glued_cell(doc, r) is not None or _glued_grade(doc, r) for r in rows):
        return 0
    on_line: dict[int, list[Any]] = {}
    multi: set[int] = set()
    for r in rows:
        lines = {c.line for c in r.name_parts + r.value_parts + r.actual_parts + r.note_parts}
        for ln in lines:
            on_line.setdefault(ln, []).append(r)
        if len(lines) > 1:
            multi |= lines
    start = region.body if region.body is not None else region.start
    def sure_rows(no: int) -> bool:
        """The tagger reads line ``no`` as whole rows (a name and a target each), surely."""
        chunks, sure = _row_chunks(model, doc.lines[no - 1].text)
        return bool(chunks) and sure >= threshold

    # A rules row over several lines of a glued table, each line of which the tagger reads as
    # whole rows ("乡村文化设施利用率稳步提升" / "群众文化生活持续改善"): one row a line, not
    # a name wrapped onto a value.
    for r in rows:
        lines = sorted({c.line for c in r.name_parts + r.value_parts})
        if (
            1 < len(lines) <= 3
            and lines[-1] - lines[0] == len(lines) - 1
            and all(len(split_cells(doc.lines[n - 1])) == 1 and sure_rows(n) for n in lines)
        ):
            multi.difference_update(lines)
    changed = 0
    for ln in doc.lines[start : region.end]:
        if ln.no in multi or not ln.text.strip():
            continue
        cells = split_cells(ln)
        if not cells or all(is_header_word(c.comp) for c in cells) or "|" in ln.text or "\t" in ln.text:
            continue
        cell = Cell(text=ln.text, disp=ln.disp, line=ln.no)  # the whole line: glued rows may hold blanks
        chunks, sure = _row_chunks(model, cell.text)
        if not chunks:
            continue
        old = on_line.get(ln.no, [])
        # Where the rules found no target on the line (a worded one glued to its name before
        # a grade: "…设施持续改善达成年度指标1010"), the tagger's best reading beats none.
        need = threshold if not old or all(r.value_parts for r in old) else min(threshold, 0.5)
        if sure < need:
            continue
        if [_chunk_key(cell.text, ch) for ch in chunks] == [(r.name_text, r.value_norm) for r in old]:
            continue
        new = [_row_from_spans(cell, ch) for ch in chunks]
        for r in new:
            # A row the rules read keeps what the tagger does not give (weights, categories).
            match = next((o for o in old if o.name_text == r.name_text), None)
            if match is not None:
                r.weight = r.weight if r.weight is not None else match.weight
                r.score = r.score if r.score is not None else match.score
                if r.level2 is None and r.level1 is None:
                    r.level1, r.level2 = match.level1, match.level2
                    r.level1_written, r.level2_written = match.level1_written, match.level2_written
        for o in old:
            if o in rows:  # (a row over several lines is on each of them)
                rows.remove(o)
        rows.extend(new)
        changed += 1
    if changed:
        rows.sort(key=lambda r: min(r.lines) if r.lines else 0)
    return changed
