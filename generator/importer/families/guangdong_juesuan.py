"""广东 决算: the 收入支出决算总表 and the 财政拨款收入支出决算总表 as the national 决算 report prints them, with a 行次
beside each item on both sides (佛山市轨道交通局 2019)."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="广东决算",
    fixture="corpus/guangdong-foshan-guidaojiaotongju-2019-bumen-juesuan.pdf",
    layouts={
        "final_summary": (
            ("income_item", "income_line", "income_amount", "expense_item", "expense_line", "expense_amount"),
        ),
        "final_fiscal_summary": (
            (
                "income_item",
                "income_line",
                "income_amount",
                "expense_item",
                "expense_line",
                "expense_total",
                "expense_general_public",
                "expense_gov_fund",
            ),
        ),
    },
)
