"""Everything published in one download: a long table of every amount (CSV, XLSX) per year and for all years, and
one SQLite database of all packages that Datasette opens as it is (with its metadata.json).

A row of the long table is one printed figure: where it is (year, unit, table, row), what it is (code, name, column),
the figure and unit as printed, the exact amount in 元 and where it was printed (出处). Amounts stay exact: the
printed figure is kept as text, and the amount in 元 is computed with Decimal and written as text."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import catalogue as cat
from .amounts import plain
from .package import Package, Resource, csv_records, excel_csv_records
from .terms import Terms

COLUMNS = (
    ("year", "年度"),
    ("unit", "单位"),
    ("unit_slug", "单位代号"),
    ("level", "公开层级"),
    ("table", "数据表"),
    ("table_title", "报表标题"),
    ("row", "行"),
    ("code", "科目编码"),
    ("name", "名称"),
    ("column", "栏目"),
    ("column_title", "栏目标题"),
    ("printed", "原文数字"),
    ("printed_unit", "原文单位"),
    ("amount_yuan", "金额（元）"),
    ("source", "出处"),
)
_CODES = ("code", "economic_code", "expense_code", "income_code")
_ROW_OFFSET = 2  # a row's number is its line in the CSV (the header is line 1), as in the checks


def _label_before(fields: list[dict[str, Any]], j: int) -> str | None:
    """The name a figure belongs to: the nearest text column before it that is not a code or the level."""
    for f in reversed(fields[:j]):
        if f.get("type") == "string" and f["name"] not in _CODES and f["name"] != "level":
            return f["name"]
    return None


def long_rows(pkg: Package) -> Iterator[tuple[Any, ...]]:
    """Every printed figure of a package, one row each (in COLUMNS order)."""
    prov = pkg.resources.get("provenance")
    where: dict[tuple[str, int], str] = {}
    for r in prov.rows if prov else []:
        where[(str(r["resource"]), int(str(r["row"])))] = str(r["source"])
    level = str(pkg.budget.get("level", "单位"))
    for res in pkg.resources.values():
        if not res.is_table or res.name == "provenance":
            continue
        yield from _table_rows(pkg, res, level, where)


def _table_rows(pkg: Package, res: Resource, level: str, where: dict[tuple[str, int], str]) -> Iterator[tuple]:
    fields = res.fields
    unit = res.unit
    factor = cat.unit_factor(unit, "元") if unit else None
    code_field = next((f["name"] for f in fields if f["name"] in _CODES), None)
    for k, row in enumerate(res.rows, start=1):
        for j, f in enumerate(fields):
            value = row.get(f["name"])
            if f.get("type") != "number" or value is None:
                continue
            label = _label_before(fields, j)
            yuan = plain(Decimal(str(value)) * factor) if factor is not None else None
            yield (
                pkg.year,
                pkg.unit,
                pkg.slug,
                level,
                res.name,
                res.title,
                k + _ROW_OFFSET - 1,
                row.get(code_field) if code_field else None,
                row.get(label) if label else None,
                f["name"],
                f.get("title", f["name"]),
                str(value),
                unit or None,
                yuan,
                where.get((res.name, k)),
            )


def long_csv(pkgs: Iterable[Package]) -> bytes:
    return csv_records([c for c, _ in COLUMNS], (r for p in pkgs for r in long_rows(p))).encode("utf-8")


def long_excel_csv(pkgs: Iterable[Package]) -> bytes:
    return excel_csv_records([t for _, t in COLUMNS], (r for p in pkgs for r in long_rows(p)), numeric={0, 6})


def sqlite_bytes(pkgs: list[Package], terms: Terms) -> bytes:
    """One database: units, their tables, every amount (with foreign keys) and full-text search on names (trigram
    tokens, so a Chinese word of three or more characters is found inside a longer name)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "budget.sqlite"
        db = sqlite3.connect(path)
        db.executescript(
            """
            PRAGMA foreign_keys = ON;
            CREATE TABLE units (id INTEGER PRIMARY KEY, year INTEGER, unit_slug TEXT, unit TEXT, level TEXT,
                document_title TEXT, amount_unit TEXT, licence TEXT, UNIQUE (year, unit_slug));
            CREATE TABLE tables (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id), name TEXT, title TEXT,
                amount_unit TEXT, printed_at TEXT, UNIQUE (unit_id, name));
            CREATE TABLE amounts (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id),
                table_id INTEGER REFERENCES tables(id), row INTEGER, code TEXT, name TEXT, column TEXT,
                column_title TEXT, printed TEXT, printed_unit TEXT, amount_yuan TEXT, amount_yuan_sort REAL,
                source TEXT);
            CREATE VIRTUAL TABLE amounts_fts USING fts5(name, column_title, content='amounts', content_rowid='id',
                tokenize='trigram');
            """
        )
        for pkg in sorted(pkgs, key=lambda p: (p.year, p.slug)):
            unit_id = db.execute(
                "INSERT INTO units (year, unit_slug, unit, level, document_title, amount_unit, licence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    pkg.year,
                    pkg.slug,
                    pkg.unit,
                    str(pkg.budget.get("level", "单位")),
                    str(pkg.budget.get("documentTitle", "")),
                    str(pkg.budget.get("amountUnit", "")),
                    terms.licence,
                ),
            ).lastrowid
            table_ids: dict[str, int] = {}
            for res in pkg.resources.values():
                if res.is_table and res.name != "provenance":
                    table_ids[res.name] = (
                        db.execute(
                            "INSERT INTO tables (unit_id, name, title, amount_unit, printed_at) VALUES (?, ?, ?, ?, ?)",
                            (unit_id, res.name, res.title, res.unit or None, res.descriptor.get("printedAt")),
                        ).lastrowid
                        or 0
                    )
            for r in long_rows(pkg):
                db.execute(
                    "INSERT INTO amounts (unit_id, table_id, row, code, name, column, column_title, printed,"
                    " printed_unit, amount_yuan, amount_yuan_sort, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        unit_id,
                        table_ids[r[4]],
                        r[6],
                        r[7],
                        r[8],
                        r[9],
                        r[10],
                        r[11],
                        r[12],
                        r[13],
                        float(r[13]) if r[13] is not None else None,
                        r[14],
                    ),
                )
        db.execute("INSERT INTO amounts_fts (amounts_fts) VALUES ('rebuild')")
        db.commit()
        db.execute("VACUUM")
        db.close()
        return path.read_bytes()


def datasette_metadata(terms: Terms) -> bytes:
    """metadata.json for `datasette budget.sqlite --metadata metadata.json`."""
    meta = {
        "title": f"{terms.publisher}：全部数据包",
        "license": terms.licence,
        "license_url": terms.licence_url,
        "source": terms.source_rights,
        "databases": {
            "budget": {
                "tables": {
                    "units": {"description": "每个单位每年一份公开文件。"},
                    "tables": {"description": "各份文件中的报表，含金额单位与原文出处。"},
                    "amounts": {
                        "description": "每个印刷数字一行：原文数字（printed）与原文单位（printed_unit）照录；"
                        "amount_yuan 为换算成元的精确金额（文本）；amount_yuan_sort 仅供排序（浮点，可能有舍入）。",
                        "fts_table": "amounts_fts",
                        "fts_pk": "id",
                        "columns": {c: t for c, t in COLUMNS if c not in ("year", "unit", "unit_slug", "level")},
                    },
                }
            }
        },
    }
    return (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def long_xlsx(pkgs: Iterable[Package], title: str, terms: Terms) -> bytes:
    from .xlsx import records_xlsx

    numbers = {0, 6, 13}  # year, row, amount in 元
    return records_xlsx(title, [t for _, t in COLUMNS], (r for p in pkgs for r in long_rows(p)), numbers, terms)


# ---------------------------------------------------------------------------------------------
# OpenSpending Fiscal Data Package (v1): approved expenditure by function, for existing fiscal-data tools

FDP_COLUMNS = (
    "year",
    "unit",
    "unit_slug",
    "function_code",
    "function_name",
    "class_code",
    "class_name",
    "type",
    "printed",
    "printed_unit",
    "amount_yuan",
)


def fiscal_rows(pkgs: Iterable[Package]) -> Iterator[tuple[Any, ...]]:
    """Each unit's 支出总表 at its finest printed level (a code with no printed code under it), split into 基本支出
    and 项目支出 where printed (else its 合计): amounts that add up to the unit's total without double counting."""
    classes = {code: name for name, code in cat.FUNCTION_CLASSES.items()}
    for pkg in sorted(pkgs, key=lambda p: (p.year, p.slug)):
        res = pkg.table("expenditure_summary")
        if res is None or not res.rows or not res.unit:
            continue
        factor = cat.unit_factor(res.unit, "元")
        codes = sorted({str(r["code"]) for r in res.rows if r.get("code") and str(r["code"]).isdigit()})
        leaves = {c for c, nxt in zip(codes, [*codes[1:], ""], strict=False) if not nxt.startswith(c)}
        names = {f["name"] for f in res.fields}
        parts = [p for p in ("basic", "project") if p in names] or ["total"]
        titles = {f["name"]: str(f.get("title", f["name"])) for f in res.fields}
        for k, r in enumerate(res.rows):
            code = str(r.get("code") or "")
            if code not in leaves or cat.printed_again(res.rows, k):
                continue  # a 款 printed again as its only 项 is counted once
            for p in parts:
                value = r.get(p)
                if value is None:
                    continue
                yield (
                    pkg.year,
                    pkg.unit,
                    pkg.slug,
                    code,
                    r.get("name"),
                    code[:3],
                    classes.get(code[:3]),
                    titles[p],
                    str(value),
                    res.unit,
                    plain(Decimal(str(value)) * factor),
                )


def fiscal_datapackage(pkgs: list[Package], terms: Terms, csv_name: str) -> tuple[bytes, bytes]:
    """The rows (CSV) and their Fiscal Data Package descriptor: phase approved, direction expenditure, currency CNY,
    functional classification (and the administrative unit, the year and the 基本/项目 type as dimensions)."""
    data = csv_records(list(FDP_COLUMNS), fiscal_rows(pkgs)).encode("utf-8")
    text = [{"name": c, "type": "string"} for c in FDP_COLUMNS]
    text[0]["type"] = "integer"
    descriptor = {
        "name": "budget-expenditure-by-function",
        "title": f"{terms.publisher}：按功能分类的预算支出",
        "profile": "fiscal-data-package",
        "countryCode": "CN",
        "licenses": terms.licenses(),
        "resources": [
            {
                "name": "expenditure",
                "path": csv_name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [*text[:-1], {"name": "amount_yuan", "type": "number"}]},
            }
        ],
        "model": {
            "measures": {
                "amount": {"source": "amount_yuan", "currency": "CNY", "direction": "expenditure", "phase": "approved"}
            },
            "dimensions": {
                "date": {
                    "attributes": {"year": {"source": "year"}},
                    "primaryKey": ["year"],
                    "dimensionType": "datetime",
                },
                "administrative-classification": {
                    "attributes": {"id": {"source": "unit_slug"}, "name": {"source": "unit", "labelfor": "id"}},
                    "primaryKey": ["id"],
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                },
                "functional-classification": {
                    "attributes": {
                        "code": {"source": "function_code"},
                        "label": {"source": "function_name", "labelfor": "code"},
                        "class": {"source": "class_code"},
                        "class_label": {"source": "class_name", "labelfor": "class"},
                    },
                    "primaryKey": ["code"],
                    "dimensionType": "classification",
                    "classificationType": "functional",
                },
                "expenditure-type": {"attributes": {"type": {"source": "type"}}, "primaryKey": ["type"]},
            },
        },
    }
    return data, (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
