"""Category labels printed at the vertical centre of their group of rows.

A PDF draws a category as one merged cell beside its rows, its text centred
vertically; extractors that write the page line by line (pdfplumber's default
text, PyMuPDF, several OCR engines) print the label on the line at the middle of
the group: after the group's first rows, often on a line of its own.  Carried
down as a reader of a top-aligned table would, such a label would be given to
the rows below it only, and the group's first rows would take the previous
group's label.

:func:`recentre_categories` tells the two printings apart by fit: under top
alignment every label stands on (or just above) its group's first row and no row
comes before the first label; under centring, the rows can be cut into
consecutive groups, one per label, each centred on its label.  Where the centred
cut fits better, the rows take the labels of their groups.  Labels are judged per
level (一级 labels are often centred while 二级 labels stand on a first row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .classify import canonical, is_level1_label, parse_label
from .doc import Line, Row
from .layout import Region, split_cells

# How far (in lines) a group's middle may lie from its label and still count as
# centred on it: a group of two rows centres between them, half a line off a label line.
_SLACK = 0.5


def _marks(lines: Sequence[Line], region: Region, rows: Sequence[Row]) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Level-1 and level-2 labels of the region's lines, each with its line number: the
    leading cells of a line that read as category labels (a row's own name excepted)."""
    names = {(c.line, c.comp) for r in rows for c in r.name_parts}
    l1s: list[tuple[float, str]] = []
    l2s: list[tuple[float, str]] = []
    start = region.body if region.body is not None else region.start
    for ln in lines[start : region.end]:
        cells = split_cells(ln)
        for k, c in enumerate(cells):
            if (ln.no, c.comp) in names:
                break
            l1, l2 = parse_label(c.comp)
            if l1 is None and l2 is None:
                break
            two_cells = k + 1 < len(cells) and parse_label(cells[k + 1].comp)[1] is not None
            if l2 is not None and not (two_cells and is_level1_label(c.comp)):
                l2s.append((ln.no, l2))
            elif l1 is not None:
                l1s.append((ln.no, l1))
    return l1s, l2s


def _span(r: Row) -> tuple[int, int] | None:
    lines = [c.line for c in r.name_parts + r.value_parts + r.actual_parts]
    lines += [c.last_line for c in r.name_parts + r.value_parts + r.actual_parts if c.last_line]
    return (min(lines), max(lines)) if lines else None


def _top_cost(spans: list[tuple[int, int]], marks: list[tuple[float, str]]) -> float:
    """Misfit of top alignment: rows before the first label, labels printed inside a row
    (below its first line)."""
    before = sum(1 for t, _ in spans if t < marks[0][0])
    return before + sum(1 for p, _ in marks if any(t < p <= b for t, b in spans))


def _centred_cut(
    spans: list[tuple[int, int]], marks: list[tuple[float, str]], bound: float = float("inf")
) -> tuple[float, list[int]]:
    """The cut of the rows into one consecutive group per label that puts each group's
    middle nearest its label: total misfit beyond ``_SLACK`` and each group's first row.
    Groups more than ``bound`` off their label are not tried (an infinite misfit when
    every cut has one: the caller only wants cuts that fit better than ``bound``)."""
    n, k = len(spans), len(marks)
    inf = (float("inf"), float("inf"))
    # best[g][j]: least misfit of the first j rows cut into the first g groups (misfit
    # beyond the slack, then the plain distance: of two cuts within the slack, the closer).
    best: list[dict[int, tuple[float, float]]] = [{} for _ in range(k + 1)]
    back: list[dict[int, int]] = [{} for _ in range(k + 1)]
    best[0][0] = (0.0, 0.0)
    reach = _SLACK + bound
    for g in range(1, k + 1):
        p = marks[g - 1][0]
        here, there = best[g - 1], best[g]
        for i, (c0, c1) in sorted(here.items()):
            top = spans[i][0]
            for j in range(i + 1, n - (k - g) + 1):
                d = (top + spans[j - 1][1]) / 2 - p
                if d > reach:
                    break  # (later rows only move the middle further down)
                if -d > reach:
                    continue
                cost = (c0 + max(0.0, abs(d) - _SLACK), c1 + abs(d))
                if cost < there.get(j, inf):
                    there[j], back[g][j] = cost, i
    if n not in best[k]:
        return float("inf"), []
    starts: list[int] = []
    j = n
    for g in range(k, 0, -1):
        i = back[g][j]
        starts.append(i)
        j = i
    return best[k][n][0], starts[::-1]


Scorer = Callable[[list[Row]], list[dict[str, float]]]

# Log-probability (summed over the rows the two cuts label differently) by which the
# centred cut must beat the top-aligned one when both fit the labels' places.
_FIT_MARGIN = 2.0


def _top_groups(spans: list[tuple[int, int]], marks: list[tuple[float, str]]) -> list[str | None]:
    """Each row's label carried down from the last label on or above its first line."""
    out: list[str | None] = []
    k, cur = 0, None
    for t, _ in spans:
        while k < len(marks) and marks[k][0] <= t:
            cur = marks[k][1]
            k += 1
        out.append(cur)
    return out


def _names_fit(
    rows: list[Row], spans: list[tuple[int, int]], marks: list[tuple[float, str]], bounds: list[int], scorer: Scorer
) -> bool:
    """Whether the rows' names fit the centred cut's labels better than the carried-down ones."""
    top = _top_groups(spans, marks)
    centred = [lab for g, (_, lab) in enumerate(marks) for _ in range(bounds[g], bounds[g + 1])]
    differ = [i for i, (a, b) in enumerate(zip(top, centred, strict=True)) if a != b]
    if not differ:
        return False
    scores = scorer([rows[i] for i in differ])
    gain = 0.0
    for i, sc in zip(differ, scores, strict=True):
        a, b = canonical(None, top[i])[1], canonical(None, centred[i])[1]
        gain += sc.get(b or "", -30.0) - sc.get(a or "", -30.0)
    return gain > _FIT_MARGIN


def _spans(rows: list[Row]) -> list[tuple[int, int]] | None:
    """Each row's first and last line, when every row has some and they come in line order."""
    if len(rows) < 3:
        return None
    spans = [_span(r) for r in rows]
    if any(s is None for s in spans):
        return None
    out = [s for s in spans if s is not None]
    if any(b[0] < a[0] for a, b in zip(out, out[1:], strict=False)):
        return None  # rows out of line order: not one column of groups
    return out


def recentre_categories(
    lines: Sequence[Line], region: Region, rows: list[Row], scorer: Scorer | None = None
) -> bool:
    """Give the rows the labels centred on their groups, where the labels read so; whether
    any level was read as centred.  Rows keep their order; only level1/level2 change.

    Where both printings fit the labels' places (a label standing between two rows reads
    either way), ``scorer`` — the log-probability of each row's level2 label given its name,
    target and unit (the category classifier) — decides by which cut the rows' names fit."""
    spans = _spans(rows)
    if spans is None:
        return False
    changed = False
    for level, marks in enumerate(_marks(lines, region, rows), 1):
        if len(marks) < 2 or len(marks) > len(rows):
            continue
        top = _top_cost(spans, marks)
        cost, starts = _centred_cut(spans, marks, bound=top)
        bounds = [*starts, len(rows)]
        if cost >= top and not (level == 2 and cost == 0 and scorer is not None and _names_fit(rows, spans, marks, bounds, scorer)):
            continue  # every label on its group's first row: carried down as printed
        for g, (_, label) in enumerate(marks):
            for r in rows[bounds[g] : bounds[g + 1]]:
                if level == 1:
                    r.level1 = label
                else:
                    r.level2 = label
                r.category_source = "written"
        changed = True
    if changed:
        for r in rows:
            r.level1, r.level2 = canonical(r.level1, r.level2)
    return changed
