"""The cell-stream reader (goalnlp.stream): ruled grids flattened by pdftotext without -layout."""

from __future__ import annotations

from goalnlp import extract

HEAD = "项目支出绩效目标表\n\n项目名称\n\n乡村文化广场建设\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n"


def _rows(body: str) -> list[tuple[str, str]]:
    recs = extract(HEAD + body, engine="rules")
    return [(r["name"], r["value_text"]) for r in recs if r["record"] == "indicator"]


def test_cells_in_row_order_with_symbol_number_unit_paragraphs():
    body = "数量指标\n\n新建文化广场数量\n\n≥\n\n6\n\n个\n\n质量指标\n\n广场设施验收合格率\n\n100%\n\n"
    assert _rows(body) == [("新建文化广场数量", "≥6个"), ("广场设施验收合格率", "100%")]


def test_target_read_before_its_name_and_symbol_after_it():
    # pdftotext reads the number and unit column block first, then the name, then 符号.
    body = (
        "新建文化广场数量\n\n6个\n\n"
        "96\n\n%\n\n群众文化活动参与率\n\n≥\n\n"
        "开放时长\n\n≥8小时\n\n"
    )
    assert _rows(body) == [("新建文化广场数量", "6个"), ("群众文化活动参与率", "≥96%"), ("开放时长", "≥8小时")]


def test_worded_target_after_qualitative_symbol_and_sentence_notes():
    body = (
        "广场管理制度健全性\n\n定性\n\n制度健全\n\n"
        "按上级下达的任务数测算，以验收报告为准\n\n"
        "群众满意度\n\n≥90%\n\n"
    )
    assert _rows(body) == [("广场管理制度健全性", "制度健全"), ("群众满意度", "≥90%")]


def test_names_waiting_take_the_targets_that_fit_them():
    # Two names, then a date and an amount printed in the other order: the date goes to
    # the 时间 name, the money to the 成本 one.
    body = "广场建成时间\n\n单个广场建设成本\n\n≤45万元\n\n2026年9月底前\n\n"
    assert _rows(body) == [("广场建成时间", "2026年9月底前"), ("单个广场建设成本", "≤45万元")]


def test_label_squeezed_before_a_name_and_metadata_cells_inside_the_grid():
    body = (
        "实施单位\n\n乡文化站\n\n"
        "社会效益指 文化生活丰富程度\n标\n\n明显提升\n\n"
        "服务对象满 观众满意度\n意度指标\n\n≥92%\n\n"
    )
    recs = [r for r in extract(HEAD + body, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("文化生活丰富程度", "明显提升", "社会效益"),
        ("观众满意度", "≥92%", "服务对象满意度"),
    ]


SELF_HEAD = (
    "项目支出绩效自评表\n\n项目名称\n\n乡村文化广场建设\n\n一级指标\n\n二级指标\n\n三级指标\n\n"
    "年度指标值\n\n全年实际值（\nB）\n\n分值\n\n得分\n\n未完成原因分析\n\n"
)


def test_self_evaluation_actual_weight_and_score_follow_their_target():
    body = (
        "新建文化广场数量\n\n广场设施验收合格率\n\n"
        "≥ 6个\n\n≥5个\n\n10\n\n8\n\n"
        "100%\n\n部分达成年度指标\n\n10\n\n6.5\n\n"
        "受场地审批影响，两处广场延期开工，明年上半年完成。\n\n"
    )
    recs = [r for r in extract(SELF_HEAD + body, engine="rules") if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs]
    assert got == [
        ("新建文化广场数量", "≥6个", "≥5个", 10.0, 8.0),
        ("广场设施验收合格率", "100%", "部分达成年度指标", 10.0, 6.5),
    ]


def test_labels_stacked_beside_the_column_headers_are_no_outline():
    # Plain pdftotext can print the merged label cells right after 二级指标, metadata cells
    # and the other headers after them: the labels are the grid's, not an outline's headings.
    text = (
        "项目支出绩效目标表\n\n项目名称\n\n乡村文化广场建设\n\n二级指标\n\n产出指标\n\n数量指标\n\n"
        "满意度指标\n\n乡文化站\n\n年度资金总额：\n\n一级指标\n\n三级指标\n\n指标值\n\n"
        "新建文化广场数量\n\n≥6个\n\n服务对象满意度指标\n\n观众满意度\n\n≥92%\n\n"
    )
    recs = [r for r in extract(text, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [("新建文化广场数量", "≥6个"), ("观众满意度", "≥92%")]


def test_waiting_names_take_targets_of_their_measure():
    # Names in a run, targets after them in another order: an area goes to the 面积 name,
    # a head count to the 人数 one.
    body = "培训乡村文艺骨干人数\n\n新增文化广场面积\n\n≥1.2万平方米\n\n≥300人\n\n"
    assert _rows(body) == [("培训乡村文艺骨干人数", "≥300人"), ("新增文化广场面积", "≥1.2万平方米")]


def test_labels_printed_apart_from_their_rows_give_way_to_the_names():
    # pdftotext printed the category column as one run after the rows: carried forward, the
    # last label seen would file every row under it.  The rows' categories are read from
    # their names instead (the category classifier), decoded as one table.
    body = (
        "新建文化广场数量\n\n≥6个\n\n"
        "配置健身器材套数\n\n≥24套\n\n"
        "广场设施验收合格率\n\n100%\n\n"
        "广场建成时间\n\n2026年9月底前\n\n"
        "周边群众满意度\n\n≥90%\n\n"
        "数量指标\n\n质量指标\n\n时效指标\n\n满意度指标\n\n服务对象满意度指标\n\n"
    )
    recs = [r for r in extract(HEAD + body) if r["record"] == "indicator"]
    got = [(r["name"], r["level2"], r["category_source"]) for r in recs]
    assert got == [
        ("新建文化广场数量", "数量", "classifier"),
        ("配置健身器材套数", "数量", "classifier"),
        ("广场设施验收合格率", "质量", "classifier"),
        ("广场建成时间", "时效", "classifier"),
        ("周边群众满意度", "服务对象满意度", "classifier"),
    ]


def test_a_label_on_its_name_line_is_written():
    # "经济效益" is printed on the line of a name that reads like a social benefit: the
    # printed label stands (written), the name-based classifier does not overrule it.
    body = (
        "实施单位\n\n乡文化站\n\n"
        "经济效益指 文化生活丰富程度\n标\n\n明显提升\n\n"
        "服务对象满 观众满意度\n意度指标\n\n≥92%\n\n"
    )
    recs = [r for r in extract(HEAD + body, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["level2"], r["category_source"]) for r in recs] == [
        ("文化生活丰富程度", "经济效益", "written"),
        ("观众满意度", "服务对象满意度", "written"),
    ]


def test_graded_worded_targets_in_a_self_evaluation():
    # The actual-value column holds the self-evaluation's grade: the worded target before
    # it is a target (not a name), the grade is its actual value, never a name.
    body = (
        "文化活动覆盖面\n\n逐步扩大\n\n达成年度指标\n\n10\n\n10\n\n"
        "群众文化获得感\n\n明显增强\n\n部分达成年度指标并具有一定效果\n\n10\n\n7\n\n"
        "实际完成情况\n\n"
        "广场开放时长\n\n-\n\n每周≥56小时\n\n达成年度指标\n\n10\n\n10\n\n"
    )
    recs = [r for r in extract(SELF_HEAD + body, engine="rules") if r["record"] == "indicator"]
    got = [(r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs]
    assert got == [
        ("文化活动覆盖面", "逐步扩大", "达成年度指标", 10.0, 10.0),
        ("群众文化获得感", "明显增强", "部分达成年度指标并具有一定效果", 10.0, 7.0),
        ("广场开放时长", "每周≥56小时", "达成年度指标", 10.0, 10.0),
    ]


def test_header_cells_one_space_apart_are_no_name():
    head = (
        "项目支出绩效自评表\n\n项目名称\n\n乡村文化广场建设\n\n一级指标\n\n二级指标\n\n三级指标\n\n"
        "年度指标值\n\n实际完成值\n\n分值 得分\n\n"
    )
    body = "新建文化广场数量\n\n≥6个\n\n≥6个\n\n10\n\n10\n\n广场设施验收合格率\n\n100%\n\n98%\n\n10\n\n9\n\n"
    recs = [r for r in extract(head + body, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"]) for r in recs] == [
        ("新建文化广场数量", "≥6个", "≥6个", 10.0, 10.0),
        ("广场设施验收合格率", "100%", "98%", 10.0, 9.0),
    ]


def test_header_cells_printed_among_the_rows():
    # pdftotext printed two header cells, then rows, then the other header cells among the
    # category labels: no header row, and a category label early on looked like an outline.
    paras = [
        "2025年部门整体支出绩效目标申报表", "部门名称", "某县文化广电旅游局", "年度绩效目标",
        "推进公共文化服务体系建设，丰富群众文化生活。",
        "绩效指标性\n质", "*值",
        "数量指标",
        "送戏下乡场次", "≥", "120", "场", "10",
        "公共图书馆年流通人次", "≥", "8", "万人次", "10",
        "质量指标",
        "文物安全事故发生率", "=", "0", "%", "10",
        "一级指标", "二级指标", "产出指标", "效益指标", "三级指标", "度量单位", "权重（%）",
        "社会效益指标",
        "群众文化活动参与人次", "≥", "15", "万人次", "20",
        "满意度指标", "服务对象满意度指标",
        "群众满意度", "≥", "90", "%", "10",
    ]
    for engine in ("rules", "hybrid"):
        recs = extract("\n\n".join(paras), engine=engine)
        assert [r["table_type"] for r in recs if r["record"] == "table"] == ["department"]
        got = [(r["name"], r["value_text"], r["weight"]) for r in recs if r["record"] == "indicator"]
        assert got == [
            ("送戏下乡场次", "≥120场", 10.0),
            ("公共图书馆年流通人次", "≥8万人次", 10.0),
            ("文物安全事故发生率", "=0%", 10.0),
            ("群众文化活动参与人次", "≥15万人次", 20.0),
            ("群众满意度", "≥90%", 10.0),
        ]


def test_header_cells_among_the_rows_with_no_first_level_column():
    # A table with only 二级指标 / 指标名称 / 指标值 heads, printed among its category labels
    # (the first-level labels went to another page): still a table, read as a cell stream.
    paras = [
        "2025年项目支出绩效目标申报表", "项目名称", "城区公园绿化养护经费", "主管部门", "某市园林局",
        "年度资金总额：", "260.00万元", "总体目标", "完成城区公园绿地养护，提升绿化景观质量。",
        "二级指标", "产出指标", "数量指标", "质量指标", "指标名称", "指标值",
        "养护公园绿地面积", "≥48万平方米",
        "补植苗木数量", ">3500株",
        "苗木成活率", "≥92%",
        "时效指标", "养护任务完成时间", "2025年11月底前完成",
        "游园群众满意度", "≥93%",
    ]
    for engine in ("rules", "hybrid"):
        recs = extract("\n\n".join(paras), engine=engine)
        assert [r["project"] for r in recs if r["record"] == "table"] == ["城区公园绿化养护经费"]
        got = [(r["name"], r["value_text"]) for r in recs if r["record"] == "indicator"]
        assert got == [
            ("养护公园绿地面积", "≥48万平方米"),
            ("补植苗木数量", ">3500株"),
            ("苗木成活率", "≥92%"),
            ("养护任务完成时间", "2025年11月底前完成"),
            ("游园群众满意度", "≥93%"),
        ], engine


def test_a_figure_left_over_is_never_read_as_a_name():
    # A target printed before the names it could belong to leaves the decoder one target
    # too many; the figure "94%以上" is a target whatever the count says, never a name.
    from goalnlp.doc import Line
    from goalnlp.stream import _decode, _items, _units

    paras = [
        "3000~5,000人", "服务对象满意度指标", "通过问卷调查统计的参训学员满意度",
        "通过问卷调查统计的用人单位满意度", "逐步完善", "94%以上", "大于90.4%",
    ]
    text = "\n\n".join(paras)
    items = _items(_units([Line(i, t, t) for i, t in enumerate(text.split("\n"), 1)]))
    roles = {"".join(c.comp for c in it.cells): role for it, role in zip(items, _decode(items), strict=True)}
    assert roles["94%以上"] == "VALUE"
    assert roles["通过问卷调查统计的参训学员满意度"] == "NAME"


def test_a_label_right_under_a_name_is_the_next_rows_category():
    # pdftotext put the label cell of the next row right under the name cell (same
    # paragraph, no blank line): "…演练次数" / "质量指标" is a name and a label, not one name.
    body = (
        "数量指标\n\n组织防汛应急演练次数\n质量指标\n\n≥4次\n\n"
        "防汛物资储备达标率\n\n≥98%\n\n"
        "时效指标\n\n汛前隐患排查完成时间\n成本指标\n\n2025年5月底前\n\n"
        "物资采购成本\n\n≤45万元\n\n"
    )
    for engine in ("rules", "hybrid"):
        recs = [r for r in extract(HEAD + body, engine=engine) if r["record"] == "indicator"]
        assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
            ("组织防汛应急演练次数", "≥4次", "数量"),
            ("防汛物资储备达标率", "≥98%", "质量"),
            ("汛前隐患排查完成时间", "2025年5月底前", "时效"),
            ("物资采购成本", "≤45万元", "成本"),
        ], engine


def _self_evaluation(reason: str) -> list[str]:
    return [
        "2024年度项目支出绩效自评表", "项目名称", "某县农村饮水安全巩固提升工程", "主管部门", "某县水务局",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分\n值", "得\n分", "偏差原因分析及改进措施",
        "数量指标", "新建集中供水工程", "≥12处", "12处", "20", "20",
        "质量指标", "水质检测达标率", "≥95%", "93%", "20", "18", reason,
        "社会效益指标", "农村群众饮水条件", "明显改善", "已改善", "10", "10",
        "满意度指标", "受益群众满意度", "≥90%", "92%", "10", "10",
    ]


def test_self_evaluation_stream_with_wrapped_heads_reasons_and_worded_actuals():
    # 分值 / 得分 wrapped a character a line; a reason cut into lines (and paragraphs) at a
    # narrow width; a worded target followed by its worded actual value.
    for reason in ("部分水源地受\n汛期影响，水\n质波动，已加\n强消毒。", "部分水源地受\n\n汛期影响，水质波动\n\n已加强消毒。"):
        for engine in ("rules", "hybrid"):
            recs = extract("\n\n".join(_self_evaluation(reason)), engine=engine)
            got = [(r["name"], r["value_text"], r["actual_text"], r["weight"], r["score"])
                   for r in recs if r["record"] == "indicator"]
            assert got == [
                ("新建集中供水工程", "≥12处", "12处", 20.0, 20.0),
                ("水质检测达标率", "≥95%", "93%", 20.0, 18.0),
                ("农村群众饮水条件", "明显改善", "已改善", 10.0, 10.0),
                ("受益群众满意度", "≥90%", "92%", 10.0, 10.0),
            ], (engine, reason)


def test_a_name_listing_items_after_a_score_starts_its_own_row():
    # "20" (a score) then "管网改造、延伸里程": the name's 、 ends no clause of a sentence
    # that went on from the score; it starts the next row.
    paras = _self_evaluation("未达标")
    at = paras.index("质量指标")
    paras[at:at] = ["管网改造、延伸里程", "≥35公里", "36公里", "10", "10"]
    for engine in ("rules", "hybrid"):
        recs = extract("\n\n".join(paras), engine=engine)
        got = [(r["name"], r["value_text"], r["weight"]) for r in recs if r["record"] == "indicator"]
        assert got[:3] == [
            ("新建集中供水工程", "≥12处", 20.0),
            ("管网改造、延伸里程", "≥35公里", 10.0),
            ("水质检测达标率", "≥95%", 20.0),
        ], engine


def test_a_label_wrapped_around_a_label_like_name_beside_it():
    # pdftotext read the label cell's lines and the name cell's line in turns:
    # "服务对象满" / "满意度" / "意度" is the label 服务对象满意度 and the name 满意度.
    # (The cell-stream reader's reading; hybrid's line tagger re-cuts the three lines.)
    body = "数量指标\n\n新建文化广场数量\n\n≥6个\n\n满意度指标\n\n服务对象满\n满意度\n意度\n\n≥90%\n\n"
    recs = [r for r in extract(HEAD + body, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs] == [
        ("新建文化广场数量", "≥6个", "数量"),
        ("满意度", "≥90%", "服务对象满意度"),
    ]


def test_a_worded_target_before_its_weight_is_the_target():
    # name, worded target, weight, one cell per paragraph: "群众安全感" / "明显提升" / "20" is one
    # row whose target is worded, not a name "明显提升" with the target "20".
    head = "项目支出绩效目标表\n\n项目名称\n\n社会治安综合治理经费\n\n一级指标\n\n二级指标\n\n指标名称\n\n指标值\n\n权重\n\n"
    body = (
        "数量指标\n\n开展矛盾纠纷排查次数\n\n≥24次\n\n10\n\n"
        "社会效益指标\n\n群众安全感\n\n明显提升\n\n20\n\n"
        "治安案件发生率\n\n稳中有降\n\n10\n\n"
    )
    for engine in ("rules", "hybrid"):
        recs = [r for r in extract(head + body, engine=engine) if r["record"] == "indicator"]
        assert [(r["name"], r["value_text"], r["weight"]) for r in recs] == [
            ("开展矛盾纠纷排查次数", "≥24次", 10.0),
            ("群众安全感", "明显提升", 20.0),
            ("治安案件发生率", "稳中有降", 10.0),
        ], engine


def test_notes_saying_where_a_figure_comes_from_are_no_names():
    # A 说明 cell printed between a target and the next target, its name after them:
    # "以验收报告为准" is a note, not the name of "≤50万元".
    head = "项目支出绩效目标表\n\n项目名称\n\n乡村文化广场建设\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n说明\n\n"
    body = (
        "数量指标\n\n新建文化广场数量\n\n≥6个\n\n时效指标\n\n广场建成时间\n\n成本指标\n\n"
        "2025年12月底前\n\n以验收报告为准\n\n≤50万元\n\n广场建设成本\n\n"
    )
    recs = [r for r in extract(head + body, engine="rules") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("新建文化广场数量", "≥6个"),
        ("广场建成时间", "2025年12月底前"),
        ("广场建设成本", "≤50万元"),
    ]


def test_a_finished_sentence_of_clauses_is_never_decoded_as_a_name():
    # A reason (未完成原因) or the year's goal, printed among the cells: however many targets
    # wait for a name, the decoder may read it as a note or a worded target, never as a name.
    from goalnlp.stream import _text_costs

    costs = _text_costs("受用地审批进度影响，部分广场未能按期开工，下一步将加快推进建设。")
    assert "NAME" not in costs and costs["NOTE"] < costs["VALUE"]
    assert "NAME" in _text_costs("广场设施验收合格率")


# An office suite's PDF read by plain pdftotext: the metadata keys print one a line, then the
# grid's first header pieces and category labels (wrapped in their narrow columns), then the
# metadata's values, then the rest of the header and the cells, paragraph by paragraph.
OFFICE_PLAIN = (
    "2026年项目支出绩效目标表\n单位：元\n项目名称\n主管部门\n资金情况（元\n）\n\n年度总体目标\n"
    "一级指\n标\n\n产出指\n标\n\n绩效\n指标\n\n效益指\n标\n\n"
    "乡村文化广场建设项目\n某县文化和旅游局\n年度资金总额\n\n1,250,000.00\n\n其中：财政拨款\n\n1,250,000.00\n\n"
    "新建文化广场6个，配套健身器材，丰富群众文化生活。\n二级指\n标\n\n三级指标\n\n指标性\n质\n\n指标值\n\n"
    "度量单位\n\n权重\n\n"
    "新建文化广场数量\n\n≥\n\n6\n\n个\n\n10\n\n"
    "数量指 配套健身器材安装\n标\n数\n\n≥\n\n48\n\n套\n\n10\n\n"
    "成本指 单个广场平均建设\n标\n成本\n\n≤\n\n20\n\n万元\n\n10\n\n"
    "社会效 群众文化活动参与\n益指标 率\n\n≥\n\n85\n\n%\n\n10\n\n"
    "某县文化馆\n实施单位\n\n"
    "服务对 群众满意度\n象满意\n度指标\n\n≥\n\n90\n\n%\n\n10\n"
)


def test_office_pdf_plain_text_labels_and_names_wrapped_side_by_side():
    recs = extract(OFFICE_PLAIN, engine="rules")
    got = [(r["name"], r["value_text"], r["level2"]) for r in recs if r["record"] == "indicator"]
    assert got == [
        ("新建文化广场数量", "≥6个", "数量"),
        ("配套健身器材安装数", "≥48套", "数量"),
        ("单个广场平均建设成本", "≤20万元", "成本"),
        ("群众文化活动参与率", "≥85%", "社会效益"),
        ("群众满意度", "≥90%", "服务对象满意度"),
    ]


def test_office_pdf_plain_text_metadata_values_after_the_first_header_pieces():
    (table,) = [r for r in extract(OFFICE_PLAIN, engine="rules") if r["record"] == "table"]
    assert (table["project"], table["department"], table["funds_total"]) == ("乡村文化广场建设项目", "某县文化和旅游局", 125.0)


def test_unit_printed_after_a_page_break_past_a_label_and_a_name():
    # The 单位 column's cells came after the page's last label and name (and the page number).
    body = (
        "数量指标\n\n新建文化广场数量\n\n≥\n\n6\n\n个\n\n"
        "满意度指标\n\n群众文化活动知晓率\n\n≥\n\n80\n\n服务对象满意度指标\n\n广场周边居民满意度\n\n-3-\n\n%\n\n"
    )
    got = _rows(body)
    assert got[:2] == [("新建文化广场数量", "≥6个"), ("群众文化活动知晓率", "≥80%")]
