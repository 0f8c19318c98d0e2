"""山东 (烟台): the 支出总表 has a 结转下年 column after 项目支出; the 基本支出 table prints the 部门 and the 政府
economic code side by side, each as 类 | 款."""

from __future__ import annotations

from . import TWO_ECONOMIC_CODES, Family

FAMILY = Family(
    name="山东",
    fixture="corpus/shandong-yantai-shenjiju-2026-bumen-yusuan.pdf",
    layouts={
        "expenditure_summary": (("code", "name", "total", "basic", "project", "carry_next"),),
        "general_public_basic_economic": ((*TWO_ECONOMIC_CODES, "total", "personnel", "public_operation"),),
    },
)
