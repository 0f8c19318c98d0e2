"""The 执行 of a 决算 (generator/execution.py): planned against spent for every 项 the explanations state, and the
cross-document check with the unit's budget of that year, tried with a budget made from the 决算's own stated
年初预算 figures (marked synthetic: no real budget and 决算 pair of one unit and year is in the corpus)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from generator import catalogue as cat
from generator.execution import budget_for, execution, stated_items
from generator.load import publishable
from generator.model import Disclosure, Table
from generator.package import Package, read_package
from generator.package_write import write_package
from tests.conftest import ROOT

FINAL = ROOT / "datapackages" / "2024" / "shanghai-putuo-guihuaziyuanju-juesuan"


def _stated_in_text(pkg: Package) -> list[tuple[str, str]]:
    """(年初预算, 支出决算) of each numbered item, straight from the text, to compare with what execution read."""
    text = "\n".join(res.text or "" for res in pkg.texts)
    text = re.sub(r"\s+", "", text)
    return re.findall(r"\d+、[^。]*?（项）。主要用于：[^。]*。年初预算为([\d.]+)万元，支出决算为([\d.]+)万元", text)


def _synthetic_budget(final: Package, out: Path, change: str | None = None) -> Package:
    """A 预算 of the same unit and year whose 一般公共预算支出表 prints, for each 项, the 年初预算 the 决算 states."""
    ex = execution(final)
    assert ex is not None
    table = Table(
        name="general_public_expenditure",
        printed_title="一般公共预算支出预算表（合成，测试用）",
        titles={"code": "科目编码", "name": "科目名称", "level": "层级", "total": "合计"},
        header_paths={},
        amount_unit=ex.unit,
        located="synthetic",
    )
    for line in ex.lines:
        if line.level == "项" and line.planned_source == "说明":
            total = str(line.planned)
            if change and line.code == change:
                total = str(line.planned + Decimal("1.00"))
            table.rows.append({"code": line.code, "name": line.name, "level": "项", "total": total})
            table.sources.append("synthetic")
    d = Disclosure(unit=final.unit, year=final.year, kind=cat.BUDGET, title="合成预算（测试用）", source="synthetic")
    d.tables[table.name] = table
    target = out / str(final.year) / "synthetic-budget"
    write_package(d, "synthetic-budget", target)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["budget"]["synthetic"] = True
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return read_package(target)


def test_each_item_the_text_states_is_set_against_the_table() -> None:
    final = read_package(FINAL)
    ex = execution(final)
    assert ex is not None and ex.unit == "万元"
    from_text = _stated_in_text(final)
    read = [(str(x.planned), str(x.stated.spent)) for x in ex.lines if x.level == "项" and x.stated and x.planned]
    assert set(read) <= set(from_text) and len(read) >= 8
    for line in ex.lines:
        if line.planned is not None and line.spent is not None and line.planned:
            assert line.difference == line.spent - line.planned
            assert line.rate == (line.spent / line.planned * 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    total = next(x for x in ex.lines if x.code == cat.TOTAL_CODE)
    assert (str(total.planned), str(total.spent)) == ("10210.34", "9746.50")
    assert any("未完成" in (x.stated.reason if x.stated else "") for x in ex.lines)
    three = {x.name: (str(x.planned), str(x.spent)) for x in ex.three_public}
    assert three["合计"] == ("2.85", "0.39")


def test_a_budget_of_the_same_unit_and_year_is_compared_with_the_stated_plan(tmp_path: Path) -> None:
    final = read_package(FINAL)
    budget = _synthetic_budget(final, tmp_path)
    assert budget_for(final, [final, budget]) is budget
    ex = execution(final, budget)
    assert ex is not None
    compared = [x for x in ex.lines if x.budget is not None]
    assert compared and all(x.budget_agrees for x in compared)
    changed = compared[0].code
    other = _synthetic_budget(final, tmp_path / "changed", change=changed)
    ex = execution(final, other)
    assert ex is not None
    assert [x.code for x in ex.lines if x.budget_agrees is False] == [changed]


def test_a_synthetic_budget_is_never_published(tmp_path: Path) -> None:
    final = read_package(FINAL)
    budget = _synthetic_budget(final, tmp_path)
    assert budget.synthetic and publishable([final, budget]) == [final]
    assert stated_items(final)


def test_pages_citations_and_linked_data_say_which_document_it_is(tmp_path: Path) -> None:
    from generator.addresses import Edition
    from generator.downloads import linked
    from generator.site.views import siblings
    from generator.terms import Terms, citation
    from generator.wording import kind_label

    final = read_package(FINAL)
    budget = _synthetic_budget(final, tmp_path)
    assert kind_label(final).endswith("（决算）") and kind_label(budget) == budget.unit
    assert siblings(final, [final, budget], Edition(Terms())) == [
        {"year": "2024", "kind": "预算", "href": "2024/synthetic-budget/index.md"}
    ]
    assert "决算公开数据" in linked.dataset(final, Terms(), "x.md", [])["name"]
    assert "决算公开数据" in citation(Terms(), final.unit, final.year, "t", "a", "0", "k", final.kind)["gbt"]


def test_what_the_text_states_of_operating_costs_procurement_and_assets_is_kept_as_data() -> None:
    """机关运行经费, 政府采购 and 国有资产占用 have no 决算 table: every figure a sentence of the 情况说明 states of
    them is a row, as printed, with the unit printed after it and the sentence it is in; each appears in the text."""
    for final in sorted((ROOT / "datapackages").glob("*/*-juesuan")):
        pkg = read_package(final)
        rows = pkg.table(cat.FINAL_STATED.name).rows
        text = re.sub(r"\s+", "", "\n".join(res.text or "" for res in pkg.texts))
        assert {r["subject"] for r in rows} == {"机关运行经费", "政府采购", "国有资产占用"}, final.name
        for r in rows:
            assert re.sub(r"\s+", "", r["sentence"]) in text
            assert re.sub(r"\s+", "", f"{r['figure']}{r['unit']}") in re.sub(r"\s+", "", r["sentence"])
    rows = read_package(FINAL).table(cat.FINAL_STATED.name).rows
    said = {(r["item"], r["figure"], r["unit"]) for r in rows}
    assert {
        ("机关运行经费支出", "142.80", "万元"),
        ("比2023年度减少", "13.52", "万元"),
        ("政府采购金额", "2319.21", "万元"),
        ("货物采购金额", "122.43", "万元"),
        ("车辆", "0", "辆"),
        ("以上设备", "0", "台（套）"),
    } <= said
