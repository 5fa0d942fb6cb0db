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
from typing import Any

from .errors import InputError
from .io import Source
from .pages import Cell, Grid, TextLine, to_source

#: A page with fewer characters than this but an image is treated as a scan.
_MIN_CHARS = 20
_OCR_DPI = 300


def read_pdf(data: bytes, *, name: str, path: str | None = None, ocr: bool = True) -> Source:
    """A PDF as text with page/box provenance (see the module docstring)."""
    import pdfplumber

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
        row_boxes.append((table.bbox[0], min(b[1] for b in own), table.bbox[2], min(b[3] for b in own)) if own else None)
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
