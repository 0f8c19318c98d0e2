"""上海 (普陀区万里街道): the 收入总表 by 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="上海",
    fixture="pdf/shanghai-putuo-wanli-2024-dept-budget.pdf",
    layouts={
        "income_summary": (
            ("code", "name", "total", "fiscal_appropriation", "business_income", "operating_income", "other_income"),
        ),
    },
)
