"""Real disclosures from other provinces (sources/corpus, with the totals a person read from each PDF in INDEX.tsv):
the documents whose families the importer reads import with those totals and without a check error."""

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
READ = [  # one file each, read into the canonical tables
    "central-guojia-xinfangju-2026-bumen-yusuan.pdf",
    "fujian-fuzhou-shangwuju-2026-bumen-yusuan.pdf",
    "fujian-quanzhou-zhengfubangongshi-2026-bumen-yusuan.pdf",
    "guangdong-guangzhou-tongjiju-2026-bumen-yusuan.pdf",
    "guangdong-shenzhen-gonganju-benji-2026-bumen-yusuan.pdf",
    "guangdong-shenzhen-jiaotongju-benji-2026-bumen-yusuan.pdf",
    "guangdong-shenzhen-xinfangju-2026-bumen-yusuan.pdf",
    "hunan-changsha-xinfangju-2026-bumen-yusuan.pdf",
    "jiangsu-suzhou-shenjiju-2026-bumen-yusuan.pdf",
    "jiangsu-wuxi-jiaoyuju-benji-2026-danwei-yusuan.pdf",
    "jilin-changchun-xinfangju-benji-2026-bumen-yusuan.pdf",
    "shaanxi-xian-caizhengju-huizong-2026-bumen-yusuan.pdf",
    "shandong-yantai-shenjiju-2026-bumen-yusuan.pdf",
    "zhejiang-hangzhou-sifaju-2026-bumen-yusuan.pdf",
]


@pytest.mark.parametrize("name", READ)
def test_imports_with_the_printed_totals(tmp_path: Path, name: str) -> None:
    want = INDEX[name]
    result = ingest(CORPUS / name, "unit", tmp_path)
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


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_the_shanghai_series_imports_with_its_printed_totals(tmp_path: Path, year: int) -> None:
    """上海市普陀区万里街道, three years in 元: totals as INDEX.tsv gives them, no error but those confirmed."""
    name = f"shanghai-putuo-wanli-{year}-dept-budget.pdf"
    result = ingest(ROOT / "sources" / "pdf" / name, "unit", tmp_path)
    assert result.findings == [] and result.ok
    t, want = totals(read_package(result.package_dir)), INDEX[name]
    assert (t.unit, t.income, t.basic, t.project) == ("元", want["total_income"], want["basic"], want["project"])


def test_a_final_accounts_document_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="决算"):
        ingest(CORPUS / "guangdong-foshan-guidaojiaotongju-2019-bumen-juesuan.pdf", "unit", tmp_path)
    assert not any(tmp_path.iterdir())


def test_no_silent_success(tmp_path: Path) -> None:
    """A document in which none of 收支总表/收入总表/支出总表 is found, even as printed, fails and says what it found."""
    explanations_only = CORPUS / "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf"  # its tables are in fj2
    with pytest.raises(ImportFailed, match="found none of 收支总表/收入总表/支出总表 .found: "):
        ingest(explanations_only, "unit", tmp_path, unit_name="北京市审计局")
    assert not any(tmp_path.iterdir())


def test_a_discrepancy_confirmed_in_the_pdf_is_published_as_the_sources_own(tmp_path: Path) -> None:
    """国家信访局: “财政拨款收支总预算18,728.91万元” against 18,728.94 in 部门公开表4 (page 18), and “增加333.83万元，
    增长31.35%” against 1,391.68万元 (31.56%, page 25), both confirmed in the PDF."""
    result = ingest(CORPUS / "central-guojia-xinfangju-2026-bumen-yusuan.pdf", "unit", tmp_path)
    assert result.findings == [] and result.ok
    confirmed = [r for r in result.results if r.status == "source-error"]
    assert [(r.check, r.resource, r.row, r.actual) for r in confirmed] == [
        ("narrative", "explanation_01", 4, Decimal("18728.91")),
        ("narrative-change", "explanation_01", 30, Decimal("31.35")),
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


@pytest.mark.parametrize("name", READ)
def test_the_published_package_is_what_the_importer_reads(tmp_path: Path, name: str) -> None:
    """datapackages/2026/<unit> is exactly what importing the bundled PDF gives today."""
    slug = name.split("-2026-")[0]
    ingest(CORPUS / name, slug, tmp_path)
    _same_files(tmp_path / "2026" / slug, ROOT / "datapackages" / "2026" / slug)


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
