"""广东 (广州): one 预算 column a side in the 财政拨款收支总表; code and name in one cell ([2010501]行政运行) and one
预算 column in the 基本支出 table by economic classification."""

from __future__ import annotations

from . import Family

FAMILY = Family(
    name="广东",
    fixture="corpus/guangdong-guangzhou-tongjiju-2026-bumen-yusuan.pdf",
    layouts={"general_public_basic_economic": (("economic_code", "dept_economic_name", "total"),)},
)
