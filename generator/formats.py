"""Every download format in one place. Pages list them, the catalogue (DCAT and each page's schema.org Dataset)
describes them and the renderer writes them, all by iterating over `FORMATS`; a snapshot's SHA256SUMS lists what
was written. A new format is a writer (in a module of its own) and one `Format` entry here, or a `register` call.

Scopes: `table` (a file per table of a unit), `unit` (a file per unit and year), `year` (a file per year, and on
the site that holds several years one more for all of them together: key `all`), `all` (one file for everything
the site or the snapshot holds)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import bulk, parquet
from .downloads import checks_csvs, excel_csv, package_zip
from .package import Package, Resource
from .terms import Terms, project_terms
from .wording import W
from .xlsx import package_xlsx, table_xlsx

TABLE, UNIT, YEAR, ALL = "table", "unit", "year", "all"
SCOPES = (TABLE, UNIT, YEAR, ALL)
ALL_YEARS = "all"  # the key of a year-scoped file of every year


@dataclass
class Subject:
    """What one file is written for: a table of a package, a package, or packages (a year's, or all)."""

    terms: Terms
    pkg: Package | None = None
    res: Resource | None = None
    packages: list[Package] = field(default_factory=list)
    key: str = ""  # a year, or ALL_YEARS
    label: str = ""  # what the packages are, as a page says it (2026年, 全部年度)

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
    filename: str  # with {table}, {year}, {unit} or {key}
    writer: Callable[[Subject], bytes | Path]  # the file's bytes, or a file published as it is

    def file(self, subject: Subject) -> str:
        pkg = subject.pkg
        return self.filename.format(
            table=subject.res.name if subject.res else "",
            year=pkg.year if pkg else subject.key,
            unit=pkg.slug if pkg else "",
            key=subject.key,
        )

    def describe(self, subject: Subject) -> str:
        return self.description.format(what=subject.label)


def _table_csv(s: Subject) -> Path:
    return s.package.path / s.table.descriptor["path"]


def _unit_zip(s: Subject) -> bytes:
    checks, _ = checks_csvs(s.package.checks)
    return package_zip(s.package, {"checks.csv": checks}, s.terms)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: list[Format] = [
    Format("csv", "text/csv", "CSV", "CSV，UTF-8，字段名为英文，适合程序处理", TABLE, "{table}.csv", _table_csv),
    Format(
        "excel-csv",
        "text/csv",
        "CSV（Excel）",
        "CSV，UTF-8 带 BOM，中文表头（金额栏注明单位），编码为文本，可直接用 Excel 打开",
        TABLE,
        "{table}.excel.csv",
        lambda s: excel_csv(s.table),
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
        "long-csv",
        "text/csv",
        "CSV",
        "{what}长表：每个数字一行（CSV，UTF-8）",
        YEAR,
        "budget-{key}.csv",
        lambda s: bulk.long_csv(s.packages),
    ),
    Format(
        "long-excel-csv",
        "text/csv",
        "CSV（Excel）",
        "{what}长表，Excel 用（CSV，UTF-8 带 BOM，中文表头，编码为文本）",
        YEAR,
        "budget-{key}.excel.csv",
        lambda s: bulk.long_excel_csv(s.packages),
    ),
    Format(
        "long-xlsx",
        XLSX,
        "XLSX",
        "{what}长表（XLSX）",
        YEAR,
        "budget-{key}.xlsx",
        lambda s: bulk.long_xlsx(s.packages, f"{s.label}预算公开数据长表", s.terms),
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
        bulk.FDP_CSV,
        lambda s: bulk.fiscal_csv(s.packages),
    ),
    Format(
        "fiscal-datapackage",
        "application/json",
        "JSON",
        "上表的 OpenSpending Fiscal Data Package 描述（已批准预算、支出、人民币、功能分类）",
        ALL,
        "fiscal-datapackage.json",
        lambda s: bulk.fiscal_descriptor(s.terms),
    ),
    Format(
        "sqlite",
        "application/vnd.sqlite3",
        "SQLite",
        "全部数据包的 SQLite 数据库（单位、报表、金额，名称可全文检索，两个字的词也能查）",
        ALL,
        "budget.sqlite",
        lambda s: bulk.sqlite_bytes(s.packages, s.terms),
    ),
    Format(
        "datasette-metadata",
        "application/json",
        "JSON",
        "Datasette 元数据（标题、说明、许可、两个字的词的查询）",
        ALL,
        "metadata.json",
        lambda s: bulk.datasette_metadata(s.terms),
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
    """The files of every format of a scope for a subject, in `folder` (a path from the site's root)."""
    out = []
    for f in of_scope(scope):
        name = f.file(subject)
        out.append(Download(f, name, f"{folder}/{name}", f.describe(subject)))
    return out


def bulk_subjects(packages: list[Package], snapshot: bool) -> list[tuple[str, Subject]]:
    """The subjects of the bulk files with their scope: each year's packages and, on a site of several years, all
    of them (year-scoped formats), then everything the site or snapshot holds (all-scoped ones)."""
    terms = project_terms(packages[0].path)
    out = []
    for y in sorted({p.year for p in packages}):
        mine = [p for p in packages if p.year == y]
        out.append((YEAR, Subject(terms, packages=mine, key=str(y), label=W.year.format(y=y))))
    if not snapshot:
        out.append((YEAR, Subject(terms, packages=packages, key=ALL_YEARS, label=W.bulk_all)))
    label = W.bulk_all if not snapshot else W.year.format(y=packages[0].year)
    out.append((ALL, Subject(terms, packages=packages, key=ALL_YEARS, label=label)))
    return out
