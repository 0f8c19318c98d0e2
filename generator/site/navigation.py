"""The units' navigation: each unit's pages carry their own menu in their header, which the theme's sidebar draws
under the unit's year; and how a unit's history page links to each of its years."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import engine
from ..addresses import UNIT_INDEX, page_address, unit_page
from ..package import Package


def unit_front_matter(section: str, unit: str, nav: list[Any]) -> str:
    """The header of a unit's pages: the navigation of its own pages, which the theme's sidebar
    (theme/partials/nav.html) draws under its year (`section`). Only the unit's pages are there, so a page is
    the same size however many units its year has; the other units are found through the year page, the
    units index and search. JSON (which is YAML) in ASCII, so no name can break out of the header."""

    def entries(items: list[Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for item in items:
            (title, target), *_ = item.items()
            if isinstance(target, list):
                out.append({"title": title, "children": entries(target)})
            else:
                entry = {"title": title, "url": page_address(target)}
                if target.rsplit("/", 1)[-1] == UNIT_INDEX:
                    entry["index"] = True  # the theme links its section's title to it (navigation.indexes)
                out.append(entry)
        return out

    data = {"section": section, "title": unit, "children": entries(nav)}
    return f"---\nunit_nav: {json.dumps(data, ensure_ascii=True, separators=(',', ':'))}\n---\n\n"


def history_link(packages: list[Package], snapshot: bool) -> Callable[[Package], tuple[str | None, str | None]]:
    """How the history page links to a year: a page of this site, or (in a snapshot) the other year's snapshot."""
    here = {(p.year, p.slug) for p in packages}

    def link(p: Package) -> tuple[str | None, str | None]:
        if not snapshot:
            return "../" + unit_page(f"{p.year}/{p.slug}"), None
        if (p.year, p.slug) in here:
            return "../" + unit_page(p.slug), None
        return None, engine.other_snapshot_href(p.year, page_address(unit_page(p.slug)), depth=2)

    return link
