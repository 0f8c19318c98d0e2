from __future__ import annotations

from generator.history import comparison, to_wan
from generator.package import Resource

FIELDS = [
    {"name": n, "type": t}
    for n, t in (("code", "string"), ("name", "string"), ("level", "string"), ("total", "number"))
]


def _res(rows: list[tuple[str, str, str | None]], unit: str) -> Resource:
    return Resource(
        name="expenditure_summary",
        title="支出总表",
        descriptor={"type": "table", "amountUnit": unit, "schema": {"fields": FIELDS}},
        rows=[{"code": c, "name": n, "level": None, "total": t} for c, n, t in rows],
    )


def test_renamed_items_are_matched_by_code_and_units_converted() -> None:
    now = _res([("210", "卫生健康支出", "17.13"), ("221", "住房保障支出", "32.86")], "万元")
    before = _res([("210", "医疗卫生与计划生育支出", "150000"), ("213", "农林水支出", "10000")], "元")
    md = comparison(now, before, 2022)
    assert "| 210 | 卫生健康支出（2022年称“医疗卫生与计划生育支出”） | 17.13 | 15.0000 | 2.1300 | 14.20% |" in md
    assert "| 221 | 住房保障支出 | 32.86 | （上年无此科目） |  |  |" in md
    assert "| 213 | 农林水支出 | （本年无此科目） | 1.0000 | | |" in md
    assert "上年数按元印刷，已换算为万元。" in md


def test_to_wan_is_exact() -> None:
    assert to_wan("164978640", "元") == to_wan("16497.8640", "万元")
    assert to_wan(None, "元") is None
    assert str(to_wan("1", "元")) == "0.0001"


def test_navigation_groups_a_year_with_many_units() -> None:
    from generator.render import NAV_GROUP, _grouped

    few = [{f"单位{i}": [f"u{i}/index.md"]} for i in range(2 * NAV_GROUP)]
    assert _grouped(few) == few
    many = [{f"单位{i}": [f"u{i}/index.md"]} for i in range(2 * NAV_GROUP + 1)]
    groups = _grouped(many)
    assert [next(iter(g)) for g in groups] == [
        f"第1–{NAV_GROUP}个单位",
        f"第{NAV_GROUP + 1}–{2 * NAV_GROUP}个单位",
        f"第{2 * NAV_GROUP + 1}–{2 * NAV_GROUP + 1}个单位",
    ]
    assert [u for g in groups for u in next(iter(g.values()))] == many  # every unit once, in order
