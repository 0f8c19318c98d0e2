"""Everything in one download: the long table (every printed figure, with its exact amount in 元) and the SQLite
database with its Datasette metadata."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import catalogue as cat
from generator.downloads.fiscal import fiscal_datapackage
from generator.downloads.long import COLUMNS, long_csv
from generator.downloads.sqlite import datasette_metadata, sqlite_bytes
from generator.load import load_packages
from generator.terms import project_terms
from tests.conftest import ROOT

PACKAGES = load_packages(ROOT / "datapackages")
TERMS = project_terms(ROOT)


def test_the_long_table_holds_every_printed_figure_once_with_its_exact_amount_in_yuan() -> None:
    rows = list(csv.DictReader(io.StringIO(long_csv(PACKAGES).decode("utf-8"))))
    assert list(rows[0]) == [c for c, _ in COLUMNS]
    figures = sum(
        1
        for p in PACKAGES
        for res in p.resources.values()
        if res.is_table and res.name != "provenance"
        for r in res.rows
        for f in res.fields
        if f.get("type") == "number" and r.get(f["name"]) is not None
    )
    assert len(rows) == figures > 5000
    for r in rows:
        assert Decimal(r["amount_yuan"]) == Decimal(r["printed"]) * cat.unit_factor(r["printed_unit"], "元")
    seed = next(
        r
        for r in rows
        if (r["unit_slug"], r["table"], r["code"], r["column"])
        == ("xinzhou-shebao", "expenditure_summary", "合计", "total")
    )
    assert (seed["printed"], seed["printed_unit"], seed["amount_yuan"], seed["row"]) == (
        "853.77",
        "万元",
        "8537700",
        "2",
    )
    assert seed["source"] == "xinzhou-shebao-2023.txt: line 164"


def _amount(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def test_every_bulk_row_carries_its_unit_table_code_or_name_and_a_source_naming_its_document() -> None:
    rows = list(csv.DictReader(io.StringIO(long_csv(PACKAGES).decode("utf-8"))))
    documents = {(p.slug, p.year): {str(s["file"]) for s in p.descriptor["sources"]} for p in PACKAGES}
    by_unit = {(p.slug, str(p.year)): p for p in PACKAGES}
    for r in rows:
        assert r["unit"] and r["unit_slug"] and r["table"] and r["table_title"], r
        if not (r["code"] or r["name"]):  # only a row printed with no label at all (湖州's 表11 opens on its total)
            res = by_unit[(r["unit_slug"], r["year"])].table(r["table"])
            assert res is not None
            printed = res.rows[int(r["row"]) - 2]
            assert all(v in (None, "") or isinstance(v, Decimal) or _amount(str(v)) for v in printed.values()), r
        file, sep, where = r["source"].partition(": ")
        assert sep and file in documents[(r["unit_slug"], int(r["year"]))], r["source"]
        assert where.startswith(("page ", "line ", "由原表")), r["source"]  # 由原表…相加: a row the package derived
    # a classification table's 合计 row: its code column prints 合计 and its name is blank; the page shows 合计
    total = [
        r for r in rows if (r["unit_slug"], r["table"], r["row"]) == ("xinzhou-shebao", "expenditure_summary", "2")
    ]
    assert {(r["code"], r["name"]) for r in total} == {("合计", "合计")}
    # 苏州's 收入总表 prints the unit's code and name after the amounts: every figure of that row keeps both
    suzhou = [
        r for r in rows if (r["unit_slug"], r["table"], r["row"]) == ("jiangsu-suzhou-shenjiju", "income_summary", "3")
    ]
    assert suzhou and {(r["code"], r["name"]) for r in suzhou} == {("024", "苏州市审计局")}
    # a 部门经济科目 table: the code and the name printed after it belong together (30101 基本工资)
    econ = next(
        r
        for r in rows
        if (r["unit_slug"], r["table"], r["code"], r["column"])
        == ("shaanxi-xian-caizhengju-huizong", "general_public_basic_economic", "30101", "total")
    )
    assert econ["name"] == "基本工资"


def test_the_excel_copies_of_the_long_table_keep_codes_as_text() -> None:
    from generator.downloads.long import long_excel_csv, long_xlsx

    suzhou = [p for p in PACKAGES if p.slug == "jiangsu-suzhou-shenjiju"]
    text = long_excel_csv(suzhou).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    code = [t for _, t in COLUMNS].index("科目编码")
    assert rows[0][code] == "科目编码"
    codes = {r[code] for r in rows[1:] if r[code]}
    assert "\t024" in codes and "024" not in codes  # a tab first: Excel reads the cell as text, 024 not 24
    assert all(c.startswith("\t") or c.startswith("'") or not c[0].isdigit() for c in codes)
    xml = _sheet_xml(long_xlsx(suzhou, "t", TERMS))
    assert re.search(
        r'<c r="H\d+" t="inlineStr"><is><t>024</t></is></c>', xml["xl/worksheets/sheet1.xml"]
    )  # a string cell


def test_a_long_table_beyond_a_worksheet_goes_on_in_further_sheets(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.downloads.xlsx as xlsx

    monkeypatch.setattr(xlsx, "EXCEL_ROWS", 4)  # a header and three rows a sheet
    records = [(2025, f"单位{k}", Decimal(f"{k}.50")) for k in range(7)]
    xml = _sheet_xml(xlsx.records_xlsx("t", ["年度", "单位", "金额"], records, {0, 2}, TERMS))
    book = xml["xl/workbook.xml"]
    assert [n for n in ("数据", "数据2", "数据3", "数据4", "说明") if f'name="{n}"' in book] == [
        "数据",
        "数据2",
        "数据3",
        "说明",
    ]
    sheets = [xml[f"xl/worksheets/sheet{k}.xml"] for k in (1, 2, 3)]
    assert [s.count("<row ") for s in sheets] == [4, 4, 2]  # each with its header
    units = [u for s in sheets for u in re.findall(r"<t>(单位\d)</t>", s)]
    assert units == [f"单位{k}" for k in range(7)]  # every record once, in order
    assert "依次分在“数据”至“数据3”3 张表中" in xml["xl/worksheets/sheet4.xml"]


def _sheet_xml(data: bytes) -> dict[str, str]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_two_character_words_are_found_in_the_database(tmp_path: Path) -> None:
    path = tmp_path / "budget.sqlite"
    path.write_bytes(sqlite_bytes(PACKAGES, TERMS))
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM amounts_fts WHERE amounts_fts MATCH '三公'").fetchone() == (0,)  # trigram
    meta = json.loads(datasette_metadata(TERMS))
    query = meta["databases"]["budget"]["queries"]["short_words"]["sql"]
    found = db.execute(query, {"word": "三公"}).fetchall()
    like = db.execute("SELECT count(*) FROM amounts WHERE name LIKE '%三公%' OR column_title LIKE '%三公%'").fetchone()
    assert len(found) == like[0] > 50
    assert "short_words" in meta["databases"]["budget"]["tables"]["amounts"]["description"]


def test_the_database_has_foreign_keys_full_text_search_and_metadata_for_datasette(tmp_path: Path) -> None:
    data = sqlite_bytes(PACKAGES, TERMS)
    assert data == sqlite_bytes(PACKAGES, TERMS)  # the same bytes on every rebuild
    path = tmp_path / "budget.sqlite"
    path.write_bytes(data)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == len(PACKAGES)
    hits = db.execute(
        "SELECT a.name, u.unit FROM amounts_fts f JOIN amounts a ON a.id = f.rowid"
        " JOIN units u ON u.id = a.unit_id WHERE amounts_fts MATCH '取暖费'"
    ).fetchall()
    assert hits and all("取暖费" in name for name, _ in hits)
    assert {unit for _, unit in hits} >= {"忻州市社会保险中心", "长春市信访局（本级）"}
    meta = json.loads(datasette_metadata(TERMS))
    amounts = meta["databases"]["budget"]["tables"]["amounts"]
    assert amounts["fts_table"] == "amounts_fts" and meta["license"] == TERMS.licence


def test_the_downloads_page_lists_every_bulk_file(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    page = built_site / "downloads" / "index.html"
    links = [a["href"] for a in site_page(page).select("article a[download]")]
    assert {"budget-all.csv", "budget-all.xlsx", "budget.sqlite", "metadata.json", "budget-2026.csv"} <= set(links)
    assert all((page.parent / h).is_file() for h in links)


def test_the_fiscal_data_package_adds_up_to_each_units_total_within_its_rounding() -> None:
    """Approved expenditure by function at the finest printed level, 基本支出, 项目支出 and 事业单位经营支出 … apart: per unit, the rows
    add up to the printed 合计 of its 支出总表, up to the rounding of the printed figures (never double counted)."""
    data, descriptor = fiscal_datapackage(PACKAGES, TERMS, "fiscal-expenditure.csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    checked = 0
    for pkg in PACKAGES:
        exp = pkg.table("expenditure_summary")
        total = next((r for r in exp.rows if r.get("code") == cat.TOTAL_CODE), None) if exp else None
        if total is None:
            continue
        confirmed = pkg.descriptor.get("budget", {}).get("confirmedDiscrepancies", [])
        if any(c["check"] == "hierarchy-sum" and c["resource"] == exp.name for c in confirmed):
            continue  # items printed short of their 款 (福州交管支队's 20402): the finest rows keep the shortfall
        mine = [Decimal(r["amount_yuan"]) for r in rows if (r["year"], r["unit_slug"]) == (str(pkg.year), pkg.slug)]
        step = Decimal(1).scaleb(Decimal(str(total["total"])).as_tuple().exponent) * cat.unit_factor(exp.unit, "元")
        assert abs(sum(mine) - Decimal(str(total["total"])) * cat.unit_factor(exp.unit, "元")) <= step * len(mine)
        checked += 1
    assert checked >= 14
    d = json.loads(descriptor)
    assert d["profile"] == "fiscal-data-package" and d["resources"][0]["path"] == "fiscal-expenditure.csv"
    assert d["model"]["measures"]["amount"] == {
        "source": "amount_yuan",
        "currency": "CNY",
        "direction": "expenditure",
        "phase": "approved",
    }
    assert d["model"]["dimensions"]["functional-classification"]["classificationType"] == "functional"
    assert {f["name"] for f in d["resources"][0]["schema"]["fields"]} == set(rows[0])


def test_a_long_row_names_its_fields_as_the_columns_do() -> None:
    from generator.downloads.long import LongRow

    assert LongRow._fields == tuple(c for c, _ in COLUMNS)
