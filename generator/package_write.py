"""Disclosure → data package on disk: the descriptor (a Table Schema per table, the provenance table, the budget
metadata), the CSVs and texts, and the originals it was read from, written into datapackages/<year>/<unit>/ whole
or not at all."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import catalogue as cat
from .csvfiles import csv_text
from .errors import PackageError
from .files import swap_into
from .model import Disclosure, Row, Table
from .package import CSV_DIALECT, DESCRIPTOR, PROVENANCE, SOURCE_DIR
from .terms import Terms

_CODE_PATTERN = r"^(合计|\d{3}(\d{2}){0,2})$"
_ECON_CODE_PATTERN = r"^(合计|\d{3}\d{0,2}|\d{7})$"


def _schema_field(f: cat.Field, table: Table) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "title": table.titles.get(f.name, f.title), "type": f.type}
    desc = f.description
    path = table.header_paths.get(f.name)
    if path and path != out["title"]:
        desc = f"{desc}原表表头：{path}。"
    if f.role == cat.AMOUNT and table.amount_unit:
        desc = f"{desc}单位：{table.amount_unit}。"
    if f.name in table.derived:
        desc = f"{desc}（推算：{table.derived[f.name]}）"
        out["derived"] = table.derived[f.name]  # not printed in the document: how the package computed it
    out["description"] = desc
    constraints: dict[str, Any] = {}
    if f.role == cat.CODE:
        constraints["pattern"] = _ECON_CODE_PATTERN if f.name.endswith("economic_code") else _CODE_PATTERN
    if f.role == cat.LEVEL:
        constraints["enum"] = (
            ["合计", "类", "款", "项"] if f.name == "level" and "code" in table.titles else ["合计", "类", "款"]
        )
    if f.role == cat.INDEX:
        constraints["minimum"] = 1
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    if f.role == cat.AMOUNT:
        out["bareNumber"] = True
    return out


def _spec(name: str, table: Table | None = None) -> cat.TableKind | cat.ExtraResource:
    if table is not None and table.printed_fields is not None:
        return _printed_spec(table)
    if name in cat.BY_NAME:
        return cat.BY_NAME[name]
    return next(e for e in cat.EXTRAS if e.name == name)


def _printed_spec(table: Table) -> cat.ExtraResource:
    """A table read as printed: its columns as the document heads them, amounts as numbers in the table's unit."""
    fields = tuple(
        cat.Field(name, title, cat.AMOUNT if kind == "number" else cat.LABEL, "")
        for name, title, kind in table.printed_fields or []
    )
    hint = cat.BY_NAME[table.kind_hint].title if table.kind_hint in cat.BY_NAME else None
    description = "照原表录入的报表：栏目与原表相同。" + (
        f"原表标题对应全国统一报表“{hint}”，但栏目格式与统一格式不同，未换算为统一格式。" if hint else ""
    )
    return cat.ExtraResource(table.name, table.printed_title, fields, description)


def descriptor_for(d: Disclosure, slug: str, terms: Terms | None = None) -> dict[str, Any]:
    terms = terms or Terms()
    resources: list[dict[str, Any]] = []
    printed = [n for n, t in d.tables.items() if t.printed_fields is not None]
    order = [t.name for t in cat.ALL_TABLES] + printed + [e.name for e in cat.EXTRAS]
    for name in order:
        if name not in d.tables:
            continue
        table = d.tables[name]
        spec = _spec(name, table)
        fields = [f for f in spec.fields if f.name in table.titles]  # the columns this document prints
        pk = _primary_key(spec, table)
        res: dict[str, Any] = {
            "name": name,
            "title": table.printed_title,
            "description": spec.description,
            "path": f"data/{name}.csv",
            "type": "table",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": dict(CSV_DIALECT),
            "schema": {"fields": [_schema_field(f, table) for f in fields]},
        }
        if pk:
            res["schema"]["primaryKey"] = pk
        if isinstance(spec, cat.TableKind):
            res["tableNumber"] = spec.number
            res["canonicalTitle"] = spec.title
        if table.printed_fields is not None:
            res["asPrinted"] = True
            if table.kind_hint:
                res["kindHint"] = table.kind_hint
        if table.amount_unit:
            res["amountUnit"] = table.amount_unit
            if not table.amount_unit_printed:
                res["amountUnitNote"] = f"原表未印金额单位；按本文件其他报表的单位（{table.amount_unit}）。"
        if table.published_empty:
            res["publishedEmpty"] = True
        if table.note:
            res["sourceNote"] = table.note
        if name in d.intro:
            res["intro"] = d.intro[name]
        if table.located:
            res["printedAt"] = table.located
        resources.append(res)
    for t in d.texts:
        resources.append(
            {
                "name": f"explanation_{t.seq:02d}",
                "title": t.title,
                "path": f"texts/{t.seq:02d}.md",
                "type": "text",
                "scheme": "file",
                "format": "md",
                "mediatype": "text/markdown",
                "encoding": "utf-8",
                "printedAt": t.located,
            }
        )
    resources.append(
        {
            "name": PROVENANCE,
            "title": "数据出处",
            "description": "每一行数据在来源文件中的位置（文本行号或PDF页码与表格）。",
            "path": f"data/{PROVENANCE}.csv",
            "type": "table",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": dict(CSV_DIALECT),
            "schema": {
                "fields": [
                    {"name": "resource", "title": "数据表", "type": "string", "description": "数据表（资源）名称。"},
                    {
                        "name": "row",
                        "title": "行",
                        "type": "integer",
                        "description": "该表中的数据行序号（1起，不含表头）。",
                    },
                    {"name": "source", "title": "出处", "type": "string", "description": "来源文件中的位置。"},
                ],
                "primaryKey": ["resource", "row"],
            },
        }
    )
    return {
        "name": f"{d.year}-{slug}",
        "title": f"{d.unit} {d.title}",
        "description": f"{d.unit}公开的《{d.title}》中的全部报表、绩效目标申报表、概况、情况说明和名词解释。",
        "budget": _budget_metadata(d, slug),
        "sources": [{"title": f"{d.unit}《{d.title}》", "file": f} for f in (d.source, *d.also)],
        "licenses": terms.licenses(),
        "contributors": [{"title": terms.publisher, "role": "publisher"}],
        "resources": resources,
    }


def _primary_key(spec: cat.TableKind | cat.ExtraResource, table: Table) -> list[str]:
    """The first declared key whose fields are printed and identify every row."""
    candidates = [spec.primary_key, *getattr(spec, "alternate_keys", ())]
    for key in candidates:
        if not key or any(k not in table.titles for k in key):
            continue
        values = [tuple(r.get(k) for k in key) for r in table.rows]
        if all(any(v is not None for v in t) for t in values) and len(set(values)) == len(values):
            return list(key)
    return []


def _budget_metadata(d: Disclosure, slug: str) -> dict[str, Any]:
    units = Counter(t.amount_unit for t in d.tables.values() if t.amount_unit and t.rows)
    meta: dict[str, Any] = {
        "unit": d.unit,
        "unitSlug": slug,
        "year": d.year,
        "kind": d.kind,
        "documentTitle": d.title,
        **({"amountUnit": units.most_common(1)[0][0]} if units else {}),
        "attribution": f"数据来源：{d.unit}《{d.title}》。金额照原文录入，未作更正。",
    }
    if d.level != "单位":
        meta["level"] = d.level
    if d.not_published:
        meta["tablesNotPublished"] = d.not_published
    if d.not_imported:
        meta["notImported"] = d.not_imported
    if d.confirmed:
        meta["confirmedDiscrepancies"] = d.confirmed
    if d.captions:
        meta["captions"] = d.captions
    return meta


def _with_originals(descriptor: dict[str, Any], originals: Sequence[Path], staging: Path) -> None:
    """Copy each original file the package was read from into source/, and describe it: path, bytes, SHA-256."""
    by_name = {p.name: p for p in originals}
    for s in descriptor["sources"]:
        path = by_name.get(s["file"])
        if path is None:
            continue
        data = path.read_bytes()
        (staging / SOURCE_DIR).mkdir(exist_ok=True)
        (staging / SOURCE_DIR / path.name).write_bytes(data)
        s.update(path=f"{SOURCE_DIR}/{path.name}", bytes=len(data), hash=f"sha256:{hashlib.sha256(data).hexdigest()}")


def _kind_held(target: Path) -> str | None:
    """预算 or 决算: what the package at `target` holds, if there is one."""
    try:
        return str(json.loads((target / "datapackage.json").read_text(encoding="utf-8"))["budget"]["kind"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_package(
    d: Disclosure,
    slug: str,
    target: Path,
    force: bool = False,
    originals: Sequence[Path] = (),
    terms: Terms | None = None,
) -> Path:
    """Write the package into target (…/<year>/<slug>), replacing an existing one atomically. `originals`: the
    files it was read from, published in it (source/) with their SHA-256. `terms`: the publisher and licence it
    states (the project's; the defaults where none are given)."""
    if target.exists() and not force:
        raise PackageError("a package already exists here; pass --force to replace it", target)
    if (held := _kind_held(target)) not in (None, d.kind):
        raise PackageError(
            f"this is the unit's {held} of {d.year}; a {d.kind} is not written over it: give it a --unit slug of its own",
            target,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}-", dir=target.parent))
    try:
        descriptor = descriptor_for(d, slug, terms)
        _with_originals(descriptor, originals, staging)
        (staging / "data").mkdir()
        (staging / "texts").mkdir()
        prov: list[Row] = []
        for res in descriptor["resources"]:
            if res["name"] == PROVENANCE:
                continue
            if res["type"] == "text":
                seq = int(res["name"].rsplit("_", 1)[1])
                text = next(t for t in d.texts if t.seq == seq)
                (staging / res["path"]).write_text(text.markdown, encoding="utf-8", newline="\n")
                continue
            table = d.tables[res["name"]]
            names = [f["name"] for f in res["schema"]["fields"]]
            (staging / res["path"]).write_text(csv_text(names, table.rows), encoding="utf-8", newline="\n")
            for n, src in enumerate(table.sources, start=1):
                prov.append({"resource": res["name"], "row": str(n), "source": src})
        (staging / "data" / f"{PROVENANCE}.csv").write_text(
            csv_text(["resource", "row", "source"], prov), encoding="utf-8", newline="\n"
        )
        (staging / DESCRIPTOR).write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n"
        )
        swap_into(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
