"""Disclosure ↔ data package on disk: datapackages/<year>/<unit>/datapackage.json + data/*.csv + texts/*.md."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import pickle
import re
import shutil
import tempfile
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import catalogue as cat
from .errors import PackageError
from .files import swap_into
from .model import Disclosure, Row, Table
from .terms import Terms

DESCRIPTOR = "datapackage.json"
PROVENANCE = "provenance"
# Every table is RFC 4180 CSV as Python's csv module writes and reads it. Declared in each table resource, so that
# any reader (Frictionless included) reads it as written instead of guessing.
CSV_DIALECT: dict[str, Any] = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "skipInitialSpace": False}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.(csv|md)$")
_CODE_PATTERN = r"^(合计|\d{3}(\d{2}){0,2})$"
_ECON_CODE_PATTERN = r"^(合计|\d{3}\d{0,2}|\d{7})$"
_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SLUG_RULE = "lower-case letters, digits and hyphens, starting with a letter or a digit (e.g. xinzhou-shebao)"
_RESOURCE_NAME = re.compile(r"^[a-z0-9_]+$")


# ---------------------------------------------------------------------------------------------
# Writing


def is_slug(value: str) -> bool:
    """A unit slug names a directory and the unit's pages: SLUG_RULE, nothing that leaves the year's directory."""
    return _SLUG.fullmatch(value) is not None


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


def csv_records(header: list[str], records: Iterable[Sequence[Any]], newline: str = "\n") -> str:
    """Records (sequences in header order) as CSV; a blank (None) cell stays empty, as the csv module writes it."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(records)
    return buf.getvalue()


def csv_text(fields: list[str], rows: list[Row], header: list[str] | None = None, newline: str = "\n") -> str:
    """Rows as CSV; a blank (None) cell stays empty."""
    return csv_records(header or fields, ([r.get(f) for f in fields] for r in rows), newline)


def excel_csv_bytes(
    fields: list[str], rows: list[Row], titles: list[str], numeric: Collection[str] = (), codes: Collection[str] = ()
) -> bytes:
    """Excel-ready CSV: Chinese headers, UTF-8 with BOM, CRLF, so Excel on Chinese Windows opens it right; a text
    cell that Excel would take for a formula is written as text (`excel_text`). `numeric`: the number fields;
    `codes`: the code fields, kept as text (`excel_code`)."""
    at = {j for j, f in enumerate(fields) if f in numeric}
    code_at = {j for j, f in enumerate(fields) if f in codes}
    return excel_csv_records(titles, ([r.get(f) for f in fields] for r in rows), at, code_at)


# A column of codes: named so in the catalogue (code, economic_code, unit_code …), or, in a table kept as printed,
# headed 编码 or 代码 (科目编码 / 类, 单位编码), not a name that carries a code (主管部门及代码)
_CODE_TITLE = re.compile(r"^[^及名]*(编码|代码)$")


def is_code_field(f: dict[str, Any], as_printed: bool = False) -> bool:
    name = str(f.get("name", ""))
    if name == "code" or name.endswith("_code"):
        return True
    if not as_printed or f.get("type") != "string":
        return False
    return any(_CODE_TITLE.match(part.strip()) for part in str(f.get("title", "")).split("/"))


# What starts a formula in a spreadsheet (OWASP, CSV injection): = + - @, and a tab or carriage return before them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_text(value: Any) -> Any:
    """A text cell as a spreadsheet must show it: prefixed with ' where it would start a formula (Excel shows the
    text and never evaluates it). Numbers and blank cells are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_code(value: Any) -> Any:
    """A code as a spreadsheet must keep it: text, so 024 stays 024 (not 24) and a 20-digit code keeps its digits.
    A CSV cannot type a cell; Excel and WPS read a cell that starts with a tab as text and do not show the tab. A
    code that would start a formula is written as any such text is (`excel_text`)."""
    if not isinstance(value, str) or not value or value.startswith(FORMULA_START):
        return excel_text(value)
    return "\t" + value


def excel_csv_records(
    titles: list[str], records: Iterable[Sequence[Any]], numeric: Collection[int] = (), codes: Collection[int] = ()
) -> bytes:
    """Records as Excel-ready CSV (see `excel_csv_bytes`); the columns at `numeric` hold numbers (-3.40 stays), those
    at `codes` codes (text, `excel_code`)."""
    safe = (
        [v if j in numeric else excel_code(v) if j in codes else excel_text(v) for j, v in enumerate(r)]
        for r in records
    )
    return ("\ufeff" + csv_records([excel_text(t) for t in titles], safe, newline="\r\n")).encode("utf-8")


SOURCE_DIR = "source"  # the original disclosure, published beside the package


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


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class Resource:
    name: str
    title: str
    descriptor: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    text: str | None = None
    package_unit: str = ""  # the package's amount unit, for a table that does not state its own

    @property
    def unit(self) -> str:
        """The unit of this table's amounts: its own, else the package's."""
        return str(self.descriptor.get("amountUnit") or self.package_unit or "")

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor.get("schema", {}).get("fields", [])

    @property
    def code_fields(self) -> list[str]:
        """The columns that hold codes (text, whatever digits they are made of)."""
        printed = bool(self.descriptor.get("asPrinted"))
        return [f["name"] for f in self.fields if is_code_field(f, printed)]

    @property
    def is_table(self) -> bool:
        return self.descriptor.get("type") == "table"

    @property
    def published_empty(self) -> bool:
        return bool(self.descriptor.get("publishedEmpty"))

    @property
    def amount_unit(self) -> str | None:
        return self.descriptor.get("amountUnit")

    def amounts(self, name: str) -> list[Decimal | None]:
        return [None if r.get(name) is None else Decimal(str(r[name])) for r in self.rows]


def pack_checks(results: list[Any]) -> bytes:
    return zlib.compress(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL), 1) if results else b""


_UNPACKED: list[Any] = [None, []]


@dataclass
class Package:
    path: Path
    descriptor: dict[str, Any]
    resources: dict[str, Resource]
    checks_blob: bytes = field(default=b"", repr=False)  # the check results, packed (see `checks`)
    content_key: str = ""  # SHA-256 of the package's files and the generator's code, set when it is loaded
    # what is computed from this package once (e.g. the last-year figures its text states); it lives and dies with
    # this object, which is read afresh from disk whenever the package changes
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def checks(self) -> list[Any]:
        """The checks.Result list, filled in by the build. Kept packed: a large corpus holds several hundred
        results per package, and a page build needs only one package's at a time (the last one is kept)."""
        if not self.checks_blob:
            return []
        if _UNPACKED[0] is not self.checks_blob:
            _UNPACKED[:] = [self.checks_blob, pickle.loads(zlib.decompress(self.checks_blob))]
        return _UNPACKED[1]

    @checks.setter
    def checks(self, results: list[Any]) -> None:
        self.checks_blob = pack_checks(results)

    @property
    def budget(self) -> dict[str, Any]:
        return self.descriptor.get("budget", {})

    @property
    def unit(self) -> str:
        return str(self.budget.get("unit", ""))

    @property
    def slug(self) -> str:
        return str(self.budget.get("unitSlug", self.path.name))

    @property
    def year(self) -> int:
        return int(self.budget.get("year", 0))

    @property
    def kind(self) -> str:
        """预算 or 决算."""
        return str(self.budget.get("kind") or cat.BUDGET)

    @property
    def final(self) -> bool:
        return self.kind == cat.FINAL

    @property
    def synthetic(self) -> bool:
        """Made by a test (a budget built from a 决算's stated figures), never published."""
        return bool(self.budget.get("synthetic"))

    def table(self, name: str) -> Resource | None:
        r = self.resources.get(name)
        return r if r is not None and r.is_table else None

    @property
    def texts(self) -> list[Resource]:
        return [r for r in self.resources.values() if r.descriptor.get("type") == "text"]


def check_resource_path(pkg_dir: Path, res: dict[str, Any], descriptor_path: Path) -> Path:
    path = res.get("path")
    name = res.get("name", "?")
    if not isinstance(path, str) or not path:
        raise PackageError(f"resource {name!r} has no path", descriptor_path)
    if re.match(r"^[a-z][a-z0-9+.-]*://", path, re.I):
        raise PackageError(
            f"resource {name!r} points to a remote file ({path}); only files inside the package are allowed",
            descriptor_path,
        )
    if path.startswith("/") or ".." in Path(path).parts or not _SAFE_PATH.match(path):
        raise PackageError(
            f"resource {name!r} has an unsafe path {path!r}; use a relative path inside the package", descriptor_path
        )
    full = pkg_dir / path
    if not full.is_file():
        raise PackageError(f"resource {name!r}: file {path} is missing", descriptor_path)
    return full


def _read_text_file(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise PackageError("file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackageError(f"not UTF-8 (byte {exc.start}); GBK files must be converted to UTF-8", path) from exc


_SOURCE_PATH = re.compile(rf"^{SOURCE_DIR}/[\w\-（）()][\w.\-（）()]*$")


def _check_sources(pkg_dir: Path, sources: Any, descriptor_path: Path) -> None:
    """A published original is a file in source/ (a plain name: it names a file of the site) whose bytes have the
    SHA-256 the descriptor gives."""
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise PackageError("'sources' must be a list of objects", descriptor_path)
    for s in sources:
        path = s.get("path")
        if path is None:
            continue
        if not isinstance(path, str) or not _SOURCE_PATH.match(path) or ".." in path:
            raise PackageError(f"a source's path must be {SOURCE_DIR}/<file name>, got {path!r}", descriptor_path)
        full = pkg_dir / path
        if not full.is_file():
            raise PackageError(f"the source file {path!r} is missing", descriptor_path)
        digest = f"sha256:{hashlib.sha256(full.read_bytes()).hexdigest()}"
        if s.get("hash") != digest:
            raise PackageError(f"the source file {path!r} does not have the SHA-256 the package gives", descriptor_path)


def read_package(pkg_dir: Path) -> Package:
    descriptor_path = pkg_dir / DESCRIPTOR
    if not descriptor_path.is_file():
        raise PackageError("no datapackage.json", pkg_dir)
    text = _read_text_file(descriptor_path)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError(f"invalid JSON: {exc.msg}", descriptor_path, row=exc.lineno) from exc
    if not isinstance(descriptor, dict):
        raise PackageError("datapackage.json must hold a JSON object", descriptor_path)
    budget = descriptor.get("budget", {})
    if not isinstance(budget, dict):
        raise PackageError("'budget' must be a JSON object (unit, year, kind …)", descriptor_path)
    _check_unit(budget.get("amountUnit"), "budget.amountUnit", descriptor_path)
    confirmed = budget.get("confirmedDiscrepancies", [])
    if not isinstance(confirmed, list) or not all(isinstance(c, dict) for c in confirmed):
        raise PackageError("'budget.confirmedDiscrepancies' must be a list of objects", descriptor_path)
    res_list = descriptor.get("resources")
    if not isinstance(res_list, list) or not res_list:
        raise PackageError("the package has no resources", descriptor_path)
    slug = budget.get("unitSlug", pkg_dir.name)
    if not isinstance(slug, str) or not is_slug(slug):
        raise PackageError(
            f"'budget.unitSlug' must be lower-case letters, digits and hyphens (it names the unit's pages), got {slug!r}",
            descriptor_path,
        )
    year = budget.get("year", 0)
    if isinstance(year, bool) or not isinstance(year, int | str) or not str(year).isdigit() or len(str(year)) != 4:
        raise PackageError(f"'budget.year' must be a four-digit year, got {year!r}", descriptor_path)
    _check_sources(pkg_dir, descriptor.get("sources", []), descriptor_path)
    resources: dict[str, Resource] = {}
    for res in res_list:
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            raise PackageError("every resource needs a name", descriptor_path)
        if not _RESOURCE_NAME.match(res["name"]):
            raise PackageError(
                f"resource name {res['name']!r} must be lower-case letters, digits and underscores (it names files)",
                descriptor_path,
            )
        _check_unit(res.get("amountUnit"), f"resource {res['name']!r}: amountUnit", descriptor_path)
        full = check_resource_path(pkg_dir, res, descriptor_path)
        r = Resource(
            name=res["name"],
            title=str(res.get("title", res["name"])),
            descriptor=res,
            package_unit=str(budget.get("amountUnit") or ""),
        )
        content = _read_text_file(full)
        if res.get("type") == "text":
            r.text = content
        else:
            _check_dialect(res, descriptor_path)
            r.rows = _read_csv(full, content, res)
        resources[r.name] = r
    return Package(path=pkg_dir, descriptor=descriptor, resources=resources)


def _check_unit(unit: Any, what: str, descriptor_path: Path) -> None:
    """An amount unit must be one the catalogue can convert exactly (元, 千元, 万元, 亿元)."""
    if unit is not None and unit not in cat.UNITS_IN_YUAN:
        raise PackageError(f"{what} must be one of {'、'.join(cat.UNITS_IN_YUAN)}, got {unit!r}", descriptor_path)


def _check_dialect(res: dict[str, Any], descriptor_path: Path) -> None:
    """A table may declare its CSV dialect; only the one every table is written in (CSV_DIALECT) can be read."""
    dialect = res.get("dialect")
    if dialect is None:
        return
    if (
        not isinstance(dialect, dict)
        or any(dialect.get(k, v) != v for k, v in CSV_DIALECT.items())
        or (set(dialect) - set(CSV_DIALECT))
    ):
        raise PackageError(
            f"resource '{res['name']}' declares the CSV dialect {json.dumps(dialect, ensure_ascii=False)}; "
            f"tables must be comma-separated with double quotes, as {json.dumps(CSV_DIALECT)}",
            descriptor_path,
        )


def _read_csv(path: Path, content: str, res: dict[str, Any]) -> list[Row]:
    if not content.strip():
        raise PackageError("empty file: a table needs at least its header row", path)
    names = [f.get("name") for f in res.get("schema", {}).get("fields", [])]
    try:
        reader = csv.reader(io.StringIO(content, newline=""), strict=True)
        header = next(reader)
        if header != names:
            missing = [n for n in names if n not in header]
            extra = [h for h in header if h not in names]
            detail = (
                (f"missing {missing}" if missing else "")
                + (" " if missing and extra else "")
                + (f"extra {extra}" if extra else "")
            )
            raise PackageError(f"header does not match the schema: {detail or 'columns out of order'}", path, row=1)
        numbers = [f.get("name") for f in res.get("schema", {}).get("fields", []) if f.get("type") == "number"]
        rows: list[Row] = []
        for n, cells in enumerate(reader, start=2):
            if len(cells) != len(names):
                raise PackageError(f"row has {len(cells)} cells, the header has {len(names)}", path, row=n)
            row = {k: (v if v != "" else None) for k, v in zip(names, cells, strict=True)}
            for k in numbers:
                value = row.get(k)
                if value is not None and not _AMOUNT.match(value):
                    raise PackageError(f"expected an amount in plain digits (e.g. 853.77), got {value!r}", path, n, k)
            rows.append(row)
    except csv.Error as exc:
        raise PackageError(f"malformed CSV: {exc}", path, row=reader.line_num) from exc
    return rows


def find_packages(root: Path) -> list[Path]:
    """Package directories under root (datapackages/<year>/<unit>/), in a stable order."""
    if (root / DESCRIPTOR).is_file():
        return [root]
    return sorted(p.parent for p in root.glob(f"*/*/{DESCRIPTOR}"))
