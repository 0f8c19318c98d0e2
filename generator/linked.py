"""Machine-readable descriptions of what is published: schema.org `Dataset` JSON-LD in each unit and table page
(for search engines and dataset search), and a DCAT catalogue of every dataset and distribution (catalog.jsonld).
Values from packages go through json.dumps, and the markup-significant characters are escaped, so a value can
never close the script element it sits in."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from . import catalogue as cat
from . import formats
from .package import Package, Resource
from .terms import Terms


def absolute(terms: Terms, path: str) -> str:
    """A path from the site root as an address: absolute with the project's site_url, else from the root."""
    return f"{terms.site_url.rstrip('/')}/{path}" if terms.site_url else f"/{path}"


def script(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose content cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(ch, esc)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _distribution(terms: Terms, f: formats.Download) -> dict[str, Any]:
    return {
        "@type": "DataDownload",
        "name": f.what,
        "encodingFormat": f.format.media_type,
        "contentUrl": absolute(terms, f.path),
    }


def _unit_files(pkg: Package, terms: Terms, res: Resource | None = None) -> list[formats.Download]:
    """A unit's downloads (every unit-scoped format), or a table's (every table-scoped one), by permanent path."""
    folder = f"{pkg.year}/{pkg.slug}/data"
    if res is None:
        return formats.downloads(formats.UNIT, formats.Subject(terms, pkg=pkg), folder)
    return formats.downloads(formats.TABLE, formats.Subject(terms, pkg=pkg, res=res), folder)


def dataset(pkg: Package, terms: Terms, page: str, res: Resource | None = None) -> dict[str, Any]:
    """schema.org Dataset of a unit's page (the whole package) or of one table's page."""
    base = f"{pkg.year}/{pkg.slug}"
    title = str(pkg.budget.get("documentTitle", ""))
    files = _unit_files(pkg, terms, res)
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


def _dcat_distribution(terms: Terms, f: formats.Download, title: str | None = None) -> dict[str, Any]:
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
        dists = [_dcat_distribution(terms, f) for f in _unit_files(pkg, terms)]
        for res in pkg.resources.values():
            if res.is_table and res.name != "provenance":
                dists += [_dcat_distribution(terms, f, res.title) for f in _unit_files(pkg, terms, res)]
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
    if packages:
        folder = f"{packages[0].year}/downloads" if snapshot else "downloads"
        for scope, subject in formats.bulk_subjects(packages, snapshot):
            years = sorted({p.year for p in subject.packages})
            datasets.append(
                {
                    "@id": absolute(terms, f"{folder}/index.html#{scope}-{subject.key}"),
                    "@type": "dcat:Dataset",
                    "dct:title": f"{terms.publisher}：{subject.label}合并下载",
                    "dct:description": f"{subject.label}全部数据包的合并下载。",
                    "dct:temporal": _period(years),
                    "dct:publisher": {"@type": "foaf:Organization", "foaf:name": terms.publisher},
                    "dct:license": {"@id": terms.licence_url},
                    "dct:language": "zh",
                    "dcat:landingPage": {"@id": absolute(terms, f"{folder}/index.html")},
                    "dcat:distribution": [
                        _dcat_distribution(terms, f) for f in formats.downloads(scope, subject, folder)
                    ],
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
