"""Hold-out experiments: arms with their own mechanics, a hold-out, and the lift between them."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.experiments import service
from server.experiments.api import ExperimentController


def install(reg: Registry) -> None:
    reg.mechanic_gates.append(service.withheld)


FEATURE = Feature("experiments", routes=(ExperimentController,), install=install)
