"""Displays: office TV screens, their pairing and their read-only tokens."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.displays import service
from server.displays.api import DisplayController, DisplayPairingController


def install(reg: Registry) -> None:
    reg.token_resolvers["display"] = service.principal_for


FEATURE = Feature("displays", routes=(DisplayPairingController, DisplayController), install=install)
