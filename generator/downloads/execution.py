"""A 决算's execution as files: every 功能分类 line and 三公 item, planned against spent, with what the 说明 states
(execution.csv, and its Excel copy)."""

from __future__ import annotations

from typing import Any

from ..amounts import exact
from ..csvfiles import csv_records, excel_csv_records
from ..execution import Execution, budget_for, execution
from ..package import Package


def of(pkg: Package, others: list[Package]) -> Execution | None:
    """The execution of a 决算, with its 预算 among the unit's other documents where the site holds it."""
    return execution(pkg, budget_for(pkg, others))


EXECUTION_HEADER = (
    "科目编码",
    "科目名称",
    "层级",
    "年初预算",
    "年初预算来源",
    "全年预算",
    "决算",
    "执行率（%）",
    "差额",
    "说明所述完成率（%）",
    "说明所述原因",
    "预算文件所印",
    "金额单位",
)


def execution_records(ex: Execution) -> list[list[Any]]:
    out: list[list[Any]] = []
    for line in [*ex.lines, *ex.three_public]:
        s = line.stated
        out.append(
            [
                line.code,
                line.name,
                line.level,
                exact(line.planned),
                line.planned_source,
                (s.full_year if s else None) or "",
                exact(line.spent),
                exact(line.rate),
                exact(line.difference),
                (s.completion if s else None) or "",
                s.reason if s else "",
                exact(line.budget),
                ex.unit,
            ]
        )
    return out


def execution_csv(ex: Execution) -> bytes:
    return csv_records(list(EXECUTION_HEADER), execution_records(ex)).encode("utf-8")


def execution_excel_csv(ex: Execution) -> bytes:
    return excel_csv_records(list(EXECUTION_HEADER), execution_records(ex), numeric={3, 5, 6, 7, 8, 9, 11})
