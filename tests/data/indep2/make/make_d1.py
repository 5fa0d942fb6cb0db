#!/usr/bin/env python3
"""Generator for test set D1: Office documents (xlsx/docx) holding Chinese
budget performance-target tables, their PDFs (LibreOffice) and pdftotext dumps,
with gold labels derived from the SAME Python data as the documents.

Usage: python3 make_d1.py            (writes everything under /tmp/indepD/D1)

Layout of the output:
  office/NAME.xlsx|docx + NAME.jsonl
  pdf/NAME.pdf + NAME.jsonl                      (extra, for convenience)
  pdf_layout/NAME.layout.txt + NAME.layout.jsonl (pdftotext -layout)
  pdf_raw/NAME.raw.txt + NAME.raw.jsonl          (pdftotext)
"""
import json
import math
import os
import re
import shutil
import subprocess
import sys

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# indicator constructors (gold values given explicitly, never parsed)
# --------------------------------------------------------------------------


def Q(name, vt, comp, val, unit, vmax=None, **kw):
    """quantity target written in one 指标值 cell"""
    return dict(name=name, vt=vt, kind="quantity", comp=comp, val=val,
                vmax=vmax, unit=unit, date=None, **kw)


def D(name, vt, date, **kw):
    """date target"""
    return dict(name=name, vt=vt, kind="date", comp=None, val=None,
                vmax=None, unit=None, date=date, **kw)


def T(name, vt, **kw):
    """worded (qualitative) target"""
    return dict(name=name, vt=vt, kind="text", comp=None, val=None,
                vmax=None, unit=None, date=None, **kw)


SYM = {"≥": ">=", "≤": "<=", "=": "=", "＝": "=", ">": ">", "<": "<",
       "≧": ">=", "≦": "<="}


def S(name, sym, num, unit, **kw):
    """separate columns: 符号 | 指标值 | 单位 (numeric)"""
    d = dict(name=name, sym=sym, num=num, ucol=unit, kind="quantity",
             comp=SYM[sym] if sym else None, val=float(num), vmax=None,
             unit=unit or None, date=None, **kw)
    d["vt"] = (sym or "") + fmtnum(num) + (unit or "")
    return d


def SQ(name, text, sym="定性", **kw):
    """separate columns, qualitative row: 定性 | text | (blank)"""
    return dict(name=name, sym=sym, num=text, ucol="", vt=text, kind="text",
                comp=None, val=None, vmax=None, unit=None, date=None, **kw)


def SD(name, text, date, sym="定性", **kw):
    """separate columns, date row"""
    return dict(name=name, sym=sym, num=text, ucol="", vt=text, kind="date",
                comp=None, val=None, vmax=None, unit=None, date=date, **kw)


def fmtnum(x):
    if isinstance(x, str):
        return x
    if float(x) == int(x):
        return str(int(x))
    return repr(float(x))


# --------------------------------------------------------------------------
# level canonicalisation
# --------------------------------------------------------------------------
L2_OF = {
    "投入": {"目标设定", "预算配置"},
    "过程": {"预算执行", "预算管理", "资产管理"},
    "产出": {"数量", "质量", "时效", "成本"},
    "效益": {"经济效益", "社会效益", "生态效益", "可持续影响"},
    "满意度": {"服务对象满意度"},
}


def canon_l1(s):
    s = re.sub(r"[（(].*?[)）]", "", s)
    s = s.replace("指标", "")
    return {"效果": "效益"}.get(s, s)


def canon_l2(s):
    s = re.sub(r"[（(].*?[)）]", "", s)
    s = s.replace("指标", "")
    if s in ("满意度", "服务对象满意度", "社会公众或服务对象满意度"):
        return "服务对象满意度"
    return s


def canon(l1p, l2p):
    l1, l2 = canon_l1(l1p), canon_l2(l2p)
    for k, v in L2_OF.items():
        if l2 in v:
            if k != l1:
                l1 = k  # level1 follows level2
            return l1, l2
    raise ValueError((l1p, l2p))


# --------------------------------------------------------------------------
# generic table model: rows of cells with colspan/rowspan
# --------------------------------------------------------------------------
class C:
    def __init__(self, v="", cs=1, rs=1, bold=False, align="center",
                 fmt=None, height=None):
        self.v, self.cs, self.rs, self.bold, self.align = v, cs, rs, bold, align
        self.fmt = fmt

    def text(self):
        v = self.v
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if self.fmt == "#,##0.00":
                return f"{v:,.2f}"
            if self.fmt == "0.00":
                return f"{v:.2f}"
            if self.fmt == "0.00%":
                return f"{v*100:.2f}%"
            return fmtnum(v)
        return str(v)


def place(rows, ncols):
    """HTML-like placement -> list of (r, c, cell); asserts full coverage"""
    occ = {}
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occ:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    assert (r + dr, c + dc) not in occ, (r, c, cell.v)
                    occ[(r + dr, c + dc)] = True
            out.append((r, c, cell))
            c += cell.cs
        while (r, c) in occ:
            c += 1
        assert c == ncols, f"row {r} has width {c}, expected {ncols}: {[x.v for x in row]}"
    nrows = len(rows)
    for r in range(nrows):
        for c in range(ncols):
            assert (r, c) in occ, (r, c)
    return out, nrows


def indicator_rows(tb):
    """Builds the 绩效指标 part: column-header row + one row per indicator."""
    cols = tb["cols"]          # list of (key, header text, width)
    groups = tb["groups"]
    n = sum(len(inds) for _, l2s in groups for _, inds in l2s)
    rows = []
    hdr = []
    for key, head, _w in cols:
        if key == "lab":
            hdr.append(C(tb.get("lab_text", "绩效指标"), rs=n + 1, bold=True))
        else:
            hdr.append(C(head, bold=True))
    rows.append(hdr)
    for l1p, l2s in groups:
        n1 = sum(len(inds) for _, inds in l2s)
        first1 = True
        for l2p, inds in l2s:
            first2 = True
            for ind in inds:
                row = []
                for key, _h, _w in cols:
                    if key == "lab":
                        continue
                    if key == "l1":
                        if first1:
                            row.append(C(l1p, rs=n1))
                    elif key == "l2":
                        if first2:
                            row.append(C(l2p, rs=len(inds)))
                    elif key == "name":
                        row.append(C(ind["name"], align="left"))
                    elif key == "vt":
                        row.append(C(ind["vt"]))
                    elif key == "sym":
                        row.append(C(ind["sym"]))
                    elif key == "num":
                        v = ind["num"]
                        row.append(C(v if not isinstance(v, str) else v))
                    elif key == "ucol":
                        row.append(C(ind["ucol"]))
                    elif key == "weight":
                        row.append(C(ind.get("weight", "")))
                    elif key == "actual":
                        row.append(C(ind.get("actual", "")))
                    elif key == "score":
                        row.append(C(ind.get("score", "")))
                    elif key in ("reason", "note"):
                        row.append(C(ind.get(key, ""), align="left"))
                    else:
                        raise KeyError(key)
                rows.append(row)
                first1 = first2 = False
    return rows


def table_rows(tb):
    return tb["head"] + indicator_rows(tb) + tb.get("tail", [])


# --------------------------------------------------------------------------
# gold
# --------------------------------------------------------------------------

def gold_records(docname, tables):
    recs = []
    for ti, tb in enumerate(tables):
        recs.append(dict(record="table", doc=docname, table=ti,
                         project=tb["project"], table_type=tb["type"],
                         year=tb["year"], department=tb["department"],
                         implementer=tb["implementer"],
                         funds_total=tb["funds_total"]))
        has_w = any(k == "weight" for k, _, _ in tb["cols"])
        has_a = any(k == "actual" for k, _, _ in tb["cols"])
        for l1p, l2s in tb["groups"]:
            for l2p, inds in l2s:
                l1, l2 = canon(l1p, l2p)
                for ind in inds:
                    w = ind.get("weight")
                    recs.append(dict(
                        record="indicator", doc=docname, table=ti,
                        project=tb["project"], level1=l1, level2=l2,
                        name=re.sub(r"\s+", "", ind["name"]),
                        value_text=re.sub(r"\s+", "", ind["vt"]),
                        kind=ind["kind"], comparator=ind["comp"],
                        value=None if ind["val"] is None else float(ind["val"]),
                        value_max=None if ind["vmax"] is None else float(ind["vmax"]),
                        unit=ind["unit"], date=ind["date"],
                        actual_text=ind.get("actual") if has_a else None,
                        weight=float(w) if (has_w and w not in (None, "")) else None,
                        score=float(ind["score"]) if has_a and ind.get("score") not in (None, "") else None,
                        line_start=None, line_end=None))
    return recs


def sanity(tables):
    """cheap self-checks of the hand-written gold against value_text"""
    for tb in tables:
        n = 0
        for l1p, l2s in tb["groups"]:
            for l2p, inds in l2s:
                canon(l1p, l2p)
                for ind in inds:
                    n += 1
                    vt = ind["vt"].replace(",", "")
                    k = ind["kind"]
                    assert not re.search(r"\s", ind["name"]), ind
                    if k == "quantity":
                        s = fmtnum(ind["val"])
                        cn = "零一两二三四五六七八九十"
                        if s not in vt:
                            # Chinese numeral
                            assert any(ch in vt for ch in cn), ind
                        if ind["unit"]:
                            assert ind["unit"] in vt, ind
                        if ind["comp"] == "between":
                            assert fmtnum(ind["vmax"]) in vt
                    elif k == "date":
                        y = ind["date"][:4]
                        assert y in vt, ind
                        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", ind["date"])
                    else:
                        assert ind["comp"] is None and ind["val"] is None
        assert 10 <= n <= 30, (tb["project"], n)


# --------------------------------------------------------------------------
# renderers
# --------------------------------------------------------------------------
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
XFONT = "宋体"


def est_lines(text, width_units):
    # a CJK glyph at 10pt is ~2 Excel width units
    n = sum(1.75 if ord(ch) > 0x2000 else 0.95 for ch in text)
    return max(1, math.ceil(n / max(width_units - 1.2, 1)))


def render_xlsx_table(ws, tb, r0, title_lines):
    """writes title lines + the table starting at row r0 (1-based); returns next free row"""
    cols = tb["cols"]
    ncols = len(cols)
    widths = [w for _, _, w in cols]
    for i, w in enumerate(widths):
        letter = get_column_letter(i + 1)
        cur = ws.column_dimensions[letter].width
        ws.column_dimensions[letter].width = w
    r = r0
    for text, size, bold, align in title_lines:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        c = ws.cell(row=r, column=1, value=text)
        c.font = Font(name=XFONT, size=size, bold=bold)
        c.alignment = Alignment(horizontal=align, vertical="center")
        ws.row_dimensions[r].height = size * 1.9
        r += 1
    rows = table_rows(tb)
    placed, nrows = place(rows, ncols)
    for (rr, cc, cell) in placed:
        R, Cc = r + rr, cc + 1
        if cell.rs > 1 or cell.cs > 1:
            ws.merge_cells(start_row=R, start_column=Cc,
                           end_row=R + cell.rs - 1, end_column=Cc + cell.cs - 1)
        x = ws.cell(row=R, column=Cc, value=cell.v if cell.v != "" else None)
        if cell.fmt:
            x.number_format = cell.fmt
        x.font = Font(name=XFONT, size=10, bold=cell.bold)
        x.alignment = Alignment(horizontal=cell.align, vertical="center",
                                wrap_text=True)
        for dr in range(cell.rs):
            for dc in range(cell.cs):
                ws.cell(row=R + dr, column=Cc + dc).border = BORDER
    # LibreOffice does not re-flow row heights of an openpyxl workbook:
    # give every row an explicit height from an estimate of its wrapped lines
    LINE = 14.5
    need = [LINE + 4] * nrows
    for (rr, cc, cell) in sorted(placed, key=lambda x: x[2].rs):
        w = sum(widths[cc:cc + cell.cs])
        lines = est_lines(cell.text(), w)
        h = lines * LINE + 4
        if cell.rs == 1:
            need[rr] = max(need[rr], h)
        else:
            have = sum(need[rr:rr + cell.rs])
            if have < h:
                need[rr + cell.rs - 1] += h - have
    for i, h in enumerate(need):
        ws.row_dimensions[r + i].height = h
    return r + nrows


def xlsx_page(ws, landscape=False):
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def foot_xlsx(ws, r, ncols, text):
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
    c = ws.cell(row=r, column=1, value=text)
    c.font = Font(name=XFONT, size=10)
    c.alignment = Alignment(horizontal="left", vertical="center")
    return r + 1


def set_cell_font(run, size, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "宋体"
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")


def docx_par(doc, text, size=10.5, bold=False, align="left", page_break=False):
    p = doc.add_paragraph()
    if page_break:
        p.add_run().add_break(WD_BREAK.PAGE)
    run = p.add_run(text)
    set_cell_font(run, size, bold)
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT,
                   "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    return p


def render_docx_table(doc, tb, mm_per_unit=2.0):
    cols = tb["cols"]
    ncols = len(cols)
    rows = table_rows(tb)
    placed, nrows = place(rows, ncols)
    t = doc.add_table(rows=nrows, cols=ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = [Mm(w * mm_per_unit) for _, _, w in cols]
    for i, w in enumerate(widths):
        t.columns[i].width = w
        for cell in t.columns[i].cells:
            cell.width = w
    for (r, c, cell) in placed:
        x = t.cell(r, c)
        if cell.rs > 1 or cell.cs > 1:
            x = x.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
        x.text = ""
        p = x.paragraphs[0]
        run = p.add_run(cell.text())
        set_cell_font(run, 9, cell.bold)
        p.alignment = (WD_ALIGN_PARAGRAPH.LEFT if cell.align == "left"
                       else WD_ALIGN_PARAGRAPH.CENTER)
        x.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return t


def new_docx(landscape=False):
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(10.5)
    st.element.get_or_add_rPr()
    rpr = st.element.rPr
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(18)
    sec.top_margin = sec.bottom_margin = Mm(20)
    return doc


# --------------------------------------------------------------------------
# THE DATA
# --------------------------------------------------------------------------
DOCS = []

# ---------------- X1: 河南 嵩县 水利局, combined 指标值 column -------------
X1_COLS = [("lab", "", 5), ("l1", "一级指标", 7), ("l2", "二级指标", 7),
           ("name", "三级指标", 15), ("vt", "指标值", 12), ("note", "备注", 7)]
x1_goal = ("完成全县16个乡镇农村集中供水工程维修养护，更换老化供水管网，提升水质检测"
           "能力，保障农村群众饮水安全，农村自来水普及率稳定在92%以上。")
X1 = dict(
    project="2025年嵩县农村供水工程维修养护项目", type="project", year=2025,
    department="嵩县水利局", implementer="嵩县农村饮水安全服务中心",
    funds_total=386.5, cols=X1_COLS,
    head=[
        [C("项目名称", 2, bold=True), C("2025年嵩县农村供水工程维修养护项目", 4)],
        [C("主管部门", 2, bold=True), C("嵩县水利局", 2), C("实施单位", bold=True),
         C("嵩县农村饮水安全服务中心")],
        [C("项目资金（万元）", 2, 3, bold=True), C("年度资金总额", 2),
         C(386.5, 2, fmt="0.00")],
        [C("其中：财政拨款", 2), C(386.5, 2, fmt="0.00")],
        [C("其他资金", 2), C(0, 2, fmt="0.00")],
        [C("年度总体目标", 2, bold=True), C(x1_goal, 4, align="left")],
    ],
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("维修养护集中供水工程数量", "≥48处", ">=", 48, "处"),
                Q("更换老化供水管网长度", "不低于35公里", ">=", 35, "公里"),
                Q("新增水质检测设备", "两套", None, 2, "套"),
                Q("开展农村供水水质抽检频次", "每季度不少于1次", ">=", 1, "次"),
            ]),
            ("质量指标", [
                Q("维修养护工程验收合格率", "100%", None, 100, "%"),
                Q("农村集中供水工程水质达标率", "90%以上", ">=", 90, "%"),
                Q("供水管网漏损率", "控制在12%以内", "<=", 12, "%"),
            ]),
            ("时效指标", [
                D("维修养护工程完工时间", "2025年10月底前", "2025-10"),
                D("汛前应急抢修任务完成时限", "2025年5月31日前", "2025-05-31"),
            ]),
            ("成本指标", [
                Q("单处工程平均维修养护成本", "≤6.5万元", "<=", 6.5, "万元"),
                Q("项目总成本", "控制在386.5万元以内", "<=", 386.5, "万元"),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                Q("农村自来水普及率", "≥92%", ">=", 92, "%"),
                Q("受益农村人口", "约21.6万人", "~", 21.6, "万人"),
                T("农村群众饮水安全保障水平", "明显提升"),
            ]),
            ("生态效益指标", [
                T("饮用水水源地保护意识", "有效增强"),
            ]),
            ("可持续影响指标", [
                T("工程运行管护长效机制", "逐步健全"),
                Q("工程设计使用年限", "5年以上", ">=", 5, "年"),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                Q("受益群众满意度", "≥90%", ">=", 90, "%"),
            ]),
        ]),
    ],
)


def build_x1(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    xlsx_page(ws)
    r = render_xlsx_table(ws, X1, 1, [
        ("2025年度项目支出绩效目标表", 14, True, "center"),
        ("单位：万元", 10, False, "right")])
    r = foot_xlsx(ws, r + 1, 6, "填报人：王丽娟        联系电话：0379-66231875        填报日期：2025年1月20日")
    wb.save(path)
    return [X1]


DOCS.append(("d1_x1_songxian_water.xlsx", build_x1,
             "嵩县水利局（河南）农村供水工程维修养护项目绩效目标表；单表，指标值合并为一列，备注列，"
             "一级/二级指标纵向合并，窄列换行"))

# ---------------- X2: 湖南 新宁县 交通运输局, two sheets, separate cols + 权重 ----
X2_COLS = [("lab", "", 4), ("l1", "一级指标", 6), ("l2", "二级指标", 6),
           ("name", "三级指标", 14), ("sym", "指标性质", 5), ("num", "指标值", 7),
           ("ucol", "度量单位", 7), ("weight", "权重", 5)]


def x2_head(proj, impl, funds_yuan, goal):
    return [
        [C("项目名称", 2, bold=True), C(proj, 6)],
        [C("主管部门", 2, bold=True), C("新宁县交通运输局", 2), C("实施单位", 2, bold=True),
         C(impl, 2)],
        [C("资金情况（元）", 2, 3, bold=True), C("年度资金总额", 2), C(funds_yuan, 4, fmt="#,##0.00")],
        [C("其中：财政拨款", 2), C(funds_yuan, 4, fmt="#,##0.00")],
        [C("其他资金", 2), C(0, 4, fmt="#,##0.00")],
        [C("年度总体目标", 2, bold=True), C(goal, 6, align="left")],
    ]


X2A = dict(
    project="2024年农村公路养护工程补助资金", type="project", year=2024,
    department="新宁县交通运输局", implementer="新宁县公路建设养护中心",
    funds_total=586.0, cols=X2_COLS,
    head=x2_head("2024年农村公路养护工程补助资金", "新宁县公路建设养护中心", 5860000,
                 "完成全县1260公里农村公路日常养护，实施危桥改造6座，完善安全防护设施，"
                 "优良中等路率达到85%以上，保障农村公路安全畅通。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                S("农村公路日常养护里程", "≥", 1260, "公里", weight=10),
                S("危桥改造数量", "≥", 6, "座", weight=10),
                S("增设安全防护设施长度", "≥", 18.5, "公里", weight=5),
                S("路面坑槽修补面积", "≥", 9600, "平方米", weight=5),
                S("路政巡查频次", "≥", 2, "次/周", weight=5),
            ]),
            ("质量指标", [
                S("养护工程质量合格率", "=", 100, "%", weight=10),
                S("优良中等路率", "≥", 85, "%", weight=10),
            ]),
            ("时效指标", [
                SD("养护工程完成时限", "2024年11月底前", "2024-11", weight=5),
            ]),
            ("成本指标", [
                S("公路日常养护单位成本", "≤", 4650, "元/公里·年", weight=5),
            ]),
        ]),
        ("效益指标", [
            ("经济效益指标", [
                S("沿线群众出行时间节约率", "≥", 15, "%", weight=5),
            ]),
            ("社会效益指标", [
                SQ("农村公路交通安全事故发生率", "逐年下降", weight=10),
                S("具备条件的建制村通客车率", "=", 100, "%", weight=5),
            ]),
            ("可持续影响指标", [
                SQ("农村公路养护管理长效机制", "基本建立", weight=5),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                S("沿线群众满意度", "≥", 90, "%", weight=10),
            ]),
        ]),
    ],
)

X2B = dict(
    project="乡村客运站点提升改造项目", type="project", year=2024,
    department="新宁县交通运输局", implementer="新宁县道路运输服务中心",
    funds_total=123.65, cols=X2_COLS,
    head=x2_head("乡村客运站点提升改造项目", "新宁县道路运输服务中心", 1236500,
                 "改造提升农村客运招呼站40个，新建乡镇综合运输服务站2个，改善农村群众候车环境，"
                 "巩固城乡客运一体化发展成果。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                S("改造提升农村客运招呼站", "≥", 40, "个", weight=15),
                S("新建乡镇综合运输服务站", "=", 2, "个", weight=10),
                S("配置候车座椅及电子站牌", "≥", 120, "套", weight=5),
            ]),
            ("质量指标", [
                S("站点建设验收合格率", "=", 100, "%", weight=10),
            ]),
            ("时效指标", [
                SD("项目完工时间", "2024年9月底前", "2024-09", sym="", weight=5),
            ]),
            ("成本指标", [
                S("招呼站单个改造成本", "≤", 1.8, "万元", weight=10),
            ]),
        ]),
        ("效益指标", [
            ("经济效益指标", [
                S("带动沿线农产品销售增收", "≥", 50, "万元", weight=5),
            ]),
            ("社会效益指标", [
                S("农村客运站点覆盖率", "≥", 98, "%", weight=10),
                SQ("群众候车环境", "明显改善", weight=10),
            ]),
            ("可持续影响指标", [
                S("站点设施使用年限", "≥", 8, "年", weight=10),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                S("乘客满意度", "≥", 92, "%", weight=10),
            ]),
        ]),
    ],
)


def build_x2(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "农村公路养护"
    xlsx_page(ws)
    r = render_xlsx_table(ws, X2A, 1, [
        ("2024年项目支出绩效目标批复表", 14, True, "center"),
        ("单位：元", 10, False, "right")])
    ws2 = wb.create_sheet("客运站点")
    xlsx_page(ws2)
    r = render_xlsx_table(ws2, X2B, 1, [
        ("2024年项目支出绩效目标批复表", 14, True, "center"),
        ("单位：元", 10, False, "right")])
    wb.save(path)
    return [X2A, X2B]


DOCS.append(("d1_x2_xinning_roads.xlsx", build_x2,
             "新宁县交通运输局（湖南）两张批复表，分在两个工作表；指标性质/指标值/度量单位分列，权重列；"
             "资金以元为单位（千分位格式）"))

# ---------------- X3: 四川 兴文县民政局 部门整体支出 ----------------------
X3_COLS = [("l1", "一级指标", 7), ("l2", "二级指标", 8), ("name", "三级指标", 15),
           ("sym", "计算符号", 5), ("num", "指标值", 11), ("ucol", "计量单位", 7),
           ("note", "说明", 7)]
x3_duty = ("贯彻执行民政工作法律法规和政策；负责全县城乡最低生活保障、特困人员救助供养、"
           "临时救助等社会救助工作；统筹推进养老服务体系建设，指导养老机构、社区居家养老服务"
           "管理；负责儿童福利、残疾人福利和殡葬管理；承担社会组织登记管理和行政区划、地名管理"
           "工作；完成县委、县政府交办的其他任务。")
x3_goal = ("目标1：做好城乡低保、特困供养等兜底保障，确保救助资金按时足额发放。"
           "目标2：推进社区居家养老服务中心规范运营，养老服务覆盖率达到65%以上。"
           "目标3：加强预算绩效管理，提高资金使用效益。")
X3 = dict(
    project="兴文县民政局", type="department", year=2025, department=None,
    implementer=None, funds_total=2148.36, cols=X3_COLS, lab_text=None,
    head=[
        [C("部门名称", 2, bold=True), C("兴文县民政局", 5)],
        [C("部门年度预算情况", 2, 4, bold=True), C("资金总额（万元）：", 2),
         C(2148.36, 3, fmt="0.00")],
        [C("其中：基本支出", 2), C(612.40, 3, fmt="0.00")],
        [C("项目支出", 2), C(1535.96, 3, fmt="0.00")],
        [C("其他资金", 2), C(0, 3, fmt="0.00")],
        [C("部门职能职责概述", 2, bold=True), C(x3_duty, 5, align="left")],
        [C("部门年度绩效目标", 2, bold=True), C(x3_goal, 5, align="left")],
        [C("年度绩效指标", 7, bold=True)],
    ],
    groups=[
        ("投入指标", [
            ("目标设定", [
                SQ("绩效目标合理性", "符合部门职责和年度工作计划"),
                SQ("绩效指标明确性", "细化量化、清晰可衡量"),
            ]),
            ("预算配置", [
                S("在职人员控制率", "≤", 100, "%"),
                S("“三公经费”变动率", "≤", 0, "%"),
                S("重点支出安排率", "≥", 70, "%"),
            ]),
        ]),
        ("过程指标", [
            ("预算执行", [
                S("预算执行率", "≥", 95, "%"),
                S("结转结余率", "≤", 5, "%"),
            ]),
            ("预算管理", [
                S("政府采购执行率", "=", 100, "%"),
                SQ("管理制度健全性", "健全"),
            ]),
            ("资产管理", [
                S("固定资产利用率", "≥", 90, "%"),
            ]),
        ]),
        ("产出指标", [
            ("数量指标", [
                S("特困人员集中供养人数", "≥", 860, "人"),
                S("发放高龄津贴人数", "≥", 5200, "人"),
                S("城乡低保保障对象人数", "≥", 1.26, "万人"),
                S("社区居家养老服务中心运营数", "≥", 12, "个"),
            ]),
            ("质量指标", [
                S("低保资金社会化发放率", "=", 100, "%"),
                S("养老机构服务质量达标率", "≥", 95, "%"),
            ]),
            ("时效指标", [
                S("救助资金发放及时率", "=", 100, "%"),
            ]),
            ("成本指标", [
                S("特困人员基本生活标准", "≥", 1150, "元/人·月"),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                SQ("困难群众基本生活", "得到有效保障"),
                S("养老服务覆盖率", "≥", 65, "%"),
            ]),
            ("可持续影响指标", [
                SQ("养老服务体系建设", "持续完善"),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                S("救助对象满意度", "≥", 90, "%"),
                S("养老服务对象满意度", "≥", 90, "%"),
            ]),
        ]),
    ],
)


def build_x3(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部门整体"
    xlsx_page(ws)
    r = render_xlsx_table(ws, X3, 1, [
        ("部门整体支出绩效目标表", 14, True, "center"),
        ("（2025年度）", 11, False, "center")])
    wb.save(path)
    return [X3]


DOCS.append(("d1_x3_xingwen_minzheng_dept.xlsx", build_x3,
             "兴文县民政局（四川）部门整体支出绩效目标表；投入/过程/产出/效益/满意度五类一级指标；"
             "计算符号/指标值/计量单位分列，定性行；长文本职能职责与年度目标"))

# ---------------- X4: 甘肃 张掖市 林草局 自评表 ------------------------------
X4_COLS = [("lab", "", 4), ("l1", "一级指标", 6), ("l2", "二级指标", 6),
           ("name", "三级指标", 13), ("vt", "年度指标值", 9), ("actual", "实际完成值", 9),
           ("weight", "分值", 5.5), ("score", "得分", 5.5),
           ("reason", "偏差原因分析及改进措施", 13)]
x4_goal_plan = ("新建防火隔离带30公里，购置扑火机具装备260台（套），开展防火宣传和应急演练，"
                "森林火灾受害率控制在0.9‰以内。")
x4_goal_done = ("新建防火隔离带32.5公里，购置扑火机具装备268台（套），开展宣传活动15场次、"
                "应急演练2次，全年未发生重大森林草原火灾。")
X4 = dict(
    project="2024年森林草原防火专项资金", type="self_evaluation", year=2024,
    department="张掖市林业和草原局", implementer="张掖市森林草原防火服务中心",
    funds_total=320.0, cols=X4_COLS,
    head=[
        [C("项目名称", 3, bold=True), C("2024年森林草原防火专项资金", 6)],
        [C("主管部门", 3, bold=True), C("张掖市林业和草原局", 2), C("实施单位", 2, bold=True),
         C("张掖市森林草原防火服务中心", 2)],
        [C("项目资金（元）", 2, 4, bold=True), C("资金来源", bold=True),
         C("年初预算数", bold=True), C("全年预算数", bold=True), C("全年执行数", bold=True),
         C("分值", bold=True), C("执行率", bold=True), C("得分", bold=True)],
        [C("年度资金总额"), C("3200000.00"), C("3200000.00"),
         C("3046500.00"), C(10), C("95.20%"), C(9.52)],
        [C("其中：财政拨款"), C("3200000.00"), C("3200000.00"),
         C("3046500.00"), C("—"), C("—"), C("—")],
        [C("其他资金"), C("0.00"), C("0.00"), C("0.00"),
         C("—"), C("—"), C("—")],
        [C("年度总体目标", 2, 2, bold=True), C("预期目标", 3, bold=True), C("实际完成情况", 4, bold=True)],
        [C(x4_goal_plan, 3, align="left"), C(x4_goal_done, 4, align="left")],
    ],
    tail=[[C("总分", 6, bold=True), C(100), C(95.52), C("")]],
    groups=[
        ("产出指标（50分）", [
            ("数量指标", [
                Q("新建防火隔离带长度", "≥30公里", ">=", 30, "公里",
                  actual="32.5公里", weight=8, score=8),
                Q("购置扑火机具装备", "≥260台（套）", ">=", 260, "台（套）",
                  actual="268台（套）", weight=8, score=8),
                Q("开展森林草原防火宣传活动", "不少于12场次", ">=", 12, "场次",
                  actual="15场次", weight=4, score=4),
                Q("组织扑火应急演练", "两次", None, 2, "次",
                  actual="2次", weight=4, score=4),
            ]),
            ("质量指标", [
                Q("扑火机具装备验收合格率", "100%", None, 100, "%",
                  actual="100%", weight=6, score=6),
                Q("防火隔离带建设达标率", "≥95%", ">=", 95, "%",
                  actual="96.3%", weight=6, score=6),
            ]),
            ("时效指标", [
                D("项目资金支付时间", "2024年12月底前", "2024-12",
                  actual="2024年12月完成", weight=6, score=6),
                D("扑火机具装备采购完成时间", "2024年3月底前", "2024-03",
                  actual="2024年4月中旬完成", weight=4, score=2,
                  reason="政府采购流程延长，装备到位滞后；今后提前启动采购程序"),
            ]),
            ("成本指标", [
                Q("防火隔离带单位建设成本", "≤2.8万元/公里", "<=", 2.8, "万元/公里",
                  actual="2.65万元/公里", weight=4, score=4),
            ]),
        ]),
        ("效益指标（30分）", [
            ("社会效益指标", [
                Q("森林火灾受害率", "控制在0.9‰以内", "<=", 0.9, "‰",
                  actual="0.12‰", weight=10, score=10),
                Q("森林草原火灾24小时扑灭率", "≥95%", ">=", 95, "%",
                  actual="100%", weight=10, score=10),
            ]),
            ("生态效益指标", [
                T("森林覆盖率", "稳中有升", actual="较上年提高0.3个百分点",
                  weight=5, score=5),
            ]),
            ("可持续影响指标", [
                Q("防火基础设施使用年限", "≥10年", ">=", 10, "年",
                  actual="10年", weight=5, score=5),
            ]),
        ]),
        ("满意度指标（10分）", [
            ("服务对象满意度指标", [
                Q("林区周边群众满意度", "≥90%", ">=", 90, "%", actual="93.6%",
                  weight=10, score=8,
                  reason="部分偏远乡镇宣传覆盖不足，下一步加大宣传力度"),
            ]),
        ]),
    ],
)
# consistency of the printed 总分 with the rows
assert abs(9.52 + sum(i["score"] for _, l2s in X4["groups"] for _, ii in l2s for i in ii) - 95.52) < 1e-9
assert 10 + sum(i["weight"] for _, l2s in X4["groups"] for _, ii in l2s for i in ii) == 100


def build_x4(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    xlsx_page(ws, landscape=True)
    r = render_xlsx_table(ws, X4, 1, [
        ("项目支出绩效自评表", 14, True, "center"),
        ("（2024年度）", 11, False, "center"),
        ("单位（盖章）：张掖市林业和草原局            填报日期：2025年2月18日", 10, False, "left")])
    r = foot_xlsx(ws, r + 1, 9, "单位负责人：陈国强      财务负责人：刘芳      填表人：马晓东      联系电话：0936-8213467")
    wb.save(path)
    return [X4]


DOCS.append(("d1_x4_zhangye_fire_selfeval.xlsx", build_x4,
             "张掖市林业和草原局（甘肃）森林草原防火专项资金绩效自评表；年度指标值/实际完成值/分值/得分/"
             "偏差原因分析列；资金以元为单位；一级指标带分值（产出指标（50分））；末行总分；横向页面"))

# ---------------- X5: 江西 于都县 市场监管局, two tables stacked on one sheet -----
X5_COLS = [("lab", "", 5), ("l1", "一级指标", 7), ("l2", "二级指标", 7),
           ("name", "三级指标", 15), ("vt", "指标值", 14), ("note", "备注", 6)]


def x5_head(l1name, proj, impl, funds, goal):
    return [
        [C("一级项目名称", 2, bold=True), C(l1name), C("二级项目名称", bold=True), C(proj, 2)],
        [C("主管部门", 2, bold=True), C("于都县市场监督管理局"), C("实施单位", bold=True), C(impl, 2)],
        [C("资金情况", 2, 3, bold=True), C("年度资金总额："), C(funds, 3, fmt="0.00")],
        [C("其中：财政拨款"), C(funds, 3, fmt="0.00")],
        [C("非财政拨款"), C(0, 3, fmt="0.00")],
        [C("年度总体目标", 2, bold=True), C(goal, 4, align="left")],
    ]


X5A = dict(
    project="2025年食品安全监督抽检专项经费", type="project", year=2025,
    department="于都县市场监督管理局", implementer="于都县市场监督管理局",
    funds_total=168.0, cols=X5_COLS,
    head=x5_head("市场监管专项业务", "2025年食品安全监督抽检专项经费",
                 "于都县市场监督管理局", 168.0,
                 "全年完成食品安全监督抽检不少于2800批次，及时核查处置不合格食品，"
                 "守住不发生区域性、系统性食品安全风险底线。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("食品安全监督抽检批次", "全年完成抽检不少于2800批次", ">=", 2800, "批次"),
                Q("农贸市场快检室运行数量", "18个", None, 18, "个"),
                Q("开展食品安全专项整治行动", "开展三次", None, 3, "次"),
            ]),
            ("质量指标", [
                Q("抽检不合格食品核查处置率", "100%", None, 100, "%"),
                Q("检验报告准确率", "不低于99%", ">=", 99, "%"),
                Q("问题食品风险控制率", "达到98%以上", ">=", 98, "%"),
            ]),
            ("时效指标", [
                Q("检验结果出具时限", "≤20个工作日", "<=", 20, "个工作日"),
                D("年度抽检任务完成时间", "2025年11月30日前", "2025-11-30"),
            ]),
            ("成本指标", [
                Q("单批次平均抽检成本", "控制在550元以内", "<=", 550, "元"),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                Q("食品安全抽检总体合格率", "97%左右", "~", 97, "%"),
                Q("群众食品安全知晓率", "90-95%", "between", 90, "%", vmax=95),
                T("食品安全风险隐患", "有效防控"),
            ]),
            ("可持续影响指标", [
                T("食品安全监管长效机制", "不断完善"),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                Q("消费者满意度", "≥85%", ">=", 85, "%"),
            ]),
        ]),
    ],
)

X5B = dict(
    project="12315消费投诉举报处置经费", type="project", year=2025,
    department="于都县市场监督管理局", implementer="于都县消费者权益保护中心",
    funds_total=36.8, cols=X5_COLS,
    head=x5_head("市场监管专项业务", "12315消费投诉举报处置经费",
                 "于都县消费者权益保护中心", 36.8,
                 "畅通12315投诉举报渠道，按时办结消费投诉举报，推进消费维权服务站建设，"
                 "营造安全放心的消费环境。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("受理消费投诉举报件数", "约4500件", "~", 4500, "件"),
                Q("新建消费维权服务站", "新建不少于10个", ">=", 10, "个"),
                Q("开展消费教育进社区活动", "四场", None, 4, "场"),
            ]),
            ("质量指标", [
                Q("投诉举报按时办结率", "≥98%", ">=", 98, "%"),
                Q("消费纠纷调解成功率", "不低于80%", ">=", 80, "%"),
            ]),
            ("时效指标", [
                Q("投诉举报处理时限", "不超过3个工作日", "<=", 3, "个工作日"),
            ]),
            ("成本指标", [
                Q("12315热线运行维护成本", "≤12万元", "<=", 12, "万元"),
            ]),
        ]),
        ("效益指标", [
            ("经济效益指标", [
                Q("为消费者挽回经济损失", "200万元以上", ">=", 200, "万元"),
            ]),
            ("社会效益指标", [
                T("县域消费环境", "持续优化"),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                Q("投诉人满意度", "≥92%", ">=", 92, "%"),
            ]),
        ]),
    ],
)


def build_x5(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目绩效目标"
    xlsx_page(ws)
    titles = [("2025年县级预算项目绩效目标申报表", 14, True, "center"),
              ("单位：万元", 10, False, "right")]
    r = render_xlsx_table(ws, X5A, 1, titles)
    r = render_xlsx_table(ws, X5B, r + 2, titles)
    wb.save(path)
    return [X5A, X5B]


DOCS.append(("d1_x5_yudu_market.xlsx", build_x5,
             "于都县市场监督管理局（江西）两张申报表在同一工作表上下排列；一级/二级项目名称；"
             "指标值多为文字表述（不少于、达到…以上、控制在…以内、左右、90-95%、三次、四场）"))

# ---------------- W1: 浙江 江山市档案馆 档案数字化 (docx) --------------------
W_COLS6 = [("lab", "", 7), ("l1", "一级指标", 10), ("l2", "二级指标", 10),
           ("name", "三级指标", 24), ("vt", "指标值", 19), ("note", "备注", 10)]
w1_goal = ("完成馆藏文书档案、民国档案数字化扫描120万页，著录条目8.5万条，修裱破损档案"
           "3000页左右，建成馆藏档案数字资源库，提升档案查阅利用效率和珍贵档案保护水平。")
W1 = dict(
    project="2025年馆藏档案数字化加工项目", type="project", year=2025,
    department="江山市档案局", implementer="江山市档案馆",
    funds_total=95.6, cols=[("lab", "", 6), ("l1", "一级指标", 8), ("l2", "二级指标", 8),
                            ("name", "三级指标", 14), ("vt", "指标值", 12), ("note", "备注", 8)],
    head=[
        [C("项目名称", 2, bold=True), C("2025年馆藏档案数字化加工项目", 4)],
        [C("主管部门", 2, bold=True), C("江山市档案局", 2), C("实施单位", bold=True), C("江山市档案馆")],
        [C("项目资金（万元）", 2, 3, bold=True), C("年度资金总额", 2), C("95.60", 2)],
        [C("其中：财政拨款", 2), C("95.60", 2)],
        [C("其他资金", 2), C("0.00", 2)],
        [C("年度总体目标", 2, bold=True), C(w1_goal, 4, align="left")],
    ],
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("档案数字化扫描页数", "≥120万页", ">=", 120, "万页"),
                Q("档案目录著录条目数", "不少于8.5万条", ">=", 8.5, "万条"),
                Q("破损档案修裱页数", "3000页左右", "~", 3000, "页"),
                Q("开展数字化加工质量抽检", "四次", None, 4, "次"),
            ]),
            ("质量指标", [
                Q("数字化图像质量抽检合格率", "≥99%", ">=", 99, "%"),
                Q("档案著录数据准确率", "99.5%以上", ">=", 99.5, "%"),
                Q("档案数据安全事故", "0起", None, 0, "起"),
            ]),
            ("时效指标", [
                D("数字化加工任务完成时间", "2025年11月底前", "2025-11"),
            ]),
            ("成本指标", [
                Q("单页扫描加工成本", "≤0.55元/页", "<=", 0.55, "元/页"),
                Q("项目总成本", "≤95.6万元", "<=", 95.6, "万元"),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                T("档案查阅利用效率", "显著提高"),
                Q("年度档案网上查阅利用人次", "≥6000人次", ">=", 6000, "人次"),
            ]),
            ("可持续影响指标", [
                T("珍贵档案原件保护", "长期有效"),
                T("数字档案馆建设", "持续推进"),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                Q("档案利用者满意度", "≥95%", ">=", 95, "%"),
            ]),
        ]),
    ],
)


def build_w1(path):
    doc = new_docx()
    docx_par(doc, "附件3", 10.5)
    docx_par(doc, "2025年度项目支出绩效目标表", 16, True, "center")
    docx_par(doc, "单位：万元", 10.5, False, "right")
    render_docx_table(doc, W1, mm_per_unit=2.0)
    docx_par(doc, "")
    docx_par(doc, "填报单位（盖章）：江山市档案馆    联系人：周建平    联系电话：0570-4022316", 10)
    doc.save(path)
    return [W1]


DOCS.append(("d1_w1_jiangshan_archives.docx", build_w1,
             "江山市档案馆（浙江）馆藏档案数字化加工项目绩效目标表（Word），指标值合并一列"))

# ---------------- W2: 广东 清远市教育局 two tables with 分值 (docx) ----------
W2_COLS = [("lab", "", 7), ("l1", "一级指标", 11), ("l2", "二级指标", 11),
           ("name", "三级指标", 26), ("vt", "指标值", 20), ("weight", "分值", 9)]


def w2_head(proj, impl, funds_txt, unit_label, goal):
    return [
        [C("项目名称", 2, bold=True), C(proj, 4)],
        [C("主管部门", 2, bold=True), C("清远市教育局", 1), C("实施单位", bold=True), C(impl, 2)],
        [C(f"资金情况（{unit_label}）", 2, 2, bold=True), C("年度资金总额", 2), C(funds_txt, 2)],
        [C("其中：财政拨款", 2), C(funds_txt, 2)],
        [C("年度总体目标", 2, bold=True), C(goal, 4, align="left")],
    ]


W2A = dict(
    project="2025年中等职业学校实训基地建设项目", type="project", year=2025,
    department="清远市教育局", implementer="清远市职业技术学校",
    funds_total=640.0, cols=W2_COLS,
    head=w2_head("2025年中等职业学校实训基地建设项目", "清远市职业技术学校", "640.00", "万元",
                 "新建智能制造、新能源汽车等专业实训室5间，购置实训教学设备320台/套，"
                 "提升中职学校实践教学能力，年培养技能型人才1500人以上。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("新建专业实训室", "≥5间", ">=", 5, "间", weight=10),
                Q("购置实训教学设备", "不少于320台/套", ">=", 320, "台/套", weight=10),
                Q("开展专业教师企业实践培训", "≥60人次", ">=", 60, "人次", weight=5),
            ]),
            ("质量指标", [
                Q("实训设备验收合格率", "100%", None, 100, "%", weight=10),
                Q("实训项目开出率", "≥95%", ">=", 95, "%", weight=5),
                Q("学生职业技能等级证书获取率", "达到85%以上", ">=", 85, "%", weight=10),
            ]),
            ("时效指标", [
                D("实训室建设完成时间", "2025年8月底前", "2025-08", weight=10),
            ]),
            ("成本指标", [
                Q("实训设备采购成本", "控制在预算640万元以内", "<=", 640, "万元", weight=10),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                Q("年培养技能型人才", "≥1500人", ">=", 1500, "人", weight=10),
                Q("毕业生就业率", "95%-98%", "between", 95, "%", vmax=98, weight=5),
            ]),
            ("可持续影响指标", [
                Q("实训基地服务年限", "≥8年", ">=", 8, "年", weight=5),
            ]),
        ]),
        ("满意度指标", [
            ("社会公众或服务对象满意度指标", [
                Q("在校学生满意度", "≥90%", ">=", 90, "%", weight=5),
                Q("合作企业满意度", "≥85%", ">=", 85, "%", weight=5),
            ]),
        ]),
    ],
)

W2B = dict(
    project="2025年中等职业教育学生资助资金", type="project", year=2025,
    department="清远市教育局", implementer="清远市学生资助管理中心",
    funds_total=1856.0, cols=W2_COLS,
    head=w2_head("2025年中等职业教育学生资助资金", "清远市学生资助管理中心", "18,560,000.00", "元",
                 "落实中职国家助学金和免学费政策，确保资助资金按时足额发放到位，"
                 "保障家庭经济困难学生顺利完成学业。"),
    groups=[
        ("产出指标", [
            ("数量指标", [
                Q("中职国家助学金资助人数", "约3100人", "~", 3100, "人", weight=10),
                Q("中职免学费补助人数", "≥2.1万人", ">=", 2.1, "万人", weight=10),
            ]),
            ("质量指标", [
                Q("资助对象认定准确率", "100%", None, 100, "%", weight=10),
                Q("资助资金足额发放率", "＝100%", "=", 100, "%", weight=10),
            ]),
            ("时效指标", [
                D("资助资金发放时间", "2025年12月底前发放完毕", "2025-12", weight=10),
            ]),
            ("成本指标", [
                Q("国家助学金资助标准", "2300元/生·年", None, 2300, "元/生·年", weight=10),
            ]),
        ]),
        ("效益指标", [
            ("社会效益指标", [
                Q("家庭经济困难学生资助覆盖率", "100%", None, 100, "%", weight=10),
                T("中等职业教育吸引力", "进一步增强", weight=10),
            ]),
            ("可持续影响指标", [
                Q("学生资助政策知晓率", "≥90%", ">=", 90, "%", weight=10),
            ]),
        ]),
        ("满意度指标", [
            ("服务对象满意度指标", [
                Q("受助学生及家长满意度", "≥90%", ">=", 90, "%", weight=10),
            ]),
        ]),
    ],
)
for _t in (W2A, W2B):
    assert sum(i["weight"] for _, l2s in _t["groups"] for _, ii in l2s for i in ii) == 100


def build_w2(path):
    doc = new_docx()
    docx_par(doc, "2025年清远市市级部门预算项目绩效目标表", 16, True, "center")
    docx_par(doc, "单位：万元", 10.5, False, "right")
    render_docx_table(doc, W2A, mm_per_unit=1.8)
    docx_par(doc, "2025年清远市市级部门预算项目绩效目标表", 16, True, "center", page_break=True)
    docx_par(doc, "单位：元", 10.5, False, "right")
    render_docx_table(doc, W2B, mm_per_unit=1.8)
    doc.save(path)
    return [W2A, W2B]


DOCS.append(("d1_w2_qingyuan_vocational.docx", build_w2,
             "清远市教育局（广东）两张项目绩效目标表（Word，分页），带分值列；第二张资金以元为单位"))

# ---------------- W3: 山东 奎文区 体育场馆开放 (docx), separate value/unit, 效果指标 ---
W3_COLS = [("lab", "", 6), ("l1", "一级指标", 9), ("l2", "二级指标", 11),
           ("name", "三级指标", 24), ("sym", "指标性质", 8), ("num", "指标值", 13),
           ("ucol", "度量单位", 9), ("note", "备注", 8)]
w3_goal = ("保障区体育中心体育馆、游泳馆、全民健身中心等公共体育场馆向社会免费或低收费开放，"
           "全年开放不少于330天，接待健身群众45万人次以上，举办全民健身赛事活动20场，"
           "提升全民健身公共服务水平。")
W3 = dict(
    project="2025年公共体育场馆免费低收费开放补助资金", type="project", year=2025,
    department="潍坊市奎文区教育和体育局", implementer="潍坊市奎文区全民健身服务中心",
    funds_total=212.0, cols=W3_COLS,
    head=[
        [C("项目名称", 2, bold=True), C("2025年公共体育场馆免费低收费开放补助资金", 6)],
        [C("主管部门", 2, bold=True), C("潍坊市奎文区教育和体育局", 2), C("实施单位", 2, bold=True),
         C("潍坊市奎文区全民健身服务中心", 2)],
        [C("项目资金（万元）", 2, 3, bold=True), C("年度资金总额", 2), C("212.00", 4)],
        [C("其中：中央补助资金", 2), C("150.00", 4)],
        [C("区级财政资金", 2), C("62.00", 4)],
        [C("年度总体目标", 2, bold=True), C(w3_goal, 6, align="left")],
    ],
    groups=[
        ("产出指标", [
            ("数量指标", [
                S("体育场馆年开放天数", "≥", 330, "天"),
                S("年接待健身群众人次", "≥", 45, "万人次"),
                S("举办全民健身赛事活动", "≥", 20, "场"),
                S("开展免费健身指导", "≥", 300, "课时"),
            ]),
            ("质量指标", [
                S("场馆设施安全检查覆盖率", "=", 100, "%"),
                S("公益时段免费开放比例", "≥", 30, "%"),
                S("场馆安全责任事故发生次数", "=", 0, "次"),
            ]),
            ("时效指标", [
                SD("补助资金拨付时间", "2025年9月底前", "2025-09"),
                S("每周免费开放时长", "≥", 35, "小时"),
            ]),
            ("成本指标", [
                S("场馆运营维护成本", "≤", 212, "万元"),
            ]),
        ]),
        ("效果指标", [
            ("社会效益指标", [
                S("经常参加体育锻炼人数比例", "≥", 42, "%"),
                SQ("全民健身公共服务水平", "明显提升"),
            ]),
            ("可持续影响指标", [
                SQ("场馆开放长效运营机制", "逐步建立"),
            ]),
            ("服务对象满意度指标", [
                S("健身群众满意度", "≥", 90, "%"),
            ]),
        ]),
    ],
)


def build_w3(path):
    doc = new_docx(landscape=True)
    docx_par(doc, "2025年度项目绩效目标申报表", 16, True, "center")
    docx_par(doc, "单位：万元", 10.5, False, "right")
    render_docx_table(doc, W3, mm_per_unit=2.2)
    docx_par(doc, "注：指标性质填写“≥”“≤”“=”或“定性”。", 9)
    doc.save(path)
    return [W3]


DOCS.append(("d1_w3_kuiwen_sports.docx", build_w3,
             "奎文区教育和体育局（山东）公共体育场馆开放补助资金申报表（Word，横向）；指标性质/指标值/"
             "度量单位分列；一级指标用旧称“效果指标”，满意度行挂在效果指标下（level1 归满意度）"))


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def write_jsonl(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    dirs = {k: os.path.join(OUT, k) for k in ("office", "pdf", "pdf_layout", "pdf_raw")}
    for d in dirs.values():
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    summary = []
    for fname, builder, desc in DOCS:
        base, ext = os.path.splitext(fname)
        opath = os.path.join(dirs["office"], fname)
        tables = builder(opath)
        sanity(tables)
        write_jsonl(os.path.join(dirs["office"], base + ".jsonl"), gold_records(fname, tables))
        subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_d1", "--headless",
                        "--convert-to", "pdf", "--outdir", dirs["pdf"], opath],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pdf = os.path.join(dirs["pdf"], base + ".pdf")
        assert os.path.exists(pdf), pdf
        write_jsonl(os.path.join(dirs["pdf"], base + ".jsonl"), gold_records(base + ".pdf", tables))
        lay = base + ".layout.txt"
        raw = base + ".raw.txt"
        subprocess.run(["pdftotext", "-layout", pdf, os.path.join(dirs["pdf_layout"], lay)], check=True)
        subprocess.run(["pdftotext", pdf, os.path.join(dirs["pdf_raw"], raw)], check=True)
        write_jsonl(os.path.join(dirs["pdf_layout"], base + ".layout.jsonl"), gold_records(lay, tables))
        write_jsonl(os.path.join(dirs["pdf_raw"], base + ".raw.jsonl"), gold_records(raw, tables))
        n = sum(1 for r in gold_records(fname, tables) if r["record"] == "indicator")
        summary.append((fname, len(tables), n))
        print(f"{fname}: {len(tables)} tables, {n} indicators", flush=True)
    print("TOTAL", sum(s[1] for s in summary), "tables,", sum(s[2] for s in summary), "indicators")


if __name__ == "__main__":
    main()
