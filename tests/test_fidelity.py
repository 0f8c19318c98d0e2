"""Every amount printed in the seed's tables and forms is in the right cell of the package, and nothing else.

This reads the seed on its own terms (tabs, titles, number shapes) rather than through the importer.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.package import read_package
from tests.conftest import PACKAGE, SEED

AMOUNT = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")  # classification codes print as 3, 5 or 7 digits
CJK_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# from the seed with grep: 第二部分 has 181 decimal-shaped cells, in 86 rows; the forms print 50 fund amounts
N_TABLE_AMOUNTS = 181
N_ROWS_WITH_AMOUNTS = 86


def _lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _body_range(lines: list[str], start_heading: str, end_heading: str) -> tuple[int, int]:
    start = max(i for i, ln in enumerate(lines) if ln.strip() == start_heading)
    end = max(i for i, ln in enumerate(lines) if ln.strip() == end_heading)
    return start, end


def _table_blocks() -> list[tuple[str, list[list[str]]]]:
    """(printed title, rows of cells) for each table in 第二部分."""
    lines = _lines()
    start, end = _body_range(lines, "第二部分 2023年单位预算报表", "第三部分 2023年度单位预算情况说明")
    blocks: list[tuple[str, list[list[str]]]] = []
    for ln in lines[start + 1 : end]:
        if ln.strip() and "\t" not in ln and re.search(r"表(（.+）)?$", ln.strip()) and not ln.startswith("预算公开表"):
            blocks.append((ln.strip(), []))
        elif "\t" in ln and blocks:
            blocks[-1][1].append([c.strip() for c in ln.split("\t")])
    return blocks


def _is_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return [c for c in filled] == [str(i) for i in range(1, len(filled) + 1)]


def _package_table_values():
    pkg = read_package(PACKAGE)
    return pkg, {r.title: r for r in pkg.resources.values() if r.is_table}


def test_every_printed_table_amount_is_in_the_package_and_nothing_more() -> None:
    printed = Counter()
    for _, rows in _table_blocks():
        for cells in rows:
            if not _is_numbering(cells):
                printed.update(c for c in cells if AMOUNT.match(c) and not CODE.match(c))
    pkg, by_title = _package_table_values()
    stored = Counter()
    for title, _ in _table_blocks():
        res = by_title[title]
        for row in res.rows:
            stored.update(row[f["name"]] for f in res.fields if f["type"] == "number" and row[f["name"]] is not None)
    assert printed == stored
    assert sum(printed.values()) == N_TABLE_AMOUNTS


def test_every_printed_row_is_a_package_row_in_order() -> None:
    """Each printed data row's filled cells, left to right, equal the package row's filled cells."""
    _, by_title = _package_table_values()
    checked = 0
    for title, rows in _table_blocks():
        res = by_title[title]
        ours = [
            [
                CJK_WRAP.sub("", str(r[f["name"]]))
                for f in res.fields
                if f["name"] != "level" and r[f["name"]] is not None
            ]
            for r in res.rows
        ]
        printed_rows = [
            [CJK_WRAP.sub("", c) for c in cells if c]
            for cells in rows
            if any(AMOUNT.match(c) for c in cells) and not _is_numbering(cells)
        ]
        for cells in printed_rows:
            assert cells in ours, f"{title}: printed row {cells} not in the package"
            checked += 1
        # rows keep their printed order
        positions = [ours.index(cells) for cells in printed_rows]
        assert positions == sorted(positions), title
    assert checked == N_ROWS_WITH_AMOUNTS


def test_form_amounts_are_in_the_right_fields() -> None:
    lines = _lines()
    forms: list[list[str]] = []
    for ln in lines:
        if ln.strip().endswith("项目支出绩效目标申报表"):
            forms.append([])
        elif forms and "\t" in ln:
            forms[-1].append(ln)
    pkg, _ = _package_table_values()
    projects = pkg.resources["performance_projects"].rows
    assert len(forms) == len(projects) == 5
    keys = {
        "资金总额": "total",
        "中央财政资金": "central",
        "省级财政资金": "provincial",
        "市县（区）财政资金": "local",
        "单位自筹": "self_raised",
        "其他资金": "other",
    }
    total = 0
    for form, project in zip(forms, projects, strict=False):
        for ln in form:
            cells = [c.strip() for c in ln.split("\t") if c.strip()]
            if cells and cells[0] == "项目资金（元）":
                cells = cells[1:]
            labels = [(k, c) for k, c in enumerate(cells) if any(c.rstrip("：").endswith(x) for x in keys)]
            if len(labels) != 2:
                continue
            for side, (k, label) in zip(("plan", "year"), labels, strict=False):
                key = next(v for x, v in keys.items() if label.rstrip("：").endswith(x))
                value = cells[k + 1] if k + 1 < len(cells) and AMOUNT.match(cells[k + 1]) else None
                stored = project[f"{side}_{key}"]
                assert stored == (value.replace(",", "") if value else None), (project["project_name"], side, key)
                total += value is not None
        amounts = {f: project[f] for f in project if f.startswith(("plan_", "year_")) and project[f] is not None}
        assert all(AMOUNT.match(v) for v in amounts.values())
    assert total == 50
