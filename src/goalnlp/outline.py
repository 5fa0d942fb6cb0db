"""Rows from outline-style target lists (no table grid).

Web pages and Word documents often print the indicators as an outline::

    一、产出指标
    （一）数量指标
    1. 培训人次：≥500人次
    【产出指标-质量指标】
    指标1：验收合格率（≥95%）
    产出—时效：
    完成时间，指标值：2024年12月底前

Headings set the category; each item line gives a name and its target; a
line that is neither continues the open item (a wrapped value or name).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

from .classify import canonical, parse_label
from .doc import Cell, Line, Row
from .layout import compact, text_width


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


_MARK_RE = regex.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．)）]|第[一二三四五六七八九十]+[部分章节、])\s*"
)
_ITEM_MARK_RE = regex.compile(r"^(?:指标\s*\d{1,3}\s*[:：.、．]|\d{1,3}\s*[、.．)）](?!\d)|[(（]\d{1,3}[)）]|[①-⑳])\s*")
_SECTION_RE = regex.compile(r"^(?:(?:年度)?绩效指标|指标体系|绩效目标指标)(?:情况|表)?[:：]?$")
_PAREN_VALUE_RE = regex.compile(r"^(?P<name>.+?)[（(](?P<value>[^()（）]+)[)）]$")
_NOTE_RE = regex.compile(r"[（(](?:说明|备注|注)[:：][^()（）]*[)）]?$")
_VALUE_KEY_RE = regex.compile(r"[，,;；]?\s*(?:年度)?(?:指标值|目标值)\s*[:：为]")
# Self-evaluation items carry the columns of a 自评表 as clauses after the target:
# ``…（≥1次），实际完成：≥1次，权重2分，得分2``.  Each clause opens with a separator and its key.
_TAIL_KEY_RE = regex.compile(
    r"[，,;；]\s*(?:"
    r"(?P<act>(?:全年|年度)?(?:实际完成(?:值|情况)?|实际值|完成值|完成情况)\s*[:：为]?)"
    r"|(?P<wgt>(?:权重|分值|指标分值)\s*[:：为]?\s*(?=\d))"
    r"|(?P<scr>(?:得分|自评得分)\s*[:：为]?\s*(?=\d))"
    r"|(?P<note>(?:偏差|未完成|未达标)?原因(?:分析|说明)?\s*[:：]|(?:改进|整改)措施\s*[:：]|备注\s*[:：])"
    r")"
)
_TAIL_NUMBER_RE = regex.compile(r"\d+(?:\.\d+)?")
# A line cut short in the middle of the first clause's key (``…：≥2个，实际``), or a dangling separator.
_CUT_TAIL_RE = regex.compile(r"[，,;；]\s*(?:实(?:际(?:完(?:成)?)?)?|权(?:重)?|分(?:值)?|得(?:分)?)?\s*$")


@functools.lru_cache(maxsize=8192)
def heading_label(text: str) -> tuple[str | None, str | None] | None:
    """Category of a heading line (``一、产出指标``, ``【产出-数量】``, ``产出—时效：``), else None."""
    c = compact(text)
    c = _MARK_RE.sub("", c)
    c = c.rstrip(":：")
    if not c or len(c) > 40:
        return None
    parts = [p for p in _rx(r"[【】\[\]]+").split(c) if p]
    if not parts:
        return None
    pieces: list[str] = []
    for p in parts:
        pieces.extend(x for x in _rx(r"[-—–/]+").split(p) if x)
    if not pieces:
        return None
    l1: str | None = None
    l2: str | None = None
    for p in pieces:
        a, b = parse_label(p)
        if a is None and b is None:
            return None
        l1 = a or l1
        if b is not None and not (a == "满意度" and b == "服务对象满意度" and p.rstrip("指标") == "满意度" and l2 is None and len(pieces) > 1):
            l2 = b
    if l1 is None and l2 is None:
        return None
    return canonical(l1, l2)


_HINT_RE = regex.compile(r"指标|产出|效益|效果|满意|数量|质量|时效|成本|投入|过程|预算|资产|目标设定|经济|社会|生态|可持续")


@functools.lru_cache(maxsize=8192)
def is_outline_start(text: str) -> bool:
    if len(text) > 80 or not _HINT_RE.search(text):
        return False
    c = _MARK_RE.sub("", compact(text))
    return bool(_SECTION_RE.match(c)) or heading_label(text) is not None


def _sub(line: Line, start: int, end: int) -> Cell:
    """A cell for text[start:end] of a line (text and disp are aligned)."""
    t = line.text[start:end]
    lead = len(t) - len(t.lstrip())
    t = t.strip()
    d = line.disp[start + lead : start + lead + len(t)]
    return Cell(text=t, disp=d, line=line.no, tag="TEXT")


def _split_item(line: Line) -> tuple[Cell | None, Cell | None] | None:
    """(name, value) of an item line; value None when it follows on later lines."""
    text = line.text
    m = _ITEM_MARK_RE.match(text.strip())
    off = len(text) - len(text.lstrip()) + (m.end() if m else 0)
    body = text[off:].rstrip()
    if not body:
        return None
    # name，指标值：value
    k = _VALUE_KEY_RE.search(body)
    if k:
        return _sub(line, off, off + k.start()), _sub(line, off + k.end(), off + len(body))
    # name：value  (first colon outside brackets)
    depth = 0
    for i, ch in enumerate(body):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in ":：" and depth == 0:
            name = _sub(line, off, off + i)
            rest = body[i + 1 :]
            value = _sub(line, off + i + 1, off + len(body)) if rest.strip() else None
            return (name, value) if name.text else None
    # name（value）, perhaps followed by a note: ``指标1：name（value）（说明：…）``
    note = _NOTE_RE.search(body)
    pm = _PAREN_VALUE_RE.match(body[: note.start()].rstrip() if note and note.start() > 0 else body)
    if pm and m:
        from .rows import tag_cell
        from .values import value_likeness

        v = compact(pm.group("value"))
        # After a ``指标N：`` mark the bracket holds the target even when it is words
        # (``（明显改善）``); after a bare number it must read as a value.
        if value_likeness(v) >= 0.6 or (m.group().startswith("指标") and len(v) >= 2 and tag_cell(v) != "UNIT"):
            return _sub(line, off, off + pm.end("name")), _sub(line, off + pm.start("value"), off + pm.end("value"))
    if m:
        return _sub(line, off, off + len(body)), None
    return None


class _Tail:
    """The self-evaluation clauses after an item's target (see ``_TAIL_KEY_RE``)."""

    __slots__ = ("cut", "dangling", "actual", "weight", "score")

    def __init__(self, cut: int, dangling: bool = False) -> None:
        self.cut = cut  # where the item's own text (name and target) ends
        self.dangling = dangling  # cut at a trailing separator or key stub, not at a clause
        self.actual: Cell | None = None
        self.weight: float | None = None
        self.score: float | None = None


def _split_tail(line: Line) -> _Tail | None:
    """Actual value, weight and score written as clauses after the target, if any.

    Only clauses whose key is the first thing after a separator count, and the item must
    keep some text before the first one: a line that is all tail is left to the caller.
    """
    text = line.text
    keys = list(_TAIL_KEY_RE.finditer(text))
    if not keys:
        cut = _CUT_TAIL_RE.search(text)
        return _Tail(cut.start(), dangling=True) if cut is not None and text[: cut.start()].strip() else None
    if not text[: keys[0].start()].strip():
        return None
    tail = _Tail(keys[0].start())
    for k, m in enumerate(keys):
        body_end = keys[k + 1].start() if k + 1 < len(keys) else len(text.rstrip())
        if m.group("act") is not None:
            if tail.actual is None and text[m.end() : body_end].strip():
                tail.actual = _sub(line, m.end(), body_end)
        elif m.group("wgt") is not None or m.group("scr") is not None:
            n = _TAIL_NUMBER_RE.match(text, m.end())
            if n is not None:
                x = float(n.group())
                if m.group("wgt") is not None and tail.weight is None:
                    tail.weight = x
                elif m.group("scr") is not None and tail.score is None:
                    tail.score = x
    return tail


def build_rows_outline(lines: list[Line], start: int, end: int) -> list[Row]:
    """Indicator rows of an outline-style block ``lines[start:end]``."""
    rows: list[Row] = []
    level1: str | None = None
    level2: str | None = None
    cur: Row | None = None
    # The trailing separator cut off the open item's line: its target may wrap onto the
    # next line (``…申请资金，`` / ``财政部门审核后拨付``), which then gets it back.
    stub: Cell | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None and cur.name_parts and cur.value_parts:
            _strip_note(cur)
            rows.append(cur)
        cur = None

    block, cuts_of = _wrapped_items([ln for ln in lines[start:end] if ln.text.strip()])
    i = -1
    while i + 1 < len(block):
        i += 1
        ln = block[i]
        # One logical line joined from two source lines is read as one; its cells are then
        # cut back at the line break (``unjoin``), so each fragment keeps its own line.
        unjoin: Callable[..., list[Cell]] = _as_list
        if ln.no in cuts_of:
            unjoin = functools.partial(_unjoin, ln, cuts_of[ln.no])
        elif i + 1 < len(block) and _joins(ln, block[i + 1], cur):
            nxt = block[i + 1]
            cut = len(ln.text.rstrip())
            ln = Line(no=ln.no, text=ln.text.rstrip() + nxt.text.strip(), disp=ln.disp.rstrip() + nxt.disp.strip())
            unjoin = functools.partial(_unjoin, ln, ((cut, nxt.no),))
            i += 1
        c = compact(ln.text)
        if _SECTION_RE.match(_MARK_RE.sub("", c)):
            continue
        hl = heading_label(ln.text)
        if hl is not None:
            close()
            a, b = hl
            if b is not None:
                level1, level2 = a, b
            else:
                level1 = a
                if level2 is not None and canonical(None, level2)[0] != a:
                    level2 = "服务对象满意度" if a == "满意度" else None
            continue
        tail = _split_tail(ln)
        head = ln if tail is None else Line(no=ln.no, text=ln.text[: tail.cut], disp=ln.disp[: tail.cut])
        item = _split_item(head)
        if item is not None and (item[1] is not None or _ITEM_MARK_RE.match(ln.text.strip())):
            close()
            name, value = item
            cur = Row(level1=level1, level2=level2, category_source="written")
            stub = _sub(ln, tail.cut, len(ln.text)) if tail is not None and tail.dangling else None
            if tail is not None:
                cur.weight, cur.score = tail.weight, tail.score
                _add(cur, cur.actual_parts, unjoin(tail.actual, tail.cut))
            _add(cur, cur.name_parts, unjoin(name))
            _add(cur, cur.value_parts, unjoin(value))
            continue
        if cur is not None:
            glued = _glued_item(ln) if _value_complete(cur) else None
            if glued is not None:
                # ``培训人数≥300人`` under an item whose target is complete: the next item,
                # written without a mark or a colon, not the end of that target.
                close()
                cur, stub = Row(level1=level1, level2=level2, category_source="written"), None
                for part, cell in zip((cur.name_parts, cur.value_parts), glued, strict=True):
                    part.append(cell)
                    cur.touch(cell)
                continue
            if stub is not None and cur.value_parts:
                cur.value_parts.append(stub)
            stub = None
            # A target wrapped onto a line that goes on with the self-evaluation clauses
            # (``指标值：收到申请后`` / ``及时补助，实际完成：…，权重10分``).
            _add(cur, cur.value_parts, unjoin(_sub(ln, 0, len(ln.text) if tail is None else tail.cut)))
            if tail is not None:
                stub = _sub(ln, tail.cut, len(ln.text)) if tail.dangling else None
                if not cur.actual_parts:
                    _add(cur, cur.actual_parts, unjoin(tail.actual, tail.cut))
                cur.weight = tail.weight if cur.weight is None else cur.weight
                cur.score = tail.score if cur.score is None else cur.score
    close()
    for r in rows:
        r.level1, r.level2 = canonical(r.level1, r.level2)
    return rows


def _wrapped_items(block: list[Line]) -> tuple[list[Line], dict[int, tuple[tuple[int, int], ...]]]:
    """Numbered items wrapped over several lines at one width (a report's text: "3、完成农村公路日常
    养护里程：≥2400公里，实际完" / "成：达成年度指标，权重10分，得分10") joined
    into one logical line each, with where each later source line starts in it.

    Only in a block of at least three numbered items whose lines run to one width: a line
    that fills it goes on on the next line unless that one starts a numbered item or a
    heading.  Elsewhere the block is as it was."""
    widths = [text_width(ln.text.strip()) for ln in block]
    marked = sum(1 for ln in block if _ITEM_MARK_RE.match(ln.text.strip()))
    if marked < 3 or not widths:
        return block, {}
    # Wrapped by rendered width (Han characters full, Latin and digits half) or, by some
    # extractors, by characters: a line near either limit is full.
    lens = [len(ln.text.strip()) for ln in block]
    wrap, wrap_n = max(widths), max(lens)
    full = [w >= wrap - 1.5 or n >= wrap_n - 1.5 for w, n in zip(widths, lens, strict=True)]
    if wrap < 16 or sum(full) < 3:
        return block, {}
    out: list[Line] = []
    cuts_of: dict[int, tuple[tuple[int, int], ...]] = {}
    i = 0
    while i < len(block):
        ln = block[i]
        if not _ITEM_MARK_RE.match(ln.text.strip()):
            out.append(ln)
            i += 1
            continue
        text, disp, cuts = ln.text.rstrip(), ln.disp.rstrip(), []
        j = i
        while (
            full[j]
            and j + 1 < len(block)
            and not _ITEM_MARK_RE.match(block[j + 1].text.strip())
            and not is_outline_start(block[j + 1].text)
            and heading_label(block[j + 1].text) is None
        ):
            j += 1
            cuts.append((len(text), block[j].no))
            text += block[j].text.strip()
            disp += block[j].disp.strip()
        if cuts:
            ln = Line(no=ln.no, text=text, disp=disp)
            cuts_of[ln.no] = tuple(cuts)
        out.append(ln)
        i = j + 1
    return out, cuts_of


def _as_list(cell: Cell | None, lo: int = 0) -> list[Cell]:
    return [] if cell is None else [cell]


def _add(row: Row, part: list[Cell], cells: list[Cell]) -> None:
    for c in cells:
        part.append(c)
        row.touch(c)


def _unjoin(joined: Line, cuts: tuple[tuple[int, int], ...], cell: Cell | None, lo: int = 0) -> list[Cell]:
    """``cell`` of a logical line joined from several source lines, as its fragments on each
    (``cuts``: where each later line's text starts in the joined text, and its number;
    ``lo``: where in the joined text the cell starts at the earliest)."""
    if cell is None:
        return []
    start = joined.text.find(cell.text, lo)
    if start < 0:
        return [cell]
    end = start + len(cell.text)
    bounds = [(start, cell.line)]
    for off, no in cuts:
        if off >= end:
            break
        if off <= start:
            bounds[0] = (start, no)
        else:
            bounds.append((off, no))
    out: list[Cell] = []
    for k, (a, no) in enumerate(bounds):
        z = bounds[k + 1][0] if k + 1 < len(bounds) else end
        text = cell.text[a - start : z - start].strip()
        if text:
            out.append(Cell(text=text, disp=cell.disp[a - start : z - start].strip(), line=no, tag=cell.tag))
    return out


def _joins(ln: Line, nxt: Line, cur: Row | None) -> bool:
    """Whether ``nxt`` is the rest of ``ln`` cut by the line end, one logical item line:
    a ``指标值：`` key cut in two (``…，指`` / ``标值：100%``), a bracketed target closing on
    the next line (``指标1：…（医保窗口搬迁及整体布`` / ``置）``), or an item's name wrapped
    before the line that holds its key (``…减轻、医`` / ``保基金高效运行，指标值：…``)."""
    a, b = ln.text.rstrip(), nxt.text.strip()
    if _ITEM_MARK_RE.match(b) or is_outline_start(nxt.text) or is_outline_start(ln.text):
        return False
    m = _VALUE_KEY_RE.search(a[-6:] + b[:8])
    if m is not None and m.start() < min(len(a), 6) < m.end():
        return True  # the key itself is cut
    item = _ITEM_MARK_RE.match(a.strip())
    if item is not None and _VALUE_KEY_RE.search(a) is None:
        body = a.strip()[item.end() :]
        opened = body.count("(") + body.count("（") - body.count(")") - body.count("）")
        if opened > 0 and ":" not in body and "：" not in body:
            head = b[:20]
            return head.count(")") + head.count("）") >= opened
    if item is None and _VALUE_KEY_RE.search(a) is None and ":" not in a and "：" not in a:
        k = _VALUE_KEY_RE.search(b)
        if k is None or _rx(r"[，,;；:：]").search(b, 0, k.start()) is not None:
            return False
        from .values import value_likeness

        if value_likeness(compact(a)) >= 0.6:
            return False  # a line that reads as a target continues the open item's
        return cur is None or _value_complete(cur)
    return False


def _value_complete(r: Row) -> bool:
    """The item's target reads as a whole value (a wrapped target would not)."""
    from .values import value_likeness

    return bool(r.value_parts) and value_likeness(compact("".join(c.text for c in r.value_parts))) >= 0.6


_NOT_A_NAME_START = frozenset("的和及或与、，,；;：:（(")


def _glued_item(line: Line) -> tuple[Cell, Cell] | None:
    """(name, value) of a line holding one name glued to its quantity target, else None."""
    from .rows import split_glued
    from .values import value_likeness

    text = line.text.strip()
    if not text or text[0] in _NOT_A_NAME_START:
        return None
    rows = split_glued(Cell(text=text, disp=text, line=line.no))
    if len(rows) != 1 or len(rows[0]) != 2:
        return None
    name, value = rows[0]
    if len(name.comp) < 4 or value_likeness(name.comp) >= 0.3 or value_likeness(value.comp) < 0.6:
        return None
    off = len(line.text) - len(line.text.lstrip())
    a = off + text.find(name.text)
    b = off + text.find(value.text, a + len(name.text))
    return _sub(line, a, a + len(name.text)), _sub(line, b, b + len(value.text))


def _strip_note(r: Row) -> None:
    """Drop a trailing ``（说明：…）`` from the value: notes belong to no field."""
    joined = "".join(c.text for c in r.value_parts)
    m = _NOTE_RE.search(joined)
    if not m:
        return
    # Cut the value cells at the note's start.
    cut = m.start()
    kept: list[Cell] = []
    pos = 0
    for c in r.value_parts:
        n = len(c.text)
        if pos + n <= cut:
            kept.append(c)
        elif pos < cut:
            k = cut - pos
            kept.append(Cell(text=c.text[:k], disp=c.disp[:k], line=c.line, tag=c.tag))
        pos += n
    r.value_parts = kept
    r.lines = {c.line for c in r.name_parts + kept}
