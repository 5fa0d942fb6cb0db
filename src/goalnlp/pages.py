"""Documents that are not text (PDF, Word, Excel, scans) as the text the pipeline reads.

Every binary reader (:mod:`goalnlp.pdf`, :mod:`goalnlp.office`, :mod:`goalnlp.ocr`)
produces the same thing: a list of :class:`TextLine` and :class:`Grid` items in reading
order, each knowing its page and, where the format has geometry, its box.
:func:`to_source` lays them out as text — a grid as ``| cell | cell |`` rows, the
layout the pipeline already reads best, text wrapped inside a cell joined into the
cell — and keeps, for every text line, the page and box it came from, so records can
point back at them (``page``, ``bbox``) as text records point at lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .io import Source, _join_wrapped, _normalise

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points or image pixels)


@dataclass
class TextLine:
    """A line of running text (title, 项目名称 …, paragraphs outside tables)."""

    text: str
    page: int | None = None
    box: Box | None = None
    #: OCR: recognition confidence of the line's weakest box (None: not OCR).
    confidence: float | None = None
    #: OCR: text pieces read with low confidence, reported with the records.
    doubtful: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """A grid cell: its text (wrapped lines joined by ``\\n``), box and OCR doubts."""

    text: str
    box: Box | None = None
    confidence: float | None = None
    doubtful: list[str] = field(default_factory=list)


@dataclass
class Grid:
    """A table read as cells.  ``rows[i][j]`` is None where a merged cell from above or
    the left covers the position, so a category printed once for many rows appears
    once, as it does on the page."""

    rows: list[list[Cell | None]]
    page: int | None = None
    #: Page of each row where a grid runs over pages (default: ``page``).
    row_pages: list[int | None] | None = None
    #: Each row's own box, where known (a merged cell's box spans several rows).
    row_boxes: list[Box | None] | None = None


def cell_text(text: str | None) -> str:
    """A cell's text on one line: wrapped lines joined (Chinese with nothing, words with
    a space), and ``|`` escaped so it cannot split the cell."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _join_wrapped(text.split("\n")).replace("|", "｜")


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def to_source(
    items: list[TextLine | Grid],
    *,
    name: str,
    media: str,
    data: bytes,
    path: str | None = None,
    warnings: list[str] | None = None,
) -> Source:
    """Lay out ``items`` as text with per-line page/box provenance (see module doc)."""
    lines: list[str] = []
    pages: list[int | None] = []
    boxes: list[Box | None] = []
    confidence: list[float | None] = []
    doubtful: list[list[str]] = []
    for item in items:
        if isinstance(item, TextLine):
            # Keep the spacing: layout lines carry their columns in it.
            text = item.text.replace("\r", " ").replace("\n", " ").rstrip()
            if not text.strip():
                continue
            lines.append(text)
            pages.append(item.page)
            boxes.append(item.box)
            confidence.append(item.confidence)
            doubtful.append(item.doubtful)
            continue
        width = max((len(r) for r in item.rows), default=0)
        if width <= 1:  # a one-column grid is page layout: its cells are lines
            for r, row in enumerate(item.rows):
                for c in row:
                    if c is not None and c.text.strip():
                        page = item.row_pages[r] if item.row_pages else item.page
                        items_line = TextLine(cell_text(c.text), page, c.box, c.confidence, c.doubtful)
                        lines.append(items_line.text)
                        pages.append(page)
                        boxes.append(c.box)
                        confidence.append(c.confidence)
                        doubtful.append(c.doubtful)
            continue
        for r, row in enumerate(item.rows):
            texts = [cell_text(c.text) if c is not None else "" for c in row]
            texts.extend([""] * (width - len(texts)))
            if not any(texts):
                continue
            lines.append("|" + "|".join(f" {t} " if t else " " for t in texts) + "|")
            pages.append(item.row_pages[r] if item.row_pages else item.page)
            cells = [c for c in row if c is not None]
            own = item.row_boxes[r] if item.row_boxes and r < len(item.row_boxes) else None
            boxes.append(own or _union([c.box for c in cells if c.box is not None]))
            confs = [c.confidence for c in cells if c.confidence is not None]
            confidence.append(min(confs) if confs else None)
            doubtful.append([d for c in cells for d in c.doubtful])
    text = _normalise("\n".join(lines))
    source = Source(name=name, text=text, encoding="binary", media=media)
    source.path = path
    source.sha256 = hashlib.sha256(data).hexdigest()
    source.size = len(data)
    if any(p is not None for p in pages):
        source.line_pages = pages
    if any(b is not None for b in boxes):
        source.line_boxes = boxes
    if any(c is not None for c in confidence):
        source.line_confidence = confidence
        source.line_doubtful = doubtful
    source.warnings = list(warnings or [])
    return source
