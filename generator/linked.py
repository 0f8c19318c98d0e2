"""Machine-readable descriptions of what is published: schema.org `Dataset` JSON-LD in each unit and table page
(for search engines and dataset search), and a DCAT catalogue of every dataset and distribution (catalog.jsonld).
Values from packages go through json.dumps, and the markup-significant characters are escaped, so a value can
never close the script element it sits in."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .package import Package, Resource
from .terms import Terms

MEDIA = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "pdf": "application/pdf",
    "txt": "text/plain",
}


def absolute(terms: Terms, path: str) -> str:
    """A path from the site root as an address: absolute with the project's site_url, else from the root."""
    return f"{terms.site_url.rstrip('/')}/{path}" if terms.site_url else f"/{path}"


def script(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose content cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(ch, esc)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _distribution(terms: Terms, path: str, name: str) -> dict[str, Any]:
    ext = path.rsplit(".", 1)[-1]
    return {
        "@type": "DataDownload",
        "name": name,
        "encodingFormat": MEDIA.get(ext, ext),
        "contentUrl": absolute(terms, path),
    }


def dataset(pkg: Package, terms: Terms, page: str, res: Resource | None = None) -> dict[str, Any]:
    """schema.org Dataset of a unit's page (the whole package) or of one table's page."""
    base = f"{pkg.year}/{pkg.slug}"
    title = str(pkg.budget.get("documentTitle", ""))
    if res is None:
        name = f"{pkg.unit} {pkg.year}年预算公开数据"
        files = [
            (f"{base}/data/{pkg.year}-{pkg.slug}.zip", "数据包（ZIP）"),
            (f"{base}/data/{pkg.year}-{pkg.slug}.xlsx", "全部报表（XLSX）"),
        ]
        description = f"{pkg.unit}《{title}》中的全部报表、说明和名词解释，照原文录入。"
    else:
        name = f"{pkg.unit} {pkg.year}年：{res.title}"
        files = [(f"{base}/data/{res.name}.csv", "CSV"), (f"{base}/data/{res.name}.xlsx", "XLSX")]
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
        "distribution": [_distribution(terms, p, n) for p, n in files],
    }
    originals = [s for s in pkg.descriptor.get("sources", []) if s.get("path")]
    if originals:
        data["isBasedOn"] = [absolute(terms, f"{base}/{s['path']}") for s in originals]
    return data


def catalog(packages: list[Package], terms: Terms) -> bytes:
    """DCAT catalogue of every package (a dataset) and its downloads (distributions)."""
    datasets = []
    for pkg in sorted(packages, key=lambda p: (p.year, p.slug)):
        base = f"{pkg.year}/{pkg.slug}"
        dists = [
            (f"{base}/data/{pkg.year}-{pkg.slug}.zip", "数据包"),
            (f"{base}/data/{pkg.year}-{pkg.slug}.xlsx", "全部报表"),
        ]
        for res in pkg.resources.values():
            if res.is_table and res.name != "provenance":
                dists += [(f"{base}/data/{res.name}.csv", res.title), (f"{base}/data/{res.name}.xlsx", res.title)]
        datasets.append(
            {
                "@id": absolute(terms, f"{base}/index.html"),
                "@type": "dcat:Dataset",
                "dct:title": f"{pkg.unit} {pkg.year}年预算公开数据",
                "dct:description": f"{pkg.unit}《{pkg.budget.get('documentTitle', '')}》",
                "dct:temporal": {
                    "@type": "dct:PeriodOfTime",
                    "dcat:startDate": f"{pkg.year}-01-01",
                    "dcat:endDate": f"{pkg.year}-12-31",
                },
                "dct:creator": {"@type": "foaf:Organization", "foaf:name": pkg.unit},
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": terms.publisher},
                "dct:license": {"@id": terms.licence_url},
                "dct:language": "zh",
                "dcat:landingPage": {"@id": absolute(terms, f"{base}/index.html")},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": title,
                        "dcat:downloadURL": {"@id": absolute(terms, path)},
                        "dcat:mediaType": MEDIA[path.rsplit(".", 1)[-1]],
                        "dct:license": {"@id": terms.licence_url},
                    }
                    for path, title in dists
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
