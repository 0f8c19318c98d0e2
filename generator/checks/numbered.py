"""Numbered items of a two-sided table add up: an item printed with a figure (一、部门预算, 1、人员经费和公用经费支出,
(1)一般公共预算拨款) is the sum of the items numbered one level under it, where any of them prints a figure.

Each side and each classification block of a 收支总表 is read on its own (西安 prints a function, a 部门 economic and a
政府 economic block beside the income side), so an item is only ever added to the items of its own block. Lines
printed between the items without a number (其中：…) are parts of the line above, not items; a total line (本年收入合计,
支出总计) ends the items above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import catalogue as cat
from ..package import Resource
from .core import Result, cell, identity
from .two_sided import LEVELS  # 一、 then 1、 then (1): the three levels of numbering the national templates print

# (label, amount) of each block a two-sided table may print
BLOCKS = (
    ("income_item", "income_amount"),
    ("expense_item", "expense_total"),
    ("dept_economic_item", "dept_economic_amount"),
    ("gov_economic_item", "gov_economic_amount"),
)
_TOTAL_LINE = re.compile(r"合计|总计|^本年")


def level(label: object) -> int | None:
    """The level of an item's numbering (0 for 一、, 1 for 1、, 2 for (1)), or None for a line without one."""
    text = re.sub(r"\s+", "", str(label or ""))
    return next((k for k, p in enumerate(LEVELS) if p.match(text)), None)


def children(res: Resource, label: str, i: int) -> list[int]:
    """The rows numbered one level under row i, up to the next item of its level or above, or a total line."""
    lv = level(res.rows[i].get(label))
    out: list[int] = []
    if lv is None or lv + 1 >= len(LEVELS):
        return out
    for j in range(i + 1, len(res.rows)):
        text = re.sub(r"\s+", "", str(res.rows[j].get(label) or ""))
        lj = level(text)
        if (lj is not None and lj <= lv) or (lj is None and _TOTAL_LINE.search(text)):
            break
        if lj == lv + 1:
            out.append(j)
    return out


def numbered_items(res: Resource) -> Iterator[Result | None]:
    names = {f["name"] for f in res.fields}
    for label, amount in BLOCKS:
        if label not in names or amount not in names:
            continue
        for i, r in enumerate(res.rows):
            if r.get(amount) is None:
                continue
            under = children(res, label, i)
            if not any(res.rows[j].get(amount) is not None for j in under):
                continue
            name = re.sub(r"\s+", "", str(r.get(label)))
            yield identity(
                "total-sum",
                cell(res, i, amount),
                [cell(res, j, amount) for j in under],
                f"{res.title}：“{name}”应等于其下所列各项之和（"
                + "、".join(cat.ITEM_NUMBER.sub("", str(res.rows[j].get(label))) for j in under[:3])
                + ("等" if len(under) > 3 else "")
                + "）",
            )
