from __future__ import annotations

from decimal import Decimal

from generator.analysis import comparison, in_comparison_unit
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
    c = comparison(now, before, 2022)
    assert (c.unit, c.before_unit) == ("万元", "元")
    rows = {r.code: r for r in c.rows}
    r = rows["210"]
    assert (r.name, r.renamed_from, r.now, r.before) == (
        "卫生健康支出",
        "医疗卫生与计划生育支出",
        Decimal("17.13"),
        Decimal("15"),
    )
    assert (r.change, r.percent) == (Decimal("2.13"), Decimal("14.20"))
    assert (rows["221"].in_before, rows["221"].change) == (False, None)
    assert (rows["213"].in_now, rows["213"].before) == (False, Decimal("1"))


def test_comparison_unit_is_exact() -> None:
    assert in_comparison_unit("164978640", "元") == in_comparison_unit("16497.8640", "万元")
    assert in_comparison_unit(None, "元") is None
    assert str(in_comparison_unit("1", "元")) == "0.0001"


def test_navigation_groups_a_year_with_many_units() -> None:
    from generator.render import NAV_GROUP
    from generator.render import _grouped_nav as _grouped

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
