"""The index of every unit on the site, with its years."""

from __future__ import annotations

from typing import Any

from ...addresses import units_index
from ..markup import render


def render_units(index: list[dict[str, Any]]) -> str:
    return render("units.md.j2", units=index, units_page=units_index())
