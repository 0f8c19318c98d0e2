"""A unit's 情况说明: the explanation texts verbatim, with the chart a text announces."""

from __future__ import annotations

import re
from typing import Any

from ... import analysis
from ...addresses import Edition, explanations_page
from ...charts import bars
from ...package import Package
from ...wording import W
from ..glossary import Glossary
from ..markup import render
from ..views import package_view

_ESCAPED = re.compile(r"\\(.)")


def text_blocks(markdown: str) -> list[dict[str, Any]]:
    """An explanation text (texts/NN.md) as plain blocks: paragraphs, and `### ` headings. Its Markdown escapes are
    undone here and the text is escaped again where it is rendered, so nothing in a text is ever markup."""
    blocks = []
    for para in markdown.strip().split("\n\n"):
        heading = para.startswith("### ")
        body = para[4:] if heading else para
        blocks.append({"heading": heading, "text": _ESCAPED.sub(r"\1", body)})
    return blocks


def render_explanations(pkg: Package, glossary: Glossary, at: Edition) -> str:
    gp = pkg.table("general_public_expenditure")
    sections = []
    for res in pkg.texts:
        body = res.text or ""
        chart = None
        if "结构图" in body and gp and gp.rows:
            chart = bars(W.structure_chart, analysis.function_classes(gp), gp.unit, W.class_axis)
        sections.append(
            {
                "title": res.title,
                "blocks": text_blocks(body) if body.strip() else [],
                "chart": chart,
                "forms_link": "绩效" in res.title and pkg.table("performance_projects") is not None,
            }
        )
    base = at.unit(pkg)
    return render(
        "explanations.md.j2",
        pkg=package_view(pkg),
        page=explanations_page(base),
        base=base,
        sections=sections,
        glossary=glossary,
    )
