"""Scanned pages and images (PNG, JPEG, TIFF, BMP, WebP) read by OCR.

The OCR is ``rapidocr-onnxruntime``, whose wheel carries its detection and
recognition models, so nothing is downloaded.  Its output is a set of text boxes; this
module puts them back into the shapes the pipeline reads:

1. the page is **deskewed** first (the angle that makes the rows of ink sharpest), so a
   slightly rotated scan still has horizontal rows;
2. **ruled tables** are found from their lines (OpenCV morphology): the grid's cells,
   with merged cells joined where a ruling is missing, receive the boxes whose centre
   they hold, so text wrapped inside a cell is one cell again;
3. the other boxes are grouped into **lines** by vertical overlap and laid out with
   their horizontal gaps kept (like ``pdftotext -layout``), so unruled tables keep
   their columns.

Boxes read with a confidence under :data:`DOUBT` are reported with the records that
contain them (``ocr_doubtful``), and every record carries its weakest confidence
(``ocr_confidence``): low-confidence text is reported, not hidden.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import InputError
from .io import Source
from .pages import Box, Cell, Grid, TextLine, to_source

#: Recognition confidence under which a box's text is reported as doubtful.
DOUBT = 0.8
_MAX_SIDE = 4000  # larger images are scaled down before OCR (time grows with area)


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise InputError("E083", path="", kind="image", package="rapidocr-onnxruntime") from exc
    return RapidOCR()


def read_image(data: bytes, *, name: str, path: str | None = None) -> Source:
    """An image file; every frame of a multi-page TIFF is a page."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    where = path or name
    try:
        image = Image.open(io.BytesIO(data))
        frames = [f.convert("RGB") for f in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError("E082", path=where, kind="image", reason=f"{type(exc).__name__}: {exc}") from exc
    items: list[TextLine | Grid] = []
    warnings: list[str] = []
    for number, frame in enumerate(frames, 1):
        items.extend(read_image_array(np.asarray(frame), page=number, warnings=warnings))
    return to_source(items, name=name, media="image", data=data, path=path, warnings=warnings)


@dataclass
class _Box:
    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def read_image_array(
    image: np.ndarray, *, page: int, scale: float = 1.0, warnings: list[str] | None = None
) -> list[TextLine | Grid]:
    """One page image (RGB array) as lines and grids; boxes are multiplied by ``scale``
    (e.g. back to PDF points) and refer to the deskewed page."""
    import cv2

    h, w = image.shape[:2]
    shrink = min(1.0, _MAX_SIDE / max(h, w))
    if shrink < 1.0:
        image = cv2.resize(image, (int(w * shrink), int(h * shrink)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    angle = skew_angle(gray)
    if abs(angle) >= 0.05:
        gray = _rotate(gray, angle)
        image = _rotate(image, angle)
    result, _ = _engine()(image, use_cls=False)  # pages are upright once deskewed
    boxes = [_to_box(points, text, score) for points, text, score in (result or [])]
    boxes = [b for b in boxes if b.text.strip()]
    if not boxes:
        if warnings is not None:
            warnings.append(f"page {page}: OCR found no text")
        return []
    factor = scale / shrink
    grids = find_grids(gray)
    placed: list[tuple[float, int, TextLine | Grid]] = []
    used: set[int] = set()
    for grid in grids:
        cells, members = _fill(grid, boxes)
        used.update(members)
        g = _as_grid(cells, page, factor)
        _recover_comparators(g, cells, gray)
        g.row_boxes = [
            _scaled((float(grid.xs[0]), float(grid.ys[r]), float(grid.xs[-1]), float(grid.ys[r + 1])), factor)
            for r in range(len(grid.ys) - 1)
        ]
        placed.append((grid.top, 1, g))
    rest = [b for i, b in enumerate(boxes) if i not in used]
    for line in _lines(rest):
        placed.append((min(b.top for b in line), 0, _as_line(line, page, factor)))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [item for _, _, item in placed]


def _to_box(points: Any, text: str, score: float) -> _Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return _Box(str(text), float(score), float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))


# ----------------------------------------------------------------------- deskew


def skew_angle(gray: np.ndarray, limit: float = 3.0) -> float:
    """The rotation (degrees, counter-clockwise) that makes ink rows sharpest: the
    variance of the horizontal projection peaks when text lines and rulings are level."""
    import cv2

    h, w = gray.shape
    small_scale = min(1.0, 1000 / max(h, w))
    small = cv2.resize(gray, (int(w * small_scale), int(h * small_scale)), interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 50:
        return 0.0

    def sharpness(a: float) -> float:
        rows = _rotate(ink, a).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-limit, limit + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    return float(round(fine, 2))


def _rotate(image: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = 255 if image.dtype == np.uint8 else 0
    value: Any = (border, border, border) if image.ndim == 3 else border
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=value)


# ------------------------------------------------------------------------ grids


@dataclass
class GridLines:
    """A ruled table: the y of its horizontal and x of its vertical rulings, and for
    each grid cell the id of the (possibly merged) cell it belongs to."""

    ys: list[int]
    xs: list[int]
    owner: list[list[int]]

    @property
    def top(self) -> float:
        return float(self.ys[0])


def find_grids(gray: np.ndarray) -> list[GridLines]:
    """Ruled tables of a page image (at least 2×2 cells), from its long straight lines."""
    import cv2

    h, w = gray.shape
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 60))))
    # Close small gaps (noise, anti-aliasing) along each ruling.
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    mask = cv2.bitwise_or(horiz, vert)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    grids: list[GridLines] = []
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < w // 8 or bh < 20:
            continue
        region = labels[y : y + bh, x : x + bw] == i
        hs = _positions((horiz[y : y + bh, x : x + bw] > 0) & region, axis=1, span=bw)
        vs = _positions((vert[y : y + bh, x : x + bw] > 0) & region, axis=0, span=bh)
        if len(hs) < 2 or len(vs) < 2 or (len(hs) - 1) * (len(vs) - 1) < 4:
            continue
        ys = [y + v for v in hs]
        xs = [x + v for v in vs]
        owner = _merge_cells(ys, xs, horiz, vert)
        grids.append(GridLines(ys, xs, owner))
    return sorted(grids, key=lambda g: g.top)


def _positions(lines: np.ndarray, axis: int, span: int) -> list[int]:
    """Centres of the rulings along one axis: runs of rows (columns) whose line pixels
    cover a good part of the table's width (height)."""
    counts = lines.sum(axis=axis)
    hits = np.flatnonzero(counts >= max(10, span * 0.15))
    out: list[int] = []
    start = prev = None
    for v in hits:
        if start is None:
            start = prev = int(v)
        elif v - prev > 3:
            out.append((start + prev) // 2)
            start = prev = int(v)
        else:
            prev = int(v)
    if start is not None:
        out.append((start + prev) // 2)
    return out


def _merge_cells(ys: list[int], xs: list[int], horiz: np.ndarray, vert: np.ndarray) -> list[list[int]]:
    """Union neighbouring grid cells whose shared ruling is missing (a merged cell)."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def covered(mask: np.ndarray, a0: int, a1: int, fixed: int, vertical: bool) -> bool:
        lo, hi = sorted((a0, a1))
        pad = max(2, (hi - lo) // 6)
        lo, hi = lo + pad, hi - pad
        if hi <= lo:
            return True
        band = mask[lo:hi, max(fixed - 3, 0) : fixed + 4] if vertical else mask[max(fixed - 3, 0) : fixed + 4, lo:hi]
        line = band.max(axis=1 if vertical else 0) > 0
        return bool(line.mean() > 0.6)

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not covered(vert, ys[r], ys[r + 1], xs[c + 1], vertical=True):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not covered(horiz, xs[c], xs[c + 1], ys[r + 1], vertical=False):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    return [[find(r * cols + c) for c in range(cols)] for r in range(rows)]


def _fill(grid: GridLines, boxes: list[_Box]) -> tuple[list[list[tuple[list[_Box], Box] | None]], set[int]]:
    """Boxes into the grid's cells by centre: each merged cell once, at its top-left
    position (None where it also covers), with its boxes in reading order."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    bounds: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(cols):
            o = grid.owner[r][c]
            b = bounds.setdefault(o, [c, r, c, r])
            b[0], b[1], b[2], b[3] = min(b[0], c), min(b[1], r), max(b[2], c), max(b[3], r)
    content: dict[int, list[_Box]] = {o: [] for o in bounds}
    members: set[int] = set()
    for i, b in enumerate(boxes):
        if not (grid.xs[0] <= b.cx <= grid.xs[-1] and grid.ys[0] <= b.cy <= grid.ys[-1]):
            continue
        c = max(0, min(cols - 1, int(np.searchsorted(grid.xs, b.cx)) - 1))
        r = max(0, min(rows - 1, int(np.searchsorted(grid.ys, b.cy)) - 1))
        content[grid.owner[r][c]].append(b)
        members.add(i)
    out: list[list[tuple[list[_Box], Box] | None]] = []
    for r in range(rows):
        row: list[tuple[list[_Box], Box] | None] = []
        for c in range(cols):
            o = grid.owner[r][c]
            c0, r0, c1, r1 = bounds[o]
            if (r, c) != (r0, c0):
                row.append(None)
                continue
            box = (float(grid.xs[c0]), float(grid.ys[r0]), float(grid.xs[c1 + 1]), float(grid.ys[r1 + 1]))
            row.append((_reading_order(content[o]), box))
        out.append(row)
    return out, members


def _reading_order(boxes: list[_Box]) -> list[_Box]:
    return [b for line in _lines(boxes) for b in line]


def _as_grid(cells: list[list[tuple[list[_Box], Box] | None]], page: int, factor: float) -> Grid:
    rows: list[list[Cell | None]] = []
    for row in cells:
        out: list[Cell | None] = []
        for item in row:
            if item is None:
                out.append(None)
                continue
            members, box = item
            lines = _lines(members)
            text = "\n".join("".join(b.text for b in line) for line in lines)
            out.append(
                Cell(
                    text,
                    _scaled(box, factor),
                    min((b.score for b in members), default=None),
                    [b.text for b in members if b.score < DOUBT],
                )
            )
        rows.append(out)
    return Grid(rows, page=page)


# ----------------------------------------------------------------- comparators

# What the recogniser makes of a comparator glyph standing alone in a cell (its model
# reads ≥ well inside "≥500人次", badly on its own): short Latin/Greek/number soup.
_JUNK_RE = None


def _junk(text: str, score: float | None) -> bool:
    """A cell text that may be a misread comparator: nothing, or up to 3 characters
    with no Chinese and no digit read with confidence."""
    import regex

    global _JUNK_RE
    if _JUNK_RE is None:
        _JUNK_RE = regex.compile(r"^[^\p{Han}]{1,3}$")
    t = "".join(text.split())
    if not t:
        return True
    if not _JUNK_RE.match(t) or t in ("≥", "≤", "=", "＝", ">", "<"):
        return False
    return not any(c.isdigit() for c in t) or (score is not None and score < 0.9)


def comparator_glyph(gray: np.ndarray) -> str | None:
    """``≥``, ``≤``, ``=``, ``>`` or ``<`` when the ink of a small image (one table
    cell) is that single symbol, else None.

    Geometry, not recognition: rows whose ink spans most of the symbol's width are
    bars (one at the bottom: ≥/≤; two, alike, with nothing else: =); the chevron's
    vertex lies right of its ends for > and left for <.
    """
    import cv2

    ink = gray < 128
    h, w = ink.shape
    if h < 6 or w < 4:
        return None
    # Scan noise: specks of a few pixels are not strokes.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    specks = [i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] < 5]
    if specks:
        ink[np.isin(labels, specks)] = False
    # Drop rulings (lines across most of the cell) and what touches the border.
    ink[:, ink.sum(axis=0) > 0.8 * h] = False
    ink[ink.sum(axis=1) > 0.8 * w, :] = False
    ink[:2, :] = ink[-2:, :] = False
    ink[:, :2] = ink[:, -2:] = False
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if len(rows) < 4 or len(cols) < 3 or ink.sum() < 12:
        return None
    box = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    bh, bw = box.shape
    if bh > 0.9 * h or bw > 0.8 * w or bh > 3 * bw:  # fills the cell or is a stroke: text, not a symbol
        return None
    span = np.zeros(bh)
    for r in range(bh):
        xs = np.flatnonzero(box[r])
        span[r] = (xs[-1] - xs[0] + 1) / bw if len(xs) else 0.0
    bar = span >= 0.7
    groups: list[tuple[int, int]] = []
    for r in range(bh):
        if bar[r] and (not groups or groups[-1][1] != r - 1):
            groups.append((r, r))
        elif bar[r]:
            groups[-1] = (groups[-1][0], r)
    empty = ~box.any(axis=1)
    if len(groups) == 2 and groups[0][0] <= 0.25 * bh and groups[1][1] >= 0.75 * bh:
        between = empty[groups[0][1] + 1 : groups[1][0]]
        alike = min(span[groups[0][0]], span[groups[1][0]]) >= 0.85  # 二 has a short top bar
        if len(between) and between.all() and bh < 1.2 * bw and alike:
            return "="
    top = bh
    if groups and groups[-1][1] >= 0.8 * bh and groups[-1][0] >= 0.45 * bh:
        top = groups[-1][0]  # the bar under a chevron
        while top > 0 and empty[top - 1]:
            top -= 1
    chevron = box[:top]
    if chevron.shape[0] < 3:
        return None
    centres = [float(np.flatnonzero(r).mean()) / bw for r in chevron if r.any()]
    if len(centres) < 3:
        return None
    n = len(centres)
    if float(np.mean(span[: max(1, n // 6)])) > 0.5:  # a wide top is an arc (2, 3), not a chevron's tip
        return None
    ends = (np.mean(centres[: max(1, n // 5)]) + np.mean(centres[-max(1, n // 5) :])) / 2
    vertex = float(np.mean(centres[n // 3 : n - n // 3] or centres))
    if abs(vertex - ends) < 0.15:
        return None
    pointing = ">" if vertex > ends else "<"
    if top < bh:
        return "≥" if pointing == ">" else "≤"
    return pointing


def _recover_comparators(grid: Grid, cells: list[list[tuple[list[_Box], Box] | None]], gray: np.ndarray) -> None:
    """Cells the recogniser left empty or filled with a few Latin letters (a lone ≥
    reads as "AI" or "IV") are looked at again by :func:`comparator_glyph`; a symbol
    found replaces the text and is reported among the doubtful pieces."""
    for r, row in enumerate(cells):
        for c, item in enumerate(row):
            cell = grid.rows[r][c]
            if item is None or cell is None:
                continue
            if item[0] and cell.text[:1].isdigit():
                _recover_leading(cell, item, gray)
                continue
            if not _junk(cell.text, cell.confidence):
                continue
            x0, y0, x1, y1 = (int(v) for v in item[1])
            crop = gray[y0 + 3 : y1 - 2, x0 + 3 : x1 - 2]
            symbol = comparator_glyph(crop.copy()) if crop.size else None
            if symbol is not None:
                cell.doubtful = [*cell.doubtful, f"{symbol} (read by shape; OCR: {cell.text.strip() or 'nothing'})"]
                cell.text = symbol


def _recover_leading(cell: Cell, item: tuple[list[_Box], Box], gray: np.ndarray) -> None:
    """A number whose comparator the recogniser dropped (``≧95%`` read as ``95%`` in a
    low-resolution scan): the first glyph on the number's line, left of or inside its
    box, is looked at by shape; a comparator found is put back and reported."""
    first = min(item[0], key=lambda b: (b.top, b.x0))
    h = first.bottom - first.top
    x0, x1 = int(item[1][0]) + 3, int(first.x1)
    line = gray[max(int(first.top - 0.1 * h), 0) : int(first.bottom + 0.1 * h), x0:x1]
    if line.size == 0:
        return
    cols = np.flatnonzero((line < 128).sum(axis=0) >= 2)
    if len(cols) == 0:
        return
    # The first run of inked columns (a glyph), ended by a gap of blank columns.
    end = cols[0]
    for c in cols[1:]:
        if c - end > 2:
            break
        end = c
    glyph = line[:, max(cols[0] - 3, 0) : end + 4]
    if glyph.shape[1] > 1.2 * h:
        return
    symbol = comparator_glyph(glyph.copy())
    if symbol is not None and symbol in "≥≤":
        cell.doubtful = [*cell.doubtful, f"{symbol} (read by shape before {cell.text.split()[0]!r})"]
        cell.text = symbol + cell.text


# ------------------------------------------------------------------------ lines


def _lines(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into text lines (vertical overlap of at least half the smaller
    height), each line left to right, lines top to bottom."""
    lines: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        for line in lines:
            top = min(x.top for x in line)
            bottom = max(x.bottom for x in line)
            overlap = min(bottom, b.bottom) - max(top, b.top)
            if overlap >= 0.5 * min(b.height, bottom - top):
                line.append(b)
                break
        else:
            lines.append([b])
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return sorted(lines, key=lambda line: min(b.top for b in line))


def _as_line(line: list[_Box], page: int, factor: float) -> TextLine:
    """A line of boxes as layout text: each box starts at the column its x gives, a
    column being half a Chinese character wide (as ``pdftotext -layout`` places
    characters), so the gaps between table cells survive and cells that start at the
    same x on different lines start in the same column."""
    from .layout import text_width

    widths = [(b.x1 - b.x0) / max(text_width(b.text), 0.5) for b in line]
    unit = max(float(np.median(widths)) / 2, 1.0) if widths else 10.0
    text = ""
    prev: _Box | None = None
    for b in line:
        if prev is not None and b.x0 - prev.x1 < 3 * unit:  # pieces of one cell: one space
            text += " " + b.text
        else:
            col = int(round(b.x0 / unit))
            text += " " * max(col - len(text), 2 if text else 0) + b.text
        prev = b
    box = (min(b.x0 for b in line), min(b.top for b in line), max(b.x1 for b in line), max(b.bottom for b in line))
    return TextLine(
        text,
        page,
        _scaled(box, factor),
        min(b.score for b in line),
        [b.text for b in line if b.score < DOUBT],
    )


def _scaled(box: Box, factor: float) -> Box:
    return (box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor)
