"""Where every page and file of the site is: one function per kind of page or file, as a path from the docs root
(a Markdown page a/b.md is served as a/b.html). The pages, the downloads, the templates (as `at`) and the build's
shards all ask here, so an address is written once.

An `Edition` is one publication of the site: the working site, which holds every year with a unit's pages under
<year>/<unit>/, or one year's snapshot, with its unit pages at <unit>/ (so a page has the same address in every
year's snapshot); with the terms it carries, whose `site_url` makes an address absolute for a citation."""

from __future__ import annotations

from dataclasses import dataclass

from .package import Package
from .terms import Terms

HOME = "index.md"
GLOSSARY_DIR = "glossary"
HISTORY_DIR = "units"  # a page per unit across its years, and the index of every unit
DOWNLOADS_DIR = "downloads"  # the bulk downloads of everything the site (or the snapshot) holds
SEARCH_PAGE = "search.md"  # the search page, at the root of the site and of each snapshot
ABOUT_PAGE = "about.md"
CATALOG = "catalog.jsonld"  # the DCAT catalogue of every dataset and distribution, at the site's root
COMPARE_JSON = "compare.json"  # beside a year's page: every unit's main figures, for its sortable table
COMPARE_CSV = "compare.csv"
DATA_DIR = "data"  # a unit's downloads, under its folder


def page_address(page: str, directory_urls: bool = False) -> str:
    """The address a page a/b.md is served at: a/b.html, or a/b/ with directory URLs (a/index.md: a/)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else f"{stem}/"


def rel(from_page: str, to: str) -> str:
    """Relative link from one docs path to another (both plain docs-relative paths, as the renderer writes them)."""
    return "../" * from_page.count("/") + to


# A unit's pages and files, under its folder `base`
UNIT_INDEX, OVERVIEW, EXPLANATIONS, EXECUTION, CHECKS = (
    "index.md",
    "overview.md",
    "explanations.md",
    "execution.md",
    "checks.md",
)


def unit_page(base: str) -> str:
    return f"{base}/{UNIT_INDEX}"


def overview_page(base: str) -> str:
    return f"{base}/{OVERVIEW}"


def explanations_page(base: str) -> str:
    return f"{base}/{EXPLANATIONS}"


def execution_page(base: str) -> str:
    return f"{base}/{EXECUTION}"


def checks_page(base: str) -> str:
    return f"{base}/{CHECKS}"


def table_page(base: str, table: str) -> str:
    return f"{base}/{table_in_unit(table)}"


def table_in_unit(table: str) -> str:
    """A table's page from its unit's folder."""
    return f"tables/{table}.md"


def performance_page(base: str) -> str:
    return f"{base}/performance/index.md"


def form_in_unit(form: object) -> str:
    """A performance form's page from its unit's folder."""
    return f"performance/form-{form}.md"


def form_page(base: str, form: object) -> str:
    return f"{base}/{form_in_unit(form)}"


def data_dir(base: str) -> str:
    return f"{base}/{DATA_DIR}"


def original(base: str, path: str) -> str:
    """An original document published beside the package (`path` as the package records it: source/x.pdf)."""
    return f"{base}/{path}"


# Pages of the site


def year_index(year: int) -> str:
    """A year's page on the site that holds every year (in a year's snapshot it is the home page: `Edition`)."""
    return f"{year}/index.md"


def history_page(slug: str) -> str:
    return f"{HISTORY_DIR}/{slug}.md"


def units_index() -> str:
    return f"{HISTORY_DIR}/index.md"


def glossary_page() -> str:
    return f"{GLOSSARY_DIR}/index.md"


def downloads_page() -> str:
    return f"{DOWNLOADS_DIR}/index.md"


def permanent(pkg: Package, page: str) -> str:
    """A unit's page (`page` relative to the unit, e.g. tables/x.md) as its permanent address from the site's root,
    the same in the year's site and its snapshot."""
    return f"{pkg.year}/{pkg.slug}/" + page_address(page)


def permanent_data(pkg: Package) -> str:
    """A unit's downloads folder by its permanent path (as the catalogue and schema.org name them)."""
    return f"{pkg.year}/{pkg.slug}/{DATA_DIR}"


@dataclass(frozen=True)
class Edition:
    """One publication of the site: the working site of every year, or one year's snapshot; and its terms."""

    terms: Terms
    snapshot: bool = False

    def unit(self, pkg: Package) -> str:
        """A unit's folder: <year>/<unit>/ on the site, <unit>/ in its year's snapshot."""
        return pkg.slug if self.snapshot else f"{pkg.year}/{pkg.slug}"

    def year_page(self, year: int) -> str:
        """A year's page: the home page of its snapshot."""
        return HOME if self.snapshot else year_index(year)


def absolute(terms: Terms, path: str) -> str:
    """A path from the site root as an address: absolute with the project's site_url, else from the root."""
    return f"{terms.site_url.rstrip('/')}/{path}" if terms.site_url else f"/{path}"
