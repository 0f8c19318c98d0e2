"""The glossary page: every term of every package, with its definitions and where each comes from."""

from __future__ import annotations

from ..glossary import Glossary
from ..markup import render


def render_glossary(glossary: Glossary) -> str:
    return render("glossary.md.j2", entries=glossary.page_entries())
