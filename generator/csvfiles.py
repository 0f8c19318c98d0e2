"""Records as CSV text: plain (RFC 4180, as the package's tables are written) and Excel-ready (Chinese headers, BOM,
CRLF, a cell that would start a formula written as text, codes kept as text); and which columns hold codes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from .model import Row


def csv_records(header: list[str], records: Iterable[Sequence[Any]], newline: str = "\n") -> str:
    """Records (sequences in header order) as CSV; a blank (None) cell stays empty, as the csv module writes it."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(records)
    return buf.getvalue()


def csv_text(fields: list[str], rows: list[Row], header: list[str] | None = None, newline: str = "\n") -> str:
    """Rows as CSV; a blank (None) cell stays empty."""
    return csv_records(header or fields, ([r.get(f) for f in fields] for r in rows), newline)


def excel_csv_bytes(
    fields: list[str], rows: list[Row], titles: list[str], numeric: Collection[str] = (), codes: Collection[str] = ()
) -> bytes:
    """Excel-ready CSV: Chinese headers, UTF-8 with BOM, CRLF, so Excel on Chinese Windows opens it right; a text
    cell that Excel would take for a formula is written as text (`excel_text`). `numeric`: the number fields;
    `codes`: the code fields, kept as text (`excel_code`)."""
    at = {j for j, f in enumerate(fields) if f in numeric}
    code_at = {j for j, f in enumerate(fields) if f in codes}
    return excel_csv_records(titles, ([r.get(f) for f in fields] for r in rows), at, code_at)


# A column of codes: named so in the catalogue (code, economic_code, unit_code …), or, in a table kept as printed,
# headed 编码 or 代码 (科目编码 / 类, 单位编码), not a name that carries a code (主管部门及代码)
_CODE_TITLE = re.compile(r"^[^及名]*(编码|代码)$")


def is_code_field(f: dict[str, Any], as_printed: bool = False) -> bool:
    name = str(f.get("name", ""))
    if name == "code" or name.endswith("_code"):
        return True
    if not as_printed or f.get("type") != "string":
        return False
    return any(_CODE_TITLE.match(part.strip()) for part in str(f.get("title", "")).split("/"))


# What starts a formula in a spreadsheet (OWASP, CSV injection): = + - @, and a tab or carriage return before them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_text(value: Any) -> Any:
    """A text cell as a spreadsheet must show it: prefixed with ' where it would start a formula (Excel shows the
    text and never evaluates it). Numbers and blank cells are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_code(value: Any) -> Any:
    """A code as a spreadsheet must keep it: text, so 024 stays 024 (not 24) and a 20-digit code keeps its digits.
    A CSV cannot type a cell; Excel and WPS read a cell that starts with a tab as text and do not show the tab. A
    code that would start a formula is written as any such text is (`excel_text`)."""
    if not isinstance(value, str) or not value or value.startswith(FORMULA_START):
        return excel_text(value)
    return "\t" + value


def excel_csv_records(
    titles: list[str], records: Iterable[Sequence[Any]], numeric: Collection[int] = (), codes: Collection[int] = ()
) -> bytes:
    """Records as Excel-ready CSV (see `excel_csv_bytes`); the columns at `numeric` hold numbers (-3.40 stays), those
    at `codes` codes (text, `excel_code`)."""
    safe = (
        [v if j in numeric else excel_code(v) if j in codes else excel_text(v) for j, v in enumerate(r)]
        for r in records
    )
    return ("\ufeff" + csv_records([excel_text(t) for t in titles], safe, newline="\r\n")).encode("utf-8")
