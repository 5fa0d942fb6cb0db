#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build the D2 test set (web pages and their text renderings) with gold.

Every document and every gold record is derived from PAGES (pages_data.py).

Outputs under OUT (default: the folder of this script):
  html/        NAME.html           the page itself (one page GBK-encoded)
  copy/        NAME_copy.txt       browser select-all + copy: TAB-separated cells, rowspan cells only in first row
  cells/       NAME_cells.txt      one text node / cell per line (HTML-to-text style)
  trad/        NAME_trad.txt       copy or cells rendering converted to Traditional Chinese with OpenCC
  pdf/         NAME.pdf            headless Chromium print
  pdf_layout/  NAME_layout.txt     pdftotext -layout
  pdf_raw/     NAME_raw.txt        pdftotext (no options)
Each document X.ext has gold X.jsonl beside it.

usage: python3 make_d2.py [--no-pdf]
"""
import html as htmlmod
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pages_data import PAGES  # noqa: E402

OUT = HERE

# --------------------------------------------------------------------------- canonical categories
L2_CANON = {
    "数量指标": "数量", "数量": "数量", "质量指标": "质量", "质量": "质量",
    "时效指标": "时效", "时效": "时效", "成本指标": "成本", "成本": "成本",
    "经济效益指标": "经济效益", "经济效益": "经济效益",
    "社会效益指标": "社会效益", "社会效益": "社会效益",
    "生态效益指标": "生态效益", "生态效益": "生态效益",
    "可持续影响指标": "可持续影响", "可持续影响": "可持续影响",
    "服务对象满意度指标": "服务对象满意度", "满意度指标": "服务对象满意度",
    "服务对象满意度": "服务对象满意度",
    "目标设定": "目标设定", "预算配置": "预算配置",
    "预算执行": "预算执行", "预算管理": "预算管理", "资产管理": "资产管理",
}
L2_PARENT = {
    "目标设定": "投入", "预算配置": "投入",
    "预算执行": "过程", "预算管理": "过程", "资产管理": "过程",
    "数量": "产出", "质量": "产出", "时效": "产出", "成本": "产出",
    "经济效益": "效益", "社会效益": "效益", "生态效益": "效益", "可持续影响": "效益",
    "服务对象满意度": "满意度",
}
L1_CANON = {"投入": "投入", "过程": "过程", "产出": "产出", "效益": "效益", "效果": "效益", "满意度": "满意度"}


def canon_l1(label):
    s = re.sub(r"（.*?）|\(.*?\)", "", label)
    s = s.replace("指标", "")
    return L1_CANON[s]


# --------------------------------------------------------------------------- value reading
CN_NUM = {"两百": 200, "一万二千": 12000, "两千五百": 2500, "一百二十": 120, "三百二十": 320}
NUM = r"\d+(?:\.\d+)?"


def num(x):
    return float(x)


def parse_value(vt):
    r = dict(kind=None, comparator=None, value=None, value_max=None, unit=None, date=None)
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", vt)
    date = None
    if m:
        date = "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))
    else:
        m = re.search(r"(\d{4})年(\d{1,2})月", vt)
        if m:
            date = "%s-%02d" % (m.group(1), int(m.group(2)))
        else:
            m = re.search(r"(\d{4})年(底|末)", vt)
            if m:
                date = "%s-12" % m.group(1)
    if date:
        r.update(kind="date", date=date)
        return r
    s = vt
    if not re.search(r"\d", s):
        for k in sorted(CN_NUM, key=len, reverse=True):
            if k in s:
                s = s.replace(k, str(CN_NUM[k]), 1)
                break
    m = re.search(NUM, s)
    if not m:
        r["kind"] = "text"
        return r
    r["kind"] = "quantity"
    stop = r"(以上|以内|以下|左右|前|内)"
    mr = re.match(r"(" + NUM + r")([^\d\-～~至]*)[-～~至](" + NUM + r")(.*)$", s[m.start():])
    if mr:
        r["comparator"] = "between"
        r["value"] = num(mr.group(1))
        r["value_max"] = num(mr.group(3))
        u = re.split(stop, mr.group(4))[0] or re.split(stop, mr.group(2))[0]
        r["unit"] = u or None
        return r
    r["value"] = num(m.group(0))
    rest = s[m.end():]
    u = re.split(stop, rest)[0]
    r["unit"] = u or None
    before = s[:m.start()]
    comp = None
    if re.match(r"^(≥|≧|>=)", s) or re.search(r"不低于|不少于|至少|大于等于", before) or "以上" in rest:
        comp = ">="
    elif re.match(r"^(≤|≦|<=)", s) or re.search(r"不超过|不高于|小于等于|控制在", before) or re.search(r"以内|以下", rest):
        comp = "<="
    elif re.match(r"^(=|＝)", s):
        comp = "="
    elif s.startswith(">"):
        comp = ">"
    elif s.startswith("<"):
        comp = "<"
    elif "左右" in rest or before.startswith("约"):
        comp = "~"
    r["comparator"] = comp
    return r


def fmt_num(x):
    return ("%g" % x) if isinstance(x, (int, float)) else x


# --------------------------------------------------------------------------- table model
class Cell:
    def __init__(self, text, rs=1, cs=1, th=False, cls=None):
        self.lines = text if isinstance(text, list) else [text]
        self.rs, self.cs, self.th, self.cls = rs, cs, th, cls


COLS = {
    "std": ["一级指标", "二级指标", "三级指标", "指标值"],
    "dept": ["一级指标", "二级指标", "三级指标", "指标值"],
    "remark": ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
    "weight": ["一级指标", "二级指标", "三级指标", "指标值", None],
    "nature": ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
    "calc": ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位", "说明"],
    "self": ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
}


def indicator_of(t, l1, l2, row):
    """Gold fields of one indicator row (without doc/table/lines)."""
    lay = t["layout"]
    lv2 = L2_CANON[l2]
    lv1 = L2_PARENT[lv2]
    assert canon_l1(l1) == lv1 or (canon_l1(l1) == "效益" and lv1 == "满意度"), (l1, l2)
    actual = weight = score = None
    if lay in ("std", "dept"):
        name, vt = row
    elif lay == "remark":
        name, vt, _ = row
    elif lay == "weight":
        name, vt, weight = row
    elif lay in ("nature", "calc"):
        name, sym, n, unit = row[:4]
        vt = (n + unit) if sym == "定性" else (sym + n + unit)
        if lay == "nature":
            weight = row[4]
    elif lay == "self":
        name, vt, actual, weight, score, _ = row
    else:
        raise ValueError(lay)
    assert not re.search(r"\s", name + vt)
    rec = dict(record="indicator", project=t["project"], level1=lv1, level2=lv2, name=name,
               value_text=vt)
    rec.update(parse_value(vt))
    if lay in ("nature", "calc") and sym != "定性":
        # separate columns: comparator from the symbol column, unit from the unit column
        rec["comparator"] = {"≥": ">=", "≤": "<=", "=": "=", "＝": "="}[sym]
        rec["unit"] = unit or None
    rec.update(actual_text=actual, weight=float(weight) if weight is not None else None,
               score=float(score) if score is not None else None)
    return rec


def build_grid(t):
    """Return list of rows; each row = (list of Cell, indicator index or None)."""
    lay = t["layout"]
    cols = list(COLS[lay])
    if lay == "weight":
        cols[-1] = t.get("weight_header", "权重")
    N = len(cols) + 1
    rows = []
    inds = []
    for l1, g2 in t["groups"]:
        for l2, rr in g2:
            for row in rr:
                inds.append((l1, l2, row))
    nind = len(inds)
    if lay == "dept":
        rows.append(([Cell("部门（单位）名称", th=True), Cell(t["project"], cs=N - 1)], None))
        b = t["budget"]
        for i, (lab, amt) in enumerate(b):
            cells = []
            if i == 0:
                cells.append(Cell("部门预算（万元）", rs=len(b), th=True))
            cells += [Cell(lab), Cell(amt, cs=N - 2)]
            rows.append((cells, None))
        tasks = t["tasks"]
        rows.append(([Cell("年度主要任务", rs=1 + len(tasks), th=True), Cell("任务名称", th=True),
                      Cell("主要内容", cs=2, th=True), Cell("预算金额（万元）", th=True)], None))
        for nm, content, amt in tasks:
            rows.append(([Cell(nm), Cell(content, cs=2), Cell(amt)], None))
        rows.append(([Cell("年度总体目标", th=True), Cell(t["goal"], cs=N - 1, cls="goal")], None))
        left = "年度绩效指标"
    else:
        if t.get("project_l1"):
            rows.append(([Cell("一级项目名称", th=True), Cell(t["project_l1"], cs=N - 1)], None))
            rows.append(([Cell("二级项目名称", th=True), Cell(t["project"], cs=N - 1)], None))
        else:
            rows.append(([Cell("项目名称", th=True), Cell(t["project"], cs=N - 1)], None))
        a = (N - 2) // 2
        rows.append(([Cell("主管部门", th=True), Cell(t["department"], cs=a), Cell("实施单位", th=True),
                      Cell(t["implementer"], cs=N - 2 - a)], None))
        if lay == "self":
            f = t["funds"]
            rows.append(([Cell("项目资金（%s）" % t["funds_unit"], rs=1 + len(f), th=True), Cell("", cs=2)] +
                         [Cell(x, th=True) for x in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")], None))
            for fr in f:
                rows.append(([Cell(fr[0], cs=2)] + [Cell(x) for x in fr[1:]], None))
            rows.append(([Cell("年度总体目标", rs=2, th=True), Cell("预期目标", cs=4, th=True),
                          Cell("实际完成情况", cs=4, th=True)], None))
            rows.append(([Cell(t["goal"], cs=4, cls="goal"), Cell(t["goal_actual"], cs=4, cls="goal")], None))
        else:
            f = t["funds"]
            L = 2 if N >= 6 else 1
            for i, (lab, amt) in enumerate(f):
                cells = []
                if i == 0:
                    cells.append(Cell("资金情况（%s）" % t["funds_unit"], rs=len(f), th=True))
                cells += [Cell(lab, cs=L), Cell(amt, cs=N - 1 - L)]
                rows.append((cells, None))
            if not t.get("goal_outside"):
                rows.append(([Cell("年度总体目标", th=True), Cell(t["goal"], cs=N - 1, cls="goal")], None))
        left = "绩效指标"
    # header row
    rows.append(([Cell(left, rs=1 + nind, th=True, cls="vert")] + [Cell(c, th=True) for c in cols], None))
    # indicator rows
    l1_count = {}
    l2_count = {}
    for gi, (l1, g2) in enumerate(t["groups"]):
        l1_count[gi] = sum(len(rr) for _, rr in g2)
    k = 0
    for gi, (l1, g2) in enumerate(t["groups"]):
        first1 = True
        for l2, rr in g2:
            first2 = True
            for row in rr:
                cells = []
                if first1:
                    cells.append(Cell(l1, rs=l1_count[gi]))
                    first1 = False
                if first2:
                    cells.append(Cell(l2, rs=len(rr)))
                    first2 = False
                if lay in ("std", "dept"):
                    vals = list(row)
                elif lay == "remark":
                    vals = list(row)
                elif lay == "weight":
                    vals = [row[0], row[1], fmt_num(row[2])]
                elif lay == "nature":
                    vals = [row[0], row[1], row[2], row[3], fmt_num(row[4])]
                elif lay == "calc":
                    vals = list(row)
                elif lay == "self":
                    vals = [row[0], row[1], row[2], fmt_num(row[3]), fmt_num(row[4]), row[5]]
                cells += [Cell(v, cls=("name" if j == 0 else None)) for j, v in enumerate(vals)]
                rows.append((cells, k))
                k += 1
    if lay == "self":
        rows.append(([Cell("总分", cs=6, th=True), Cell(t["total"][0]), Cell(t["total"][1]), Cell("")], None))
    return rows, inds


# --------------------------------------------------------------------------- page model -> blocks
def page_blocks(p):
    """List of blocks: (kind, payload). kind in div, p, li, table."""
    B = [("div", p["site"]), ("div", p["site_sub"])]
    for it in p["nav"]:
        B.append(("li", it))
    B.append(("div", p["crumb"]))
    B.append(("h1", p["title"]))
    B.append(("div", p["info"]))
    for x in p["intro"]:
        B.append(("p", x))
    for ti, t in enumerate(p["tables"]):
        B.append(("caption", t["caption"]))
        B.append(("div", t["unit_note"]))
        if t.get("goal_outside"):
            B.append(("p", t["goal_outside"]))
        B.append(("table", ti))
    for x in p["outro"]:
        B.append(("p", x))
    for x in p["footer"]:
        B.append(("foot", x))
    return B


CSS_BASE = """
body{font-family:"Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#333;font-size:14px}
.top{background:#b5171d;color:#fff;padding:14px 40px}
.top .site{font-size:26px;font-weight:bold}.top .sub{font-size:12px;opacity:.8}
ul.nav{list-style:none;margin:0;padding:0 40px;background:#8e0f14;overflow:hidden}
ul.nav li{float:left;color:#fff;padding:8px 18px}
.crumb{padding:8px 40px;color:#666;font-size:12px;border-bottom:1px solid #ddd}
.main{width:%s;margin:0 auto;padding:10px 0}
h1{font-size:22px;text-align:center;margin:18px 0 8px}
.info{text-align:center;color:#888;font-size:12px;border-bottom:1px dashed #ccc;padding-bottom:8px}
.tcap{font-size:18px;font-weight:bold;text-align:center;margin:16px 0 4px}
.unit{text-align:right;font-size:12px;margin-bottom:4px}
table.jx{border-collapse:collapse;width:100%%;font-size:%s}
table.jx td,table.jx th{border:1px solid #555;padding:4px 5px;vertical-align:middle}
table.jx th{background:#f2f2f2;font-weight:normal}
table.jx td.goal{text-align:left}
table.jx th.vert{width:1.2em}
.foot{background:#eee;color:#555;font-size:12px;text-align:center;padding:4px 0}
@page{size:A4;margin:12mm}
"""


def render_html(p, grids):
    narrow = p.get("narrow")
    width = "120mm" if p.get("very_narrow") else ("150mm" if narrow else "1000px")
    fsize = "13px" if narrow else "14px"
    charset = "gb2312" if p["encoding"] == "gbk" else "utf-8"
    L = []
    L.append("<!DOCTYPE html>")
    L.append('<html lang="zh-CN">')
    L.append("<head>")
    L.append('<meta charset="%s">' % charset)
    L.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    L.append("<title>%s_%s</title>" % (htmlmod.escape(p["title"]), htmlmod.escape(p["site"])))
    L.append('<meta name="ArticleTitle" content="%s">' % htmlmod.escape(p["title"]))
    L.append("<style>")
    L.extend((CSS_BASE % (width, fsize)).strip().split("\n"))
    L.append("</style>")
    L.append("<script>var _hmt = _hmt || []; /* 访问统计 */</script>")
    L.append("</head>")
    L.append("<body>")
    lines_of = {}  # (ti, k) -> (start, end) 1-based
    B = page_blocks(p)
    i = 0
    L.append('<div class="top">')
    L.append('<div class="site">%s</div>' % htmlmod.escape(B[0][1]))
    L.append('<div class="sub">%s</div>' % htmlmod.escape(B[1][1]))
    L.append("</div>")
    i = 2
    L.append('<ul class="nav">')
    while B[i][0] == "li":
        L.append("<li>%s</li>" % htmlmod.escape(B[i][1]))
        i += 1
    L.append("</ul>")
    L.append('<div class="crumb">%s</div>' % htmlmod.escape(B[i][1]))
    i += 1
    L.append('<div class="main">')
    infoseen = False
    for kind, x in B[i:]:
        if kind == "h1":
            L.append("<h1>%s</h1>" % htmlmod.escape(x))
        elif kind == "div" and not infoseen:
            L.append('<div class="info">%s</div>' % htmlmod.escape(x))
            infoseen = True
        elif kind == "div":
            L.append('<div class="unit">%s</div>' % htmlmod.escape(x))
        elif kind == "caption":
            L.append('<p class="tcap">%s</p>' % htmlmod.escape(x))
        elif kind == "p":
            L.append("<p>%s</p>" % htmlmod.escape(x))
        elif kind == "foot":
            if L[-1] != '<div class="footer">':
                if not any(l == "</div><!-- main -->" for l in L):
                    L.append("</div><!-- main -->")
                    L.append('<div class="footer">')
            L.append('<div class="foot">%s</div>' % htmlmod.escape(x))
        elif kind == "table":
            ti = x
            rows = grids[ti][0]
            L.append('<table class="jx" border="1" cellspacing="0" cellpadding="0">')
            L.append("<tbody>")
            for cells, k in rows:
                L.append("<tr>")
                s = len(L) + 1
                for c in cells:
                    tag = "th" if c.th else "td"
                    attrs = ""
                    if c.rs > 1:
                        attrs += ' rowspan="%d"' % c.rs
                    if c.cs > 1:
                        attrs += ' colspan="%d"' % c.cs
                    if c.cls:
                        attrs += ' class="%s"' % c.cls
                    inner = "<br>".join(htmlmod.escape(l) for l in c.lines)
                    L.append("<%s%s>%s</%s>" % (tag, attrs, inner, tag))
                e = len(L)
                L.append("</tr>")
                if k is not None:
                    lines_of[(ti, k)] = (s, e)
            L.append("</tbody>")
            L.append("</table>")
    L.append("</div>")
    L.append("</body>")
    L.append("</html>")
    return "\n".join(L) + "\n", lines_of


def render_copy(p, grids):
    """Browser select-all + copy: block lines; <p> gets a blank line around; table rows = cells joined by TAB.
    A rowspan cell appears in its first row only; colspan adds no extra TAB; <br> inside a cell = newline."""
    out = []   # list of lines
    pending_blank = False
    lines_of = {}

    def emit(text, blank_around=False):
        nonlocal pending_blank
        if out and (pending_blank or blank_around) and out[-1] != "":
            out.append("")
        out.extend(text.split("\n"))
        pending_blank = blank_around

    for kind, x in page_blocks(p):
        if kind == "table":
            ti = x
            rows = grids[ti][0]
            if pending_blank and out and out[-1] != "":
                out.append("")
            pending_blank = False
            for cells, k in rows:
                txt = "\t".join("\n".join(c.lines) for c in cells)
                s = len(out) + 1
                out.extend(txt.split("\n"))
                if k is not None:
                    lines_of[(ti, k)] = (s, len(out))
        elif kind == "p":
            emit(x, blank_around=True)
        else:
            emit(x)
    return "\n".join(out) + "\n", lines_of


def render_cells(p, grids):
    """HTML-to-text: every non-empty text node on its own line, empty cells dropped."""
    out = []
    lines_of = {}
    for kind, x in page_blocks(p):
        if kind == "table":
            ti = x
            for cells, k in grids[ti][0]:
                s = len(out) + 1
                for c in cells:
                    for l in c.lines:
                        if l.strip():
                            out.append(l.strip())
                if k is not None:
                    lines_of[(ti, k)] = (s, len(out))
        else:
            out.append(x)
    return "\n".join(out) + "\n", lines_of


# --------------------------------------------------------------------------- gold
def gold_records(p, grids, docname, lines_of):
    recs = []
    for ti, t in enumerate(p["tables"]):
        tt = {"self": "self_evaluation", "dept": "department"}.get(t["layout"], "project")
        recs.append(dict(record="table", doc=docname, table=ti, project=t["project"], table_type=tt,
                         year=t["year"], department=t["department"], implementer=t["implementer"],
                         funds_total=t["funds_total"]))
        for k, (l1, l2, row) in enumerate(grids[ti][1]):
            r = indicator_of(t, l1, l2, row)
            out = dict(record="indicator", doc=docname, table=ti)
            out.update(r)
            se = lines_of.get((ti, k)) if lines_of is not None else None
            out["line_start"] = se[0] if se else None
            out["line_end"] = se[1] if se else None
            recs.append(out)
    return recs


def write_gold(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def check_funds(p):
    for t in p["tables"]:
        if t["layout"] == "dept":
            amt = float(t["budget"][0][1])
        elif t["layout"] == "self":
            amt = float(t["funds"][0][2])
        else:
            amt = float(t["funds"][0][1])
        if t.get("funds_unit") == "元":
            amt = amt / 10000
        assert abs(amt - t["funds_total"]) < 1e-6, (t["project"], amt, t["funds_total"])
        n = sum(len(rr) for _, g in t["groups"] for _, rr in g)
        assert 10 <= n <= 30, (t["project"], n)


# --------------------------------------------------------------------------- main
def main():
    do_pdf = "--no-pdf" not in sys.argv
    import opencc
    dirs = ["html", "copy", "cells", "trad", "pdf", "pdf_layout", "pdf_raw"]
    for d in dirs:
        os.makedirs(os.path.join(OUT, d), exist_ok=True)
    summary = []
    for p in PAGES:
        check_funds(p)
        grids = [build_grid(t) for t in p["tables"]]
        pid = p["id"]
        # html
        h, lh = render_html(p, grids)
        hn = pid + ".html"
        with open(os.path.join(OUT, "html", hn), "wb") as f:
            f.write(h.encode(p["encoding"]))
        write_gold(os.path.join(OUT, "html", pid + ".jsonl"), gold_records(p, grids, hn, lh))
        # copy / cells
        c, lc = render_copy(p, grids)
        cn = pid + "_copy.txt"
        open(os.path.join(OUT, "copy", cn), "w", encoding="utf-8").write(c)
        write_gold(os.path.join(OUT, "copy", pid + "_copy.jsonl"), gold_records(p, grids, cn, lc))
        e, le = render_cells(p, grids)
        en = pid + "_cells.txt"
        open(os.path.join(OUT, "cells", en), "w", encoding="utf-8").write(e)
        write_gold(os.path.join(OUT, "cells", pid + "_cells.jsonl"), gold_records(p, grids, en, le))
        # trad
        base, cfg = p["trad"]
        src, lsrc = (c, lc) if base == "copy" else (e, le)
        conv = opencc.OpenCC(cfg)
        tl = [conv.convert(l) for l in src.split("\n")]
        tn = pid + "_trad.txt"
        open(os.path.join(OUT, "trad", tn), "w", encoding="utf-8").write("\n".join(tl))
        write_gold(os.path.join(OUT, "trad", pid + "_trad.jsonl"), gold_records(p, grids, tn, lsrc))
        # pdf
        if do_pdf:
            pdfn = pid + ".pdf"
            pdfp = os.path.join(OUT, "pdf", pdfn)
            cmd = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--user-data-dir=/tmp/chr_d2",
                   "--print-to-pdf=" + pdfp]
            if not p.get("header_footer"):
                cmd.append("--no-pdf-header-footer")
            cmd.append("file://" + os.path.join(OUT, "html", hn))
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            write_gold(os.path.join(OUT, "pdf", pid + ".jsonl"), gold_records(p, grids, pdfn, None))
            ln = pid + "_layout.txt"
            subprocess.run(["pdftotext", "-layout", pdfp, os.path.join(OUT, "pdf_layout", ln)], check=True)
            write_gold(os.path.join(OUT, "pdf_layout", pid + "_layout.jsonl"), gold_records(p, grids, ln, None))
            rn = pid + "_raw.txt"
            subprocess.run(["pdftotext", pdfp, os.path.join(OUT, "pdf_raw", rn)], check=True)
            write_gold(os.path.join(OUT, "pdf_raw", pid + "_raw.jsonl"), gold_records(p, grids, rn, None))
        nind = sum(len(g[1]) for g in grids)
        summary.append((pid, len(grids), nind))
    for s in summary:
        print("%-32s tables=%d indicators=%d" % s)
    print("total tables=%d indicators=%d" % (sum(s[1] for s in summary), sum(s[2] for s in summary)))


if __name__ == "__main__":
    main()
