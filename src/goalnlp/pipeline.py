"""The extraction pipeline: small components over one :class:`~goalnlp.doc.Doc`.

Like spaCy's ``Language``, a :class:`Pipeline` is an ordered list of named
components, each a callable ``Doc -> Doc`` looked up in a registry, so a
researcher can add, replace or remove a step without touching the others::

    nlp = Pipeline.default()
    nlp.replace("rows", my_row_builder)
    records = nlp(source).records()
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

from .classify import LEVEL1_OF
from .doc import Doc, Line, Row, Table
from .errors import GoalnlpError
from .io import Source, read_source, source_from_text
from .layout import find_regions
from .normalize import normalize_lines
from .rows import no_cell_line, no_indicator_name, read_region
from .tables import read_meta
from .values import parse_value

Component = Callable[[Doc], Doc]

_REGISTRY: dict[str, Callable[..., Component]] = {}


def register(name: str) -> Callable[[Callable[..., Component]], Callable[..., Component]]:
    """Register a component factory under ``name`` (``@register("rows")``)."""

    def deco(factory: Callable[..., Component]) -> Callable[..., Component]:
        _REGISTRY[name] = factory
        return factory

    return deco


def registered() -> list[str]:
    return sorted(_REGISTRY)


# --- components -----------------------------------------------------------


@register("tables")
def make_tables() -> Component:
    """Find target tables and read their metadata."""

    def tables(doc: Doc) -> Doc:
        regions = find_regions(doc.lines)
        doc.tables = []
        doc.regions = regions
        for i, reg in enumerate(regions):
            doc.tables.append(read_meta(doc.lines, reg, i))
        return doc

    return tables


@register("rows")
def make_rows(models_dir: str | None = None) -> Component:
    """Rebuild indicator rows, linking fragments wrapped over lines.

    Cell streams (plain pdftotext) pair names and targets with the pairing model: the
    shipped one, or ``models_dir``'s ``pairing.json`` where there is one.
    """
    from .pairing import PAIRING_FILE, PairingModel

    path = Path(models_dir, PAIRING_FILE) if models_dir is not None else None
    pairing = PairingModel.load(path) if path is not None and path.is_file() else None

    def rows(doc: Doc) -> Doc:
        for table, reg in zip(doc.tables, doc.regions, strict=True):
            table.reader, table.rows = read_region(doc.lines, reg, pairing=pairing, pages=doc.line_pages)
            table.layout = _layout_name(doc, reg)
        # Tables with no indicator rows are not target tables (决算 tables, prose).
        kept = [(t, r) for t, r in zip(doc.tables, doc.regions, strict=True) if t.rows]
        doc.tables = [t for t, _ in kept]
        doc.regions = [r for _, r in kept]
        for i, t in enumerate(doc.tables):
            t.index = i
        return doc

    return rows


# Log-probability a guessed row gains by keeping the previous row's level2 (tables list
# rows grouped by category); 1.0 measured best of 0.5-3 on plain-pdftotext text.
_GUESSED_STAY = 1.0

_DATE_NAME_RE = regex.compile(r"时间|时限|日期|期限|完成时|截止|节点|进度")


def _furniture(doc: Doc, r: Row) -> bool:
    """Every source line of the row holds no cell (a sign-off, a site's footer)."""
    if not r.lines:
        return False
    texts = [doc.lines[n - 1].text.strip() for n in r.lines if 0 < n <= len(doc.lines)]
    return bool(texts) and all(no_cell_line(t, "".join(t.split())) for t in texts if t)


@register("values")
def make_values() -> Component:
    """Parse each row's target value into comparator, number, unit, date."""

    def values(doc: Doc) -> Doc:
        for t in doc.tables:
            # (a row named by a figure or a header cell is a reader's or a tagger's misstep)
            t.rows = [r for r in t.rows if not no_indicator_name(r.name_text)]
            for r in t.rows:
                date_row = bool(_DATE_NAME_RE.search(r.name_text)) or r.level2 == "时效"
                vp = parse_value(r.value_norm, year=t.year, date_row=date_row)
                r.parsed = {
                    "kind": vp.kind,
                    "comparator": vp.comparator,
                    "value": vp.value,
                    "value_max": vp.value_max,
                    "unit": vp.unit,
                    "date": vp.date,
                }
        return doc

    return values


@register("categories")
def make_categories(models_dir: str | None = None) -> Component:
    """Fill rows whose category cells were lost; level1 follows level2.

    The classifier is the shipped one, or ``models_dir``'s ``category.json`` where there is one.
    """
    from .centring import recentre_categories
    from .classify import canonical

    def classifier() -> Any:
        from .category import load_default

        if models_dir is not None and Path(models_dir, "category.json").is_file():
            return _load_category(str(Path(models_dir, "category.json")))
        return load_default()

    def label_scores(rows: list[Row]) -> list[dict[str, float]]:
        """Log-probability of each level2 label for each row, by the category classifier."""
        model = classifier()
        classes = [str(c) for c in model.classes_]
        return [{c: math.log(max(float(p), 1e-12)) for c, p in zip(classes, ps, strict=True)}
                for ps in model.predict_proba(rows)]

    def categories(doc: Doc) -> Doc:
        for t, reg in zip(doc.tables, doc.regions, strict=True):
            if t.layout == "space" and t.reader == "rows":
                # Lines written out of a PDF page: merged category cells may be centred.
                recentre_categories(doc.lines, reg, t.rows, scorer=label_scores)
            prev: Row | None = None
            for r in t.rows:
                if r.category_source == "guessed":  # the classifier decides below
                    continue
                if r.level1 is None and r.level2 is None and prev is not None:
                    r.level1, r.level2 = prev.level1, prev.level2
                    r.category_source = "carried"
                r.level1, r.level2 = canonical(r.level1, r.level2)
                prev = r
            # Rows above the first category cell (a merged cell centred on its rows)
            # take the category printed below them.
            first = next((r for r in t.rows if (r.level1 or r.level2) and r.category_source != "guessed"), None)
            for r in t.rows:
                if r is first:
                    break
                if first is not None and not (r.level1 or r.level2) and r.category_source != "guessed":
                    r.level1, r.level2 = first.level1, first.level2
                    r.category_source = "carried"
            if doc.line_pages:
                _past_page_breaks(doc, t.rows, label_scores)
            if any(r.level2 is None or r.category_source == "guessed" for r in t.rows):
                # Rows whose table printed no usable category: the trained classifier
                # reads it from the name, value and unit (imported here: scikit-learn
                # is only loaded when a table needs it).
                from .category import fill_missing_categories

                # Rows whose labels were printed apart from them: decoded as one sequence.
                guessed = [r for r in t.rows if r.category_source == "guessed"]
                for r in guessed:  # not even level1 is trusted there
                    r.level1 = r.level2 = None
                fill_missing_categories(guessed, classifier(), stay=_GUESSED_STAY)
                fill_missing_categories(t.rows, classifier())
        return doc

    return categories


# Level-2 categories in the order tables list them (SCHEMA's table, top to bottom).
_LEVEL2_ORDER = tuple(LEVEL1_OF)
# Log-probability the category carried over a page break keeps over a later one.
_PAGE_STAY = 2.0


def _past_page_breaks(doc: Doc, rows: list[Row], label_scores: Callable[[list[Row]], list[dict[str, float]]]) -> None:
    """Rows on a new page that carried the last category of the page before: a merged
    category cell cut by the page break may have printed its label on one page only (PDF
    tables read cell by cell), so the new page's rows may belong to a later category.  The
    category classifier decides among the carried category and the later ones, the carried
    one favoured by ``_PAGE_STAY``; categories never go back up the table's order."""
    from .classify import canonical

    assert doc.line_pages is not None
    pages = doc.line_pages

    def page(r: Row) -> int | None:
        n = min(r.lines) if r.lines else 0
        return pages[n - 1] if 0 < n <= len(pages) else None

    run: list[Row] = []
    anchor: Row | None = None
    groups: list[list[Row]] = []
    for r in rows:
        if r.category_source == "carried" and anchor is not None and page(r) is not None and page(r) != page(anchor):
            run.append(r)
            continue
        if run:
            groups.append(run)
            run = []
        if r.category_source == "written":
            anchor = r
    if run:
        groups.append(run)
    for group in groups:
        if group[0].level2 not in _LEVEL2_ORDER:
            continue
        cur = group[0].level2
        scores = label_scores(group)
        for r, sc in zip(group, scores, strict=True):
            allowed = [c for c in _LEVEL2_ORDER[_LEVEL2_ORDER.index(cur) :] if c in sc]
            if not allowed:
                break
            best = max(allowed, key=lambda c: sc[c] + (_PAGE_STAY if c == cur else 0.0))
            if best != r.level2:
                r.level1, r.level2 = canonical(None, best)
                r.category_source = "classifier"
            cur = best


@register("linetag")
def make_linetag(
    mode: str = "hybrid", models_dir: str | None = None, threshold: float | None = None, model: Any = None
) -> Component:
    """Re-cut the rules' rows with the trained line tagger (engines ``crf`` and ``hybrid``).

    ``crf`` keeps the rows the tagger's labels spell; ``hybrid`` keeps the rules'
    rows except where the tagger is sure they are cut wrong (see
    :func:`goalnlp.tagging.merge_rows`); in ``hybrid`` it leaves | and tab grids, column-aligned
    text, cell streams and the outline blocks the outline reader read line by line to the rules.  Runs after
    ``rows``, before ``values``.  ``model`` (a fitted :class:`~goalnlp.tagging.LineTagger`) overrides ``models_dir``.
    """
    from .tagging import assemble_rows, load_line_tagger, merge_rows, region_sequence

    if mode not in ("crf", "hybrid"):
        raise ValueError(f"linetag mode must be 'crf' or 'hybrid', not {mode!r}")
    if model is None:
        try:
            model = load_line_tagger(models_dir)
        except GoalnlpError as e:
            raise GoalnlpError("E052", engine=mode, reason=str(e)) from e
    th = model.hybrid_threshold if threshold is None else threshold

    def linetag(doc: Doc) -> Doc:
        for i, t in enumerate(doc.tables):
            if mode == "hybrid" and t.layout != "space":
                # In | and tab grids the columns say what each cell is, and the rules
                # read them; the tagger re-cuts where the row builder had to guess.
                continue
            if mode == "hybrid" and doc.regions[i].outline and _outline_resolved(doc, doc.regions[i], t.rows):
                continue
            if mode == "hybrid" and t.reader == "columns":
                continue  # column-aligned text (pdftotext -layout): the columns say what each cell is
            if mode == "hybrid" and t.reader == "stream":
                # A cell stream (plain pdftotext): the tagger was trained on no such text;
                # its re-cuts there won and lost rows in equal measure.
                continue
            if mode == "hybrid" and any(r.reordered for r in t.rows):
                # The row builder put back the order pdftotext wrote the rows in (names,
                # then their targets): the tagger reads the lines as printed.
                continue
            seq = region_sequence(doc, i)
            if not seq.segments:
                continue
            labels, probs = model.tag(seq)
            # A cell stream's rows (guessed, with no printed labels to choose from).
            guessed = any(r.category_source == "guessed" and not r.level2_choices for r in t.rows)
            kept = {id(r) for r in t.rows if r.category_source == "written"}
            if mode == "crf":
                t.rows = assemble_rows(seq, labels, t.rows)
            else:
                t.rows = merge_rows(seq, labels, probs, t.rows, th)
            # (the tagger knows no page furniture: a row it read from such lines only goes)
            t.rows = [r for r in t.rows if not _furniture(doc, r)]
            if guessed:  # labels printed apart from their rows (one cell per paragraph)
                for r in t.rows:
                    if id(r) not in kept:
                        r.category_source = "guessed"
        return doc

    return linetag


@register("tokentag")
def make_tokentag(models_dir: str | None = None, threshold: float = 0.9, model: Any = None) -> Component:
    """Read tables of glued rows again with the trained token tagger (engines ``crf`` and ``hybrid``).

    In a table holding a row whose name and value share one cell (rows glued without a
    separator), each line is read by :class:`goalnlp.tokens.TokenTagger` and cut into
    rows where a category or a name follows a value; its rows replace the rules' on that
    line where the tagger's confidence over every name and value is ``>= threshold``
    (:func:`goalnlp.tokens.retag_glued_lines`).  Outline blocks the outline reader read
    line by line are skipped (:func:`_outline_resolved`).  ``model`` overrides ``models_dir``.
    """
    from .tokens import load_tagger, retag_glued_lines

    if model is None:
        try:
            model = load_tagger(models_dir)
        except GoalnlpError as e:
            raise GoalnlpError("E052", engine="token tagger", reason=str(e)) from e

    def tokentag(doc: Doc) -> Doc:
        for t, reg in zip(doc.tables, doc.regions, strict=True):
            if reg.outline and _outline_resolved(doc, reg, t.rows):
                continue
            retag_glued_lines(doc, reg, t.rows, model, threshold)
        return doc

    return tokentag


def _outline_resolved(doc: Doc, reg: Any, rows: list[Any]) -> bool:
    """Whether the outline reader read every line of an outline block as a heading or as the
    start of an item (a name and its target on one line).  Then the trained taggers have
    nothing to re-read: they are the fallback for lines the outline reader could not split
    and for lines it could only append to the item above."""
    from .outline import is_outline_start

    covered = {min(r.lines) for r in rows if r.lines}
    start = reg.body if reg.body is not None else reg.start
    return all(
        ln.no in covered or not ln.text.strip() or is_outline_start(ln.text) for ln in doc.lines[start : reg.end]
    )


DEFAULT_COMPONENTS = ("tables", "rows", "values", "categories")

@functools.lru_cache(maxsize=4)
def _load_category(path: str) -> Any:
    """A category classifier written by ``goalnlp train`` (``category.json``), loaded once."""
    from .category import LinearCategoryModel

    return LinearCategoryModel.load(path)


class Pipeline:
    """An ordered list of named components run over a :class:`Doc`."""

    def __init__(self, names: Iterable[str] = DEFAULT_COMPONENTS) -> None:
        self.components: list[tuple[str, Component]] = []
        for name in names:
            self.add_pipe(name)

    @classmethod
    def default(cls) -> Pipeline:
        return cls()

    @property
    def pipe_names(self) -> list[str]:
        return [n for n, _ in self.components]

    def add_pipe(self, name: str, component: Component | None = None, *, before: str | None = None) -> None:
        if component is None:
            if name not in _REGISTRY:
                raise GoalnlpError("E030", name=name, choices=", ".join(registered()))
            component = _REGISTRY[name]()
        idx = self.pipe_names.index(before) if before else len(self.components)
        self.components.insert(idx, (name, component))

    def replace(self, name: str, component: Component) -> None:
        i = self.pipe_names.index(name)
        self.components[i] = (name, component)

    def remove(self, name: str) -> None:
        self.components.pop(self.pipe_names.index(name))

    def make_doc(self, source: Source) -> Doc:
        pairs = normalize_lines(source.text)
        lines = [Line(i, t, d) for i, (t, d) in enumerate(pairs, 1)]  # positional: cheaper per line
        return Doc(
            name=source.name,
            lines=lines,
            encoding=source.encoding,
            media=source.media,
            line_map=source.line_map,
            line_end_map=source.line_end_map,
            line_pages=source.line_pages,
            line_boxes=source.line_boxes,
            line_confidence=source.line_confidence,
            line_doubtful=source.line_doubtful,
            warnings=list(source.warnings),
        )

    def __call__(self, source: Source | str | Doc) -> Doc:
        """Run every component; a :class:`Doc` (already made) is run as it is, like spaCy."""
        if isinstance(source, Doc):
            doc = source
        else:
            if isinstance(source, str):
                source = source_from_text(source)
            doc = self.make_doc(source)
        for _, comp in self.components:
            doc = comp(doc)
        return doc


def _layout_name(doc: Doc, reg: Any) -> str:
    body = doc.lines[reg.body or reg.start : reg.end]
    n = {"pipe": 0, "tab": 0, "space": 0}
    from .layout import line_style

    for ln in body:
        if ln.text.strip():
            n[line_style(ln.text)] += 1
    return max(n, key=lambda k: n[k]) if any(n.values()) else "space"


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


def _as_source(obj: str | Path | Source) -> Source:
    if isinstance(obj, Source):
        return obj
    if isinstance(obj, Path):
        return read_source(obj)
    if "\n" not in obj and len(obj) < 4096:
        p = Path(obj)
        try:
            if p.exists() and p.is_file():
                return read_source(p)
        except OSError:
            pass
    return source_from_text(obj)


def extract(
    path_or_text: str | Path | Source, *, engine: str | None = None, models_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """SCHEMA records of one document given as a path, a text, or a :class:`Source`."""
    return get_engine(engine, models_dir)(_as_source(path_or_text)).records()


def extract_frame(
    path_or_text: str | Path | Source,
    *,
    engine: str | None = None,
    records: str = "indicator",
    models_dir: str | Path | None = None,
) -> Any:
    """The records of a document as a pandas DataFrame (``records`` = indicator | table | all)."""
    import pandas as pd

    from .doc import INDICATOR_FIELDS, TABLE_FIELDS

    recs = extract(path_or_text, engine=engine, models_dir=models_dir)
    if records != "all":
        recs = [r for r in recs if r["record"] == records]
    cols = list(INDICATOR_FIELDS if records == "indicator" else TABLE_FIELDS)
    df = pd.DataFrame.from_records(recs)
    if df.empty:
        return pd.DataFrame(columns=cols)
    return df[[c for c in cols if c in df.columns] + [c for c in df.columns if c not in cols]]


#: Extraction engines: ``rules`` (hand-written row builder), ``crf`` (rows as the
#: trained line tagger labels them), ``hybrid`` (the rules' rows, corrected where the
#: tagger is sure).  ``DEFAULT_ENGINE`` is the one that measured best on held-out
#: documents (README, "Engines").
ENGINES = ("rules", "crf", "hybrid")
DEFAULT_ENGINE = "hybrid"

_ENGINES: dict[tuple[str, str | None], Pipeline] = {}
# A --models folder needs at least one model; a model it lacks is the shipped one.
_MODEL_FILES = ("line_tagger.crfsuite", "token_tagger.crfsuite", "category.json", "pairing.json")


def get_engine(name: str | None = None, models_dir: str | Path | None = None) -> Pipeline:
    """The pipeline of an engine (cached: models load once per process)."""
    name = name or DEFAULT_ENGINE
    if name not in ENGINES:
        raise GoalnlpError("E011", engine=name, choices=", ".join(ENGINES))
    key = (name, str(models_dir) if models_dir else None)
    if name == "rules" and models_dir is None:
        return default_pipeline()
    if models_dir is not None and not any(Path(models_dir, f).is_file() for f in _MODEL_FILES):
        raise GoalnlpError("E052", engine=name, reason=f"no {' or '.join(_MODEL_FILES)} in {models_dir}")
    if key not in _ENGINES:
        nlp = Pipeline()
        if key[1] is not None:
            nlp.replace("rows", make_rows(models_dir=key[1]))
            nlp.replace("categories", make_categories(models_dir=key[1]))
        if name != "rules":
            nlp.add_pipe("linetag", make_linetag(mode=name, models_dir=key[1]), before="values")
            nlp.add_pipe("tokentag", make_tokentag(models_dir=key[1]), before="values")
        _ENGINES[key] = nlp
    return _ENGINES[key]


def iter_extract(
    paths: Iterable[str | Path], *, engine: str | None = None, models_dir: str | Path | None = None
) -> Iterator[tuple[Path, list[dict[str, Any]] | None, Exception | None]]:
    """Extract many files, yielding ``(path, records, error)``; a bad file never stops the batch."""
    return extract_paths(paths, get_engine(engine, models_dir))


def extract_paths(
    paths: Iterable[str | Path], nlp: Pipeline
) -> Iterator[tuple[Path, list[dict[str, Any]] | None, Exception | None]]:
    """:func:`iter_extract` with a given pipeline.  A missing path or a directory that
    cannot be listed is one error in its place (the walk of :func:`goalnlp.io.walk_inputs`),
    like a file that cannot be read."""
    from .errors import InputError
    from .io import walk_inputs

    for p in walk_inputs(paths):
        if isinstance(p, InputError):
            yield Path(str(p.details.get("path", "?"))), None, p
            continue
        try:
            src = read_source(p)
            yield p, nlp(src).records(), None
        except GoalnlpError as e:
            yield p, None, e
        except OSError as e:
            yield p, None, e


__all__ = ["Pipeline", "register", "registered", "extract", "extract_frame", "iter_extract", "Table", "Doc"]
