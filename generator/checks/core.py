"""What every check is made of: printed figures (cells) with their units, exact identities between them, and the
result type. All arithmetic is exact (Decimal). A difference that the rounding of the printed figures can explain (at
most half a unit of the last printed digit of each figure involved) is a warning; anything larger is an error.
Figures in different units are converted exactly into the unit of the figure they are compared with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import catalogue as cat
from ..amounts import amount, plain, say
from ..package import Resource

PASS, ROUNDING, ERROR, UNCHECKED, SOURCE_ERROR = cat.PASS, cat.ROUNDING, cat.ERROR, cat.UNCHECKED, cat.SOURCE_ERROR
SEVERITY = {PASS: "ok", ROUNDING: "warning", ERROR: "error", UNCHECKED: "info", SOURCE_ERROR: "source-error"}
ZERO = Decimal(0)


@dataclass(frozen=True)
class Cell:
    """One printed figure: its value (blank = 0), half a unit of its last printed digit, its unit, and where it is."""

    value: Decimal
    tol: Decimal
    ref: tuple[str, int, str]  # resource, CSV row number (header = 1) or paragraph, field
    blank: bool
    label: str
    unit: str = ""

    def to(self, unit: str) -> Cell:
        """The same figure in another unit, exactly (its rounding allowance too)."""
        if unit == self.unit or not unit or not self.unit:
            return self
        k = cat.unit_factor(self.unit, unit)
        return Cell(self.value * k, self.tol * k, self.ref, self.blank, self.label, unit)


@dataclass(frozen=True)
class Result:
    check: str
    status: str
    resource: str | None
    row: int | None
    field: str | None
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    explanation: str
    cells: tuple[tuple[str, int, str], ...] = ()
    tolerance: Decimal | None = None  # the rounding allowance of an identity (Σ half units of its figures)
    unit: str = ""  # the unit of expected, actual and difference

    @property
    def severity(self) -> str:
        return SEVERITY[self.status]

    def key(self) -> tuple:
        return (self.check, self.status, self.resource, self.row, self.field, self.difference)


def half_unit(printed: str) -> Decimal:
    exponent = Decimal(printed).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


def cell(res: Resource, index: int, field: str, label: str = "") -> Cell:
    raw = res.rows[index].get(field)
    ref = (res.name, index + 2, field)
    if raw is None:
        return Cell(ZERO, ZERO, ref, True, label, res.unit)
    text = str(raw)
    return Cell(Decimal(text), half_unit(text), ref, False, label, res.unit)


fmt = plain  # figures in the check results' CSV: digits only, the unit is a column of its own


def identity(
    check: str,
    target: Cell,
    parts: list[Cell],
    what: str,
    wording: tuple[str, str] = ("表中为", "按各项相加应为"),
) -> Result | None:
    """target = Σ parts (converted into the target's unit), within the rounding of the printed figures. None when
    every figure is blank; unchecked when the target is blank and its parts are not (a total left out of the print
    is not a total of 0)."""
    if target.blank and all(p.blank for p in parts):
        return None
    unit = target.unit
    printed = len(parts) == 1 and parts[0].unit == unit  # one printed figure, shown as printed (7,000.00)
    parts = [p.to(unit) for p in parts]
    if target.blank and any(p.value != 0 for p in parts):
        res, row, field = target.ref
        expected = sum((p.value for p in parts), ZERO)
        explanation = f"{what}：原表此格空白（未印数字），{wording[1]}{say(expected, unit)}，未核对。"
        return Result(check, UNCHECKED, res, row, field, expected, None, None, explanation, (target.ref,), unit=unit)
    expected = sum((p.value for p in parts), ZERO)
    diff = target.value - expected
    tol = target.tol + sum((p.tol for p in parts), ZERO)
    res, row, field = target.ref
    if diff == 0:
        status, note = PASS, "一致。"
    elif abs(diff) <= tol:
        status, note = (
            ROUNDING,
            f"相差{say(diff, unit)}，在各印刷数字末位舍入可能造成的误差（±{say(tol.normalize(), unit)}）以内。",
        )
    else:
        status, note = ERROR, f"相差{say(diff, unit)}，超出舍入可能造成的误差（±{say(tol.normalize(), unit)}）。"
    shown = amount(expected, unit) if printed else say(expected, unit)
    explanation = f"{what}：{wording[0]}{amount(target.value, unit)}，{wording[1]}{shown}。{note}"
    cells = (target.ref, *(p.ref for p in parts))
    return Result(check, status, res, row, field, expected, target.value, diff, explanation, cells, tol, unit)


def same(check: str, a: Cell, b: Cell, what: str) -> Result | None:
    """The same figure printed in two places."""
    return identity(check, a, [b], what)
