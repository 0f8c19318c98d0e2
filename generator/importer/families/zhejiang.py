"""浙江 (杭州): classifications printed by name without codes, 基本支出 printed only as 人员支出 and 日常公用支出 in the
支出总表 (the package derives 基本支出 and the codes of the classes, columns.DERIVED_SUMS), a row of column numbers
(** 1 2 3 …) under the header, and the 项目支出 table with the unit of each project first.; the 收入总表 by unit, 本年收入 and 上年结转结余 each with its parts"""

from __future__ import annotations

from ..columns import INCOME_BY_PART, LAYOUTS
from . import Family

FAMILY = Family(
    name="浙江",
    fixture="corpus/zhejiang-hangzhou-sifaju-2026-bumen-yusuan.pdf",
    layouts={
        "income_summary": (("unit_name", "total", *INCOME_BY_PART),),
        "expenditure_summary": (
            (
                "code",  # 湖州 prints the codes
                "name",
                "total",
                "personnel",
                "public_operation",
                "project",
                "business_operating",
                "remit_upper",
                "subsidy_affiliates",
            ),
            (
                "name",
                "total",
                "personnel",
                "public_operation",
                "project",
                "business_operating",
                "remit_upper",
                "subsidy_affiliates",
            ),
        ),
        "general_public_expenditure": (("name", "total", "basic", "personnel", "public_operation", "project"),),
        "general_public_basic_economic": (("dept_economic_name", "total", "personnel", "public_operation"),),
        "gov_fund_expenditure": (("name", "total", "basic", "project"),),
        "state_capital": (("expense_name", "expense_project"),),
        "projects_current": (("unit_name", *LAYOUTS["projects_current"][0]),),
    },
)
