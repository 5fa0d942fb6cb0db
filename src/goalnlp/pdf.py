"""PDF files with a text layer, read with pdfplumber; scanned pages go to OCR.

On each page, ruled tables are read as cells (``page.find_tables``: text wrapped inside
a cell is one cell, a merged cell is one cell over the rows it spans), and the text
around them is laid out line by line with its horizontal spacing kept, as
``pdftotext -layout`` does, so unruled tables reach the text pipeline with their
columns.  A page without a text layer (a scan) is rendered and read by
:mod:`goalnlp.ocr`.  Every line keeps its page and box (PDF points, origin top-left).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

import regex

from .errors import InputError
from .io import Source
from .pages import Cell, Grid, TextLine, to_source

#: A page with fewer characters than this but an image is treated as a scan.
_MIN_CHARS = 20
_OCR_DPI = 300


def read_pdf(data: bytes, *, name: str, path: str | None = None, ocr: bool = True) -> Source:
    """A PDF as text with page/box provenance (see the module docstring)."""
    import pdfplumber

    # pdfminer logs a warning for every glyph of a font without a FontBBox (Chromium's
    # PDFs): noise on the researcher's terminal, nothing we act on.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    where = path or name
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        if _encrypted(exc):
            raise InputError("E081", path=where) from exc
        raise InputError("E082", path=where, kind="PDF", reason=f"{type(exc).__name__}: {exc}") from exc
    items: list[TextLine | Grid] = []
    warnings: list[str] = []
    try:
        for number, page in enumerate(pages, 1):
            try:
                if len(page.chars) < _MIN_CHARS and (page.images or not page.chars):
                    if not ocr:
                        warnings.append(f"page {number}: no text layer (OCR off)")
                        continue
                    items.extend(_ocr_page(page, number, warnings))
                    continue
                items.extend(read_page(page, number))
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
                warnings.append(f"page {number}: could not be read ({type(exc).__name__}: {exc})")
            finally:
                page.close()
    finally:
        pdf.close()
    if not items and warnings:
        raise InputError("E082", path=where, kind="PDF", reason="; ".join(warnings[:3]))
    return to_source(items, name=name, media="pdf", data=data, path=path, warnings=warnings)


def _encrypted(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password errors; look through the wrapping."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        e = todo.pop()
        if not isinstance(e, BaseException) or e in seen:
            continue
        seen.append(e)
        if isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        todo.extend([e.__cause__, e.__context__, *e.args])
    return False


def read_page(page: Any, number: int) -> list[TextLine | Grid]:
    """One page with a text layer: its ruled tables as grids, the rest as layout lines,
    in reading order (top to bottom)."""
    tables = [t for t in page.find_tables() if _is_data_table(t)]
    boxes = [t.bbox for t in tables]
    placed: list[tuple[float, int, TextLine | Grid]] = []
    if not tables:
        below = -1.0
        while (found := unruled_grid(page, number, below=below)) is not None:
            grid, box = found
            boxes.append(box)
            placed.append((box[1], 1, grid))
            below = box[3]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(layout=True, strip=False, return_chars=False):
        text = line["text"].rstrip()
        if text.strip():
            box = (line["x0"], line["top"], line["x1"], line["bottom"])
            placed.append((line["top"], 0, TextLine(text, number, box)))
    for t in tables:
        placed.append((t.bbox[1], 1, _grid(page, t, number)))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [item for _, _, item in placed]


# ------------------------------------------------------------------ unruled tables


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _lines_of(words: list[_Word], tol: float = 2.0) -> list[list[_Word]]:
    lines: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w.x0)
    return lines


def _blocks(words: list[_Word]) -> list[list[_Word]]:
    """Words of one column grouped into cells: lines closer than about half a line
    height belong to one wrapped cell."""
    lines = _lines_of(words)
    if not lines:
        return []
    height = sorted(w.bottom - w.top for w in words)[len(words) // 2]
    blocks: list[list[list[_Word]]] = [[lines[0]]]
    for ln in lines[1:]:
        prev = blocks[-1][-1]
        gap = min(w.top for w in ln) - max(w.bottom for w in prev)
        if gap > 0.6 * height:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    return [[w for ln in b for w in ln] for b in blocks]


def _block_text(block: list[_Word]) -> str:
    return "\n".join("".join(w.text for w in ln) for ln in _lines_of(block))


def unruled_grid(
    page: Any, number: int, *, below: float = -1.0
) -> tuple[Grid, tuple[float, float, float, float]] | None:
    """An indicator table printed without rulings, rebuilt from word positions.

    The header line (三级指标 / 指标值 … recognised by :func:`goalnlp.rows.role_of_header`)
    names the columns; columns are separated where no body word crosses (gutters);
    within a column, lines closer than half a line height are one wrapped cell; the
    cells of the name column make the rows, other cells join the row they overlap.
    Category cells merged over several rows are printed once, at the top of their rows
    or in their middle: which, is decided by whether centring explains where every
    label sits, and each label is put on the first row of its span, where the text
    pipeline carries it forward.  Only words below ``below`` count (the next table of a
    page).  None when there is no such header.
    """
    from .layout import compact
    from .rows import role_of_header

    words = [
        _Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
        if w["top"] > below
    ]
    lines = _lines_of(words)
    head_i = next(
        (
            i
            for i, ln in enumerate(lines)
            if sum(1 for w in ln if role_of_header(compact(w.text))) >= 3
            and any(role_of_header(compact(w.text)) == "NAME" for w in ln)
        ),
        None,
    )
    if head_i is None:
        return None
    header = list(lines[head_i])
    hb = max(w.bottom for w in header)
    ht = min(w.top for w in header)
    if head_i > 0:  # a header cell wrapped above a centred header line
        above = lines[head_i - 1]
        if ht - max(w.bottom for w in above) < 0.8 * (header[0].bottom - header[0].top) and not any(
            _is_value_like(w.text) for w in above
        ):
            header = above + header
    # Header cells wrapped onto the next line ("绩效度量单" / "位") join the header.
    for ln in lines[head_i + 1 : head_i + 3]:
        if min(w.top for w in ln) - hb < 0.8 * (header[0].bottom - header[0].top) and not any(
            role_of_header(compact(w.text)) == "" and _is_value_like(w.text) for w in ln
        ):
            header.extend(ln)
            hb = max(hb, max(w.bottom for w in ln))
        else:
            break
    body: list[_Word] = []
    for ln in lines[head_i + 1 :]:
        if min(w.top for w in ln) < hb:
            continue
        text = compact("".join(w.text for w in ln))
        if _TABLE_END_RE.search(text):
            break
        if _PAGE_NO_RE.match(text):  # a page footer under the grid
            continue
        body.extend(ln)
    if len(body) < 3:
        return None
    # Columns: x-intervals between gutters no header or body word crosses.
    spans = sorted((w.x0, w.x1) for w in body + header)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.5:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    cols = _pair_headers(cols, header, body)
    if len(cols) < 3:
        return None

    def col_of(w: _Word) -> int:
        cx = (w.x0 + w.x1) / 2
        return next(i for i, (a, b) in enumerate(cols) if a - 2 <= cx <= b + 2)

    roles = [""] * len(cols)
    head_text = [""] * len(cols)
    for w in sorted(header, key=lambda w: (w.top, w.x0)):
        j = col_of(w)
        head_text[j] += w.text
    for j, t in enumerate(head_text):
        roles[j] = role_of_header(compact(t))
    if "NAME" not in roles:
        return None
    by_col: list[list[_Word]] = [[] for _ in cols]
    for w in body:
        by_col[col_of(w)].append(w)
    blocks = [_blocks(ws) for ws in by_col]
    name_j = roles.index("NAME")
    rows = blocks[name_j]
    if not rows:
        return None
    tops = [min(w.top for w in b) for b in rows]
    bottoms = [max(w.bottom for w in b) for b in rows]
    # Row boundaries: half way between one name cell and the next.
    edges = (
        [hb]
        + [(bottoms[i] + tops[i + 1]) / 2 for i in range(len(rows) - 1)]
        + [max(w.bottom for w in body) + 1]
    )
    grid: list[list[Cell | None]] = [[Cell(t) if t else None for t in head_text]]
    grid += [[None] * len(cols) for _ in rows]
    for j, col in enumerate(blocks):
        if j == name_j:
            for i, b in enumerate(col):
                grid[i + 1][j] = Cell(_block_text(b))
            continue
        placed = _place_categories(col, edges) if roles[j] in ("L1", "L2", "") else None
        for k, b in enumerate(col):
            i = placed[k] if placed is not None else _overlapping_row(b, edges)
            cell = grid[i + 1][j]
            text = _block_text(b)
            grid[i + 1][j] = Cell(text if cell is None else cell.text + "\n" + text)
    box = (
        min(w.x0 for w in header + body),
        min(w.top for w in header),
        max(w.x1 for w in header + body),
        edges[-1],
    )
    return Grid(grid, page=number), box


# A line that ends the indicator grid: the next table's title or metadata.
_TABLE_END_RE = regex.compile(
    r"绩效目标(?:申报|批复)?表|绩效自评表|^(?:项目名称|主管部门|实施单位|年度资金总额|单位[:：]|填报单位)"
)


_PAGE_NO_RE = regex.compile(r"^(?:[-—－]\s*\d+\s*[-—－]|第\d+页(?:共\d+页)?|\d+/\d+)$")


def _pair_headers(cols: list[list[float]], header: list[_Word], body: list[_Word]) -> list[list[float]]:
    """A centred header over short left-aligned cells stands in a gutter of its own: join
    a header-only interval with its neighbour that holds cells but no header."""

    def inside(w: _Word, c: list[float]) -> bool:
        return c[0] - 0.5 <= (w.x0 + w.x1) / 2 <= c[1] + 0.5

    has_head = [any(inside(w, c) for w in header) for c in cols]
    has_body = [any(inside(w, c) for w in body) for c in cols]
    out: list[list[float]] = []
    out_head: list[bool] = []
    out_body: list[bool] = []
    i = 0
    while i < len(cols):
        c = list(cols[i])
        if has_head[i] and not has_body[i]:
            if out and not out_head[-1] and out_body[-1]:
                out[-1][1] = c[1]
                out_head[-1] = True
                i += 1
                continue
            if i + 1 < len(cols) and not has_head[i + 1] and has_body[i + 1]:
                out.append([c[0], cols[i + 1][1]])
                out_head.append(True)
                out_body.append(True)
                i += 2
                continue
        out.append(c)
        out_head.append(has_head[i])
        out_body.append(has_body[i])
        i += 1
    return out


def _is_value_like(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or text[:1] in "≥≤=<>＝"


def _overlapping_row(block: list[_Word], edges: list[float]) -> int:
    cy = (min(w.top for w in block) + max(w.bottom for w in block)) / 2
    for i in range(len(edges) - 1):
        if cy < edges[i + 1]:
            return i
    return len(edges) - 2


def _place_categories(col: list[list[_Word]], edges: list[float]) -> list[int]:
    """The first row of each label's span.  Centred labels: spans tile the rows in
    order, each label in the middle of its own; if that does not explain every label
    (a label above its span, spans not reaching the last row), labels are taken as
    printed at the top of their span, in the row they overlap."""
    n = len(edges) - 1
    first = [_overlapping_row(b, edges) for b in col]
    centred: list[int] = []
    a = 0
    ok = True
    for b in col:
        c = (min(w.top for w in b) + max(w.bottom for w in b)) / 2
        if a >= n:
            ok = False
            break
        # The shortest span whose middle is the label's (within about half a line: row
        # edges are estimated), else the closest.
        tol = 0.6 * max(w.bottom - w.top for w in b)
        near = [e for e in range(a, n) if abs((edges[a] + edges[e + 1]) / 2 - c) <= tol]
        best = near[0] if near else min(range(a, n), key=lambda e: abs((edges[a] + edges[e + 1]) / 2 - c))
        row_h = (edges[best + 1] - edges[a]) / (best - a + 1)
        if abs((edges[a] + edges[best + 1]) / 2 - c) > 0.5 * row_h:
            ok = False
            break
        centred.append(a)
        a = best + 1
    if ok and a == n and centred != first:
        return centred
    return first


def _is_data_table(table: Any) -> bool:
    """A ruled region with at least two rows and two columns (a lone box is layout)."""
    rows = table.rows
    return len(rows) >= 2 and max((len(r.cells) for r in rows), default=0) >= 2


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _grid(page: Any, table: Any, number: int) -> Grid:
    texts = table.extract()
    rows: list[list[Cell | None]] = []
    row_boxes: list[tuple[float, float, float, float] | None] = []
    for row_text, row in zip(texts, table.rows, strict=False):
        own = [b for b in row.cells if b is not None]
        # A merged cell reaches below its first row: the row ends at its lowest own cell.
        row_boxes.append(
            (table.bbox[0], min(b[1] for b in own), table.bbox[2], min(b[3] for b in own)) if own else None
        )
        cells: list[Cell | None] = []
        for text, box in zip(row_text, row.cells, strict=False):
            if box is None:
                cells.append(None)
            else:
                cells.append(Cell(text or "", tuple(box)))
        rows.append(cells)
    return Grid(rows, page=number, row_boxes=row_boxes)


def _ocr_page(page: Any, number: int, warnings: list[str]) -> list[TextLine | Grid]:
    """A scanned page: rendered at 300 dpi and read by OCR; boxes back in PDF points."""
    from .ocr import read_image_array

    image = page.to_image(resolution=_OCR_DPI).original.convert("RGB")
    import numpy as np

    scale = 72.0 / _OCR_DPI
    return read_image_array(np.asarray(image), page=number, scale=scale, warnings=warnings)
