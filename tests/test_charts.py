"""Chart specs are built without Altair's per-chart validation; here every one is validated against Vega-Lite."""

from __future__ import annotations

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from generator.charts import chart_for_table, unit_charts
from generator.package import find_packages, read_package
from generator.render import history_charts
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
