"""Layout: split lines into cells and find the target tables of a document.

A document is a run of lines; a *table* is a title/metadata block followed by an
indicator block (the 绩效指标 part, opened by its header row).  Lines are split
into cells by the delimiter they use — ``|`` (markdown/HTML), tab (Excel), or
runs of spaces (PDF text) — so later stages see the same :class:`Cell` objects
whatever the source format.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import regex

from .doc import Cell, Line


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


# --- cells -----------------------------------------------------------------

_PIPE_SEP_RE = regex.compile(r"^\s*\|?\s*:?-{2,}")
_WS_RE = regex.compile(r"\s+")
_SPACE_SPLIT_RE = regex.compile(r"\S+")
_ODD_SPACE_RE = re.compile("[\x1c-\x1f]")  # str.isspace() but not Unicode White_Space


def line_style(text: str) -> str:
    """``pipe``, ``tab`` or ``space``: how this line separates its cells."""
    if "|" in text:
        s = text.strip()
        if s.startswith("|") or s.count("|") >= 2:
            return "pipe"
    if "\t" in text:
        return "tab"
    return "space"


@functools.lru_cache(maxsize=8192)
def text_width(s: str) -> float:
    """Printed width: CJK and full-width characters 1, ASCII (and curly quotes) 0.5."""
    if s.isascii():
        return 0.5 * (len(s) - s.count(" ") - s.count("\t"))
    ink = "".join(s.split())  # whitespace takes no width (str.split: the same test as isspace)
    half = _HALF_WIDTH_RE.subn("", ink)[1]
    return 0.5 * half + (len(ink) - half)


# Curly quotes are set narrow by most CJK fonts; CJK punctuation takes a full cell.
_NARROW = frozenset("“”‘’")
_HALF_WIDTH_RE = re.compile("[\x00-\u1fff“”‘’]")


def is_separator_row(text: str) -> bool:
    s = text.strip()
    return bool(s) and bool(_PIPE_SEP_RE.match(s)) and not _rx(r"[\p{Han}\d]").search(s)


def split_cells(line: Line) -> list[Cell]:
    """Non-empty cells of a line, each with its column position where known.

    Computed once per line and kept on it: several stages look at the same cells.
    """
    if line.cells is None:
        line.cells = _split_cells(line)
    return line.cells


def _split_cells(line: Line) -> list[Cell]:
    text, disp = line.text, line.disp
    style = line_style(text)
    cells: list[Cell] = []
    if style in ("pipe", "tab"):
        sep = "|" if style == "pipe" else "\t"
        if style == "pipe" and is_separator_row(text):
            return []
        pos = 0
        col = 0
        parts = text.split(sep)
        # "| a | b |" has an empty first and last part that are not columns.
        skip_first = style == "pipe" and text.lstrip().startswith("|")
        for i, part in enumerate(parts):
            start = pos
            pos += len(part) + 1
            if i == 0 and skip_first:
                continue
            t = part.strip()
            if t:
                off = start + (len(part) - len(part.lstrip()))
                d = disp[off : off + len(t)]
                # A tab cell may still hold space-separated tokens (comparator + value).
                # (Positional arguments and the compact text given: Cell() is half as costly.)
                cells.append(Cell(t, d, line.no, col, "", text_width(t), "".join(t.split()).replace("|", "")))
            col += 1
        return cells
    no = line.no
    if _ODD_SPACE_RE.search(text) is None:
        # str.split() splits where \S+ does (no \x1c-\x1f, the only characters that
        # str.isspace() and regex's \s disagree on), and its tokens hold no whitespace, so
        # each starts where find() meets it and its compact form only drops "|".
        pos = 0
        for t in text.split():
            pos = text.find(t, pos)
            end = pos + len(t)
            cells.append(Cell(t, disp[pos:end], no, -1, "", text_width(t), t.replace("|", "")))
            pos = end
    else:
        for m in _SPACE_SPLIT_RE.finditer(text):
            t = m.group(0)
            cells.append(Cell(text=t, disp=disp[m.start() : m.end()], line=no, col=-1, width=text_width(t)))
    if "年 " in text or " 年" in text:
        cells = _join_spaced_dates(text, disp, no, cells)
    return cells


# A date a PDF's text spaces out between figures and characters ("2025 年 8 月底前").
_SPACED_DATE_RE = regex.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底前|底|前|末)?")


def _join_spaced_dates(text: str, disp: str, no: int, cells: list[Cell]) -> list[Cell]:
    """The cells of a line with each date spaced out over several cells made one cell."""
    spans = [m.span() for m in _SPACED_DATE_RE.finditer(text) if " " in m.group()]
    if not spans:
        return cells
    out: list[Cell] = []
    group: tuple[int, int, int] | None = None  # (span index, start, end) of the date being joined
    pos = 0
    for c in cells:
        start = text.find(c.text, pos)
        pos = start + len(c.text)
        k = next((k for k, (a, b) in enumerate(spans) if a <= start < b), None)
        if k is not None and group is not None and group[0] == k:
            group = (k, group[1], pos)
            t = text[group[1] : pos]
            out[-1] = Cell(t, disp[group[1] : pos], no, -1, "", text_width(t), "".join(t.split()).replace("|", ""))
            continue
        group = (k, start, pos) if k is not None else None
        out.append(c)
    return out


def compact(s: str) -> str:
    """``s`` without whitespace or ``|`` (cell text as one string)."""
    return "".join(s.split()).replace("|", "")


def line_comp(line: Line) -> str:
    """``compact(line.text)``, computed once per line (every stage looks at it)."""
    c = line.comp
    if c is None:
        c = line.comp = "".join(line.text.split()).replace("|", "")
    return c


# --- table finding ---------------------------------------------------------

_TITLE_RE = regex.compile(
    r"(?:绩效(?:目标|信息|指标|自评|评价)[^，。；]{0,12}表|整体支出[^，。；]{0,10}表|自评表|绩效目标表|目标申报表|目标批复表)"
)
_PROJECT_KEY_RE = regex.compile(r"^(?:二级项目名称|项目名称|一级项目名称|项目\(?名称\)?)")
_DEPT_NAME_KEY_RE = regex.compile(r"^(?:部门名称|单位名称|预算单位名称|预算部门名称|预算\(单位\)名称|部门\(单位\)名称)")
HEADER_WORDS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标名称",
    "年度指标值",
    "实际完成值",
    "绩效指标值",
    "目标值",
)
_END_RE = regex.compile(
    r"^(?:总分(?:值|数)?(?!\p{Han})|合计得分|(?:合计|总计)(?:[\d.%|]|分值|权重|得分)*$|自评结论|自\s*评\s*结\s*论|联系人|填报人|填表人|审核人|负责人签字|单位负责人|其他说明|备注[:：]|注[:：]|说明[:：]|附件\d|附表\d|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)"
)
# First characters the two key patterns and _END_RE can match: a cheap test before them.
_KEY_FIRST = frozenset("二项一部单预")
_END_FIRST = frozenset("总合自联填审负单其备注说附第一二三四五六七八九十")


_OTHER_TABLE_RE = regex.compile(r"^[^，。；]{0,24}(?:决算|预算|收支|收入|支出|明细|汇总|基本情况|总)[^，。；]{0,8}表$|^公开\d+表$")


def is_other_table_title(c: str) -> bool:
    """The title of a table that is not a target table (决算表, 收支总表 …): it ends the one before."""
    return len(c) <= 30 and c.endswith("表") and bool(_OTHER_TABLE_RE.match(c)) and not is_title(c)


# A web page's heading over its tables, with no 表: "某局2025年度项目支出绩效目标".
_HEADING_TITLE_RE = regex.compile(r"^#{0,6}[^，。；：:]{0,24}(?:19|20)\d{2}年度?[^，。；：:]{0,8}(?:项目|支出|部门|单位)[^，。；：:]{0,6}绩效目标(?:[(（][一二三四五六七八九十\d]{1,2}[)）])?$")


def is_title(c: str) -> bool:
    """A table title line such as ``2024年部门预算项目绩效目标表`` (or a page heading with
    a year ending in 绩效目标)."""
    if len(c) > 40 or len(c) < 4:
        return False
    if "表" not in c:  # every other title pattern ends in 表
        return c.endswith(("绩效目标", ")", "）")) and _HEADING_TITLE_RE.match(c) is not None
    if not _TITLE_RE.search(c):
        return False
    # Prose mentioning a table ("自评情况见附表。") is not a title, nor a link to a file
    # ("附件：…绩效目标表.xls" under a web page's table).
    # A browser's page header (the time it printed the page, then the page's title) neither.
    return not _rx(r"[，。；]|详见|见附|如下|^附件[:：]|\.(?:xlsx?|docx?|pdf|wps|et)$|^\d{1,2}/\d{1,2}/\d{2,4},").search(c)


def header_hits(c: str) -> int:
    if "指标" not in c and "值" not in c:  # every header word holds one of the two
        return 0
    return sum(1 for w in HEADER_WORDS if w in c)


@dataclass
class Region:
    """Line span of one table: metadata lines, then the indicator block."""

    start: int  # index into doc.lines
    end: int  # exclusive
    title: str | None = None
    header: int | None = None  # index of first header line
    body: int | None = None  # index of first line after the header block
    header_cells: list[str] = field(default_factory=list)
    outline: bool = False  # an outline-style list (headings and items), no header row
    scattered: bool = False  # a cell stream whose header cells are printed among its rows


def _header_block(lines: list[Line], i: int) -> tuple[int, list[str]] | None:
    """If an indicator header starts at line i, return (first body line, header cells)."""
    c = line_comp(lines[i])
    if not c:
        return None
    if "一级" in c and ("二级" in c or "三级" in c) and "一级指标" not in c:
        # Header cells wrapped in two: "一级 二级 三级 指标值" / "指标 指标 指标".
        j = i + 1
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j < len(lines):
            tails = [compact(x.text) for x in split_cells(lines[j])]
            if tails and all(t == "指标" for t in tails):
                cells = [compact(x.text) for x in split_cells(lines[i])]
                cells = [x + "指标" if x in ("一级", "二级", "三级") else x for x in cells]
                return j + 1, cells
    if header_hits(c) >= 2 or (("一级指标" in c or "三级指标" in c) and len(c) <= 8):
        cells = [compact(x.text) for x in split_cells(lines[i])]
        j = i + 1
        # Header cells one per line (web pages) or a second header row (符号/值/单位).
        while j < len(lines) and j < i + 14:
            cj = line_comp(lines[j])
            if not cj:
                j += 1
                continue
            sub = [compact(x.text) for x in split_cells(lines[j])]
            if all(is_header_word(s) for s in sub):
                cells.extend(sub)
                j += 1
                continue
            if len(sub) >= 2 and all(_header_tail(s) for s in sub):
                j += 1  # the header's wrapped last lines: "标  （A）  （B）  措施"
                continue
            break
        if header_hits("".join(cells)) >= 2 or len(cells) >= 1:
            return j, cells
    return None


_HEADER_VOCAB_RE = regex.compile(
    r"^\*?(?:一级指标|二级指标|三级指标|指标值|指标名称|说明|备注.*|指标性质|指标方向|绩效指标性质|绩效指标值|绩效度量单位|"
    r"计算符号|计量单位|度量单位|单位|符号|值|权重|指标权重|分值|得分|年度指标值.*|实际完成值.*|未完成原因.*|偏差原因.*|"
    r"原因分析.*|改进措施.*|指标值说明.*|目标值|标准值|评分标准.*|指标解释.*|绩效指标|年度绩效指标|指标内容|完成值|全年实际值)$"
)


_HEADER_NOTE_RE = regex.compile(r"[(（][A-Za-z%＋+\-－\d]*[)）]$")
_HEADER_FULL = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施",
                "未完成原因分析", "度量单位", "计量单位", "指标性质", "指标方向", "指标权重", "执行率")
_BRACKET_NOTE_RE = regex.compile(r"^[(（]?[A-Za-z%＋+\-－/\d]{0,5}[)）]$")


def _header_tail(c: str) -> bool:
    """The last line of a wrapped header cell (``标``, ``措施``, ``（B/A）``, ``）``)."""
    return bool(_BRACKET_NOTE_RE.match(c)) or (
        0 < len(c) <= 6 and any(w.endswith(c) and w != c for w in _HEADER_FULL)
    )


@functools.lru_cache(maxsize=8192)
def is_header_word(c: str) -> bool:
    """A header cell (``三级指标``, ``年度指标值(A)``, ``全年实际值（B）``, ``权重(%)``)."""
    return bool(_HEADER_VOCAB_RE.match(c) or _HEADER_VOCAB_RE.match(_HEADER_NOTE_RE.sub("", c)))


def find_regions(lines: list[Line]) -> list[Region]:
    """Split a document into table regions.

    A region opens at a title line, or at a project/department name key when the
    open region already has its indicator block, or at an indicator header with
    no open region; it closes at the next region or at an end marker (总分,
    自评结论, 联系人 …) after its indicator block.
    """
    regions: list[Region] = []
    cur: Region | None = None
    n = len(lines)
    i = 0
    comp = [line_comp(ln) for ln in lines]
    while i < n:
        c = comp[i]
        if not c:
            i += 1
            continue
        if is_title(c):
            if cur is not None and (cur.header is not None or _has_meta(comp, cur.start, i)):
                cur.end = i
                regions.append(cur)
            # A title with nothing under it yet gives way to the nearer one.
            cur = Region(start=i, end=n, title=lines[i].disp.strip())
            i += 1
            continue
        if c[0] in _KEY_FIRST and (_PROJECT_KEY_RE.match(c) or _DEPT_NAME_KEY_RE.match(c)):
            if cur is None or cur.header is not None:
                if cur is not None:
                    cur.end = i
                    regions.append(cur)
                cur = Region(start=_back_to_unit_line(comp, i), end=n)
            i += 1
            continue
        if cur is not None and cur.header is None and _outline_here(lines, comp, i):
            cur.header = cur.body = i
            cur.outline = True
            i += 1
            continue
        if cur is None or cur.header is None:
            hb = _header_block(lines, i)
            if hb is not None:
                if cur is None:
                    cur = Region(start=i, end=n)
                cur.header = i
                cur.body, cur.header_cells = hb
                i = hb[0]
                continue
        elif (
            cur.header is not None
            and ((c[0] in _END_FIRST and _END_RE.match(c)) or is_other_table_title(c))
            and not _is_heading(c)
        ):
            cur.end = i
            regions.append(cur)
            cur = None
        i += 1
    if cur is not None:
        regions.append(cur)
    for k, r in enumerate(regions):
        if r.header is None and r.title is not None:
            regions[k] = scattered_header(lines, r) or r
    return [_late_header(r, lines) for r in _join_cut_heads([r for r in regions if r.header is not None], lines)]


def _late_header(r: Region, lines: list[Line]) -> Region:
    """Plain pdftotext may print a grid's first header cell (``一级指标``) with the metadata's
    keys, then the metadata's values, then the rest of the header one cell a line (``二级指标``
    / ``三级指标`` / ``指标值`` / ``分值``) right before the rows.  A region whose header is one
    cell, with such a run of header cells further down after lines of other text, has its
    header there: what stands between is metadata."""
    from .rows import role_of_header

    if r.header is None or r.body is None or r.outline or r.scattered or len(r.header_cells) > 1:
        return r
    j = r.body
    other = False
    stop = min(r.end, r.body + 60)
    while j < stop:
        c = line_comp(lines[j])
        if c and len(c) <= 8 and is_header_word(c):
            k = j
            run: list[str] = []
            while k < r.end and (d := line_comp(lines[k])) and len(d) <= 8 and is_header_word(d):
                run.append(d)
                k += 1
            roles = {role_of_header(d) for d in run}
            if other and len(run) >= 3 and "NAME" in roles and roles & {"VALUE", "NUM"}:
                return replace(r, header=j, body=k, header_cells=run)
            j = k
            continue
        if c and not _FIGURE_LINE_RE.match(c):
            other = True  # (a line of text that is no header cell: the metadata's values)
        j += 1
    return r


_FIGURE_LINE_RE = regex.compile(r"^[≥≤=<>]|^\d")

def _join_cut_heads(regions: list[Region], lines: list[Line]) -> list[Region]:
    """Plain pdftotext may print a grid's first header cells and category labels with its
    title, then a note that reads as the table's end (``注：…``), then the metadata's values,
    then the rest of the header and the cells.  A titled region with no target in it, right
    before an untitled one, is that one's top: the two are one table."""
    from .values import value_likeness

    out: list[Region] = []
    for r in regions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and r.title is None
            and prev.title is not None
            and not prev.outline
            and r.start - prev.end <= 40
            and not any(value_likeness(c) >= 0.8 for j in range(prev.body or prev.start, prev.end) if (c := line_comp(lines[j])))
        ):
            out[-1] = Region(start=prev.start, end=r.end, title=prev.title, header=r.header, body=r.body,
                             header_cells=r.header_cells, outline=r.outline, scattered=r.scattered)
            continue
        out.append(r)
    return out


def scattered_header(lines: list[Line], r: Region) -> Region | None:
    """Plain pdftotext may print a grid's header cells after some of its rows, one per
    paragraph among the category labels (``绩效指标性`` / ``质`` … rows … ``一级指标`` /
    ``二级指标`` / ``投入`` …).  A titled region with no header row (or whose outline
    reading found nothing), whose paragraphs name the category, indicator and target
    columns somewhere, is a cell stream from its first header cell: that region, or None."""
    from .rows import role_of_header
    from .stream import is_stream

    heads: list[tuple[int, str]] = []
    for j in range(r.start, r.end):
        c = line_comp(lines[j])
        if c and len(c) <= 10 and is_header_word(c):
            heads.append((j, c))
        elif c and j + 1 < r.end and (d := line_comp(lines[j + 1])) and len(d) <= 2 and is_header_word(c + d):
            heads.append((j, c + d))  # a header cell wrapped in its narrow column ("二级指" / "标")
    roles = {role_of_header(c) for _, c in heads}
    if not heads or "NAME" not in roles or not roles & {"L1", "L2"} or not roles & {"VALUE", "NUM"}:
        return None
    trial = Region(start=r.start, end=r.end, title=r.title, header=heads[0][0], body=heads[0][0] + 1,
                   header_cells=[c for _, c in heads], scattered=True)
    return trial if is_stream(lines, trial, heads_near=1) else None


def _is_heading(c: str) -> bool:
    return _outline_start()(c)


@functools.cache
def _outline_start() -> Callable[[str], bool]:
    """``outline.is_outline_start``, imported once (outline imports this module, so not at
    the top; an import statement in the per-line test costs more than the test often does)."""
    from .outline import is_outline_start

    return is_outline_start


_GRID_HEADS = frozenset({"一级指标", "二级指标", "三级指标", "*一级指标", "*二级指标", "*三级指标"})


def _outline_here(lines: list[Line], comp: list[str], i: int) -> bool:
    """An outline list starts here: a 绩效指标 section line or a category heading,
    not followed by a header row (then it is a grid table's label column)."""
    if not _outline_start()(comp[i]):
        return False
    # Labels stacked beside a grid's column headers (plain pdftotext prints 二级指标 /
    # 产出指标 / 数量指标 … one per paragraph) are the grid's, not an outline's headings.
    # (six cells either side: one per paragraph, blank lines between)
    before = [c for c in comp[max(0, i - 24) : i] if c][-6:]
    after = [c for c in comp[i + 1 : i + 25] if c][:6]
    if any(c in _GRID_HEADS for c in before + after):
        return False
    seen = 0
    for j in range(i + 1, min(len(lines), i + 8)):
        if not comp[j]:
            continue
        if _header_block(lines, j) is not None:
            return False
        seen += 1
        if seen >= 3:
            break
    return True


def _back_to_unit_line(comp: list[str], i: int) -> int:
    """Include a ``单位：万元`` line just above a project key: it sets the funds unit."""
    j = i - 1
    while j >= 0 and j >= i - 3:
        if comp[j].startswith("单位") and "元" in comp[j]:
            return j
        if comp[j]:
            break
        j -= 1
    return i


def _has_meta(comp: list[str], start: int, end: int) -> bool:
    return any(_PROJECT_KEY_RE.match(c) or _DEPT_NAME_KEY_RE.match(c) for c in comp[start:end])


