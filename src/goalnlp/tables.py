"""Table metadata: project, type, year, department, implementer, funds.

Reads the key/value block above a table's indicator part.  Keys are found
wherever a cell starts (line start, after spaces, ``|``, or punctuation); a
key's value is what follows it up to the next key, on the same line or — when
the key ends its line — on the next line.
"""

from __future__ import annotations

import functools
import re

import regex

from .doc import Line, Table
from .layout import Region, compact, line_comp, split_cells


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


_KEYS: list[tuple[str, str]] = [
    ("project2", r"二级项目名称"),
    ("project1", r"一级项目名称"),
    ("dept_name", r"(?:预算部门|预算单位|部门\(单位\)|预算\(单位\)|部门|单位)名称"),
    ("project", r"项目\(?名称\)?"),
    ("department", r"主管部门(?:及代码|名称)?|主管单位"),
    ("implementer", r"项目实施单位|实施单位(?:名称)?|执行单位"),
    ("funds", r"(?:年度)?资金总额|项目资金总额|总体资金情况|年度资金情况|资金情况|项目资金(?=\s*[(（])"),
    # "年度资金总" / figures / "额：": the key cut by its cell's width, at the end of its line.
    ("funds", r"年度资金总(?=\s*$)"),
    # "部门年度预算情况资金总额：5,779.73万元": the total glued to a heading before it.
    ("funds", r"(?<=情况)资金总额(?=(?:[(（][^)）]{0,4}[)）])?[:：])"),
    ("year", r"预算年度|年度(?=[:：])"),
    ("stop", r"(?<=\p{Han}|^|[\s:：;；，,|)）])项目负责人?(?:及电话)?|负责人|联系电话|项目编码|项目代码|资\s?金\s?来\s?源|项目属性|项目类型|项目期限?|财政拨款|其中|本级安排|上级补助|其他资金|非财政拨款|年度总体目标|总体目标|年度目标|绩效目标|项目概况|政策依据|单位[:：]|填报日期|单位\(盖章\)|项目分类|部门年度预算(?:情况)?"),
]
# Keys that cannot occur inside a value are found even when glued to the text before.
_ANYWHERE = {"project2", "implementer", "department"}
_KEY_FIND = regex.compile(
    "|".join(
        f"({p})" if k in _ANYWHERE or p.startswith("(?<=") else f"((?:^|(?<=[\\s:：;；，,|])){p})" for k, p in _KEYS
    )
)


# Every key above starts with one of these characters: lines without any hold no key.
_KEY_START_RE = re.compile("[二一预部单项主实执年资总负联财其本上非绩政填]")


# Characters OCR reads for a key's own (项日名称, 主管部冂, 实施単位, 资金总頟): keys are looked
# for in the line read through this table (one character for one, so positions hold).
_OCR_KEY_CHARS = str.maketrans({"日": "目", "冂": "门", "単": "单", "頟": "额", "額": "额"})


def _find_keys(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of every metadata key on a line, keys standing at a cell start."""
    if _KEY_START_RE.search(text) is None:  # (no look-alike stands for a key's first character)
        return []
    text = text.translate(_OCR_KEY_CHARS)
    out = []
    for m in _KEY_FIND.finditer(text):
        key = _KEYS[m.lastindex - 1][0]
        st = m.start()
        if st > 0 and text[st - 1] not in _STRIP and m.end() - st < 6 and _PROSE_PUNCT_RE.search(text, 0, st):
            # "…报请主管部门审定后执行": a key word inside prose (the long labels,
            # 项目负责人及电话 or 二级项目名称, are never prose).
            continue
        out.append((key, st, m.end()))
    return out


_STRIP = " \t|:：;；，,"
_PROSE_PUNCT_RE = re.compile("[，。、；]")


_CODE_RE = regex.compile(r"^[\[【(（]\s*\d+\s*[\]】)）]\s*|\s*[\[【(（]\s*\d+\s*[\]】)）]$")
_YEAR_RE = regex.compile(r"(?<!\d)((?:19|20)\d{2}|2,0\d{2})\s*年")
_YEAR_KEY_RE = regex.compile(r"(?:预算年度|年度)[:：]?\s*((?:19|20)\d{2})")
_NUM_RE = regex.compile(r"-?\d[\d,]*(?:\.\d+)?")


_ORG_END_RE = regex.compile(r"(?:局|厅|委|院|会|部|办|所|中心|站|校|馆|队|处|室|社|公司|银行|政府|大学|学院|委员会|办公室)$")
_PROJECT_END_RE = regex.compile(r"(?:项目|资金|经费|工程|补助|补贴|专项|计划)$")
_SECTION_WORD_RE = regex.compile(r"^(?:项目资金|资金情况|资金来源|年度目标|总体目标|项目概况|政策依据|绩效目标)")


def _paragraph_rest(comp_lines: list[str], li: int) -> list[str]:
    """The lines after ``li`` that finish its paragraph when they read as its wrapped end:
    no longer than it, no key, no figure, and a blank line after them."""
    first = comp_lines[li]
    rest: list[str] = []
    j = li + 1
    while j < len(comp_lines) and comp_lines[j]:
        c = comp_lines[j]
        if len(c) > len(first) or _find_keys(c) or _grid_piece(c) or not _rx(r"[\p{Han}()（）]+").fullmatch(c):
            return []
        rest.append(c)
        j += 1
    return rest if len(rest) <= 3 else []


def _wrapped_tail(key: str, value: str, nxt: str) -> bool:
    """Is ``nxt`` (a lone line) the rest of ``value`` wrapped over the line end?"""
    if not _rx(r"[\p{Han}()（）]{1,20}").fullmatch(nxt) or _SECTION_WORD_RE.match(nxt):
        return False
    if len(nxt) <= 3 or value[-1:] in "、，,（(-—和与及":
        return True
    if value.count("(") + value.count("（") > value.count(")") + value.count("）") and _rx(r"[)）]").search(nxt):
        return True  # "…补助资金（医疗保" / "障服务能力提升部分）": the bracket closes on the next line
    end_re = _PROJECT_END_RE if key.startswith("project") else _ORG_END_RE
    return end_re.search(value) is None and end_re.search(nxt) is not None


def _drop_cut_key(v: str, raw: str, meta: list[Line], li: int) -> str:
    """``v`` without the head of the next key, cut off by the line end
    (``…补助资金 项`` / ``目负责人及电话 …``: the 项 belongs to 项目负责人)."""
    parts = raw.split()
    if len(parts) < 2 or len(parts[-1]) > 3:
        return v
    j = li + 1
    while j < len(meta) and not meta[j].text.strip():
        j += 1
    if j == len(meta):
        return v
    head = parts[-1]
    nxt = meta[j].text.lstrip()
    keys = _find_keys(head + nxt)
    if not keys or keys[0][1] != 0 or keys[0][2] <= len(head):
        return v
    own = _find_keys(nxt)
    if own and own[0][1] == 0:
        return v  # the next line's key stands on its own
    return v[: len(v) - len(head)].rstrip(_STRIP)


_SEGMENT_RE = regex.compile(r"\S+(?:\s\S+)*")  # runs of text split by 2+ spaces


def _wrapped_around(meta: list[Line], li: int, start: int, end: int) -> str:
    """A value printed around its label in a layout dump: the cell wraps onto the lines
    above and below while the label sits on the middle line (``[417]黔南…医`` /
    ``主管部门及代码  实施单位`` / ``疗保障局``).  The pieces are the text runs of the
    neighbouring lines that start between the label's end and the next label; both
    neighbours must hold one and no label, so a value that only follows is left alone."""

    def neighbour(step: int) -> Line | None:
        j = li + step
        while 0 <= j < len(meta) and not meta[j].disp.strip():
            j += step
        return meta[j] if 0 <= j < len(meta) and not _find_keys(meta[j].text) else None

    pieces = []
    for ln in (neighbour(-1), neighbour(1)):
        if ln is None:
            return ""
        runs = [m.group() for m in _SEGMENT_RE.finditer(ln.disp) if start <= m.start() < end]
        if len(runs) != 1:
            return ""
        pieces.append(compact(runs[0]).strip(_STRIP))
    return "".join(pieces) if all(pieces) else ""


def _clean_name(s: str) -> str | None:
    s = s.strip().strip(":：").strip()
    s = _CODE_RE.sub("", s).strip()
    return s or None


# The grid's header cells, whose pieces a narrow column wraps ("一级指" / "标").
_WRAPPED_HEADS = ("一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "指标值", "绩效指标", "度量单位", "计量单位")


_BARE_FIGURE_RE = regex.compile(r"^[\d,.]+$")  # (a funds figure: no name, no body)
_FORM_NOTE_RE = regex.compile(r"^(?:注|说明|填报说明|备注)\d?[:：]")  # the form's footnote: never a value


# How a body's name ends (a department or an implementer, not a project).
_BODY_NAME_RE = regex.compile(r"(?:局|厅|委员会|委|办公室|中心|院|所|站|队|馆|学校|大学|公司|协会|联合会|政府)$")


def _pending_for(pending: list[str], c: str, comp_lines: list[str], li: int) -> int:
    """Which of the keys printed apart takes the value ``c``: the first, unless the first is
    the project and ``c`` (with its paragraph's wrapped end) names a body while the
    department still waits (pdftotext may print the department's value first)."""
    whole = c + "".join(_paragraph_rest(comp_lines, li))
    body = _BODY_NAME_RE.search(whole) is not None and not _PROJECT_WORD_RE.search(whole)
    if pending[0] in ("project", "project2") and "department" in pending and body:
        return pending.index("department")
    if pending[0] == "department" and not body and _PROJECT_WORD_RE.search(whole):
        # (a project's name while the department still waits: the department printed none)
        return next((k for k, key in enumerate(pending) if key.startswith("project")), 0)
    return 0


_PROJECT_WORD_RE = regex.compile(r"项目|资金|经费|工程|补助|补贴|专项")


def _grid_piece(c: str) -> bool:
    """A piece of the grid's header or of its category labels, not a metadata value."""
    from .classify import is_label_piece

    return len(c) <= 5 and (is_label_piece(c) or any(w.startswith(c) for w in _WRAPPED_HEADS) or not regex.search(r"[\p{Han}\d]", c))


def _scattered(lines: list[Line], region: Region) -> bool:
    """The outline found is a grid's category labels, its cells streamed apart (``rows.read_region``)."""
    from .layout import scattered_header

    return scattered_header(lines, region) is not None


_KEYED_RE = regex.compile(r"^[^：:]{2,10}[：:]")  # "填报单位（盖章）：" — some key and its value


def read_meta(lines: list[Line], region: Region, index: int) -> Table:
    """Build the :class:`Table` record fields from a region's metadata lines."""
    t = Table(index=index, title=region.title, line_start=lines[region.start].no, line_end=lines[region.end - 1].no)
    stop = region.header if region.header is not None else region.end
    if region.scattered or region.outline and region.title is not None and _scattered(lines, region):
        # Plain pdftotext may print the metadata's values after the grid's first header
        # cells: they run to the indicator column's header.
        from .rows import name_header_at

        stop = name_header_at(lines, stop, region.end) or stop
    meta = lines[region.start : stop]
    values: dict[str, str] = {}
    funds_label = ""
    pending: list[str] = []  # keys alone on their lines, awaiting their values in order
    tail_key: str | None = None
    comp_lines = [line_comp(ln) for ln in meta]
    cut_pieces: set[int] = set()  # lines holding the end of a key cut around its value
    for li, ln in enumerate(meta):
        text = ln.text
        if not text.strip() or li in cut_pieces:
            continue
        keys = _find_keys(text)
        split_tail = ""
        if not keys or keys[0][1] > 0:
            split = _key_split_below(text, meta, li)
            if split is not None:
                # "项目 <value>" / "名称": a narrow label cell wrapped below its value's line.
                key, s_, e_, piece, split_tail = split
                keys = [(key, s_, e_), *keys]
                cut_pieces.add(piece)
        c = compact(ln.disp)
        if not keys:
            if len(pending) > 1 and _KEYED_RE.match(c):
                pass  # "填报单位（盖章）：…" among the values of keys printed apart: not one of them
            elif pending and (
                _grid_piece(c) or _FORM_NOTE_RE.match(c) or (_BARE_FIGURE_RE.match(c) and pending[0] != "year")
            ):
                pass  # the grid's header and label pieces printed among the values ("一级指" / "标")
            elif pending:
                key = pending.pop(_pending_for(pending, c, comp_lines, li))
                values[key] = c.strip(_STRIP)
                if pending and (rest := _paragraph_rest(comp_lines, li)) and all(len(x) <= 3 for x in rest):
                    # "某市教育" / "局": a short tail wrapped off, before the next key's value.
                    values[key] += "".join(rest)
                    cut_pieces.update(range(li + 1, li + 1 + len(rest)))
                if not pending:
                    # The last key's value may wrap onto the lines below, a paragraph of its
                    # own ("某县公共" / "资源交易" / "中心", then a blank line).
                    rest = _paragraph_rest(comp_lines, li)
                    if rest:
                        values[key] += "".join(rest)
                        cut_pieces.update(range(li + 1, li + 1 + len(rest)))
                    tail_key = key
                    continue
            elif tail_key and tail_key in values and _wrapped_tail(tail_key, values[tail_key], c):
                # "主管部门 …医疗保障" / "局": a value wrapped onto the next line.
                values[tail_key] += c
            tail_key = None
            continue
        if pending and keys[0][1] > 0 and keys[0][0] != "stop":
            lead = compact(ln.disp[: keys[0][1]]).strip(_STRIP)
            if lead:
                values[pending.pop(0)] = lead
        bare = len(keys) == 1 and keys[0][1] == 0 and not compact(ln.disp[keys[0][2] :]).strip(_STRIP)
        if len(pending) < 2 and not bare:
            # (a lone key whose value never came; keys printed one a line before all their
            # values, 项目名称 / 主管部门 / 实施单位 then the three values, wait on)
            pending = []
        tail_key = None
        for n, (key, _s, e) in enumerate(keys):
            end = keys[n + 1][1] if n + 1 < len(keys) else len(text)
            raw = ln.disp[e:end]
            if key == "funds":
                funds_label = compact(text[_s:end])
                if "_funds_num_line" not in values and not any(ch.isdigit() for ch in values.get("funds", "")):
                    # "项目资金（元）" / (column headers) / "年度资金总额：" / figures: the
                    # figures follow the last key printed before them.
                    values["_funds_line"] = str(li)
                if any(ch.isdigit() for ch in raw) and "_funds_num_line" not in values:
                    # "项目资金（元） 资金来源 年初预算数 全年预算数…" is a header; the figures
                    # (and the columns they sit under) are on the 年度资金总额 line below it.
                    values["_funds_line"] = values["_funds_num_line"] = str(li)
                values["funds"] = (values.get("funds", "") + " " + raw.strip(_STRIP)).strip()
                continue
            if key == "stop":
                continue
            v = compact(raw).strip(_STRIP)
            if n == 0 and split_tail and v:
                v += split_tail
            if v and n + 1 == len(keys) and len(v) <= 2:
                piece = _cut_key_end(comp_lines, li, compact(text[_s:e]) + v)
                if piece is not None:
                    # "主管部门及" / value / "代码": the key cut around its value.
                    cut_pieces.add(piece)
                    v = ""
            if v and n + 1 == len(keys):
                v = _drop_cut_key(v, raw, meta, li)
            if not v and key not in values:
                v = _wrapped_around(meta, li, e, end if n + 1 < len(keys) else 1 << 30)
                if v:
                    values[key] = v
                    continue
            if v:
                values.setdefault(key, v)
                tail_key = key if n + 1 == len(keys) else None
            elif n + 1 == len(keys) and key not in values:
                pending.append(key)  # a key alone at the end of its line: the value follows
    year = _find_year(region, lines, comp_lines, values.get("year", ""))
    t.year = year
    t.project = _clean_name(values.get("project2") or values.get("project") or values.get("project1") or "")
    dept_name = _clean_name(values.get("dept_name", ""))
    t.department = _clean_name(values.get("department", ""))
    t.implementer = _clean_name(values.get("implementer", ""))
    title = compact(region.title or "")
    if "自评" in title or any("实际完成" in h for h in region.header_cells):
        t.table_type = "self_evaluation"
    elif "整体" in title or (dept_name and not t.project):
        t.table_type = "department"
    if t.table_type == "department":
        t.project = dept_name or t.project or t.department
    elif not t.project:
        t.project = dept_name
    t.funds_total = _find_funds(meta, comp_lines, values, funds_label)
    return t


_HEAD_TOKEN_RE = regex.compile(r"^\s*(\p{Han}{2,3})\s+\S")


def _key_split_below(text: str, meta: list[Line], li: int) -> tuple[str, int, int, int, str] | None:
    """A key whose label cell is too narrow for it: its first characters open the line with
    the value after them (``项目 <value>``), the rest opens the next line (``名称``), maybe
    with the value's own wrapped end after it (``部门 <end of value>``).  Returns (key, start, end) of
    the head in ``text``, the line of the rest, and the value's end found there."""
    m = _HEAD_TOKEN_RE.match(text)
    if m is None:
        return None
    head = m.group(1)
    for j in (li + 1, li + 2):
        words = meta[j].text.split() if j < len(meta) else []
        if not words:
            continue
        p, rest = words[0].strip(_STRIP), "".join(words[1:])
        if len(p) <= 3 and not any(ch.isdigit() for ch in p) and len(rest) <= 6 and not _find_keys(rest):
            whole = head + p
            for key, st, end in _find_keys(whole):
                if st == 0 and end == len(whole) and key != "stop":
                    return key, m.start(1), m.end(1), j, rest
        return None
    return None


def _cut_key_end(comp_lines: list[str], li: int, head: str) -> int | None:
    """The line (one or two below) whose short piece completes the cut key ``head``."""
    for j in (li + 2, li + 1):
        p = comp_lines[j] if j < len(comp_lines) else ""
        if 0 < len(p) <= 4 and not any(ch.isdigit() for ch in p):
            whole = head + p.strip(_STRIP)
            if any(st == 0 and end == len(whole) for _, st, end in _find_keys(whole)):
                return j
    return None


def _find_year(region: Region, lines: list[Line], comp_lines: list[str], keyed: str = "") -> int | None:
    """Year from a 预算年度 key (``keyed``: its value, also when printed on the next line),
    the title, or a ``(2025年度)`` line under it."""
    cands: list[str] = []
    if region.title:
        cands.append(compact(region.title))
    for c in comp_lines[:8]:
        if c.startswith(("(", "（")) and "年" in c and len(c) <= 14:
            cands.append(c)
        m = _YEAR_KEY_RE.match(c)
        if m:
            return int(m.group(1))
    m = _rx(r"((?:19|20)\d{2})年?度?").fullmatch(keyed)
    if m:
        return int(m.group(1))
    for c in cands:
        m = _YEAR_RE.search(c)
        if m:
            return int(m.group(1).replace(",", ""))
    return None


def _to_float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def _find_funds(meta: list[Line], comp_lines: list[str], values: dict[str, str], label: str) -> float | None:
    raw = values.get("funds", "")
    num: float | None = None
    line_idx = int(values.get("_funds_line", "-1"))
    nums = _NUM_RE.findall(_rx(r"^\([^)]*\)").sub("", raw.replace("（", "(").replace("）", ")")))
    if nums:
        k = _budget_column(comp_lines, line_idx) if len(nums) > 1 else 0
        num = _to_float(nums[min(k, len(nums) - 1)])
    if num is None and line_idx >= 0:
        # Funds in a grid: the first number on the next lines (总体资金情况 / 合计 / 6532.57),
        # or one figure per line when every cell has its own line (web pages).
        for j in range(line_idx + 1, min(line_idx + 5, len(meta))):
            cells = [c.comp for c in split_cells(meta[j])]
            nums = [x for x in cells if _NUM_RE.fullmatch(x)]
            if not nums and len(cells) == 1:
                m = _rx(r"^(\d[\d,]*(?:\.\d+)?)(万元|元)$").match(cells[0])
                if m:  # "年度资金总额：" / "714.39万元" (one cell per line, unit on the figure)
                    num = _to_float(m.group(1))
                    raw = cells[0]
                    break
            if not nums:
                continue
            if len(nums) == 1:
                run = []
                for k in range(j, min(j + 6, len(meta))):
                    c = compact(meta[k].text)
                    if not _NUM_RE.fullmatch(c):
                        break
                    run.append(c)
                nums = run or nums
            k = _budget_column(comp_lines, line_idx) if len(nums) > 1 else 0
            num = _to_float(nums[min(k, len(nums) - 1)])
            break
    if num is None:
        return None
    if _funds_unit(comp_lines, label, raw, line_idx, num) == "元":
        num = round(num / 10000.0, 6)
    return num


def _budget_column(comp_lines: list[str], line_idx: int) -> int:
    """Which figure of a funds row is the year's budget.

    Self-evaluation tables print 年初预算数, 全年预算数, 全年执行数 side by side;
    the year's total is 全年预算数 (the adjusted budget), else the first column.
    """
    window = comp_lines[max(0, line_idx - 10) : max(0, line_idx)]
    # One header cell per line (web pages): read the window as one line.
    candidates = list(reversed(window[-4:])) + ["".join(window)]
    for c in candidates:
        heads = _rx(r"(年初预算数|全年预算数|年度预算数|预算数|全年执行数|执行数|分值|执行率|得分)").findall(c)
        if len(heads) >= 2 and any("预算" in h for h in heads):  # not the wrapped tail (分值 执行率 得分)
            for k, h in enumerate(heads):
                if h in ("全年预算数", "年度预算数"):
                    return k
            return 0
    return 0


# (the bracket may hold pieces of the cell beside it: "项目资金（" + "年度资金总" … "元）")
_CUT_UNIT_RE = regex.compile(r"\([^()]{0,8}?(万元|元)\)")


def _funds_unit(comp_lines: list[str], label: str, raw: str, line_idx: int, num: float) -> str:
    """The unit the funds figure is written in: 元 or 万元.

    An explicit unit on the figure or its label wins; a ``(元)`` heading just
    above the funds line comes next; ``万元`` is the default.  A figure under
    10,000 labelled 元 in a table declared ``单位：万元`` is taken as 万元 (a
    mislabelled column is likelier than a budget of a few thousand 元).
    """
    r = raw.replace("（", "(").replace("）", ")")
    lab = label.replace("（", "(").replace("）", ")")
    if _rx(r"\d\s*万元").search(r) or "(万元)" in lab or r.startswith("(万元)"):
        return "万元"
    yuan = bool(_rx(r"\d\s*元").search(r)) or "(元)" in lab or r.startswith("(元)")
    if not yuan and line_idx >= 0:
        near = [c for c in comp_lines[:line_idx] if c][-4:]
        joined = "".join(near).replace("（", "(").replace("）", ")")
        yuan = "(元)" in joined and "万元" not in joined
        # A key cut around its figure by its cell's width ("年度资金总额（" / figure / "元）：",
        # "项目资金（" / figures / "元）"): its unit note is read from the pieces around it.
        pieces = [c for c in comp_lines[max(0, line_idx - 2) : line_idx + 3] if c and not any(ch.isdigit() for ch in c)]
        m = _CUT_UNIT_RE.search("".join(pieces).replace("（", "(").replace("）", ")"))
        if m:
            if m.group(1) == "万元":
                return "万元"
            yuan = True
        # The key's cell cut into lines a figure each ("资金情" / "况" / "（元） <a source> <figure>"):
        # the unit note opens a line beside the figures below.
        for c in comp_lines[line_idx + 1 : line_idx + 4]:
            c = c.replace("（", "(").replace("）", ")")
            if c.startswith("(万元)"):
                return "万元"
            if c.startswith("(元)"):
                yuan = True
    if not yuan:
        declared = [c for c in comp_lines if _rx(r"^(?:金额)?单位[:：]").match(c)]
        if declared and declared[0].endswith("元") and not declared[0].endswith("万元"):
            return "元"
        return "万元"
    declared_wan = any(c.startswith("单位") and c.endswith("万元") for c in comp_lines)
    if num < 10000 and declared_wan:
        return "万元"
    return "元"
