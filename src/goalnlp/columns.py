"""Rows from column-aligned text (``pdftotext -layout`` and fixed-width exports).

In such text every cell keeps its horizontal position, so a fragment belongs
to the header column it stands under, and a cell wrapped over lines continues
in the same column on the next lines.  Rows are rebuilt per column first
(fragments → cells, by wrap width and word continuity), then across columns
by vertical overlap with the name cells, which copes with cells printed on a
row's first line or vertically centred.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field, replace

import regex

from .classify import (
    canonical,
    is_label_piece,
    is_label_prefix,
    is_level1_label,
    leading_label_words,
    parse_label,
)
from .doc import Cell, Line, Row
from .layout import Region, compact, is_header_word, line_comp, text_width
from .rows import (
    _CONT_END_SET,
    _CONT_START_SET,
    _VALUE_TAIL_RE,
    SIDE_LABEL_PIECES,
    _is_page_number,
    crosses_word,
    grade_goes_on,
    is_grade_start,
    no_cell_line,
    role_of_header,
    tag_cell,
)
from .values import is_unit, split_quantity, value_likeness

_GAP_RE = regex.compile(r"\S+(?: \S+)*")
_CMP_ONLY_RE = regex.compile(r"^(?:[≥≤=<>]|>=|<=|大于等于|小于等于|不少于|不低于|不超过|不高于|大于|小于|高于|低于|至少|达到|约)$")

_WORDS_RE = regex.compile(r"\S+")  # (compiled once: regex.finditer(str, …) looks it up every call)


@dataclass
class _Frag:
    line: int  # index into the body
    x: int
    cell: Cell


@dataclass
class _CellSpan:
    col: int
    frags: list[_Frag] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.frags[0].line

    @property
    def bottom(self) -> int:
        return self.frags[-1].line


def _cols(s: str) -> int:
    """Display columns of s: East Asian wide characters take two, as on a text grid."""
    if s.isascii():  # no ASCII character is wide (the gaps between cells are spaces)
        return len(s)
    return len(s) + sum(map(_WIDE.__getitem__, s))


class _WideMap(dict[str, int]):
    """1 when ``east_asian_width(ch) in "WF"``, else 0, per character seen (a dict that fills
    itself: ``map(d.__getitem__, s)`` runs in C, a Python loop with ``get`` does not)."""

    def __missing__(self, ch: str) -> int:
        w = self[ch] = int(unicodedata.east_asian_width(ch) in "WF")
        return w


_WIDE = _WideMap()


def segments(line: Line, *, wide: bool = True) -> list[tuple[int, Cell]]:
    """Cells of a line separated by two or more spaces, with their start columns.

    Some tools pad by display width (a CJK character fills two columns), others,
    such as pdftotext ``-layout``, put one character per grid cell; ``wide``
    chooses the measure (see :func:`_best_measure`).
    """
    out: list[tuple[int, Cell]] = []
    x = 0
    pos = 0
    raw = line.disp
    for m in _GAP_RE.finditer(line.text):
        x += _cols(raw[pos : m.start()]) if wide else m.start() - pos
        pos = m.start()
        t = m.group(0)
        d = raw[m.start() : m.end()]
        out.append((x, Cell(t, d, line.no, -1, "", text_width(t), "".join(t.split()).replace("|", ""))))
    return out




def _header_word(w: str) -> bool:
    """A header cell, or its first line where it wraps (``一级指`` / ``标``)."""
    return bool(role_of_header(w)) or (len(w) >= 3 and w.endswith("指") and bool(role_of_header(w + "标")))


def header_segments(line: Line, *, wide: bool = True) -> list[tuple[int, Cell]]:
    """:func:`segments` of a header line, where header cells one space apart (pdftotext:
    ``分值 得分``) are cells of their own."""
    out: list[tuple[int, Cell]] = []
    for x, cell in segments(line, wide=wide):
        words = list(_WORDS_RE.finditer(cell.text))
        if len(words) > 1 and all(_header_word(m.group()) or m.group() in SIDE_LABEL_PIECES for m in words):
            for m in words:
                if m.group() in SIDE_LABEL_PIECES:
                    continue  # "绩效指 一级指标 二级指标": a piece of the 绩效指标 label printed down the side
                t, d = m.group(), cell.disp[m.start() : m.end()]
                px = x + (_cols(cell.disp[: m.start()]) if wide else m.start())
                out.append((px, Cell(t, d, cell.line, -1, "", text_width(t), compact(t))))
        else:
            out.append((x, cell))
    return out


def _starts(line: Line, wide: bool) -> list[int]:
    """The start columns of :func:`segments`, without building cells."""
    out: list[int] = []
    x = 0
    pos = 0
    raw = line.disp
    for m in _GAP_RE.finditer(line.text):
        x += _cols(raw[pos : m.start()]) if wide else m.start() - pos
        pos = m.start()
        out.append(x)
    return out


def is_positional(lines: list[Line], region: Region) -> bool:
    """Does this region print its cells at fixed columns (gaps of 2+ spaces)?"""
    if region.header is None or region.body is None:
        return False
    head = lines[region.header].text
    # (The cheap test first; the cells are only counted, so no Cell is built.)
    if "  " not in head.strip() or sum(1 for _ in _GAP_RE.finditer(head)) < 3:
        return False
    body = [ln for ln in lines[region.body : region.end] if ln.text.strip() and not no_cell_line(ln.text.strip(), line_comp(ln))]
    if not body:
        return False
    if any("|" in ln.text or "\t" in ln.text for ln in body[:20]):  # (a site's footer links aside)
        return False
    spaced = sum(1 for ln in body if "  " in ln.text.strip() or ln.text.startswith("   "))
    return spaced >= 0.4 * len(body)


# header_stack's answer: (start, role) of stacked header cells, first body line, the pieces' texts.
_Stack = tuple[list[tuple[int, str]], int, frozenset[str]]


def _best_measure(lines: list[Line], region: Region) -> tuple[bool, _Stack]:
    """Measure columns in display width (True) or characters (False): whichever puts
    more of the body's cell starts under a header cell and at fewer distinct columns.
    Returns the measure and the :func:`header_stack` read with it (the stacked cells
    count as header cells)."""
    assert region.header is not None and region.body is not None
    body = [ln for ln in lines[region.body : region.end] if ln.text.strip()][:60]
    best: tuple[bool, _Stack] | None = None
    best_hits = float("-inf")
    for wide in (True, False):
        stack = header_stack(lines, region, wide=wide)
        # x is under a header cell starting at s0 when -3 <= x - s0 <= 2.
        heads = _starts(lines[region.header], wide) + [x for x, _ in stack[0]]
        near = {s0 + d for s0 in heads for d in range(-3, 3)}
        starts = [_starts(ln, wide) for ln in body]
        # In the right measure a column's cells start at one column on every line; in the
        # wrong one they drift with the wide characters before them (more distinct starts).
        hits = sum(1 for st in starts for x in st if x in near) - 0.5 * len({x for st in starts for x in st})
        if hits > best_hits:
            best, best_hits = (wide, stack), hits
    assert best is not None
    return best


def _moved_header(
    lines: list[Line], region: Region, cols: list[tuple[int, str]], body_start: int, pieces: frozenset[str], wide: bool
) -> tuple[int, int] | None:
    """(first line of its block, header line) of the first header row repeated in the body
    whose columns stand more than two columns away from the region's header's."""
    at = {role: x for x, role in cols if role}
    for i in range(body_start, region.end):
        segs = header_segments(lines[i], wide=wide)
        if len(segs) < 3 or not all(is_header_word(c.comp) for _, c in segs):
            continue
        here = {role_of_header(c.comp): x for x, c in segs}
        if "NAME" not in here or not any(abs(x - at[r]) > 2 for r, x in here.items() if r in at):
            continue
        block = i
        while block - 1 >= body_start and all(
            is_header_word(c.comp) or c.comp in pieces for _, c in segments(lines[block - 1], wide=wide)
        ):
            block -= 1  # (blank lines and pieces of a header cell wrapped above it)
        return block, i
    return None


def header_columns(
    lines: list[Line], region: Region, role_of: dict[str, str], *, wide: bool = True
) -> list[tuple[int, str]]:
    """(start column, role) of each header cell; roles from the row builder's map."""
    cols: list[tuple[int, str]] = []
    assert region.header is not None
    for x, cell in header_segments(lines[region.header], wide=wide):
        c = cell.comp
        cols.append((x, role_of.get(c) or role_of_header(c)))
    return cols


def _seg_kind(cell: Cell, n: int, last: int) -> str | None:
    """What a cell on a table line looks like: a weight (a bare number ending its line), a
    target, a name (words that are no category label, and open with none), or none of these."""
    w = cell.comp
    if _BARE_NUMBER_RE.match(w):
        return "WEIGHT" if n == last and n > 0 else None
    if _whole_target(w) or (len(w) <= 12 and value_likeness(w) >= 0.85):
        return "VALUE" if n > 0 else None
    if (
        4 <= len(w) <= 30
        and not _CLAUSE_RE.search(w)
        and parse_label(w) == (None, None)
        and not is_label_piece(w)
        and not is_label_piece(cell.text.split()[0])
    ):
        return "NAME"  # (not a sentence: a reason or a note)
    return None


_CLAUSE_RE = regex.compile(r"[，。；;、]")


def _kinds_fit(kinds: list[list[tuple[int, str]]], starts: list[int], cols: list[tuple[int, str]]) -> int:
    """How many cells of known kind fall in a column of their kind under ``starts``."""
    fit = 0
    for line in kinds:
        for x, kind in line:
            role = cols[_column_of(x, starts)][1]
            fit += role == kind or (kind == "VALUE" and role in ("NUM", "CMP"))
    return fit


def _page_starts(
    block: list[Line], starts: list[int], cols: list[tuple[int, str]], wide: bool
) -> list[int] | None:
    """The column starts on a later page of a table, where pdftotext ``-layout`` laid the page
    out afresh and the columns moved (no header repeated there to say so): where that page's
    names, targets and weights start, the other columns moved as their neighbour did.  Taken
    only where they put clearly more of the page's names, targets and weights in their own
    columns than the header page's starts do; None otherwise."""
    kinds: list[list[tuple[int, str]]] = []
    for ln in block:
        c = line_comp(ln)
        if not c or no_cell_line(ln.text.strip(), c):
            continue
        segs = segments(ln, wide=wide)
        if not segs or all(is_header_word(x.comp) for _, x in segs):
            continue
        kinds.append([(x, k) for n, (x, cell) in enumerate(segs) if (k := _seg_kind(cell, n, len(segs) - 1))])
    est: dict[int, int] = {}
    graded = any(r == "ACTUAL" for _, r in cols)
    for role in ("NAME", "VALUE", "WEIGHT"):
        xs = [x for line in kinds for x, k in line if k == role]
        k = next((j for j, (_, r) in enumerate(cols) if r == role or (role == "VALUE" and r in ("NUM", "CMP"))), None)
        if k is None or len(xs) < 2:
            continue
        counts: dict[int, int] = {}
        for x in xs:
            counts[x] = counts.get(x, 0) + 1
        if role == "NAME":
            x0 = max(counts, key=lambda x: (counts[x], -x))  # names start at one place, left-aligned
        else:
            x0 = sorted(xs)[len(xs) // 5]  # targets and weights are centred: near the leftmost
        if (role == "NAME" or graded) and not ((k == 0 or x0 > starts[k - 1]) and (k + 1 == len(cols) or x0 < starts[k + 1])):
            # Names move a little, never past where their neighbours stood; so do a
            # self-evaluation's columns (its actual values are figures as well).
            continue
        est[k] = x0
    if any(est[a] >= est[b] for a in est for b in est if a < b):
        return None  # the columns keep their order
    if not est or all(abs(x - starts[k]) <= 2 for k, x in est.items()):
        return None
    out = list(starts)
    first = min(est)
    for j in range(len(cols)):
        if j in est:
            out[j] = est[j]
        elif j > first:
            near = max(k for k in est if k < j)
            out[j] = starts[j] + est[near] - starts[near]
    # (the category columns left of the names keep their starts: labels sit at the table's edge)
    for j in range(first - 1, -1, -1):
        out[j] = min(out[j], out[j + 1] - 1)
    for j in range(1, len(out)):
        out[j] = max(out[j], out[j - 1] + 1)
    before, after = _kinds_fit(kinds, starts, cols), _kinds_fit(kinds, out, cols)
    return out if after >= before + 2 and after >= 1.2 * before else None


def _shifted_blocks(
    body: list[Line], starts: list[int], cols: list[tuple[int, str]], wide: bool
) -> list[tuple[int, int]]:
    """Runs of three or more body lines whose targets all start well off the targets' column,
    the same way (pdftotext laid part of a page out with other column widths): (first, end)
    indices."""
    k = next((j for j, (_, r) in enumerate(cols) if r in ("VALUE", "NUM", "CMP")), None)
    if k is None or any(r == "ACTUAL" for _, r in cols):
        return []  # (a self-evaluation's actual values stand right of its targets, as figures too)
    out: list[tuple[int, int]] = []
    run: list[int] = []  # lines of the current run that hold a target
    shift = 0

    def close() -> None:
        if len(run) >= 3:
            out.append((run[0], run[-1] + 1))

    for i, ln in enumerate(body):
        if not ln.text.strip():
            continue
        segs = segments(ln, wide=wide)
        xs = [x for n, (x, c) in enumerate(segs) if _seg_kind(c, n, len(segs) - 1) == "VALUE"]
        if not xs:
            continue
        d = xs[0] - starts[k]
        if abs(d) > 6 and (not run or d * shift > 0):
            if not run:
                shift = d
            run.append(i)
            continue
        close()
        run = []
    close()
    return out


def build_rows_positional(
    lines: list[Line], region: Region, roles_for: dict[str, str], pages: list[int | None] | None = None
) -> list[Row]:
    """Indicator rows of a column-aligned region (``pages``: each source line's page, where
    the text came with page breaks)."""
    wide, (stacked, body_start, pieces) = _best_measure(lines, region)
    cols = header_columns(lines, region, roles_for, wide=wide)
    if stacked:
        if any(r == "NUM" for _, r in stacked):
            cols = [c for c in cols if c[1] != "VALUE"]  # 指标值 over its 符号 | 值 | 单位 columns
        # A piece of a stacked cell printed on the header line (``（`` of ``权重`` / ``（`` /
        # ``%）``) is no column of its own.
        cols = sorted([c for c in cols if c[1] or not any(abs(c[0] - x) <= 2 for x, _ in stacked)] + stacked)
    moved = _moved_header(lines, region, cols, body_start, pieces, wide)
    if moved is not None:
        # A header repeated after a page break with its columns elsewhere: the rows below
        # it are read by its own columns.
        block, repeat = moved
        before = replace(region, end=block)
        after = Region(start=block, end=region.end, title=region.title, header=repeat, body=repeat + 1,
                       header_cells=[c.comp for _, c in header_segments(lines[repeat], wide=wide)])
        return build_rows_positional(lines, before, roles_for, pages) + build_rows_positional(lines, after, roles_for, pages)
    body = lines[body_start : region.end]
    head_starts = _column_starts(lines, region, cols, body, wide=wide)
    line_starts = [head_starts] * len(body)
    if pages:
        def page(ln: Line) -> int | None:
            return pages[ln.no - 1] if 0 < ln.no <= len(pages) else None

        head_page = page(lines[region.header]) if region.header is not None else None
        i = 0
        while i < len(body):
            p = page(body[i])
            j = i
            while j < len(body) and page(body[j]) == p:
                j += 1
            if p is not None and head_page is not None and p != head_page:
                moved_starts = _page_starts(body[i:j], head_starts, cols, wide)
                if moved_starts is not None:
                    line_starts[i:j] = [moved_starts] * (j - i)
            i = j
    for i, j in _shifted_blocks(body, head_starts, cols, wide):
        if line_starts[i] is head_starts:
            moved_starts = _page_starts(body[i:j], head_starts, cols, wide)
            if moved_starts is not None:
                line_starts[i:j] = [moved_starts] * (j - i)
    per_col: dict[int, list[_Frag]] = {k: [] for k in range(len(cols))}
    header_like = [False] * len(body)
    for i, ln in enumerate(body):
        c = line_comp(ln)
        if not c or no_cell_line(ln.text.strip(), c):
            continue
        segs = segments(ln, wide=wide)
        if segs and all(is_header_word(s.comp) for _, s in segs):
            header_like[i] = True
            continue  # repeated header row after a page break
        if pieces and segs and all(s.comp in pieces or is_header_word(s.comp) for _, s in segs):
            near = range(max(0, i - 2), min(len(body), i + 3))
            if any(header_like[j] for j in near) or any(
                all(is_header_word(s.comp) for _, s in segments(body[j], wide=wide)) and line_comp(body[j])
                for j in near if j > i
            ):
                continue  # a wrapped header cell's pieces around the repeated header row
        starts = line_starts[i]
        segs = _split_at_columns(segs, starts, cols, wide)
        last_k = -1
        line_roles = [cols[_column_of(x, starts)][1] for x, _ in segs]
        for n_seg, (x, cell) in enumerate(segs):
            k = _column_of(x, starts)
            if (
                line_roles[n_seg] == "L2"
                and "NAME" not in line_roles
                and any(r in ("VALUE", "NUM", "CMP") for r in line_roles[n_seg + 1 :])
                and cell.comp == parse_label(cell.comp)[1]
                and _label_just_above(cell.comp, i, [f for j, (_, r) in enumerate(cols) if r in ("L1", "L2") for f in per_col[j]])
                and not _name_beside(i, body, per_col, cols, starts, wide)
            ):
                # The category in force printed again on a line with a target and no name
                # near is the row's name (``服务对象满意度`` is both a category and an
                # indicator of it).
                k = next((j for j in range(k + 1, len(cols)) if cols[j][1] == "NAME"), k)
            if (
                cols[k][1] == "NAME"
                and k + 1 < len(cols)
                and cols[k + 1][1] in ("VALUE", "CMP", "NUM")
                and len(segs) == 1
                and x >= starts[k] + 12
                and (split_quantity(cell.comp) is not None or _FULL_DATE_RE.search(cell.comp) is not None)
            ):
                # A target alone on its line, centred in its column and wider than it, starts
                # under the names' column, far right of where names start ("2025年12月底前完成").
                k = next(j for j in range(k + 1, len(cols)) if cols[j][1] in ("VALUE", "NUM"))
            if cols[k][1] == "VALUE" and is_grade_start(cell.comp):
                # A grade centred in the actual column, wider than it, starts under the targets.
                k = next((j for j in range(k + 1, len(cols)) if cols[j][1] == "ACTUAL"), k)
            if (
                cols[k][1] == "NAME"
                and per_col[k]
                and per_col[k][-1].line == i
                and _whole_target(cell.comp)
            ):
                # A target after the name a label was peeled from (a label, a name, then a
                # date starting left of the targets' column) is the row's target.
                k = next((j for j in range(k + 1, len(cols)) if cols[j][1] in ("VALUE", "NUM")), k)
            if (
                cols[k][1] == "NOTE"
                and _whole_target(cell.comp)
                and not any(r in ("VALUE", "NUM", "CMP", "ACTUAL") for r in line_roles)
                and any(r == "NAME" for r in line_roles[:n_seg])
            ):
                # Cells a fixed number of spaces apart, not at their columns (OCR'd text): a
                # whole target right after the name, under the notes, is the row's target.
                k = next((j for j in range(len(cols)) if cols[j][1] in ("VALUE", "NUM")), k)
            if (
                cols[k][1] == "NAME"
                and x < starts[k]
                and k > 0
                and cols[k - 1][1] in ("L1", "L2")
                and n_seg + 1 < len(segs)
                and len(cell.comp) <= 3
                and is_label_piece(cell.comp)
                and _column_of(segs[n_seg + 1][0], starts) == k
            ):
                # A label's last piece within the slack left of the names' column, the name
                # after it ("标  开展道路安全隐患排"): the piece is the label's.
                k -= 1
                line_roles[n_seg] = cols[k][1]
            if (
                cols[k][1] == "NOTE"
                and k > last_k + 1
                and cols[k - 1][1] == "UNIT"
                and tag_cell(cell.comp) == "UNIT"
            ):
                # A unit centred under a unit header one space before the notes' header
                # (``度量单位 备注``) starts right of where the notes' column does.
                k -= 1
            if k <= last_k and last_k + 1 < len(cols):
                k = last_k + 1  # two cells of a line in one column: the second reaches left from the next
            last_k = k
            if (
                cols[k][1] == "CMP"
                and k + 1 < len(cols)
                and cols[k + 1][1] in ("NUM", "VALUE")
                and not _CMP_ONLY_RE.match(cell.comp)
                and cell.comp not in ("定性", "定量")
            ):
                k += 1  # a long target centred in the 值 column reaches left under 符号
            words = cell.text.split()
            if (
                cols[k][1] == "L1"
                and k + 1 < len(cols)
                and cols[k + 1][1] == "L2"
                and len(words) == 2
                and leading_label_words(words) == 2
                and parse_label(words[1])[1]
            ):
                # 一级 and 二级 labels one space apart (``满意度(10分) 服务对象满意度``).
                _cut_into(per_col, i, x, cell, cell.text.index(words[1], len(words[0])), k, k + 1, wide)
                continue
            glued = _glued_label(cell.text) if cols[k][1] in ("L1", "L2") and "NAME" not in line_roles else None
            if glued is not None:
                # "成本指标活动场均补助标准": a label ending in 指标 and the name, no space between.
                name_k = next((j for j in range(k + 1, len(cols)) if cols[j][1] == "NAME"), None)
                if name_k is not None:
                    _cut_into(per_col, i, x, cell, glued, k, name_k, wide, starts[name_k])
                    last_k = name_k
                    continue
            if (
                cols[k][1] in ("L1", "L2")
                and k + 1 < len(cols)
                and not is_label_piece(cell.comp)
                and not is_header_word(cell.comp)
                and (x > starts[k] + 1 or is_label_piece(cell.text.split(" ", 1)[0]))
                and (len(segs) > 1 or (i > 0 and line_comp(body[i - 1])) or _label_then_name(cell.text))
            ):
                # pdftotext squeezes a row's name into the category column, or behind a
                # label with one space between: what is no piece of a label is the name.
                name_k = next((j for j in range(k + 1, len(cols)) if cols[j][1] == "NAME"), k + 1)
                l2_k = k + 1 if cols[k][1] == "L1" and cols[k + 1][1] == "L2" else None
                for pk, px, part in _peel_label(cell, x, k, name_k, starts, wide, l2_k):
                    cut = _name_then_target(part) if cols[pk][1] == "NAME" and n_seg + 1 == len(segs) else None
                    v_k = next((j for j in range(pk + 1, len(cols)) if cols[j][1] in ("VALUE", "NUM")), None)
                    if cut is not None and v_k is not None:
                        # "效益指标 老年居民出行便利程度 明显提高": labels, the name, its target
                        _cut_into(per_col, i, px, part, cut, pk, v_k, wide)
                        continue
                    per_col[pk].append(_Frag(line=i, x=px, cell=part))
                continue
            if (
                cols[k][1] == "NAME"
                and len(words) >= 2
                and _CMP_ONLY_RE.match(words[-1])
                and "CMP" not in line_roles[:n_seg]
                and (c_k := next((j for j in range(k + 1, len(cols)) if cols[j][1] == "CMP"), None)) is not None
            ):
                # "低收入住房困难家庭纳入保障户数 ≥": a long name and the symbol one space after it.
                _cut_into(per_col, i, x, cell, cell.text.rindex(words[-1]), k, c_k, wide, starts[c_k])
                last_k = c_k
                continue
            if cols[k][1] == "NAME" and not any(r in ("VALUE", "NUM", "CMP") for r in line_roles[n_seg + 1 :]):
                cut = _name_then_target(cell)
                if cut is not None:
                    # A name filling its column and its target one space after it, printed as
                    # one cell.
                    v_k = next((j for j in range(k + 1, len(cols)) if cols[j][1] in ("VALUE", "NUM")), None)
                    if v_k is not None:
                        _cut_into(per_col, i, x, cell, cut, k, v_k, wide)
                        last_k = v_k
                        continue
            if cols[k][1] in ("VALUE", "NUM") and not any(r in ("WEIGHT", "SCORE") for r in line_roles[n_seg + 1 :]):
                w_k = next((j for j in range(k + 1, len(cols)) if cols[j][1] == "WEIGHT"), None)
                cut = _target_then_weight(cell) if w_k is not None else None
                if w_k is not None and cut is not None:
                    # A target and its weight one space apart, printed as one cell.
                    _cut_into(per_col, i, x, cell, cut, k, w_k, wide)
                    last_k = w_k
                    continue
            per_col[k].append(_Frag(line=i, x=x, cell=cell))
    name_cols = {k for k, (_, r) in enumerate(cols) if r == "NAME"}
    if not name_cols:
        return []
    # Names first (by wrap width and label lines), then the other columns, whose
    # cells cannot run past the start of a new name, then names again split where
    # two targets start inside one of them.
    names: list[_CellSpan] = []
    for k in name_cols:
        names.extend(_cells_of_column(k, per_col[k], "NAME"))
    name_starts = {n.top for n in names}

    name_lines = {f.line for k in name_cols for f in per_col[k]}

    def other_cells(breaks: set[int]) -> list[_CellSpan]:
        out: list[_CellSpan] = []
        for k, frags in per_col.items():
            if k not in name_cols:
                out.extend(_cells_of_column(k, frags, cols[k][1], breaks=breaks, name_lines=name_lines))
        return out

    spans = other_cells(name_starts)
    value_starts = sorted(s.top for s in spans if cols[s.col][1] in ("VALUE", "NUM", "CMP"))
    # A row has one weight, never wrapped: where two targets ran together (a worded one
    # filling its column over the next), the weights still tell the rows apart.
    weight_starts = sorted(s.top for s in spans if cols[s.col][1] == "WEIGHT")
    wmax = {k: max((f.cell.width for f in per_col[k]), default=0.0) for k in name_cols}
    names = sorted(
        (p for n in names for p in _split_at_values(n, _anchors(n, value_starts, weight_starts), wmax[n.col])),
        key=lambda s: s.top,
    )
    if {n.top for n in names} != name_starts:
        # Two names one under the other, taken for one wrapped name until a symbol or
        # number started a row between them: no other cell runs past that start either.
        spans = other_cells({n.top for n in names})
    spans = _recentre(spans, names, cols)
    names = _split_stacked_names(names, spans, cols)
    rows: list[Row] = [Row() for _ in names]
    for r, s in zip(rows, names, strict=True):
        for f in s.frags:
            r.name_parts.append(f.cell)
            r.touch(f.cell)
    cats: list[tuple[int, str, _CellSpan]] = []
    name_spans = [(n.top, n.bottom) for n in names]
    spans, stacked = _unstack(spans, names, name_spans, cols)
    for s in spans:
        role = cols[s.col][1]
        if s.col in name_cols or not role:
            continue
        if role in ("L1", "L2"):
            cats.append((s.top, role, s))
            continue
        owner = stacked.get(id(s))
        if owner is None:
            owner = _owner(s, names, name_spans)
        if owner is None:
            continue
        _fill(rows[owner], role, s)
    rows, names = _join_wrapped_tails(rows, names)
    rows, names = _attach_orphans(rows, names)
    _assign_categories(rows, names, cats)
    return [r for r in rows if r.name_parts and (r.value_parts or r.weight is not None)]


_SIDE_ROLES = frozenset({"CMP", "NUM", "UNIT", "VALUE", "ACTUAL", "WEIGHT", "SCORE", "DIR"})


def _split_stacked_names(names: list[_CellSpan], spans: list[_CellSpan], cols: list[tuple[int, str]]) -> list[_CellSpan]:
    """A "wrapped name" of K lines with no target beside any of them, followed by exactly K
    lines of targets and no other name: K names written as a block (see :func:`_unstack`),
    one a line."""
    side = [s for s in spans if cols[s.col][1] in _SIDE_ROLES]
    side_lines = {f.line for s in side for f in s.frags}
    out: list[_CellSpan] = []
    for j, n in enumerate(names):
        k = len(n.frags)
        lines = [f.line for f in n.frags]
        nxt = names[j + 1].top if j + 1 < len(names) else 10**9
        below = sorted({ln for ln in side_lines if n.bottom < ln < nxt})
        if (
            k >= 2
            and lines == list(range(n.top, n.top + k))
            and not side_lines.intersection(lines)
            and below == list(range(n.bottom + 1, n.bottom + 1 + k))
        ):
            out.extend(_CellSpan(col=n.col, frags=[f]) for f in n.frags)
        else:
            out.append(n)
    return out


def _symbol_word(c: str) -> bool:
    """What a symbol column holds: a comparator, or 定性/定量 (the target's nature)."""
    return bool(_CMP_ONLY_RE.match(c)) or c in ("定性", "定量")


def _whole_small_cell(role: str, c: str) -> bool:
    """A symbol, number, unit or quantity cell that is whole on one line (``≥``, ``60``, ``处``)."""
    if role == "CMP":
        return _symbol_word(c)
    if role == "NUM":
        return _BARE_NUMBER_RE.match(c.replace(",", "")) is not None
    if role == "UNIT":
        return is_unit(c)
    if role == "VALUE":
        return _BARE_NUMBER_RE.match(c.replace(",", "")) is not None or split_quantity(c) is not None
    return False


def _unstack(
    spans: list[_CellSpan], names: list[_CellSpan], name_spans: list[tuple[int, int]], cols: list[tuple[int, str]]
) -> tuple[list[_CellSpan], dict[int, int]]:
    """Cells printed column by column under a group of names (pdftotext ``-layout`` of some
    PDFs writes a merged category cell's rows as blocks: the names, then every symbol, then
    every number, then every unit): a run of K whole one-line cells of a column on
    consecutive lines that hold no name, right under K one-line names none of which has a
    cell of that column on its line, is theirs, in order.  Returns the owner of each such cell."""
    name_lines = {ln for top, bottom in name_spans for ln in range(top, bottom + 1)}
    by_col: dict[int, list[_CellSpan]] = {}
    for s in spans:
        by_col.setdefault(s.col, []).append(s)
    stacked: dict[int, int] = {}
    cut: list[_CellSpan] = []
    gone: set[int] = set()
    side = [s for s in spans if cols[s.col][1] in _SIDE_ROLES]
    side_lines = {ln for s in side for ln in range(s.top, s.bottom + 1)}
    # Whole rows stacked: K bare names, then K lines each holding one row's other cells.
    i = 0
    while i < len(names):
        j = i
        while (
            j < len(names)
            and name_spans[j][0] == name_spans[j][1]
            and name_spans[j][0] not in side_lines
            and (j == i or name_spans[j][0] == name_spans[j - 1][0] + 1)
        ):
            j += 1
        n = j - i
        if n >= 2:
            first = name_spans[j - 1][0] + 1
            nxt = name_spans[j][0] if j < len(names) else 10**9
            below = [s for s in side if first <= s.top < nxt]
            lines = sorted({f.line for s in below for f in s.frags})
            if lines == list(range(first, first + n)) and all(s.bottom < nxt for s in below):
                for s in below:
                    # (a cell the column reader joined over two of these lines is two rows' cells)
                    for f in s.frags:
                        piece = _CellSpan(col=s.col, frags=[f])
                        stacked[id(piece)] = i + lines.index(f.line)
                        cut.append(piece)
                    gone.add(id(s))
        i = max(j, i + 1)
    for k, group in by_col.items():
        role = cols[k][1]
        if role not in ("CMP", "NUM", "UNIT", "VALUE"):
            continue
        group = [s for s in group if id(s) not in stacked]
        group.sort(key=lambda s: s.top)
        on_name_line = {ln for s in group if s.top == s.bottom for ln in [s.top] if ln in name_lines}
        runs: list[list[_CellSpan]] = []
        for s in group:
            if s.top != s.bottom or s.top in name_lines or not _whole_small_cell(role, s.frags[0].cell.comp):
                continue
            if runs and runs[-1][-1].top == s.top - 1:
                runs[-1].append(s)
            else:
                runs.append([s])
        for run in runs:
            n = len(run)
            above = [i for i, (_, bottom) in enumerate(name_spans) if bottom < run[0].top]
            owners = above[-n:]
            if n < 2 or len(owners) < n:
                continue
            if any(name_spans[i][0] != name_spans[i][1] or name_spans[i][0] in on_name_line for i in owners):
                continue
            # (the names stand together: no line of cells of this column between them and the run)
            if any(name_spans[owners[-1]][1] < s.top < run[0].top for s in group):
                continue
            for i, s in zip(owners, run, strict=True):
                stacked[id(s)] = i
    return [s for s in spans if id(s) not in gone] + cut, stacked


def _label_just_above(level2: str, i: int, frags: list[_Frag]) -> bool:
    """Was category ``level2`` (or its first characters, wrapped) printed in the category
    columns on the four lines above body line ``i`` (a centred label's pieces may stand in
    either column)?"""
    return any(
        i - 4 <= f.line < i
        and (parse_label(f.cell.comp)[1] == level2 or (len(f.cell.comp) >= 3 and level2.startswith(f.cell.comp)))
        for f in frags
    )


def _name_beside(i: int, body: list[Line], per_col: dict[int, list[_Frag]], cols: list[tuple[int, str]],
                 starts: list[int], wide: bool) -> bool:
    """Does a name cell stand on the line above or below body line ``i`` (a name wrapped
    around its row's target line)?"""
    for k, (_, role) in enumerate(cols):
        if role == "NAME" and any(f.line == i - 1 for f in per_col[k]):
            return True
    if i + 1 < len(body):
        return any(cols[_column_of(x, starts)][1] == "NAME" for x, _ in segments(body[i + 1], wide=wide))
    return False


def _recentre(spans: list[_CellSpan], names: list[_CellSpan], cols: list[tuple[int, str]]) -> list[_CellSpan]:
    """Move the cut between two wrapped cells of one column that run into each other so
    each is centred on its own row's name, where the table centres its cells vertically
    (a cell starts above its name's first line): ``…不少于每季度1次以上`` / ``每季度组织一次应急``
    / ``演练、覆盖全部机构…`` splits after the first target, not at the next name's line."""
    name_spans = [(n.top, n.bottom) for n in names]
    owner = {id(s): _owner(s, names, name_spans) for s in spans}
    centred = any(
        (o := owner[id(s)]) is not None and s.top < names[o].top and cols[s.col][1] in ("VALUE", "ACTUAL", "NOTE")
        for s in spans
    )
    if not centred:
        return spans
    by_col: dict[int, list[_CellSpan]] = {}
    for s in spans:
        by_col.setdefault(s.col, []).append(s)
    for k, group in by_col.items():
        if cols[k][1] not in ("VALUE", "ACTUAL", "NOTE"):
            continue
        group.sort(key=lambda s: s.top)
        for a, b in zip(group, group[1:], strict=False):
            oa, ob = owner[id(a)], owner[id(b)]
            if oa is None or ob is None or oa == ob or b.top != a.bottom + 1:
                continue
            ca = (names[oa].top + names[oa].bottom) / 2
            cb = (names[ob].top + names[ob].bottom) / 2
            frags = a.frags + b.frags

            def cost(i: int, frags: list[_Frag] = frags, ca: float = ca, cb: float = cb) -> float:
                return abs((frags[0].line + frags[i - 1].line) / 2 - ca) + abs((frags[i].line + frags[-1].line) / 2 - cb)

            now = len(a.frags)
            best = min(range(1, len(frags)), key=lambda i: (cost(i), abs(i - now)))
            if cost(best) + 1.0 <= cost(now):
                a.frags, b.frags = frags[:best], frags[best:]
    return spans


def _join_wrapped_tails(rows: list[Row], names: list[_CellSpan]) -> tuple[list[Row], list[_CellSpan]]:
    """A name wrapped around its row's value (``按照…数据`` / ``至少99 %`` / ``准确率``): a name
    cell with nothing beside it, right under a name whose value ends above it, is its tail."""
    out_r: list[Row] = []
    out_n: list[_CellSpan] = []
    for r, n in zip(rows, names, strict=True):
        if out_r and not r.value_parts and r.weight is None and not r.actual_parts and not r.note_parts:
            pr, pn = out_r[-1], out_n[-1]
            vals = [c.line for c in pr.value_parts]
            if vals and 0 < n.top - pn.bottom <= 2 and pn.frags[-1].cell.line < min(vals) and max(vals) < min(
                f.cell.line for f in n.frags
            ):
                _extend_name(pr, pn, n)
                continue
        if out_r and r.value_parts and r.weight is None and r.score is None and out_r[-1].value_parts:
            # A row of three lines, its figures on the middle one (name and target on the
            # first, weight and score on the second, both tails on the third): the third
            # line's name and target pieces end the row above.
            pr, pn = out_r[-1], out_n[-1]
            pv = "".join(c.comp for c in pr.value_parts)
            cv = "".join(c.comp for c in r.value_parts)
            if 0 < n.top - pn.bottom <= 2 and len(n.frags) == 1 and _cut_value(pv, cv):
                _extend_name(pr, pn, n)
                for parts, more in ((pr.value_parts, r.value_parts), (pr.actual_parts, r.actual_parts if pr.actual_parts else [])):
                    for c in more:
                        parts.append(c)
                        pr.touch(c)
                continue
        out_r.append(r)
        out_n.append(n)
    return out_r, out_n


def _extend_name(r: Row, span: _CellSpan, more: _CellSpan) -> None:
    """Give the name pieces of ``more`` to row ``r`` (whose name is ``span``): its name's end."""
    span.frags.extend(more.frags)
    for f in more.frags:
        r.name_parts.append(f.cell)
        r.touch(f.cell)


def _cut_value(p: str, c: str) -> bool:
    """``c`` ends the target ``p`` cut at its cell's edge: a date's end (``2024年3月`` /
    ``底前``), a unit after a bare number, a closing bracket, the rest of a unit (``万元/公`` /
    ``里``) or of a phrase (``不少于12场`` / ``次``)."""
    if not p or not c or len(c) > 4 or _FULL_DATE_RE.search(p) and p.endswith(("前", "底", "完成")):
        return False
    if _VALUE_TAIL_RE.match(c) or _date_cut(p, c) or (p[-1] == "月" and c in ("底前", "底", "前", "中旬", "上旬", "下旬")):
        return True
    if p.count("（") + p.count("(") > p.count("）") + p.count(")"):
        return c[:1] in "）)"
    if p[-1].isdigit():
        return tag_cell(c) == "UNIT"
    q = split_quantity(p + c) if len(c) <= 2 and not c[0].isdigit() else None
    return q is not None and bool(q[2]) and q[2].endswith(c)  # "≤1.5万元/公" / "里", "不少于12场" / "次"


def _bare(r: Row) -> bool:
    """A row of name pieces only: no target, weight, actual value or note beside them.  Not
    a piece: a category label cut short (``服务对象满意``), which belongs to no name, nor a
    cell of words and a figure one space apart (a name and its target that pdftotext
    printed as one cell)."""
    if not r.name_parts or r.value_parts or r.weight is not None or r.actual_parts or r.note_parts:
        return False
    c = "".join(p.comp for p in r.name_parts)
    if len(c) >= 4 and is_label_prefix(c) and parse_label(c) == (None, None):
        return False
    return not any(len(p.text.split()) > 1 for p in r.name_parts) and not _FIGURE_RE.search(c)


_FIGURE_RE = regex.compile(r"[0-9≥≤<>=%]")


# Where a table puts a target of m lines beside a name of k lines: the line it starts on,
# counted from the name's first line.  pdftotext writes a centred cell on one line, the
# upper or the lower of two middles.
# (in the order ties are settled: centred on the upper middle is also top-aligned for names
# of one or two lines)
_PLACEMENTS = (
    lambda k, m: (k - m) // 2,  # centred, upper middle
    lambda k, m: 0,  # top-aligned
    lambda k, m: -((m - k) // 2),  # centred, lower middle
)


def _misfit(name_lines: list[int], r: Row, place: int) -> int:
    """How many lines a row's target stands from where placement ``place`` puts it."""
    v = [c.line for c in r.value_parts]
    top = min(name_lines)
    k, m = max(name_lines) - top + 1, max(v) - min(v) + 1
    return abs(min(v) - top - _PLACEMENTS[place](k, m))


# How indicator names end (率, 数, 时间, 标准, 里程 …): where a piece of a name may end it.
_NAME_END_RE = regex.compile(
    r"(?:率|数|量|度|额|费|价|比例|比重|时间|时限|周期|年限|标准|成本|里程|面积|人次|次数|情况|水平|效益|效果|"
    r"机制|条件|能力|质量|规模|覆盖面|完成|建设|改造|[)）])$"
)


def _explode(rows: list[Row], names: list[_CellSpan]) -> tuple[list[Row], list[_CellSpan]]:
    """Each line of a wrapped name with a target its own name piece; the target stays with
    the line it starts on (or the nearest)."""
    out_r: list[Row] = []
    out_n: list[_CellSpan] = []
    for r, s in zip(rows, names, strict=True):
        if not r.value_parts or len(s.frags) < 2:
            out_r.append(r)
            out_n.append(s)
            continue
        v = min(c.line for c in r.value_parts)
        keep = min(range(len(s.frags)), key=lambda i: abs(s.frags[i].cell.line - v))
        kept = Row()
        for c in (s.frags[keep].cell, *r.value_parts, *r.actual_parts, *r.note_parts):
            kept.touch(c)
        for i, f in enumerate(s.frags):
            if i == keep:
                r.name_parts = [f.cell]
                moved = Row()
                for g in s.frags:
                    if g is not f:
                        moved.touch(g.cell)
                r.lines -= moved.lines - kept.lines
                out_r.append(r)
            else:
                piece = Row(name_parts=[f.cell])
                piece.touch(f.cell)
                out_r.append(piece)
            out_n.append(_CellSpan(col=s.col, frags=[f]))
    return out_r, out_n


def _whole_target(c: str) -> bool:
    """A complete target on its own: a quantity, a range ending in its unit, a date (a bare
    number may be a weight or a score)."""
    if _BARE_NUMBER_RE.match(c):
        return False
    return split_quantity(c) is not None or _FULL_DATE_RE.search(c) is not None or _ENDS_IN_QUANTITY_RE.search(c) is not None


def _share_stacked_targets(rows: list[Row], names: list[_CellSpan]) -> None:
    """Targets printed one under another in one block (``≥12座`` / ``80-100公里``) beside
    names that have none, the same number of them right above or below: one each, in order."""
    for t, r in enumerate(rows):
        by_line: dict[int, list[Cell]] = {}
        for c in r.value_parts:
            by_line.setdefault(c.line, []).append(c)
        k = len(by_line)
        if k < 2 or not all(_whole_target("".join(c.comp for c in cs)) for cs in by_line.values()):
            continue
        above = list(range(t - k + 1, t))
        below = list(range(t + 1, t + k))
        for side in (above, below):
            if side[0] >= 0 and side[-1] < len(rows) and all(_bare(rows[i]) for i in side):
                group = sorted([*side, t])
                break
        else:
            continue
        parts = [by_line[ln] for ln in sorted(by_line)]
        given = {ln for i, ln in zip(group, sorted(by_line), strict=True) if i != t}
        for i, cells in zip(group, parts, strict=True):
            rows[i].value_parts = list(cells)
            for c in cells:
                rows[i].touch(c)
        r.lines -= given - {c.line for c in (*r.name_parts, *r.value_parts, *r.actual_parts, *r.note_parts)}


def _attach_orphans(rows: list[Row], names: list[_CellSpan]) -> tuple[list[Row], list[_CellSpan]]:
    """Give the pieces of names wrapped by hand (a line break typed into the cell at a word,
    not where the column is full) to the rows whose targets they stand beside.

    The width rule that links a name's lines cannot see such breaks, so each piece becomes a
    name of its own with no target.  Where they are many (a table wrapped by hand
    throughout), every line of every name is a piece, and each run of pieces is cut between
    the row with a target above it and the one below, so that each row's target stands where
    the table puts targets beside their names (top-aligned or centred, whichever fits the
    whole table best; a cut across a word costs more).  A piece more than one line from a
    row with a target is left out.  First, targets stacked in one block beside names that
    have none are shared out (:func:`_share_stacked_targets`)."""
    if not any(_bare(r) for r in rows):
        return rows, names
    _share_stacked_targets(rows, names)
    bare = sum(_bare(r) for r in rows)
    if bare < max(3, 0.5 * sum(bool(r.value_parts) for r in rows)):
        # A stray piece or two where the width rule links a name's lines (PDF text wraps where
        # the column is full) is more often a piece of something else: left out, as before —
        # but for a short piece ending like a name right under a name that does not
        # ("空巢老人上门探访" / "覆盖率"): that name's end, wrapped by hand.
        out_r: list[Row] = []
        out_n: list[_CellSpan] = []
        for r, nm in zip(rows, names, strict=True):
            piece = nm.frags[0].cell
            if out_r and _bare(r) and len(nm.frags) == 1 and len(piece.comp) <= 4 and _NAME_END_RE.search(piece.comp):
                pr, pn = out_r[-1], out_n[-1]
                last = pn.frags[-1].cell
                if pr.value_parts and piece.line - max(last.line, last.last_line) == 1 and not _NAME_END_RE.search(last.comp):
                    _extend_name(pr, pn, nm)
                    continue
            out_r.append(r)
            out_n.append(nm)
        return out_r, out_n
    # So many: the table was wrapped by hand throughout, and the names the width rule did
    # link are no surer; every line of a name is a piece to place.
    rows, names = _explode(rows, names)
    n = len(rows)

    def near(i: int, j: int) -> bool:  # name j starts at most two lines under name i's end
        last = names[i].frags[-1].cell
        return names[j].frags[0].cell.line - max(last.line, last.last_line) <= 2

    def word_cut(i: int, j: int) -> float:
        """What cutting between name pieces i and j costs: much where the words run on (a
        bracket opens the second piece), a little where the first piece ends unlike a name."""
        p, c = names[i].frags[-1].cell.comp, names[j].frags[0].cell.comp
        if p[-1:] in _CONT_END_SET or c[:1] in _CONT_START_SET or c[:1] in "(（" or crosses_word(p, c):
            return 0.75
        return 0.0 if _NAME_END_RE.search(p) else 0.25

    # Runs of bare rows, each with the row with a target just above (a) and just below (b),
    # and how many of its pieces each could take (a chain of near names from its side).
    anchors = [i for i in range(n) if rows[i].value_parts]
    before: dict[int, list[int]] = {}  # anchor -> the run right above it
    after: dict[int, list[int]] = {}  # anchor -> the run right below it
    reach: dict[tuple[int, int], int] = {}  # (anchor, first piece of run) -> pieces it reaches
    i = 0
    while i < n:
        if not _bare(rows[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and _bare(rows[j + 1]):
            j += 1
        run = list(range(i, j + 1))
        if i > 0 and rows[i - 1].value_parts:
            k = 0
            while k < len(run) and near(run[k] - 1, run[k]):
                k += 1
            after[i - 1] = run
            reach[(i - 1, i)] = k
        if j + 1 < n and rows[j + 1].value_parts:
            k = 0
            while k < len(run) and near(run[-1 - k], run[-1 - k] + 1):
                k += 1
            before[j + 1] = run
            reach[(j + 1, i)] = k
        i = j + 1
    if not reach or not any(reach.values()):
        return rows, names

    def misfit(t: int, head: list[int], tail: list[int], place: int) -> float:
        lines = [f.cell.line for x in (*head, t, *tail) for f in names[x].frags]
        # (names run one to three lines: a long one costs a little more, so four pieces
        # around a target centred on the second do not pass for one name)
        return _misfit(lines, rows[t], place) + 0.1 * (len(lines) - 1) ** 2

    def solve(place: int) -> tuple[float, dict[int, tuple[int, int]]]:
        """Cheapest (head, tail) piece counts per anchor, by dynamic programming along the
        anchors (neighbours share the run between them)."""
        # states: head count of the current anchor -> (cost so far, choices so far)
        first = anchors[0]
        run0 = before.get(first, [])
        pb = reach.get((first, run0[0]), 0) if run0 else 0
        states: dict[int, tuple[float, dict[int, tuple[int, int]]]] = {
            h: (float(len(run0) - h), {}) for h in range(pb + 1)
        }
        for t_i, t in enumerate(anchors):
            nxt = anchors[t_i + 1] if t_i + 1 < len(anchors) else None
            tail_run = after.get(t, [])
            pa = reach.get((t, tail_run[0]), 0) if tail_run else 0
            shared = bool(tail_run) and nxt is not None and before.get(nxt) is tail_run
            head_run_next = before.get(nxt, []) if nxt is not None else []
            pb = reach.get((nxt, head_run_next[0]), 0) if head_run_next else 0
            new: dict[int, tuple[float, dict[int, tuple[int, int]]]] = {}
            for h, (cost, ch) in states.items():
                head = before.get(t, [])[len(before.get(t, [])) - h :] if h else []
                for u in range(pa + 1):
                    tail = tail_run[:u]
                    c = cost + misfit(t, head, tail, place)
                    if shared:
                        for h2 in range(min(pb, len(tail_run) - u) + 1):
                            dropped = len(tail_run) - u - h2
                            cc = c + dropped
                            if not dropped:
                                left = tail_run[u - 1] if u else t
                                right = tail_run[u] if h2 else nxt
                                cc += word_cut(left, right)
                            if h2 not in new or cc < new[h2][0]:
                                new[h2] = (cc, {**ch, t: (h, u)})
                    else:
                        cc = c + (len(tail_run) - u)
                        if nxt is None:
                            if -1 not in new or cc < new[-1][0]:
                                new[-1] = (cc, {**ch, t: (h, u)})
                            continue
                        for h2 in range(pb + 1):
                            c2 = cc + (len(head_run_next) - h2)
                            if h2 not in new or c2 < new[h2][0]:
                                new[h2] = (c2, {**ch, t: (h, u)})
            states = new
        return min(states.values(), key=lambda s: s[0])

    # (ties go to the earlier placement; costs rounded, as sums of tenths differ in the last bit)
    _, choice = min((solve(p) for p in range(len(_PLACEMENTS))), key=lambda x: round(x[0], 6))
    to: dict[int, int] = {}  # bare row -> the anchor it joins
    for t, (h, u) in choice.items():
        head_run = before.get(t, [])
        for x in head_run[len(head_run) - h :] if h else []:
            to[x] = t
        for x in after.get(t, [])[:u]:
            to[x] = t
    if not to:
        return rows, names
    for x in sorted(to):  # (in order: the row above gains tails, the row below heads)
        if to[x] < x:
            names[to[x]].frags.extend(names[x].frags)
    for x in sorted(to, reverse=True):
        if to[x] > x:
            names[to[x]].frags[:0] = names[x].frags
    for t in set(to.values()):
        r = rows[t]
        r.name_parts = [f.cell for f in names[t].frags]
        for c in r.name_parts:
            r.touch(c)
    keep = [i for i in range(n) if i not in to]
    return [rows[i] for i in keep], [names[i] for i in keep]


_BARE_NUMBER_RE = regex.compile(r"^[0-9.]+$")


def _column_starts(lines: list[Line], region: Region, cols: list[tuple[int, str]], body: list[Line], *,
                   wide: bool) -> list[int]:
    """Where each header column starts, moved left to where its cells start.

    Header labels are often centred over their column while the cells below are left-aligned
    (``指标名称`` over long names, pdftotext ``-layout``): a column whose cells mostly start
    between the previous label's end and this label starts where most of them do.  Not after
    a column of targets: those are centred under their label and may reach past its end.
    """
    assert region.header is not None
    ext = {x: x + _extent(c, wide) for x, c in segments(lines[region.header], wide=wide)}
    first: dict[int, int] = {}
    for ln in body:
        for x, c in segments(ln, wide=wide):
            if not _BARE_NUMBER_RE.match(c.comp):  # (weights and scores: centred, never text)
                first[x] = first.get(x, 0) + 1
    out = [x for x, _ in cols]
    for i in range(1, len(cols)):
        x = cols[i][0]
        if cols[i][1] == "NOTE" and cols[i - 1][1] in ("VALUE", "ACTUAL") and cols[i - 1][0] in ext:
            # Notes centred under their label after a column of centred targets: the
            # column starts halfway between the two labels (a note wider than its label
            # starts left of it, still right of every target's start).
            out[i] = min(x, (ext[cols[i - 1][0]] + x + 1) // 2 + 2)
            continue
        if cols[i][1] not in ("NAME", "VALUE", "ACTUAL", "NOTE") or cols[i - 1][1] in (
            "CMP", "NUM", "UNIT", "VALUE", "ACTUAL"
        ):
            continue  # (symbols, numbers, units and weights are centred, as their labels)
        lo = max(ext.get(cols[i - 1][0], cols[i - 1][0] + 2), out[i - 1] + 3)
        cands = [(n, -p) for p, n in first.items() if lo <= p < x - 2 and n >= 2]
        if cands:
            out[i] = -max(cands)[1]
    return out


def _split_at_columns(
    segs: list[tuple[int, Cell]], starts: list[int], cols: list[tuple[int, str]], wide: bool
) -> list[tuple[int, Cell]]:
    """Cut a segment where a word after a single space starts under a later value-side column
    (narrow ruled columns: pdftotext ``-layout`` leaves one space between a wrapped name's
    line and the target beside it, ``居民电子健康档案建 ≥90%``).  A ruled cell never reaches
    into the next column, so such a word is the next column's."""
    out: list[tuple[int, Cell]] = []
    for x, cell in segs:
        if " " not in cell.text:
            out.append((x, cell))
            continue
        k = _column_of(x, starts)
        a = 0
        words = list(_WORDS_RE.finditer(cell.text))
        if cols[k][1] == "CMP" and len(words) > 1 and _symbol_word(words[0].group()):
            # "定性 2025年10月底前": the symbol column's word, then the target reaching left under it
            out.append((x, _piece(cell, 0, words[0].end())))
            a = words[1].start()
            x2 = x + (_cols(cell.disp[:a]) if wide else a)
            out.append((max(x2, starts[k + 1]) if k + 1 < len(starts) else x2, _piece(cell, a, len(cell.text))))
            continue
        pieces: list[tuple[int, int, Cell]] = []  # (x, column, piece)
        for m in words:
            if m.start() == 0:
                continue
            px = x + (_cols(cell.disp[: m.start()]) if wide else m.start())
            j = _column_of(px, starts)
            if j > k and px >= starts[j] and cols[j][1] not in ("L1", "L2", "NAME"):
                pieces.append((x + (_cols(cell.disp[:a]) if wide else a), k, _piece(cell, a, m.start())))
                a, k = m.start(), j
        pieces.append((x + (_cols(cell.disp[:a]) if wide else a), k, _piece(cell, a, len(cell.text)) if a else cell))
        for px, pk, piece in pieces:
            # (a piece whose words are still one space apart: its later cells by their kind)
            out.extend(_peel_typed(px, piece, pk, starts, cols))
    return out


_TYPED_ROLES = ("VALUE", "ACTUAL", "WEIGHT", "SCORE")


def _fits(role: str, w: str) -> bool:
    if role in ("WEIGHT", "SCORE"):
        return _BARE_NUMBER_RE.match(w) is not None and len(w) <= 5
    if _BARE_NUMBER_RE.match(w) is not None:
        return False  # (a bare number left of a weight is a weight's neighbour, not a target)
    if role == "ACTUAL" and is_grade_start(w):
        return True
    return tag_cell(w) in ("VAL", "NUM") or value_likeness(w) >= 0.8


def _peel_typed(x: int, cell: Cell, k: int, starts: list[int], cols: list[tuple[int, str]]) -> list[tuple[int, Cell]]:
    """A piece whose last words, one space apart, are the row's later cells by their kind:
    scores and weights (bare numbers), then actual and target values, right to left
    (``社会体育指导员培训 ≥150人次 162人次 6 6`` in a self-evaluation's narrow columns).  The
    piece's first word stays where it stands."""
    if " " not in cell.text or cols[k][1] not in ("NAME", "VALUE", "ACTUAL"):
        return [(x, cell)]
    right = [j for j in range(k + 1, len(cols)) if cols[j][1] in _TYPED_ROLES]
    if len(right) < 2:
        return [(x, cell)]
    words = list(_WORDS_RE.finditer(cell.text))
    peeled: list[tuple[int, int]] = []  # (column, word index), right to left
    wi = len(words) - 1
    for j in reversed(right):
        if wi < 1:
            break
        if _fits(cols[j][1], words[wi].group()):
            peeled.append((j, wi))
            wi -= 1
    if len(peeled) == 1 and len(words) == 2 and cols[k][1] == "VALUE" and cols[peeled[0][0]][1] == "ACTUAL":
        # "≤1.5万元/公 1.46万元/公": a target and the actual value, both figures, one space apart
        # (the weight and score on another line).
        first = words[0].group()
        if not (any(ch.isdigit() for ch in first) and not _CMP_ONLY_RE.match(first) and _fits("VALUE", first)):
            return [(x, cell)]
    elif len(peeled) < 2:
        return [(x, cell)]
    out = [(x, _piece(cell, 0, words[wi].end()))]
    for j, i in reversed(peeled):
        m = words[i]
        out.append((starts[j], _piece(cell, m.start(), m.end())))
    return out


def _glued_label(text: str) -> int | None:
    """Where the name starts in ``成本指标活动场均补助标准`` (a label ending in 指标, then a
    name of three or more characters no label has); None for any other cell."""
    if " " in text.strip() or "指标" not in text[:12]:
        return None
    cut = text.index("指标") + 2
    head, rest = text[:cut].strip(), text[cut:].strip()
    if len(rest) < 3 or parse_label(head) == (None, None) or is_label_piece(rest) or value_likeness(rest) >= 0.8:
        return None
    return cut


def _label_then_name(text: str) -> bool:
    """``社会效 群众文化活动参与``: a label's piece, one space, then words no label has."""
    words = text.split()
    n = leading_label_words(words)
    return 0 < n < len(words) and len("".join(words[n:])) >= 4 and not is_label_piece("".join(words[n:]))


def _name_then_target(cell: Cell) -> int | None:
    """Where the target starts in a cell of words, one space, then a whole target (a
    quantity with its unit or comparator, or a date); None for any other cell."""
    words = list(_WORDS_RE.finditer(cell.text))
    if len(words) != 2:
        return None
    name, target = words[0].group(), words[1].group()
    if len(name) < 4 or _NAME_FIGURE_RE.search(name):
        return None
    if not _whole_target(target) and not (
        # "老年居民出行便利程度 明显提高": a long name, then a short worded target
        len(name) >= 8 and len(target) <= 6 and value_likeness(target) >= 0.85 and _WORD_TARGET_RE.fullmatch(target)
    ):
        return None
    return words[1].start()


# A name may open with an age or a class ("0-6岁…", "3级以上…"); one holding a comparator,
# a percentage or ending in a number is a target's piece.
_NAME_FIGURE_RE = regex.compile(r"[≥≤<>=%]|\d$|^\D+\d")
_WORD_TARGET_RE = regex.compile(r"\p{Han}+")


_WEIGHT_WORD_RE = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?$")


def _target_then_weight(cell: Cell) -> int | None:
    """Where the weight starts in a cell of a target, one space, then a bare weight
    (``2万户左右 5``); None for any other cell."""
    words = list(_WORDS_RE.finditer(cell.text))
    if len(words) != 2 or not _WEIGHT_WORD_RE.match(words[1].group()):
        return None
    target = words[0].group()
    if not (_whole_target(target) or value_likeness(target) >= 0.85):
        return None
    return words[1].start()


def _cut_into(
    per_col: dict[int, list[_Frag]], i: int, x: int, cell: Cell, cut: int, k1: int, k2: int, wide: bool, x2_min: int = 0
) -> None:
    """Put a segment printed as one cell into two columns: its text before ``cut`` in column
    ``k1``, the rest in ``k2`` (starting where it stands, at ``x2_min`` at least)."""
    per_col[k1].append(_Frag(line=i, x=x, cell=_piece(cell, 0, cut)))
    x2 = x + (_cols(cell.disp[:cut]) if wide else cut)
    per_col[k2].append(_Frag(line=i, x=max(x2, x2_min), cell=_piece(cell, cut, len(cell.text))))


def _piece(cell: Cell, a: int, b: int) -> Cell:
    """The part ``cell.text[a:b]`` of a segment, stripped, as a cell of its own."""
    t = cell.text[a:b].strip()
    return Cell(t, cell.disp[a:b].strip(), cell.line, -1, "", text_width(t))


def _peel_label(
    cell: Cell, x: int, k: int, name_k: int, starts: list[int], wide: bool, l2_k: int | None = None
) -> list[tuple[int, int, Cell]]:
    """Split a category-column cell that holds more (``社会效益指 社会影响力 ≥80%``): leading
    label pieces stay in column k (in an 一级 column, the first; the later ones go to the 二级
    column ``l2_k``: ``产出指标 时效指标 name``), the other words go to the column they start
    under, the name column at least; neighbouring words in one column stay one cell."""
    runs: list[list[int]] = []  # [column, start, end] in cell.text
    words = list(_WORDS_RE.finditer(cell.text))
    n_labels = leading_label_words([m.group() for m in words])
    if l2_k is not None and n_labels == 1 and len(words) > 2 and is_label_prefix(words[1].group()):
        n_labels = 2  # "满意度指 服务对象满 name": the 二级 label's first line after the 一级 one's
    for i, m in enumerate(words):
        if i < n_labels:
            col = l2_k if l2_k is not None and i > 0 else k
        else:
            col = max(name_k, _column_of(x + (_cols(cell.disp[: m.start()]) if wide else m.start()), starts))
        if runs and runs[-1][0] == col:
            runs[-1][2] = m.end()
        else:
            runs.append([col, m.start(), m.end()])
    out: list[tuple[int, int, Cell]] = []
    for col, a, b in runs:
        t = cell.text[a:b]
        px = x + (_cols(cell.disp[:a]) if wide else a)
        out.append((col, px, Cell(t, cell.disp[a:b], cell.line, -1, "", text_width(t))))
    return out


def _extent(cell: Cell, wide: bool) -> int:
    return _cols(cell.text) if wide else len(cell.text)


_REMARK_PIECE_RE = regex.compile(r"^[(（]?[A-Za-z%‰万元]{0,3}[)）]?$")


def header_stack(lines: list[Line], region: Region, *, wide: bool = True) -> _Stack:
    """Header cells wrapped over the lines around the header row.

    pdftotext ``-layout`` prints a tall header row over several lines: one-line labels on
    the middle line (the one the region calls its header), wrapped ones above and below it
    (``指标性`` / ``质``, ``权重(`` / ``%)``).  Pieces in the same columns are read top to
    bottom; a line around the header counts only when every piece on it completes a header
    word.  Returns the (start, role) of the cells so made, the first body line after them,
    and the pieces' texts (a repeated header after a page break shows them again).
    """
    assert region.header is not None and region.body is not None
    mid = region.header
    body = region.body

    seen: dict[int, list[tuple[int, int, int, str]]] = {}

    def frags(i: int) -> list[tuple[int, int, int, str]]:
        if i not in seen:
            seen[i] = [(i, x, x + _extent(c, wide), c.comp) for x, c in segments(lines[i], wide=wide)]
        return seen[i]

    def piece_line(i: int) -> bool:
        t = line_comp(lines[i])
        return bool(t) and not _is_page_number(t) and all(len(f[3]) <= 8 and not any(ch.isdigit() for ch in f[3]) for f in frags(i))

    # (The lines above may lie before the region: it starts at the line it recognised as
    # the header; the pieces must still complete header words with the middle line's.)
    above = [i for i in (mid - 1, mid - 2) if i >= 0 and piece_line(i)]
    if len(above) == 2 and above[1] != mid - 2:
        above = above[:1]
    if above and above[0] != mid - 1:
        above = []
    below = []
    for i in (body, body + 1):
        if i < region.end and piece_line(i) and (not below or below[-1] == i - 1):
            below.append(i)
        else:
            break
    sub = [i for i in range(mid + 1, body) if line_comp(lines[i])]  # header lines the region took
    if not above and not below and not sub:
        return [], body, frozenset()
    # Whole header words on the middle line group too, but only with the bracketed
    # remark wrapped under them (``年度指标值(`` / ``A)``); a group of middle-line cells
    # alone makes no column.
    middle = frags(mid)
    whole = {f for f in middle if is_header_word(f[3])}
    # The most lines whose pieces all complete header words (nearer lines first).
    for a, b in sorted(((a, b) for a in range(len(above), -1, -1) for b in range(len(below), -1, -1)),
                       key=lambda ab: -(ab[0] + ab[1])):
        if not a and not b and not sub:
            break
        cand = [f for i in above[:a] + sub + below[:b] for f in frags(i)]
        groups: list[list[tuple[int, int, int, str]]] = []
        for f in sorted(cand + middle, key=lambda f: f[1]):
            g = next((g for g in groups if any(f[1] < h[2] and h[1] < f[2] for h in g)), None)
            if g is None:
                groups.append([f])
            else:
                g.append(f)
        made: list[tuple[int, str]] = []
        for g in groups:
            if all(f[0] == mid for f in g):
                continue
            if any(f in whole for f in g) and not all(f in whole or _REMARK_PIECE_RE.match(f[3]) for f in g):
                break
            text = "".join(f[3] for f in sorted(g))
            role = role_of_header(text)
            if not role and not is_header_word(text):
                break
            if role:  # (a spanning 绩效指标 above the header makes no column)
                made.append((min(f[1] for f in g), role))
        else:
            if made or cand:
                used = frozenset(f[3] for f in cand + middle)
                return sorted(made), (below[b - 1] + 1 if b else body), used
    return [], body, frozenset()


def _column_of(x: int, starts: list[int]) -> int:
    """The header column a fragment starting at x stands under (2 columns of slack)."""
    k = 0
    for j, s in enumerate(starts):
        if x >= s - 2:
            k = j
    return k


def _anchors(n: _CellSpan, value_starts: list[int], weight_starts: list[int]) -> list[int]:
    """The lines that start rows inside name cell ``n``: its targets' first lines, or its
    weights' where more weights than targets stand beside it."""
    def inside(starts: list[int]) -> int:
        return bisect.bisect_right(starts, n.bottom) - bisect.bisect_left(starts, n.top)

    return weight_starts if inside(weight_starts) > inside(value_starts) else value_starts


def _split_at_values(n: _CellSpan, value_starts: list[int], wmax: float) -> list[_CellSpan]:
    """Split a name cell that holds the first lines of several targets.

    Between two consecutive targets the name must break after a line that
    did not fill the column; among such lines the one nearest to where a name
    centred on the first target would end is chosen (top-aligned rows give
    the line just above the second target).
    """
    inside = value_starts[bisect.bisect_left(value_starts, n.top) : bisect.bisect_right(value_starts, n.bottom)]
    if len(inside) < 2:
        return [n]
    cuts: list[int] = []  # index into n.frags where a new name starts
    top = n.frags[0].line
    for v1, v2 in zip(inside, inside[1:], strict=False):
        cands = [
            i
            for i in range(1, len(n.frags))
            if v1 < n.frags[i].line <= v2 and (not cuts or i > cuts[-1]) and n.frags[i - 1].cell.width < wmax - 0.75
        ]
        if not cands:
            cands = [i for i in range(1, len(n.frags)) if n.frags[i].line == v2 and (not cuts or i > cuts[-1])]
        if not cands:
            continue
        centre_end = 2 * v1 - top  # last line of a name centred on v1
        i = min(cands, key=lambda i: (abs(n.frags[i - 1].line - centre_end), -i))
        cuts.append(i)
        top = n.frags[i].line
    out: list[_CellSpan] = []
    prev = 0
    for i in cuts + [len(n.frags)]:
        out.append(_CellSpan(col=n.col, frags=n.frags[prev:i]))
        prev = i
    return [c for c in out if c.frags]


def _cells_of_column(
    k: int, frags: list[_Frag], role: str, *, breaks: set[int] | None = None, name_lines: set[int] | None = None
) -> list[_CellSpan]:
    if not frags:
        return []
    # The widest line fills the column; a piece still holding words one space apart (a name
    # and the target pdftotext glued to it) says nothing of the column's width.
    col_lines = {f.line for f in frags}
    wmax = max((f.cell.width for f in frags if " " not in f.cell.text.strip()), default=0.0) or max(
        f.cell.width for f in frags
    )
    out: list[_CellSpan] = []
    cur = _CellSpan(col=k, frags=[frags[0]])
    for prev, f in zip(frags, frags[1:], strict=False):
        if (
            breaks
            and f.line in breaks
            and role not in ("L1", "L2")
            and not (
                # A target centred on the next name, its first line on a line of no name
                # ("2026年11月底前完" / "年度活动计划执行 成"), runs on into that name's row.
                role in ("VALUE", "ACTUAL")
                and name_lines is not None
                and len(cur.frags) == 1
                and prev.line not in name_lines
                and f.line - prev.line == 1
                and (f.line + 1 not in col_lines or f.line + 1 in breaks)  # (two lines: the cut one, the name's)
                and crosses_word(prev.cell.comp, f.cell.comp)
            )
        ):
            out.append(cur)
            cur = _CellSpan(col=k, frags=[f])
            continue
        # A centred neighbour cell can put one line of other columns between two
        # fragments of this cell.
        gap = f.line - prev.line > 1
        if role in ("L1", "L2"):
            # A label is judged on the whole cell so far ("社会效益指" + "标" is complete).
            acc = "".join(x.cell.comp for x in cur.frags)
            whole = parse_label(acc + f.cell.comp) != (None, None)
            joins = f.line - prev.line in (1, 2) and (
                whole
                or parse_label(acc) == (None, None)
                and not acc.endswith("指标")  # (a label's last piece: the next piece starts another)
                and (not gap or is_label_piece(acc + f.cell.comp) and len(acc) < 8)  # ("服务对" / … / "象满意")
            )
        else:
            joins = f.line - prev.line in (1, 2) and _continues(prev.cell, f.cell, wmax, role, gap=gap)
        if joins:
            cur.frags.append(f)
        else:
            out.append(cur)
            cur = _CellSpan(col=k, frags=[f])
    out.append(cur)
    return out


def _continues(prev: Cell, cur: Cell, wmax: float, role: str, *, gap: bool = False) -> bool:

    p, c = prev.comp, cur.comp
    if role in ("L1", "L2"):
        if gap:
            return parse_label(p + c) != (None, None) and parse_label(c) == (None, None)
        return parse_label(p) == (None, None) or parse_label(p + c) != (None, None)
    if role == "NUM" and (_VALUE_TAIL_RE.match(c) or _date_cut(p, c)):
        return True  # a worded target in the 值 column: "2025年10" / "月底前"
    if role in ("WEIGHT", "SCORE", "NUM", "UNIT", "CMP"):
        return False
    if p.endswith(("。", "！")):
        return False
    if _CMP_ONLY_RE.match(p):
        return True
    if role in ("VALUE", "ACTUAL") and is_grade_start(c):
        return False  # a grade opens the next row's actual (centred above its name line)
    if role == "ACTUAL" and grade_goes_on(p, c):
        return True  # "部分达成年度指标并具有" / "一定效果", around the row's middle line
    if role in ("VALUE", "ACTUAL") and _VALUE_TAIL_RE.match(c):
        return True  # "2024年12月底" / "前"
    if role in ("VALUE", "ACTUAL") and _date_cut(p, c):
        return True  # a date cut after its number: "2025年10" / "月底前"
    if role in ("VALUE", "ACTUAL") and tag_cell(c) in ("VAL", "NUM") and (
        split_quantity(p) is not None or _FULL_DATE_RE.search(p) or _ENDS_IN_QUANTITY_RE.search(p)
    ):
        return False  # "2025年11月前" / "2100元/人", "2025年10月底前" / "≤35万元": two targets, two rows
    if gap and role in ("VALUE", "ACTUAL") and _whole_target(c):
        return False  # a whole figure a line further down is another row's target, not a worded one's tail
    if role in ("VALUE", "ACTUAL") and _WORDED_END_RE.search(p) and _whole_target(c) and c[:1] in "≥≤=<>＞＜≧≦":
        return False  # "明显提升" / "≥90%": a worded target, then the next row's figure
    if p[-1:] in _CONT_END_SET or c[:1] in _CONT_START_SET or crosses_word(p, c):
        return True
    if role == "NAME" and not gap and c[:1] in "(（" and not _FIGURE_RE.search(c):
        return True  # "活动覆盖社区" / "（村居）比例": a name goes on with its bracketed qualifier
    if gap:
        return p.count("（") + p.count("(") > p.count("）") + p.count(")")  # only an open bracket bridges a gap
    if cur.width > prev.width + 1.0:
        return False
    lead = _UNBREAKABLE_RE.match(c)
    # A number or Latin word is not broken: a line of words ends early when it does not
    # fit ("覆盖医疗机构" / "300家以上"); a line that holds a figure is a target already.
    room = 0.5 * len(lead.group()) if lead and not any(ch.isdigit() for ch in p) else 0.0
    return prev.width + room >= wmax - 0.75


# How a worded target ends (明显提升, 逐步完善, 有效保障, 基本建立).
_WORDED_END_RE = regex.compile(r"(?:提升|提高|改善|增强|完善|健全|建立|下降|降低|减少|保障|达标|合格|到位|规范|稳定|向好|优化|加强)$")


def _date_cut(p: str, c: str) -> bool:
    """``2025年10`` / ``月底前``, ``2025年10月`` / ``底前``: a date cut inside."""
    if p[-1:].isdigit():
        return c[:1] in "年月日号" and "年" in p + c[:1]
    return bool(_DATE_HEAD_RE.search(p)) and c[:1] in "底末初中上下前内"


# A worded target that ends in its figure and unit ("累计完成12.4公里以上"): complete.
_ENDS_IN_QUANTITY_RE = regex.compile(r"\d[\d.,]*\s*[^\d\s，,。；;、()（）]{1,4}(?:以上|以下|左右|以内)?$")
_FULL_DATE_RE = regex.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?[底末初中上下前内以完成]*$")
_DATE_HEAD_RE = regex.compile(r"\d{4}年(?:\d{1,2}月)?$")


_UNBREAKABLE_RE = regex.compile(r"[0-9A-Za-z][0-9A-Za-z.,%]*")


def _owner(s: _CellSpan, names: list[_CellSpan], spans: list[tuple[int, int]] | None = None) -> int | None:
    """The name cell a value/weight/note cell belongs to: most line overlap, else nearest.

    ``names`` are in order of their top line; ``spans``: their (top, bottom), when the
    caller has them already.
    """
    if spans is None:
        spans = [(n.top, n.bottom) for n in names]
    s_top, s_bottom = s.top, s.bottom
    best, best_key = None, None
    for i, (n_top, n_bottom) in enumerate(spans):
        overlap = min(s_bottom, n_bottom) - max(s_top, n_top) + 1
        dist = 0 if overlap > 0 else min(abs(s_top - n_bottom), abs(n_top - s_bottom))
        key = (overlap if overlap > 0 else 0, -dist, -i if s_top < n_top else i)
        if best_key is None or key > best_key:
            best, best_key = i, key
        if n_top > s_bottom:
            # Every later name starts below s too (tops are in order): no overlap, and
            # no nearer and no earlier one than this — none can beat it.
            break
    return best


def _fill(r: Row, role: str, s: _CellSpan) -> None:
    cells = [f.cell for f in s.frags]
    if role == "DIR":
        if not all(tag_cell(c.comp) == "CMP" for c in cells):
            return
        role = "CMP"  # a symbol in the 指标方向 column (≥, ＝): the target's comparator
    if role in ("VALUE", "CMP", "NUM", "UNIT"):
        if role == "CMP" and compact("".join(c.text for c in cells)) in ("定性", "定量"):
            return
        r.value_parts.extend(cells)
    elif role == "ACTUAL":
        r.actual_parts.extend(cells)
    elif role in ("WEIGHT", "SCORE"):
        try:
            v = float(cells[0].comp.replace(",", ""))
        except ValueError:
            return
        if role == "WEIGHT":
            r.weight = v
        else:
            r.score = v
    else:
        r.note_parts.extend(cells)
        return
    for c in cells:
        r.touch(c)
    # Keep value fragments in the order the columns print them.
    r.value_parts.sort(key=lambda c: (c.line, 0))


_AMBIG = 1.5


def _assign_categories(rows: list[Row], names: list[_CellSpan], cats: list[tuple[int, str, _CellSpan]]) -> None:
    """Give each row the category cells above or beside it, as a reader would.

    Labels printed at a group's first row are carried down; labels centred in
    their group (the table's first row comes before the first label) go to the
    rows nearest them.
    """
    parsed: list[tuple[int, int, str | None, str | None]] = []
    has_l2 = any(role == "L2" for _, role, _ in cats)
    for _top, role, s in cats:
        text = "".join(compact(f.cell.text) for f in s.frags)
        l1, l2 = parse_label(text)
        if l1 is None and l2 is None:
            continue
        if role == "L1" and has_l2 and l2 is not None and is_level1_label(text):
            l2 = None  # 满意度指标 in the 一级 column is a level-1 label, whatever it implies
        parsed.append((s.top, s.bottom, l1, l2))
    if not rows or not parsed:
        return
    # Labels printed on their group's first row sit on name tops; a label beside
    # no name top (or the first row above every label) means labels are centred.
    tops = {n.top for n in names}
    ambiguous: dict[int, tuple[str, str]] = {}
    # Rows' line spans in body lines (a row's value may wrap above and below its name).
    first = names[0].top - (min(c.line for c in rows[0].name_parts) if rows[0].name_parts else 0)
    spans = [(min(r.lines) + first, max(r.lines) + first) if r.lines else (n.top, n.bottom) for r, n in zip(rows, names, strict=True)]
    # Where the first row starts: its name's first line, or its target's where the target
    # stands lower (a name wrapped around it, the labels beside the target).
    start = names[0].top
    if rows[0].value_parts and rows[0].name_parts:
        start = max(start, min(c.line for c in rows[0].value_parts) + first)
    for level in (1, 2):
        if level == 1:
            marks = [(t, b, l1) for t, b, l1, l2 in parsed if l1 is not None and l2 is None]
        else:
            marks = [(t, b, l2) for t, b, l1, l2 in parsed if l2 is not None]
        if not marks:
            continue
        # Judged per level: 一级 labels are often centred over their group while
        # 二级 labels stand on the group's first row.
        # A label centred on one row (its middle inside the row's lines) tells neither way.
        centred = start < min(m[0] for m in marks) or any(
            m[0] not in tops and not any(t <= (m[0] + m[1]) / 2 <= b for t, b in spans) for m in marks
        )
        for r, n in zip(rows, names, strict=True):
            mid = (n.top + n.bottom) / 2
            if centred:
                near = sorted(marks, key=lambda m: (abs((m[0] + m[1]) / 2 - mid), m[0]))
                t, b, lab = near[0]
                if level == 2 and _AMBIG and len(near) > 1 and not t <= n.top <= b:
                    # (a label printed on the row's own name line is the row's)
                    # Between the labels centred above and below it, a row's position decides
                    # little; the pipeline's classifier chooses from the two by its name.
                    other = next((m for m in near[1:] if ((m[0] + m[1]) / 2 - mid) * ((t + b) / 2 - mid) < 0), None)
                    if other is not None and abs((other[0] + other[1]) / 2 - mid) <= _AMBIG * abs((t + b) / 2 - mid) + 1:
                        ambiguous[id(r)] = (lab, other[2])
            else:
                above = [m for m in marks if m[0] <= n.bottom]
                if not above:
                    continue
                t, b, lab = above[-1]
            if level == 1:
                r.level1 = lab
            else:
                r.level2 = lab
    for r in rows:
        r.level1, r.level2 = canonical(r.level1, r.level2)
        r.category_source = "written"
        if id(r) in ambiguous:
            r.level2_choices = tuple(dict.fromkeys(c for lab in ambiguous[id(r)] if (c := canonical(None, lab)[1])))
            r.category_source = "guessed"
