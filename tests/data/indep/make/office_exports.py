# -*- coding: utf-8 -*-
"""Generator for independent test set B: 4 xlsx (+csv/tsv exports) and 4 docx
performance-target documents, with gold JSONL built from the same data."""
import csv, io, json, os, re
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, Cm

OUT = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- gold specs
def Q(cmp, v, unit, vmax=None):
    return dict(kind="quantity", comparator=cmp, value=float(v),
                value_max=None if vmax is None else float(vmax), unit=unit, date=None)

def T():
    return dict(kind="text", comparator=None, value=None, value_max=None, unit=None, date=None)

def D(d):
    return dict(kind="date", comparator=None, value=None, value_max=None, unit=None, date=d)

L2_TO_L1 = {"目标设定": "投入", "预算配置": "投入", "预算执行": "过程", "预算管理": "过程",
            "资产管理": "过程", "数量": "产出", "质量": "产出", "时效": "产出", "成本": "产出",
            "经济效益": "效益", "社会效益": "效益", "生态效益": "效益", "可持续影响": "效益",
            "服务对象满意度": "满意度"}

def canon_l2(w):
    w = re.sub(r"\s", "", w)
    if w in ("满意度指标", "服务对象满意度指标", "社会公众或服务对象满意度指标", "服务对象满意度"):
        return "服务对象满意度"
    w = w[:-2] if w.endswith("指标") else w
    assert w in L2_TO_L1, w
    return w

def canon_l1(w, l2c):
    w = re.sub(r"\s", "", w)
    w = w[:-2] if w.endswith("指标") else w
    if w == "效果":
        w = "效益"
    assert w in ("投入", "过程", "产出", "效益", "满意度"), w
    # level1 follows level2
    return L2_TO_L1[l2c]

def nows(s):
    return re.sub(r"\s", "", s)

def fmtnum(x):
    return ("%d" % x) if float(x).is_integer() else repr(float(x))

def detect_cmp(vt):
    if re.search(r"≥|不少于|不低于|至少|以上", vt): return ">="
    if re.search(r"≤|不超过|不高于|以内|以下|控制在", vt): return "<="
    if vt.startswith("="): return "="
    if re.search(r"约|左右|大约", vt): return "~"
    if re.search(r"\d%?\s*[-～~至—]\s*\d", vt): return "between"
    return None

CN = {"两": 2, "一": 1, "三": 3}

def check(vt, g):
    """sanity-check a hand-written gold spec against the written value"""
    plain = vt.replace(",", "")
    if g["kind"] == "quantity":
        cmpd = detect_cmp(vt)
        assert cmpd == g["comparator"], (vt, cmpd, g)
        if vt[0] in CN:
            assert CN[vt[0]] == g["value"], vt
        else:
            m = re.search(r"\d+(\.\d+)?", plain)
            assert m and float(m.group()) == g["value"], (vt, g)
        if g["value_max"] is not None:
            nums = re.findall(r"\d+(?:\.\d+)?", plain)
            assert float(nums[1]) == g["value_max"], vt
        if g["unit"]:
            assert g["unit"] in vt, (vt, g)
            assert plain.endswith(g["unit"]), (vt, g)
    elif g["kind"] == "date":
        m = re.search(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", vt)
        d = m.group(1) + "-%02d" % int(m.group(2)) + ("-%02d" % int(m.group(3)) if m.group(3) else "")
        assert d == g["date"], (vt, g)
    else:
        assert not re.search(r"\d", vt), vt

# indicator row: dict(l1, l2, name, vt, g, [sym,num,unit], [actual, weight, score, reason], [note])
def I(l1, l2, name, vt, g, **kw):
    d = dict(l1=l1, l2=l2, name=name, vt=vt, g=g)
    d.update(kw)
    return d

def S(l1, l2, name, sym, num, unit, g):
    """separate comparator / value / unit columns"""
    vt = ("" if sym == "定性" else sym) + (num if isinstance(num, str) else fmtnum(num)) + (unit or "")
    return I(l1, l2, name, vt, g, sym=sym, num=num, unit=unit)

# ---------------------------------------------------------------- grid model
class Grid:
    def __init__(self, ncols):
        self.ncols = ncols
        self.rows = []      # list of lists
        self.merges = []    # (r1,c1,r2,c2) 0-based inclusive
        self.styles = {}    # (r) -> 'title' | 'right' | 'header'

    def add(self, cells, style=None):
        row = list(cells) + [None] * (self.ncols - len(cells))
        self.rows.append(row)
        if style:
            self.styles[len(self.rows) - 1] = style
        return len(self.rows) - 1

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    def hmerge_row(self, r, spans):
        for c1, c2 in spans:
            self.merge(r, c1, r, c2)

    def export_rows(self):
        """values as Excel 'Save as' shows them: merged cells empty except the first"""
        covered = set()
        for r1, c1, r2, c2 in self.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        covered.add((r, c))
        out = []
        for r, row in enumerate(self.rows):
            vals = []
            for c, v in enumerate(row):
                if (r, c) in covered or v is None:
                    vals.append("")
                elif isinstance(v, (int, float)):
                    vals.append(fmtnum(v))
                else:
                    vals.append(v)
            out.append(vals)
        return out


def add_indicators(g, rows, first_row, l1col, l2col, cols_fn):
    """write indicator rows; merge l1/l2 vertically over runs of equal written labels"""
    start = len(g.rows)
    for ind in rows:
        cells = [None] * g.ncols
        cells[l1col] = ind["l1"]
        cells[l2col] = ind["l2"]
        for c, v in cols_fn(ind).items():
            cells[c] = v
        g.add(cells)
    n = len(rows)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and rows[j + 1]["l1"] == rows[i]["l1"]:
            j += 1
        g.merge(start + i, l1col, start + j, l1col)
        for k in range(i + 1, j + 1):
            g.rows[start + k][l1col] = None
        i = j + 1
    i = 0
    while i < n:
        j = i
        while j + 1 < n and (rows[j + 1]["l1"], rows[j + 1]["l2"]) == (rows[i]["l1"], rows[i]["l2"]):
            j += 1
        g.merge(start + i, l2col, start + j, l2col)
        for k in range(i + 1, j + 1):
            g.rows[start + k][l2col] = None
        i = j + 1
    return start, start + n - 1

# ---------------------------------------------------------------- writers
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

def write_sheet(ws, g, widths, border_from=2):
    for r, row in enumerate(g.rows):
        for c, v in enumerate(row):
            cell = ws.cell(row=r + 1, column=c + 1)
            if v is not None:
                cell.value = v
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"      # typed as text ('=2次/年), not a formula
            st = g.styles.get(r)
            if st == "title":
                cell.font = Font(name="方正小标宋简体", size=16, bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center")
            elif st == "right":
                cell.font = Font(name="宋体", size=10)
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif st == "plain":
                cell.font = Font(name="宋体", size=10)
                cell.alignment = Alignment(horizontal="left", vertical="center")
            else:
                cell.font = Font(name="宋体", size=10, bold=(st == "header"))
                cell.alignment = Alignment(horizontal="center" if c < 3 or st == "header" else "left",
                                           vertical="center", wrap_text=True)
                cell.border = BORDER
    for r1, c1, r2, c2 in g.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    for r, st in g.styles.items():
        if st == "title":
            ws.row_dimensions[r + 1].height = 32


def write_exports(name, grids, csv_enc, tsv_enc):
    rows = []
    for k, g in enumerate(grids):
        if k:
            rows.append([""] * g.ncols)   # blank line between the two sheets
        rows.extend(g.export_rows())
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(rows)
    text = buf.getvalue()
    path = os.path.join(OUT, "csv", name + ".csv")
    if csv_enc == "utf-8-sig":
        data = text.encode("utf-8-sig")
    else:
        data = text.encode(csv_enc)
    open(path, "wb").write(data)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
    w.writerows(rows)
    text = buf.getvalue()
    if tsv_enc == "utf-16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode("utf-8")
    open(os.path.join(OUT, "tsv", name + ".txt"), "wb").write(data)


def write_gold(path, docname, tables):
    with open(path, "w", encoding="utf-8") as f:
        for t, tab in enumerate(tables):
            m = tab["meta"]
            rec = dict(record="table", doc=docname, table=t, project=m["project"],
                       table_type=m["table_type"], year=m["year"], department=m["department"],
                       implementer=m["implementer"], funds_total=m["funds_total"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        for t, tab in enumerate(tables):
            for ind in tab["inds"]:
                l2 = canon_l2(ind["l2"])
                l1 = canon_l1(ind["l1"], l2)
                g = ind["g"]
                vt = nows(ind["vt"])
                check(vt, g)
                rec = dict(record="indicator", doc=docname, table=t, project=tab["meta"]["project"],
                           level1=l1, level2=l2, name=nows(ind["name"]), value_text=vt)
                rec.update(g)
                rec["actual_text"] = nows(ind["actual"]) if ind.get("actual") is not None else None
                rec["weight"] = float(ind["weight"]) if ind.get("weight") is not None else None
                rec["score"] = float(ind["score"]) if ind.get("score") is not None else None
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def emit_xlsx(name, sheets, tables, csv_enc, tsv_enc):
    """sheets: list of (sheetname, grid, widths)"""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sname, g, widths in sheets:
        ws = wb.create_sheet(sname)
        write_sheet(ws, g, widths)
    path = os.path.join(OUT, "xlsx", name + ".xlsx")
    wb.save(path)
    write_gold(os.path.join(OUT, "xlsx", name + ".jsonl"), name + ".xlsx", tables)
    write_exports(name, [s[1] for s in sheets], csv_enc, tsv_enc)
    write_gold(os.path.join(OUT, "csv", name + ".jsonl"), name + ".csv", tables)
    write_gold(os.path.join(OUT, "tsv", name + ".jsonl"), name + ".txt", tables)

# ---- docx helpers
def set_cell_text(cell, text, bold=False, center=False, size=10.5):
    cell.text = ""
    lines = str(text).split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

def new_doc():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    st.font.size = Pt(12)
    return d

def para(d, text, bold=False, center=False, size=12, right=False):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    r.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p

def docx_table(d, g, widths=None, header_rows=()):
    tb = d.add_table(rows=len(g.rows), cols=g.ncols)
    tb.style = "Table Grid"
    for r1, c1, r2, c2 in g.merges:
        tb.cell(r1, c1).merge(tb.cell(r2, c2))
    covered = set()
    for r1, c1, r2, c2 in g.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    for r, row in enumerate(g.rows):
        for c, v in enumerate(row):
            if (r, c) in covered or v is None:
                continue
            txt = fmtnum(v) if isinstance(v, (int, float)) else v
            set_cell_text(tb.cell(r, c), txt, bold=(g.styles.get(r) == "header"),
                          center=(c < 2 or g.styles.get(r) == "header"))
    if widths:
        for row in tb.rows:
            for c, w in enumerate(widths):
                row.cells[c].width = Cm(w)
    return tb

def emit_docx(name, d, tables):
    d.save(os.path.join(OUT, "docx", name + ".docx"))
    write_gold(os.path.join(OUT, "docx", name + ".jsonl"), name + ".docx", tables)

# =====================================================================
# 1. 山东 郓城县 教育 — single 指标值 column + 备注, satisfaction rows under 效益指标
# =====================================================================
def doc1():
    meta = dict(project="郓城县2024年农村义务教育薄弱学校改善办学条件及教师培训提升项目",
                table_type="project", year=2024, department="郓城县教育和体育局",
                implementer="郓城县教师发展中心", funds_total=1286.5)
    P, N = "产出指标", "效益指标"
    inds = [
        I(P, "数量指标", "改造薄弱学校校舍", "两处", Q(None, 2, "处"), note="城关、张营各一处"),
        I(P, "数量指标", "更新课桌凳", "≥3,600套", Q(">=", 3600, "套")),
        I(P, "数量指标", "配备多媒体教学\n设备", "不少于120套", Q(">=", 120, "套")),
        I(P, "数量指标", "教师培训人次", "≥12,500人次", Q(">=", 12500, "人次")),
        I(P, "数量指标", "送教下乡活动", "=2次/年", Q("=", 2, "次/年")),
        I(P, "质量指标", "校舍改造工程验收合格率", "100%", Q(None, 100, "%")),
        I(P, "质量指标", "设备采购验收合格率", "100%", Q(None, 100, "%"), note="按省定标准验收"),
        I(P, "质量指标", "参训教师考核合格率", "≥95%", Q(">=", 95, "%")),
        I(P, "质量指标", "薄弱学校改造后生均教学及辅助\n用房面积达标率", "≥85%", Q(">=", 85, "%")),
        I(P, "质量指标", "培训课时完成率", "90%～100%", Q("between", 90, "%", 100)),
        I(P, "时效指标", "校舍改造工程完工时间", "2024年8月底前完成", D("2024-08"), note="暑假期间施工"),
        I(P, "时效指标", "培训任务完成时间", "2024年12月底前", D("2024-12")),
        I(P, "成本指标", "校舍改造单位造价", "≤1800元/平方米", Q("<=", 1800, "元/平方米")),
        I(P, "成本指标", "教师人均培训成本", "≤1200元/人·年", Q("<=", 1200, "元/人·年")),
        I(P, "成本指标", "项目总成本", "控制在预算范围内", T()),
        I(N, "社会效益指标", "农村学校办学条件", "明显提升", T()),
        I(N, "社会效益指标", "义务教育阶段适龄儿童\n入学率", "100%", Q(None, 100, "%")),
        I(N, "社会效益指标", "教师课堂教学能力", "有效提高", T()),
        I(N, "可持续影响指标", "改造后校舍使用年限", "≥30年", Q(">=", 30, "年")),
        I(N, "可持续影响指标", "城乡义务教育均衡发展", "持续促进", T()),
        I(N, "服务对象满意度指标", "学生及家长满意度", "≥90%", Q(">=", 90, "%")),
        I(N, "服务对象满意度指标", "参训教师满意度", "≥95%", Q(">=", 95, "%")),
    ]
    g = Grid(6)
    r = g.add(["2024年度项目支出绩效目标申报表"], "title"); g.merge(r, 0, r, 5)
    r = g.add(["填报单位（盖章）：郓城县教育和体育局", None, None, None, "单位：万元"], "plain")
    g.merge(r, 0, r, 3); g.merge(r, 4, r, 5)
    r = g.add(["项目名称", meta["project"]]); g.merge(r, 1, r, 5); g.merge(r, 0, r, 0)
    r = g.add(["主管部门", "[412]郓城县教育和体育局", None, "实施单位", meta["implementer"]])
    g.merge(r, 1, r, 2); g.merge(r, 4, r, 5)
    r0 = g.add(["项目资金\n（万元）", "年度资金总额：", None, 1286.5]); g.merge(r0, 1, r0, 2); g.merge(r0, 3, r0, 5)
    r = g.add([None, "其中：财政拨款", None, 1200]); g.merge(r, 1, r, 2); g.merge(r, 3, r, 5)
    r = g.add([None, "其他资金", None, 86.5]); g.merge(r, 1, r, 2); g.merge(r, 3, r, 5)
    g.merge(r0, 0, r, 0)
    r = g.add(["年度总体目标", "1.完成城关镇、张营镇两处薄弱学校校舍维修改造，更新课桌凳、多媒体教学设备，"
               "改善农村学校基本办学条件；\n2.组织全县中小学教师开展全员培训和送教下乡活动，"
               "提升农村教师课堂教学能力；\n3.推动城乡义务教育优质均衡发展。"]); g.merge(r, 1, r, 5)
    h = g.add(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"], "header")
    s, e = add_indicators(g, inds, None, 1, 2,
                          lambda i: {3: i["name"], 4: i["vt"], 5: i.get("note")})
    g.merge(h, 0, e, 0)
    for k in range(s, e + 1):
        g.rows[k][0] = None
    emit_xlsx("sd_edu_2024", [("绩效目标申报表", g, [8, 12, 16, 34, 22, 16])],
              [dict(meta=meta, inds=inds)], "utf-8-sig", "utf-16")
    return len(inds)

# =====================================================================
# 2. 湖南 澧县 农业 — 指标性质 / 指标值 / 度量单位 columns, amounts in 元
# =====================================================================
def doc2():
    meta = dict(project="澧县2025年高标准农田建设及耕地质量提升项目", table_type="project", year=2025,
                department="澧县农业农村局", implementer="澧县农田建设服务中心", funds_total=2865.0)
    P, N, M = "产出指标", "效益指标", "满意度指标"
    inds = [
        S(P, "数量指标", "新建高标准农田面积", "≥", "12,500", "亩", Q(">=", 12500, "亩")),
        S(P, "数量指标", "新建及改造灌排渠道", "≥", 48, "公里", Q(">=", 48, "公里")),
        S(P, "数量指标", "新建机耕道路", "≥", 22.5, "公里", Q(">=", 22.5, "公里")),
        S(P, "数量指标", "新建小型蓄水池", "=", 16, "座", Q("=", 16, "座")),
        S(P, "数量指标", "土壤改良施用商品有机肥", "≥", "1,800", "吨", Q(">=", 1800, "吨")),
        S(P, "数量指标", "开展高标准农田建后管护\n技术培训", "≥", 6, "期", Q(">=", 6, "期")),
        S(P, "质量指标", "工程竣工验收合格率", "=", 100, "%", Q("=", 100, "%")),
        S(P, "质量指标", "建成区耕地质量等级提升", "≥", 0.5, "等", Q(">=", 0.5, "等")),
        S(P, "质量指标", "项目区灌溉设计保证率", "≥", 85, "%", Q(">=", 85, "%")),
        S(P, "时效指标", "项目开工时间", "定性", "2025年4月底前", None, D("2025-04")),
        S(P, "时效指标", "项目完工时间", "定性", "2025年11月底前完成", None, D("2025-11")),
        S(P, "成本指标", "高标准农田亩均财政投入", "≤", "2,300", "元/亩", Q("<=", 2300, "元/亩")),
        S(P, "成本指标", "项目总投资", "≤", 2865, "万元", Q("<=", 2865, "万元")),
        S(N, "经济效益指标", "项目区粮食亩均增产", "≥", 50, "公斤", Q(">=", 50, "公斤")),
        S(N, "经济效益指标", "亩均节本增效", "≥", 150, "元", Q(">=", 150, "元")),
        S(N, "社会效益指标", "项目区受益农户", "≥", "8,600", "户", Q(">=", 8600, "户")),
        S(N, "社会效益指标", "农业综合生产能力", "定性", "明显提升", None, T()),
        S(N, "生态效益指标", "项目区化肥使用量减少", "≥", 5, "%", Q(">=", 5, "%")),
        S(N, "生态效益指标", "农田生态环境", "定性", "持续改善", None, T()),
        S(N, "可持续影响指标", "工程设计使用年限", "≥", 15, "年", Q(">=", 15, "年")),
        S(N, "可持续影响指标", "建后管护机制", "定性", "健全", None, T()),
        S(M, "服务对象满意度指标", "项目区农户满意度", "≥", 90, "%", Q(">=", 90, "%")),
        S(M, "服务对象满意度指标", "村集体经济组织满意度", "≥", 90, "%", Q(">=", 90, "%")),
    ]
    g = Grid(6)
    g.add(["附件3"], "plain")
    r = g.add(["2025年度项目支出绩效目标表"], "title"); g.merge(r, 0, r, 5)
    r = g.add([None, None, None, None, "金额单位：元"], "right"); g.merge(r, 4, r, 5)
    r = g.add(["项目名称", meta["project"]]); g.merge(r, 1, r, 5)
    r = g.add(["主管部门", meta["department"], None, "实施单位", meta["implementer"]])
    g.merge(r, 1, r, 2); g.merge(r, 4, r, 5)
    r0 = g.add(["资金情况", "年度资金总额", None, 28650000]); g.merge(r0, 1, r0, 2); g.merge(r0, 3, r0, 5)
    r = g.add([None, "其中：财政拨款", None, 26000000]); g.merge(r, 1, r, 2); g.merge(r, 3, r, 5)
    r = g.add([None, "其他资金", None, 2650000]); g.merge(r, 1, r, 2); g.merge(r, 3, r, 5)
    g.merge(r0, 0, r, 0)
    r = g.add(["年度总体目标", "在澧阳平原粮食主产区新建高标准农田12500亩，配套建设灌排渠道、机耕道路和小型蓄水池，"
               "实施耕地质量提升示范，项目区粮食综合生产能力明显提升，11月底前全面完工并通过县级验收。"])
    g.merge(r, 1, r, 5)
    g.add(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"], "header")
    add_indicators(g, inds, None, 0, 1,
                   lambda i: {2: i["name"], 3: i["sym"], 4: i["num"], 5: i["unit"]})
    emit_xlsx("hn_agri_2025", [("Sheet1", g, [12, 16, 34, 10, 20, 10])],
              [dict(meta=meta, inds=inds)], "gb18030", "utf-8")
    return len(inds)

# =====================================================================
# 3. 内蒙古 翁牛特旗 水利 — 自评表, 效果指标 as level1
# =====================================================================
def doc3():
    meta = dict(project="翁牛特旗2023年农村牧区供水保障工程维修养护项目", table_type="self_evaluation",
                year=2023, department="翁牛特旗水利局", implementer="翁牛特旗农村牧区供水服务站",
                funds_total=486.0)
    P, E, M = "产出指标", "效果指标", "满意度指标"
    inds = [
        I(P, "数量指标", "维修改造供水工程处数", "≥35处", Q(">=", 35, "处"), actual="37处", weight=8, score=8),
        I(P, "数量指标", "更换输配水管网", "约50公里", Q("~", 50, "公里"), actual="52.6公里", weight=8, score=8),
        I(P, "数量指标", "维修更换水泵及消毒设备", "≥60台", Q(">=", 60, "台"), actual="58台", weight=6,
          score=5.8, reason="部分设备厂家供货延迟，已督促供货商于次年一季度前完成安装。"),
        I(P, "质量指标", "维修工程验收合格率", "100%", Q(None, 100, "%"), actual="100%", weight=8, score=8),
        I(P, "质量指标", "农村牧区集中供水工程\n水质达标率", "≥90%", Q(">=", 90, "%"), actual="92.3%",
          weight=6, score=6),
        I(P, "时效指标", "维修养护任务完成时间", "2023年10月底前", D("2023-10"), actual="2023年11月15日完成",
          weight=5, score=4, reason="汛期降雨偏多，部分管网开挖工期顺延半个月；今后提前谋划施工时序。"),
        I(P, "成本指标", "单处工程维修平均成本", "≤13.5万元", Q("<=", 13.5, "万元"), actual="12.74万元",
          weight=5, score=5),
        I(P, "成本指标", "输配水管网更换成本", "≤38万元/公里", Q("<=", 38, "万元/公里"), actual="36.2万元/公里",
          weight=4, score=4),
        I(E, "社会效益指标", "受益农牧民人口", "不少于4.2万人", Q(">=", 4.2, "万人"), actual="4.36万人",
          weight=8, score=8),
        I(E, "社会效益指标", "农村牧区自来水普及率", "≥88%", Q(">=", 88, "%"), actual="89.5%", weight=6, score=6),
        I(E, "社会效益指标", "农村牧区供水安全", "有效保障", T(), actual="有效保障", weight=6, score=6),
        I(E, "生态效益指标", "水源地周边环境", "持续改善", T(), actual="改善", weight=4, score=4),
        I(E, "可持续影响指标", "工程长效运行管护机制", "建立健全", T(), actual="已建立", weight=6, score=5,
          reason="个别嘎查村管水员流动性大，下一步加强管水员培训和考核。"),
        I(M, "服务对象满意度指标", "受益农牧民满意度", "≥90%", Q(">=", 90, "%"), actual="93.6%",
          weight=10, score=10),
    ]
    total = 9.7 + sum(i["score"] for i in inds)
    g = Grid(10)
    r = g.add(["项目支出绩效自评表"], "title"); g.merge(r, 0, r, 9)
    r = g.add(["（2023年度）"], "plain"); g.merge(r, 0, r, 9)
    g.rows[r][0] = "（2023年度）"
    r = g.add([None, None, None, None, None, None, None, None, "单位：万元"], "right"); g.merge(r, 8, r, 9)
    r = g.add(["项目名称", None, meta["project"]]); g.merge(r, 0, r, 1); g.merge(r, 2, r, 9)
    r = g.add(["主管部门", None, "翁牛特旗水利局", None, None, "实施单位", None, meta["implementer"]])
    g.merge(r, 0, r, 1); g.merge(r, 2, r, 4); g.merge(r, 5, r, 6); g.merge(r, 7, r, 9)
    r0 = g.add(["项目资金\n（万元）", None, None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    g.merge(r0, 2, r0, 3)
    r = g.add([None, None, "年度资金总额", None, 486, 486, 471.42, 10, "97.0%", 9.7]); g.merge(r, 2, r, 3)
    r = g.add([None, None, "其中：当年财政拨款", None, 486, 486, 471.42, "—", "—", "—"]); g.merge(r, 2, r, 3)
    r = g.add([None, None, "上年结转资金", None, 0, 0, 0, "—", "—", "—"]); g.merge(r, 2, r, 3)
    r = g.add([None, None, "其他资金", None, 0, 0, 0, "—", "—", "—"]); g.merge(r, 2, r, 3)
    g.merge(r0, 0, r, 1)
    r1 = g.add(["年度总体目标", None, "预期目标", None, None, None, "实际完成情况"])
    g.merge(r1, 2, r1, 5); g.merge(r1, 6, r1, 9)
    r = g.add([None, None, "对全旗35处以上农村牧区供水工程进行维修养护，更换老化输配水管网约50公里，"
               "更换水泵及消毒设备，保障4.2万农牧民饮水安全。", None, None, None,
               "完成37处供水工程维修养护，更换管网52.6公里、设备58台，受益人口4.36万人，"
               "农村牧区自来水普及率达到89.5%。"])
    g.merge(r, 2, r, 5); g.merge(r, 6, r, 9); g.merge(r1, 0, r, 1)
    g.add(["一级指标", "二级指标", "三级指标", None, "年度指标值", "实际完成值", "分值", "得分",
           "偏差原因分析及改进措施", None], "header")
    g.merge(len(g.rows) - 1, 2, len(g.rows) - 1, 3); g.merge(len(g.rows) - 1, 8, len(g.rows) - 1, 9)
    s, e = add_indicators(g, inds, None, 0, 1, lambda i: {2: i["name"], 4: i["vt"], 5: i["actual"],
                                                           6: i["weight"], 7: i["score"], 8: i.get("reason")})
    for k in range(s, e + 1):
        g.merge(k, 2, k, 3); g.merge(k, 8, k, 9)
    r = g.add(["总分", None, None, None, None, None, 100, round(total, 2), None]); g.merge(r, 0, r, 5)
    g.merge(r, 8, r, 9)
    r = g.add(["填报人：张晓燕        联系电话：0476-4321586        填报日期：2024年3月12日"], "plain")
    g.merge(r, 0, r, 9)
    emit_xlsx("nmg_water_2023_zpb", [("自评表", g, [9, 12, 14, 14, 16, 18, 8, 8, 22, 10])],
              [dict(meta=meta, inds=inds)], "utf-8-sig", "utf-8")
    return len(inds), round(total, 2)

# =====================================================================
# 4. 福建 尤溪县 文体旅 — two sheets: 部门整体 + project
# =====================================================================
def doc4():
    dept = "尤溪县文化体育和旅游局"
    m0 = dict(project=dept, table_type="department", year=2024, department=None, implementer=None,
              funds_total=1526.38)
    inds0 = [
        I("投入指标", "预算配置", "在职人员控制率", "≤100%", Q("<=", 100, "%")),
        I("投入指标", "预算配置", "“三公”经费变动率", "≤0", Q("<=", 0, None)),
        I("过程指标", "预算执行", "预算执行率", "≥95%", Q(">=", 95, "%")),
        I("过程指标", "预算执行", "结转结余率", "≤5%", Q("<=", 5, "%")),
        I("过程指标", "预算管理", "政府采购执行率", "100%", Q(None, 100, "%")),
        I("过程指标", "预算管理", "预决算信息公开率", "100%", Q(None, 100, "%")),
        I("过程指标", "资产管理", "固定资产利用率", "≥90%", Q(">=", 90, "%")),
        I("产出指标", "数量指标", "送戏下乡演出场次", "≥120场", Q(">=", 120, "场")),
        I("产出指标", "数量指标", "公共图书馆年接待读者", "不少于15万人次", Q(">=", 15, "万人次")),
        I("产出指标", "数量指标", "举办全民健身赛事活动", "≥20场次", Q(">=", 20, "场次")),
        I("产出指标", "数量指标", "文物安全巡查", "=12次/年", Q("=", 12, "次/年")),
        I("产出指标", "质量指标", "公共文化场馆免费开放率", "100%", Q(None, 100, "%")),
        I("产出指标", "质量指标", "文物安全事故发生数", "0起", Q(None, 0, "起")),
        I("产出指标", "时效指标", "年度重点任务完成时间", "2024年12月底前", D("2024-12")),
        I("效益指标", "社会效益指标", "群众精神文化生活", "明显丰富", T()),
        I("效益指标", "社会效益指标", "全县接待游客人次增长率", "≥8%", Q(">=", 8, "%")),
        I("效益指标", "经济效益指标", "旅游综合收入", "≥45亿元", Q(">=", 45, "亿元")),
        I("效益指标", "可持续影响指标", "朱子文化等优秀传统文化保护传承", "持续加强", T()),
        I("满意度指标", "服务对象满意度指标", "群众对公共文化服务满意度", "≥90%", Q(">=", 90, "%")),
    ]
    g0 = Grid(5)
    r = g0.add(["部门整体支出绩效目标表"], "title"); g0.merge(r, 0, r, 4)
    r = g0.add(["（2024年度）"], "plain"); g0.merge(r, 0, r, 4)
    r = g0.add([None, None, None, None, "单位：万元"], "right")
    r = g0.add(["部门名称", dept]); g0.merge(r, 1, r, 4)
    r0 = g0.add(["年度预算情况", "资金总额", 1526.38]); g0.merge(r0, 2, r0, 4)
    r = g0.add([None, "其中：基本支出", 842.16]); g0.merge(r, 2, r, 4)
    r = g0.add([None, "项目支出", 684.22]); g0.merge(r, 2, r, 4)
    g0.merge(r0, 0, r, 0)
    t0 = g0.add(["年度主要任务", "任务名称", "主要内容", None, "预算金额"]); g0.merge(t0, 2, t0, 3)
    tasks = [("公共文化服务", "送戏下乡、图书馆总分馆运行、文化馆免费开放", 236.5),
             ("文物保护与非遗传承", "文物安全巡查、非遗传承人传习补助、朱子文化传播", 185.0),
             ("全民健身与旅游推广", "举办全民健身赛事、旅游宣传推介和节庆活动", 262.72)]
    for tn, tc, ta in tasks:
        r = g0.add([None, tn, tc, None, ta]); g0.merge(r, 2, r, 3)
    g0.merge(t0, 0, r, 0)
    r = g0.add(["年度绩效目标", "围绕文化强县建设，完善公共文化服务体系，加强文物保护和非遗传承，"
                "广泛开展全民健身活动，推动文旅融合发展，全年送戏下乡不少于120场，旅游综合收入45亿元以上。"])
    g0.merge(r, 1, r, 4)
    g0.add(["一级指标", "二级指标", "三级指标", "指标值", "备注"], "header")
    add_indicators(g0, inds0, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"]})

    m1 = dict(project="尤溪县2024年非物质文化遗产保护传承及朱子文化传播活动经费", table_type="project",
              year=2024, department=dept, implementer="尤溪县文化馆", funds_total=85.0)
    inds1 = [
        I("产出指标", "数量指标", "非遗代表性传承人传习补助人数", "28人", Q(None, 28, "人")),
        I("产出指标", "数量指标", "开展非遗进校园、进社区活动", "≥30场", Q(">=", 30, "场")),
        I("产出指标", "数量指标", "编印朱子文化通俗读本", "5,000册", Q(None, 5000, "册")),
        I("产出指标", "数量指标", "新增非遗项目数字化记录", "≥3项", Q(">=", 3, "项")),
        I("产出指标", "质量指标", "传承人年度考核合格率", "≥95%", Q(">=", 95, "%")),
        I("产出指标", "质量指标", "活动方案执行率", "100%", Q(None, 100, "%")),
        I("产出指标", "时效指标", "传习补助发放时间", "2024年6月30日前", D("2024-06-30")),
        I("产出指标", "成本指标", "传承人传习补助标准", "=5000元/人·年", Q("=", 5000, "元/人·年")),
        I("产出指标", "成本指标", "项目支出", "≤85万元", Q("<=", 85, "万元")),
        I("效益指标", "社会效益指标", "非遗项目传承活力", "显著增强", T()),
        I("效益指标", "社会效益指标", "活动参与群众", "≥1.2万人次", Q(">=", 1.2, "万人次")),
        I("效益指标", "可持续影响指标", "非遗保护传承长效机制", "逐步完善", T()),
        I("满意度指标", "服务对象满意度指标", "参与群众满意度", "≥92%", Q(">=", 92, "%")),
    ]
    g1 = Grid(5)
    r = g1.add(["2024年度项目支出绩效目标表"], "title"); g1.merge(r, 0, r, 4)
    r = g1.add([None, None, None, None, "单位：万元"], "right")
    r = g1.add(["项目名称", m1["project"]]); g1.merge(r, 1, r, 4)
    r = g1.add(["主管部门", dept, "实施单位", m1["implementer"]]); g1.merge(r, 3, r, 4)
    r0 = g1.add(["资金情况", "年度资金总额", 85]); g1.merge(r0, 2, r0, 4)
    r = g1.add([None, "其中：财政拨款", 85]); g1.merge(r, 2, r, 4)
    r = g1.add([None, "其他资金", 0]); g1.merge(r, 2, r, 4)
    g1.merge(r0, 0, r, 0)
    r = g1.add(["年度总体目标", "落实28名非遗代表性传承人传习补助，开展非遗进校园、进社区活动30场以上，"
                "编印朱子文化通俗读本5000册，增强非遗项目传承活力。"]); g1.merge(r, 1, r, 4)
    g1.add(["一级指标", "二级指标", "三级指标", "指标值", "备注"], "header")
    add_indicators(g1, inds1, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"]})
    emit_xlsx("fj_culture_2024", [("部门整体", g0, [14, 18, 34, 20, 16]), ("非遗项目", g1, [14, 18, 34, 20, 16])],
              [dict(meta=m0, inds=inds0), dict(meta=m1, inds=inds1)], "utf-8", "utf-8")
    return len(inds0), len(inds1)

# =====================================================================
# 5. 陕西 城固县 卫健 — docx 部门整体支出绩效目标表
# =====================================================================
def doc5():
    dept = "城固县卫生健康局"
    meta = dict(project=dept, table_type="department", year=2024, department=None, implementer=None,
                funds_total=3862.45)
    inds = [
        I("投入", "目标设定", "绩效目标合理性", "符合部门职责和卫生健康事业发展规划", T()),
        I("投入", "预算配置", "在职人员控制率", "≤100%", Q("<=", 100, "%")),
        I("投入", "预算配置", "重点支出安排率", "≥60%", Q(">=", 60, "%")),
        I("过程", "预算执行", "预算执行率", "≥95%", Q(">=", 95, "%")),
        I("过程", "预算执行", "预算调整率", "≤10%", Q("<=", 10, "%")),
        I("过程", "预算管理", "公用经费控制率", "≤100%", Q("<=", 100, "%")),
        I("过程", "预算管理", "政府采购执行率", "100%", Q(None, 100, "%")),
        I("过程", "资产管理", "资产管理制度健全性", "健全", T()),
        I("过程", "资产管理", "固定资产利用率", "≥85%", Q(">=", 85, "%")),
        I("产出", "数量", "免费孕前优生健康检查目标人群覆盖率", "≥80%", Q(">=", 80, "%")),
        I("产出", "数量", "65岁及以上老年人健康管理人数", "≥21,000人", Q(">=", 21000, "人")),
        I("产出", "数量", "家庭医生签约服务重点人群签约率", "≥75%", Q(">=", 75, "%")),
        I("产出", "数量", "适龄儿童国家免疫规划疫苗接种率", "≥90%", Q(">=", 90, "%")),
        I("产出", "质量", "法定传染病报告及时率", "100%", Q(None, 100, "%")),
        I("产出", "质量", "村卫生室标准化建设达标", "≥12家", Q(">=", 12, "家")),
        I("产出", "时效", "基本公共卫生服务补助资金拨付", "按季度及时拨付", T()),
        I("产出", "成本", "人均基本公共卫生服务经费补助标准", "89元/人·年", Q(None, 89, "元/人·年")),
        I("效益", "社会效益", "居民健康素养水平", "≥28%", Q(">=", 28, "%")),
        I("效益", "社会效益", "孕产妇系统管理率", "≥90%", Q(">=", 90, "%")),
        I("效益", "社会效益", "群众看病就医负担", "有所减轻", T()),
        I("效益", "可持续影响", "分级诊疗制度建设", "持续推进", T()),
        I("满意度", "服务对象满意度", "城乡居民对卫生健康服务满意度", "≥85%", Q(">=", 85, "%")),
    ]
    g = Grid(4)
    g.add(["部门名称", dept]); g.merge(0, 1, 0, 3)
    r0 = g.add(["年度预算情况\n（万元）", "资金总额", "3,862.45"]); g.merge(r0, 2, r0, 3)
    r = g.add([None, "其中：基本支出", "1,206.37"]); g.merge(r, 2, r, 3)
    r = g.add([None, "项目支出", "2,656.08"]); g.merge(r, 2, r, 3)
    g.merge(r0, 0, r, 0)
    r = g.add(["部门职能职责概述", "贯彻执行国家、省、市卫生健康工作方针政策，统筹规划全县卫生健康资源配置；"
               "负责疾病预防控制、妇幼健康、基本公共卫生服务和基层卫生工作；组织实施国家基本药物制度；"
               "负责计划生育管理和服务、老龄健康及职业健康工作。"]); g.merge(r, 1, r, 3)
    r = g.add(["年度绩效目标", "目标1：巩固基本公共卫生服务项目成效，重点人群健康管理率稳步提高。\n"
               "目标2：推进紧密型县域医共体建设，提升基层医疗卫生服务能力。\n"
               "目标3：加强重大疾病防控，居民健康素养水平达到28%以上。"]); g.merge(r, 1, r, 3)
    g.add(["一级指标", "二级指标", "三级指标", "指标值"], "header")
    add_indicators(g, inds, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"]})
    d = new_doc()
    para(d, "附件2", size=12)
    para(d, "部门整体支出绩效目标表", bold=True, center=True, size=18)
    para(d, "（2024年度）", center=True, size=12)
    para(d, "填报单位（盖章）：城固县卫生健康局", size=11)
    docx_table(d, g, widths=[3.0, 3.0, 6.0, 4.5])
    para(d, "填报说明：1.绩效指标应与部门职能职责和年度主要任务相对应，定量指标应明确计量单位；"
         "2.本表随部门预算一并报送县财政局，并按规定在部门预算公开时同步公开。", size=10.5)
    para(d, "单位负责人：王建军    财务负责人：李秀梅    联系人：赵敏    电话：0916-7212345", size=10.5)
    emit_docx("sx_health_2024", d, [dict(meta=meta, inds=inds)])
    return len(inds)

# =====================================================================
# 6. 云南 会泽县 交通 — docx with 权重 column
# =====================================================================
def doc6():
    meta = dict(project="会泽县2025年农村公路养护及窄路面拓宽改造工程项目", table_type="project", year=2025,
                department="会泽县交通运输局", implementer="会泽县农村公路管理站", funds_total=1960.0)
    P, N, M = "产出指标", "效益指标", "满意度指标"
    inds = [
        I(P, "数量指标", "农村公路日常养护里程", "≥1,150公里", Q(">=", 1150, "公里"), weight=10),
        I(P, "数量指标", "窄路面拓宽改造", "约50公里", Q("~", 50, "公里"), weight=10),
        I(P, "数量指标", "实施公路安全生命防护工程", "≥85公里", Q(">=", 85, "公里"), weight=5),
        I(P, "数量指标", "危旧桥梁改造", "3座", Q(None, 3, "座"), weight=5),
        I(P, "质量指标", "养护路段优良中等路率", "≥80%", Q(">=", 80, "%"), weight=10),
        I(P, "质量指标", "改造工程交工验收合格率", "100%", Q(None, 100, "%"), weight=5),
        I(P, "时效指标", "拓宽改造工程完工时间", "2025年10月31日前", D("2025-10-31"), weight=5),
        I(P, "时效指标", "养护资金拨付及时率", "≥95%", Q(">=", 95, "%"), weight=5),
        I(P, "成本指标", "农村公路日常养护成本", "≤7000元/公里·年", Q("<=", 7000, "元/公里·年"), weight=5),
        I(P, "成本指标", "窄路面拓宽改造单位成本", "≤28万元/公里", Q("<=", 28, "万元/公里"), weight=5),
        I(N, "经济效益指标", "沿线群众出行及农产品运输成本", "明显降低", T(), weight=5),
        I(N, "社会效益指标", "具备条件的建制村通客车率", "100%", Q(None, 100, "%"), weight=5),
        I(N, "社会效益指标", "农村公路交通事故起数", "同比下降≥5%", Q(">=", 5, "%"), weight=5),
        I(N, "可持续影响指标", "农村公路“路长制”", "全面落实", T(), weight=5),
        I(N, "可持续影响指标", "改造路段设计使用年限", "≥10年", Q(">=", 10, "年"), weight=5),
        I(M, "服务对象满意度指标", "沿线群众满意度", "≥90%", Q(">=", 90, "%"), weight=10),
    ]
    assert sum(i["weight"] for i in inds) == 100
    g = Grid(5)
    r = g.add(["项目名称", meta["project"]]); g.merge(r, 1, r, 4)
    r = g.add(["主管部门", meta["department"], "实施单位", meta["implementer"]]); g.merge(r, 3, r, 4)
    r0 = g.add(["项目资金\n（万元）", "年度资金总额", "1,960.00"]); g.merge(r0, 2, r0, 4)
    r = g.add([None, "其中：财政拨款", "1,760.00"]); g.merge(r, 2, r, 4)
    r = g.add([None, "其他资金", "200.00"]); g.merge(r, 2, r, 4)
    g.merge(r0, 0, r, 0)
    r = g.add(["年度总体目标", "完成全县1150公里以上农村公路日常养护，实施窄路面拓宽改造约50公里，"
               "同步实施安全生命防护工程和危旧桥梁改造，农村公路优良中等路率达到80%以上，"
               "群众出行条件明显改善。"]); g.merge(r, 1, r, 4)
    g.add(["一级指标", "二级指标", "三级指标", "指标值", "权重（%）"], "header")
    add_indicators(g, inds, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"], 4: i["weight"]})
    r = g.add(["合计", None, None, None, 100]); g.merge(r, 0, r, 3)
    d = new_doc()
    para(d, "会泽县交通运输局2025年项目支出绩效目标表", bold=True, center=True, size=16)
    para(d, "根据《会泽县县级预算绩效目标管理暂行办法》要求，现将我局2025年农村公路养护项目绩效目标填报如下。", size=12)
    para(d, "2025年度项目支出绩效目标申报表", bold=True, center=True, size=14)
    docx_table(d, g, widths=[2.6, 3.0, 5.6, 3.8, 2.0])
    para(d, "填报说明：权重合计为100%，其中产出指标权重不低于50%，满意度指标权重为10%。", size=10.5)
    para(d, "填报人：杨丽萍    联系电话：0874-5123678    审核人：陈国华    填报日期：2024年11月20日", size=10.5)
    emit_docx("yn_transport_2025", d, [dict(meta=meta, inds=inds)])
    return len(inds)

# =====================================================================
# 7. 湖南 新邵县 退役军人 — two project tables in one docx (万元 / 元)
# =====================================================================
def doc7():
    dept = "新邵县退役军人事务局"
    impl = "新邵县退役军人服务中心"
    m0 = dict(project="重点优抚对象短期疗养及节日走访慰问经费", table_type="project", year=2024,
              department=dept, implementer=impl, funds_total=96.4)
    P, N, M = "产出指标", "效益指标", "满意度指标"
    inds0 = [
        I(P, "数量指标", "组织重点优抚对象短期疗养", "不少于120人次", Q(">=", 120, "人次")),
        I(P, "数量指标", "节日走访慰问优抚对象", "≥1,450人", Q(">=", 1450, "人")),
        I(P, "数量指标", "为烈属、军属和退役军人家庭更换悬挂光荣牌", "320户", Q(None, 320, "户")),
        I(P, "质量指标", "慰问金发放准确率", "100%", Q(None, 100, "%")),
        I(P, "质量指标", "疗养人员健康体检覆盖率", "100%", Q(None, 100, "%")),
        I(P, "时效指标", "春节走访慰问完成时间", "2024年2月9日前", D("2024-02-09")),
        I(P, "时效指标", "短期疗养活动完成时间", "2024年10月底前", D("2024-10")),
        I(P, "成本指标", "短期疗养人均费用", "≤2500元/人", Q("<=", 2500, "元/人")),
        I(P, "成本指标", "走访慰问标准", "500元/户", Q(None, 500, "元/户")),
        I(N, "社会效益指标", "优抚对象获得感和荣誉感", "明显增强", T()),
        I(N, "社会效益指标", "全社会尊崇军人的氛围", "进一步浓厚", T()),
        I(M, "服务对象满意度指标", "优抚对象满意度", "≥95%", Q(">=", 95, "%")),
    ]
    m1 = dict(project="新邵县2024年退役军人适应性培训及就业创业扶持服务项目", table_type="project", year=2024,
              department=dept, implementer=impl, funds_total=126.8)
    inds1 = [
        I(P, "数量指标", "开展退役军人适应性培训", "≥260人", Q(">=", 260, "人")),
        I(P, "数量指标", "举办退役军人专场招聘会", "=2次/年", Q("=", 2, "次/年")),
        I(P, "数量指标", "提供就业岗位", "不少于800个", Q(">=", 800, "个")),
        I(P, "数量指标", "扶持退役军人创业\n（创业担保贷款贴息）", "10～15户", Q("between", 10, "户", 15)),
        I(P, "质量指标", "培训结业率", "≥98%", Q(">=", 98, "%")),
        I(P, "质量指标", "就业推荐成功率", "90%～100%", Q("between", 90, "%", 100)),
        I(P, "时效指标", "培训任务完成时间", "2024年11月底前完成", D("2024-11")),
        I(P, "成本指标", "人均培训补助", "≤3,000元/人", Q("<=", 3000, "元/人")),
        I(P, "成本指标", "项目总成本", "控制在预算范围内", T()),
        I(N, "社会效益指标", "参训退役军人就业率", "≥85%", Q(">=", 85, "%")),
        I(N, "社会效益指标", "退役军人就业创业能力", "明显提升", T()),
        I(N, "可持续影响指标", "退役军人就业创业服务体系", "逐步健全", T()),
        I(M, "服务对象满意度指标", "参训退役军人满意度", "≥90%", Q(">=", 90, "%")),
    ]

    def grid(meta, inds, unit_label, funds):
        g = Grid(4)
        r = g.add(["项目名称", meta["project"]]); g.merge(r, 1, r, 3)
        r = g.add(["主管部门", dept, "实施单位", impl])
        r0 = g.add(["资金情况\n（" + unit_label + "）", "年度资金总额", funds[0]]); g.merge(r0, 2, r0, 3)
        r = g.add([None, "其中：财政拨款", funds[1]]); g.merge(r, 2, r, 3)
        r = g.add([None, "其他资金", funds[2]]); g.merge(r, 2, r, 3)
        g.merge(r0, 0, r, 0)
        return g

    g0 = grid(m0, inds0, "万元", ["96.40", "96.40", "0.00"])
    r = g0.add(["年度总体目标", "组织重点优抚对象短期疗养不少于120人次，春节、八一等节日走访慰问优抚对象1450人以上，"
                "为烈属、军属和退役军人家庭更换悬挂光荣牌，增强优抚对象获得感和荣誉感。"]); g0.merge(r, 1, r, 3)
    g0.add(["一级指标", "二级指标", "三级指标", "指标值"], "header")
    add_indicators(g0, inds0, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"]})
    g1 = grid(m1, inds1, "元", ["1,268,000.00", "1,268,000.00", "0.00"])
    r = g1.add(["年度总体目标", "1.组织退役军人适应性培训260人以上；\n2.举办专场招聘会2次，提供就业岗位800个以上；\n"
                "3.扶持退役军人自主创业10～15户，参训退役军人就业率达85%以上。"]); g1.merge(r, 1, r, 3)
    g1.add(["一级指标", "二级指标", "三级指标", "指标值"], "header")
    add_indicators(g1, inds1, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"]})
    d = new_doc()
    para(d, "新邵县退役军人事务局2024年度项目支出绩效目标", bold=True, center=True, size=16)
    para(d, "按照县财政局关于编制2024年部门预算的通知要求，我局对纳入预算的2个项目编制了绩效目标，具体如下：", size=12)
    para(d, "表1", size=11)
    para(d, "2024年度项目支出绩效目标表", bold=True, center=True, size=14)
    para(d, "单位：万元", right=True, size=10.5)
    docx_table(d, g0, widths=[2.8, 3.2, 6.4, 4.6])
    para(d, "")
    para(d, "表2", size=11)
    para(d, "2024年度项目支出绩效目标表", bold=True, center=True, size=14)
    para(d, "金额单位：元", right=True, size=10.5)
    docx_table(d, g1, widths=[2.8, 3.2, 6.4, 4.6])
    para(d, "注：项目绩效目标经县财政局审核后随部门预算批复。", size=10.5)
    para(d, "联系人：彭志强    电话：0739-3612408", size=10.5)
    emit_docx("hn_vet_2024", d, [dict(meta=m0, inds=inds0), dict(meta=m1, inds=inds1)])
    return len(inds0), len(inds1)

# =====================================================================
# 8. 陕西 志丹县 林业 — 效果指标 level1 incl. 社会公众或服务对象满意度指标
# =====================================================================
def doc8():
    meta = dict(project="志丹县2024年退耕还林成果巩固及国土绿化示范项目", table_type="project", year=2024,
                department="志丹县林业局", implementer="志丹县林业工作站", funds_total=620.0)
    P, E = "产出指标", "效果指标"
    inds = [
        I(P, "数量指标", "完成人工造林面积", "3000-5000亩", Q("between", 3000, "亩", 5000)),
        I(P, "数量指标", "退化林修复", "≥2,000亩", Q(">=", 2000, "亩")),
        I(P, "数量指标", "补植补造苗木", "≥18万株", Q(">=", 18, "万株")),
        I(P, "数量指标", "新建生物防火隔离带", "约12公里", Q("~", 12, "公里")),
        I(P, "质量指标", "当年造林成活率", "≥85%", Q(">=", 85, "%")),
        I(P, "质量指标", "苗木质量合格率", "100%", Q(None, 100, "%")),
        I(P, "质量指标", "造林三年保存率", "≥80%", Q(">=", 80, "%")),
        I(P, "时效指标", "春季造林完成时间", "2024年5月底前", D("2024-05")),
        I(P, "时效指标", "秋季补植补造完成时间", "2024年11月底前完成", D("2024-11")),
        I(P, "成本指标", "人工造林亩均成本", "≤1,100元/亩", Q("<=", 1100, "元/亩")),
        I(E, "经济效益指标", "带动林农务工增收", "≥260万元", Q(">=", 260, "万元")),
        I(E, "社会效益指标", "吸纳脱贫人口及监测对象就近务工", "不少于150人", Q(">=", 150, "人")),
        I(E, "生态效益指标", "项目区森林覆盖率", "提高0.3个百分点", Q(None, 0.3, "个百分点")),
        I(E, "生态效益指标", "项目区水土流失状况", "明显改善", T()),
        I(E, "可持续影响指标", "新造林地管护期", "≥3年", Q(">=", 3, "年")),
        I(E, "可持续影响指标", "区域生态环境", "持续向好", T()),
        I(E, "社会公众或服务对象满意度指标", "项目区群众满意度", "≥90%", Q(">=", 90, "%")),
        I(E, "社会公众或服务对象满意度指标", "参与造林林农满意度", "≥88%", Q(">=", 88, "%")),
    ]
    g = Grid(5)
    r = g.add(["项目名称", meta["project"]]); g.merge(r, 1, r, 4)
    r = g.add(["主管部门及代码", "志丹县林业局[327]", "实施单位", meta["implementer"]]); g.merge(r, 3, r, 4)
    r0 = g.add(["项目资金\n（万元）", "年度资金总额：", "620"]); g.merge(r0, 2, r0, 4)
    r = g.add([None, "其中：财政拨款", "580"]); g.merge(r, 2, r, 4)
    r = g.add([None, "其他资金", "40"]); g.merge(r, 2, r, 4)
    g.merge(r0, 0, r, 0)
    r = g.add(["年度绩效目标", "巩固退耕还林成果，在周河、洛河流域实施人工造林3000—5000亩、退化林修复2000亩以上，"
               "补植补造苗木18万株以上，当年造林成活率达到85%以上，吸纳脱贫人口就近务工，"
               "项目区水土流失状况明显改善。"]); g.merge(r, 1, r, 4)
    g.add(["一级指标", "二级指标", "三级指标", "指标值", "备注"], "header")
    notes = {"当年造林成活率": "按GB/T 15776检查验收", "新造林地管护期": "与管护主体签订协议"}
    add_indicators(g, inds, None, 0, 1, lambda i: {2: i["name"], 3: i["vt"], 4: notes.get(i["name"])})
    d = new_doc()
    para(d, "附件4", size=12)
    para(d, "2024年度志丹县项目支出绩效目标表", bold=True, center=True, size=16)
    para(d, "单位：万元", right=True, size=10.5)
    docx_table(d, g, widths=[2.6, 3.2, 5.8, 3.6, 2.8])
    para(d, "填报说明：1.“效果指标”包括经济效益、社会效益、生态效益、可持续影响及社会公众或服务对象满意度指标；"
         "2.指标值应尽量量化，难以量化的可采用定性表述。", size=10.5)
    para(d, "填报单位：志丹县林业局（盖章）    联系人：高彦斌    电话：0911-6622517", size=10.5)
    emit_docx("zd_forest_2024", d, [dict(meta=meta, inds=inds)])
    return len(inds)


if __name__ == "__main__":
    counts = {}
    counts["sd_edu_2024"] = doc1()
    counts["hn_agri_2025"] = doc2()
    counts["nmg_water_2023_zpb"] = doc3()
    counts["fj_culture_2024"] = doc4()
    counts["sx_health_2024"] = doc5()
    counts["yn_transport_2025"] = doc6()
    counts["hn_vet_2024"] = doc7()
    counts["zd_forest_2024"] = doc8()
    print(json.dumps(counts, ensure_ascii=False))
