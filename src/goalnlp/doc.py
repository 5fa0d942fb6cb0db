"""The data model every pipeline component reads and writes.

A :class:`Doc` holds the normalized lines of one source document; components
add :class:`Table` objects with their :class:`Row` objects; the final step turns
them into SCHEMA records.  Data flows one way: lines → cells → rows → records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INDICATOR_FIELDS = (
    "record",
    "doc",
    "table",
    "project",
    "level1",
    "level2",
    "name",
    "value_text",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "date",
    "actual_text",
    "weight",
    "score",
    "line_start",
    "line_end",
)
TABLE_FIELDS = (
    "record",
    "doc",
    "table",
    "project",
    "table_type",
    "year",
    "department",
    "implementer",
    "funds_total",
    "line_start",
    "line_end",
)


@dataclass(slots=True)
class Line:
    """One source line: ``text`` for matching, ``disp`` for printing (same length)."""

    no: int
    text: str
    disp: str
    cells: list[Cell] | None = None  # split_cells() result, computed once
    comp: str | None = field(default=None, repr=False, compare=False)  # layout.line_comp(), computed once


@dataclass(slots=True)
class Cell:
    """A fragment of one table cell on one line (a wrapped cell has several)."""

    text: str
    disp: str
    line: int  # 1-based source line number
    col: int = -1  # position among the line's cells (delimited layouts), else -1
    tag: str = ""  # set by the cell tagger: CAT, HDR, CMP, NUM, UNIT, VAL, TEXT …
    width: float = 0.0  # printed width (CJK 1, ASCII 0.5), for wrap detection
    comp: str = ""  # text without whitespace or "|", computed once
    last_line: int = 0  # last source line of a cell joined from several lines (0: same as line)

    def __post_init__(self) -> None:
        if not self.comp:
            self.comp = "".join(self.text.split()).replace("|", "")


@dataclass
class Row:
    """An indicator row rebuilt from its cells."""

    name_parts: list[Cell] = field(default_factory=list)
    value_parts: list[Cell] = field(default_factory=list)
    actual_parts: list[Cell] = field(default_factory=list)
    note_parts: list[Cell] = field(default_factory=list)
    weight: float | None = None
    score: float | None = None
    level1_written: str | None = None
    level2_written: str | None = None
    level1: str | None = None
    level2: str | None = None
    category_source: str = "written"  # written | carried | classifier (| guessed: a row builder's guess, replaced)
    level2_choices: tuple[str, ...] = ()  # a guessed row's candidate level2 labels (empty: any)
    lines: set[int] = field(default_factory=set)
    parsed: dict[str, Any] = field(default_factory=dict)
    reordered: bool = False  # read in another order than its lines were printed in (rows._unstack_lines)

    @property
    def name(self) -> str:
        return "".join("".join([c.disp for c in self.name_parts]).split())

    @property
    def name_text(self) -> str:
        return "".join("".join([c.text for c in self.name_parts]).split())

    @property
    def value_text(self) -> str:
        return "".join("".join([c.disp for c in self.value_parts]).split())

    @property
    def value_norm(self) -> str:
        return "".join("".join([c.text for c in self.value_parts]).split())

    @property
    def actual_text(self) -> str | None:
        s = "".join("".join([c.disp for c in self.actual_parts]).split())
        return s or None

    def touch(self, cell: Cell) -> None:
        if cell.last_line <= cell.line:
            self.lines.add(cell.line)
        else:
            self.lines.update(range(cell.line, cell.last_line + 1))


@dataclass
class Table:
    """One target table: its metadata and its indicator rows."""

    index: int = 0
    title: str | None = None
    table_type: str = "project"
    project: str | None = None
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    funds_total: float | None = None
    line_start: int = 0
    line_end: int = 0
    layout: str = ""
    reader: str = ""  # the row reader that read it (rows.read_region): outline, stream, columns, rows
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class Doc:
    """A normalized source document and what the pipeline found in it."""

    name: str
    lines: list[Line]
    encoding: str = "utf-8"
    media: str = "text"
    line_map: list[int] | None = None
    line_end_map: list[int] | None = None  # the file line each text line ends on (io.Source)
    # Page provenance of documents read from pages (see goalnlp.pages), per text line.
    line_pages: list[int | None] | None = None
    line_boxes: list[tuple[float, float, float, float] | None] | None = None
    line_confidence: list[float | None] | None = None
    line_doubtful: list[list[str]] | None = None
    tables: list[Table] = field(default_factory=list)
    regions: list[Any] = field(default_factory=list)  # layout.Region per table, set by the "tables" step
    warnings: list[str] = field(default_factory=list)

    def source_line(self, no: int, *, end: bool = False) -> int:
        """Map a text line number to the source file's line (HTML/CSV differ); ``end``: the
        line it ends on, as an HTML row or a quoted CSV cell spans several."""
        mapping = (self.line_end_map or self.line_map) if end else self.line_map
        if mapping and 1 <= no <= len(mapping):
            return mapping[no - 1]
        return no

    def page_fields(self, lines: list[int]) -> dict[str, Any]:
        """``page``/``page_end``, ``bbox`` (on the first page) and OCR confidence of the
        given text lines; empty for documents that were text to begin with."""
        if not self.line_pages or not lines:
            return {}

        def at(seq: list[Any] | None, no: int) -> Any:
            return seq[no - 1] if seq and 1 <= no <= len(seq) else None

        pages = [p for p in (at(self.line_pages, n) for n in lines) if p is not None]
        out: dict[str, Any] = {"page": min(pages) if pages else None, "page_end": max(pages) if pages else None}
        boxes = [b for n in lines if (b := at(self.line_boxes, n)) is not None and at(self.line_pages, n) == out["page"]]
        if boxes:
            out["bbox"] = [round(min(b[0] for b in boxes), 1), round(min(b[1] for b in boxes), 1),
                           round(max(b[2] for b in boxes), 1), round(max(b[3] for b in boxes), 1)]
        if self.line_confidence:
            confs = [c for n in lines if (c := at(self.line_confidence, n)) is not None]
            out["ocr_confidence"] = round(min(confs), 3) if confs else None
            out["ocr_doubtful"] = [d for n in lines for d in (at(self.line_doubtful, n) or [])]
        return out

    def records(self) -> list[dict[str, Any]]:
        """SCHEMA records: each table record followed by its indicator records."""
        out: list[dict[str, Any]] = []
        for t in self.tables:
            tpages = self.page_fields(list(range(t.line_start, t.line_end + 1))) if self.line_pages else {}
            out.append(
                {
                    "record": "table",
                    "doc": self.name,
                    "table": t.index,
                    "project": t.project,
                    "table_type": t.table_type,
                    "year": t.year,
                    "department": t.department,
                    "implementer": t.implementer,
                    "funds_total": t.funds_total,
                    "line_start": self.source_line(t.line_start),
                    "line_end": self.source_line(t.line_end, end=True),
                    "layout": t.layout,
                    "encoding": self.encoding,
                    **({"page_start": tpages.get("page"), "page_end": tpages.get("page_end")} if tpages else {}),
                }
            )
            for r in t.rows:
                p = r.parsed
                first, last = (min(r.lines), max(r.lines)) if r.lines else (t.line_start, t.line_start)
                out.append(
                    {
                        "record": "indicator",
                        "doc": self.name,
                        "table": t.index,
                        "project": t.project,
                        "level1": r.level1,
                        "level2": r.level2,
                        "name": r.name,
                        "value_text": r.value_text,
                        "kind": p.get("kind", "text"),
                        "comparator": p.get("comparator"),
                        "value": p.get("value"),
                        "value_max": p.get("value_max"),
                        "unit": p.get("unit"),
                        "date": p.get("date"),
                        "actual_text": r.actual_text,
                        "weight": r.weight,
                        "score": r.score,
                        "line_start": self.source_line(first),
                        "line_end": self.source_line(last, end=True),
                        "category_source": r.category_source,
                        **(self.page_fields(sorted(r.lines)) if self.line_pages else {}),
                    }
                )
        return out
