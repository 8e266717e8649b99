"""Accounts: orgs, teams, users, sign-in and org API keys."""

from __future__ import annotations

from server.accounts import api_keys
from server.accounts.api import OrgController, PublicController
from server.core.feature import Feature
from server.core.runtime import Registry


def install(reg: Registry) -> None:
    reg.token_resolvers["api_key"] = api_keys.principal_for


FEATURE = Feature("accounts", routes=(PublicController, OrgController), install=install)
