"""Unit, year, kind and level read from wherever a disclosure prints them (covers as printed by ten provinces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.importer.metadata import metadata
from tests.conftest import SEED

COVERS = [
    (["2026 年度", "福州市商务局", "部门预算"], "福州市商务局", 2026, "预算", "部门"),
    (["长沙市信访局", "2026 年部门预算公开"], "长沙市信访局", 2026, "预算", "部门"),
    (["国家信访局 2026 年度部门预算", "二〇二六年三月"], "国家信访局", 2026, "预算", "部门"),
    (["2026 年度", "无锡市教育局（本级）", "单位预算公开"], "无锡市教育局（本级）", 2026, "预算", "单位"),
    (
        [". 长春市信访局（本级）", "2026年度部门预算公开", "初审：徐 宁", "2026年2月14日"],
        "长春市信访局（本级）",
        2026,
        "预算",
        "部门",
    ),
    (["西安市财政局（汇总）", "2026年部门预算公开说明"], "西安市财政局（汇总）", 2026, "预算", "部门"),
    (["1", "2019 年佛山市轨道交通局 部门决算"], "佛山市轨道交通局", 2019, "决算", "部门"),
    (
        ["上海市普陀区2024年区级部门预算", "预算主管部门：上海市普陀区人民政府万里街道办事处"],
        "上海市普陀区人民政府万里街道办事处",
        2024,
        "预算",
        "部门",
    ),
]


@pytest.mark.parametrize(("cover", "unit", "year", "kind", "level"), COVERS, ids=lambda c: str(c)[:12])
def test_cover(cover: list[str], unit: str, year: int, kind: str, level: str) -> None:
    m = metadata([cover, ["目 录"], ["第一部分 部门概况"]])
    assert (m.unit, m.year, m.kind, m.level) == (unit, year, kind, level)


def test_running_title_names_the_unit_when_the_cover_does_not() -> None:
    pages = [["2026"]] + [["苏州市审计局 2026 年度部门预算公开", f"- {n} -", "正文"] for n in range(5)]
    m = metadata(pages)
    assert (m.unit, m.year, m.kind) == ("苏州市审计局", 2026, "预算")


def test_overrides() -> None:
    tables_only = [["预算01表 收支总表", "金额单位：万元"], ["预算02表 收入总表"]]
    assert (metadata(tables_only).unit, metadata(tables_only).year) == (None, None)
    m = metadata(tables_only, unit_name="北京市审计局", year=2026)
    assert (m.unit, m.year, m.kind) == ("北京市审计局", 2026, "预算")


def test_unit_name_option(tmp_path: Path) -> None:
    assert main(["import", str(SEED), "--unit", "u", "--unit-name", "某单位", "--out", str(tmp_path)]) == 0
    assert '"unit": "某单位"' in (tmp_path / "2023" / "u" / "datapackage.json").read_text(encoding="utf-8")
