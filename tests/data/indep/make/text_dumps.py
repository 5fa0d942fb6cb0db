#!/usr/bin/env python3
"""Generator for the independent test set C.

Every document and its gold JSONL are produced from the same hand-written
records below, through a per-layout render function, so text and gold agree.
Row names / values are written in Simplified Chinese; Traditional documents are
rendered with OpenCC s2t, while gold keeps the Simplified strings.

Markers inside hand-written strings:
  '¦'  a wrap point: renderers that wrap cells break there (gold joins them).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")

# --------------------------------------------------------------------------
# canonical categories
L2_CANON = {
    "数量指标": "数量", "数量": "数量", "质量指标": "质量", "质量": "质量",
    "时效指标": "时效", "时效": "时效", "成本指标": "成本", "成本": "成本",
    "经济效益指标": "经济效益", "经济效益": "经济效益",
    "社会效益指标": "社会效益", "社会效益": "社会效益",
    "生态效益指标": "生态效益", "生态效益": "生态效益",
    "可持续影响指标": "可持续影响", "可持续影响": "可持续影响",
    "服务对象满意度指标": "服务对象满意度", "服务对象满意度": "服务对象满意度",
    "社会公众或服务对象满意度指标": "服务对象满意度", "满意度指标": "服务对象满意度",
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
L1_CANON = {"产出指标": "产出", "项目完成指标": "产出", "效益指标": "效益", "效果指标": "效益",
            "项目效益指标": "效益", "满意度指标": "满意度", "投入指标": "投入", "过程指标": "过程"}


def canon(l1, l2):
    c2 = L2_CANON[re.sub(r"\s", "", l2)]
    p = L2_PARENT[c2]
    assert re.sub(r"\s", "", l1) in L1_CANON, l1
    return p, c2


# --------------------------------------------------------------------------
# reading values (SCHEMA.md "Reading values"), written independently
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def fnum(s):
    return float(s.replace(",", ""))


def unit_after(rest):
    u = re.match(r"[^\d，,；;。、（）()\s]*", rest).group()
    changed = True
    while changed and u:
        changed = False
        for suf in ("及以上", "以上", "以内", "以下", "左右", "内", "前"):
            if u.endswith(suf):
                u = u[: -len(suf)]
                changed = True
    return u or None


def parse_value(v):
    v = re.sub(r"\s", "", v)
    d = dict(kind=None, comparator=None, value=None, value_max=None, unit=None, date=None)
    m = re.search(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", v)
    if m:
        d["kind"] = "date"
        d["date"] = "%s-%02d" % (m.group(1), int(m.group(2)))
        if m.group(3):
            d["date"] += "-%02d" % int(m.group(3))
        return d
    m = re.search(r"(\d{4})年(底|末)", v)
    if m:
        d["kind"] = "date"
        d["date"] = m.group(1) + "-12"
        return d
    if not re.search(r"\d", v):
        d["kind"] = "text"
        return d
    d["kind"] = "quantity"
    rng = re.search(r"(%s)([^\d\-～~至]*)(?:-|～|~|至)(%s)" % (NUM, NUM), v)
    if rng:
        d["comparator"] = "between"
        d["value"] = fnum(rng.group(1))
        d["value_max"] = fnum(rng.group(3))
        d["unit"] = unit_after(v[rng.end():])
        return d
    m = re.search(NUM, v)
    d["value"] = fnum(m.group())
    d["unit"] = unit_after(v[m.end():])
    pre = v[: m.start()]
    post = v[m.end():]
    c = None
    if re.search(r"(≥|≧|>=|大于等于|不少于|不低于|至少)$", pre) or re.search(r"以上", post):
        c = ">="
    elif re.search(r"(≤|≦|<=|小于等于|不超过|不高于)$", pre) or re.search(r"以内|以下", post) \
            or (pre.endswith("控制在") and "内" in post):
        c = "<="
    elif re.search(r"(=|＝|等于)$", pre):
        c = "="
    elif re.search(r"(>|大于|高于|超过)$", pre):
        c = ">"
    elif re.search(r"(<|小于|低于)$", pre):
        c = "<"
    elif re.search(r"(约|大约)$", pre) or "左右" in post:
        c = "~"
    d["comparator"] = c
    return d


def clean(s):
    return re.sub(r"\s", "", s.replace("¦", ""))


# --------------------------------------------------------------------------
class Row:
    def __init__(self, l1, l2, name, value, w=None, act=None, sc=None, why=None,
                 nat=None, dire=None, note=None, **override):
        self.l1, self.l2, self.name, self.value = l1, l2, name, value
        self.w, self.act, self.sc, self.why = w, act, sc, why
        self.nat, self.dire, self.note = nat, dire, note
        self.override = override

    @property
    def v(self):  # value as printed (no wrap marks)
        return self.value.replace("¦", "")

    @property
    def n(self):
        return self.name.replace("¦", "")

    def split_sym(self):
        """(symbol, number, unit) for tables with separate columns."""
        v = self.v
        p = parse_value(v)
        if p["kind"] != "quantity":
            return ("定性", v, "")
        m = re.match(r"^(≥|≤|=|＞|＜|>|<)?(%s)(.*)$" % NUM, v)
        assert m, v
        return (m.group(1) or "", m.group(2), m.group(3))


class Table:
    def __init__(self, ttype, project, rows, year=None, dept=None, dept_code=None,
                 impl=None, funds=None, funds_unit="万元", goal="", **extra):
        self.ttype, self.project, self.rows = ttype, project, rows
        self.year, self.dept, self.dept_code, self.impl = year, dept, dept_code, impl
        self.funds, self.funds_unit, self.goal = funds, funds_unit, goal
        self.extra = extra

    def funds_wan(self):
        if self.funds is None:
            return None
        f = fnum(self.funds)
        return round(f / 10000.0, 6) if self.funds_unit == "元" else f

    def same_l1(self, i):
        return i > 0 and self.rows[i - 1].l1 == self.rows[i].l1

    def same_l2(self, i):
        return i > 0 and self.rows[i - 1].l1 == self.rows[i].l1 and self.rows[i - 1].l2 == self.rows[i].l2


class Out:
    def __init__(self):
        self.lines = []
        self.spans = {}

    def add(self, text="", rid=None):
        self.lines.append(text)
        if rid is not None:
            n = len(self.lines)
            a, b = self.spans.get(rid, (n, n))
            self.spans[rid] = (min(a, n), max(b, n))

    def mark(self, rid, n):
        a, b = self.spans.get(rid, (n, n))
        self.spans[rid] = (min(a, n), max(b, n))

    def ext(self, lines):
        for l in lines:
            self.add(l)


def gold(docname, tables, out):
    recs = []
    for ti, t in enumerate(tables):
        recs.append(dict(record="table", doc=docname, table=ti, project=t.project,
                         table_type=t.ttype, year=t.year, department=t.dept,
                         implementer=t.impl, funds_total=t.funds_wan()))
        for ri, r in enumerate(t.rows):
            l1, l2 = canon(r.l1, r.l2)
            p = parse_value(r.v)
            p.update(r.override)
            vt = clean(r.v)
            rec = dict(record="indicator", doc=docname, table=ti, project=t.project,
                       level1=l1, level2=l2, name=clean(r.name), value_text=vt,
                       kind=p["kind"], comparator=p["comparator"], value=p["value"],
                       value_max=p["value_max"], unit=p["unit"], date=p["date"],
                       actual_text=clean(r.act) if r.act is not None else None,
                       weight=float(r.w) if r.w is not None else None,
                       score=float(r.sc) if r.sc is not None else None)
            sp = out.spans.get((ti, ri))
            assert sp, (docname, ti, ri, r.name)
            rec["line_start"], rec["line_end"] = sp
            recs.append(rec)
    return recs


def check_lines(docname, recs, lines, trad):
    """Every gold name fragment and value must be visible in its line span."""
    import opencc
    s2t = opencc.OpenCC("s2tw")
    for r in recs:
        if r["record"] != "indicator":
            continue
        seg = re.sub(r"\s", "", "".join(lines[r["line_start"] - 1: r["line_end"]]))
        seg = seg.replace("|", "")
        name = s2t.convert(r["name"]) if trad else r["name"]
        vt = s2t.convert(r["value_text"]) if trad else r["value_text"]
        for want in (name, vt):
            it = iter(seg)
            assert all(c in it for c in want), (docname, r["name"], want, seg)


# ==========================================================================
# render functions (each layout different)
# ==========================================================================

def pad(s, w):
    """pad to display width w (CJK = 2 columns)."""
    width = sum(2 if ord(c) > 0x2E80 else 1 for c in s)
    return s + " " * max(1, w - width)


# 1. OCR'd markdown from a scan -------------------------------------------
def render_ocr_md(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        o.add("| 项目名祢 | %s | | | |" % t.project)
        o.add("| --- | --- | --- | --- | --- |")
        o.add("| 主管部门 | %s | 实施単位 | %s | |" % (x["dept_cell"], t.impl))
        o.add("| 资金情况 (万元) | 年度资佥总额： | %s | | |" % t.funds)
        o.add("| | 其中：财政拔款 | %s | | |" % t.funds)
        o.add("| | 其他资金 | 0 | | |")
        o.add("| 年度总休目标 | %s | | | |" % t.goal)
        hdr = "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |"
        o.add(hdr)
        for ri, r in enumerate(t.rows):
            if ri == x.get("page_break_before"):
                o.add("")
                o.add(x["page_mark"])
                o.add("")
                o.add(hdr)
                o.add("| --- | --- | --- | --- | --- |")
            c1 = "" if t.same_l1(ri) else r.l1
            c2 = "" if t.same_l2(ri) else r.l2
            note = r.note or ""
            if "¦" in r.name:
                a, b = r.name.split("¦", 1)
                if ri in x.get("value_on_second", ()):
                    o.add("| %s | %s | %s | | |" % (c1, c2, a), (ti, ri))
                    o.add("| | | %s | %s | %s |" % (b, r.v, note), (ti, ri))
                else:
                    o.add("| %s | %s | %s | %s | %s |" % (c1, c2, a, r.v, note), (ti, ri))
                    o.add("| | | %s | | |" % b, (ti, ri))
            else:
                o.add("| %s | %s | %s | %s | %s |" % (c1, c2, r.n, r.v, note), (ti, ri))
        o.ext(x["post"])
    return o


# 2. HTML page copied as text, one cell per line ---------------------------
def render_html_lines(tables):
    o = Out()
    t = tables[0]
    x = t.extra
    o.ext(x["pre"])
    for ti, t in enumerate(tables):
        o.add(t.extra["title"])
        o.add("")
        o.add("项目名称")
        o.add(t.project)
        o.add("主管部门")
        o.add(t.dept)
        o.add("实施单位")
        o.add(t.impl)
        o.add("项目资金（万元）")
        o.add("年度资金总额")
        o.add(t.funds)
        o.add("其中：财政资金")
        o.add(t.funds)
        o.add("其他资金")
        o.add("0")
        o.add("年度总体目标")
        o.add(t.goal)
        o.add("绩效指标")
        for h in ("一级指标", "二级指标", "三级指标", "指标值", "备注"):
            o.add(h)
        for ri, r in enumerate(t.rows):
            if not t.same_l1(ri):
                o.add(r.l1, (ti, ri))
            if not t.same_l2(ri):
                o.add(r.l2, (ti, ri))
            o.add(r.n, (ti, ri))
            o.add(r.v, (ti, ri))
            if r.note:
                o.add(r.note, (ti, ri))
        o.add("")
    o.ext(x["post"])
    return o


# 3. HTML flattened to pipe rows, no separator lines, rowspan -> empty ----
def render_pipe_rowspan(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        o.add("| 项目名称 | %s | | |" % t.project)
        o.add("| 主管部门 | %s | 实施单位 | %s |" % (x["dept_cell"], t.impl))
        o.add("| 项目资金（万元） | 年度资金总额 | %s | |" % t.funds)
        o.add("| | 其中：财政拨款 | %s | |" % x.get("fiscal", t.funds))
        o.add("| | 其他资金 | %s | |" % x.get("other", "0"))
        o.add("| 年度总体目标 | %s | | |" % t.goal)
        o.add("| 一级指标 | 二级指标 | 三级指标 | 指标值 |")
        for ri, r in enumerate(t.rows):
            c1 = "" if t.same_l1(ri) else r.l1
            c2 = "" if t.same_l2(ri) else r.l2
            cells = [c1, c2, r.n, r.v]
            o.add("|" + "|".join((" %s " % c) if c else " " for c in cells) + "|", (ti, ri))
        o.ext(x["post"])
    return o


# 4a. Traditional pipe table (Office export, categories on every row) -----
def render_trad_pipe(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        o.add("| 项目名称 | %s | 项目负责人 | %s |" % (t.project, x["leader"]))
        o.add("|---|---|---|---|---|---|")
        o.add("| 主管部门 | [%s]%s | 实施单位 | %s |" % (t.dept_code, t.dept, t.impl))
        o.add("| 年度资金总额（万元） | %s | 其中：中央补助 | %s | 自治区补助 | %s |" % (t.funds, x["c"], x["p"]))
        o.add("| 年度总体目标 | %s |" % t.goal)
        o.add("| 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |")
        for ri, r in enumerate(t.rows):
            o.add("| %s | %s | %s | %s | %s |" % (r.l1, r.l2, r.n, r.v, r.note or ""), (ti, ri))
        o.ext(x["post"])
    return o


# 4b. Traditional web page, one cell per line incl. empty cells ----------
def render_trad_lines(tables):
    o = Out()
    x0 = tables[0].extra
    o.ext(x0["pre"])
    for ti, t in enumerate(tables):
        x = t.extra
        o.add(x["title"])
        o.add("单位：元")
        for k, v in (("项目名称", t.project), ("主管部门", t.dept), ("实施单位", t.impl),
                     ("年度资金总额", t.funds), ("其中：财政拨款", t.funds), ("其他资金", "0"),
                     ("年度总体目标", t.goal)):
            o.add(k)
            o.add(v)
        for h in ("一级指标", "二级指标", "三级指标", "指标值", "指标值说明"):
            o.add(h)
        for ri, r in enumerate(t.rows):
            o.add(r.l1 if not t.same_l1(ri) else "", (ti, ri) if not t.same_l1(ri) else None)
            o.add(r.l2 if not t.same_l2(ri) else "", (ti, ri) if not t.same_l2(ri) else None)
            o.add(r.n, (ti, ri))
            o.add(r.v, (ti, ri))
            o.add(r.note or "")
    o.ext(x0["post"])
    return o


# 5a. headings style --------------------------------------------------------
CN_NUM = "一二三四五六七八九十"


def render_headings(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        i1 = -1
        i2 = -1
        k = 0
        for ri, r in enumerate(t.rows):
            if not t.same_l1(ri):
                i1 += 1
                i2 = -1
                o.add("")
                o.add("%s、%s" % (CN_NUM[i1], r.l1))
            if not t.same_l2(ri):
                i2 += 1
                k = 0
                o.add("（%s）%s" % (CN_NUM[i2], r.l2))
            k += 1
            o.add("%d. %s：%s" % (k, r.n, r.v), (ti, ri))
        o.ext(x["post"])
    return o


# 5b. bracket style --------------------------------------------------------
def render_bracket(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        k = 0
        for ri, r in enumerate(t.rows):
            if not t.same_l2(ri):
                o.add("")
                o.add("【%s-%s】" % (r.l1, r.l2))
                k = 0
            k += 1
            o.add("指标%d：%s（%s）" % (k, r.n, r.v), (ti, ri))
        o.ext(x["post"])
    return o


# 6a. separate symbol / value / unit columns --------------------------------
def render_symcols(t, ti, o):
    x = t.extra
    o.ext(x["pre"])
    o.add("| 项目名称 | %s | | | | | |" % t.project)
    o.add("| 主管部门 | %s | | 实施单位 | %s | | |" % (t.dept, t.impl))
    o.add("| 项目总金额（万元） | %s | | 其中：财政拨款 | %s | | |" % (t.funds, t.funds))
    o.add("| 年度绩效目标 | %s | | | | | |" % t.goal)
    o.add("| 一级指标 | 二级指标 | 三级指标 | 指标符号 | 指标值 | 度量单位 | 权重(%) |")
    o.add("|---|---|---|---|---|---|---|")
    for ri, r in enumerate(t.rows):
        s, n, u = r.split_sym()
        c1 = "" if t.same_l1(ri) else r.l1
        c2 = "" if t.same_l2(ri) else r.l2
        o.add("| %s | %s | %s | %s | %s | %s | %s |" % (c1, c2, r.n, s, n, u, r.w), (ti, ri))
    o.ext(x["post"])


# 6b. nature / direction columns --------------------------------------------
def render_nature(t, ti, o):
    x = t.extra
    o.ext(x["pre"])
    o.add("| 项目名称 | %s | | | | | |" % t.project)
    o.add("| 主管部门 | %s | | 实施单位 | %s | | |" % (t.dept, t.impl))
    o.add("| 资金总额（万元） | %s | | | | | |" % t.funds)
    o.add("| 总体目标 | %s | | | | | |" % t.goal)
    o.add("| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 指标值 | 权重 |")
    o.add("|---|---|---|---|---|---|---|")
    for ri, r in enumerate(t.rows):
        o.add("| %s | %s | %s | %s | %s | %s | %s |" % (r.l1, r.l2, r.n, r.nat, r.dire, r.v, r.w), (ti, ri))
    o.ext(x["post"])


def render_sym_and_nature(tables):
    o = Out()
    render_symcols(tables[0], 0, o)
    render_nature(tables[1], 1, o)
    return o


# 7a. self-evaluation, tab separated -----------------------------------------
def render_selfeval_tsv(tables):
    o = Out()
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        o.add("项目名称\t%s\t\t\t\t\t\t" % t.project)
        o.add("主管部门\t%s\t\t\t实施单位\t%s\t\t" % (t.dept, t.impl))
        o.add("项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分")
        o.add("\t年度资金总额\t%s\t%s\t%s\t10\t%s\t%s" % (t.funds, t.funds, x["spent"], x["rate"], x["fscore"]))
        o.add("\t其中：当年财政拨款\t%s\t%s\t%s\t—\t—\t—" % (t.funds, t.funds, x["spent"]))
        o.add("\t上年结转资金\t0\t0\t0\t—\t—\t—")
        o.add("\t其他资金\t0\t0\t0\t—\t—\t—")
        o.add("年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t")
        o.add("\t%s\t\t\t%s\t\t\t" % (t.goal, x["done"]))
        o.add("绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t未完成原因分析")
        for ri, r in enumerate(t.rows):
            c1 = "" if t.same_l1(ri) else r.l1
            c2 = "" if t.same_l2(ri) else r.l2
            o.add("\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s" % (c1, c2, r.n, r.v, r.act, r.w, r.sc, r.why or ""), (ti, ri))
        o.ext(x["post"])
    return o


# 7b. wide department table, tab separated ----------------------------------
def render_dept_wide(tables):
    o = Out()
    t = tables[0]
    x = t.extra
    o.ext(x["pre"])
    E = "\t" * 7
    o.add("部门（单位）名称\t%s%s" % (t.project, E))
    o.add("年度主要任务\t任务名称\t\t主要内容\t\t\t预算金额（万元）\t\t")
    for task in x["tasks"]:
        o.add("\t%s\t\t%s\t\t\t%s\t\t" % task)
    o.add("金额合计\t\t\t\t\t\t%s\t\t" % t.funds)
    o.add("年度总体目标\t%s%s" % (t.goal, E))
    o.add("年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t\t权重\t备注\t")
    for ri, r in enumerate(t.rows):
        c1 = "" if t.same_l1(ri) else r.l1
        c2 = "" if t.same_l2(ri) else r.l2
        o.add("\t%s\t%s\t%s\t%s\t\t%s\t%s\t" % (c1, c2, r.n, r.v, r.w, r.note or ""), (0, ri))
    o.ext(x["post"])
    return o


# 8. PDF-like narrow columns --------------------------------------------------
def render_pdf(tables):
    o = Out()
    W1, W2, W3 = 12, 12, 26
    for ti, t in enumerate(tables):
        x = t.extra
        o.ext(x["pre"])
        hdr = pad("一级指标", W1) + pad("二级指标", W2) + pad("三级指标", W3) + "指标值"
        o.add(hdr)
        breaks = x.get("breaks", {})
        # which rows start an l1 group; l1 label is printed at the vertical
        # middle row of its group (as pdftotext does with merged cells)
        groups = []
        for ri, r in enumerate(t.rows):
            if not t.same_l1(ri):
                groups.append([ri])
            else:
                groups[-1].append(ri)
        l1_at = {}
        for g in groups:
            # a merged cell is printed on the page where its group starts
            g1 = [ri for ri in g if not any(g[0] < b <= ri for b in breaks)]
            l1_at[g1[(len(g1) - 1) // 2] if x.get("center_l1") else g1[0]] = t.rows[g[0]].l1
        lost_until = -1
        for ri, r in enumerate(t.rows):
            if ri in breaks:
                o.add("")
                o.ext(breaks[ri])
                o.add(hdr)
                # category cells of the group running over the break are lost
                lost_until = ri
            frags = r.name.split("¦")
            vfr = r.value.split("¦")
            c1 = l1_at.get(ri, "")
            c2 = "" if t.same_l2(ri) else r.l2
            if lost_until >= 0 and ri >= lost_until and t.same_l2(ri):
                c1 = ""
            n = max(len(frags), len(vfr))
            mid = (n - 1) // 2 if len(frags) >= len(vfr) else 0
            # value fragments: centred around the middle line
            vstart = mid - (len(vfr) - 1) // 2 if len(vfr) < len(frags) else 0
            nstart = 0 if len(frags) >= len(vfr) else (n - len(frags)) // 2
            for k in range(n):
                a = c1 if k == mid else ""
                b = c2 if k == mid else ""
                nm = frags[k - nstart] if 0 <= k - nstart < len(frags) else ""
                vv = vfr[k - vstart] if 0 <= k - vstart < len(vfr) else ""
                line = (pad(a, W1) if a else " " * W1) + (pad(b, W2) if b else " " * W2) + \
                    (pad(nm, W3) if vv else nm) + vv
                o.add(line.rstrip(), (ti, ri))
        o.ext(x["post"])
    return o


# ==========================================================================
# HAND-WRITTEN RECORDS
# ==========================================================================


def G(l1, l2, *items):
    out = []
    for it in items:
        kw = it[2] if len(it) > 2 else {}
        out.append(Row(l1, l2, it[0], it[1], **kw))
    return out


def S(name, value, act, w, sc, why=None):
    return (name, value, dict(act=act, w=w, sc=sc, why=why))


def W(name, value, w, note=None):
    return (name, value, dict(w=w, note=note))


def N(name, nat, dire, value, w):
    return (name, value, dict(nat=nat, dire=dire, w=w))


DOCSPEC = []

# ---------------------------------------------------------------------------
# 1. OCR markdown (Hebei, education)
rows = (
    G("产出指标", "数量指标",
      ("补助普惠性幼儿园数量", "≥186所"),
      ("受益在园幼儿人数", "不少于12,500人", dict(note="以学籍系统数据为准")),
      ("农村幼儿园保教人员专项培训¦覆盖人次", "≥600人次"),
      ("新增及改造户外活动场地面积", "3000-5000平方米")) +
    G("产出指标", "质量指标",
      ("补助资金按标准足额拨付率", "100%"),
      ("普惠性幼儿园办园行为督导评估合格率", "≥95%"),
      ("幼儿园安全隐患排查¦整改完成率", "≥98%")) +
    G("产出指标", "时效指标",
      ("补助资金拨付完成时间", "2025年11月底前完成"),
      ("年度督导评估完成时限", "2025年12月31日前")) +
    G("产出指标", "成本指标",
      ("生均公用经费补助标准", "≤1200元/人·年"),
      ("保教人员培训人均成本", "约850元/人")) +
    G("效益指标", "社会效益指标",
      ("农村学前三年毛入园率", "达到92%以上"),
      ("农村适龄儿童就近入园¦便利程度", "明显提升"),
      ("幼儿园保教质量", "有效保障")) +
    G("效益指标", "可持续影响指标",
      ("普惠性学前教育公共服务体系长效运行机制", "逐步健全")) +
    G("满意度指标", "服务对象满意度指标",
      ("幼儿家长满意度", "≥90%"),
      ("幼儿园教职工满意度", "90%～100%"))
)
DOCSPEC.append(dict(name="c01_ocr_hebei_cangzhou_edu.md", layout="ocr_md", tables=[
    Table("project", "农村普惠性幼儿园运转补助", rows, year=2025, dept="沧州市教育局",
          impl="沧州市教育局", funds="1,286.50",
          goal="支持全市农村普惠性幼儿园正常运转，改善保教条件，巩圄学前三年毛入园率在92%以上，"
               "全年培训保教人员6OO人次，提升农村学前教育普惠水平。",
          pre=["沧州市2025年度顶目支出绩效目标表", "", "（单位:万兀）", ""],
          dept_cell="[2O5]沧州市教育局",
          page_break_before=9, value_on_second=(6,),
          page_mark="第 1 页 共 2 贝",
          post=["", "填报单位（盖章）：沧州市教育局    填报人：刘敏    联系电话：O317-2O5XXXX",
                "", "第 2 页 共 2 贝"]),
]))

# ---------------------------------------------------------------------------
# 2. HTML page, one cell per line (Anhui, agriculture)
rows = (
    G("产出指标", "数量指标",
      ("新建高标准农田面积", "≥12万亩", dict(note="含高效节水灌溉面积")),
      ("耕地质量监测点位建设", "不少于45个"),
      ("秸秆还田及深松整地作业面积", "3000-5000亩"),
      ("新建及改造灌排沟渠长度", "约50公里"),
      ("田间机耕路及生产便道建设", "≥120公里")) +
    G("产出指标", "质量指标",
      ("项目工程验收合格率", "100%"),
      ("项目区耕地质量等级提升", "0.5个等级以上"),
      ("农田灌溉水有效利用系数", "≥0.58")) +
    G("产出指标", "时效指标",
      ("项目建设任务完成时间", "2025年11月底前完成"),
      ("省级补助资金拨付及时率", "≥95%")) +
    G("产出指标", "成本指标",
      ("高标准农田亩均财政投入", "≤3000元/亩"),
      ("工程监理及设计费用", "控制在批复概算以内")) +
    G("效益指标", "经济效益指标",
      ("项目区粮食亩均增产", "≥50公斤"),
      ("项目区农民人均增收", "约200元")) +
    G("效益指标", "社会效益指标",
      ("项目区农业生产条件", "明显改善"),
      ("带动农村劳动力务工就业", "不少于3000人次")) +
    G("效益指标", "生态效益指标",
      ("项目区化肥使用量减少率", "≥3%")) +
    G("效益指标", "可持续影响指标",
      ("高标准农田建后管护机制", "长效运行")) +
    G("满意度指标", "服务对象满意度指标",
      ("项目区农户满意度", "≥90%"),
      ("新型农业经营主体满意度", "≥85%"))
)
DOCSPEC.append(dict(name="c02_html_anhui_fuyang_farmland.txt", layout="html_lines", tables=[
    Table("project", "高标准农田建设及耕地质量提升", rows, year=2025, dept="阜阳市农业农村局",
          impl="阜阳市农田建设管理服务中心", funds="4,850.00",
          goal="2025年新建高标准农田12万亩，同步实施耕地质量提升和秸秆还田深松整地，改善项目区灌排和"
               "田间道路条件，项目区粮食综合生产能力亩均提高50公斤以上。",
          title="阜阳市2025年度项目支出绩效目标表",
          pre=["首页 > 信息公开 > 财政预决算 > 部门预算", "",
               "阜阳市农业农村局2025年部门预算重点项目绩效目标公开", "",
               "来源：阜阳市农业农村局    发布时间：2025-02-18 09:30    浏览次数：1862",
               "字号：[ 大 中 小 ]    【我要纠错】", "",
               "按照预算公开有关要求，现将我局2025年重点项目绩效目标公开如下：", ""],
          post=["", "【打印】【关闭】", "",
                "上一篇：阜阳市农业农村局2025年部门预算公开说明",
                "下一篇：阜阳市农业农村局关于2024年部门决算的公开", "",
                "主办：阜阳市农业农村局    地址：阜阳市颍州区清河西路",
                "皖ICP备05000000号    网站标识码：3412000000"]),
]))

# ---------------------------------------------------------------------------
# 3. HTML flattened to pipe rows, rowspan -> empty cells (Chongqing, transport)
rows0 = (
    G("产出指标", "数量指标",
      ("列养农村公路里程", "≥1,850公里"),
      ("实施农村公路生命安全防护工程", "约50公里"),
      ("危旧桥梁加固改造", "两处"),
      ("新增错车道及港湾式停靠站", "不少于40个")) +
    G("产出指标", "质量指标",
      ("农村公路优良中等路率", "≥85%"),
      ("危桥改造工程交工验收合格率", "100%")) +
    G("产出指标", "时效指标",
      ("危桥改造完工时间", "2025年10月底前")) +
    G("产出指标", "成本指标",
      ("农村公路日常养护单位成本", "≤9000元/公里·年"),
      ("年度养护资金支出", "控制在2360万元以内")) +
    G("效果指标", "社会效益指标",
      ("群众出行安全保障水平", "有效保障"),
      ("农村公路通行条件", "明显提升")) +
    G("效果指标", "经济效益指标",
      ("沿线特色农产品运输成本", "有所降低")) +
    G("效果指标", "可持续影响指标",
      ("农村公路“路长制”管护机制", "长效运行")) +
    G("效果指标", "服务对象满意度指标",
      ("沿线群众满意度", "≥92%"))
)
rows1 = (
    G("产出指标", "数量指标",
      ("补贴乡镇客运站数量", "12个"),
      ("保障农村客运班线条数", "≥68条"),
      ("年度发送旅客人次", "不少于45万人次"),
      ("年度开行农村客运班次（班）", "12,500")) +
    G("产出指标", "质量指标",
      ("客运站安全生产责任事故", "0起"),
      ("农村客运班线准点发车率", "≥95%")) +
    G("产出指标", "时效指标",
      ("补贴资金兑付时间", "2025年12月20日前")) +
    G("产出指标", "成本指标",
      ("单站年度运营补贴标准", "≤15.5万元/站")) +
    G("效益指标", "社会效益指标",
      ("农村群众出行便利度", "明显提升"),
      ("建制村通客车率", "100%")) +
    G("满意度指标", "服务对象满意度指标",
      ("乘客满意度", "≥90%"))
)
DOCSPEC.append(dict(name="c03_pipe_chongqing_qianjiang_transport.txt", layout="pipe_rowspan", tables=[
    Table("project", "农村公路养护及危桥改造", rows0, year=2025, dept="重庆市黔江区交通运输委员会",
          impl="重庆市黔江区农村公路管理所", funds="2,360.00",
          goal="完成全区1850公里农村公路日常养护，实施生命安全防护工程约50公里，完成2座危旧桥梁加固改造，"
               "农村公路优良中等路率达到85%以上。",
          dept_cell="[214]重庆市黔江区交通运输委员会",
          pre=["重庆市黔江区2025年区级项目支出绩效目标表", "", "单位：万元", ""],
          post=["", "备注：本表由项目单位填报，区财政局审核。", ""]),
    Table("project", "乡镇客运站运营补贴", rows1, year=2025, dept="重庆市黔江区交通运输委员会",
          impl="重庆市黔江区道路运输事务中心", funds="186.00",
          goal="对全区12个乡镇客运站给予运营补贴，保障农村客运班线稳定运行，方便群众出行。",
          dept_cell="[214]重庆市黔江区交通运输委员会", fiscal="186.00",
          pre=["重庆市黔江区2025年区级项目支出绩效目标表", "", "单位：万元", ""],
          post=["", "", "- 2 -"]),
]))

# ---------------------------------------------------------------------------
# 4. Traditional pipe table (Xinjiang, health)
rows = (
    G("产出指标", "数量指标",
      ("适龄儿童国家免疫规划疫苗接种率", "≥90%", dict(note="以乡镇为单位")),
      ("65岁及以上老年人健康管理人数", "不少于8.6万人"),
      ("高血压患者基层规范管理服务人数", "≥5.2万人"),
      ("严重精神障碍患者规范管理率", "≥85%"),
      ("孕产妇系统管理率", "90%～100%")) +
    G("产出指标", "质量指标",
      ("居民电子健康档案动态使用率", "≥60%"),
      ("传染病和突发公共卫生事件报告及时率", "≥95%")) +
    G("产出指标", "时效指标",
      ("补助资金下达时限", "2025年6月30日前"),
      ("年度绩效考核完成时间", "2025年12月底前完成")) +
    G("产出指标", "成本指标",
      ("人均基本公共卫生服务经费补助标准", "≥94元/人")) +
    G("效益指标", "社会效益指标",
      ("城乡居民公共卫生服务差距", "不断缩小"),
      ("居民健康素养水平", "≥30%")) +
    G("效益指标", "可持续影响指标",
      ("基本公共卫生服务项目运行机制", "长期有效")) +
    G("满意度指标", "社会公众或服务对象满意度指标",
      ("城乡居民对基本公共卫生服务满意度", "≥85%"))
)
DOCSPEC.append(dict(name="c04_trad_pipe_xinjiang_changji_health.txt", layout="trad_pipe", trad=True, tables=[
    Table("project", "基本公共卫生服务补助资金", rows, year=2025, dept="昌吉回族自治州卫生健康委员会",
          dept_code="411", impl="昌吉回族自治州疾病预防控制中心", funds="3,526.80",
          goal="为辖区城乡居民免费提供基本公共卫生服务，适龄儿童免疫规划疫苗接种率保持在90%以上，"
               "重点人群健康管理水平进一步提高。",
          leader="马建新", c="2,821.44", p="705.36",
          pre=["昌吉回族自治州2025年度项目支出绩效目标表", "", "（金额单位：万元）", ""],
          post=["", "说明：本表数据来源于州卫生健康委员会预算申报材料。"]),
]))

# ---------------------------------------------------------------------------
# 5. Traditional web page, one cell per line (Jilin, culture)
rows = (
    G("产出指标", "数量指标",
      ("免费开放公共文化场馆数量", "3个"),
      ("年度举办公益性展览", "≥24场"),
      ("开展全民阅读推广活动", "不少于120场次"),
      ("年接待读者及观众人次", "≥85万人次"),
      ("流动图书车服务乡镇（街道）覆盖", "全覆盖")) +
    G("产出指标", "质量指标",
      ("场馆免费开放服务规范达标率", "≥95%"),
      ("数字资源年更新量", "约20TB"),
      ("文物藏品安全事故发生数", "0起")) +
    G("产出指标", "时效指标",
      ("免费开放补助资金拨付时间", "2025年9月底前")) +
    G("产出指标", "成本指标",
      ("场馆年度运行维护费用", "≤648万元")) +
    G("效益指标", "社会效益指标",
      ("群众基本文化权益", "有效保障"),
      ("公共文化服务均等化水平", "明显提升")) +
    G("效益指标", "可持续影响指标",
      ("公共文化场馆免费开放长效机制", "持续健全")) +
    G("满意度指标", "服务对象满意度指标",
      ("读者及观众满意度", "≥92%"),
      ("基层文化志愿者满意度", "≥90%"))
)
DOCSPEC.append(dict(name="c05_trad_lines_jilin_yanbian_culture.txt", layout="trad_lines", trad=True, tables=[
    Table("project", "公共文化场馆免费开放补助资金", rows, year=2025,
          dept="延边朝鲜族自治州文化广播电视和旅游局",
          impl="延边朝鲜族自治州图书馆", funds="6,480,000", funds_unit="元",
          goal="保障州图书馆、博物馆、群众艺术馆全年免费开放，举办公益性展览24场以上，"
               "开展全民阅读推广活动不少于120场次，满足群众基本文化需求。",
          title="2025年项目支出绩效目标表",
          pre=["网站首页 > 政务公开 > 财政信息", "",
               "延边州文化广播电视和旅游局2025年项目绩效目标公开", "",
               "来源：延边州文化广播电视和旅游局  发布时间：2025-03-05 15:20  浏览次数：936", ""],
          post=["", "【打印】  【关闭】", "",
                "上一篇：延边州文化广播电视和旅游局2025年部门预算",
                "下一篇：延边州文化广播电视和旅游局2024年度部门决算公开", "",
                "版权所有：延边朝鲜族自治州文化广播电视和旅游局"]),
]))

# ---------------------------------------------------------------------------
# 6. headings style (Anhui, employment)
rows = (
    G("产出指标", "数量指标",
      ("开展补贴性职业技能培训人次", "≥18000人次"),
      ("脱贫劳动力和农村转移劳动力培训人次", "不少于3500人次"),
      ("新增取得职业资格证书或职业技能等级证书人数", "≥9000人"),
      ("认定市级高技能人才培训基地", "5个")) +
    G("产出指标", "质量指标",
      ("培训合格率", "≥90%"),
      ("参训人员培训后6个月内就业率", "≥65%"),
      ("补贴资金审核准确率", "100%")) +
    G("产出指标", "时效指标",
      ("补贴资金申领审核办结时限", "≤20个工作日"),
      ("年度培训任务完成时间", "2025年12月底前完成")) +
    G("产出指标", "成本指标",
      ("职业技能培训补贴标准", "800-3000元/人"),
      ("项目支出总额", "≤2150万元")) +
    G("效益指标", "社会效益指标",
      ("劳动者就业创业能力", "明显提升"),
      ("城镇调查失业率", "控制在5.5%以内")) +
    G("效益指标", "经济效益指标",
      ("参训人员月均收入增长率", "≥8%")) +
    G("效益指标", "可持续影响指标",
      ("职业技能培训公共服务体系", "逐步完善")) +
    G("满意度指标", "服务对象满意度指标",
      ("参训学员满意度", "≥90%"),
      ("参训企业满意度", "≥85%"))
)
DOCSPEC.append(dict(name="c06_headings_anhui_wuhu_employment.md", layout="headings", tables=[
    Table("project", "职业技能提升行动补贴", rows, year=2025, dept="芜湖市人力资源和社会保障局",
          impl="芜湖市就业服务中心", funds="2,150.00",
          goal="",
          pre=["# 芜湖市人力资源和社会保障局2025年度项目支出绩效目标", "",
               "**项目名称**：职业技能提升行动补贴", "",
               "**主管部门**：芜湖市人力资源和社会保障局", "",
               "**实施单位**：芜湖市就业服务中心", "",
               "**年度资金总额**：2,150.00万元（其中：中央补助1,500.00万元，省级补助420.00万元，"
               "市级配套230.00万元）", "",
               "**年度总体目标**：全年开展补贴性职业技能培训1.8万人次以上，新增取得证书人员9000人以上，"
               "城镇调查失业率控制在5.5%以内，促进劳动者技能就业、技能增收。", "",
               "## 年度绩效指标"],
          post=["", "---", "", "*注：指标值以市人社局、市财政局联合批复为准。*"]),
]))

# ---------------------------------------------------------------------------
# 7. bracket style (Hebei, elderly care) with old names 项目完成指标/项目效益指标
rows0 = (
    G("项目完成指标", "数量指标",
      ("新建社区养老服务驿站", "不少于12个"),
      ("为经济困难失能老年人提供居家上门服务", "≥2.4万人次"),
      ("家庭养老床位建设", "300张"),
      ("养老护理员岗位技能培训", "≥500人次")) +
    G("项目完成指标", "质量指标",
      ("社区养老服务驿站建设标准达标率", "100%"),
      ("居家上门服务质量抽查合格率", "≥95%")) +
    G("项目完成指标", "时效指标",
      ("驿站建设任务完成时间", "2025年11月底前完成")) +
    G("项目完成指标", "成本指标",
      ("失能老年人居家上门服务补贴标准", "≤1200元/人·年"),
      ("单个社区养老服务驿站建设补助", "约15万元")) +
    G("项目效益指标", "社会效益指标",
      ("老年人居家养老服务可及性", "明显提升"),
      ("城市社区养老服务设施覆盖率", "≥90%")) +
    G("项目效益指标", "可持续影响指标",
      ("居家社区养老服务网络", "持续完善")) +
    G("项目效益指标", "服务对象满意度指标",
      ("服务老年人及家属满意度", "≥90%"))
)
rows1 = (
    G("产出指标", "数量指标",
      ("保障特困供养人员人数", "1,260人"),
      ("改造提升县级特困人员供养服务设施", "3处")) +
    G("产出指标", "质量指标",
      ("特困人员生活照料服务达标率", "≥98%"),
      ("敬老院消防安全隐患整改率", "100%")) +
    G("产出指标", "时效指标",
      ("供养补助资金发放时间", "每季度首月发放")) +
    G("产出指标", "成本指标",
      ("集中供养人员基本生活标准", "≥1050元/人·月")) +
    G("效益指标", "社会效益指标",
      ("特困人员基本生活", "有效保障"),
      ("有意愿的失能特困人员集中供养率", "≥60%")) +
    G("效益指标", "可持续影响指标",
      ("敬老院长效运营管理机制", "基本建立")) +
    G("满意度指标", "服务对象满意度指标",
      ("特困供养人员满意度", "≥92%"))
)
DOCSPEC.append(dict(name="c07_bracket_hebei_baoding_elderly.txt", layout="bracket", tables=[
    Table("project", "居家和社区养老服务能力提升", rows0, year=2025, dept="保定市民政局",
          impl="保定市民政局", funds="980.00",
          goal="",
          pre=["保定市民政局2025年度项目绩效目标", "",
               "一、项目基本情况",
               "项目名称：居家和社区养老服务能力提升",
               "主管部门：保定市民政局[121]",
               "实施单位：保定市民政局",
               "年度资金总额：980.00万元，全部为市级财政资金。",
               "年度总体目标：新建社区养老服务驿站12个，为经济困难失能老年人提供居家上门服务2.4万人次，"
               "建设家庭养老床位300张，城市社区养老服务设施覆盖率达到90%。", "",
               "二、绩效指标"],
          post=[""]),
    Table("project", "特困人员供养服务设施（敬老院）运转补助", rows1, year=2025, dept="保定市民政局",
          impl="保定市社会福利院", funds="1,245,600", funds_unit="元",
          goal="",
          pre=["", "==============================", "",
               "保定市民政局2025年度项目绩效目标", "",
               "一、项目基本情况",
               "项目名称：特困人员供养服务设施（敬老院）运转补助",
               "主管部门：保定市民政局[121]",
               "实施单位：保定市社会福利院",
               "年度资金总额：1,245,600元",
               "年度总体目标：保障1260名特困人员基本生活，改造提升县级供养服务设施3处，确保安全运行。", "",
               "二、绩效指标"],
          post=["", "联系人：赵建国    联系电话：0312-XXXXXXX"]),
]))

# ---------------------------------------------------------------------------
# 8. separate symbol/value/unit columns + nature/direction table (Chongqing, police)
rows0 = (
    G("产出指标", "数量指标",
      W("视频监控点位运维数量", "≥2600个", 10),
      W("开展系统全面巡检", "≥12次", 5),
      W("新增高清人脸识别卡口", "=40个", 5)) +
    G("产出指标", "质量指标",
      W("监控点位在线率", "≥95%", 10),
      W("前端设备故障修复及时率", "≥98%", 5),
      W("录像存储完整性", "有效保障", 5)) +
    G("产出指标", "时效指标",
      W("一般故障响应时间", "≤2小时", 5),
      W("运维服务合同签订时间", "2025年3月底前", 5)) +
    G("产出指标", "成本指标",
      W("单点位年运维成本", "≤1580元/个·年", 10)) +
    G("效益指标", "社会效益指标",
      W("视频监控辅助破案率", "≥30%", 10),
      W("社会治安防控能力", "明显提升", 10)) +
    G("效益指标", "可持续影响指标",
      W("视频资源共享应用机制", "长效运行", 5)) +
    G("满意度指标", "服务对象满意度指标",
      W("辖区群众安全感满意度", "≥95%", 15))
)
rows1 = (
    G("产出指标", "数量指标",
      N("交通安全宣传进村入户场次", "定量", "正向", "≥300场次", 8),
      N("维护交通信号灯路口", "定量", "正向", "不少于85个", 8),
      N("施划交通标线", "定量", "正向", "约3.5万平方米", 8),
      N("查处酒驾醉驾等严重交通违法行为", "定量", "正向", "≥1,200起", 8)) +
    G("产出指标", "质量指标",
      N("交通设施维护验收合格率", "定量", "正向", "100%", 8)) +
    G("产出指标", "时效指标",
      N("交通信号设施故障修复时限", "定量", "反向", "≤24小时", 8)) +
    G("产出指标", "成本指标",
      N("单路口信号灯年维护费用", "定量", "反向", "≤6000元", 7)) +
    G("效益指标", "社会效益指标",
      N("道路交通事故死亡人数", "定量", "反向", "≤18人", 10),
      N("群众交通安全意识", "定性", "正向", "明显提升", 10)) +
    G("效益指标", "可持续影响指标",
      N("交通安全宣传长效机制", "定性", "正向", "逐步完善", 5)) +
    G("满意度指标", "服务对象满意度指标",
      N("交通参与者满意度", "定量", "正向", "≥90%", 20))
)
DOCSPEC.append(dict(name="c08_symcols_chongqing_wanzhou_police.md", layout="sym_nature", tables=[
    Table("project", "社会治安视频监控系统运维", rows0, year=2025, dept="重庆市万州区公安局",
          impl="重庆市万州区公安局科技信息化支队", funds="412.00",
          goal="保障全区2600个视频监控点位稳定运行，点位在线率95%以上，提升社会治安立体化防控水平。",
          pre=["## 重庆市万州区公安局2025年项目支出绩效目标表（一）", "", "单位：万元", ""],
          post=["", ""]),
    Table("project", "道路交通安全宣传教育及设施维护", rows1, year=2025, dept="重庆市万州区公安局",
          impl="重庆市万州区公安局交通巡逻警察支队", funds="158.00",
          goal="开展交通安全宣传进村入户300场次以上，维护信号灯路口85个，道路交通事故死亡人数控制在18人以内。",
          pre=["## 重庆市万州区公安局2025年项目支出绩效目标表（二）", "", "单位：万元", ""],
          post=["", "注：指标方向“正向”表示数值越大越好，“反向”表示数值越小越好。"]),
]))

# ---------------------------------------------------------------------------
# 9. self-evaluation, tab separated (Xinjiang, agriculture)
rows = (
    G("产出指标", "数量指标",
      S("统防统治作业面积", "≥150万亩", "152.6万亩", 8, 8),
      S("小麦条锈病等重大病虫害监测点", "不少于60个", "60个", 6, 6),
      S("开展植保技术培训", "≥2000人次", "1,860人次", 6, 5.58,
        "部分乡镇培训时间与春耕农时冲突，集中培训场次减少"),
      S("发放生物农药及绿色防控物资", "约300吨", "305吨", 5, 5)) +
    G("产出指标", "质量指标",
      S("重大病虫害危害损失率", "控制在5%以内", "4.2%", 8, 8),
      S("统防统治作业质量验收合格率", "≥95%", "96.5%", 7, 7)) +
    G("产出指标", "时效指标",
      S("补助资金拨付时间", "2024年8月底前", "2024年9月15日", 5, 3,
        "个别县市作业验收滞后，导致资金拨付延迟半个月"),
      S("病虫害发生信息上报及时率", "100%", "100%", 5, 5)) +
    G("产出指标", "成本指标",
      S("统防统治亩均作业补助", "≤25元/亩", "24.3元/亩", 10, 10)) +
    G("效益指标", "经济效益指标",
      S("挽回粮食损失", "≥8万吨", "8.6万吨", 10, 10)) +
    G("效益指标", "社会效益指标",
      S("粮食生产安全", "有效保障", "有效保障", 10, 10)) +
    G("效益指标", "生态效益指标",
      S("化学农药使用量", "较上年减少", "较上年减少4.1%", 5, 5)) +
    G("效益指标", "可持续影响指标",
      S("专业化植保服务组织服务能力", "持续增强", "新增专业化服务组织3家", 5, 5)) +
    G("满意度指标", "服务对象满意度指标",
      S("项目区农户满意度", "≥90%", "93%", 10, 10))
)
DOCSPEC.append(dict(name="c09_selfeval_tsv_xinjiang_yili_agri.txt", layout="selfeval", tables=[
    Table("self_evaluation", "农作物重大病虫害统防统治补助", rows, year=2024,
          dept="伊犁哈萨克自治州农业农村局", impl="伊犁哈萨克自治州植物保护站",
          funds="3,860,000.00", funds_unit="元",
          goal="完成统防统治作业面积150万亩以上，重大病虫害危害损失率控制在5%以内，保障粮食生产安全。",
          spent="3,712,450.00", rate="96.18%", fscore="9.62",
          done="完成统防统治作业面积152.6万亩，危害损失率4.2%，挽回粮食损失8.6万吨。",
          pre=["项目支出绩效自评表", "（2024年度）", "",
               "填报单位（盖章）：伊犁哈萨克自治州农业农村局\t\t\t\t填报日期：2025年3月12日\t\t\t"],
          post=["总分\t\t\t\t\t\t100\t97.58\t",
                "", "偏差原因分析及改进措施：一是加强与县市农业农村部门的沟通协调，提前做好作业验收；"
                "二是合理安排培训时间，避开农忙季节。",
                "", "项目负责人：艾尔肯    财务负责人：李娟    填表人：王海燕"]),
]))

# ---------------------------------------------------------------------------
# 10. wide department table (Jilin, education)
rows = (
    G("投入指标", "目标设定",
      W("绩效目标合理性", "符合部门职责和年度工作计划", 2)) +
    G("投入指标", "预算配置",
      W("在职人员控制率", "控制在100%以内", 2),
      W("“三公经费”变动率", "≤0", 2)) +
    G("过程指标", "预算执行",
      W("预算执行率", "≥95%", 5),
      W("预算调整率", "控制在10%以内", 3)) +
    G("过程指标", "预算管理",
      W("政府采购执行率", "100%", 3),
      W("预决算信息公开性", "按规定时限公开", 2)) +
    G("过程指标", "资产管理",
      W("资产管理规范性", "规范", 3),
      W("固定资产利用率", "≥90%", 2)) +
    G("产出指标", "数量指标",
      W("义务教育阶段在校学生数", "约16.8万人", 5),
      W("义务教育学校校舍维修改造面积", "3-5万平方米", 4),
      W("资助家庭经济困难学生", "不少于2.1万人次", 4),
      W("中小学教师全员培训", "≥6000人次", 4)) +
    G("产出指标", "质量指标",
      W("九年义务教育巩固率", "≥99%", 5),
      W("高中阶段毛入学率", "≥95%", 4),
      W("学生资助资金精准发放率", "100%", 4)) +
    G("产出指标", "时效指标",
      W("学生资助资金发放时间", "2025年11月底前完成", 3),
      W("年度重点工作任务完成及时率", "≥95%", 3)) +
    G("产出指标", "成本指标",
      W("义务教育生均公用经费基准定额", "小学≥720元、初中≥940元", 4, note="按年生均")) +
    G("效益指标", "社会效益指标",
      W("城乡义务教育均衡发展水平", "明显提升", 6),
      W("适龄儿童少年入学权利", "有效保障", 5)) +
    G("效益指标", "可持续影响指标",
      W("教育教学质量提升长效机制", "逐步健全", 5)) +
    G("满意度指标", "服务对象满意度指标",
      W("学生及家长满意度", "≥90%", 10),
      W("教职工满意度", "≥85%", 10))
)
DOCSPEC.append(dict(name="c10_dept_wide_jilin_siping_edu.txt", layout="dept_wide", tables=[
    Table("department", "四平市教育局", rows, year=2025, funds="18,652.40",
          goal="落实立德树人根本任务，保障义务教育经费投入，九年义务教育巩固率保持在99%以上，"
               "推进学前教育普及普惠和职业教育提质培优，全面提升教育教学质量。",
          tasks=[("义务教育保障", "保障义务教育学校运转，落实生均公用经费和学生资助政策", "9,820.00"),
                 ("学前教育发展", "支持公办和普惠性民办幼儿园发展", "1,265.40"),
                 ("职业教育提质", "改善中职学校办学条件，开展教师培训", "3,117.00"),
                 ("机关运行保障", "保障机关及直属单位人员经费和日常运转", "4,450.00")],
          pre=["附件3", "", "四平市部门整体支出绩效目标表", "（2025年度）", "",
               "填报单位（盖章）：四平市教育局\t\t\t\t\t\t单位：万元\t\t"],
          post=["", "填表人：孙立伟\t\t联系电话：0434-XXXXXXX\t\t填报日期：2025年1月20日\t\t\t\t"]),
]))

# ---------------------------------------------------------------------------
# 11. PDF-like narrow columns, centred merged cells, page break (Hainan, tourism)
rows = (
    G("产出指标", "数量指标",
      ("提升改造乡村旅游¦重点村数量", "3个"),
      ("新建及改造旅游¦厕所", "≥6座"),
      ("新建乡村旅游步道¦及骑行绿道¦（含观景平台连接线）", "约12公里"),
      ("培训乡村民宿¦从业人员", "不少于150人次"),
      ("设置旅游标识¦导览牌", "60-80块")) +
    G("产出指标", "质量指标",
      ("改造工程竣工¦验收合格率", "100%"),
      ("旅游厕所达到A级¦及以上标准比例", "≥90%"),
      ("民宿服务质量¦等级评定通过率", "≥80%")) +
    G("产出指标", "时效指标",
      ("项目开工时间", "2025年4月底前"),
      ("改造工程完工¦时间", "2025年11月底前完成")) +
    G("产出指标", "成本指标",
      ("旅游厕所单座¦建设成本", "≤25万元/座"),
      ("步道建设¦每公里造价", "控制在18万元以内")) +
    G("效益指标", "经济效益指标",
      ("重点村年接待¦游客人次", "≥15万人次"),
      ("带动村民¦人均增收", "≥1500元")) +
    G("效益指标", "社会效益指标",
      ("带动当地村民¦就业", "不少于200人"),
      ("乡村人居¦环境", "明显改善")) +
    G("效益指标", "生态效益指标",
      ("村庄绿化¦覆盖率", "≥40%")) +
    G("效益指标", "可持续影响指标",
      ("乡村旅游¦品牌影响力", "持续提升")) +
    G("满意度指标", "服务对象满意度指标",
      ("游客满意度", "≥90%"),
      ("当地村民满意度", "≥85%"))
)
DOCSPEC.append(dict(name="c11_pdf_hainan_qiongzhong_tourism.txt", layout="pdf", tables=[
    Table("project", "乡村旅游重点村提升改造", rows, year=2025,
          dept="琼中黎族苗族自治县旅游和文化广电体育局",
          impl="琼中黎族苗族自治县旅游和文化广电体育局", funds="860.00",
          goal="",
          center_l1=True,
          breaks={7: ["                                  - 1 -", "", "",
                      "               2025年项目支出绩效目标申报表（续）", ""]},
          pre=["附件1", "",
               "               2025年项目支出绩效目标申报表", "",
               "                                                      单位：万元",
               "项目名称        乡村旅游重点村提升改造",
               "主管部门        琼中黎族苗族自治县旅游和     实施单位    琼中黎族苗族自治县旅游和",
               "                文化广电体育局                           文化广电体育局",
               "项目资金        年度资金总额：        860.00",
               "                其中：财政拨款        860.00",
               "                      其他资金        0",
               "年度总体目标    目标1：完成3个乡村旅游重点村基础设施提升改造，新建及改造",
               "                旅游厕所6座，建设步道及骑行绿道约12公里；",
               "                目标2：培训民宿从业人员150人次以上，重点村年接待游客",
               "                15万人次以上，带动村民增收。",
               ""],
          post=["", "                                  - 2 -"]),
]))

# ---------------------------------------------------------------------------
# 12. PDF-like narrow columns, value wrapped, two tables (Anhui, rural roads)
rows0 = (
    G("产出指标", "数量指标",
      ("新建乡村道路¦硬化里程¦（含通组路）", "≥42公里"),
      ("县乡道提档¦升级改造", "约28.5公里"),
      ("窄路面拓宽¦改造", "不少于60公里"),
      ("新建农村¦公路桥梁", "4座")) +
    G("产出指标", "质量指标",
      ("新改建工程¦交工验收¦合格率", "100%"),
      ("路面压实度¦达标率", "≥96%")) +
    G("产出指标", "时效指标",
      ("主体工程¦完工时间", "2025年11月底¦前完成"),
      ("工程款支付¦及时率", "≥90%")) +
    G("产出指标", "成本指标",
      ("通村硬化路¦每公里补助标准", "≤80万元/公里"),
      ("项目总投资¦控制", "控制在5630万元以内")) +
    G("效益指标", "经济效益指标",
      ("沿线农产品¦物流成本", "明显下降")) +
    G("效益指标", "社会效益指标",
      ("较大人口规模¦自然村（组）¦通硬化路比例", "≥95%"),
      ("农村群众¦出行条件", "显著改善")) +
    G("效益指标", "可持续影响指标",
      ("农村公路¦管养机制", "长效运行")) +
    G("满意度指标", "服务对象满意度指标",
      ("沿线群众¦满意度", "≥90%"))
)
rows1 = (
    G("产出指标", "数量指标",
      ("安装波形¦护栏", "≥85公里"),
      ("增设减速带¦及警示标志", "1,200处"),
      ("处置临水临崖¦等高风险路段", "不少于45处")) +
    G("产出指标", "质量指标",
      ("安防设施¦安装合格率", "≥98%")) +
    G("产出指标", "时效指标",
      ("工程完工时间", "2025年10月31日前")) +
    G("产出指标", "成本指标",
      ("波形护栏¦单位造价", "≤210元/米")) +
    G("效益指标", "社会效益指标",
      ("农村公路¦交通事故¦发生率", "明显下降"),
      ("高风险路段¦隐患整治率", "100%")) +
    G("效益指标", "可持续影响指标",
      ("安防设施¦使用年限", "≥10年")) +
    G("满意度指标", "服务对象满意度指标",
      ("沿线群众¦满意度", "≥92%"))
)
PRE12 = lambda proj, funds, goal1, goal2: [
    "", "               金寨县2025年项目支出绩效目标表", "",
    "                                                   金额单位：万元",
    "项目名称      " + proj,
    "主管部门      [406]金寨县交通运输局       实施单位   金寨县农村公路",
    "                                                     发展中心",
    "资金情况      年度资金总额            " + funds,
    "              其中：财政拨款          " + funds,
    "年度总体目标  " + goal1,
    "              " + goal2, ""]
DOCSPEC.append(dict(name="c12_pdf_anhui_jinzhai_roads.txt", layout="pdf", tables=[
    Table("project", "四好农村路提质改造工程", rows0, year=2025, dept="金寨县交通运输局",
          impl="金寨县农村公路发展中心", funds="5,630.00", goal="",
          breaks={3: ["                                  — 3 —", "",
                      "                                                   金额单位：万元"]},
          pre=["金寨县交通运输局2025年部门预算", "", "第四部分  项目支出绩效目标", ""] +
              PRE12("四好农村路提质改造工程", "5,630.00",
                    "新建乡村道路硬化里程42公里以上，县乡道提档升级约28.5公里，",
                    "较大人口规模自然村（组）通硬化路比例达到95%以上。"),
          post=["", "                                  — 4 —"]),
    Table("project", "农村公路安全生命防护工程", rows1, year=2025, dept="金寨县交通运输局",
          impl="金寨县农村公路发展中心", funds="1,120.00", goal="",
          center_l1=True,
          breaks={7: ["                                  — 5 —", ""]},
          pre=PRE12("农村公路安全生命防护工程", "1,120.00",
                    "完成波形护栏安装85公里以上，处置临水临崖等高风险路段不少于",
                    "45处，高风险路段隐患整治率100%。"),
          post=["", "                                  — 6 —"]),
]))


RENDER = {
    "ocr_md": render_ocr_md, "html_lines": render_html_lines, "pipe_rowspan": render_pipe_rowspan,
    "trad_pipe": render_trad_pipe, "trad_lines": render_trad_lines, "headings": render_headings,
    "bracket": render_bracket, "sym_nature": render_sym_and_nature, "selfeval": render_selfeval_tsv,
    "dept_wide": render_dept_wide, "pdf": render_pdf,
}


def main():
    import opencc
    s2t = opencc.OpenCC("s2tw")
    t2s = opencc.OpenCC("tw2s")
    os.makedirs(DOCS, exist_ok=True)
    summary = []
    for spec in DOCSPEC:
        name, layout, tables = spec["name"], spec["layout"], spec["tables"]
        o = RENDER[layout](tables)
        lines = o.lines
        trad = spec.get("trad", False)
        if trad:
            lines = [s2t.convert(l) for l in lines]
            # the gold keeps the simplified strings: make sure they are what
            # a t2s conversion of the rendered text gives back
            for t in tables:
                for r in t.rows:
                    for s in (r.n, r.v):
                        assert t2s.convert(s2t.convert(s)) == s, s
        recs = gold(name, tables, o)
        check_lines(name, recs, lines, trad)
        with open(os.path.join(DOCS, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        stem = os.path.splitext(name)[0]
        with open(os.path.join(DOCS, stem + ".jsonl"), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        summary.append((name, len(tables), sum(1 for r in recs if r["record"] == "indicator")))
    for s in summary:
        print("%-40s tables=%d indicators=%d" % s)
    print("total indicators", sum(s[2] for s in summary))


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    main()
