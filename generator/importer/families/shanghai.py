"""上海: the 收入总表 by 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入 (普陀区万里街道); the 收支总表 of a 市级
预算单位 whose expense side prints 合计 | 人员经费 | 公用经费 (under a merged 基本支出) | 项目支出, with no 基本支出
column of its own: the package derives it from its two parts (catalogue.DERIVED_SUMS)."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="上海",
    fixture="corpus/shanghai-shiji-shenjiju-2026-danwei-yusuan.pdf",
    layouts={
        "income_summary": (
            ("code", "name", "total", "fiscal_appropriation", "business_income", "operating_income", "other_income"),
        ),
        "budget_summary": (
            (
                "income_item",
                "income_amount",
                "expense_item",
                "expense_total",
                "expense_personnel",
                "expense_public_operation",
                "expense_project",
            ),
        ),
    },
)
