"""The site's own words outside the page templates (navigation, chart titles, places, labels), read from
templates/wording.j2 as that template's module: its `set` variables, plain strings (some with format fields)."""

from __future__ import annotations

from typing import Any

import jinja2

from .package import Package

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True)
W: Any = _ENV.get_template("wording.j2").module


def kind_label(pkg: Package) -> str:
    """The unit's name as navigation and lists show it: a 决算 marked as such."""
    return W.final_label.format(unit=pkg.unit) if pkg.final else pkg.unit
