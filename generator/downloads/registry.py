"""Every file the site publishes, in one registry. Pages list them, the catalogue (DCAT and each page's schema.org
Dataset) describes them, the renderer writes them and a snapshot's SHA256SUMS lists them, all by iterating over
`FORMATS`. A new format is a writer (in a module of its own) and one `Format` entry here, or a `register` call.

Scopes: `table` (a file per table of a unit), `unit` (a file per unit and year), `source` (each original document
published beside a unit's package), `comparison` (a file per year beside its page, every unit's main figures),
`year` (a file per year, and on the site that holds several years one more for all of them together: key `all`),
`all` (one file for everything the site or the snapshot holds). A format that not every subject has (a 决算's
execution table) says so in `applies`. A file is made once per subject (`Subject.output`), whoever asks for it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import catalogue as cat
from ..package import Package, Resource
from ..terms import Terms
from ..wording import W
from . import checks, compare, csvs, execution, fiscal, long, parquet, sqlite, zips
from .xlsx import package_xlsx, table_xlsx

TABLE, UNIT, SOURCE, COMPARISON, YEAR, ALL = "table", "unit", "source", "comparison", "year", "all"
SCOPES = (TABLE, UNIT, SOURCE, COMPARISON, YEAR, ALL)
ALL_YEARS = "all"  # the key of a year-scoped file of every year

# Where a file is listed for readers: on the unit's page and each table's page, on the checks page, on the 执行 page
# (the catalogue and the schema.org descriptions list every file)
ON_UNIT, ON_CHECKS, ON_EXECUTION, ON_ORIGINALS = "unit", "checks", "execution", "originals"


@dataclass
class Subject:
    """What one file is written for: a table of a package, a package, or packages (a year's, or all)."""

    terms: Terms
    pkg: Package | None = None
    res: Resource | None = None
    packages: list[Package] = field(default_factory=list)
    key: str = ""  # a year, or ALL_YEARS
    label: str = ""  # what the packages are, as a page says it (2026年, 全部年度)
    source: dict[str, Any] = field(default_factory=dict)  # an original document, as the package records it
    others: list[Package] = field(default_factory=list)  # the unit's other documents on the site (its 预算)
    history: dict[str, list[Package]] = field(default_factory=dict)  # each unit's packages across the years
    made: dict[str, bytes | Path] = field(default_factory=dict, repr=False)

    def output(self, fmt: Format) -> bytes | Path:
        """The file of a format for this subject, made the first time it is asked for."""
        if fmt.name not in self.made:
            self.made[fmt.name] = fmt.writer(self)
        return self.made[fmt.name]

    @functools.cached_property
    def execution(self) -> execution.Execution | None:
        """A 决算's execution (planned against spent, with its 预算 where the site holds it), or None."""
        pkg = self.package
        return execution.of(pkg, self.others) if pkg.final else None

    @functools.cached_property
    def comparison(self) -> compare.Comparison:
        """A year's units with their main figures, largest first."""
        return compare.comparison(self.packages, self.history)

    @property
    def package(self) -> Package:
        assert self.pkg is not None, "a table or unit format needs its package"
        return self.pkg

    @property
    def table(self) -> Resource:
        assert self.res is not None, "a table format needs its table"
        return self.res


@dataclass(frozen=True)
class Format:
    name: str  # unique, ASCII
    media_type: str
    label: str  # the link's words where files are listed by kind (CSV, 数据包（ZIP）)
    description: str  # what the file holds; {what} is the subject's label
    scope: str
    filename: str  # with {table}, {year}, {unit}, {key} or {source}
    writer: Callable[[Subject], bytes | Path]  # the file's bytes, or a file published as it is
    shown_on: str = ON_UNIT  # the page that lists it for readers
    applies: Callable[[Subject], bool] = lambda s: True  # whether the subject has this file
    describes: Callable[[Subject], dict[str, Any]] = lambda s: {}  # more fields for `description`

    def file(self, subject: Subject) -> str:
        pkg = subject.pkg
        return self.filename.format(
            table=subject.res.name if subject.res else "",
            year=pkg.year if pkg else subject.key,
            unit=pkg.slug if pkg else "",
            key=subject.key,
            source=subject.source.get("path", ""),
        )

    def describe(self, subject: Subject) -> str:
        return self.description.format(what=subject.label, **self.describes(subject))


def _unit_zip(s: Subject) -> bytes:
    checks_csv = named("checks-csv")
    made = s.output(checks_csv)
    content = made if isinstance(made, bytes) else made.read_bytes()
    return zips.package_zip(s.package, {checks_csv.file(s): content}, s.terms)


def _execution(s: Subject) -> execution.Execution:
    assert s.execution is not None, "an execution file needs a 决算 with its execution"
    return s.execution


def _is_pdf(s: Subject) -> bool:
    return str(s.source.get("path", "")).lower().endswith(".pdf")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: list[Format] = [
    Format(
        "csv",
        "text/csv",
        "CSV",
        "CSV，UTF-8，字段名为英文，适合程序处理",
        TABLE,
        "{table}.csv",
        lambda s: csvs.table_csv(s.package, s.table),
    ),
    Format(
        "excel-csv",
        "text/csv",
        "CSV（Excel）",
        "CSV，UTF-8 带 BOM，中文表头（金额栏注明单位），编码为文本，可直接用 Excel 打开",
        TABLE,
        "{table}.excel.csv",
        lambda s: csvs.excel_csv(s.table),
    ),
    Format(
        "xlsx",
        XLSX,
        "XLSX",
        "Excel 工作簿，编码为文本、金额为数值，另附“说明”表（出处、推算说明、发布与许可）",
        TABLE,
        "{table}.xlsx",
        lambda s: table_xlsx(s.package, s.table, s.terms),
    ),
    Format(
        "zip",
        "application/zip",
        "整个数据包（ZIP）",
        "整个数据包（datapackage.json、全部 CSV、说明文本和数据核对结果 checks.csv）",
        UNIT,
        "{year}-{unit}.zip",
        _unit_zip,
    ),
    Format(
        "package-xlsx",
        XLSX,
        "全部报表（XLSX，每表一页）",
        "全部报表的 Excel 工作簿（每表一页，另附“说明”表）",
        UNIT,
        "{year}-{unit}.xlsx",
        lambda s: package_xlsx(s.package, s.terms),
    ),
    Format(
        "datapackage",
        "application/json",
        "datapackage.json",
        "数据包描述（Frictionless：单位、年度、金额单位、来源和每张表的字段）",
        UNIT,
        "datapackage.json",
        lambda s: s.package.path / "datapackage.json",
        shown_on="",
    ),
    Format(
        "checks-csv",
        "text/csv",
        "CSV",
        "数据核对结果（CSV，UTF-8）",
        UNIT,
        "checks.csv",
        lambda s: checks.checks_csv(s.package.checks),
        shown_on=ON_CHECKS,
    ),
    Format(
        "checks-excel-csv",
        "text/csv",
        "CSV（Excel）",
        "数据核对结果，Excel 用（CSV，UTF-8 带 BOM，中文表头）",
        UNIT,
        "checks.excel.csv",
        lambda s: checks.checks_excel_csv(s.package.checks),
        shown_on=ON_CHECKS,
    ),
    Format(
        "execution-csv",
        "text/csv",
        "CSV",
        W.execution_csv,
        UNIT,
        "execution.csv",
        lambda s: execution.execution_csv(_execution(s)),
        shown_on=ON_EXECUTION,
        applies=lambda s: s.execution is not None,
        describes=lambda s: {"unit": _execution(s).unit},
    ),
    Format(
        "execution-excel-csv",
        "text/csv",
        "CSV（Excel）",
        W.execution_excel,
        UNIT,
        "execution.excel.csv",
        lambda s: execution.execution_excel_csv(_execution(s)),
        shown_on=ON_EXECUTION,
        applies=lambda s: s.execution is not None,
    ),
    Format(
        "original-pdf",
        "application/pdf",
        "PDF",
        "原始公开文件（PDF），照发布时原样",
        SOURCE,
        "{source}",
        lambda s: s.package.path / s.source["path"],
        shown_on=ON_ORIGINALS,
        applies=_is_pdf,
    ),
    Format(
        "original-text",
        "text/plain",
        "TXT",
        "原始公开文件的文字（从 PDF 提取，表格各栏以制表符分隔）",
        SOURCE,
        "{source}",
        lambda s: s.package.path / s.source["path"],
        shown_on=ON_ORIGINALS,
        applies=lambda s: not _is_pdf(s),
    ),
    Format(
        "comparison-json",
        "application/json",
        "JSON",
        "{what}各单位主要数字（年度页表格排序、筛选所用）",
        COMPARISON,
        compare.COMPARE_JSON,
        lambda s: compare.comparison_json(s.comparison),
        shown_on="",
    ),
    Format(
        "comparison-csv",
        "text/csv",
        "CSV",
        "{what}各单位主要数字（CSV，UTF-8，金额单位" + cat.COMPARISON_UNIT + "）",
        COMPARISON,
        compare.COMPARE_CSV,
        lambda s: compare.comparison_csv(s.comparison),
        shown_on="",
    ),
    Format(
        "long-csv",
        "text/csv",
        "CSV",
        "{what}长表：每个数字一行（CSV，UTF-8）",
        YEAR,
        "budget-{key}.csv",
        lambda s: long.long_csv(s.packages),
    ),
    Format(
        "long-excel-csv",
        "text/csv",
        "CSV（Excel）",
        "{what}长表，Excel 用（CSV，UTF-8 带 BOM，中文表头，编码为文本）",
        YEAR,
        "budget-{key}.excel.csv",
        lambda s: long.long_excel_csv(s.packages),
    ),
    Format(
        "long-xlsx",
        XLSX,
        "XLSX",
        "{what}长表（XLSX）",
        YEAR,
        "budget-{key}.xlsx",
        lambda s: long.long_xlsx(s.packages, f"{s.label}预算公开数据长表", s.terms),
    ),
    Format(
        "long-parquet",
        parquet.MEDIA_TYPE,
        "Parquet",
        "{what}长表（Parquet：年度与行为整数，金额（元）为精确小数 decimal128，编码与原文数字为文本）",
        YEAR,
        "budget-{key}.parquet",
        lambda s: parquet.long_parquet(s.packages),
    ),
    Format(
        "fiscal-csv",
        "text/csv",
        "CSV",
        "按功能分类的支出（最细一级科目，分基本支出、项目支出，金额换算成元）",
        ALL,
        fiscal.FDP_CSV,
        lambda s: fiscal.fiscal_csv(s.packages),
    ),
    Format(
        "fiscal-datapackage",
        "application/json",
        "JSON",
        "上表的 OpenSpending Fiscal Data Package 描述（已批准预算、支出、人民币、功能分类）",
        ALL,
        "fiscal-datapackage.json",
        lambda s: fiscal.fiscal_descriptor(s.terms),
    ),
    Format(
        "sqlite",
        "application/vnd.sqlite3",
        "SQLite",
        "全部数据包的 SQLite 数据库（单位、报表、金额，名称可全文检索，两个字的词也能查）",
        ALL,
        "budget.sqlite",
        lambda s: sqlite.sqlite_bytes(s.packages, s.terms),
    ),
    Format(
        "datasette-metadata",
        "application/json",
        "JSON",
        "Datasette 元数据（标题、说明、许可、两个字的词的查询）",
        ALL,
        "metadata.json",
        lambda s: sqlite.datasette_metadata(s.terms),
    ),
]


def register(fmt: Format) -> Format:
    """Add a format (after the built-in ones); its name must be new and its scope one of SCOPES."""
    if fmt.scope not in SCOPES:
        raise ValueError(f"unknown scope {fmt.scope!r}: one of {', '.join(SCOPES)}")
    if any(f.name == fmt.name for f in FORMATS):
        raise ValueError(f"a format named {fmt.name!r} is already registered")
    FORMATS.append(fmt)
    return fmt


def unregister(name: str) -> None:
    FORMATS[:] = [f for f in FORMATS if f.name != name]


def of_scope(scope: str) -> list[Format]:
    return [f for f in FORMATS if f.scope == scope]


def shown_on(files: list[Download], page: str) -> list[Download]:
    """The files a page lists for readers."""
    return [f for f in files if f.format.shown_on == page]


def named(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)


@dataclass(frozen=True)
class Download:
    """One file of a format for a subject: its name, its path from the site's root and what it holds."""

    format: Format
    file: str
    path: str
    what: str


def downloads(scope: str, subject: Subject, folder: str) -> list[Download]:
    """The files of every format of a scope for a subject, in `folder` (a path from the site's root; "" is the
    root)."""
    out = []
    for f in of_scope(scope):
        if not f.applies(subject):
            continue
        name = f.file(subject)
        out.append(Download(f, name, f"{folder}/{name}" if folder else name, f.describe(subject)))
    return out


def bulk_subjects(packages: list[Package], snapshot: bool, terms: Terms) -> list[tuple[str, Subject]]:
    """The subjects of the bulk files with their scope: each year's packages and, on a site of several years, all
    of them (year-scoped formats), then everything the site or snapshot holds (all-scoped ones)."""
    out = []
    for y in sorted({p.year for p in packages}):
        mine = [p for p in packages if p.year == y]
        out.append((YEAR, Subject(terms, packages=mine, key=str(y), label=W.year.format(y=y))))
    if not snapshot:
        out.append((YEAR, Subject(terms, packages=packages, key=ALL_YEARS, label=W.bulk_all)))
    label = W.bulk_all if not snapshot else W.year.format(y=packages[0].year)
    out.append((ALL, Subject(terms, packages=packages, key=ALL_YEARS, label=label)))
    return out
