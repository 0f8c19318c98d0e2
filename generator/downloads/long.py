"""The long table: every amount of every package in one table (CSV, Excel CSV, XLSX; Parquet in parquet.py and the
SQLite database in sqlite.py are made from its rows), per year and for all years.

A row of the long table is one printed figure: where it is (year, unit, table, row), what it is (code, name, column),
the figure and unit as printed, the exact amount in 元 and where it was printed (出处). Amounts stay exact: the
printed figure is kept as text, and the amount in 元 is computed with Decimal and written as text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from .. import catalogue as cat
from ..amounts import plain
from ..csvfiles import csv_records, excel_csv_records
from ..model import Row
from ..package import Package, Resource
from ..terms import Terms
from .xlsx import records_xlsx

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
    ("kind", "文件类型"),  # 预算 or 决算
)
NAMES = [c for c, _ in COLUMNS]


class LongRow(NamedTuple):
    """A row of the long table, its fields named as COLUMNS names them."""

    year: int
    unit: str
    unit_slug: str
    level: str
    table: str
    table_title: str
    row: int
    code: str | None
    name: str | None
    column: str
    column_title: str
    printed: str
    printed_unit: str | None
    amount_yuan: str | None
    source: str
    kind: str


_ROW_OFFSET = 2  # a row's number is its line in the CSV (the header is line 1), as in the checks
_LOCATED = re.compile(r"^(?P<file>.+?)(?::\s*page \d+|:\d+)$")  # printedAt: "file.pdf: page 9" or "file.txt:93"


def _document(pkg: Package, res: Resource) -> str:
    """The file a table was printed in: from where the table was located, else the package's (first) source."""
    m = _LOCATED.match(str(res.descriptor.get("printedAt") or ""))
    if m:
        return m.group("file")
    sources = pkg.descriptor.get("sources") or [{}]
    return str(sources[0].get("file") or "")


def _sourced(document: str, where: str) -> str:
    """A row's 出处 naming its document: `file.pdf: page 10, table 1`, `file.txt: line 97`."""
    if not where or not document or where.startswith(document):
        return where or document
    return f"{document}: {where}"


def long_rows(pkg: Package) -> Iterator[LongRow]:
    """Every printed figure of a package, one row each (in COLUMNS order; year and row integers, every other cell
    text or None): the package's tables reshaped from wide (a column per amount) to long (a row per amount). Made
    afresh for each bulk format (a few milliseconds a package) rather than kept: a year of thousands of units is
    then never held in memory as one long table."""
    prov = pkg.resources.get("provenance")
    where: dict[tuple[str, int], str] = {}
    for r in prov.rows if prov else []:
        where[(str(r["resource"]), int(str(r["row"])))] = str(r["source"])
    level = str(pkg.budget.get("level", "单位"))
    for res in pkg.resources.values():
        if res.is_table and res.name != "provenance":
            yield from _table_rows(pkg, res, level, where)


_NUMBER_LIKE = re.compile(r"^[-+]?[\d,.]+%?$")  # a text cell holding a figure (a percentage) names nothing


def _first(row: Row, fields: list[str], names: bool = False) -> Any:
    for f in fields:
        value = row.get(f)
        if value is not None and not (names and _NUMBER_LIKE.match(str(value))):
            return value
    return None


def _table_rows(pkg: Package, res: Resource, level: str, where: dict[tuple[str, int], str]) -> Iterator[LongRow]:
    """One table's figures: each amount cell with the code and the name of its row as the page shows them. A
    figure's code and name are those of the text columns printed before it (the nearest run of them: a two-sided
    table has two), the name being the one printed after the code, or the last; where those cells are blank, the row's first name and code, and a row with no name is named
    by its first text (a 合计 printed in the code column)."""
    fields = res.fields
    names = [f["name"] for f in fields]
    codes = res.code_fields
    texts = [f["name"] for f in fields if f.get("type") == "string" and f["name"] != "level"]
    labels = [n for n in texts if n not in codes]
    columns = []
    for j, f in enumerate(fields):
        if f.get("type") != "number":
            continue
        run: list[str] = []  # the nearest run of text columns before this one
        for n in reversed(names[:j]):
            if n in texts or n == "level":
                run.insert(0, n)
            elif run:
                break
        run_codes = [n for n in run if n in codes]
        # the name printed after the run's code (科目编码 | 科目名称), else the run's last (单位名称 | 项目名称)
        after = run[run.index(run_codes[0]) + 1 :] if run_codes else []
        run_labels = [n for n in after if n in labels][:1] or [n for n in reversed(run) if n in labels]
        columns.append((f["name"], str(f.get("title", f["name"])), run_labels, run_codes))
    unit = res.unit
    factor = cat.unit_factor(unit, "元") if unit else None
    document = _document(pkg, res)
    for k, row in enumerate(res.rows, start=1):
        row_name = _first(row, labels, names=True) or _first(row, texts)
        row_code = _first(row, codes)
        source = _sourced(document, where.get((res.name, k), ""))
        for column, title, label, code in columns:
            value = row.get(column)
            if value is None:
                continue
            yield LongRow(
                pkg.year,
                pkg.unit,
                pkg.slug,
                level,
                res.name,
                res.title,
                k + _ROW_OFFSET - 1,
                _first(row, code) or row_code,
                _first(row, label, names=True) or row_name,
                column,
                title,
                str(value),
                unit or None,
                plain(Decimal(str(value)) * factor) if factor is not None else None,
                source,
                pkg.kind,
            )


def long_csv(pkgs: Iterable[Package]) -> bytes:
    return csv_records(NAMES, (r for p in pkgs for r in long_rows(p))).encode("utf-8")


def long_excel_csv(pkgs: Iterable[Package]) -> bytes:
    """The long table for Excel: Chinese headers, year and row as numbers, codes as text."""
    rows = (r for p in pkgs for r in long_rows(p))
    return excel_csv_records([t for _, t in COLUMNS], rows, numeric={0, 6}, codes={NAMES.index("code")})


def long_xlsx(pkgs: Iterable[Package], title: str, terms: Terms) -> bytes:
    numbers = {0, 6, 13}  # year, row, amount in 元
    return records_xlsx(title, [t for _, t in COLUMNS], (r for p in pkgs for r in long_rows(p)), numbers, terms)
