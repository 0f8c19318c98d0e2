"""A unit's 概况: its duties and its offices, as printed."""

from __future__ import annotations

from ...addresses import Edition, overview_page
from ...package import Package
from ...wording import W
from ..glossary import Glossary
from ..markup import render
from ..views import package_view


def render_overview(pkg: Package, glossary: Glossary, at: Edition) -> str:
    sections = []
    for name, heading in (("duties", W.duties), ("offices", W.offices)):
        res = pkg.table(name)
        if res is None:
            continue
        items = []
        for r in res.rows:
            if name == "offices" and not r["duties"]:
                items.append({"kind": "office", "seq": r["seq"], "name": r["name"]})
            elif name == "offices":
                items.append({"kind": "office_duties", "seq": r["seq"], "name": r["name"], "text": r["duties"]})
            else:
                items.append({"kind": "duty", "text": f"{r['seq'] or ''}{r['text'] or ''}"})
        sections.append({"heading": heading, "intro": res.descriptor.get("intro"), "items": items})
    return render(
        "overview.md.j2",
        pkg=package_view(pkg),
        page=overview_page(at.unit(pkg)),
        sections=sections,
        glossary=glossary,
    )
