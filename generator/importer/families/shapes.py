"""Shapes several families share: a table of a national kind printed across instead of down."""

from __future__ import annotations

import re

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


SHAPES = {"three_public": three_public_across}
