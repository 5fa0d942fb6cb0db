"""One self-contained HTML page to review a batch: what was read, where it came from,
what looks wrong.

For every document the page shows the text the pipeline read, line by line, with the
lines of every record highlighted (hover shows the parsed fields; click selects the
record in the table); all records in one table that sorts by any column and filters
by any text; the lint findings (:mod:`goalnlp.lint`); the evaluation's errors when gold
labels are given; and charts (indicators by category, comparator, unit and year, and
name F1 by document when gold is given), drawn as inline SVG.  No network, no external
script or style: the file opens anywhere, offline.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GoalnlpError


@dataclass
class ReportDoc:
    """A document as the report shows it: its name, text lines and records."""

    name: str
    lines: list[str]
    records: list[dict[str, Any]]
    line_map: list[int] | None = None
    error: str | None = None


def collect(paths: Iterable[str | Path], *, engine: str | None = None) -> list[ReportDoc]:
    """Read and extract every document under ``paths`` (errors kept, not raised)."""
    from .io import iter_paths, read_source
    from .pipeline import get_engine

    nlp = get_engine(engine)
    out: list[ReportDoc] = []
    for p in iter_paths(paths):
        try:
            src = read_source(p)
            recs = nlp(src).records()
            out.append(ReportDoc(src.name, src.text.split("\n"), recs, src.line_map))
        except GoalnlpError as e:
            out.append(ReportDoc(Path(p).name, [], [], None, str(e)))
    return out


def _spans(doc: ReportDoc) -> list[tuple[int, int, int]]:
    """(first text line, last text line, record index) of every indicator record;
    record lines are file lines, mapped back through the document's line map."""
    back: dict[int, list[int]] = {}
    for i in range(len(doc.lines)):
        f = doc.line_map[i] if doc.line_map and i < len(doc.line_map) else i + 1
        back.setdefault(f, []).append(i + 1)
    out = []
    for k, r in enumerate(doc.records):
        if r.get("record") != "indicator" or r.get("line_start") is None:
            continue
        lo, hi = r["line_start"], r.get("line_end") or r["line_start"]
        text_lines = [t for f in range(lo, hi + 1) for t in back.get(f, [])]
        if text_lines:
            out.append((min(text_lines), max(text_lines), k))
    return out


_FIELDS = ("level1", "level2", "name", "value_text", "kind", "comparator", "value", "value_max", "unit", "date",
           "actual_text", "weight", "score", "line_start", "line_end", "page")


def _tooltip(r: dict[str, Any]) -> str:
    return "\n".join(f"{k}: {r[k]}" for k in _FIELDS if r.get(k) is not None)


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _bar_chart(title: str, counts: list[tuple[str, float]], *, fmt: str = "{:g}") -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return ""
    width, bar_h, label_w = 600, 18, 230
    top = max(v for _, v in counts) or 1
    rows = []
    for i, (label, v) in enumerate(counts):
        y = 24 + i * (bar_h + 4)
        w = (width - label_w - 60) * v / top
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{html.escape(_short(str(label)))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" class="bar"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{fmt.format(v)}</text>'
        )
    h = 30 + len(counts) * (bar_h + 4)
    return (
        f'<figure class="chart"><svg width="{width}" height="{h}" role="img" aria-label="{html.escape(title)}">'
        f'<text x="0" y="14" class="title">{html.escape(title)}</text>{"".join(rows)}</svg></figure>'
    )


def _charts(records: list[dict[str, Any]], per_doc: dict[str, float] | None) -> str:
    inds = [r for r in records if r.get("record") == "indicator"]
    years = {(r.get("doc"), r.get("table")): r.get("year") for r in records if r.get("record") == "table"}
    parts = [
        _bar_chart("indicators by category", Counter(f"{r.get('level1')}/{r.get('level2')}" for r in inds).most_common(15)),
        _bar_chart("by comparator", Counter(str(r.get("comparator")) for r in inds).most_common()),
        _bar_chart("by unit (top 15)", Counter(str(r.get("unit")) for r in inds if r.get("unit")).most_common(15)),
        _bar_chart("by year", sorted(Counter(str(years.get((r.get("doc"), r.get("table"))) or "?") for r in inds).items())),
    ]
    if per_doc:
        parts.append(_bar_chart("name F1 by document", sorted(per_doc.items()), fmt="{:.3f}"))
        layouts: dict[str, list[float]] = {}
        for doc, f1 in per_doc.items():
            lays = Counter(r.get("layout") for r in records if r.get("record") == "table" and r.get("doc") == doc)
            layouts.setdefault(str(lays.most_common(1)[0][0]) if lays else "?", []).append(f1)
        by_layout = sorted((k, sum(v) / len(v)) for k, v in layouts.items())
        parts.append(_bar_chart("name F1 by layout (mean over documents)", by_layout, fmt="{:.3f}"))
    return "".join(parts)


def build(docs: list[ReportDoc], *, gold: str | Path | None = None, title: str = "goalnlp report") -> str:
    """The report page for ``docs`` (and the evaluation against ``gold``, if given)."""
    from . import __version__
    from .lint import lint

    records = [r for d in docs for r in d.records]
    findings = [f.to_dict() for f in lint(records)]
    evaluation: dict[str, Any] | None = None
    per_doc: dict[str, float] | None = None
    if gold is not None:
        import tempfile

        from .evaluate import evaluate_paths

        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "pred.jsonl"
            pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            evaluation = evaluate_paths(gold, pred).to_dict()
        per_doc = {d: v["name"]["f1"] for d, v in evaluation.get("per_doc", {}).items()}
    sections = []
    for di, d in enumerate(docs):
        spans = _spans(d)
        starts: dict[int, list[int]] = {}
        for lo, hi, k in spans:
            for ln in range(lo, hi + 1):
                starts.setdefault(ln, []).append(k)
        body = []
        for i, line in enumerate(d.lines, 1):
            ks = starts.get(i, [])
            text = html.escape(line) or "&nbsp;"
            if ks:  # a line may hold several records (rows glued into one line)
                tip = "\n\n".join(_tooltip(d.records[k]) for k in ks)
                recs = " ".join(str(k) for k in ks)
                text = f'<mark class="rec" data-doc="{di}" data-rec="{recs}" title="{html.escape(tip)}">{text}</mark>'
            body.append(f'<div class="ln"><span class="no">{i}</span>{text}</div>')
        err = f'<p class="error">{html.escape(d.error)}</p>' if d.error else ""
        n_ind = sum(r.get("record") == "indicator" for r in d.records)
        sections.append(
            f'<details class="doc" data-doc="{di}"{" open" if di == 0 else ""}><summary>{html.escape(d.name)} — '
            f"{n_ind} indicator(s), {len(spans)} highlighted</summary>{err}"
            f'<div class="src">{"".join(body)}</div></details>'
        )
    data = {
        "records": [{**r, "_doc": di, "_rec": k} for di, d in enumerate(docs) for k, r in enumerate(d.records)
                    if r.get("record") == "indicator"],
        "findings": findings,
        "errors": (evaluation or {}).get("errors", []),
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    scores = ""
    if evaluation:
        scores = (f"<p>name F1 {evaluation['name']['f1']:.3f} · triple F1 {evaluation['triple']['f1']:.3f} · "
                  f"table F1 {evaluation['table']['f1']:.3f}</p>")
    return _PAGE.format(
        title=html.escape(title),
        version=__version__,
        n_docs=len(docs),
        n_ind=len(data["records"]),
        n_find=len(findings),
        scores=scores,
        charts=_charts(records, per_doc),
        docs="".join(sections),
        data=payload,
        style=_STYLE,
        script=_SCRIPT,
    )


def write(docs: list[ReportDoc], path: str | Path, **kwargs: Any) -> Path:
    path = Path(path)
    try:
        path.write_text(build(docs, **kwargs), encoding="utf-8")
    except OSError as e:
        raise GoalnlpError("E048", path=str(path), reason=e.strerror or str(e)) from e
    return path


_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em}
.charts{display:flex;flex-wrap:wrap;gap:1em} .chart{margin:0} .bar{fill:#4a7bd0}
svg text{font-size:12px} svg .title{font-weight:bold}
.doc{border:1px solid #ccc;border-radius:4px;margin:.4em 0;padding:.3em .6em}
.src{font-family:ui-monospace,monospace;font-size:12px;white-space:pre;overflow:auto;max-height:28em}
.ln .no{display:inline-block;width:3.5em;color:#999;user-select:none}
mark.rec{background:#fff2a8;cursor:pointer} mark.rec.sel{background:#ffb347}
table{border-collapse:collapse;font-size:12px} th,td{border:1px solid #ddd;padding:2px 6px;text-align:left}
th{cursor:pointer;background:#f3f3f3} tr.sel td{background:#ffe0b0}
.error{color:#b00}
input{margin:.4em 0;padding:3px;width:24em}
"""

_SCRIPT = r"""
(function () {
  const data = JSON.parse(document.getElementById('data').textContent);
  function table(id, rows, cols) {
    const el = document.getElementById(id);
    const head = '<tr>' + cols.map((c, i) => `<th data-i="${i}">${c}</th>`).join('') + '</tr>';
    const esc = s => String(s ?? '').replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
    el.innerHTML = '<thead>' + head + '</thead><tbody>' + rows.map((r, k) =>
      `<tr data-k="${k}" data-doc="${r._doc ?? ''}" data-rec="${r._rec ?? ''}">` +
      cols.map(c => `<td>${esc(r[c])}</td>`).join('') + '</tr>').join('') + '</tbody>';
    el.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
      const i = Number(th.dataset.i), body = el.tBodies[0];
      const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
      const key = tr => tr.children[i].textContent, num = s => s !== '' && !isNaN(Number(s));
      Array.from(body.rows).sort((a, b) => {
        const x = key(a), y = key(b);
        return dir * (num(x) && num(y) ? Number(x) - Number(y) : x.localeCompare(y, 'zh'));
      }).forEach(tr => body.appendChild(tr));
    }));
    return el;
  }
  function filter(inputId, tableId) {
    document.getElementById(inputId).addEventListener('input', ev => {
      const q = ev.target.value.trim().toLowerCase();
      document.querySelectorAll('#' + tableId + ' tbody tr').forEach(tr => {
        tr.style.display = !q || tr.textContent.toLowerCase().includes(q) ? '' : 'none';
      });
    });
  }
  table('records', data.records, ['doc', 'table', 'level1', 'level2', 'name', 'value_text', 'comparator', 'value',
                                  'unit', 'kind', 'date', 'actual_text', 'weight', 'score', 'line_start', 'line_end']);
  table('findings', data.findings, ['code', 'severity', 'doc', 'table', 'name', 'value_text', 'message']);
  table('errors', data.errors, ['type', 'doc', 'table', 'name', 'field', 'gold', 'pred']);
  filter('q-records', 'records'); filter('q-findings', 'findings');
  document.querySelectorAll('mark.rec').forEach(m => m.addEventListener('click', () => {
    document.querySelectorAll('.sel').forEach(e => e.classList.remove('sel'));
    m.classList.add('sel');
    m.dataset.rec.split(' ').forEach((rec, i) => {
      const tr = document.querySelector(`#records tr[data-doc="${m.dataset.doc}"][data-rec="${rec}"]`);
      if (tr) { tr.classList.add('sel'); if (i === 0) tr.scrollIntoView({block: 'center'}); }
    });
  }));
  // Open each source at its first record, not at its letterhead.
  document.querySelectorAll('.src').forEach(src => {
    const first = src.querySelector('mark.rec');
    if (first) src.scrollTop = first.parentElement.offsetTop - src.offsetTop - 24;
  });
  document.body.dataset.ready = '1';
  const seen = new Set();
  document.querySelectorAll('mark.rec').forEach(m => m.dataset.rec.split(' ').forEach(r => seen.add(m.dataset.doc + ':' + r)));
  document.body.dataset.marks = String(document.querySelectorAll('mark.rec').length);
  document.body.dataset.highlighted = String(seen.size);
  document.body.dataset.rows = String(document.querySelectorAll('#records tbody tr').length);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head>
<body>
<h1>{title}</h1>
<p>{n_docs} document(s), {n_ind} indicator(s), {n_find} lint finding(s) · goalnlp {version}</p>
{scores}
<h2>Charts</h2><div class="charts">{charts}</div>
<h2>Documents</h2>
{docs}
<h2>Records</h2><input id="q-records" placeholder="filter records…"><table id="records"></table>
<h2>Lint findings</h2><input id="q-findings" placeholder="filter findings…"><table id="findings"></table>
<h2>Evaluation errors</h2><table id="errors"></table>
<script type="application/json" id="data">{data}</script>
<script>{script}</script>
</body></html>
"""
