"""Render labeled records into real files -- PDF, DOCX, XLSX, page images -- with their exact gold.

Why: the readers of PDF/Office/image documents need test fixtures whose content is known cell by
cell. This module draws one document's gold records (or generated :class:`~goalnlp.simulate.TableSpec`
tables) the way governments publish target tables and returns the gold a perfect reader of the
file would extract, so extraction can be scored with ``goalnlp evaluate``.

What a table looks like (one layout plan per document, shared by every format, drawn from the seed
and the document's name, so ``pdf``, ``pdf_unruled``, ``docx`` and the images of a document show
the same words in the same places):

* title lines (``项目支出绩效目标表`` and its variants, ``（2023年度）``, ``单位：万元``), the header block
  (项目名称 / 主管部门 / 实施单位 / 资金情况·年度资金总额 / 年度总体目标 …) as a small grid -- both from
  :mod:`goalnlp.simulate` (``_meta``), so the wording is the simulator's;
* the 绩效指标 grid: ``一级指标 | 二级指标 | 三级指标 | 指标值`` (header labels vary as in the
  simulator), with ``符号 | 值 | 单位`` columns in some tables, a 权重/分值 column where rows have
  weights, ``年度指标值 | 实际完成值 | 分值 | 得分 | 原因`` for self-evaluation tables, a 说明 column
  in some, and sometimes a ``绩效指标`` row spanning the grid above the header;
* category cells merged over the rows they span (unless the plan repeats them on every row);
  long cells wrap inside the cell, never adding a space or hyphen.

Formats (``FORMATS``) and what a reader meets in each:

* ``pdf`` / ``pdf_unruled`` -- reportlab, A4 (landscape for some wide tables), the bundled CJK font
  embedded (``fonts/``: a GB2312 subset of WenQuanYi Micro Hei), text extractable as Unicode.
  Ruled: grid lines on every cell, merged cells drawn as one box. Unruled: no lines (some documents
  keep a rule under the header). A grid longer than a page is cut between rows, its header
  rows repeated on the next page; a merged category cell cut by the page break continues as
  an empty merged cell on the next page, or repeats its label there (drawn per document).
* ``docx`` -- python-docx tables (``Table Grid``): merged cells are real ``vMerge``/``gridSpan``
  merges, text in the first cell only (python-docx repeats the merged cell at each position
  it covers); the grid's header rows are marked to repeat on each page (``tblHeader``).
* ``xlsx`` -- openpyxl; merged ranges are real ``merge_cells`` ranges with the text in the
  top-left cell. Tables go on one sheet each or stacked on one sheet (per document). Weights
  and scores are numbers; a value that is a plain number (``95``, ``0.95``) is a number cell,
  and in some documents a bare percentage (``95%``) is a number formatted ``0%``. In documents
  drawn with Excel dates (``excel_dates``), every ``kind: date`` target is an Excel date cell
  (formatted ``yyyy-mm-dd``) and its gold ``value_text``/``date`` become that ISO date
  (``2022年12月底前`` → ``2022-12-31``; a year-month becomes the month's last day, a year its
  31 December): a reader must show a date cell as ``YYYY-MM-DD``, as Excel displays it.
* ``png300`` / ``png150noisy`` -- the ruled PDF rasterised with pypdfium2 (grayscale), rotated by
  a small angle (white fill) and, for ``png150noisy``, with gaussian and salt-and-pepper noise.
  One image document per source document: ``NAME.png`` when the PDF has one page, otherwise
  one multi-page TIFF ``NAME.tiff`` (a reader treats a TIFF as one document, its frames as
  pages). :func:`render_image` also writes one PNG per page.

Gold: the records of what was drawn, in SCHEMA field order, ``doc`` the file's name
(``NAME.pdf``, ``NAME.docx``, ``NAME.xlsx``, ``NAME.png``/``NAME.tiff``), no ``line_start``/``line_end``
(a file has no source lines). ``name``, ``value_text`` and ``actual_text`` are the cell texts
with whitespace removed; a 定性 in the symbol column is not part of ``value_text``. Indicators
whose text the bundled font cannot draw are left out of PDFs and images and of their gold.

:func:`render_corpus` writes ``OUT/FORMAT/NAME.EXT`` plus ``OUT/FORMAT/NAME.jsonl`` for every
source document and format, and ``OUT/MANIFEST.json`` (layout choices, pages, timings); run
``python -m goalnlp.render --gold corpora/dev/gold --out /tmp/rendered`` then e.g.
``goalnlp extract /tmp/rendered/pdf -o p.jsonl && goalnlp evaluate --gold /tmp/rendered/pdf --pred p.jsonl``.
"""

from __future__ import annotations

import argparse
import calendar
import copy
import datetime as dt
import json
import random
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from .simulate import (
    IndicatorSpec,
    TableSpec,
    _header_cells,
    _indicator_record,
    _make_cfg,
    _meta,
    _nows,
    _roles,
    _rows,
    _table_record,
    from_records,
    generate_tables,
)

__all__ = [
    "FONT_PATH",
    "FORMATS",
    "IMAGE_FORMATS",
    "main",
    "register_font",
    "render_corpus",
    "render_document",
    "render_docx",
    "render_image",
    "render_pdf",
    "render_xlsx",
]

FONT_PATH = Path(__file__).with_name("fonts") / "wqy-microhei-gb2312.ttf"
_FONT_NAME = "GoalnlpCJK"
FORMATS = ("pdf", "pdf_unruled", "docx", "xlsx", "png300", "png150noisy")
IMAGE_FORMATS: dict[str, dict[str, float]] = {
    "png300": {"dpi": 300, "max_rotate": 0.5, "noise": 0.0},
    "png150noisy": {"dpi": 150, "max_rotate": 1.0, "noise": 0.06},
}

Records = Sequence[dict[str, Any]] | Sequence[TableSpec]

# --------------------------------------------------------------------------- layout plan


@dataclass
class _Grid:
    """Cell texts plus merged ranges: the model every writer draws.

    ``spans`` are ``(row0, col0, row1, col1)``, inclusive, text in the top-left cell and ``""`` in
    the others. ``head`` rows are the header, repeated on each page; ``inds`` holds the indicator
    of each body row (None for header rows), ``roles`` the column roles of an indicator grid.
    """

    cells: list[list[str]]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    head: int = 0
    roles: list[str] = field(default_factory=list)
    inds: list[IndicatorSpec | None] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.cells), default=0)


@dataclass
class _TablePlan:
    """One table as drawn: title lines, header block, indicator grid and the choices made."""

    spec: TableSpec
    titles: list[str]
    meta: list[list[str]]
    grid: _Grid
    split: str


def _category_spans(body: list[list[str]], roles: list[str], offset: int) -> list[tuple[int, int, int, int]]:
    """Merge each category cell over the rows of its group; a level-2 group never crosses a level-1 one."""
    spans: list[tuple[int, int, int, int]] = []
    n = len(body)
    c1, c2 = roles.index("l1"), roles.index("l2")
    for c, parent in ((c1, None), (c2, c1)):
        starts = [r for r in range(n) if r == 0 or body[r][c] or (parent is not None and body[r][parent])]
        for a, b in zip(starts, [*starts[1:], n], strict=True):
            if b - a > 1:
                spans.append((a + offset, c, b - 1 + offset, c))
    return spans


def _prepare(tables: Sequence[TableSpec]) -> list[TableSpec]:
    """Copies with whitespace-free names and actual values: what a cell shows is what the gold says."""
    out = [copy.deepcopy(t) for t in tables]
    for t in out:
        t.indicators = [i for i in t.indicators if _nows(i.name)]
        for ind in t.indicators:
            ind.name = _nows(ind.name)
            if ind.actual_text is not None:
                ind.actual_text = _nows(ind.actual_text)
    return out


def _plan(tables: Sequence[TableSpec], rng: random.Random) -> list[_TablePlan]:
    """Draw each table's labels, columns, header block and merges (the simulator's choices)."""
    plans: list[_TablePlan] = []
    for t in tables:
        if t.table_type == "self_evaluation":
            split = "none"
        else:
            split = rng.choices(("none", "sym3", "sym"), weights=(0.55, 0.3, 0.15))[0]
        cfg = _make_cfg(rng, t, split=split)
        titles, meta = _meta(t, rng)
        roles = _roles(t, cfg)
        body = [[text for _, text, _ in row] for row in _rows(t, cfg)]
        header = [_header_cells(t, cfg)]
        if rng.random() < 0.4:
            header.insert(0, ["绩效指标"] + [""] * (len(roles) - 1))
        head = len(header)
        spans = _category_spans(body, roles, head) if body else []
        if head == 2:
            spans.insert(0, (0, 0, 0, len(roles) - 1))
        grid = _Grid(header + body, spans, head, roles, [None] * head + list(t.indicators))
        plans.append(_TablePlan(t, titles, meta, grid, split))
    return plans


def _spread(k: int, ncols: int) -> list[tuple[int, int]]:
    """Column ranges for a row of ``k`` cells in ``ncols`` columns: the label first, the rest evenly."""
    if k >= ncols:
        return [(c, c) for c in range(k)]
    if k == 1:
        return [(0, ncols - 1)]
    bounds = [1 + round(i * (ncols - 1) / (k - 1)) for i in range(k)]
    return [(0, 0)] + [(bounds[i], bounds[i + 1] - 1) for i in range(k - 1)]


def _meta_grid(meta: list[list[str]], ncols: int | None = None) -> _Grid:
    """The header block as a grid; a row continuing a label (first cell empty) merges under it."""
    ncols = max([ncols or 0, 2, *(len(r) for r in meta)])
    cells: list[list[str]] = []
    spans: list[tuple[int, int, int, int]] = []
    label: int | None = None  # the row whose first cell the rows below continue
    open_span: int | None = None  # index in spans of that cell's vertical merge
    for r, row in enumerate(meta):
        line = [""] * ncols
        for text, (a, b) in zip(row, _spread(len(row), ncols), strict=True):
            line[a] = text
            if b > a:
                spans.append((r, a, r, b))
        cells.append(line)
        if row and row[0]:
            label, open_span = (r if len(row) > 1 else None), None
        elif label is not None and len(row) > 1:
            if open_span is None:
                spans.append((label, 0, r, 0))
                open_span = len(spans) - 1
            else:
                spans[open_span] = (label, 0, r, 0)
    return _Grid(cells, spans)


def _as_tables(records: Records) -> list[TableSpec]:
    """Gold records of one document (or TableSpecs) as TableSpecs."""
    items = list(records)
    if items and isinstance(items[0], TableSpec):
        return list(items)  # type: ignore[arg-type]
    docs = {r.get("doc") for r in items if isinstance(r, dict)}
    if len(docs) > 1:
        raise ValueError(f"records of several documents given: {sorted(map(str, docs))}")
    return from_records(r for r in items if r.get("record") in ("table", "indicator"))  # type: ignore[union-attr]


def _gold(tables: Sequence[TableSpec], doc: str) -> list[dict[str, Any]]:
    """SCHEMA records of drawn tables; a file has no source lines, so no line_start/line_end."""
    out: list[dict[str, Any]] = []
    for ti, t in enumerate(tables):
        out.append(_table_record(t, ti, doc))
        for ind in t.indicators:
            rec = _indicator_record(t, ti, ind, doc, (0, 0))
            del rec["line_start"], rec["line_end"]
            out.append(rec)
    return out


def _rng(seed: int, name: str, what: str = "plan") -> random.Random:
    return random.Random(f"goalnlp.render:{seed}:{name}:{what}")


# --------------------------------------------------------------------------- fonts


@lru_cache(maxsize=8)
def register_font(font: str | None = None) -> str:
    """Register a TrueType CJK font with reportlab (the bundled subset by default); return its name.

    ``font`` may be a ``.ttf`` or a ``.ttc`` (its first face). reportlab embeds a subset with a
    ToUnicode map, so PDF text extracts as Unicode and rasterised pages show real glyphs.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = Path(font) if font else FONT_PATH
    name = _FONT_NAME if font is None else f"{_FONT_NAME}-{re.sub(r'[^A-Za-z0-9]+', '', path.stem)}"
    kw = {"subfontIndex": 0} if path.suffix.lower() in (".ttc", ".otc") else {}
    pdfmetrics.registerFont(TTFont(name, str(path), **kw))
    return name


@lru_cache(maxsize=8)
def _font_chars(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def _drawable(tables: list[TableSpec], font_name: str) -> list[TableSpec]:
    """Leave out indicators with a character the font lacks: a page would show a box, not it."""
    have = _font_chars(font_name)

    def ok(s: str | None) -> bool:
        return not s or all(ord(ch) in have or ch.isspace() for ch in s)

    for t in tables:
        t.indicators = [
            i for i in t.indicators if ok(i.name) and ok(i.target.text) and ok(i.actual_text) and ok(i.note)
        ]
    return tables


# --------------------------------------------------------------------------- PDF

_PDF_WIDTHS = {
    "l1": 58, "l2": 66, "name": 160, "val": 100, "sym": 44, "unit": 44,
    "actual": 90, "weight": 34, "score": 34, "note": 80,
}  # fmt: skip
_CENTRED = {"l1", "l2", "val", "sym", "unit", "actual", "weight", "score"}


@dataclass
class _PdfOpts:
    """Per-document drawing choices (drawn once; the ruled and unruled PDFs share them)."""

    landscape: bool
    margin_mm: float
    font_size: float
    meta_ruled: bool
    header_rule: bool
    carry_labels: bool
    valign: str
    break_between: bool
    page_numbers: bool
    gap: float


def _pdf_opts(rng: random.Random, plans: list[_TablePlan]) -> _PdfOpts:
    wide = any(len(p.grid.roles) >= 7 for p in plans)
    return _PdfOpts(
        landscape=wide and rng.random() < 0.6,
        margin_mm=rng.choice((15, 18, 20, 22)),
        font_size=rng.choice((9, 9, 9.5, 10)),
        meta_ruled=rng.random() < 0.9,
        header_rule=rng.random() < 0.5,
        carry_labels=rng.random() < 0.5,
        valign=rng.choice(("MIDDLE", "MIDDLE", "TOP")),
        break_between=rng.random() < 0.5,
        page_numbers=rng.random() < 0.6,
        gap=rng.choice((0.0, 6.0, 10.0)),
    )


@lru_cache(maxsize=1)
def _paged_table_class() -> type:
    """The reportlab Table subclass, built on first use so importing goalnlp needs no reportlab."""
    from reportlab.platypus import Paragraph, Table

    class PagedTable(Table):
        """A Table that a page break may cut between any two body rows, merged cells included.

        reportlab will not split a table inside a SPAN; real exports do, so this one cuts every
        span at the break, repeats the header rows on the next page, and there leaves the cut
        merged cell empty or repeats its label (``carry``).
        """

        def __init__(self, flows: list[list[Any]], spans: list[tuple[int, int, int, int]], head: int,
                     widths: list[float], styler: Any, carry: bool, labels: dict[tuple[int, int], str]):
            self._flows, self._spans, self._head = flows, spans, head
            self._widths, self._styler, self._carry, self._labels = widths, styler, carry, labels
            cmds = [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans if (r0, c0) != (r1, c1)]
            super().__init__(flows, colWidths=widths, style=styler(len(flows), head) + cmds)

        def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab API
            self._calc(availWidth, availHeight)
            heights = self._rowHeights
            used, n = sum(heights[: self._head]), self._head
            while n < len(heights) and used + heights[n] <= availHeight:
                used += heights[n]
                n += 1
            while self._head < n < len(heights):
                first = self._part(0, n)
                # a cut merged cell may need more height than its rows had: re-measure
                if first.wrap(availWidth, availHeight)[1] <= availHeight:
                    return [first, self._part(n, len(heights))]
                n -= 1
            return []

        def _part(self, a: int, b: int) -> PagedTable:
            """Rows [a, b) -- after the header rows when a > 0 -- with the spans cut to them."""
            head = self._head
            keep = [*range(head), *range(a, b)] if a else list(range(b))
            where = {r: i for i, r in enumerate(keep)}
            flows = [list(self._flows[r]) for r in keep]
            spans: list[tuple[int, int, int, int]] = []
            labels: dict[tuple[int, int], str] = {}
            for r0, c0, r1, c1 in self._spans:
                if a and r1 < head:  # a header span, repeated as it is
                    spans.append((r0, c0, r1, c1))
                    continue
                lo, hi = max(r0, a), min(r1, b - 1)
                if lo > hi or (a and r0 < head):
                    continue
                text = self._labels.get((r0, c0), "")
                if lo != r0:  # a merged cell cut by the page break: empty, or its label again
                    carried = self._carry and bool(text)
                    flows[where[lo]][c0] = Paragraph(text, self._flows[r0][c0].style) if carried else ""
                    text = text if carried else ""
                if text:
                    labels[(where[lo], c0)] = text
                spans.append((where[lo], c0, where[hi], c1))
            return PagedTable(flows, spans, head, self._widths, self._styler, self._carry, labels)

    return PagedTable


_PAD = 3.0
_TOKEN = re.compile(r"[A-Za-z0-9.,%~\-/:+]+|\s+|.")
_NO_LINE_START = set("）》」』】〕〉，。、；：！？%）)]")
_NO_LINE_END = set("（《「『【〔〈([")


def _break_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """Cut a cell text into lines that fit ``width`` points, the way office software does.

    Drawn line by line rather than left to reportlab's CJK wrap, which can let a closing
    bracket run past the cell edge. Lines break between characters, never inside a number
    or Latin word that fits a line, never before closing or after opening punctuation; a
    break at a space drops it. Joined without whitespace, the lines give the text back.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(s: str) -> bool:
        return stringWidth(s, font, size) <= width

    lines: list[str] = []
    cur = ""
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            cur += tok if cur else ""
            continue
        if fits(cur + tok):
            cur += tok
            continue
        if cur.strip():
            if tok[0] in _NO_LINE_START and len(cur.rstrip()) > 1 and not cur[-1].isspace():
                cur, tok = cur[:-1], cur[-1] + tok  # carry the last character down with it
            elif len(cur) > 1 and cur[-1] in _NO_LINE_END:
                cur, tok = cur[:-1], cur[-1] + tok
            lines.append(cur.rstrip())
            cur = ""
        while not fits(tok) and len(tok) > 1:  # longer than a line: cut it where it must be cut
            k = max(1, next((i for i in range(len(tok), 0, -1) if fits(tok[:i])), 1))
            lines.append(tok[:k])
            tok = tok[k:]
        cur = tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [text]


def _pdf_table(grid: _Grid, widths: list[float], styles: dict[str, Any], ruled: bool, opts: _PdfOpts,
               *, header_fill: bool) -> Any:
    """A grid as a PagedTable of wrapping Paragraphs."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    roles = grid.roles
    span_end = {(r0, c0): c1 for r0, c0, _, c1 in grid.spans}
    flows: list[list[Any]] = []
    labels: dict[tuple[int, int], str] = {}
    for r, row in enumerate(grid.cells):
        out: list[Any] = []
        for c, text in enumerate(row):
            if not text:
                out.append("")
                continue
            centred = r < grid.head or (roles and roles[c] in _CENTRED)
            st = styles["c" if centred else "l"]
            inner = sum(widths[c : span_end.get((r, c), c) + 1]) - 2 * _PAD - 1
            markup = "<br/>".join(escape(x) for x in _break_lines(text, inner, st.fontName, st.fontSize))
            out.append(Paragraph(markup, st))
            if roles and roles[c] in ("l1", "l2") and r >= grid.head:
                labels[(r, c)] = markup
        flows.append(out)

    def styler(n: int, head: int) -> list[tuple[Any, ...]]:
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
        if opts.valign == "TOP" and roles:
            cmds.append(("VALIGN", (0, head), (1, -1), "TOP"))
        if ruled:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
            if header_fill and head:
                cmds.append(("BACKGROUND", (0, 0), (-1, head - 1), colors.HexColor("#EDEDED")))
        elif opts.header_rule and head:
            cmds.append(("LINEBELOW", (0, head - 1), (-1, head - 1), 0.8, colors.black))
            cmds.append(("LINEBELOW", (0, n - 1), (-1, n - 1), 0.8, colors.black))
        return cmds

    return _paged_table_class()(flows, grid.spans, grid.head, widths, styler, opts.carry_labels, labels)


def _scaled(weights: Sequence[float], total: float) -> list[float]:
    s = sum(weights)
    return [w * total / s for w in weights]


def _title_flow(title: str, styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph

    if title.endswith("表") and len(title) >= 6:
        return Paragraph(escape(title), styles["title"])
    if title.startswith("（") or title.startswith("单位：") or title.startswith("金额单位"):
        return Paragraph(escape(title), styles["sub_r" if "单位" in title else "sub_c"])
    return Paragraph(escape(title), styles["sub_l"])


def _write_pdf(plans: list[_TablePlan], path: Path, *, ruled: bool, opts: _PdfOpts, font_name: str) -> int:
    """Draw the plans into ``path``; return the number of pages."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

    size = landscape(A4) if opts.landscape else A4
    margin = opts.margin_mm * mm
    width = size[0] - 2 * margin
    fs = opts.font_size

    def style(name: str, align: int, size_: float = fs) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font_name, fontSize=size_, leading=size_ * 1.3,
                              alignment=align, wordWrap="CJK")

    styles = {
        "l": style("l", TA_LEFT), "c": style("c", TA_CENTER),
        "title": style("title", TA_CENTER, fs + 6), "sub_c": style("sub_c", TA_CENTER),
        "sub_r": style("sub_r", TA_RIGHT), "sub_l": style("sub_l", TA_LEFT),
    }  # fmt: skip
    styles["title"].spaceAfter = 6
    story: list[Any] = []
    for k, p in enumerate(plans):
        if k:
            story.append(PageBreak() if opts.break_between else Spacer(1, 28))
        story.extend(_title_flow(t, styles) for t in p.titles)
        story.append(Spacer(1, 4))
        if p.meta:
            meta = _meta_grid(p.meta)
            m = meta.ncols
            weights = [1.0 if j % 2 == 0 else 1.7 for j in range(m)] if m <= 4 else [1.0] * m
            story.append(_pdf_table(meta, _scaled(weights, width), styles, ruled and opts.meta_ruled, opts,
                                    header_fill=False))
        if opts.gap:
            story.append(Spacer(1, opts.gap))
        roles = p.grid.roles
        widths = [_PDF_WIDTHS[r] * (0.6 if r == "val" and p.split == "sym3" else 1.0) for r in roles]
        story.append(_pdf_table(p.grid, _scaled(widths, width), styles, ruled, opts, header_fill=True))

    pages = [0]

    def on_page(canvas: Any, doc: Any) -> None:
        pages[0] = doc.page
        if opts.page_numbers:
            canvas.setFont(font_name, 9)
            canvas.drawCentredString(size[0] / 2, margin / 2, f"- {doc.page} -")

    doc = SimpleDocTemplate(str(path), pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=path.stem, author="goalnlp.render")
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return pages[0]


def _pdf_document(records: Records, path: Path, *, ruled: bool, seed: int, font: str | None,
                  name: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    name = name or path.stem
    font_name = register_font(font)
    tables = _drawable(_prepare(_as_tables(records)), font_name)
    plans = _plan(tables, _rng(seed, name))
    opts = _pdf_opts(_rng(seed, name, "pdf"), plans)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = _write_pdf(plans, path, ruled=ruled, opts=opts, font_name=font_name)
    info = {"pages": pages, "ruled": ruled, **opts.__dict__, "splits": [p.split for p in plans],
            "section_row": [p.grid.head == 2 for p in plans]}
    return _gold(tables, path.name), info


def render_pdf(records: Records, path: str | Path, *, ruled: bool = True, seed: int = 0,
               font: str | None = None) -> None:
    """Draw one document's tables into a PDF: title, header block, merged/wrapped 绩效指标 grid.

    ``font`` is a TrueType font path (default: the bundled CJK subset). Layout choices depend on
    ``seed`` and the file's stem, so ``ruled=False`` gives the same page without lines.
    """
    _pdf_document(records, Path(path), ruled=ruled, seed=seed, font=font)


# --------------------------------------------------------------------------- DOCX


def _docx_table(document: Any, grid: _Grid, widths_cm: list[float] | None) -> Any:
    """A grid as a Word table with real merges; header rows repeat on each page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    n, m = len(grid.cells), grid.ncols
    table = document.add_table(rows=n, cols=m)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        cells = row.cells
        for c, text in enumerate(grid.cells[r]):
            cell = cells[c]
            if widths_cm:
                cell.width = Cm(widths_cm[c])
            if text:
                cell.text = text
                if r < grid.head or (grid.roles and grid.roles[c] in _CENTRED):
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if r < grid.head:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(flag)
    for r0, c0, r1, c1 in grid.spans:
        text = grid.cells[r0][c0]
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = text
        if r0 < grid.head or (grid.roles and grid.roles[c0] in _CENTRED):
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def _docx_document(records: Records, path: Path, *, seed: int,
                   name: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    name = name or path.stem
    tables = _prepare(_as_tables(records))
    plans = _plan(tables, _rng(seed, name))
    rng = _rng(seed, name, "docx")
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(rng.choice((9, 10, 10.5)))
    normal.font.name = "SimSun"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    section = document.sections[0]
    wide = any(len(p.grid.roles) >= 7 for p in plans) and rng.random() < 0.6
    if wide:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    usable = (section.page_width - section.left_margin - section.right_margin) / 360000  # EMU → cm
    breaks = rng.random() < 0.5
    for k, p in enumerate(plans):
        if k:
            if breaks:
                document.add_page_break()
            else:
                document.add_paragraph("")
        for title in p.titles:
            para = document.add_paragraph(title)
            if title.endswith("表") and len(title) >= 6:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in para.runs:
                    run.font.size = Pt(16)
            elif title.startswith("（"):
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif "单位：" in title[:6]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if p.meta:
            _docx_table(document, _meta_grid(p.meta), None)
            if rng.random() < 0.5:
                document.add_paragraph("")
        roles = p.grid.roles
        widths = _scaled([_PDF_WIDTHS[r] for r in roles], usable)
        _docx_table(document, p.grid, widths)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    info = {"landscape": wide, "page_breaks": breaks, "splits": [p.split for p in plans]}
    return _gold(tables, path.name), info


def render_docx(records: Records, path: str | Path, *, seed: int = 0) -> None:
    """Write one document's tables as a Word file: header-block table, then the merged 绩效指标 grid."""
    _docx_document(records, Path(path), seed=seed)


# --------------------------------------------------------------------------- XLSX

_PLAIN_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d*[1-9])?")
_PERCENT = re.compile(r"((?:0|[1-9]\d*)(?:\.\d{1,2})?)%")
_XL_WIDTHS = {"l1": 12, "l2": 14, "name": 34, "val": 20, "sym": 9, "unit": 9, "actual": 18, "weight": 8,
              "score": 8, "note": 18}  # fmt: skip


def _month_end(date: str) -> dt.date | None:
    """A gold ``date`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as the day an Excel cell would hold."""
    try:
        parts = [int(x) for x in date.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def _to_excel_dates(tables: list[TableSpec]) -> dict[int, dt.date]:
    """Turn every date target into a day; the gold then says the ISO date the cell displays."""
    days: dict[int, dt.date] = {}
    for t in tables:
        for ind in t.indicators:
            v = ind.target
            day = _month_end(v.date) if v.kind == "date" and v.date else None
            if day is None:
                continue
            iso = day.isoformat()
            v.sym, v.body, v.unit_w, v.date = "", iso, "", iso
            v.comparator = v.value = v.value_max = v.unit = None
            days[id(ind)] = day
    return days


def _excel_value(text: str, role: str, ind: IndicatorSpec | None, days: dict[int, dt.date],
                 percents: bool) -> tuple[Any, str | None]:
    """The value a sheet cell holds for a cell text, and its number format (None: General)."""
    if role in ("weight", "score") and text:
        x = float(text)
        return (int(x) if x.is_integer() else x), None
    if role == "val" and ind is not None:
        if id(ind) in days:
            return dt.datetime.combine(days[id(ind)], dt.time()), "yyyy-mm-dd"
        if _PLAIN_NUMBER.fullmatch(text):
            x = float(text)
            return (int(x) if x.is_integer() else x), None
        m = _PERCENT.fullmatch(text)
        if percents and m:
            decimals = len(m.group(1).partition(".")[2])
            return round(float(m.group(1)) / 100, decimals + 2), "0" + ("." + "0" * decimals if decimals else "") + "%"
    return text, None


def _xlsx_document(records: Records, path: Path, *, seed: int, excel_dates: bool | None = None,
                   name: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    name = name or path.stem
    tables = _prepare(_as_tables(records))
    rng = _rng(seed, name, "xlsx")
    drawn_dates = rng.random() < 0.5
    excel_dates = drawn_dates if excel_dates is None else excel_dates
    per_sheet = rng.random() < 0.6
    percents = rng.random() < 0.5
    days = _to_excel_dates(tables) if excel_dates else {}
    plans = _plan(tables, _rng(seed, name))  # the same choices as the other formats
    side = Side(style="thin", color="000000")
    box = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wb = Workbook()
    ws = wb.active
    row0 = 1
    used_titles: set[str] = set()
    for k, p in enumerate(plans):
        if k == 0 or per_sheet:
            if k:
                ws = wb.create_sheet()
                row0 = 1
            title = re.sub(r"[\[\]:*?/\\]", "", p.spec.project)[:28] or f"表{k + 1}"
            while title in used_titles:
                title = f"{title[:25]}{k + 1}"
            used_titles.add(title)
            ws.title = title
        else:
            row0 += 2
        roles = p.grid.roles
        meta = _meta_grid(p.meta, len(roles))
        ncols = max(meta.ncols, len(roles))
        for c in range(ncols):
            ws.column_dimensions[get_column_letter(c + 1)].width = _XL_WIDTHS.get(
                roles[c] if c < len(roles) else "", 14)
        for title in p.titles:
            cell = ws.cell(row0, 1, title)
            big = title.endswith("表") and len(title) >= 6
            cell.alignment = centre if big or title.startswith("（") else Alignment(horizontal="left")
            if big:
                cell.font = Font(size=16, bold=True)
            ws.merge_cells(start_row=row0, start_column=1, end_row=row0, end_column=ncols)
            row0 += 1
        blocks = [(meta, None)] if p.meta else []
        blocks.append((p.grid, p.grid))
        for grid, ind_grid in blocks:
            for r, line in enumerate(grid.cells):
                ind = ind_grid.inds[r] if ind_grid else None
                for c, text in enumerate(line):
                    cell = ws.cell(row0 + r, c + 1)
                    cell.border = box
                    if not text:
                        continue
                    role = roles[c] if ind_grid and r >= grid.head else ""
                    value, fmt = _excel_value(text, role, ind, days, percents)
                    cell.value = value
                    if fmt:
                        cell.number_format = fmt
                    cell.alignment = centre if (role in _CENTRED or (ind_grid and r < grid.head)) else wrap
            for r0, c0, r1, c1 in grid.spans:
                ws.merge_cells(start_row=row0 + r0, start_column=c0 + 1, end_row=row0 + r1, end_column=c1 + 1)
            if ind_grid and per_sheet:
                ws.print_title_rows = f"{row0}:{row0 + grid.head - 1}"
            row0 += len(grid.cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    info = {"sheet_per_table": per_sheet, "excel_dates": excel_dates, "date_cells": len(days),
            "percent_cells": percents, "splits": [p.split for p in plans]}
    return _gold(tables, path.name), info


def render_xlsx(records: Records, path: str | Path, *, seed: int = 0, excel_dates: bool | None = None) -> None:
    """Write one document's tables to an Excel workbook with merged ranges and typed cells.

    ``excel_dates`` (default: drawn from ``seed``) writes date targets as Excel date cells; see the
    module docstring for how the gold follows.
    """
    _xlsx_document(records, Path(path), seed=seed, excel_dates=excel_dates)


# --------------------------------------------------------------------------- images


def _degrade(img: Any, rotate: float, noise: float, seed: int) -> Any:
    """Rotate with white fill and add gaussian (sigma = noise*255) and salt-and-pepper (noise/20) noise."""
    from PIL import Image

    if rotate:
        img = img.rotate(rotate, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise > 0:
        import numpy as np

        rs = np.random.default_rng(seed)
        a = np.asarray(img, dtype=np.float32)
        a = a + rs.normal(0.0, noise * 255.0, a.shape)
        flip = rs.random(a.shape)
        a[flip < noise / 40] = 0.0
        a[flip > 1 - noise / 40] = 255.0
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")
    return img


def render_image(pdf_path: str | Path, out: str | Path, *, dpi: int = 300, rotate: float = 0.0,
                 noise: float = 0.0, seed: int = 0) -> list[Path]:
    """Rasterise each PDF page (grayscale) and return the files written.

    ``out`` ending in ``.tif``/``.tiff`` gets one multi-page TIFF; ending in ``.png`` gets that
    file for a one-page PDF, else ``STEM-1.png``, ``STEM-2.png`` …; anything else is a folder
    that gets ``PDFSTEM-N.png`` per page. ``rotate`` is degrees counter-clockwise, ``noise`` the
    gaussian sigma as a fraction of full scale (salt-and-pepper on ``noise/20`` of the pixels).
    """
    import pypdfium2 as pdfium

    pdf_path, out = Path(pdf_path), Path(out)
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        images = []
        for i in range(len(pdf)):
            bitmap = pdf[i].render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            images.append(_degrade(img, rotate, noise, seed * 1000 + i))
    finally:
        pdf.close()
    suffix = out.suffix.lower()
    if suffix in (".tif", ".tiff"):
        out.parent.mkdir(parents=True, exist_ok=True)
        images[0].save(out, save_all=True, append_images=images[1:], compression="tiff_deflate",
                       dpi=(dpi, dpi))
        return [out]
    if suffix == ".png":
        out.parent.mkdir(parents=True, exist_ok=True)
        paths = [out] if len(images) == 1 else [out.with_name(f"{out.stem}-{i + 1}.png") for i in range(len(images))]
    else:
        out.mkdir(parents=True, exist_ok=True)
        paths = [out / f"{pdf_path.stem}-{i + 1}.png" for i in range(len(images))]
    for img, p in zip(images, paths, strict=True):
        img.save(p, dpi=(dpi, dpi), optimize=False)
    return paths


def _image_document(records: Records, out_dir: Path, name: str, fmt: str, *, seed: int,
                    font: str | None = None) -> tuple[Path, list[dict[str, Any]], dict[str, Any]]:
    """The ruled PDF of the document rasterised: ``NAME.png`` (one page) or ``NAME.tiff``."""
    spec = IMAGE_FORMATS[fmt]
    rng = _rng(seed, name, fmt)
    with tempfile.TemporaryDirectory(prefix="goalnlp-render-") as tmp:
        pdf = Path(tmp) / f"{name}.pdf"
        gold, info = _pdf_document(records, pdf, ruled=True, seed=seed, font=font, name=name)
        rotate = round(rng.uniform(-spec["max_rotate"], spec["max_rotate"]), 2)
        target = out_dir / (f"{name}.png" if info["pages"] == 1 else f"{name}.tiff")
        render_image(pdf, target, dpi=int(spec["dpi"]), rotate=rotate, noise=spec["noise"],
                     seed=rng.randrange(1 << 30))
    for r in gold:
        r["doc"] = target.name
    return target, gold, {"pages": info["pages"], "dpi": spec["dpi"], "rotate": rotate, "noise": spec["noise"]}


# --------------------------------------------------------------------------- documents and corpora


def _write_gold(path: Path, records: Iterable[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def render_document(records: Records, fmt: str, out_dir: str | Path, name: str, *, seed: int = 0,
                    font: str | None = None, excel_dates: bool | None = None
                    ) -> tuple[Path, list[dict[str, Any]], dict[str, Any]]:
    """Render one document in one format into ``out_dir`` with its gold ``NAME.jsonl`` beside it.

    Returns the file written, its gold records (``doc`` = the file's name) and the layout choices.
    ``excel_dates`` forces (or forbids) Excel date cells in ``xlsx``; by default the seed decides.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt in IMAGE_FORMATS:
        path, gold, info = _image_document(records, out_dir, name, fmt, seed=seed, font=font)
    elif fmt in ("pdf", "pdf_unruled"):
        path = out_dir / f"{name}.pdf"
        gold, info = _pdf_document(records, path, ruled=fmt == "pdf", seed=seed, font=font, name=name)
    elif fmt == "docx":
        path = out_dir / f"{name}.docx"
        gold, info = _docx_document(records, path, seed=seed, name=name)
    elif fmt == "xlsx":
        path = out_dir / f"{name}.xlsx"
        gold, info = _xlsx_document(records, path, seed=seed, excel_dates=excel_dates, name=name)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    _write_gold(out_dir / f"{name}.jsonl", gold)
    return path, gold, info


def _load_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


def _sources(gold_dirs: Sequence[str | Path], limit: int | None, generate: int, seed: int
             ) -> list[tuple[str, str, Records]]:
    """(name, source, records) per document: gold files in name order, then generated documents."""
    out: list[tuple[str, str, Records]] = []
    seen: set[str] = set()
    for d in gold_dirs:
        d = Path(d)
        files = [d] if d.is_file() else sorted(d.glob("*.jsonl"))
        for path in files:
            name = path.stem
            while name in seen:
                name += "_"
            seen.add(name)
            out.append((name, str(path), _load_jsonl(path)))
    if limit is not None and limit < len(out):  # spread over the list: every layout of a corpus, not the first
        out = [out[i * len(out) // limit] for i in range(limit)] if limit > 0 else []
    for i in range(generate):
        rng = random.Random(f"goalnlp.render:{seed}:generate:{i}")
        kind = rng.choice((None, None, None, "self_evaluation"))
        tables = generate_tables(rng, rng.randint(1, 3), table_type=kind, weights=rng.random() < 0.25,
                                 department_first=kind is None and rng.random() < 0.3, glyphs=rng.random() < 0.5)
        out.append((f"gen_{i:03d}", "generated", tables))
    return out


def render_corpus(gold_dirs: Sequence[str | Path], out_dir: str | Path, *, formats: Sequence[str] = FORMATS,
                  seed: int = 0, limit: int | None = None, generate: int = 0,
                  font: str | None = None) -> dict[str, Any]:
    """Render every gold document (``*.jsonl`` of ``gold_dirs``) and ``generate`` fresh ones in each
    format: ``OUT/FORMAT/NAME.EXT`` + ``OUT/FORMAT/NAME.jsonl``; return the manifest.

    ``limit`` keeps that many gold documents, spread evenly over their sorted names (so a corpus
    named by layout keeps every layout).
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown formats {bad}; choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs: dict[str, Any] = {}
    seconds: dict[str, float] = dict.fromkeys(formats, 0.0)
    for name, source, records in _sources(gold_dirs, limit, generate, seed):
        entry: dict[str, Any] = {"source": source, "formats": {}}
        for fmt in formats:
            t0 = time.perf_counter()
            path, gold, info = render_document(records, fmt, out / fmt, name, seed=seed, font=font)
            took = time.perf_counter() - t0
            seconds[fmt] += took
            entry["formats"][fmt] = {
                "file": str(path.relative_to(out)),
                "tables": sum(r["record"] == "table" for r in gold),
                "indicators": sum(r["record"] == "indicator" for r in gold),
                "seconds": round(took, 3),
                **info,
            }
        docs[name] = entry
    manifest = {"generator": "goalnlp.render", "seed": seed, "formats": list(formats),
                "seconds": {k: round(v, 2) for k, v in seconds.items()}, "docs": docs}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``python -m goalnlp.render --gold DIR [--gold DIR] --out DIR [--formats pdf,docx] [--seed N]``."""
    p = argparse.ArgumentParser(prog="python -m goalnlp.render",
                                description="Render labeled records into PDF/DOCX/XLSX/image files with exact gold.")
    p.add_argument("--gold", action="append", default=[], type=Path, help="gold JSONL folder or file (repeatable)")
    p.add_argument("--out", required=True, type=Path, help="output folder (one subfolder per format)")
    p.add_argument("--formats", nargs="+", action="extend", default=None,
                   help="formats, comma- or space-separated (default all): " + ",".join(FORMATS))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, default=None, help="render N gold documents, spread evenly over the sorted names")
    p.add_argument("--generate", type=int, default=0, help="also render N freshly generated documents")
    p.add_argument("--font", default=None, help="a TrueType font for PDFs (default: the bundled CJK subset)")
    args = p.parse_args(argv)
    formats = [f for arg in args.formats or FORMATS for f in arg.split(",") if f]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        p.error(f"unknown formats: {', '.join(bad)}")
    if not args.gold and not args.generate:
        p.error("give --gold DIR and/or --generate N")
    t0 = time.perf_counter()
    m = render_corpus(args.gold, args.out, formats=formats, seed=args.seed, limit=args.limit,
                      generate=args.generate, font=args.font)
    n_ind = sum(next(iter(d["formats"].values()))["indicators"] for d in m["docs"].values() if d["formats"])
    per = ", ".join(f"{k} {v:.1f}s" for k, v in m["seconds"].items())
    print(f"wrote {len(m['docs'])} documents x {len(formats)} formats ({n_ind} indicators) to {args.out} "
          f"in {time.perf_counter() - t0:.1f}s ({per})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
