"""Everything in one download: the long table (every printed figure, with its exact amount in 元) and the SQLite
database with its Datasette metadata."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

from generator import catalogue as cat
from generator.bulk import COLUMNS, datasette_metadata, fiscal_datapackage, long_csv, sqlite_bytes
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
    assert seed["source"].startswith("line ")


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


def test_the_downloads_page_lists_every_bulk_file(built_site: Path) -> None:
    from bs4 import BeautifulSoup

    page = built_site / "downloads" / "index.html"
    links = [a["href"] for a in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("article a[download]")]
    assert {"budget-all.csv", "budget-all.xlsx", "budget.sqlite", "metadata.json", "budget-2026.csv"} <= set(links)
    assert all((page.parent / h).is_file() for h in links)


def test_the_fiscal_data_package_adds_up_to_each_units_total_within_its_rounding() -> None:
    """Approved expenditure by function at the finest printed level, 基本支出 and 项目支出 apart: per unit, the rows
    add up to the printed 合计 of its 支出总表, up to the rounding of the printed figures (never double counted)."""
    data, descriptor = fiscal_datapackage(PACKAGES, TERMS, "fiscal-expenditure.csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    checked = 0
    for pkg in PACKAGES:
        exp = pkg.table("expenditure_summary")
        total = next((r for r in exp.rows if r.get("code") == cat.TOTAL_CODE), None) if exp else None
        if total is None:
            continue
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
