"""goalnlp as a spaCy pipeline component: ``nlp.add_pipe("goalnlp_indicators")``.

Researchers who already process documents with spaCy (a Chinese pipeline with
the jieba segmenter, say) get goalnlp's indicator rows as character-exact spans
on their own ``Doc`` instead of a separate JSONL file::

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("goalnlp_indicators")
    doc = nlp(text)
    for span in doc.spans["indicators"]:
        print(span.label_, span.text, span._.goalnlp["value"])

The factory is registered through the ``spacy_factories`` entry point, so
``add_pipe`` and ``spacy.load`` find it without ``import goalnlp``.  The component
has no weights: its config is all a saved pipeline needs.

What it writes on each ``Doc``:

* ``doc.spans[spans_key]`` — one span per indicator row, from its first name
  fragment to its last name/value/actual fragment, labelled with ``level1``;
* ``doc.spans[parts_key]`` — one span per printed fragment (``NAME``, ``VALUE``,
  ``ACTUAL``): a wrapped name gives several ``NAME`` spans;
* ``doc.spans[tables_key]`` — one span per target table (its lines), labelled
  with ``table_type``;
* ``doc._.goalnlp_records`` — the SCHEMA records as ``goalnlp extract`` writes
  them; ``doc._.goalnlp_tables`` — its table records;
* ``span._.goalnlp`` — on every span above, the record it belongs to (an
  indicator record for rows and fragments, a table record for tables).

``span._.goalnlp`` is a getter keyed on the span's ``id_`` (``"goalnlp:<i>"``, an
index into ``doc._.goalnlp_records``) rather than a stored value: spaCy keys
stored span attributes by character offsets only, so a row and its single
fragment (or two fallback spans on the same lines) would overwrite each other.
Span ids and ``user_data`` survive ``Doc.to_bytes`` and ``DocBin``.

Set ``doc.user_data["goalnlp_name"]`` before the component runs to name the
document in its records (a ``.html``/``.csv`` name also picks that reader).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span

from .doc import Cell, Doc, Row
from .io import Source, source_from_text
from .normalize import normalize_line, to_simplified
from .pipeline import Pipeline, get_engine

__all__ = ["IndicatorComponent", "make_indicators"]

FACTORY = "goalnlp_indicators"
ID_PREFIX = "goalnlp:"
NO_LEVEL1 = "指标"
_BREAK_RE = re.compile(r"\r\n|\r|\n")  # how goalnlp.io splits lines (other breaks become spaces)
_BARS = frozenset("|")


def _span_record(span: Span) -> dict[str, Any] | None:
    """The record a span was made for, looked up by its id (see the module docstring)."""
    sid = span.id_
    if not sid.startswith(ID_PREFIX):
        return None
    records = span.doc._.goalnlp_records
    try:
        return records[int(sid[len(ID_PREFIX) :])] if records else None
    except (ValueError, IndexError):
        return None


def _doc_tables(doc: SpacyDoc) -> list[dict[str, Any]]:
    return [r for r in doc._.goalnlp_records or () if r.get("record") == "table"]


def _register_extensions() -> None:
    """Idempotent: the module may be imported through the entry point and directly."""
    if not SpacyDoc.has_extension("goalnlp_records"):
        SpacyDoc.set_extension("goalnlp_records", default=None)
    if not SpacyDoc.has_extension("goalnlp_tables"):
        SpacyDoc.set_extension("goalnlp_tables", getter=_doc_tables)
    if not Span.has_extension("goalnlp"):
        Span.set_extension("goalnlp", getter=_span_record)


_register_extensions()


@Language.factory(
    FACTORY,
    default_config={
        "engine": None,
        "spans_key": "indicators",
        "parts_key": "indicator_parts",
        "tables_key": "goalnlp_tables",
    },
)
def make_indicators(
    nlp: Language,
    name: str,
    engine: str | None,
    spans_key: str,
    parts_key: str | None,
    tables_key: str | None,
) -> IndicatorComponent:
    """Build the component; ``engine`` None is goalnlp's default engine; ``parts_key``/``tables_key``
    ``None`` skip those span groups."""
    return IndicatorComponent(engine=engine, spans_key=spans_key, parts_key=parts_key, tables_key=tables_key)


class IndicatorComponent:
    """Runs a goalnlp engine on ``doc.text`` and maps its rows back to character spans."""

    def __init__(
        self,
        engine: str | None = None,
        spans_key: str = "indicators",
        parts_key: str | None = "indicator_parts",
        tables_key: str | None = "goalnlp_tables",
    ) -> None:
        _register_extensions()
        self.engine = engine
        # Resolved now so an unknown engine fails at add_pipe time with goalnlp's own error.
        self.pipeline: Pipeline = get_engine(engine)
        self.spans_key = spans_key
        self.parts_key = parts_key
        self.tables_key = tables_key

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the settings only (``nlp.pipe(n_process=...)`` on spawn platforms):
        goalnlp's components are closures, so the engine is rebuilt on unpickling."""
        state = self.__dict__.copy()
        del state["pipeline"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.pipeline = get_engine(self.engine)

    def __call__(self, doc: SpacyDoc) -> SpacyDoc:
        name = doc.user_data.get("goalnlp_name") or "<spacy>"
        source = source_from_text(doc.text, name=str(name))
        gdoc = self.pipeline(source)
        records = gdoc.records()
        doc._.goalnlp_records = records
        rows, tables, parts = self._spans(doc, source, gdoc, records)
        doc.spans[self.spans_key] = rows
        if self.parts_key:
            doc.spans[self.parts_key] = parts
        if self.tables_key:
            doc.spans[self.tables_key] = tables
        return doc

    def _spans(
        self, doc: SpacyDoc, source: Source, gdoc: Doc, records: list[dict[str, Any]]
    ) -> tuple[list[Span], list[Span], list[Span]]:
        text = _RawText(doc.text, source.line_map)
        rows: list[Span] = []
        tables: list[Span] = []
        parts: list[Span] = []
        i = 0
        for table in gdoc.tables:
            rec = records[i]
            _check(rec, "table", table.project)
            a, b = text.line_extent(rec["line_start"], rec["line_end"])
            _add(doc, tables, a, b, table.table_type, i)
            i += 1
            for row in table.rows:
                rec = records[i]
                _check(rec, "indicator", row.name)
                found = text.locate_row(row)
                for label, a, b in found:
                    _add(doc, parts, a, b, label, i)
                if found:
                    a, b = min(f[1] for f in found), max(f[2] for f in found)
                else:  # no fragment found in the text (or the engine kept no cells): the row's lines
                    a, b = text.line_extent(rec["line_start"], rec["line_end"])
                _add(doc, rows, a, b, rec["level1"] or NO_LEVEL1, i)
                i += 1
        return rows, tables, parts


def _check(rec: dict[str, Any], kind: str, name: str | None) -> None:
    """Records and rows are paired by position; fail loudly if ``Doc.records`` changes order."""
    key = "project" if kind == "table" else "name"
    if rec.get("record") != kind or rec.get(key) != name:
        raise RuntimeError(f"goalnlp records out of step with the document's {kind}s at {rec!r}")


def _add(doc: SpacyDoc, out: list[Span], start: int, end: int, label: str, rid: int) -> None:
    # "expand": jieba's words need not stop at cell edges, so the span takes whole tokens.
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=f"{ID_PREFIX}{rid}")
    if span is not None and len(span):
        out.append(span)


# --------------------------------------------------------------------------- raw text alignment


@dataclass
class _Keys:
    """The matchable characters of some raw lines: normalized keys and their raw offsets.

    ``first``/``last`` flag characters at a cell edge (a blank, a bar or a line break
    before / after), so a name is found as its own cell rather than inside a longer
    one (``数量`` inside ``数量指标``).
    """

    keys: str = ""
    pos: list[int] = field(default_factory=list)
    first: list[bool] = field(default_factory=list)
    last: list[bool] = field(default_factory=list)

    def extend(self, other: _Keys) -> None:
        self.keys += other.keys
        self.pos += other.pos
        self.first += other.first
        self.last += other.last


def _line_keys(raw: str, offset: int) -> _Keys:
    """Keys of one raw line as goalnlp's ``Line.text`` reads it, each at its raw offset.

    ``normalize_line`` only drops characters (invisible ones, bracketed pinyin) and
    swaps others one for one (script, width), so a diff against the raw line converted
    character for character maps every kept character back to its raw position.
    """
    text, disp = normalize_line(raw)
    if len(disp) == len(raw):
        mapped = list(text)
    else:
        mapped = [""] * len(raw)
        sm = difflib.SequenceMatcher(None, to_simplified(raw), disp, autojunk=False)
        for a, b, size in sm.get_matching_blocks():
            for k in range(size):
                mapped[a + k] = text[b + k]
    out = _Keys()
    edge = True
    for k, ch in enumerate(mapped):
        if not ch or (ch.isspace() or ch in _BARS):
            if ch and out.last:
                out.last[-1] = True
            edge = edge or bool(ch)
            continue
        out.keys += ch
        out.pos.append(offset + k)
        out.first.append(edge)
        out.last.append(False)
        edge = False
    if out.last:
        out.last[-1] = True
    return out


def _pattern(cell: Cell) -> str:
    """A cell's characters in key form: ``Cell.text`` is already normalized; drop blanks and bars."""
    return "".join(ch for ch in cell.text if not ch.isspace() and ch not in _BARS)


class _RawText:
    """The spaCy text seen line by line, with goalnlp's line numbers mapped onto it."""

    def __init__(self, text: str, line_map: list[int] | None) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK_RE.finditer(text)]
        self.ends = [m.start() for m in _BREAK_RE.finditer(text)] + [len(text)]
        self.line_map = line_map
        self.claimed = bytearray(len(text))
        self._keys: dict[int, _Keys] = {}

    # -- lines

    def _raw_lines(self, first: int, last: int) -> tuple[int, int]:
        """1-based raw lines holding goalnlp text lines ``first..last``.

        HTML and CSV sources are converted before goalnlp reads them; their
        ``line_map`` gives the raw line each text line starts on, and a text line
        runs up to the next one's start.
        """
        n = len(self.starts)
        m = self.line_map
        if m:
            a = m[min(max(first, 1), len(m)) - 1]
            b = m[last] - 1 if last < len(m) else n
            b = max(b, m[min(max(last, 1), len(m)) - 1])
        else:
            a, b = first, last
        a = min(max(a, 1), n)
        return a, min(max(b, a), n)

    def line_extent(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of the printed characters of raw lines ``first..last`` (a record's lines)."""
        n = len(self.starts)
        a, b = min(max(first, 1), n), min(max(last, first, 1), n)
        start, end = self.starts[a - 1], self.ends[b - 1]
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        return (start + lead, end - trail) if lead < len(chunk) else (start, end)

    def keys(self, first: int, last: int) -> _Keys:
        a, b = self._raw_lines(first, last)
        out = _Keys()
        for no in range(a, b + 1):
            if no not in self._keys:
                start = self.starts[no - 1]
                self._keys[no] = _line_keys(self.text[start : self.ends[no - 1]], start)
            out.extend(self._keys[no])
        return out

    # -- cells

    def locate_row(self, row: Row) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of each fragment of ``row`` that could be found.

        Fragments are searched on their own lines, after the row's previous fragment
        on the same line (columns run left to right), never over characters another
        fragment already took; a fragment that is not there is left out.
        """
        cursor: dict[int, int] = {}
        found: list[tuple[str, int, int]] = []
        for label, cells in (
            ("NAME", row.name_parts),
            ("VALUE", row.value_parts),
            ("ACTUAL", row.actual_parts),
        ):
            for cell in cells:
                hit = self._locate(cell, cursor.get(cell.line, 0))
                if hit is None:
                    continue
                a, b = hit
                self.claimed[a:b] = b"\x01" * (b - a)
                cursor[cell.line] = max(cursor.get(cell.line, 0), b)
                found.append((label, a, b))
        return found

    def _locate(self, cell: Cell, after: int) -> tuple[int, int] | None:
        pat = _pattern(cell)
        if not pat:
            return None
        ks = self.keys(cell.line, max(cell.line, cell.last_line))
        hits: list[tuple[int, int]] = []
        i = ks.keys.find(pat)
        while i >= 0:
            j = i + len(pat) - 1
            if not any(self.claimed[p] for p in ks.pos[i : j + 1]):
                hits.append((i, j))
            i = ks.keys.find(pat, i + 1)
        if not hits:
            return None

        def rank(h: tuple[int, int]) -> tuple[bool, bool]:
            i, j = h
            return (ks.pos[i] < after, not (ks.first[i] and ks.last[j]))

        i, j = min(hits, key=rank)  # min() keeps text order among equals
        return ks.pos[i], ks.pos[j] + 1
