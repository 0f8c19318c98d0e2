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


def test_a_units_pages_carry_its_navigation_in_one_inert_line() -> None:
    import json

    import yaml

    from generator.site.navigation import unit_front_matter

    name = '单位"}\n---\n<script>alert(1)</script>\u2028'
    nav = [{"单位概览": "2024/u/index.md"}, {"预算报表": [{"1. 收支总表": "2024/u/tables/budget_summary.md"}]}]
    head = unit_front_matter("2024年", name, nav)
    assert head.startswith("---\n") and head.count("\n") == 4 and head.isascii()
    meta = yaml.safe_load(head.split("---\n")[1])["unit_nav"]
    assert meta == json.loads(head.splitlines()[1].removeprefix("unit_nav: "))
    assert meta["title"] == name and meta["section"] == "2024年"
    assert meta["children"] == [
        {"title": "单位概览", "url": "2024/u/index.html", "index": True},
        {"title": "预算报表", "children": [{"title": "1. 收支总表", "url": "2024/u/tables/budget_summary.html"}]},
    ]
