"""Amounts as readers see them: the figure as printed, with thousands separators, followed by the unit of the table
it comes from. Every figure on a page, in a check sentence or in a chart goes through `amount` or `grouped`; the
unit is always passed in, never assumed."""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal | str | None) -> str:
    """A Decimal as digits (no exponent; a whole number without trailing zeros after normalising)."""
    if value is None:
        return ""
    d = Decimal(value)
    return format(d.normalize(), "f") if d == d.to_integral() else format(d, "f")


def grouped(value: Decimal | str | None) -> str:
    """Thousands separators on the whole part; the decimals exactly as given (853.70 stays 853.70). A computed
    figure that should read as a whole number is passed through `plain` first."""
    if value is None or value == "":
        return ""
    text = value if isinstance(value, str) else format(value, "f")
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-+").partition(".")
    return f"{sign}{int(whole or '0'):,}{dot}{frac}"


def amount(value: Decimal | str | None, unit: str) -> str:
    """A figure with its unit, as a sentence states it: 2,932,700元, 853.77万元."""
    return f"{grouped(value)}{unit}" if value is not None and value != "" else ""


def say(value: Decimal | None, unit: str) -> str:
    """A computed figure in a sentence: whole numbers without trailing zeros, then `amount`."""
    return amount(plain(value), unit) if value is not None else ""


def exact(value: Decimal | None) -> str:
    """A converted amount written out exactly: 4,412,547 元 is 441.2547 万元, and 853.70 万元 stays 853.70."""
    return "" if value is None else format(value, "f")
