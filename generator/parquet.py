"""The long table as Parquet, for data tools (pandas, DuckDB, R, Spark): typed columns instead of text, the
amount in 元 as an exact decimal (decimal128 with the largest scale of the data, never a float), codes as text."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from decimal import Decimal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from .bulk import COLUMNS, long_table
from .package import Package

MEDIA_TYPE = "application/vnd.apache.parquet"
_INTEGERS = {"year": pa.int16(), "row": pa.int32()}
_MAX_DECIMAL128 = 38


def decimal_type(values: Iterable[Decimal]) -> pa.DataType:
    """The narrowest decimal that holds every value exactly: the largest scale, and room for the largest whole
    part (decimal256 past 38 digits)."""
    scale = whole = 0
    for d in values:
        exponent = int(d.as_tuple().exponent)
        digits = len(d.as_tuple().digits)
        scale = max(scale, -exponent)
        whole = max(whole, digits + exponent)
    precision = max(1, whole + scale)
    return pa.decimal128(precision, scale) if precision <= _MAX_DECIMAL128 else pa.decimal256(precision, scale)


def long_parquet(pkgs: Iterable[Package]) -> bytes:
    """The long table (bulk.COLUMNS) as one Parquet file: year and row integers, amount_yuan a decimal, the rest
    text as written in the CSV; the Chinese column titles in the file's metadata."""
    frame = long_table(list(pkgs))
    amounts = [None if v is None else Decimal(v) for v in frame["amount_yuan"]]
    columns = []
    for name, _ in COLUMNS:
        if name == "amount_yuan":
            kind = decimal_type(a for a in amounts if a is not None)
            columns.append(pa.array(amounts, type=kind))
        elif name in _INTEGERS:
            columns.append(pa.array(frame[name].tolist(), type=_INTEGERS[name]))
        else:
            columns.append(pa.array([None if v is None else str(v) for v in frame[name]], type=pa.string()))
    titles = {name: title for name, title in COLUMNS}
    table = pa.Table.from_arrays(
        columns,
        names=[n for n, _ in COLUMNS],
        metadata={"titles": json.dumps(titles, ensure_ascii=False)},
    )
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()
