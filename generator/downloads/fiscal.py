"""The OpenSpending Fiscal Data Package (v1) of the site: approved expenditure by function, for existing fiscal-data
tools, taken from the long table."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from .. import catalogue as cat
from ..csvfiles import csv_records
from ..package import Package
from ..terms import Terms
from .long import NAMES, long_rows

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


FDP_CSV = "fiscal-expenditure.csv"


def fiscal_frame(pkgs: Iterable[Package]) -> pd.DataFrame:
    """Each unit's 支出总表 at its finest printed level (a code with no printed code under it), split into 基本支出,
    项目支出 and the other parts of its 合计 it prints (事业单位经营支出 …), else its 合计: amounts that add up to the
    unit's total without double counting.
    Taken from the long table: its figures of those rows and columns."""
    classes = {code: name for name, code in cat.FUNCTION_CLASSES.items()}
    frames = []
    for pkg in sorted(pkgs, key=lambda p: (p.year, p.slug)):
        res = pkg.table("expenditure_summary")
        if res is None or not res.rows or not res.unit:
            continue
        codes = sorted({str(r["code"]) for r in res.rows if r.get("code") and str(r["code"]).isdigit()})
        leaves = {c for c, nxt in zip(codes, [*codes[1:], ""], strict=False) if not nxt.startswith(c)}
        names = {f["name"] for f in res.fields}
        parts = [p for p in cat.EXPENDITURE_PARTS if p in names] or ["total"]
        again = {k + 1 for k in range(len(res.rows)) if cat.printed_again(res.rows, k)}  # a 款 printed again as
        mine = pd.DataFrame.from_records(  # its only 项 is counted once
            [
                r
                for r in long_rows(pkg)
                if r.table == res.name and r.code in leaves and r.column in parts and r.row not in again
            ],
            columns=NAMES,
        )
        frames.append(
            pd.DataFrame(
                {
                    "year": mine["year"],
                    "unit": mine["unit"],
                    "unit_slug": mine["unit_slug"],
                    "function_code": mine["code"],
                    "function_name": mine["name"],
                    "class_code": mine["code"].str[:3],
                    "class_name": mine["code"].str[:3].map(classes),
                    "type": mine["column_title"],
                    "printed": mine["printed"],
                    "printed_unit": mine["printed_unit"],
                    "amount_yuan": mine["amount_yuan"],
                },
                columns=list(FDP_COLUMNS),
            )
        )
    if not frames:
        return pd.DataFrame(columns=list(FDP_COLUMNS), dtype=object)
    out = pd.concat(frames, ignore_index=True).astype(object)
    return out.where(out.notna(), None)


def fiscal_rows(pkgs: Iterable[Package]) -> Iterator[tuple[Any, ...]]:
    yield from fiscal_frame(pkgs).itertuples(index=False, name=None)


def fiscal_csv(pkgs: Iterable[Package]) -> bytes:
    return csv_records(list(FDP_COLUMNS), fiscal_rows(pkgs)).encode("utf-8")


def fiscal_datapackage(pkgs: list[Package], terms: Terms, csv_name: str = FDP_CSV) -> tuple[bytes, bytes]:
    """The rows (CSV) and their Fiscal Data Package descriptor."""
    return fiscal_csv(pkgs), fiscal_descriptor(terms, csv_name)


def fiscal_descriptor(terms: Terms, csv_name: str = FDP_CSV) -> bytes:
    """The Fiscal Data Package descriptor of the rows: phase approved, direction expenditure, currency CNY,
    functional classification (and the administrative unit, the year and the 基本/项目 type as dimensions)."""
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
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
