"""The files a reader downloads besides the package's own CSVs: Excel-ready copies, the check results and the
package as one zip."""

from __future__ import annotations

from typing import Any

from .amounts import plain
from .files import zip_bytes
from .package import Package, Resource, csv_records, excel_csv_bytes, excel_csv_records
from .terms import Terms, project_terms
from .wording import W

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


def _check_records(results: list[Any]) -> list[tuple]:
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


def checks_csvs(results: list[Any]) -> tuple[bytes, bytes]:
    """checks.csv (UTF-8, field names) and its Excel copy (BOM, Chinese headers, CRLF)."""
    records = _check_records(results)
    numeric = {CHECK_FIELDS.index(f) for f in ("row", "expected", "actual", "difference")}
    return csv_records(CHECK_FIELDS, records).encode("utf-8"), excel_csv_records(CHECK_TITLES, records, numeric)


def licence_text(pkg: Package, terms: Terms) -> bytes:
    """LICENSE.txt of a package's zip: the publisher, the licence and the source's rights."""
    sources = "、".join(str(s.get("file")) for s in pkg.descriptor.get("sources", []))
    return f"{pkg.unit} {pkg.year}\n{terms.notice}\n来源文件：{sources}\n".encode()


def package_zip(pkg: Package, extra: dict[str, bytes], terms: Terms | None = None) -> bytes:
    """The package's files plus the extra ones (e.g. the check results) and its LICENSE.txt, with fixed
    timestamps."""
    root = pkg.path
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.update(extra)
    files["LICENSE.txt"] = licence_text(pkg, terms or project_terms(root))
    return zip_bytes((f"{pkg.year}-{pkg.slug}/{name}", files[name]) for name in sorted(files))
