"""A data package on disk, read and checked into memory: datapackages/<year>/<unit>/datapackage.json + data/*.csv +
texts/*.md; the package and its resources as the checks and the site see them. Written by `package_write`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import pickle
import re
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import catalogue as cat
from .csvfiles import is_code_field
from .errors import PackageError
from .model import Row

DESCRIPTOR = "datapackage.json"
PROVENANCE = "provenance"
# Every table is RFC 4180 CSV as Python's csv module writes and reads it. Declared in each table resource, so that
# any reader (Frictionless included) reads it as written instead of guessing.
CSV_DIALECT: dict[str, Any] = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "skipInitialSpace": False}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.(csv|md)$")
_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SLUG_RULE = "lower-case letters, digits and hyphens, starting with a letter or a digit (e.g. xinzhou-shebao)"
_RESOURCE_NAME = re.compile(r"^[a-z0-9_]+$")
SOURCE_DIR = "source"  # the original disclosure, published beside the package


def is_slug(value: str) -> bool:
    """A unit slug names a directory and the unit's pages: SLUG_RULE, nothing that leaves the year's directory."""
    return _SLUG.fullmatch(value) is not None


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
