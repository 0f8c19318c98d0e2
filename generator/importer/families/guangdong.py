"""广东 (广州): one 预算 column a side in the 财政拨款收支总表; code and name in one cell ([2010501]行政运行) and one
预算 column in the 基本支出 table by economic classification.; the 收入总表 by unit (单位名称 first)"""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="广东",
    fixture="corpus/guangdong-guangzhou-tongjiju-2026-bumen-yusuan.pdf",
    layouts={
        "income_summary": (
            (
                "unit_name",
                "total",
                "general_public",
                "gov_fund",
                "state_capital",
                "special_education",
                "special_other",
                "business_income",
                "operating_income",
                "other_income",
                "upper_subsidy",
                "affiliate_remit",
                "carryover",
            ),
        ),
        "general_public_basic_economic": (("economic_code", "dept_economic_name", "total"),),
    },
)
