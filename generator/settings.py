"""The settings of a run, read once where it starts (the command line, and the library's `build`, `publish` and
`ingest` when not given them): the project, its terms from pyproject.toml, the address it is published at, the site
engine, the shard size, where a year's throwaway project goes and how many processes work side by side. The code
below those entry points takes them (or the one value it needs) as an argument, and reads neither the environment
nor pyproject.toml."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .engine import DEFAULT_MODULE as DEFAULT_ENGINE
from .errors import GeneratorError
from .terms import Terms, project_terms
from .workers import available

ENGINE_ENV = "BUDGETSITE_ENGINE"  # the engine's module (engine.py): the default, or one that reads the same config
SHARD_ENV = "BUDGETSITE_SHARD_UNITS"
SHARD_UNITS = 100  # units a shard builds at most: a year of more is built in several builds, side by side
SCRATCH_ENV = "BUDGETSITE_SCRATCH"  # where a year's throwaway project is written (default: chosen by its size)


@dataclass(frozen=True)
class Settings:
    # the project (mkdocs.yml, docs/, datapackages/); for an import, the directory its packages are written to
    root: Path = Path(".")
    terms: Terms = field(default_factory=Terms)  # [tool.budgetsite.terms] of the project's pyproject.toml
    # publish --site-url: the address the published directory is served from (citations without it: terms.site_url)
    site_url: str | None = None
    engine: str = DEFAULT_ENGINE  # $BUDGETSITE_ENGINE
    shard_units: int = SHARD_UNITS  # $BUDGETSITE_SHARD_UNITS
    scratch: str | None = None  # $BUDGETSITE_SCRATCH
    workers: int = field(default_factory=available)  # processes forked on this machine to work side by side

    @classmethod
    def load(
        cls, root: Path | None = None, site_url: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """The settings of a run in the project at `root` (its terms: those of the first pyproject.toml at or
        above it; without `root`, the default terms), from the environment (`environ`, by default this process's)
        and the command line's `site_url`."""
        env = os.environ if environ is None else environ
        return cls(
            root=root.resolve() if root is not None else Path("."),
            terms=project_terms(root) if root is not None else Terms(),
            site_url=site_url,
            engine=env.get(ENGINE_ENV, DEFAULT_ENGINE),
            shard_units=_shard_units(env.get(SHARD_ENV)),
            scratch=env.get(SCRATCH_ENV) or None,
        )


def _shard_units(given: str | None) -> int:
    if not given:
        return SHARD_UNITS
    if not given.strip().isdigit():
        raise GeneratorError(
            f"{SHARD_ENV} is the number of units a shard builds at most (a whole number), not {given!r}"
        )
    return max(1, int(given))
