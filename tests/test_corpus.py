"""Real disclosures from other provinces (sources/corpus, with the totals a person read from each PDF in INDEX.tsv):
every budget of the corpus imports with those totals and with no check error but those a person confirmed on the
page, and datapackages/ holds exactly what importing it gives today."""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.analysis import totals
from generator.errors import ImportFailed
from generator.ingest import ingest
from generator.package import read_package
from tests.conftest import ROOT

CORPUS = ROOT / "sources" / "corpus"
with (CORPUS / "INDEX.tsv").open(encoding="utf-8") as f:
    INDEX = {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}
_PARTS = {(r["unit"], r["year"]) for r in INDEX.values() if "说明" in r["kind"]}  # disclosures printed as two files
BUDGETS = sorted(  # every budget printed as one file, with the totals a person read
    name
    for name, r in INDEX.items()
    if r["kind"].startswith("预算")
    and r["total_income"]
    and "说明" not in r["kind"]
    and (r["unit"], r["year"]) not in _PARTS
    and (CORPUS / name).is_file()
)


def slug(name: str) -> str:
    """The unit's slug, as `make packages` gives it: the file name up to its year."""
    return re.sub(r"-(19|20)\d{2}-.*$", "", name)


@pytest.mark.parametrize("name", BUDGETS)
def test_imports_with_the_printed_totals_and_is_the_published_package(tmp_path: Path, name: str) -> None:
    want = INDEX[name]
    result = ingest(CORPUS / name, slug(name), tmp_path)
    assert result.findings == []
    assert [r.explanation for r in result.results if r.status == "error"] == []
    t = totals(read_package(result.package_dir))
    assert (Decimal(t.income or "nan"), Decimal(t.basic or "nan"), Decimal(t.project or "nan")) == (
        Decimal(want["total_income"]),
        Decimal(want["basic"]),
        Decimal(want["project"]),
    )
    d = result.disclosure
    assert d.year == int(want["year"]) and d.unit == want["unit"].split("（部门）")[0]
    assert d.texts, "the explanations are kept"
    _same_files(result.package_dir, ROOT / "datapackages" / want["year"] / slug(name))


def test_the_corpus_is_read_whole() -> None:
    """Every budget in INDEX.tsv is imported alone or with its other file: none left out of the tests."""
    budgets = {n for n, r in INDEX.items() if r["kind"].startswith("预算") and (CORPUS / n).is_file()}
    paired = {n for n in budgets if (INDEX[n]["unit"], INDEX[n]["year"]) in _PARTS}
    assert budgets == set(BUDGETS) | paired
    assert len(BUDGETS) >= 30


def test_a_column_of_another_year_is_kept_apart_as_printed(tmp_path: Path) -> None:
    """重庆's 一般公共预算支出表 prints 2025年预算数 before 2026年预算数 (总计 | 基本支出 … | 项目支出): the 2025
    column is no field of the table and is kept, with every other column, in the table as printed."""
    result = ingest(CORPUS / "chongqing-zhengfubangongting-2026-bumen-yusuan.pdf", "unit", tmp_path)
    tables = result.disclosure.tables
    gpe, printed = tables["general_public_expenditure"], tables["general_public_expenditure_as_printed"]
    assert gpe.set_apart == ["2025年预算数"] and "2025年预算数" not in gpe.titles.values()
    assert gpe.rows[0] == {**gpe.rows[0], "code": "合计", "total": "18417.70", "basic": "9018.47", "project": "9399.23"}
    assert printed.rows[0]["col_03"] == "15635.80"  # 2025年预算数 of the 合计 line, as printed


def test_a_text_at_odds_with_its_tables_is_published_as_the_sources_own(tmp_path: Path) -> None:
    """烟台市发展和改革委员会 p29: “2026年支出预算11,380.57万元，其中：基本支出6,015.67万元，项目支出5,364.9万元”
    against 11,174.30 = 5,839.90 + 5,334.40 in 公开表3 and 公开表1, confirmed in the PDF, figure by figure."""
    result = ingest(CORPUS / "shandong-yantai-fagaiwei-2026-bumen-yusuan.pdf", "unit", tmp_path)
    confirmed = [
        (r.resource, r.row, r.expected, r.actual)
        for r in result.results
        if r.check == "narrative" and r.status == "source-error"
    ]
    assert confirmed == [
        ("explanation_02", 3, Decimal("11174.30"), Decimal("11380.57")),
        ("explanation_02", 3, Decimal("5839.90"), Decimal("6015.67")),
        ("explanation_02", 3, Decimal("5334.40"), Decimal("5364.9")),
    ]


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_the_shanghai_series_imports_with_its_printed_totals(tmp_path: Path, year: int) -> None:
    """上海市普陀区万里街道, three years in 元: totals as INDEX.tsv gives them, no error but those confirmed."""
    name = f"shanghai-putuo-wanli-{year}-dept-budget.pdf"
    result = ingest(ROOT / "sources" / "pdf" / name, "unit", tmp_path)
    assert result.findings == [] and result.ok
    t, want = totals(read_package(result.package_dir)), INDEX[name]
    assert (t.unit, t.income, t.basic, t.project) == ("元", want["total_income"], want["basic"], want["project"])


FINALS = sorted(n for n, r in INDEX.items() if r["kind"].startswith("决算/") and r["total_income"])
TEMPLATES = sorted(n for n, r in INDEX.items() if r["kind"].startswith("决算") and not r["total_income"])


@pytest.mark.parametrize("name", FINALS)
def test_a_final_accounts_document_imports_with_the_printed_totals(tmp_path: Path, name: str) -> None:
    """A 决算 is read into a package of kind 决算 with the national 决算 tables; its 总计, 基本支出 and 项目支出 are
    those INDEX.tsv gives, every row says on which page it was printed, and datapackages/ holds that package."""
    want = INDEX[name]
    result = ingest(CORPUS / name, f"{slug(name)}-juesuan", tmp_path)
    assert result.findings == []
    pkg = read_package(result.package_dir)
    assert pkg.kind == "决算" and result.disclosure.kind == "决算"
    t = totals(pkg)
    assert (t.income, t.expense, t.basic, t.project) == (
        want["total_income"],
        want["total_income"],
        want["basic"],
        want["project"],
    )
    tables = result.disclosure.tables
    assert {"final_summary", "final_income", "final_expenditure", "final_general_public_expenditure"} <= set(tables)
    assert not {"budget_summary", "income_summary", "expenditure_summary"} & set(tables)
    for table in tables.values():
        assert len(table.sources) == len(table.rows)
        assert all(re.search(r"page \d+", s) for s in table.sources), table.name
    assert result.disclosure.year == int(want["year"]) and result.disclosure.unit == want["unit"]
    _same_files(result.package_dir, ROOT / "datapackages" / want["year"] / f"{slug(name)}-juesuan")


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_blank_final_accounts_template_is_refused_in_one_line(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFailed, match="^[^\n]*blank 决算 template[^\n]*$"):
        ingest(CORPUS / name, "unit", tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_final_accounts_package_is_not_written_over_a_budget(tmp_path: Path) -> None:
    """--force replaces a package of the same kind, never the unit's budget of that year."""
    final = FINALS[0]
    target = ingest(CORPUS / final, "unit", tmp_path).package_dir
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["budget"]["kind"] = "预算"  # as if the unit's budget of that year were there
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception, match="预算 of .*决算 is not written over it"):
        ingest(CORPUS / final, "unit", tmp_path, force=True)
    assert json.loads((target / "datapackage.json").read_text(encoding="utf-8"))["budget"]["kind"] == "预算"


def test_no_silent_success(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document in which none of 收支总表/收入总表/支出总表 is found, even as printed, fails and says in words what
    was read and what was recognised and not read, every item whole."""
    from generator import ingest as ingest_module
    from generator.importer.registry import Reading
    from generator.model import Disclosure, Table

    d = Disclosure(unit="某局", year=2026, kind="预算", title="某局2026年部门预算", source="x.pdf")
    d.tables["duties"] = Table("duties", "一、主要职能", {}, {})
    d.tables["table_02"] = Table("table_02", "表 2  奇特的表", {}, {})
    d.not_imported = [f"表{k} (page {k}): no table on the page" for k in range(3, 9)]
    reading = Reading(d, [("duties", "page 2"), ("table_02", "page 3 (as printed)")])
    monkeypatch.setattr(ingest_module, "read", lambda *args: reading)
    source = CORPUS / "beijing-xinfangban-2026-bumen-yusuan-shuoming-only.pdf"
    with pytest.raises(ImportFailed) as exc:
        ingest(source, "unit", tmp_path)
    assert exc.value.message == (
        "none of 收支总表, 收入总表 or 支出总表 could be read, so no package was written; read: 一、主要职能, 表 2 奇特的表; "
        "recognised but not read: 表3 (page 3): no table on the page; 表4 (page 4): no table on the page; "
        "表5 (page 5): no table on the page; and 3 more"
    )
    assert not any(tmp_path.iterdir())


def test_explanations_without_their_tables_are_refused_with_what_to_do(tmp_path: Path) -> None:
    """北京市信访办公室: 第一部分 情况说明 only; the last page announces the tables as an attachment."""
    source = CORPUS / "beijing-xinfangban-2026-bumen-yusuan-shuoming-only.pdf"
    with pytest.raises(ImportFailed) as exc:
        ingest(source, "unit", tmp_path)
    assert str(exc.value) == (
        f"{source}: holds only the explanations ('第一部分 2026 年度部门预算情况说明', 7 pages) and no table; the "
        "tables are in '附件：北京市信访办公室部门 2026 年度部门预算报表', a file of their own: import both with "
        f"`budgetsite import {source} <tables file> --unit …`"
    )
    assert not any(tmp_path.iterdir())


def test_the_explanations_half_of_a_pair_alone_is_refused_with_what_to_do(tmp_path: Path) -> None:
    fj1 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf"
    with pytest.raises(ImportFailed) as exc:
        ingest(fj1, "unit", tmp_path)
    assert str(exc.value) == (
        f"{fj1}: holds only the explanations ('第一部分 2026 年度部门预算情况说明', 10 pages) and no table; the "
        "tables are in '附件：北京市审计局 2026 年度部门预算报表', a file of their own: import both with "
        f"`budgetsite import {fj1} <tables file> --unit …`"
    )
    assert not any(tmp_path.iterdir())


def test_the_tables_half_alone_says_what_to_give(tmp_path: Path) -> None:
    fj2 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf"
    how = f"or import it after the file of explanations it belongs to: `budgetsite import <explanations file> {fj2} --unit …`"
    with pytest.raises(ImportFailed) as exc:
        ingest(fj2, "unit", tmp_path)
    assert str(exc.value) == (
        f"{fj2}: holds only tables (13 of them, 预算01表 收支总表 first), without cover or explanations, and prints "
        f"neither its unit nor its year: give them with --unit-name <unit> --year <year>, {how}"
    )
    with pytest.raises(ImportFailed) as exc:
        ingest(fj2, "unit", tmp_path, year=2026)
    assert str(exc.value) == (
        f"{fj2}: holds only tables (13 of them, 预算01表 收支总表 first), without cover or explanations, and does "
        f"not print its unit: give it with --unit-name <unit>, {how}"
    )
    assert not any(tmp_path.iterdir())


def test_the_tables_half_alone_imports_once_its_unit_and_year_are_given(tmp_path: Path) -> None:
    fj2 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf"
    want = INDEX[fj2.name]
    result = ingest(fj2, "beijing-shenjiju", tmp_path, year=int(want["year"]), unit_name=want["unit"])
    assert result.findings == [] and result.ok
    t = totals(read_package(result.package_dir))
    assert (t.income, t.basic, t.project) == (want["total_income"], want["basic"], want["project"])


def test_a_pair_names_its_unit_by_the_attachment_its_explanations_announce(tmp_path: Path) -> None:
    """fj1's cover prints no unit; its last page announces 附件：北京市审计局 2026 年度部门预算报表."""
    fj1 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf"
    fj2 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf"
    result = ingest([fj1, fj2], "beijing-shenjiju", tmp_path)
    assert (result.disclosure.unit, result.disclosure.year) == (INDEX[fj2.name]["unit"], int(INDEX[fj2.name]["year"]))
    assert result.findings == [] and result.ok


def test_a_discrepancy_confirmed_in_the_pdf_is_published_as_the_sources_own(tmp_path: Path) -> None:
    """国家信访局: “财政拨款收支总预算18,728.91万元” against 18,728.94 in 部门公开表4 (page 18), and “增加333.83万元，
    增长31.35%” against 1,391.68万元 (31.56%, page 25), both confirmed in the PDF."""
    result = ingest(CORPUS / "central-guojia-xinfangju-2026-bumen-yusuan.pdf", "unit", tmp_path)
    assert result.findings == [] and result.ok
    confirmed = [r for r in result.results if r.status == "source-error"]
    assert [(r.check, r.resource, r.row, r.actual) for r in confirmed] == [
        ("narrative", "explanation_02", 4, Decimal("18728.91")),
        ("narrative-change", "explanation_02", 30, Decimal("31.35")),
    ]


def test_a_confirmation_quoting_another_figure_confirms_nothing(tmp_path: Path) -> None:
    """A confirmation names the figure printed; where the document prints another, the error stands and the stale
    confirmation is itself reported."""
    name = "central-guojia-xinfangju-2026-bumen-yusuan"
    shutil.copy(CORPUS / f"{name}.pdf", tmp_path / f"{name}.pdf")
    entries = json.loads((CORPUS / f"{name}.discrepancies.json").read_text(encoding="utf-8"))
    entries[0]["actual"] = "18728.92"
    (tmp_path / f"{name}.discrepancies.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    result = ingest(tmp_path / f"{name}.pdf", "unit", tmp_path / "out")
    errors = [(r.check, r.row) for r in result.results if r.status == "error"]
    assert errors == [("narrative", 4), ("confirmation", 4)]


def _same_files(fresh: Path, published: Path) -> None:
    files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(published) for p in published.rglob("*") if p.is_file())
    assert [f for f in files if (fresh / f).read_bytes() != (published / f).read_bytes()] == []


def test_a_disclosure_in_two_files_is_one_package(tmp_path: Path) -> None:
    """北京: the explanations (fj1) and the tables (fj2) read into one package; the tables say which file they were
    printed in, and the package names both files as its sources."""
    fj1 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf"
    fj2 = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf"
    result = ingest([fj1, fj2], "beijing-shenjiju", tmp_path, unit_name="北京市审计局")
    assert result.findings == [] and result.ok
    d = result.disclosure
    assert (d.unit, d.year) == ("北京市审计局", 2026) and d.texts
    assert all(s.startswith(fj2.name + ": page ") for s in d.tables["budget_summary"].sources)
    assert {name for name, t in d.tables.items() if t.family == "北京"} == {
        "income_summary",
        "expenditure_summary",
        "general_public_expenditure",
        "general_public_basic_economic",
    }
    pkg = read_package(result.package_dir)
    assert [s["file"] for s in pkg.descriptor["sources"]] == [fj1.name, fj2.name]
    t, want = totals(pkg), INDEX[fj2.name]
    assert (t.income, t.basic, t.project) == (want["total_income"], want["basic"], want["project"])
    assert [r.explanation for r in result.results if r.status == "error"] == []
    _same_files(result.package_dir, ROOT / "datapackages" / "2026" / "beijing-shenjiju")


def test_a_blank_income_total_stays_blank_and_the_total_is_the_income_tables_own(tmp_path: Path) -> None:
    """上海市审计局 p7 leaves 收入总计 blank beside 支出总计 195,774,300: the cell stays blank (its checks are not
    run against 0), and 收入总计 is the 收入预算总表's 合计 (p9), the same figure printed."""
    name = "shanghai-shiji-shenjiju-2026-danwei-yusuan.pdf"
    result = ingest(CORPUS / name, "unit", tmp_path)
    summ = result.disclosure.tables["budget_summary"]
    row = next(r for r in summ.rows if r["income_item"] == "收入总计")
    assert row["income_amount"] is None and row["expense_total"] == INDEX[name]["total_income"]
    pkg = read_package(result.package_dir)
    inc = pkg.table("income_summary")
    assert inc is not None
    printed = next(r["total"] for r in inc.rows if r["code"] == "合计")
    assert totals(pkg).income == printed == INDEX[name]["total_income"]
    blank = [r for r in result.results if r.resource == "budget_summary" and r.row == summ.rows.index(row) + 2]
    assert blank and {r.status for r in blank if r.field == "income_amount"} == {"unchecked"}


def test_the_shanghai_expense_side_by_kind_of_cost_derives_its_basic_column(tmp_path: Path) -> None:
    """上海 市级 收支总表: 合计 | 人员经费 | 公用经费 (under 基本支出) | 项目支出; 基本支出 = 人员 + 公用, row by row,
    marked as derived, and 支出总计's 基本支出 and 项目支出 are INDEX.tsv's."""
    name = "shanghai-shiji-shujuju-2026-danwei-yusuan.pdf"
    result = ingest(CORPUS / name, "unit", tmp_path)
    summ = result.disclosure.tables["budget_summary"]
    assert summ.family == "上海" and set(summ.derived) == {"expense_basic"}
    for r in summ.rows:
        parts = [Decimal(r[p]) for p in ("expense_personnel", "expense_public_operation") if r.get(p) is not None]
        assert r["expense_basic"] == (str(sum(parts[1:], parts[0])) if parts else None)
    total = next(r for r in summ.rows if r["expense_item"] == "支出总计")
    assert (total["expense_basic"], total["expense_project"]) == (INDEX[name]["basic"], INDEX[name]["project"])


def test_a_summary_printed_over_pages_keeps_every_line(tmp_path: Path) -> None:
    """深圳市公安局: the 收支总表 runs over three pages repeating its header; a page that starts with unnumbered
    款/项 names and a blank income side, and the last one holding only 2.非财政拨款结余、结转 and the totals, are
    read line by line: the classes add up to 本年支出合计 and the grand totals are those INDEX.tsv gives."""
    name = "guangdong-shenzhen-gonganju-benji-2026-bumen-yusuan.pdf"
    result = ingest(CORPUS / name, "unit", tmp_path)
    rows = result.disclosure.tables["budget_summary"].rows
    assert {"income_item": "2.非财政拨款结余、结转", "income_amount": "268.37"}.items() <= next(
        r for r in rows if r["income_item"] == "2.非财政拨款结余、结转"
    ).items()
    classes = [
        Decimal(r["expense_total"]) for r in rows if re.match(r"[一二三四五六七八九十]+、", r["expense_item"] or "")
    ]
    spent = next(r["expense_total"] for r in rows if r["expense_item"] == "本年支出合计")
    total = next(r for r in rows if r["income_item"] == "收入总计")
    assert sum(classes) == Decimal(spent) == Decimal(total["income_amount"]) == Decimal(INDEX[name]["total_income"])
    assert total["expense_item"] == "支出总计" and total["expense_total"] == INDEX[name]["total_income"]


def test_a_document_whose_summary_tables_are_kept_only_as_printed_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No silent “as printed”: where neither the 收支总表 nor the 支出总表 could be read in its columns, no identity
    can be checked, so nothing is written and the one line names each table, its page and why it was kept as
    printed (a 收入总表 read in its columns does not make the document checkable)."""
    from generator import ingest as ingest_module
    from generator.importer.registry import Reading
    from generator.model import Disclosure, Table

    d = Disclosure(unit="某局", year=2022, kind="预算", title="某局2022年部门综合预算", source="x.pdf")
    d.tables["income_summary"] = Table("income_summary", "表2 收入总表", {}, {})
    d.tables["budget_summary_as_printed"] = Table("budget_summary_as_printed", "表1 收支总表", {}, {})
    d.tables["budget_summary_as_printed"].kind_hint = "budget_summary"
    d.tables["expenditure_summary_as_printed"] = Table("expenditure_summary_as_printed", "表3 支出总表", {}, {})
    d.tables["expenditure_summary_as_printed"].kind_hint = "expenditure_summary"
    found = [
        ("income_summary", "page 25"),
        ("budget_summary_as_printed", "page 24 (as printed: page 24, row 1: expected an amount, got '25180591 ..33')"),
        ("expenditure_summary_as_printed", "page 26 (as printed: the 11 columns of '表3 支出总表' are not a layout)"),
    ]
    monkeypatch.setattr(ingest_module, "read", lambda *args: Reading(d, found))
    source = CORPUS / "shaanxi-xian-guoziwei-2022-bumen-zonghe-yusuan.pdf"
    with pytest.raises(ImportFailed) as exc:
        ingest(source, "unit", tmp_path)
    assert "\n" not in str(exc.value)
    assert exc.value.message == (
        "neither 预算收支总表 nor 预算支出总表 could be read in its columns, so no fiscal identity can be checked and no "
        "package was written: 表1 收支总表, page 24 (as printed: page 24, row 1: expected an amount, got "
        "'25180591 ..33'); 表3 支出总表, page 26 (as printed: the 11 columns of '表3 支出总表' are not a layout)"
    )
    assert not any(tmp_path.iterdir())
