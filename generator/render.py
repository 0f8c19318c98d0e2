"""Packages → Markdown pages, chart containers and download files under docs/.

Pages are plain Markdown (with a little HTML where a form needs merged cells), so the same tree builds
with MkDocs today and with any tool that reads mkdocs.yml tomorrow.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import catalogue as cat
from .charts import Chart, bars, chart_for_table, function_classes, unit_charts
from .history import comparison, previous, render_history
from .package import Package, Resource, excel_csv_bytes
from .report import checks_csvs, render_checks_page, summary_line

GLOSSARY_DIR = "glossary"
HISTORY_DIR = "units"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class Site:
    """What the renderer wrote: files (docs-relative path -> bytes, or the path of a source file published as it
    is) and the navigation.

    With `out`, each file is written there as soon as it is rendered and only its path is kept (`written`), so a
    large year is never held in memory whole: for a throwaway docs directory, where a source file may also be
    hard-linked (`link`) instead of copied."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    out: Path | None = None
    link: bool = False
    written: list[str] = field(default_factory=list)
    _made: set[Path] = field(default_factory=set, repr=False)

    def page(self, path: str, text: str) -> None:
        self.data(path, text.encode("utf-8"))

    def data(self, path: str, content: bytes | Path) -> None:
        if self.out is None:
            self.files[path] = content
            return
        target = self.out / path
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        write_file(target, content, self.link)
        self.written.append(path)


def write_file(target: Path, content: bytes | Path, link: bool = False) -> None:
    """Bytes, or a copy of a source file (with `link`, a hard link where the file system allows one)."""
    if isinstance(content, bytes):
        target.write_bytes(content)
        return
    if link:
        try:
            os.link(content, target)
            return
        except OSError:  # another file system, or none with hard links
            pass
    shutil.copyfile(content, target)


# ---------------------------------------------------------------------------------------------
# Small helpers


def esc(text: object) -> str:
    """Text for a Markdown table cell or paragraph."""
    s = "" if text is None else str(text)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    s = s.replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\n", " ")


def rel(from_page: str, to: str) -> str:
    """Relative link from one docs path to another (both plain docs-relative paths, as the renderer writes them)."""
    return "../" * from_page.count("/") + to


def unit_dir(pkg: Package) -> str:
    return pkg.site_base or f"{pkg.year}/{pkg.slug}"


def fmt_amount(value: str | None) -> str:
    """An amount as printed: thousands separators for whole yuan, decimals untouched."""
    if value is None:
        return ""
    d = Decimal(value)
    whole, _, frac = value.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return ("-" if d < 0 else "") + grouped + (f".{frac}" if frac else "")


def chart_html(chart: Chart) -> str:
    spec = html.escape(json.dumps(chart.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")), quote=True)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in chart.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in chart.rows)
    return (
        f'<figure class="chart" data-search-exclude>\n'
        f'<div class="vega-chart" role="img" aria-label="{html.escape(chart.summary, quote=True)}" data-spec="{spec}"></div>\n'
        f"<figcaption>{html.escape(chart.summary)}</figcaption>\n"
        f'<details class="chart-data"><summary>图表数据（文字版）</summary>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n</details>\n</figure>\n"
    )


# ---------------------------------------------------------------------------------------------
# Glossary links


@dataclass
class Glossary:
    """Every term across packages: term -> anchor, and definitions with where they come from."""

    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def anchor(term: str) -> str:
        return "term-" + re.sub(r"[^\w]", "", term)

    def add(self, term: str, definition: str, source: str) -> None:
        self.entries.setdefault(term, []).append((definition, source))
        self._pattern = None

    def link(self, text: str, page: str) -> str:
        """Link the first mention of each term in a paragraph of Markdown text."""
        if not self.entries:
            return text
        if self._pattern is None:  # the longest term first, so a term inside a longer one is not linked alone
            terms = sorted(self.entries, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(t) for t in terms))
        pattern = self._pattern
        seen: set[str] = set()
        target = rel(page, f"{GLOSSARY_DIR}/index.md")

        def sub(m: re.Match[str]) -> str:
            term = m.group(0)
            if term in seen:
                return term
            seen.add(term)
            return f'[{term}]({target}#{self.anchor(term)}){{ .glossary-term title="名词解释" }}'

        out = []
        for para in text.split("\n\n"):
            out.append(para if para.startswith("#") else pattern.sub(sub, para))
        return "\n\n".join(out)


# ---------------------------------------------------------------------------------------------
# Tables


_INDENT = {"款": "&emsp;", "项": "&emsp;&emsp;"}
_LABEL_COLUMNS = ("name", "dept_economic_name")


def _cell(fdesc: dict, row: dict) -> str:
    """One cell as HTML: amounts as printed, the hierarchy shown by bold totals and indented 款/项."""
    name, level = fdesc["name"], row.get("level")
    if fdesc.get("type") == "number":
        return fmt_amount(row.get(name))
    value = row.get(name)
    text = "" if value is None else html.escape(str(value))
    if name in (*_LABEL_COLUMNS, "code") and level in ("类", "合计") and text:
        return f"<strong>{text}</strong>"
    if name in _LABEL_COLUMNS and level in _INDENT:
        return _INDENT[level] + text
    return text


def data_table(res: Resource, sources: list[str] | None = None) -> str:
    """The table as one HTML block: a page with several hundred cells builds far faster than a Markdown table,
    and reads the same."""
    fields = [f for f in res.fields if f["name"] != "level"]
    right = [f.get("type") in ("number", "integer") for f in fields]
    head = [
        f"<th{_RIGHT if r else ''}>{html.escape(f.get('title', f['name']))}</th>"
        for f, r in zip(fields, right, strict=True)
    ]
    if sources is not None:
        head.append("<th>出处</th>")
    lines = ["<table>", "<thead><tr>" + "".join(head) + "</tr></thead>", "<tbody>"]
    for n, row in enumerate(res.rows):
        cells = [f"<td{_RIGHT if r else ''}>{_cell(f, row)}</td>" for f, r in zip(fields, right, strict=True)]
        if sources is not None:
            where = html.escape(_where(sources[n])) if n < len(sources) else ""
            cells.append(f'<td><span class="src">{where}</span></td>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


_RIGHT = ' style="text-align: right;"'


def _where(source: str) -> str:
    m = re.match(r"line (\d+)", source)
    if m:
        return f"第{m.group(1)}行"
    m = re.match(r"page (\d+)(?:, table (\d+))?", source)
    if m:
        return f"第{m.group(1)}页" + (f"表{m.group(2)}" if m.group(2) else "")
    return source


def data_dictionary(res: Resource) -> str:
    lines = ["| 字段 | 标题（原表表头） | 类型 | 说明 |", "| :--- | :--- | :--- | :--- |"]
    types = {"number": "数值", "integer": "整数", "string": "文本"}
    for f in res.fields:
        desc = f.get("description", "")
        c = f.get("constraints", {})
        if "pattern" in c:
            desc += f"格式（正则）：{c['pattern']}。"
        if "enum" in c:
            desc += "取值：" + "、".join(c["enum"]) + "。"
        kind = types.get(f.get("type", ""), f.get("type", ""))
        lines.append(f"| `{f['name']}` | {esc(f.get('title', ''))} | {kind} | {esc(desc)} |")
    pk = res.descriptor.get("schema", {}).get("primaryKey")
    out = "\n".join(lines) + "\n"
    if pk:
        out += f"\n主键：{'、'.join(f'`{k}`' for k in pk)}（每行唯一）。\n"
    return out


def excel_csv(res: Resource) -> bytes:
    """The table's Excel-ready copy, headed by the printed column titles."""
    return excel_csv_bytes([f["name"] for f in res.fields], res.rows, [f.get("title", f["name"]) for f in res.fields])


def package_zip(pkg: Package, extra: dict[str, bytes]) -> bytes:
    """The package's files plus the extra ones (e.g. the check results), with fixed timestamps."""
    buf = io.BytesIO()
    root = pkg.path
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.update(extra)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{pkg.year}-{pkg.slug}/{name}", _ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Pages of one unit


def _provenance(pkg: Package) -> dict[str, list[str]]:
    prov = pkg.resources.get("provenance")
    out: dict[str, list[str]] = {}
    if prov:
        for r in prov.rows:
            out.setdefault(str(r["resource"]), []).append(str(r["source"]))
    return out


_DOWNLOADS = "## 下载 { data-search-exclude }"  # the same words on every table page: kept out of search


def _downloads(page: str, base: str, res: Resource, zip_name: str, heading: str = _DOWNLOADS) -> str:
    d = f"{base}/data"
    return (
        f"{heading}\n\n"
        f"- [{res.name}.csv]({rel(page, f'{d}/{res.name}.csv')}){{ download }}：CSV，UTF-8，字段名为英文，适合程序处理\n"
        f"- [{res.name}.excel.csv]({rel(page, f'{d}/{res.name}.excel.csv')}){{ download }}：CSV，UTF-8 带 BOM，中文表头，可直接用 Excel 打开\n"
        f"- [{zip_name}]({rel(page, f'{d}/{zip_name}')}){{ download }}：整个数据包（datapackage.json、全部 CSV、说明文本和数据核对结果 checks.csv）\n"
    )


def render_table_page(
    pkg: Package,
    res: Resource,
    glossary: Glossary,
    prov: dict[str, list[str]],
    zip_name: str,
    prev: Package | None = None,
) -> str:
    base = unit_dir(pkg)
    page = f"{base}/tables/{res.name}.md"
    d = res.descriptor
    lines = [f"# {esc(res.title)}\n"]
    meta = [f"**单位**：[{esc(pkg.unit)}]({rel(page, f'{base}/index.md')})", f"**年度**：{pkg.year}"]
    if d.get("tableNumber"):
        meta.append(f"**报表**：第{d['tableNumber']}张（{esc(d.get('canonicalTitle', ''))}）")
    if res.amount_unit:
        meta.append(f"**金额单位**：{res.amount_unit}")
    lines.append(" · ".join(meta) + "\n")
    if d.get("amountUnitNote"):
        lines.append(f'!!! note "金额单位"\n    {esc(d["amountUnitNote"])}\n')
    if d.get("description"):
        lines.append(glossary.link(esc(d["description"]), page) + "\n")
    if res.published_empty or not res.rows:
        note = d.get("sourceNote") or "本表无数据"
        lines.append(
            f'!!! info "原表公开为空表"\n    原文注明：“{esc(note)}”。本表照原样保留全部栏目，没有数据行；空表不等于金额为零。\n'
        )
    else:
        chart = chart_for_table(res)
        if chart:
            lines.append(chart_html(chart))
        lines.append("## 表格\n")
        lines.append(data_table(res, prov.get(res.name)))
        lines.append("空白单元格照原表留空（原表未填数），不等于零。“出处”为该行在来源文件中的位置。\n")
        before = prev.table(res.name) if prev is not None else None
        if before is not None and before.rows and "code" in {f["name"] for f in res.fields}:
            lines.append(f"## 与{prev.year}年比较\n")
            lines.append(comparison(res, before, prev.year))
    lines.append("## 数据字典 { data-search-exclude }\n")
    lines.append(data_dictionary(res))
    lines.append(_downloads(page, base, res, zip_name))
    return "\n".join(lines)


def _key_figures(pkg: Package) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    summ = pkg.table("budget_summary")
    if summ:
        for r in summ.rows:
            if r.get("income_item") == "收入总计" and r.get("income_amount"):
                out.append(("收入总计", fmt_amount(r["income_amount"]), summ.amount_unit or ""))
            if r.get("expense_item") == "支出总计" and r.get("expense_total"):
                out.append(("支出总计", fmt_amount(r["expense_total"]), summ.amount_unit or ""))
    exp = pkg.table("expenditure_summary")
    if exp:
        total = next((r for r in exp.rows if r.get("level") == "合计"), None)
        if total:
            for name, label in (("basic", "基本支出"), ("project", "项目支出")):
                if total.get(name):
                    out.append((label, fmt_amount(total[name]), exp.amount_unit or ""))
    return out


def render_unit_page(pkg: Package, glossary: Glossary, zip_name: str) -> str:
    base = unit_dir(pkg)
    page = f"{base}/index.md"
    b = pkg.budget
    lines = [f"# {esc(pkg.unit)} {pkg.year}年度预算\n"]
    lines.append(
        f"来源：{esc(pkg.unit)}《{esc(b.get('documentTitle', ''))}》。本站照原文录入全部报表、绩效目标表、概况、情况说明和名词解释，金额未作任何更正。\n"
    )
    if pkg.checks:
        lines.append(f"**[数据核对]({rel(page, f'{base}/checks.md')})**：{summary_line(pkg.checks)}。\n")
    figs = _key_figures(pkg)
    if figs:
        lines.append('<div class="kpis" markdown>\n')
        for label, value, unit in figs:
            lines.append(
                f'<div class="kpi"><span class="kpi-label">{label}</span><span class="kpi-value">{value}</span><span class="kpi-unit">{unit}</span></div>'
            )
        lines.append("\n</div>\n")
    exp = pkg.table("expenditure_summary")
    if exp and exp.rows:
        classes = function_classes(exp)
        total = next((r for r in exp.rows if r.get("level") == "合计"), None)
        if classes and total and total.get("total"):
            t = Decimal(total["total"])
            parts = "；".join(
                f"{n.split(' ', 1)[1]} {fmt_amount(str(v))}{exp.amount_unit}（占{(v * 100 / t).quantize(Decimal('0.01'))}%，本站计算）"
                for n, v in classes
            )
            lines.append(f"**支出按功能分类**：{parts}。\n")
    lines.append("## 图表\n")
    for chart in unit_charts(pkg):
        lines.append(chart_html(chart))
    lines.append("## 预算报表\n")
    lines.append("| 序号 | 报表 | 数据行 | |\n| ---: | :--- | ---: | :--- |")
    for kind in cat.TABLES:
        res = pkg.table(kind.name)
        if res is None:
            lines.append(f"| {kind.number} | {esc(kind.title)} | | 本文件未公开此表 |")
            continue
        state = "原表为空表" if res.published_empty or not res.rows else ""
        lines.append(
            f"| {kind.number} | [{esc(res.title)}]({rel(page, f'{base}/tables/{res.name}.md')}) | {len(res.rows)} | {state} |"
        )
    lines.append("")
    if b.get("notImported"):
        lines.append("本站尚未录入：" + "；".join(esc(x) for x in b["notImported"]) + "。请查阅原文件。\n")
    lines.append("## 其他内容\n")
    lines.append(f"- [概况：单位职责与机构设置]({rel(page, f'{base}/overview.md')})")
    lines.append(f"- [预算情况说明]({rel(page, f'{base}/explanations.md')})")
    lines.append(f"- [数据核对：报表是否相互一致]({rel(page, f'{base}/checks.md')})")
    perf = pkg.table("performance_projects")
    if perf and perf.rows:
        lines.append(f"- [项目支出绩效目标（{len(perf.rows)}张申报表）]({rel(page, f'{base}/performance/index.md')})")
    lines.append(f"- [历年对比]({rel(page, f'{HISTORY_DIR}/{pkg.slug}.md')})")
    lines.append(f"- [名词解释]({rel(page, f'{GLOSSARY_DIR}/index.md')})")
    lines.append(f"- [下载整个数据包（ZIP）]({rel(page, f'{base}/data/{zip_name}')}){{ download }}\n")
    return "\n".join(lines)


def render_overview(pkg: Package, glossary: Glossary) -> str:
    page = f"{unit_dir(pkg)}/overview.md"
    lines = [f"# 概况：{esc(pkg.unit)}\n"]
    for name, heading in (("duties", "一、本单位职责"), ("offices", "二、机构设置情况")):
        res = pkg.table(name)
        if res is None:
            continue
        lines.append(f"## {heading}\n")
        if res.descriptor.get("intro"):
            lines.append(esc(res.descriptor["intro"]) + "\n")
        for r in res.rows:
            if name == "offices" and not r["duties"]:
                seq = re.sub(r"^(\d+)\.", r"\1\\.", esc(r["seq"]))  # “1.” as printed, not a nested list
                lines.append(f"- {seq} {esc(r['name'])}")
                continue
            if name == "offices":
                lines.append(f"### {esc(r['seq'])}{esc(r['name'])}\n")
                text = r["duties"]
            else:
                text = f"{r['seq']}{r['text']}"
            lines.append(glossary.link(esc(text), page) + "\n")
    return "\n".join(lines)


def render_explanations(pkg: Package, glossary: Glossary) -> str:
    base = unit_dir(pkg)
    page = f"{base}/explanations.md"
    lines = [f"# 预算情况说明：{esc(pkg.unit)} {pkg.year}年\n", "以下文字照录原文，数字未作更正。\n"]
    gp = pkg.table("general_public_expenditure")
    for res in pkg.texts:
        lines.append(f"## {esc(res.title)}\n")
        body = res.text or ""
        body = "\n\n".join(("#" + p) if p.startswith("### ") else p for p in body.strip().split("\n\n"))
        lines.append(glossary.link(body, page) + "\n")
        if "结构图" in body and gp and gp.rows:
            chart = bars(
                "一般公共预算当年拨款结构（本站据一般公共预算支出预算表绘制）",
                function_classes(gp),
                gp.amount_unit or "万元",
                "支出功能分类",
            )
            if chart:
                lines.append(chart_html(chart))
        if "绩效" in res.title and pkg.table("performance_projects"):
            lines.append(f"绩效目标申报表见[项目支出绩效目标]({rel(page, f'{base}/performance/index.md')})。\n")
    return "\n".join(lines)


def _td(v: str | None, span: int = 1, cls: str = "") -> str:
    a = f' colspan="{span}"' if span > 1 else ""
    c = f' class="{cls}"' if cls else ""
    return f"<td{a}{c}>{html.escape(v or '')}</td>"


def _th(v: str, span: int = 1, rows: int = 1) -> str:
    a = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
    return f"<th{a}>{html.escape(v)}</th>"


def _indicator_rows(rows: list[dict], cols: list[tuple[str, int]]) -> str:
    """Indicator rows with merged cells for 一级 and 二级, as the printed form merges them."""
    merge = {"level1", "level2", "plan_level2", "year_level2"}
    span: dict[tuple[int, str], int] = {}
    owner: dict[str, int] = {}
    for i, r in enumerate(rows):
        new_group = r.get("level1") is not None
        for c, _ in cols:
            if c in merge and r.get(c) is None and c in owner and not (new_group and c != "level1") and i > 0:
                span[(owner[c], c)] += 1
                span[(i, c)] = 0
            else:
                owner[c] = i
                span[(i, c)] = 1
    out = []
    for i, r in enumerate(rows):
        cells = []
        for c, width in cols:
            n = span[(i, c)]
            if n == 0:
                continue
            attr = (f' rowspan="{n}"' if n > 1 else "") + (f' colspan="{width}"' if width > 1 else "")
            tag = "th" if c == "level1" else "td"
            cells.append(f"<{tag}{attr}>{html.escape(r.get(c) or '')}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


def _form_page(pkg: Package, p: dict, printed_title: str, rows: list[str], note: str) -> str:
    body = "\n".join(rows)
    table = (
        '<table class="perf-form">\n<colgroup><col class="c-narrow"><col><col><col><col><col><col><col></colgroup>\n'
        f"{body}\n</table>"
    )
    return (
        f"# {html.escape(p['project_name'] or '')}\n\n"
        f"**{html.escape(printed_title)}**（{pkg.year}年度） · 单位：{html.escape(pkg.unit)} · 金额单位：元\n\n"
        f'<div class="form-wrap" markdown>\n\n{table}\n\n</div>\n\n{note}'
    )


def render_form(pkg: Package, p: dict, indicators: list[dict], printed_title: str) -> str:
    """The form laid out as printed: the national 申报表, or a template with one set of indicators."""
    if "category" in p:
        return _render_single_form(pkg, p, indicators, printed_title)
    td, th = _td, _th
    money = [
        ("total", "实施期资金总额：", "年度资金总额："),
        ("central", "其中：中央财政资金", "其中：中央财政资金"),
        ("provincial", "省级财政资金", "省级财政资金"),
        ("local", "市县（区）财政资金", "市县（区）财政资金"),
        ("self_raised", "单位自筹", "单位自筹"),
        ("other", "其他资金", "其他资金"),
    ]
    rows = [
        "<tr>" + th("项目名称", 2) + td(p["project_name"], 6) + "</tr>",
        "<tr>" + th("主管部门及代码", 2) + td(p["department"], 2) + th("实施单位") + td(p["implementer"], 3) + "</tr>",
        "<tr>" + th("项目属性", 2) + td(p["attribute"], 2) + th("项目期") + td(p["period"], 3) + "</tr>",
    ]
    for k, (key, plan_label, year_label) in enumerate(money):
        head = th("项目资金（元）", 2, len(money)) if k == 0 else ""
        rows.append(
            "<tr>"
            + head
            + th(plan_label)
            + td(fmt_amount(p[f"plan_{key}"]), 1, "num")
            + th(year_label, 2)
            + td(fmt_amount(p[f"year_{key}"]), 2, "num")
            + "</tr>"
        )
    for key, label in (
        ("overview", "项目概况"),
        ("basis", "立项依据"),
        ("necessity", "项目设立必要性"),
        ("safeguards", "保证项目实施的制度、措施"),
        ("plan", "项目实施计划"),
    ):
        rows.append("<tr>" + th(label, 2) + td(p[key], 6, "text") + "</tr>")
    rows.append("<tr>" + th("总体目标", 2, 2) + th("实施期目标", 3) + th("年度目标", 3) + "</tr>")
    rows.append("<tr>" + td(p["goal_plan"], 3, "text") + td(p["goal_year"], 3, "text") + "</tr>")
    rows.append(
        "<tr>"
        + th("绩效指标", 1, len(indicators) + 1)
        + "".join(th(t) for t in ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"))
        + "</tr>"
    )
    cols = ["level1", "plan_level2", "plan_level3", "plan_value", "year_level2", "year_level3", "year_value"]
    rows.append(_indicator_rows(indicators, [(c, 1) for c in cols]))
    note = "表中“实施期”与“年度”两栏照原表并列；年度栏的三级指标在原表中因栏宽所限常被截短，照录不补。\n"
    return _form_page(pkg, p, printed_title, rows, note)


def _render_single_form(pkg: Package, p: dict, indicators: list[dict], printed_title: str) -> str:
    """财政项目支出绩效目标填报表 (Shanghai): 项目资金总额 and 年度资金申请总额 side by side, one set of indicators."""
    td, th = _td, _th
    money = [
        ("项目资金总额", "plan_total", "年度资金申请总额", "year_total"),
        ("其中：财政资金", "plan_fiscal", "其中：当年财政拨款", "year_current"),
        ("", None, "上年结转资金", "year_carryover"),
        ("其他资金", "plan_other", "其他资金", "year_other"),
    ]
    rows = [
        "<tr>"
        + th("项目名称", 2)
        + td(p["project_name"], 2)
        + th("项目性质")
        + td(p.get("attribute"))
        + th("项目类别")
        + td(p.get("category"))
        + "</tr>",
        "<tr>"
        + th("主管部门", 2)
        + td(p.get("department"), 2)
        + th("实施单位")
        + td(p.get("implementer"), 3)
        + "</tr>",
        "<tr>"
        + th("计划开始日期", 2)
        + td(p.get("start_date"), 2)
        + th("计划完成日期")
        + td(p.get("end_date"), 3)
        + "</tr>",
    ]
    for k, (plan_label, plan_key, year_label, year_key) in enumerate(money):
        head = th("项目资金（元）", 2, len(money)) if k == 0 else ""
        plan = th(plan_label) if plan_label else td("")
        rows.append(
            "<tr>"
            + head
            + plan
            + td(fmt_amount(p.get(plan_key)) if plan_key else "", 1, "num")
            + th(year_label, 2)
            + td(fmt_amount(p.get(year_key)), 2, "num")
            + "</tr>"
        )
    rows.append("<tr>" + th("项目绩效目标", 2, 2) + th("项目总目标", 3) + th("年度总体目标", 3) + "</tr>")
    rows.append("<tr>" + td(p.get("goal_plan"), 3, "text") + td(p.get("goal_year"), 3, "text") + "</tr>")
    rows.append(
        "<tr>"
        + th("绩效指标", 1, len(indicators) + 1)
        + th("一级指标")
        + th("二级指标")
        + th("三级指标", 3)
        + th("年度(/项目)指标值", 2)
        + "</tr>"
    )
    rows.append(_indicator_rows(indicators, [("level1", 1), ("level2", 1), ("level3", 3), ("value", 2)]))
    return _form_page(pkg, p, printed_title, rows, "表格照原表录入。\n")


def render_performance(pkg: Package, site: Site, zip_name: str) -> list[Any]:
    base = unit_dir(pkg)
    projects = pkg.table("performance_projects")
    indicators = pkg.table("performance_indicators")
    if projects is None or not projects.rows:
        return []
    ind_rows = indicators.rows if indicators else []
    nav: list[Any] = [f"{base}/performance/index.md"]
    index_page = f"{base}/performance/index.md"
    lines = [
        f"# 项目支出绩效目标：{esc(pkg.unit)} {pkg.year}年\n",
        f"共 {len(projects.rows)} 张《{esc(projects.title)}》。金额单位：元。\n",
        "| 表序 | 项目名称 | 项目属性 | 实施期资金总额（元） | 年度资金总额（元） | 指标行数 |",
        "| ---: | :--- | :--- | ---: | ---: | ---: |",
    ]
    for p in projects.rows:
        n = p["form"]
        rows = [r for r in ind_rows if str(r["form"]) == str(n)]
        page = f"{base}/performance/form-{n}.md"
        site.page(page, render_form(pkg, p, rows, projects.title))
        nav.append({f"{n}. {p['project_name']}": page})
        lines.append(
            f"| {n} | [{esc(p['project_name'])}]({rel(index_page, page)}) | {esc(p['attribute'])} | "
            f"{fmt_amount(p['plan_total'])} | {fmt_amount(p['year_total'])} | {len(rows)} |"
        )
    lines.append("")
    for res in (projects, indicators):
        if res is not None:
            lines.append(f"## {esc(res.title)}\n")
            lines.append(data_dictionary(res))
            lines.append(_downloads(index_page, base, res, zip_name, heading="**下载**"))
    site.page(index_page, "\n".join(lines))
    return nav


def render_package(pkg: Package, site: Site, glossary: Glossary, prev: Package | None = None) -> list[Any]:
    """All pages and downloads of one package; returns its navigation entries."""
    base = unit_dir(pkg)
    zip_name = f"{pkg.year}-{pkg.slug}.zip"
    prov = _provenance(pkg)
    for res in pkg.resources.values():
        if res.is_table:
            site.data(f"{base}/data/{res.name}.csv", pkg.path / res.descriptor["path"])
            site.data(f"{base}/data/{res.name}.excel.csv", excel_csv(res))
    checks, checks_excel = checks_csvs(pkg.checks)
    site.data(f"{base}/data/{zip_name}", package_zip(pkg, {"checks.csv": checks}))
    site.data(f"{base}/data/datapackage.json", pkg.path / "datapackage.json")

    site.page(f"{base}/index.md", render_unit_page(pkg, glossary, zip_name))
    site.page(f"{base}/overview.md", render_overview(pkg, glossary))
    site.page(f"{base}/explanations.md", render_explanations(pkg, glossary))
    table_nav = []
    for kind in cat.TABLES:
        res = pkg.table(kind.name)
        if res is None:
            continue
        page = f"{base}/tables/{res.name}.md"
        site.page(page, render_table_page(pkg, res, glossary, prov, zip_name, prev))
        table_nav.append({f"{kind.number}. {cat.BY_NAME[kind.name].title}": page})
    csv_names = ("checks.csv", "checks.excel.csv")
    site.data(f"{base}/data/{csv_names[0]}", checks)
    site.data(f"{base}/data/{csv_names[1]}", checks_excel)
    site.page(f"{base}/checks.md", render_checks_page(pkg, csv_names))
    nav: list[Any] = [
        {"单位概览": f"{base}/index.md"},
        {"概况": f"{base}/overview.md"},
        {"预算报表": table_nav},
        {"情况说明": f"{base}/explanations.md"},
        {"数据核对": f"{base}/checks.md"},
    ]
    perf = render_performance(pkg, site, zip_name)
    if perf:
        nav.append({"绩效目标": perf})
    return nav


# ---------------------------------------------------------------------------------------------
# Site-wide pages


def render_glossary(glossary: Glossary) -> str:
    lines = ["# 名词解释\n", "各单位预算公开文件第四部分的名词解释，按原文照录；同一名词在不同文件中的解释分别列出。\n"]
    for term in glossary.entries:
        lines.append(f"## {esc(term)} {{ #{Glossary.anchor(term)} }}\n")
        plain = re.sub(r"[“”\"]", "", term)
        if plain != term:
            lines.append(f'<p class="gloss-alias">又写作：{html.escape(plain)}</p>\n')
        groups: dict[str, list[str]] = {}
        for definition, source in glossary.entries[term]:
            groups.setdefault(definition, []).append(source)
        for definition, sources in groups.items():
            lines.append(f"{esc(definition)}\n")
            lines.append(f'<p class="gloss-src">出处：{html.escape("；".join(sources))}</p>\n')
    return "\n".join(lines)


def render_home(packages: list[Package]) -> str:
    years = sorted({p.year for p in packages}, reverse=True)
    lines = [
        "# 预算公开数据\n",
        "本站把政府单位每年公开的预算文件（单位预算公开、部门预算公开）整理成经过校验的开放数据："
        "每张报表都可以在线查看、看图、下载 CSV，每个单位每年一个完整的数据包。金额照原文录入，不作更正。\n",
        f"目前收录 **{len(packages)}** 份预算公开文件，涉及 **{len({p.unit for p in packages})}** 个单位、**{len(years)}** 个年度。\n",
    ]
    for y in years:
        lines.append(f"## [{y}年]({y}/index.md)\n")
        lines.append("| 单位 | 支出总计 | 基本支出 | 项目支出 | 金额单位 |\n| :--- | ---: | ---: | ---: | :--- |")
        for p in sorted((p for p in packages if p.year == y), key=lambda p: p.slug):
            figs = {k: (v, u) for k, v, u in _key_figures(p)}
            unit = next((u for _, u in figs.values()), "")
            lines.append(
                f"| [{esc(p.unit)}]({unit_dir(p)}/index.md) | {figs.get('支出总计', ('', ''))[0]} | "
                f"{figs.get('基本支出', ('', ''))[0]} | {figs.get('项目支出', ('', ''))[0]} | {unit} |"
            )
        lines.append("")
    lines.append("[名词解释](glossary/index.md) · [关于本站与数据使用](about.md)\n")
    return "\n".join(lines)


def render_year(year: int, packages: list[Package], page: str) -> str:
    lines = [
        f"# {year}年预算公开\n",
        "| 序号 | 单位 | 文件 | 支出总计 | 金额单位 | 历年 |\n| ---: | :--- | :--- | ---: | :--- | :--- |",
    ]
    for n, p in enumerate(sorted(packages, key=lambda p: p.slug), start=1):
        figs = {k: (v, u) for k, v, u in _key_figures(p)}
        total, unit = figs.get("支出总计", ("", ""))
        lines.append(
            f"| {n} | [{esc(p.unit)}]({p.slug}/index.md) | {esc(p.budget.get('documentTitle', ''))} | {total} | {unit} | "
            f"[历年对比]({rel(page, f'{HISTORY_DIR}/{p.slug}.md')}) |"
        )
    return "\n".join(lines) + "\n"


def render_site(
    packages: list[Package], history: list[Package] | None = None, snapshot: bool = False, out: Path | None = None
) -> Site:
    """Pages for the packages. `history` adds earlier years for comparisons and the history pages; a snapshot
    holds one year with unit pages at <unit>/ (no year in the path, so the same page has the same address in
    every year's snapshot). With `out` (an empty directory) the files are written there as they are rendered."""
    history = history if history is not None else packages
    site = Site(out=out, link=out is not None)
    glossary = Glossary()
    for pkg in packages:
        pkg.site_base = pkg.slug if snapshot else ""
        g = pkg.table("glossary")
        if g:
            for r in g.rows:
                glossary.add(str(r["term"]), str(r["definition"]), f"{pkg.unit} {pkg.year}年")
    by_slug: dict[str, list[Package]] = {}  # each unit's packages across the history, to find its other years
    for p in history:
        by_slug.setdefault(p.slug, []).append(p)
    nav: list[Any] = [{"首页": "index.md"}]
    for year in sorted({p.year for p in packages}, reverse=True):
        in_year = [p for p in packages if p.year == year]
        year_page = "index.md" if snapshot else f"{year}/index.md"
        site.page(year_page, render_year(year, in_year, year_page))
        units_nav: list[Any] = []
        for pkg in sorted(in_year, key=lambda p: p.slug):
            unit_nav = render_package(pkg, site, glossary, previous(pkg, by_slug.get(pkg.slug, [])))
            if snapshot:
                # inside the unit's own section, so each page's navigation lists the units once, not twice
                unit_nav.append({"历年对比": f"{HISTORY_DIR}/{pkg.slug}.md"})
            units_nav.append({pkg.unit: unit_nav})
        nav.append({f"{year}年": ([] if snapshot else [year_page]) + _grouped(units_nav)})
    history_nav = []
    latest: dict[str, int] = {}
    for p in packages:
        latest[p.slug] = max(p.year, latest.get(p.slug, p.year))
    for slug in sorted(latest):
        mine = [p for p in by_slug.get(slug, []) if p.year <= latest[slug]]
        site.page(f"{HISTORY_DIR}/{slug}.md", render_history(mine, chart_html, _history_link(packages, snapshot)))
        history_nav.append({max(mine, key=lambda p: p.year).unit: f"{HISTORY_DIR}/{slug}.md"})
    if not snapshot:
        nav.append({"历年对比": history_nav})
    if not snapshot:
        site.page("index.md", render_home(packages))
    site.page(f"{GLOSSARY_DIR}/index.md", render_glossary(glossary))
    nav.append({"名词解释": f"{GLOSSARY_DIR}/index.md"})
    nav.append({"关于": "about.md"})
    site.nav = nav
    return site


NAV_GROUP = 25  # a year with more units than this lists them in collapsed groups of this size


def _grouped(units_nav: list[Any]) -> list[Any]:
    """Every page carries the navigation of its year. With hundreds of units, one flat list makes each page long
    and each build slow (the list is drawn on every page), so the units go into numbered groups, in the order
    (and with the numbers) of the year page's table."""
    if len(units_nav) <= 2 * NAV_GROUP:
        return units_nav
    return [
        {f"第{i + 1}–{min(i + NAV_GROUP, len(units_nav))}个单位": units_nav[i : i + NAV_GROUP]}
        for i in range(0, len(units_nav), NAV_GROUP)
    ]


def _history_link(packages: list[Package], snapshot: bool):
    """How the history page links to a year: a page of this site, or (in a snapshot) the other year's snapshot."""
    here = {(p.year, p.slug) for p in packages}

    def link(p: Package, text: str) -> str:
        if not snapshot:
            return f"[{text}](../{p.year}/{p.slug}/index.md)"
        if (p.year, p.slug) in here:
            return f"[{text}](../{p.slug}/index.md)"
        # another year's snapshot; this page is served at <year>/units/<unit>/
        return f'<a href="../../../{p.year}/{p.slug}/">{text}</a>'

    return link
