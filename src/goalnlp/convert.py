"""Labeled data in and out of annotation tools: Label Studio, doccano, CoNLL BIO, spaCy DocBin.

Gold labels (SCHEMA.md) say *what* a row holds and on which lines, not *where* in
the text: names and values are printed wrapped over several lines, with other
cells, blank lines or pinyin annotations in between, in Traditional script or
full width, while the gold is Simplified, pinyin-free and whitespace-free.
Annotation tools and taggers want character spans.  This module bridges the two:

* :func:`align_records` finds, for every indicator record, the character spans of
  its name (``NAME``), target (``VALUE``), actual result (``ACTUAL``), weight
  (``WEIGHT``) and score (``SCORE``) in the **original** text — one span per
  printed fragment, all carrying the record's index ``rid`` — and, where the row
  prints them, its category cells (``LEVEL1``, ``LEVEL2``).  Matching is on
  normalized characters (whitespace dropped, width folded, Traditional →
  Simplified, pinyin removed, comparator glyphs unified) through a map back to
  raw offsets, so ``text[span.start:span.end]`` is always what was printed.
* :class:`LabeledDoc` (text + spans + the records) is the exchange unit;
  ``read_*``/``write_*`` and :func:`read`/:func:`write` move it through Label
  Studio JSON, doccano JSONL, character-level BIO (CoNLL) and spaCy ``DocBin``.
  Every format but CoNLL also carries the full records (``meta``/``goalnlp``
  keys, ``Doc.user_data``), so gold → format → gold loses nothing.
* :func:`spans_to_records` rebuilds indicator records from spans — grouped by
  ``rid`` where it is known, else by pairing each ``NAME`` with the ``VALUE``
  that follows.  CoNLL keeps no records and no ``rid`` (two columns, one
  character a line), so records read from BIO are rebuilt this way and keep
  only what spans can say: name, value (re-parsed), actual, weight, score,
  categories and lines — no table records, projects or table indices.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import json
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .errors import GoalnlpError

__all__ = [
    "FORMATS",
    "LABELS",
    "Alignment",
    "LabeledDoc",
    "Miss",
    "Span",
    "align_records",
    "coverage",
    "dumps",
    "label_doc",
    "label_studio_config",
    "load_gold",
    "read",
    "read_conll",
    "read_docbin",
    "read_doccano",
    "read_document_text",
    "read_labelstudio",
    "spans_to_records",
    "to_conll",
    "to_docbin",
    "to_doccano",
    "to_labelstudio",
    "from_conll",
    "from_docbin",
    "from_doccano",
    "from_labelstudio",
    "write",
    "write_gold",
]

#: Span labels, in the order a row is read.
LABELS: tuple[str, ...] = ("LEVEL1", "LEVEL2", "NAME", "VALUE", "ACTUAL", "WEIGHT", "SCORE")
#: Record field each label stands for.
FIELD_OF: dict[str, str] = {
    "NAME": "name",
    "VALUE": "value_text",
    "ACTUAL": "actual_text",
    "WEIGHT": "weight",
    "SCORE": "score",
    "LEVEL1": "level1",
    "LEVEL2": "level2",
}
#: Formats :func:`read` and :func:`write` know.
FORMATS: tuple[str, ...] = ("gold", "labelstudio", "doccano", "conll", "docbin")

_TEXT_LABELS = ("NAME", "VALUE", "ACTUAL")
_NUMBER_LABELS = ("WEIGHT", "SCORE")
_SPAN_GROUP = "goalnlp"  # spaCy span group and user_data key; doccano top-level key
_WIDEN = (0, 2, 6)  # lines added on each side when a field is not found on the record's own lines
_WINDOW = 40  # lines of one search window (records without line numbers, long line ranges)
_BUDGET = 100_000  # candidate fragments one field's search may try before it counts as not found


class _OutOfBudget(Exception):
    """A fragment search grew too large (a text full of the target's characters)."""


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True, slots=True)
class Span:
    """A labeled character span ``[start, end)`` of a document's text.

    ``rid`` is the index of the record it belongs to in :attr:`LabeledDoc.records`
    (``None`` when unknown, e.g. read from BIO); ``text`` is ``text[start:end]``.
    """

    start: int
    end: int
    label: str
    rid: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Miss:
    """A record field that could not be found in the text, and why."""

    rid: int
    label: str
    target: str
    reason: str


class Alignment(list):
    """The spans :func:`align_records` found (a ``list[Span]``) plus ``misses``."""

    def __init__(self, spans: Iterable[Span] = (), misses: Iterable[Miss] = ()) -> None:
        super().__init__(spans)
        self.misses: list[Miss] = list(misses)


@dataclass
class LabeledDoc:
    """One document in exchange: its text, labeled spans and (where known) its SCHEMA records.

    ``records`` holds the document's table and indicator records in gold order;
    span ``rid`` values index it.  ``None`` means the source format carried none
    (CoNLL, foreign tool output): :func:`spans_to_records` rebuilds them.
    """

    name: str
    text: str
    spans: list[Span] = field(default_factory=list)
    records: list[dict[str, Any]] | None = None
    misses: list[Miss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- normalized character map


_BARS = frozenset("|｜")
_OPENERS = frozenset(":：,，;；、(（【[「“")
_CLOSERS = frozenset(":：,，;；、)）】]」”(（")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_NUMBER_RE = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_FOLD_EXTRA = {"＞": ">", "＜": "<", "＝": "=", "﹣": "-", "—": "-", "−": "-", "〜": "~", "～": "~", "∽": "~"}


@functools.lru_cache(maxsize=8192)
def _key(ch: str) -> str:
    """The character matching compares: width folded, NFKC where it keeps one character."""
    from .normalize import fold

    k = fold(ch)
    k = _FOLD_EXTRA.get(k, k)
    n = unicodedata.normalize("NFKC", k)
    if len(n) == 1:
        k = n
    return k


def _target_keys(s: str) -> str:
    """A record field in match form: Simplified, pinyin removed, whitespace dropped, keyed."""
    from .normalize import strip_pinyin, to_simplified

    s = strip_pinyin(to_simplified("".join(ch for ch in s if ch not in _INVISIBLE)))
    return "".join(_key(ch) for ch in s if not ch.isspace())


def _line_disp_map(raw_line: str) -> list[str]:
    """Per raw character of one line its display character (``""`` where normalization drops it).

    Reproduces :func:`goalnlp.normalize.normalize_lines` (invisible characters and
    bracketed pinyin removed, Traditional → Simplified) while keeping positions.
    """
    from . import normalize

    out = [""] * len(raw_line)
    kept = [i for i, ch in enumerate(raw_line) if ch not in _INVISIBLE]
    visible = "".join(raw_line[i] for i in kept)
    simp = normalize.to_simplified(visible)
    if simp != visible:
        # Phrase-level conversion where it keeps the length (批覆 → 批复, which
        # character-level conversion leaves alone): gold labels are Simplified text.
        phrase = _t2s_phrase(visible)
        if len(phrase) == len(simp):
            simp = phrase
    deleted = bytearray(len(simp))
    if "(" in simp or "（" in simp:
        for m in normalize._PINYIN_RE.finditer(simp):
            if normalize._pinyin_sub(m) == "":
                deleted[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for j, i in enumerate(kept):
        if not deleted[j]:
            out[i] = simp[j]
    expected = normalize.strip_pinyin(simp)
    if "".join(out) != expected:  # pragma: no cover - normalize changed under us: align by diff
        out = [""] * len(raw_line)
        sm = difflib.SequenceMatcher(None, simp, expected, autojunk=False)
        for a, _b, size in sm.get_matching_blocks():
            for j in range(a, a + size):
                out[kept[j]] = simp[j]
    return out


@functools.lru_cache(maxsize=1)
def _opencc_t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _t2s_phrase(s: str) -> str:
    return _opencc_t2s().convert(s)


class _CharMap:
    """The normalized view of a text, character by character, with offsets into the raw text.

    ``s_*`` lists describe the *matchable* characters (not whitespace, not dropped
    by normalization), in text order: raw offset, match key and 1-based line.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.disp: list[str] = []
        self.line_starts: list[int] = []
        pos = 0
        for raw_line in text.split("\n"):
            self.line_starts.append(pos)
            self.disp.extend(_line_disp_map(raw_line))
            self.disp.append("\n")
            pos += len(raw_line) + 1
        self.disp.pop()
        self.n_lines = len(self.line_starts)
        self.s_pos: list[int] = []
        self.s_key: list[str] = []
        self.s_line: list[int] = []
        line = 1
        next_start = self.line_starts[1] if self.n_lines > 1 else len(text) + 1
        for i, d in enumerate(self.disp):
            while i >= next_start:
                line += 1
                next_start = self.line_starts[line] if line < self.n_lines else len(text) + 1
            if d and not d.isspace():
                self.s_pos.append(i)
                self.s_key.append(_key(d))
                self.s_line.append(line)
        self.claimed = bytearray(len(text))
        # Cell edges: a matchable character that a separator (blank, bar, line
        # break, clause punctuation) precedes / follows.
        m = len(self.s_pos)
        self.cell_start = [True] * m
        self.cell_end = [True] * m
        for s in range(1, m):
            gap = text[self.s_pos[s - 1] + 1 : self.s_pos[s]]
            edge = any(ch.isspace() or ch in _BARS for ch in gap)
            self.cell_start[s] = edge or self.s_key[s - 1] in _OPENERS
            self.cell_end[s - 1] = edge or self.s_key[s] in _CLOSERS

    # -- positions

    def line_of(self, offset: int) -> int:
        """1-based line of a raw offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def s_range(self, first_line: int, last_line: int) -> tuple[int, int]:
        """Index range in the ``s_*`` lists of lines ``first_line..last_line``."""
        return bisect.bisect_left(self.s_line, first_line), bisect.bisect_right(self.s_line, last_line)

    def disp_text(self, start: int, end: int) -> str:
        """What ``text[start:end]`` prints as in records: normalized, whitespace removed."""
        return "".join(d for d in self.disp[start:end] if d and not d.isspace())

    def free(self, s: int) -> bool:
        return not self.claimed[self.s_pos[s]]

    def claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    # -- matching

    def match(
        self, target: str, lo: int, hi: int, anchor: int, budget: list[int] | None = None
    ) -> list[tuple[int, int]] | None:
        """Cover ``target`` (match keys) with runs of free characters in ``[lo, hi)``.

        Runs are ordered and disjoint: a wrapped cell's fragments, read in text
        order.  The cost of an alignment is its number of runs plus its run ends
        that cut into a cell (a fragment should be a whole printed cell piece);
        ties go to fewer jumps along one line (a wrapped cell goes on on a later
        line — a separate unit column is the exception), a start at or after
        ``anchor``, the most compact, the earliest.  Returns ``s``-index runs,
        or ``None`` when there are none or ``budget`` (candidate fragments left
        to try, shared by the caller's searches) runs out.
        """
        budget = budget if budget is not None else [_BUDGET]
        n = len(target)
        if not n or lo >= hi:
            return None
        keys = self.s_key
        occ: dict[str, list[int]] = defaultdict(list)
        need = set(target)
        for s in range(lo, hi):
            k = keys[s]
            if k in need and self.free(s):
                occ[k].append(s)
        if any(ch not in occ for ch in need):
            return None
        if n > 300:  # long free text: a contiguous match only
            for s in occ[target[0]]:
                if self._lcp(target, 0, s, hi) == n:
                    return [(s, s + n)]
            return None
        lines, c_start, c_end = self.s_line, self.cell_start, self.cell_end
        Best = tuple[int, int, int, tuple[tuple[int, int], ...]]  # cost, same-line jumps, end, runs
        memo: dict[tuple[int, int], Best | None] = {}

        def lengths(i: int, s: int) -> list[int]:
            """Run lengths worth trying at ``s``: the longest, and shorter ones ending a cell."""
            top = self._lcp(target, i, s, hi)
            return [k for k in range(1, top) if c_end[s + k - 1]] + [top]

        def best(i: int, p: int) -> Best | None:
            """Cheapest cover of ``target[i:]`` by runs starting at ``p`` or later."""
            if i == n:
                return (0, 0, p, ())
            hit = memo.get((i, p), False)
            if hit is not False:
                return hit
            res = None
            cands = occ[target[i]]
            for s in cands[bisect.bisect_left(cands, p) :]:
                budget[0] -= 1
                if budget[0] < 0:
                    raise _OutOfBudget
                jump = int(lines[s] == lines[p - 1])
                for length in lengths(i, s):
                    sub = best(i + length, s + length)
                    if sub is None:
                        continue
                    cost = 1 + (not c_start[s]) + (not c_end[s + length - 1]) + sub[0]
                    cand = (cost, jump + sub[1], sub[2] if sub[3] else s + length, ((s, s + length), *sub[3]))
                    if res is None or cand[:3] < res[:3]:
                        res = cand
                if res is not None and res[:2] == (1, 0):
                    break
            memo[(i, p)] = res
            return res

        chosen = None
        for s in occ[target[0]]:
            for length in lengths(0, s):
                budget[0] -= 1
                try:
                    if budget[0] < 0:
                        raise _OutOfBudget
                    sub = best(length, s + length)
                except _OutOfBudget:
                    return None
                if sub is None:
                    continue
                runs = ((s, s + length), *sub[3])
                cost = 1 + (not c_start[s]) + (not c_end[s + length - 1]) + sub[0]
                rank = (cost, sub[1], 0 if self.s_pos[s] >= anchor else 1, runs[-1][1] - s, s)
                if chosen is None or rank < chosen[0]:
                    chosen = (rank, runs)
        return list(chosen[1]) if chosen else None

    def _lcp(self, target: str, i: int, s: int, hi: int) -> int:
        """How many characters of ``target[i:]`` the free text from ``s`` matches."""
        keys, n, length = self.s_key, len(target), 0
        while i + length < n and s + length < hi and keys[s + length] == target[i + length] and self.free(s + length):
            length += 1
        return length

    def runs_to_spans(self, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Raw ``[start, end)`` spans of ``s``-index runs, cut at line breaks and cell gaps.

        A run continues across dropped characters (pinyin) and single spaces; a
        line break, a tab or a wider gap starts a new fragment.
        """
        out: list[tuple[int, int]] = []
        for a, b in runs:
            start = self.s_pos[a]
            prev = start
            for s in range(a + 1, b):
                cur = self.s_pos[s]
                gap = self.text[prev + 1 : cur]
                if "\n" in gap or "\t" in gap or _wide(gap):
                    out.append((start, prev + 1))
                    start = cur
                prev = cur
            out.append((start, prev + 1))
        return out


def _wide(gap: str) -> bool:
    """Two or more blanks in a row: a column gap, not a space inside a cell."""
    blanks = 0
    for ch in gap:
        if ch.isspace():
            blanks += 1
            if blanks >= 2:
                return True
        else:
            blanks = 0
    return False


# --------------------------------------------------------------------------- alignment


def _lines_of(rec: dict[str, Any]) -> tuple[int, int] | None:
    try:
        a = int(rec["line_start"])
        b = int(rec.get("line_end") or a)
    except (KeyError, TypeError, ValueError):
        return None
    return (a, b) if a >= 1 else None


def _number(x: Any) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _target_text(rec: dict[str, Any], label: str) -> str | None:
    value = rec.get(FIELD_OF[label])
    if value is None:
        return None
    if label in _NUMBER_LABELS:
        return None if _number(value) is None else _fmt_number(_number(value))
    return value if isinstance(value, str) and value.strip() else None


def _fmt_number(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if v == int(v) else repr(v)


class _Aligner:
    """Aligns the indicator records of one document, record by record, claiming characters."""

    def __init__(self, text: str, records: Sequence[dict[str, Any]], categories: bool) -> None:
        self.cm = _CharMap(text)
        self.records = records
        self.categories = categories
        self.spans: list[Span] = []
        self.misses: list[Miss] = []
        self.cursor_line = 1

    def run(self) -> Alignment:
        order = [i for i, r in enumerate(self.records) if r.get("record", "indicator") == "indicator"]
        # Lines first (stable), so records sharing lines claim characters in reading order.
        with_lines = [i for i in order if _lines_of(self.records[i])]
        if len(with_lines) == len(order):
            order.sort(key=lambda i: (_lines_of(self.records[i]) or (0, 0))[0])
        for rid in order:
            self.align_one(rid)
        self.spans.sort(key=lambda sp: (sp.start, sp.end))
        return Alignment(self.spans, self.misses)

    # -- one record

    def regions(self, rid: int) -> list[tuple[int, int]]:
        """Line ranges to search, narrowest first.

        A record's own lines, then widened by 2 and 6 lines; without lines,
        windows of ``_WINDOW`` lines from where the previous record was found to
        the end, then from the start.  Long ranges are cut into windows too, so
        one search never spans more than a page or two.
        """
        lines = _lines_of(self.records[rid])
        last = self.cm.n_lines
        out: list[tuple[int, int]] = []
        if lines:
            a, b = sorted(lines)
            a, b = min(a, last), min(b, last)  # labels of another version of the text
            for w in _WIDEN:
                out.extend(self._windows(max(1, a - w), min(last, b + w)))
        else:
            c = min(self.cursor_line, last)
            out.extend(self._windows(c, last))
            out.extend(self._windows(1, min(last, c + _WINDOW)))
        seen: set[tuple[int, int]] = set()
        return [r for r in out if not (r in seen or seen.add(r))]

    @staticmethod
    def _windows(a: int, b: int) -> list[tuple[int, int]]:
        if b - a <= _WINDOW:
            return [(a, b)]
        step = _WINDOW // 2
        return [(s, min(b, s + _WINDOW)) for s in range(a, b - step + 1, step)]

    def align_one(self, rid: int) -> None:
        rec = self.records[rid]
        regions = self.regions(rid)
        lo_line = regions[0][0]
        anchor = self.cm.line_starts[lo_line - 1]
        found: dict[str, list[tuple[int, int]]] = {}
        for label in ("NAME", "VALUE", "ACTUAL"):
            target = _target_text(rec, label)
            if target is None:
                continue
            keys = _target_keys(target)
            if not keys:
                continue
            if label == "ACTUAL" and "VALUE" in found:
                anchor = found["VALUE"][0][0] + 1
            elif label == "VALUE" and "NAME" in found:
                anchor = found["NAME"][0][0]
            spans = self.find_text(keys, regions, anchor)
            if spans is None:
                self.miss(rid, label, target, regions)
                continue
            found[label] = spans
        vals = [end for lab in ("VALUE", "ACTUAL") for _s, end in found.get(lab, ())]
        after = max(vals) if vals else (found["NAME"][0][1] if "NAME" in found else anchor)
        row_start = min((sp[0][0] for sp in found.values()), default=anchor)
        if found and _lines_of(rec) is None:  # numbers sit on the row the text fields were found on
            last = max(sp[-1][1] for sp in found.values()) - 1
            regions = [(self.cm.line_of(row_start), min(self.cm.n_lines, self.cm.line_of(last) + 2))]
        for label in _NUMBER_LABELS:
            target = _target_text(rec, label)
            if target is None:
                continue
            span = self.find_number(_number(rec.get(FIELD_OF[label])), regions, after, row_start)
            if span is None:
                self.miss(rid, label, target, regions)
                continue
            found[label] = [span]
            after = span[1]
        for label, spans in found.items():
            for start, end in spans:
                self.add(start, end, label, rid)
        if found:
            self.cursor_line = self.cm.line_of(min(sp[0][0] for sp in found.values()))
        if self.categories:
            own = _lines_of(rec)
            if own is None and found:
                spans = [sp for sps in found.values() for sp in sps]
                own = (self.cm.line_of(min(sp[0] for sp in spans)), self.cm.line_of(max(sp[1] - 1 for sp in spans)))
            if own is not None:
                self.find_categories(rid, rec, (max(1, own[0]), min(self.cm.n_lines, own[1])))

    def add(self, start: int, end: int, label: str, rid: int) -> None:
        self.cm.claim(start, end)
        self.spans.append(Span(start, end, label, rid, self.cm.text[start:end]))

    def miss(self, rid: int, label: str, target: str, regions: list[tuple[int, int]]) -> None:
        a, b = min(r[0] for r in regions), max(r[1] for r in regions)
        self.misses.append(Miss(rid, label, target, f"not found in lines {a}-{b}"))

    def find_text(self, keys: str, regions: list[tuple[int, int]], anchor: int) -> list[tuple[int, int]] | None:
        budget = [_BUDGET]
        for a, b in regions:
            if budget[0] <= 0:
                break
            lo, hi = self.cm.s_range(a, b)
            runs = self.cm.match(keys, lo, hi, anchor, budget)
            if runs:
                spans = self.cm.runs_to_spans(runs)
                for start, end in spans:  # claim now: the next field must not reuse them
                    self.cm.claim(start, end)
                return spans
        return None

    def find_number(
        self, value: float | None, regions: list[tuple[int, int]], after: int, row_start: int
    ) -> tuple[int, int] | None:
        """A free number token equal to ``value``: the first after the row's text fields, else any."""
        if value is None:
            return None
        from .normalize import fold

        for a, b in regions:
            start = self.cm.line_starts[a - 1]
            end = self.cm.line_starts[b] - 1 if b < self.cm.n_lines else len(self.cm.text)
            window = fold(self.cm.text[start:end])
            hits = []
            for m in _NUMBER_RE.finditer(window):
                s, e = start + m.start(), start + m.end()
                if any(self.cm.claimed[s:e]) or abs(float(m.group()) - value) > 1e-9:
                    continue
                hits.append((s, e))
            if hits:
                later = [h for h in hits if h[0] >= after]
                pick = later[0] if later else min(hits, key=lambda h: abs(h[0] - row_start))
                self.cm.claim(*pick)
                return pick
        return None

    def find_categories(self, rid: int, rec: dict[str, Any], region: tuple[int, int]) -> None:
        """Category cells printed on the record's own lines (``产出指标``, ``数量指标``)."""
        from .classify import parse_label

        want1, want2 = rec.get("level1"), rec.get("level2")
        if not want1 and not want2:
            return
        cm = self.cm
        start = cm.line_starts[region[0] - 1]
        end = cm.line_starts[region[1]] - 1 if region[1] < cm.n_lines else len(cm.text)
        cands: list[tuple[int, int, str | None, str | None]] = []
        for m in regex.finditer(r"[^\s|｜]+", cm.text[start:end]):
            s, e = start + m.start(), start + m.end()
            if any(cm.claimed[s:e]):
                continue
            disp = cm.disp_text(s, e)
            if not disp or len(disp) > 20:
                continue
            l1, l2 = parse_label(disp)
            if l1 is None and l2 is None:
                continue
            cands.append((s, e, l1, l2))
        got1 = got2 = False
        for i, (s, e, l1, l2) in enumerate(cands):
            if not got1 and l1 == want1 and (l2 is None or (l2 == want2 and any(c[3] == want2 for c in cands[i + 1 :]))):
                self.add(s, e, "LEVEL1", rid)
                got1 = True
            elif not got2 and want2 and l2 == want2:
                self.add(s, e, "LEVEL2", rid)
                got2 = True


def align_records(text: str, records: Sequence[dict[str, Any]], *, categories: bool = True) -> Alignment:
    """Character spans of every indicator record's fields in ``text`` (see the module doc).

    Records are searched on their ``line_start..line_end`` lines (widened by 2,
    then 6 lines when a field is not there); records without lines are searched
    in windows of 40 lines from where the previous record was found.  Records
    claim the characters they match, in line order, so two rows printing the
    same value each get their own.  Table records are skipped (their indices
    still count as ``rid``).  What cannot be found is listed in the result's
    ``misses``; nothing raises.
    """
    return _Aligner(text, records, categories).run()


def label_doc(name: str, text: str, records: list[dict[str, Any]], *, categories: bool = True) -> LabeledDoc:
    """A :class:`LabeledDoc` with spans aligned from ``records``."""
    al = align_records(text, records, categories=categories)
    return LabeledDoc(name=name, text=text, spans=list(al), records=records, misses=al.misses)


def coverage(docs: Iterable[LabeledDoc]) -> dict[str, dict[str, int]]:
    """Per label: how many record fields there were, were aligned, and aligned exactly.

    *Exactly* means the span fragments, joined and normalized, print the gold
    field itself (``name``/``value_text``/``actual_text``) or its number.
    """
    out: dict[str, dict[str, int]] = {lab: {"total": 0, "aligned": 0, "exact": 0} for lab in FIELD_OF}
    for d in docs:
        if d.records is None:
            continue
        cm = _CharMap(d.text)
        by_rid: dict[tuple[int, str], list[Span]] = defaultdict(list)
        for sp in d.spans:
            if sp.rid is not None:
                by_rid[(sp.rid, sp.label)].append(sp)
        for rid, rec in enumerate(d.records):
            if rec.get("record", "indicator") != "indicator":
                continue
            for label in FIELD_OF:
                if label in ("LEVEL1", "LEVEL2"):
                    if rec.get(FIELD_OF[label]):
                        out[label]["total"] += 1
                        if by_rid.get((rid, label)):
                            out[label]["aligned"] += 1
                            out[label]["exact"] += 1
                    continue
                target = _target_text(rec, label)
                if target is None:
                    continue
                out[label]["total"] += 1
                spans = by_rid.get((rid, label))
                if not spans:
                    continue
                out[label]["aligned"] += 1
                got = _field_value(cm, label, spans)
                want = rec.get(FIELD_OF[label])
                if label in _NUMBER_LABELS:
                    exact = got is not None and _number(want) is not None and abs(got - _number(want)) < 1e-9
                else:
                    exact = got == "".join(str(want).split())
                out[label]["exact"] += int(exact)
    return out


# --------------------------------------------------------------------------- spans → records


def _field_value(cm: _CharMap, label: str, spans: Sequence[Span]) -> Any:
    """A record field's value from its span fragments (joined in text order)."""
    spans = sorted(spans, key=lambda sp: sp.start)
    text = "".join(cm.disp_text(sp.start, sp.end) for sp in spans)
    if label in _NUMBER_LABELS:
        from .normalize import fold

        m = _NUMBER_RE.search(fold(text))
        return float(m.group()) if m else None
    if label in ("LEVEL1", "LEVEL2"):
        from .classify import parse_label

        l1, l2 = parse_label(text)
        return l1 if label == "LEVEL1" else l2
    return text


def _line_span(cm: _CharMap, spans: Iterable[Span]) -> tuple[int, int] | None:
    spans = list(spans)
    if not spans:
        return None
    return cm.line_of(min(sp.start for sp in spans)), cm.line_of(max(sp.end - 1 for sp in spans))


def _parsed_value(value_text: str | None) -> dict[str, Any]:
    from .values import parse_value

    if not value_text:
        return {"kind": "text", "comparator": None, "value": None, "value_max": None, "unit": None, "date": None}
    p = parse_value(value_text)
    return {
        "kind": p.kind,
        "comparator": p.comparator,
        "value": p.value,
        "value_max": p.value_max,
        "unit": p.unit,
        "date": p.date,
    }


def _group_without_rid(spans: list[Span]) -> list[list[Span]]:
    """Records from spans whose record is unknown: each NAME with the VALUE (etc.) after it.

    A NAME after anything but NAME opens the next record; every other span
    joins the open record (consecutive NAME fragments make one name wrapped
    before its value; VALUE/ACTUAL fragments after the weight are a wrapped
    value's tail).  Category spans are carried forward to the records after
    them.  A name fragment printed *after* its value (a wrapped tail) cannot be
    told from the next record's first line and opens a record of its own —
    the price of having no ``rid``.
    """
    groups: list[list[Span]] = []
    cur: list[Span] | None = None
    cats: dict[str, Span] = {}
    for sp in sorted(spans, key=lambda s: (s.start, s.end)):
        lab = sp.label
        if lab in ("LEVEL1", "LEVEL2"):
            cats[lab] = sp
            if lab == "LEVEL1":
                cats.pop("LEVEL2", None)
            continue
        labels_now = {s.label for s in cur} if cur is not None else set()
        new = cur is None or (lab == "NAME" and bool(labels_now - {"NAME", "LEVEL1", "LEVEL2"}))
        if lab in _NUMBER_LABELS and lab in labels_now:
            continue  # one weight, one score a row
        if new:
            cur = list(cats.values())
            groups.append(cur)
        assert cur is not None
        cur.append(sp)
    return groups


def spans_to_records(
    text: str,
    spans: Sequence[Span],
    *,
    doc: str | None = None,
    records: Sequence[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Indicator records rebuilt from labeled spans.

    With ``records`` (the document's known records, which ``rid`` indexes) each
    indicator record with spans gets ``name``/``value_text``/``actual_text``/
    ``weight``/``score`` (and categories) from them, and its parsed value fields
    again when ``value_text`` changed; fields without spans, and records
    without any, stay as they were.  Spans without a usable ``rid`` become new
    records appended at the end.

    Without ``records``, one record per ``rid`` where spans carry one (Label
    Studio region ids), else grouped by :func:`_group_without_rid`; records are
    in text order, categories carried forward from the rows above, values
    parsed by :func:`goalnlp.values.parse_value`.  Table records, ``project`` and
    ``table`` cannot be rebuilt from spans and stay ``None``.
    """
    cm = _CharMap(text)
    out = [dict(r) for r in records] if records is not None else []
    by_rid: dict[int, list[Span]] = defaultdict(list)
    loose: list[Span] = []
    for sp in spans:
        known = records is None or (
            sp.rid is not None and 0 <= sp.rid < len(out) and out[sp.rid].get("record", "indicator") == "indicator"
        )
        if sp.rid is not None and known:
            by_rid[sp.rid].append(sp)
        else:
            loose.append(sp)
    if records is not None:
        for rid, group in sorted(by_rid.items()):
            _fill(cm, out[rid], group)
    groups = list(by_rid.values()) if records is None else []
    groups += _group_without_rid(loose)
    groups.sort(key=lambda g: min(sp.start for sp in g))
    prev: dict[str, Any] | None = None
    for group in groups:
        rec = _new_record(doc)
        _fill(cm, rec, group)
        if prev is not None and rec["level1"] is None:
            rec["level1"], rec["level2"] = prev["level1"], prev["level2"]
        elif prev is not None and rec["level2"] is None and rec["level1"] == prev["level1"]:
            rec["level2"] = prev["level2"]
        out.append(rec)
        prev = rec
    return out


def _new_record(doc: str | None) -> dict[str, Any]:
    from .doc import INDICATOR_FIELDS

    rec: dict[str, Any] = dict.fromkeys(INDICATOR_FIELDS)
    rec.update({"record": "indicator", "doc": doc, "name": "", "kind": "text"})
    return rec


def _fill(cm: _CharMap, rec: dict[str, Any], group: Sequence[Span]) -> None:
    """Set a record's fields from the spans of one row (see :func:`spans_to_records`)."""
    old_value = rec.get("value_text")
    fresh = rec.get("line_start") is None
    labels = {sp.label for sp in group}
    for label in labels:
        value = _field_value(cm, label, [sp for sp in group if sp.label == label])
        if label in ("LEVEL1", "LEVEL2") and value is None:
            continue
        rec[FIELD_OF[label]] = value
    if "LEVEL2" in labels and rec.get("level2"):
        from .classify import canonical

        rec["level1"], rec["level2"] = canonical(rec.get("level1"), rec["level2"])
    if "VALUE" in labels and (rec.get("value_text") != old_value or fresh):
        rec.update(_parsed_value(rec.get("value_text")))
    if fresh:
        lines = _line_span(cm, [sp for sp in group if sp.label not in ("LEVEL1", "LEVEL2")] or group)
        if lines:
            rec["line_start"], rec["line_end"] = lines


# --------------------------------------------------------------------------- gold


def read_document_text(path: str | Path) -> str:
    """A source document's text as gold line numbers count it: decoded, line breaks as ``\\n``.

    Unlike :func:`goalnlp.io.read_source` nothing is converted (HTML and CSV stay
    as written), so span offsets point into the file's own text.
    """
    from .io import decode_bytes, read_bytes

    text, _enc = decode_bytes(read_bytes(path))
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_gold(
    gold: str | Path, docs: str | Path | None = None, *, categories: bool = True, align: bool = True
) -> list[LabeledDoc]:
    """Gold JSONL (a directory of files or one file) plus its documents → aligned :class:`LabeledDoc` s.

    ``docs`` is the directory holding the documents the records' ``doc`` fields
    name (default: the gold directory itself, as in ``corpora/synth``).
    Raises E042 when a document is missing.
    """
    from .evaluate import load_records

    gold = Path(gold)
    if not gold.exists():
        raise GoalnlpError("E004", path=str(gold))
    files = sorted(f for f in gold.glob("*.jsonl") if f.is_file()) if gold.is_dir() else [gold]
    if not files:
        raise GoalnlpError("E020", path=str(gold))
    docs_dir = Path(docs) if docs is not None else (gold if gold.is_dir() else gold.parent)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in files:
        for rec in load_records(f):
            by_doc.setdefault(str(rec["doc"]), []).append(rec)
    out: list[LabeledDoc] = []
    for name, recs in by_doc.items():
        path = docs_dir / name
        if not path.is_file():
            raise GoalnlpError("E042", doc=name, docs=str(docs_dir))
        text = read_document_text(path)
        if align:
            out.append(label_doc(name, text, recs, categories=categories))
        else:
            out.append(LabeledDoc(name=name, text=text, records=recs))
    return out


def _records_for_output(d: LabeledDoc, rebuild: bool) -> list[dict[str, Any]]:
    if d.records is None:
        return spans_to_records(d.text, d.spans, doc=d.name)
    if rebuild:
        return spans_to_records(d.text, d.spans, doc=d.name, records=d.records)
    return d.records


def write_gold(docs: Iterable[LabeledDoc], out_dir: str | Path, *, texts: bool = True, rebuild: bool = False) -> list[Path]:
    """Write ``NAME.jsonl`` per document into ``out_dir`` (and the document text beside it).

    Records come from each document's ``records``; where a format carried none
    (CoNLL) or ``rebuild`` is set they are rebuilt from the spans
    (:func:`spans_to_records`).  Returns the files written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise GoalnlpError("E043", path=str(out))
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for d in docs:
            records = _records_for_output(d, rebuild)
            stem = Path(d.name).stem or d.name
            path = out / f"{stem}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            written.append(path)
            if texts:
                name = d.name if Path(d.name).suffix else f"{d.name}.txt"
                tpath = out / Path(name).name
                tpath.write_text(d.text, encoding="utf-8", newline="\n")
                written.append(tpath)
    except OSError as exc:
        raise GoalnlpError("E048", path=str(out), reason=exc.strerror or str(exc)) from exc
    return written


# --------------------------------------------------------------------------- shared helpers


def _meta(d: LabeledDoc) -> dict[str, Any]:
    """What travels with a document so that it comes back whole: name, records, span → rid table."""
    return {
        "doc": d.name,
        "records": d.records,
        "spans": [[sp.start, sp.end, sp.label, sp.rid] for sp in d.spans],
    }


def _parse_meta(*cands: Any) -> dict[str, Any]:
    """The first candidate that looks like our metadata (a dict with records/doc/spans), JSON strings allowed."""
    for c in cands:
        if isinstance(c, str):
            try:
                c = json.loads(c)
            except ValueError:
                continue
        if isinstance(c, dict):
            if _SPAN_GROUP in c and isinstance(c[_SPAN_GROUP], dict | str):
                inner = _parse_meta(c[_SPAN_GROUP])
                if inner:
                    return inner
            if any(k in c for k in ("records", "spans")):
                return c
    return {}


def _rid_table(meta: dict[str, Any]) -> dict[tuple[int, int, str], int | None]:
    table: dict[tuple[int, int, str], int | None] = {}
    for item in meta.get("spans") or ():
        try:
            s, e, lab, rid = item
            table[(int(s), int(e), str(lab))] = None if rid is None else int(rid)
        except (TypeError, ValueError):
            continue
    return table


def _delist(x: Any) -> Any:
    """msgpack (spaCy user_data) gives tuples back; records are JSON, so lists."""
    if isinstance(x, tuple | list):
        return [_delist(v) for v in x]
    if isinstance(x, dict):
        return {k: _delist(v) for k, v in x.items()}
    return x


def _make_doc(
    name: str, text: str, raw_spans: Iterable[tuple[int, int, str, int | None]], meta: dict[str, Any], where: str
) -> LabeledDoc:
    """Assemble a :class:`LabeledDoc` from read spans, checking bounds and recovering ``rid`` from meta."""
    table = _rid_table(meta)
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, label, rid in raw_spans:
        if not (0 <= start < end <= len(text)):
            raise GoalnlpError("E045", start=start, end=end, label=label, doc=name, length=len(text), path=where)
        key = (start, end, label)
        if key in seen:
            continue
        seen.add(key)
        if rid is None:
            rid = table.get(key)
        spans.append(Span(start, end, label, rid, text[start:end]))
    spans.sort(key=lambda sp: (sp.start, sp.end))
    records = meta.get("records")
    records = _delist(records) if isinstance(records, list | tuple) else None
    return LabeledDoc(name=name, text=text, spans=spans, records=records)


def _read_json(path: Path, fmt: str) -> Any:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GoalnlpError("E004", path=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoalnlpError("E040", path=str(path), fmt=fmt, reason=str(exc)) from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoalnlpError("E040", path=str(path), fmt=fmt, reason=f"invalid JSON: {exc}") from exc


def _read_jsonl(path: Path, fmt: str) -> list[Any]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GoalnlpError("E004", path=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoalnlpError("E040", path=str(path), fmt=fmt, reason=str(exc)) from exc
    stripped = raw.lstrip()
    if stripped.startswith("["):  # a JSON array is fine too
        try:
            return list(json.loads(raw))
        except json.JSONDecodeError:
            pass
    rows = []
    for no, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoalnlpError("E021", line=no, path=str(path), reason=exc.msg) from exc
    return rows


def _text_field(fields: dict[str, Any], text_key: str | None, task: Any, where: str) -> str:
    keys = [text_key] if text_key else ["text", "data"]
    for k in keys:
        if isinstance(fields.get(k), str):
            return fields[k]
    strings = sorted(k for k, v in fields.items() if isinstance(v, str))
    raise GoalnlpError("E041", task=task, path=where, key=keys[0], keys=", ".join(strings) or "none")


# --------------------------------------------------------------------------- Label Studio

_LS_REGION_RE = regex.compile(r"^g(\d+)_\d+$")
_LS_SPAN_TYPES = ("labels", "hypertextlabels", "paragraphlabels")


def label_studio_config(
    labels: Sequence[str] = LABELS, *, from_name: str = "label", to_name: str = "text", text_key: str = "text"
) -> str:
    """A Label Studio labeling config for the spans this module writes.

    ``white-space: pre-wrap`` keeps the text's spaces and line breaks visible,
    as offsets count every one of them.
    """
    items = "\n".join(f'    <Label value="{lab}"/>' for lab in labels)
    return (
        "<View>\n"
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        f'  <Labels name="{from_name}" toName="{to_name}">\n{items}\n  </Labels>\n'
        f'  <Text name="{to_name}" value="${text_key}"/>\n'
        "</View>\n"
    )


def to_labelstudio(
    docs: Iterable[LabeledDoc],
    *,
    predictions: bool = False,
    from_name: str = "label",
    to_name: str = "text",
    text_key: str = "text",
) -> list[dict[str, Any]]:
    """Label Studio tasks: ``data.text``, the spans as one annotation (or prediction).

    Region ids are ``g<rid>_<n>`` so fragments of one record stay grouped after a
    round trip; ``data.meta`` keeps the document name and its records.
    """
    tasks = []
    for i, d in enumerate(docs, 1):
        result = []
        count: Counter[Any] = Counter()
        for k, sp in enumerate(d.spans):
            if sp.rid is not None:
                rid_key = f"g{sp.rid}_{count[sp.rid]}"
                count[sp.rid] += 1
            else:
                rid_key = f"s{k}"
            result.append(
                {
                    "id": rid_key,
                    "from_name": from_name,
                    "to_name": to_name,
                    "type": "labels",
                    "origin": "prediction" if predictions else "manual",
                    "value": {"start": sp.start, "end": sp.end, "text": d.text[sp.start : sp.end], "labels": [sp.label]},
                }
            )
        task: dict[str, Any] = {"id": i, "data": {text_key: d.text, "doc": d.name, "meta": _meta(d)}}
        if predictions:
            task["predictions"] = [{"model_version": "goalnlp-gold", "result": result}]
        else:
            task["annotations"] = [{"id": i, "result": result, "was_cancelled": False, "ground_truth": True}]
        tasks.append(task)
    return tasks


def _utf16_to_cp(text: str, off: int) -> int:
    """A UTF-16 code unit offset (older Label Studio, JavaScript) as a code point offset."""
    units = 0
    for i, ch in enumerate(text):
        if units >= off:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _ls_offsets(text: str, value: dict[str, Any]) -> tuple[int, int] | None:
    """``start``/``end`` of a span region, repaired where the tool counted differently."""
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        g = value.get("globalOffsets")
        if isinstance(g, dict) and isinstance(g.get("start"), int) and isinstance(g.get("end"), int):
            start, end = g["start"], g["end"]
        else:
            return None
    want = value.get("text")
    if not isinstance(want, str) or text[start:end] == want:
        return start, end
    a, b = _utf16_to_cp(text, start), _utf16_to_cp(text, end)
    if text[a:b] == want:
        return a, b
    # Nearest occurrence of the region's text (\r\n counted twice, trimmed selections …).
    best = None
    for m in regex.finditer(regex.escape(want), text):
        if best is None or abs(m.start() - start) < abs(best - start):
            best = m.start()
    if best is not None and want:
        return best, best + len(want)
    return start, end


def _ls_spans(text: str, result: Iterable[Any]) -> list[tuple[int, int, str, int | None]]:
    out = []
    for item in result or ():
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            continue
        if item.get("type", "labels") not in _LS_SPAN_TYPES:
            continue
        value = item["value"]
        labels = value.get("labels") or value.get("hypertextlabels") or value.get("paragraphlabels") or []
        offsets = _ls_offsets(text, value)
        if offsets is None:
            continue
        m = _LS_REGION_RE.match(str(item.get("id", "")))
        rid = int(m.group(1)) if m else None
        for lab in labels if isinstance(labels, list) else [labels]:
            out.append((offsets[0], offsets[1], str(lab), rid))
    return out


def _min_spans(text: str, fields: dict[str, Any]) -> list[tuple[int, int, str, int | None]]:
    """Spans of a ``JSON_MIN`` export: a field holding ``[{start, end, text, labels}, …]``."""
    for v in fields.values():
        if isinstance(v, list) and v and all(isinstance(x, dict) and "start" in x and "end" in x for x in v):
            return _ls_spans(text, [{"value": x, "type": "labels"} for x in v])
    return []


def _pick_result(task: dict[str, Any]) -> list[Any] | None:
    """The first annotation that was not cancelled (``completions`` in old exports), else the first prediction."""
    for key in ("annotations", "completions"):
        anns = task.get(key)
        if isinstance(anns, list):
            for ann in anns:
                if isinstance(ann, dict) and not ann.get("was_cancelled"):
                    return ann.get("result") or []
    preds = task.get("predictions")
    if isinstance(preds, list):
        for p in preds:
            if isinstance(p, dict):
                return p.get("result") or []
    return None


def from_labelstudio(data: Any, *, text_key: str | None = None, where: str = "<labelstudio>") -> list[LabeledDoc]:
    """Documents from Label Studio JSON (a task list, one task, or ``{"tasks": [...]}``).

    Accepts tasks with or without the ``data`` wrapper, ``annotations`` or the
    older ``completions`` (else ``predictions``), ``labels``/``hypertextlabels``
    values (``globalOffsets`` where ``start``/``end`` are XPaths), and the
    ``JSON_MIN`` export.  Offsets whose ``text`` does not match are repaired
    (UTF-16 counting, nearest occurrence).
    """
    if isinstance(data, dict):
        tasks = data.get("tasks") if isinstance(data.get("tasks"), list) else [data]
    elif isinstance(data, list):
        tasks = data
    else:
        raise GoalnlpError("E040", path=where, fmt="labelstudio", reason="expected a JSON list of tasks")
    out = []
    for i, task in enumerate(tasks, 1):
        if not isinstance(task, dict):
            raise GoalnlpError("E040", path=where, fmt="labelstudio", reason=f"task {i} is not an object")
        fields = task["data"] if isinstance(task.get("data"), dict) else task
        text = _text_field(fields, text_key, task.get("id", i), where)
        meta = _parse_meta(fields.get("meta"), task.get("meta"), fields.get(_SPAN_GROUP), task.get(_SPAN_GROUP))
        result = _pick_result(task)
        raw = _ls_spans(text, result) if result is not None else _min_spans(text, fields)
        name = meta.get("doc") or fields.get("doc") or f"task_{task.get('id', i)}"
        out.append(_make_doc(str(name), text, raw, meta, where))
    return out


def read_labelstudio(path: str | Path, *, text_key: str | None = None) -> list[LabeledDoc]:
    """:func:`from_labelstudio` on a JSON file."""
    p = Path(path)
    return from_labelstudio(_read_json(p, "labelstudio"), text_key=text_key, where=str(p))


# --------------------------------------------------------------------------- doccano


def to_doccano(docs: Iterable[LabeledDoc]) -> list[dict[str, Any]]:
    """doccano sequence-labeling rows: ``text``, ``label: [[start, end, LABEL], …]``, ``goalnlp`` meta."""
    return [
        {"text": d.text, "label": [[sp.start, sp.end, sp.label] for sp in d.spans], _SPAN_GROUP: _meta(d)} for d in docs
    ]


def _doccano_spans(row: dict[str, Any]) -> list[tuple[int, int, str, int | None]]:
    out: list[tuple[int, int, str, int | None]] = []
    items: list[Any] = []
    for key in ("label", "labels", "entities"):
        if isinstance(row.get(key), list):
            items = row[key]
            break
    for it in items:
        if isinstance(it, list | tuple) and len(it) >= 3 and isinstance(it[0], int) and isinstance(it[1], int):
            out.append((it[0], it[1], str(it[2]), None))
        elif isinstance(it, dict):
            s = it.get("start_offset", it.get("start"))
            e = it.get("end_offset", it.get("end"))
            lab = it.get("label", it.get("labels"))
            if isinstance(lab, list):
                lab = lab[0] if lab else None
            if isinstance(s, int) and isinstance(e, int) and lab is not None:
                out.append((s, e, str(lab), None))
        # plain strings are text-classification labels: no span
    return out


def from_doccano(rows: Iterable[Any], *, text_key: str | None = None, where: str = "<doccano>") -> list[LabeledDoc]:
    """Documents from doccano rows: ``label``/``labels`` tuples or ``entities`` objects."""
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise GoalnlpError("E040", path=where, fmt="doccano", reason=f"row {i} is not an object")
        text = _text_field(row, text_key, row.get("id", i), where)
        meta = _parse_meta(row.get(_SPAN_GROUP), row.get("meta"))
        name = meta.get("doc") or row.get("doc") or f"doc_{row.get('id', i)}"
        out.append(_make_doc(str(name), text, _doccano_spans(row), meta, where))
    return out


def read_doccano(path: str | Path, *, text_key: str | None = None) -> list[LabeledDoc]:
    """:func:`from_doccano` on a JSONL file."""
    p = Path(path)
    return from_doccano(_read_jsonl(p, "doccano"), text_key=text_key, where=str(p))


# --------------------------------------------------------------------------- CoNLL (character BIO)

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", " ": "\\s"}
_UNESCAPE_RE = regex.compile(r"\\(\\|n|t|r|s|u[0-9a-fA-F]{4})")


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch.isspace() or not ch.isprintable():
        return f"\\u{ord(ch):04x}"
    return ch


def _unescape(tok: str) -> str:
    def sub(m: regex.Match[str]) -> str:
        g = m.group(1)
        if g[0] == "u":
            return chr(int(g[1:], 16))
        return {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "s": " "}[g]

    return _UNESCAPE_RE.sub(sub, tok)


def to_conll(docs: Iterable[LabeledDoc]) -> str:
    """Character-level BIO: ``# doc = NAME``, then one ``char<TAB>tag`` line per character.

    Whitespace and backslashes are escaped (``\\n \\t \\r \\s \\\\ \\uXXXX``) so a
    line break of the text never breaks the format; a blank line ends a
    document.  Overlapping spans cannot be told apart in BIO: the later one is
    dropped (and noted in the document's ``warnings``).  No ``rid``, no records.
    """
    parts: list[str] = []
    for d in docs:
        tags = ["O"] * len(d.text)
        for sp in sorted(d.spans, key=lambda s: (s.start, -s.end)):
            if any(t != "O" for t in tags[sp.start : sp.end]):
                d.warnings.append(f"overlapping span {sp.start}-{sp.end} {sp.label} left out of BIO")
                continue
            tags[sp.start] = f"B-{sp.label}"
            for k in range(sp.start + 1, sp.end):
                tags[k] = f"I-{sp.label}"
        lines = [f"# doc = {d.name}"]
        lines.extend(f"{_escape(ch)}\t{tag}" for ch, tag in zip(d.text, tags, strict=True))
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def from_conll(content: str, *, where: str = "<conll>") -> list[LabeledDoc]:
    """Documents and spans from character BIO (``B-``/``I-``/``O``; ``S-``/``E-``/``U-``/``L-`` too).

    Token lines are ``char<TAB>tag`` (extra middle columns ignored; a token of
    several characters is taken whole); ``#`` lines without a tab are comments,
    ``# doc = NAME`` names the document; blank lines end documents.
    """
    out: list[LabeledDoc] = []
    name: str | None = None
    chars: list[str] = []
    spans: list[tuple[int, int, str, int | None]] = []
    open_span: list[Any] | None = None
    pos = 0

    def close() -> None:
        nonlocal open_span
        if open_span is not None:
            spans.append((open_span[0], pos, open_span[1], None))
            open_span = None

    def finish() -> None:
        nonlocal name, chars, spans, pos
        close()
        if chars:
            doc_name = name or f"doc_{len(out) + 1}"
            out.append(_make_doc(doc_name, "".join(chars), spans, {}, where))
        name, chars, spans, pos = None, [], [], 0

    for no, line in enumerate(content.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            finish()
            continue
        if line.startswith("#") and "\t" not in line:
            m = regex.match(r"#\s*doc\s*=\s*(.*)$", line)
            if m:
                if chars:
                    finish()
                name = m.group(1).strip()
            continue
        parts = line.split("\t") if "\t" in line else line.rsplit(" ", 1)
        if len(parts) < 2 or not parts[0]:
            raise GoalnlpError("E046", line=no, path=where, text=line[:40])
        tok, tag = _unescape(parts[0]), parts[-1].strip()
        prefix, _, label = tag.partition("-")
        if tag != "O" and (not label or prefix not in ("B", "I", "S", "E", "U", "L")):
            raise GoalnlpError("E046", line=no, path=where, text=line[:40])
        if tag == "O":
            close()
        elif prefix in ("B", "S", "U") or open_span is None or open_span[1] != label:
            close()
            open_span = [pos, label]
        chars.append(tok)
        pos += len(tok)
        if prefix in ("S", "U", "E", "L") and label:
            close()
    finish()
    return out


def read_conll(path: str | Path) -> list[LabeledDoc]:
    """:func:`from_conll` on a file."""
    p = Path(path)
    try:
        content = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GoalnlpError("E004", path=str(p)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoalnlpError("E040", path=str(p), fmt="conll", reason=str(exc)) from exc
    return from_conll(content, where=str(p))


# --------------------------------------------------------------------------- spaCy DocBin


def _spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is installed where DocBin is used
        raise GoalnlpError("E044") from exc
    return spacy


@functools.lru_cache(maxsize=1)
def _zh_nlp() -> Any:
    """``spacy.blank("zh")``: character segmentation, no model download, lossless text."""
    return _spacy().blank("zh")


def to_docbin(docs: Iterable[LabeledDoc]) -> bytes:
    """A serialized ``spacy.tokens.DocBin``: one character-tokenized ``Doc`` per document.

    Spans go to ``doc.spans["goalnlp"]`` (``span.id_`` = rid) and, overlap-free,
    to ``doc.ents``; ``doc.user_data["goalnlp"]`` keeps name, records and the span
    table.
    """
    _spacy()
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = _zh_nlp()
    db = DocBin(store_user_data=True)
    for d in docs:
        doc = nlp.make_doc(d.text)
        if doc.text != d.text:  # pragma: no cover - the char segmenter keeps text
            raise GoalnlpError("E040", path=d.name, fmt="docbin", reason="spaCy changed the text while tokenizing")
        group = []
        for sp in d.spans:
            s = doc.char_span(sp.start, sp.end, label=sp.label, alignment_mode="expand")
            if s is None:
                d.warnings.append(f"span {sp.start}-{sp.end} {sp.label} has no token alignment")
                continue
            if sp.rid is not None:
                s.id_ = str(sp.rid)
            group.append(s)
        doc.spans[_SPAN_GROUP] = group
        doc.ents = filter_spans(group)
        doc.user_data[_SPAN_GROUP] = _meta(d)
        db.add(doc)
    return db.to_bytes()


def from_docbin(data: bytes, *, where: str = "<docbin>") -> list[LabeledDoc]:
    """Documents from a serialized ``DocBin``: spans from ``doc.spans["goalnlp"]`` (else ``doc.ents``)."""
    _spacy()
    from spacy.tokens import DocBin

    try:
        db = DocBin().from_bytes(data)
        docs = list(db.get_docs(_zh_nlp().vocab))
    except Exception as exc:  # spaCy/msgpack raise many kinds on foreign bytes
        raise GoalnlpError("E040", path=where, fmt="docbin", reason=str(exc) or type(exc).__name__) from exc
    out = []
    for i, doc in enumerate(docs, 1):
        meta = _parse_meta(_delist(doc.user_data.get(_SPAN_GROUP)))
        if _SPAN_GROUP in doc.spans:
            group = list(doc.spans[_SPAN_GROUP])
        elif len(doc.spans):
            group = list(doc.spans[next(iter(doc.spans))])
        else:
            group = list(doc.ents)
        raw = []
        for s in group:
            rid = int(s.id_) if s.id_.isdigit() else None
            raw.append((s.start_char, s.end_char, s.label_, rid))
        name = meta.get("doc") or f"doc_{i}"
        out.append(_make_doc(str(name), doc.text, raw, meta, where))
    return out


def read_docbin(path: str | Path) -> list[LabeledDoc]:
    """:func:`from_docbin` on a ``.spacy`` file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise GoalnlpError("E004", path=str(p)) from exc
    except OSError as exc:
        raise GoalnlpError("E040", path=str(p), fmt="docbin", reason=exc.strerror or str(exc)) from exc
    return from_docbin(data, where=str(p))


# --------------------------------------------------------------------------- dispatch


def read(
    fmt: str,
    path: str | Path,
    *,
    docs: str | Path | None = None,
    text_key: str | None = None,
    categories: bool = True,
) -> list[LabeledDoc]:
    """Read labeled documents in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "gold":
        return load_gold(path, docs, categories=categories)
    if fmt == "labelstudio":
        return read_labelstudio(path, text_key=text_key)
    if fmt == "doccano":
        return read_doccano(path, text_key=text_key)
    if fmt == "conll":
        return read_conll(path)
    if fmt == "docbin":
        return read_docbin(path)
    raise GoalnlpError("E047", fmt=fmt, choices=", ".join(FORMATS))


def dumps(
    fmt: str, docs: Sequence[LabeledDoc], *, rebuild: bool = False, predictions: bool = False
) -> str | bytes:
    """Labeled documents serialized as ``fmt`` (``bytes`` for ``docbin``; not ``gold``, a directory)."""
    if rebuild:
        docs = [LabeledDoc(d.name, d.text, d.spans, _records_for_output(d, True), d.misses, d.warnings) for d in docs]
    if fmt == "labelstudio":
        tasks = to_labelstudio(docs, predictions=predictions)
        return "[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]\n"
    if fmt == "doccano":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(docs))
    if fmt == "conll":
        return to_conll(docs)
    if fmt == "docbin":
        return to_docbin(docs)
    raise GoalnlpError("E047", fmt=fmt, choices=", ".join(f for f in FORMATS if f != "gold"))


def write(
    fmt: str,
    docs: Sequence[LabeledDoc],
    path: str | Path,
    *,
    texts: bool = True,
    rebuild: bool = False,
    predictions: bool = False,
) -> None:
    """Write labeled documents in format ``fmt``; ``path`` is a directory for ``gold``, else a file.

    ``rebuild`` refreshes the records carried along from the spans (see
    :func:`spans_to_records`), for data edited in an annotation tool;
    ``predictions`` writes Label Studio spans as predictions to review.
    """
    if fmt == "gold":
        write_gold(docs, path, texts=texts, rebuild=rebuild)
        return
    data = dumps(fmt, docs, rebuild=rebuild, predictions=predictions)
    p = Path(path)
    try:
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise GoalnlpError("E048", path=str(p), reason=exc.strerror or str(exc)) from exc
