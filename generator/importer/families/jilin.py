"""吉林 (长春): every amount printed three times a line, 本年预算 | 编制预算 (当年) | 上年结转; the package keeps the
parts (`current_*`, `carryover_*`) and derives the national columns from them (columns.DERIVED_SUMS). 总计： is the
total row of a classification; 一、本年支出 is printed above the classes it adds up."""

from __future__ import annotations

from . import Family

_SIDES = (
    "income_item",
    "income_amount",
    "income_current",
    "income_carryover",
    "expense_item",
    "expense_total",
    "expense_current",
    "expense_carryover",
)


def _parts(*columns: str) -> tuple[str, ...]:
    return tuple(f"{part}_{c}" for part in ("current", "carryover") for c in columns)


FAMILY = Family(
    name="吉林",
    fixture="corpus/jilin-changchun-xinfangju-benji-2026-bumen-yusuan.pdf",
    layouts={
        "budget_summary": (_SIDES,),
        "fiscal_summary": (_SIDES,),
        "expenditure_summary": (("code", "name", "total", *_parts("total", "basic", "project", "business_operating")),),
        "general_public_expenditure": (
            ("code", "name", "total", *_parts("total", "basic", "personnel", "public_operation", "project")),
        ),
        "general_public_basic_economic": (
            ("economic_code", "dept_economic_name", "total", *_parts("total", "personnel", "public_operation")),
        ),
    },
)
