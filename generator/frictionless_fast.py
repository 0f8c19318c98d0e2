"""Frictionless, with six of its hot paths made cheaper and its findings unchanged.

Validating one package makes Frictionless build, export and copy the same descriptors hundreds of times (package,
31 resources, their schemas and fields). Six functions on that path are replaced by equivalents:

- property-name conversion (primaryKey → primary_key), memoized;
- `has_defined(name)`, answered for one name instead of listing every defined property each time;
- the JSON Schema check of a descriptor, remembered when it passed (see `_metadata_validate`);
- the field class for a field type, remembered per type while the registered plugins stay the same;
- deep copies of descriptor parts, done by a plain walk for JSON values (dicts, lists, strings, numbers);
- CSV dialect sniffing, skipped for a table whose dialect declares everything sniffing could find (see
  `_read_cell_stream_create`).

`tests/test_frictionless_fast.py` holds each one to the original.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import json
from copy import deepcopy
from functools import lru_cache
from itertools import chain
from typing import Any

_VALID: set[tuple] = set()
_installed = False

# SHA-256 of the source of the CsvParser.read_cell_stream_create that `_read_cell_stream_create` reproduces; with
# any other Frictionless the original is kept
CSV_READER_SOURCE = "9860c51d7de0206e49c7347d975adce9bf0ba865ece333d55bab7ae0681a2729"
DECLARED = ("delimiter", "quote_char", "skip_initial_space")
_original_csv_reader = None
_original_select_field_class = None
_original_metadata_validate = None


def _has_defined(self, name: str) -> bool:
    """Same answer as `name in self.list_defined()`: assigned explicitly, or differing from its default."""
    if name in self.metadata_assigned:
        return True
    if name not in self.metadata_defaults:
        return False
    value = getattr(self, name, None)
    if isinstance(value, type):
        value = value.__dict__.copy()
    return value != self.metadata_defaults[name]


_JSON_SCALARS = (str, int, float, bool, type(None))


def _copy_json(value: Any) -> Any:
    """`copy.deepcopy` for JSON values, about five times faster; anything else goes to deepcopy itself."""
    kind = type(value)
    if kind is dict:
        return {k: _copy_json(v) for k, v in value.items()}
    if kind is list:
        return [_copy_json(v) for v in value]
    if kind in _JSON_SCALARS:
        return value
    return deepcopy(value)


_field_classes: dict[str, Any] = {}
_field_classes_for: list[Any] = [None]  # the plugin methods the remembered classes were chosen with


def _select_field_class(self, type: str | None = None):
    """The original's answer for a type depends only on the registered plugins (`system.methods`, rebuilt when a
    plugin is registered or removed) and the built-in field classes; errors are not remembered."""
    if not type:
        return _original_select_field_class(self, type)
    methods = self.methods
    if _field_classes_for[0] is not methods:
        _field_classes.clear()
        _field_classes_for[0] = methods
    found = _field_classes.get(type)
    if found is None:
        found = _field_classes[type] = _original_select_field_class(self, type)
    return found


def _read_cell_stream_create(self):
    """Frictionless guesses every CSV's dialect from its first 100 lines (a sixth of a package's validation time)
    and then keeps only what the resource's dialect does not declare. Python's sniffer contributes the delimiter,
    the quote character and skipinitialspace, plus a line terminator that is always "\r\n" and no escape character
    (and csv.excel, used when sniffing fails, has the same two). So for a dialect that declares those three, the
    result of sniffing is known without sniffing: that is what this gives, reading exactly as before."""
    from frictionless.formats.csv.control import CsvControl
    from frictionless.formats.csv.parser import extract_samle

    control = CsvControl.from_dialect(self.resource.dialect)
    if not all(control.has_defined(name) for name in DECLARED):
        yield from _original_csv_reader(self)
        return
    sample = extract_samle(self.loader.text_stream)
    control.set_not_defined("line_terminator", "\r\n", distinct=True)
    yield from csv.reader(chain(sample, self.loader.text_stream), dialect=control.to_python())


def _metadata_validate(cls, descriptor, *, profile=None, error_class=None, context=None):
    """A descriptor's check against its profile depends only on the class, the profile, the standard version in
    force and the descriptor's content, so a pass is remembered by those (by SHA-256 of the content). A descriptor
    with any error is checked again every time and its errors are reported as before."""
    check = _original_metadata_validate
    try:
        content = json.dumps(descriptor, sort_keys=True, ensure_ascii=False)
        given = None if profile is None else json.dumps(profile, sort_keys=True)
    except (TypeError, ValueError):
        yield from check(cls, descriptor, profile=profile, error_class=error_class, context=context)
        return
    version = context.datapackage_version if context is not None else None
    key = (cls, given, error_class, version, hashlib.sha256(content.encode()).digest())
    if key in _VALID:
        return
    errors = list(check(cls, descriptor, profile=profile, error_class=error_class, context=context))
    if not errors:
        _VALID.add(key)
    yield from errors


def install() -> None:
    """Put the six replacements in place, once per process."""
    global _installed, _original_metadata_validate, _original_select_field_class, _original_csv_reader
    if _installed:
        return
    from frictionless.formats.csv.parser import CsvParser
    from frictionless.metadata import metadata as metadata_module
    from frictionless.metadata.metadata import Metadata
    from frictionless.system.system import System
    from frictionless.vendors import stringcase

    stringcase.snakecase = lru_cache(maxsize=4096)(stringcase.snakecase)
    stringcase.camelcase = lru_cache(maxsize=4096)(stringcase.camelcase)
    Metadata.has_defined = _has_defined
    _original_metadata_validate = Metadata.__dict__["metadata_validate"].__func__
    Metadata.metadata_validate = classmethod(_metadata_validate)
    metadata_module.deepcopy = _copy_json
    _original_select_field_class = System.select_field_class
    System.select_field_class = _select_field_class
    original = CsvParser.read_cell_stream_create
    if hashlib.sha256(inspect.getsource(original).encode()).hexdigest() == CSV_READER_SOURCE:
        _original_csv_reader = original
        CsvParser.read_cell_stream_create = _read_cell_stream_create
    _installed = True
