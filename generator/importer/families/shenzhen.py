"""深圳: the tables by function and the 收入总表 print a 预算单位 column first; the unit's own line (its name, no
code) carries the table's totals, and no 合计 line is printed. The “三公” table prints one line a year (2025年 |
2026年 | 增减变化金额), each item split by fund. The 收支总表 runs over several pages repeating its header, its
expense side one 预算数 column of 类/款/项 names told apart only by indentation (read by the national layout; its
classes are numbered 一、二、…, which is all its checks add up)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ... import catalogue as cat
from ...model import Row, Table
from ..columns import DERIVED_NOTE, DERIVED_TOTAL_NOTE
from ..common import CODE, join_wrapped
from . import Family

_UNIT = "预算单位"
_CODE, _NAME = "科目编码", "科目名称"
# printed column title (its last part) -> canonical field; a column not named here (2026年政府采购项目 / 小计) is
# kept in the table as printed only
_COLUMNS = {
    "支出总计": "total",
    "收入总计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "事业单位经营支出": "business_operating",
    "对附属单位补助支出": "subsidy_affiliates",
    "上缴上级支出": "remit_upper",
    **{f"{cat.FUND_LABELS[f]}拨款": f for f in cat.FISCAL_SOURCES},
    cat.FUND_LABELS["special_account"]: "special_account",
    "事业收入": "business_income",
    "事业单位经营收入": "operating_income",
    "上级补助收入": "upper_subsidy",
    "附属单位上缴收入": "affiliate_remit",
    "其他收入": "other_income",
    "上年结余、结转": "carryover",
}
# the group headers a column's title may print above its own (本年收入 / 财政拨款 / 一般公共预算拨款)
_GROUPS = ("本年收入", "财政拨款", "单位资金")
_STATE_CAPITAL = {n: f"expense_{n}" for n in ("code", "name", "total", "basic", "project")}
NOTE = "原表不印合计行，本单位一行（印单位名称，不印科目编码）即全表合计，记作“合计”；原表“{unit}”栏及本表未列各栏见“{title}”（照原表）。"


def _columns(printed: Table, kind: cat.TableKind) -> dict[str, str] | None:
    """printed column -> field of `kind`, by the title printed over it; None unless the first column is 预算单位."""
    titles = {n: [join_wrapped(p) for p in t.split(" / ")] for n, t in printed.titles.items()}
    names = list(titles)
    if not names or titles[names[0]] != [_UNIT]:
        return None
    fields = {f.name for f in kind.fields}
    rename = _STATE_CAPITAL if kind.layout == cat.STATE_CAPITAL else {}
    out: dict[str, str] = {}
    for n, parts in list(titles.items())[1:]:
        last = parts[-1]
        field = ({_CODE: "code", _NAME: "name"}.get(last) if len(parts) == 1 else None) or _COLUMNS.get(last)
        if field is None or not all(p in _GROUPS for p in parts[:-1]):
            continue
        field = rename.get(field, field)
        if field in fields and field not in out.values():
            out[n] = field
    return out


def _by_unit(kind_name: str) -> Callable[[Table], Table | None]:
    kind = cat.BY_NAME[kind_name]
    code_f, name_f = ("expense_code", "expense_name") if kind.layout == cat.STATE_CAPITAL else ("code", "name")

    def derive(printed: Table) -> Table | None:
        """The table of its kind, the unit's own line as its 合计, the columns named as the catalogue names them."""
        columns = _columns(printed, kind)
        if not columns:
            return None
        first = next(iter(printed.titles))
        code_col = next((n for n, f in columns.items() if f == code_f), None)
        amounts = [n for n, f in columns.items() if f not in (code_f, name_f)]
        if not amounts or (code_col is None and kind_name != "income_summary"):
            return None  # a table by function prints its codes
        units = [k for k, r in enumerate(printed.rows) if r.get(first)]
        # one unit: its line is the total and comes first; a table of several units stays as printed only
        if units != [0] or (code_col and printed.rows[0].get(code_col)):
            return None
        if code_col and not all(CODE.match(str(r.get(code_col) or "")) for r in printed.rows[1:]):
            return None
        table = Table(
            name=kind_name,
            printed_title=printed.printed_title,
            titles={},
            header_paths={},
            amount_unit=printed.amount_unit,
            amount_unit_printed=printed.amount_unit_printed,
            located=printed.located,
            note=NOTE.format(unit=_UNIT, title=printed.printed_title),
        )
        order = [f.name for f in kind.fields]
        if kind_name == "income_summary":
            table.titles = {"code": cat.BY_NAME[kind_name].fields[0].title, "unit_name": _UNIT}
            table.derived["code"] = DERIVED_TOTAL_NOTE
        else:
            table.titles = {code_f: printed.titles[code_col] if code_col else _CODE}
            table.derived[code_f] = "原表本单位一行不印科目编码，即全表合计，记作“合计”。"
        for n, f in columns.items():
            table.titles[f] = printed.titles[n].split(" / ")[-1]
            table.header_paths[f] = printed.titles[n]
        if kind.layout == cat.CLASSIFICATION:
            table.titles["level"] = "层级"
        for k, (line, source) in enumerate(zip(printed.rows, printed.sources, strict=True)):
            row: Row = {columns[n]: line.get(n) for n in columns}
            if k == 0:
                row[code_f] = cat.TOTAL_CODE
                if kind_name == "income_summary":
                    row["unit_name"] = line.get(first)
            if kind.layout == cat.CLASSIFICATION:
                code = str(row.get("code") or "")
                row["level"] = cat.TOTAL_CODE if k == 0 else {3: "类", 5: "款", 7: "项"}.get(len(code))
            table.rows.append({f: row.get(f) for f in order if f in table.titles})
            table.sources.append(source)
        return table

    return derive


_YEAR = re.compile(r"^(20\d\d)年$")
_FUNDS = {cat.FUND_LABELS[f]: f for f in cat.FISCAL_SOURCES}
THREE_NOTE = (
    "原表逐年各印一行、各项按资金来源分栏；本表各行取自原表“{year}”一行，金额照原表；“合计”栏由三种资金相加得出。"
)


def three_public_by_year(printed: Table) -> Table | None:
    """The “三公” table from its line of the latest year (预算单位 | 年度 | 总计 / 一般公共预算 | … ): one row per
    item, the funds as printed, their sum as the item's total."""
    titles = {n: t.split(" / ") for n, t in printed.titles.items()}
    names = list(titles)
    if len(names) < 5 or titles[names[0]] != [_UNIT] or titles[names[1]] != ["年度"]:
        return None
    years = {k: int(m.group(1)) for k, r in enumerate(printed.rows) if (m := _YEAR.match(str(r.get(names[1]) or "")))}
    if not years:
        return None
    k = max(years, key=lambda i: years[i])
    if list(years.values()).count(years[k]) > 1:
        return None
    items: dict[str, dict[str, str]] = {}  # item -> fund field -> printed column
    for n in names[2:]:
        parts = titles[n]
        fund = _FUNDS.get(parts[-1])
        if fund is None or len(parts) < 2:
            return None
        item = parts[-3] if parts[-2] == "小计" and len(parts) > 2 else parts[-2]
        items.setdefault(item, {})[fund] = n
    line = printed.rows[k]
    year = str(line.get(names[1]))
    table = Table(
        name="three_public",
        printed_title=printed.printed_title,
        titles={"item": "项目", "total": "合计", **{f: t for t, f in _FUNDS.items()}},
        header_paths={},
        amount_unit=printed.amount_unit,
        amount_unit_printed=printed.amount_unit_printed,
        located=printed.located,
        note=THREE_NOTE.format(year=year),
    )
    for item, funds in items.items():
        row: Row = {"item": item}
        values = []
        for f in _FUNDS.values():
            row[f] = line.get(funds[f]) if f in funds else None
            if row[f] is not None:
                values.append(Decimal(str(row[f])))
        row["total"] = str(sum(values[1:], values[0])) if values else None
        table.rows.append({f: row.get(f) for f in ("item", "total", *_FUNDS.values())})
        table.sources.append(f"{printed.sources[k]}（{year}）")
    table.derived["total"] = DERIVED_NOTE.format(parts="”“".join(_FUNDS))
    return table


FAMILY = Family(
    name="深圳",
    fixture="corpus/guangdong-shenzhen-xinfangju-2026-bumen-yusuan.pdf",
    derivations={
        **{
            k: _by_unit(k)
            for k in (
                "income_summary",
                "expenditure_summary",
                "general_public_expenditure",
                "gov_fund_expenditure",
                "state_capital",
            )
        },
        "three_public": three_public_by_year,
    },
)
