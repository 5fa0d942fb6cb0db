#!/usr/bin/env python3
"""Independent hand-authored test set A: Chinese budget performance-target tables.

Every document is defined once as Python data below.  The HTML page and the
gold JSONL are both generated from that data, so they cannot disagree.
Renderings: html/ (the page), pdf/ (headless Chromium print), pdf_layout/
(pdftotext -layout) and pdf_raw/ (plain pdftotext).  Gold differs between
renderings only in the `doc` field.

Usage:  python3 make.py            (writes everything under this folder)
        python3 make.py --review   (also prints every indicator's parsed fields)
"""
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- categories
LEVEL2 = {
    "数量指标": ("产出", "数量"), "质量指标": ("产出", "质量"),
    "时效指标": ("产出", "时效"), "成本指标": ("产出", "成本"),
    "经济效益指标": ("效益", "经济效益"), "社会效益指标": ("效益", "社会效益"),
    "生态效益指标": ("效益", "生态效益"), "可持续影响指标": ("效益", "可持续影响"),
    "服务对象满意度指标": ("满意度", "服务对象满意度"),
    "社会公众或服务对象满意度指标": ("满意度", "服务对象满意度"),
    "满意度指标": ("满意度", "服务对象满意度"),
    "目标设定": ("投入", "目标设定"), "预算配置": ("投入", "预算配置"),
    "预算执行": ("过程", "预算执行"), "预算管理": ("过程", "预算管理"),
    "资产管理": ("过程", "资产管理"),
}


def canon(l2_written):
    key = re.sub(r"[（(].*?[)）]", "", l2_written)  # drop "(20分)"
    return LEVEL2[key]


# ---------------------------------------------------------------- values
NUM = r"\d[\d,]*(?:\.\d+)?"


def _num(s):
    v = float(s.replace(",", ""))
    return v


def _unit_after(rest):
    """Unit written right after a number: up to a qualifier word or punctuation."""
    m = re.match(r"([%‰]|[A-Za-z\u4e00-\u9fff/·.]+?)(?=以上|以内|以下|左右|及以上|$|，|,|。|；)", rest)
    if not m:
        return None
    u = m.group(1)
    return u or None


def parse_value(vt):
    """Read value_text per SCHEMA.md 'Reading values'."""
    out = dict(kind=None, comparator=None, value=None, value_max=None, unit=None, date=None)
    s = vt
    # dates
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s)
    if m:
        out.update(kind="date", date="%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3))))
        return out
    m = re.search(r"(\d{4})年(\d{1,2})月", s)
    if m:
        out.update(kind="date", date="%s-%02d" % (m.group(1), int(m.group(2))))
        return out
    m = re.search(r"(\d{4})年底", s)
    if m:
        out.update(kind="date", date="%s-12" % m.group(1))
        return out
    m = re.search(NUM, s)
    if not m:
        out["kind"] = "text"
        return out
    out["kind"] = "quantity"
    out["value"] = _num(m.group(0))
    rest = s[m.end():]
    rng = re.match(r"\s*([^\d\-～~至]{0,6}?)\s*[-～~至]\s*(" + NUM + ")", rest)
    if rng:
        out["comparator"] = "between"
        out["value_max"] = _num(rng.group(2))
        after = rest[rng.end():]
        out["unit"] = _unit_after(after) or (rng.group(1) or None)
        return out
    out["unit"] = _unit_after(rest)
    if re.search(r"≥|≧|大于等于|不少于|不低于|至少|以上", s):
        c = ">="
    elif re.search(r"≤|≦|小于等于|不超过|不高于|以内|以下|控制在", s):
        c = "<="
    elif re.search(r"=|＝|等于", s):
        c = "="
    elif re.search(r">|＞|大于|高于|超过", s):
        c = ">"
    elif re.search(r"<|＜|小于|低于", s):
        c = "<"
    elif re.search(r"左右|约|大约", s):
        c = "~"
    else:
        c = None
    out["comparator"] = c
    return out


def nows(s):
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------- documents
# Indicator blocks: lines "#1 <level1 as written>", "#2 <level2 as written>",
# then rows "name | cells..." (cells depend on the table's layout).
# In names, "/" followed by nothing special is literal; "^" marks a forced
# line break (<br>) as Word exports keep them; it is removed in the gold.

def rows_from(block):
    l1 = l2 = None
    out = []
    for line in block.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#1 "):
            l1 = line[3:].strip()
            continue
        if line.startswith("#2 "):
            l2 = line[3:].strip()
            continue
        cells = [c.strip() for c in line.split("|")]
        out.append(dict(l1w=l1, l2w=l2, name=cells[0], cells=cells[1:]))
    return out


DOCS = []

# 1 ---------------------------------------------------------------- 甘肃 教育 (plain)
DOCS.append(dict(
    name="gs_tongwei_edu_2025", site_code="6211310004",
    layout="plain", lead=True,
    style="gov",
    site="通渭县人民政府",
    crumbs="首页 > 信息公开 > 法定主动公开内容 > 财政信息 > 部门预算",
    page_title="通渭县教育局2025年项目支出绩效目标表",
    publish="2025-02-21 16:05",
    source="通渭县教育局",
    tables=[dict(
        title="2025年度项目支出绩效目标表",
        unit_note="填报单位（盖章）：通渭县教育局　　　　金额单位：万元",
        project="通渭县2025年义务教育薄弱环节改善与能力提升项目",
        table_type="project", year=2025,
        dept_written="[305]通渭县教育局", department="通渭县教育局",
        implementer="通渭县教育局",
        funds_unit="万元",
        funds=[("年度资金总额", "1286.5"), ("其中：中央补助资金", "980"),
               ("省级补助资金", "200"), ("县级配套资金", "106.5")],
        funds_total=1286.5,
        goal="改善全县农村义务教育学校基本办学条件，完成12所学校校舍改造、2处学生食堂新建及38所学校教学仪器设备配备，"
             "开展教师信息化应用能力培训，补齐寄宿制学校生活设施短板，推动县域义务教育优质均衡发展。",
        rows=rows_from("""
#1 产出指标
#2 数量指标
改造农村学校校舍面积 | ≥12000平方米
新建学生食堂 | 两处
配备教学仪器设备的农村小规模学校及乡镇寄宿制学校数量 | 不少于38所
开展教师信息化应用能力培训 | 不少于120人次
新增寄宿制学生床位 | 800-1000张
#2 质量指标
校舍改造工程竣工验收合格率 | 100%
教学仪器设备配备达到《甘肃省义务教育学校办学标准》要求的比例 | ≥95%
工程项目质量安全事故发生次数 | 0次
#2 时效指标
校舍改造工程完工时间 | 2025年11月底前完成
设备采购及安装调试完成时间 | 2025年9月30日前
资金拨付及时率 | ≥90%
#2 成本指标
校舍改造单位面积综合造价 | ≤2800元/平方米
学生食堂建设成本 | 约320万元
#1 效益指标
#2 社会效益指标
农村义务教育学校基本办学条件 | 明显改善
义务教育巩固率 | 保持在97%以上
城乡之间、校际之间教育资源配置均衡程度 | 明显提升
#2 可持续影响指标
改善后的校舍及设备持续发挥效益年限 | ≥15年
#1 满意度指标
#2 服务对象满意度指标
在校学生及家长满意度 | ≥90%
学校教职工满意度 | ≥92%
"""),
    )],
))

# 2 ---------------------------------------------------------------- 广西 农业 (plain, 元, 效果指标)
DOCS.append(dict(
    name="gx_huanjiang_agri_2025",
    layout="plain",
    style="word",
    page_title="环江毛南族自治县农业农村局2025年度项目支出绩效目标申报表",
    tables=[dict(
        title="项目支出绩效目标申报表",
        unit_note="（2025年度）",
        project="2025年环江县高标准农田建设项目",
        table_type="project", year=2025,
        dept_written="环江毛南族自治县农业农村局", department="环江毛南族自治县农业农村局",
        implementer="环江毛南族自治县农田建设服务中心",
        funds_unit="元",
        funds=[("年度资金总额", "23560000.00"), ("其中：财政拨款", "23560000.00"), ("其他资金", "0.00")],
        funds_total=2356.0,
        goal="在大才乡、水源镇、洛阳镇等项目区新建高标准农田3000亩以上，配套建设灌排渠道、机耕路和蓄水池，"
             "提升耕地质量和粮食综合生产能力，促进项目区农户增收，建立健全建后管护机制。",
        rows=rows_from("""
#1 产出指标
#2 数量指标
新建高标准农田面积 | 3000-5000亩
新建及改造田间灌排渠道 | 约50公里
新建机耕路 | ≥18.5公里
新建小型蓄水池 | 12座
布设耕地质量等级监测点 | 不少于6个
#2 质量指标
项目工程验收合格率 | 100%
项目区耕地质量等级提升 | 0.5个等级以上
灌溉设计保证率 | ≥85%
#2 时效指标
项目开工时间 | 2025年3月底前
工程建设完成时间 | 2025年12月底前完成
#2 成本指标
亩均财政投入标准 | ≤3000元/亩
#1 效果指标
#2 经济效益指标
项目区粮食综合生产能力亩均提高 | ≥50公斤
项目区农户亩均增收 | 100-150元/亩
#2 社会效益指标
受益农户 | 不少于1,200户
项目区农业生产条件 | 显著改善
#2 生态效益指标
农田灌溉水有效利用系数 | ≥0.56
项目区水土流失情况 | 有效减轻
#2 可持续影响指标
工程设计使用年限 | ≥15年
建后管护机制 | 建立健全
#2 社会公众或服务对象满意度指标
项目区受益群众满意度 | ≥90%
"""),
    )],
))

# 3 ---------------------------------------------------------------- 浙江 交通 (separate 性质/值/单位)
DOCS.append(dict(
    name="zj_suichang_transport_2025", site_code="3311230001",
    layout="sep",
    style="gov",
    site="遂昌县人民政府门户网站",
    crumbs="首页 > 政务公开 > 财政预决算 > 部门预算",
    page_title="遂昌县交通运输局2025年度项目绩效目标表",
    publish="2025-01-27 10:12",
    source="遂昌县财政局",
    tables=[dict(
        title="2025年度项目支出绩效目标表",
        unit_note="单位：万元",
        project="2025年度农村公路提质改造工程",
        table_type="project", year=2025,
        dept_written="遂昌县交通运输局", department="遂昌县交通运输局",
        implementer="遂昌县公路与运输管理中心",
        funds_unit="万元",
        mid_term=True,
        funds=[("资金总额", "7650", "3876"), ("其中：财政拨款", "6900", "3476"), ("其他资金", "750", "400")],
        funds_total=3876.0,
        goal="实施农村公路提质改造45.6公里，完成3座危桥改造，完善错车道、波形护栏等安全设施，"
             "提升农村公路技术状况和通行安全水平，推进“四好农村路”示范创建。",
        rows=rows_from("""
#1 产出指标
#2 数量指标
农村公路提质改造里程 | ≥ | 45.6 | 公里
危桥改造 | = | 3 | 座
新增错车道 | ≥ | 60 | 处
安装波形护栏 | ≥ | 12000 | 米
#2 质量指标
工程交工验收合格率 | = | 100 | %
路面平整度达标率 | ≥ | 95 | %
公路技术状况指数（MQI） | ≥ | 80 |
施工安全责任事故 | < | 1 | 起
#2 时效指标
项目完工时间 | 定性 | 2025年11月底前 |
资金支付进度 | ≥ | 90 | %
#2 成本指标
每公里提质改造平均成本 | ≤ | 85 | 万元/公里
项目总成本控制 | ≤ | 3876 | 万元
#1 效益指标
#2 经济效益指标
沿线群众平均出行时间缩短 | ≥ | 15 | 分钟
#2 社会效益指标
“四好农村路”示范创建 | 定性 | 有效推进 |
沿线行政村通双车道比例 | ≥ | 92.5 | %
#2 生态效益指标
施工期扬尘及噪声投诉 | ≤ | 2 | 次
#2 可持续影响指标
农村公路养护管理长效机制 | 定性 | 逐步完善 |
#1 满意度指标
#2 服务对象满意度指标
沿线群众满意度 | ≥ | 90 | %
"""),
    )],
))

# 4 ---------------------------------------------------------------- 黑龙江 林业 (分值, 项目完成指标)
DOCS.append(dict(
    name="hlj_yichun_forest_2024",
    layout="weight",
    style="word",
    page_title="伊春市林业和草原局2024年项目支出绩效目标表",
    tables=[dict(
        title="伊春市2024年度市级项目支出绩效目标表",
        unit_note="编报单位：伊春市林业和草原局　　　　　单位：万元",
        project="2024年森林草原防火能力提升项目",
        table_type="project", year=2024,
        dept_written="[127]伊春市林业和草原局", department="伊春市林业和草原局",
        implementer="伊春市森林草原防火指挥中心",
        funds_unit="万元",
        funds=[("年度资金总额", "1420.8"), ("其中：本级财政资金", "620.8"), ("上级转移支付资金", "800")],
        funds_total=1420.8,
        goal="购置森林消防车辆，建设视频监控塔，开设和维护生物防火隔离带，开展护林员防火业务培训，"
             "全面提升森林草原火灾预警监测和早期处置能力，确保不发生重特大森林草原火灾。",
        weight_header="分值",
        rows=rows_from("""
#1 项目完成指标
#2 数量指标
购置森林消防车辆 | 6辆 | 8
建设视频监控塔 | 不少于14座 | 8
开设及维护生物防火隔离带 | 120-150公里 | 8
开展护林员防火业务培训 | ≥600人次 | 6
#2 质量指标
购置装备验收合格率 | 100% | 6
重点林区视频监控覆盖率 | ≥85% | 6
#2 时效指标
装备采购完成时间 | 2024年6月底前 | 4
项目完成时间 | 2024年10月前 | 4
#2 成本指标
单座视频监控塔建设成本 | ≤38万元/座 | 4
护林员培训人均费用 | ≤260元/人 | 5
#1 效益指标
#2 社会效益指标
森林火灾受害率 | 控制在0.9‰以内 | 8
森林火灾当日扑灭率 | ≥95% | 8
#2 生态效益指标
森林覆盖率 | 稳定在84%左右 | 6
#2 可持续影响指标
森林防火预警监测能力 | 持续提升 | 8
#1 满意度指标
#2 服务对象满意度指标
林区群众满意度 | ≥90% | 6
基层管护站点人员满意度 | ≥88% | 5
"""),
    )],
))

# 5 ---------------------------------------------------------------- 四川 卫健 自评表
DOCS.append(dict(
    name="sc_yingshan_health_2024_zpb", site_code="5113220002",
    layout="self",
    style="gov",
    site="营山县人民政府",
    crumbs="首页 > 政务公开 > 重点领域信息公开 > 财政资金 > 绩效评价",
    page_title="营山县卫生健康局2024年度基本公共卫生服务项目支出绩效自评表",
    publish="2025-04-18 15:40",
    source="营山县卫生健康局",
    tables=[dict(
        title="项目支出绩效自评表",
        unit_note="（2024年度）",
        project="2024年基本公共卫生服务项目",
        table_type="self_evaluation", year=2024,
        dept_written="[418]营山县卫生健康局", department="营山县卫生健康局",
        implementer="营山县疾病预防控制中心",
        funds_unit="万元",
        self_funds=[("年度资金总额", "1862.4", "1862.4", "1798.35", "10", "96.56%", "9.66"),
                    ("其中：当年财政拨款", "1862.4", "1862.4", "1798.35", "—", "—", "—"),
                    ("上年结转资金", "0", "0", "0", "—", "—", "—"),
                    ("其他资金", "0", "0", "0", "—", "—", "—")],
        funds_total=1862.4,
        goal_expected="为辖区常住居民免费提供居民健康档案管理、健康教育、预防接种、0-6岁儿童健康管理、孕产妇健康管理、"
                      "老年人健康管理、慢性病患者健康管理等基本公共卫生服务，提高居民健康素养水平。",
        goal_actual="全年完成居民电子健康档案建档和各类重点人群健康管理任务，65岁及以上老年人健康管理人数略低于年度目标，"
                    "居民健康素养水平较上年提高1.9个百分点。",
        total=("100", "97.66"),
        rows=rows_from("""
#1 产出指标(50分)
#2 数量指标
居民电子健康档案建档率 | ≥90% | 92.6% | 5 | 5 |
0-6岁儿童健康管理率 | ≥90% | 91.3% | 5 | 5 |
65岁及以上老年人健康管理人数 | 不少于4.2万人 | 4.05万人 | 5 | 4.5 | 部分老年人长期外出务工或随子女异地居住，未能按时体检；下一步将与乡镇卫生院联动开展上门服务。
高血压患者基层规范管理服务率 | ≥65% | 67.2% | 5 | 5 |
开展健康教育讲座 | ≥12次/乡镇 | 12次/乡镇 | 5 | 5 |
#2 质量指标
孕产妇系统管理率 | ≥90% | 93.1% | 5 | 5 |
传染病及突发公共卫生事件报告率 | 100% | 100% | 5 | 5 |
#2 时效指标
资金拨付时间 | 2024年12月31日前 | 2024年12月20日 | 5 | 5 |
#2 成本指标
人均基本公共卫生服务经费补助标准 | ≥94元/人·年 | 94元/人·年 | 5 | 5 |
项目支出控制数 | ≤1862.4万元 | 1798.35万元 | 5 | 5 |
#1 效益指标(30分)
#2 社会效益指标
城乡居民公共卫生服务差距 | 不断缩小 | 达成年度指标 | 10 | 9 | 偏远山区村卫生室服务能力仍较弱，2025年将加强乡村医生培训。
居民健康素养水平 | ≥28% | 27.4% | 10 | 9.5 | 农村居民健康素养提升较慢，差0.6个百分点，将加大健康教育进村入户力度。
#2 可持续影响指标
基本公共卫生服务水平 | 不断提高 | 达成年度指标 | 10 | 10 |
#1 满意度指标(10分)
#2 服务对象满意度指标
基本公共卫生服务对象满意度 | ≥85% | 89.7% | 10 | 10 |
"""),
    )],
))

# 6 ---------------------------------------------------------------- 安徽 体育 自评表 (元)
DOCS.append(dict(
    name="ah_huoshan_sport_2024_zpb",
    layout="self",
    style="word",
    page_title="霍山县文化旅游体育局2024年度项目支出绩效自评表",
    tables=[dict(
        title="2024年度项目支出绩效自评表",
        unit_note="填报单位：霍山县文化旅游体育局",
        project="2024年全民健身公共服务设施建设补助资金",
        table_type="self_evaluation", year=2024,
        dept_written="霍山县文化旅游体育局", department="霍山县文化旅游体育局",
        implementer="霍山县全民健身服务中心",
        funds_unit="元",
        self_funds=[("年度资金总额", "2850000.00", "2850000.00", "2796430.00", "10", "98.12%", "9.81"),
                    ("其中：财政拨款", "2850000.00", "2850000.00", "2796430.00", "—", "—", "—"),
                    ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")],
        funds_total=285.0,
        goal_expected="新建或更新行政村全民健身路径45个、多功能运动场两片，举办县级全民健身赛事活动，"
                      "培训社会体育指导员，构建城乡“15分钟健身圈”。",
        goal_actual="完成45个行政村健身路径和两片多功能运动场建设，举办县级赛事7场次，培训社会体育指导员162人次，"
                    "城乡居民健身条件明显改善。",
        total=("100", "98.06"),
        rows=rows_from("""
#1 产出指标
#2 数量指标
新建或更新行政村全民健身路径 | 45个 | 45个 | 6 | 6 |
新建多功能运动场 | 两片 | 两片 | 6 | 6 |
新建城市社区多功能运动场面积 | ≥3200平方米 | 3350平方米 | 6 | 6 |
举办县级全民健身赛事活动 | 不少于8场次 | 7场次 | 6 | 5.25 | 受7月汛期影响，原定1场县级篮球联赛取消；今后将提前制定备选方案。
社会体育指导员培训 | ≥150人次 | 162人次 | 6 | 6 |
#2 质量指标
健身器材国家强制性标准符合率 | =100% | =100% | 5 | 5 |
场地设施验收合格率 | 100% | 100% | 5 | 5 |
#2 时效指标
健身路径安装完成时间 | 2024年10月底前 | 2024年10月25日 | 5 | 5 |
#2 成本指标
每条健身路径补助标准 | ≤5万元/个 | 4.8万元/个 | 5 | 5 |
#1 效果指标
#2 社会效益指标
经常参加体育锻炼人数比例 | ≥38.5% | 39.2% | 8 | 8 |
城乡居民“15分钟健身圈”覆盖率 | 有效提升 | 达成年度指标 | 8 | 8 |
人均体育场地面积 | 2.6-2.8平方米 | 2.71平方米 | 7 | 7 |
#2 可持续影响指标
健身设施日常管护机制 | 长效运行 | 部分达成年度指标并具有一定效果 | 7 | 6 | 个别村管护责任人未落实到位，已督促乡镇明确专人管护。
#1 满意度指标
#2 社会公众或服务对象满意度指标
健身群众满意度 | ≥90% | 93.5% | 10 | 10 |
"""),
    )],
))

# 7 ---------------------------------------------------------------- 浙江 民政 部门整体
DOCS.append(dict(
    name="zj_anji_civil_2025_dept", site_code="3305230001",
    layout="plain", lead=True,
    style="gov",
    site="安吉县人民政府",
    crumbs="首页 > 政府信息公开 > 财政资金 > 部门预算",
    page_title="安吉县民政局2025年部门整体支出绩效目标表",
    publish="2025-02-10 09:18",
    source="安吉县民政局",
    tables=[dict(
        title="2025年部门整体支出绩效目标表",
        unit_note="单位：万元",
        project="安吉县民政局",
        table_type="department", year=2025,
        dept_written=None, department=None, implementer=None,
        dept_name="安吉县民政局",
        funds_unit="万元",
        funds=[("资金总额", "8642.37"), ("其中：财政拨款", "8410.25"), ("其他资金", "232.12")],
        funds_total=8642.37,
        tasks=[("城乡社会救助", "保障城乡低保、特困供养、临时救助等对象基本生活", "5216.4"),
               ("养老服务体系建设", "发放养老服务补贴，支持居家养老服务中心及养老机构运营", "2138.6"),
               ("基层社会治理与社会组织管理", "开展社会组织等级评估，推进社区治理和婚姻、殡葬服务", "642.15"),
               ("机构运行保障", "保障机关及下属单位人员工资和日常运转", "645.22")],
        goal="围绕兜底保障、养老服务和基层治理三项重点，按时足额发放各类救助资金，确保困难群众基本生活得到有效保障；"
             "完善居家社区养老服务网络；规范社会组织管理，提升民政公共服务水平。",
        rows=rows_from("""
#1 投入指标
#2 预算配置
财政供养人员控制率 | ≤100%
“三公”经费变动率 | ≤0%
#1 过程指标
#2 预算执行
预算执行率 | ≥95%
结转结余变动率 | ≤0
#2 预算管理
政府采购执行率 | 100%
预决算信息公开性 | 按规定时限公开
#2 资产管理
固定资产利用率 | ≥90%
#1 产出指标
#2 数量指标
城乡低保对象保障人数 | 约4800人
特困人员集中供养人数 | 不少于260人
养老服务补贴发放对象 | 3500-3800人
开展社会组织等级评估 | ≥20家
#2 质量指标
低保、特困对象认定准确率 | ≥98%
养老机构星级评定达标率 | ≥85%
#2 时效指标
低保金按月发放及时率 | 100%
年度重点民生实事项目完成时间 | 2025年12月底前
#2 成本指标
城乡低保标准 | ≥1236元/人·月
#1 效益指标
#2 社会效益指标
困难群众基本生活 | 有效保障
每千名老年人拥有养老机构床位数 | ≥45张
#2 可持续影响指标
社会救助长效机制 | 持续健全
#1 满意度指标
#2 服务对象满意度指标
救助对象满意度 | ≥95%
养老服务对象满意度 | ≥92%
"""),
    )],
))

# 8 ---------------------------------------------------------------- 江西 公安 两个项目 + 网站外框
DOCS.append(dict(
    name="jx_yudu_police_2025_two", site_code="3607310003",
    layout="plain",
    style="portal",
    site="于都县人民政府",
    crumbs="首页 > 政务公开 > 政府信息公开目录 > 县公安局 > 财政预决算",
    page_title="于都县公安局2025年项目支出绩效目标公开",
    publish="2025-02-26 11:47",
    source="于都县公安局",
    views="1386",
    tables=[dict(
        title="2025年度项目支出绩效目标表",
        unit_note="金额单位：万元",
        project="2025年道路交通安全设施建设经费",
        table_type="project", year=2025,
        dept_written="[214]于都县公安局", department="于都县公安局",
        implementer="于都县公安局交通管理大队",
        funds_unit="万元",
        funds=[("年度资金总额", "486.3"), ("其中：财政拨款", "486.3"), ("其他资金", "0")],
        funds_total=486.3,
        goal="完善城区及国省道重点路段交通信号、标志标线和电子警察设施，提升路网通行效率，预防和减少道路交通事故。",
        rows=rows_from("""
#1 产出指标
#2 数量指标
新增交通信号控制路口 | 16个
施划道路交通标线 | ≥28000平方米
新增及更换交通标志牌 | 300-350块
安装电子警察抓拍设备 | 不少于24套
#2 质量指标
设施安装验收合格率 | 100%
设备在线率 | ≥96%
#2 时效指标
项目建设完成时间 | 2025年10月31日前
#2 成本指标
单个信号灯路口建设成本 | ≤18万元
#1 效益指标
#2 社会效益指标
城区主干道高峰时段平均通行速度 | 提高10%左右
道路交通事故死亡人数 | 同比下降
#2 可持续影响指标
设施使用年限 | ≥8年
#1 满意度指标
#2 服务对象满意度指标
城区群众对交通秩序满意度 | ≥85%
"""),
    ), dict(
        title="2025年度项目支出绩效目标表",
        unit_note="金额单位：万元",
        project="2025年禁毒宣传教育及戒毒康复工作经费",
        table_type="project", year=2025,
        dept_written="[214]于都县公安局", department="于都县公安局",
        implementer="于都县公安局禁毒大队",
        funds_unit="万元",
        funds=[("年度资金总额", "78.5"), ("其中：财政拨款", "78.5"), ("其他资金", "0")],
        funds_total=78.5,
        goal="深入开展禁毒宣传进校园、进社区、进农村活动，落实社区戒毒社区康复人员帮扶措施，遏制新增吸毒人员。",
        rows=rows_from("""
#1 产出指标
#2 数量指标
开展禁毒宣传进校园、进社区活动 | ≥60场次
发放禁毒宣传资料 | 不少于2万份
社区戒毒社区康复人员帮扶 | 约150人
#2 质量指标
吸毒人员管控率 | ≥98%
在校学生禁毒知识知晓率 | ≥95%
#2 时效指标
集中宣传活动完成时间 | 2025年6月26日前
#2 成本指标
单场宣传活动平均成本 | ≤3000元
#1 效益指标
#2 社会效益指标
新增吸毒人员数量 | 持续下降
全民禁毒意识 | 明显增强
#1 满意度指标
#2 服务对象满意度指标
群众对禁毒工作满意度 | ≥90%
"""),
    )],
))


# ---------------------------------------------------------------- gold
def value_text_of(layout, cells):
    if layout == "sep":
        sym, val, unit = cells[0], cells[1], cells[2]
        return nows(("" if sym == "定性" else sym) + val + unit)
    return nows(cells[0])


def gold_records(doc, docname):
    recs = []
    for ti, t in enumerate(doc["tables"]):
        recs.append(dict(record="table", doc=docname, table=ti, project=t["project"],
                         table_type=t["table_type"], year=t["year"], department=t["department"],
                         implementer=t["implementer"], funds_total=t["funds_total"]))
        for r in t["rows"]:
            l1, l2 = canon(r["l2w"])
            vt = value_text_of(doc["layout"], r["cells"])
            pv = parse_value(vt)
            rec = dict(record="indicator", doc=docname, table=ti, project=t["project"],
                       level1=l1, level2=l2, name=nows(r["name"].replace("^", "")),
                       value_text=vt, **pv, actual_text=None, weight=None, score=None)
            if doc["layout"] == "sep":
                # the unit comes from the unit column
                u = r["cells"][2].strip()
                if pv["kind"] == "quantity":
                    rec["unit"] = u or None
            if doc["layout"] == "weight":
                rec["weight"] = float(r["cells"][1])
            if doc["layout"] == "self":
                rec["actual_text"] = nows(r["cells"][1])
                rec["weight"] = float(r["cells"][2])
                rec["score"] = float(r["cells"][3])
            recs.append(rec)
    return recs


# ---------------------------------------------------------------- html
CSS = """
@page { size: A4 portrait; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimSun", sans-serif;
       font-size: 10.5pt; color: #000; margin: 0; }
.wrap { width: 100%; }
table.jx { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 6px 0 18px 0; }
table.jx td, table.jx th { border: 1px solid #000; padding: 3px 4px; vertical-align: middle;
       word-wrap: break-word; overflow-wrap: anywhere; font-weight: normal; }
table.jx td.c { text-align: center; }
.ttl { text-align: center; font-size: 15pt; font-weight: bold; margin: 10px 0 4px 0; }
.note { font-size: 10pt; margin: 2px 0; }
.note .r { float: right; }
.hdr { border-bottom: 2px solid #b20000; padding: 6px 0; font-size: 14pt; color: #b20000; font-weight: bold; }
.nav a { margin-right: 14px; color: #003c8f; text-decoration: none; font-size: 10pt; }
.crumb { font-size: 9.5pt; color: #555; margin: 6px 0; }
.info { text-align: center; font-size: 9.5pt; color: #666; border-bottom: 1px dashed #aaa; padding-bottom: 4px; }
.h1 { text-align: center; font-size: 16pt; font-weight: bold; margin: 12px 0 6px 0; }
.tool { text-align: right; font-size: 9.5pt; margin: 10px 0; }
.foot { border-top: 1px solid #ccc; font-size: 9pt; color: #666; text-align: center; padding-top: 6px; margin-top: 16px; }
"""

E = html.escape


def td(text, cls="c", colspan=1, rowspan=1, raw=False):
    a = ""
    if colspan > 1:
        a += ' colspan="%d"' % colspan
    if rowspan > 1:
        a += ' rowspan="%d"' % rowspan
    if cls:
        a += ' class="%s"' % cls
    body = text if raw else E(text).replace("^", "<br>")
    return "<td%s>%s</td>" % (a, body)


def colgroup(widths):
    return "<colgroup>" + "".join('<col style="width:%s%%">' % w for w in widths) + "</colgroup>"


def indicator_rows(rows, ncols_extra_fn, lead_cell=None):
    """rows -> list of <tr> with rowspans for level1/level2 as written."""
    out = []
    n = len(rows)
    # rowspan spans
    l1span, l2span = {}, {}
    i = 0
    while i < n:
        j = i
        while j < n and rows[j]["l1w"] == rows[i]["l1w"]:
            j += 1
        l1span[i] = j - i
        k = i
        while k < j:
            m = k
            while m < j and rows[m]["l2w"] == rows[k]["l2w"]:
                m += 1
            l2span[k] = m - k
            k = m
        i = j
    for i, r in enumerate(rows):
        cells = []
        if i == 0 and lead_cell:
            cells.append(lead_cell(n))
        if i in l1span:
            cells.append(td(r["l1w"], rowspan=l1span[i]))
        if i in l2span:
            cells.append(td(r["l2w"], rowspan=l2span[i]))
        cells.append(td(r["name"], cls=""))
        cells.extend(ncols_extra_fn(r))
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def table_plain(doc, t):
    """Project / department table with a plain 指标值 column (optionally 分值)."""
    weight = doc["layout"] == "weight"
    lead = doc.get("lead", False)
    widths = [12, 14, 42, 32] if not weight else [12, 13, 40, 24, 11]
    if lead:
        widths = [5] + [w - (2 if i in (0, 2) else 0) - (1 if i == 1 else 0) for i, w in enumerate(widths)]
    nc = len(widths)
    L = 2  # metadata labels span two columns
    tr = []
    if t["table_type"] == "department":
        tr.append("<tr>" + td("部门（单位）名称", colspan=L) + td(t["dept_name"], cls="", colspan=nc - L) + "</tr>")
        fr = t["funds"]
        tr.append("<tr>" + td("年度预算^（%s）" % t["funds_unit"], colspan=L, rowspan=len(fr)) + td(fr[0][0])
                  + td(fr[0][1], colspan=nc - L - 1) + "</tr>")
        for a, b in fr[1:]:
            tr.append("<tr>" + td(a) + td(b, colspan=nc - L - 1) + "</tr>")
        tk = t["tasks"]
        assert nc - L - 2 >= 1
        tr.append("<tr>" + td("年度主要任务", colspan=L, rowspan=len(tk) + 1) + td("任务名称") + td("主要内容")
                  + td("预算金额", colspan=nc - L - 2) + "</tr>")
        for a, b, c in tk:
            tr.append("<tr>" + td(a, cls="") + td(b, cls="") + td(c, colspan=nc - L - 2) + "</tr>")
    else:
        tr.append("<tr>" + td("项目名称", colspan=L) + td(t["project"], cls="", colspan=nc - L) + "</tr>")
        tr.append("<tr>" + td("主管部门", colspan=L) + td(t["dept_written"], cls="", colspan=nc - L) + "</tr>")
        tr.append("<tr>" + td("实施单位", colspan=L) + td(t["implementer"], cls="", colspan=nc - L) + "</tr>")
        fr = t["funds"]
        tr.append("<tr>" + td("项目资金^（%s）" % t["funds_unit"], colspan=L, rowspan=len(fr)) + td(fr[0][0])
                  + td(fr[0][1], colspan=nc - L - 1) + "</tr>")
        for a, b in fr[1:]:
            tr.append("<tr>" + td(a) + td(b, colspan=nc - L - 1) + "</tr>")
    tr.append("<tr>" + td("年度总体目标", colspan=L) + td(t["goal"], cls="", colspan=nc - L) + "</tr>")
    hdr = [td("一级指标"), td("二级指标"), td("三级指标"), td("指标值")]
    if weight:
        hdr.append(td(t.get("weight_header", "分值")))
    lead_cell = (lambda n: td("绩^效^指^标", rowspan=n + 1)) if lead else None
    if lead:
        tr.append("<tr>" + lead_cell(len(t["rows"])) + "".join(hdr) + "</tr>")
    else:
        tr.append("<tr>" + "".join(hdr) + "</tr>")
    extra = (lambda r: [td(r["cells"][0])]) if not weight else (lambda r: [td(r["cells"][0]), td(r["cells"][1])])
    tr.extend(indicator_rows(t["rows"], extra))
    return '<table class="jx">' + colgroup(widths) + "".join(tr) + "</table>"


def table_sep(doc, t):
    # columns: l1 | l2 | l3 | 性质 | 值 | 单位
    widths = [11, 13, 36, 10, 18, 12]
    nc = 6
    tr = []
    tr.append("<tr>" + td("项目名称") + td(t["project"], cls="", colspan=2) + td("主管部门") +
              td(t["dept_written"], cls="", colspan=2) + "</tr>")
    tr.append("<tr>" + td("实施单位") + td(t["implementer"], cls="", colspan=2) + td("项目属性") +
              td("经常性项目", cls="", colspan=2) + "</tr>")
    tr.append("<tr>" + td("项目资金^（万元）", rowspan=len(t["funds"]) + 1) + td("资金来源", colspan=2)
              + td("中期资金总额", colspan=2) + td("年度资金总额") + "</tr>")
    for a, b, c in t["funds"]:
        tr.append("<tr>" + td(a, colspan=2) + td(b, colspan=2) + td(c) + "</tr>")
    tr.append("<tr>" + td("年度^总体^目标") + td(t["goal"], cls="", colspan=5) + "</tr>")
    tr.append("<tr>" + td("一级指标") + td("二级指标") + td("三级指标") + td("指标性质")
              + td("指标值") + td("度量单位") + "</tr>")
    tr.extend(indicator_rows(t["rows"], lambda r: [td(r["cells"][0]), td(r["cells"][1]), td(r["cells"][2])]))
    return '<table class="jx">' + colgroup(widths) + "".join(tr) + "</table>"


def table_self(doc, t):
    # columns: l1 | l2 | l3 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    widths = [9, 11, 21, 12, 12, 7, 7, 21]
    tr = []
    tr.append("<tr>" + td("项目名称", colspan=2) + td(t["project"], cls="", colspan=6) + "</tr>")
    tr.append("<tr>" + td("主管部门及代码", colspan=2) + td(t["dept_written"], cls="", colspan=2)
              + td("实施单位", colspan=2) + td(t["implementer"], cls="", colspan=2) + "</tr>")
    sf = t["self_funds"]
    tr.append("<tr>" + td("项目资金^（%s）" % t["funds_unit"], rowspan=len(sf) + 1) + td("资金来源")
              + td("年初预算数") + td("全年预算数（A）") + td("全年执行数（B）") + td("分值") + td("执行率（B/A）")
              + td("得分") + "</tr>")
    for row in sf:
        tr.append("<tr>" + "".join(td(x, cls="c") for x in row) + "</tr>")
    tr.append("<tr>" + td("年度^总体^目标", rowspan=2) + td("预期目标", colspan=3) + td("实际完成情况", colspan=4) + "</tr>")
    tr.append("<tr>" + td(t["goal_expected"], cls="", colspan=3) + td(t["goal_actual"], cls="", colspan=4) + "</tr>")
    tr.append("<tr>" + td("一级指标") + td("二级指标") + td("三级指标") + td("年度指标值（A）")
              + td("实际完成值（B）") + td("分值") + td("得分") + td("偏差原因分析及改进措施") + "</tr>")
    tr.extend(indicator_rows(t["rows"], lambda r: [td(r["cells"][0]), td(r["cells"][1]), td(r["cells"][2]),
                                                   td(r["cells"][3]), td(r["cells"][4], cls="")]))
    tot = t["total"]
    tr.append("<tr>" + td("总分", colspan=5) + td(tot[0]) + td(tot[1]) + td("") + "</tr>")
    return '<table class="jx">' + colgroup(widths) + "".join(tr) + "</table>"


def render_table(doc, t):
    if doc["layout"] == "sep":
        tb = table_sep(doc, t)
    elif doc["layout"] == "self":
        tb = table_self(doc, t)
    else:
        tb = table_plain(doc, t)
    parts = ['<div class="ttl">%s</div>' % E(t["title"])]
    if t.get("unit_note"):
        parts.append('<p class="note" style="text-align:center">%s</p>' % E(t["unit_note"]))
    parts.append(tb)
    return "\n".join(parts)


def render_doc(doc):
    body = []
    st = doc["style"]
    if st in ("gov", "portal"):
        body.append('<div class="hdr">%s</div>' % E(doc["site"]))
        nav = ["首页", "走进" + doc["site"][:3], "政务公开", "政务服务", "互动交流", "专题专栏"]
        body.append('<div class="nav">' + "".join('<a href="#">%s</a>' % E(x) for x in nav) + "</div>")
        body.append('<div class="crumb">当前位置：%s</div>' % E(doc["crumbs"]))
        body.append('<div class="h1">%s</div>' % E(doc["page_title"]))
        info = "来源：%s　　发布时间：%s" % (doc["source"], doc["publish"])
        if doc.get("views"):
            info += "　　浏览次数：%s" % doc["views"]
        info += "　　字体：[大 中 小]"
        body.append('<div class="info">%s</div>' % E(info))
        if st == "portal":
            body.append('<p>根据《中华人民共和国预算法》及预算公开有关要求，现将我局2025年度项目支出绩效目标公开如下：</p>')
            body.append('<p>附件：1.2025年道路交通安全设施建设经费绩效目标表　2.2025年禁毒宣传教育及戒毒康复工作经费绩效目标表</p>')
    else:
        body.append('<div class="note">%s</div>' % E("附件"))
    for t in doc["tables"]:
        body.append(render_table(doc, t))
    if st == "portal":
        body.append('<p>联系电话：0797-6231xxx（工作日）</p>')
    if st in ("gov", "portal"):
        body.append('<div class="tool">【<a href="#">打印本页</a>】　【<a href="#">关闭窗口</a>】</div>')
        if st == "portal":
            body.append('<div class="crumb">上一篇：于都县公安局2025年部门预算公开　　下一篇：于都县公安局2024年度部门决算公开</div>')
            body.append('<div class="nav">相关链接：<a href="#">中国政府网</a><a href="#">江西省人民政府</a>'
                        '<a href="#">赣州市人民政府</a><a href="#">于都县财政局</a></div>')
        body.append('<div class="foot">主办：%s办公室　　网站标识码：%s　　'
                    '<a href="#">网站地图</a>　<a href="#">联系我们</a></div>' % (E(doc["site"]), doc["site_code"]))
    gen = '<meta name="Generator" content="Microsoft Word 15 (filtered)">\n' if st == "word" else ""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n" + gen + "<title>%s</title>\n"
            "<style>%s</style>\n</head>\n<body>\n<div class=\"wrap\">\n%s\n</div>\n</body>\n</html>\n"
            % (E(doc["page_title"]), CSS, "\n".join(body)))


# ---------------------------------------------------------------- checks
ALLOWED = {"投入": {"目标设定", "预算配置"}, "过程": {"预算执行", "预算管理", "资产管理"},
           "产出": {"数量", "质量", "时效", "成本"},
           "效益": {"经济效益", "社会效益", "生态效益", "可持续影响"}, "满意度": {"服务对象满意度"}}
KEYS_T = {"record", "doc", "table", "project", "table_type", "year", "department", "implementer", "funds_total"}
KEYS_I = {"record", "doc", "table", "project", "level1", "level2", "name", "value_text", "kind", "comparator",
          "value", "value_max", "unit", "date", "actual_text", "weight", "score"}


def check(doc, recs, html_text, raw_text):
    flat = nows(re.sub(r"<[^>]+>", "", html.unescape(html_text.replace("<br>", ""))))
    flat = nows(html.unescape(re.sub(r"<[^>]+>", "", html_text.replace("<br>", ""))))
    rawflat = nows(raw_text)
    miss_raw = []
    for r in recs:
        if r["record"] == "table":
            assert set(r) == KEYS_T, r
            assert r["table_type"] in ("project", "department", "self_evaluation")
            continue
        assert set(r) == KEYS_I, r
        assert r["level2"] in ALLOWED[r["level1"]], r
        assert r["kind"] in ("quantity", "date", "text")
        if r["kind"] != "quantity":
            assert r["comparator"] is None and r["value"] is None and r["unit"] is None
        if r["kind"] == "date":
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date"])
        assert r["name"] in flat, r["name"]
        if doc["layout"] != "sep":
            assert r["value_text"] in flat, r["value_text"]
        if r["actual_text"]:
            assert r["actual_text"] in flat
        if r["name"] not in rawflat:
            miss_raw.append(r["name"])
    return miss_raw


# ---------------------------------------------------------------- main
def write_jsonl(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    review = "--review" in sys.argv
    for sub in ("html", "pdf", "pdf_layout", "pdf_raw"):
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    for doc in DOCS:
        n = doc["name"]
        hp = os.path.join(ROOT, "html", n + ".html")
        with open(hp, "w", encoding="utf-8") as f:
            f.write(render_doc(doc))
        write_jsonl(os.path.join(ROOT, "html", n + ".jsonl"), gold_records(doc, n + ".html"))
        pp = os.path.join(ROOT, "pdf", n + ".pdf")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--print-to-pdf=" + pp, "file://" + hp], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        write_jsonl(os.path.join(ROOT, "pdf", n + ".jsonl"), gold_records(doc, n + ".pdf"))
        subprocess.run(["pdftotext", "-layout", pp, os.path.join(ROOT, "pdf_layout", n + ".txt")], check=True)
        subprocess.run(["pdftotext", pp, os.path.join(ROOT, "pdf_raw", n + ".txt")], check=True)
        for sub in ("pdf_layout", "pdf_raw"):
            write_jsonl(os.path.join(ROOT, sub, n + ".jsonl"), gold_records(doc, n + ".txt"))
        recs = gold_records(doc, n)
        with open(hp, encoding="utf-8") as f:
            htext = f.read()
        with open(os.path.join(ROOT, "pdf_raw", n + ".txt"), encoding="utf-8") as f:
            rtext = f.read()
        assert re.search(r"[\u4e00-\u9fff]{4}", rtext), "no CJK text in PDF (missing font?)"
        wrapped = check(doc, recs, htext, rtext)
        print(n, "tables=%d" % sum(r["record"] == "table" for r in recs),
              "indicators=%d" % sum(r["record"] == "indicator" for r in recs),
              "names split in pdf_raw=%d" % len(wrapped))
        if review:
            for r in recs:
                if r["record"] == "table":
                    print("  T", {k: r[k] for k in ("table", "project", "table_type", "year", "department",
                                                    "implementer", "funds_total")})
                else:
                    print("   ", r["level1"], r["level2"], r["name"], "|", r["value_text"], "|", r["kind"],
                          r["comparator"], r["value"], r["value_max"], r["unit"], r["date"], "|",
                          r["actual_text"], r["weight"], r["score"])


if __name__ == "__main__":
    main()
