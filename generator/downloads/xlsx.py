"""XLSX downloads: each table, and each whole package, as a workbook a journalist opens in Excel or WPS.

Codes and names are string cells (never a formula, never a number: 2010501 stays text); amounts are number cells
shown with the decimals they were printed with and the unit in their column header; the header row is frozen; a
说明 sheet gives the source, the terms and the notes. The same input gives the same bytes (fixed creation time)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from ..package import Package, Resource
from ..terms import Terms
from .csvs import excel_titles

_CREATED = datetime(2000, 1, 1)  # fixed, so a rebuild writes the same bytes
_MAX_EXACT_DIGITS = 15  # what a spreadsheet number holds exactly; a longer figure is written as text


def _number_format(value: Decimal) -> str:
    places = max(0, -int(value.as_tuple().exponent))  # type: ignore[operator]
    return "#,##0" + ("." + "0" * places if places else "")


def _format(book: Any, formats: dict[str, Any], **props: Any) -> Any:
    """The workbook's one cell format with these properties, made on first use."""
    key = repr(sorted(props.items()))
    if key not in formats:
        formats[key] = book.add_format(props)
    return formats[key]


def _cell(book: Any, ws: Any, formats: dict[str, Any], i: int, j: int, value: Any, number: bool) -> None:
    """One cell: a blank stays blank; a figure of a number column is a number cell shown with its printed decimals
    (when a spreadsheet number holds it exactly); anything else a string cell."""
    if value is None or value == "":
        return
    if number:
        d = Decimal(str(value))
        if len(d.as_tuple().digits) <= _MAX_EXACT_DIGITS:
            ws.write_number(i, j, float(d), _format(book, formats, num_format=_number_format(d)))
            return
    ws.write_string(i, j, str(value))


def _sheet(book: Any, name: str, res: Resource, formats: dict[str, Any]) -> None:
    ws = book.add_worksheet(name)
    bold = _format(book, formats, bold=True, text_wrap=True, valign="top")
    titles = excel_titles(res)
    for j, title in enumerate(titles):
        ws.write_string(0, j, title, bold)
        ws.set_column(j, j, max(8, min(40, 2 * len(title) + 2)))
    ws.freeze_panes(1, 0)
    numbers = [f.get("type") in ("number", "integer") for f in res.fields]
    for i, row in enumerate(res.rows, start=1):
        for j, f in enumerate(res.fields):
            _cell(book, ws, formats, i, j, row.get(f["name"]), numbers[j])


def _notes_sheet(book: Any, pkg: Package, terms: Terms, tables: list[Resource]) -> None:
    ws = book.add_worksheet("说明")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 100)
    lines: list[tuple[str, str]] = [
        ("单位", pkg.unit),
        ("年度", str(pkg.year)),
        ("文件", str(pkg.budget.get("documentTitle", ""))),
    ]
    for s in pkg.descriptor.get("sources", []):
        lines.append(("原始文件", f"{s.get('file')}　SHA-256 {str(s.get('hash', '')).removeprefix('sha256:')}"))
    for res in tables:
        where = str(res.descriptor.get("printedAt", ""))
        lines.append(("报表", f"{res.title}（{res.unit or '—'}）　出处：{where}"))
        for f in res.fields:
            if f.get("derived"):
                lines.append(("推算", f"{res.title}“{f.get('title', f['name'])}”：{f['derived']}"))
        if res.descriptor.get("sourceNote") and res.rows:
            lines.append(("注", f"{res.title}：{res.descriptor['sourceNote']}"))
    lines += [
        ("说明", "金额照原文录入，未作更正；空白单元格照原表留空，不等于零。"),
        ("发布与许可", terms.notice),
    ]
    for i, (k, v) in enumerate(lines):
        ws.write_string(i, 0, k)
        ws.write_string(i, 1, v)


def _workbook(pkg: Package, terms: Terms, tables: list[Resource]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    book.set_properties(
        {"title": f"{pkg.unit} {pkg.year}", "author": terms.publisher, "comments": terms.notice, "created": _CREATED}
    )
    formats: dict[str, Any] = {}
    for res in tables:
        _sheet(book, res.name[:31], res, formats)
    _notes_sheet(book, pkg, terms, tables)
    book.close()
    return buf.getvalue()


def table_xlsx(pkg: Package, res: Resource, terms: Terms) -> bytes:
    return _workbook(pkg, terms, [res])


def package_xlsx(pkg: Package, terms: Terms) -> bytes:
    return _workbook(pkg, terms, [r for r in pkg.resources.values() if r.is_table])


EXCEL_ROWS = 1_048_576  # rows a worksheet holds, its header included


def records_xlsx(
    title: str, titles: list[str], records: Iterable[Sequence[Any]], numbers: set[int], terms: Terms
) -> bytes:
    """A long table as a workbook: `numbers` are the columns written as number cells (exact decimals of at most 15
    digits), every other cell a string; frozen header; a 说明 sheet with the terms. Rows are written to disk as they
    come (xlsxwriter's constant_memory mode), so a year of many units is never held whole; beyond a worksheet's
    1,048,576 rows the table goes on in 数据2, 数据3…, each with the header, and the 说明 sheet says so."""
    with tempfile.TemporaryDirectory(prefix="budgetsite-xlsx-") as tmp:
        target = Path(tmp) / "long.xlsx"
        book = xlsxwriter.Workbook(
            str(target),
            {
                "constant_memory": True,
                "tmpdir": tmp,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        book.set_properties({"title": title, "author": terms.publisher, "comments": terms.notice, "created": _CREATED})
        formats: dict[str, Any] = {}
        bold = _format(book, formats, bold=True)

        def data_sheet(number: int) -> Any:
            ws = book.add_worksheet("数据" if number == 1 else f"数据{number}")
            for j, t in enumerate(titles):
                ws.write_string(0, j, t, bold)
            ws.freeze_panes(1, 0)
            return ws

        sheets = 1
        ws, i = data_sheet(sheets), 1
        for record in records:
            if i == EXCEL_ROWS:
                sheets += 1
                ws, i = data_sheet(sheets), 1
            for j, value in enumerate(record):
                _cell(book, ws, formats, i, j, value, j in numbers)
            i += 1
        notes = book.add_worksheet("说明")
        notes.write_string(0, 0, title)
        notes.write_string(1, 0, "原文数字与原文单位照录；“金额（元）”由原文数字按原文单位精确换算。")
        notes.write_string(2, 0, terms.notice)
        if sheets > 1:
            notes.write_string(
                3,
                0,
                f"数据超过一张工作表的行数上限（{EXCEL_ROWS - 1:,} 行），依次分在“数据”至“数据{sheets}”{sheets} 张表中。",
            )
        book.close()
        return target.read_bytes()
