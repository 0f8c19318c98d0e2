"""Work as tasks on Dask (dask.distributed): on this machine's cores, or on a cluster given its scheduler's address.

What runs as tasks: importing documents (`budgetsite import DIR`), reading + validating + checking packages, and
building a year's shards. A task's function and its arguments travel to a worker pickled; its result (or its
error, a GeneratorError with its one-line message and file) comes back the same way, so a run on a cluster reports
what a run in one process reports. Workers of a cluster must see the project's files at the same paths (a shared
file system): tasks name files, they do not carry them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LOCAL = "local"  # --scheduler local: a cluster of worker processes on this machine


def local_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class Tasks:
    """A Dask client: `map` runs a function over items on the cluster's workers, results in order of the items;
    `as_completed` yields (index, result, error) as each ends, for progress."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        if not items:
            return []
        futures = self.client.map(fn, items, pure=False)
        return list(self.client.gather(futures))

    def as_completed(
        self, fn: Callable[[Any], Any], items: list[Any]
    ) -> Iterator[tuple[int, Any, BaseException | None]]:
        from dask.distributed import as_completed

        futures = self.client.map(fn, items, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            error = future.exception()
            yield index[future.key], None if error else future.result(), error

    __call__ = map  # a runner: Tasks(client)(fn, items)


@contextmanager
def connect(scheduler: str | None = LOCAL, workers: int | None = None) -> Iterator[Tasks]:
    """Tasks on the cluster at `scheduler` (tcp://host:8786), or on `workers` local worker processes (one thread
    each: the work holds the GIL) for `local` or None."""
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler and scheduler != LOCAL:
        with Client(scheduler) as client:
            yield Tasks(client)
        return
    # a task may start processes of its own (the PDF reader reads pages on two): workers must not be daemons
    dask.config.set({"distributed.worker.daemon": False})
    cluster = LocalCluster(
        n_workers=workers or local_workers(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: no clash with another cluster on this machine
        silence_logs=40,  # errors only: a task's own error is reported by the caller, in one line
    )
    try:
        with Client(cluster) as client:
            yield Tasks(client)
    finally:
        cluster.close()
