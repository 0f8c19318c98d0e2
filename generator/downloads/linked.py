"""Machine-readable descriptions of what is published: schema.org `Dataset` JSON-LD in each unit and table page
(for search engines and dataset search), and a DCAT catalogue of every dataset and distribution (catalog.jsonld).
Values from packages go through json.dumps, and the markup-significant characters are escaped, so a value can
never close the script element it sits in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import catalogue as cat
from ..addresses import COMPARE_JSON, DOWNLOADS_DIR, absolute, page_address, permanent_data, year_index
from ..package import Package, Resource
from ..terms import Terms
from . import registry
from .registry import Download, Subject


def script(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose content cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(ch, esc)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _distribution(terms: Terms, f: Download) -> dict[str, Any]:
    return {
        "@type": "DataDownload",
        "name": f.what,
        "encodingFormat": f.format.media_type,
        "contentUrl": absolute(terms, f.path),
    }


def unit_files(pkg: Package, terms: Terms, others: list[Package], res: Resource | None = None) -> list[Download]:
    """A unit's files by permanent path (`others`: the unit's other documents on the site, as its pages have them):
    every unit-scoped format and its originals; or a table's, every table-scoped format."""
    folder = permanent_data(pkg)
    if res is not None:
        return registry.downloads(registry.TABLE, Subject(terms, pkg=pkg, res=res), folder)
    files = registry.downloads(registry.UNIT, Subject(terms, pkg=pkg, others=others), folder)
    for table in pkg.resources.values():  # the files of each table that has no page of its own (概况, 名词解释,
        # the performance forms, where rows were printed): a numbered table and a table kept as printed have one
        if table.is_table and not (table.descriptor.get("tableNumber") or table.descriptor.get("asPrinted")):
            files += registry.downloads(registry.TABLE, Subject(terms, pkg=pkg, res=table), folder)
    for src in pkg.descriptor.get("sources", []):
        if src.get("path"):
            subject = Subject(terms, pkg=pkg, source=src)
            files += registry.downloads(registry.SOURCE, subject, folder.rsplit("/", 1)[0])
    return files


def dataset(
    pkg: Package, terms: Terms, page: str, files: list[Download], res: Resource | None = None
) -> dict[str, Any]:
    """schema.org Dataset of a unit's page (the whole package) or of one table's page, with its files (`unit_files`)."""
    base = f"{pkg.year}/{pkg.slug}"
    title = str(pkg.budget.get("documentTitle", ""))
    if res is None:
        name = f"{pkg.unit} {pkg.year}年{cat.PUBLIC_DATA[pkg.kind]}"
        description = f"{pkg.unit}《{title}》中的全部报表、说明和名词解释，照原文录入。"
    else:
        name = f"{pkg.unit} {pkg.year}年：{res.title}"
        description = f"{pkg.unit}《{title}》中的“{res.title}”，金额单位：{res.unit or '—'}。"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": absolute(terms, page),
        "inLanguage": "zh-CN",
        "temporalCoverage": str(pkg.year),
        "spatialCoverage": {"@type": "Place", "name": "中国"},
        "creator": {"@type": "GovernmentOrganization", "name": pkg.unit},
        "publisher": {"@type": "Organization", "name": terms.publisher},
        "license": terms.licence_url,
        "isAccessibleForFree": True,
        "distribution": [_distribution(terms, f) for f in files],
    }
    originals = [s for s in pkg.descriptor.get("sources", []) if s.get("path")]
    if originals:
        data["isBasedOn"] = [absolute(terms, f"{base}/{s['path']}") for s in originals]
    return data


@dataclass(frozen=True)
class Collection:
    """Files about many units: a year's comparison of its units, or the bulk downloads of a year or of all."""

    id: str  # its address from the published root, with a fragment where several share a page
    page: str  # the page that lists it, from the published root
    title: str
    description: str
    years: list[int]
    files: list[Download]


def collections(packages: list[Package], terms: Terms, snapshot: bool) -> list[Collection]:
    """Each year's comparison (beside its page) and each bulk subject's downloads, by permanent path."""
    out = []
    for year in sorted({p.year for p in packages}):
        compared = Subject(terms, key=str(year), label=f"{year}年")
        out.append(
            Collection(
                f"{year}/{COMPARE_JSON}",
                page_address(year_index(year)),
                f"{terms.publisher}：{year}年各单位主要数字",
                f"{year}年全部单位的收入、支出、财政拨款、“三公”经费和机关运行经费，换算为同一金额单位。",
                [year],
                registry.downloads(registry.COMPARISON, compared, str(year)),
            )
        )
    if packages:
        folder = f"{packages[0].year}/{DOWNLOADS_DIR}" if snapshot else DOWNLOADS_DIR
        for scope, subject in registry.bulk_subjects(packages, snapshot, terms):
            out.append(
                Collection(
                    f"{folder}/index.html#{scope}-{subject.key}",
                    f"{folder}/index.html",
                    f"{terms.publisher}：{subject.label}合并下载",
                    f"{subject.label}全部数据包的合并下载。",
                    sorted({p.year for p in subject.packages}),
                    registry.downloads(scope, subject, folder),
                )
            )
    return out


def collection_dataset(c: Collection, terms: Terms) -> dict[str, Any]:
    """schema.org Dataset of a collection, for the page that lists it."""
    return {
        "@type": "Dataset",
        "name": c.title,
        "description": c.description,
        "url": absolute(terms, c.page),
        "inLanguage": "zh-CN",
        "temporalCoverage": f"{min(c.years)}/{max(c.years)}" if len(set(c.years)) > 1 else str(c.years[0]),
        "spatialCoverage": {"@type": "Place", "name": "中国"},
        "publisher": {"@type": "Organization", "name": terms.publisher},
        "license": terms.licence_url,
        "isAccessibleForFree": True,
        "distribution": [_distribution(terms, f) for f in c.files],
    }


def page_datasets(items: list[Collection], page: str, terms: Terms) -> dict[str, Any]:
    """The schema.org description of a page that lists collections (a year's page, the downloads page: `page` by
    its address from the published root): a Dataset of each collection it lists."""
    return {
        "@context": "https://schema.org",
        "@graph": [collection_dataset(c, terms) for c in items if c.page == page],
    }


def _dcat_distribution(terms: Terms, f: Download, title: str | None = None) -> dict[str, Any]:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title or f.what,
        "dct:description": f.what,
        "dcat:downloadURL": {"@id": absolute(terms, f.path)},
        "dcat:mediaType": f.format.media_type,
        "dct:license": {"@id": terms.licence_url},
    }


def _period(years: list[int]) -> dict[str, str]:
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{min(years)}-01-01", "dcat:endDate": f"{max(years)}-12-31"}


def catalog(packages: list[Package], terms: Terms, snapshot: bool = False) -> bytes:
    """DCAT catalogue of every package (a dataset) and its downloads (distributions: every unit- and table-scoped
    format), and of the bulk downloads (a dataset per year, and one of everything, with the year- and all-scoped
    formats). Addresses are from the root of the published directory (a snapshot is under <year>/)."""
    datasets = []
    for pkg in sorted(packages, key=lambda p: (p.year, p.slug)):
        base = f"{pkg.year}/{pkg.slug}"
        others = [p for p in packages if p.unit == pkg.unit and p is not pkg]
        dists = [_dcat_distribution(terms, f) for f in unit_files(pkg, terms, others)]
        for res in pkg.resources.values():
            if res.is_table:
                dists += [_dcat_distribution(terms, f, res.title) for f in unit_files(pkg, terms, others, res)]
        datasets.append(
            {
                "@id": absolute(terms, f"{base}/index.html"),
                "@type": "dcat:Dataset",
                "dct:title": f"{pkg.unit} {pkg.year}年{cat.PUBLIC_DATA[pkg.kind]}",
                "dct:description": f"{pkg.unit}《{pkg.budget.get('documentTitle', '')}》",
                "dct:temporal": _period([pkg.year]),
                "dct:creator": {"@type": "foaf:Organization", "foaf:name": pkg.unit},
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": terms.publisher},
                "dct:license": {"@id": terms.licence_url},
                "dct:language": "zh",
                "dcat:landingPage": {"@id": absolute(terms, f"{base}/index.html")},
                "dcat:distribution": dists,
            }
        )
    for c in collections(packages, terms, snapshot):
        datasets.append(
            {
                "@id": absolute(terms, c.id),
                "@type": "dcat:Dataset",
                "dct:title": c.title,
                "dct:description": c.description,
                "dct:temporal": _period(c.years),
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": terms.publisher},
                "dct:license": {"@id": terms.licence_url},
                "dct:language": "zh",
                "dcat:landingPage": {"@id": absolute(terms, c.page)},
                "dcat:distribution": [_dcat_distribution(terms, f) for f in c.files],
            }
        )
    doc = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "dct:title": f"{terms.publisher}：预算公开数据目录",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": terms.publisher},
        "dct:license": {"@id": terms.licence_url},
        "dcat:dataset": datasets,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
