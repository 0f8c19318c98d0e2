"""The long table as Parquet, for data tools (pandas, DuckDB, R, Spark): typed columns instead of text, the
amount in 元 as an exact decimal (decimal128 with the largest scale of the data, never a float), codes as text."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from decimal import Decimal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from ..package import Package
from .long import COLUMNS, NAMES, long_rows

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


ROW_GROUP = 131_072  # rows a row group holds: what the writer keeps in memory at once


def long_parquet(pkgs: Iterable[Package]) -> bytes:
    """The long table (bulk.COLUMNS) as one Parquet file: year and row integers, amount_yuan a decimal, the rest
    text as written in the CSV; the Chinese column titles in the file's metadata. Written a row group at a time:
    a first pass finds the decimal type that holds every amount, a second writes the rows."""
    pkgs = list(pkgs)
    kind = decimal_type(Decimal(r.amount_yuan) for p in pkgs for r in long_rows(p) if r.amount_yuan is not None)
    types = [kind if n == "amount_yuan" else _INTEGERS.get(n, pa.string()) for n in NAMES]
    titles = {name: title for name, title in COLUMNS}
    schema = pa.schema(
        [pa.field(n, t) for n, t in zip(NAMES, types, strict=True)],
        metadata={"titles": json.dumps(titles, ensure_ascii=False)},
    )
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, schema) as writer:
        rows: list[tuple] = []
        for p in pkgs:
            rows += long_rows(p)
            while len(rows) >= ROW_GROUP:
                writer.write_table(_table(rows[:ROW_GROUP], schema))
                del rows[:ROW_GROUP]
        if rows or not pkgs:
            writer.write_table(_table(rows, schema))
    return buf.getvalue()


def _table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    columns = []
    for j, field in enumerate(schema):
        values = [r[j] for r in rows]
        if pa.types.is_decimal(field.type):
            values = [None if v is None else Decimal(v) for v in values]
        elif pa.types.is_string(field.type):
            values = [None if v is None else str(v) for v in values]
        columns.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)
