"""Shapes several families share: a table of a national kind printed across instead of down."""

from __future__ import annotations

import re

from ... import catalogue as cat
from ...model import Row, Table
from ..common import AMOUNT, is_total

NOTE = "原表横排：本表各行取自原表{where}的各栏，金额照原表。"


def three_public_across(printed: Table) -> Table | None:
    """The “三公” table printed as one line of columns (合计 | 因公出国（境）费 | 公务用车购置及运行费 | … ), or one
    line per unit with a 合计 line (浙江): its items down, from the single line or the 合计 line. Not where the
    columns split into 当年 and 上年结转 (吉林), which stays as printed only."""
    kinds = dict((n, k) for n, _t, k in printed.printed_fields or [])
    # label columns: text in some row; a column blank in every row is an amount not filled in (浙江's 因公出国)
    labels = [n for n in kinds if any(r.get(n) and not AMOUNT.match(str(r[n])) for r in printed.rows)]
    amounts = [n for n in kinds if n not in labels]
    titles = {n: printed.titles[n] for n in amounts}
    blocks = {t.split(" / ")[0] for t in titles.values() if " / " in t}
    if len(blocks) > 1:  # the items printed once a year (2025年预算数 | 2026年预算数): the latest year's block
        years = {b: max(map(int, re.findall(r"20\d\d", b)), default=0) for b in blocks}
        latest = max(blocks, key=lambda b: years[b])
        if not years[latest] or list(years.values()).count(years[latest]) > 1:
            return None  # 当年 | 上年结转 (吉林), 上年 | 当年 | 增减 (陕西): stays as printed only
        amounts = [n for n in amounts if titles[n].startswith(latest + " / ")]
        titles = {n: titles[n] for n in amounts}
    if not amounts or any("上年" in t or "当年" in t for t in titles.values()):
        return None
    if not any("三公" in t or "因公出国" in t for t in titles.values()):
        return None
    if len(printed.rows) == 1 and not labels:
        k, where = 0, "唯一一行"
    else:
        found = [i for i, r in enumerate(printed.rows) if any(is_total(str(r.get(n) or "")) for n in labels)]
        if len(found) != 1:
            return None
        k, where = found[0], "“合计”行"
    line = printed.rows[k]
    table = Table(
        name="three_public",
        printed_title=printed.printed_title,
        titles={"item": "项目", "total": "金额"},
        header_paths={},
        amount_unit=printed.amount_unit,
        amount_unit_printed=printed.amount_unit_printed,
        located=printed.located,
        note=NOTE.format(where=where),
    )
    for n in amounts:
        parts = [p for p in titles[n].split(" / ") if p]
        item = parts[-2] if len(parts) > 1 and parts[-1] == "小计" else parts[-1]
        row: Row = {"item": item, "total": line.get(n)}
        table.rows.append(row)
        table.sources.append(f"{printed.sources[k]}, 第{list(kinds).index(n) + 1}栏")
    return table


def three_public_final_across(printed: Table) -> Table | None:
    """The 决算's “三公” table, printed as one line of 预算数 and 决算数 columns under each item (合计 | 因公出国（境）费 |
    公务用车购置及运行维护费: 小计, 购置费, 运行维护费 | 公务接待费), the two measures paired under each item (上海) or
    as two blocks of items (广东): its items down, 预算数 and 决算数 across, each figure from its own column."""
    titles = {n: [p for p in printed.titles[n].split(" / ") if p] for n, _t, _k in printed.printed_fields or []}
    columns: dict[str, dict[str, str]] = {}  # item -> measure -> column
    for n, parts in titles.items():
        measure = next(
            (cat.FINAL_THREE_PUBLIC_MEASURES[p] for p in parts if p in cat.FINAL_THREE_PUBLIC_MEASURES), None
        )
        items = [p for p in parts if p not in cat.FINAL_THREE_PUBLIC_MEASURES and not p.startswith("财政拨款")]
        if measure is None or not items:
            return None
        item = items[-2] if len(items) > 1 and items[-1] == "小计" else items[-1]
        if measure in columns.setdefault(item, {}):
            return None
        columns[item][measure] = n
    if not any("因公出国" in item for item in columns) or len(printed.rows) > 1:
        return None
    order = list(printed.titles)
    table = Table(
        name="final_three_public",
        printed_title=printed.printed_title,
        titles={"item": "项目", "budget": "预算数", "final": "决算数"},
        header_paths={},
        amount_unit=printed.amount_unit,
        amount_unit_printed=printed.amount_unit_printed,
        located=printed.located,
        note=NOTE.format(where="唯一一行") if printed.rows else "原表无数据（仅印表头）",
        published_empty=not printed.rows,
    )
    for item, cols in columns.items():
        if not printed.rows:
            break
        line = printed.rows[0]
        table.rows.append({"item": item, **{m: line.get(c) for m, c in cols.items()}})
        where = "、".join(f"第{order.index(c) + 1}栏" for c in cols.values())
        table.sources.append(f"{printed.sources[0]}, {where}")
    return table


SHAPES = {"three_public": three_public_across, "final_three_public": three_public_final_across}
