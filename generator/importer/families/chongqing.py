"""重庆: the 收入总表 by function with every source of income in a column of its own (一般公共预算拨款收入 …
事业收入, 上级补助收入, 附属单位上缴收入, 事业单位经营收入, 其他收入) and no 上年结转 column (carry-over is folded into
the sources); the 收支总表 prints its grand totals as a bare 合计 at the top of each side (catalogue.INCOME_TOTALS)."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="重庆",
    fixture="corpus/chongqing-zhengfubangongting-2026-bumen-yusuan.pdf",
    layouts={
        "income_summary": (
            (
                "code",
                "name",
                "total",
                "general_public",
                "gov_fund",
                "state_capital",
                "special_account",
                "business_income",
                "upper_subsidy",
                "affiliate_remit",
                "operating_income",
                "other_income",
            ),
        ),
    },
)
