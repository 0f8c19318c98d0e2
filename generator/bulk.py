"""Everything published in one download: a long table of every amount (CSV, XLSX) per year and for all years, and
one SQLite database of all packages that Datasette opens as it is (with its metadata.json).

A row of the long table is one printed figure: where it is (year, unit, table, row), what it is (code, name, column),
the figure and unit as printed, the exact amount in 元 and where it was printed (出处). Amounts stay exact: the
printed figure is kept as text, and the amount in 元 is computed with Decimal and written as text."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from . import catalogue as cat
from .amounts import plain
from .model import Row
from .package import Package, Resource, csv_records, excel_csv_records
from .terms import Terms

COLUMNS = (
    ("year", "年度"),
    ("unit", "单位"),
    ("unit_slug", "单位代号"),
    ("level", "公开层级"),
    ("table", "数据表"),
    ("table_title", "报表标题"),
    ("row", "行"),
    ("code", "科目编码"),
    ("name", "名称"),
    ("column", "栏目"),
    ("column_title", "栏目标题"),
    ("printed", "原文数字"),
    ("printed_unit", "原文单位"),
    ("amount_yuan", "金额（元）"),
    ("source", "出处"),
    ("kind", "文件类型"),  # 预算 or 决算
)
NAMES = [c for c, _ in COLUMNS]
_ROW_OFFSET = 2  # a row's number is its line in the CSV (the header is line 1), as in the checks
_LOCATED = re.compile(r"^(?P<file>.+?)(?::\s*page \d+|:\d+)$")  # printedAt: "file.pdf: page 9" or "file.txt:93"


def _document(pkg: Package, res: Resource) -> str:
    """The file a table was printed in: from where the table was located, else the package's (first) source."""
    m = _LOCATED.match(str(res.descriptor.get("printedAt") or ""))
    if m:
        return m.group("file")
    sources = pkg.descriptor.get("sources") or [{}]
    return str(sources[0].get("file") or "")


def _sourced(document: str, where: str) -> str:
    """A row's 出处 naming its document: `file.pdf: page 10, table 1`, `file.txt: line 97`."""
    if not where or not document or where.startswith(document):
        return where or document
    return f"{document}: {where}"


def long_rows(pkg: Package) -> Iterator[tuple[Any, ...]]:
    """Every printed figure of a package, one row each (in COLUMNS order; year and row integers, every other cell
    text or None): the package's tables reshaped from wide (a column per amount) to long (a row per amount). Made
    afresh for each bulk format (a few milliseconds a package) rather than kept: a year of thousands of units is
    then never held in memory as one long table."""
    prov = pkg.resources.get("provenance")
    where: dict[tuple[str, int], str] = {}
    for r in prov.rows if prov else []:
        where[(str(r["resource"]), int(str(r["row"])))] = str(r["source"])
    level = str(pkg.budget.get("level", "单位"))
    for res in pkg.resources.values():
        if res.is_table and res.name != "provenance":
            yield from _table_rows(pkg, res, level, where)


_NUMBER_LIKE = re.compile(r"^[-+]?[\d,.]+%?$")  # a text cell holding a figure (a percentage) names nothing


def _first(row: Row, fields: list[str], names: bool = False) -> Any:
    for f in fields:
        value = row.get(f)
        if value is not None and not (names and _NUMBER_LIKE.match(str(value))):
            return value
    return None


def _table_rows(pkg: Package, res: Resource, level: str, where: dict[tuple[str, int], str]) -> Iterator[tuple]:
    """One table's figures: each amount cell with the code and the name of its row as the page shows them. A
    figure's code and name are those of the text columns printed before it (the nearest run of them: a two-sided
    table has two), the name being the one printed after the code, or the last; where those cells are blank, the row's first name and code, and a row with no name is named
    by its first text (a 合计 printed in the code column)."""
    fields = res.fields
    names = [f["name"] for f in fields]
    codes = res.code_fields
    texts = [f["name"] for f in fields if f.get("type") == "string" and f["name"] != "level"]
    labels = [n for n in texts if n not in codes]
    columns = []
    for j, f in enumerate(fields):
        if f.get("type") != "number":
            continue
        run: list[str] = []  # the nearest run of text columns before this one
        for n in reversed(names[:j]):
            if n in texts or n == "level":
                run.insert(0, n)
            elif run:
                break
        run_codes = [n for n in run if n in codes]
        # the name printed after the run's code (科目编码 | 科目名称), else the run's last (单位名称 | 项目名称)
        after = run[run.index(run_codes[0]) + 1 :] if run_codes else []
        run_labels = [n for n in after if n in labels][:1] or [n for n in reversed(run) if n in labels]
        columns.append((f["name"], str(f.get("title", f["name"])), run_labels, run_codes))
    unit = res.unit
    factor = cat.unit_factor(unit, "元") if unit else None
    document = _document(pkg, res)
    for k, row in enumerate(res.rows, start=1):
        row_name = _first(row, labels, names=True) or _first(row, texts)
        row_code = _first(row, codes)
        source = _sourced(document, where.get((res.name, k), ""))
        for column, title, label, code in columns:
            value = row.get(column)
            if value is None:
                continue
            yield (
                pkg.year,
                pkg.unit,
                pkg.slug,
                level,
                res.name,
                res.title,
                k + _ROW_OFFSET - 1,
                _first(row, code) or row_code,
                _first(row, label, names=True) or row_name,
                column,
                title,
                str(value),
                unit or None,
                plain(Decimal(str(value)) * factor) if factor is not None else None,
                source,
                pkg.kind,
            )


def long_csv(pkgs: Iterable[Package]) -> bytes:
    return csv_records(NAMES, (r for p in pkgs for r in long_rows(p))).encode("utf-8")


def long_excel_csv(pkgs: Iterable[Package]) -> bytes:
    """The long table for Excel: Chinese headers, year and row as numbers, codes as text."""
    rows = (r for p in pkgs for r in long_rows(p))
    return excel_csv_records([t for _, t in COLUMNS], rows, numeric={0, 6}, codes={NAMES.index("code")})


_RUN = re.compile(r"\w+")


def bigrams(text: str | None) -> str:
    """Text as its overlapping two-character tokens, space-separated (三公经费 → 三公 公经 经费), word by word: what
    the second full-text table holds, so that a two-character word is one token there."""
    out: list[str] = []
    for run in _RUN.findall(text or ""):
        out += [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]
    return " ".join(out)


SHORT_WORDS = "short_words"  # the canned query for a word of one or two characters


def sqlite_bytes(pkgs: list[Package], terms: Terms) -> bytes:
    """One database: units, their tables, every amount (with foreign keys) and two full-text indexes of names:
    `amounts_fts` (trigram tokens, so a word of three or more characters is found inside a longer name) and
    `amounts_bigram` (two-character tokens, for a word of two characters such as 三公, which trigrams cannot find)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "budget.sqlite"
        db = sqlite3.connect(path)
        db.executescript(
            """
            PRAGMA foreign_keys = ON;
            CREATE TABLE units (id INTEGER PRIMARY KEY, year INTEGER, unit_slug TEXT, unit TEXT, level TEXT,
                kind TEXT, document_title TEXT, amount_unit TEXT, licence TEXT, UNIQUE (year, unit_slug));
            CREATE TABLE tables (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id), name TEXT, title TEXT,
                amount_unit TEXT, printed_at TEXT, UNIQUE (unit_id, name));
            CREATE TABLE amounts (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id),
                table_id INTEGER REFERENCES tables(id), row INTEGER, code TEXT, name TEXT, column TEXT,
                column_title TEXT, printed TEXT, printed_unit TEXT, amount_yuan TEXT, amount_yuan_sort REAL,
                source TEXT);
            CREATE VIRTUAL TABLE amounts_fts USING fts5(name, column_title, content='amounts', content_rowid='id',
                tokenize='trigram');
            CREATE VIRTUAL TABLE amounts_bigram USING fts5(name, column_title, content='', tokenize='unicode61');
            """
        )
        for pkg in sorted(pkgs, key=lambda p: (p.year, p.slug)):
            unit_id = db.execute(
                "INSERT INTO units (year, unit_slug, unit, level, kind, document_title, amount_unit, licence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pkg.year,
                    pkg.slug,
                    pkg.unit,
                    str(pkg.budget.get("level", "单位")),
                    pkg.kind,
                    str(pkg.budget.get("documentTitle", "")),
                    str(pkg.budget.get("amountUnit", "")),
                    terms.licence,
                ),
            ).lastrowid
            table_ids: dict[str, int] = {}
            for res in pkg.resources.values():
                if res.is_table and res.name != "provenance":
                    table_ids[res.name] = (
                        db.execute(
                            "INSERT INTO tables (unit_id, name, title, amount_unit, printed_at) VALUES (?, ?, ?, ?, ?)",
                            (unit_id, res.name, res.title, res.unit or None, res.descriptor.get("printedAt")),
                        ).lastrowid
                        or 0
                    )
            for r in long_rows(pkg):
                amount_id = db.execute(
                    "INSERT INTO amounts (unit_id, table_id, row, code, name, column, column_title, printed,"
                    " printed_unit, amount_yuan, amount_yuan_sort, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        unit_id,
                        table_ids[r[4]],
                        r[6],
                        r[7],
                        r[8],
                        r[9],
                        r[10],
                        r[11],
                        r[12],
                        r[13],
                        float(r[13]) if r[13] is not None else None,
                        r[14],
                    ),
                ).lastrowid
                db.execute(
                    "INSERT INTO amounts_bigram (rowid, name, column_title) VALUES (?, ?, ?)",
                    (amount_id, bigrams(r[8]), bigrams(r[10])),
                )
        db.execute("INSERT INTO amounts_fts (amounts_fts) VALUES ('rebuild')")
        db.commit()
        db.execute("VACUUM")
        db.close()
        return path.read_bytes()


def datasette_metadata(terms: Terms) -> bytes:
    """metadata.json for `datasette budget.sqlite --metadata metadata.json`."""
    meta = {
        "title": f"{terms.publisher}：全部数据包",
        "license": terms.licence,
        "license_url": terms.licence_url,
        "source": terms.source_rights,
        "databases": {
            "budget": {
                "tables": {
                    "units": {"description": "每个单位每年的公开文件，每份一行；kind 为“预算”或“决算”。"},
                    "tables": {"description": "各份文件中的报表，含金额单位与原文出处。"},
                    "amounts": {
                        "description": "每个印刷数字一行：原文数字（printed）与原文单位（printed_unit）照录；"
                        "amount_yuan 为换算成元的精确金额（文本）；amount_yuan_sort 仅供排序（浮点，可能有舍入）。"
                        "名称全文检索（amounts_fts，三字切分）查三个字及以上的词；两个字的词（如“三公”）"
                        "用查询 short_words，它查 amounts_bigram（两字切分）。",
                        "fts_table": "amounts_fts",
                        "fts_pk": "id",
                        "columns": {
                            c: t for c, t in COLUMNS if c not in ("year", "unit", "unit_slug", "level", "kind")
                        },
                    },
                    "amounts_bigram": {
                        "description": "名称与栏目标题的两字切分全文索引（无内容表，rowid 即 amounts.id）："
                        "两个字的词在这里是一个词元，MATCH '三公' 即可找到。",
                        "hidden": True,
                    },
                },
                "queries": {
                    SHORT_WORDS: {
                        "title": "按两个字的词查找名称（如“三公”）",
                        "description": "三字切分的全文检索找不到两个字的词，本查询用两字切分的索引 amounts_bigram。",
                        "sql": "SELECT u.year, u.unit, u.kind, t.title AS table_title, a.row, a.code, a.name, a.column_title,"
                        " a.printed, a.printed_unit, a.amount_yuan, a.source FROM amounts_bigram b"
                        " JOIN amounts a ON a.id = b.rowid JOIN units u ON u.id = a.unit_id"
                        " JOIN tables t ON t.id = a.table_id WHERE amounts_bigram MATCH :word"
                        " ORDER BY u.year, u.unit_slug, a.id",
                    }
                },
            }
        },
    }
    return (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def long_xlsx(pkgs: Iterable[Package], title: str, terms: Terms) -> bytes:
    from .xlsx import records_xlsx

    numbers = {0, 6, 13}  # year, row, amount in 元
    return records_xlsx(title, [t for _, t in COLUMNS], (r for p in pkgs for r in long_rows(p)), numbers, terms)


# ---------------------------------------------------------------------------------------------
# OpenSpending Fiscal Data Package (v1): approved expenditure by function, for existing fiscal-data tools

FDP_COLUMNS = (
    "year",
    "unit",
    "unit_slug",
    "function_code",
    "function_name",
    "class_code",
    "class_name",
    "type",
    "printed",
    "printed_unit",
    "amount_yuan",
)


FDP_CSV = "fiscal-expenditure.csv"


def fiscal_frame(pkgs: Iterable[Package]) -> pd.DataFrame:
    """Each unit's 支出总表 at its finest printed level (a code with no printed code under it), split into 基本支出,
    项目支出 and the other parts of its 合计 it prints (事业单位经营支出 …), else its 合计: amounts that add up to the
    unit's total without double counting.
    Taken from the long table: its figures of those rows and columns."""
    classes = {code: name for name, code in cat.FUNCTION_CLASSES.items()}
    frames = []
    for pkg in sorted(pkgs, key=lambda p: (p.year, p.slug)):
        res = pkg.table("expenditure_summary")
        if res is None or not res.rows or not res.unit:
            continue
        codes = sorted({str(r["code"]) for r in res.rows if r.get("code") and str(r["code"]).isdigit()})
        leaves = {c for c, nxt in zip(codes, [*codes[1:], ""], strict=False) if not nxt.startswith(c)}
        names = {f["name"] for f in res.fields}
        parts = [p for p in cat.EXPENDITURE_PARTS if p in names] or ["total"]
        again = {k + 1 for k in range(len(res.rows)) if cat.printed_again(res.rows, k)}  # a 款 printed again as
        mine = pd.DataFrame.from_records(  # its only 项 is counted once
            [r for r in long_rows(pkg) if r[4] == res.name and r[7] in leaves and r[9] in parts and r[6] not in again],
            columns=NAMES,
        )
        frames.append(
            pd.DataFrame(
                {
                    "year": mine["year"],
                    "unit": mine["unit"],
                    "unit_slug": mine["unit_slug"],
                    "function_code": mine["code"],
                    "function_name": mine["name"],
                    "class_code": mine["code"].str[:3],
                    "class_name": mine["code"].str[:3].map(classes),
                    "type": mine["column_title"],
                    "printed": mine["printed"],
                    "printed_unit": mine["printed_unit"],
                    "amount_yuan": mine["amount_yuan"],
                },
                columns=list(FDP_COLUMNS),
            )
        )
    if not frames:
        return pd.DataFrame(columns=list(FDP_COLUMNS), dtype=object)
    out = pd.concat(frames, ignore_index=True).astype(object)
    return out.where(out.notna(), None)


def fiscal_rows(pkgs: Iterable[Package]) -> Iterator[tuple[Any, ...]]:
    yield from fiscal_frame(pkgs).itertuples(index=False, name=None)


def fiscal_csv(pkgs: Iterable[Package]) -> bytes:
    return csv_records(list(FDP_COLUMNS), fiscal_rows(pkgs)).encode("utf-8")


def fiscal_datapackage(pkgs: list[Package], terms: Terms, csv_name: str = FDP_CSV) -> tuple[bytes, bytes]:
    """The rows (CSV) and their Fiscal Data Package descriptor."""
    return fiscal_csv(pkgs), fiscal_descriptor(terms, csv_name)


def fiscal_descriptor(terms: Terms, csv_name: str = FDP_CSV) -> bytes:
    """The Fiscal Data Package descriptor of the rows: phase approved, direction expenditure, currency CNY,
    functional classification (and the administrative unit, the year and the 基本/项目 type as dimensions)."""
    text = [{"name": c, "type": "string"} for c in FDP_COLUMNS]
    text[0]["type"] = "integer"
    descriptor = {
        "name": "budget-expenditure-by-function",
        "title": f"{terms.publisher}：按功能分类的预算支出",
        "profile": "fiscal-data-package",
        "countryCode": "CN",
        "licenses": terms.licenses(),
        "resources": [
            {
                "name": "expenditure",
                "path": csv_name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [*text[:-1], {"name": "amount_yuan", "type": "number"}]},
            }
        ],
        "model": {
            "measures": {
                "amount": {"source": "amount_yuan", "currency": "CNY", "direction": "expenditure", "phase": "approved"}
            },
            "dimensions": {
                "date": {
                    "attributes": {"year": {"source": "year"}},
                    "primaryKey": ["year"],
                    "dimensionType": "datetime",
                },
                "administrative-classification": {
                    "attributes": {"id": {"source": "unit_slug"}, "name": {"source": "unit", "labelfor": "id"}},
                    "primaryKey": ["id"],
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                },
                "functional-classification": {
                    "attributes": {
                        "code": {"source": "function_code"},
                        "label": {"source": "function_name", "labelfor": "code"},
                        "class": {"source": "class_code"},
                        "class_label": {"source": "class_name", "labelfor": "class"},
                    },
                    "primaryKey": ["code"],
                    "dimensionType": "classification",
                    "classificationType": "functional",
                },
                "expenditure-type": {"attributes": {"type": {"source": "type"}}, "primaryKey": ["type"]},
            },
        },
    }
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
