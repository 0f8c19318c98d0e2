"""The site's own words outside the page templates (navigation, chart titles, places, labels), read from
templates/wording.j2 as that template's module: its `set` variables and macros."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True)
W: Any = _ENV.get_template("wording.j2").module


def text(value: object) -> str:
    """A macro's result as plain text (macros return escaped markup; it is escaped again where it is shown)."""
    return Markup(value).unescape() if isinstance(value, Markup) else str(value)
