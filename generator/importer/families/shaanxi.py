"""陕西 (西安 综合预算): the 收支总表 and the 财政拨款收支总表 print their expense side four blocks wide (收入 |
支出功能分类 | 部门预算支出经济分类 | 政府预算支出经济分类), the expense blocks by class only; 项目支出 is called
专项业务经费支出 and 基本支出 is printed as 人员经费支出 and 公用经费支出 (the package derives it); tables by economic
classification print the 部门 and the 政府 code and name side by side, with a 备注 column. The 收入总表 is by unit (单位编码, 单位名称)."""

from __future__ import annotations

from . import TWO_ECONOMIC_CODES, Family

_FOUR_BLOCKS = (
    "income_item",
    "income_amount",
    "expense_item",
    "expense_total",
    "dept_economic_item",
    "dept_economic_amount",
    "gov_economic_item",
    "gov_economic_amount",
)

FAMILY = Family(
    name="陕西",
    fixture="corpus/shaanxi-xian-caizhengju-huizong-2026-bumen-yusuan.pdf",
    layouts={
        "income_summary": (
            (
                "unit_code",
                "unit_name",
                "total",
                "general_public",
                "general_public_special",
                "gov_fund",
                "upper_subsidy",
                "business_income",
                "operating_income",
                "nonfiscal_balance",
                "affiliate_remit",
                "carryover",
                "account_balance",
                "other_income",
            ),
        ),
        "budget_summary": (_FOUR_BLOCKS,),
        "fiscal_summary": (_FOUR_BLOCKS,),
        "general_public_expenditure": (
            ("code", "name", "total", "personnel", "public_operation", "project", "remark"),
        ),
        "general_public_basic_economic": ((*TWO_ECONOMIC_CODES, "total", "personnel", "public_operation", "remark"),),
    },
)
