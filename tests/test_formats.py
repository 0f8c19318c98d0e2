"""One place per download format: a format registered once is written, listed on the pages, described in the
DCAT catalogue and each page's JSON-LD, and listed in a snapshot's manifest. Parquet keeps amounts exact."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from generator.cli import main
from generator.downloads import linked
from generator.downloads import registry as formats
from generator.downloads.long import long_csv
from generator.downloads.parquet import decimal_type, long_parquet
from generator.load import load_packages
from generator.site.assemble import render_site
from generator.terms import project_terms
from tests.conftest import PACKAGE, ROOT, copy_project

DUMMIES = {
    formats.TABLE: "{table}.dummy",
    formats.UNIT: "{year}-{unit}.dummy",
    formats.YEAR: "budget-{key}.dummy",
    formats.ALL: "everything.dummy",
}


@pytest.fixture
def dummies() -> Iterator[list[formats.Format]]:
    """One made-up format per scope, each one entry, registered for the test only."""
    made = [
        formats.register(
            formats.Format(
                f"dummy-{scope}",
                "application/x-dummy",
                f"样例（{scope}）",
                f"样例格式：{{what}}（{scope}）",
                scope,
                name,
                lambda s, scope=scope: f"dummy {scope} {s.key}".encode(),
            )
        )
        for scope, name in DUMMIES.items()
    ]
    yield made
    for f in made:
        formats.unregister(f.name)


def test_a_registered_format_is_written_listed_and_described(dummies: list[formats.Format]) -> None:
    pkgs = load_packages(PACKAGE)
    site = render_site(pkgs, project_terms(ROOT))
    base = "2023/xinzhou-shebao"
    assert site.files[f"{base}/data/expenditure_summary.dummy"] == b"dummy table "
    assert site.files[f"{base}/data/2023-xinzhou-shebao.dummy"] == b"dummy unit "
    assert site.files["downloads/budget-2023.dummy"] == b"dummy year 2023"
    assert site.files["downloads/budget-all.dummy"] == b"dummy year all"
    assert site.files["downloads/everything.dummy"] == b"dummy all all"

    table_page = site.files[f"{base}/tables/expenditure_summary.md"].decode()  # type: ignore[union-attr]
    assert "[expenditure_summary.dummy](../../../2023/xinzhou-shebao/data/expenditure_summary.dummy)" in table_page
    assert "[2023-xinzhou-shebao.dummy](../../../2023/xinzhou-shebao/data/2023-xinzhou-shebao.dummy)" in table_page
    unit_page = site.files[f"{base}/index.md"].decode()  # type: ignore[union-attr]
    assert "[样例（unit）](../../2023/xinzhou-shebao/data/2023-xinzhou-shebao.dummy)" in unit_page
    downloads = site.files["downloads/index.md"].decode()  # type: ignore[union-attr]
    for name in ("budget-2023.dummy", "budget-all.dummy", "everything.dummy"):
        assert f"[{name}]({name}){{ download }}" in downloads
    assert "样例格式：全部年度（year）" in downloads

    ld = json.loads(table_page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert {d["contentUrl"]: d["encodingFormat"] for d in ld["distribution"]}[
        f"/{base}/data/expenditure_summary.dummy"
    ] == "application/x-dummy"

    catalog = json.loads(linked.catalog(pkgs, project_terms(ROOT)))
    urls = {d["dcat:downloadURL"]["@id"] for ds in catalog["dcat:dataset"] for d in ds["dcat:distribution"]}
    assert {
        f"/{base}/data/expenditure_summary.dummy",
        f"/{base}/data/2023-xinzhou-shebao.dummy",
        "/downloads/budget-2023.dummy",
        "/downloads/budget-all.dummy",
        "/downloads/everything.dummy",
    } <= urls
    # every file the catalogue lists was written, and every file written besides pages is in the catalogue: the
    # checks, the execution tables, datapackage.json, the originals and the year's comparison too
    written = {f"/{p}" for p in site.files if not p.endswith(".md") and p != "catalog.jsonld"}
    assert urls == written
    # and each is described, with its media type, in the schema.org of the page that lists it (a unit's page, a
    # table's, the year's page, the downloads page)
    described: dict[str, str] = {}
    for path, content in site.files.items():
        if path.endswith(".md") and isinstance(content, bytes):
            for script in content.decode().split('<script type="application/ld+json">')[1:]:
                data = json.loads(script.split("</script>")[0])
                for dataset in data.get("@graph", [data]):
                    described.update({d["contentUrl"]: d["encodingFormat"] for d in dataset["distribution"]})
    assert set(described) == written
    media = {
        d["dcat:downloadURL"]["@id"]: d["dcat:mediaType"]
        for ds in catalog["dcat:dataset"]
        for d in ds["dcat:distribution"]
    }
    assert described == media
    assert media[f"/{base}/data/checks.csv"] == "text/csv" and media["/2023/compare.json"] == "application/json"


def test_a_registered_format_is_in_the_snapshot_and_its_manifest(
    dummies: list[formats.Format], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    out = tmp_path / "public"
    assert main(["publish", "--root", str(root), "--out", str(out), "--year", "2023"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: no --site-url (nor site_url in [tool.budgetsite.terms]): citations give addresses")
    listed = {line.split("  ", 1)[1] for line in (out / "2023" / "SHA256SUMS").read_text().splitlines()}
    assert {
        "xinzhou-shebao/data/expenditure_summary.dummy",
        "shanghai-putuo-wanli/data/2023-shanghai-putuo-wanli.dummy",
        "downloads/budget-2023.dummy",
        "downloads/everything.dummy",
    } <= listed
    assert "downloads/budget-all.dummy" not in listed  # a snapshot holds its year only
    catalog = json.loads((out / "2023" / "catalog.jsonld").read_text(encoding="utf-8"))
    urls = {d["dcat:downloadURL"]["@id"] for ds in catalog["dcat:dataset"] for d in ds["dcat:distribution"]}
    assert "/2023/downloads/budget-2023.dummy" in urls
    assert all((out / u.lstrip("/")).is_file() for u in urls)
    page = (out / "2023" / "xinzhou-shebao" / "tables" / "expenditure_summary.html").read_text(encoding="utf-8")
    assert "expenditure_summary.dummy" in page
    assert "/2023/xinzhou-shebao/tables/expenditure_summary.html（相对地址）" in page  # the citation says so


def test_a_format_needs_a_known_scope_and_a_new_name() -> None:
    with pytest.raises(ValueError, match="unknown scope 'page'"):
        formats.register(formats.Format("x", "text/plain", "x", "x", "page", "x", lambda s: b""))
    with pytest.raises(ValueError, match="'csv' is already registered"):
        formats.register(formats.Format("csv", "text/csv", "x", "x", formats.TABLE, "x", lambda s: b""))


def test_citations_are_absolute_with_the_address_publish_is_given() -> None:
    site = render_site(load_packages(PACKAGE), replace(project_terms(ROOT), site_url="https://example.org/budget/"))
    page = site.files["2023/xinzhou-shebao/tables/expenditure_summary.md"].decode()  # type: ignore[union-attr]
    assert "https://example.org/budget/2023/xinzhou-shebao/tables/expenditure_summary.html. SHA-256" in page
    assert "相对地址" not in page


def test_parquet_read_back_gives_the_same_decimals_as_the_csv() -> None:
    pkgs = load_packages(ROOT / "datapackages")
    table = pq.read_table(io.BytesIO(long_parquet(pkgs)))
    rows = list(csv.DictReader(io.StringIO(long_csv(pkgs).decode("utf-8"))))
    assert table.num_rows == len(rows) > 8000
    amount = table.schema.field("amount_yuan").type
    assert pa.types.is_decimal(amount) and amount.scale == 6  # the finest printed figure: 3,138.093600 万元
    assert table.schema.field("year").type == pa.int16() and table.schema.field("code").type == pa.string()
    back = table.column("amount_yuan").to_pylist()
    assert all(isinstance(v, Decimal) for v in back)
    assert back == [Decimal(r["amount_yuan"]) for r in rows]  # the same numbers, exactly
    assert table.column("code").to_pylist() == [r["code"] or None for r in rows]
    assert table.column("printed").to_pylist() == [r["printed"] for r in rows]
    titles = json.loads(table.schema.metadata[b"titles"])
    assert titles["amount_yuan"] == "金额（元）"


def test_the_decimal_type_fits_the_data() -> None:
    assert decimal_type([Decimal("229100"), Decimal("31380.936")]) == pa.decimal128(9, 3)
    assert decimal_type([Decimal("1E+40")]) == pa.decimal256(41, 0)
