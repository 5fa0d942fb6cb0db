"""Read a target value cell (指标值) into comparator, number, unit and date.

The reader is rule based on purpose: target cells are short, their grammar is
small (comparator, number, unit, optional trailing comparator word), and every
decision must be explainable to someone checking a record against the printed
table. The rules follow SCHEMA.md ("Reading values"):

* the **first quantity** of the cell is recorded, with the comparator that
  governs it (a glyph or word right before it, or 以上/以内/左右 right after
  it), the unit written right after it and, for ranges, the upper bound;
* numbers that are only parts of a date (``2022年``, ``12月底``, ``1-3月``) are
  never quantities; a cell whose only numbers are dates is ``kind: date``;
* anything else is ``kind: text``.

Input is expected to be pipeline-normalized (see ``normalize.py``), but raw
cells are tolerated: full-width ASCII, ``≧ ≦ >= <=`` and whitespace are folded
here too. All patterns are compiled once at import; a typical cell parses in a
few microseconds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "ValueParse",
    "parse_value",
    "parse_number",
    "split_quantity",
    "parse_date",
    "excel_serial_to_date",
    "value_likeness",
]


@dataclass(frozen=True, slots=True)
class ValueParse:
    """What a target cell says; see SCHEMA.md "Indicator record" for each field."""

    kind: str  # "quantity" | "date" | "text"
    comparator: str | None  # ">=", "<=", "=", ">", "<", "~", "between" or None
    value: float | None
    value_max: float | None
    unit: str | None
    date: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD" when kind == "date"


_TEXT = ValueParse("text", None, None, None, None, None)

# ---------------------------------------------------------------------------
# Input folding (tolerance for callers that pass raw text)
# ---------------------------------------------------------------------------

_FOLD: dict[int, int | str | None] = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({ord("≧"): "≥", ord("≦"): "≤", ord("〜"): "~", 0x2212: "-", ord("﹪"): "%"})
# str.translate looks every character up in the table; pipeline text has mostly nothing to
# fold, and a search for any character of the table finds that out first.
_FOLD_ANY_RE = re.compile("[" + re.escape("".join(map(chr, sorted(_FOLD)))) + "]")


def _prep(text: str) -> str:
    """Drop whitespace and fold width/comparator variants (idempotent on normalized text)."""
    t = "".join(text.split())
    if _FOLD_ANY_RE.search(t) is not None:
        t = t.translate(_FOLD)
    if "=" in t:
        t = t.replace(">=", "≥").replace("<=", "≤")
    return t


# ---------------------------------------------------------------------------
# Comparators
# ---------------------------------------------------------------------------

_CMP_WORDS: dict[str, tuple[str, ...]] = {
    ">=": ("≥", "大于等于", "大于或等于", "高于等于", "高于或等于", "不少于", "不低于", "不小于", "至少",
           "最少", "最低", "不得少于", "不得低于", "不应少于", "不应低于"),
    "<=": ("≤", "小于等于", "小于或等于", "低于等于", "低于或等于", "不超过", "不高于", "不大于", "不多于",
           "至多", "最多", "最高", "不得超过", "不得高于", "不应超过", "不超出", "控制"),
    "=": ("=", "等于"),
    ">": (">", "大于", "高于", "超过", "多于", "超出"),
    "<": ("<", "小于", "低于", "少于", "不足", "不到"),
    "~": ("~", "≈", "≒", "约等于", "约", "大约", "约为", "近", "接近", "将近", "大概"),
}
_CMP_OF: dict[str, str] = {w: c for c, ws in _CMP_WORDS.items() for w in ws}
# "控制在10%" reads as <=, but a trailing 左右/以内 decides when present.
_WEAK_CMP = frozenset({"控制"})
_CMP_ALT = "|".join(re.escape(w) for w in sorted(_CMP_OF, key=len, reverse=True))
# Comparator ending right where the number starts (searched with endpos = number start).
_PREFIX_RE = re.compile(rf"(?P<w>{_CMP_ALT})(?:为|在)?$")
_SUFFIX_RE = re.compile(r"(?:[及或]?以上)|(?:[及或]?以下)|以内|之内|内|左右|上下")
_SUFFIX_CMP = {"以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=", "左右": "~", "上下": "~"}

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_AR = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_CH = "零〇一二两三四五六七八九十百千"
_CN = rf"[{_CN_CH}]+(?:[万亿][{_CN_CH}]+)*"
_NUM_RE = re.compile(rf"(?P<pct>百分之(?P<pn>{_AR}|{_CN}))|(?P<ar>{_AR})|(?P<cn>{_CN})")
_AR_RE = re.compile(_AR)
_CN_RE = re.compile(rf"百分之(?P<pn>{_AR}|{_CN})|(?P<cn>{_CN})")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def _cn_to_float(s: str) -> float | None:
    """Chinese numeral → number: 两百→200, 一千二百→1200, 十五→15, 两百五→250, 二〇二二→2022."""
    if not any(c in _CN_UNIT or c in _CN_BIG for c in s):  # digit-by-digit reading (二〇二二)
        try:
            return float("".join(str(_CN_DIGIT[c]) for c in s))
        except (KeyError, ValueError):
            return None
    total = section = num = 0
    last_unit = 0
    for c in s:
        if c in _CN_DIGIT:
            num = _CN_DIGIT[c]
            if c in "零〇":
                last_unit = 0
        elif c in _CN_UNIT:
            last_unit = _CN_UNIT[c]
            section += (num or 1) * last_unit
            num = 0
        else:
            total += (section + num) * _CN_BIG[c]
            section = num = last_unit = 0
    if num and last_unit >= 100:  # colloquial 两百五 = 250, 一千二 = 1200
        num *= last_unit // 10
    return float(total + section + num)


def _num(ar: str | None, cn: str | None) -> float | None:
    if ar:
        return float(ar.replace(",", ""))
    return _cn_to_float(cn) if cn else None


# ---------------------------------------------------------------------------
# Units: counting classifier with optional 万/亿/千 prefix and /x or 每x tails
# ---------------------------------------------------------------------------


def _alt(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_UNIT_PREFIX = "(?:百万|千万|万|亿|千)"
# Nouns counted with 个 that tables print as part of the unit (3个工作日, 10个地区, 2个百分点).
_GE_NOUNS = _alt("工作日 自然日 月 季度 小时 百分点 地区 区县 县区 县市 县 市 州 乡镇 镇 乡 村 社区 街道 "
                 "点位 点 站点 站 单位 部门 科室 品种 病种 批次 等级")
_UNIT_CORES = _alt(
    # counters
    "次 人 家 项 件 户 床 场 批 篇 册 条 份 种 组 台 套 期 所 辆 名 位 本 张 只 头 株 棵 座 间 处 栋 幢 部 门 "
    "节 班 届 轮 例 起 宗 笔 单 卷 页 首 集 章 幅 块 片 根 盏 枚 箱 包 瓶 支 剂 针 票 样 倍 岁 分 点 等 级 等级 "
    "羽 尾 匹 口 眼 孔 艘 架 折 类 头只 只羽 "
    "人次 户次 车次 架次 批次 场次 班次 台次 件次 例次 家次 辆次 艘次 所次 校次 村次 轮次 期次 人月 人日 人天 床位 学时 课时 "
    "百分点 台套 台件 "
    # money, measures, time
    "元 角 吨 亩 米 克 微克 毫克 毫升 斤 升 平方米 平方公里 平方千米 立方米 公里 千米 公顷 公斤 千克 千瓦时 千瓦 ㎡ ㎞ ㎏ "
    "年 月 周 天 日 秒 小时 分钟 秒钟 工作日 季度"
)
_TAIL_WORDS = _alt("人次 人 户 家 床 床位 年 年度 月 日 天 周 季度 次 点 项 件 个 亩 吨 公里 平方米 小时 台 辆 所 "
                   "村 县 校 例 批 单位 立方米 升 千克 公斤 套 座 场 站 处 班 车 株 盏 块 张 份 册 期 节 米 公顷 乡镇 镇 乡 "
                   "头只 头 只 羽 尾 艘 吨公里")
# After / also any word of one or two characters (元/页, 元/生·年), unless it is the head of a
# longer tail word cut by the line end (万元/公 / 里.年).
_TAIL_HEADS = "".join(sorted({w[0] for w in _TAIL_WORDS.split("|") if len(w) > 1} - set(_TAIL_WORDS.split("|"))))
_TAIL = (
    rf"(?:(?:/|每)(?:{_TAIL_WORDS}|(?<=/)(?![{_TAIL_HEADS}])[\u4e00-\u9fff]{{1,2}}(?![\u4e00-\u9fff]))"
    rf"(?:[.·](?:{_TAIL_WORDS}))*)*"
)
_ASCII_UNITS = r"(?i:km²|km2|km|m²|m³|m2|m3|kwh|kw|kg|mw|gb|tb|mb|mm|cm|ml|mg|min|m|t|h)(?![A-Za-z])"
_UNIT_RE = re.compile(
    rf"[%‰]|(?:{_UNIT_PREFIX}?(?:个(?:{_GE_NOUNS})?|{_UNIT_CORES})(?:[(（][\u4e00-\u9fff]{{1,2}}[)）])?|{_UNIT_PREFIX}|{_ASCII_UNITS}){_TAIL}"
)
_RANGE_RE = re.compile(rf"(?:-|~|—+|–|至|到)(?:(?P<ar>{_AR})|(?P<cn>{_CN}))")

# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

# 2022-12-31, 2022/12/31, 2022.12.31, 2022-12, 2022/12, 2022.12 (last only in deadline rows).
_NUMDATE_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})([-./])(\d{1,2})(?:\2(\d{1,2}))?(?!\.?\d)")
_REL_THIS = ("当年度", "本年度", "当年", "本年", "今年", "年度内", "本年内", "年内")
_REL_NEXT = ("次年", "下一年度", "下年度", "下年", "明年", "翌年", "来年")
_ANCHOR_RE = re.compile(
    rf"(?<!\d)(?:(?P<y>(?:19|20)\d{{2}})年度?|(?P<rel>{'|'.join(sorted(_REL_THIS + _REL_NEXT, key=len, reverse=True))}))"
)
_MONTH_PART = (
    r"(?P<m>\d{1,2})(?:[-~至到—](?P<m2>\d{1,2}))?月份?"
    r"(?:(?P<d>\d{1,2})(?:[日号]|(?=[前底止,，。、;；完]|$))(?:\d{1,2}[时点](?:\d{1,2}分)?)?)?"
    r"(?:底|末|初|上旬|中旬|下旬)?"
)
_DTAIL_RE = re.compile(
    rf"{_MONTH_PART}|(?P<end>底|末|终)|(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度"
)
_BAREMONTH_RE = re.compile(rf"(?<![\d.年/\-]){_MONTH_PART}")
_YEAREND_RE = re.compile(r"(?<![\d年度])年[底末]")
_DEADLINE_NEXT = frozenset("完前底末内结到止")
_EXCEL_RE = re.compile(r"\d{5}(?:\.\d+)?")
_YEAR_ONLY_RE = re.compile(r"(?:19|20)\d{2}")
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _ymd(y: int, m: int | None = None, d: int | None = None) -> str:
    """Format a date at the precision written, dropping parts that are not valid."""
    if m is None or not 1 <= m <= 12:
        return f"{y:04d}"
    if d is not None:
        try:
            return date(y, m, d).isoformat()
        except ValueError:
            pass
    return f"{y:04d}-{m:02d}"


def _month_date(mt: re.Match[str], y: int | None) -> str | None:
    """Date of a month part (`12月底`, `12月31日`); month ranges (`1-3月`) are periods, not points."""
    if y is None or mt.group("m2"):
        return None
    m = int(mt.group("m"))
    d = mt.group("d")
    return _ymd(y, m, int(d) if d else None) if 1 <= m <= 12 else None


def _scan_dates(t: str, year: int | None, date_row: bool) -> tuple[str | None, list[tuple[int, int]]]:
    """First date point in ``t`` and the spans of every date-like token (their numbers are not quantities)."""
    if date_row:
        if _EXCEL_RE.fullmatch(t) and 20000 <= float(t) <= 80000:
            return excel_serial_to_date(float(t)), [(0, len(t))]
        if _YEAR_ONLY_RE.fullmatch(t):
            return t, [(0, len(t))]
    # Every date pattern below holds a literal 19/20 (numeric dates), 年 (anchors, 年底) or
    # 月 (bare months): a cell with none of them (most cells) has no date token.
    has_year = "年" in t
    has_month = "月" in t
    has_century = "19" in t or "20" in t
    if not (has_year or has_month or has_century):
        return None, []
    spans: list[tuple[int, int]] = []
    best: tuple[int, str] | None = None

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in spans)

    def add(a: int, b: int, val: str | None) -> None:
        nonlocal best
        spans.append((a, b))
        if val is not None and (best is None or a < best[0]):
            best = (a, val)

    if has_century:
        for m in _NUMDATE_RE.finditer(t):
            yy, sep, mo, d = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
            if not 1 <= mo <= 12 or (d is None and sep == "." and not date_row):
                continue
            add(m.start(), m.end(), _ymd(yy, mo, int(d) if d else None))
    for a in _ANCHOR_RE.finditer(t) if has_year else ():
        if inside(a.start()):
            continue
        rel = a.group("rel")
        if rel is None:
            y: int | None = int(a.group("y"))
        elif year is None:
            y = None
        else:
            y = year + 1 if rel in _REL_NEXT else year
        end = a.end()
        tail = _DTAIL_RE.match(t, end)
        val: str | None
        if tail is None:
            nxt = t[end : end + 1]
            deadline = rel is None or date_row or not nxt or nxt in _DEADLINE_NEXT
            val = f"{y:04d}" if y is not None and deadline else None
        else:
            end = tail.end()
            if y is None:
                val = None
            elif tail.group("m"):
                val = _month_date(tail, y)
                if tail.group("m2") and rel is None:  # 2022年1-3月: a period inside a known year
                    val = f"{y:04d}"
            elif tail.group("end"):
                val = _ymd(y, 12)
            elif tail.group("half"):
                val = _ymd(y, 6 if tail.group("half") == "上半年" else 12)
            else:
                val = _ymd(y, _QUARTER[tail.group("q")])
        add(a.start(), end, val)
    if has_month:
        for mt in _BAREMONTH_RE.finditer(t):
            if inside(mt.start()):
                continue
            if int(mt.group("m")) > 12 or (mt.group("m2") and int(mt.group("m2")) > 12):
                continue  # 18月 is a duration, left to the quantity reader
            add(mt.start(), mt.end(), _month_date(mt, year))
    for ye in _YEAREND_RE.finditer(t) if has_year else ():
        if inside(ye.start()):
            continue
        nxt = t[ye.end() : ye.end() + 1]
        ok = year is not None and (date_row or not nxt or nxt in _DEADLINE_NEXT)
        add(ye.start(), ye.end(), _ymd(year, 12) if ok and year is not None else None)
    return (best[1] if best else None), spans


# ---------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------

_TRAILING_PUNCT = "。.,，;；!！、"


@dataclass(slots=True)
class _Quantity:  # not frozen: a frozen dataclass sets each field through object.__setattr__
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    start: int  # where the comparator (or number) starts
    end: int  # end of number, unit and trailing comparator word


def _read_at(t: str, m: re.Match[str]) -> _Quantity | None:
    """Read the quantity whose number is ``m``; None when that number is not a target quantity."""
    s = m.start()
    pct = m.group("pct") is not None
    if pct:
        pn = m.group("pn")
        value = _num(pn, None) if pn[0].isdigit() else _num(None, pn)
    else:
        ar = m.group("ar")
        value = float(ar.replace(",", "")) if ar else _num(None, m.group("cn"))  # _num, inlined
    if value is None:
        return None
    if s and t[s - 1] == "-" and m.group("ar") and (s == 1 or t[s - 2] in "≥≤=<>"):
        s, value = s - 1, -value  # ≥-5%: a sign, not a range dash
    end = m.end()
    more = end < len(t) and t[end] in "余多"
    if more:
        end += 1
    unit: str | None = "%" if pct else None
    if not pct:
        um = _UNIT_RE.match(t, end)
        if um:
            unit, end = um.group(), um.end()
    value_max = None
    rm = _RANGE_RE.match(t, end)
    if rm and not more:
        # A Chinese upper bound only after a Chinese lower bound (三至五年), never 5到一级….
        v2 = _num(rm.group("ar"), rm.group("cn") if m.group("cn") else None)
        if v2 is not None:
            value_max, end = v2, rm.end()
            um = _UNIT_RE.match(t, end)
            if um:
                unit, end = unit or um.group(), um.end()
            if t.startswith("之间", end):
                end += 2
    if unit == "年" and value.is_integer() and 1900 <= value <= 2100:
        return None  # a year, not a duration
    if unit == "月" and value.is_integer() and 1 <= value <= 12:
        return None  # a calendar month
    pm = _PREFIX_RE.search(t, max(0, s - 12), s)
    prefix = pm.group("w") if pm else None
    start = pm.start() if pm else s
    sm = _SUFFIX_RE.match(t, end)
    suffix = sm.group().lstrip("及或") if sm else None
    if sm:
        end = sm.end()
    if m.group("cn") is not None:
        # Bare Chinese numerals are mostly lexical (统一, 一级, 三方, 各一个): trust them only right
        # after a comparator or when the whole cell is the quantity.
        pure = start == 0 and t[end:].strip(_TRAILING_PUNCT) == ""
        counted = s > 0 and t[s - 1] in "各共计约达"  # 各一个, 共三次, 累计五场
        # A numeral and its counter ending the cell (开展三次, 全年五十次, 每季度一次); not a
        # grade (一级, 三等, 二类).
        closing = (
            unit is not None
            and unit not in ("级", "等", "等级", "类")
            and t[end:].strip(_TRAILING_PUNCT) == ""
            and ":" not in t[:s]  # (文字描述:各乡镇一个: a description, not a count)
        )
        if prefix is None and not pure and suffix is None and not counted and not closing:
            return None
    if value_max is not None:
        cmp: str | None = "between"
    elif prefix is not None and prefix not in _WEAK_CMP:
        cmp = _CMP_OF[prefix]
    elif suffix is not None:
        cmp = _SUFFIX_CMP[suffix]
    elif prefix is not None:
        cmp = _CMP_OF[prefix]
    elif more:
        cmp = ">"
    else:
        cmp = None
    return _Quantity(cmp, value, value_max, unit, start, end)


def _first_quantity(t: str, spans: list[tuple[int, int]]) -> _Quantity | None:
    """First number of ``t`` outside date tokens, identifiers (H7N9, COVID-19) and ordinals (第3批).

    A bare number glued to the following word (``12345热线接通率≥95%``) is a
    label, not the target, when a later quantity exists.
    """
    label: _Quantity | None = None
    for m in _NUM_RE.finditer(t):
        s = m.start()
        if spans and any(a <= s < b for a, b in spans):
            continue
        prev = t[s - 1] if s else ""
        if prev == "第" or (prev.isascii() and prev.isalpha()):
            continue
        if prev == "-" and s >= 2 and t[s - 2].isascii() and t[s - 2].isalpha():
            continue
        q = _read_at(t, m)
        if q is None:
            continue
        if q.unit is None and q.comparator is None and q.end < len(t) and "\u4e00" <= t[q.end] <= "\u9fff":
            label = label or q
            continue
        return q
    return label


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

_QUALITATIVE_MARKERS = frozenset({"定性", "定量", "无", "/", "-", "—"})


def parse_value(text: str, *, year: int | None = None, date_row: bool = False) -> ValueParse:
    """Read a target cell (SCHEMA "Reading values").

    ``year`` resolves relative dates (当年度完成, 年底前, 12月底前); without it
    they stay text. ``date_row`` says the row is a deadline row, which makes a
    bare Excel serial (44561), a bare year and ``2022.12`` dates and lets a
    date win over a number in the same cell.
    """
    return _parse_value(text, year, date_row)


@functools.lru_cache(maxsize=8192)
def _parse_value(text: str, year: int | None, date_row: bool) -> ValueParse:
    # Cached: target cells repeat (≥95%, 100%, 有效提升 …) and a ValueParse is frozen.
    t = _prep(text)
    if not t or t in _QUALITATIVE_MARKERS:
        return _TEXT
    lone = _CMP_OF.get(t)
    if lone is not None:  # a value cell the source lost: keep the comparator (SCHEMA)
        return ValueParse("quantity", lone, None, None, None, None)
    d, spans = _scan_dates(t, year, date_row)
    if d is not None and date_row:
        return ValueParse("date", None, None, None, None, d)
    q = _first_quantity(t, spans)
    if q is not None:
        return ValueParse("quantity", q.comparator, q.value, q.value_max, q.unit, None)
    if d is not None:
        return ValueParse("date", None, None, None, None, d)
    return _TEXT


def parse_number(text: str) -> float | None:
    """First number in ``text``, unscaled: ``2,664.00``→2664.0, ``1.2万``→1.2, ``一千二百``→1200.

    Arabic digits win over Chinese numerals; ``百分之九十五`` gives 95. No
    number → None. Use :func:`parse_value` when context (dates, comparators)
    matters; this is the bare conversion.
    """
    t = _prep(text)
    m = _AR_RE.search(t)
    if m:
        v = float(m.group().replace(",", ""))
        return -v if m.start() == 1 and t[0] == "-" else v
    c = _CN_RE.search(t)
    if c is None:
        return None
    pn = c.group("pn")
    if pn:
        return _num(pn, None) if pn[0].isdigit() else _cn_to_float(pn)
    return _cn_to_float(c.group("cn"))


_UNIT_CELL_RE = re.compile(rf"(?:{_UNIT_RE.pattern})(?:[(（][\u4e00-\u9fff]{{1,4}}[)）])?")


def is_unit(text: str) -> bool:
    """Is ``text`` a unit cell on its own (``台套``, ``万元/公里``, ``万头（只）``, ``%``)?"""
    t = text.strip()
    return bool(t) and _UNIT_CELL_RE.fullmatch(t) is not None


@functools.lru_cache(maxsize=8192)
def split_quantity(text: str) -> tuple[str | None, float | None, str | None] | None:
    """(comparator, value, unit) when the whole cell is one quantity (``≥95%``, ``不少于两次``, ``≥``).

    None for anything else (text, dates, ranges, quantities inside a sentence),
    so callers can use it to recognise value columns.
    """
    t = _prep(text)
    if not t:
        return None
    lone = _CMP_OF.get(t)
    if lone is not None:
        return lone, None, None
    m = _NUM_RE.search(t)
    if m is None:
        return None
    q = _read_at(t, m)
    if q is None or q.start != 0 or q.value_max is not None or t[q.end :].strip(_TRAILING_PUNCT):
        return None
    return q.comparator, q.value, q.unit


def parse_date(text: str, *, year: int | None = None) -> str | None:
    """The date point a cell names, read as a deadline cell (Excel serials and ``2022.12`` included)."""
    t = _prep(text)
    return _scan_dates(t, year, True)[0] if t else None


_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial_to_date(n: float) -> str:
    """Excel 1900-system serial → ISO date.

    Excel counts 1900-02-29 (serial 60), a day that never existed; serials
    after it are offset by one, so they map via 1899-12-30 and earlier ones via
    1899-12-31. Serial 60 is returned as Excel displays it. The time fraction
    is dropped.
    """
    k = int(n)
    if k < 1:
        raise ValueError(f"Excel serial must be >= 1, got {n!r}")
    if k == 60:
        return "1900-02-29"
    return (_EXCEL_EPOCH + timedelta(days=k if k > 60 else k + 1)).isoformat()


# ---------------------------------------------------------------------------
# value_likeness: is a fragment a target value or an indicator name?
# ---------------------------------------------------------------------------

# Chinese phrases are head-final: the last word tells a noun phrase (name) from a predicate (value).
_NOMINALIZER_END_RE = re.compile(r"(?:率|性|度|数|量|额|费|面)[。.]?$")
_NOUN_END_RE = re.compile(
    r"(?:情况|时间|时限|日期|周期|期限|资金|经费|成本|金额|比例|比重|占比|规模|范围|标准|项目|活动|会议|培训|"
    r"工作|水平|能力|素质|机制|制度|体系|人员|对象|机构|平台|系统|人次|次数|人数|户数)[。.]?$"
)
_ADVERB_START_RE = re.compile(
    r"^(?:明显|显著|有效|逐步|不断|持续|稳步|进一步|切实|大幅|全面|基本|充分|及时|按时|按期|如期|严格|全部|"
    r"较大|积极|确保|大力|稳定|逐年|全力|长期)"
)
_RESULT_END_RE = re.compile(
    r"(?:提升|提高|改善|保障|增强|降低|减少|完善|规范|落实|达标|合格|有效|明显|显著|良好|较好|稳定|持续|到位|"
    r"及时|健全|合规|长期|满意|扩大|拓展|缓解|减轻|覆盖|完成|保持|加强|强化|推进|优化|下降|增加|改进|增长|巩固|"
    r"实现|可控|安全|畅通|顺利|正常|优良|优秀|一致|准确|完整|平稳|共赢|加快|缩短|提速|达到|符合)[。.]?$"
)
_SHORT_VALUE_WORDS = frozenset("好 良 优 高 中 低 是 否 有 无 较好 一般 达到 符合 完成 持续".split())
_CMP_INSIDE_RE = re.compile(r"不低于|不少于|不超过|不高于|低于|高于|超过|以上|以内|以下|左右|达到")
_STARTS_NUMERIC_RE = re.compile(rf"^(?:[≥≤=<>~]|{_CMP_ALT})?(?:\d|百分之)")
_MAY_PARSE_RE = re.compile(rf"[\d年月{_CN_CH}]")


_HAN_RE = re.compile("[\u3400-\u9fff]")


def quantity_only(text: str) -> bool:
    """A figure with its comparator and unit words and nothing else (``不低于90%``,
    ``160至200人``): a target, never an indicator's name, wherever it was printed."""
    return len(_HAN_RE.findall(text)) <= 4 and parse_value(text).kind == "quantity" and value_likeness(text) >= 1.0


def value_likeness(text: str) -> float:
    """0..1: how much a table-cell fragment looks like a target VALUE rather than an indicator NAME.

    A heuristic for the row builder, scored from surface shape only:
    1.0 for comparators, numbers, percentages and dates at the start; ~0.85 for
    qualitative predicates (adverb + verb, or ending in a result word such as
    提升/保障/良好); ≤0.2 for noun phrases (ending in 率/数/满意度/经费/情况…);
    0.5 when nothing decides. Limits: it sees one fragment without its
    column, so a name that ends in a predicate (``资金及时到位``) scores high
    and a value that ends in a noun (``购置办公设备``) stays neutral.
    """
    t = _prep(text).rstrip(_TRAILING_PUNCT)
    if not t:
        return 0.0
    if t[0] in "≥≤=<>" or t in _CMP_OF:
        return 1.0
    if _NOMINALIZER_END_RE.search(t):
        return 0.1
    if _STARTS_NUMERIC_RE.match(t):
        return 1.0
    # Without a digit, Chinese numeral, 年 or 月, parse_value finds no quantity and no
    # date (every pattern they start from needs one): it would say "text", so skip it.
    p = parse_value(t) if _MAY_PARSE_RE.search(t) else _TEXT
    if p.kind == "date":
        return 1.0
    if t in _SHORT_VALUE_WORDS:
        return 0.9
    if _ADVERB_START_RE.match(t) or _RESULT_END_RE.search(t):
        return 0.85
    if p.kind == "quantity" and (p.unit or p.comparator):
        return 0.8
    if _CMP_INSIDE_RE.search(t):
        return 0.75
    if _NOUN_END_RE.search(t):
        return 0.2
    return 0.5
