"""A 决算's 预算执行 page: each line's 年初预算 against its 决算, the rate and the reasons the 说明 gives, with what the
说明 states of 机关运行经费, 政府采购 and 国有资产占用."""

from __future__ import annotations

from typing import Any

from ... import catalogue as cat
from ...addresses import Edition, execution_page, unit_page
from ...charts import grouped as grouped_chart
from ...downloads.registry import Download, Subject
from ...execution import budget_for
from ...package import Package
from ...wording import W
from ..markup import render
from ..views import in_words, package_view


def _stated_sentences(pkg: Package) -> list[dict[str, Any]]:
    """What the 情况说明 states of 机关运行经费, 政府采购 and 国有资产占用: each sentence once, with its figures."""
    res = pkg.table(cat.FINAL_STATED.name)
    out: list[dict[str, Any]] = []
    for r in res.rows if res is not None else []:
        key = (r["subject"], r["sentence"], r["located"])
        if not out or out[-1]["key"] != key:
            located = in_words(str(r["located"]))
            out.append({"key": key, "subject": r["subject"], "sentence": r["sentence"], "located": located})
            out[-1]["figures"] = []
        out[-1]["figures"].append(r)
    return out


def render_execution(
    pkg: Package, subject: Subject, files: list[Download], said_csv: Download | None, at: Edition
) -> str | None:
    """The 执行 page of a 决算 (planned against spent) and its chart; None where there is none. `subject` is the
    unit's (which holds its execution), `files` the page's downloads and `said_csv` the CSV of what the
    说明 states."""
    ex = subject.execution
    if ex is None:
        return None
    base = at.unit(pkg)
    budget = budget_for(pkg, subject.others)
    groups = list(W.execution_groups)
    items = [
        (f"{line.code} {line.name}", [(groups[0], line.planned), (groups[1], line.spent)])
        for line in ex.lines
        if line.level == "项" and line.planned is not None
    ]
    chart = grouped_chart(W.execution_chart.format(unit=ex.unit), items, ex.unit) if items else None
    return render(
        "execution.md.j2",
        pkg=package_view(pkg),
        ex=ex,
        page=execution_page(base),
        base=base,
        chart=chart,
        files=files,
        budget={"href": unit_page(at.unit(budget))} if budget is not None else None,
        said=_stated_sentences(pkg),
        said_csv=said_csv,
    )
