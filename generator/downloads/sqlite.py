"""The SQLite database of every package, as Datasette opens it (with its metadata.json): units, their tables and
every amount of the long table, with full-text indexes of names for words of any length."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from pathlib import Path

from ..package import Package
from ..terms import Terms
from .long import COLUMNS, long_rows

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
                        table_ids[r.table],
                        r.row,
                        r.code,
                        r.name,
                        r.column,
                        r.column_title,
                        r.printed,
                        r.printed_unit,
                        r.amount_yuan,
                        float(r.amount_yuan) if r.amount_yuan is not None else None,
                        r.source,
                    ),
                ).lastrowid
                db.execute(
                    "INSERT INTO amounts_bigram (rowid, name, column_title) VALUES (?, ?, ?)",
                    (amount_id, bigrams(r.name), bigrams(r.column_title)),
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
