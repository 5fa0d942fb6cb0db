"""指标方向 columns and Excel date serials in an Excel (tab) export."""

from __future__ import annotations

from goalnlp import extract

DOC = (
    "2024年项目支出绩效目标表\n"
    "项目名称\t乡村道路养护\n"
    "一级指标\t二级指标\t三级指标\t指标方向\t指标值\t计量单位\t权重\n"
    "产出指标\t数量指标\t养护农村公路里程\t正向\t≥120\t公里\t20\n"
    "\t时效指标\t养护完成时间\t正向\t44561\t\t10\n"
    "\t成本指标\t每公里养护成本\t反向\t≤0.8\t万元/公里\t10\n"
    "效益指标\t社会效益指标\t群众出行条件\t正向\t明显改善\t\t30\n"
)


def _rows():
    return {r["name"]: r for r in extract(DOC) if r["record"] == "indicator"}


def test_direction_column_is_not_part_of_the_value():
    rows = _rows()
    assert rows["养护农村公路里程"]["value_text"] == "≥120公里"
    assert (rows["每公里养护成本"]["comparator"], rows["每公里养护成本"]["unit"]) == ("<=", "万元/公里")
    assert rows["群众出行条件"]["value_text"] == "明显改善"
    assert all("正向" not in r["value_text"] and "反向" not in r["value_text"] for r in rows.values())


def test_excel_serial_in_a_deadline_row_is_a_date():
    row = _rows()["养护完成时间"]
    assert (row["kind"], row["date"], row["level2"]) == ("date", "2021-12-31", "时效")


def test_weights_and_categories_carried_down():
    rows = _rows()
    assert rows["养护完成时间"]["level1"] == "产出"
    assert [rows[n]["weight"] for n in ("养护农村公路里程", "养护完成时间", "群众出行条件")] == [20.0, 10.0, 30.0]


def test_table_record():
    (table,) = [r for r in extract(DOC) if r["record"] == "table"]
    assert (table["project"], table["year"], table["table_type"]) == ("乡村道路养护", 2024, "project")
