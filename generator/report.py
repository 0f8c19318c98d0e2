"""The 数据核对 page of a unit and its downloadable table of check results."""

from __future__ import annotations

import html

from .checks import ERROR, PASS, ROUNDING, SOURCE_ERROR, STATUS_ZH, UNCHECKED, Result, fmt, summary
from .package import Package, csv_records, excel_csv_records

CHECK_ZH = {
    "hierarchy-sum": "科目层级：上级等于下级之和",
    "row-sum": "行内：合计等于各栏之和",
    "total-sum": "合计行等于所合计各行之和",
    "balance": "收支平衡：收入总计等于支出总计",
    "cross-table": "表间一致：同一数字在不同报表中相同",
    "form-sources": "绩效目标表：资金来源之和等于资金总额",
    "form-vs-project": "绩效目标表与项目支出表一致",
    "narrative": "说明文字中的金额与报表一致",
    "narrative-share": "说明文字中的占比",
    "narrative-change": "说明文字中的增减额与增减幅度",
    "confirmation": "原文差异记录",
}
CSV_FIELDS = [
    "check",
    "status",
    "severity",
    "resource",
    "row",
    "field",
    "expected",
    "actual",
    "difference",
    "explanation",
]
CSV_TITLES = ["核对", "结果", "严重程度", "数据表", "行", "字段", "应为", "表中数", "差额", "说明"]
ORDER = (ERROR, SOURCE_ERROR, ROUNDING, UNCHECKED, PASS)


def summary_line(results: list[Result]) -> str:
    counts = summary(results)
    parts = [f"{counts[s]} {STATUS_ZH[s]}" for s in (PASS, ROUNDING, SOURCE_ERROR, ERROR, UNCHECKED) if counts[s]]
    return f"{len(results)} 项核对：" + "，".join(parts)


def _records(results: list[Result]) -> list[tuple]:
    """One record per result, in CSV_FIELDS order."""
    return [
        (
            r.check,
            r.status,
            r.severity,
            r.resource,
            r.row,
            r.field,
            None if r.expected is None else fmt(r.expected),
            None if r.actual is None else fmt(r.actual),
            None if r.difference is None else fmt(r.difference),
            r.explanation,
        )
        for r in results
    ]


def checks_csvs(results: list[Result]) -> tuple[bytes, bytes]:
    """checks.csv (UTF-8, field names) and its Excel copy (BOM, Chinese headers, CRLF)."""
    records = _records(results)
    return csv_records(CSV_FIELDS, records).encode("utf-8"), excel_csv_records(CSV_TITLES, records)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace(">", "&gt;")


def _target(pkg: Package, r: Result) -> tuple[str, str | None]:
    """The label of where a result sits, and the page it links to (if any)."""
    if r.resource is None:
        return "", None
    res = pkg.resources.get(r.resource)
    if res is None:
        return r.resource, None
    if res.is_table:
        label = f"{res.title}（第{r.row}行）" if r.row else res.title
        return label, f"tables/{res.name}.md" if res.descriptor.get("tableNumber") else None
    return res.title, "explanations.md"


def _where(pkg: Package, r: Result) -> str:
    label, target = _target(pkg, r)
    return f"[{_cell(label)}]({target})" if target else _cell(label)


def _html_table(pkg: Package, results: list[Result]) -> str:
    """A long list of results as one raw HTML table, grouped by kind of check: cheap to build into the site, and
    kept out of the search index (the explanations repeat the same words for every unit; all is in checks.csv)."""
    rows = []
    for check in [*CHECK_ZH, *sorted({r.check for r in results} - set(CHECK_ZH))]:
        mine = [r for r in results if r.check == check]
        if not mine:
            continue
        rows.append(f'<tr><th colspan="3">{html.escape(CHECK_ZH.get(check, check))}（{len(mine)}）')
        for r in mine:
            diff = fmt(r.difference) if r.difference not in (None, 0) else ""
            cells = (_target(pkg, r)[0], diff, r.explanation)
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}" for c in cells))
    # cells and rows without their optional end tags (valid HTML): a third less for MkDocs to parse, and this page
    # is not in the search index, whose parser expects them
    head = "".join(f"<th>{t}" for t in ("位置", "差额", "说明"))
    return (
        f"<table data-search-exclude>\n<thead><tr>{head}\n</thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
    )


def render_checks_page(pkg: Package, csv_names: tuple[str, str]) -> str:
    results = pkg.checks
    lines = [
        # every result is in checks.csv; the explanations repeat the same words for every unit and would
        # crowd out the pages a search is for
        "---\nsearch:\n  exclude: true\n---\n",
        f"# 数据核对：{_cell(pkg.unit)} {pkg.year}年\n",
        f"**{summary_line(results)}**。\n",
        "本站对每份预算公开文件逐项核对报表之间的勾稽关系，以及情况说明中的金额和百分比。全部按原文数字精确计算。"
        "每个数字只印到末位（如0.01万元），因此几个数字相加时，最多可能相差各数字末位半个单位之和；"
        "差额在此范围内的列为“舍入差异”（提示，不是错误），超出的列为“不一致”（错误，本站不予发布）。"
        "说明中无法对应到任何报表的数字列为“未核对”，不算通过。经人工对照原文核实、确为原文自身错误的列为“原文不一致”。\n",
        f"下载全部核对结果：[{csv_names[0]}](data/{csv_names[0]}){{ download }}（UTF-8） · "
        f"[{csv_names[1]}](data/{csv_names[1]}){{ download }}（Excel 用）\n",
        "| 核对类别 | " + " | ".join(STATUS_ZH[s] for s in ORDER) + " |",
        "| :--- | " + " | ".join("---:" for _ in ORDER) + " |",
    ]
    for check, zh in CHECK_ZH.items():
        mine = [r for r in results if r.check == check]
        if mine:
            lines.append(f"| {zh} | " + " | ".join(str(sum(r.status == s for r in mine)) for s in ORDER) + " |")
    lines.append("")
    for status in ORDER:
        mine = [r for r in results if r.status == status]
        if not mine:
            continue
        title = f"{STATUS_ZH[status]}（{len(mine)}）"
        if status == PASS:
            lines.append(f'<details class="success" data-search-exclude>\n<summary>{title}</summary>\n')
            lines.append(_html_table(pkg, mine))
            lines.append("</details>\n")
            continue
        admonition = {ERROR: "failure", SOURCE_ERROR: "danger", ROUNDING: "warning", UNCHECKED: "note"}[status]
        lines.append(f"## {title}\n")
        lines.append(f'!!! {admonition} ""\n    {_explain(status)}\n')
        if status == UNCHECKED:
            lines.append(_html_table(pkg, mine))
            continue
        for r in mine:
            diff = f" · 差额 {fmt(r.difference)}" if r.difference not in (None, 0) else ""
            lines.append(f"- {_where(pkg, r)} · {CHECK_ZH.get(r.check, r.check)}{diff}：{_cell(r.explanation)}")
        lines.append("")
    return "\n".join(lines)


def _explain(status: str) -> str:
    return {
        ERROR: "以下差额超出了印刷数字的舍入误差：原文的报表之间或说明与报表之间不一致。",
        SOURCE_ERROR: "以下差额超出了舍入误差，并经人工对照原文核实：原文本身如此印刷。本站照录原文，不作更正。",
        ROUNDING: "以下差额不超过各印刷数字末位半个单位之和，可以由四舍五入解释。",
        UNCHECKED: "以下数字在公开的报表中没有可以对照的数字（例如政府采购预算、与上年相比的增减额），本站无法核对。",
    }[status]
