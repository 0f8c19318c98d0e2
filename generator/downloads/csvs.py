"""A table's two CSV files: the package's own (UTF-8, field names, published as it is) and its Excel-ready copy
(BOM, the printed column titles with the amounts' unit, codes as text)."""

from __future__ import annotations

from pathlib import Path

from ..csvfiles import excel_csv_bytes
from ..package import Package, Resource
from ..wording import W


def table_csv(pkg: Package, res: Resource) -> Path:
    """The package's CSV of the table, published as it is."""
    return pkg.path / res.descriptor["path"]


def excel_titles(res: Resource) -> list[str]:
    """The printed column titles, an amount's with the table's unit: 合计（万元）."""
    unit = res.unit
    return [
        W.with_unit.format(title=f.get("title", f["name"]), unit=unit)
        if f.get("type") == "number" and unit
        else f.get("title", f["name"])
        for f in res.fields
    ]


def excel_csv(res: Resource) -> bytes:
    """The table's Excel-ready copy, headed by the printed column titles with the amounts' unit."""
    numeric = {f["name"] for f in res.fields if f.get("type") in ("number", "integer")}
    return excel_csv_bytes([f["name"] for f in res.fields], res.rows, excel_titles(res), numeric, res.code_fields)
