"""Machine-readable descriptions: schema.org Dataset JSON-LD in every unit and table page, and the DCAT catalogue
of every dataset and distribution."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

# The schema.org properties used, by type (https://schema.org/Dataset, DataDownload, Place, Organization)
SCHEMA = {
    "Dataset": {
        "@context",
        "@type",
        "name",
        "description",
        "url",
        "inLanguage",
        "temporalCoverage",
        "spatialCoverage",
        "creator",
        "publisher",
        "license",
        "isAccessibleForFree",
        "distribution",
        "isBasedOn",
    },
    "DataDownload": {"@type", "name", "encodingFormat", "contentUrl"},
    "Place": {"@type", "name"},
    "Organization": {"@type", "name"},
    "GovernmentOrganization": {"@type", "name"},
}


def _check(node: object) -> None:
    if isinstance(node, dict):
        kind = node.get("@type")
        assert kind in SCHEMA, kind
        assert set(node) <= SCHEMA[kind], set(node) - SCHEMA[kind]
        for value in node.values():
            _check(value)
    elif isinstance(node, list):
        for value in node:
            _check(value)


def test_every_unit_and_table_page_describes_its_dataset(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    pages = sorted(built_site.glob("20*/*/index.html")) + sorted(built_site.glob("20*/*/tables/*.html"))
    assert len(pages) > 150
    for page in pages:
        scripts = site_page(page).select('script[type="application/ld+json"]')
        assert len(scripts) == 1, page
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
        _check({k: v for k, v in data.items() if k != "@context"} | {"@context": data["@context"]})
        assert data["temporalCoverage"] == page.relative_to(built_site).parts[0]
        for d in data["distribution"]:
            assert (built_site / d["contentUrl"].lstrip("/")).is_file(), d
        assert all((built_site / u.lstrip("/")).is_file() for u in data["isBasedOn"])


def test_the_catalogue_lists_every_dataset_and_distribution(built_site: Path) -> None:
    doc = json.loads((built_site / "catalog.jsonld").read_text(encoding="utf-8"))
    assert doc["@type"] == "dcat:Catalog" and doc["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    units = sorted(built_site.glob("20*/*/index.html"))
    per_unit = [ds for ds in doc["dcat:dataset"] if ds["@id"].endswith("/index.html")]
    assert sorted(ds["@id"] for ds in per_unit) == sorted(f"/{p.relative_to(built_site).as_posix()}" for p in units)
    bulk = {ds["@id"].rsplit("#", 1)[1] for ds in doc["dcat:dataset"] if "/downloads/" in ds["@id"]}
    years = {p.parts[-3] for p in units}
    assert bulk == {f"year-{y}" for y in years} | {"year-all", "all-all"}  # each year, all years, everything
    compared = {ds["@id"] for ds in doc["dcat:dataset"] if ds["@id"].endswith("/compare.json")}
    assert compared == {f"/{y}/compare.json" for y in years}  # each year's units side by side
    assert len(doc["dcat:dataset"]) == len(units) + len(bulk) + len(compared)
    for ds in doc["dcat:dataset"]:
        assert ds["@type"] == "dcat:Dataset" and ds["dct:license"]["@id"].startswith("https://")
        for dist in ds["dcat:distribution"]:
            assert (built_site / dist["dcat:downloadURL"]["@id"].lstrip("/")).is_file(), dist
