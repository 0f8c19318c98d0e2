"""中央部门 (国家信访局): the 收入总表 as one line of totals, 上年结转 first and a 其中：教育收费 under 事业收入."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="中央部门",
    fixture="corpus/central-guojia-xinfangju-2026-bumen-yusuan.pdf",
    layouts={
        "income_summary": (
            (
                "total",
                "carryover",
                "general_public",
                "gov_fund",
                "state_capital",
                "business_income",
                "business_education_fee",
                "operating_income",
                "upper_subsidy",
                "affiliate_remit",
                "other_income",
                "nonfiscal_balance",
            ),
        ),
    },
)
