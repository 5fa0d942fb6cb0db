"""Word and Excel files read as cells: DOCX (python-docx), XLSX (openpyxl), XLS (xlrd).

Tables come out as :class:`goalnlp.pages.Grid` (a merged cell once, where the page
shows it), paragraphs as lines, in document order; Excel date cells and
date-formatted serials are written as ISO dates and percentage-formatted numbers as
``95%``, as the sheet displays them.  Each Excel sheet is a page.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from .errors import InputError
from .io import Source
from .pages import Cell, Grid, TextLine, to_source

# --------------------------------------------------------------------------- docx


def read_docx(data: bytes, *, name: str, path: str | None = None) -> Source:
    """A Word document: body paragraphs and tables in order (nested tables inline)."""
    import docx
    from docx.document import Document as _Document

    try:
        document: _Document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad files
        raise InputError("E082", path=path or name, kind="DOCX", reason=_why(exc)) from exc
    items: list[TextLine | Grid] = []
    _docx_blocks(document.element.body, document, items)
    return to_source(items, name=name, media="docx", data=data, path=path)


def _docx_blocks(parent: Any, owner: Any, items: list[TextLine | Grid]) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.append(TextLine(Paragraph(child, owner).text))
        elif tag == "tbl":
            items.extend(_docx_table(Table(child, owner)))
        elif tag == "sdt":  # content controls wrap paragraphs and tables
            content = child.find("{*}sdtContent")
            if content is not None:
                _docx_blocks(content, owner, items)


def _docx_table(table: Any) -> list[TextLine | Grid]:
    """A table as a grid; python-docx repeats a merged cell at every position it covers,
    so repeats (same underlying ``<w:tc>``) become None after the first."""
    rows: list[list[Cell | None]] = []
    seen: set[Any] = set()  # keeps the elements alive, so their identity is stable
    nested: list[TextLine | Grid] = []
    for row in table.rows:
        out: list[Cell | None] = []
        for cell in row.cells:
            key = cell._tc  # the same <w:tc> element for every position a merge covers
            if key in seen:
                out.append(None)
                continue
            seen.add(key)
            texts = [p.text for p in cell.paragraphs]
            out.append(Cell("\n".join(texts)))
            for inner in cell.tables:
                nested.extend(_docx_table(inner))
        rows.append(out)
    return [Grid(rows), *nested]


# --------------------------------------------------------------------------- xlsx


def read_xlsx(data: bytes, *, name: str, path: str | None = None) -> Source:
    """An Excel workbook: every visible sheet as a grid, merged ranges shown once."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        # Formulas without a cached value (files written by scripts, not by Excel) read
        # as None with data_only; their text is then shown as written (``=100%``).
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        raise InputError("E082", path=path or name, kind="XLSX", reason=_why(exc)) from exc
    items: list[TextLine | Grid] = []
    warnings: list[str] = []
    for page, (ws, wf) in enumerate(zip(wb.worksheets, formulas.worksheets, strict=True), 1):
        if ws.sheet_state != "visible":
            continue
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        rows: list[list[Cell | None]] = []
        for row in ws.iter_rows():
            out: list[Cell | None] = []
            for cell in row:
                if (cell.row, cell.column) in covered:
                    out.append(None)
                    continue
                value = cell.value
                if value is None:
                    raw = wf.cell(cell.row, cell.column).value
                    value = raw if isinstance(raw, str) and raw.startswith("=") else None
                out.append(Cell(_excel_text(value, cell.number_format, cell.is_date)))
            rows.append(_trim(out))
        if any(any(c is not None and c.text for c in r) for r in rows):
            items.append(Grid(rows, page=page))
    return to_source(items, name=name, media="xlsx", data=data, path=path, warnings=warnings)


def read_xls(data: bytes, *, name: str, path: str | None = None) -> Source:
    """A legacy (BIFF) Excel workbook through xlrd, the same way as :func:`read_xlsx`."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds on bad files
        raise InputError("E082", path=path or name, kind="XLS", reason=_why(exc)) from exc
    items: list[TextLine | Grid] = []
    for page, sh in enumerate(book.sheets(), 1):
        if getattr(sh, "visibility", 0):
            continue
        covered: set[tuple[int, int]] = set()
        for r0, r1, c0, c1 in sh.merged_cells:
            covered.update((r, c) for r in range(r0, r1) for c in range(c0, c1) if (r, c) != (r0, c0))
        rows: list[list[Cell | None]] = []
        for r in range(sh.nrows):
            out: list[Cell | None] = []
            for c in range(sh.ncols):
                if (r, c) in covered:
                    out.append(None)
                    continue
                cell = sh.cell(r, c)
                value: Any = cell.value
                is_date = cell.ctype == xlrd.XL_CELL_DATE
                if is_date:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    except (ValueError, OverflowError):
                        is_date = False
                fmt = ""
                if cell.ctype == xlrd.XL_CELL_NUMBER:
                    xf = book.xf_list[cell.xf_index]
                    fmt = book.format_map[xf.format_key].format_str
                out.append(Cell(_excel_text(value if cell.ctype != xlrd.XL_CELL_EMPTY else None, fmt, is_date)))
            rows.append(_trim(out))
        if any(any(c is not None and c.text for c in r) for r in rows):
            items.append(Grid(rows, page=page))
    return to_source(items, name=name, media="xls", data=data, path=path)


def _trim(row: list[Cell | None]) -> list[Cell | None]:
    while row and (row[-1] is None or not row[-1].text):
        row.pop()
    return row


def _excel_text(value: Any, number_format: str, is_date: bool) -> str:
    """A cell value as the sheet displays it, for the text pipeline."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return _number(value * 100) + "%"
        return _number(value)
    return str(value)


def _number(x: float) -> str:
    """``95.0`` → ``95``, ``0.1 + 0.2`` → ``0.3``: the digits a sheet shows, not float noise."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.10g}"


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def zip_kind(data: bytes) -> str | None:
    """``docx``, ``xlsx``, ``pptx``, ``odf`` or None for a ZIP container by its parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "mimetype" in names:
        return "odf"
    return None
