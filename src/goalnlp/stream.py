"""Rows from a stream of cells: ruled grids flattened by ``pdftotext`` without ``-layout``.

Without ``-layout`` pdftotext prints every cell of a ruled grid as a paragraph of its own
(blank lines between), in its own reading order: mostly row by row (name, symbol, number,
unit), but cells it takes for a column block can come before their row's name (``100`` /
``%`` / ``资金使用合规率`` / ``=``), names can come in a run before their targets, merged
category cells arrive in runs, metadata cells can stand inside the grid, and a label can
share a paragraph with a name (``社会效益指 社会影响力`` / ``标``).

So the reader (1) cuts the paragraphs into cells, (2) builds targets from symbol, number and
unit cells, (3) decides for each text cell whether it is a name, a worded target or a note
with a small Viterbi decoder (value-likeness of the text; costs for targets printed before
their names and for several names waiting at once), and (4) pairs names with targets in
order, letting a target's kind pick among waiting names (a date for ``…时间``, ``元`` for
``…成本``).  Positions are lost, so categories are carried forward from the last label seen.
In self-evaluation and weighted tables the actual value, weight and score printed after a
target go with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import regex

from .classify import canonical, is_label, is_label_piece, leading_label_words, parse_label
from .doc import Cell, Line, Row
from .layout import Region, compact, is_header_word, text_width
from .pairing import Candidates, PairingModel, default_model
from .rows import (
    _CONT_END_SET,
    _CONT_START_SET,
    _VALUE_TAIL_RE,
    _is_page_number,
    crosses_word,
    is_meta_key,
    name_header_at,
    tag_cell,
)
from .values import parse_value, quantity_only, value_likeness

# Header cells of the columns that put more than a target in a row (self-evaluation and
# weighted tables); pdftotext may cut them ("全年实际值（" / "B）").
_SCORE_HEADS = [
    (regex.compile(r"^(?:实际完成值|全年实际值|实际完成情况|实际值|完成值)"), "ACTUAL"),
    (regex.compile(r"^(?:权重|指标权重|分值)"), "WEIGHT"),
    (regex.compile(r"^得分"), "SCORE"),
]
_NOTE_PUNCT_RE = regex.compile(r"[，。；;]")
# The grades a self-evaluation gives in its actual-value column (达成年度指标, 部分达成年度指标
# 并具有一定效果, 未达成年度指标且效果较差): never a name.
_GRADE_RE = regex.compile(r"^(?:部分|未)?达成(?:年度)?(?:指标|目标)")
# A cell with no letter, digit or character ("-", "/", "——"): no name either.
_NO_WORD_RE = regex.compile(r"^[^\p{L}\p{N}]+$")
# Names end so (预算执行率 is no slip of 预算执行指): such a cell is never a label piece.
_NAME_END_RE = regex.compile(r"[率数量额费次性]$")

_WORDS_RE = regex.compile(r"\S+")  # (compiled once: regex.finditer(str, …) looks it up every call)


def is_stream(lines: list[Line], region: Region, *, heads_near: int = 2) -> bool:
    """A region printed one cell per paragraph: single-cell lines, blank lines between
    (``heads_near``: header cells among its first 16, when its header is not scattered)."""
    if region.outline or region.header is None:
        return False
    body = lines[region.header : region.end]
    texts = [ln.text.strip() for ln in body]
    filled = [t for t in texts if t]
    if len(filled) < 8 or len(texts) - len(filled) < 0.3 * len(filled):
        return False
    if any("  " in t or "|" in t or "\t" in t for t in filled):
        return False
    first = [compact(t) for t in filled[:17]] + [""]
    # (a header cell wrapped in a narrow column counts: "二级指" / "标")
    heads = [c for c, d in zip(first[:16], first[1:], strict=False) if is_header_word(c) or is_header_word(c + d)]
    if len(heads) < heads_near:
        return False
    # A target stands in a paragraph of its own; paragraphs that end in one after other
    # lines are whole rows (web pages copied one cell per line, a blank line per row).
    paras: list[list[str]] = [[]]
    for t in texts:
        if t:
            paras[-1].append(t)
        elif paras[-1]:
            paras.append([])
    valued = [p for p in paras if p and tag_cell(p[-1]) in ("VAL", "NUM", "UNIT")]
    if valued and sum(len(p) > 1 and tag_cell(p[-2]) == "TEXT" for p in valued) > 0.3 * len(valued):
        return False
    return True


def _columns(lines: list[Line], region: Region) -> frozenset[str]:
    """Which of the ACTUAL, WEIGHT and SCORE columns the region's header cells name."""
    assert region.header is not None
    found: set[str] = set()
    para = ""  # the paragraph so far: a header cell wrapped a character a line ("分" / "值")
    for ln in lines[region.header : region.end]:
        c = compact(ln.text)
        para = para + c if c else ""
        if len(c) <= 10:
            for t in [c, *ln.text.split(), para if c != para and len(para) <= 6 else ""]:
                # (分值 得分: two header cells on a line)
                for rx, col in _SCORE_HEADS:
                    if t and rx.match(t):
                        found.add(col)
    return frozenset(found)


def _units(body: list[Line]) -> list[Cell]:
    """The cells of the stream: paragraphs, with label lines and unwrapped lines taken apart."""
    cells: list[Cell] = []
    run: list[Line] = []
    last_other: Cell | None = None  # the last text cell of the paragraph before

    def piece(ln: Line, a: int, b: int) -> Cell:
        """Characters a..b of a line (text and display form share positions)."""
        t = ln.text[a:b]
        return Cell(text=t, disp=ln.disp[a:b], line=ln.no, width=text_width(t))

    def flush() -> None:
        for k in range(len(run) - 1):
            if compact(run[k].text) == "绩效" and compact(run[k + 1].text) == "指标":
                del run[k : k + 2]  # the side label (绩效指标) printed down the grid, amid its cells
                break
        beside = _untangle_label(run)
        whole = compact("".join(ln.text for ln in run))
        if len(run) > 1 and is_header_word(whole):
            cells.append(piece(run[0], 0, len(run[0].text)))  # "计量单" / "位": a header cell, skipped
            cells[-1].comp = whole
            run.clear()
            return
        nonlocal last_other
        labels: list[Cell] = []
        others: list[Cell] = []
        trailing: list[Cell] = []
        prev_line: str | None = None  # the last line put in others[-1]
        squeezed = False  # the line before held label pieces, then a name's first words
        for ln in run:
            if last_other is not None and _sentence_goes_on(last_other.comp, compact(ln.text)):
                # A note's sentence wrapped into the next paragraph ("资金到位较" / "晚，导致…").
                _extend(last_other, piece(ln, 0, len(ln.text)))
                last_other.comp = compact(last_other.text)
                continue
            last_other = None
            spans = [m.span() for m in _WORDS_RE.finditer(ln.text)]
            n_labels = leading_label_words([ln.text[a:b] for a, b in spans])
            if squeezed and 1 < len(spans) == n_labels and not is_label_piece(compact(ln.text)):
                n_labels -= 1  # "益指标 率": the last word ends the name beside the label
            # "社会效益指 社会影响力": label pieces squeezed before a name.
            if ln.no in beside:
                cur = piece(ln, spans[0][0], spans[-1][1])
                cur.tag = "TEXT"  # the name the label was wrapped around, whatever it reads like
            elif 0 < n_labels < len(spans) and not is_label_piece(compact(ln.text)):
                labels.extend(piece(ln, *sp) for sp in spans[:n_labels])
                cur = piece(ln, spans[n_labels][0], spans[-1][1])
                if (
                    squeezed
                    and others
                    and prev_line is not None
                    and len(prev_line) + 1 >= len(cur.comp)
                    and tag_cell(cur.comp) not in ("CMP", "NUM")
                ):
                    # Both columns wrapped, line by line ("社会效 群众文化活动参与" /
                    # "益指标 率"): the name's next line, whatever it reads like.
                    _extend(others[-1], cur)
                    prev_line = cur.comp
                    continue
                squeezed = True
            elif is_label_piece(compact(ln.text)) and (
                labels or len(run) > 1 and any(is_label_piece(compact(x.text)) for x in run if x is not ln)
            ):
                tail = compact(ln.text)
                if (
                    squeezed
                    and others
                    and len(tail) <= 3
                    and not ((nxt := _next_comp(run, ln)) and is_label(tail + nxt))  # ("质量" / "指标")
                    and is_label(lab := "".join(c.comp for c in labels))
                    and not is_label_piece(lab + tail)
                ):
                    # "数量指 围栏铺设长" / "标" / "度": the label is whole; the piece ends the name.
                    _extend(others[-1], piece(ln, spans[0][0], spans[-1][1]))
                    prev_line = others[-1].comp
                    continue
                labels.append(piece(ln, spans[0][0], spans[-1][1]))
                continue
            elif not trailing and _label_after_name(prev_line, compact(ln.text)):
                trailing.append(piece(ln, spans[0][0], spans[-1][1]))  # (after its name, as printed)
                continue
            else:
                cur = piece(ln, spans[0][0], spans[-1][1])
            prev = others[-1] if others else None
            if prev is not None and prev_line is not None and not is_meta_key(cur.comp) and (
                _wraps(prev_line, cur.comp) or _sentence_goes_on(prev.comp, cur.comp)
            ):
                _extend(prev, cur)
            else:
                others.append(cur)
            prev_line = cur.comp
        # Label lines: pieces of one label are joined ("满意度指" / "标"), whole labels stay apart.
        acc: list[Cell] = []
        for lab in labels:
            if acc and is_label("".join(c.comp for c in acc)) and is_label(lab.comp):
                cells.append(_joined(acc))
                acc = []
            acc.append(lab)
        if acc:
            cells.append(_joined(acc))
        cells.extend(others)
        cells.extend(trailing)
        if others and not trailing:
            last_other = others[-1]
        run.clear()

    for ln in body:
        if ln.text.strip():
            run.append(ln)
        elif run:
            flush()
    if run:
        flush()
    return cells


def _next_comp(run: list[Line], ln: Line) -> str:
    """The compact text of the line after ``ln`` in its paragraph ("" at its end)."""
    k = next(k for k, x in enumerate(run) if x is ln)
    return compact(run[k + 1].text) if k + 1 < len(run) else ""


def _untangle_label(run: list[Line]) -> set[int]:
    """A label wrapped around a label-like name beside it, line by line (``服务对象满`` /
    ``满意度`` / ``意度``: pdftotext read the two cells' lines in turns, and every line reads as
    a piece of a label): the label joined first, in place; the line numbers of such names."""
    names: set[int] = set()
    i = 0
    while i + 2 < len(run):
        a, b, c = (compact(ln.text) for ln in run[i : i + 3])
        if a and b and c and not is_label(a) and is_label_piece(a) and is_label_piece(b) and is_label(a + c) and len(c) <= 3:
            joined = Line(run[i].no, run[i].text.strip() + run[i + 2].text.strip(), run[i].disp.strip() + run[i + 2].disp.strip())
            run[i : i + 3] = [joined, run[i + 1]]
            names.add(run[i + 1].no)
        i += 1
    return names


def _extend(cell: Cell, more: Cell) -> None:
    """Put a wrapped line's piece at the end of its cell."""
    cell.text += more.text
    cell.disp += more.disp
    cell.comp += more.comp
    cell.width += more.width
    cell.last_line = more.last_line or more.line


# A line that opens by finishing a clause ("晚，导致…", "滞后，已督促…"): the rest of a sentence.
_CLAUSE_TAIL_RE = regex.compile(r"^\p{Han}{1,4}[，；;]")  # (not 、: names list items with it)
_SENTENCE_END = frozenset("。；;！!？?")


def _sentence_goes_on(prev: str, c: str) -> bool:
    """Paragraph ``c`` carries on the unfinished sentence ``prev`` (a reason or a note cut
    into paragraphs by pdftotext): it opens by ending a clause, ``prev`` ends on a comma, or
    it is a short piece ending the sentence that ``prev`` began."""
    if not prev or not c or prev[-1] in _SENTENCE_END or tag_cell(c) != "TEXT" or is_label_piece(c):
        return False
    if tag_cell(prev) != "TEXT":
        return False  # a weight, a score, a target: no sentence goes on from it
    if _CLAUSE_TAIL_RE.match(c) or prev[-1] in "，、":
        return True
    # "…已督促实施单位" / "加快进度。": a short piece that ends the sentence.
    return c[-1] == "。" and len(c) <= 10 and "，" in prev


def _label_after_name(prev: str | None, c: str) -> bool:
    """``c``, a whole category label (``质量指标``), under a line that ended a name: pdftotext
    put the label cell printed beside the next row right under the name, no blank between."""
    if prev is None or not is_label(c):
        return False
    return c.endswith("指标") or prev[-1:] in _CLOSED_END


def _kind(c: str) -> str:
    """SKIP (header, page number, label piece), LABEL, or the cell tag (CMP, NUM, UNIT, VAL, DIR, TEXT)."""
    if not c or _is_page_number(c) or is_header_word(c) or any(rx.fullmatch(c) for rx, _ in _SCORE_HEADS):
        return "SKIP"
    if any(is_header_word(c[:i]) and is_header_word(c[i:]) for i in range(2, len(c) - 1)):
        return "SKIP"  # two header cells one space apart (分值 得分)
    if parse_label(c) != (None, None):
        return "LABEL"
    t = tag_cell(c)
    if t not in ("CMP", "NUM", "UNIT") and is_label_piece(c) and not _NAME_END_RE.search(c):
        return "SKIP"  # a piece of a label wrapped apart from it ("标")
    return t


def _joined(cells: list[Cell]) -> Cell:
    text = "".join(c.comp for c in cells)
    disp = "".join("".join(c.disp.split()) for c in cells)
    return Cell(text=text, disp=disp, line=cells[0].line, last_line=cells[-1].line, width=text_width(text))


def _wraps(p: str, c: str) -> bool:
    """Does line c continue the cell whose text so far ends with line p?"""
    if tag_cell(c) != "TEXT" and not _VALUE_TAIL_RE.match(c):
        return False  # "2025年10月底前" / "≤ 6.5": a line that starts a target starts a cell
    if p[-1:] == "。" or is_header_word(c):
        return False  # a finished sentence (the year's goal), then the grid's header
    if _VALUE_TAIL_RE.match(c) or p[-1:] in _CONT_END_SET or c[:1] in _CONT_START_SET or crosses_word(p, c):
        return True
    if _CLAUSE_TAIL_RE.match(c):
        return True  # "资金到位较" / "晚，导致…": a sentence's clause ends on the next line
    if p[-1:] in _CLOSED_END and value_likeness(c) <= 0.2 and len(c) >= 4:
        return False  # "…（按实际发生数计算）" / "实际完成率": two names, one under the other
    # A wrapped line fills the cell: at least as long as the line after it.
    return len(p) >= 6 and len(p) + 1 >= len(c)


_CLOSED_END = frozenset("）)率数量度性")


@dataclass
class _Item:
    """A unit of the stream: a target built from symbol/number/unit cells, a text cell
    (a name, a worded target or a note: the decoder decides), or a category label."""

    kind: str  # VALUE | TEXT | LABEL
    cells: list[Cell]
    tags: list[str] = field(default_factory=list)
    actual: list[Cell] = field(default_factory=list)
    weight: float | None = None
    score: float | None = None


def _ends_in_number(c: str) -> bool:
    """``≥ 12``, ``至少二百``: a target still waiting for its unit."""
    return c[-1:].isdigit() or c[-1:] in "零一二两三四五六七八九十百千万亿"


def _drop_qualitative(it: _Item) -> None:
    """定性 / 定量 in the 符号 column is no part of the target after it."""
    if it.cells and it.cells[0].comp in ("定性", "定量"):
        del it.cells[0]
        del it.tags[0]


# A self-evaluation's funds block and goal heads, printed inside the grid's cell stream: its
# column heads, its row keys and their figures are no indicator.
_FUNDS_HEAD_RE = regex.compile(
    r"^(?:(?:年初预算数|全年预算数|全年执行数|预算数|执行数|执行率)(?:[(（][A-C][)）])?|[(（][A-C][)）]"
    r"|年度总体目标|总体目标|预期目标|实际完成情况)$"
)
_FUNDS_ROW_RE = regex.compile(r"^(?:年度资金总额|资金总额|财政拨款|其中[:：]?财政拨款|上年结转|其他资金|其他)[:：]?$")
_FUNDS_FIGURE_RE = regex.compile(r"^(?:-?[\d,]+(?:\.\d+)?%?|[-—/])$")


# Keys whose value is a body (实施单位, 主管部门), and how such a body's name ends.
_BODY_KEY_RE = regex.compile(r"^(?:实施单位|主管部门|项目单位|预算单位|主管单位|项目实施单位)[:：]?$")
_BODY_END_RE = regex.compile(r"(?:中心|局|所|院|站|队|馆|委员会|办公室|公司|学校|大学)$")


def _items(cells: list[Cell]) -> list[_Item]:
    """Group the typed cells: ``≥`` ``95`` ``%`` is one target, ``定性`` ``合理`` too."""
    items: list[_Item] = []
    cur: _Item | None = None

    def close() -> None:
        nonlocal cur
        if cur is None:
            return
        if all(t == "CMP" for t in cur.tags):
            # A symbol printed after its number (its column read later) joins the target
            # before it when that has none; 定性 alone says nothing.
            prev = next((x for x in reversed(items[-2:]) if x.kind == "VALUE"), None)
            if prev is not None and "CMP" not in prev.tags and cur.cells[0].comp not in ("定性", "定量"):
                prev.cells.insert(0, cur.cells[0])
                prev.tags.insert(0, "CMP")
        else:
            items.append(cur)
        cur = None

    after_key = False
    in_funds = False
    for cell in cells:
        k = "TEXT" if cell.tag == "TEXT" else _kind(cell.comp)
        key_value, after_key = after_key, False
        if in_funds and (_FUNDS_FIGURE_RE.match(cell.comp) or _FUNDS_ROW_RE.match(cell.comp)):
            continue  # a funds row's figures (预算数, 执行数, 分值, 执行率, 得分)
        in_funds = bool(_FUNDS_ROW_RE.match(cell.comp))
        if in_funds or _FUNDS_HEAD_RE.match(cell.comp):
            close()
            continue
        if k in ("SKIP", "DIR"):
            continue
        if k == "TEXT" and is_meta_key(cell.comp):
            close()
            if _BODY_KEY_RE.match(cell.comp) and items and items[-1].kind == "TEXT" and _BODY_END_RE.search(
                _text(items[-1])
            ):
                items.pop()  # its value printed before it ("某县道路运输服务中心" / "实施单位")
                continue
            after_key = True  # 实施单位 / 项目负责人及电话 …: the cell right after it is its value
            continue
        if key_value and k != "LABEL":
            continue
        if k == "LABEL":
            close()
            items.append(_Item("LABEL", [cell]))
        elif k == "CMP":
            close()
            cur = _Item("VALUE", [cell], ["CMP"])
        elif k == "NUM":
            if cur is not None and any(t in ("NUM", "VAL") for t in cur.tags):
                close()
            if cur is None:
                cur = _Item("VALUE", [], [])
            cur.cells.append(cell)
            cur.tags.append("NUM")
        elif k == "UNIT":
            if cur is not None and cur.tags[-1] in ("NUM", "VAL") and _ends_in_number(cur.cells[-1].comp):
                cur.cells.append(cell)
                cur.tags.append("UNIT")
                close()
            else:
                close()
                # (a unit read after the next cells: the latest target, if it waits for one, past
                # up to five labels and names; pdftotext may print a unit column after a page break)
                prev = next((x for x in reversed(items[-6:]) if x.kind == "VALUE"), None)
                if prev is not None and _ends_in_number(prev.cells[-1].comp) and "UNIT" not in prev.tags:
                    prev.cells.append(cell)
                    prev.tags.append("UNIT")
        elif k == "VAL":
            if cur is not None and cur.tags != ["CMP"]:
                close()
            if cur is not None:
                _drop_qualitative(cur)
            if cur is None:
                cur = _Item("VALUE", [], [])
            cur.cells.append(cell)
            cur.tags.append("VAL")
            if not _ends_in_number(cell.comp):
                close()
        elif cur is not None and cur.tags == ["CMP"] and (
            cur.cells[0].comp in ("定性", "定量") or value_likeness(cell.comp) >= 0.8
        ):
            _drop_qualitative(cur)
            cur.cells.append(cell)  # 定性 / 合理
            cur.tags.append("VAL")
            close()
        else:
            close()
            items.append(_Item("TEXT", [cell]))
    close()
    return items


def _as_worded_target(it: _Item) -> None:
    """A text item read as a worded target (its place among the cells says so)."""
    it.kind, it.tags = "VALUE", ["VAL"] * len(it.cells)


def _text(it: _Item) -> str:
    return "".join(c.comp for c in it.cells)


def _bare_number(it: _Item) -> float | None:
    if it.kind == "VALUE" and it.tags == ["NUM"]:
        try:
            return float(it.cells[0].comp.replace(",", ""))
        except ValueError:
            return None
    return None


def _fold_scores(items: list[_Item], columns: frozenset[str]) -> list[_Item]:
    """In a self-evaluation or weighted table, put each target's actual value, weight and
    score (the cells pdftotext prints right after it: ``≥ 48个`` ``≧48个`` ``3`` ``3``) on it."""
    if not columns:
        return items
    out: list[_Item] = []
    for i, it in enumerate(items):
        grade = it.kind == "TEXT" and bool(_GRADE_RE.match("".join(c.comp for c in it.cells)))
        if grade and "ACTUAL" in columns and out and out[-1].kind == "TEXT" and not out[-1].actual:
            _as_worded_target(out[-1])  # a worded target, graded
        if (
            it.kind == "TEXT"
            and "ACTUAL" in columns
            and len(out) >= 2
            and out[-1].kind == out[-2].kind == "TEXT"
            and not out[-1].actual
            and i + 1 < len(items)
            and _bare_number(items[i + 1]) is not None
            and min(value_likeness(_text(out[-1])), value_likeness(_text(it))) >= 0.5
        ):
            # name, worded target, worded actual, weight ("生态保护意识" "进一步增强" "已完成" "10")
            _as_worded_target(out[-1])
            out[-1].actual = it.cells
            continue
        num = _bare_number(it)
        if (
            num is not None
            and "WEIGHT" in columns
            and len(out) >= 2
            and out[-1].kind == out[-2].kind == "TEXT"
            and value_likeness(_text(out[-1])) >= 0.5
            and value_likeness(_text(out[-1])) > value_likeness(_text(out[-2]))
        ):
            # name, worded target, weight ("社会影响力" "明显提升" "20"): the target's weight
            _as_worded_target(out[-1])
        prev = out[-1] if out and out[-1].kind == "VALUE" else None
        if prev is not None and num is not None:
            if "WEIGHT" in columns and prev.weight is None:
                prev.weight = num
                continue
            if "SCORE" in columns and prev.score is None and (prev.weight is not None or "WEIGHT" not in columns):
                prev.score = num
                continue
        if (
            prev is not None
            and "ACTUAL" in columns
            and not prev.actual
            and prev.weight is None
            and it.kind in ("VALUE", "TEXT")
            and (
                it.kind == "VALUE"
                or (i + 1 < len(items) and _bare_number(items[i + 1]) is not None)
                or grade
            )
        ):
            prev.actual = it.cells  # (a worded actual value sits between its target and the weight)
            continue
        out.append(it)
    return out


# Decoder costs: a target printed before its name, a second name (or target) waiting, and
# anything still waiting at the end.  Tuned on real pdftotext output of drawn tables.
_EARLY_VALUE = 1.5
_SECOND_WAITING = 2.0
_LEFT_OVER = 2.0
_MAX_WAITING = 3


# How 说明 cells say where a figure comes from ("以主管部门统计数据为准", "按实际发生数计算",
# "根据上级下达的目标任务确定", "指年度内累计完成数"): a note, when it names no figure itself.
_SOURCE_NOTE_RE = regex.compile(
    r"^(?:以.{1,14}为准|按.{1,16}(?:计算|测算|统计)|根据.{1,18}(?:确定|测算)|参照.{1,18}(?:测算|确定)|指.{2,16}[数值])[。；]?$"
)


def _text_costs(c: str) -> dict[str, float]:
    if _GRADE_RE.match(c) or _NO_WORD_RE.match(c):
        return {"VALUE": 0.0, "NOTE": 0.5}
    if _SOURCE_NOTE_RE.match(c) and not any(ch.isdigit() for ch in c):
        return {"NOTE": 0.3, "VALUE": 3.0, "NAME": 4.0}
    likeness = value_likeness(c)
    if likeness >= 1.0 and quantity_only(c):
        return {"VALUE": 0.0, "NOTE": 6.0}  # "94%以上", "大约403次": no indicator is named so
    p = min(0.95, max(0.05, likeness))
    sentence = bool(_NOTE_PUNCT_RE.search(c))  # 说明 / 原因 sentences; names and targets are phrases
    note = (0.3 if len(c) > 12 else 2.5) if sentence else 6.0
    long_sentence = sentence and len(c) > 12
    closed = c.endswith("。")  # a finished sentence: a note, the year's goal, a reason
    name = -math.log(1 - p) + (3.0 if long_sentence else 0.0) + (3.0 if closed else 0.0)
    value = -math.log(p) + (2.0 if long_sentence else 0.0) + (3.0 if closed else 0.0)
    if long_sentence and closed:
        return {"VALUE": value, "NOTE": note}  # a finished sentence of clauses names nothing
    return {"NAME": name, "VALUE": value, "NOTE": note}


def _decode(items: list[_Item]) -> list[str]:
    """Role of each item (NAME, VALUE, NOTE, LABEL) with the least cost (Viterbi).

    The state is how many names (> 0) or targets (< 0) wait for their partner.
    """
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for it in items:
        if it.kind == "LABEL":
            best = {w: (cost, path + ["LABEL"]) for w, (cost, path) in best.items()}
            continue
        costs = {"VALUE": 0.0} if it.kind == "VALUE" else _text_costs("".join(c.comp for c in it.cells))
        nxt: dict[int, tuple[float, list[str]]] = {}
        for w, (cost, path) in best.items():
            for role, emit in costs.items():
                if role == "NOTE":
                    w2, pen = w, 0.0
                elif role == "NAME":
                    w2, pen = w + 1, (_SECOND_WAITING if w >= 1 else 0.0)
                else:
                    w2, pen = w - 1, (_EARLY_VALUE + (_SECOND_WAITING if w <= -1 else 0.0) if w <= 0 else 0.0)
                if abs(w2) > _MAX_WAITING:  # (the oldest waiting one is given up)
                    w2, pen = max(-_MAX_WAITING, min(_MAX_WAITING, w2)), pen + _LEFT_OVER
                total = cost + emit + pen
                if w2 not in nxt or total < nxt[w2][0]:
                    nxt[w2] = (total, path + [role])
        best = nxt
    _, path = min((cost + _LEFT_OVER * abs(w), path) for w, (cost, path) in best.items())
    return path


_TIME_NAME_RE = regex.compile(r"时间|时限|日期|期限|进度|完成时")
_RATE_NAME_RE = regex.compile(r"(?:率|度|比例|比重|占比)$")
_MONEY_NAME_RE = regex.compile(r"成本|资金|经费|费|金额|投入|标准|补助|补贴|额")


def _fits(name: str, value: _Item) -> int:
    """1 when a target's kind matches its name's (a date for 时间, % for 率, 元 for 成本), -1
    when it contradicts it, 0 when neither: pairs names and targets the order left open."""
    text = "".join(c.comp for c in value.cells)
    p = parse_value(text)
    rate = bool(_RATE_NAME_RE.search(name))
    time = not rate and bool(_TIME_NAME_RE.search(name))  # (支付进度率 is a rate)
    if p.kind == "date":
        return 1 if time else -1
    if time and p.kind == "quantity" and p.unit not in ("天", "日", "个工作日", "工作日", "小时", "个月", "月"):
        return -1
    unit = p.unit or ""
    if unit in ("%", "‰"):
        return 1 if rate else (-1 if _measure_of_name(name) else 0)
    if "元" in unit:
        return 1 if _MONEY_NAME_RE.search(name) else -1
    want, have = _measure_of_name(name), _measure_of_unit(unit)
    if want and have:
        return 1 if want == have else -1
    return 0


# What a name measures (by its last words) and what a unit measures: a target in 平方公里
# is no 人口 count, a % is no 年限.
_NAME_MEASURES = [
    (regex.compile(r"(?:年限|寿命)$"), "years"),
    (regex.compile(r"(?:人数|人次|人口|人员数?)$"), "people"),
    (regex.compile(r"面积$"), "area"),
    (regex.compile(r"(?:里程|长度)$"), "length"),
    (regex.compile(r"(?:次数|场次)$"), "times"),
]
_UNIT_MEASURES = [
    (regex.compile(r"^(?:年)$"), "years"),
    (regex.compile(r"^(?:万)?(?:人|人次|名)"), "people"),
    (regex.compile(r"^(?:万)?(?:亩|公顷|平方米|平方公里|m2|m²)"), "area"),
    (regex.compile(r"^(?:公里|千米|米|km)"), "length"),
    (regex.compile(r"^(?:次|场|期|批)"), "times"),
]


def _measure_of_name(name: str) -> str | None:
    return next((m for rx, m in _NAME_MEASURES if rx.search(name)), None)


def _measure_of_unit(unit: str) -> str | None:
    return next((m for rx, m in _UNIT_MEASURES if rx.match(unit)), None)


def _region(lines: list[Line], region: Region) -> tuple[list[_Item], list[str]]:
    """The region's items and their decoded roles."""
    assert region.header is not None
    items = _fold_scores(_items(_units(lines[region.header : region.end])), _columns(lines, region))
    # Plain pdftotext may print the metadata's values (project, department, the year's goal)
    # between the grid's first header cells and its indicator column's: text there, with no
    # target before that column's header, is no indicator.
    j = name_header_at(lines, region.header, region.end)
    if j is not None:
        head = lines[j].no
        if not any(it.kind == "VALUE" and it.cells[0].line < head for it in items):
            items = [it for it in items if it.kind != "TEXT" or it.cells[0].line > head]
    return items, _decode(items)


def _candidates(items: list[_Item], roles: list[str]) -> Candidates:
    names = {i: "".join("".join(c.disp for c in items[i].cells).split()) for i, r in enumerate(roles) if r == "NAME"}
    return Candidates(roles, lambda ni, vi: _fits(names[ni], items[vi]))


def build_rows_stream(lines: list[Line], region: Region, model: PairingModel | None = None) -> list[Row]:
    """Indicator rows of a region printed one cell per paragraph (see the module docstring);
    names and targets paired by ``model`` (the shipped :mod:`goalnlp.pairing` model)."""
    items, roles = _region(lines, region)
    rows: list[Row] = []
    row_at: dict[int, Row] = {}
    level1: str | None = None
    level2: str | None = None
    label_line = -1
    for i, (it, role) in enumerate(zip(items, roles, strict=True)):
        if role == "LABEL":
            l1, l2 = parse_label(it.cells[0].comp)
            level1, level2 = (l1, l2) if l2 else (l1, None if l1 != level1 else level2)
            label_line = it.cells[0].line
        elif role == "NAME":
            r = Row()
            for c in it.cells:
                r.name_parts.append(c)
                r.touch(c)
            r.level1, r.level2 = canonical(level1, level2)
            # A label printed on the name's own line is its row's; one carried from a run
            # of labels printed elsewhere is a guess (the pipeline's classifier decides).
            r.category_source = "written" if label_line == it.cells[0].line and level2 else "guessed"
            rows.append(r)
            row_at[i] = r
    for ni, vi in (model or default_model()).pair(_candidates(items, roles)):
        r, value = row_at[ni], items[vi]
        r.value_parts = list(value.cells)
        r.actual_parts = list(value.actual)
        r.weight, r.score = value.weight, value.score
        for c in value.cells + value.actual:
            r.touch(c)
    # Merged category cells printed after the table's last row belong to the rows that
    # came before any label.
    last_name = max((i for i, role in enumerate(roles) if role == "NAME"), default=len(roles))
    tail = [parse_label(it.cells[0].comp) for it, role in zip(items[last_name:], roles[last_name:], strict=True)
            if role == "LABEL"]
    if tail:
        t1 = next((l1 for l1, l2 in tail if l1 and not l2), None)
        t2 = next((l2 for _, l2 in tail if l2), None)
        for r in rows:
            if r.level1 is None and r.level2 is None:
                r.level1, r.level2 = canonical(t1, t2)
    return [r for r in rows if r.value_parts]


def pairing_examples(lines: list[Line], region: Region, records: list[dict]) -> tuple[list[list[str]], list[int]]:
    """Training data for the pairing model from one stream region: every (name, target)
    candidate's features, labelled 1 where the name and target text are a gold record's."""
    from .evaluate import normalize_text

    gold = {(normalize_text(r.get("name")), normalize_text(r.get("value_text"))) for r in records if r.get("record") == "indicator"}
    items, roles = _region(lines, region)
    cands = _candidates(items, roles)
    X: list[list[str]] = []
    y: list[int] = []
    for ni, row in zip(cands.names, cands.features, strict=True):
        name = normalize_text("".join(c.disp for c in items[ni].cells))
        for vi, f in zip(cands.values, row, strict=True):
            X.append(f)
            y.append(int((name, normalize_text("".join(c.disp for c in items[vi].cells))) in gold))
    return X, y
