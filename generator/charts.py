"""Altair chart builders: data in, Vega-Lite dict out, no I/O.

Each builder returns a `Chart` (spec + the rows it shows + a one-line summary), or None when a chart
would not help (no amounts). The rows double as the chart's text alternative on the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import altair as alt
import vl_convert as vlc

from . import catalogue as cat
from . import workers
from .amounts import grouped as with_separators
from .analysis import function_classes
from .package import Package, Resource
from .wording import W

FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
PALETTE = ["#1f5f99", "#e07b39", "#4c9a6a", "#a05195", "#d4a72c", "#6b7b8c"]


@dataclass
class Chart:
    title: str
    spec: dict  # Vega-Lite, as Altair wrote it
    columns: tuple[str, ...]  # headers of the text alternative
    rows: list[tuple[str, ...]]  # the data shown, as printed
    summary: str
    unit: str = ""  # the amount unit of the data shown
    vega: dict = field(default_factory=dict)  # the same chart compiled to Vega, which is what pages draw


def _num(value: Decimal) -> float:
    # Vega-Lite needs JSON numbers; amounts carry at most a few decimals, so the float prints as published
    return float(value)


DATA = "rows"  # the one named dataset of every spec


def _base(height: int) -> alt.Chart:
    return alt.Chart(alt.NamedData(name=DATA)).properties(width="container", height=height)


def _finish(chart: alt.Chart | alt.LayerChart, title: str) -> str:
    spec = (
        chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=14))
        .configure(font=FONT)
        # a narrow screen gives the plot the room and cuts long labels short (with an ellipsis)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=alt.ExprRef("width < 480 ? 96 : 260"))
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom", columns=alt.ExprRef("width < 480 ? 2 : 4"))
        .configure_view(stroke=None)
        .to_dict(validate=False)  # the builders are tested against the schema; validating each chart is slow
    )
    spec.pop("$schema", None)  # vega-embed infers it; keeps the page free of outside URLs
    return json.dumps(spec, ensure_ascii=False)


VEGA_LITE_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]


_COMPILER: dict[str, bool] = {"started": False}  # vl-convert runs a JavaScript runtime on threads of its own
workers.unsafe_to_fork_when(lambda: _COMPILER["started"])  # a forked child would wait for them for ever


@lru_cache(maxsize=2048)
def _compiled(template: str) -> str:
    """A layout compiled to Vega once, so pages load only the Vega runtime, not the Vega-Lite compiler."""
    _COMPILER["started"] = True
    spec = vlc.vegalite_to_vega(json.loads(template), vl_version=VEGA_LITE_VERSION)
    spec.pop("$schema", None)  # keeps the page free of outside URLs
    spec.pop("title", None)  # the page writes the title above the chart, where a long one wraps on a phone
    return json.dumps(spec, ensure_ascii=False)


def _with_data(template: str, data: list[dict]) -> tuple[dict, dict]:
    """A cached layout (which depends only on titles, categories and size) with this chart's rows as its dataset,
    as Vega-Lite and as Vega.

    Building a chart with Altair costs far more than the data it shows, and thousands of pages share a few dozen
    layouts, so each layout is built and compiled once."""
    spec = json.loads(template)
    spec["datasets"] = {DATA: data}
    vega = json.loads(_compiled(template))
    for dataset in vega["data"]:
        if dataset["name"] == DATA:
            dataset["values"] = data
    return spec, vega


def _fmt(value: Decimal | None) -> str:
    """As printed, with thousands separators."""
    return with_separators(value)


BAR_ROW = 38  # pixels per bar: a line of text (name and amount) over a thin bar


@lru_cache(maxsize=2048)
def _bars_spec(title: str, unit: str, label: str, height: int) -> str:
    """Each item's name and amount are written above its bar, from the left edge and cut to the chart's width with
    an ellipsis, so a long name or a large figure never runs out of the chart on a narrow screen."""
    # one band per bar (its key), so two items printed with the same name never share a band and a label
    base = _base(height).encode(
        y=alt.Y("key:N", sort=alt.EncodingSortField("amount", order="descending"), title=None, axis=None),
        tooltip=[alt.Tooltip("name:N", title=label), alt.Tooltip("text:N", title=W.amount_axis.format(unit=unit))],
    )
    bar = base.mark_bar(color=PALETTE[0], height=12, yOffset=7).encode(
        x=alt.X("amount:Q", title=W.amount_axis.format(unit=unit))
    )
    text = base.mark_text(align="left", baseline="bottom", dy=-1, fontSize=12, limit=alt.ExprRef("width")).encode(
        x=alt.datum(0), text="label:N"
    )
    return _finish(bar + text, title)


MAX_BARS = 20  # about what a phone shows at once; more items become one 其他 bar, or no chart at all


def bars(
    title: str, items: list[tuple[str, Decimal]], unit: str, label: str = "", disjoint: bool = True
) -> Chart | None:
    """Horizontal bars, largest first. Beyond MAX_BARS items, the smallest are drawn as one bar of their exact
    sum where the items are `disjoint` parts of a whole; where they may overlap (a table read as printed, whose
    rows can be totals of others), there is no chart: the table is the way to read it."""
    items = [(k, v) for k, v in items if v is not None]
    if not items:
        return None
    if len(items) > MAX_BARS:
        if not disjoint:
            return None
        items = sorted(items, key=lambda kv: kv[1], reverse=True)
        rest = items[MAX_BARS - 1 :]
        items = [*items[: MAX_BARS - 1], (W.other_items.format(n=len(rest)), sum((v for _, v in rest), Decimal(0)))]
    label = label or W.item_axis
    data = [
        {
            "key": str(i),
            "name": k,
            "amount": _num(v),
            "text": _fmt(v),
            "label": W.bar_label.format(name=k, amount=_fmt(v)),
        }
        for i, (k, v) in enumerate(items)
    ]
    spec, vega = _with_data(_bars_spec(title, unit, label, BAR_ROW * len(items)), data)
    top = max(items, key=lambda kv: kv[1])
    summary = W.bars_summary.format(title=title, n=len(items), top=top[0], amount=f"{_fmt(top[1])}{unit}")
    columns = (label, W.amount_axis.format(unit=unit))
    return Chart(title, spec, columns, [(k, _fmt(v)) for k, v in items], summary, unit, vega)


@lru_cache(maxsize=2048)
def _stacked_spec(title: str, unit: str, label: str, parts: tuple[str, ...], height: int) -> str:
    chart = (
        _base(height)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=None, title=None),
            x=alt.X("amount:Q", title=W.amount_axis.format(unit=unit), stack="zero"),
            color=alt.Color(
                "part:N", title=None, sort=list(parts), scale=alt.Scale(domain=list(parts), range=PALETTE[: len(parts)])
            ),
            order=alt.Order("part_order:Q"),
            tooltip=[
                alt.Tooltip("name:N", title=label),
                alt.Tooltip("part:N", title=W.part_axis),
                alt.Tooltip("text:N", title=W.amount_axis.format(unit=unit)),
            ],
        )
        .transform_calculate(part_order=f"indexof({list(parts)!r}, datum.part)")
    )
    return _finish(chart, title)


def stacked(
    title: str, items: list[tuple[str, list[tuple[str, Decimal | None]]]], unit: str, label: str = ""
) -> Chart | None:
    """Horizontal bars split into parts (e.g. 基本支出 / 项目支出 per function class)."""
    label = label or W.subject_axis
    data = []
    parts: list[str] = []
    for name, values in items:
        for part, v in values:
            if part not in parts:
                parts.append(part)
            if v is not None and v != 0:
                data.append({"name": name, "part": part, "amount": _num(v), "text": _fmt(v)})
    if not data:
        return None
    spec, vega = _with_data(_stacked_spec(title, unit, label, tuple(parts), max(60, 34 * len(items))), data)
    rows = [(name, *(_fmt(dict(values).get(p)) for p in parts)) for name, values in items]
    summary = W.stacked_summary.format(title=title, n=len(items), label=label, parts=W.list_sep.join(parts))
    return Chart(title, spec, (label, *parts), rows, summary, unit, vega)


@lru_cache(maxsize=2048)
def _grouped_spec(title: str, unit: str, label: str, groups: tuple[str, ...], height: int) -> str:
    chart = (
        _base(height)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=None, title=None),
            yOffset=alt.YOffset("group:N", sort=list(groups)),
            x=alt.X("amount:Q", title=W.amount_axis.format(unit=unit)),
            color=alt.Color(
                "group:N",
                title=None,
                sort=list(groups),
                scale=alt.Scale(domain=list(groups), range=PALETTE[: len(groups)]),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=label),
                alt.Tooltip("group:N", title=W.year_axis),
                alt.Tooltip("text:N", title=W.amount_axis.format(unit=unit)),
            ],
        )
    )
    return _finish(chart, title)


def grouped(
    title: str, items: list[tuple[str, list[tuple[str, Decimal | None]]]], unit: str, label: str = ""
) -> Chart | None:
    """Bars side by side per item (e.g. one bar a year for each function class)."""
    label = label or W.subject_axis
    data = []
    groups: list[str] = []
    for name, values in items:
        for group, v in values:
            if group not in groups:
                groups.append(group)
            if v is not None:
                data.append({"name": name, "group": group, "amount": _num(v), "text": _fmt(v)})
    if not data:
        return None
    height = max(60, 14 * len(groups) * len(items) + 12 * len(items))
    spec, vega = _with_data(_grouped_spec(title, unit, label, tuple(groups), height), data)
    rows = [(name, *(_fmt(dict(values).get(g)) for g in groups)) for name, values in items]
    summary = W.grouped_summary.format(title=title, n=len(items), label=label, groups=W.list_sep.join(groups))
    return Chart(title, spec, (label, *groups), rows, summary, unit, vega)


@lru_cache(maxsize=2048)
def _share_spec(title: str, parts: tuple[str, ...]) -> str:
    chart = (
        _base(220)
        .mark_arc(innerRadius=55, outerRadius=95)
        .encode(
            theta=alt.Theta("amount:Q", stack=True),
            color=alt.Color(
                "part:N", title=None, sort=list(parts), scale=alt.Scale(domain=list(parts), range=PALETTE[: len(parts)])
            ),
            tooltip=[alt.Tooltip("part:N", title=W.part_axis), alt.Tooltip("text:N", title=W.share_axis)],
        )
    )
    return _finish(chart, title)


def share(title: str, items: list[tuple[str, Decimal | None]], unit: str) -> Chart | None:
    """A donut for two to six parts of one whole."""
    parts = [(k, v) for k, v in items if v is not None and v != 0]
    if len(parts) < 2:
        return None
    total = sum((v for _, v in parts), Decimal(0))
    texts = [
        W.share_part.format(amount=_fmt(v), unit=unit, percent=(v * 100 / total).quantize(Decimal("0.01")))
        for _, v in parts
    ]
    data = [{"part": k, "amount": _num(v), "text": t} for (k, v), t in zip(parts, texts, strict=True)]
    spec, vega = _with_data(_share_spec(title, tuple(k for k, _ in parts)), data)
    summary = W.share_summary.format(
        title=title, parts=W.clause_sep.join(f"{k}{t}" for (k, _), t in zip(parts, texts, strict=True))
    )
    columns = (W.part_axis, W.amount_axis.format(unit=unit))
    return Chart(title, spec, columns, [(k, _fmt(v)) for k, v in parts], summary, unit, vega)


# ---------------------------------------------------------------------------------------------
# Charts for a package


def _dec(row: dict, name: str) -> Decimal | None:
    v = row.get(name)
    return None if v is None else Decimal(str(v))


def chart_for_table(res: Resource) -> Chart | None:
    """The chart that helps read this table, if any."""
    if not res.rows:
        return None
    unit = res.unit
    name = res.name
    amount_fields = [f for f in res.fields if f.get("type") == "number"]
    if name in ("budget_summary", "fiscal_summary"):
        items = [
            (r["expense_item"], _dec(r, "expense_total"))
            for r in res.rows
            if cat.ITEM_NUMBER.sub("", str(r.get("expense_item") or "")) in cat.FUNCTION_CLASSES
            and _dec(r, "expense_total") is not None
        ]
        return bars(W.classes_chart, items, unit, W.class_axis)  # type: ignore[arg-type]
    stacked_names = cat.parts_of_total(name, {f["name"] for f in amount_fields})
    if "code" in (f["name"] for f in res.fields):
        parts = [f for f in amount_fields if f["name"] in stacked_names]
        codes = [str(r["code"]) for r in res.rows if r.get("level") in ("类", "款", "项")]
        ordered = sorted(set(codes))  # a code with children is followed, in sorted order, by its first child
        leaves = {c for c, nxt in zip(ordered, [*ordered[1:], ""], strict=False) if not nxt.startswith(c)}
        leaf_rows: list[tuple[str, list[tuple[str, Decimal | None]]]] = [
            (f"{r['code']} {r['name']}", [(f["title"], _dec(r, f["name"])) for f in parts])
            for k, r in enumerate(res.rows)
            if r.get("code") in leaves and not cat.printed_again(res.rows, k)
        ]
        title = W.income_leaves_chart if name == "income_summary" else W.expense_leaves_chart
        return stacked(title, leaf_rows, unit)
    if name == "general_public_basic_economic":
        econ: list[tuple[str, list[tuple[str, Decimal | None]]]] = []
        for r in res.rows:
            if r.get("level") == "款":
                econ.append(
                    (
                        str(r["dept_economic_name"]),
                        [(f["title"], _dec(r, f["name"])) for f in amount_fields if f["name"] in stacked_names],
                    )
                )
        return stacked(W.economic_chart, econ, unit, W.economic_axis)
    measures = list(cat.FINAL_THREE_PUBLIC_MEASURES.values())
    if [f["name"] for f in amount_fields] == measures:  # 预算数 beside 决算数, item by item (“三公” 决算)
        pairs = [
            (str(r.get("item") or ""), [(f["title"], _dec(r, f["name"])) for f in amount_fields]) for r in res.rows
        ]
        return grouped(res.title, pairs, unit, W.item_axis)
    first_amount = next((f["name"] for f in amount_fields), None)
    if first_amount is None:
        return None
    texts = [f["name"] for f in res.fields if f.get("type") != "number" and f["name"] != "level"]
    numbered = [(n, r) for n, r in enumerate(res.rows, start=1) if not any(_is_total(r.get(t)) for t in texts)]
    # the columns that tell the rows apart (a unit's name printed on every line does not)
    varying = [t for t in texts if len({str(r.get(t) or "") for _, r in numbered}) > 1] or texts[:1]
    items = []
    for n, r in numbered:
        name = " ".join(str(r[t]) for t in varying if r.get(t) not in (None, "")) or W.row_label.format(n=n)
        items.append((name, _dec(r, first_amount)))
    return bars(
        res.title.split("年", 1)[-1] if res.title[:4].isdigit() else res.title,
        items,  # type: ignore[arg-type]
        unit,
        str(next((f.get("title") for f in res.fields if f["name"] in varying), None) or W.item_axis),
        disjoint=not res.descriptor.get("asPrinted"),
    )


def _is_total(value: object) -> bool:
    return re.sub(r"\s+", "", str(value or "")) in (*cat.UNIT_TOTALS, "总计")


def unit_charts(pkg: Package) -> list[Chart]:
    """The charts of a unit's overview page."""
    charts: list[Chart | None] = []
    exp = pkg.table(cat.EXPENDITURE_TABLE[pkg.kind])
    if exp and exp.rows:
        unit = exp.unit
        charts.append(bars(W.classes_chart, function_classes(exp), unit, W.class_axis))
        total = next((r for r in exp.rows if r.get("level") == cat.TOTAL_CODE), None)
        if total:
            parts = [(W.basic, _dec(total, "basic")), (W.project, _dec(total, "project"))]
            charts.append(share(W.basic_project_chart, parts, unit))
    econ = pkg.table("general_public_basic_economic")
    if econ and econ.rows:
        charts.append(chart_for_table(econ))
    proj = pkg.table("projects_current")
    if proj and proj.rows:
        names = [str(r["project_name"]) for r in proj.rows]
        if len(set(names)) < len(names) and any(r.get("unit_name") for r in proj.rows):
            names = [f"{r.get('unit_name') or ''} {n}".strip() for r, n in zip(proj.rows, names, strict=True)]
        items = [
            (n, _dec(r, "total"))
            for n, r in zip(names, proj.rows, strict=True)
            if not _is_total(r.get("project_name")) and not _is_total(r.get("unit_name"))
        ]
        charts.append(bars(W.projects_chart, items, proj.unit, W.item_axis))  # type: ignore[arg-type]
    return [c for c in charts if c is not None]
