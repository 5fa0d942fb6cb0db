"""Rebuild indicator rows from the cells of a table's indicator block.

The header row tells which columns a row has (name, target value or
符号/值/单位, actual, weight, score, notes).  Each line's cells are aligned to
those columns by a small dynamic programme scored on what each cell looks
like; a line either continues the open row (a wrapped fragment of its last
cell, or the next columns) or starts a new one, whichever scores best.
Wrapped fragments are recognised by the printed width of the previous
fragment (a full line wraps), by punctuation, and by whether the fragment
looks like a value.
"""

from __future__ import annotations

import functools
import itertools
import operator
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from .classify import (
    canonical,
    is_label,
    is_label_prefix,
    label_completion,
    label_prefix_len,
    leading_label_words,
    parse_label,
)
from .doc import Cell, Line, Row
from .layout import (
    Region,
    compact,
    is_header_word,
    line_comp,
    line_style,
    scattered_header,
    split_cells,
    text_width,
)
from .tables import _find_keys
from .values import is_unit, quantity_only, split_quantity, value_likeness

if TYPE_CHECKING:
    from .pairing import PairingModel


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


# Column roles.
NAME, VALUE, CMP, NUM, UNIT, ACTUAL, WEIGHT, SCORE, NOTE, DIR = "NAME VALUE CMP NUM UNIT ACTUAL WEIGHT SCORE NOTE DIR".split()
_LEVEL1_ROLE, _LEVEL2_ROLE = "L1", "L2"
_ROLE_ORDER = (NAME, DIR, CMP, VALUE, NUM, UNIT, ACTUAL, WEIGHT, SCORE, NOTE)
_ROLE_ORDER_CMP_FIRST = (NAME, CMP, DIR, VALUE, NUM, UNIT, ACTUAL, WEIGHT, SCORE, NOTE)

_HEADER_ROLES: list[tuple[regex.Pattern[str], str]] = [
    (regex.compile(r"^\*?一级指标"), _LEVEL1_ROLE),
    (regex.compile(r"^\*?二级指标"), _LEVEL2_ROLE),
    (regex.compile(r"^\*?(?:三级指标|指标名称|指标内容|绩效指标名称)"), NAME),
    (regex.compile(r"^\*?(?:实际完成值|完成值|全年实际值|实际值|实际完成)"), ACTUAL),
    (regex.compile(r"^\*?(?:指标值说明|评分标准|指标解释|说明|备注|未完成原因|偏差原因|原因分析|改进措施)"), NOTE),
    (regex.compile(r"^\*?(?:指标方向|方向)性?$"), DIR),
    (regex.compile(r"^\*?(?:指标性质|绩效指标性质|计算符号|指标符号|比较符号|运算符号|符号)$"), CMP),
    (regex.compile(r"^\*?(?:计量单位|度量单位|绩效度量单位|单位)$"), UNIT),
    (regex.compile(r"^\*?值$"), NUM),
    (regex.compile(r"^\*?(?:年度指标值|指标值|绩效指标值|目标值|标准值|年度目标值|预期目标值)"), VALUE),
    (regex.compile(r"^\*?(?:权重|指标权重|分值|权重\(%\)|权重分值)"), WEIGHT),
    (regex.compile(r"^\*?得分"), SCORE),
]


def header_roles(header_cells: list[str]) -> list[str]:
    """Ordered value-side roles (after NAME) declared by a header."""
    return list(_header_roles(tuple(header_cells)))


def _glued_header_roles(c: str) -> list[str]:
    """Roles of a header printed with no separators (``一级指标二级指标三级指标年度指标值实际完成值分值得分``),
    read word by word; fewer than three header words found: none."""
    roles: list[str] = []
    pos = 0
    while pos < len(c):
        rest = c[pos:]
        for rx, role in _HEADER_ROLES:
            m = rx.match(rest)
            if m and m.end() > 0:
                roles.append(role)
                pos += m.end()
                break
        else:
            pos += 1
    # Only a self-evaluation's header is taken so (its rows end in actual, weight and score,
    # which the glued-row splitter then reads); other glued headers name no more than
    # name and value, as before.
    return roles if len(roles) >= 3 and ACTUAL in roles and (WEIGHT in roles or SCORE in roles) else []


@functools.lru_cache(maxsize=4096)
def _header_roles(header_cells: tuple[str, ...]) -> tuple[str, ...]:
    roles: list[str] = []
    for c in header_cells:
        if len(c) >= 12 and len(header_cells) <= 2:
            glued = _glued_header_roles(c)
            if glued:
                roles.extend(glued)
                continue
        for rx, role in _HEADER_ROLES:
            if rx.match(c):
                roles.append(role)
                break
    if NUM in roles and VALUE in roles:
        # "指标值" spanning a second header row "符号 | 值 | 单位".
        roles.remove(VALUE)
    if CMP in roles and VALUE not in roles and NUM not in roles:
        roles.insert(roles.index(CMP) + 1, VALUE)
    out = [r for r in roles if r not in (_LEVEL1_ROLE, _LEVEL2_ROLE)]
    if NAME not in out:
        out.insert(0, NAME)
    else:
        out.remove(NAME)
        out.insert(0, NAME)
    if not any(r in out for r in (VALUE, NUM)):
        out.insert(1, VALUE)
    # Canonical order: a second header row (符号/值/单位) is listed after the first
    # row's later columns, but its cells sit where 指标值 stands.
    order = _ROLE_ORDER
    if DIR in out and CMP in out and out.index(DIR) > out.index(CMP):
        order = _ROLE_ORDER_CMP_FIRST  # 指标性质 | 指标方向 | 指标值: as printed
    return tuple(r for r in order if r in out)


# --- cell tags ---------------------------------------------------------------

_CMP_WORDS = {"≥", "≤", "=", ">", "<", ">=", "<=", "≥=", "定性", "定量", "大于等于", "小于等于", "等于", "大于", "小于", "≈", "~"}
_NUM_RE = regex.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)$")
_UNIT_RE = regex.compile(
    r"^(?:[%‰℃]|[万亿千百]?(?:元|人次|人|次|个|家|户|项|件|台|套|所|座|辆|条|篇|份|册|本|场|期|批|张|吨|亩|公里|千米|米|平方米|立方米|天|日|月|年|小时|分钟|秒|周|个月|个工作日|工作日|种|组|处|床|名|间|块|头|只|株|公顷|字|GB|MB|km|m|kg|t|m2|m³|m²)"
    r"(?:[/每][\p{Han}.·A-Za-z0-9]{1,6})*)$"
)
_VAL_START_RE = regex.compile(
    r"^(?:[≥≤=<>≈~]|不少于|不低于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|至少|达到|超过|控制在|约|小于等于|大于等于)"
)
_QTY_RE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:[%‰]|[\p{Han}A-Za-z/.·²³]{1,8})?$")
# A relative time (当年度完成, 年底前) starts a value; a name that starts the same way ends
# like a name (当年各级财政配套资金到位率, 本年度工作任务数).
_DATE_RE = regex.compile(
    r"^(?:(?:19|20)\d{2}\s*年|(?:19|20)\d{2}[.\-/]\d{1,2})|^\d{1,2}月(?:底|末|前|份)"
    r"|^(?:年底|年末|当年|本年|次年|全年)(?!.*(?:率|数|量|额|比例|比重|程度|标准|时间|时限|日期|期限|周期|进度|人次|场次|频次)$)"
)
_SCORE_NOTE_RE = regex.compile(r"^(?:\(\d+(?:\.\d+)?分\)|(?:\d+(?:\.\d+)?)?分\))$")  # (20分), or 分) after "产出(62"
_FURNITURE_RE = regex.compile(
    r"^(?:[【\[](?:打印本页|关闭窗口|返回顶部|打印|关闭|收藏|分享|我要纠错|纠错|加入收藏)[】\]]\s*)+$|^(?:来源|发布时间|浏览次数|点击数|阅读次数|字号|发布日期|信息来源)[:：]|^(?:上一篇|下一篇)[:：]?|^首页\s*[>＞»]"
    r"|^(?:主办单位|主办|承办单位|承办|协办|技术支持|网站标识码)[:：]|^(?:版权所有|联系我们|网站地图|Copyright|©)"
    r"|^\p{Han}?ICP备|^\p{Han}公网安备|^附件(?:下载)?\s*\d*[:：].{0,60}\.(?:xlsx?|docx?|pdf|wps|et)"
    r"|^(?:地址|通讯地址|联系地址|联系电话|电话|传真|邮编|邮政编码|电子邮箱|邮箱)[:：]"
    r"|^(?:扫一扫(?:在手机(?:上)?打开当前页)?|分享到[:：]?.{0,20}|用手机扫描二维码.{0,12})$"
    r"|^(?:责任编辑|编辑|审核|校对|作者)[:：]|^您是本站第\s*\d+\s*位访(?:客|问者)|^(?:联络我们|隐私(?:声明|宣告|政策))"
    r"|^[（(][^()（）]{2,40}\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[)）]$"  # (某单位财务室 2025年3月11日)
)
# (共2贝: OCR misreads the last character)
# (— 3 —, ·3·: a page number between dashes or dots)
_PAGE_RE = regex.compile(
    r"^(?:第\d+页(?:共\d+\p{Han})?|第\d+\p{Han}共\d+页|[-—–~·•]\d+[-—–~·•]|\d+/\d+|page\d+)$", regex.IGNORECASE
)
# The table's money unit printed again above a page's rows (金额单位：万元): no cell.
_UNIT_LINE_RE = regex.compile(r"^(?:金额|资金|计量)?单位[:：](?:亿|千|百|万)?元$")
# A browser's printed page: the date and time it was printed, the page's address.
_PRINTED_RE = regex.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s?[AP]M)?(?:\s|$)|^(?:file|https?)://\S+")
# A site's footer naming who runs it ("…人民政府办公室主办  …中心承办").
_HOSTED_RE = regex.compile(r"^\S{2,24}(?:主办|承办)(?:单位)?(?:\s|$)")
# First characters _FURNITURE_RE can match (a province's short name opens an ICP licence line).
_FURNITURE_FIRST = frozenset("【[来发浏点阅字信上下首主承协技版网联附地通电传邮C©扫分用责编审校作您隐（(") | frozenset("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滇黔蜀陇秦")
_RULE_CHARS = frozenset("-=*_─━")
_RULE_RE = regex.compile(r"^[-=*_─━]{3,}$")  # (not ———: a cell saying "none")
# A table's caption number on a line of its own (表2, 附表1, 表3-1): between tables, never a cell.
_CAPTION_RE = regex.compile(r"^附?表\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[-－—.．]\d{1,2})?[:：]?$")


def no_cell_line(raw: str, c: str) -> bool:
    """A line that holds no cell of a table (``raw`` stripped, ``c`` its compact text): a page
    number, web-page furniture, a caption number between tables, a rule drawn with characters."""
    return (
        _is_page_number(c)
        or (raw[:1] in _FURNITURE_FIRST and _FURNITURE_RE.match(raw) is not None)
        or (("主办" in raw or "承办" in raw) and _HOSTED_RE.match(raw) is not None)
        or ((raw[2:3] == "/" or raw[1:2] == "/" or raw[:4] in ("file", "http")) and _PRINTED_RE.match(raw) is not None)
        or (c[:1] in "表附" and _CAPTION_RE.match(c) is not None)
        or (c[:1] in _RULE_CHARS and _RULE_RE.match(c) is not None)
        or (c[:1] in "金资计单" and _UNIT_LINE_RE.match(c) is not None)
        or (c[:1] in "填制审经联分单财项" and _SIGNATURE_RE.match(c) is not None)  # 联系电话：…, 填表人：…
    )


# Pieces of the 绩效指标 label printed down a table's side (绩 / 效 / 指 / 标, 绩效 / 指标, 绩效指 / 标).
SIDE_LABEL_PIECES = frozenset({"绩", "效", "指", "标", "绩效", "绩效指", "效指标", "指标"})


def _may_be_digit(ch: str) -> bool:
    r"""A superset of regex's ``\d`` for one character: str.isdigit(), or any character beyond
    the BMP (the regex module knows a newer Unicode than unicodedata; its extra digits are all
    astral)."""
    return ch.isdigit() or ch > "\uffff"


def _is_page_number(c: str) -> bool:
    """``_PAGE_RE.match(c)``, tried only when c starts as a page number can (第, -, a digit, p)."""
    h = c[:1]
    return (h in "第-—–~·•pP" or _may_be_digit(h)) and _PAGE_RE.match(c) is not None
_LABEL_TAIL_RE = regex.compile(r"^(?:指?标|指标)(?:\(\d+(?:\.\d+)?分\))?$")


_DIR_RE = regex.compile(r"^(?:正向|反向|中性|逆向)(?:指标)?$")


def tag_cell(text: str) -> str:
    """Coarse type of a cell: CMP, NUM, UNIT, DIR (指标方向), VAL (value-looking) or TEXT."""
    return _tag(compact(text))


@functools.lru_cache(maxsize=8192)
def _tag(c: str) -> str:
    if _DIR_RE.match(c):
        return "DIR"
    if c in _CMP_WORDS:
        return "CMP"
    if _NUM_RE.match(c):
        return "NUM"
    if _UNIT_RE.match(c) or is_unit(c):
        return "UNIT"
    if _VAL_START_RE.match(c) or _QTY_RE.match(c) or _DATE_RE.match(c):
        return "VAL"
    return "TEXT"


_COMPAT: dict[str, dict[str, float]] = {
    NAME: {"TEXT": 2.0, "VAL": -2.5, "NUM": -3.0, "CMP": -6.0, "UNIT": -3.0, "DIR": -4.0},
    VALUE: {"TEXT": 1.0, "VAL": 3.0, "NUM": 2.0, "CMP": 0.5, "UNIT": -2.0, "DIR": -3.0},
    CMP: {"TEXT": -4.0, "VAL": -3.0, "NUM": -4.0, "CMP": 3.0, "UNIT": -4.0, "DIR": -3.0},
    NUM: {"TEXT": 0.8, "VAL": 1.5, "NUM": 3.0, "CMP": -3.0, "UNIT": -2.0, "DIR": -3.0},
    UNIT: {"TEXT": -2.5, "VAL": -3.0, "NUM": -3.0, "CMP": -4.0, "UNIT": 3.0, "DIR": -3.0},
    ACTUAL: {"TEXT": 1.2, "VAL": 2.0, "NUM": 1.0, "CMP": 0.0, "UNIT": -2.0, "DIR": -3.0},
    WEIGHT: {"TEXT": -5.0, "VAL": -4.0, "NUM": 2.5, "CMP": -5.0, "UNIT": -4.0, "DIR": -5.0},
    SCORE: {"TEXT": -5.0, "VAL": -4.0, "NUM": 2.5, "CMP": -5.0, "UNIT": -4.0, "DIR": -5.0},
    NOTE: {"TEXT": 0.6, "VAL": 0.2, "NUM": -1.0, "CMP": -2.0, "UNIT": -1.5, "DIR": -2.0},
    DIR: {"TEXT": -4.0, "VAL": -4.0, "NUM": -4.0, "CMP": -4.0, "UNIT": -4.0, "DIR": 3.0},
}
_SKIP = -0.4
_CONTINUABLE = {NAME, VALUE, ACTUAL, NOTE}


def _compat(role: str, cell: Cell) -> float:
    return _compat_sig(role, _sig(cell))


# A self-evaluation's grade ("部分达成年度指标…", cut anywhere after 达成年度): an actual value,
# never a target or a name.
_GRADE_START_RE = regex.compile(r"^(?:部分|未)?达成年度")
_GRADE_COMPAT = {NAME: -3.0, VALUE: -2.0, ACTUAL: 2.5}


def is_grade_start(text: str) -> bool:
    """``text`` (compact) opens with a self-evaluation grade (``部分达成年度指…``)."""
    return _GRADE_START_RE.match(text) is not None


@functools.lru_cache(maxsize=8192)
def _vl(text: str) -> float:
    return value_likeness(compact(text))


@functools.lru_cache(maxsize=256)
def _skip_prefix(roles: tuple[str, ...]) -> tuple[float, ...]:
    """Prefix sums of the cost of leaving each role empty (a row rarely lacks its value)."""
    out = [0.0]
    for r in roles:
        out.append(out[-1] + (-2.0 if r in (VALUE, NUM) else -1.0 if r == ACTUAL else _SKIP))
    return tuple(out)


def _skip_cost(roles: list[str], a: int, b: int) -> float:
    """Cost of leaving roles[a:b] empty."""
    pre = _skip_prefix(tuple(roles))
    return pre[b] - pre[a] if b > a else 0.0


def align(cells: list[Cell], roles: list[str], start: int, *, pin_first: bool = False) -> tuple[float, list[int]]:
    """Best increasing assignment of cells to roles[start:]; returns (score, role index per cell).

    ``pin_first`` puts the first cell in ``roles[start]`` (a new row opens with its name).
    """
    score, path = _align(tuple(_sig(c) for c in cells), tuple(roles), start, pin_first)
    return score, list(path)


_Sig = tuple[str, float, bool, bool, bool]


def _sig(c: Cell) -> _Sig:
    """All that :func:`align` looks at in a cell: its tag, value-likeness (TEXT), and
    whether it opens or ends like a continuation, and whether it is a grade."""
    comp = c.comp
    text = c.tag == "TEXT"
    return (
        c.tag,
        _vl(c.text) if text else 0.0,
        comp[:1] in _CONT_START_SET,
        comp[-1:] in _CONT_END_SET,
        text and _GRADE_START_RE.match(comp) is not None,
    )


_ALIGN_MEMO: dict[tuple[tuple[_Sig, ...], tuple[str, ...], int, bool], tuple[float, tuple[int, ...]]] = {}


def _align(sigs: tuple[_Sig, ...], roles: tuple[str, ...], start: int, pin_first: bool) -> tuple[float, tuple[int, ...]]:
    """:func:`align` on cell signatures, memoized: lines of a table mostly share a few shapes."""
    key = (sigs, roles, start, pin_first)
    hit = _ALIGN_MEMO.get(key)
    if hit is not None:
        return hit
    if len(_ALIGN_MEMO) >= 8192:
        _ALIGN_MEMO.clear()
    out = _ALIGN_MEMO[key] = _align_dp(sigs, roles, start, pin_first)
    return out


def _compat_sig(role: str, sig: _Sig) -> float:
    tag = sig[0]
    s = _COMPAT[role][tag]
    if tag == "TEXT" and role in (NAME, VALUE):
        s += (sig[1] - 0.5) * (3.0 if role == VALUE else -2.0)
    if sig[4]:
        s += _GRADE_COMPAT.get(role, 0.0)
    return s


def _align_dp(sigs: tuple[_Sig, ...], roles: tuple[str, ...], start: int, pin_first: bool) -> tuple[float, tuple[int, ...]]:
    n, k = len(sigs), len(roles)
    if n == 0:
        return 0.0, ()
    pre = _skip_prefix(roles)
    neg = -1e9
    compat = [[_compat_sig(roles[j], c) if j >= start else neg for j in range(k)] for c in sigs]
    cont_ok = [roles[j] in _CONTINUABLE for j in range(k)]
    # best[i][j]: best score placing the first i cells with cell i-1 at role j.
    best = [[neg] * k for _ in range(n + 1)]
    back = [[-1] * k for _ in range(n + 1)]
    for j in range(start, start + 1 if pin_first else k):
        best[1][j] = compat[0][j] + (pre[j] - pre[start]) * 0.5
    for i in range(2, n + 1):
        sig = sigs[i - 1]
        prev_best = best[i - 1]
        textish = sig[0] in ("TEXT", "VAL")
        merge_cost = 0.3 if (sig[2] or sigs[i - 2][3]) else 3.0
        row_best, row_back = best[i], back[i]
        for j in range(start, k):
            cj = compat[i - 1][j]
            cand = neg
            arg = -1
            # Same role as previous cell: a cell split by spaces (text roles only).
            if textish and cont_ok[j] and prev_best[j] > neg:
                cand, arg = prev_best[j] + cj - merge_cost, j
            pj1 = pre[j]
            for jp in range(start, j):
                pb = prev_best[jp]
                if pb <= neg:
                    continue
                v = pb + cj + (pj1 - pre[jp + 1])
                if v > cand:
                    cand, arg = v, jp
            row_best[j] = cand
            row_back[j] = arg
    last = best[n]
    j_end = max(range(k), key=last.__getitem__)
    score = last[j_end]
    path = [0] * n
    j = j_end
    for i in range(n, 0, -1):
        path[i - 1] = j
        j = back[i][j]
    return score, tuple(path)


_TRACE = bool(os.environ.get("GOALNLP_TRACE"))

# --- the row builder -------------------------------------------------------------

_VALUE_TAIL_RE = regex.compile(r"^(?:(?:以上|以下|以内|左右|及以上|之前|前|内)(?:完成)?|完成|前完成)[。；;]?$")


_ACTUAL_OPEN_RE = regex.compile(r"达成(?!.*(?:指标|效果|较差|完成)$)")
# The grades a self-evaluation prints as a worded actual value (the national template's
# 自评 wording), wrapped in a narrow column anywhere: "部分达成年度指" / "标并具有一定效" / "果".
_GRADES = tuple(
    f"{head}达成年度{word}{tail}"
    for head, tail in (("", ""), ("部分", "并具有一定效果"), ("未", "且效果较差"), ("未", "但具有一定效果"))
    for word in ("指标", "目标")
)


# Grades some tables print short: whole as they stand, though a longer grade starts so.
_SHORT_GRADES = frozenset(f"{head}达成年度{word}" for head in ("", "部分", "未") for word in ("指标", "目标"))


def grade_open(text: str) -> bool:
    """``text`` is a grade phrase cut before its end (``部分达成年度指``)."""
    if len(text) < 4 or len(text) > 20 or not _GRADE_START_RE.match(text) or text in _SHORT_GRADES:
        return False
    return text not in _GRADES and any(g.startswith(text) for g in _GRADES)


def grade_goes_on(prev: str, cur: str) -> bool:
    """``prev`` is a grade phrase cut before its end and ``cur`` carries it on (both compact)."""
    if not prev or not cur or prev[-1:] in "。；;" or len(prev) > 20:
        return False
    both = prev + cur
    return any(g.startswith(prev) and len(g) > len(prev) and g.startswith(both[: len(g)]) for g in _GRADES)


# Words of the explanations under a self-evaluation row (未完成原因, 偏差原因): a
# sentence about what happened, not the tail of a noun-phrase name ("受疫情影响" is a
# reason, "…的影响" a name's end).
_REASON_RE = regex.compile(r"[，。；]|因|由于|导致|原因|尚未|未能|已经|大部分|进入|受到|(?<!的)影响|进度|加快|督促|逐年|根据|按照实|超出|执行情况|实际")
_REASON_WORD_RE = regex.compile(r"由于|导致|原因|尚未|未能|已经|受到|(?<!的)影响|进度|加快|督促|超出预期|执行情况")


def _strong_cue(role: str, last: Cell, cell: Cell) -> bool:
    """Evidence, beyond line width, that ``cell`` continues ``last``'s text."""
    prev, cur = last.comp, cell.comp
    if prev.endswith(("。", "！", "!")):
        return False
    return (
        prev[-1:] in _CONT_END_SET
        or cur[:1] in _CONT_START_SET
        or (role == NAME and cur.startswith(("(", "（")))
        or _open_bracket(prev)
        or crosses_word(prev, cur)
        or (role in (VALUE, ACTUAL) and _VALUE_TAIL_RE.match(cur) is not None)
        or (role == ACTUAL and _ACTUAL_OPEN_RE.search(prev) is not None)
        or (role == ACTUAL and grade_goes_on(prev, cur))
    )


def _open_bracket(s: str) -> bool:
    """True when s opens more brackets than it closes."""
    return s.count("(") + s.count("（") > s.count(")") + s.count("）")


_VALUE_END_RE = regex.compile(r"(?:以上|以下|以内|左右|\d%|\d[\p{Han}]{1,3}|完成|底前|月前)$")
_CONT_END = tuple("，、；：（(“《‘-—/和与及或的之对在将把被从向于为并且而")
_CONT_START = tuple("，、。；：）)”》’%的")  # (no name or target begins with 的)
# The same single characters as sets: ``s[-1:] in _CONT_END_SET`` is ``s.endswith(_CONT_END)``
# without trying 31 suffixes.
_CONT_END_SET = frozenset(_CONT_END)
_CONT_START_SET = frozenset(_CONT_START)


@dataclass
class _State:
    roles: list[str]
    wrap: bool  # cells may wrap over lines (PDF text); False for one-cell-per-line and grids
    rows: list[Row] = field(default_factory=list)
    row: Row | None = None
    pos: int = -1  # index of the last role filled in the open row
    last: Cell | None = None  # last fragment placed in the open row
    role_last: dict[str, Cell] = field(default_factory=dict)  # last fragment per role of the open row
    partial_label: str | None = None  # a category label wrapped over lines, awaiting its tail
    widths: dict[str, float] = field(default_factory=dict)  # widest wrapped line per role, rows kept
    counts: dict[str, int] = field(default_factory=dict)
    # The same for the open row: learnt only when the row is kept (a reason paragraph
    # taken for a name that never met a value must not widen the name column).
    pend_widths: dict[str, float] = field(default_factory=dict)
    pend_counts: dict[str, int] = field(default_factory=dict)
    table_width: float = 0.0  # widest single-cell text line of the table
    name_width: float = 0.0  # widest name cell opening a row line (the name column's width)
    name_width_seen: int = 0  # row lines whose name cell is within a character of name_width
    single: bool = False  # the line being placed holds one cell
    next_value_led: bool = False  # the next line opens with a value
    next2_value_led: bool = False  # the line after the next opens with a value
    value_ahead: bool | None = False  # a value-led line follows after one-cell text lines (None: not asked yet)
    next_row_start: bool | None = False  # the next line starts a row of its own (labels, or name and value)
    next_line: Line | None = None  # the next non-blank line (for next_row_start)
    ahead: Callable[[], bool] | None = None  # computes value_ahead for the line being placed
    tail_ahead: Callable[[], bool] | None = None  # a row line opening with a name's tail follows
    glued: bool = False  # rows are glued into single cells (no separators)
    grid: bool = False  # lines are delimited rows (| or tab), not one cell per line
    trailing: list[tuple[str | None, str | None]] = field(default_factory=list)  # labels after the last row
    after_l2: bool = False  # the last line was a level-2 category label
    level1: str | None = None
    level2: str | None = None
    l1_written: str | None = None
    l2_written: str | None = None
    cat_fresh: bool = False
    cat_cell: Cell | None = None
    after_tail: bool = False  # this line opened with the wrapped tail of the row's category cell


_LEAD_ASCII_RE = regex.compile(r"^[\x21-\x7e]+")


def _is_full(
    st: _State, role: str, cell: Cell, nxt: Cell | None = None, *, strict: bool = False, extra: float = 0.0
) -> bool:
    """Did ``cell`` fill its column, so the text had to wrap?

    Chinese wraps at any character, so a line with room for one more character
    was not full — unless the next line starts with something that may not
    begin a line or be broken (punctuation, a number, a Latin word).
    """
    seen = st.counts.get(role, 0) + st.pend_counts.get(role, 0)
    w = max(st.widths.get(role, 0.0), st.pend_widths.get(role, 0.0))
    if seen >= 2:
        if role == NAME and st.name_width_seen >= 3 and w > st.name_width + 0.25:
            # Wider than any name on a row line: text of another column taken for a
            # name (a 说明 note such as "按上级下达任务数计"); the row lines show the column's width.
            w = st.name_width
    elif role == NAME and st.name_width:
        w = max(st.name_width, w)
    elif strict:
        return False
    else:
        w = max(st.table_width, w)
    slack = 0.75 + extra
    if nxt is not None:
        head = nxt.comp
        if head[:1] in _CONT_START_SET:
            slack += 1.0
        m = _LEAD_ASCII_RE.match(head)
        if m:
            slack += 0.5 * min(len(m.group(0)), 8)
    return cell.width >= max(w - slack, 3.0)


def _place(st: _State, cell: Cell, role: str) -> None:
    r = st.row
    assert r is not None
    if role == NAME:
        r.name_parts.append(cell)
    elif role in (VALUE, CMP, NUM, UNIT):
        if role == CMP and cell.comp in ("定性", "定量"):
            pass  # "定性" in the symbol column is not part of the value
        else:
            r.value_parts.append(cell)
    elif role == ACTUAL:
        r.actual_parts.append(cell)
    elif role == DIR:
        # 正向/反向 says which way the target points; it is not part of the value.  A symbol
        # there (≥, ＝) is the target's comparator.
        if _tag(cell.comp) == "CMP":
            r.value_parts.append(cell)
    elif role in (WEIGHT, SCORE):
        try:
            v = float(cell.comp.replace(",", ""))
        except ValueError:
            v = None
        if role == WEIGHT:
            r.weight = v
        else:
            r.score = v
    else:
        r.note_parts.append(cell)
    if role != NOTE:
        if cell.last_line <= cell.line:  # Row.touch, inlined: most cells span one line
            r.lines.add(cell.line)
        else:
            r.touch(cell)
    if st.single:
        st.pend_widths[role] = max(st.pend_widths.get(role, 0.0), cell.width)
        st.pend_counts[role] = st.pend_counts.get(role, 0) + 1
    st.last = cell
    st.role_last[role] = cell


def _has_value(r: Row) -> bool:
    return bool(r.value_parts)


def _close(st: _State) -> None:
    n = len(st.rows)
    _close_row(st)
    if st.pend_counts:
        if len(st.rows) > n:  # the row was kept: what its lines showed of the columns holds
            for role, w in st.pend_widths.items():
                st.widths[role] = max(st.widths.get(role, 0.0), w)
                st.counts[role] = st.counts.get(role, 0) + st.pend_counts[role]
        st.pend_widths = {}
        st.pend_counts = {}


def _close_row(st: _State) -> None:
    r = st.row
    st.row = None
    st.pos = -1
    st.last = None
    st.role_last = {}
    if r is None:
        return
    if not r.name_parts and not r.value_parts:
        return
    if not r.value_parts:
        # A name with no value: a note/reason spilling after the previous row (in
        # tables with weights every row has one), or a qualitative value that
        # wrapped like a name and ends the fragments.
        if r.weight is None and r.score is None and (WEIGHT in st.roles or SCORE in st.roles):
            return
        if len(r.name_parts) >= 2:
            parts = r.name_parts
            best_i = max(range(1, len(parts)), key=lambda i: _vl(parts[i].text) + 0.1 * i)
            r.value_parts = parts[best_i:]
            r.name_parts = parts[:best_i]
        if not r.value_parts and r.weight is None:
            return  # not an indicator row
    if not r.name_parts:
        return
    st.rows.append(r)
    st.trailing = []


def _new_row(st: _State) -> None:
    _close(st)
    r = Row(
        level1_written=st.l1_written,
        level2_written=st.l2_written,
        level1=st.level1,
        level2=st.level2,
        category_source="written" if st.cat_fresh else "carried",
    )
    st.cat_fresh = False
    st.row = r
    st.pos = -1


def _plain_manyidu(c: str) -> bool:
    core = _rx(r"\(\d+(?:\.\d+)?分\)$").sub("", c)
    core = core[:-2] if core.endswith("指标") else core[:-1] if core.endswith("指") else core
    return core == "满意度"


def _next_completes(st: _State, c: str) -> bool:
    """Whether a cell of the next line completes the label ``c`` begins
    (``满意度(10 | 服务对象满意`` / ``分) | 度``)."""
    if st.next_line is None:
        return False
    for cell in split_cells(st.next_line)[:2]:
        if _SCORE_NOTE_RE.match(cell.comp) or _LABEL_TAIL_RE.match(cell.comp):
            continue
        return len(cell.comp) <= 4 and is_label(c + cell.comp)
    return False


def _label_line(ln: Line | None) -> bool:
    """A line holding one category label alone ("成本" under "产出": labels stacked)."""
    if ln is None:
        return False
    cells = split_cells(ln)
    return len(cells) == 1 and parse_label(cells[0].comp) != (None, None)


def _strip_categories(st: _State, cells: list[Cell]) -> list[Cell]:
    """Consume leading category cells (and wrapped label tails), updating the state."""
    out = list(cells)
    took_l1 = took_l2 = False
    consumed: Cell | None = None
    tail = False  # a wrapped label's tail was taken off this line
    st.after_tail = False
    while out:
        c = out[0].comp
        if (st.cat_cell is not None or consumed is not None) and (_LABEL_TAIL_RE.match(c) or _SCORE_NOTE_RE.match(c)):
            out.pop(0)
            tail = True
            continue
        if st.partial_label and len(c) <= 6 and parse_label(st.partial_label + c) != (None, None):
            out.pop(0)  # "服务对象" / "满意度": the tail of a label wrapped over lines
            st.partial_label = None
            tail = True
            continue
        l1, l2 = parse_label(c)
        if tail and consumed is None and st.row is not None and st.row.value_parts and not c.endswith(("指标", "指")):
            # "意度指标 | 服务满意度": after the tail of the row's category cell comes
            # the wrapped rest of its name, even when it reads like a label.
            l1 = l2 = None
        if l1 is None and l2 is None:
            # "服务对象 | 通过问卷调查 | ≥88%": a label cut by its line, before the name.
            if (took_l1 or consumed is not None or st.level1) and (len(out) >= 2 or ((took_l1 or took_l2) and _next_completes(st, c))):
                pl1, pl2 = label_completion(c)
            else:
                pl1 = pl2 = None
            if pl2 is not None and is_label_prefix(c):
                out.pop(0)
                if consumed is None:
                    _close(st)
                consumed = cells[0]
                st.level1, st.level2 = canonical(pl1, pl2)
                st.l2_written = c
                st.partial_label = c
                st.cat_fresh = True
                took_l2 = True
                continue
            break
        if took_l2:
            break  # after a level-2 label comes the indicator's name
        if st.after_l2 and l2 is not None and not took_l1 and len(cells) == 1 and not st.wrap:
            break  # one cell per line: a second level-2 label in a row is the indicator's name
        if len(cells) == 1 and not st.wrap and st.next_value_led and not c.endswith(("指标", "指", "标")):
            break  # "服务对象满意度" / "≥92%": a name the value follows, not a category cell
        as_l1 = l2 is None or (l1 == "满意度" and _plain_manyidu(c) and not took_l1)
        if as_l1 and took_l1:
            if l1 != "满意度":
                break
            as_l1 = False
        rest = out[1:]
        open_name = st.row is not None and st.row.name_parts and not st.row.value_parts
        if open_name and len(cells) == 1 and st.wrap and st.last is not None and _is_full(st, NAME, st.last, cells[0]):
            break  # "…伤残人员" / "满意度": the tail of a wrapped name, not a category
        row = st.row
        if (
            len(cells) == 1
            and st.wrap
            and not took_l1
            and row is not None
            and row.value_parts
            and row.name_parts
            and cells[0].line == max(row.lines) + 1
            and (l1, l2) in ((st.level1, None), (st.level1, st.level2), (None, st.level2))
            and _is_full(st, NAME, row.name_parts[-1], cells[0])
            and not _label_line(st.next_line)
        ):
            break  # "…对文化站 ≥90% …" / "满意度": the category in force again is the name's tail
        if rest and all(x.tag in ("VAL", "NUM", "CMP", "UNIT") for x in rest) and not open_name and (took_l1 or st.level2):
            break  # "满意度 ≥90%": the label is the indicator's name
        out.pop(0)
        if consumed is None:
            _close(st)
        consumed = cells[0]
        if as_l1:
            took_l1 = True
            st.level1 = l1
            st.l1_written = c
            if l1 == "满意度":
                st.level2 = "服务对象满意度"
            elif st.level2 is not None and canonical(None, st.level2)[0] != l1:
                st.level2 = None
        else:
            took_l2 = True
            st.level1, st.level2 = canonical(l1, l2)
            st.l2_written = c
        st.trailing.append((l1, None) if as_l1 else (l1, l2))
        st.cat_fresh = True
    st.after_l2 = took_l2 if (took_l1 or took_l2 or consumed is not None) else (False if out else st.after_l2)
    st.after_tail = tail and consumed is None and bool(out) and st.row is not None and bool(st.row.value_parts)
    if consumed is not None:
        st.cat_cell = consumed
    elif out:
        st.cat_cell = None
        if st.partial_label and consumed is None and st.row is not None and len(st.row.lines) > 0:
            if max(st.row.lines) < cells[0].line - 1:
                st.partial_label = None
    return out


_ITEM_RE = regex.compile(
    r"^(?:指标)?\s*\d{1,3}\s*[:：.、．)]\s*(?P<name>[^:：（(]+?)\s*(?:[:：]\s*(?P<v1>.+)|[（(](?P<v2>[^()（）]+)[)）])\s*$"
)
_HEADING_RE = regex.compile(r"^[【\[](?P<label>[^】\]]{2,40})[】\]]$")


def role_of_header(cell: str) -> str:
    """The column role a header cell declares ('' when none)."""
    for rx, role in _HEADER_ROLES:
        if rx.match(cell):
            return role
    return ""


def name_header_at(lines: list[Line], start: int, end: int) -> int | None:
    """Index of the first of ``lines[start:end]`` that is the indicator-name header cell alone
    (``三级指标``, ``指标名称``): where a grid's rows begin when its header came apart."""
    for j in range(start, end):
        c = line_comp(lines[j])
        if c and len(c) <= 8 and is_header_word(c) and role_of_header(c) == "NAME":
            return j
    return None


def no_indicator_name(name: str) -> bool:
    """A cell no indicator is named by, whatever a reader paired with it: a figure
    (``3.10``, ``94%以上``), 定性/定量, a header cell (``备注``), a metadata key (``实施单位``),
    a government body's name (``某县公安局``), a sign-off line (``填报单位：…``)."""
    if not name:
        return True
    return (
        name in ("定性", "定量")
        or no_cell_line(name, name)  # (a page's furniture a tagger made a row of: Copyright …)
        or is_header_word(name)
        or quantity_only(name)
        or is_meta_key(name)
        or bool(_ORGANISATION_RE.match(name))
        or bool(_SIGNATURE_RE.match(name))
    )


# A form's sign-off under its table: who filled it in, whom to call (填报单位：…（盖章）, 联系人：…).
_SIGNATURE_RE = regex.compile(
    r"^(?:填报|填表|制表|审核|经办|联系|分管|单位负责|财务负责|项目负责)(?:单位|人|电话|领导|日期|时间)?(?:（盖章）|\(盖章\))?[:：]"
)


# A government body's name (a table's department or implementer, printed among the cells):
# a place, then the body (…县公安局, …市水利局, …县科技情报研究所).
_ORGANISATION_RE = regex.compile(
    r"^\p{Han}{0,12}(?:省|市|州|盟|县|区|旗|镇|乡)\p{Han}{0,14}(?:局|厅|委员会|办公室|人民政府|研究所|管理所|管理处)$"
)


def is_meta_key(c: str) -> bool:
    """A table's metadata key standing alone (``实施单位``, ``年度资金总额：``)."""
    return any(st == 0 and end >= len(c.rstrip(":：")) - 1 for _, st, end in _find_keys(c))


def build_rows(lines: list[Line], region: Region, pairing: PairingModel | None = None) -> list[Row]:
    """Indicator rows of one region, in document order (``pairing``: the model that pairs
    names and targets in a cell stream; the shipped one by default)."""
    return read_region(lines, region, pairing)[1]


def read_region(
    lines: list[Line], region: Region, pairing: PairingModel | None = None, pages: list[int | None] | None = None
) -> tuple[str, list[Row]]:
    """The reader that rebuilt a region's rows (``outline``, ``stream``, ``columns`` or
    ``rows``, the cell-aligning row builder) and the rows."""
    from .columns import build_rows_positional, is_positional, segments
    from .outline import build_rows_outline
    from .stream import build_rows_stream, is_stream

    if region.outline:
        rows = build_rows_outline(lines, region.body or region.start, region.end)
        stream = None if region.title is None else scattered_header(lines, region)
        if stream is None:
            return "outline", rows
        # The "outline" may be a grid's category labels, printed apart from its cells.
        streamed = build_rows_stream(lines, stream, pairing)
        return ("stream", streamed) if len(streamed) > len(rows) else ("outline", rows)
    if region.scattered:
        return "stream", build_rows_stream(lines, region, pairing)
    if is_stream(lines, region):
        rows = build_rows_stream(lines, region, pairing)
        if rows:
            return "stream", rows
    if is_positional(lines, region):
        assert region.header is not None
        head = [c.comp for _, c in segments(lines[region.header])]
        rows = build_rows_positional(lines, region, {h: role_of_header(h) for h in head}, pages)
        if rows:
            return "columns", rows
    return "rows", trailing_columns(lines, region, _build_rows_aligned(lines, region))


_BARE_TARGET_RE = regex.compile(r"\d(?:\.\d+)?$")


def trailing_columns(lines: list[Line], region: Region, rows: list[Row]) -> list[Row]:
    """Plain pdftotext may print a grid's last columns as blocks after its rows: the header
    cell (``度量单位``, ``权重``), then one cell a row (``批次`` / ``家`` / ``%`` …, ``10`` / ``5``
    …).  A block with as many cells as the rows lacking that column (units: rows whose target
    ends in a bare number) gives them out in order; the rows read from the block's lines go."""
    start = region.body if region.body is not None else region.start
    i = start
    blocks: list[tuple[str, list[Line], set[int]]] = []
    while i < region.end:
        c = line_comp(lines[i])
        role = role_of_header(c) if c and len(c) <= 6 and is_header_word(c) else ""
        if role in ("UNIT", "WEIGHT"):
            cells: list[Line] = []
            j = i + 1
            while j < region.end:
                d = line_comp(lines[j])
                if not d:
                    j += 1
                    continue
                if (tag_cell(d) == "UNIT") if role == "UNIT" else bool(_WEIGHT_LINE_RE.match(d)):
                    cells.append(lines[j])
                    j += 1
                    continue
                break
            if len(cells) >= 3:
                blocks.append((role, cells, set(range(lines[i].no, lines[j - 1].no + 1))))
                i = j
                continue
        i += 1
    if not blocks:
        return rows
    used = set().union(*(b[2] for b in blocks))
    rows = [r for r in rows if not r.lines or not r.lines <= used]
    for r in rows:
        if r.lines & used:
            for parts in (r.name_parts, r.value_parts, r.actual_parts, r.note_parts):
                parts[:] = [c for c in parts if c.line not in used]
            r.lines -= used
    for role, cells, _ in blocks:
        if role == "UNIT":
            want = [r for r in rows if _BARE_TARGET_RE.search(r.value_text or "") and not r.value_text.endswith("%")]
        else:
            want = [r for r in rows if r.weight is None]
        if len(want) != len(cells):
            continue
        for r, ln in zip(want, cells, strict=True):
            cell = Cell(ln.text.strip(), ln.disp.strip(), ln.no, width=text_width(ln.text.strip()))
            if role == "UNIT":
                r.value_parts.append(cell)
            else:
                r.weight = float(cell.comp)
            r.touch(cell)
            r.reordered = True  # (read out of print order: the line tagger leaves the table be)
    return rows


_CLAUSE_MARK_RE = regex.compile(r"[，。；;]")


def _label_free(ln: Line) -> str:
    """A line's text after the category labels it opens with, compact."""
    words = ln.text.split()
    return "".join(words[leading_label_words(words):])


_WEIGHT_LINE_RE = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?$")


def _line_kind(ln: Line, weights: bool = False) -> str:
    """``V`` a target alone, ``W`` a weight alone (``weights``: the table has a weight column),
    ``N`` a name, ``LN`` category labels then a name, ``L`` labels only, ``S`` no cell
    (furniture, a header word, a piece of the side label), ``X`` anything else."""
    c = line_comp(ln)
    raw = ln.text.strip()
    if no_cell_line(raw, c) or c in SIDE_LABEL_PIECES:
        return "S"
    cells = split_cells(ln)
    if not cells or all(is_header_word(x.comp) for x in cells):
        return "S"
    if weights and len(cells) == 1 and _WEIGHT_LINE_RE.match(c):
        return "W"
    if len(cells) == 1 and _vl(c) >= 0.8 and len(c) <= 20 and not _CLAUSE_MARK_RE.search(c):
        return "V"
    rest = _label_free(ln)
    if not rest:
        return "L"
    if _vl(rest) <= 0.5 and not any(_vl(x.comp) >= 0.8 for x in cells[1:]):
        return "N" if rest == c else "LN"
    return "X"


_SYMBOL_CELLS = frozenset({"≥", "≤", "=", ">", "<", "＞", "＜", "定性", "定量", "≥=", "<=", ">="})


def _zip_column_blocks(body: list[Line], zipped: dict[int, tuple[str, ...]] | None = None) -> list[Line]:
    """Plain pdftotext may write the rest of a page column by column: K names (labels and
    furniture among them), then the K symbols (``≥`` / ``定性``), the K figures or worded
    targets, and the units of the figures.  Each name then gets its symbol, target and unit
    back, in order (K >= 3, the counts agreeing; the lines keep their numbers).  ``zipped``
    gets each such name's line number and the level-2 labels its row may have: the one in
    force before the block and those printed among its lines."""
    idx = [i for i, ln in enumerate(body) if ln.text.strip()]
    at = {i: k for k, i in enumerate(idx)}  # a line's place among the non-blank ones
    comp = {i: line_comp(body[i]) for i in idx}
    if sum(comp[i] in _SYMBOL_CELLS for i in idx) < 3:
        return body

    def skip(i: int) -> bool:
        c = comp[i]
        return no_cell_line(body[i].text.strip(), c) or c in SIDE_LABEL_PIECES or parse_label(c) != (None, None)

    def run_of(p: int, test: Callable[[str], bool]) -> list[int]:
        out: list[int] = []
        while p < len(idx) and (test(comp[idx[p]]) or skip(idx[p])):
            if not skip(idx[p]):
                out.append(idx[p])
            p += 1
        return out

    after: dict[int, list[int]] = {}
    moved: set[int] = set()
    p = 0
    while p < len(idx):
        if comp[idx[p]] not in _SYMBOL_CELLS:
            p += 1
            continue
        symbols = run_of(p, lambda c: c in _SYMBOL_CELLS)
        k = len(symbols)
        q = at[symbols[-1]] + 1
        figures = run_of(q, lambda c: _vl(c) >= 0.8 and c not in _SYMBOL_CELLS and tag_cell(c) != "UNIT")[:k]
        # The names: the K name lines right before the symbols (labels and furniture skipped).
        names: list[int] = []
        b = p - 1
        while b >= 0 and len(names) < k:
            i = idx[b]
            if not skip(i):
                if _vl(comp[i]) >= 0.8 or comp[i] in _SYMBOL_CELLS or len(comp[i]) < 3:
                    break
                names.append(i)
            b -= 1
        names.reverse()
        if k < 3 or len(figures) != k or len(names) != k:
            p = at[symbols[-1]] + 1
            continue
        r = at[figures[-1]] + 1
        numeric = [n for n, f in enumerate(figures) if comp[f][-1:].isdigit()]
        units = run_of(r, lambda c: tag_cell(c) == "UNIT")
        units = units if len(units) == len(numeric) else []
        end = at[(units or figures)[-1]] + 1
        if zipped is not None:
            first = at[names[0]]
            before = [lab for i in idx[:first] for w in body[i].text.split() if (lab := parse_label(w)[1])][-1:]
            inside = [lab for i in idx[first:end] for w in body[i].text.split() if (lab := parse_label(w)[1])]
            choices = tuple(dict.fromkeys(c for lab in before + inside if (c := canonical(None, lab)[1])))
        for n, (name, sym, fig) in enumerate(zip(names, symbols, figures, strict=True)):
            cells = [sym, fig]
            if units and n in numeric:
                cells.append(units[numeric.index(n)])
            after[name] = cells
            moved.update(cells)
            if zipped is not None:
                zipped[body[name].no] = choices
        p = end
    return _moved_after(body, after, moved)


def _moved_after(body: list[Line], after: dict[int, list[int]], moved: set[int]) -> list[Line]:
    """``body`` with the lines of ``after[i]`` taken from where they stand (``moved``) and put
    right after line i; ``body`` itself when nothing moves."""
    if not after:
        return body
    out: list[Line] = []
    for i, ln in enumerate(body):
        if i in moved:
            continue
        out.append(ln)
        out.extend(body[j] for j in after.get(i, ()))
    return out


def _unstack_lines(body: list[Line], roles: list[str]) -> list[Line]:
    """Put back the order of rows plain pdftotext wrote out of order (a browser's PDF; the
    lines keep their numbers, only the reading order changes), where the table has no columns
    but names, targets and weights (notes or actual values would pass for names or targets):

    - a merged category cell's rows written block by block (the group's K names, each on a
      line, labels among them, then its K targets): each target after its name (K >= 3, the
      counts agreeing);
    - a target (and its weight) printed above its name where the name's line opens with the
      category labels centred beside it ("≥90% / 8 / 质量指标 name"): after that name, when
      the lines before it end a whole row already.
    """
    roles_set = set(roles)
    if not roles_set <= {NAME, VALUE, WEIGHT, CMP, NUM, UNIT}:
        return body
    weights = WEIGHT in roles_set
    m = len(roles_set - {NAME})  # the cells a row has besides its name
    idx = [i for i, ln in enumerate(body) if ln.text.strip()]
    kinds = {i: _line_kind(body[i], weights) for i in idx}
    after: dict[int, list[int]] = {}
    moved: set[int] = set()
    if roles_set <= {NAME, VALUE}:
        k = 0
        while k < len(idx):
            if kinds[idx[k]] != "V":
                k += 1
                continue
            e = k
            while e < len(idx) and kinds[idx[e]] in ("V", "S"):
                e += 1
            run = [i for i in idx[k:e] if kinds[i] == "V"]
            names: list[int] = []
            b = k - 1
            while b >= 0 and kinds[idx[b]] in ("N", "LN", "L", "S", "X"):
                if kinds[idx[b]] in ("N", "LN", "X"):  # (X: a name with a figure word, 以上)
                    names.append(idx[b])
                b -= 1
            names.reverse()
            # (three or more, each name at least four characters: a wrapped name's pieces, or a
            # worded target's two lines, must not pass for a block)
            if len(run) >= 3 and len(names) == len(run) and all(len(_label_free(body[n])) >= 4 for n in names):
                for n, v in zip(names, run, strict=True):
                    after[n] = [v]
                    moved.add(v)
            k = e

    def small(i: int) -> bool:  # a value-side cell alone on its line
        return kinds[i] in ("V", "W") or (len(split_cells(body[i])) == 1 and _tag(line_comp(body[i])) in ("CMP", "NUM", "UNIT"))

    for p, i in enumerate(idx):
        if kinds[i] != "LN" or i in after:
            continue
        # The run of value-side cells right above the labelled name: the row above's m cells,
        # then this row's m (a target and its weight; a symbol, number and unit).
        q = p
        while q > 0 and idx[q - 1] not in moved and small(idx[q - 1]):
            q -= 1
        run = idx[q:p]
        if q == 0 or kinds[idx[q - 1]] not in ("N", "LN"):
            continue
        if len(run) == m and idx[q - 1] in after:
            group = run  # the labelled name above took its own cells from above it already
        elif len(run) == 2 * m:
            group = run[m:]
        else:
            continue
        after[i] = group
        moved.update(group)
    return _moved_after(body, after, moved)


def _build_rows_aligned(lines: list[Line], region: Region) -> list[Row]:
    """Rows of a region whose lines' cells are aligned to the header's columns, fragments
    wrapped over lines linked (delimited grids, PDF text wrapped at any width, one cell per line)."""
    roles = header_roles(region.header_cells)
    body = lines[region.body if region.body is not None else region.start : region.end]
    styles = [line_style(ln.text) for ln in body if ln.text.strip()]
    grid = bool(styles) and sum(s != "space" for s in styles) >= 0.6 * len(styles)
    header_one_per_line = len(region.header_cells) >= 3 and region.header is not None and all(
        len(split_cells(lines[i])) <= 1 for i in range(region.header, region.body or region.header) if lines[i].text.strip()
    )
    if header_one_per_line and _blank_separated(lines, region):
        # pdftotext without -layout: one paragraph per cell, blank lines between
        # cells, a cell's wrapped lines together.
        body = _paragraphs(body)
    reordered = False
    zipped: dict[int, tuple[str, ...]] = {}
    if not grid:
        printed = body
        body = _unstack_lines(_zip_column_blocks(body, zipped), roles)
        reordered = body is not printed
    st = _State(roles=roles, wrap=not grid and not header_one_per_line, grid=grid)
    st.table_width, st.name_width, st.name_width_seen = _widths(body)
    nonblank = [i for i, ln in enumerate(body) if ln.text.strip()]
    next_of = dict(zip(nonblank, nonblank[1:], strict=False))
    joined_labels = _wrapped_labels(body, nonblank)
    led_cache: dict[int, bool] = {}

    def led(i: int) -> bool:
        if i not in led_cache:
            led_cache[i] = _value_led(body[i])
        return led_cache[i]

    side_prev = prev_bi = -1  # the last side-label piece skipped, the last line read
    for bi, ln in enumerate(body):
        raw = ln.text.strip()
        if not raw:
            continue
        c = line_comp(ln)
        if no_cell_line(raw, c):
            continue
        if bi in joined_labels:
            label = joined_labels[bi]
            if label is None:
                continue  # a later piece of a label wrapped over several lines
            cells = [Cell(text=label, disp=label, line=ln.no)]
        else:
            cells = split_cells(ln)
        if not cells:
            continue
        non_header = 0  # cells that are not header words, counted up to 2
        for x in cells:
            if not is_header_word(x.comp):
                non_header += 1
                if non_header == 2:
                    break
        if non_header == 0 or (len(cells) >= 3 and non_header == 1):
            continue  # repeated header after a page break
        if len(cells) == 1 and c in SIDE_LABEL_PIECES and (c not in ("指标", "标") or len(c) == 1 or side_prev == prev_bi):
            # (指标 or 标 alone may end a wrapped label: only right after another side piece)
            side_prev = prev_bi = bi  # a piece of the 绩效指标 label printed down the table's side
            continue
        prev_bi = bi
        m = _HEADING_RE.match(c) if c[:1] in "【[" else None
        if m:
            l1, l2 = parse_label(m.group("label"))
            if l1 or l2:
                _close(st)
                st.level1, st.level2 = canonical(l1, l2)
                st.l1_written = st.l2_written = m.group("label")
                st.cat_fresh = True
                continue
        m = _ITEM_RE.match(raw) if raw[0] == "指" or _may_be_digit(raw[0]) else None
        if m and not grid:
            _emit_item(st, ln, m)
            continue
        if _looks_glued(cells):
            st.glued = True
        if len(cells) >= 2 and cells[0].col < 0:
            cells, peeled = _unglue_head(cells)
            if peeled:
                st.glued = True  # labels glued to names: the table's one-cell rows are glued too
        scored_glued = _scored_glued(st)
        if scored_glued and len(cells) >= 2:
            cells = [*cells[:-1], *_split_scored_cell(cells[-1])]  # "开展送戏下乡演出≥ 60场≥62场22"
        pieces = split_glued(cells[0], scored=scored_glued) if st.glued and len(cells) == 1 else [cells]
        nxt = next_of.get(bi)
        st.next_value_led = led(nxt) if nxt is not None else False
        nxt2 = next_of.get(nxt) if nxt is not None else None
        st.next2_value_led = led(nxt2) if nxt2 is not None else False
        # value_ahead and next_row_start decide only some placements: computed when asked.
        st.value_ahead = st.next_row_start = None
        st.ahead = functools.partial(_value_ahead, body, next_of, bi, led)
        st.tail_ahead = functools.partial(_tail_row_ahead, body, next_of, bi)
        st.next_line = body[nxt] if nxt is not None else None
        for seg in pieces:
            for cell in seg:
                cell.tag = _tag(cell.comp)
            if CMP not in roles:
                seg = _merge_value_tokens(seg)
            seg = _strip_categories(st, seg)
            if seg:
                _place_line(st, seg)
    _close(st)
    st.rows = _split_second_rows(st.rows)
    if not zipped:  # (labels after a block written column by column are the block's)
        _trailing_labels(st)
    for r in st.rows:
        r.level1, r.level2 = canonical(r.level1, r.level2)
    if reordered:
        for r in st.rows:
            r.reordered = True
            if r.lines and min(r.lines) in zipped:
                # Written column by column: the labels stood apart from the rows.
                r.category_source, r.level2_choices = "guessed", zipped[min(r.lines)]
    return st.rows


def _blank_separated(lines: list[Line], region: Region) -> bool:
    """Header cells printed one per line with blank lines between them."""
    if region.header is None or region.body is None:
        return False
    span = lines[region.header : region.body]
    blanks = sum(1 for ln in span if not ln.text.strip())
    return blanks >= max(2, len(region.header_cells) - 2)


def _paragraphs(body: list[Line]) -> list[Line]:
    """Join each run of non-blank lines into one line (one cell), keeping blank lines."""
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        if not run:
            return
        if len(run) > 1 and all(parse_label(compact(ln.text)) != (None, None) for ln in run):
            out.extend(run)  # stacked category cells ("数量指标" / "产出指标"), not one wrapped cell
            run.clear()
            return
        if len(run) >= 4 and (
            sum(parse_label(c := compact(ln.text)) != (None, None) and len(c) <= 10 for ln in run) >= 2
            or sum(_tag(compact(ln.text)) in ("VAL", "NUM") and len(ln.text.strip()) <= 16 for ln in run) >= 2
        ):
            # A grid printed column by column with no blank lines between its cells (the
            # names with category labels among them, then the targets): each line a cell.
            out.extend(run)
            run.clear()
            return
        text = "".join(ln.text.strip() for ln in run)
        disp = "".join(ln.disp.strip() for ln in run)
        joined = Line(no=run[0].no, text=text, disp=disp)
        joined.cells = [Cell(text=text, disp=disp, line=run[0].no, last_line=run[-1].no, width=text_width(text))]
        out.append(joined)
        run.clear()

    for ln in body:
        if ln.text.strip():
            run.append(ln)
        else:
            flush()
            out.append(ln)
    flush()
    return out


def _split_second_rows(rows: list[Row]) -> list[Row]:
    """Two rows glued on one line, a space apart (``名称甲 ≥90% 名称乙 ≥85%``): a row whose
    target cells are a whole target, a cell that reads as a name, then another target, on one
    line, is two rows."""
    out: list[Row] = []
    for r in rows:
        parts = r.value_parts
        cut = next(
            (
                j
                for j in range(1, len(parts) - 1)
                if parts[j - 1].line == parts[j].line == parts[j + 1].line
                and _tag(parts[j].comp) == "TEXT"
                and len(parts[j].comp) >= 4
                and _vl(parts[j].comp) <= 0.5
                and not _CLAUSE_MARK_RE.search(parts[j].comp)  # (a sentence's words: prose)
                and _tag(parts[j - 1].comp) == "VAL"
                and _vl(parts[j - 1].comp) >= 0.8
                and _tag(parts[j + 1].comp) in ("VAL", "NUM")
            ),
            None,
        )
        if cut is None:
            out.append(r)
            continue
        second = Row(level1=r.level1, level2=r.level2, category_source=r.category_source)
        second.name_parts = [parts[cut]]
        second.value_parts = parts[cut + 1 :]
        for c in parts[cut:]:
            second.touch(c)
        r.value_parts = parts[:cut]
        out += [r, second]
    return out


def _trailing_labels(st: _State) -> None:
    """Category cells printed after the table's last row (pdftotext puts merged
    cells last) belong to the rows at its top that show no category."""
    if not st.trailing or not st.rows:
        return
    lead = []
    for r in st.rows:
        if r.level1 is None and r.level2 is None:
            lead.append(r)
        else:
            break
    if not lead:
        return
    l1 = next((a for a, b in st.trailing if a and b is None), None)
    l2 = next((b for a, b in st.trailing if b), None)
    l1, l2 = canonical(l1, l2)
    for r in lead:
        r.level1, r.level2 = l1, l2
        r.category_source = "written"


_GLUED_VALUE_RE = regex.compile(
    r"(?:(?:大于等于|小于等于|不少于|不低于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|至少|达到|超过|控制在|约|[≥≤=<>]=?)"
    r"\s*(?:\d|[零一二两三四五六七八九十百千]))"
    r"|(?<=\p{Han})(?:\d[\d,]*(?:\.\d+)?\s*(?:%|[万亿千]?(?:元|人次|人|次|个|家|户|项|件|台|套|所|座|辆|条|篇|份|册|场|期|批|张|吨|亩|公里|米|平方米|天|日|月|小时|分钟|种|组|处|床|名|间|起))"
    r"|(?:19|20)\d{2}(?:年\d{1,2}月|[.\-/]\d{1,2}[.\-/]\d{1,2}))"
)


def _glued_value_end(text: str, start: int) -> int:
    """End of the target value that starts at ``start`` in glued text."""
    from .values import _UNIT_RE as UNIT_RE

    m = _GLUED_FULL_RE.match(text, start)
    if not m:
        return len(text)
    end = m.end()
    u = UNIT_RE.match(text, end)
    if u and u.end() > end:
        end = u.end()
    t = _GLUED_TAIL_RE.match(text, end)
    return t.end() if t else end


_GLUED_FULL_RE = regex.compile(
    r"(?:大于等于|小于等于|不少于|不低于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|至少|达到|超过|控制在|约|[≥≤=<>]=?)?\s*"
    r"(?:(?:19|20)\d{2}(?:年(?:\d{1,2}月)?(?:\d{1,2}日)?|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?)(?:底|末)?(?:前|之前|以前)?(?:完成)?"
    r"|(?:\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千]+)(?:\s*[-~至]\s*\d[\d,]*(?:\.\d+)?)?)"
)
_GLUED_TAIL_RE = regex.compile(r"(?:以上|以下|以内|左右|之间|前|内)")


def split_glued(cell: Cell, *, scored: bool = False) -> list[list[Cell]]:
    """Split one glued cell into rows of cells: labels, name, value, repeated
    (``产出指标数量培训人次≥500人次``, or several rows run together on one line).

    ``scored``: the table is a self-evaluation, so a value may be followed by the actual
    value and the run of digits holding weight and score (``≥6处≥6处1515``).
    """
    text = cell.text
    mk = functools.partial(_slice, cell)
    rows: list[list[Cell]] = []
    pos = 0
    while pos < len(text):
        out: list[Cell] = []
        for end in _label_ends(text, pos):
            out.append(mk(pos, end))
            pos = end
        m = _GLUED_VALUE_RE.search(text, pos + 1)
        if m is None:
            g = _GLUED_GRADE_TAIL_RE.search(text, pos + 1) if scored else None
            if g is not None:
                # "供水保障能力持续提升达成年度指标1010": a worded target before the grade;
                # where the name ends the token tagger tells.
                tail = _glued_scored_tail(text, g.start())
                if tail is not None:
                    out.append(mk(pos, g.start()))
                    out.extend(mk(a, b) for a, b in tail)
                    rows.append(out)
                    break
            out.append(mk(pos, len(text)))
            rows.append(out)
            break
        out.append(mk(pos, m.start()))
        end = _glued_value_end(text, m.start())
        out.append(mk(m.start(), end))
        if scored:
            tail = _glued_scored_tail(text, end)
            if tail is not None:
                for a, b in tail:
                    out.append(mk(a, b))
                end = tail[-1][1]
        rows.append(out)
        pos = end
        if pos < len(text) and _GLUED_VALUE_RE.search(text, pos + 1) is None:
            # what follows the last value is a note or a text-valued row we cannot split
            break
    return [r for r in rows if r]


_GLUED_GRADE_RE = regex.compile("(?:" + "|".join(sorted({*_GRADES, *_SHORT_GRADES}, key=len, reverse=True)) + ")")
_DIGITS_RE = regex.compile(r"\d[\d.]*")
_GLUED_GRADE_TAIL_RE = regex.compile(_GLUED_GRADE_RE.pattern + r"(?=\d[\d.]*\s*$)")


def _glued_scored_tail(text: str, start: int) -> list[tuple[int, int]] | None:
    """Spans of the actual value, weight and score glued after a target at ``start``
    (``≥115人`` ``10`` ``10`` in ``≥115人1010``), or None when the text does not read so."""
    g = _GLUED_GRADE_RE.match(text, start)
    if g is not None:
        a_end = g.end()
    elif _GLUED_FULL_RE.match(text, start) is not None and _rx(r"[^\s\d]").match(text, start):
        a_end = _glued_value_end(text, start)
        if text[a_end - 1 : a_end].isdigit():
            return None  # an actual ending in a digit runs into the weight: no telling where
    else:
        return None
    d = _DIGITS_RE.match(text, a_end)
    if d is None or d.end() != len(text.rstrip()):
        return None
    split = split_weight_score(d.group())
    if split is None:
        return None
    cut = a_end + split
    return [(start, a_end), (a_end, cut), (cut, d.end())]


def _split_scored_cell(cell: Cell) -> list[Cell]:
    """A row's last cell holding its target, actual value, weight and score glued
    (``50条≥62条22``) as four cells; other cells as they are."""
    text = cell.text
    if not text[:1].isdigit() and _GLUED_FULL_RE.match(text) is None:
        return [cell]
    end = _glued_value_end(text, 0)
    if not 0 < end < len(text):
        return [cell]
    tail = _glued_scored_tail(text, end)
    if tail is None:
        return [cell]
    return [_slice(cell, 0, end), *(_slice(cell, a, b) for a, b in tail)]


def split_weight_score(digits: str) -> int | None:
    """Where a weight and its score printed together split (``1010`` → 2, ``109.06`` → 2,
    ``2016.5`` → 2): both numbers well formed, the weight at most 100 and the score at most
    the weight; a score equal to its weight is preferred.  None when no split reads so."""
    best: tuple[int, int] | None = None
    for i in range(1, len(digits)):
        w, sc = digits[:i], digits[i:]
        if not all(_rx(r"(?:0|[1-9]\d*)(?:\.\d+)?").fullmatch(x) for x in (w, sc)):
            continue
        wv, sv = float(w), float(sc)
        if not (0 < wv <= 100 and sv <= wv):
            continue
        rank = (0 if sv == wv else 1, i)
        if best is None or rank < best:
            best = (rank[0], i)
    return None if best is None else best[1]


def _slice(cell: Cell, a: int, b: int) -> Cell:
    """The cell for ``cell.text[a:b]`` (text and disp are aligned)."""
    t = cell.text[a:b]
    return Cell(text=t, disp=cell.disp[a:b], line=cell.line, width=text_width(t))


def _label_ends(text: str, pos: int) -> list[int]:
    """Ends of the (at most two) category labels glued at ``text[pos:]``
    (``产出指标数量指标…``), each leaving some text after it."""
    ends: list[int] = []
    for _ in range(2):
        n = label_prefix_len(text[pos:])
        if not n or pos + n >= len(text):
            break
        pos += n
        ends.append(pos)
    return ends


_TRAILING_CMP_RE = regex.compile(r"(?<=[^\s≥≤=<>])(?:[≥≤<>]=?|=)$")


def _unglue_head(cells: list[Cell]) -> tuple[list[Cell], bool]:
    """Undo the gluing a PDF extractor does inside one space-separated row.

    ``产出指标数量指标保障离休人员≤ 9人``: the category labels are glued to the name
    (they are split off as cells of their own) and the comparator to the name's
    end, away from its number (it becomes a cell of its own, which the value
    cells then take).  Also says whether labels were split off.
    """
    first = cells[0]
    out: list[Cell] = []
    text = first.text
    mk = functools.partial(_slice, first)
    pos = 0
    if _looks_glued([first]):
        for end in _label_ends(text, 0):
            out.append(mk(pos, end))
            pos = end
    rest = cells[1:]
    end = len(text)
    m = _TRAILING_CMP_RE.search(text, pos)
    if m is not None and m.start() > pos and rest[0].comp[:1].isdigit():
        end = m.start()
    if not out and end == len(text):
        return cells, False
    peeled = bool(out)
    out.append(mk(pos, end))
    if end < len(text):
        out.append(mk(end, len(text)))
    return out + rest, peeled


def _looks_glued(cells: list[Cell]) -> bool:
    """One cell that starts with a category label glued to more text."""

    if len(cells) != 1:
        return False
    c = cells[0].text
    n = label_prefix_len(c)
    if not (0 < n < len(c) - 1) or _rx(r"\p{Han}").match(c[n:]) is None or _LABEL_TAIL_RE.match(c[n:]):
        return False
    # "社会影响力" starts with 社会 but is a name: a glued label says 指标 or is followed by another label.
    return c[:n].endswith("指标") or label_prefix_len(c[n:]) > 0


def _merge_value_tokens(cells: list[Cell]) -> list[Cell]:
    """Join ``≥`` ``95`` ``%`` printed as separate tokens into one value cell
    (tables whose header has no separate symbol/unit columns)."""
    out: list[Cell] = []
    for c in cells:
        prev = out[-1] if out else None
        if prev is not None and (
            (prev.tag == "CMP" and prev.comp not in ("定性", "定量") and c.tag in ("NUM", "VAL"))
            or (prev.tag in ("NUM", "VAL") and c.tag == "UNIT" and prev.comp[-1:].isdigit())
        ):
            out[-1] = Cell(
                text=prev.text + " " + c.text,
                disp=prev.disp + " " + c.disp,
                line=prev.line,
                col=prev.col,
                tag="VAL",
                width=prev.width + c.width,
            )
            continue
        out.append(c)
    return out


def _wrapped_labels(body: list[Line], nonblank: list[int]) -> dict[int, str | None]:
    """Category labels wrapped over several one-cell lines (``社会公众`` / ``或服务对`` /
    ``象满意度`` / ``指标``): the first line maps to the whole label, the others to None."""
    out: dict[int, str | None] = {}
    k = 0
    while k < len(nonblank):
        i = nonblank[k]
        cells = split_cells(body[i])
        if len(cells) == 1 and is_label_prefix(cells[0].comp) and not is_label(cells[0].comp):
            text = cells[0].comp
            j = k + 1
            while j < len(nonblank) and j <= k + 4:
                nxt = split_cells(body[nonblank[j]])
                if len(nxt) != 1:
                    break
                cand = text + nxt[0].comp
                if not (is_label(cand) or is_label_prefix(cand)):
                    break
                text = cand
                j += 1
                if is_label(text) and not is_label_prefix(text):
                    break
            if j > k + 1 and is_label(text):
                out[i] = text
                for jj in range(k + 1, j):
                    out[nonblank[jj]] = None
                k = j
                continue
        k += 1
    return out


def _row_start(ln: Line) -> bool:
    """Does this line open a row by itself: category labels, or a name with its value?"""
    cells = split_cells(ln)
    if not cells:
        return False
    if parse_label(cells[0].comp) != (None, None):
        return True
    return len(cells) >= 2 and any(_tag(c.comp) in ("VAL", "NUM", "CMP") for c in cells[1:])


def _value_ahead(
    body: list[Line], next_of: dict[int, int], bi: int, led: Callable[[int], bool], limit: int = 3
) -> bool:
    """Is there a value-led line after ``bi``, past only one-cell text lines?"""
    k = bi
    for _ in range(limit):
        if k not in next_of:
            return False
        k = next_of[k]
        if led(k):
            return True
        cells = split_cells(body[k])
        if len(cells) != 1 or _tag(cells[0].comp) != "TEXT":
            return False
    return False


def _tail_row_ahead(body: list[Line], next_of: dict[int, int], bi: int, limit: int = 3) -> bool:
    """Is there, past only one-cell text lines, a row line opening with a name's last one or
    two characters and then its target (``率  =100%  已完成  10  10``)?"""
    k = bi
    for _ in range(limit):
        if k not in next_of:
            return False
        k = next_of[k]
        cells = split_cells(body[k])
        if len(cells) >= 2 and cells[0].width <= 2 and _tag(cells[0].comp) == "TEXT" and _tag(cells[1].comp) in ("VAL", "NUM", "CMP"):
            return True
        if len(cells) != 1 or _tag(cells[0].comp) != "TEXT" or parse_label(cells[0].comp) != (None, None):
            return False  # (a category label between: the row line below is another row's)
    return False


def _value_led(ln: Line) -> bool:
    """Does this line open with a target value (a row whose name came before)?"""
    cells = split_cells(ln)
    return bool(cells) and _tag(cells[0].comp) in ("VAL", "NUM", "CMP") and len(cells) >= 2 or (
        len(cells) == 1 and _tag(cells[0].comp) in ("VAL", "CMP") and cells[0].width <= 8
    )


def _widths(body: list[Line]) -> tuple[float, float, int]:
    """(widest single-cell text line, widest name cell opening a row line, how many row
    lines have a name cell within a character of it) of a table.

    The first is the widest column's wrap width, the second the name column's (the more
    row lines show it, the surer).
    """
    table_w = name_w = 0.0
    name_ws: list[float] = []
    for ln in body:
        cells = split_cells(ln)
        if not cells:
            continue
        if len(cells) == 1:
            c = cells[0]
            if _tag(c.comp) == "TEXT" and parse_label(c.comp) == (None, None):
                table_w = max(table_w, c.width)
            continue
        rest: list[Cell] = []  # the first two cells that are not category labels
        for c in cells:
            if parse_label(c.comp) == (None, None):
                rest.append(c)
                if len(rest) == 2:
                    break
        if len(rest) == 2 and _tag(rest[0].comp) == "TEXT" and _tag(rest[1].comp) != "TEXT":
            name_ws.append(rest[0].width)
    name_w = max(name_ws, default=0.0)
    return table_w, name_w, sum(1 for w in name_ws if w >= name_w - 1.0)


def _emit_item(st: _State, ln: Line, m: regex.Match[str]) -> None:
    """``指标1：name（value）`` lines of headings-style tables."""
    _new_row(st)
    r = st.row
    assert r is not None
    for key, role in (("name", NAME), ("v1", VALUE), ("v2", VALUE)):
        if m.group(key):
            s, e = m.span(key)
            off = len(ln.text) - len(ln.text.lstrip())
            raw = ln.text.strip()
            disp = ln.disp.strip()
            _place(st, Cell(text=raw[s:e], disp=disp[s:e], line=ln.no, tag="TEXT"), role)
            del off
    _close(st)


def _complete(st: _State) -> bool:
    """The open row has its value and, in tables with weights, its weight or score."""
    r = st.row
    if r is None or not r.value_parts:
        return False
    if WEIGHT in st.roles or SCORE in st.roles:
        return r.weight is not None or r.score is not None
    return True


def _scored_glued(st: _State) -> bool:
    """A table whose glued rows end in an actual value, a weight and a score."""
    return ACTUAL in st.roles and (WEIGHT in st.roles or SCORE in st.roles)


def _scored_table(st: _State) -> bool:
    return NOTE in st.roles and (WEIGHT in st.roles or SCORE in st.roles)


def _stealable(st: _State) -> list[Cell]:
    """Trailing note fragments that are really the next row's wrapped name.

    In self-evaluation tables a reason paragraph ends with 。; name lines wrapped
    above a value-only line follow it.
    """
    r = st.row
    if r is None or not r.note_parts:
        return []
    notes = r.note_parts
    cut = 0
    for i, c in enumerate(notes):
        if c.comp.endswith(("。", "；", ";")):
            cut = i + 1
        elif (
            i > cut
            and c.line > notes[i - 1].line + 1
            and _REASON_WORD_RE.search(notes[i - 1].comp)
            and not crosses_word(notes[i - 1].comp, c.comp)
        ):
            cut = i  # a blank line ends the reason paragraph above it ("执行情况较好，超出预期")
    return notes[cut:]


_first = operator.itemgetter(0)


def _next_valueish(st: _State) -> bool:
    """The next line is one cell that reads as a target (a value, or words like 明显提高)."""
    if st.next_line is None:
        return False
    cells = split_cells(st.next_line)
    if len(cells) != 1:
        return False
    c = cells[0]
    return c.tag in ("VAL", "NUM", "CMP") or _tag(c.comp) in ("VAL", "NUM", "CMP") or _vl(c.text) >= 0.8


def _value_ahead_now(st: _State) -> bool:
    if st.value_ahead is None:
        st.value_ahead = st.ahead() if st.ahead is not None else False
    return st.value_ahead


def _next_row_start(st: _State) -> bool:
    if st.next_row_start is None:
        st.next_row_start = _row_start(st.next_line) if st.next_line is not None else True
    return st.next_row_start


def _place_line(st: _State, cells: list[Cell]) -> None:
    roles = st.roles
    row = st.row
    n_cells = len(cells)
    first = cells[0]
    st.single = n_cells == 1
    scored = _scored_table(st)  # fixed for the table; asked up to five times below
    options: list[tuple[float, str, tuple[int, ...]]] = []
    sigs = tuple(map(_sig, cells))
    rt = tuple(roles)
    cont_scores: dict[tuple[int, int], float] = {}  # _cont_score by (cell, role index), this line
    # 1. A new row starting at NAME.
    s_new, p_new = _align(sigs, rt, 0, True)
    prior_new = 0.0
    if row is not None and row.name_parts and not row.value_parts:
        # A name waits for its value; a whole row on one line may still start anew.
        if n_cells == 1:
            prior_new -= 4.5
        elif any(c.tag in ("VAL", "NUM", "CMP") or _vl(c.text) >= 0.8 for c in cells[1:]):
            prior_new -= 1.0  # the line holds a name and its value: a whole row
        else:
            prior_new -= 3.0
    if scored and _complete(st) and n_cells == 1 and (first.tag == "TEXT" or first.width > 6):
        if st.wrap or not _next_valueish(st):
            prior_new -= 2.5  # reason text after a scored row, not a new indicator
        # (one cell per line: a cell a target follows opens the next row)
    elif st.wrap and n_cells == 1 and first.tag == "TEXT" and _next_row_start(st) and _complete(st):
        prior_new -= 2.0  # a lone line before a new row would be a row without a value
    elif (
        not st.wrap
        and n_cells == 1
        and first.tag == "TEXT"
        and NOTE in roles
        and row is not None
        and row.value_parts
        and not st.next_value_led
        and st.next2_value_led
    ):
        # One cell per line: between a target and a name its own target follows, a cell is
        # the row's note (含…), not a row of its own.
        prior_new -= 2.0
    if (
        st.wrap
        and n_cells == 1
        and first.tag == "TEXT"
        and first.width <= 3
        and row is not None
        and row.value_parts
        and NAME in st.role_last
        and _is_full(st, NAME, st.role_last[NAME], first)
    ):
        prior_new -= 1.5  # "按计划完成各项 100%" / "会议": a name's last characters, not a row without a value
    options.append((s_new + prior_new, "new", p_new))
    if n_cells == 1 and sigs[0][4] and ACTUAL in roles and st.wrap:
        # A grade printed above its row's line (centred in a tall row: "部分达成年度指" /
        # "病虫害防治作业面积 ≥2000亩 标并具有一定效 10 7.2" / "果"): a new row opens at its actual.
        if row is None or (_complete(st) and not grade_open("".join(c.comp for c in row.actual_parts))):
            ai = roles.index(ACTUAL)
            options.append((_compat_sig(ACTUAL, sigs[0]) - 1.5, "new", (ai,)))
    if row is not None and st.pos >= 0:
        pos = st.pos
        has_value = bool(row.value_parts)
        # 2. The next columns of the open row.
        if pos + 1 < len(roles):
            s_adv, p_adv = _align(sigs, rt, pos + 1, False)
            adv_prior = 0.0
            if has_value and roles[pos] == NAME:
                adv_prior -= 0.5
            options.append((s_adv + adv_prior, "adv", p_adv))
        # 3. The first cell continues a filled cell of the open row (a wrapped
        #    fragment): usually the last one, but a name may wrap around its value.
        if st.wrap and first.tag in ("TEXT", "VAL", "UNIT"):
            rest: tuple[float, tuple[int, ...]] | None = None  # the later cells after the next columns
            for j in range(pos, -1, -1):
                role = roles[j]
                last = st.role_last.get(role)
                if last is None or (role not in _CONTINUABLE and not (role == NUM and _worded_num(st))):
                    continue
                # After the tail of the row's wrapped category cell the line holds the
                # row's other wrapped cells, whatever their width.
                if j < pos and not (st.after_tail and first.tag == "TEXT"):
                    # (Tested before the score is computed: a skipped role needs none.)
                    if n_cells == 1 and has_value and not crosses_word(last.comp, first.comp) and (
                        _value_ahead_now(st) or (scored and st.tail_ahead is not None and st.tail_ahead())
                    ):
                        continue  # these lines are the next row's name: its value follows them
                    # A cell wrapping around the later ones: its fragment must have
                    # filled the line, or the text must plainly go on.
                    strong = _strong_cue(role, last, first)
                    if not (_is_full(st, role, last, first, strict=True) or strong):
                        continue
                    if scored and not strong and _REASON_RE.search(first.text):
                        continue  # in scored tables sentence-like lines under a row are its reasons
                cont = cont_scores[(0, j)] = _cont_score(st, role, first, last)
                if role == NOTE and scored:
                    cont += 2.0
                if role == NAME and n_cells == 1 and st.next_value_led and not has_value:
                    cont += 3.0  # the value comes on the next line, so this is still the name
                if j < pos and not st.after_tail:
                    cont -= 1.5  # (after the tail of the row's category cell its other cells go on)
                if n_cells > 1:
                    if pos + 1 >= len(roles):
                        continue
                    if rest is None:
                        rest = _align(sigs[1:], rt, pos + 1, False)
                    rest_score, rest_path = rest
                else:
                    rest_score, rest_path = 0.0, ()
                options.append((cont + rest_score, f"cont{j}", (j, *rest_path)))
        # 3a. One cell per line: a name cut inside a word ("…沟渠长" / "度") before the
        #     value line goes on, whatever the layout says of wrapping.
        if (
            not st.wrap
            and n_cells == 1
            and first.tag == "TEXT"
            and not has_value
            and roles[pos] == NAME
            and st.next_value_led
            and NAME in st.role_last
            and crosses_word(st.role_last[NAME].comp, first.comp)
        ):
            options.append((5.0, f"cont{pos}", (pos,)))
        # 3a'. A grid row holding nothing but a few characters in the name column, under a
        #      whole row and before the next one: the name's last characters, which the
        #      converter (OCR'd markdown) put in a table row of their own ("新建雨水管网" /
        #      "长度").
        if (
            st.grid
            and n_cells == 1
            and first.tag == "TEXT"
            and has_value
            and NAME in st.role_last
            and first.width <= 8
            and (_next_row_start(st) or (st.next_line is not None and len(split_cells(st.next_line)) >= 2))
            and (crosses_word(st.role_last[NAME].comp, first.comp) or len(first.comp) <= 4)
        ):
            options.append((4.0, f"cont{roles.index(NAME)}", (roles.index(NAME),)))
        # 3a''. The same split the other way: a grid row with a name and no target, then a row
        #       holding a few characters in the name column and the target ("幼儿园安全隐患排查" /
        #       "整改完成率 | ≥98%"): one row whose target stands on its last line.
        if (
            st.grid
            and not has_value
            and roles[pos] == NAME
            and n_cells >= 2
            and first.tag == "TEXT"
            and len(first.comp) <= 6
            and cells[1].tag in ("VAL", "NUM", "CMP")
            and row.name_parts
            and max(row.lines) == first.line - 1
        ):
            _, p_rest = _align(sigs[1:], rt, pos + 1, False)
            options.append((s_new + 0.5, f"cont{pos}", (pos, *p_rest)))
        # 3b. Every cell continues a different filled cell (a line of wrapped
        #     fragments from several columns: "具有一定效果  度滞后，已督促…").
        if st.wrap and 2 <= n_cells <= 4:
            multi = _multi_cont(st, cells, cont_scores)
            if multi is not None:
                options.append((multi[0], "contm", tuple(multi[1])))
            # 3c. In a table whose rows end in their weight and score, a line of text cells
            #     right under a whole row cannot be a row of its own: the row's cells wrapped
            #     ("建立疾病严重程 辅助目录在30 … 20 17.37" / "度辅助目录 条左右 具有一定效果").
            filled = [j for j in range(pos + 1) if roles[j] in (NAME, VALUE, ACTUAL, NOTE) and roles[j] in st.role_last]
            if (
                scored
                and has_value
                and (row.weight is not None or row.score is not None)
                and n_cells <= len(filled)
                and first.line == max(row.lines) + 1
                and all(c.tag in ("TEXT", "VAL", "UNIT") for c in cells)
            ):
                best_all: tuple[float, tuple[int, ...]] | None = None
                for combo in itertools.combinations(filled, n_cells):
                    if roles[combo[0]] == NAME and first.tag != "TEXT" and not (
                        first.tag == "UNIT" and crosses_word(st.role_last[NAME].comp, first.comp)
                    ):
                        continue  # "个" / "≥5": a unit or a number does not end a name ("…平" / "台" may)
                    per = []
                    for i, j in enumerate(combo):
                        key = (i, j)
                        if key not in cont_scores:
                            cont_scores[key] = _cont_score(st, roles[j], cells[i], st.role_last[roles[j]])
                        per.append(cont_scores[key])
                    # Fragments fill the leftmost columns unless their text says otherwise.
                    skips = filled.index(combo[-1]) + 1 - n_cells
                    total = 0.25 * sum(per) - 1.5 * skips
                    if min(per) > -5.0 and (best_all is None or total > best_all[0]):
                        best_all = (total, combo)
                if best_all is not None:
                    options.append((4.0 + 0.5 * n_cells + best_all[0], "contall", best_all[1]))
        # 3d. The text cells continue the row's wrapped cells and the numbers after them fill
        #     its next columns ("完成  标并具有一定效  20  8.59" under "完成时间 2022年12月底 部分达成年度指").
        if st.wrap and 3 <= n_cells <= 6 and pos + 1 < len(roles) and first.tag in ("TEXT", "VAL"):
            m = next((i for i, c in enumerate(cells) if c.tag == "NUM"), n_cells)
            if 2 <= m < n_cells:
                multi = _multi_cont(st, cells[:m], cont_scores)
                if multi is not None and multi[1][-1] <= pos:
                    s_rest, p_rest = _align(sigs[m:], rt, pos + 1, False)
                    options.append((multi[0] + s_rest, "contn", (*multi[1], *p_rest)))
        # 3e. A cell printed on a later line of its row than the others (centred in a tall
        #     row: "林区巡护道路维修里  部分达成年度指  资金下达较晚，" / "程  ≥40公里  标并具有一定效  5  4.5  …"):
        #     the line fills a column the row left empty and carries the filled ones on.
        if st.wrap and has_value is False and (row.name_parts or row.actual_parts) and 2 <= n_cells <= 6:
            gap = _gap_fill(st, cells, sigs, cont_scores)
            if gap is not None:
                options.append((gap[0], "contg", gap[1]))
        # 3f. Two or more cells carry the row's wrapped cells on and the rest fill its empty
        #     columns ("农村文化礼堂星级评定  文字描述:各" / "及覆盖行政村数量  乡镇一个  达成年度指标  10  10").
        if st.wrap and has_value and scored and not _complete(st) and 3 <= n_cells <= 6 and first.tag in ("TEXT", "VAL"):
            fill = _cont_then_fill(st, cells, sigs, cont_scores)
            if fill is not None:
                options.append((fill[0], "contf", fill[1]))
        if scored:
            # 4. A value-led line takes the trailing note lines as its wrapped name.
            value_row = n_cells >= 2 or first.tag in ("NUM", "CMP") or (first.tag == "VAL" and first.width <= 6)
            stolen = _stealable(st) if first.tag != "TEXT" and value_row else []
            if stolen:
                s_st, p_st = _align(sigs, rt, 1, False)
                options.append((s_st + 2.0, "steal", p_st))
            elif first.tag == "TEXT" and n_cells >= 3 and row is not None and _complete(st):
                # "更新所需演出设  部分达成年度指  5  4.2": a worded target and the row's other
                # cells, column after column from the value on: the name is on the lines above.
                s_st, p_st = _align(sigs, rt, 1, True)
                if p_st == tuple(range(1, 1 + n_cells)) and s_st > s_new and _stealable(st):
                    options.append((s_st + 2.0, "steal", p_st))
            # 5. A row line whose name began on the note lines above it ("设备完好率（以" / "主管部门…").
            tail = _stealable(st) if n_cells >= 2 and first.tag == "TEXT" else []
            if tail and (
                _strong_cue(NAME, tail[-1], first)
                # a name's last characters before its target, under lines that read as no
                # reason ("经县林业部门组织验" / "收的新造林地块验收" / "合格率  ≥95% …")
                or (
                    # (in a self-evaluation the notes are reasons; a 说明 column's notes
                    # may fill a name's width and read as no reason)
                    (first.width <= 3 or (ACTUAL in roles and _is_full(st, NAME, tail[-1], first)))
                    and not any(_REASON_RE.search(c.text) for c in tail)
                )
            ):
                s_sn, p_sn = _align(sigs, rt, 0, True)
                options.append((s_sn + 1.0, "steal_name", p_sn))
    score, kind, path = max(options, key=_first)
    if _TRACE:
        print(f"L{cells[0].line:>5} {[c.comp + '/' + c.tag for c in cells]} pos={st.pos}",
              " ".join(f"{k}:{s:.1f}" for s, k, _ in options), "->", kind, [roles[j] for j in path])
    if kind in ("steal", "steal_name"):
        stolen = _stealable(st)
        assert st.row is not None
        st.row.note_parts = st.row.note_parts[: len(st.row.note_parts) - len(stolen)]
        _new_row(st)
        for c in stolen:
            _place(st, c, NAME)
        st.pos = 0 if kind == "steal" else -1
    elif kind == "new" or st.row is None:
        _new_row(st)
    for cell, j in zip(cells, path, strict=True):
        _place(st, cell, roles[j])
        st.pos = max(st.pos, j)


@functools.lru_cache(maxsize=1)
def _word_freq() -> dict[str, int]:
    """jieba's whole frequency dict (~70 MiB, ~1 s): no longer used here (see
    :func:`_cross_words`); kept for callers outside this module."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


@functools.lru_cache(maxsize=1)
def _cross_words() -> dict[str, str]:
    """jieba's words of 2-4 Han characters with frequency ≥ 50, as ``"\\nword\\n…"`` per first
    character (``models/jieba_cross.json``, written by ``scripts/export_jieba.py``): what
    :func:`crosses_word` asks of jieba's dictionary, without loading its ~70 MiB."""
    import json
    from importlib.resources import files

    return json.loads((files("goalnlp.models") / "jieba_cross.json").read_text(encoding="utf-8"))["blocks"]


# Budget-table words missing from jieba's general dictionary.
_DOMAIN_WORDS = frozenset(
    "全覆盖 覆盖率 到位率 完成率 知晓率 满意度 合格率 达标率 执行率 使用率 参保率 控制率 及时率 正常率 "
    "运行率 办结率 结算率 准确率 受益 人次 万元 亿元 工作日 补助 资助 经费 专项 绩效 医保 医疗 救助 "
    "监管 督查 验收 培训 宣传 采购 维修 运维 信息化 标准化 规范化 常态化 满意 群众 参保 定点".split()
)


def crosses_word(prev: str, cur: str) -> bool:
    """True when a dictionary word spans the line break (``标`` / ``准`` → 标准).

    Only words of two or more Han characters count, so a break between two
    whole words is not taken for a break inside one.
    """
    if not prev or not cur or prev[-1] < _HAN_MIN or cur[0] < _HAN_MIN:
        return False  # (no Han character below U+2E80: digits, Latin, %, … end no word)
    return _crosses(prev[-3:], cur[:3])


_HAN_MIN = "\u2e80"  # the first character of Unicode's Han script (CJK Radicals Supplement)


_HAN_TAIL_RE = regex.compile(r"\p{Han}+\Z")
_HAN_HEAD_RE = regex.compile(r"\p{Han}+")


@functools.lru_cache(maxsize=8192)
def _crosses(prev: str, cur: str) -> bool:
    # Han words a + b with a a Han tail of prev and b a Han head of cur (each ≤ 3 characters).
    m = _HAN_TAIL_RE.search(prev[-3:])
    if m is None:
        return False
    h = _HAN_HEAD_RE.match(cur[:3])
    if h is None:
        return False
    tail, head = m.group(), h.group()
    for i in range(1, len(tail) + 1):
        a = tail[-i:]
        words = _words_from(a[0])
        for j in range(1, min(len(head), 4 - i) + 1):
            w = a + head[:j]
            if w in words or w in _DOMAIN_WORDS:
                return True
    return False


@functools.lru_cache(maxsize=8192)
def _words_from(first: str) -> frozenset[str]:
    """The words of :func:`_cross_words` that start with ``first``, as a set: a substring
    search of ``"\\nword\\n"`` in a character's block costs ~1 µs per word asked."""
    return frozenset(_cross_words().get(first, "").split("\n")) - {""}


def _worded_num(st: _State) -> bool:
    """The open row's 值 cell holds words printed beside its name (``定点医疗机构 |
    检查定点医疗机构、``), so it may wrap like a target; a lone text line the row builder
    put there is not evidence of that."""
    last = st.role_last.get(NUM)
    return (
        last is not None
        and last.tag == "TEXT"
        and st.row is not None
        and any(c.line == last.line for c in st.row.name_parts)
    )


def _multi_cont(
    st: _State, cells: list[Cell], scores: dict[tuple[int, int], float] | None = None
) -> tuple[float, list[int]] | None:
    """Best assignment of each cell to a distinct, increasing filled role it continues.

    ``scores`` memoizes ``_cont_score`` by (cell index, role index) for this line.
    """
    roles = st.roles
    # (A 值 column of a table with 符号/值/单位 columns may hold a worded target that wraps.)
    cand = [
        j
        for j in range(st.pos + 1)
        if roles[j] in st.role_last and (roles[j] in _CONTINUABLE or (roles[j] == NUM and _worded_num(st)))
    ]
    best: tuple[float, list[int]] | None = None
    memo: dict[tuple[int, int], float] = {} if scores is None else scores

    def score(i: int, j: int) -> float:
        c = memo.get((i, j))
        if c is None:
            c = memo[(i, j)] = _cont_score(st, roles[j], cells[i], st.role_last[roles[j]])
        return c

    def rec(i: int, lo: int, acc: float, path: list[int]) -> None:
        nonlocal best
        if i == len(cells):
            if best is None or acc > best[0]:
                best = (acc, list(path))
            return
        for j in cand:
            if j < lo:
                continue
            c = score(i, j)
            if c <= 0:
                continue
            path.append(j)
            rec(i + 1, j + 1, acc + c, path)
            path.pop()

    if cells[0].tag not in ("TEXT", "VAL"):
        return None
    rec(0, 0, 0.0, [])
    return best


def _gap_fill(
    st: _State, cells: list[Cell], sigs: tuple[_Sig, ...], scores: dict[tuple[int, int], float]
) -> tuple[float, tuple[int, ...]] | None:
    """Best increasing assignment of the cells to roles of the open row where the row's
    empty value column takes a new cell and filled columns take their continuations."""
    roles = st.roles
    k = len(roles)
    filled = [roles[j] in st.role_last for j in range(k)]
    vj = next((j for j in range(k) if roles[j] == VALUE), -1)
    if vj < 0 or filled[vj] or vj > st.pos:
        return None

    def score(i: int, j: int) -> float | None:
        if not filled[j]:
            return _compat_sig(roles[j], sigs[i]) + (1.0 if j == vj else 0.0)
        if roles[j] not in _CONTINUABLE or cells[i].tag not in ("TEXT", "VAL", "UNIT"):
            return None
        key = (i, j)
        if key not in scores:
            scores[key] = _cont_score(st, roles[j], cells[i], st.role_last[roles[j]])
        return scores[key]

    best: tuple[float, tuple[int, ...]] | None = None

    def rec(i: int, lo: int, acc: float, path: tuple[int, ...]) -> None:
        nonlocal best
        if i == len(cells):
            if vj in path and (filled[0] or 0 in path) and (best is None or acc > best[0]):
                best = (acc, path)
            return
        for j in range(lo, k):
            sc = score(i, j)
            if sc is None or sc <= -3.0:
                continue
            rec(i + 1, j + 1, acc + sc, (*path, j))

    rec(0, 0, 0.0, ())
    return best


def _cont_then_fill(
    st: _State, cells: list[Cell], sigs: tuple[_Sig, ...], scores: dict[tuple[int, int], float]
) -> tuple[float, tuple[int, ...]] | None:
    """Best increasing assignment where the first cells (two at least, one plainly) continue
    filled text columns of the open row and the others fill its empty columns.  Asked of a
    self-evaluation row still waiting for its weight and score, whose line holds the rest of
    the row, so a continuation may be weak (its fragment's column width unknown)."""
    roles = st.roles
    k = len(roles)
    filled = [roles[j] in st.role_last for j in range(k)]
    floor = -2.0
    best: tuple[float, tuple[int, ...]] | None = None

    def rec(i: int, lo: int, acc: float, path: tuple[int, ...], conts: int, filling: bool) -> None:
        nonlocal best
        if i == len(cells):
            if conts >= 2 and filling and (best is None or acc > best[0]):
                if max(scores[(n, j)] for n, j in enumerate(path[:conts])) > 2.0:
                    best = (acc, path)
            return
        for j in range(lo, k):
            if filled[j]:
                if filling or roles[j] not in _CONTINUABLE or cells[i].tag not in ("TEXT", "VAL", "UNIT"):
                    continue
                key = (i, j)
                if key not in scores:
                    scores[key] = _cont_score(st, roles[j], cells[i], st.role_last[roles[j]])
                if scores[key] <= floor:
                    continue
                rec(i + 1, j + 1, acc + scores[key], (*path, j), conts + 1, False)
            else:
                sc = _compat_sig(roles[j], sigs[i])
                if sc > -3.0:
                    rec(i + 1, j + 1, acc + sc, (*path, j), conts, True)

    rec(0, 0, 0.0, (), 0, False)
    return best


def _cont_score(st: _State, role: str, cell: Cell, last: Cell) -> float:
    prev = last.comp
    cur = cell.comp
    s = 0.0
    if prev.endswith(("。", "!", "！")):
        return -4.0
    crosses = crosses_word(prev, cur)
    if cell.width > last.width + 1.0:
        s -= 3.0  # a wrapped cell's next line is not wider than the one before
    elif _is_full(st, role, last, cell, extra=1.0 if crosses else 0.0):
        # (a word running over the break lets the line be one character short:
        # widths of proportional fonts are not exact)
        s += 3.5 if cell.width <= last.width else 2.0
        if cell.width >= last.width - 1.0:
            s += 1.0  # two full lines in a row: one cell wrapped
    else:
        s -= 1.5
    if role in (VALUE, ACTUAL) and split_quantity(prev) is not None and cell.tag in ("VAL", "NUM"):
        return -6.0  # "≥3200人" / "≥1500人": two complete targets are two rows
    tail = role in (VALUE, ACTUAL) and _VALUE_TAIL_RE.match(cur) is not None
    if role == VALUE and not tail and (_VALUE_END_RE.search(prev) or split_quantity(prev) is not None):
        s -= 2.5  # "≥95%", "7.32元每人每年": a complete quantity ends its cell
    if prev[-1:] in _CONT_END_SET or cur[:1] in _CONT_START_SET:
        s += 3.0
    if _open_bracket(prev):
        s += 3.0  # "（按实" / "际发生数计算）": inside brackets the cell goes on
    if role == NAME and cur.startswith(("(", "（")):
        s += 2.0  # a name's bracketed qualifier wrapped onto its own line
    if tail:
        s += 4.0  # "220天" / "以上"; "2022年12月底" / "完成"
    if role == ACTUAL:
        so_far = "".join(c.comp for c in st.row.actual_parts) if st.row is not None else prev
        if grade_open(so_far):
            # "部分达成年度指" / "标并具有一定效" / "果": a grade cut before its end takes
            # the piece that carries it on, and no other text.
            s += 4.0 if grade_goes_on(so_far, cur) else -3.0
        elif grade_goes_on(so_far, cur):
            s += 4.0  # "部分达成年度指标" / "并具有一定效果"
        elif _ACTUAL_OPEN_RE.search(prev) is not None:
            s += 3.0  # "部分达成年度指标并具有" / "一定效果": a stock phrase cut before its end
    if crosses:
        s += 2.0
    if role == NAME:
        s -= max(0.0, _vl(cell.text) - 0.5) * 4.0
        if prev[-1:] in "率性度" and not crosses and cur[:1] not in "(（":
            s -= 1.5  # "预算编制规范性": a name ending so is whole unless a word runs on
        if cell.tag == "VAL":
            s -= 3.0
    if role == VALUE and cell.tag == "VAL" and prev[-1:].isdigit():
        s += 1.0
    return s
