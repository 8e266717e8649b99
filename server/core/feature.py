"""What a feature package declares: its HTTP routes and how it plugs into the registry.

Each feature has a `feature.py` with one `FEATURE`; `server/features.py` lists them in the
order their hooks run. Nothing in the core imports a feature.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from litestar.types import ControllerRouterHandler

from server.core.runtime import Registry


def _nothing(_: Registry) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    routes: Sequence[ControllerRouterHandler] = ()
    #: registers the feature's hooks, sinks, jobs and token resolvers
    install: Callable[[Registry], None] = _nothing
