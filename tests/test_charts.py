"""Chart specs are built without Altair's per-chart validation; here every one is validated against Vega-Lite."""

from __future__ import annotations

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from generator.charts import chart_for_table, unit_charts
from generator.package import find_packages, read_package
from generator.site.pages.history import history_charts
from tests.conftest import ROOT

PACKAGES = [read_package(p) for p in find_packages(ROOT / "datapackages")]


def _specs():
    for pkg in PACKAGES:
        for chart in unit_charts(pkg):
            yield f"{pkg.path.name}/{pkg.year}/unit/{chart.title}", chart.spec
        for res in pkg.resources.values():
            if res.is_table and (chart := chart_for_table(res)):
                yield f"{pkg.path.name}/{pkg.year}/{res.name}", chart.spec
    shanghai = [p for p in PACKAGES if p.slug == "shanghai-putuo-wanli"]
    for chart in history_charts(sorted(shanghai, key=lambda p: p.year)):
        yield f"history/{chart.title}", chart.spec


SPECS = list(_specs())
_SCHEMA = load_schema()
VALIDATOR = jsonschema.validators.validator_for(_SCHEMA)(_SCHEMA)


def test_there_are_charts() -> None:
    assert len(SPECS) >= 40


@pytest.mark.parametrize(("name", "spec"), SPECS, ids=[n for n, _ in SPECS])
def test_spec_is_valid_vega_lite(name: str, spec: dict) -> None:
    VALIDATOR.validate(spec)
    assert spec["datasets"][spec["data"]["name"]]


def test_a_classification_table_without_levels_has_no_chart() -> None:
    from generator.package import Resource

    fields = [
        {"name": "code", "type": "string"},
        {"name": "name", "type": "string"},
        {"name": "total", "type": "number"},
    ]
    res = Resource(
        "expenditure_summary", "支出总表", {"type": "table", "amountUnit": "万元", "schema": {"fields": fields}}
    )
    res.rows = [{"code": None, "name": "说明", "total": "1.00"}]
    assert chart_for_table(res) is None


def test_many_parts_of_a_whole_end_in_one_bar_of_their_exact_sum() -> None:
    from decimal import Decimal

    from generator.charts import MAX_BARS, bars

    items = [(f"项目{k}", Decimal(k) + Decimal("0.01")) for k in range(1, MAX_BARS + 6)]
    chart = bars("项目支出", items, "万元")
    assert chart is not None and len(chart.rows) == MAX_BARS
    rest = items[: len(items) - (MAX_BARS - 1)]  # the smallest
    assert chart.rows[-1] == (f"其他{len(rest)}项", f"{sum(v for _, v in rest):,}")
    assert chart.rows[0] == (items[-1][0], str(items[-1][1]))
    assert bars("表格", items, "万元", disjoint=False) is None  # rows that may add up to others: the table instead


def test_a_table_read_as_printed_is_charted_by_the_columns_that_tell_its_rows_apart() -> None:
    from generator.package import Resource

    fields = [
        {"name": "c1", "type": "string", "title": "单位名称"},
        {"name": "c2", "type": "string", "title": "项目名称"},
        {"name": "c3", "type": "number", "title": "金额"},
    ]
    rows = [
        {"c1": "某局", "c2": None, "c3": "3.00"},
        {"c1": "某局", "c2": "会议费", "c3": "1.50"},
        {"c1": "合计", "c2": None, "c3": "4.50"},
    ]
    res = Resource("table_09", "项目表", {"schema": {"fields": fields}, "asPrinted": True, "amountUnit": "万元"}, rows)
    chart = chart_for_table(res)
    assert chart is not None
    assert chart.rows == [("第1行", "3.00"), ("会议费", "1.50")]  # no total, no None, the unit's name left out
