"""Work side by side on this machine: a function mapped over items on processes forked from this one.

A forked process inherits this process's heap, so neither the function nor the items are pickled (a closure, or a
partial over every package read so far, costs nothing to hand over); a worker is sent only the index of its item,
and only its result comes back pickled. Work spread over a cluster goes through Dask instead (generator/tasks.py).
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MOST = 2  # processes at once: the cores of the machine this runs on, at most this many


def available() -> int:
    """How many processes work side by side here: one a core, at most MOST."""
    return max(1, min(MOST, os.cpu_count() or 1))


@contextmanager
def inherited_heap_frozen() -> Iterator[None]:
    """Around forking workers: the objects that exist now are left out of garbage collection (gc.freeze), so a
    worker's collections do not walk, and copy page by page, the whole heap it inherited (every package read so
    far). They are handed back to the collector afterwards."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Conditions under which a process must not fork: a library whose runtime started threads in this process (a forked
# child has the runtime's state but not its threads, and waits for them for ever)
_UNSAFE: list[Callable[[], bool]] = []


def unsafe_to_fork_when(started: Callable[[], bool]) -> None:
    """Register a library's runtime: while `started()` is true, fork_map works in this process."""
    _UNSAFE.append(started)


# what the forked workers inherit instead of receiving it pickled: each map's function and items, by its number
# (a number each, so that maps started in threads, or inside a worker, do not take each other's)
_MAPS: dict[int, tuple[Callable[[Any], Any], Sequence[Any]]] = {}
_NUMBERS = itertools.count()


def _one(number: int, k: int) -> Any:
    fn, items = _MAPS[number]
    return fn(items[k])


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    processes: int | None = None,
    chunksize: int = 1,
    meanwhile: Callable[[], None] | None = None,
) -> list[R]:
    """`fn` of each item, in the order of the items, on `processes` processes forked from this one (None: as many
    as `available`; never more than there are items), with the inherited heap frozen. With one process (or one
    item), or once a runtime that cannot be forked has started here (`unsafe_to_fork_when`), it runs here, one item
    after another. `meanwhile` runs in this process while the workers work (before
    the items, when they run here). A worker's error is raised here, as it was raised there."""
    n = min(available() if processes is None else processes, len(items))
    if n <= 1 or any(started() for started in _UNSAFE):
        if meanwhile is not None:
            meanwhile()
        return [fn(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    number = next(_NUMBERS)
    _MAPS[number] = (fn, items)
    try:
        context = multiprocessing.get_context("fork")
        with inherited_heap_frozen(), ProcessPoolExecutor(n, mp_context=context) as pool:
            pending = pool.map(_one, itertools.repeat(number, len(items)), range(len(items)), chunksize=chunksize)
            if meanwhile is not None:
                meanwhile()
            return list(pending)
    finally:
        del _MAPS[number]
