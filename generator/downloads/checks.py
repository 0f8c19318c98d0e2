"""The check results of a package as files: checks.csv (UTF-8, field names) and its Excel copy (BOM, Chinese
headers, CRLF)."""

from __future__ import annotations

from typing import Any

from ..amounts import plain
from ..csvfiles import csv_records, excel_csv_records

CHECK_FIELDS = [
    "check",
    "status",
    "severity",
    "resource",
    "row",
    "field",
    "expected",
    "actual",
    "difference",
    "explanation",
]
CHECK_TITLES = ["核对", "结果", "严重程度", "数据表", "行", "字段", "应为", "表中数", "差额", "说明"]


def check_records(results: list[Any]) -> list[tuple]:
    """One record per result, in CHECK_FIELDS order."""
    return [
        (
            r.check,
            r.status,
            r.severity,
            r.resource,
            r.row,
            r.field,
            None if r.expected is None else plain(r.expected),
            None if r.actual is None else plain(r.actual),
            None if r.difference is None else plain(r.difference),
            r.explanation,
        )
        for r in results
    ]


def checks_csv(results: list[Any]) -> bytes:
    """checks.csv: UTF-8, the field names as header."""
    return csv_records(CHECK_FIELDS, check_records(results)).encode("utf-8")


def checks_excel_csv(results: list[Any]) -> bytes:
    """checks.excel.csv: BOM, Chinese headers, CRLF, numbers as numbers."""
    numeric = {CHECK_FIELDS.index(f) for f in ("row", "expected", "actual", "difference")}
    return excel_csv_records(CHECK_TITLES, check_records(results), numeric)
